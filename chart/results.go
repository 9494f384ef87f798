package chart

import (
	"fmt"

	"raat/analysis"
	"raat/forecast"
	"raat/scenarios"
)

// ShortfallOf draws the outcomes' shortfall: each scenario's central
// estimate as its line and, when the study has draws, its P10-P90 band.
func ShortfallOf(title string, outs []*analysis.Outcome) (*Chart, error) {
	var ss []Series
	for _, o := range outs {
		s := Series{Name: o.Scenario.Name}
		for _, p := range o.Shortfall() {
			s.Years, s.Values = append(s.Years, p.Year), append(s.Values, p.Central)
			if p.HasBand {
				s.Low, s.High = append(s.Low, p.Low), append(s.High, p.High)
			}
		}
		ss = append(ss, s)
	}
	return Shortfall(title, ss)
}

// QuotesOf draws the employers' opleidingsquotes of a study.
func QuotesOf(title string, e *analysis.Employers) (*Chart, error) {
	return Quotes(title, e.Names, e.Quotes, e.Reference)
}

// OutflowOf draws the employers' leavers per branch by reason.
func OutflowOf(title string, e *analysis.Employers) (*Chart, error) {
	return Outflow(title, e.Branches, e.Reasons, e.Outflow)
}

// FlowsOf draws a run's inflow by origin against its outflow by reason.
func FlowsOf(title string, res *forecast.Result) (*Chart, error) {
	in := []Stack{{Label: "schoolverlaters"}, {Label: "zij-instromers"}, {Label: "herintreders"}}
	out := []Stack{{Label: "pensioen"}, {Label: "andere uitstroom"}}
	for _, y := range res.Years() {
		t := res.Total(y)
		in[0].Values = append(in[0].Values, t.InflowGraduates)
		in[1].Values = append(in[1].Values, t.InflowLateral)
		in[2].Values = append(in[2].Values, t.InflowReturners)
		out[0].Values = append(out[0].Values, t.OutflowRetirement)
		out[1].Values = append(out[1].Values, t.OutflowOther)
	}
	return Flows(title, res.Years(), in, out)
}

// WaterfallOf draws a decomposition in year y (0: its last year).
func WaterfallOf(title string, d *scenarios.Decomposition, y int) (*Chart, error) {
	k := len(d.Years) - 1
	if y != 0 {
		if k = y - d.Years[0]; k < 0 || k >= len(d.Years) {
			return nil, fmt.Errorf("waterfall: year %d outside %d-%d", y, d.Years[0], d.Years[len(d.Years)-1])
		}
	}
	y = d.Years[k]
	var steps []Step
	for _, c := range d.Levers {
		steps = append(steps, Step{Label: c.Lever.Kind.String(), Delta: c.Effect[k]})
	}
	return Waterfall(title, fmt.Sprintf("basis %d", y), d.Baseline[k], steps, fmt.Sprintf("%s %d", d.Scenario, y))
}
