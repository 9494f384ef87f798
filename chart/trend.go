package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/forecast"
	"raat/ingest"
	"raat/monitor"
	"raat/nl"
)

// TrendLine is one series of a trend chart: a value per year, NaN where
// there is none. Estimated marks the years whose value rests on
// estimates; they are drawn with an open marker.
type TrendLine struct {
	Name      string
	Values    []float64
	Estimated []bool
}

// trendColors and trendDashes give the series of a trend chart their
// colour and dash: the region (or the line the chart is of) first, in
// raat's navy; they stay apart in grey.
var (
	trendColors = []color.RGBA{navy, orange, teal, purple, grey, ochre, brown, magenta}
	trendDashes = [][]vg.Length{solid, longDash, dotted, dashDot, short}
)

func trendStyle(i int) Style {
	return Style{Color: trendColors[i%len(trendColors)], Dashes: trendDashes[i%len(trendDashes)]}
}

// Trend draws a few series over a few years, as monitoring shows them:
// a line with a marker at every year, every year labelled on the axis,
// the first series' values written at its markers, the legend on the
// right, and, when reference is not zero, a dashed line at it (the norm
// of 15 for the opleidingsquote) named refLabel. source is the line
// under the chart.
func Trend(title, source, yLabel string, years []int, lines []TrendLine, reference float64, refLabel string, decimals int) (*Chart, error) {
	if len(years) == 0 {
		return nil, fmt.Errorf("trend chart %q: no years", title)
	}
	c := newChart(title, "peildatum", yLabel, source)
	p := c.plot
	p.X.Tick.Marker = everyYear{}
	minY, maxY := math.Inf(1), math.Inf(-1)
	var openLegend *plotter.Scatter
	var labels []string
	for i, l := range lines {
		if len(l.Values) != len(years) || (l.Estimated != nil && len(l.Estimated) != len(years)) {
			return nil, fmt.Errorf("trend chart %q: series %q has %d values for %d years", title, l.Name, len(l.Values), len(years))
		}
		var pts, open plotter.XYs
		for k, y := range years {
			v := l.Values[k]
			if math.IsNaN(v) {
				continue
			}
			pts = append(pts, plotter.XY{X: float64(y), Y: v})
			if l.Estimated != nil && l.Estimated[k] {
				open = append(open, plotter.XY{X: float64(y), Y: v})
			}
			minY, maxY = min(minY, v), max(maxY, v)
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		st := trendStyle(i)
		st.line(&line.LineStyle)
		points.Shape = draw.CircleGlyph{}
		points.Color = st.Color
		points.Radius = vg.Points(3.5)
		p.Add(line, points)
		c.legend = append(c.legend, legendEntry{l.Name, legendLine{line, points}})
		labels = append(labels, l.Name)
		if len(open) > 0 {
			o, err := plotter.NewScatter(open)
			if err != nil {
				return nil, err
			}
			o.Shape = draw.CircleGlyph{}
			o.Color = color.White
			o.Radius = vg.Points(2)
			p.Add(o)
			if openLegend == nil {
				openLegend = o
			}
		}
		if i == 0 {
			labels := make([]string, len(pts))
			for k, pt := range pts {
				labels[k] = nl.Dec(pt.Y, decimals)
			}
			lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
			if err != nil {
				return nil, err
			}
			lbl.Offset = vg.Point{X: vg.Points(-10), Y: vg.Points(7)}
			for k := range lbl.TextStyle {
				lbl.TextStyle[k].Color = navy
				lbl.TextStyle[k].Font = sans(9)
			}
			p.Add(lbl)
		}
	}
	if openLegend != nil {
		c.legend = append(c.legend, legendEntry{estimatedLabel, legendOpen{}})
		labels = append(labels, estimatedLabel)
	}
	if reference != 0 {
		ref, err := plotter.NewLine(plotter.XYs{{X: float64(years[0]), Y: reference}, {X: float64(years[len(years)-1]), Y: reference}})
		if err != nil {
			return nil, err
		}
		ref.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		p.Add(ref)
		c.legend = append(c.legend, legendEntry{refLabel, ref})
		labels = append(labels, refLabel)
		minY, maxY = min(minY, reference), max(maxY, reference)
	}
	if math.IsInf(minY, 1) {
		minY, maxY = 0, 1
	}
	// From zero, when the series are not far above it: a board reads the
	// height of a line as its size.
	if minY > 0 && minY < 0.6*maxY {
		minY = 0
	}
	pad := 0.06 * math.Max(maxY-minY, math.Abs(maxY)*0.05+1e-9)
	lo := minY - pad
	if minY >= 0 {
		lo = max(0, lo) // counts do not go below zero
	}
	ymin, ymax, ystep := niceRange(lo, maxY+2*pad, 5)
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = stepTicks{Step: ystep, Decimals: tickDecimals(ystep)}
	p.X.Min, p.X.Max = float64(years[0])-0.3, float64(years[len(years)-1])+0.3
	c.right = legendWidth(labels...)
	return c, nil
}

// estimatedLabel names the open marker of a year with estimates.
const estimatedLabel = "open punt: met schattingen"

// tickDecimals is the decimals a tick step needs.
func tickDecimals(step float64) int {
	if step < 1 {
		return 1
	}
	return 0
}

// legendLine draws a series' legend entry: its line and its marker.
type legendLine []plot.Thumbnailer

func (l legendLine) Thumbnail(c *draw.Canvas) {
	for _, t := range l {
		t.Thumbnail(c)
	}
}

// legendOpen draws the legend's open marker: a ring.
type legendOpen struct{}

func (legendOpen) Thumbnail(c *draw.Canvas) {
	pt := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	c.DrawGlyph(draw.GlyphStyle{Color: navy, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}, pt)
	c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}, pt)
}

// everyYear labels every year.
type everyYear struct{}

func (everyYear) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for y := math.Ceil(min); y <= max; y++ {
		ts = append(ts, plot.Tick{Value: y, Label: strconv.Itoa(int(y))})
	}
	return ts
}

// HistoryOf draws one measure of a history for the region over its
// peildata, with its breakdown where it has one: leavers by reason, hires
// by origin, places offered by route; the opleidingsquote against the
// norm. Years with estimated employers have open markers.
func HistoryOf(h *monitor.History, m monitor.Measure) (*Chart, error) {
	l := h.Total
	n := len(h.Years)
	series := func(name string, get func(monitor.Figures) float64) TrendLine {
		t := TrendLine{Name: name, Values: make([]float64, n), Estimated: make([]bool, n)}
		for k := range n {
			t.Values[k] = math.NaN()
			if l.Counted(k) {
				t.Values[k] = get(l.Figures[k])
			}
			t.Estimated[k] = l.Estimated[k] > 0
		}
		return t
	}
	lines := []TrendLine{series(h.Region, m.Of)}
	var ref float64
	var refLabel string
	switch m {
	case monitor.Leavers:
		for _, r := range []ingest.Reason{ingest.Pensioen, ingest.AndereSector, ingest.BuitenArbeidsmarkt, ingest.OnbekendeReden} {
			lines = append(lines, series(r.String(), func(f monitor.Figures) float64 { return f.Leavers[r] }))
		}
	case monitor.Hires:
		for _, o := range []ingest.Origin{ingest.Schoolverlater, ingest.ZijInstromer, ingest.Herintreder, ingest.OverigeHerkomst} {
			lines = append(lines, series(o.String(), func(f monitor.Figures) float64 { return f.Hires[o] }))
		}
	case monitor.PlacesOffered:
		for rt := range forecast.Route(forecast.NumRoutes) {
			lines = append(lines, series(rt.String(), func(f monitor.Figures) float64 { return f.Offered[rt] }))
		}
	case monitor.Quote:
		ref, refLabel = ingest.ReferenceQuote, "norm 15"
	}
	title := fmt.Sprintf("%s, %s %d-%d", capitalizeFirst(m.Label()), h.Region, h.Years[0], h.Last())
	return Trend(title, historySource(h), m.Label(), h.Years, lines, ref, refLabel, m.Decimals())
}

// historySource is the source line of a history's charts.
func historySource(h *monitor.History) string {
	return fmt.Sprintf("Bron: werkgeversuitvraag %s, peildata %d-%d; in- en uitstroom over de 12 maanden voor de peildatum.", h.Region, h.Years[0], h.Last())
}

// LineOf draws one measure of one line of a history (an employer, a
// branch) over the peildata, beside the region's when region is not nil.
func LineOf(h *monitor.History, l *monitor.Line, m monitor.Measure, region *monitor.Line) (*Chart, error) {
	n := len(h.Years)
	series := func(name string, line *monitor.Line) TrendLine {
		t := TrendLine{Name: name, Values: make([]float64, n), Estimated: make([]bool, n)}
		for k := range n {
			t.Values[k] = math.NaN()
			if line.Counted(k) {
				t.Values[k] = line.Value(m, k)
			}
			t.Estimated[k] = (line.Status != nil && line.Status[k] == monitor.Estimated) || (line.Status == nil && line.Estimated[k] > 0)
		}
		return t
	}
	lines := []TrendLine{series(l.Name, l)}
	if region != nil {
		lines = append(lines, series(region.Name, region))
	}
	var ref float64
	var refLabel string
	if m == monitor.Quote {
		ref, refLabel = ingest.ReferenceQuote, "norm 15"
	}
	title := fmt.Sprintf("%s, %s %d-%d", capitalizeFirst(m.Label()), l.Name, h.Years[0], h.Last())
	return Trend(title, historySource(h), m.Label(), h.Years, lines, ref, refLabel, m.Decimals())
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
