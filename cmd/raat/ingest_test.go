package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"raat/ingest"
	"raat/internal/golden"
)

// TestEmployerCommandsGolden: template, ingest and quote on the embedded
// samples and on the broken test workbooks of package ingest.
func TestEmployerCommandsGolden(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		refused bool
	}{
		{"template-help", []string{"template", "--help"}, false},
		{"ingest-help", []string{"ingest", "--help"}, false},
		{"quote-help", []string{"quote", "--help"}, false},
		{"ingest", []string{"ingest"}, false},
		{"ingest-testdata", []string{"ingest", "../../ingest/testdata"}, true},
		{"ingest-json", []string{"ingest", "--json", "../../ingest/testdata/fouten-personeel.xlsx", "../../ingest/testdata/geldig.xlsx"}, true},
		{"quote", []string{"quote"}, false},
		{"quote-place-hours", []string{"quote", "--place-hours-bbl", "1000", "--place-hours-bol", "1200"}, false},
		{"calibrate-help", []string{"calibrate", "--help"}, false},
		{"calibrate", []string{"calibrate", "--employers", "demo"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := raat(t, tt.args...)
			if tt.refused != errors.Is(err, errReported) || (err != nil && !errors.Is(err, errReported)) {
				t.Fatalf("error %v, want refused %v\n%s", err, tt.refused, errOut)
			}
			golden.Check(t, tt.name+".golden", []byte(out))
		})
	}
}

// TestTemplateThenIngest writes the template and checks it: a blank
// workbook is refused for what it lacks, and nothing else.
func TestTemplateThenIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "uitvraag.xlsx")
	out, _, err := raat(t, "template", "--out", path)
	if err != nil || !strings.Contains(out, path) {
		t.Fatalf("%v: %s", err, out)
	}
	out, _, err = raat(t, "ingest", "--json", path)
	if !errors.Is(err, errReported) {
		t.Fatalf("blank template: %v", err)
	}
	var res struct {
		Files []struct {
			Errors []ingest.CellError `json:"errors"`
		} `json:"files"`
		Refused int `json:"refused"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, e := range res.Files[0].Errors {
		cells = append(cells, e.Sheet+"!"+e.Cell)
	}
	want := "Organisatie!B2 Organisatie!B3 Organisatie!B4 Organisatie!B5 Organisatie!B6 Personeel!"
	if res.Refused != 1 || strings.Join(cells, " ") != want {
		t.Errorf("blank template: refused %d, problems at %v, want %s", res.Refused, cells, want)
	}
	// --out - writes the workbook itself.
	out, _, err = raat(t, "template", "--out", "-")
	if err != nil || !strings.HasPrefix(out, "PK\x03\x04") {
		t.Errorf("template to stdout: %v, %q...", err, out[:min(len(out), 8)])
	}
	// The file may be given as an argument as well as with --out.
	workbook := filepath.Join(t.TempDir(), "uitvraag.xlsx")
	out, _, err = raat(t, "template", workbook)
	if b, rerr := os.ReadFile(workbook); err != nil || rerr != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) || !strings.Contains(out, workbook) {
		t.Errorf("template FILE: %v, %v; printed %q", err, rerr, out)
	}
}

func TestEmployerCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "nonexistent.xlsx"}, "nonexistent.xlsx"},
		{[]string{"quote", "--place-hours-bbl", "-5"}, "--place-hours-bbl: -5 hours"},
		{[]string{"quote", "../../ingest/testdata/oud-formaat.xls"}, "no accepted employer workbooks"},
		{[]string{"template", "a.xlsx", "b.xlsx"}, "reported"},
		{[]string{"template", "--out", "a.xlsx", "b.xlsx"}, "reported"},
	}
	for _, tt := range tests {
		_, _, err := raat(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: got %v, want %q", tt.args, err, tt.want)
		}
	}
}

// readmeRefusal is the README's example of refused workbooks: a block
// marked text, since readme_test runs only commands that succeed. It runs
// from the repository's root, where the test workbooks are.
var readmeRefusal = regexp.MustCompile("(?s)```text\n\\$ raat (ingest [^\n]*)\n(.*?)```\n")

// TestReadmeRefusalExample checks the README's refusal example against
// real output; -update rewrites it.
func TestReadmeRefusalExample(t *testing.T) {
	if n := checkReadme(t, readmeRefusal, "```text", "../..", true); n == 0 {
		t.Fatal("README.md shows no refused workbook")
	}
}
