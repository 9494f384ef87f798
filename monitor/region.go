package monitor

import (
	"fmt"
	"math"

	"raat/forecast"
	"raat/ingest"
)

// RegionOf builds the region as the workbooks of one year make it, the way
// raat builds it from the current year's (ingest.Aggregate), so that a
// forecast from an earlier peildatum is the forecast raat would have made
// then. Aggregate weighs the delivered figures up to the region's known
// staff per branch and level; for an earlier year those are not the region
// file's (which are of its own base year) but the history's: what the
// employers delivered that year plus the estimates for those who did not.
// So base's staff per branch and level are first set to the year's, each
// cell's age profile kept; the rest of base (demand growth, programmes,
// age pattern of outflow, ...) stays the region file's assumption.
func (h *History) RegionOf(base *forecast.Region, year int) (*forecast.Region, *ingest.Summary, error) {
	i := h.Index(year)
	if i < 0 {
		return nil, nil, fmt.Errorf("no workbooks of %d", year)
	}
	b := baseOf(base, h, i)
	r, sum, err := ingest.Aggregate(b, h.used[i])
	if err != nil {
		return nil, sum, fmt.Errorf("%s %d: %w", h.Region, year, err)
	}
	return r, sum, nil
}

// baseOf is base with the staff of year i of the history in every cell
// the history has figures for.
func baseOf(base *forecast.Region, h *History, i int) *forecast.Region {
	b := *base
	for _, line := range h.Branches {
		br := line.Branch
		for l := range forecast.Level(forecast.NumLevels) {
			want := line.Figures[i].ByLevel[l]
			if want <= 0 {
				continue // no one reports the level this year: the assumption stays
			}
			c := &b.Cells[br][l]
			shape := c.Headcount
			if shape.Sum() <= 0 {
				// the region file has no one here: the branch's profile
				shape = forecast.AgeVector{}
				for k := range b.Cells[br] {
					for a, x := range base.Cells[br][k].Headcount {
						shape[a] += x
					}
				}
			}
			f := want / shape.Sum()
			top := 0
			for a := range shape {
				c.Headcount[a] = shape[a] * f
				if shape[a] > shape[top] {
					top = a
				}
			}
			// The sum exactly the year's staff, never below what the
			// employers reported: Aggregate then weighs a fully delivered
			// level by exactly 1 (and one reporting more than the region
			// has would count unweighted, with a warning).
			for range 4 {
				if d := want - c.Headcount.Sum(); d != 0 {
					c.Headcount[top] += d
				}
			}
			for c.Headcount.Sum() < want {
				c.Headcount[top] = math.Nextafter(c.Headcount[top], math.Inf(1))
			}
		}
	}
	return &b
}
