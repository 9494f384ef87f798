package scenarios

import (
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"raat/forecast"
)

// costRegion is a small region with unit costs that tell the levers apart:
// VVT mbo3 has 1,000 people aged 40 leaving at 10% a year, part-time 0.5,
// demand growing 2%, 50 FTE open; GGZ mbo3 100 people aged 64 who never
// leave early and reach the pension age (67) in 2027, 20% of them staying
// on; sick leave is 8%.
func costRegion() *forecast.Region {
	r := &forecast.Region{Name: "kosten", BaseYear: 2025, PensionAge: 67, StayPastPension: 0.2, PastPensionOutflow: 0.5,
		AbsenceRate: 0.08, LateralEntryAge: 35, ReturnerAge: 40,
		Uncertainty: forecast.Uncertainty{Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
			OtherOutflow: forecast.Range{Low: 1, High: 1}, PartTimeFactor: forecast.Range{Low: 1, High: 1}},
		Costs: forecast.Costs{PerRetainedWorker: 1000, PerLateralEntrant: 2000, PerContractFTE: 3000, PerTrainingPlace: 4000,
			PerAbsenceFTE: 5000, PerDemandFTE: 6000, PerPastPensionWorker: 7000, PerGraduateHired: 8000},
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].PartTimeFactor = 1
		}
	}
	c := &r.Cells[forecast.VVT][forecast.Mbo3]
	c.Headcount[40-forecast.MinAge] = 1000
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.1
	}
	c.PartTimeFactor, c.DemandGrowth, c.OpenVacanciesFTE = 0.5, 0.02, 50
	r.Cells[forecast.GGZ][forecast.Mbo3].Headcount[64-forecast.MinAge] = 100
	return r
}

// costProgrammes is a region of students only: mbo3 on BOL (2 years,
// dropout 20% and 25%, 200 candidates, no place cap, enrolment 200 and
// 160, 5,000 euro a student-year) and on BBL (2 years, dropout 10% and
// 20%, 200 candidates for 100 places at one trainer with 1,000 care FTE,
// a place one training FTE, enrolment 50 and 40, 10,000 euro a
// student-year); graduates go to VVT.
func costProgrammes() *forecast.Region {
	r := costRegion()
	r.Cells[forecast.VVT][forecast.Mbo3] = forecast.Cell{PartTimeFactor: 1, GraduateShare: 1}
	r.Cells[forecast.GGZ][forecast.Mbo3].Headcount = forecast.AgeVector{}
	r.Programmes[forecast.Mbo3][forecast.BOL] = forecast.Programme{DurationYears: 2, Dropout: []float64{0.2, 0.25}, SectorYield: 0.4,
		Candidates: 200, EntryAge: 19, Enrolled: []float64{200, 160}, CostPerStudentYear: 5000}
	r.Programmes[forecast.Mbo3][forecast.BBL] = forecast.Programme{DurationYears: 2, Dropout: []float64{0.1, 0.2}, SectorYield: 0.5,
		Candidates: 200, PlaceUse: 1, EntryAge: 20, ProductiveFTE: 0.5, Enrolled: []float64{50, 40}, CostPerStudentYear: 10000}
	var places [forecast.NumLevels][forecast.NumRoutes]float64
	places[forecast.Mbo3][forecast.BBL] = 100
	r.Trainers = []forecast.Trainer{{Name: "vvt", Branch: forecast.VVT, CareFTE: 1000, Places: places}}
	r.Training = forecast.TrainingConventions{StudentHours: [forecast.NumRoutes]float64{800, 1280, 800, 1280},
		PlaceHours: [forecast.NumRoutes]float64{1440, 1280, 1440, 1280}}
	return r
}

// What each lever kind costs over 2025-2028, pulled from 2026 (no effect
// that year) with its full effect from 2027, by hand.
func TestCostsByHand(t *testing.T) {
	vvt := forecast.ScopeOf([]forecast.Branch{forecast.VVT}, nil, nil)
	ggz := forecast.ScopeOf([]forecast.Branch{forecast.GGZ}, nil, nil)
	tests := []struct {
		name   string
		region func() *forecast.Region
		kind   forecast.LeverKind
		size   float64
		scope  forecast.Scope
		eur    float64
	}{
		// Those kept: 2027 810 x 0.1 x 0.8 = 64.8 left, so 64.8 x 0.2/0.8
		// = 16.2 stayed; 2028 745.2 x 0.08 = 59.616 left, 14.904 stayed.
		{"behoud", costRegion, forecast.Retention, 0.2, forecast.Scope{}, (16.2 + 14.904) * 1000},
		{"behoud in VVT", costRegion, forecast.Retention, 0.2, vvt, (16.2 + 14.904) * 1000},
		{"behoud in GGZ, where nobody leaves", costRegion, forecast.Retention, 0.2, ggz, 0},
		// All outflow stopped: nothing left to count those kept by.
		{"behoud of everyone", costRegion, forecast.Retention, 1, forecast.Scope{}, 0},
		// 0.1 FTE more per person in VVT: 81 FTE in 2027, 72.9 in 2028;
		// GGZ's full-time contracts cannot grow.
		{"grotere contracten", costRegion, forecast.LargerContracts, 3.6, forecast.Scope{}, (81 + 72.9) * 3000},
		{"zij-instroom", costRegion, forecast.LateralEntry, 100, forecast.Scope{}, 2 * 100 * 2000},
		// In 2027 the 100 reach 67: 0.2 + 0.8 x 0.5 = 0.6 stay instead of
		// 0.2: 40 more worker-years in 2028.
		{"later pensioen", costRegion, forecast.LaterRetirement, 0.5, forecast.Scope{}, 40 * 7000},
		// Availability 0.94/0.92 instead of 1 on 405 + 100 FTE in 2027 and
		// 364.5 + 20 FTE in 2028: 0.02/0.92 of 889.5 FTE won back.
		{"verzuim", costRegion, forecast.SickLeave, 0.02, forecast.Scope{}, 889.5 * 0.02 / 0.92 * 5000},
		// Demand growth one point lower from 2027: VVT 572.22 -> 566.61,
		// 583.6644 -> 572.2761; GGZ (no growth, 100 FTE) 100 -> 99, 98.01.
		{"vraag", costRegion, forecast.DemandReduction, 0.01, forecast.Scope{}, (5.61 + 11.3883 + 1 + 1.99) * 6000},
		// 50 places more from 2027 (a quota of 10 raised to 15), all
		// filled: 50 more BBL students in 2027 and 2028.
		{"opleidingsquote", costProgrammes, forecast.TrainingQuota, 15, forecast.Scope{}, 2*50*4000 + 2*50*10000},
		// Sector yield +0.1 on 120 BOL graduates a year and on BBL's 39.6
		// (2027) and 36.36 (2028).
		{"sectorrendement", costProgrammes, forecast.SectorYield, 0.1, forecast.Scope{}, (12 + 12 + 3.96 + 3.636) * 8000},
		// BOL intake 300 instead of 200 from 2027: 100 more students in
		// 2027, 180 in 2028; BBL stays held back by its places.
		{"instroom", costProgrammes, forecast.IntakeGrowth, 0.5, forecast.Scope{}, 280 * 5000},
		// Half the dropout from 2027: 20 more BOL second-years in 2028;
		// BBL's students still fill its places exactly.
		{"studierendement", costProgrammes, forecast.StudyYield, 0.5, forecast.Scope{}, 20 * 5000},
		// 100 BOL candidates a year move to BBL from 2027, with places for
		// them: BOL 100 fewer students in 2027, 180 fewer in 2028; BBL 190
		// more in both years (290 places, all filled).
		{"bol naar bbl", costProgrammes, forecast.BOLToBBL, 0.5, forecast.Scope{}, -280*5000 + 380*10000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Scenario{Name: "t", Levers: []Lever{{Lever: forecast.Lever{Kind: tt.kind, Size: tt.size, Start: 2026, Horizon: forecast.Kort, Scope: tt.scope}}}}
			cs, err := Costs(tt.region(), s, forecast.Options{To: 2028})
			if err != nil {
				t.Fatal(err)
			}
			c := cs[0]
			if !scalar.EqualWithinAbsOrRel(c.EUR, tt.eur, 1e-6, 1e-9) {
				t.Errorf("costs %.6f euro, want %.6f", c.EUR, tt.eur)
			}
			if c.ClosedFTEYears > 0 && !scalar.EqualWithinRel(c.EURPerFTEYear, c.EUR/c.ClosedFTEYears, 1e-12) {
				t.Errorf("%g euro per FTE-year, want %g / %g", c.EURPerFTEYear, c.EUR, c.ClosedFTEYears)
			}
			if c.ClosedFTEYears <= 0 && c.EURPerFTEYear != 0 {
				t.Errorf("closes %g FTE-years at %g euro each, want no price", c.ClosedFTEYears, c.EURPerFTEYear)
			}
		})
	}
}

// The shortfall a lever closes, by hand: larger contracts of 3.6 hours
// add 81 FTE in 2027 and 72.9 in 2028 (demand does not move).
func TestCostsClosedShortfall(t *testing.T) {
	s := &Scenario{Name: "t", Levers: []Lever{{Lever: forecast.Lever{Kind: forecast.LargerContracts, Size: 3.6, Start: 2026, Horizon: forecast.Kort}}}}
	cs, err := Costs(costRegion(), s, forecast.Options{To: 2028})
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if !scalar.EqualWithinAbs(c.ClosedFTEYears, 81+72.9, 1e-9) || !scalar.EqualWithinAbs(c.ClosedAtHorizon, 72.9, 1e-9) ||
		!scalar.EqualWithinRel(c.EURPerFTEYear, 3000, 1e-12) {
		t.Errorf("%+v, want 153.9 FTE-years closed, 72.9 at the horizon, 3,000 euro each", c)
	}
	// A lever starting in the base year is refused.
	s.Levers[0].Start = 2025
	if _, err := Costs(costRegion(), s, forecast.Options{To: 2028}); err == nil {
		t.Error("a lever starting in the base year was priced")
	}
}

// Sick leave prices only the workforce's FTE won back, not the students'
// (who are not absent): on costProgrammes the graduates hired, 130 people
// in 2027 and 197.8 in 2028, win back 0.02/0.92 of their FTE.
func TestCostOfSickLeaveLeavesStudentsOut(t *testing.T) {
	s := &Scenario{Name: "t", Levers: []Lever{{Lever: forecast.Lever{Kind: forecast.SickLeave, Size: 0.02, Start: 2026, Horizon: forecast.Kort}}}}
	cs, err := Costs(costProgrammes(), s, forecast.Options{To: 2028})
	if err != nil {
		t.Fatal(err)
	}
	if want := (130 + 197.8) * 0.02 / 0.92 * 5000; !scalar.EqualWithinAbsOrRel(cs[0].EUR, want, 1e-6, 1e-9) {
		t.Errorf("costs %.6f euro, want %.6f", cs[0].EUR, want)
	}
}

// A decomposition takes up to MaxDecomposeLevers levers; one of no levers
// still reports its years, with the baseline as the scenario.
func TestDecomposeLimits(t *testing.T) {
	r := costRegion()
	lv := Lever{Lever: forecast.Lever{Kind: forecast.LateralEntry, Size: 1, Start: 2026, Horizon: forecast.Kort}}
	many := &Scenario{Name: "many"}
	for range MaxDecomposeLevers {
		many.Levers = append(many.Levers, lv)
	}
	d, err := Decompose(r, many, forecast.Options{To: 2027})
	if err != nil {
		t.Fatalf("%d levers: %v", MaxDecomposeLevers, err)
	}
	// Twelve equal levers share the change equally.
	for _, c := range d.Levers {
		if !scalar.EqualWithinAbsOrRel(c.Effect[2], (d.WithLevers[2]-d.Baseline[2])/MaxDecomposeLevers, 1e-9, 1e-9) {
			t.Errorf("a lever contributes %g of %g", c.Effect[2], d.WithLevers[2]-d.Baseline[2])
		}
	}
	many.Levers = append(many.Levers, lv)
	if _, err := Decompose(r, many, forecast.Options{To: 2027}); err == nil {
		t.Errorf("%d levers decomposed", MaxDecomposeLevers+1)
	}
	d, err = Decompose(r, &Scenario{Name: "none"}, forecast.Options{To: 2027})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Years) != 3 || d.Years[0] != 2025 || len(d.Levers) != 0 || d.Baseline[2] != d.WithLevers[2] {
		t.Errorf("no levers: %+v, want the years 2025-2027 and no change", d)
	}
}

// A decomposition of a single year: nothing acts in the base year.
func TestDecomposeOneYear(t *testing.T) {
	s := &Scenario{Name: "t", Levers: []Lever{{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.2, Start: 2026, Horizon: forecast.Kort}}}}
	d, err := Decompose(costRegion(), s, forecast.Options{From: 2025, To: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Years) != 1 || len(d.Levers) != 1 || len(d.Levers[0].Effect) != 1 || d.Levers[0].Effect[0] != 0 {
		t.Errorf("%+v, want one year with no effect", d)
	}
}
