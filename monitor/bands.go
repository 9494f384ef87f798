package monitor

import (
	"context"
	"fmt"
	"math"

	"raat/forecast"
)

// BandTarget is the share of realised outcomes a P10-P90 band should
// hold: eight in ten.
const BandTarget = 0.8

// BandCalibration is how much the Monte Carlo's ranges must widen (or
// narrow) for the backtest's bands to hold BandTarget of what happened.
type BandCalibration struct {
	// Factor multiplies the half-widths of the ranges of other outflow,
	// dropout and sector yield around their mode (1): 2 doubles them.
	// The ranges of the part-time factor and of demand growth do not move
	// the backtested staff (see Backtest) and are left as they are.
	Factor float64
	// Before and After are the coverage with the region's ranges and with
	// the calibrated ones.
	Before, After float64
	// Capped says the ranges reached the widest the model allows (a
	// factor from 0 to 10) before the bands held BandTarget.
	Capped bool
	// Uncertainty is the calibrated ranges, for the region file.
	Uncertainty forecast.Uncertainty
	// Backtest is the backtest with the calibrated bands.
	Backtest *Backtest
}

// widen scales the ranges that move the staff by k around their mode.
func widen(u forecast.Uncertainty, k float64) forecast.Uncertainty {
	scale := func(r forecast.Range) forecast.Range {
		return forecast.Range{Low: 1 - k*(1-r.Low), High: 1 + k*(r.High-1)}
	}
	u.Dropout, u.SectorYield, u.OtherOutflow = scale(u.Dropout), scale(u.SectorYield), scale(u.OtherOutflow)
	return u
}

// widest is the largest factor whose ranges the model accepts: no factor
// below 0 or above 10.
func widest(u forecast.Uncertainty) float64 {
	k := math.Inf(1)
	for _, r := range []forecast.Range{u.Dropout, u.SectorYield, u.OtherOutflow} {
		if r.Low < 1 {
			k = min(k, 1/(1-r.Low))
		}
		if r.High > 1 {
			k = min(k, 9/(r.High-1))
		}
	}
	return k
}

// CalibrateBands finds the factor on the ranges of outflow, dropout and
// sector yield for which the backtest's P10-P90 bands of headcount and FTE
// hold BandTarget of the realised outcomes: the smallest such factor, by
// bisection (wider ranges give wider bands), to within a hundredth. opt
// needs draws; the same seed gives the same factor.
func (h *History) CalibrateBands(ctx context.Context, base *forecast.Region, opt BacktestOptions) (*BandCalibration, error) {
	if opt.Draws <= 0 {
		return nil, fmt.Errorf("calibrating the bands needs draws")
	}
	u := base.Uncertainty
	if opt.Uncertainty != nil {
		u = *opt.Uncertainty
	}
	run := func(k float64) (*Backtest, error) {
		w := widen(u, k)
		o := opt
		o.Uncertainty = &w
		return h.Backtest(ctx, base, o)
	}
	bt, err := run(1)
	if err != nil {
		return nil, err
	}
	if bt.Banded == 0 {
		return nil, fmt.Errorf("no realised outcome to set a band against: the history needs two peildata")
	}
	c := &BandCalibration{Factor: 1, Before: bt.Coverage, After: bt.Coverage, Uncertainty: u, Backtest: bt}
	if math.Abs(bt.Coverage-BandTarget) < 0.5/float64(bt.Banded) {
		return c, nil
	}
	lo, hi := 0.0, 1.0 // coverage(lo) < target <= coverage(hi)
	best := bt
	if bt.Coverage < BandTarget {
		lo, hi = 1, widest(u)
		if best, err = run(hi); err != nil {
			return nil, err
		}
		if best.Coverage < BandTarget {
			c.Factor, c.After, c.Capped, c.Uncertainty, c.Backtest = hi, best.Coverage, true, widen(u, hi), best
			return c, nil
		}
	}
	for hi-lo > 0.01 {
		mid := (lo + hi) / 2
		b, err := run(mid)
		if err != nil {
			return nil, err
		}
		if b.Coverage >= BandTarget {
			hi, best = mid, b
		} else {
			lo = mid
		}
	}
	c.Factor, c.After, c.Uncertainty, c.Backtest = hi, best.Coverage, widen(u, hi), best
	return c, nil
}
