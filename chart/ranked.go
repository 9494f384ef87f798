package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar of a ranked bar chart: its label, its value, the text
// at its end, and whether it is marked (drawn in the warning colour).
type Bar struct {
	Label  string
	Value  float64
	Text   string
	Marked bool
}

// Ranked draws horizontal bars in the order given, the first on top, each
// with its text at its end: what each action closes, ranked.
func Ranked(title, source, xLabel string, bars []Bar, markedNote string) (*Chart, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("ranked chart: no bars")
	}
	c := newChart(title, xLabel, "", source)
	c.height = barHeight(len(bars))
	p := c.plot
	p.Y.Tick.Marker = nil
	n := len(bars)
	lo, hi := 0.0, 0.0
	var names []string
	anyMarked := false
	for i := range bars {
		b := bars[n-1-i] // the first on top
		names = append(names, wrapLabel(b.Label, 22))
		fill := teal
		if b.Marked {
			fill, anyMarked = orange, true
		}
		y := float64(i)
		if err := fillRect(p, min(0, b.Value), max(0, b.Value), y-0.32, y+0.32, fill); err != nil {
			return nil, err
		}
		sty := textStyle(9.5, ink)
		sty.YAlign = draw.YCenter
		nt := note{x: b.Value, y: y, dx: vg.Points(5), text: b.Text, style: sty}
		if b.Value < 0 {
			nt.dx, nt.style.XAlign = -vg.Points(5), draw.XRight
		}
		p.Add(nt)
		lo, hi = min(lo, b.Value), max(hi, b.Value)
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sans(10)
	// Room right of the longest bar for its text, on the page.
	var textW vg.Length
	for _, b := range bars {
		textW = max(textW, width(b.Text, 9.5))
	}
	c.fit = func(dw vg.Length) {
		var left vg.Length
		if lo < 0 {
			left = textW + vg.Points(8)
		}
		xmin, xmax, xstep := roomFor(lo, hi, left, textW+vg.Points(8), dw, 5)
		p.X.Min, p.X.Max = xmin, xmax
		p.X.Tick.Marker = stepTicks{Step: xstep}
	}
	p.Add(vline{0, zeroStyle})
	if anyMarked && markedNote != "" {
		c.legend = []legendEntry{{markedNote, swatch(orange)}}
		c.right = legendWidth(markedNote)
	}
	return c, nil
}

// TornadoBar is one uncertain parameter in a tornado chart: the result
// with the parameter at the low and at the high end of its range, and how
// each end is set ("x 0,88").
type TornadoBar struct {
	Label                   string
	AtLow, AtHigh           float64
	LowText, HighText       string
	LowSetting, HighSetting string
}

// Tornado draws, for each uncertain parameter, a bar from the central
// estimate to the result with the parameter at the low end of its range
// and one to the result at the high end, the widest on top, each end
// labelled with its result and setting, and the central estimate as a
// line.
func Tornado(title, source, xLabel string, central float64, centralText string, bars []TornadoBar) (*Chart, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("tornado chart: no parameters")
	}
	c := newChart(title, xLabel, "", source)
	c.height = max(Height*2/3, vg.Points(120)+vg.Points(30)*vg.Length(len(bars)))
	p := c.plot
	p.Y.Tick.Marker = nil
	n := len(bars)
	lo, hi := central, central
	var names []string
	lowFill, highFill := lighter(navy, 0.35), lighter(orange, 0.1)
	for i := range bars {
		b := bars[n-1-i]
		names = append(names, wrapLabel(b.Label, 22))
		y := float64(i)
		for _, end := range []struct {
			at         float64
			text, sets string
			fill       color.Color
		}{{b.AtLow, b.LowText, b.LowSetting, lowFill}, {b.AtHigh, b.HighText, b.HighSetting, highFill}} {
			if err := fillRect(p, min(central, end.at), max(central, end.at), y-0.3, y+0.3, end.fill); err != nil {
				return nil, err
			}
			sty := textStyle(9, ink)
			sty.YAlign = draw.YCenter
			nt := note{x: end.at, y: y, dx: vg.Points(4), text: end.text + " (" + end.sets + ")", style: sty}
			if end.at < central {
				nt.dx, nt.style.XAlign = -vg.Points(4), draw.XRight
			}
			p.Add(nt)
			lo, hi = min(lo, end.at), max(hi, end.at)
		}
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font = sans(10)
	var left, right vg.Length
	for _, b := range bars {
		left = max(left, width(b.LowText+" ("+b.LowSetting+")", 9))
		right = max(right, width(b.HighText+" ("+b.HighSetting+")", 9))
	}
	c.fit = func(dw vg.Length) {
		xmin, xmax, xstep := roomFor(lo, hi, left+vg.Points(8), right+vg.Points(8), dw, 4)
		p.X.Min, p.X.Max = xmin, xmax
		p.X.Tick.Marker = stepTicks{Step: xstep}
	}
	p.Add(vline{central, draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}})
	sty := textStyle(9, ink)
	sty.YAlign = draw.YBottom
	p.Add(note{x: central, y: float64(n) - 0.5, dx: vg.Points(4), dy: vg.Points(2), text: centralText, style: sty})
	p.Y.Max = float64(n) - 0.5 + 0.6
	// The colours are named in a legend at the bottom left, below the
	// bars, where the central estimate's label is not.
	p.Legend.Add("laag eind van de bandbreedte", swatch(lowFill))
	p.Legend.Add("hoog eind van de bandbreedte", swatch(highFill))
	p.Legend.Top = false
	p.Legend.ThumbnailWidth = vg.Points(12)
	p.Y.Min = -0.6 - 0.9
	return c, nil
}
