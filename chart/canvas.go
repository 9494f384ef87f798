package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
)

// The chart package writes SVG and draws onto the report's PDF with its own
// vg.Canvas implementations (svg.go, pdf.go) rather than gonum's vgsvg and
// vgpdf: vgsvg styles every element with a style attribute, which a strict
// Content-Security-Policy (style-src 'self', as the web application sends)
// refuses, so that an SVG opened on its own renders black, and it names one
// font without a fallback; vgpdf makes a document of its own, so a chart
// could only reach the report as a picture. Both canvases here share the
// state kept across Push and Pop and the way a path is turned into lines
// and cubic Bézier curves.

// canvasState is what vg.Canvas.Push saves and Pop restores.
type canvasState struct {
	color  color.Color
	width  vg.Length
	dashes []vg.Length
	offset vg.Length
	matrix affine // pdf: the transform from chart points to the page
	opened int    // svg: the groups opened since the Push
}

// affine is the matrix [a c e; b d f; 0 0 1]: x' = a x + c y + e,
// y' = b x + d y + f.
type affine struct{ a, b, c, d, e, f float64 }

// then returns the transform that applies n first, then m (m × n).
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// scale is how much the transform stretches a length (the square root of
// the determinant: exact for the uniform scales charts use).
func (m affine) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

// segment is one piece of a flattened path: a move, a line, a cubic curve
// (with two control points) or a close.
type segment struct {
	kind     int
	x, y     float64     // end point
	controls [2]vg.Point // for curves
}

// flatten turns a vg.Path into moves, lines, cubic curves and closes, in
// points; arcs become cubic curves of at most a quarter turn each (error
// under 0.03% of the radius), quadratic curves become cubic ones.
func flatten(p vg.Path) []segment {
	var out []segment
	var cx, cy float64 // current point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			cx, cy = comp.Pos.X.Points(), comp.Pos.Y.Points()
			out = append(out, segment{kind: vg.MoveComp, x: cx, y: cy})
		case vg.LineComp:
			cx, cy = comp.Pos.X.Points(), comp.Pos.Y.Points()
			out = append(out, segment{kind: vg.LineComp, x: cx, y: cy})
		case vg.ArcComp:
			r := comp.Radius.Points()
			ox, oy := comp.Pos.X.Points(), comp.Pos.Y.Points()
			x0, y0 := ox+r*math.Cos(comp.Start), oy+r*math.Sin(comp.Start)
			kind := vg.LineComp
			if len(out) == 0 {
				kind = vg.MoveComp
			}
			out = append(out, segment{kind: kind, x: x0, y: y0})
			n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
			step := comp.Angle / float64(max(n, 1))
			k := 4.0 / 3 * math.Tan(step/4) * r
			for i := range n {
				a0 := comp.Start + float64(i)*step
				a1 := a0 + step
				s0, c0 := math.Sincos(a0)
				s1, c1 := math.Sincos(a1)
				out = append(out, segment{kind: vg.CurveComp, x: ox + r*c1, y: oy + r*s1, controls: [2]vg.Point{
					{X: vg.Length(ox + r*c0 - k*s0), Y: vg.Length(oy + r*s0 + k*c0)},
					{X: vg.Length(ox + r*c1 + k*s1), Y: vg.Length(oy + r*s1 - k*c1)},
				}})
			}
			cx, cy = out[len(out)-1].x, out[len(out)-1].y
		case vg.CurveComp:
			ex, ey := comp.Pos.X.Points(), comp.Pos.Y.Points()
			var cs [2]vg.Point
			switch len(comp.Control) {
			case 1: // quadratic: raise to cubic
				qx, qy := comp.Control[0].X.Points(), comp.Control[0].Y.Points()
				cs[0] = vg.Point{X: vg.Length(cx + 2.0/3*(qx-cx)), Y: vg.Length(cy + 2.0/3*(qy-cy))}
				cs[1] = vg.Point{X: vg.Length(ex + 2.0/3*(qx-ex)), Y: vg.Length(ey + 2.0/3*(qy-ey))}
			case 2:
				cs = [2]vg.Point{comp.Control[0], comp.Control[1]}
			default:
				panic("chart: a curve with neither one nor two control points")
			}
			out = append(out, segment{kind: vg.CurveComp, x: ex, y: ey, controls: cs})
			cx, cy = ex, ey
		case vg.CloseComp:
			out = append(out, segment{kind: vg.CloseComp})
		}
	}
	return out
}

// rgbaOf returns a colour's 8-bit channels, not premultiplied, and its
// opacity from 0 to 1.
func rgbaOf(c color.Color) (r, g, b uint8, alpha float64) {
	if c == nil {
		c = color.Black
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return n.R, n.G, n.B, float64(n.A) / 255
}
