package forecast

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// The places-cap warning comes when more candidates want to start than the
// places hold, from the first such year, and not when they just fit; the
// full-time warning from the first year larger contracts pass full time.
func TestWarnings(t *testing.T) {
	// The tiny region has no population data; run drops that warning, as
	// it is not what this test is about.
	run := func(t *testing.T, r *Region, levers []Lever, years int) *Result {
		res := run(t, r, levers, years)
		res.Warnings = slices.DeleteFunc(res.Warnings, func(err error) bool { var pw PopulationWarning; return errors.As(err, &pw) })
		return res
	}
	r := tinyProgrammes(tinyRegion(), 0)
	// BBL: 100 places, 45 continuing in 2026: 55 candidates just fit.
	r.Programmes[Mbo3][BBL].Candidates = 55
	res := run(t, r, nil, 1)
	if len(res.Warnings) != 0 {
		t.Errorf("candidates that fit the places: %v", res.Warnings)
	}
	r.Programmes[Mbo3][BBL].Candidates = 56
	res = run(t, r, nil, 1)
	var pw PlacesCapWarning
	if len(res.Warnings) != 1 || !errors.As(res.Warnings[0], &pw) || pw.From != 2026 || pw.Level != Mbo3 || pw.Route != BBL {
		t.Errorf("56 candidates for 55 places: %v, want a warning from 2026", res.Warnings)
	}
	// VVT mbo3 (the other cells work full time already): part-time 0.5 +
	// 12 hours (a third) in 2027, + 24 hours in 2028.
	vvt := ScopeOf([]Branch{VVT}, []Level{Mbo3}, nil)
	res = run(t, tinyRegion(), []Lever{{Kind: LargerContracts, Size: 24, Start: 2026, HorizonYears: 2, Scope: vvt}}, 4)
	var fw FullTimeWarning
	if len(res.Warnings) != 1 || !errors.As(res.Warnings[0], &fw) || fw.From != 2028 {
		t.Errorf("contracts over full time from 2028: %v", res.Warnings)
	}
	if fte := res.Row(2028, VVT, Mbo3).WorkforceFTE; fte != res.Row(2028, VVT, Mbo3).Headcount {
		t.Errorf("2028: %g FTE, want the headcount (full time)", fte)
	}
	// Exactly full time is no warning.
	res = run(t, tinyRegion(), []Lever{{Kind: LargerContracts, Size: 18, Start: 2026, Horizon: Kort, Scope: vvt}}, 3)
	if len(res.Warnings) != 0 {
		t.Errorf("contracts of exactly full time: %v", res.Warnings)
	}
}

// A lateral-entry lever scoped to cells with nobody in them adds nobody;
// BOL to BBL at a level taught on BOL only leaves its candidates alone.
func TestLeversWithNothingToActOn(t *testing.T) {
	r := tinyProgrammes(tinyRegion(), 0)
	base := run(t, r, nil, 3)
	lateral := Lever{Kind: LateralEntry, Size: 100, Start: 2026, Horizon: Kort, Scope: ScopeOf([]Branch{Jeugdzorg}, nil, nil)}
	res := run(t, r, []Lever{lateral}, 3)
	for i := range base.Rows {
		if g, w := res.Rows[i].Headcount, base.Rows[i].Headcount; g != w || math.IsNaN(res.Rows[i].InflowLateral) {
			t.Fatalf("row %d: headcount %g, want %g", i, g, w)
		}
	}
	r.Programmes[Mbo3][BBL] = Programme{}
	r.Trainers = nil
	res = run(t, r, []Lever{{Kind: BOLToBBL, Size: 0.5, Start: 2026, Horizon: Kort}}, 3)
	if c := eduRow(res, 2028, Mbo3, BOL).Candidates; c != 200 {
		t.Errorf("BOL candidates %g without a BBL route, want 200", c)
	}
}
