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

func chartKindList() string {
	var ks []string
	for _, k := range chart.Kinds {
		ks = append(ks, k.Name)
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
	k, ok := chart.KindOf(kind)
	if !ok {
		return fmt.Errorf("unknown chart %q: want %s", kind, chartKindList())
	}
	def := k.Scenarios
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
	c, err := chart.OfStudy(ctx, st.Study, kind, names(scs), *year)
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
