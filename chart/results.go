package chart

import (
	"fmt"

	"gonum.org/v1/plot"

	"raat/forecast"
	"raat/scenarios"
)

// ScenarioRun is a scenario's result with its Monte Carlo distribution
// (nil without draws), for ShortfallOf.
type ScenarioRun struct {
	Name   string
	Result *forecast.Result
	Dist   *forecast.Distribution
	// Keep selects the rows summed; nil keeps all. With a distribution the
	// Monte Carlo must have been run with the same selection.
	Keep func(*forecast.Row) bool
}

// SeriesOf turns runs into shortfall series: the P50 with the P10-P90 band
// when there is a distribution, the deterministic run otherwise.
func SeriesOf(runs []ScenarioRun) []Series {
	var ss []Series
	for _, run := range runs {
		keep := run.Keep
		if keep == nil {
			keep = func(*forecast.Row) bool { return true }
		}
		s := Series{Name: run.Name}
		for k, y := range run.Result.Years() {
			s.Years = append(s.Years, y)
			if run.Dist == nil {
				s.Values = append(s.Values, run.Result.Sum(y, keep).ShortfallFTE)
				continue
			}
			q := run.Dist.Find(run.Result.Region, forecast.AllBranches, forecast.AllLevels).Quantiles[k]
			s.Low, s.Values, s.High = append(s.Low, q[0]), append(s.Values, q[1]), append(s.High, q[2])
		}
		ss = append(ss, s)
	}
	return ss
}

// FlowsOf draws a run's inflow by origin against its outflow by reason.
func FlowsOf(title string, res *forecast.Result) (*plot.Plot, error) {
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
func WaterfallOf(title string, d *scenarios.Decomposition, y int) (*plot.Plot, error) {
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
