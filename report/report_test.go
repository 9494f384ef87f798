package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/data"
	"raat/ingest"
	"raat/internal/pdftext"
	"raat/internal/poppler"
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
		analysis.Options{Draws: 40, Seed: 1}, "basis", "bol-naar-bbl", "raat-plan")
}

func demoOptions(t *testing.T) Options {
	t.Helper()
	notes, err := region.Notes(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	return Options{Made: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Version: "raat (devel)", Notes: notes}
}

// demoPDF writes the demo report to a file and returns its path.
func demoPDF(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, demoStudy(t), demoOptions(t)); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Fatal("not a complete PDF")
	}
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReportPDF(t *testing.T) {
	path := demoPDF(t)
	text := pdftext.Text(t, path)
	outs, err := demoStudy(t).Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		analysis.Headline(outs[0], outs[len(outs)-1]),
		"De cijfers rusten op de werkgeversuitvraag: 12 werkmappen met 56.000 werkenden",
		"Kern", "Tekort per scenario", "8 van de 10 uitkomsten tussen ca.",
		"Het aanbod is ca.", "studenten die werkend leren", "zijn de openstaande vacatures",
		"Waar valt het tekort? Per branche", "Per branche en niveau", "RAAT-plan: tekort per branche en niveau in 2040",
		"Wat brengen de acties van het RAAT-plan op?", "euro/fte-jaar", "fte-jaren", "RAAT-plan, samen",
		"Waarom is opleidingsquote duur?", "extra opleidingsplaatsen in 2040 blijft",
		"Instroom en uitstroom", "Werkgevers: opleiden en uitstroom",
		"Wat de prognose aanneemt", "Vraaggroei", "Vraag per branche", "Welke aanname weegt het zwaarst?",
		"Technische bijlage", "Het model in woorden", "Alle aannames en hun bronnen", "AOW-leeftijd 67", "Verantwoording",
		"23 november 2026", "een ontwikkelversie van raat", "40 berekeningen", "startgetal 1",
		"Vanaf 2026 begrenzen de opleidingsplaatsen de instroom in mbo 2 BBL, mbo 3 BBL, mbo 4 BBL en hbo duaal",
	} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the report does not say %q", want)
		}
	}
	if n := strings.Count(flat, "begrenzen de opleidingsplaatsen"); n != 1 {
		t.Errorf("the training places' cap is told %d times, want once", n)
	}
}

// TestReportHasNoCodeOrFileNames: what a board reads names no field of the
// region file, no file and no part of the program.
func TestReportHasNoCodeOrFileNames(t *testing.T) {
	text := pdftext.Text(t, demoPDF(t))
	code := regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b[\w/-]+\.(md|ya?ml|go|xlsx|json|pdf)\b|\(devel\)|\bmodus\b|pakket|forecast|\bnil\b|0-1\)|[<>]=`)
	for _, m := range code.FindAllString(text, -1) {
		t.Errorf("the report shows %q", m)
	}
	for _, key := range []string{"bol-naar-bbl", "raat-plan", "grotere-contracten", "data/employers", "twente.yaml"} {
		if strings.Contains(text, key) {
			t.Errorf("the report shows the key %q where a board reads a name", key)
		}
	}
}

// TestReportPagesRenderAsVectors renders every page to PNG, checks that
// each has something on it, and that the PDF holds no raster image: the
// charts are vector graphics.
func TestReportPagesRenderAsVectors(t *testing.T) {
	path := demoPDF(t)
	imgs := poppler.Images(t, path)
	if len(imgs) > 0 {
		t.Errorf("the report holds %d raster images, want none:\n%s", len(imgs), strings.Join(imgs, "\n"))
	}
	dir := os.Getenv("RAAT_PAGES") // to look at them
	if dir == "" {
		dir = t.TempDir()
	}
	pages := poppler.Pages(t, path, dir, 50)
	if len(pages) < 10 || len(pages) > 14 {
		t.Errorf("%d pages, want 10 to 14", len(pages))
	}
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		b := img.Bounds()
		dark := 0
		for y := b.Min.Y; y < b.Max.Y; y += 2 {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
					dark++
				}
			}
		}
		// A page with only its footer has some 50 dark samples at 50 dpi,
		// one with a sentence besides some 150.
		if dark < 120 {
			t.Errorf("%s: nearly empty (%d dark samples)", filepath.Base(p), dark)
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

func TestCleanNotes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"elke branche vermenigvuldigt dit met zijn outflow_factor. afgeleid: Twente.", "elke branche vermenigvuldigt dit met zijn uitstroomfactor. afgeleid: Twente."},
		{"~56.000 werkenden (REFERENCE.md: 336.700 werkenden).", "~56.000 werkenden (gepubliceerde cijfers: 336.700 werkenden)."},
		{"rond 7-8%; niet in REFERENCE.md. Alleen de hefboom.", "rond 7-8%; geen gepubliceerd cijfer gevonden. Alleen de hefboom."},
		{"~56.000 werkenden (docs/sources.md: 336.700 werkenden).", "~56.000 werkenden (gepubliceerde cijfers: 336.700 werkenden)."},
		{"rond 7-8%; niet in docs/sources.md. Alleen de hefboom.", "rond 7-8%; geen gepubliceerd cijfer gevonden. Alleen de hefboom."},
		{"Zie data/twente.yaml voor meer. De rest blijft.", "De rest blijft."},
		{"Met een veld foo_bar erin. Goed.", "Goed."},
	} {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoteItems(t *testing.T) {
	ns := notes{"branches": "Per branche: werkenden. Werkenden: afgeleid. ~56.000. Vraaggroei: aanname per branche (PZW 2024). Leeftijdsopbouw: afgeleid."}
	if got, want := ns.item("branches", "Vraaggroei"), "aanname per branche (PZW 2024)."; got != want {
		t.Errorf("item Vraaggroei %q, want %q", got, want)
	}
	if got := ns.item("branches", "Vacatures"); got != "" {
		t.Errorf("an item the note lacks: %q", got)
	}
}
