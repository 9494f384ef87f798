package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"raat/analysis"
	"raat/chart"
	"raat/forecast"
	"raat/nl"
)

const runSynopsis = `run [--region FILE] [--employers DIR] [--scenario A,B,...] [--draws N --seed S] [--from YEAR] [--to YEAR] [--branch B] [--level L] [--json] [--out DIR]

Forecasts a region (the embedded Twente demo unless --region is given) under
one or more scenarios (default basis; see "raat scenarios"; a scenario may
also be a YAML file). With one scenario it prints, per year, demand, supply
and shortfall in FTE, the shortfall in persons, the workforce and its flows,
and the shortfall per branch in the last year; with several it prints the
shortfall per scenario per year side by side, and with one scenario the
demand change per branch to the horizon split into what the population
alone gives (demografie) and the rest. With --employers the region
is built from employer workbooks (see "raat ingest"), and the output says
which inputs came from the region file's assumptions instead.

The shortfall it quotes is the central estimate (centrale raming): the
model run on the region's figures as they are. With --draws N it also runs
a Monte Carlo of N draws over the region's uncertainty ranges (dropout,
sector yield, outflow, part-time factor, demand growth, population), in parallel on all
cores, and prints per scenario the band around the central estimate: 8 of
10 draws lie between its P10 and P90. The same --seed gives the same band.
A progress bar shows on stderr when it is a terminal.

It writes the shortfall chart (the central estimate of each scenario as a
line, the band shaded when there are draws) as tekort.png, tekort.svg and
tekort.pdf in --out, and with one scenario the demand chart as vraag.png,
vraag.svg and vraag.pdf. With --json it prints the result table instead: one
row per scenario, year, branch and level (demand_fte, supply_fte,
shortfall_fte, headcount, students, graduates, inflow_*, outflow_*,
demographic_index, demography_demand_fte), and
with --draws the band per scenario and year (central_shortfall_fte,
p10_shortfall_fte, p90_shortfall_fte, and p50_shortfall_fte for analysts).`

type runOptions struct {
	studyFlags
	branch   string
	level    string
	json     bool
	noCharts bool
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlags("run", runSynopsis, stderr)
	o.addRegion(fs)
	o.addEmployers(fs)
	o.addScenario(fs, "basis", true)
	o.addDraws(fs, 0)
	o.addYears(fs)
	fs.StringVar(&o.branch, "branch", "", "report only this `branch` (e.g. vvt)")
	fs.StringVar(&o.level, "level", "", "report only this `level` (e.g. mbo3)")
	fs.BoolVar(&o.json, "json", false, "print the result table as JSON instead of tables")
	o.addOut(fs, "out", "`directory` for the charts")
	fs.BoolVar(&o.noCharts, "no-charts", false, "do not write the charts")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	sel, err := newSelection(o.branch, o.level)
	if err != nil {
		return err
	}
	scs, err := o.scenarios()
	if err != nil {
		return err
	}
	st, done, err := o.study(stderr, scs, analysis.Options{Select: sel.scope})
	if err != nil {
		return err
	}
	outs, err := st.Outcomes(ctx)
	done()
	if err != nil {
		return err
	}
	if o.json {
		return printRunJSON(stdout, st, outs, sel)
	}
	r := st.Region()
	fmt.Fprintf(stdout, "raat: %s, basisjaar %d%s\nbron: %s\n", r.Name, r.BaseYear, sel.desc, st.Source())
	if sum := st.summary(); sum != nil {
		printSummary(stdout, sum, st.baseSource)
	}
	if o.draws > 0 {
		fmt.Fprintf(stdout, "onzekerheid: %d trekkingen, seed %d\n", o.draws, o.seed)
	}
	fmt.Fprintln(stdout)
	if len(outs) == 1 && outs[0].Dist == nil {
		res := outs[0].Run
		fmt.Fprintf(stdout, "Scenario %s: %s\n\n", outs[0].Scenario.Name, outs[0].Scenario.Description)
		printYearTable(stdout, res, sel.row)
		if o.branch == "" {
			fmt.Fprintf(stdout, "\nPer branche in %d:\n\n", res.To)
			printBranchTable(stdout, res, res.To, sel.row)
			if len(res.GroupNames) > 0 {
				fmt.Fprintf(stdout, "\nPer groep (personeel aan het begin van het jaar):\n\n")
				printGroupTable(stdout, res, []int{res.From, res.To})
			}
		}
		fmt.Fprintf(stdout, "\nGroei van de vraag %d-%d: door de bevolking (demografie) en overig:\n\n", res.From, res.To)
		printDemandTable(stdout, analysis.DemandChanges(r, res, res.From, res.To, sel.row), o.branch != "")
	} else {
		printScenarioTables(stdout, outs)
	}
	if ws := st.Notices(outs...); len(ws) > 0 {
		fmt.Fprintln(stdout, "\nLet op:")
		for _, w := range ws {
			printWrapped(stdout, "  - ", w)
		}
	}
	if !o.noCharts {
		c, err := chart.ShortfallOf(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s%s", r.Name, sel.desc), st.BandSource(), outs)
		if err != nil {
			return err
		}
		paths, err := c.Save(o.out, "tekort")
		if err != nil {
			return err
		}
		if len(outs) == 1 {
			res := outs[0].Run
			dc, err := chart.DemandOf(fmt.Sprintf("Groei van de vraag %d-%d per branche, %s", res.From, res.To, r.Name), st.ChartSource(),
				analysis.DemandChanges(r, res, res.From, res.To, sel.row))
			if err != nil {
				return err
			}
			more, err := dc.Save(o.out, "vraag")
			if err != nil {
				return err
			}
			paths = append(paths, more...)
		}
		fmt.Fprintf(stdout, "\nGrafiek: %s\n", strings.Join(paths, ", "))
	}
	return ctx.Err()
}

// selection is what --branch and --level keep.
type selection struct {
	scope forecast.Scope
	desc  string
}

func newSelection(branch, level string) (selection, error) {
	var s selection
	var bs []forecast.Branch
	var ls []forecast.Level
	if branch != "" {
		b, err := forecast.ParseBranch(branch)
		if err != nil {
			return s, fmt.Errorf("--branch: %w", err)
		}
		bs = append(bs, b)
		s.desc += ", " + b.Label()
	}
	if level != "" {
		l, err := forecast.ParseLevel(level)
		if err != nil {
			return s, fmt.Errorf("--level: %w", err)
		}
		ls = append(ls, l)
		s.desc += ", " + l.String()
	}
	s.scope = forecast.ScopeOf(bs, ls, nil)
	return s, nil
}

func (s selection) row(r *forecast.Row) bool { return s.scope.Has(r.Branch, r.Level) }

func printYearTable(w io.Writer, res *forecast.Result, keep func(*forecast.Row) bool) {
	t := table{header: []string{"jaar", "vraag\nfte", "aanbod\nfte", "tekort\nfte", "tekort\n%", "tekort\npers.",
		"personeel", "instroom", "uitstroom", "w.v.\npensioen", "studenten"}}
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
		if s.DemandFTE == 0 && s.SupplyFTE == 0 && s.Headcount == 0 {
			continue // a branch the region does not have
		}
		t.add(b.Label(), nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE), nl.Int(s.Headcount))
	}
	s := res.Sum(year, keep)
	t.add("totaal", nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE), nl.Int(s.Headcount))
	t.print(w)
}

// printGroupTable prints the groups of the workforce (Cell.Groups) in
// the given years: headcount, FTE and FTE per head.
func printGroupTable(w io.Writer, res *forecast.Result, years []int) {
	t := table{header: []string{"groep"}}
	for _, y := range years {
		t.header = append(t.header, fmt.Sprintf("personeel\n%d", y), fmt.Sprintf("fte\n%d", y), fmt.Sprintf("fte per\npersoon %d", y))
	}
	for g, name := range res.GroupNames {
		row := []string{name}
		for _, y := range years {
			s := res.GroupTotal(y, g)
			per := "-"
			if s.Headcount > 0 {
				per = nl.Dec(s.WorkforceFTE/s.Headcount, 3)
			}
			row = append(row, nl.Int(s.Headcount), nl.Int(s.WorkforceFTE), per)
		}
		t.add(row...)
	}
	t.print(w)
}

// printDemandTable prints per branch the change of demand split into
// demography and the rest, and the total; one branch prints only its row.
func printDemandTable(w io.Writer, cs []analysis.DemandChange, one bool) {
	t := table{header: []string{"branche", "vraag\nbegin fte", "vraag\neind fte", "groei\nfte", "groei\n%", "w.v. door\nbevolking", "w.v.\noverig", "bevolking\n%", "overig\n%"}}
	for _, c := range cs {
		if c.FromFTE == 0 && c.ToFTE == 0 || one && c.Branch == forecast.AllBranches {
			continue
		}
		name := "totaal"
		if c.Branch != forecast.AllBranches {
			name = c.Branch.Label()
		}
		t.add(name, nl.Int(c.FromFTE), nl.Int(c.ToFTE), signedInt(c.ToFTE-c.FromFTE), signedPct(c.Share(c.ToFTE-c.FromFTE)),
			signedInt(c.DemographyFTE), signedInt(c.OtherFTE), signedPct(c.Share(c.DemographyFTE)), signedPct(c.Share(c.OtherFTE)))
	}
	t.print(w)
	for _, c := range cs {
		if len(c.Factors) == 0 {
			continue
		}
		parts := make([]string, len(c.Factors))
		for i, f := range c.Factors {
			parts[i] = fmt.Sprintf("%s %s fte", f.Name, signedInt(f.FTE))
		}
		fmt.Fprintf(w, "\nOverig in %s, naar factor: %s.\n", c.Branch.Label(), strings.Join(parts, ", "))
	}
}

func signedInt(v float64) string {
	if v >= 0.5 {
		return "+" + nl.Int(v)
	}
	return nl.Int(v)
}

func signedPct(v float64) string {
	s := nl.Dec(100*v, 1) + "%"
	if v >= 0.0005 {
		return "+" + s
	}
	return s
}

// printScenarioTables prints the shortfall per scenario per year; with
// draws, per scenario the central estimate and its band.
func printScenarioTables(w io.Writer, outs []*analysis.Outcome) {
	for _, o := range outs {
		fmt.Fprintf(w, "  %-20s %s\n", o.Scenario.Name, o.Scenario.Description)
	}
	fmt.Fprintln(w)
	if outs[0].Dist == nil {
		fmt.Fprintln(w, "Tekort (fte) per scenario, centrale raming:")
		fmt.Fprintln(w)
		t := table{header: []string{"jaar"}}
		for _, o := range outs {
			t.header = append(t.header, o.Scenario.Name)
		}
		cols := make([][]analysis.Point, len(outs))
		for i, o := range outs {
			cols[i] = o.Shortfall()
		}
		for k, p := range cols[0] {
			row := []string{fmt.Sprint(p.Year)}
			for _, col := range cols {
				row = append(row, nl.Int(col[k].Central))
			}
			t.add(row...)
		}
		t.print(w)
		return
	}
	for i, o := range outs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		printWrapped(w, "", fmt.Sprintf("Tekort (fte), scenario %s: centrale raming, en de band waarin 8 van de 10 uitkomsten liggen (%d trekkingen):",
			o.Scenario.Name, o.Dist.Draws))
		fmt.Fprintln(w)
		t := table{header: []string{"jaar", analysis.CentralLabel, "band P10", "band P90"}}
		for _, p := range o.Shortfall() {
			t.add(fmt.Sprint(p.Year), nl.Int(p.Central), nl.Int(p.Low), nl.Int(p.High))
		}
		t.print(w)
	}
}

// runJSON is what --json prints.
type runJSON struct {
	Rows      []forecast.Row `json:"rows"`
	Quantiles []bandJSON     `json:"quantiles,omitempty"`
}

// bandJSON is one scenario's selected shortfall in one year: the central
// estimate and the Monte Carlo's quantiles.
type bandJSON struct {
	Scenario string  `json:"scenario"`
	Year     int     `json:"year"`
	Draws    int     `json:"draws"`
	Seed     uint64  `json:"seed"`
	Central  float64 `json:"central_shortfall_fte"`
	P10      float64 `json:"p10_shortfall_fte"`
	P50      float64 `json:"p50_shortfall_fte"`
	P90      float64 `json:"p90_shortfall_fte"`
}

func printRunJSON(w io.Writer, st studyData, outs []*analysis.Outcome, sel selection) error {
	var out runJSON
	out.Rows = []forecast.Row{}
	opt := st.Options()
	for _, o := range outs {
		for i := range o.Run.Rows {
			if sel.row(&o.Run.Rows[i]) {
				out.Rows = append(out.Rows, o.Run.Rows[i])
			}
		}
		if o.Dist == nil {
			continue
		}
		for _, p := range o.Shortfall() {
			out.Quantiles = append(out.Quantiles, bandJSON{Scenario: o.Scenario.Name, Year: p.Year,
				Draws: opt.Draws, Seed: opt.Seed, Central: p.Central, P10: p.Low, P50: p.P50, P90: p.High})
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
