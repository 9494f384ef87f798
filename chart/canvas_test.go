package chart

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestAffine(t *testing.T) {
	// Points to millimetres on a page with y down, placed at (10, 20)
	// and 30 mm high; then a quarter turn about the origin, as the y
	// axis label is drawn.
	page := affine{a: 25.4 / 72, d: -25.4 / 72, e: 10, f: 50}
	turned := page.then(affine{a: 0, b: 1, c: -1, d: 0})
	for _, tt := range []struct {
		m            affine
		x, y         float64
		wantX, wantY float64
	}{
		{page, 0, 0, 10, 50},
		{page, 72, 72, 35.4, 24.6},
		{turned, 72, 0, 10, 24.6}, // (72, 0) turns to (0, 72): up the page
	} {
		x, y := tt.m.apply(tt.x, tt.y)
		if math.Abs(x-tt.wantX) > 1e-9 || math.Abs(y-tt.wantY) > 1e-9 {
			t.Errorf("apply(%v, %v) = (%v, %v), want (%v, %v)", tt.x, tt.y, x, y, tt.wantX, tt.wantY)
		}
	}
	if s := turned.scale(); math.Abs(s-25.4/72) > 1e-12 {
		t.Errorf("scale %v, want %v", s, 25.4/72)
	}
}

// TestFlattenCircle: an arc becomes cubic curves that stay on the circle.
func TestFlattenCircle(t *testing.T) {
	var p vg.Path
	p.Arc(vg.Point{X: 10, Y: 20}, 5, 0, 2*math.Pi)
	p.Close()
	segs := flatten(p)
	if segs[0].kind != vg.MoveComp || segs[len(segs)-1].kind != vg.CloseComp {
		t.Fatalf("segments %v", segs)
	}
	curves := 0
	for _, s := range segs[1 : len(segs)-1] {
		if s.kind != vg.CurveComp {
			t.Fatalf("a %d inside a circle", s.kind)
		}
		curves++
		if d := math.Hypot(s.x-10, s.y-20); math.Abs(d-5) > 1e-9 {
			t.Errorf("end point %v from the centre, want 5", d)
		}
	}
	if curves != 4 {
		t.Errorf("%d curves for a full circle, want 4 quarter turns", curves)
	}
	prev := segs[0]
	for _, s := range segs[1 : len(segs)-1] {
		mx := 0.125*prev.x + 0.375*s.controls[0].X.Points() + 0.375*s.controls[1].X.Points() + 0.125*s.x
		my := 0.125*prev.y + 0.375*s.controls[0].Y.Points() + 0.375*s.controls[1].Y.Points() + 0.125*s.y
		if d := math.Hypot(mx-10, my-20); math.Abs(d-5)/5 > 3e-4 {
			t.Errorf("midpoint %v from the centre, want 5 within 0,03%%", d)
		}
		prev = s
	}
}

func TestSVGOpacityAndNumbers(t *testing.T) {
	c := newSVG(vg.Points(100), vg.Points(50))
	c.SetColor(color.NRGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0x80})
	var p vg.Path
	p.Move(vg.Point{X: 1.004, Y: 2})
	p.Line(vg.Point{X: 3.5, Y: -0.001})
	c.Fill(p)
	var b strings.Builder
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<path d="M1,2L3.5,0" fill="#1b9e77" fill-opacity="0.5"/>`) {
		t.Errorf("svg:\n%s", b.String())
	}
}
