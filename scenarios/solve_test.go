package scenarios

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"raat/forecast"
)

// oneProgrammeRegion is a region small enough to solve by hand: 100 hbo
// staff in huisartsen, all aged 40, full time, nobody leaving; demand grows
// 20% a year. A one-year hbo-voltijd programme has 30 students in the base
// year 2025 and 40 candidates a year after it, no dropout, no place cap;
// every graduate joins huisartsen the year after graduating.
func oneProgrammeRegion() *forecast.Region {
	r := &forecast.Region{
		Name: "hand", BaseYear: 2025, PensionAge: 67, LateralEntryAge: 30, ReturnerAge: 35,
		Uncertainty: forecast.Uncertainty{
			Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
			OtherOutflow: forecast.Range{Low: 1, High: 1}, PartTimeFactor: forecast.Range{Low: 1, High: 1},
		},
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].PartTimeFactor = 1
		}
	}
	c := &r.Cells[forecast.Huisartsen][forecast.Hbo]
	c.Headcount[40-forecast.MinAge] = 100
	c.DemandGrowth = 0.2
	c.GraduateShare = 1
	r.Programmes[forecast.Hbo][forecast.HboVoltijd] = forecast.Programme{
		DurationYears: 1, Dropout: []float64{0}, SectorYield: 1, Candidates: 40, EntryAge: 25,
		Enrolled: []float64{30}, CostPerStudentYear: 1000,
	}
	return r
}

// TestSolveIntakeFrom checks the solve against the hand computation.
// Supply in 2028 is 100 + 30 (the base year's students) + the intakes of
// 2026 and 2027; demand is 100 * 1.2^3 = 172.8. The forecast takes its 40
// candidates a year: supply 210, a surplus of 37.2.
//
//   - from 2027, the 2026 intake decided at 40: 170 + x = 172.8, x = 2.8,
//     down from the 40 the forecast runs in 2027;
//   - from 2026: 130 + 2x = 172.8, x = 21.4.
//
// Before the fix the solve reported the base year's enrolment (30) as the
// current intake and the shortfall with that intake, not the forecast's.
func TestSolveIntakeFrom(t *testing.T) {
	r := oneProgrammeRegion()
	for _, c := range []struct {
		from      int
		wantFrom  int
		needed    float64
		shortfall float64
	}{
		{from: 2027, wantFrom: 2027, needed: 2.8, shortfall: -37.2},
		{from: 2026, wantFrom: 2026, needed: 21.4, shortfall: -37.2},
		{from: 0, wantFrom: 2026, needed: 21.4, shortfall: -37.2},
	} {
		sols, err := SolveIntake(r, nil, 2028, c.from)
		if err != nil {
			t.Fatal(err)
		}
		if len(sols) != 1 || sols[0].Level != forecast.Hbo {
			t.Fatalf("from %d: %+v, want one solution for hbo", c.from, sols)
		}
		s := sols[0]
		if s.From != c.wantFrom || !s.Reachable {
			t.Errorf("from %d: solved from %d, reachable %v; want from %d, reachable", c.from, s.From, s.Reachable, c.wantFrom)
		}
		if s.Current[0] != 40 {
			t.Errorf("from %d: current intake %g, want the 40 the forecast runs (not the base year's enrolment of 30)", c.from, s.Current[0])
		}
		if !scalar.EqualWithinAbs(s.Shortfall, c.shortfall, 1e-9) {
			t.Errorf("from %d: shortfall %g, want %g (the forecast's)", c.from, s.Shortfall, c.shortfall)
		}
		if !scalar.EqualWithinAbs(s.Needed[0], c.needed, 1e-6) || !scalar.EqualWithinAbs(s.Cheapest[0], c.needed, 1e-6) {
			t.Errorf("from %d: needed %g, cheapest %g, want %g", c.from, s.Needed[0], s.Cheapest[0], c.needed)
		}
		// The solved plan closes the gap and keeps the decided intakes.
		plan := &forecast.IntakePlan{From: s.From}
		plan.Set[forecast.Hbo][forecast.HboVoltijd], plan.PerYear[forecast.Hbo][forecast.HboVoltijd] = true, s.Needed[0]
		res, err := forecast.Run(r, nil, forecast.Options{To: 2028, Intake: plan})
		if err != nil {
			t.Fatal(err)
		}
		if gap := res.Total(2028).ShortfallFTE; !scalar.EqualWithinAbs(gap, 0, 1e-6) {
			t.Errorf("from %d: shortfall %g in 2028 with the solved intake, want 0", c.from, gap)
		}
		for _, e := range res.Education {
			want := s.Needed[0]
			switch {
			case e.Year == 2025:
				want = 30
			case e.Year < s.From:
				want = 40
			}
			if !scalar.EqualWithinAbs(e.Intake, want, 1e-9) {
				t.Errorf("from %d: intake %g in %d, want %g", c.from, e.Intake, e.Year, want)
			}
		}
	}
}

func TestSolveIntakeFromOutOfRange(t *testing.T) {
	r := oneProgrammeRegion()
	for _, from := range []int{2025, 2029} {
		if _, err := SolveIntake(r, nil, 2028, from); !errors.Is(err, ErrSolveYears) {
			t.Errorf("from %d: error %v, want ErrSolveYears", from, err)
		}
	}
}

// TestSolveIntakeGrowingCandidates solves from a year whose intake differs
// from the later years': candidates grow 10% a year (44 in 2026, 48.4 in
// 2027, 53.24 in 2028) and demand 30% (219.7 in 2028). From 2027 the
// forecast runs 48.4, the intake Current reports (not 2028's 53.24), with
// 2026's 44 decided: 130 + 44 + 48.4 = 222.4 supply, a surplus of 2.7,
// and 130 + 44 + x = 219.7 gives x = 45.7.
func TestSolveIntakeGrowingCandidates(t *testing.T) {
	r := oneProgrammeRegion()
	r.Cells[forecast.Huisartsen][forecast.Hbo].DemandGrowth = 0.3
	r.Programmes[forecast.Hbo][forecast.HboVoltijd].CandidateGrowth = 0.1
	sols, err := SolveIntake(r, nil, 2028, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if len(sols) != 1 {
		t.Fatalf("%+v, want one solution for hbo", sols)
	}
	s := sols[0]
	if !scalar.EqualWithinAbs(s.Current[0], 48.4, 1e-9) {
		t.Errorf("current intake %g, want 48.4 (the forecast's in 2027)", s.Current[0])
	}
	if !scalar.EqualWithinAbs(s.Shortfall, -2.7, 1e-9) {
		t.Errorf("shortfall %g, want -2.7", s.Shortfall)
	}
	if !s.Reachable || !scalar.EqualWithinAbs(s.Needed[0], 45.7, 1e-6) {
		t.Errorf("needed %g (reachable %v), want 45.7", s.Needed[0], s.Reachable)
	}
}

// The plain forecast runs a finite intake, but ten times it is past the
// largest float: the solving run that refuses that intake fails the
// solve instead of leaving a gap of 0 behind.
func TestSolveIntakeErrorOfASolvingRun(t *testing.T) {
	r := oneProgrammeRegion()
	r.Programmes[forecast.Hbo][forecast.HboVoltijd].Candidates = math.MaxFloat64 / 2
	if _, err := forecast.Run(r, nil, forecast.Options{From: 2026, To: 2028}); err != nil {
		t.Fatalf("the plain forecast: %v", err)
	}
	if sols, err := SolveIntake(r, nil, 2028, 0); err == nil {
		t.Errorf("solved %+v, want the error of the run at %d times the intake", sols, MaxIntakeFactor)
	}
}

// A region in balance needs no lever: 100 staff who stay, a demand of 100
// FTE that does not grow and no students give a shortfall of exactly 0 in
// 2028, so SolveLever answers size 0 (not some other size that leaves 0
// too: retention has nobody to keep here).
func TestSolveLeverInBalance(t *testing.T) {
	r := oneProgrammeRegion()
	r.Cells[forecast.Huisartsen][forecast.Hbo].DemandGrowth = 0
	p := &r.Programmes[forecast.Hbo][forecast.HboVoltijd]
	p.Candidates, p.Enrolled = 0, []float64{0}
	sol, err := SolveLever(r, nil, forecast.Lever{Kind: forecast.Retention, Start: 2026}, 2028)
	if err != nil {
		t.Fatal(err)
	}
	if sol.Shortfall != 0 || !sol.Reachable || sol.Lever.Size != 0 || sol.Residual != 0 {
		t.Errorf("%+v, want size 0, reachable, with a shortfall of 0 before and after", sol)
	}
}

// A lever whose largest size closes the gap exactly is reachable: with no
// staff and 100 FTE of vacancies the shortfall in 2028 is 100 * (1 - s)
// for productivity s at full effect (one year after its start), 0 at
// s = 1. The solve finds s within 0.005 of 1 (the tolerance of 0.5 FTE).
func TestSolveLeverClosedExactlyAtItsLargestSize(t *testing.T) {
	r := oneProgrammeRegion()
	c := &r.Cells[forecast.Huisartsen][forecast.Hbo]
	c.Headcount, c.DemandGrowth, c.OpenVacanciesFTE = forecast.AgeVector{}, 0, 100
	p := &r.Programmes[forecast.Hbo][forecast.HboVoltijd]
	p.Candidates, p.Enrolled = 0, []float64{0}
	sol, err := SolveLever(r, nil, forecast.Lever{Kind: forecast.Productivity, Start: 2026, HorizonYears: 1}, 2028)
	if err != nil {
		t.Fatal(err)
	}
	s := sol.Lever.Size
	if !sol.Reachable || sol.Shortfall != 100 || !(s >= 0.995 && s <= 1) || !scalar.EqualWithinAbs(sol.Residual, 100*(1-s), 1e-9) {
		t.Errorf("%+v, want reachable with a size from 0.995 to 1 and a residual of 100 * (1 - size)", sol)
	}
}

// The ends of SolveIntake's search, met exactly. With no growth, no
// students in the base year and 40 candidates a year, the shortfall in
// 2028 with an intake of x a year from 2026 is 100 + V - (100 + 2x) for
// V FTE of vacancies:
//
//   - V = 0: the staff alone meet demand, no intake is needed (0, not
//     some small intake that also leaves no gap);
//   - V = 800: ten times the current intake, 400 a year, closes the gap
//     exactly, which is reachable.
func TestSolveIntakeEndsMetExactly(t *testing.T) {
	for _, tt := range []struct {
		vacancies float64
		lo, hi    float64
		shortfall float64
	}{
		{0, 0, 0, -80},
		{800, 399.75, 400, 720},
	} {
		r := oneProgrammeRegion()
		c := &r.Cells[forecast.Huisartsen][forecast.Hbo]
		c.DemandGrowth, c.OpenVacanciesFTE = 0, tt.vacancies
		r.Programmes[forecast.Hbo][forecast.HboVoltijd].Enrolled = []float64{0}
		sols, err := SolveIntake(r, nil, 2028, 0)
		if err != nil {
			t.Fatal(err)
		}
		s := sols[0]
		if s.Current[0] != 40 || s.Shortfall != tt.shortfall || !s.Reachable || !(s.Needed[0] >= tt.lo && s.Needed[0] <= tt.hi) ||
			!scalar.EqualWithinAbs(s.Residual, 2*(tt.hi-s.Needed[0]), 1e-9) {
			t.Errorf("vacancies %g: %+v, want current 40, shortfall %g, reachable with an intake from %g to %g", tt.vacancies, s, tt.shortfall, tt.lo, tt.hi)
		}
	}
}
