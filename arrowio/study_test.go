package arrowio_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/arrowio"
	"raat/forecast"
)

// TestResultsOfAStudy writes a study's outcomes and reads them back with
// ReadFile: the run rows hold the central estimate, the quantile rows the
// band, and the draw rows every draw of the region's total, which a study
// that keeps draws keeps for the total alone.
func TestResultsOfAStudy(t *testing.T) {
	st := analysistest.Study(t, analysis.Data{Region: analysistest.Twente(t).Region}, analysis.Options{To: 2027, Draws: 11, Seed: 4,
		Detail: forecast.DetailBranches, KeepDraws: true}, "basis", "raat-plan")
	outs, err := st.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := arrowio.ResultsOf("raat test", created, "twente", outs)
	if len(res.Runs) != 2 || len(res.Distributions) != 2 || len(res.Draws) != 2 {
		t.Fatalf("%d runs, %d distributions, %d draw series; want 2 each", len(res.Runs), len(res.Distributions), len(res.Draws))
	}
	dir := t.TempDir()
	for _, f := range []struct {
		name  string
		write func(*os.File) error
	}{
		{"r.parquet", func(w *os.File) error { _, err := arrowio.WriteParquet(w, res, arrowio.WriteOptions{}); return err }},
		{"r.arrow", func(w *os.File) error { _, err := arrowio.WriteIPC(w, res, arrowio.WriteOptions{}); return err }},
	} {
		path := filepath.Join(dir, f.name)
		w, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.write(w); err != nil {
			t.Fatal(err)
		}
		w.Close()
		rows, meta, err := arrowio.ReadFile(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) != res.NumRows() || meta.Draws != 11 || meta.Seed != 4 || meta.RegionSource != "twente" {
			t.Errorf("%s: %d rows (want %d), metadata %+v", f.name, len(rows), res.NumRows(), meta)
		}
		o := outs[1]
		h := o.Horizon()
		var cells, p10 float64
		var nDraws int
		for _, row := range rows {
			if row.Scenario != "raat-plan" || row.Year != 2027 || row.Metric != "shortfall_fte" {
				continue
			}
			switch {
			case row.Kind == arrowio.KindRun:
				cells += row.Value
			case row.Kind == arrowio.KindQuantile && row.Quantile == 0.1 && row.Branch == arrowio.Total:
				p10 = row.Value
			case row.Kind == arrowio.KindDraw:
				nDraws++
			}
		}
		if d := cells - h.Central; d > 1e-6 || d < -1e-6 {
			t.Errorf("%s: the run's cells add up to %g, the central estimate is %g", f.name, cells, h.Central)
		}
		if p10 != h.Low || nDraws != 11 {
			t.Errorf("%s: P10 %g (want %g), %d draws (want 11)", f.name, p10, h.Low, nDraws)
		}
	}
	bad := filepath.Join(dir, "x.csv")
	os.WriteFile(bad, []byte("a;b\n1;2\n"), 0o644)
	if _, _, err := arrowio.ReadFile(context.Background(), bad); err == nil {
		t.Error("a CSV file was read")
	}
}
