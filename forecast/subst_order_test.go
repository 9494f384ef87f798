package forecast

import "testing"

// Two substitutions from one level whose shares sum past 1 ("a level gives
// away at most all of its demand") must not depend on the levers' order
// (package doc, "Levers": levers of the same kind add up, so their order
// does not matter).
func TestSubstitutionCapIsOrderIndependent(t *testing.T) {
	r := demandRegion()
	a := Lever{Kind: Substitution, Size: 0.7, Start: 2026, Horizon: Kort, Scope: Scope{Levels: 1 << Hbo}, To: Mbo4}
	b := Lever{Kind: Substitution, Size: 0.7, Start: 2026, Horizon: Kort, Scope: Scope{Levels: 1 << Hbo}, To: Mbo3}
	ab := run(t, r, []Lever{a, b}, 4)
	ba := run(t, r, []Lever{b, a}, 4)
	for _, l := range []Level{Mbo3, Mbo4, Hbo} {
		if x, y := ab.Row(2028, VVT, l).DemandFTE, ba.Row(2028, VVT, l).DemandFTE; !near(x, y) {
			t.Errorf("2028 %s: demand %g with levers a, b and %g with b, a", l, x, y)
		}
	}
}
