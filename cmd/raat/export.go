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

	"raat/arrowio"
	"raat/forecast"
	"raat/nl"
)

const exportSynopsis = `export [--region FILE] [--scenario A,B,...] [--draws N --seed S] [--out DIR]

Runs a region (the embedded Twente demo unless --region is given) under one
or more scenarios, as "raat run" does, and writes every result as one long
table for analysts, in two formats: results.parquet (Parquet, zstd) and
results.arrow (Arrow IPC file) in --out.

The table has one row per region, scenario, kind, year, branch, level and
metric: kind "run" holds every metric of the deterministic run per branch
and level (demand_fte, supply_fte, shortfall_fte, headcount, flows) and per
education programme (education_*). With --draws N it adds the Monte Carlo's
P10, P50 and P90 (kind "quantile") and mean (kind "mean") of the shortfall
per year for the region, each branch and each branch and level; with
--keep-draws also every draw of the region's shortfall per year (kind
"draw"). The schema
metadata records the seed, draws, base year, region file, raat version and
date. README.md and the arrowio package doc describe every column and unit.`

// maxExportDraws bounds --draws: the Monte Carlo keeps every draw of each
// of the region's 55 series (total, branches, cells) until it takes the
// quantiles, about 7 KB per draw over 16 years.
const maxExportDraws = 20_000

type exportOptions struct {
	region    string
	scenarios string
	draws     int
	seed      uint64
	keepDraws bool
	out       string
}

func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o exportOptions
	fs := newFlags("export", exportSynopsis, stderr)
	fs.StringVar(&o.region, "region", "", regionFlagHelp)
	fs.StringVar(&o.scenarios, "scenario", "basis", "comma-separated `scenarios`: built-in names or YAML files")
	fs.IntVar(&o.draws, "draws", 0, fmt.Sprintf("Monte Carlo `draws` (0: none; at most %d)", maxExportDraws))
	fs.Uint64Var(&o.seed, "seed", 1, "random `seed` of the Monte Carlo")
	fs.BoolVar(&o.keepDraws, "keep-draws", false, "also write every draw of the region's shortfall (needs --draws)")
	fs.StringVar(&o.out, "out", "out", "`directory` for results.parquet and results.arrow")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if o.keepDraws && o.draws == 0 {
		return fmt.Errorf("--keep-draws needs --draws")
	}
	if o.draws < 0 || o.draws > maxExportDraws {
		return fmt.Errorf("--draws %d: want 0 to %d", o.draws, maxExportDraws)
	}
	scs, err := lookupScenarios(o.scenarios)
	if err != nil {
		return err
	}
	r, source, err := loadRegion(o.region)
	if err != nil {
		return err
	}
	created, err := exportTime()
	if err != nil {
		return err
	}
	res := &arrowio.Results{Version: raatVersion(), Created: created, RegionSource: source}
	var names []string
	// Not runScenarios: the cells' draws of each scenario are dropped
	// before the next one runs, so memory stays one scenario's worth.
	for _, sc := range scs {
		levers := sc.ForecastLevers(r.BaseYear)
		opt := forecast.Options{Scenario: sc.Name}
		run, err := forecast.Run(r, levers, opt)
		if err != nil {
			return fmt.Errorf("scenario %s: %w", sc.Name, err)
		}
		res.Runs = append(res.Runs, run)
		if o.draws > 0 {
			dist, err := forecast.MonteCarlo([]*forecast.Region{r}, levers, forecast.MCOptions{
				Options: opt, Draws: o.draws, Seed: o.seed, Detail: forecast.DetailCells, KeepDraws: o.keepDraws,
			})
			if err != nil {
				return fmt.Errorf("scenario %s: %w", sc.Name, err)
			}
			res.Distributions = append(res.Distributions, dist)
			if o.keepDraws {
				// every draw of the region's total; the cells' draws would be 55 times as many rows
				total := dist.Find(r.Name, forecast.AllBranches, forecast.AllLevels)
				res.Draws = append(res.Draws, arrowio.DrawSeries{Scenario: sc.Name, Region: r.Name,
					Branch: forecast.AllBranches, Level: forecast.AllLevels, From: dist.From, Values: total.Draws})
				for i := range dist.Series {
					dist.Series[i].Draws = nil
				}
			}
		}
		names = append(names, sc.Name)
		if err := ctx.Err(); err != nil {
			return err
		}
	}

	fmt.Fprintf(stdout, "raat: %s, basisjaar %d\nbron: %s\n", r.Name, r.BaseYear, source)
	if o.draws > 0 {
		fmt.Fprintf(stdout, "onzekerheid: %d trekkingen, seed %d\n", o.draws, o.seed)
	}
	fmt.Fprintf(stdout, "scenario's: %s\n\n", strings.Join(names, ", "))
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	t := table{header: []string{"bestand", "rijen", "bytes"}}
	for _, f := range []struct {
		name  string
		write func(io.Writer, *arrowio.Results, arrowio.WriteOptions) (arrowio.Written, error)
	}{
		{"results.parquet", arrowio.WriteParquet},
		{"results.arrow", arrowio.WriteIPC},
	} {
		path := filepath.Join(o.out, f.name)
		w, err := writeFileAtomically(path, func(out io.Writer) (arrowio.Written, error) {
			return f.write(out, res, arrowio.WriteOptions{})
		})
		if err != nil {
			return err
		}
		t.add(path, nl.Int(float64(w.Rows)), nl.Int(float64(w.Bytes)))
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
