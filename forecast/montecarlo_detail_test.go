package forecast

import (
	"testing"
)

// With zero-width ranges every draw is the central run: each series of each
// detail, for one region and for two, over draws split in chunks of 50 and
// any number of workers, is the run's sum of the cells it stands for.
func TestMonteCarloSeriesAreTheRunsSums(t *testing.T) {
	a, b := randomRegion(3), randomRegion(4)
	b.Name = "b"
	lvs := allLevers(2027)
	ra, rb := run(t, a, lvs, 6), run(t, b, lvs, 6)
	for _, tc := range []struct {
		name    string
		regions []*Region
		detail  Detail
		workers int
		draws   int
	}{
		{"totals", []*Region{a}, DetailTotals, 1, 3},
		{"branches", []*Region{a}, DetailBranches, 3, 120},
		{"cells", []*Region{a}, DetailCells, 2, 51},
		{"two regions, cells", []*Region{a, b}, DetailCells, 0, 101},
		{"two regions, branches", []*Region{a, b}, DetailBranches, 5, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var done, total int
			d, err := MonteCarlo(tc.regions, lvs, MCOptions{Options: Options{To: 2031}, Draws: tc.draws, Seed: 1, Detail: tc.detail,
				Workers: tc.workers, Probs: []float64{0, 0.5, 1}, KeepDraws: true,
				Progress: func(n, of int) { done, total = n, of }})
			if err != nil {
				t.Fatal(err)
			}
			if done != total || total != tc.draws*len(tc.regions) || d.Draws != tc.draws || d.From != 2025 || d.To != 2031 {
				t.Errorf("progress %d of %d, draws %d, years %d-%d; want %d draws a region over 2025-2031", done, total, d.Draws, d.From, d.To, tc.draws)
			}
			want := func(res *Result, y int, keep func(*Row) bool) float64 { return res.Sum(y, keep).ShortfallFTE }
			check := func(s *Series, what string, f func(y int) float64) {
				t.Helper()
				if s == nil {
					t.Fatalf("%s: no series", what)
				}
				for i := range s.Quantiles {
					w := f(2025 + i)
					for k, q := range s.Quantiles[i] {
						if !near(q, w) {
							t.Errorf("%s %d quantile %g: %g, want %g", what, 2025+i, d.Probs[k], q, w)
						}
					}
					if !near(s.Mean[i], w) || len(s.Draws[i]) != tc.draws || !near(s.Draws[i][tc.draws-1], w) {
						t.Errorf("%s %d: mean %g, %d draws, want %g", what, 2025+i, s.Mean[i], len(s.Draws[i]), w)
					}
				}
			}
			wantSeries := 0
			for ri, r := range tc.regions {
				res := []*Result{ra, rb}[ri]
				all := func(*Row) bool { return true }
				check(d.Find(r.Name, AllBranches, AllLevels), r.Name, func(y int) float64 { return want(res, y, all) })
				wantSeries++
				for br := range Branch(NumBranches) {
					s := d.Find(r.Name, br, AllLevels)
					if tc.detail < DetailBranches {
						if s != nil {
							t.Errorf("%s: a branch series at detail totals", br)
						}
						continue
					}
					wantSeries++
					check(s, r.Name+" "+br.String(), func(y int) float64 { return want(res, y, func(row *Row) bool { return row.Branch == br }) })
					for l := range Level(NumLevels) {
						s := d.Find(r.Name, br, l)
						if tc.detail < DetailCells {
							if s != nil {
								t.Errorf("%s %s: a cell series at detail branches", br, l)
							}
							continue
						}
						wantSeries++
						check(s, r.Name+" "+br.String()+" "+l.String(), func(y int) float64 { return res.Row(y, br, l).ShortfallFTE })
					}
				}
			}
			if len(tc.regions) > 1 {
				wantSeries++
				check(d.Find("", AllBranches, AllLevels), "all regions", func(y int) float64 {
					return ra.Total(y).ShortfallFTE + rb.Total(y).ShortfallFTE
				})
			} else if d.Find("", AllBranches, AllLevels) != nil {
				t.Error("a total over regions for one region")
			}
			if len(d.Series) != wantSeries {
				t.Errorf("%d series, want %d", len(d.Series), wantSeries)
			}
		})
	}
}

// Quantiles of 0 and 1 are the smallest and largest draw; outside [0, 1]
// they are refused, and so are regions whose years differ.
func TestMonteCarloQuantileEdges(t *testing.T) {
	r := uncertain(randomRegion(5))
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Options: Options{To: 2030}, Draws: 40, Seed: 2, Probs: []float64{0, 1}, KeepDraws: true})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Find("test", AllBranches, AllLevels)
	lo, hi := s.Draws[5][0], s.Draws[5][0]
	for _, x := range s.Draws[5] {
		lo, hi = min(lo, x), max(hi, x)
	}
	if s.Quantiles[5][0] != lo || s.Quantiles[5][1] != hi || !(hi > lo) {
		t.Errorf("quantiles 0 and 1: %v, want %g and %g", s.Quantiles[5], lo, hi)
	}
	for _, p := range []float64{-0.01, 1.01} {
		if _, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 2, Probs: []float64{p}}); err == nil {
			t.Errorf("quantile %g accepted", p)
		}
	}
	other := randomRegion(6)
	other.Name, other.BaseYear = "later", 2026
	if _, err := MonteCarlo([]*Region{r, other}, nil, MCOptions{Draws: 2}); err == nil {
		t.Error("regions with other years accepted")
	}
	if _, err := MonteCarlo(nil, nil, MCOptions{Draws: 2}); err == nil {
		t.Error("no regions accepted")
	}
	// One draw.
	if d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 1, Seed: 2}); err != nil || len(d.Series[0].Quantiles) != 16 {
		t.Errorf("one draw: %v", err)
	}
}
