package monitor

import (
	"context"
	"fmt"
	"math"

	"raat/analysis"
	"raat/forecast"
	"raat/scenarios"
)

// Quantity is what a backtest compares: a number the model forecasts and
// the workbooks later report.
type Quantity uint8

const (
	// Headcount: people at the peildatum.
	Headcount Quantity = iota
	// FTE of the staff at the peildatum (without students).
	FTE
	// SectorLeavers: leaving the region's care sector in the 12 months
	// before the peildatum (pensioen, andere sector, buiten
	// arbeidsmarkt, onbekend).
	SectorLeavers
	NumQuantities = iota
)

var quantityLabels = [NumQuantities]string{"medewerkers", "fte", "vertrekkers uit de sector"}

// Label is the quantity's Dutch name.
func (q Quantity) Label() string { return quantityLabels[q] }

// Banded reports whether the Monte Carlo gives the quantity a band.
func (q Quantity) Banded() bool { return q != SectorLeavers }

// realised is the quantity in figures.
func (q Quantity) realised(f Figures) float64 {
	switch q {
	case Headcount:
		return f.Headcount
	case FTE:
		return f.FTE
	}
	return f.SectorLeavers()
}

// forecastOf is the quantity in year y of a run, for the rows keep
// selects: a stock at the start of year y, or for the leavers the flows
// of year y-1, which carry the people of peildatum y-1 to peildatum y and
// which the workbook of y reports. ok is false for the leavers of the
// run's first year.
func (q Quantity) forecastOf(res *forecast.Result, y int, keep func(*forecast.Row) bool) (v float64, ok bool) {
	switch q {
	case Headcount:
		return res.Sum(y, keep).Headcount, true
	case FTE:
		return res.Sum(y, keep).WorkforceFTE, true
	}
	if y-1 < res.From {
		return 0, false
	}
	r := res.Sum(y-1, keep)
	return r.OutflowRetirement + r.OutflowOther, true
}

// Scopes are the region (index 0) and the branches of a backtest.
type Scope struct {
	Name   string
	Branch forecast.Branch // AllBranches for the region
}

// Origin is the forecast made from one peildatum's workbooks.
type Origin struct {
	Year int
	// Central[q][s][j] is quantity q of scope s in year Year+j, the
	// central estimate; Low and High the band (P10 and P90 of the Monte
	// Carlo) for banded quantities with draws, else NaN. Realised is what
	// the workbooks show, NaN where they have nothing.
	Central, Low, High, Realised [NumQuantities][][]float64
	// Warnings are the region's and the run's (Dutch).
	Warnings []string
}

// Error is how far the forecasts of a quantity were off for one scope at
// one horizon, over the origins that reach it.
type Error struct {
	Quantity Quantity
	Scope    int
	Horizon  int
	// N forecasts compared; MAPE the mean of |forecast - realised| /
	// realised; Bias the mean of (forecast - realised) / realised
	// (positive: the forecasts were too high).
	N          int
	MAPE, Bias float64
}

// Backtest is raat's forecasts from every past peildatum against what the
// later workbooks showed.
type Backtest struct {
	Scenario string
	Years    []int
	Scopes   []Scope
	Origins  []Origin
	// Errors, by quantity, scope and horizon.
	Errors []Error
	// Coverage is the share of the realised banded outcomes (origin,
	// horizon, scope, quantity) inside their band, and Covered and Banded
	// the counts; zero without draws.
	Coverage        float64
	Covered, Banded int
	// Draws and Seed of the bands.
	Draws int
	Seed  uint64
	// Uncertainty is the ranges the bands were drawn with.
	Uncertainty forecast.Uncertainty
}

// BacktestOptions say how to backtest.
type BacktestOptions struct {
	// Scenario is run from every origin; nil runs the baseline (no
	// levers): policy as it was.
	Scenario *scenarios.Scenario
	// Draws behind the bands of headcount and FTE (0: none), and Seed.
	Draws int
	Seed  uint64
	// Uncertainty, when not nil, replaces base's ranges (CalibrateBands
	// tries them).
	Uncertainty *forecast.Uncertainty
}

// Backtest forecasts from every peildatum of the history that has a later
// one, from that year's workbooks as RegionOf builds the region then,
// and compares each forecast with every later year's workbooks: the
// central estimate through an analysis.Study (the model's own run), the
// bands through the study's Monte Carlo. Errors are per horizon (1, 2, ...
// years), per quantity, for the region and each branch that delivered in
// both years.
//
// The Monte Carlo bands the shortfall, demand less supply. For the bands
// of headcount and FTE each origin's region is run a second and third
// time as a probe: without demand growth, sick leave, working students
// or demand levers, with a fixed part-time factor and, for headcount,
// every contract full time. In every draw the probe's demand is then its
// base year's supply plus vacancies, the same in every year and draw, and
// its supply is its staff's FTE (or headcount), so that its shortfall's
// P10 and P90 are its demand less the P90 and P10 of the staff: the
// staff's band as the Monte Carlo draws it (outflow, dropout, sector
// yield; the part-time factor, which moves the known base year too, is
// left out). The leavers have no band.
func (h *History) Backtest(ctx context.Context, base *forecast.Region, opt BacktestOptions) (*Backtest, error) {
	sc := opt.Scenario
	if sc == nil {
		sc = &scenarios.Scenario{Name: "basis", Description: "beleid zoals het was"}
	}
	bt := &Backtest{Scenario: sc.Name, Years: h.Years, Draws: opt.Draws, Seed: opt.Seed, Uncertainty: base.Uncertainty}
	if opt.Uncertainty != nil {
		bt.Uncertainty = *opt.Uncertainty
	}
	bt.Scopes = append(bt.Scopes, Scope{Name: h.Region, Branch: forecast.AllBranches})
	for _, b := range h.Branches {
		bt.Scopes = append(bt.Scopes, Scope{Name: b.Name, Branch: b.Branch})
	}
	last := h.Last()
	for k, year := range h.Years[:len(h.Years)-1] {
		r, sum, err := h.RegionOf(base, year)
		if err != nil {
			return nil, err
		}
		r.Uncertainty = bt.Uncertainty
		o := Origin{Year: year}
		if sum != nil {
			o.Warnings = append(o.Warnings, sum.Warnings...)
		}
		st, err := analysis.New(analysis.Data{Region: r, Employers: sum}, []*scenarios.Scenario{sc}, analysis.Options{From: year, To: last})
		if err != nil {
			return nil, err
		}
		out, err := st.Outcome(ctx, sc.Name)
		if err != nil {
			return nil, fmt.Errorf("backtest from %d: %w", year, err)
		}
		o.Warnings = append(o.Warnings, out.Warnings...)
		var probes [NumQuantities]*analysis.Outcome
		if opt.Draws > 0 {
			for _, q := range []Quantity{Headcount, FTE} {
				if probes[q], err = probeOutcome(ctx, r, sc, q, year, last, opt); err != nil {
					return nil, fmt.Errorf("backtest from %d: %w", year, err)
				}
			}
		}
		n := last - year + 1
		for q := range Quantity(NumQuantities) {
			for _, v := range []*[NumQuantities][][]float64{&o.Central, &o.Low, &o.High, &o.Realised} {
				v[q] = make([][]float64, len(bt.Scopes))
			}
			for s, sc := range bt.Scopes {
				central, low, high, real := nans(n), nans(n), nans(n), nans(n)
				for j := range n {
					y := year + j
					i := h.Index(y)
					// The branches compared: those of the scope that
					// delivered in both years (the others' forecast rests on
					// the region file's assumptions, or nothing is there to
					// set it against).
					var in [forecast.NumBranches]bool
					var realised Figures
					any := false
					for _, b := range h.Branches {
						if (sc.Branch == forecast.AllBranches || b.Branch == sc.Branch) && b.Employers[k] > 0 && i >= 0 && b.Employers[i] > 0 {
							in[b.Branch] = true
							realised.add(b.Figures[i])
							any = true
						}
					}
					if !any {
						continue
					}
					keep := func(row *forecast.Row) bool { return in[row.Branch] }
					if v, ok := q.forecastOf(out.Run, y, keep); ok {
						central[j] = v
					}
					real[j] = q.realised(realised)
					if p := probes[q]; p != nil {
						low[j], high[j] = probeBand(p, sc.Branch, in, y, keep)
					}
				}
				o.Central[q][s], o.Low[q][s], o.High[q][s], o.Realised[q][s] = central, low, high, real
			}
		}
		bt.Origins = append(bt.Origins, o)
	}
	bt.errors()
	bt.coverage()
	return bt, nil
}

func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// probeOutcome runs the probe of quantity q (headcount or FTE) of region
// r under the scenario with draws (see Backtest).
func probeOutcome(ctx context.Context, r *forecast.Region, sc *scenarios.Scenario, q Quantity, from, to int, opt BacktestOptions) (*analysis.Outcome, error) {
	p := *r
	p.AbsenceRate = 0
	p.Uncertainty.PartTimeFactor = forecast.Range{Low: 1, High: 1}
	p.Uncertainty.DemandGrowth = forecast.Range{}
	for b := range p.Cells {
		for l := range p.Cells[b] {
			c := &p.Cells[b][l]
			c.DemandGrowth = 0
			if q == Headcount {
				c.PartTimeFactor = 1
			}
		}
	}
	for l := range p.Programmes {
		for rt := range p.Programmes[l] {
			p.Programmes[l][rt].ProductiveFTE = 0
		}
	}
	probe := &scenarios.Scenario{Name: sc.Name, Description: sc.Description, File: sc.File}
	for _, lv := range sc.Levers {
		if lv.Kind != forecast.DemandReduction {
			probe.Levers = append(probe.Levers, lv)
		}
	}
	st, err := analysis.New(analysis.Data{Region: &p}, []*scenarios.Scenario{probe},
		analysis.Options{From: from, To: to, Draws: opt.Draws, Seed: opt.Seed, Detail: forecast.DetailBranches})
	if err != nil {
		return nil, err
	}
	return st.Outcome(ctx, sc.Name)
}

// probeBand returns the band of a probe's staff in year y for a scope
// (a branch, or every branch compared, in): its constant demand less the
// P90 and P10 of its shortfall. The region's band is the Monte Carlo's
// total, which holds every branch: only when every branch is compared.
func probeBand(p *analysis.Outcome, b forecast.Branch, in [forecast.NumBranches]bool, y int, keep func(*forecast.Row) bool) (low, high float64) {
	if b == forecast.AllBranches {
		for br := range forecast.Branch(forecast.NumBranches) {
			if !in[br] && p.Run.Sum(y, func(r *forecast.Row) bool { return r.Branch == br }).DemandFTE != 0 {
				return math.NaN(), math.NaN()
			}
		}
	}
	s := p.Dist.Find(p.Run.Region, b, forecast.AllLevels)
	if s == nil {
		return math.NaN(), math.NaN()
	}
	demand := p.Run.Sum(y, keep).DemandFTE
	q := s.Quantiles[y-p.Dist.From] // P10, P50, P90
	return demand - q[2], demand - q[0]
}

// errors sets the errors per quantity, scope and horizon.
func (bt *Backtest) errors() {
	bt.Errors = nil
	maxH := len(bt.Years) - 1
	for q := range Quantity(NumQuantities) {
		for s := range bt.Scopes {
			for hz := 1; hz <= maxH; hz++ {
				e := Error{Quantity: q, Scope: s, Horizon: hz}
				for _, o := range bt.Origins {
					if hz >= len(o.Central[q][s]) {
						continue
					}
					f, r := o.Central[q][s][hz], o.Realised[q][s][hz]
					if math.IsNaN(f) || math.IsNaN(r) || r == 0 {
						continue
					}
					e.N++
					e.MAPE += math.Abs(f-r) / r
					e.Bias += (f - r) / r
				}
				if e.N == 0 {
					continue
				}
				e.MAPE /= float64(e.N)
				e.Bias /= float64(e.N)
				bt.Errors = append(bt.Errors, e)
			}
		}
	}
}

// coverage counts the realised banded outcomes inside their band.
func (bt *Backtest) coverage() {
	bt.Covered, bt.Banded, bt.Coverage = 0, 0, 0
	for _, o := range bt.Origins {
		for q := range Quantity(NumQuantities) {
			for s := range bt.Scopes {
				for j := 1; j < len(o.Central[q][s]); j++ {
					lo, hi, r := o.Low[q][s][j], o.High[q][s][j], o.Realised[q][s][j]
					if math.IsNaN(lo) || math.IsNaN(r) {
						continue
					}
					bt.Banded++
					if r >= lo && r <= hi {
						bt.Covered++
					}
				}
			}
		}
	}
	if bt.Banded > 0 {
		bt.Coverage = float64(bt.Covered) / float64(bt.Banded)
	}
}

// Error returns the error of a quantity for a scope at a horizon; ok is
// false when no forecast reaches it.
func (bt *Backtest) Error(q Quantity, scope, horizon int) (Error, bool) {
	for _, e := range bt.Errors {
		if e.Quantity == q && e.Scope == scope && e.Horizon == horizon {
			return e, true
		}
	}
	return Error{}, false
}
