package scenarios

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"raat/forecast"
)

func TestDecompositionSumsToTheTotalChange(t *testing.T) {
	r := twente(t)
	plan, _ := Lookup("raat-plan")
	d, err := Decompose(r, plan, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Levers) != 5 {
		t.Fatalf("%d contributions, want 5", len(d.Levers))
	}
	for y := range d.Years {
		var sum float64
		var byBranch [forecast.NumBranches]float64
		for _, c := range d.Levers {
			sum += c.Effect[y]
			for b := range byBranch {
				byBranch[b] += c.ByBranch[b][y]
			}
		}
		total := d.WithLevers[y] - d.Baseline[y]
		if !scalar.EqualWithinAbs(sum, total, 1e-6) {
			t.Errorf("%d: contributions sum to %g, total change %g", d.Years[y], sum, total)
		}
		var branches float64
		for _, v := range byBranch {
			branches += v
		}
		if !scalar.EqualWithinAbs(branches, total, 1e-6) {
			t.Errorf("%d: branch contributions sum to %g, total change %g", d.Years[y], branches, total)
		}
	}
	// Every lever of the plan closes part of the gap at the horizon.
	last := len(d.Years) - 1
	for _, c := range d.Levers {
		if !(c.Effect[last] < 0) {
			t.Errorf("%s contributes %g at the horizon, want a negative change", c.Lever.Kind, c.Effect[last])
		}
	}
}

func TestDecompositionDoesNotDependOnLeverOrder(t *testing.T) {
	r := twente(t)
	plan, _ := Lookup("raat-plan")
	a, err := Decompose(r, plan, forecast.Options{To: 2032})
	if err != nil {
		t.Fatal(err)
	}
	rev := *plan
	rev.Levers = slices.Clone(plan.Levers)
	slices.Reverse(rev.Levers)
	b, err := Decompose(r, &rev, forecast.Options{To: 2032})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range a.Levers {
		other := b.Levers[len(b.Levers)-1-i]
		if c.Lever != other.Lever || !slices.Equal(c.Effect, other.Effect) {
			t.Errorf("%s: %v listed first, %v listed last", c.Lever.Kind, c.Effect, other.Effect)
		}
	}
}

// With one lever, its Shapley value is simply its effect; a zero-size
// lever contributes nothing.
func TestDecompositionOfSimpleScenarios(t *testing.T) {
	r := twente(t)
	s := &Scenario{Name: "t", Levers: []Lever{
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2026, Horizon: forecast.Kort}},
		{Lever: forecast.Lever{Kind: forecast.LateralEntry, Size: 0, Start: 2026, Horizon: forecast.Kort}},
	}}
	d, err := Decompose(r, s, forecast.Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	alone, _ := forecast.Run(r, []forecast.Lever{s.Levers[0].Lever}, forecast.Options{To: 2030})
	base, _ := forecast.Run(r, nil, forecast.Options{To: 2030})
	for i, y := range d.Years {
		want := alone.Total(y).ShortfallFTE - base.Total(y).ShortfallFTE
		if !scalar.EqualWithinAbs(d.Levers[0].Effect[i], want, 1e-9) || d.Levers[1].Effect[i] != 0 {
			t.Errorf("%d: %g and %g, want %g and 0", y, d.Levers[0].Effect[i], d.Levers[1].Effect[i], want)
		}
	}
}

func TestShapleyWeights(t *testing.T) {
	// n = 3: k!(n-k-1)!/n! = 1/3, 1/6, 1/3; weighted counts of subsets sum to 1.
	w := shapleyWeights(3)
	for k, want := range []float64{1.0 / 3, 1.0 / 6, 1.0 / 3} {
		if !scalar.EqualWithinAbs(w[k], want, 1e-15) {
			t.Errorf("weight %d: %g, want %g", k, w[k], want)
		}
	}
	for n := 1; n <= 12; n++ {
		w := shapleyWeights(n)
		var sum, binom float64 = 0, 1
		for k := range n {
			sum += w[k] * binom
			binom = binom * float64(n-1-k) / float64(k+1)
		}
		if !scalar.EqualWithinAbs(sum, 1, 1e-12) {
			t.Errorf("n=%d: weights sum to %g over the subsets", n, sum)
		}
	}
}

// TestShapleyValuesByHand: two players, v(none) = 0, v(A) = 1, v(B) = 2,
// v(both) = 4, per element; A's value is (1 - 0)/2 + (4 - 2)/2 = 1.5 and
// B's (2 - 0)/2 + (4 - 1)/2 = 2.5. A third player who changes nothing
// gets exactly zero, and the others' values stay.
func TestShapleyValuesByHand(t *testing.T) {
	phi := ShapleyValues([][]float64{{0, 10}, {1, 10}, {2, 10}, {4, 10}})
	want := [][]float64{{1.5, 0}, {2.5, 0}}
	for i := range want {
		for y := range want[i] {
			if !scalar.EqualWithinAbs(phi[i][y], want[i][y], 1e-15) {
				t.Errorf("phi[%d][%d] = %g, want %g", i, y, phi[i][y], want[i][y])
			}
		}
	}
	v := [][]float64{{0}, {1}, {2}, {4}, {0}, {1}, {2}, {4}} // bit 2 changes nothing
	phi = ShapleyValues(v)
	if phi[2][0] != 0 || !scalar.EqualWithinAbs(phi[0][0], 1.5, 1e-15) || !scalar.EqualWithinAbs(phi[1][0], 2.5, 1e-15) {
		t.Errorf("with a dummy player: %v", phi)
	}
	for _, bad := range [][][]float64{nil, {{1}, {2}, {3}}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%d series: no panic", len(bad))
				}
			}()
			ShapleyValues(bad)
		}()
	}
}
func TestSolvedIntakeClosesTheGap(t *testing.T) {
	r := twente(t)
	target := 2035
	sols, err := SolveIntake(r, nil, target, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sols) != 4 {
		t.Fatalf("%d levels solved, want mbo2, mbo3, mbo4 and hbo", len(sols))
	}
	for _, sol := range sols {
		if !sol.Reachable {
			t.Errorf("%s: not reachable", sol.Level)
			continue
		}
		for _, x := range [][]float64{sol.Needed, sol.Cheapest} {
			plan := &forecast.IntakePlan{From: sol.From}
			for i, rt := range sol.Routes {
				plan.Set[sol.Level][rt], plan.PerYear[sol.Level][rt] = true, x[i]
			}
			res, err := forecast.Run(r, nil, forecast.Options{Intake: plan})
			if err != nil {
				t.Fatal(err)
			}
			gap := res.Sum(target, func(row *forecast.Row) bool { return row.Level == sol.Level }).ShortfallFTE
			if math.Abs(gap) > 2*ToleranceFTE {
				t.Errorf("%s with intake %v: shortfall %g at %d, want 0", sol.Level, x, gap, target)
			}
		}
		if !(sol.Shortfall > 0) || !(sol.Needed[0] > sol.Current[0]) {
			t.Errorf("%s: shortfall %g, intake %v now %v; want a positive gap and more intake", sol.Level, sol.Shortfall, sol.Needed, sol.Current)
		}
		if sol.CheapestCostPerYear > sol.CostPerYear*(1+1e-9) {
			t.Errorf("%s: cheapest mix costs %g, more than the same mix's %g", sol.Level, sol.CheapestCostPerYear, sol.CostPerYear)
		}
	}
}

func TestIntakeTooLateIsNotReachable(t *testing.T) {
	r := twente(t)
	// New students starting in 2026 cannot graduate by 2027 (mbo3 takes 3
	// years); without the work of BBL students they cannot help by then.
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			r.Programmes[l][rt].ProductiveFTE = 0
		}
	}
	sols, err := SolveIntake(r, nil, 2027, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, sol := range sols {
		if sol.Level == forecast.Mbo3 && (sol.Reachable || !(sol.Residual > 0)) {
			t.Errorf("mbo3 by 2027: reachable %v with residual %g, want not reachable", sol.Reachable, sol.Residual)
		}
	}
}

func TestSolvedLeverClosesTheGap(t *testing.T) {
	r := twente(t)
	for _, k := range []forecast.LeverKind{forecast.Retention, forecast.LateralEntry, forecast.LargerContracts} {
		sol, err := SolveLever(r, nil, forecast.Lever{Kind: k, Start: 2026, Horizon: forecast.Middellang}, 2035)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := forecast.Run(r, []forecast.Lever{sol.Lever}, forecast.Options{})
		if !sol.Reachable || math.Abs(res.Total(2035).ShortfallFTE) > 2*ToleranceFTE {
			t.Errorf("%s size %g: reachable %v, shortfall %g in 2035", k, sol.Lever.Size, sol.Reachable, res.Total(2035).ShortfallFTE)
		}
	}
	// The opleidingsquote alone cannot close it: candidates run out first.
	sol, err := SolveLever(r, nil, forecast.Lever{Kind: forecast.TrainingQuota, Start: 2026, Horizon: forecast.Middellang}, 2035)
	if err != nil {
		t.Fatal(err)
	}
	if sol.Reachable || sol.Lever.Size != forecast.TrainingQuota.MaxSize() || !(sol.Residual > 0) {
		t.Errorf("opleidingsquote: %+v, want not reachable with the best size and what is left", sol)
	}
}

func TestCosts(t *testing.T) {
	r := twente(t)
	s := &Scenario{Name: "t", Levers: []Lever{
		{Lever: forecast.Lever{Kind: forecast.LateralEntry, Size: 100, Start: 2026, Horizon: forecast.Kort}},
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0, Start: 2026, Horizon: forecast.Kort}},
	}}
	cs, err := Costs(r, s, forecast.Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	// 100 entrants a year in 2027-2030 (ramp 0 in 2026) at 12,000 euro.
	if want := 4 * 100 * r.Costs.PerLateralEntrant; !scalar.EqualWithinAbs(cs[0].EUR, want, 1e-6) {
		t.Errorf("lateral entry costs %g, want %g", cs[0].EUR, want)
	}
	if !(cs[0].ClosedFTEYears > 0) || !scalar.EqualWithinAbs(cs[0].EURPerFTEYear, cs[0].EUR/cs[0].ClosedFTEYears, 1e-9) {
		t.Errorf("lateral entry: %+v", cs[0])
	}
	if cs[1].EUR != 0 || cs[1].ClosedFTEYears != 0 || cs[1].EURPerFTEYear != 0 {
		t.Errorf("a zero-size lever: %+v, want nothing", cs[1])
	}
}

// TestDemandLevers: the demand levers decompose like the others, solve,
// and cost what the demand they avoid or move costs.
func TestDemandLevers(t *testing.T) {
	r := twente(t)
	r.Costs.PerSubstitutedFTE = 1000
	hbo := forecast.ScopeOf(nil, []forecast.Level{forecast.Hbo}, nil)
	s := &Scenario{Name: "vraag", Levers: []Lever{
		{Lever: forecast.Lever{Kind: forecast.Prevention, Size: 0.05, Start: 2026, Horizon: forecast.Lang, Scope: forecast.Scope{AgeGroups: 1<<forecast.Age75to84 | 1<<forecast.Age85Plus}}},
		{Lever: forecast.Lever{Kind: forecast.Productivity, Size: 0.03, Start: 2026, Horizon: forecast.Middellang}},
		{Lever: forecast.Lever{Kind: forecast.Substitution, Size: 0.1, Start: 2026, Horizon: forecast.Kort, Scope: hbo, To: forecast.Mbo4}},
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2026, Horizon: forecast.Middellang}},
	}}
	d, err := Decompose(r, s, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	last := len(d.Years) - 1
	var sum float64
	for _, c := range d.Levers {
		sum += c.Effect[last]
	}
	if total := d.WithLevers[last] - d.Baseline[last]; !scalar.EqualWithinAbs(sum, total, 1e-6) {
		t.Errorf("contributions sum to %g, total change %g", sum, total)
	}
	for _, c := range d.Levers[:2] {
		if !(c.Effect[last] < 0) {
			t.Errorf("%s contributes %g, want less shortfall", c.Lever.Kind, c.Effect[last])
		}
	}
	cs, err := Costs(r, s, forecast.Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := forecast.Run(r, nil, forecast.Options{To: 2030})
	// Productivity: 3% of demand avoided, ramping over 3 years from 2026:
	// 1/3, 2/3, 1, 1 of it in 2027-2030, at 20,000 euro an FTE-year.
	var want float64
	for y, ramp := range map[int]float64{2027: 1.0 / 3, 2028: 2.0 / 3, 2029: 1, 2030: 1} {
		want += 0.03 * ramp * base.Total(y).DemandFTE * r.Costs.PerDemandFTE
	}
	if !scalar.EqualWithinAbsOrRel(cs[1].EUR, want, 1e-6, 1e-9) {
		t.Errorf("productivity costs %g, want %g", cs[1].EUR, want)
	}
	// Substitution: 10% of hbo demand moved from 2027 on, at 1,000 euro.
	want = 0
	for y := 2027; y <= 2030; y++ {
		want += 0.1 * base.Sum(y, func(row *forecast.Row) bool { return row.Level == forecast.Hbo }).DemandFTE * 1000
	}
	if !scalar.EqualWithinAbsOrRel(cs[2].EUR, want, 1e-6, 1e-9) {
		t.Errorf("substitution costs %g, want %g", cs[2].EUR, want)
	}
	sol, err := SolveLever(r, nil, forecast.Lever{Kind: forecast.Productivity, Start: 2026, Horizon: forecast.Middellang}, 2035)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := forecast.Run(r, []forecast.Lever{sol.Lever}, forecast.Options{})
	if !sol.Reachable || math.Abs(res.Total(2035).ShortfallFTE) > 2*ToleranceFTE {
		t.Errorf("productivity size %g: reachable %v, shortfall %g in 2035", sol.Lever.Size, sol.Reachable, res.Total(2035).ShortfallFTE)
	}
}
