package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"raat/analysis"
	"raat/arrowio"
	"raat/forecast"
	"raat/nl"
)

const exportSynopsis = `export [--region FILE] [--employers DIR] [--scenario A,B,...] [--draws N --seed S] [--keep-draws] [--from YEAR] [--to YEAR] [--out DIR]

Runs a region (the embedded Twente demo unless --region is given) under one
or more scenarios, as "raat run" does, and writes every result as one long
table for analysts, in two formats: results.parquet (Parquet, zstd) and
results.arrow (Arrow IPC file) in --out.

The table has one row per region, scenario, kind, year, branch, level and
metric: kind "run" holds every metric of the deterministic run per branch
and level (demand_fte, supply_fte, shortfall_fte, headcount, flows) and per
education programme (education_*); it is the central estimate (centrale
raming) the other outputs quote. With --draws N it adds the Monte Carlo's
P10 and P90 (the band: 8 of 10 draws lie between them), its P50 (kind
"quantile") and mean (kind "mean") of the shortfall per year for the region,
each branch and each branch and level; with --keep-draws also every draw of
the region's shortfall per year (kind "draw"). The schema metadata records
the seed, draws, base year, region file, raat version and date. README.md
and the arrowio package doc describe every column and unit. A progress bar
shows on stderr when it is a terminal.`

// maxExportDraws bounds --draws: the Monte Carlo keeps every draw of each
// of the region's 55 series (total, branches, cells) until it takes the
// quantiles, about 7 KB per draw over 16 years.
const maxExportDraws = 20_000

func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("export", exportSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "basis", true)
	f.addDraws(fs, 0)
	keepDraws := fs.Bool("keep-draws", false, "also write every draw of the region's shortfall (needs --draws)")
	f.addYears(fs)
	f.addOut(fs, "out", "`directory` for results.parquet and results.arrow")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if *keepDraws && f.draws == 0 {
		return fmt.Errorf("--keep-draws needs --draws")
	}
	if f.draws < 0 || f.draws > maxExportDraws {
		return fmt.Errorf("--draws %d: want 0 to %d", f.draws, maxExportDraws)
	}
	scs, err := f.scenarios()
	if err != nil {
		return err
	}
	created, err := exportTime()
	if err != nil {
		return err
	}
	st, done, err := f.study(stderr, scs, analysis.Options{Detail: forecast.DetailCells, KeepDraws: *keepDraws})
	if err != nil {
		return err
	}
	outs, err := st.Outcomes(ctx)
	done()
	if err != nil {
		return err
	}
	res := arrowio.ResultsOf(raatVersion(), created, st.Source(), outs)
	r := st.Region()
	fmt.Fprintf(stdout, "raat: %s, basisjaar %d\nbron: %s\n", r.Name, r.BaseYear, st.Source())
	if f.draws > 0 {
		fmt.Fprintf(stdout, "onzekerheid: %d trekkingen, seed %d\n", f.draws, f.seed)
	}
	fmt.Fprintf(stdout, "scenario's: %s\n\n", strings.Join(names(scs), ", "))
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	t := table{header: []string{"bestand", "rijen", "bytes"}}
	for _, w := range []struct {
		name  string
		write func(io.Writer, *arrowio.Results, arrowio.WriteOptions) (arrowio.Written, error)
	}{
		{"results.parquet", arrowio.WriteParquet},
		{"results.arrow", arrowio.WriteIPC},
	} {
		path := filepath.Join(f.out, w.name)
		n, err := writeFileAtomically(path, func(out io.Writer) (arrowio.Written, error) {
			return w.write(out, res, arrowio.WriteOptions{})
		})
		if err != nil {
			return err
		}
		t.add(path, nl.Int(float64(n.Rows)), nl.Int(float64(n.Bytes)))
	}
	t.print(stdout)
	return ctx.Err()
}

// writeFileAtomically writes path through a temporary file in the same
// directory, renamed into place when complete, so that a failed or
// interrupted export never leaves a truncated file an analyst might read.
func writeFileAtomically(path string, write func(io.Writer) (arrowio.Written, error)) (arrowio.Written, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return arrowio.Written{}, err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	w, err := write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp makes it private; results are for sharing
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return w, fmt.Errorf("%s: %w", path, err)
	}
	return w, nil
}

// exportTime is the time recorded as the files' creation: now, or
// SOURCE_DATE_EPOCH when set, the convention for reproducible outputs.
func exportTime() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok {
		return time.Now(), nil
	}
	secs, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: want seconds since 1970", s)
	}
	return time.Unix(secs, 0), nil
}

// raatVersion names this build: the module version and, when built from a
// git checkout, the commit (with "+dirty" for uncommitted changes).
func raatVersion() string {
	v := "raat (devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = "raat " + bi.Main.Version
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " " + rev[:min(12, len(rev))] + dirty
	}
	return v
}
