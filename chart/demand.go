package chart

import (
	"cmp"
	"fmt"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
)

// DemandSplit draws, per branch, the change of demand from the first year
// to the last as a share of the first year's demand (fractions), split
// into what demography alone gives (navy) and the other growth (orange
// when it adds demand, teal when it lowers it): positive parts stack
// right of zero, negative parts left, so a branch whose other growth
// works against its ageing shows both. Each row is labelled with the net
// change; the largest is on top.
func DemandSplit(title, source string, rows []string, demography, other []float64) (*Chart, error) {
	if len(demography) != len(rows) || len(other) != len(rows) {
		return nil, fmt.Errorf("demand chart: %d rows, %d demography and %d other values", len(rows), len(demography), len(other))
	}
	order := make([]int, len(rows)) // smallest net change first: at the bottom
	for i := range order {
		order[i] = i
	}
	net := func(i int) float64 { return demography[i] + other[i] }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(net(a), net(b)) })
	c := newChart(title, "verandering van de vraag (% van het eerste jaar)", "", source)
	c.height = barHeight(len(rows))
	p := c.plot
	p.Y.Tick.Marker = nil
	var lo, hi float64
	names := make([]string, len(order))
	usedUp, usedDown := false, false
	for y, i := range order {
		names[y] = rows[i]
		d, o := 100*demography[i], 100*other[i]
		pos, neg := 0.0, 0.0 // running ends right and left of zero
		for k, v := range []float64{d, o} {
			fill := navy
			switch {
			case k == 0:
			case v < 0:
				fill, usedDown = teal, usedDown || v < -0.05
			default:
				fill, usedUp = orange, usedUp || v > 0.05
			}
			var x0, x1 float64
			if v >= 0 {
				x0, x1, pos = pos, pos+v, pos+v
			} else {
				x0, x1, neg = neg+v, neg, neg+v
			}
			if x1 > x0 {
				if err := fillRect(p, x0, x1, float64(y)-0.32, float64(y)+0.32, fill); err != nil {
					return nil, err
				}
			}
		}
		lo, hi = min(lo, neg), max(hi, pos)
		sty := textStyle(9, ink)
		sty.YAlign = draw.YCenter
		text := nl.Dec(d+o, 0) + "%"
		if d+o > 0.5 {
			text = "+" + text
		}
		p.Add(note{x: pos, y: float64(y), dx: vg.Points(4), text: text, style: sty})
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sans(9)
	xmin, xmax, xstep := niceRange(lo, hi+0.12*(hi-lo), 6)
	p.X.Min, p.X.Max = xmin, xmax
	p.X.Tick.Marker = stepTicks{Step: xstep, Suffix: "%"}
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4
	p.Add(vline{0, zeroStyle})
	c.legend = []legendEntry{{"door de bevolking (demografie)", swatch(navy)}}
	labels := []string{"door de bevolking (demografie)"}
	if usedUp {
		c.legend = append(c.legend, legendEntry{"overige groei", swatch(orange)})
		labels = append(labels, "overige groei")
	}
	if usedDown {
		c.legend = append(c.legend, legendEntry{"overige daling", swatch(teal)})
		labels = append(labels, "overige daling")
	}
	c.right = legendWidth(labels...)
	return c, nil
}

// DemandOf draws DemandSplit of a study's demand changes per branch (the
// region's total left out), in percent of each branch's first-year demand.
func DemandOf(title, source string, cs []analysis.DemandChange) (*Chart, error) {
	var rows []string
	var demo, other []float64
	for _, c := range cs {
		if c.Branch == forecast.AllBranches || c.FromFTE == 0 {
			continue
		}
		rows = append(rows, c.Branch.Label())
		demo, other = append(demo, c.Share(c.DemographyFTE)), append(other, c.Share(c.OtherFTE))
	}
	return DemandSplit(title, source, rows, demo, other)
}
