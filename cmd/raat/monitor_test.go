package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"raat/ingest"
	"raat/internal/golden"
	"raat/monitor"
)

func TestMonitorCommandsGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"monitor-help", []string{"monitor", "--help"}},
		{"backtest-help", []string{"backtest", "--help"}},
		{"diff-help", []string{"diff", "--help"}},
		{"monitor", []string{"monitor", "--employers", "demo"}},
		{"monitor-plan", []string{"monitor", "--employers", "demo", "--per", "regio", "--scenario", "raat-plan"}},
		{"backtest", []string{"backtest", "--employers", "demo"}},
		{"backtest-calibrate", []string{"backtest", "--employers", "demo", "--calibrate-bands", "--draws", "100"}},
		{"diff", []string{"diff", "--employers", "demo"}},
		{"diff-plan", []string{"diff", "2023", "2025", "--employers", "demo", "--scenario", "raat-plan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := raat(t, tt.args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			golden.Check(t, tt.name+".golden", []byte(out))
		})
	}
}

// TestMonitorReadsADirectory: the demo's workbooks of every peildatum
// written as workbooks into a directory, a year a subdirectory, each with
// its upload time as its modification time (which decides between a
// workbook and its re-upload), give the monitor, the backtest and the
// diff what the embedded demo gives.
func TestMonitorReadsADirectory(t *testing.T) {
	dir := t.TempDir()
	subs, err := monitor.DemoSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		name := s.File
		if s.Employer.Peildatum.Year() == 2025 {
			name = "2025/" + filepath.Base(s.File)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := ingest.WriteWorkbook(&buf, s, ingest.TemplateOptions{Regions: []string{"Twente"}}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if !s.Uploaded.IsZero() {
			if err := os.Chtimes(path, s.Uploaded, s.Uploaded); err != nil {
				t.Fatal(err)
			}
		}
	}
	withoutSource := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "bron: ") && !strings.Contains(l, "herupload") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	for _, args := range [][]string{
		{"monitor", "--scenario", "raat-plan"},
		{"backtest", "--draws", "20"},
		{"diff"},
	} {
		demo, _, err := raat(t, append(args, "--employers", "demo")...)
		if err != nil {
			t.Fatal(err)
		}
		fromDir, _, err := raat(t, append(args, "--employers", dir)...)
		if err != nil {
			t.Fatal(err)
		}
		if withoutSource(demo) != withoutSource(fromDir) {
			t.Errorf("%s: the directory gives other output than the demo:\n%s\nwant\n%s", args[0], fromDir, demo)
		}
		if args[0] == "monitor" && !strings.Contains(fromDir, "2023/ziekenhuis-twentse-poort-correctie.xlsx (ingeleverd 03-04-2024) vervangt") {
			t.Errorf("the re-upload is not named from the directory")
		}
	}
}

func TestMonitorJSON(t *testing.T) {
	out, _, err := raat(t, "monitor", "--employers", "demo", "--json", "--scenario", "raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Years     []int
		Employers []struct {
			Name   string
			Status []string
		}
		Events []struct{ Text string }
		Plan   struct {
			Gap struct {
				Forecast, Realised, Rest []float64
				Levers                   map[string][]float64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Years) != 5 || len(doc.Employers) != 13 || len(doc.Events) != 3 {
		t.Errorf("%d years, %d employers, %d events; want 5, 13, 3", len(doc.Years), len(doc.Employers), len(doc.Events))
	}
	g := doc.Plan.Gap
	for j := range g.Forecast {
		sum := g.Rest[j]
		for _, e := range g.Levers {
			sum += e[j]
		}
		if d := sum - (g.Realised[j] - g.Forecast[j]); d > 1e-6 || d < -1e-6 {
			t.Errorf("year %d: the parts add up to %v, not the gap %v", j, sum, g.Realised[j]-g.Forecast[j])
		}
	}
}

func TestMonitorCommandErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"monitor"}, "--employers: name a directory"},
		{[]string{"monitor", "--employers", "demo", "--per", "stad"}, `--per "stad"`},
		{[]string{"monitor", "--employers", "demo", "--scenario", "raat-plan", "--plan-year", "2025"}, "the last peildatum"},
		{[]string{"monitor", "--employers", "demo", "--scenario", "raat-plan", "--plan-year", "2019"}, "no workbooks of 2019"},
		{[]string{"backtest", "--employers", "demo", "--calibrate-bands", "--draws", "0"}, "--calibrate-bands needs draws"},
		{[]string{"diff", "2019", "2025", "--employers", "demo"}, "2019: no workbooks"},
		{[]string{"diff", "--employers", "/nonexistent"}, "nonexistent"},
	} {
		_, _, err := raat(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
	}
}
