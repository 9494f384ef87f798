package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"raat/forecast"
	"raat/nl"
)

// Parameter is one of the uncertain parameter groups the Monte Carlo draws
// (forecast.Uncertainty): each scales all of the region's parameters of
// its group by one factor, or for demand growth adds one number to every
// growth rate.
type Parameter uint8

const (
	Dropout Parameter = iota
	SectorYield
	OtherOutflow
	PartTimeFactor
	DemandGrowth
	NumParameters Parameter = iota
)

var parameterLabels = [...]string{
	"Uitval in opleidingen", "Sectorrendement van gediplomeerden", "Uitstroom (anders dan pensioen)",
	"Deeltijdfactor", "Vraaggroei",
}

// Label names the parameter for a board.
func (p Parameter) Label() string {
	if p < NumParameters {
		return parameterLabels[p]
	}
	return fmt.Sprintf("Parameter(%d)", p)
}

// rangeOf returns the parameter's range in the region's uncertainty.
func (p Parameter) rangeOf(u *forecast.Uncertainty) forecast.Range {
	switch p {
	case Dropout:
		return u.Dropout
	case SectorYield:
		return u.SectorYield
	case OtherOutflow:
		return u.OtherOutflow
	case PartTimeFactor:
		return u.PartTimeFactor
	}
	return u.DemandGrowth
}

// additive reports whether the parameter's range is an addition (demand
// growth) rather than a factor.
func (p Parameter) additive() bool { return p == DemandGrowth }

// Setting says for a board what a parameter is set to: "x 0,85" for a
// factor ("x 1" is the region's own figures), "-0,4%-punt" for an
// addition to every year's demand growth.
func (p Parameter) Setting(v float64) string {
	if p.additive() {
		s := nl.Dec(100*v, 2)
		for len(s) > 1 && (s[len(s)-1] == '0') {
			s = s[:len(s)-1]
		}
		if s[len(s)-1] == ',' {
			s = s[:len(s)-1]
		}
		if v > 0 {
			s = "+" + s
		}
		return s + "%-punt"
	}
	return "x " + nl.Dec(v, 2)
}

// Swing is what one uncertain parameter does to the shortfall at the
// horizon: the central estimate with the parameter at the low and at the
// high end of its range, every other parameter at its central value.
type Swing struct {
	Parameter Parameter
	// Low and High are the range's ends (a factor, or an addition to
	// demand growth); AtLow and AtHigh the horizon shortfall (FTE) with
	// the parameter there.
	Low, High     float64
	AtLow, AtHigh float64
}

// Width is how far apart the two ends take the shortfall.
func (w Swing) Width() float64 { return math.Abs(w.AtHigh - w.AtLow) }

// Sensitivity is a scenario's horizon shortfall under each uncertain
// parameter at the ends of its range: the bars of a tornado chart.
type Sensitivity struct {
	Scenario string
	Year     int
	// Central is the central estimate at the horizon.
	Central float64
	// Swings are the parameters with a range, the widest swing first.
	Swings []Swing
}

// Sensitivity returns the named scenario's sensitivity to each uncertain
// parameter: the model run with that parameter at the low end of its
// range, then at the high end, every other parameter at its central value
// (two runs per parameter with a range). It varies the same parameters the
// Monte Carlo draws, the same way, on copies of the region; the Monte
// Carlo's band mixes them all, this says which weighs most.
func (s *Study) Sensitivity(ctx context.Context, name string) (*Sensitivity, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	v, _, err := s.sensitivities.get(ctx, name, func(ctx context.Context) (*Sensitivity, error) {
		o, err := s.Outcome(ctx, name)
		if err != nil {
			return nil, err
		}
		r := s.data.Region
		var ps []Parameter
		for p := range NumParameters {
			if !p.rangeOf(&r.Uncertainty).Fixed() {
				ps = append(ps, p)
			}
		}
		levers := sc.ForecastLevers(r.BaseYear)
		fopt := s.forecastOptions(name)
		h := o.Horizon()
		out := &Sensitivity{Scenario: name, Year: h.Year, Central: h.Central}
		t := s.begin("gevoeligheid, "+name, 2*len(ps))
		for _, p := range ps {
			rg := p.rangeOf(&r.Uncertainty)
			w := Swing{Parameter: p, Low: rg.Low, High: rg.High}
			for k, v := range []float64{rg.Low, rg.High} {
				if err := ctx.Err(); err != nil {
					t.end(err)
					return nil, err
				}
				res, err := forecast.Run(Perturbed(r, p, v), levers, fopt)
				if err != nil {
					t.end(err)
					return nil, fmt.Errorf("sensitivity of %s to %s: %w", name, p.Label(), err)
				}
				at := res.Sum(res.To, func(row *forecast.Row) bool { return s.opt.Select.Has(row.Branch, row.Level) }).ShortfallFTE
				if k == 0 {
					w.AtLow = at
				} else {
					w.AtHigh = at
				}
				t.set(t.done + 1)
			}
			out.Swings = append(out.Swings, w)
		}
		t.end(nil)
		s.computed.Add(1)
		slices.SortStableFunc(out.Swings, func(a, b Swing) int { return cmp.Compare(b.Width(), a.Width()) })
		return out, nil
	})
	return v, err
}

// Perturbed returns a copy of r with parameter p at v: every parameter of
// its group multiplied by the factor v, or, for demand growth, v added to
// every growth rate. It changes what a Monte Carlo draw changes
// (forecast.Uncertainty) and caps what the model caps: dropout rates,
// sector yields and part-time factors at 1. r itself is not changed.
func Perturbed(r *forecast.Region, p Parameter, v float64) *forecast.Region {
	cp := *r // the cells and programmes are arrays: copied
	switch p {
	case Dropout:
		for l := range cp.Programmes {
			for rt := range cp.Programmes[l] {
				pr := &cp.Programmes[l][rt]
				d := slices.Clone(pr.Dropout)
				for k := range d {
					d[k] = min(1, d[k]*v)
				}
				pr.Dropout = d
			}
		}
	case SectorYield:
		for l := range cp.Programmes {
			for rt := range cp.Programmes[l] {
				pr := &cp.Programmes[l][rt]
				pr.SectorYield = min(1, pr.SectorYield*v)
			}
		}
	case OtherOutflow, PartTimeFactor, DemandGrowth:
		for b := range cp.Cells {
			for l := range cp.Cells[b] {
				c := &cp.Cells[b][l]
				switch p {
				case OtherOutflow:
					for a := range c.OtherOutflowRate {
						c.OtherOutflowRate[a] = min(1, c.OtherOutflowRate[a]*v)
					}
				case PartTimeFactor:
					c.PartTimeFactor = min(1, c.PartTimeFactor*v)
				default:
					c.DemandGrowth += v
				}
			}
		}
	}
	return &cp
}
