package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"raat/internal/golden"
)

// raat runs the command in-process and returns stdout, stderr and the error.
func raat(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestGoldenOutput(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"help", []string{"help"}},
		{"run", []string{"run", "--no-charts"}},
		{"run-help", []string{"run", "--help"}},
		{"run-vvt-mbo3", []string{"run", "--no-charts", "--branch", "vvt", "--level", "mbo3", "--to", "2030"}},
		{"run-json", []string{"run", "--json", "--to", "2026", "--branch", "ggz"}},
		{"run-scenarios", []string{"run", "--no-charts", "--scenario", "basis,bol-naar-bbl,raat-plan", "--to", "2032"}},
		{"run-draws", []string{"run", "--no-charts", "--scenario", "basis,raat-plan", "--draws", "200", "--seed", "7", "--to", "2030"}},
		{"run-draws-json", []string{"run", "--json", "--scenario", "raat-plan", "--draws", "50", "--to", "2027", "--branch", "vvt", "--level", "mbo3"}},
		{"scenarios", []string{"scenarios", "--levers"}},
		{"explain", []string{"explain", "--scenario", "raat-plan", "--every", "5"}},
		{"solve-intake", []string{"solve", "intake", "--target", "2035"}},
		{"solve-intake-from", []string{"solve", "intake", "--target", "2035", "--from", "2028"}},
		{"solve-lever", []string{"solve", "lever", "behoud", "--target", "2035"}},
		{"solve-lever-unreachable", []string{"solve", "lever", "opleidingsquote", "--target", "2035"}},
		{"solve-lever-productivity", []string{"solve", "lever", "productiviteit", "--target", "2035"}},
		{"population", []string{"population", "--statline", "../../statline/testdata/twente.csv", "--region", "CR12"}},
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

func TestPopulationRefusesWhatItDoesNotRead(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("\"Leeftijd\";\"RegioS\";\"Perioden\";\"Bevolking_1\"\n\"0 tot 18 jaar\";\"CR12\";\"2025JJ00\";\".\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := raat(t, "population", "--statline", bad, "--region", "CR12")
	if err == nil || !strings.Contains(err.Error(), "bad.csv:2:4 (Bevolking_1)") {
		t.Errorf("error %v, want one at line 2, column 4", err)
	}
}

func TestRunWritesCharts(t *testing.T) {
	dir := t.TempDir()
	out, _, err := raat(t, "run", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"tekort.png", "tekort.svg", "tekort.pdf"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
		if !strings.Contains(out, f) {
			t.Errorf("output does not mention %s", f)
		}
	}
}

func TestRunJSONHasTheResultTable(t *testing.T) {
	out, _, err := raat(t, "run", "--json", "--to", "2027")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Rows []map[string]any }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	rows := doc.Rows
	if len(rows) != 3*9*5 {
		t.Errorf("%d rows, want 3 years x 9 branches x 5 levels", len(rows))
	}
	for _, col := range []string{"scenario", "year", "branch", "level", "demand_fte", "supply_fte", "shortfall_fte", "headcount",
		"students", "graduates", "inflow_graduates", "inflow_lateral", "inflow_returners", "outflow_retirement", "outflow_other"} {
		if _, ok := rows[0][col]; !ok {
			t.Errorf("no column %s", col)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		inStderr []string
	}{
		{"no command", nil, []string{"Usage:", "run"}},
		{"unknown command", []string{"fly"}, []string{`unknown command "fly"`, "Usage:"}},
		{"unknown flag", []string{"run", "--bogus"}, []string{"flag provided but not defined: -bogus", "Usage: raat run"}},
		{"stray argument", []string{"run", "extra"}, []string{`unexpected argument "extra"`}},
		{"explain with a positional scenario", []string{"explain", "behoud"}, []string{"explain takes the scenario as --scenario behoud", "Usage: raat explain"}},
		{"solve without a target", []string{"solve", "intake"}, []string{"solve needs --target YEAR"}},
		{"solve without a question", []string{"solve", "--target", "2030"}, []string{`solve takes "intake" or "lever KIND"`}},
		{"solve from the base year", []string{"solve", "intake", "--target", "2030", "--from", "2025"}, []string{"--from 2025: kies een jaar na het basisjaar 2025"}},
		{"solve for the base year", []string{"solve", "intake", "--target", "2025"}, []string{"--target 2025: kies een jaar na het basisjaar 2025, uiterlijk 2125"}},
		{"solve a lever too far ahead", []string{"solve", "lever", "behoud", "--target", "2126"}, []string{"--target 2126: kies een jaar na het basisjaar 2025, uiterlijk 2125"}},
		{"solve a lever from", []string{"solve", "lever", "behoud", "--target", "2030", "--from", "2027"}, []string{"--from hoort bij intake"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := raat(t, tt.args...)
			if !errors.Is(err, errReported) {
				t.Errorf("error %v, want errReported", err)
			}
			for _, s := range tt.inStderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestRunRefusesBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	src, err := os.ReadFile("../../data/twente.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(bad, bytes.Replace(src, []byte("pension_age: 67"), []byte("pension_age: 99"), 1), 0o644)
	line := bytes.Count(src[:bytes.Index(src, []byte("pension_age: 67"))], []byte("\n")) + 1
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--region", bad}, fmt.Sprintf("bad.yaml:%d: pension_age: found 99, want a number from 55 to 74", line)},
		{[]string{"run", "--region", "nonexistent.yaml"}, "nonexistent.yaml"},
		{[]string{"run", "--branch", "tandarts"}, `--branch: unknown branch "tandarts"`},
		{[]string{"run", "--from", "2000"}, "years out of range"},
	}
	for _, tt := range tests {
		_, _, err := raat(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestMonteCarloOutputIsReproducible(t *testing.T) {
	a, _, err := raat(t, "run", "--json", "--draws", "100", "--seed", "3", "--to", "2030")
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := raat(t, "run", "--json", "--draws", "100", "--seed", "3", "--to", "2030")
	c, _, _ := raat(t, "run", "--json", "--draws", "100", "--seed", "4", "--to", "2030")
	if a != b {
		t.Error("the same seed gave different output")
	}
	if a == c {
		t.Error("seeds 3 and 4 gave the same output")
	}
}
