package chart

import (
	"fmt"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
)

// The functions here draw what an analysis.Study computed, the way every
// surface shows it: scenarios by their board names (Scenario.Label) in
// their fixed styles, and the numbers in the labels rounded as the text
// quotes them (analysis.Round).

// ShortfallOf draws the outcomes' shortfall: each scenario's central
// estimate as its line, labelled at its end with its name and rounded
// value, and, when the study has draws, the P10-P90 band of the first
// outcome (the baseline) and of the last (the plan); more bands overlap
// until none can be read.
func ShortfallOf(title, source string, outs []*analysis.Outcome) (*Chart, error) {
	var ss []Series
	for i, o := range outs {
		s := Series{Name: o.Scenario.Label(), Style: ScenarioStyle(o.Scenario.Name), End: analysis.RoundText(o.Horizon().Central)}
		band := i == 0 || i == len(outs)-1
		for _, p := range o.Shortfall() {
			s.Years, s.Values = append(s.Years, p.Year), append(s.Values, p.Central)
			if p.HasBand && band {
				s.Low, s.High = append(s.Low, p.Low), append(s.High, p.High)
			}
		}
		ss = append(ss, s)
	}
	return Shortfall(title, source, ss)
}

// BranchesOf draws each branch's shortfall at the year as a share of its
// demand, a dot per scenario, the rows sorted by the first (the
// baseline).
func BranchesOf(title, source string, outs []*analysis.Outcome, year int) (*Chart, error) {
	var rows []string
	for _, b := range forecast.Branches() {
		rows = append(rows, b.Label())
	}
	var ds []Dots
	for _, o := range outs {
		gs := o.Branches(year)
		d := Dots{Name: o.Scenario.Label(), Style: ScenarioStyle(o.Scenario.Name)}
		for _, g := range gs {
			d.Values = append(d.Values, g.Share())
		}
		ds = append(ds, d)
	}
	return BranchDots(title, source, rows, ds)
}

// LevelNames are the short column names of the qualification levels.
var LevelNames = [forecast.NumLevels]string{"mbo 2", "mbo 3", "mbo 4", "hbo", "wo/overig"}

// HeatmapOf draws an outcome's shortfall per branch and level at the year
// as a share of each cell's demand.
func HeatmapOf(title, source string, o *analysis.Outcome, year int) (*Chart, error) {
	cells := o.Cells(year)
	var rows []string
	var vals [][]float64
	for _, b := range forecast.Branches() {
		rows = append(rows, b.Label())
		row := make([]float64, forecast.NumLevels)
		for l := range row {
			row[l] = cells[b][l].Share()
		}
		vals = append(vals, row)
	}
	return Heatmap(title, source, rows, LevelNames[:], vals)
}

// ActionsOf draws a scenario's levers ranked by what each closes at the
// horizon on its own, each labelled with that and its cost per FTE-year;
// a lever the analysis found costly for a reason is marked.
func ActionsOf(title, source string, a *analysis.Actions) (*Chart, error) {
	var bars []Bar
	for _, it := range a.Items {
		text := analysis.RoundText(it.ClosedAtHorizon) + " fte"
		if it.EURPerFTEYear > 0 {
			text += fmt.Sprintf(" · € %s per fte-jaar", nl.Int(it.EURPerFTEYear))
		}
		bars = append(bars, Bar{Label: it.Label, Value: it.ClosedAtHorizon, Text: text, Marked: it.Why != ""})
	}
	return Ranked(title, source, fmt.Sprintf("tekort dat de actie op zichzelf dicht in %d (fte)", a.To), bars, "duur: zie de toelichting")
}

// TornadoOf draws a sensitivity: each uncertain parameter at the low and
// the high end of its range, the widest swing on top.
func TornadoOf(title, source string, s *analysis.Sensitivity) (*Chart, error) {
	var bars []TornadoBar
	for _, w := range s.Swings {
		bars = append(bars, TornadoBar{Label: w.Parameter.Label(), AtLow: w.AtLow, AtHigh: w.AtHigh,
			LowText: analysis.RoundText(w.AtLow), HighText: analysis.RoundText(w.AtHigh),
			LowSetting: w.Parameter.Setting(w.Low), HighSetting: w.Parameter.Setting(w.High)})
	}
	return Tornado(title, source, fmt.Sprintf("tekort in %d (fte)", s.Year), s.Central,
		"centrale raming "+analysis.RoundText(s.Central), bars)
}

// QuotesOf draws the employers' opleidingsquotes of a study.
func QuotesOf(title, source string, e *analysis.Employers) (*Chart, error) {
	return Quotes(title, source, e.Names, e.Quotes, e.Reference)
}

// OutflowOf draws the employers' leavers per branch by reason, as a share
// of each branch's staff.
func OutflowOf(title, source string, e *analysis.Employers) (*Chart, error) {
	return Outflow(title, source, e.Branches, e.Reasons, e.Rates())
}

// FlowsOf draws a run's inflow by origin against its outflow by reason.
func FlowsOf(title, source string, res *forecast.Result) (*Chart, error) {
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
	return Flows(title, source, res.Years(), in, out)
}

// WaterfallOf draws a decomposition in year y (0: its last year), from the
// baseline (named base) to the scenario (named plan), with the year in
// the title and the bars labelled as the text rounds them.
func WaterfallOf(title, source, base, plan string, d *scenarios.Decomposition, y int) (*Chart, error) {
	k := len(d.Years) - 1
	if y != 0 {
		if k = y - d.Years[0]; k < 0 || k >= len(d.Years) {
			return nil, fmt.Errorf("waterfall: year %d outside %d-%d", y, d.Years[0], d.Years[len(d.Years)-1])
		}
	}
	y = d.Years[k]
	var steps []Step
	for _, c := range d.Levers {
		text := analysis.RoundText(c.Effect[k])
		if analysis.Round(c.Effect[k]) > 0 {
			text = "+" + text
		}
		steps = append(steps, Step{Label: c.Lever.Kind.Label(), Delta: c.Effect[k], Text: text})
	}
	return Waterfall(fmt.Sprintf("%s, %d", title, y), source,
		Step{Label: fmt.Sprintf("%s %d", base, y), Delta: d.Baseline[k], Text: analysis.RoundText(d.Baseline[k])},
		steps, Step{Label: fmt.Sprintf("%s %d", plan, y), Text: analysis.RoundText(d.WithLevers[k])})
}
