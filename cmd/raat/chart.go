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
	           basis,raat-plan): the central estimate as the line, with the
	           band in which 8 of 10 draws lie when --draws is set
	waterval   how the levers of a scenario (--scenario, default raat-plan)
	           take the baseline's gap in --year (default the horizon) to the
	           scenario's
	stromen    inflow by origin against outflow by reason per year, for the
	           first --scenario (default basis)
	opleidingsquote  each employer's training places (FTE) per 100 FTE of
	           staff against the reference of 15, from --employers
	           (default demo: the embedded sample workbooks)
	uitstroom  the employers' leavers per branch by reason, from --employers

With --employers the other charts too run on the region the workbooks make.`

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
		fmt.Fprintln(stderr, "chart takes one kind: tekort, waterval, stromen, opleidingsquote or uitstroom")
		fs.Usage()
		return errReported
	}
	kind := fs.Arg(0)
	defaults := map[string]string{"tekort": "basis,raat-plan", "waterval": "raat-plan", "stromen": "basis", "opleidingsquote": "basis", "uitstroom": "basis"}
	def, ok := defaults[kind]
	if !ok {
		return fmt.Errorf("unknown chart %q: want tekort, waterval, stromen, opleidingsquote or uitstroom", kind)
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
	if sum := st.Summary(); sum != nil {
		fmt.Fprintf(stdout, "Dekking: %s\n", sum.CoverageText())
	}
	fmt.Fprintf(stdout, "Grafiek: %s\n", strings.Join(paths, ", "))
	return ctx.Err()
}

// drawChart draws chart kind of the study's first scenario (tekort: of
// every scenario).
func drawChart(ctx context.Context, st *analysis.Study, kind string, year int) (*chart.Chart, error) {
	name, region := st.Scenarios()[0].Name, st.Region().Name
	switch kind {
	case "tekort":
		outs, err := st.Outcomes(ctx)
		if err != nil {
			return nil, err
		}
		return chart.ShortfallOf("Tekort aan personeel in zorg en welzijn, "+region, outs)
	case "waterval":
		d, err := st.Decomposition(ctx, name)
		if err != nil {
			return nil, err
		}
		return chart.WaterfallOf(fmt.Sprintf("Van basis naar %s, %s", name, region), d, year)
	case "stromen":
		o, err := st.Outcome(ctx, name)
		if err != nil {
			return nil, err
		}
		return chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s, scenario %s", region, name), o.Run)
	case "opleidingsquote":
		return chart.QuotesOf("Opleidingsquote per werkgever, "+region, st.Employers())
	default: // uitstroom
		return chart.OutflowOf("Uitstroom per branche naar reden, "+region, st.Employers())
	}
}
