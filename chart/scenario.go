package chart

import (
	"hash/fnv"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is how a scenario is drawn: its colour and its line's dash
// pattern, which keeps scenarios apart when printed in grey.
type Style struct {
	Color  color.RGBA
	Dashes []vg.Length
}

// The colours differ in lightness as well as hue (ColorBrewer's Dark2,
// with raat's navy for the baseline).
var (
	navy    = color.RGBA{R: 0x1b, G: 0x2f, B: 0x5e, A: 0xff}
	teal    = color.RGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff}
	orange  = color.RGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff}
	purple  = color.RGBA{R: 0x75, G: 0x70, B: 0xb3, A: 0xff}
	ochre   = color.RGBA{R: 0xa6, G: 0x76, B: 0x1d, A: 0xff}
	brown   = color.RGBA{R: 0x66, G: 0x3d, B: 0x14, A: 0xff}
	magenta = color.RGBA{R: 0xe7, G: 0x29, B: 0x8a, A: 0xff}
	green   = color.RGBA{R: 0x66, G: 0xa6, B: 0x1e, A: 0xff}
	grey    = color.RGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
)

var (
	solid    []vg.Length
	longDash = []vg.Length{vg.Points(8), vg.Points(4)}
	dotted   = []vg.Length{vg.Points(2), vg.Points(3)}
	dashDot  = []vg.Length{vg.Points(10), vg.Points(3), vg.Points(2), vg.Points(3)}
	short    = []vg.Length{vg.Points(4), vg.Points(4)}
)

// scenarioStyles fixes the style of each built-in scenario, so that a
// scenario has the same colour in the report, the dashboard, the charts
// and the notebooks whatever else is shown beside it (notebooks/ repeats
// these colours; a test keeps the two the same).
var scenarioStyles = map[string]Style{
	"basis":              {navy, solid},
	"raat-plan":          {teal, longDash},
	"bol-naar-bbl":       {orange, dotted},
	"behoud":             {purple, dashDot},
	"grotere-contracten": {ochre, short},
	"zij-instroom":       {brown, longDash},
	"opleidingsquote-15": {magenta, dotted},
}

// otherStyles are for scenarios an analyst saved: picked by the name, so
// that a saved scenario too keeps its colour from page to page.
var otherStyles = []Style{{green, dashDot}, {grey, short}, {magenta, longDash}, {ochre, dotted}}

// ScenarioStyle returns the style of the scenario named name.
func ScenarioStyle(name string) Style {
	if s, ok := scenarioStyles[name]; ok {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return otherStyles[h.Sum32()%uint32(len(otherStyles))]
}

// ScenarioColors are the colours of the built-in scenarios, by name.
func ScenarioColors() map[string]color.RGBA {
	m := map[string]color.RGBA{}
	for n, s := range scenarioStyles {
		m[n] = s.Color
	}
	return m
}

// line gives a scenario's line its colour, dash and weight.
func (s Style) line(ls *draw.LineStyle) {
	ls.Color = s.Color
	ls.Width = vg.Points(2.5)
	ls.Dashes = s.Dashes
}
