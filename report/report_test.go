package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"raat/data"
	"raat/forecast"
	"raat/internal/testdeps"
	"raat/region"
	"raat/scenarios"
)

// demoInput builds the report's input for the Twente demo: the baseline
// and raat-plan, with a small Monte Carlo.
func demoInput(t *testing.T) *Input {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	notes, err := region.Notes(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{Region: r, Source: "data/twente.yaml", Made: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Version: "raat test", Notes: notes, Draws: 40, Seed: 1}
	for _, name := range []string{"basis", "raat-plan"} {
		sc, _ := scenarios.Lookup(name)
		lv := sc.ForecastLevers(r.BaseYear)
		res, err := forecast.Run(r, lv, forecast.Options{Scenario: name})
		if err != nil {
			t.Fatal(err)
		}
		dist, err := forecast.MonteCarlo([]*forecast.Region{r}, lv, forecast.MCOptions{Draws: 40, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		in.Runs = append(in.Runs, Run{Name: name, Description: sc.Description, Result: res, Dist: dist})
		if name == "raat-plan" {
			in.Decomposition, _ = scenarios.Decompose(r, sc, forecast.Options{})
			in.Costs, _ = scenarios.Costs(r, sc, forecast.Options{})
		}
	}
	in.Employers = &Employers{Names: []string{"Ziekenhuis A", "Zorggroep B"}, Quotes: []float64{11, 16}, Reference: 15,
		Branches: []string{"Ziekenhuizen", "VVT"}, Reasons: []string{"pensioen", "andere sector"}, Outflow: [][]float64{{80, 400}, {250, 1200}}}
	return in
}

func TestReportPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, demoInput(t)); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Fatal("not a complete PDF")
	}
	// headline, levers, flows, employers, assumptions (one page or more)
	if n := bytes.Count(pdf, []byte("/Type /Page\n")); n < 5 || n > 7 {
		t.Errorf("%d pages, want 5 to 7", n)
	}
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, path)
	for _, want := range []string{
		"Tekorten in zorg en welzijn, Twente", "Kern", "6.882 fte in 2040", "Tekort per scenario",
		"Wat brengen de acties op?", "Bijdrage en kosten per actie", "Behoud (minder uitstroom)",
		"Instroom, uitstroom en branches", "VVT (ouderenzorg)", "Werkgevers: opleiden en uitstroom",
		"Aannames en bronnen", "Pensioenleeftijd", "AOW-leeftijd 67", "Verantwoording", "23 november 2026",
		"Monte Carlo met 40 trekkingen, seed 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
}

func TestReportNeedsABaseline(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Input{}); err == nil {
		t.Error("an empty input gave a report")
	}
}

// pdfText extracts the text with pdftotext (poppler-utils). Without it the
// test is skipped after the checks above, or fails under
// RAAT_REQUIRE_TOOLS=1 (make test sets it after scripts/test-deps
// installed poppler-utils).
func pdfText(t *testing.T, path string) string {
	t.Helper()
	pdftotext := testdeps.Program(t, "poppler-utils", "pdftotext")
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
