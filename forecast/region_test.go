package forecast

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// validRegion is tinyProgrammes' region with every part Validate looks at
// filled in: early retirement, mobility, trainers, ranges and costs.
func validRegion() *Region {
	r := tinyProgrammes(tinyRegion(), 100)
	r.EarlyRetirementRate, r.AbsenceRate = 0.1, 0.05
	r.Cells[VVT][Mbo3].MobilityRate = 0.05
	r.Cells[VVT][Mbo3].MobilityAttraction, r.Cells[GGZ][Mbo3].MobilityAttraction = 0.6, 0.4
	r.Cells[VVT][Mbo3].LateralEntry, r.Cells[VVT][Mbo3].Returners = 10, 5
	r.Programmes[Hbo][HboVoltijd] = Programme{DurationYears: 4, Dropout: []float64{0.2, 0.1, 0.05, 0.05}, SectorYield: 0.6,
		Candidates: 50, CandidateGrowth: 0.01, PlaceUse: 0.5, EntryAge: 22, Enrolled: []float64{50, 40, 36, 34}, CostPerStudentYear: 9000}
	r.Cells[GGZ][Hbo].GraduateShare = 1
	r.Uncertainty = Uncertainty{Dropout: Range{0.8, 1.2}, SectorYield: Range{0.9, 1.1}, OtherOutflow: Range{0.9, 1.1},
		PartTimeFactor: Range{0.97, 1.03}, DemandGrowth: Range{-0.005, 0.005}}
	r.Costs = Costs{PerRetainedWorker: 1, PerLateralEntrant: 1, PerContractFTE: 1, PerTrainingPlace: 1, PerAbsenceFTE: 1,
		PerDemandFTE: 1, PerPastPensionWorker: 1, PerGraduateHired: 1}
	return r
}

// Validate refuses each value just outside its range, naming the field in
// the terms of the region file, and accepts the values at the edges of the
// range.
func TestValidateNamesEachProblem(t *testing.T) {
	inf := math.Inf(1)
	vvt := func(r *Region) *Cell { return &r.Cells[VVT][Mbo3] }
	bbl := func(r *Region) *Programme { return &r.Programmes[Mbo3][BBL] }
	tests := []struct {
		name  string
		edit  func(r *Region)
		field string // "" for a valid region
	}{
		{"as built", func(*Region) {}, ""},
		{"base year 1899", func(r *Region) { r.BaseYear = 1899 }, "base_year"},
		{"base year 1900", func(r *Region) { r.BaseYear = 1900 }, ""},
		{"base year 2200", func(r *Region) { r.BaseYear = 2200 }, ""},
		{"base year 2201", func(r *Region) { r.BaseYear = 2201 }, "base_year"},
		{"pension age 54", func(r *Region) { r.PensionAge = 54 }, "pension_age"},
		{"pension age 55", func(r *Region) { r.PensionAge = 55 }, ""},
		{"pension age MaxAge", func(r *Region) { r.PensionAge = MaxAge }, ""},
		{"pension age MaxAge+1", func(r *Region) { r.PensionAge = MaxAge + 1 }, "pension_age"},
		{"stay 0", func(r *Region) { r.StayPastPension = 0 }, ""},
		{"stay 1", func(r *Region) { r.StayPastPension = 1 }, ""},
		{"stay above 1", func(r *Region) { r.StayPastPension = 1.01 }, "stay_past_pension"},
		{"stay below 0", func(r *Region) { r.StayPastPension = -0.01 }, "stay_past_pension"},
		{"stay NaN", func(r *Region) { r.StayPastPension = math.NaN() }, "stay_past_pension"},
		{"past-pension outflow above 1", func(r *Region) { r.PastPensionOutflow = 1.5 }, "past_pension_outflow"},
		{"early retirement below 0", func(r *Region) { r.EarlyRetirementRate = -0.1 }, "early_retirement_rate"},
		{"absence 0", func(r *Region) { r.AbsenceRate = 0 }, ""},
		{"absence 1", func(r *Region) { r.AbsenceRate = 1 }, "absence_rate"},
		{"absence below 0", func(r *Region) { r.AbsenceRate = -0.01 }, "absence_rate"},
		{"yield per hour 0", func(r *Region) { r.SectorYieldPerContractHour = 0 }, ""},
		{"yield per hour negative", func(r *Region) { r.SectorYieldPerContractHour = -0.01 }, "sector_yield_per_contract_hour"},
		{"yield per hour infinite", func(r *Region) { r.SectorYieldPerContractHour = inf }, "sector_yield_per_contract_hour"},
		{"lateral entry age MinAge", func(r *Region) { r.LateralEntryAge = MinAge }, ""},
		{"lateral entry age below MinAge", func(r *Region) { r.LateralEntryAge = MinAge - 1 }, "lateral_entry_age"},
		{"lateral entry age P-1", func(r *Region) { r.LateralEntryAge = 66 }, ""},
		{"lateral entry age P", func(r *Region) { r.LateralEntryAge = 67 }, "lateral_entry_age"},
		{"returner age P", func(r *Region) { r.ReturnerAge = 67 }, "returner_age"},
		{"returner age P-1", func(r *Region) { r.ReturnerAge = 66 }, ""},
		{"returner age MinAge", func(r *Region) { r.ReturnerAge = MinAge }, ""},
		{"returner age below MinAge", func(r *Region) { r.ReturnerAge = MinAge - 1 }, "returner_age"},
		{"headcount negative", func(r *Region) { vvt(r).Headcount[40-MinAge] = -1 }, "cells[vvt][mbo3].headcount[age 40]"},
		{"headcount infinite", func(r *Region) { vvt(r).Headcount[MaxAge-MinAge] = inf }, "cells[vvt][mbo3].headcount[age 74]"},
		{"part-time 0", func(r *Region) { vvt(r).PartTimeFactor = 0 }, "cells[vvt][mbo3].part_time_factor"},
		{"part-time 1", func(r *Region) { vvt(r).PartTimeFactor = 1 }, ""},
		{"part-time above 1", func(r *Region) { vvt(r).PartTimeFactor = 1.01 }, "cells[vvt][mbo3].part_time_factor"},
		{"outflow 1 at 59", func(r *Region) { vvt(r).OtherOutflowRate[59-MinAge] = 1 }, ""},
		{"outflow 1 - early at 60", func(r *Region) { vvt(r).OtherOutflowRate[60-MinAge] = 0.9 }, ""},
		{"outflow above 1 - early at 60", func(r *Region) { vvt(r).OtherOutflowRate[60-MinAge] = 0.91 }, "cells[vvt][mbo3].other_outflow_rate[age 60]"},
		{"outflow negative", func(r *Region) { vvt(r).OtherOutflowRate[0] = -0.01 }, "cells[vvt][mbo3].other_outflow_rate[age 15]"},
		// Beside a bad rate, rates of 0 and rates at the limit are fine.
		{"outflow above 1 beside zero rates", func(r *Region) { r.Cells[GGZ][Mbo3].OtherOutflowRate[30-MinAge] = 1.5 }, "cells[ggz][mbo3].other_outflow_rate[age 30]"},
		{"outflow negative beside a rate at the limit", func(r *Region) {
			vvt(r).OtherOutflowRate[60-MinAge], vvt(r).OtherOutflowRate[0] = 0.9, -0.01
		}, "cells[vvt][mbo3].other_outflow_rate[age 15]"},
		{"mobility above 1", func(r *Region) { vvt(r).MobilityRate = 1.1 }, "cells[vvt][mbo3].mobility_rate"},
		{"attraction not summing to 1", func(r *Region) { r.Cells[GGZ][Mbo3].MobilityAttraction = 0.3 }, "cells[*][mbo3].mobility_attraction"},
		{"attraction without mobility", func(r *Region) { r.Cells[GGZ][Mbo2].MobilityAttraction = 0.3 }, ""},
		{"demand growth -0.5", func(r *Region) { vvt(r).DemandGrowth = -0.5 }, "cells[vvt][mbo3].demand_growth"},
		{"demand growth 0.5", func(r *Region) { vvt(r).DemandGrowth = 0.5 }, "cells[vvt][mbo3].demand_growth"},
		{"demand growth 0.49", func(r *Region) { vvt(r).DemandGrowth = 0.49 }, ""},
		{"vacancies negative", func(r *Region) { vvt(r).OpenVacanciesFTE = -1 }, "cells[vvt][mbo3].open_vacancies_fte"},
		{"lateral entry negative", func(r *Region) { vvt(r).LateralEntry = -1 }, "cells[vvt][mbo3].lateral_entry"},
		{"returners negative", func(r *Region) { vvt(r).Returners = -1 }, "cells[vvt][mbo3].returners"},
		{"graduate shares not summing to 1", func(r *Region) { r.Cells[GGZ][Hbo].GraduateShare = 0.9 }, "cells[*][hbo].graduate_share"},
		{"graduate shares without programme", func(r *Region) { r.Cells[GGZ][Mbo2].GraduateShare = 0.5 }, ""},
		{"trainer's branch unknown", func(r *Region) { r.Trainers[0].Branch = Branch(NumBranches) }, "trainers[0 vvt].branch"},
		{"trainer's care FTE negative", func(r *Region) { r.Trainers[0].CareFTE = -1 }, "trainers[0 vvt].care_fte"},
		{"trainer's places negative", func(r *Region) { r.Trainers[0].Places[Mbo3][BBL] = -1 }, "trainers[0 vvt].places[mbo3][BBL]"},
		{"places for a programme not run", func(r *Region) { r.Trainers[0].Places[Mbo2][BBL] = 1 }, "trainers[0 vvt].places[mbo2][BBL]"},
		{"student hours negative", func(r *Region) { r.Training.StudentHours[BOL] = -1 }, "training.student_hours[BOL]"},
		{"place hours negative", func(r *Region) { r.Training.PlaceHours[BBL] = -1 }, "training.place_hours[BBL]"},
		{"range low above mode", func(r *Region) { r.Uncertainty.Dropout = Range{1.1, 1.2} }, "uncertainty.dropout"},
		{"range high below mode", func(r *Region) { r.Uncertainty.SectorYield = Range{0.8, 0.9} }, "uncertainty.sector_yield"},
		{"range low below 0", func(r *Region) { r.Uncertainty.OtherOutflow = Range{-0.1, 1} }, "uncertainty.other_outflow"},
		{"range high above 10", func(r *Region) { r.Uncertainty.PartTimeFactor = Range{1, 10.5} }, "uncertainty.part_time_factor"},
		{"range at its edges", func(r *Region) { r.Uncertainty.PartTimeFactor = Range{0, 10} }, ""},
		{"growth range above 0.2", func(r *Region) { r.Uncertainty.DemandGrowth = Range{0, 0.21} }, "uncertainty.demand_growth"},
		{"growth range at its edges", func(r *Region) { r.Uncertainty.DemandGrowth = Range{-0.2, 0.2} }, ""},
		{"growth range above mode", func(r *Region) { r.Uncertainty.DemandGrowth = Range{0.01, 0.02} }, "uncertainty.demand_growth"},
		{"cost negative", func(r *Region) { r.Costs.PerGraduateHired = -1 }, "costs.per_graduate_hired"},
		{"cost of a retained worker negative", func(r *Region) { r.Costs.PerRetainedWorker = -1 }, "costs.per_retained_worker"},
		{"students without a duration", func(r *Region) { r.Programmes[Mbo2][BOL] = Programme{Candidates: 10} }, "programmes[mbo2][BOL].duration"},
		{"dropout without a duration", func(r *Region) { r.Programmes[Mbo2][BOL] = Programme{Dropout: []float64{0.1}} }, "programmes[mbo2][BOL].duration"},
		{"enrolment without a duration", func(r *Region) { r.Programmes[Mbo2][BOL] = Programme{Enrolled: []float64{1}} }, "programmes[mbo2][BOL].duration"},
		{"route not taught", func(r *Region) {
			r.Programmes[Mbo2][HboVoltijd] = Programme{DurationYears: 1, Dropout: []float64{0}, Enrolled: []float64{0}, EntryAge: 20}
			r.Cells[GGZ][Mbo2].GraduateShare = 1
		}, "programmes[mbo2][hbo-voltijd].route"},
		{"duration 9", func(r *Region) { bbl(r).DurationYears = 9 }, "programmes[mbo3][BBL].duration"},
		{"duration 8", func(r *Region) {
			p := bbl(r)
			p.DurationYears, p.Dropout, p.Enrolled = 8, make([]float64, 8), make([]float64, 8)
		}, ""},
		{"dropout rates short", func(r *Region) { bbl(r).Dropout = []float64{0.1} }, "programmes[mbo3][BBL].dropout"},
		{"dropout above 1", func(r *Region) { bbl(r).Dropout[1] = 1.2 }, "programmes[mbo3][BBL].dropout[2]"},
		{"enrolment short", func(r *Region) { bbl(r).Enrolled = []float64{1, 2, 3} }, "programmes[mbo3][BBL].enrolled"},
		{"enrolment negative", func(r *Region) { bbl(r).Enrolled[0] = -1 }, "programmes[mbo3][BBL].enrolled[1]"},
		{"sector yield above 1", func(r *Region) { bbl(r).SectorYield = 1.1 }, "programmes[mbo3][BBL].sector_yield"},
		{"candidates negative", func(r *Region) { bbl(r).Candidates = -1 }, "programmes[mbo3][BBL].candidates"},
		{"candidate growth 0.5", func(r *Region) { bbl(r).CandidateGrowth = 0.5 }, "programmes[mbo3][BBL].candidate_growth"},
		{"candidate growth -0.5", func(r *Region) { bbl(r).CandidateGrowth = -0.5 }, "programmes[mbo3][BBL].candidate_growth"},
		{"place use 2", func(r *Region) { bbl(r).PlaceUse = 2 }, ""},
		{"place use above 2", func(r *Region) { bbl(r).PlaceUse = 2.01 }, "programmes[mbo3][BBL].place_use"},
		{"place use negative", func(r *Region) { bbl(r).PlaceUse = -1 }, "programmes[mbo3][BBL].place_use"},
		{"entry age P", func(r *Region) { bbl(r).EntryAge = 67 }, "programmes[mbo3][BBL].entry_age"},
		{"entry age below MinAge", func(r *Region) { bbl(r).EntryAge = MinAge - 1 }, "programmes[mbo3][BBL].entry_age"},
		{"entry age MinAge", func(r *Region) { bbl(r).EntryAge = MinAge }, ""},
		{"productive FTE above 1", func(r *Region) { bbl(r).ProductiveFTE = 1.5 }, "programmes[mbo3][BBL].productive_fte"},
		{"cost per student year negative", func(r *Region) { bbl(r).CostPerStudentYear = -1 }, "programmes[mbo3][BBL].cost_per_student_year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRegion()
			tt.edit(r)
			err := r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Field != tt.field || ps[0].Found == "" || ps[0].Want == "" {
				t.Fatalf("got %#v, want one problem with %s", err, tt.field)
			}
		})
	}
}

// Validate returns every problem at once.
func TestValidateCollectsAllProblems(t *testing.T) {
	r := validRegion()
	r.BaseYear, r.StayPastPension, r.Cells[VVT][Mbo3].PartTimeFactor = 1800, 2, 0
	var ps Problems
	if err := r.Validate(); !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("got %v, want 3 problems", err)
	}
	if got, want := ps.Error(), "base_year: found 1800, want a year between 1900 and 2200 (and 2 more)"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if got, want := ps[:1].Error(), "base_year: found 1800, want a year between 1900 and 2200"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if Problems(nil).Err() != nil || (Problems{}).Error() != "no problems" {
		t.Error("no problems is not an error")
	}
}

// A cell whose every age is wrong is refused at every age, each age by
// name.
func TestValidateEveryAgeWrong(t *testing.T) {
	inf := math.Inf(1)
	for _, tt := range []struct {
		name  string
		edit  func(c *Cell)
		field string
	}{
		{"headcount negative", func(c *Cell) {
			for a := range c.Headcount {
				c.Headcount[a] = -1
			}
		}, "headcount"},
		{"headcount infinite", func(c *Cell) {
			for a := range c.Headcount {
				c.Headcount[a] = inf
			}
		}, "headcount"},
		{"outflow negative", func(c *Cell) {
			for a := range c.OtherOutflowRate {
				c.OtherOutflowRate[a] = -0.1
			}
		}, "other_outflow_rate"},
		{"outflow above 1", func(c *Cell) {
			for a := range c.OtherOutflowRate {
				c.OtherOutflowRate[a] = 1.5
			}
		}, "other_outflow_rate"},
	} {
		r := validRegion()
		tt.edit(&r.Cells[GGZ][Mbo3])
		var ps Problems
		if err := r.Validate(); !errors.As(err, &ps) || len(ps) != NumAges {
			t.Errorf("%s: %v, want a problem at each of the %d ages", tt.name, err, NumAges)
			continue
		}
		for _, p := range ps {
			if !strings.HasPrefix(p.Field, "cells[ggz][mbo3]."+tt.field+"[age ") {
				t.Errorf("%s: problem with %s", tt.name, p.Field)
			}
		}
	}
}

// Shares over branches (graduates, movers) and over groups (entrants) may
// sum to 1 give or take shareTolerance: a sum off by exactly the tolerance
// is accepted, one off by twice the tolerance refused. The shares are
// halves plus a power of two, so the sums are exact.
func TestValidateShareSumsAtTheTolerance(t *testing.T) {
	const tol = shareTolerance
	var n AgeVector
	n[10] = 5
	type edit func(r *Region, off float64)
	branches := func(set func(c *Cell, x float64)) edit {
		return func(r *Region, off float64) {
			for b := range Branch(NumBranches) {
				set(&r.Cells[b][Mbo3], 0)
			}
			set(&r.Cells[VVT][Mbo3], 0.5+off)
			set(&r.Cells[GGZ][Mbo3], 0.5)
		}
	}
	for _, tc := range []struct {
		name  string
		edit  edit
		field string
	}{
		{"graduate shares", branches(func(c *Cell, x float64) { c.GraduateShare = x }), "cells[*][mbo3].graduate_share"},
		{"mobility attraction", branches(func(c *Cell, x float64) { c.MobilityAttraction = x }), "cells[*][mbo3].mobility_attraction"},
		{"entrant shares", func(r *Region, off float64) {
			r.Groups = []string{"a", "b"}
			c := &r.Cells[VVT][Mbo3]
			c.SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 1, EntrantShare: 0.5 + off}, {PartTimeFactor: 1, EntrantShare: 0.5}})
		}, "cells[vvt][mbo3].groups[*].entrant_share"},
	} {
		for _, off := range []float64{-tol, tol, -2 * tol, 2 * tol} {
			r := validRegion()
			tc.edit(r, off)
			var names []string
			if ps, ok := r.Validate().(Problems); ok {
				for _, p := range ps {
					names = append(names, p.Field)
				}
			}
			refused := slices.Contains(names, tc.field)
			if want := math.Abs(off) > tol; refused != want {
				t.Errorf("%s off by %g: problems %q, want refused %v", tc.name, off, names, want)
			}
		}
	}
}
