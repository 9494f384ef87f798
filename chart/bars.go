package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/nl"
)

// Step is one bar of a waterfall: a lever's change of the shortfall.
type Step struct {
	Label string
	Delta float64
}

// Waterfall draws how a gap goes from a starting value (the baseline's
// shortfall) through each lever's contribution to an end value (the
// scenario's shortfall): the first and last bars stand on zero, the steps
// float between running totals, each labelled with its change.
func Waterfall(title, startLabel string, start float64, steps []Step, endLabel string) (*Chart, error) {
	p := newPlot(title, "", "tekort (fte)")
	names := []string{startLabel}
	run := start
	minY, maxY := min(0, start), max(0, start)
	type bar struct {
		lo, hi float64
		fill   color.Color
		label  string
	}
	bars := []bar{{0, start, Color(0), nl.Int(start)}}
	totals := []float64{start} // the running total after each bar
	for _, s := range steps {
		next := run + s.Delta
		fill := lighter(Color(2), 0.1) // closes the gap
		if s.Delta > 0 {
			fill = Color(1) // widens it
		}
		bars = append(bars, bar{min(run, next), max(run, next), fill, signedInt(s.Delta)})
		names = append(names, s.Label)
		run = next
		totals = append(totals, run)
		minY, maxY = min(minY, run), max(maxY, run)
	}
	bars = append(bars, bar{min(0, run), max(0, run), Color(0), nl.Int(run)})
	names = append(names, endLabel)
	const half = 0.35
	for i, b := range bars {
		x := float64(i)
		poly, err := plotter.NewPolygon(rect(x-half, x+half, b.lo, b.hi))
		if err != nil {
			return nil, err
		}
		poly.Color = b.fill
		poly.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.5)}
		p.Add(poly)
		if i > 0 { // a dashed connector at the running total
			level := totals[i-1]
			if l, err := plotter.NewLine(plotter.XYs{{X: x - 1 + half, Y: level}, {X: x - half, Y: level}}); err == nil {
				l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x88}, Width: vg.Points(0.75), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
				p.Add(l)
			}
		}
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: b.hi}}, Labels: []string{b.label}})
		if err != nil {
			return nil, err
		}
		for k := range lbl.TextStyle {
			lbl.TextStyle[k].Font = sans(10)
			lbl.TextStyle[k].XAlign = draw.XCenter
		}
		lbl.Offset = vg.Point{Y: vg.Points(3)}
		p.Add(lbl)
	}
	p.Add(zeroLineAt(-0.5, float64(len(bars))-0.5))
	p.NominalX(names...)
	p.X.Tick.Label.Font = sans(9)
	p.X.Tick.Label.Rotation = 0.5
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	p.Y.Min, p.Y.Max = minY, maxY+0.1*(maxY-minY)
	p.Legend.Add("vergroot het tekort", swatch(Color(1)))
	p.Legend.Add("verkleint het tekort", swatch(lighter(Color(2), 0.1)))
	p.Legend.Left = false
	return &Chart{plot: p}, nil
}

// Stack is one layer of stacked bars: a label and a value per year.
type Stack struct {
	Label  string
	Values []float64
}

// Flows draws inflow by origin above zero and outflow by reason below it,
// one stacked bar per year, with the net change of the stock as a line.
func Flows(title string, years []int, in, out []Stack) (*Chart, error) {
	p := newPlot(title, "jaar", "personen per jaar")
	if len(years) == 0 {
		return nil, fmt.Errorf("flows chart: no years")
	}
	last := float64(years[len(years)-1])
	p.X.Tick.Marker = yearTicks{Last: last}
	width := vg.Points(14)
	net := make([]float64, len(years))
	add := func(stacks []Stack, sign float64, colour0 int) error {
		var prev *plotter.BarChart
		for k, s := range stacks {
			if len(s.Values) != len(years) {
				return fmt.Errorf("flows chart: %q has %d values for %d years", s.Label, len(s.Values), len(years))
			}
			vals := make(plotter.Values, len(years))
			for i, v := range s.Values {
				vals[i] = sign * v
				net[i] += sign * v
			}
			bc, err := plotter.NewBarChart(vals, width)
			if err != nil {
				return err
			}
			bc.XMin = float64(years[0])
			bc.Color = Color(colour0 + k)
			if sign < 0 {
				bc.Color = lighter(Color(colour0+k), 0.35)
			}
			bc.LineStyle.Width = vg.Points(0.3)
			if prev != nil {
				bc.StackOn(prev)
			}
			p.Add(bc)
			name := "in: " + s.Label
			if sign < 0 {
				name = "uit: " + s.Label
			}
			p.Legend.Add(name, bc)
			prev = bc
		}
		return nil
	}
	if err := add(in, 1, 0); err != nil {
		return nil, err
	}
	if err := add(out, -1, len(in)); err != nil {
		return nil, err
	}
	pts := make(plotter.XYs, len(years))
	for i, y := range years {
		pts[i] = plotter.XY{X: float64(y), Y: net[i]}
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, err
	}
	line.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(2)}
	p.Add(line)
	p.Legend.Add("netto verandering", line)
	p.Add(zeroLineAt(float64(years[0])-0.5, last+0.5))
	// The legend goes in the room right of the bars.
	p.X.Min, p.X.Max = float64(years[0])-0.7, last+0.6+0.42*float64(len(years))
	p.Legend.Left, p.Legend.Top = false, true
	return &Chart{plot: p}, nil
}

// Quotes draws each employer's opleidingsquote (training FTE per 100 FTE
// of staff) as a horizontal bar, against the reference line.
func Quotes(title string, names []string, quotes []float64, reference float64) (*Chart, error) {
	if len(names) != len(quotes) {
		return nil, fmt.Errorf("quote chart: %d names for %d quotes", len(names), len(quotes))
	}
	p := newPlot(title, "opleidingsplaatsen (fte) per 100 fte personeel", "")
	p.Y.Tick.Marker = nil
	names, quotes = reversed(names), reversed(quotes) // the first on top
	below, above := make(plotter.Values, len(quotes)), make(plotter.Values, len(quotes))
	maxQ := reference
	for i, q := range quotes {
		if q < reference {
			below[i] = q
		} else {
			above[i] = q
		}
		maxQ = max(maxQ, q)
	}
	width := vg.Points(min(18, 260/float64(max(1, len(quotes)))))
	for k, vals := range []plotter.Values{below, above} {
		bc, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = []color.Color{lighter(Color(1), 0.2), Color(0)}[k]
		bc.LineStyle.Width = 0
		p.Add(bc)
		p.Legend.Add([]string{fmt.Sprintf("onder de %s", nl.Dec(reference, 0)), fmt.Sprintf("%s of meer", nl.Dec(reference, 0))}[k], bc)
	}
	ref, err := plotter.NewLine(plotter.XYs{{X: reference, Y: -0.6}, {X: reference, Y: float64(len(quotes)) - 0.4}})
	if err != nil {
		return nil, err
	}
	ref.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(2), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
	p.Add(ref)
	p.Legend.Add(fmt.Sprintf("referentie %s", nl.Dec(reference, 0)), ref)
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sans(9)
	p.X.Tick.Marker = dutchTicks{}
	p.X.Min, p.X.Max = 0, maxQ*1.6 // room for the legend on the right
	p.Legend.Left = false
	p.Legend.Top = false
	return &Chart{plot: p}, nil
}

// Outflow draws the leavers of each branch by reason as horizontal
// stacked bars: values[r][b] is reason r in branch b.
func Outflow(title string, branches, reasons []string, values [][]float64) (*Chart, error) {
	if len(values) != len(reasons) {
		return nil, fmt.Errorf("outflow chart: %d value rows for %d reasons", len(values), len(reasons))
	}
	p := newPlot(title, "vertrekkers per jaar (personen)", "")
	p.Y.Tick.Marker = nil
	p.X.Tick.Marker = dutchTicks{}
	var prev *plotter.BarChart
	totals := make([]float64, len(branches))
	for r, row := range values {
		if len(row) != len(branches) {
			return nil, fmt.Errorf("outflow chart: reason %q has %d values for %d branches", reasons[r], len(row), len(branches))
		}
		for b, v := range row {
			totals[b] += v
		}
		bc, err := plotter.NewBarChart(plotter.Values(reversed(row)), vg.Points(16)) // the first branch on top
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = Color(r)
		bc.LineStyle.Width = vg.Points(0.3)
		if prev != nil {
			bc.StackOn(prev)
		}
		p.Add(bc)
		p.Legend.Add(reasons[r], bc)
		prev = bc
	}
	p.NominalY(reversed(branches)...)
	p.Y.Tick.Label.Font = sans(10)
	var most float64
	for _, t := range totals {
		most = max(most, t)
	}
	p.X.Min, p.X.Max = 0, 1.4*most // room for the legend on the right
	p.Legend.Left, p.Legend.Top = false, true
	return &Chart{plot: p}, nil
}

func reversed[T any](s []T) []T {
	r := make([]T, len(s))
	for i, v := range s {
		r[len(s)-1-i] = v
	}
	return r
}

func rect(x0, x1, y0, y1 float64) plotter.XYs {
	return plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// swatch is a legend entry of a filled square.
func swatch(c color.Color) plot.Thumbnailer {
	poly, _ := plotter.NewPolygon(rect(0, 1, 0, 1))
	poly.Color = c
	return poly
}

func zeroLineAt(x0, x1 float64) plot.Plotter {
	l, _ := plotter.NewLine(plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}})
	l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(1)}
	return l
}

func signedInt(x float64) string {
	if x > 0.5 {
		return "+" + nl.Int(x)
	}
	return nl.Int(x)
}
