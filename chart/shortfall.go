package chart

import (
	"fmt"
	"image/color"
	"slices"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"raat/analysis"
	"raat/nl"
)

// Series is one scenario's shortfall over the years: Values are the central
// estimate (the deterministic run); Low and High, when set, are the band
// (P10 and P90 of the Monte Carlo).
type Series struct {
	// Name labels the line at its end; Style draws it.
	Name  string
	Style Style
	Years []int
	// Values are the central estimate; End, when set, is the value the
	// label at the line's end gives (rounded, as the text quotes it).
	Values    []float64
	End       string
	Low, High []float64
}

// Shortfall draws the shortfall in FTE per year, one line per scenario
// (its central estimate) labelled at the horizon with its name and value,
// the band of each series that has one shaded (callers give a band only
// where it can be read: the baseline's and one plan's), zero marked as
// the line between tekort and overschot, and the x axis ending at the
// horizon. source is the line under the chart.
func Shortfall(title, source string, series []Series) (*Chart, error) {
	c := newChart(title, "", "tekort (fte)", source)
	p := c.plot
	var first, last int
	lo, hi := 0.0, 0.0
	var bands []*plotter.Polygon
	for i, s := range series {
		if len(s.Years) != len(s.Values) || (s.Low != nil && len(s.Low) != len(s.Values)) || (s.High != nil && len(s.High) != len(s.Values)) {
			return nil, fmt.Errorf("shortfall chart: series %q has %d years, %d values", s.Name, len(s.Years), len(s.Values))
		}
		if len(s.Years) == 0 {
			continue
		}
		if i == 0 || first == 0 {
			first, last = s.Years[0], s.Years[len(s.Years)-1]
		}
		for _, v := range s.Values {
			lo, hi = min(lo, v), max(hi, v)
		}
		if s.Low == nil || s.High == nil {
			continue
		}
		band := make(plotter.XYs, 0, 2*len(s.Years))
		for k, y := range s.Years {
			band = append(band, plotter.XY{X: float64(y), Y: s.High[k]})
			lo, hi = min(lo, s.Low[k]), max(hi, s.High[k])
		}
		for k := len(s.Years) - 1; k >= 0; k-- {
			band = append(band, plotter.XY{X: float64(s.Years[k]), Y: s.Low[k]})
		}
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, err
		}
		// Translucent, so that where two bands overlap both show.
		l := lighter(s.Style.Color, 0.45)
		poly.Color = color.NRGBA{R: l.R, G: l.G, B: l.B, A: 0x59}
		poly.LineStyle.Width = 0
		p.Add(poly)
		bands = append(bands, poly)
	}
	if first == 0 {
		return nil, fmt.Errorf("shortfall chart: no series with years")
	}
	ymin, ymax, ystep := niceRange(lo, hi, 5)
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = stepTicks{Step: ystep}
	p.X.Min, p.X.Max = float64(first), float64(last)
	p.X.Tick.Marker = yearTicks{First: first, Last: last}
	p.Add(hline{0, zeroStyle})
	if ymin < 0 {
		p.Add(zeroNote{})
	}
	ends := endLabels{}
	for _, s := range series {
		if len(s.Years) == 0 {
			continue
		}
		pts := make(plotter.XYs, len(s.Years))
		for k, y := range s.Years {
			pts[k] = plotter.XY{X: float64(y), Y: s.Values[k]}
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		s.Style.line(&line.LineStyle)
		p.Add(line)
		end := s.End
		if end == "" {
			end = nl.Int(s.Values[len(s.Values)-1])
		}
		ends = append(ends, endLabel{y: s.Values[len(s.Values)-1], name: s.Name, value: end, color: s.Style.Color})
	}
	p.Add(ends)
	c.right = ends.width()
	if len(bands) > 0 {
		// One entry names what every band is; its swatch is a neutral
		// grey, since each band has its line's colour.
		p.Legend.Add(analysis.BandLabel, swatch(color.Gray{Y: 0xc8}))
	}
	return c, nil
}

// endLabel names a line at its end: the scenario in bold, then its value.
type endLabel struct {
	y           float64
	name, value string
	color       color.Color
}

// endLabels writes the labels right of the data area, each at its line's
// last value, moved apart where lines end close together.
type endLabels []endLabel

const endSize = 10

func (ls endLabels) width() vg.Length {
	var w vg.Length
	for _, l := range ls {
		w = max(w, boldWidth(l.name, endSize)+width("  "+l.value, endSize))
	}
	return w + vg.Points(14)
}

func (ls endLabels) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	type placed struct {
		endLabel
		at vg.Length
	}
	items := make([]placed, len(ls))
	for i, l := range ls {
		items[i] = placed{l, trY(l.y)}
	}
	slices.SortStableFunc(items, func(a, b placed) int {
		switch {
		case a.at > b.at:
			return -1
		case a.at < b.at:
			return 1
		}
		return 0
	})
	// Top down, each label at least a line below the one above; then
	// the whole column up again if it ran below the data area.
	gap := vg.Points(endSize + 3)
	for i := 1; i < len(items); i++ {
		items[i].at = min(items[i].at, items[i-1].at-gap)
	}
	if n := len(items); n > 0 && items[n-1].at < c.Min.Y {
		shift := c.Min.Y - items[n-1].at
		for i := range items {
			items[i].at += shift
		}
	}
	x := c.Max.X + vg.Points(6)
	for _, it := range items {
		bold := textStyle(endSize, it.color)
		bold.Font.Weight = stdfont.WeightBold
		bold.YAlign = draw.YCenter
		c.FillText(bold, vg.Point{X: x, Y: it.at}, it.name)
		reg := textStyle(endSize, it.color)
		reg.YAlign = draw.YCenter
		c.FillText(reg, vg.Point{X: x + boldWidth(it.name, endSize) + width("  ", endSize), Y: it.at}, it.value)
	}
}

// zeroNote writes "tekort" just above the zero line and "overschot" just
// below it, at the left of the data area: which side of zero is which.
type zeroNote struct{}

func (zeroNote) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(0)
	sty := textStyle(9, noteGrey)
	sty.Font.Style = stdfont.StyleItalic
	up := sty
	up.YAlign = draw.YBottom
	c.FillText(up, vg.Point{X: c.Min.X + vg.Points(4), Y: y + vg.Points(2)}, "▲ tekort")
	down := sty
	down.YAlign = draw.YTop
	c.FillText(down, vg.Point{X: c.Min.X + vg.Points(4), Y: y - vg.Points(2)}, "▼ overschot")
}
