package scenarios

import (
	"math"
	"testing"
)

// root is false position with the Illinois fix: on a straight line it
// lands on the root at once, and on the model's smooth, nearly straight
// curves it needs far fewer evaluations than the bisection it falls back
// on (which needs some 10 here to get within ToleranceFTE): 1, 5 and 6
// evaluations.
func TestRootConvergesFast(t *testing.T) {
	for _, tt := range []struct {
		name  string
		f     func(float64) float64
		root  float64
		evals int
	}{
		{"straight", func(x float64) float64 { return 500 - 10*x }, 50, 1},
		{"bent", func(x float64) float64 { return 1000/(1+0.05*x) - 300 }, 1400.0 / 30, 5},
		{"steep then flat", func(x float64) float64 { return 400*math.Exp(-x/20) - 100 }, 20 * math.Log(4), 6},
		// false position's first guess, 100 - 0.5*100/100.5, is 0.5 short
		// of 0: a gap of exactly the tolerance is closed
		{"a gap of exactly the tolerance", func(x float64) float64 {
			if x < 50 {
				return 100 - 2*x
			}
			return -0.5
		}, 50, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			f := func(x float64) float64 { n++; return tt.f(x) }
			x := root(f, 0, 100, tt.f(0), tt.f(100))
			if math.Abs(tt.f(x)) > ToleranceFTE {
				t.Errorf("root %g: f = %g, want within %g of 0 (at %g)", x, tt.f(x), ToleranceFTE, tt.root)
			}
			if n > tt.evals {
				t.Errorf("%d evaluations, want at most %d", n, tt.evals)
			}
		})
	}
}

// root evaluates f only strictly inside the bracket it is given (the ends
// are known), also where false position lands on an end: with f(hi) = 0
// (f = 100 - 2x on [0, 50]) and with f(lo) too small to move the line
// (1e-300 - 2x on [0, 1]). Both then bisect.
func TestRootStaysInsideTheBracket(t *testing.T) {
	for _, tt := range []struct {
		name   string
		f      func(float64) float64
		lo, hi float64
	}{
		{"f(hi) is 0", func(x float64) float64 { return 100 - 2*x }, 0, 50},
		{"f(lo) is tiny", func(x float64) float64 { return 1e-300 - 2*x }, 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := func(x float64) float64 {
				if !(x > tt.lo && x < tt.hi) {
					t.Errorf("f evaluated at %g, want inside (%g, %g)", x, tt.lo, tt.hi)
				}
				return tt.f(x)
			}
			if x := root(f, tt.lo, tt.hi, tt.f(tt.lo), tt.f(tt.hi)); math.Abs(tt.f(x)) > ToleranceFTE {
				t.Errorf("root %g: f = %g, want within %g of 0", x, tt.f(x), ToleranceFTE)
			}
		})
	}
}

// An f that jumps across zero at 50 (10 below, -10 from 50 on) has no
// point within ToleranceFTE of 0: after its 200 steps root returns the
// end of its bracket where the gap is closed, next to the jump.
func TestRootOfAJump(t *testing.T) {
	f := func(x float64) float64 {
		if x < 50 {
			return 10
		}
		return -10
	}
	x := root(f, 0, 100, 10, -10)
	if f(x) != -10 || !(x-50 < 1e-9) {
		t.Errorf("root %g: f = %g, want the closed side, within 1e-9 of 50", x, f(x))
	}
}
