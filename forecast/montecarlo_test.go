package forecast

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func uncertain(r *Region) *Region {
	r.Uncertainty = Uncertainty{
		Dropout: Range{0.8, 1.2}, SectorYield: Range{0.9, 1.1}, OtherOutflow: Range{0.85, 1.15},
		PartTimeFactor: Range{0.97, 1.03}, DemandGrowth: Range{-0.005, 0.005},
	}
	return r
}

func TestMonteCarloWithoutWidthEqualsRun(t *testing.T) {
	r := randomRegion(5) // all ranges zero-width
	det := run(t, r, allLevers(2026), 15)
	dist, err := MonteCarlo([]*Region{r}, allLevers(2026), MCOptions{Options: Options{To: 2040}, Draws: 20, Seed: 1, Detail: DetailCells})
	if err != nil {
		t.Fatal(err)
	}
	for i, y := range det.Years() {
		want := det.Total(y).ShortfallFTE
		s := dist.Find("test", AllBranches, AllLevels)
		for k, q := range s.Quantiles[i] {
			if !near(q, want) {
				t.Errorf("%d P%g: %g, want %g", y, 100*dist.Probs[k], q, want)
			}
		}
		cell := dist.Find("test", VVT, Mbo3).Quantiles[i][1]
		if w := det.Row(y, VVT, Mbo3).ShortfallFTE; !near(cell, w) {
			t.Errorf("%d vvt mbo3 P50 %g, want %g", y, cell, w)
		}
	}
}

func TestMonteCarloReproducibleAndOrdered(t *testing.T) {
	r := uncertain(randomRegion(5))
	opts := MCOptions{Draws: 200, Seed: 42, Detail: DetailBranches}
	var first *Distribution
	for _, workers := range []int{1, 2, 7} {
		opts.Workers = workers
		d, err := MonteCarlo([]*Region{r}, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = d
			continue
		}
		if !reflect.DeepEqual(d, first) {
			t.Fatalf("%d workers: output differs from 1 worker", workers)
		}
	}
	for _, s := range first.Series {
		for y, qs := range s.Quantiles {
			if !(qs[0] <= qs[1] && qs[1] <= qs[2]) {
				t.Errorf("%s %s year %d: quantiles %v not ordered", s.Region, s.Branch, y, qs)
			}
		}
	}
	// With uncertain parameters the band opens up over the years.
	tot := first.Find("test", AllBranches, AllLevels)
	last := len(tot.Quantiles) - 1
	if w0, wN := tot.Quantiles[0][2]-tot.Quantiles[0][0], tot.Quantiles[last][2]-tot.Quantiles[last][0]; !(wN > w0 && wN > 1) {
		t.Errorf("P10-P90 width %g in the base year, %g at the horizon; want it to widen", w0, wN)
	}
	other, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 200, Seed: 43, Detail: DetailBranches})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(other.Series, first.Series) {
		t.Error("seeds 42 and 43 gave the same output")
	}
}

func TestMonteCarloSeveralRegions(t *testing.T) {
	a, b := randomRegion(1), randomRegion(2)
	b.Name = "other"
	d, err := MonteCarlo([]*Region{a, b}, nil, MCOptions{Draws: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := run(t, a, nil, 15), run(t, b, nil, 15)
	all := d.Find("", AllBranches, AllLevels)
	for i, y := range ra.Years() {
		want := ra.Total(y).ShortfallFTE + rb.Total(y).ShortfallFTE
		if !near(all.Quantiles[i][1], want) {
			t.Errorf("%d: total P50 %g, want %g", y, all.Quantiles[i][1], want)
		}
	}
}

func TestMonteCarloRefusesBadOptions(t *testing.T) {
	r := randomRegion(1)
	for _, o := range []MCOptions{{Draws: 0}, {Draws: 5, Probs: []float64{1.5}}, {Draws: 5, Options: Options{From: 1990}}} {
		if _, err := MonteCarlo([]*Region{r}, nil, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// nationalRegions builds n regions of the demo's size.
func nationalRegions(n int) []*Region {
	rs := make([]*Region, n)
	for i := range rs {
		rs[i] = uncertain(randomRegion(uint64(i)))
		rs[i].Name = fmt.Sprintf("regio-%02d", i+1)
	}
	return rs
}

// BenchmarkRun is one region's baseline over 15 years (16 reported years),
// all branches and levels. Target: under 5 ms.
func BenchmarkRun(b *testing.B) {
	r := randomRegion(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(r, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelRun times the same run on a region compiled once, as
// Decompose, Solve, Costs and the analysis layer run it.
func BenchmarkModelRun(b *testing.B) {
	m, err := Compile(randomRegion(1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonteCarlo times Monte Carlo runs of 16 years over regions of
// 9 branches x 5 levels. The national size is 28 regions x 10,000 draws
// (target: under 10 s); the smaller sizes show how time grows with draws
// and with regions.
func BenchmarkMonteCarlo(b *testing.B) {
	for _, sz := range []struct{ regions, draws int }{
		{1, 1000}, {7, 1000}, {28, 1000}, {28, 2500}, {28, 5000}, {28, 10000},
	} {
		b.Run(fmt.Sprintf("regions=%d/draws=%d", sz.regions, sz.draws), func(b *testing.B) {
			rs := nationalRegions(sz.regions)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := MonteCarlo(rs, nil, MCOptions{Draws: sz.draws, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(sz.draws)/secs, "draws/s")
			b.ReportMetric(float64(sz.regions*NumBranches*NumLevels*16*sz.draws)/secs, "cell-years/s")
		})
	}
}

func TestMonteCarloSelect(t *testing.T) {
	r := randomRegion(5)
	keep := func(b Branch, l Level) bool { return b == VVT && l != Hbo }
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 3, Seed: 1, Select: keep})
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, r, nil, 15)
	for i, y := range res.Years() {
		want := res.Sum(y, func(row *Row) bool { return keep(row.Branch, row.Level) }).ShortfallFTE
		if got := d.Find("test", AllBranches, AllLevels).Quantiles[i][1]; !near(got, want) {
			t.Errorf("%d: selected P50 %g, want %g", y, got, want)
		}
	}
}

func TestMonteCarloKeepsDraws(t *testing.T) {
	r := uncertain(randomRegion(5))
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 30, Seed: 9, KeepDraws: true, Options: Options{To: 2030}})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Find("test", AllBranches, AllLevels)
	if len(s.Draws) != 6 || len(s.Draws[5]) != 30 {
		t.Fatalf("draws %d x %d, want 6 years x 30", len(s.Draws), len(s.Draws[0]))
	}
	// The kept draws are the values the quantiles come from, in draw order.
	sorted := slices.Clone(s.Draws[5])
	slices.Sort(sorted)
	if sorted[14] != s.Quantiles[5][1] || slices.Equal(sorted, s.Draws[5]) {
		t.Errorf("draws do not match the quantiles, or are sorted: %v", s.Draws[5])
	}
}
