package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"raat/analysis"
	"raat/chart"
)

const chartSynopsis = `chart [--region FILE] [--employers DIR] [--scenario A,B,...] [--draws N --seed S] [--from YEAR] [--to YEAR] [--year Y] [--out DIR] KIND

Writes one chart as KIND.png, KIND.svg and KIND.pdf in --out. Kinds:

	tekort     the shortfall per year per scenario (--scenario, default
	           basis,raat-plan): the central estimate as the line, labelled
	           at its end, with the band in which 8 of 10 draws lie (of the
	           first and the last scenario) when --draws is set
	branches   each branch's shortfall in --year (default the horizon) as a
	           share of its demand, a dot per scenario (default
	           basis,raat-plan), sorted by the first
	niveaus    the shortfall per branch and level in --year as a share of
	           demand, for the first --scenario (default basis)
	waterval   how the levers of a scenario (--scenario, default raat-plan)
	           take the baseline's gap in --year (default the horizon) to the
	           scenario's
	acties     the levers of a scenario (default raat-plan) ranked by the
	           shortfall each closes on its own at the horizon, with its
	           cost per FTE-year
	gevoeligheid  the shortfall at the horizon of the first --scenario
	           (default basis) with each uncertain assumption at the low and
	           the high end of its range, the others central (a tornado)
	stromen    inflow by origin against outflow by reason per year, for the
	           first --scenario (default basis)
	opleidingsquote  each employer's training places (FTE) per 100 FTE of
	           staff against the reference of 15, from --employers
	           (default demo: the embedded sample workbooks)
	uitstroom  the employers' leavers per branch by reason, as a share of
	           the branch's staff, from --employers

With --employers the other charts too run on the region the workbooks make.`

// chartKinds are the kinds of chart with their default scenarios.
var chartKinds = []struct{ kind, scenarios string }{
	{"tekort", "basis,raat-plan"}, {"branches", "basis,raat-plan"}, {"niveaus", "basis"}, {"waterval", "raat-plan"},
	{"acties", "raat-plan"}, {"gevoeligheid", "basis"}, {"stromen", "basis"}, {"opleidingsquote", "basis"}, {"uitstroom", "basis"},
}

func chartKindList() string {
	var ks []string
	for _, k := range chartKinds {
		ks = append(ks, k.kind)
	}
	return strings.Join(ks[:len(ks)-1], ", ") + " or " + ks[len(ks)-1]
}

func chartCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("chart", chartSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "", true)
	f.addDraws(fs, 0)
	f.addYears(fs)
	year := fs.Int("year", 0, "the `year` of the waterfall (default the horizon)")
	f.addOut(fs, "out", "`directory` to write to")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "chart takes one kind: "+chartKindList())
		fs.Usage()
		return errReported
	}
	kind := fs.Arg(0)
	def, ok := "", false
	for _, k := range chartKinds {
		if k.kind == kind {
			def, ok = k.scenarios, true
		}
	}
	if !ok {
		return fmt.Errorf("unknown chart %q: want %s", kind, chartKindList())
	}
	if (kind == "opleidingsquote" || kind == "uitstroom") && f.employers == "" {
		f.employers = "demo"
	}
	if f.scenario == "" {
		f.scenario = def
	}
	scs, err := f.scenarios()
	if err != nil {
		return err
	}
	st, done, err := f.study(stderr, scs, analysis.Options{})
	if err != nil {
		return err
	}
	c, err := drawChart(ctx, st.Study, kind, *year)
	done()
	if err != nil {
		return err
	}
	paths, err := c.Save(f.out, kind)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Grafiek: %s\n", strings.Join(paths, ", "))
	return ctx.Err()
}

// drawChart draws chart kind of the study's first scenario (tekort and
// branches: of every scenario).
func drawChart(ctx context.Context, st *analysis.Study, kind string, year int) (*chart.Chart, error) {
	first := st.Scenarios()[0]
	name, label, region, src := first.Name, first.Label(), st.Region().Name, st.ChartSource()
	at := func(o *analysis.Outcome) int {
		if year != 0 {
			return year
		}
		return o.Run.To
	}
	switch kind {
	case "tekort":
		outs, err := st.Outcomes(ctx)
		if err != nil {
			return nil, err
		}
		return chart.ShortfallOf("Tekort aan personeel in zorg en welzijn, "+region, st.BandSource(), outs)
	case "branches":
		outs, err := st.Outcomes(ctx)
		if err != nil {
			return nil, err
		}
		y := at(outs[0])
		if y < outs[0].Run.From || y > outs[0].Run.To {
			return nil, fmt.Errorf("--year %d: outside %d-%d", y, outs[0].Run.From, outs[0].Run.To)
		}
		return chart.BranchesOf(fmt.Sprintf("Tekort per branche in %d, in %% van de vraag, %s", y, region), src, outs, y)
	case "niveaus":
		o, err := st.Outcome(ctx, name)
		if err != nil {
			return nil, err
		}
		y := at(o)
		if y < o.Run.From || y > o.Run.To {
			return nil, fmt.Errorf("--year %d: outside %d-%d", y, o.Run.From, o.Run.To)
		}
		return chart.HeatmapOf(fmt.Sprintf("%s: tekort per branche en niveau in %d, %s", label, y, region), src, o, y)
	case "waterval":
		d, err := st.Decomposition(ctx, name)
		if err != nil {
			return nil, err
		}
		return chart.WaterfallOf(fmt.Sprintf("Van basis naar %s, %s", label, region), src, "Basis", label, d, year)
	case "acties":
		a, err := st.Actions(ctx, name)
		if err != nil {
			return nil, err
		}
		if len(a.Items) == 0 {
			return nil, fmt.Errorf("--scenario %s has no levers to rank", name)
		}
		return chart.ActionsOf(fmt.Sprintf("%s: wat elke actie op zichzelf dicht in %d, %s", label, a.To, region), src, a)
	case "gevoeligheid":
		s, err := st.Sensitivity(ctx, name)
		if err != nil {
			return nil, err
		}
		if len(s.Swings) == 0 {
			return nil, fmt.Errorf("the region file gives no uncertainty ranges")
		}
		return chart.TornadoOf(fmt.Sprintf("Welke aanname weegt het zwaarst? Tekort in %d, %s, %s", s.Year, label, region), src, s)
	case "stromen":
		o, err := st.Outcome(ctx, name)
		if err != nil {
			return nil, err
		}
		return chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s, %s", region, label), src, o.Run)
	case "opleidingsquote":
		return chart.QuotesOf("Opleidingsquote per werkgever, "+region, src, st.Employers())
	default: // uitstroom
		return chart.OutflowOf("Uitstroom per branche naar reden, in % van het personeel, "+region, src, st.Employers())
	}
}
