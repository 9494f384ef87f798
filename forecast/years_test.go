package forecast

import "testing"

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
	if _, err := Run(r, nil, Options{To: 2126}); err == nil {
		t.Error("to 2126 accepted")
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
