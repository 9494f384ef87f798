package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"raat/analysis"
	"raat/data"
	"raat/region"
	"raat/report"
	"raat/yamldoc"
)

const reportSynopsis = `report [--region FILE] [--employers DIR] [--scenario A,B,...] [--explain S] [--draws N --seed S] [--from YEAR] [--to YEAR] [--date YYYY-MM-DD] [--out FILE]

Writes the board report, a PDF in Dutch (A4): the headline (the central
estimate of the gap at the horizon per scenario, with the band in which 8 of
10 Monte Carlo draws lie), the shortfall chart, what each action of
--explain (default: the last scenario with more than one lever) contributes
and costs, inflow against outflow, the branches, with --employers the
employers' opleidingsquote and outflow by reason, the key assumptions with
their sources from the region file, and when and from what data it was
made. A progress bar shows on stderr when it is a terminal.`

func reportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("report", reportSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "basis,bol-naar-bbl,behoud,raat-plan", true)
	explain := fs.String("explain", "", "the `scenario` whose actions the report decomposes")
	f.addDraws(fs, 500)
	f.addYears(fs)
	date := fs.String("date", "", "the `date` the report carries (default today)")
	f.addOut(fs, "out/rapport.pdf", "the PDF `file` to write")
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
	scs, err := f.scenarios()
	if err != nil {
		return err
	}
	if *explain != "" && !slices.Contains(names(scs), *explain) {
		return fmt.Errorf("--explain %q: not one of the scenarios", *explain)
	}
	notes, err := regionNotes(f.region)
	if err != nil {
		return err
	}
	st, done, err := f.study(stderr, scs, analysis.Options{})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = report.Write(ctx, &buf, st.Study, report.Options{Made: made, Version: raatVersion(), Explain: *explain, Notes: notes})
	done()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(f.out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(f.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Rapport: %s (%d kB), scenario's %s\n", f.out, (buf.Len()+512)/1024, strings.Join(names(scs), ", "))
	return nil
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
