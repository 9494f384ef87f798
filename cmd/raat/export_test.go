package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"raat/arrowio"
	"raat/forecast"
	"raat/internal/golden"
	"raat/nl"
	"raat/region"
	"raat/scenarios"
)

func TestExportHelp(t *testing.T) {
	out, errOut, err := raat(t, "export", "--help")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	golden.Check(t, "export-help.golden", []byte(out))
}

// TestExportWritesTheResults exports two scenarios with draws and reads
// both files back: the rows the output reports, the metadata, and a
// quantile and a run value equal to what forecast computes.
func TestExportWritesTheResults(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1763900000")
	dir := t.TempDir()
	out, errOut, err := raat(t, "export", "--scenario", "basis,raat-plan", "--draws", "50", "--seed", "3", "--out", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	// Per scenario: 16 years x (45 cells x 18 metrics + 8 programmes x 9
	// education metrics), and 55 series (total, 9 branches, 45 cells) x
	// 16 years x (3 quantiles + mean).
	const rows = 2 * (16*(45*18+8*9) + 55*16*4)
	for _, name := range []string{"results.parquet", "results.arrow"} {
		path := filepath.Join(dir, name)
		if !regexp.MustCompile(regexp.QuoteMeta(path) + ` +` + regexp.QuoteMeta(nl.Int(rows)) + ` `).MatchString(out) {
			t.Errorf("output does not report %s with %s rows:\n%s", path, nl.Int(rows), out)
		}
		got := readExport(t, path)
		if len(got.rows) != rows {
			t.Errorf("%s: %d rows, want %d", name, len(got.rows), rows)
		}
		m := got.meta
		if m.Draws != 50 || m.Seed != 3 || m.BaseYear != 2025 || strings.Join(m.Scenarios, ",") != "basis,raat-plan" ||
			m.RegionSource != "data/twente.yaml (ingebouwd)" || !m.Created.Equal(time.Unix(1763900000, 0)) || !strings.HasPrefix(m.Version, "raat ") {
			t.Errorf("%s: metadata %+v", name, m)
		}
		want := expectedFromForecast(t)
		for _, r := range got.rows {
			if r.Scenario == "raat-plan" && r.Year == 2030 && r.Branch == "vvt" && r.Level == "mbo3" && r.Metric == "shortfall_fte" {
				switch {
				case r.Kind == arrowio.KindRun && r.Value != want.run:
					t.Errorf("%s: vvt mbo3 2030 run %v, want %v", name, r.Value, want.run)
				case r.Kind == arrowio.KindQuantile && r.Quantile == 0.5 && r.Value != want.p50:
					t.Errorf("%s: vvt mbo3 2030 P50 %v, want %v", name, r.Value, want.p50)
				}
			}
		}
	}
}

// expectedFromForecast runs the model for raat-plan directly: the run's
// and the P50's shortfall of vvt mbo3 in 2030.
func expectedFromForecast(t *testing.T) (want struct{ run, p50 float64 }) {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Lookup("raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	levers := sc.ForecastLevers(r.BaseYear)
	res, err := forecast.Run(r, levers, forecast.Options{Scenario: sc.Name})
	if err != nil {
		t.Fatal(err)
	}
	dist, err := forecast.MonteCarlo([]*forecast.Region{r}, levers, forecast.MCOptions{
		Options: forecast.Options{Scenario: sc.Name}, Draws: 50, Seed: 3, Detail: forecast.DetailCells})
	if err != nil {
		t.Fatal(err)
	}
	want.run = res.Row(2030, forecast.VVT, forecast.Mbo3).ShortfallFTE
	want.p50 = dist.Find(r.Name, forecast.VVT, forecast.Mbo3).Quantiles[2030-dist.From][1]
	return want
}

type exported struct {
	rows []arrowio.Row
	meta arrowio.Metadata
}

func readExport(t *testing.T, path string) exported {
	t.Helper()
	rows, meta, err := arrowio.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return exported{rows, meta}
}

// TestExportIsReproducible: with SOURCE_DATE_EPOCH fixed, the same
// command writes the same bytes.
func TestExportIsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1763900000")
	var files [2][][]byte
	for i := range files {
		dir := t.TempDir()
		if _, errOut, err := raat(t, "export", "--draws", "20", "--out", dir); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		for _, name := range []string{"results.parquet", "results.arrow"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files[i] = append(files[i], b)
		}
	}
	for j := range files[0] {
		if !bytes.Equal(files[0][j], files[1][j]) {
			t.Errorf("file %d differs between two runs of the same export", j)
		}
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export", "--draws", "20001", "--out", dir}, "--draws 20001: want 0 to 20000"},
		{[]string{"export", "--scenario", "geen-plan", "--out", dir}, "--scenario"},
		{[]string{"export", "--region", "nonexistent.yaml", "--out", dir}, "nonexistent.yaml"},
	}
	for _, tt := range tests {
		_, _, err := raat(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want %q", tt.args, err, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a refused export left files in --out: %v", entries)
	}
}

// TestExportKeepsDraws checks that --keep-draws adds every draw of the
// region's shortfall, and that those draws give the exported median.
func TestExportKeepsDraws(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1763900000")
	dir := t.TempDir()
	if _, errOut, err := raat(t, "export", "--scenario", "basis", "--draws", "21", "--keep-draws", "--out", dir); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	rows := readExport(t, filepath.Join(dir, "results.parquet")).rows
	draws := map[int][]float64{}
	median := map[int]float64{}
	for _, r := range rows {
		if r.Branch != "alle" || r.Level != "alle" || r.Metric != "shortfall_fte" {
			continue
		}
		switch {
		case r.Kind == arrowio.KindDraw:
			draws[r.Year] = append(draws[r.Year], r.Value)
		case r.Kind == arrowio.KindQuantile && r.Quantile == 0.5:
			median[r.Year] = r.Value
		}
	}
	if len(draws) == 0 {
		t.Fatal("no draws in the export")
	}
	for y, ds := range draws {
		if len(ds) != 21 {
			t.Errorf("%d: %d draws, want 21", y, len(ds))
		}
		slices.Sort(ds)
		if ds[10] != median[y] {
			t.Errorf("%d: the middle draw %g is not the exported P50 %g", y, ds[10], median[y])
		}
	}
	if _, _, err := raat(t, "export", "--keep-draws", "--out", dir); err == nil {
		t.Error("--keep-draws without --draws accepted")
	}
}
