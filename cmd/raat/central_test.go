package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"raat/analysis"
	"raat/internal/pdftext"
	"raat/internal/svgtext"
	"raat/nl"
)

// TestCommandsQuoteOneCentralEstimate runs the same study through run
// (table and JSON), chart and report: the horizon's shortfall of each
// scenario is the same number in the table and the JSON's central
// estimate, and that number rounded for a board (analysis.Round) in the
// chart's end labels and the report's text and table; it is not the Monte
// Carlo's P50.
func TestCommandsQuoteOneCentralEstimate(t *testing.T) {
	study := []string{"--scenario", "basis,raat-plan", "--draws", "40", "--seed", "3"}
	table, errOut, err := raat(t, append([]string{"run", "--no-charts"}, study...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	js, _, err := raat(t, append([]string{"run", "--json"}, study...)...)
	if err != nil {
		t.Fatal(err)
	}
	var doc runJSON
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, errOut, err := raat(t, append([]string{"chart", "--out", dir, "tekort"}, study...)...); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "tekort.svg"))
	if err != nil {
		t.Fatal(err)
	}
	labels := svgtext.Texts(svg)
	pdf := filepath.Join(dir, "rapport.pdf")
	if _, errOut, err := raat(t, append([]string{"report", "--date", "2026-11-23", "--out", pdf}, study...)...); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	text, _ := pdftext.Text(t, pdf)
	for i, name := range []string{"basis", "raat-plan"} {
		var last bandJSON
		for _, q := range doc.Quantiles {
			if q.Scenario == name {
				last = q
			}
		}
		central, p50 := nl.Int(last.Central), nl.Int(last.P50)
		if last.Year != 2040 || central == p50 {
			t.Fatalf("%s: JSON's last band %+v: want 2040, with a P50 that differs from the central estimate", name, last)
		}
		// the table of the scenario: its 2040 line
		sect := table[strings.Index(table, "scenario "+name+":"):]
		line := regexp.MustCompile(`(?m)^2040 +(\S+) +(\S+) +(\S+)$`).FindStringSubmatch(sect)
		if line == nil || line[1] != central || line[2] != nl.Int(last.P10) || line[3] != nl.Int(last.P90) {
			t.Errorf("%s: table's 2040 line %q, want %s with band %s to %s", name, line, central, nl.Int(last.P10), nl.Int(last.P90))
		}
		board, boardP50 := analysis.RoundText(last.Central), analysis.RoundText(last.P50)
		if board == boardP50 {
			t.Fatalf("%s: central estimate and P50 both round to %s; the test cannot tell them apart", name, board)
		}
		if !slices.Contains(labels, board) || slices.Contains(labels, boardP50) {
			t.Errorf("%s: chart labels %q, want %s and not the P50 %s", name, labels, board, boardP50)
		}
		if text == "" {
			continue
		}
		label := map[string]string{"basis": "Basis", "raat-plan": "RAAT-plan"}[name]
		row := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(label) + `\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(\S+) tot (\S+)\s*$`).FindStringSubmatch(text)
		if row == nil || row[1] != board || row[2] != analysis.RoundText(last.P10) || row[3] != analysis.RoundText(last.P90) {
			t.Errorf("%s: report's table row %q, want %s with band %s tot %s", name, row, board, analysis.RoundText(last.P10), analysis.RoundText(last.P90))
		}
		sentence := fmt.Sprintf("Ca. %s fte tekort in 2040", board)
		if i > 0 {
			sentence = fmt.Sprintf("in 2040 ca. %s fte tekort", board)
			if last.Central < 0 {
				sentence = fmt.Sprintf("in 2040 ca. %s fte overschot", analysis.RoundText(-last.Central))
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(text), " "), sentence) {
			t.Errorf("%s: the report does not say %q", name, sentence)
		}
	}
}
