package chart

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/nl"
)

// Dots is one scenario's value per row of a dot chart.
type Dots struct {
	Name   string
	Style  Style
	Values []float64 // per row; NaN leaves the row without a dot
}

// glyphs give each scenario of a dot chart a shape of its own besides its
// colour, in the order the dots are given.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}}

// BranchDots draws a sorted dot chart: one row per branch, one dot per
// scenario at the branch's shortfall as a share of its demand (fractions),
// a line from the lowest to the highest dot, the rows sorted by the first
// scenario's value (the worst on top), and zero marked.
func BranchDots(title, source string, rows []string, series []Dots) (*Chart, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("dot chart: no scenarios")
	}
	for _, s := range series {
		if len(s.Values) != len(rows) {
			return nil, fmt.Errorf("dot chart: %q has %d values for %d rows", s.Name, len(s.Values), len(rows))
		}
	}
	order := make([]int, len(rows)) // the lowest first: at the bottom
	for i := range order {
		order[i] = i
	}
	key := func(i int) float64 {
		if v := series[0].Values[i]; !math.IsNaN(v) {
			return v
		}
		return math.Inf(-1)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	c := newChart(title, "tekort in % van de vraag", "", source)
	c.height = barHeight(len(rows))
	p := c.plot
	p.Y.Tick.Marker = nil
	lo, hi := 0.0, 0.0
	names := make([]string, len(order))
	for y, i := range order {
		names[y] = rows[i]
		rlo, rhi := math.Inf(1), math.Inf(-1)
		for _, s := range series {
			if v := 100 * s.Values[i]; !math.IsNaN(v) {
				rlo, rhi = min(rlo, v), max(rhi, v)
			}
		}
		if rlo < rhi {
			l, err := plotter.NewLine(plotter.XYs{{X: rlo, Y: float64(y)}, {X: rhi, Y: float64(y)}})
			if err != nil {
				return nil, err
			}
			l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0xb0}, Width: vg.Points(2.5)}
			p.Add(l)
		}
		if !math.IsInf(rlo, 0) {
			lo, hi = min(lo, rlo), max(hi, rhi)
		}
	}
	var labels []string
	for k, s := range series {
		var pts plotter.XYs
		for y, i := range order {
			if v := s.Values[i]; !math.IsNaN(v) {
				pts = append(pts, plotter.XY{X: 100 * v, Y: float64(y)})
			}
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.Style.Color, Radius: vg.Points(4.5), Shape: glyphs[k%len(glyphs)]}
		p.Add(sc)
		c.legend = append(c.legend, legendEntry{s.Name, sc})
		labels = append(labels, s.Name)
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sans(10)
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4+0.5 // room on top for the side note
	xmin, xmax, xstep := niceRange(lo, hi, 6)
	p.X.Min, p.X.Max = xmin, xmax
	p.X.Tick.Marker = stepTicks{Step: xstep, Suffix: "%"}
	p.Add(vline{0, zeroStyle})
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	grid.Vertical.Color = gridGrey
	grid.Vertical.Width = vg.Points(0.5)
	p.Add(grid)
	p.Add(sideNote{})
	c.right = legendWidth(labels...)
	return c, nil
}

// sideNote writes "← overschot" and "tekort →" either side of zero above
// the rows of a horizontal chart.
type sideNote struct{}

func (sideNote) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(0)
	sty := textStyle(9, noteGrey)
	sty.YAlign = draw.YTop
	right := sty
	c.FillText(right, vg.Point{X: x + vg.Points(4), Y: c.Max.Y}, "tekort →")
	if p.X.Min < 0 {
		left := sty
		left.XAlign = draw.XRight
		c.FillText(left, vg.Point{X: x - vg.Points(4), Y: c.Max.Y}, "← overschot")
	}
}

// Heatmap draws a table of coloured cells: rows (branches) down, columns
// (levels) across, each cell the shortfall as a share of demand
// (fractions; NaN for a cell without demand), orange for a shortage and
// teal for a surplus, darker the larger, and labelled with its value.
func Heatmap(title, source string, rows, cols []string, values [][]float64) (*Chart, error) {
	if len(values) != len(rows) {
		return nil, fmt.Errorf("heatmap: %d value rows for %d rows", len(values), len(rows))
	}
	c := newChart(title, "", "", source)
	c.height = max(Height*3/4, vg.Points(100)+vg.Points(24)*vg.Length(len(rows)))
	p := c.plot
	p.Y.Tick.Marker = nil
	p.X.Tick.Marker = nil
	p.HideAxes()
	// The axes are hidden (no lines, no ticks): the rows' and columns'
	// names are written beside the cells, as a table has them.
	n := len(rows)
	for i, row := range values {
		if len(row) != len(cols) {
			return nil, fmt.Errorf("heatmap: row %q has %d values for %d columns", rows[i], len(row), len(cols))
		}
		y := float64(n - 1 - i)
		for j, v := range row {
			x := float64(j)
			fill, ink := heat(v)
			if err := fillRect(p, x-0.48, x+0.48, y-0.45, y+0.45, fill); err != nil {
				return nil, err
			}
			sty := textStyle(9.5, ink)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			text := "–"
			if !math.IsNaN(v) {
				text = nl.Dec(100*v, 0) + "%"
			}
			p.Add(note{x: x, y: y, text: text, style: sty})
		}
		sty := textStyle(10, ink)
		sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
		p.Add(note{x: -0.5, y: y, dx: -vg.Points(6), text: rows[i], style: sty})
	}
	for j, col := range cols {
		sty := textStyle(10, ink)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		p.Add(note{x: float64(j), y: float64(n) - 0.5, dy: vg.Points(4), text: col, style: sty})
	}
	p.X.Min, p.X.Max = -0.5-labelRoom(rows, len(cols)), float64(len(cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5+0.9
	c.legend = []legendEntry{
		{"tekort", swatch(heatColor(0.2))},
		{"overschot", swatch(heatColor(-0.2))},
		{"geen personeel", swatch(color.Gray{Y: 0xee})},
	}
	c.right = legendWidth("geen personeel")
	return c, nil
}

// labelRoom is the room, in columns, the row names need left of the
// cells: the widest name at 10 points over a column's width on a chart of
// the standard width.
func labelRoom(rows []string, cols int) float64 {
	var w vg.Length
	for _, r := range rows {
		w = max(w, width(r, 10))
	}
	colW := (Width - vg.Points(160)) / vg.Length(cols+2)
	return float64((w + vg.Points(10)) / colW)
}

// heat is a cell's fill and the colour of its text.
func heat(v float64) (fill, text color.Color) {
	if math.IsNaN(v) {
		return color.Gray{Y: 0xee}, noteGrey
	}
	f := heatColor(v)
	if math.Abs(v) >= 0.15 {
		return f, color.White
	}
	return f, ink
}

// heatColor mixes white with orange (shortage) or teal (surplus), fully
// at a quarter of demand.
func heatColor(v float64) color.Color {
	t := min(1, math.Abs(v)/0.25)
	base := orange
	if v < 0 {
		base = teal
	}
	return lighter(base, 0.92*(1-t))
}
