package monitor

import (
	"context"
	"math"

	"raat/forecast"
	"raat/scenarios"
)

// Gap is the difference, per year, between the staff (FTE) the plan
// forecast and the staff the workbooks show, split over the plan's
// levers and the rest:
//
//	realised - forecast = sum over levers of effect + rest
//
// Each measured lever is run as realised: its planned size times the
// share of its planned change the workbooks show (Achieved). A lever's
// effect is its Shapley value among the measured levers, over the runs of
// the plan's region with every combination of them planned or as
// realised, as explain splits a scenario over its levers (so the effects
// do not depend on the order of the levers); they add up to the run with
// every lever as realised less the plan's forecast. The rest is what the
// levers do not explain: the realised staff less that run, the drift of
// the data outside the levers (outflow to other sectors the plan did not
// target, school-leavers, mobility, the ageing of the staff, the model's
// own error). A lever that delivered exactly as planned has Achieved 1
// and contributes exactly zero: its runs as realised and as planned are
// the same runs.
type Gap struct {
	Years              []int
	Forecast, Realised []float64
	Levers             []LeverGap
	Rest               []float64
}

// LeverGap is one lever's part of the gap.
type LeverGap struct {
	// Lever is as planned; Realised as the workbooks show it.
	Lever, Realised forecast.Lever
	// Achieved is the share of the lever's planned change the workbooks
	// show: the factor on the planned change of its indicators that fits
	// the realised change best (least squares over the plan's years, and
	// over the routes for the place levers), kept within the lever's sizes
	// (0 to its largest); 1 when the plan asked no change yet.
	Achieved float64
	// Measured is false for a lever the workbooks do not show (its
	// Achieved is taken as 1) or that asked no change in the plan's years.
	Measured bool
	// Effect per year, in FTE (positive: more staff than planned).
	Effect []float64
}

// Total is the gap per year: realised less forecast.
func (g *Gap) Total() []float64 {
	out := make([]float64, len(g.Years))
	for i := range out {
		out[i] = g.Realised[i] - g.Forecast[i]
	}
	return out
}

// achievements fits each measured lever kind's share of its planned
// change: per year after the target's From, the realised change since
// From against the planned change since From.
func (p *Plan) achievements(h *History, k int) map[forecast.LeverKind]float64 {
	alpha := map[forecast.LeverKind]float64{}
	for kind, ind := range map[forecast.LeverKind]Indicator{
		forecast.Retention: OutflowRate, forecast.LateralEntry: LateralHires, forecast.LargerContracts: ContractHours,
	} {
		t := p.Target(ind)
		if t == nil || len(onlyKinds(p.Levers, kind)) == 0 {
			continue
		}
		var num, den float64
		for j := t.ref + 1; j < len(t.planned); j++ {
			d := t.Target[j-1] - t.Base
			num += (t.Realised[j-1] - t.Base) * d
			den += d * d
		}
		if den > 0 {
			alpha[kind] = num / den
		}
	}
	// The place levers together: the realised change of the places per
	// route since From against what each lever alone plans, by least
	// squares over routes and years.
	t := p.Target(Places)
	quota, bbl := onlyKinds(p.Levers, forecast.TrainingQuota), onlyKinds(p.Levers, forecast.BOLToBBL)
	if t == nil {
		return alpha
	}
	years := append([]int{p.Year}, p.Years...)
	alone := func(levers []forecast.Lever) [][forecast.NumRoutes]float64 {
		if len(levers) == 0 {
			return nil
		}
		if len(levers) == len(onlyKinds(p.Levers, forecast.TrainingQuota, forecast.BOLToBBL)) {
			return p.planned
		}
		pl, _, err := placesPerRoute(p.Region, levers, years)
		if err != nil {
			return nil // the same region and levers ran for the targets
		}
		return pl
	}
	q, b := alone(quota), alone(bbl)
	var sqq, sbb, sqb, sqr, sbr float64
	for j := t.ref + 1; j < len(years); j++ {
		for rt := range forecast.Route(forecast.NumRoutes) {
			realised := h.Total.Figures[k+j].Offered[rt] - h.Total.Figures[k+t.ref].Offered[rt]
			var dq, db float64
			if q != nil {
				dq = q[j][rt] - q[t.ref][rt]
			}
			if b != nil {
				db = b[j][rt] - b[t.ref][rt]
			}
			sqq, sbb, sqb, sqr, sbr = sqq+dq*dq, sbb+db*db, sqb+dq*db, sqr+dq*realised, sbr+db*realised
		}
	}
	switch det := sqq*sbb - sqb*sqb; {
	case sqq > 0 && sbb > 0 && math.Abs(det) > 1e-9*sqq*sbb:
		alpha[forecast.TrainingQuota] = (sqr*sbb - sbr*sqb) / det
		alpha[forecast.BOLToBBL] = (sbr*sqq - sqr*sqb) / det
	default:
		if sqq > 0 {
			alpha[forecast.TrainingQuota] = sqr / sqq
		}
		if sbb > 0 {
			alpha[forecast.BOLToBBL] = sbr / sbb
		}
	}
	return alpha
}

// gap splits the difference between the plan's forecast and the realised
// staff.
func (p *Plan) gap(ctx context.Context, h *History, k int) error {
	alpha := p.achievements(h, k)
	g := &Gap{Years: p.Years}
	var players []int // indexes into p.Levers
	for i, lv := range p.Levers {
		a, measured := alpha[lv.Kind]
		lg := LeverGap{Lever: lv, Realised: lv, Achieved: 1, Measured: measured}
		if measured {
			limit := lv.Kind.MaxSize() / lv.Size
			if lv.Size == 0 {
				limit = 1
			}
			a = min(max(a, 0), limit)
			if math.Abs(a-1) < 1e-9 {
				a = 1 // as planned: the very same lever
			}
			lg.Achieved = a
			lg.Realised.Size = lv.Size * a
			players = append(players, i)
		}
		g.Levers = append(g.Levers, lg)
	}
	m, err := forecast.Compile(p.Region) // once for the 2^n lever combinations
	if err != nil {
		return err
	}
	fte := func(levers []forecast.Lever) ([]float64, error) {
		res, err := m.Run(levers, forecast.Options{From: p.Years[0], To: p.Years[len(p.Years)-1]})
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(p.Years))
		for j, y := range p.Years {
			out[j] = res.Total(y).WorkforceFTE
		}
		return out, nil
	}
	v := make([][]float64, 1<<len(players))
	for mask := range v {
		if err := ctx.Err(); err != nil {
			return err
		}
		levers := make([]forecast.Lever, len(p.Levers))
		copy(levers, p.Levers)
		for bit, i := range players {
			if mask&(1<<bit) != 0 {
				levers[i] = g.Levers[i].Realised
			}
		}
		if v[mask], err = fte(levers); err != nil {
			return err
		}
	}
	g.Forecast = v[0]
	phi := scenarios.ShapleyValues(v)
	for bit, i := range players {
		g.Levers[i].Effect = phi[bit]
	}
	for i := range g.Levers {
		if g.Levers[i].Effect == nil {
			g.Levers[i].Effect = make([]float64, len(p.Years))
		}
	}
	all := v[len(v)-1]
	for j := range p.Years {
		realised := h.Total.Figures[k+1+j].FTE
		g.Realised = append(g.Realised, realised)
		g.Rest = append(g.Rest, realised-all[j])
	}
	p.Gap = g
	return nil
}
