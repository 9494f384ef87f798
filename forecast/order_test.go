package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The model's results do not depend on the order of its inputs (MODEL.md,
// "Invariants"): not on the order of the trainers (employers), of the
// levers, of the branches or of the levels. Each is checked on random
// regions and lever sets: permuting the input permutes the rows the same
// way and leaves every number as it was.

func orderCases() int { return max(5, propCases()/10) }

// closeRows reports the first field in which two rows differ by more than
// 1e-9 of the row's size (sums in another order round differently).
func closeRows(a, b *Row) string {
	scale := 1 + math.Abs(a.Headcount) + math.Abs(a.DemandFTE) + math.Abs(a.SupplyFTE)
	for _, f := range []struct {
		name string
		x, y float64
	}{
		{"demand", a.DemandFTE, b.DemandFTE}, {"supply", a.SupplyFTE, b.SupplyFTE},
		{"shortfall", a.ShortfallFTE, b.ShortfallFTE}, {"shortfall headcount", a.ShortfallHeadcount, b.ShortfallHeadcount},
		{"headcount", a.Headcount, b.Headcount}, {"workforce FTE", a.WorkforceFTE, b.WorkforceFTE},
		{"student FTE", a.StudentFTE, b.StudentFTE}, {"students", a.Students, b.Students}, {"graduates", a.Graduates, b.Graduates},
		{"inflow graduates", a.InflowGraduates, b.InflowGraduates}, {"inflow lateral", a.InflowLateral, b.InflowLateral},
		{"inflow returners", a.InflowReturners, b.InflowReturners}, {"retirement", a.OutflowRetirement, b.OutflowRetirement},
		{"other outflow", a.OutflowOther, b.OutflowOther}, {"mobility in", a.MobilityIn, b.MobilityIn}, {"mobility out", a.MobilityOut, b.MobilityOut},
	} {
		if !(math.Abs(f.x-f.y) <= 1e-9*10*scale) {
			return fmt.Sprintf("%s %.12g and %.12g", f.name, f.x, f.y)
		}
	}
	return ""
}

func orderRun(t *testing.T, r *Region, lvs []Lever) *Result {
	t.Helper()
	res, err := Run(r, lvs, Options{To: r.BaseYear + 12})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestOrderOfTrainersAndLevers(t *testing.T) {
	for i := range orderCases() {
		rng := rand.New(rand.NewPCG(uint64(i), 21))
		r := propRegion(rng)
		lvs := append(propLevers(rng, r), Lever{Kind: TrainingQuota, Size: 15, Start: r.BaseYear + 1, Horizon: Lang})
		want := orderRun(t, r, lvs)

		shuffled := *r
		shuffled.Trainers = append([]Trainer(nil), r.Trainers...)
		rng.Shuffle(len(shuffled.Trainers), func(a, b int) {
			shuffled.Trainers[a], shuffled.Trainers[b] = shuffled.Trainers[b], shuffled.Trainers[a]
		})
		levers := append([]Lever(nil), lvs...)
		rng.Shuffle(len(levers), func(a, b int) { levers[a], levers[b] = levers[b], levers[a] })
		for _, tc := range []struct {
			name   string
			region *Region
			levers []Lever
		}{{"trainers", &shuffled, lvs}, {"levers", r, levers}} {
			got := orderRun(t, tc.region, tc.levers)
			for k := range want.Rows {
				if d := closeRows(&got.Rows[k], &want.Rows[k]); d != "" {
					w := &want.Rows[k]
					t.Fatalf("case %d, %s shuffled: %d %s %s: %s", i, tc.name, w.Year, w.Branch, w.Level, d)
				}
			}
		}
	}
}

// permuteBranches returns the region with branch b's data under branch
// p[b]: cells, care use, demand factors, trainers and lever scopes.
func permuteBranches(r *Region, lvs []Lever, p [NumBranches]Branch) (*Region, []Lever) {
	q := *r
	for b := range Branch(NumBranches) {
		q.Cells[p[b]] = r.Cells[b]
		q.CareUse[p[b]] = r.CareUse[b]
		q.DemandFactors[p[b]] = r.DemandFactors[b]
	}
	q.Trainers = append([]Trainer(nil), r.Trainers...)
	for i := range q.Trainers {
		q.Trainers[i].Branch = p[q.Trainers[i].Branch]
	}
	out := append([]Lever(nil), lvs...)
	for i := range out {
		var bits uint16
		for b := range Branch(NumBranches) {
			if out[i].Scope.Branches&(1<<b) != 0 {
				bits |= 1 << p[b]
			}
		}
		out[i].Scope.Branches = bits
	}
	return &q, out
}

// permuteMboLevels returns the region with mbo level l's data under level
// p[l]: cells, programmes, trainers' places and lever scopes. The mbo
// levels are taught on the same routes, so any order of them is a region.
func permuteMboLevels(r *Region, lvs []Lever, p [NumLevels]Level) (*Region, []Lever) {
	q := *r
	for l := range Level(NumLevels) {
		q.Programmes[p[l]] = r.Programmes[l]
		for b := range Branch(NumBranches) {
			q.Cells[b][p[l]] = r.Cells[b][l]
		}
	}
	q.Trainers = append([]Trainer(nil), r.Trainers...)
	for i := range q.Trainers {
		for l := range Level(NumLevels) {
			q.Trainers[i].Places[p[l]] = r.Trainers[i].Places[l]
		}
	}
	out := append([]Lever(nil), lvs...)
	for i := range out {
		var bits uint8
		for l := range Level(NumLevels) {
			if out[i].Scope.Levels&(1<<l) != 0 {
				bits |= 1 << p[l]
			}
		}
		out[i].Scope.Levels = bits
		if out[i].Kind == Substitution {
			out[i].To = p[out[i].To] // its target level
		}
	}
	return &q, out
}

func TestOrderOfBranchesAndLevels(t *testing.T) {
	for i := range orderCases() {
		rng := rand.New(rand.NewPCG(uint64(i), 22))
		r := propRegion(rng)
		lvs := propLevers(rng, r)
		want := orderRun(t, r, lvs)

		var pb [NumBranches]Branch
		for k, v := range rng.Perm(NumBranches) {
			pb[k] = Branch(v)
		}
		pl := [NumLevels]Level{Mbo2, Mbo3, Mbo4, Hbo, WoOverig}
		for k, v := range rng.Perm(3) { // the three mbo levels among themselves
			pl[k] = Level(v)
		}
		rb, lb := permuteBranches(r, lvs, pb)
		rl, ll := permuteMboLevels(r, lvs, pl)
		gotB, gotL := orderRun(t, rb, lb), orderRun(t, rl, ll)
		for y := want.From; y <= want.To; y++ {
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					w := want.Row(y, b, l)
					if d := closeRows(gotB.Row(y, pb[b], l), w); d != "" {
						t.Fatalf("case %d, branches permuted %v: %d %s %s: %s", i, pb, y, b, l, d)
					}
					if d := closeRows(gotL.Row(y, b, pl[l]), w); d != "" {
						t.Fatalf("case %d, mbo levels permuted %v: %d %s %s: %s", i, pl, y, b, l, d)
					}
				}
			}
			for _, got := range []*Result{gotB, gotL} {
				tw, tg := want.Total(y), got.Total(y)
				if d := closeRows(&tg, &tw); d != "" {
					t.Fatalf("case %d: %d total: %s", i, y, d)
				}
			}
		}
	}
}

// Several regions in a Monte Carlo: their order changes neither their
// series nor the total over them.
func TestOrderOfRegionsInMonteCarlo(t *testing.T) {
	var rs []*Region
	for i := range 3 {
		r := uncertain(randomRegion(uint64(i)))
		r.Name = fmt.Sprintf("r%d", i)
		rs = append(rs, r)
	}
	opt := MCOptions{Draws: 40, Seed: 2, Detail: DetailBranches}
	a, err := MonteCarlo(rs, allLevers(2026), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := MonteCarlo([]*Region{rs[2], rs[0], rs[1]}, allLevers(2026), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", "r0", "r1", "r2"} {
		for _, br := range append(Branches(), AllBranches) {
			sa, sb := a.Find(name, br, AllLevels), b.Find(name, br, AllLevels)
			if (sa == nil) != (sb == nil) {
				t.Fatalf("%q %s: series in one order only", name, br)
			}
			if sa == nil {
				continue
			}
			for y := range sa.Quantiles {
				for k := range sa.Quantiles[y] {
					if !near(sa.Quantiles[y][k], sb.Quantiles[y][k]) {
						t.Errorf("%q %s year %d P%g: %g in one order, %g in the other", name, br, y, 100*a.Probs[k], sa.Quantiles[y][k], sb.Quantiles[y][k])
					}
				}
			}
		}
	}
}
