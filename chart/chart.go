// Package chart draws raat's charts with gonum/plot, for boards that read
// them at a glance and print them in grey: Dutch titles and axis labels
// with units, Dutch number formats, ticks at round numbers with zero
// labelled, a fixed colour and dash pattern per scenario (ScenarioStyle)
// so that a scenario looks the same in every output, lines labelled at
// their ends rather than through a legend, and a source line under the
// chart that says where its numbers come from.
//
// Each chart function returns a *Chart, which writes itself as PNG, SVG or
// PDF (Chart.Write, Chart.Save) or draws itself as vector graphics onto a
// page of the board report (Chart.DrawPDF); no other package of raat
// imports gonum/plot. SVG and PDF are drawn by this package's own canvases
// (canvas.go): the SVG has no inline styles, so that it renders under the
// web application's Content-Security-Policy, and names a font stack that
// falls back; the PDF shares the report's embedded font. The SVG output is
// byte-stable for the same input, which the golden tests rely on.
//
// The shortfall chart draws each scenario's central estimate (the
// deterministic run) as its line, labelled at the horizon with the
// scenario's name and value, and the Monte Carlo's P10-P90 band around
// the baseline and the last scenario (package analysis).
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"raat/nl"
)

// Width and Height are the size charts are written at unless a chart
// asks for another height: wide enough for a slide or an A4 page.
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

// Chart is a drawn chart, ready to be written.
type Chart struct {
	plot *plot.Plot
	// title is drawn by the chart, left-aligned over the whole width
	// (wrapped when long), not by the plot: the plot's title centres on
	// the plot alone and runs off the canvas when room is kept right of
	// it for a legend.
	title string
	// source is the line under the chart: where its numbers come from.
	source string
	// right is room right of the plot, for the labels at the ends of the
	// lines and for the legend.
	right vg.Length
	// legend is drawn in that room, top down.
	legend []legendEntry
	// height is the chart's height at Width (zero: Height).
	height vg.Length
	// fit, when set, sets the axis ranges for the width of the data area
	// the chart is drawn at: room for text beside bars is a length on
	// the page, not a share of the data.
	fit func(dataWidth vg.Length)
}

type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// Title is the chart's title.
func (c *Chart) Title() string { return c.title }

// Source is the source line under the chart.
func (c *Chart) Source() string { return c.source }

// Size is the size the chart is written at.
func (c *Chart) Size() (w, h vg.Length) {
	if c.height > 0 {
		return Width, c.height
	}
	return Width, Height
}

// Aspect is the chart's height over its width, for placing it in a page.
func (c *Chart) Aspect() float64 {
	w, h := c.Size()
	return float64(h / w)
}

// newChart returns a chart around a plot in raat's house style.
func newChart(title, xLabel, yLabel, source string) *Chart {
	p := plot.New()
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11)
		a.Label.TextStyle.Color = ink
		a.Tick.Label.Font = sans(10)
		a.Tick.Label.Color = ink
		a.LineStyle.Color = axisGrey
		a.Tick.LineStyle.Color = axisGrey
	}
	p.Legend.TextStyle.Font = sans(10)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(24)
	g := plotter.NewGrid()
	g.Vertical.Width = 0
	g.Horizontal.Color = gridGrey
	g.Horizontal.Width = vg.Points(0.5)
	p.Add(g)
	return &Chart{plot: p, title: title, source: source}
}

var (
	ink      = color.Gray{Y: 0x22}
	axisGrey = color.Gray{Y: 0x77}
	gridGrey = color.Gray{Y: 0xe2}
	noteGrey = color.Gray{Y: 0x66}
)

// sans is the font of all chart text: a sans-serif reads better on slides
// and small prints than gonum's default serif.
func sans(points float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(points)}
}

// textStyle is chart text in the house font.
func textStyle(points float64, c color.Color) text.Style {
	return text.Style{Color: c, Font: sans(points), Handler: plot.DefaultTextHandler}
}

// width is the width of s in the house font at the given size.
func width(s string, points float64) vg.Length {
	f := sans(points)
	face := font.DefaultCache.Lookup(f, f.Size)
	return face.Width(s)
}

// boldWidth is the width of s in the house font's bold.
func boldWidth(s string, points float64) vg.Length {
	f := sans(points)
	f.Weight = stdfont.WeightBold
	face := font.DefaultCache.Lookup(f, f.Size)
	return face.Width(s)
}

// roomFor widens [lo, hi] so that text of width left before lo and of
// width right after hi fits in a data area dataWidth wide, then to whole
// steps.
func roomFor(lo, hi float64, left, right, dataWidth vg.Length, n int) (float64, float64, float64) {
	fl, fr := float64(left/dataWidth), float64(right/dataWidth)
	if fl+fr > 0.8 { // a narrow chart: give the bars a fifth at least
		k := 0.8 / (fl + fr)
		fl, fr = fl*k, fr*k
	}
	w := (hi - lo) / (1 - fl - fr)
	return niceRange(lo-fl*w, hi+fr*w, n)
}

// draw lays the chart out on c: the source line at the bottom, the plot,
// and the legend in the room on the right.
func (c *Chart) draw(dc draw.Canvas) {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	if c.source != "" {
		sty := textStyle(8, noteGrey)
		lines := wrap(c.source, 8, dc.Max.X-dc.Min.X-vg.Points(8))
		lh := vg.Points(10)
		for i, l := range lines {
			dc.FillText(sty, vg.Point{X: dc.Min.X + vg.Points(4), Y: dc.Min.Y + vg.Points(4) + lh*vg.Length(len(lines)-1-i)}, l)
		}
		dc = draw.Crop(dc, 0, 0, lh*vg.Length(len(lines))+vg.Points(6), 0)
	}
	if c.title != "" {
		sty := textStyle(titleSize, ink)
		sty.Font.Weight = stdfont.WeightBold
		sty.YAlign = draw.YTop
		lh := vg.Points(titleSize + 3)
		lines := wrapWith(c.title, titleSize, dc.Max.X-dc.Min.X-vg.Points(8), boldWidth)
		for i, l := range lines {
			dc.FillText(sty, vg.Point{X: dc.Min.X + vg.Points(4), Y: dc.Max.Y - vg.Points(4) - lh*vg.Length(i)}, l)
		}
		dc = draw.Crop(dc, 0, 0, 0, -(lh*vg.Length(len(lines)) + vg.Points(12)))
	}
	// The plot starts where the title and the source line start: gonum's
	// axis puts the widest tick label against the canvas edge, where a
	// raster or a PDF viewer cuts its first letter.
	area := draw.Crop(dc, vg.Points(4), -c.right, 0, 0)
	if c.fit != nil {
		data := c.plot.DataCanvas(area)
		c.fit(data.Max.X - data.Min.X)
	}
	c.plot.Draw(area)
	if len(c.legend) == 0 {
		return
	}
	data := c.plot.DataCanvas(area)
	sty := textStyle(10, ink)
	const thumb, row = 18, 15
	x := data.Max.X + vg.Points(16)
	y := data.Max.Y - vg.Points(row)
	for _, e := range c.legend {
		icon := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: y + vg.Points(1)}, Max: vg.Point{X: x + vg.Points(thumb), Y: y + vg.Points(row-4)}}}
		e.thumb.Thumbnail(&icon)
		dc.FillText(sty, vg.Point{X: x + vg.Points(thumb+5), Y: y + vg.Points(2)}, e.label)
		y -= vg.Points(row)
	}
}

// legendWidth is the room on the right a legend of these labels needs.
func legendWidth(labels ...string) vg.Length {
	var w vg.Length
	for _, l := range labels {
		w = max(w, width(l, 10))
	}
	return w + vg.Points(16+18+5+8)
}

// wrap breaks s into lines no wider than w at the given size.
func wrap(s string, points float64, w vg.Length) []string { return wrapWith(s, points, w, width) }

// wrapWith is wrap with the width of text measured by measure.
func wrapWith(s string, points float64, w vg.Length, measure func(string, float64) vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if line != "" && measure(next, points) > w {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// titleSize is the size of a chart's title, in points.
const titleSize = 13

// wrapLabel breaks a tick label into lines of about n characters, for
// category names under bars.
func wrapLabel(s string, n int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > n {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

// fixedDate is the creation date of a chart's PDF: a chart is made of its
// numbers alone, so the same numbers give the same file.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// DPI is the resolution of PNG charts: sharp on a projector and in print.
const DPI = 150

// Write renders the chart in format f to w at its size (PNG at DPI).
func (c *Chart) Write(w io.Writer, f Format) error {
	width, height := c.Size()
	var wt io.WriterTo
	switch f {
	case PNG:
		cv := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI))
		c.draw(draw.New(cv))
		wt = vgimg.PngCanvas{Canvas: cv}
	case SVG:
		cv := newSVG(width, height)
		c.draw(draw.New(cv))
		wt = cv
	case PDF:
		return c.writePDF(w)
	default:
		return fmt.Errorf("chart %q: %v is not a format", c.Title(), f)
	}
	_, err := wt.WriteTo(w)
	return err
}

// writePDF writes the chart as a one-page PDF of its size, drawn with the
// same canvas that puts charts in the board report.
func (c *Chart) writePDF(w io.Writer) error {
	const k = 72 / 25.4 // points per mm
	width, height := c.Size()
	wmm, hmm := width.Points()/k, height.Points()/k
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: wmm, Ht: hmm}})
	doc.SetCompression(true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCreator("raat", true)
	doc.SetTitle(c.Title(), true)
	doc.SetCreationDate(fixedDate)
	doc.SetModificationDate(fixedDate)
	doc.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	doc.AddPage()
	c.DrawPDF(doc, 0, 0, wmm, hmm, "sans")
	if err := doc.Error(); err != nil {
		return fmt.Errorf("chart %q: %w", c.Title(), err)
	}
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		return fmt.Errorf("chart %q: %w", c.Title(), err)
	}
	_, err := w.Write(b.Bytes())
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

// lighter mixes c with white: f = 0 is c, f = 1 is white.
func lighter(c color.Color, f float64) color.RGBA {
	r, g, b, _ := rgbaOf(c)
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + f*(255-float64(v)))) }
	return color.RGBA{R: mix(r), G: mix(g), B: mix(b), A: 0xff}
}

// step is a tick step of 1, 2, 2,5 or 5 times a power of ten that cuts
// [lo, hi], widened to whole steps, into the number of parts closest to n
// (the larger step when two are as close).
func step(lo, hi float64, n int) float64 {
	span := hi - lo
	if !(span > 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/float64(n))))
	best, bestOff := 0.0, math.Inf(1)
	for _, f := range []float64{0.1, 1, 10} {
		for _, m := range []float64{1, 2, 2.5, 5} {
			s := m * mag * f
			parts := math.Ceil(hi/s-1e-9) - math.Floor(lo/s+1e-9)
			if off := math.Abs(parts - float64(n)); off < bestOff || (off == bestOff && s > best) {
				best, bestOff = s, off
			}
		}
	}
	return best
}

// niceRange widens [lo, hi] to whole steps of about n parts, so that the
// axis starts and ends at a labelled tick.
func niceRange(lo, hi float64, n int) (float64, float64, float64) {
	s := step(lo, hi, n)
	return math.Floor(lo/s+1e-9) * s, math.Ceil(hi/s-1e-9) * s, s
}

// stepTicks labels every multiple of Step, the Dutch way (1.000), with
// Suffix (" %") and Decimals; zero is one of the multiples, so it is
// always labelled when in range.
type stepTicks struct {
	Step     float64
	Decimals int
	Suffix   string
}

func (t stepTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for k := math.Ceil(lo/t.Step - 1e-9); k*t.Step <= hi+t.Step*1e-9; k++ {
		v := k * t.Step
		if math.Abs(v) < t.Step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: nl.Dec(v, t.Decimals) + t.Suffix})
	}
	return ts
}

// yearTicks mark every year from First to Last and label the first, the
// last, and the multiples of five not close to either.
type yearTicks struct{ First, Last int }

func (yt yearTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for y := yt.First; y <= yt.Last; y++ {
		t := plot.Tick{Value: float64(y)}
		if y == yt.First || y == yt.Last || (y%5 == 0 && y-yt.First >= 3 && yt.Last-y >= 3) {
			t.Label = strconv.Itoa(y)
		}
		ts = append(ts, t)
	}
	return ts
}

// swatch is a legend entry of a filled square.
func swatch(c color.Color) plot.Thumbnailer {
	poly, _ := plotter.NewPolygon(rect(0, 1, 0, 1))
	poly.Color = c
	poly.LineStyle.Width = 0
	return poly
}

// fillRect adds a filled rectangle without an outline to the plot.
func fillRect(p *plot.Plot, x0, x1, y0, y1 float64, c color.Color) error {
	poly, err := plotter.NewPolygon(rect(x0, x1, y0, y1))
	if err != nil {
		return err
	}
	poly.Color = c
	poly.LineStyle.Width = 0
	p.Add(poly)
	return nil
}

func rect(x0, x1, y0, y1 float64) plotter.XYs {
	return plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

func reversed[T any](s []T) []T {
	r := make([]T, len(s))
	for i, v := range s {
		r[len(s)-1-i] = v
	}
	return r
}

// hline is a line across the data area at y, vline one at x.
type hline struct {
	y     float64
	style draw.LineStyle
}

func (l hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(l.y)
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
}

type vline struct {
	x     float64
	style draw.LineStyle
}

func (l vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(l.x)
	c.StrokeLine2(l.style, x, c.Min.Y, x, c.Max.Y)
}

var zeroStyle = draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(1)}

// note is text placed at a data point with an offset in points.
type note struct {
	x, y   float64
	dx, dy vg.Length
	text   string
	style  text.Style
}

func (n note) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.FillText(n.style, vg.Point{X: trX(n.x) + n.dx, Y: trY(n.y) + n.dy}, n.text)
}
