package forecast

import "testing"

// Steady-state enrolment and intake, by hand: 100 a year starting, 20%
// and 10% dropping out in the first two years.
func TestSteadyState(t *testing.T) {
	got := SteadyStateEnrolment(100, []float64{0.2, 0.1, 0.05})
	for k, want := range []float64{100, 80, 72} {
		if !near(got[k], want) {
			t.Errorf("study year %d: %g, want %g", k+1, got[k], want)
		}
	}
	// 2.52 students per unit of intake at one place each: 126 places hold
	// an intake of 50 of the 80 candidates; without place use, all 80.
	p := &Programme{DurationYears: 3, Dropout: []float64{0.2, 0.1, 0.05}, Candidates: 80, PlaceUse: 1}
	if got := SteadyStateIntake(p, 126); !near(got, 50) {
		t.Errorf("intake %g, want 50", got)
	}
	p.PlaceUse = 0
	for _, places := range []float64{126, 0} {
		if got := SteadyStateIntake(p, places); got != 80 {
			t.Errorf("intake %g without place use and %g places, want 80", got, places)
		}
	}
}

// Early retirement starts at exactly 60, also when the outflow rate does
// not change there: 10% of 100 people aged 60 retire early.
func TestEarlyRetirementFromSixty(t *testing.T) {
	r := emptyRegion()
	r.EarlyRetirementRate = 0.1
	c := &r.Cells[VVT][Mbo4]
	c.Headcount[60-MinAge], c.Headcount[59-MinAge] = 100, 100
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.05
	}
	res := run(t, r, nil, 1)
	// 2025: 5 + 5 leave, 10 of the 60-year-olds retire. 2026: 85 at 61
	// and 95 at 60: 4.25 + 4.75 leave, 8.5 + 9.5 retire.
	if row := res.Row(2025, VVT, Mbo4); !near(row.OutflowRetirement, 10) || !near(row.OutflowOther, 10) {
		t.Errorf("2025: retired %g, other %g; want 10 and 10", row.OutflowRetirement, row.OutflowOther)
	}
	if row := res.Row(2026, VVT, Mbo4); !near(row.OutflowRetirement, 18) || !near(row.Headcount, 180) {
		t.Errorf("2026: retired %g of %g; want 18 of 180", row.OutflowRetirement, row.Headcount)
	}
}
