package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// FontStack is the font-family of the SVG's text: Liberation Sans, whose
// metrics the layout is computed with, then fonts with the same metrics
// (Arimo, Arial, Helvetica), then any sans-serif. Every string also
// carries its measured width (textLength), so that a browser falling back
// to a wider font squeezes the text rather than running it into the
// legend's swatches.
const FontStack = "'Liberation Sans', Arimo, Arial, Helvetica, sans-serif"

// svgCanvas is a vg.Canvas that writes SVG with presentation attributes
// only (fill="...", stroke="..."): no style attributes and no style
// element, so that the file renders under a Content-Security-Policy that
// allows no inline styles, opened on its own as well as in an <img>.
type svgCanvas struct {
	w, h  vg.Length
	buf   bytes.Buffer
	stack []canvasState
}

func newSVG(w, h vg.Length) *svgCanvas {
	c := &svgCanvas{w: w, h: h, stack: []canvasState{{color: color.Black, width: vg.Points(1)}}}
	fmt.Fprintf(&c.buf, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%spt" height="%spt" viewBox="0 0 %s %s" font-family="%s">
<g transform="scale(1,-1) translate(0,-%s)">
`, num(w.Points()), num(h.Points()), num(w.Points()), num(h.Points()), FontStack, num(h.Points()))
	return c
}

func (c *svgCanvas) top() *canvasState { return &c.stack[len(c.stack)-1] }

func (c *svgCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *svgCanvas) SetLineWidth(w vg.Length) { c.top().width = w }

func (c *svgCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.top().dashes, c.top().offset = append([]vg.Length(nil), pattern...), offset
}

func (c *svgCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.top().color = col
}

func (c *svgCanvas) group(transform string) {
	fmt.Fprintf(&c.buf, "<g transform=\"%s\">\n", transform)
	c.top().opened++
}

func (c *svgCanvas) Rotate(rad float64) { c.group("rotate(" + num(rad*180/math.Pi) + ")") }

func (c *svgCanvas) Translate(pt vg.Point) {
	c.group("translate(" + num(pt.X.Points()) + "," + num(pt.Y.Points()) + ")")
}

func (c *svgCanvas) Scale(x, y float64) { c.group("scale(" + num(x) + "," + num(y) + ")") }

func (c *svgCanvas) Push() {
	s := *c.top()
	s.opened = 0
	c.stack = append(c.stack, s)
}

func (c *svgCanvas) Pop() {
	for range c.top().opened {
		c.buf.WriteString("</g>\n")
	}
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *svgCanvas) Stroke(p vg.Path) {
	s := c.top()
	if s.width <= 0 {
		return
	}
	fmt.Fprintf(&c.buf, `<path d="%s" fill="none" stroke="%s" stroke-width="%s"`, pathData(p), hexOf(s.color), num(s.width.Points()))
	if _, _, _, a := rgbaOf(s.color); a < 1 {
		fmt.Fprintf(&c.buf, ` stroke-opacity="%s"`, num(a))
	}
	if len(s.dashes) > 0 {
		ds := make([]string, len(s.dashes))
		for i, d := range s.dashes {
			ds[i] = num(d.Points())
		}
		fmt.Fprintf(&c.buf, ` stroke-dasharray="%s"`, strings.Join(ds, ","))
		if s.offset != 0 {
			fmt.Fprintf(&c.buf, ` stroke-dashoffset="%s"`, num(s.offset.Points()))
		}
	}
	c.buf.WriteString("/>\n")
}

func (c *svgCanvas) Fill(p vg.Path) {
	s := c.top()
	fmt.Fprintf(&c.buf, `<path d="%s" fill="%s"`, pathData(p), hexOf(s.color))
	if _, _, _, a := rgbaOf(s.color); a < 1 {
		fmt.Fprintf(&c.buf, ` fill-opacity="%s"`, num(a))
	}
	c.buf.WriteString("/>\n")
}

// FillString writes text with its baseline's left end at pt; the text is
// flipped back upright inside the canvas's flipped y axis.
func (c *svgCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 || str == "" {
		return
	}
	fmt.Fprintf(&c.buf, `<text x="%s" y="%s" transform="scale(1,-1)" font-size="%s"`, num(pt.X.Points()), num(-pt.Y.Points()), num(f.Font.Size.Points()))
	if f.Font.Weight >= stdfont.WeightBold {
		c.buf.WriteString(` font-weight="bold"`)
	}
	if f.Font.Style == stdfont.StyleItalic {
		c.buf.WriteString(` font-style="italic"`)
	}
	fmt.Fprintf(&c.buf, ` fill="%s"`, hexOf(c.top().color))
	if _, _, _, a := rgbaOf(c.top().color); a < 1 {
		fmt.Fprintf(&c.buf, ` fill-opacity="%s"`, num(a))
	}
	fmt.Fprintf(&c.buf, ` textLength="%s" lengthAdjust="spacingAndGlyphs">%s</text>`+"\n", num(f.Width(str).Points()), html.EscapeString(str))
}

// DrawImage embeds img as a PNG; raat's charts draw none, but the canvas
// keeps the whole vg.Canvas contract.
func (c *svgCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(fmt.Sprintf("chart: encode an image for SVG: %v", err))
	}
	sz := rect.Size()
	fmt.Fprintf(&c.buf, `<image x="%s" y="%s" width="%s" height="%s" transform="scale(1,-1)" href="data:image/png;base64,%s"/>`+"\n",
		num(rect.Min.X.Points()), num(-rect.Max.Y.Points()), num(sz.X.Points()), num(sz.Y.Points()), base64.StdEncoding.EncodeToString(b.Bytes()))
}

// WriteTo writes the finished document.
func (c *svgCanvas) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	b.Write(c.buf.Bytes())
	for range c.stack[0].opened {
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n</svg>\n")
	n, err := w.Write(b.Bytes())
	return int64(n), err
}

// pathData writes a path in SVG's path syntax.
func pathData(p vg.Path) string {
	var b strings.Builder
	for _, s := range flatten(p) {
		switch s.kind {
		case vg.MoveComp:
			b.WriteString("M" + num(s.x) + "," + num(s.y))
		case vg.LineComp:
			b.WriteString("L" + num(s.x) + "," + num(s.y))
		case vg.CurveComp:
			b.WriteString("C" + num(s.controls[0].X.Points()) + "," + num(s.controls[0].Y.Points()) + " " +
				num(s.controls[1].X.Points()) + "," + num(s.controls[1].Y.Points()) + " " + num(s.x) + "," + num(s.y))
		case vg.CloseComp:
			b.WriteString("Z")
		}
	}
	return b.String()
}

// num writes a coordinate with two decimals, without trailing zeros: a
// hundredth of a point is finer than any screen or printer resolves, and
// fixed decimals keep the output byte-stable.
func num(x float64) string {
	if x == 0 || math.Abs(x) < 0.005 {
		return "0"
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

func hexOf(col color.Color) string {
	r, g, b, _ := rgbaOf(col)
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}
