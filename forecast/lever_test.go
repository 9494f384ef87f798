package forecast

import (
	"errors"
	"fmt"
	"testing"
)

// oneCell is a region with 1,000 people aged 30 in VVT mbo3, 10% outflow
// at every age, full time.
func oneCell() *Region {
	r := emptyRegion()
	c := &r.Cells[VVT][Mbo3]
	c.Headcount[30-MinAge] = 1000
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.1
	}
	return r
}

// Each lever moves the quantity it acts on by a hand-computed amount.
func TestLeversActWhereTheTableSays(t *testing.T) {
	kort := func(k LeverKind, size float64) []Lever {
		return []Lever{{Kind: k, Size: size, Start: 2026, Horizon: Kort}}
	}
	tests := []struct {
		name   string
		region func() *Region
		levers []Lever
		check  func(t *testing.T, res *Result)
	}{
		{"retention lowers other outflow", oneCell, kort(Retention, 0.2), func(t *testing.T, res *Result) {
			// 2025: 100 leave. 2026: ramp 0, 90 leave. 2027: full,
			// 810 x 0.1 x 0.8 = 64.8 leave.
			expect(t, "outflow 2025", res.Row(2025, VVT, Mbo3).OutflowOther, 100)
			expect(t, "outflow 2026", res.Row(2026, VVT, Mbo3).OutflowOther, 90)
			expect(t, "outflow 2027", res.Row(2027, VVT, Mbo3).OutflowOther, 64.8)
			expect(t, "headcount 2028", res.Row(2028, VVT, Mbo3).Headcount, 745.2)
		}},
		{"larger contracts raise the part-time factor", func() *Region {
			r := oneCell()
			r.Cells[VVT][Mbo3].PartTimeFactor = 0.5
			return r
		}, kort(LargerContracts, 3.6), func(t *testing.T, res *Result) {
			// 3.6 hours = 0.1 FTE more per person: 810 x 0.6 in 2027.
			expect(t, "supply 2027", res.Row(2027, VVT, Mbo3).SupplyFTE, 486)
			expect(t, "fte 2026", res.Row(2026, VVT, Mbo3).WorkforceFTE, 450)
			expect(t, "fte 2025", res.Row(2025, VVT, Mbo3).WorkforceFTE, 500)
		}},
		{"lateral entry adds people", oneCell, []Lever{{Kind: LateralEntry, Size: 100, Start: 2026, Horizon: Kort,
			Scope: ScopeOf([]Branch{VVT}, []Level{Mbo3}, nil)}}, func(t *testing.T, res *Result) {
			expect(t, "lateral 2026", res.Row(2026, VVT, Mbo3).InflowLateral, 0)
			expect(t, "lateral 2027", res.Row(2027, VVT, Mbo3).InflowLateral, 100)
			expect(t, "headcount 2028", res.Row(2028, VVT, Mbo3).Headcount, 729+100)
		}},
		{"demand reduction lowers growth", func() *Region {
			r := oneCell()
			r.Cells[VVT][Mbo3].DemandGrowth = 0.02
			return r
		}, []Lever{{Kind: DemandReduction, Size: 0.015, Start: 2026, Horizon: Middellang}}, func(t *testing.T, res *Result) {
			// 2026 ramp 0: growth 0.02; 2027 ramp 1/3: 0.015; 2028 ramp
			// 2/3: 0.01; 2029: 0.005.
			expect(t, "demand 2027", res.Row(2027, VVT, Mbo3).DemandFTE, 1000*1.02*1.015)
			expect(t, "demand 2029", res.Row(2029, VVT, Mbo3).DemandFTE, 1000*1.02*1.015*1.01*1.005)
		}},
		{"sick leave raises effective FTE", func() *Region {
			r := oneCell()
			r.AbsenceRate = 0.08
			return r
		}, kort(SickLeave, 0.02), func(t *testing.T, res *Result) {
			// availability (1 - 0.06) / (1 - 0.08)
			expect(t, "supply 2026", res.Row(2026, VVT, Mbo3).SupplyFTE, 900)
			expect(t, "supply 2027", res.Row(2027, VVT, Mbo3).SupplyFTE, 810*0.94/0.92)
		}},
		{"intake growth, study yield and sector yield act on the pipeline", programmeRegion, []Lever{
			{Kind: IntakeGrowth, Size: 0.5, Start: 2026, Horizon: Kort, Scope: ScopeOf(nil, nil, []Route{BOL})},
			{Kind: StudyYield, Size: 0.5, Start: 2026, Horizon: Kort},
			{Kind: SectorYield, Size: 0.1, Start: 2026, Horizon: Kort},
		}, func(t *testing.T, res *Result) {
			expect(t, "BOL intake 2026", eduRow(res, 2026, Mbo3, BOL).Intake, 100)
			bol := eduRow(res, 2027, Mbo3, BOL)
			// candidates 100 x 1.5; no cap on BOL places
			expect(t, "BOL intake 2027", bol.Intake, 150)
			// 2027 graduates of BOL: the 100 who started in 2026 lost 20%
			// that year (no effect yet), then 0.1 halved in their last year;
			// sector yield 0.5 + 0.1.
			expect(t, "BOL graduates 2027", bol.Graduates, 100*0.8*0.95)
			expect(t, "BOL hired 2027", bol.GraduatesHired, 100*0.8*0.95*0.6)
		}},
		{"opleidingsquote adds places", programmeRegion, kort(TrainingQuota, 5), func(t *testing.T, res *Result) {
			// 40 BBL places x 800/1280 = 25 training FTE on 1,000 care FTE: a
			// quota of 2.5. Reaching 5 takes 25 FTE more = 40 places.
			expect(t, "BBL places 2027", eduRow(res, 2027, Mbo3, BBL).Places, 80)
			expect(t, "BBL places 2026", eduRow(res, 2026, Mbo3, BBL).Places, 40)
		}},
		{"BOL to BBL moves candidates with their places", programmeRegion, kort(BOLToBBL, 0.5), func(t *testing.T, res *Result) {
			expect(t, "BOL candidates", eduRow(res, 2027, Mbo3, BOL).Candidates, 50)
			expect(t, "BBL candidates", eduRow(res, 2027, Mbo3, BBL).Candidates, 200+50)
			// 50 moved, 2 study years of BBL: places for 50 x (1 + 0.9)
			expect(t, "BBL places", eduRow(res, 2027, Mbo3, BBL).Places, 40+50*1.9)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, run(t, tt.region(), tt.levers, 4))
		})
	}
}

func expect(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s: %g, want %g", what, got, want)
	}
}

func eduRow(res *Result, y int, l Level, rt Route) EducationRow {
	for _, e := range res.Education {
		if e.Year == y && e.Level == l && e.Route == rt {
			return e
		}
	}
	panic("no education row")
}

// programmeRegion teaches mbo3 on BOL (2 years, candidates 100, sector
// yield 0.5) and BBL (2 years, 200 candidates for 40 places).
func programmeRegion() *Region {
	r := oneCell()
	r.Training = TrainingConventions{StudentHours: [NumRoutes]float64{800, 800, 800, 800}, PlaceHours: [NumRoutes]float64{1440, 1280, 1440, 1280}}
	r.Programmes[Mbo3][BOL] = Programme{DurationYears: 2, Dropout: []float64{0.2, 0.1}, SectorYield: 0.5, Candidates: 100,
		EntryAge: 20, Enrolled: []float64{100, 100}}
	r.Programmes[Mbo3][BBL] = Programme{DurationYears: 2, Dropout: []float64{0.1, 0.05}, SectorYield: 0.9, Candidates: 200,
		PlaceUse: 1, EntryAge: 28, ProductiveFTE: 0.5, Enrolled: []float64{20, 20}}
	for b := range Branch(NumBranches) {
		r.Cells[b][Mbo3].GraduateShare = 0
	}
	r.Cells[VVT][Mbo3].GraduateShare = 1
	r.Trainers = []Trainer{{Name: "vvt", Branch: VVT, CareFTE: 1000, Places: placesAt(Mbo3, BBL, 40)}}
	return r
}

// Moving BOL intake to BBL lowers dropout at once, but graduates only
// change once the first moved cohort has studied the full duration.
func TestBOLToBBLPaysOffAfterTheDuration(t *testing.T) {
	r := programmeRegion()
	r.Programmes[Mbo3][BBL].Candidates = 0 // BBL places are free for the movers
	r.Programmes[Mbo3][BOL].Dropout = []float64{0.2, 0.1}
	r.Programmes[Mbo3][BOL].DurationYears = 2
	lever := []Lever{{Kind: BOLToBBL, Size: 0.5, Start: 2026, Horizon: Kort}}
	base, shifted := run(t, r, nil, 6), run(t, r, lever, 6)
	sum := func(res *Result, y int, f func(EducationRow) float64) float64 {
		return f(eduRow(res, y, Mbo3, BOL)) + f(eduRow(res, y, Mbo3, BBL))
	}
	grads := func(e EducationRow) float64 { return e.Graduates }
	drops := func(e EducationRow) float64 { return e.Dropouts }
	// The first moved cohort starts in 2027 and graduates at the end of its
	// second year, 2028.
	for y := 2025; y <= 2031; y++ {
		gb, gs := sum(base, y, grads), sum(shifted, y, grads)
		db, ds := sum(base, y, drops), sum(shifted, y, drops)
		switch {
		case y < 2028 && !near(gb, gs):
			t.Errorf("%d: graduates %g, want the baseline's %g before the duration has passed", y, gs, gb)
		case y >= 2028 && !(gs > gb+1e-9):
			t.Errorf("%d: graduates %g, want more than the baseline's %g", y, gs, gb)
		}
		switch {
		case y < 2027 && !near(db, ds):
			t.Errorf("%d: dropouts %g, want the baseline's %g", y, ds, db)
		case y >= 2027 && !(ds < db-1e-9):
			t.Errorf("%d: dropouts %g, want fewer than the baseline's %g", y, ds, db)
		}
	}
}

// A ramp reaches its full effect exactly RampYears after the start: the
// share of the 3.6 hours' 0.1 FTE per person each year, by hand.
func TestRampsReachFullEffectAtTheHorizon(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lever Lever
		want  []float64 // 2025 to 2033
	}{
		{"kort", Lever{Horizon: Kort}, []float64{0, 0, 1, 1, 1, 1, 1, 1, 1}},
		{"middellang", Lever{Horizon: Middellang}, []float64{0, 0, 1.0 / 3, 2.0 / 3, 1, 1, 1, 1, 1}},
		{"lang", Lever{Horizon: Lang}, []float64{0, 0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1}},
		{"4 years", Lever{Horizon: Kort, HorizonYears: 4}, []float64{0, 0, 0.25, 0.5, 0.75, 1, 1, 1, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := oneCell()
			r.Cells[VVT][Mbo3].PartTimeFactor = 0.5
			lv := tt.lever
			lv.Kind, lv.Size, lv.Start = LargerContracts, 3.6, 2026
			res := run(t, r, []Lever{lv}, 8)
			for i, want := range tt.want {
				row := res.Row(2025+i, VVT, Mbo3)
				if got := (row.WorkforceFTE/row.Headcount - 0.5) / 0.1; !near(got, want) {
					t.Errorf("%d: %g of the effect, want %g", 2025+i, got, want)
				}
			}
		})
	}
}

// A lever that starts in or before the base year is refused: the base
// year is data, and its demand is set from its supply.
func TestLeverStartingInTheBaseYearIsRefused(t *testing.T) {
	r := oneCell()
	for _, start := range []int{2024, 2025} {
		_, err := Run(r, []Lever{{Kind: Retention, Size: 0.1, Start: start, Horizon: Kort}}, Options{})
		var se *StartError
		if !errors.As(err, &se) || se.Start != start || se.BaseYear != 2025 {
			t.Errorf("start %d: got %v, want a StartError", start, err)
			continue
		}
		if want := fmt.Sprintf("lever behoud: start %d, want a year after the base year 2025", start); err.Error() != want {
			t.Errorf("start %d: %q, want %q", start, err, want)
		}
	}
	if _, err := Run(r, []Lever{{Kind: Retention, Size: 0.1, Start: 2026, Horizon: Kort}}, Options{}); err != nil {
		t.Errorf("start 2026: %v", err)
	}
}
