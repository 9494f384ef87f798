package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"raat/chart"
	"raat/forecast"
	"raat/nl"
)

const runSynopsis = `run [--region FILE] [--from YEAR] [--to YEAR] [--branch B] [--level L] [--json] [--out DIR]

Runs the baseline forecast of a region (the embedded Twente demo unless
--region is given) and prints, per year, demand, supply and shortfall in FTE,
the shortfall in persons, the workforce and its flows. It writes the
shortfall chart as tekort.png, tekort.svg and tekort.pdf in --out.
With --json it prints the result table instead: one row per year, branch and
level with demand_fte, supply_fte, shortfall_fte, headcount, students,
graduates, inflow_* and outflow_* (see the forecast package).`

type runOptions struct {
	region     string
	from, to   int
	branch     string
	level      string
	json       bool
	out        string
	noCharts   bool
	branchSel  forecast.Branch
	levelSel   forecast.Level
	filterDesc string
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", runSynopsis, stderr)
	fs.StringVar(&o.region, "region", "", "region `file` (YAML, see data/twente.yaml); default the embedded Twente demo")
	fs.IntVar(&o.from, "from", 0, "first `year` to report (default the base year)")
	fs.IntVar(&o.to, "to", 0, "last `year` to report (default the base year + 15)")
	fs.StringVar(&o.branch, "branch", "", "report only this `branch` (e.g. vvt)")
	fs.StringVar(&o.level, "level", "", "report only this `level` (e.g. mbo3)")
	fs.BoolVar(&o.json, "json", false, "print the result table as JSON instead of the year table")
	fs.StringVar(&o.out, "out", "out", "`directory` for the charts")
	fs.BoolVar(&o.noCharts, "no-charts", false, "do not write the charts")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	keep, err := o.filter()
	if err != nil {
		return err
	}
	r, source, err := loadRegion(o.region)
	if err != nil {
		return err
	}
	res, err := forecast.Run(r, nil, forecast.Options{Scenario: "basis", From: o.from, To: o.to})
	if err != nil {
		return err
	}
	if o.json {
		var rows []forecast.Row
		for i := range res.Rows {
			if keep(&res.Rows[i]) {
				rows = append(rows, res.Rows[i])
			}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	fmt.Fprintf(stdout, "raat: %s, scenario basis, basisjaar %d%s\nbron: %s\n\n", r.Name, r.BaseYear, o.filterDesc, source)
	printYearTable(stdout, res, keep)
	if o.branch == "" {
		fmt.Fprintf(stdout, "\nPer branche in %d:\n\n", res.To)
		printBranchTable(stdout, res, res.To, keep)
	}
	if len(res.Warnings) > 0 {
		fmt.Fprintln(stdout, "\nLet op:")
		for _, w := range res.Warnings {
			fmt.Fprintf(stdout, "  - %v\n", w)
		}
	}
	if !o.noCharts {
		s := chart.Series{Name: "basis"}
		for _, y := range res.Years() {
			s.Years = append(s.Years, y)
			s.Values = append(s.Values, res.Sum(y, keep).ShortfallFTE)
		}
		p, err := chart.Shortfall(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s%s", r.Name, o.filterDesc), []chart.Series{s})
		if err != nil {
			return err
		}
		paths, err := chart.Save(p, o.out, "tekort")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nGrafiek: %v\n", paths)
	}
	return ctx.Err()
}

// filter turns --branch and --level into a row filter.
func (o *runOptions) filter() (func(*forecast.Row) bool, error) {
	anyBranch, anyLevel := o.branch == "", o.level == ""
	if !anyBranch {
		b, err := forecast.ParseBranch(o.branch)
		if err != nil {
			return nil, fmt.Errorf("--branch: %w", err)
		}
		o.branchSel = b
		o.filterDesc += ", " + b.Label()
	}
	if !anyLevel {
		l, err := forecast.ParseLevel(o.level)
		if err != nil {
			return nil, fmt.Errorf("--level: %w", err)
		}
		o.levelSel = l
		o.filterDesc += ", " + l.String()
	}
	return func(r *forecast.Row) bool {
		return (anyBranch || r.Branch == o.branchSel) && (anyLevel || r.Level == o.levelSel)
	}, nil
}

func printYearTable(w io.Writer, res *forecast.Result, keep func(*forecast.Row) bool) {
	t := table{header: []string{"jaar", "vraag fte", "aanbod fte", "tekort fte", "tekort %", "tekort pers.",
		"personeel", "instroom", "uitstroom", "w.v. pensioen", "studenten"}}
	for _, y := range res.Years() {
		s := res.Sum(y, keep)
		t.add(fmt.Sprint(y), nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE),
			nl.Int(s.ShortfallHeadcount), nl.Int(s.Headcount), nl.Int(s.InflowGraduates+s.InflowLateral+s.InflowReturners),
			nl.Int(s.OutflowRetirement+s.OutflowOther), nl.Int(s.OutflowRetirement), nl.Int(s.Students))
	}
	t.print(w)
}

func printBranchTable(w io.Writer, res *forecast.Result, year int, keep func(*forecast.Row) bool) {
	t := table{header: []string{"branche", "vraag fte", "aanbod fte", "tekort fte", "tekort %", "personeel"}}
	for _, b := range forecast.Branches() {
		s := res.Sum(year, func(r *forecast.Row) bool { return r.Branch == b && keep(r) })
		t.add(b.Label(), nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE), nl.Int(s.Headcount))
	}
	s := res.Sum(year, keep)
	t.add("totaal", nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE), nl.Int(s.Headcount))
	t.print(w)
}

func pct(part, whole float64) string {
	if whole == 0 {
		return "-"
	}
	return nl.Percent(part / whole)
}
