package monitor

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"raat/forecast"
)

// steady is a history of known rates without noise: every year the same
// workbooks, each employer losing as many to other sectors as it hires,
// so that the region stays as it is; VVT at 10% a year (two employers),
// GGZ at 8%.
func steady() []*book {
	var bs []*book
	for y := 2021; y <= 2025; y++ {
		bs = append(bs,
			&book{name: "A", kvk: "10000001", branch: forecast.VVT, year: y, head: 500, leavers: 50, hires: 50},
			&book{name: "B", kvk: "10000002", branch: forecast.VVT, year: y, head: 300, leavers: 30, hires: 30},
			&book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: y, head: 400, leavers: 32, hires: 32},
		)
	}
	return bs
}

func history(t *testing.T, bs []*book) *History {
	t.Helper()
	var list []book
	for _, b := range bs {
		list = append(list, *b)
	}
	h, err := NewHistory(testRegion(), subs(list...))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestBacktestOfKnownRatesIsExact: forecasts from a history the model's
// own rates describe, without noise, make no error at any horizon, for
// any quantity, for the region or a branch; and the realised outcomes lie
// in their bands.
func TestBacktestOfKnownRatesIsExact(t *testing.T) {
	h := history(t, steady())
	bt, err := h.Backtest(context.Background(), testRegion(), BacktestOptions{Draws: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// 4 horizons, 3 quantities, 3 scopes, all reached
	if len(bt.Errors) != 4*3*3 {
		t.Errorf("%d errors, want 36", len(bt.Errors))
	}
	for _, e := range bt.Errors {
		if e.MAPE > 1e-12 || math.Abs(e.Bias) > 1e-12 {
			t.Errorf("%s %s horizon %d: MAPE %g, bias %g; want 0", e.Quantity.Label(), bt.Scopes[e.Scope].Name, e.Horizon, e.MAPE, e.Bias)
		}
		if want := 5 - e.Horizon; e.N != want {
			t.Errorf("%s horizon %d: %d forecasts, want %d", e.Quantity.Label(), e.Horizon, e.N, want)
		}
	}
	if bt.Banded != (4+3+2+1)*2*3 || bt.Covered != bt.Banded {
		t.Errorf("%d of %d outcomes in the band, want all of 60", bt.Covered, bt.Banded)
	}
}

// TestBacktestMAPEByHand: one employer whose yearly leavers and hires
// scatter (seeded), its staff moving with them as the workbooks report
// them (leavers and hires of the 12 months before each peildatum). From
// origin Y the model takes Y's leavers per head, q = D[Y] / N[Y], as the
// rate of every year after and Y's hires L[Y] as every year's, so by
// hand:
//
//	N'[Y] = N[Y],  N'[t+1] = N'[t] (1 - q) + L[Y],  leavers'[t] = q N'[t-1]
//
// and the MAPE at horizon h is the mean over the origins of |N'[Y+h] -
// N[Y+h]| / N[Y+h]; the bias the mean without the bars.
func TestBacktestMAPEByHand(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	n := map[int]float64{2021: 1000}
	d := map[int]float64{2021: 100}
	l := map[int]float64{2021: 100}
	var bs []*book
	for y := 2021; y <= 2025; y++ {
		if y > 2021 {
			d[y] = float64(80 + rng.IntN(41)) // 80 to 120
			l[y] = float64(80 + rng.IntN(41))
			n[y] = n[y-1] - d[y] + l[y]
		}
		bs = append(bs, &book{name: "A", kvk: "10000001", branch: forecast.VVT, year: y, head: int(n[y]), leavers: int(d[y]), hires: int(l[y])})
	}
	h := history(t, bs)
	bt, err := h.Backtest(context.Background(), testRegion(), BacktestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	type sums struct{ ape, pe, n [NumQuantities]float64 }
	want := map[int]*sums{}
	for origin := 2021; origin < 2025; origin++ {
		q, lat := d[origin]/n[origin], l[origin]
		est := n[origin]
		for y := origin + 1; y <= 2025; y++ {
			leavers := q * est
			est = est*(1-q) + lat
			hz := y - origin
			if want[hz] == nil {
				want[hz] = &sums{}
			}
			for k, pair := range [][2]float64{{est, n[y]}, {0.8 * est, 0.8 * n[y]}, {leavers, d[y]}} {
				w := want[hz]
				w.ape[k] += math.Abs(pair[0]-pair[1]) / pair[1]
				w.pe[k] += (pair[0] - pair[1]) / pair[1]
				w.n[k]++
			}
		}
	}
	for hz, w := range want {
		for q := range Quantity(NumQuantities) {
			e, ok := bt.Error(q, 0, hz)
			if !ok {
				t.Fatalf("no error for %s at horizon %d", q.Label(), hz)
			}
			mape, bias := w.ape[q]/w.n[q], w.pe[q]/w.n[q]
			if math.Abs(e.MAPE-mape) > 1e-9 || math.Abs(e.Bias-bias) > 1e-9 || float64(e.N) != w.n[q] {
				t.Errorf("%s horizon %d: MAPE %.6f%%, bias %.6f%% over %d; by hand %.6f%%, %.6f%% over %g",
					q.Label(), hz, 100*e.MAPE, 100*e.Bias, e.N, 100*mape, 100*bias, w.n[q])
			}
		}
	}
	if e, _ := bt.Error(Headcount, 0, 1); e.MAPE == 0 {
		t.Error("the noise made no error at all: the test proves nothing")
	}
}

// TestCalibrateBandsReachesTheTarget: with a history that moves more
// than the ranges allow, the factor widens them, the bands then hold at
// least 8 in 10 outcomes, and a narrower factor holds fewer.
func TestCalibrateBandsReachesTheTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var bs []*book
	head := map[string]int{"10000001": 500, "10000004": 400}
	for y := 2021; y <= 2025; y++ {
		for _, e := range []struct {
			kvk    string
			branch forecast.Branch
		}{{"10000001", forecast.VVT}, {"10000004", forecast.GGZ}} {
			leavers := 30 + rng.IntN(40) // the hires do not scatter: the Monte Carlo has no range for them
			hires := 50
			if y > 2021 {
				head[e.kvk] += hires - leavers
			}
			bs = append(bs, &book{name: e.kvk, kvk: e.kvk, branch: e.branch, year: y, head: head[e.kvk], leavers: leavers, hires: hires})
		}
	}
	h := history(t, bs)
	c, err := h.CalibrateBands(context.Background(), testRegion(), BacktestOptions{Draws: 50, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if c.Before >= BandTarget || c.After < BandTarget || c.Factor <= 1 || c.Capped {
		t.Fatalf("coverage %v -> %v with factor %v (capped %v)", c.Before, c.After, c.Factor, c.Capped)
	}
	if got := c.Uncertainty.OtherOutflow; math.Abs(got.High-1-c.Factor*0.1) > 1e-12 || math.Abs(1-got.Low-c.Factor*0.1) > 1e-12 {
		t.Errorf("other outflow range %v, want 1 ± %v x 0.1", got, c.Factor)
	}
	narrower := widen(testRegion().Uncertainty, c.Factor-0.05)
	bt, err := h.Backtest(context.Background(), testRegion(), BacktestOptions{Draws: 50, Seed: 2, Uncertainty: &narrower})
	if err != nil {
		t.Fatal(err)
	}
	if bt.Coverage >= BandTarget {
		t.Errorf("with factor %v the bands hold %v already: not the smallest", c.Factor-0.05, bt.Coverage)
	}
}
