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
