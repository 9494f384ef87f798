package chart

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/nl"
)

// Step is one bar of a waterfall: a lever's change of the shortfall, or
// for the first bar the starting value. Text, when set, is the bar's
// label (rounded as the text quotes it); otherwise the value, signed.
type Step struct {
	Label string
	Delta float64
	Text  string
}

var (
	closes  = teal   // a change that closes the gap
	widens  = orange // one that widens it
	stockup = navy   // the bars that stand on zero
)

// Waterfall draws how a gap goes from a starting value (the baseline's
// shortfall, start.Delta) through each lever's contribution to the end
// value (the scenario's shortfall): the first and last bars stand on zero,
// the steps float between running totals. Each bar is labelled beyond its
// end: above a rise, below a fall. The legend names only the colours the
// bars use.
func Waterfall(title, source string, start Step, steps []Step, end Step) (*Chart, error) {
	c := newChart(title, "", "tekort (fte)", source)
	p := c.plot
	type bar struct {
		lo, hi float64
		fill   color.Color
		text   string
		up     bool // the label goes above the bar
	}
	label := func(s Step, signed bool) string {
		switch {
		case s.Text != "":
			return s.Text
		case signed && s.Delta > 0.5:
			return "+" + nl.Int(s.Delta)
		}
		return nl.Int(s.Delta)
	}
	run := start.Delta
	bars := []bar{{min(0, run), max(0, run), stockup, label(start, false), run >= 0}}
	names := []string{start.Label}
	totals := []float64{run}
	lo, hi := min(0, run), max(0, run)
	var rose, fell bool
	for _, s := range steps {
		next := run + s.Delta
		b := bar{min(run, next), max(run, next), closes, label(s, true), s.Delta > 0}
		if s.Delta > 0 {
			b.fill, rose = widens, true
		} else {
			fell = true
		}
		bars = append(bars, b)
		names = append(names, s.Label)
		run = next
		totals = append(totals, run)
		lo, hi = min(lo, run), max(hi, run)
	}
	end.Delta = run
	bars = append(bars, bar{min(0, run), max(0, run), stockup, label(end, false), run >= 0})
	names = append(names, end.Label)
	const half = 0.36
	for i, b := range bars {
		x := float64(i)
		if err := fillRect(p, x-half, x+half, b.lo, b.hi, b.fill); err != nil {
			return nil, err
		}
		if i > 0 { // a dashed connector at the running total
			level := totals[i-1]
			if l, err := plotter.NewLine(plotter.XYs{{X: x - 1 + half, Y: level}, {X: x - half, Y: level}}); err == nil {
				l.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x88}, Width: vg.Points(0.75), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
				p.Add(l)
			}
		}
		sty := textStyle(9.5, ink)
		sty.XAlign = draw.XCenter
		n := note{x: x, y: b.hi, dy: vg.Points(3), text: b.text, style: sty}
		if !b.up {
			n.y, n.dy = b.lo, -vg.Points(3)
			n.style.YAlign = draw.YTop
		}
		p.Add(n)
	}
	p.Add(hline{0, zeroStyle})
	// Every name on two lines, so that all line up under their bars.
	wrapped := make([]string, len(names))
	for i, n := range names {
		wrapped[i] = wrapLabel(n, 15)
		if !strings.Contains(wrapped[i], "\n") {
			wrapped[i] += "\n "
		}
	}
	p.NominalX(wrapped...)
	p.X.Tick.Label.Font = sans(8.5)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Width = 0
	p.X.LineStyle.Width = 0
	ymin, ymax, ystep := niceRange(lo, hi+0.08*(hi-lo), 5)
	if lo < 0 {
		ymin, ymax, ystep = niceRange(lo-0.08*(hi-lo), hi+0.08*(hi-lo), 5)
	}
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = stepTicks{Step: ystep}
	// The legend goes inside, top right, where the plan's bar is low:
	// the bars need the width.
	if rose {
		p.Legend.Add("vergroot het tekort", swatch(widens))
	}
	if fell {
		p.Legend.Add("verkleint het tekort", swatch(closes))
	}
	p.Legend.Left = false
	p.Legend.ThumbnailWidth = vg.Points(12)
	return c, nil
}

// Stack is one layer of stacked bars: a label and a value per year.
type Stack struct {
	Label  string
	Values []float64
}

// Flows draws inflow by origin above zero and outflow by reason below it,
// one stacked bar per year, with the net change of the workforce as a
// line. The legend, right of the bars, lists the layers in the order they
// are stacked on the page: the top layer first.
func Flows(title, source string, years []int, in, out []Stack) (*Chart, error) {
	if len(years) == 0 {
		return nil, fmt.Errorf("flows chart: no years")
	}
	c := newChart(title, "", "personen per jaar", source)
	p := c.plot
	first, last := years[0], years[len(years)-1]
	p.X.Tick.Marker = yearTicks{First: first, Last: last}
	width := vg.Points(11)
	net := make([]float64, len(years))
	inColors := []color.RGBA{navy, lighter(navy, 0.35), lighter(teal, 0.1), teal}
	outColors := []color.RGBA{lighter(orange, 0.15), color.RGBA{R: 0xb4, G: 0xb4, B: 0xb4, A: 0xff}, lighter(purple, 0.3)}
	lo, hi := 0.0, 0.0
	type layer struct {
		label string
		bc    *plotter.BarChart
	}
	add := func(stacks []Stack, sign float64, colors []color.RGBA, prefix string) ([]layer, error) {
		var prev *plotter.BarChart
		var layers []layer
		total := make([]float64, len(years))
		for k, s := range stacks {
			if len(s.Values) != len(years) {
				return nil, fmt.Errorf("flows chart: %q has %d values for %d years", s.Label, len(s.Values), len(years))
			}
			vals := make(plotter.Values, len(years))
			for i, v := range s.Values {
				vals[i] = sign * v
				net[i] += sign * v
				total[i] += sign * v
			}
			bc, err := plotter.NewBarChart(vals, width)
			if err != nil {
				return nil, err
			}
			bc.XMin = float64(first)
			bc.Color = colors[k%len(colors)]
			bc.LineStyle.Width = 0
			if prev != nil {
				bc.StackOn(prev)
			}
			p.Add(bc)
			layers = append(layers, layer{prefix + s.Label, bc})
			prev = bc
		}
		for _, t := range total {
			lo, hi = min(lo, t), max(hi, t)
		}
		return layers, nil
	}
	ins, err := add(in, 1, inColors, "in: ")
	if err != nil {
		return nil, err
	}
	outs, err := add(out, -1, outColors, "uit: ")
	if err != nil {
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
	p.Add(hline{0, zeroStyle})
	ymin, ymax, ystep := niceRange(lo, hi, 5)
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = stepTicks{Step: ystep}
	p.X.Min, p.X.Max = float64(first)-0.6, float64(last)+0.6
	var labels []string
	for _, l := range reversed(ins) { // the top of the stack first
		c.legend = append(c.legend, legendEntry{l.label, l.bc})
		labels = append(labels, l.label)
	}
	c.legend = append(c.legend, legendEntry{"netto verandering", line})
	labels = append(labels, "netto verandering")
	for _, l := range outs { // below zero the first layer is on top
		c.legend = append(c.legend, legendEntry{l.label, l.bc})
		labels = append(labels, l.label)
	}
	c.right = legendWidth(labels...)
	return c, nil
}

// Quotes draws each employer's opleidingsquote (training FTE per 100 FTE
// of staff) as a horizontal bar, highest on top, each labelled with its
// value, against the reference line.
func Quotes(title, source string, names []string, quotes []float64, reference float64) (*Chart, error) {
	if len(names) != len(quotes) {
		return nil, fmt.Errorf("quote chart: %d names for %d quotes", len(names), len(quotes))
	}
	type row struct {
		name  string
		quote float64
	}
	rows := make([]row, len(names))
	for i := range names {
		rows[i] = row{names[i], quotes[i]}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.quote, b.quote) }) // lowest at the bottom
	c := newChart(title, "opleidingsplaatsen (fte) per 100 fte personeel", "", source)
	c.height = barHeight(len(rows))
	p := c.plot
	p.Y.Tick.Marker = nil
	below, above := make(plotter.Values, len(rows)), make(plotter.Values, len(rows))
	most := reference
	var ys []string
	for i, r := range rows {
		if r.quote < reference {
			below[i] = r.quote
		} else {
			above[i] = r.quote
		}
		most = max(most, r.quote)
		ys = append(ys, r.name)
		sty := textStyle(9, ink)
		sty.YAlign = draw.YCenter
		p.Add(note{x: r.quote, y: float64(i), dx: vg.Points(4), text: nl.Dec(r.quote, 1), style: sty})
	}
	bw := vg.Points(min(16, 220/float64(max(1, len(rows)))))
	colours := []color.Color{lighter(orange, 0.15), navy}
	for k, vals := range []plotter.Values{below, above} {
		bc, err := plotter.NewBarChart(vals, bw)
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = colours[k]
		bc.LineStyle.Width = 0
		p.Add(bc)
	}
	p.Add(vline{reference, draw.LineStyle{Color: color.Black, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}})
	p.NominalY(ys...)
	p.Y.Tick.Label.Font = sans(9)
	_, top, xstep := niceRange(0, most*1.12, 5)
	p.X.Min, p.X.Max = 0, top
	p.X.Tick.Marker = stepTicks{Step: xstep}
	under, over := fmt.Sprintf("onder de %s", nl.Dec(reference, 0)), fmt.Sprintf("%s of meer", nl.Dec(reference, 0))
	ref := fmt.Sprintf("referentie %s", nl.Dec(reference, 0))
	dash, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 0}})
	dash.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
	labels := []string{ref}
	c.legend = nil
	for k, used := range []bool{slices.ContainsFunc(rows, func(r row) bool { return r.quote >= reference }), slices.ContainsFunc(rows, func(r row) bool { return r.quote < reference })} {
		if used {
			name, fill := []string{over, under}[k], []color.Color{navy, colours[0]}[k]
			c.legend = append(c.legend, legendEntry{name, swatch(fill)})
			labels = append(labels, name)
		}
	}
	c.legend = append(c.legend, legendEntry{ref, dash})
	c.right = legendWidth(labels...)
	return c, nil
}

// barHeight is the height of a chart of n horizontal bars: room for each
// bar, and for the title, the axis and the source line.
func barHeight(n int) vg.Length {
	return max(Height*2/3, vg.Points(110)+vg.Points(22)*vg.Length(n))
}

// Outflow draws the leavers of each branch by reason as horizontal
// stacked bars in percent of the branch's staff a year, the highest
// total on top and labelled: rates[r][b] is reason r in branch b, as a
// fraction.
func Outflow(title, source string, branches, reasons []string, rates [][]float64) (*Chart, error) {
	if len(rates) != len(reasons) {
		return nil, fmt.Errorf("outflow chart: %d value rows for %d reasons", len(rates), len(reasons))
	}
	totals := make([]float64, len(branches))
	for r, row := range rates {
		if len(row) != len(branches) {
			return nil, fmt.Errorf("outflow chart: reason %q has %d values for %d branches", reasons[r], len(row), len(branches))
		}
		for b, v := range row {
			totals[b] += v
		}
	}
	order := make([]int, len(branches)) // lowest total first: at the bottom
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(totals[a], totals[b]) })
	c := newChart(title, "vertrek per jaar, in % van het personeel", "", source)
	c.height = barHeight(len(branches))
	p := c.plot
	p.Y.Tick.Marker = nil
	colours := []color.Color{navy, orange, teal, purple, ochre, brown}
	var prev *plotter.BarChart
	var labels []string
	for r, row := range rates {
		vals := make(plotter.Values, len(order))
		for i, b := range order {
			vals[i] = 100 * row[b]
		}
		bc, err := plotter.NewBarChart(vals, vg.Points(15))
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = colours[r%len(colours)]
		bc.LineStyle.Width = 0
		if prev != nil {
			bc.StackOn(prev)
		}
		p.Add(bc)
		c.legend = append(c.legend, legendEntry{reasons[r], bc})
		labels = append(labels, reasons[r])
		prev = bc
	}
	var ys []string
	var most float64
	for i, b := range order {
		ys = append(ys, branches[b])
		most = max(most, 100*totals[b])
		sty := textStyle(9, ink)
		sty.YAlign = draw.YCenter
		p.Add(note{x: 100 * totals[b], y: float64(i), dx: vg.Points(4), text: nl.Dec(100*totals[b], 1) + "%", style: sty})
	}
	p.NominalY(ys...)
	p.Y.Tick.Label.Font = sans(10)
	_, top, xstep := niceRange(0, most*1.15, 5)
	p.X.Min, p.X.Max = 0, top
	p.X.Tick.Marker = stepTicks{Step: xstep, Suffix: "%"}
	c.right = legendWidth(labels...)
	return c, nil
}
