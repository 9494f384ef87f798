// Package chart draws raat's charts with gonum/plot, for boards that read
// them at a glance and print them in grey: Dutch titles and axis labels
// with units, Dutch number formats, a palette that stays apart in grey
// (each series also has its own dash pattern), and thick lines.
//
// Each chart function returns a *Chart, which writes itself as PNG, SVG or
// PDF (Chart.Write, Chart.Save); no other package of raat imports
// gonum/plot. The SVG output is byte-stable for the same input, which the
// golden tests rely on.
//
// The shortfall chart draws each scenario's central estimate (the
// deterministic run) as its line, labelled with its value at the horizon,
// and the Monte Carlo's P10-P90 band shaded around it (package analysis).
package chart

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"raat/nl"
)

// Width and Height are the size charts are written at: wide enough for a
// slide or an A4 page.
const (
	Width  = 20 * vg.Centimeter
	Height = 12 * vg.Centimeter
)

// Format is a file format a chart writes itself in.
type Format uint8

const (
	PNG Format = iota
	SVG
	PDF
)

// Formats are the file formats Save writes, in order.
var Formats = []Format{PNG, SVG, PDF}

var formatNames = []string{"png", "svg", "pdf"}

// String returns the format's file extension without the dot.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", f)
}

// ParseFormat parses "png", "svg" or "pdf".
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if s == n {
			return Format(i), nil
		}
	}
	return 0, fmt.Errorf("unknown chart format %q: want png, svg or pdf", s)
}

// Chart is a drawn chart, ready to be written at the standard size.
type Chart struct {
	plot *plot.Plot
}

// Title is the chart's title.
func (c *Chart) Title() string { return c.plot.Title.Text }

// palette holds colours that differ in lightness as well as hue, so that
// they stay apart when printed in grey (darkest first).
var palette = []color.RGBA{
	{R: 0x1b, G: 0x2f, B: 0x5e, A: 0xff}, // navy
	{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff}, // orange
	{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff}, // teal
	{R: 0x75, G: 0x70, B: 0xb3, A: 0xff}, // purple
	{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}, // grey
	{R: 0xe6, G: 0xab, B: 0x02, A: 0xff}, // yellow
	{R: 0x66, G: 0x3d, B: 0x14, A: 0xff}, // brown
	{R: 0xa6, G: 0x76, B: 0x1d, A: 0xff}, // ochre
}

// dashes give each series a pattern of its own besides its colour.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(8), vg.Points(4)},
	{vg.Points(2), vg.Points(3)},
	{vg.Points(10), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(4), vg.Points(4)},
}

// Color returns the i-th colour of the palette.
func Color(i int) color.RGBA { return palette[i%len(palette)] }

// lighter mixes c with white: f = 0 is c, f = 1 is white.
func lighter(c color.RGBA, f float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v) + f*(255-float64(v))) }
	return color.RGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 0xff}
}

// newPlot returns a plot with raat's house style.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(15)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(12)
		a.Tick.Label.Font = sans(11)
	}
	p.Legend.TextStyle.Font = sans(11)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Y.Tick.Marker = dutchTicks{}
	g := plotter.NewGrid()
	g.Vertical.Width = 0
	g.Horizontal.Color = color.Gray{Y: 0xdd}
	p.Add(g)
	return p
}

// sans is the font of all chart text: a sans-serif reads better on slides
// and small prints than gonum's default serif.
func sans(points float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(points)}
}

// dutchTicks are gonum's default ticks labelled the Dutch way (1.000).
type dutchTicks struct{}

func (dutchTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			decimals := 0
			if step := math.Abs(max-min) / 5; step < 1 {
				decimals = 1
			}
			ts[i].Label = nl.Dec(ts[i].Value, decimals)
		}
	}
	return ts
}

// yearTicks label every fifth year and mark the others, up to Last when
// it is set (room on the right for a legend gets no ticks).
type yearTicks struct{ Last float64 }

func (yt yearTicks) Ticks(min, max float64) []plot.Tick {
	if yt.Last != 0 {
		max = math.Min(max, yt.Last)
	}
	var ts []plot.Tick
	for y := math.Ceil(min); y <= max; y++ {
		t := plot.Tick{Value: y}
		if int(y)%5 == 0 {
			t.Label = strconv.Itoa(int(y))
		}
		ts = append(ts, t)
	}
	return ts
}

// DPI is the resolution of PNG charts: sharp on a projector and in print.
const DPI = 150

// Write renders the chart in format f to w at the standard size (PNG at
// DPI).
func (c *Chart) Write(w io.Writer, f Format) error {
	var wt io.WriterTo
	switch f {
	case PNG:
		cv := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(DPI))
		c.plot.Draw(draw.New(cv))
		wt = vgimg.PngCanvas{Canvas: cv}
	case SVG, PDF:
		var err error
		if wt, err = c.plot.WriterTo(Width, Height, f.String()); err != nil {
			return fmt.Errorf("chart %q: %w", c.Title(), err)
		}
	default:
		return fmt.Errorf("chart %q: %v is not a format", c.Title(), f)
	}
	_, err := wt.WriteTo(w)
	return err
}

// Save writes the chart as dir/name.png, .svg and .pdf and returns the
// paths.
func (c *Chart) Save(dir, name string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range Formats {
		path := filepath.Join(dir, name+"."+f.String())
		if err := c.saveOne(path, f); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func (c *Chart) saveOne(path string, format Format) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return c.Write(f, format)
}

// styleLine gives series i its colour, dash and weight.
func styleLine(ls *draw.LineStyle, i int) {
	ls.Color = Color(i)
	ls.Width = vg.Points(2.5)
	ls.Dashes = dashes[i%len(dashes)]
}
