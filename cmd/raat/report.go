package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/region"
	"raat/report"
	"raat/scenarios"
	"raat/yamldoc"
)

const reportSynopsis = `report [--region FILE] [--employers DIR] [--scenario A,B,...] [--explain S] [--draws N --seed S] [--date YYYY-MM-DD] [--out FILE]

Writes the board report, a PDF in Dutch (A4): the headline (the gap at the
horizon per scenario, with its P10-P90 band), the shortfall chart, what each
action of --explain (default: the last scenario with more than one lever)
contributes and costs, inflow against outflow, the branches, with
--employers the employers' opleidingsquote and outflow by reason, the key
assumptions with their sources from the region file, and when and from what
data it was made.`

func reportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", reportSynopsis, stderr)
	regionFile := fs.String("region", "", regionFlagHelp)
	employers := fs.String("employers", "", employersFlagHelp)
	list := fs.String("scenario", "basis,bol-naar-bbl,behoud,raat-plan", "comma-separated `scenarios`, the baseline first")
	explain := fs.String("explain", "", "the `scenario` whose actions the report decomposes")
	draws := fs.Int("draws", 500, "Monte Carlo `draws` for the P10-P90 bands (0: none)")
	seed := fs.Uint64("seed", 1, "random `seed`")
	date := fs.String("date", "", "the `date` the report carries (default today)")
	out := fs.String("out", "out/rapport.pdf", "the PDF `file` to write")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	made := time.Now()
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("--date %q: want a date like 2026-11-23", *date)
		}
		made = t
	}
	scs, err := lookupScenarios(*list)
	if err != nil {
		return err
	}
	r, source, err := loadRegion(*regionFile)
	if err != nil {
		return err
	}
	var sum *ingest.Summary
	if *employers != "" {
		if r, sum, source, err = withEmployers(r, *employers); err != nil {
			return err
		}
	}
	in := &report.Input{Region: r, Source: source, Made: made, Version: raatVersion(), Draws: *draws, Seed: *seed}
	if sum != nil {
		in.Source += "; dekking: " + sum.CoverageText()
		in.Employers = reportEmployers(r, sum)
		in.Warnings = append(in.Warnings, sum.Warnings...)
	}
	if in.Notes, err = regionNotes(*regionFile); err != nil {
		return err
	}
	runs, err := runScenarios(ctx, r, scs, forecast.MCOptions{Draws: *draws, Seed: *seed})
	if err != nil {
		return err
	}
	for _, run := range runs {
		in.Runs = append(in.Runs, report.Run{Name: run.scenario.Name, Description: run.scenario.Description, Result: run.res, Dist: run.dist})
	}
	in.Warnings = append(in.Warnings, dutchWarnings(runs)...)
	if ex := explained(scs, *explain); ex != nil {
		if in.Decomposition, err = scenarios.Decompose(r, ex, forecast.Options{}); err != nil {
			return err
		}
		if in.Costs, err = scenarios.Costs(r, ex, forecast.Options{}); err != nil {
			return err
		}
	} else if *explain != "" {
		return fmt.Errorf("--explain %q: not one of the scenarios", *explain)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := report.Write(f, in); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "Rapport: %s (%d kB), scenario's %s\n", *out, (st.Size()+512)/1024, strings.Join(names(scs), ", "))
	return nil
}

// reportEmployers gives the report the employers' quotes and their
// outflow per branch by reason.
func reportEmployers(r *forecast.Region, sum *ingest.Summary) *report.Employers {
	e := &report.Employers{Reference: ingest.ReferenceQuote, Coverage: sum.CoverageText()}
	for _, q := range sum.EmployerQuotes(r) {
		e.Names, e.Quotes = append(e.Names, q.Trainer), append(e.Quotes, q.Quote)
	}
	e.Branches, e.Reasons, e.Outflow = outflowTable(sum.Used)
	return e
}

// outflowTable is the leavers per reason (rows) and branch (columns) of
// the submissions, for the branches that have employers.
func outflowTable(subs []*ingest.Submission) (branches, reasons []string, values [][]float64) {
	rows, _ := ingest.OutflowByBranch(subs)
	var keep []ingest.BranchOutflow
	for _, row := range rows {
		if row.Employers > 0 {
			keep = append(keep, row)
			branches = append(branches, row.Branch.Label())
		}
	}
	for rs := range ingest.NumReasons {
		reason := ingest.Reason(rs)
		if !reason.Outflow() {
			continue
		}
		reasons = append(reasons, reason.String())
		var vals []float64
		for _, row := range keep {
			vals = append(vals, float64(row.Leavers[rs]))
		}
		values = append(values, vals)
	}
	return branches, reasons, values
}

// explained picks the scenario to decompose: the one named, or else the
// last with more than one lever.
func explained(scs []*scenarios.Scenario, name string) *scenarios.Scenario {
	var pick *scenarios.Scenario
	for _, s := range scs {
		if s.Name == name || (name == "" && len(s.Levers) > 1) {
			pick = s
		}
	}
	return pick
}

func names(scs []*scenarios.Scenario) []string {
	var ns []string
	for _, s := range scs {
		ns = append(ns, s.Name)
	}
	return ns
}

// regionNotes returns the sources the region file gives per field.
func regionNotes(path string) ([]yamldoc.Note, error) {
	if path == "" {
		return region.Notes(data.TwenteFile, data.Twente())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return region.Notes(path, b)
}
