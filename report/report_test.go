package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/data"
	"raat/ingest"
	"raat/internal/pdftext"
	"raat/region"
)

// demoStudy is the study the report tests read: the Twente demo region
// built from the twelve sample employer workbooks, basis and raat-plan,
// with a small Monte Carlo.
func demoStudy(t *testing.T) *analysis.Study {
	t.Helper()
	base := analysistest.Twente(t)
	r, sum, err := ingest.RegionFromFS(base.Region, data.Employers(), data.EmployersDir)
	if err != nil {
		t.Fatal(err)
	}
	return analysistest.Study(t, analysis.Data{Region: r, Source: "data/twente.yaml", Employers: sum},
		analysis.Options{Draws: 40, Seed: 1}, "basis", "raat-plan")
}

func demoOptions(t *testing.T) Options {
	t.Helper()
	notes, err := region.Notes(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	return Options{Made: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Version: "raat test", Notes: notes}
}

func TestReportPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, demoStudy(t), demoOptions(t)); err != nil {
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
	text := pdftext.Text(t, path)
	for _, want := range []string{
		"Tekorten in zorg en welzijn, Twente", "Kern", "8.263 fte in 2040", "Tekort per scenario", "centrale raming",
		"8 van de 10 uitkomsten liggen tussen",
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

func TestReportRefusesAnUnknownScenarioToExplain(t *testing.T) {
	opt := demoOptions(t)
	opt.Explain = "behoud"
	if err := Write(context.Background(), &bytes.Buffer{}, demoStudy(t), opt); err == nil || !strings.Contains(err.Error(), `"behoud"`) {
		t.Errorf("got %v, want an error naming behoud", err)
	}
}
