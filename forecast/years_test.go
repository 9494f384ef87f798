package forecast

import (
	"errors"
	"testing"
)

// A run may report a single year, and may run to a hundred years after the
// base year but not further; an intake plan of zero students is a plan.
func TestRunYearsEdges(t *testing.T) {
	r := tinyRegion()
	res, err := Run(r, nil, Options{From: 2027, To: 2027})
	if err != nil {
		t.Fatal(err)
	}
	if ys := res.Years(); len(ys) != 1 || ys[0] != 2027 || len(res.Rows) != NumBranches*NumLevels || res.Row(2027, VVT, Mbo3).Headcount != 810 {
		t.Errorf("one year: years %v, %d rows", ys, len(res.Rows))
	}
	if _, err := Run(r, nil, Options{To: 2125}); err != nil {
		t.Errorf("to 2125: %v", err)
	}
	// The message names the years asked for and the years allowed.
	want := "years out of range: from 2025 to 2126, want 2025 <= from <= to <= 2125"
	if _, err := Run(r, nil, Options{To: 2126}); err == nil || !errors.Is(err, ErrYears) || err.Error() != want {
		t.Errorf("to 2126: %v, want %q", err, want)
	}
	tinyProgrammes(r, 100)
	plan := &IntakePlan{From: 2026}
	plan.Set[Mbo3][BBL] = true
	res, err = Run(r, nil, Options{To: 2027, Intake: plan})
	if err != nil {
		t.Fatalf("a plan of no intake: %v", err)
	}
	if e := res.Education[len(res.Education)-1]; e.Route != BBL || e.Intake != 0 {
		t.Errorf("2027 BBL intake %g, want 0", e.Intake)
	}
	plan.PerYear[Mbo3][BBL] = -1
	if _, err := Run(r, nil, Options{To: 2027, Intake: plan}); err == nil {
		t.Error("a plan of -1 students accepted")
	}
}

// The longest programme Validate allows, eight years, runs: its cohort of
// 100 reaches the workforce eight years after its intake.
func TestEightYearProgramme(t *testing.T) {
	r := emptyRegion()
	enrolled := make([]float64, 8)
	enrolled[0] = 100
	withProgramme(r, Hbo, HboVoltijd, GGZ, Programme{DurationYears: 8, Dropout: make([]float64, 8), SectorYield: 1, EntryAge: 30, Enrolled: enrolled, PlaceUse: 1})
	r.Trainers = []Trainer{{Name: "ggz", Branch: GGZ, CareFTE: 100, Places: placesAt(Hbo, HboVoltijd, 100)}}
	res := run(t, r, nil, 9)
	for y := 2025; y <= 2034; y++ {
		want := 0.0
		if y >= 2033 {
			want = 100
		}
		if got := res.Row(y, GGZ, Hbo).Headcount; got != want {
			t.Errorf("%d: %g at work, want %g", y, got, want)
		}
	}
}
