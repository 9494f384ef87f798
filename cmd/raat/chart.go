package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"

	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/scenarios"
)

const chartSynopsis = `chart [--region FILE] [--employers DIR] [--scenario A,B,...] [--draws N --seed S] [--year Y] [--out DIR] KIND

Writes one chart as KIND.png, KIND.svg and KIND.pdf in --out. Kinds:

	tekort     the shortfall per year per scenario (--scenario, default
	           basis,raat-plan), with the P10-P90 band when --draws is set
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
	fs := newFlags("chart", chartSynopsis, stderr)
	regionFile := fs.String("region", "", regionFlagHelp)
	employers := fs.String("employers", "", employersFlagHelp)
	list := fs.String("scenario", "", "comma-separated `scenarios` (default per kind)")
	draws := fs.Int("draws", 0, "Monte Carlo `draws` for the band (tekort)")
	seed := fs.Uint64("seed", 1, "random `seed`")
	year := fs.Int("year", 0, "the `year` of the waterfall (default the horizon)")
	out := fs.String("out", "out", "`directory` to write to")
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
	if (kind == "opleidingsquote" || kind == "uitstroom") && *employers == "" {
		*employers = "demo"
	}
	if *list == "" {
		*list = def
	}
	scs, err := lookupScenarios(*list)
	if err != nil {
		return err
	}
	r, _, err := loadRegion(*regionFile)
	if err != nil {
		return err
	}
	var sum *ingest.Summary
	if *employers != "" {
		if r, sum, _, err = withEmployers(r, *employers); err != nil {
			return err
		}
	}
	var p *plot.Plot
	switch kind {
	case "tekort":
		var runs []scenarioRun
		if runs, err = runScenarios(ctx, r, scs, forecast.MCOptions{Draws: *draws, Seed: *seed}); err != nil {
			return err
		}
		p, err = chart.Shortfall("Tekort aan personeel in zorg en welzijn, "+r.Name, shortfallSeries(runs, selection{anyBranch: true, anyLevel: true}))
	case "waterval":
		var d *scenarios.Decomposition
		if d, err = scenarios.Decompose(r, scs[0], forecast.Options{}); err == nil {
			p, err = chart.WaterfallOf(fmt.Sprintf("Van basis naar %s, %s", scs[0].Name, r.Name), d, *year)
		}
	case "opleidingsquote":
		e := reportEmployers(r, sum)
		p, err = chart.Quotes("Opleidingsquote per werkgever, "+r.Name, e.Names, e.Quotes, e.Reference)
	case "uitstroom":
		branches, reasons, values := outflowTable(sum.Used)
		p, err = chart.Outflow("Uitstroom per branche naar reden, "+r.Name, branches, reasons, values)
	case "stromen":
		var res *forecast.Result
		if res, err = forecast.Run(r, scs[0].ForecastLevers(r.BaseYear), forecast.Options{Scenario: scs[0].Name}); err == nil {
			p, err = chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s, scenario %s", r.Name, scs[0].Name), res)
		}
	}
	if err != nil {
		return err
	}
	paths, err := chart.Save(p, *out, kind)
	if err != nil {
		return err
	}
	if sum != nil {
		fmt.Fprintf(stdout, "Dekking: %s\n", sum.CoverageText())
	}
	fmt.Fprintf(stdout, "Grafiek: %s\n", strings.Join(paths, ", "))
	return ctx.Err()
}
