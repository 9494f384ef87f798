package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/nl"
	"raat/scenarios"
)

const runSynopsis = `run [--region FILE] [--employers DIR] [--scenario A,B,...] [--draws N --seed S] [--from YEAR] [--to YEAR] [--branch B] [--level L] [--json] [--out DIR]

Forecasts a region (the embedded Twente demo unless --region is given) under
one or more scenarios (default basis; see "raat scenarios"; a scenario may
also be a YAML file). With one scenario it prints, per year, demand, supply
and shortfall in FTE, the shortfall in persons, the workforce and its flows,
and the shortfall per branch in the last year; with several it prints the
shortfall per scenario per year side by side. With --employers the region
is built from employer workbooks (see "raat ingest"), and the output says
which inputs came from the region file's assumptions instead.

With --draws N it also runs a Monte Carlo of N draws over the region's
uncertainty ranges (dropout, sector yield, outflow, part-time factor, demand
growth), in parallel on all cores, and prints P10, P50 and P90 of the
shortfall per year; the same --seed gives the same output.

It writes the shortfall chart (one line per scenario, the P10-P90 band
shaded when there are draws) as tekort.png, tekort.svg and tekort.pdf in
--out. With --json it prints the result table instead: one row per scenario,
year, branch and level (demand_fte, supply_fte, shortfall_fte, headcount,
students, graduates, inflow_*, outflow_*), and with --draws the quantiles.`

type runOptions struct {
	region    string
	employers string
	scenarios string
	draws     int
	seed      uint64
	from, to  int
	branch    string
	level     string
	json      bool
	out       string
	noCharts  bool
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", runSynopsis, stderr)
	fs.StringVar(&o.region, "region", "", regionFlagHelp)
	fs.StringVar(&o.employers, "employers", "", employersFlagHelp)
	fs.StringVar(&o.scenarios, "scenario", "basis", "comma-separated `scenarios`: built-in names or YAML files")
	fs.IntVar(&o.draws, "draws", 0, "Monte Carlo `draws` (0: none)")
	fs.Uint64Var(&o.seed, "seed", 1, "random `seed` of the Monte Carlo")
	fs.IntVar(&o.from, "from", 0, "first `year` to report (default the base year)")
	fs.IntVar(&o.to, "to", 0, "last `year` to report (default the base year + 15)")
	fs.StringVar(&o.branch, "branch", "", "report only this `branch` (e.g. vvt)")
	fs.StringVar(&o.level, "level", "", "report only this `level` (e.g. mbo3)")
	fs.BoolVar(&o.json, "json", false, "print the result table as JSON instead of tables")
	fs.StringVar(&o.out, "out", "out", "`directory` for the charts")
	fs.BoolVar(&o.noCharts, "no-charts", false, "do not write the charts")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	sel, err := newSelection(o.branch, o.level)
	if err != nil {
		return err
	}
	if o.draws < 0 || o.draws > 1_000_000 {
		return fmt.Errorf("--draws %d: want 0 to 1,000,000", o.draws)
	}
	scs, err := lookupScenarios(o.scenarios)
	if err != nil {
		return err
	}
	r, source, err := loadRegion(o.region)
	if err != nil {
		return err
	}
	var sum *ingest.Summary
	baseSource := source
	if o.employers != "" {
		if r, sum, source, err = withEmployers(r, o.employers); err != nil {
			return err
		}
	}
	runs, err := runScenarios(ctx, r, scs, forecast.MCOptions{Options: forecast.Options{From: o.from, To: o.to},
		Draws: o.draws, Seed: o.seed, Select: sel.cell})
	if err != nil {
		return err
	}
	if o.json {
		return printRunJSON(stdout, runs, sel)
	}
	fmt.Fprintf(stdout, "raat: %s, basisjaar %d%s\nbron: %s\n", r.Name, r.BaseYear, sel.desc, source)
	if sum != nil {
		printSummary(stdout, sum, baseSource)
	}
	if o.draws > 0 {
		fmt.Fprintf(stdout, "onzekerheid: %d trekkingen, seed %d\n", o.draws, o.seed)
	}
	fmt.Fprintln(stdout)
	if len(runs) == 1 && runs[0].dist == nil {
		res := runs[0].res
		fmt.Fprintf(stdout, "Scenario %s: %s\n\n", runs[0].scenario.Name, runs[0].scenario.Description)
		printYearTable(stdout, res, sel.row)
		if o.branch == "" {
			fmt.Fprintf(stdout, "\nPer branche in %d:\n\n", res.To)
			printBranchTable(stdout, res, res.To, sel.row)
		}
	} else {
		printScenarioTables(stdout, runs, sel)
	}
	if ws := dutchWarnings(runs); len(ws) > 0 {
		fmt.Fprintln(stdout, "\nLet op:")
		for _, w := range ws {
			fmt.Fprintf(stdout, "  - %s\n", w)
		}
	}
	if !o.noCharts {
		p, err := chart.Shortfall(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s%s", r.Name, sel.desc), shortfallSeries(runs, sel))
		if err != nil {
			return err
		}
		paths, err := chart.Save(p, o.out, "tekort")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nGrafiek: %s\n", strings.Join(paths, ", "))
	}
	return ctx.Err()
}

func lookupScenarios(list string) ([]*scenarios.Scenario, error) {
	var scs []*scenarios.Scenario
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		sc, err := scenarios.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("--scenario: %w", err)
		}
		scs = append(scs, sc)
	}
	if len(scs) == 0 {
		return nil, fmt.Errorf("--scenario: no scenario named")
	}
	return scs, nil
}

// selection is what --branch and --level keep.
type selection struct {
	anyBranch, anyLevel bool
	branch              forecast.Branch
	level               forecast.Level
	desc                string
}

func newSelection(branch, level string) (selection, error) {
	s := selection{anyBranch: branch == "", anyLevel: level == ""}
	if !s.anyBranch {
		b, err := forecast.ParseBranch(branch)
		if err != nil {
			return s, fmt.Errorf("--branch: %w", err)
		}
		s.branch = b
		s.desc += ", " + b.Label()
	}
	if !s.anyLevel {
		l, err := forecast.ParseLevel(level)
		if err != nil {
			return s, fmt.Errorf("--level: %w", err)
		}
		s.level = l
		s.desc += ", " + l.String()
	}
	return s, nil
}

func (s selection) cell(b forecast.Branch, l forecast.Level) bool {
	return (s.anyBranch || b == s.branch) && (s.anyLevel || l == s.level)
}

func (s selection) row(r *forecast.Row) bool { return s.cell(r.Branch, r.Level) }

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

// printScenarioTables prints the shortfall per scenario per year; with
// draws, P10, P50 and P90 per scenario.
func printScenarioTables(w io.Writer, runs []scenarioRun, sel selection) {
	for _, run := range runs {
		fmt.Fprintf(w, "  %-20s %s\n", run.scenario.Name, run.scenario.Description)
	}
	fmt.Fprintln(w)
	if runs[0].dist == nil {
		fmt.Fprintln(w, "Tekort (fte) per scenario:")
		fmt.Fprintln(w)
		t := table{header: []string{"jaar"}}
		for _, run := range runs {
			t.header = append(t.header, run.scenario.Name)
		}
		for _, y := range runs[0].res.Years() {
			row := []string{fmt.Sprint(y)}
			for _, run := range runs {
				row = append(row, nl.Int(run.res.Sum(y, sel.row).ShortfallFTE))
			}
			t.add(row...)
		}
		t.print(w)
		return
	}
	for i, run := range runs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Tekort (fte), scenario %s: zonder onzekerheid en P10, P50, P90 van %d trekkingen:\n\n", run.scenario.Name, run.dist.Draws)
		t := table{header: []string{"jaar", "tekort", "P10", "P50", "P90"}}
		s := run.dist.Find(run.res.Region, forecast.AllBranches, forecast.AllLevels)
		for k, y := range run.res.Years() {
			q := s.Quantiles[k]
			t.add(fmt.Sprint(y), nl.Int(run.res.Sum(y, sel.row).ShortfallFTE), nl.Int(q[0]), nl.Int(q[1]), nl.Int(q[2]))
		}
		t.print(w)
	}
}

// shortfallSeries turns the runs into chart series.
func shortfallSeries(runs []scenarioRun, sel selection) []chart.Series {
	var rs []chart.ScenarioRun
	for _, run := range runs {
		rs = append(rs, chart.ScenarioRun{Name: run.scenario.Name, Result: run.res, Dist: run.dist, Keep: sel.row})
	}
	return chart.SeriesOf(rs)
}

// runJSON is what --json prints.
type runJSON struct {
	Rows      []forecast.Row `json:"rows"`
	Quantiles []quantileJSON `json:"quantiles,omitempty"`
}

type quantileJSON struct {
	Scenario string  `json:"scenario"`
	Year     int     `json:"year"`
	Draws    int     `json:"draws"`
	Seed     uint64  `json:"seed"`
	P10      float64 `json:"p10_shortfall_fte"`
	P50      float64 `json:"p50_shortfall_fte"`
	P90      float64 `json:"p90_shortfall_fte"`
}

func printRunJSON(w io.Writer, runs []scenarioRun, sel selection) error {
	var out runJSON
	out.Rows = []forecast.Row{}
	for _, run := range runs {
		for i := range run.res.Rows {
			if sel.row(&run.res.Rows[i]) {
				out.Rows = append(out.Rows, run.res.Rows[i])
			}
		}
		if run.dist != nil {
			s := run.dist.Find(run.res.Region, forecast.AllBranches, forecast.AllLevels)
			for k, y := range run.res.Years() {
				q := s.Quantiles[k]
				out.Quantiles = append(out.Quantiles, quantileJSON{Scenario: run.scenario.Name, Year: y,
					Draws: run.dist.Draws, Seed: run.dist.Seed, P10: q[0], P50: q[1], P90: q[2]})
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func pct(part, whole float64) string {
	if whole == 0 {
		return "-"
	}
	return nl.Percent(part / whole)
}
