package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"raat/forecast"
	"raat/ingest"
	"raat/nl"
	"raat/region"
)

const calibrateSynopsis = `calibrate --employers DIR|demo [--region FILE] [--out FILE] [--levels]

Estimates the region's parameters from the accepted employer workbooks in
DIR ("demo": the embedded samples): other outflow per branch and level from
Uitstroom and Personeel, early retirement from the pensioen leavers and the
age structure, lateral entry, returners and graduate hires from Instroom,
moves between employers from "andere zorgwerkgever", part-time factors from
FTE and headcount, training places and their occupancy. The employers'
figures are weighted up to the region file's staff per branch and level, so
that however many deliver they stand for the region; a branch without
employers keeps the region file's assumptions.

It prints each estimate beside the region file's assumption, with the
number of employers and the share of the region's staff it rests on. An
estimate replaces the assumption when it rests on at least 20 reported
events (leavers, hires, moves) from employers with at least 10% of the
staff, a part-time factor on at least 10 people; a level with fewer takes
its branch's estimate, a branch with fewer keeps the assumption and says
why. --levels prints the estimates per level too.

With --out it writes a region file in the format of data/twente.yaml: the
estimates in place of the assumptions, each with a comment saying what it
rests on, and the region file's own numbers and comments elsewhere.
"raat run --region FILE" takes it.`

func calibrateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("calibrate", calibrateSynopsis, stderr)
	regionFile := fs.String("region", "", regionFlagHelp)
	employers := fs.String("employers", "", "the employer workbooks in `dir` (\"demo\": the embedded samples)")
	out := fs.String("out", "", "write the calibrated region file to `file`")
	levels := fs.Bool("levels", false, "print the estimates per level too")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if *employers == "" {
		return fmt.Errorf("--employers: name a directory of workbooks, or demo")
	}
	file, baseSource, err := loadRegionFile(*regionFile)
	if err != nil {
		return err
	}
	base, err := file.Region()
	if err != nil {
		return fmt.Errorf("%s: %w", baseSource, err)
	}
	_, sum, source, err := withEmployers(base, *employers)
	if err != nil {
		return err
	}
	c := sum.Calibration
	fmt.Fprintf(stdout, "raat: kalibratie van %s uit de werkgeversuitvraag, basisjaar %d\nbron: %s\n", base.Name, c.BaseYear, source)
	fmt.Fprintf(stdout, "Aannames: %s\nDekking: %s\n", baseSource, sum.CoverageText())
	fmt.Fprintf(stdout, "Regel: een schatting vervangt de aanname als ze rust op minstens %d gemelde vertrekkers, instromers of\n"+
		"overstappers van werkgevers met minstens %s van het personeel, een deeltijdfactor op minstens %d medewerkers;\n"+
		"een niveau met te weinig neemt de schatting van zijn branche, een branche met te weinig houdt de aanname.\n",
		ingest.MinEvents, nl.WholePercent(ingest.MinCoverage), ingest.MinStaff)
	printReplacements(stdout, sum)
	for q := range ingest.Quantity(ingest.NumQuantities) {
		printEstimates(stdout, c, q, *levels)
	}
	if len(sum.Warnings) > 0 {
		fmt.Fprintln(stdout, "\nLet op:")
		for _, w := range sum.Warnings {
			fmt.Fprintf(stdout, "  - %s\n", w)
		}
	}
	if *out == "" {
		return ctx.Err()
	}
	var buf bytes.Buffer
	if err := region.Write(&buf, c.File(file, employersLabel(*employers))); err != nil {
		return err
	}
	if _, err := region.Parse(*out, buf.Bytes()); err != nil {
		return fmt.Errorf("the calibrated region file does not read back: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nRegiobestand: %s (rekenen ermee: raat run --region %s)\n", *out, *out)
	return ctx.Err()
}

// printEstimates prints one quantity's estimates: per branch (and per
// level with levels), or per level for quantities estimated only there.
func printEstimates(w io.Writer, c *ingest.Calibration, q ingest.Quantity, levels bool) {
	t := table{header: []string{"branche", "werkgevers", "dekking", q.Basis(), "schatting", "aanname", "gebruikt"}, textLast: true}
	perLevel := 0
	for _, e := range c.Estimates {
		if e.Quantity != q {
			continue
		}
		name := "regio " + c.Base.Name
		switch {
		case e.Branch == forecast.AllBranches:
		case e.Level == forecast.AllLevels:
			name = e.Branch.Label()
		default:
			perLevel++
			if !levels {
				continue
			}
			name = "  " + e.Level.String()
			if !hasBranchRow(c, q) {
				name = e.Branch.Label() + " " + e.Level.String()
			}
		}
		used := "ja"
		switch {
		case !e.Used:
			used = "nee: " + e.Why
		case e.From == "branche":
			used = "ja, van de branche"
		}
		if e.Employers == 0 {
			t.add(name, "0", "-", "-", "-", value(q, e.Assumed), used)
			continue
		}
		t.add(name, fmt.Sprint(e.Employers), nl.WholePercent(e.Coverage), nl.Int(e.Basis), value(q, e.Value), value(q, e.Assumed), used)
	}
	fmt.Fprintf(w, "\n%s:\n", capitalize(q.Label()+quantityUnit(q)))
	if len(t.rows) == 0 {
		fmt.Fprintf(w, "  %d schattingen per niveau (raat calibrate --levels toont ze)\n", perLevel)
		return
	}
	fmt.Fprintln(w)
	t.print(w)
}

// hasBranchRow reports whether a quantity has branch-wide estimates.
func hasBranchRow(c *ingest.Calibration, q ingest.Quantity) bool {
	for _, e := range c.Estimates {
		if e.Quantity == q && e.Level == forecast.AllLevels {
			return true
		}
	}
	return false
}

// quantityUnit says what a quantity's numbers are of.
func quantityUnit(q ingest.Quantity) string {
	switch q {
	case ingest.OtherOutflow, ingest.LateralEntry, ingest.Returners:
		return ", per medewerker per jaar"
	case ingest.EarlyRetirement:
		return ", per medewerker van 60 tot de AOW-leeftijd per jaar"
	case ingest.Mobility:
		return ", per medewerker die in de sector blijft, per jaar"
	case ingest.GraduateHires, ingest.MobilityIn:
		return ", per niveau"
	case ingest.PartTime:
		return " (contracturen / 36)"
	case ingest.TrainingPlaces:
		return ", aangeboden, opgehoogd"
	}
	return ""
}

func value(q ingest.Quantity, v float64) string {
	switch {
	case q == ingest.PartTime:
		return nl.Dec(v, 3)
	case !q.Percent():
		return nl.Int(v)
	}
	return nl.Percent(v)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
