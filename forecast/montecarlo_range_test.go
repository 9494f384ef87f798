package forecast

import (
	"fmt"
	"testing"
)

// mcRegion has four cells, each reached by some of the Monte Carlo's
// parameter groups and not by others:
//
//	A  VVT mbo3: 1,000 people aged 40 leaving at 10% a year, part-time
//	   0.5, demand growing 2%: other outflow, part-time factor, demand
//	   growth;
//	B  GGZ mbo4: nobody, 20 FTE open, no growth: demand growth only;
//	C  ziekenhuizen hbo: nobody yet, 100 FTE open, all hbo graduates (a
//	   two-year full-time programme, 120 candidates a year, nobody leaves):
//	   dropout, sector yield, part-time factor (of the graduates), demand
//	   growth;
//	D  jeugdzorg mbo2: nothing at all: none.
func mcRegion() *Region {
	r := emptyRegion()
	a := &r.Cells[VVT][Mbo3]
	a.Headcount[40-MinAge] = 1000
	for i := range a.OtherOutflowRate {
		a.OtherOutflowRate[i] = 0.1
	}
	a.PartTimeFactor, a.DemandGrowth, a.OpenVacanciesFTE = 0.5, 0.02, 50
	r.Cells[GGZ][Mbo4].OpenVacanciesFTE = 20
	r.Cells[Ziekenhuizen][Hbo].OpenVacanciesFTE = 100
	withProgramme(r, Hbo, HboVoltijd, Ziekenhuizen, Programme{
		DurationYears: 2, Dropout: []float64{0.15, 0.1}, SectorYield: 0.7, Candidates: 120,
		EntryAge: 22, Enrolled: []float64{120, 100},
	})
	return r
}

type mcCell struct {
	b Branch
	l Level
}

var (
	cellA = mcCell{VVT, Mbo3}
	cellB = mcCell{GGZ, Mbo4}
	cellC = mcCell{Ziekenhuizen, Hbo}
	cellD = mcCell{Jeugdzorg, Mbo2}
)

// mcGroups are the Monte Carlo's parameter groups: how to set a group's
// range at a width (1 the range of the test, 2 twice as wide around its
// mode), and the cells the group touches in mcRegion.
var mcGroups = []struct {
	name    string
	set     func(u *Uncertainty, width float64)
	touches []mcCell
}{
	{"dropout", func(u *Uncertainty, w float64) { u.Dropout = Range{1 - 0.2*w, 1 + 0.2*w} }, []mcCell{cellC}},
	{"sector yield", func(u *Uncertainty, w float64) { u.SectorYield = Range{1 - 0.15*w, 1 + 0.1*w} }, []mcCell{cellC}},
	{"other outflow", func(u *Uncertainty, w float64) { u.OtherOutflow = Range{1 - 0.2*w, 1 + 0.2*w} }, []mcCell{cellA}},
	{"part-time factor", func(u *Uncertainty, w float64) { u.PartTimeFactor = Range{1 - 0.05*w, 1 + 0.05*w} }, []mcCell{cellA, cellC}},
	{"demand growth", func(u *Uncertainty, w float64) { u.DemandGrowth = Range{-0.01 * w, 0.01 * w} }, []mcCell{cellA, cellB, cellC}},
}

// bands runs the Monte Carlo and returns each cell's P10-P90 width per
// year.
func bands(t *testing.T, r *Region) map[mcCell][]float64 {
	t.Helper()
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Options: Options{To: r.BaseYear + 6}, Draws: 400, Seed: 3, Detail: DetailCells})
	if err != nil {
		t.Fatal(err)
	}
	out := map[mcCell][]float64{}
	for _, c := range []mcCell{cellA, cellB, cellC, cellD} {
		s := d.Find(r.Name, c.b, c.l)
		for _, q := range s.Quantiles {
			out[c] = append(out[c], q[2]-q[0])
		}
	}
	return out
}

func touches(cs []mcCell, c mcCell) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// Each uncertainty range, alone, opens a band in exactly the cells it
// touches, from the year after the base year, and a wider range a wider
// band; the cells it does not touch have none.
func TestMonteCarloEachRangeAlone(t *testing.T) {
	for _, g := range mcGroups {
		t.Run(g.name, func(t *testing.T) {
			narrow, wide := mcRegion(), mcRegion()
			g.set(&narrow.Uncertainty, 1)
			g.set(&wide.Uncertainty, 2)
			bn, bw := bands(t, narrow), bands(t, wide)
			for _, c := range []mcCell{cellA, cellB, cellC, cellD} {
				for y := range bn[c] {
					what := fmt.Sprintf("%s %s %d", c.b, c.l, narrow.BaseYear+y)
					switch {
					case y == 0 || !touches(g.touches, c):
						if bn[c][y] > 1e-9 || bw[c][y] > 1e-9 { // rounding
							t.Errorf("%s: band %g (wide %g), want none", what, bn[c][y], bw[c][y])
						}
					case !(bn[c][y] > 1e-6 && bw[c][y] > bn[c][y]*1.5):
						t.Errorf("%s: band %g, wide %g; want a band that widens with the range", what, bn[c][y], bw[c][y])
					}
				}
			}
		})
	}
}

// With every range open, widening one of them widens the band of the cells
// it touches and leaves every other cell's band as it was: each group has
// its own random stream.
func TestMonteCarloWideningOneRange(t *testing.T) {
	base := mcRegion()
	for _, g := range mcGroups {
		g.set(&base.Uncertainty, 1)
	}
	b0 := bands(t, base)
	for _, g := range mcGroups {
		t.Run(g.name, func(t *testing.T) {
			r := mcRegion()
			for _, h := range mcGroups {
				h.set(&r.Uncertainty, 1)
			}
			g.set(&r.Uncertainty, 2)
			b1 := bands(t, r)
			for _, c := range []mcCell{cellA, cellB, cellC, cellD} {
				for y := range b0[c] {
					what := fmt.Sprintf("%s %s %d", c.b, c.l, r.BaseYear+y)
					switch {
					case y == 0 || !touches(g.touches, c):
						if !near(b1[c][y], b0[c][y]) {
							t.Errorf("%s: band %g, want it unchanged at %g", what, b1[c][y], b0[c][y])
						}
					case !(b1[c][y] > b0[c][y]+1e-9):
						t.Errorf("%s: band %g, want wider than %g", what, b1[c][y], b0[c][y])
					}
				}
			}
		})
	}
}
