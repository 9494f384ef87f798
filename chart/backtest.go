package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/analysis"
	"raat/monitor"
	"raat/nl"
)

// BacktestOf draws a backtest's fan for one quantity and scope (0: the
// region): what the workbooks showed as a thick line with its values, and
// the forecast from each peildatum as a thinner line from its origin on,
// with its P10-P90 band shaded when it has one.
func BacktestOf(bt *monitor.Backtest, q monitor.Quantity, scope int) (*Chart, error) {
	if scope < 0 || scope >= len(bt.Scopes) {
		return nil, fmt.Errorf("backtest chart: scope %d of %d", scope, len(bt.Scopes))
	}
	title := fmt.Sprintf("%s, %s: prognoses tegen wat er gebeurde", capitalizeFirst(q.Label()), bt.Scopes[scope].Name)
	source := fmt.Sprintf("Bron: de prognose (scenario %s) vanaf elke peildatum uit de werkgeversuitvraag van dat jaar, tegen de werkmappen van de jaren erna.", bt.Scenario)
	c := newChart(title, "peildatum", q.Label(), source)
	p := c.plot
	p.X.Tick.Marker = everyYear{}
	var labels []string
	minY, maxY := math.Inf(1), math.Inf(-1)
	see := func(v float64) {
		if !math.IsNaN(v) {
			minY, maxY = min(minY, v), max(maxY, v)
		}
	}
	realised := map[int]float64{}
	var firstBand *plotter.Polygon
	for i, o := range bt.Origins {
		col := trendStyle(1 + i).Color
		low, high := o.Low[q][scope], o.High[q][scope]
		var band plotter.XYs
		for j := 1; j < len(low); j++ {
			if !math.IsNaN(low[j]) {
				band = append(band, plotter.XY{X: float64(o.Year + j), Y: high[j]})
			}
		}
		if len(band) > 0 {
			band = append(plotter.XYs{{X: float64(o.Year), Y: o.Central[q][scope][0]}}, band...)
			for j := len(low) - 1; j >= 1; j-- {
				if !math.IsNaN(low[j]) {
					band = append(band, plotter.XY{X: float64(o.Year + j), Y: low[j]})
					see(low[j])
					see(high[j])
				}
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return nil, err
			}
			poly.Color = lighter(col, 0.8)
			poly.LineStyle.Width = 0
			p.Add(poly)
			if firstBand == nil {
				firstBand = poly
			}
		}
		for j, r := range o.Realised[q][scope] {
			if !math.IsNaN(r) {
				realised[o.Year+j] = r
			}
		}
	}
	for i, o := range bt.Origins {
		var pts plotter.XYs
		for j, v := range o.Central[q][scope] {
			if !math.IsNaN(v) {
				pts = append(pts, plotter.XY{X: float64(o.Year + j), Y: v})
				see(v)
			}
		}
		if len(pts) < 2 {
			continue
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		st := trendStyle(1 + i)
		line.LineStyle = draw.LineStyle{Color: st.Color, Width: vg.Points(1.8), Dashes: trendDashes[1+i%(len(trendDashes)-1)]}
		p.Add(line)
		name := fmt.Sprintf("prognose vanaf %d", o.Year)
		c.legend = append(c.legend, legendEntry{name, line})
		labels = append(labels, name)
	}
	var pts plotter.XYs
	for _, y := range bt.Years {
		if v, ok := realised[y]; ok {
			pts = append(pts, plotter.XY{X: float64(y), Y: v})
			see(v)
		}
	}
	if len(pts) > 0 {
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		line.LineStyle = draw.LineStyle{Color: navy, Width: vg.Points(3)}
		points.Shape, points.Color, points.Radius = draw.CircleGlyph{}, navy, vg.Points(3.5)
		p.Add(line, points)
		c.legend = append([]legendEntry{{"gerealiseerd", legendLine{line, points}}}, c.legend...)
		labels = append(labels, "gerealiseerd")
		labels := make([]string, len(pts))
		for k, pt := range pts {
			labels[k] = nl.Int(pt.Y)
		}
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
		if err != nil {
			return nil, err
		}
		lbl.Offset = vg.Point{X: vg.Points(-12), Y: vg.Points(-14)}
		for k := range lbl.TextStyle {
			lbl.TextStyle[k].Color = navy
			lbl.TextStyle[k].Font = sans(9)
		}
		p.Add(lbl)
	}
	if firstBand != nil {
		c.legend = append(c.legend, legendEntry{analysis.BandLabel, swatch(color.Gray{Y: 0xc8})})
		labels = append(labels, analysis.BandLabel)
	}
	if math.IsInf(minY, 1) {
		minY, maxY = 0, 1
	}
	pad := 0.05 * math.Max(maxY-minY, 1)
	lo := minY - pad
	if minY >= 0 {
		lo = max(0, lo)
	}
	ymin, ymax, ystep := niceRange(lo, maxY+pad, 5)
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = stepTicks{Step: ystep, Decimals: tickDecimals(ystep)}
	p.X.Min, p.X.Max = float64(bt.Years[0])-0.3, float64(bt.Years[len(bt.Years)-1])+0.3
	c.right = legendWidth(labels...)
	return c, nil
}
