package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DrawPDF draws the chart as vector graphics onto the current page of doc,
// a document measured in millimetres, in the box whose top left corner is
// (x, y) and that is w wide and h high (mm). Text is set in the document's
// font family, which must be registered with a regular and a bold style;
// the chart measures its text with Liberation Sans, so family should be
// that font (the report embeds it) for the text to fit its place exactly.
//
// The chart is laid out at the box's size, so its text keeps its size in
// points. The document's colours, line width, dash pattern and opacity are
// reset to black, 0,2 mm, solid and opaque afterwards.
func (c *Chart) DrawPDF(doc *fpdf.Fpdf, x, y, w, h float64, family string) {
	const k = 25.4 / 72 // mm per point
	pc := &pdfCanvas{doc: doc, w: vg.Length(w / k), h: vg.Length(h / k), family: family, alpha: 1,
		stack: []canvasState{{color: nil, width: vg.Points(1), matrix: affine{a: k, d: -k, e: x, f: y + h}}}}
	pc.SetColor(nil)
	c.draw(draw.New(pc))
	doc.SetAlpha(1, "Normal")
	doc.SetDashPattern([]float64{}, 0)
	doc.SetLineWidth(0.2)
	doc.SetDrawColor(0, 0, 0)
	doc.SetFillColor(0, 0, 0)
	doc.SetTextColor(0, 0, 0)
}

// pdfCanvas is a vg.Canvas drawing onto a page of an fpdf document. It
// keeps the transform from the chart's points (origin bottom left, y up)
// to the page's millimetres (origin top left, y down) itself, and hands
// fpdf page coordinates; only text is rotated with fpdf's transform.
type pdfCanvas struct {
	doc    *fpdf.Fpdf
	w, h   vg.Length
	family string
	alpha  float64 // the document's current opacity
	stack  []canvasState
}

func (c *pdfCanvas) top() *canvasState { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) SetLineWidth(w vg.Length) { c.top().width = w }

func (c *pdfCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.top().dashes, c.top().offset = append([]vg.Length(nil), pattern...), offset
}

func (c *pdfCanvas) SetColor(col color.Color) {
	c.top().color = col
}

func (c *pdfCanvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.top().matrix = c.top().matrix.then(affine{a: co, b: s, c: -s, d: co})
}

func (c *pdfCanvas) Translate(pt vg.Point) {
	c.top().matrix = c.top().matrix.then(affine{a: 1, d: 1, e: pt.X.Points(), f: pt.Y.Points()})
}

func (c *pdfCanvas) Scale(x, y float64) {
	c.top().matrix = c.top().matrix.then(affine{a: x, d: y})
}

func (c *pdfCanvas) Push() { c.stack = append(c.stack, *c.top()) }

func (c *pdfCanvas) Pop() { c.stack = c.stack[:len(c.stack)-1] }

// useColor makes the state's colour the document's for fill, stroke and
// text.
func (c *pdfCanvas) useColor() {
	r, g, b, a := rgbaOf(c.top().color)
	c.doc.SetDrawColor(int(r), int(g), int(b))
	c.doc.SetFillColor(int(r), int(g), int(b))
	c.doc.SetTextColor(int(r), int(g), int(b))
	if a != c.alpha {
		c.doc.SetAlpha(a, "Normal")
		c.alpha = a
	}
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	s := c.top()
	if s.width <= 0 {
		return
	}
	c.useColor()
	scale := s.matrix.scale()
	c.doc.SetLineWidth(s.width.Points() * scale)
	ds := make([]float64, len(s.dashes))
	for i, d := range s.dashes {
		ds[i] = d.Points() * scale
	}
	c.doc.SetDashPattern(ds, s.offset.Points()*scale)
	c.path(p, "D")
}

func (c *pdfCanvas) Fill(p vg.Path) {
	c.useColor()
	c.path(p, "F")
}

func (c *pdfCanvas) path(p vg.Path, style string) {
	m := c.top().matrix
	drawn := false
	for _, s := range flatten(p) {
		switch s.kind {
		case vg.MoveComp:
			c.doc.MoveTo(m.apply(s.x, s.y))
		case vg.LineComp:
			c.doc.LineTo(m.apply(s.x, s.y))
			drawn = true
		case vg.CurveComp:
			x0, y0 := m.apply(s.controls[0].X.Points(), s.controls[0].Y.Points())
			x1, y1 := m.apply(s.controls[1].X.Points(), s.controls[1].Y.Points())
			x, y := m.apply(s.x, s.y)
			c.doc.CurveBezierCubicTo(x0, y0, x1, y1, x, y)
			drawn = true
		case vg.CloseComp:
			c.doc.ClosePath()
		}
	}
	if drawn {
		c.doc.DrawPath(style)
	}
}

// FillString sets text with its baseline's left end at pt, turned with the
// transform's rotation.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 || str == "" {
		return
	}
	c.useColor()
	m := c.top().matrix
	style := ""
	if f.Font.Weight >= stdfont.WeightBold {
		style = "B"
	}
	const k = 25.4 / 72
	c.doc.SetFont(c.family, style, f.Font.Size.Points()*m.scale()/k)
	x, y := m.apply(pt.X.Points(), pt.Y.Points())
	// On the page y points down: a turn counter-clockwise in the chart is
	// one counter-clockwise on paper too, but the sign of b flips.
	deg := math.Atan2(-m.b, m.a) * 180 / math.Pi
	if math.Abs(deg) < 1e-9 {
		c.doc.Text(x, y, str)
		return
	}
	c.doc.TransformBegin()
	c.doc.TransformRotate(deg, x, y)
	c.doc.Text(x, y, str)
	c.doc.TransformEnd()
}

// DrawImage places img, unrotated, in the transformed rectangle; raat's
// charts draw none, but the canvas keeps the whole vg.Canvas contract.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		c.doc.SetError(fmt.Errorf("chart: encode an image for PDF: %w", err))
		return
	}
	m := c.top().matrix
	x0, y0 := m.apply(rect.Min.X.Points(), rect.Max.Y.Points())
	x1, y1 := m.apply(rect.Max.X.Points(), rect.Min.Y.Points())
	name := fmt.Sprintf("chart-image-%p", img)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	c.doc.RegisterImageOptionsReader(name, opt, &b)
	c.doc.ImageOptions(name, math.Min(x0, x1), math.Min(y0, y1), math.Abs(x1-x0), math.Abs(y1-y0), false, opt, 0, "")
}
