package web

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"raat/ingest"
)

// TestBoardChoosesAnyScenarios: the dashboard compares the scenarios the
// reader ticks, in their colours and board names, with the branch table,
// the heatmap of each, the plan's actions and the sensitivity.
func TestBoardChoosesAnyScenarios(t *testing.T) {
	e := newEnv(t)
	board := e.login("bestuur@wgv.nl")
	page, resp := board.get("/bestuur?s=basis&s=behoud&s=zij-instroom")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`<input type="checkbox" name="s" value="behoud" checked>`, `<input type="checkbox" name="s" value="zij-instroom" checked>`,
		`<input type="checkbox" name="s" value="raat-plan">`, `fill="#7570b3"`, // behoud's colour
		"</svg> Behoud</h2>", "</svg> Zij-instroom</h2>", "Per branche in 2040", "<td>VVT (ouderenzorg)</td>",
		"/grafiek/branches.svg?s=basis&amp;s=behoud&amp;s=zij-instroom", "/grafiek/niveaus.svg?s=zij-instroom",
		"/bestuur/tabel/branches.xlsx?s=basis&amp;s=behoud&amp;s=zij-instroom", "/grafiek/gevoeligheid.svg?s=basis",
		"Welke aanname weegt het zwaarst?", "Het meest weegt",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
	if strings.Contains(page, "/grafiek/acties.svg") {
		t.Error("actions of zij-instroom, a one-lever scenario")
	}
	// Choosing the plan shows its actions, ranked, with the reason the
	// opleidingsquote is costly.
	page, _ = board.get("/bestuur?s=basis&s=raat-plan")
	for _, want := range []string{"Wat brengen de acties van het RAAT-plan op?", "/grafiek/acties.svg?s=raat-plan", "Op zichzelf gedicht 2040 (fte)",
		"Waarom is opleidingsquote duur?", "Samen", "het RAAT-plan verkleint het tot", "Waarom groeit de vraag?"} {
		if !strings.Contains(page, want) {
			t.Errorf("the dashboard with the plan lacks %q", want)
		}
	}
	if _, resp := board.get("/bestuur?s=bestaat-niet"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown scenario: %d, want 400", resp.StatusCode)
	}
}

// TestBoardTablesDownload: the branch and shortfall tables as Excel (a
// workbook ingest writes) and as CSV, for the chosen scenarios.
func TestBoardTablesDownload(t *testing.T) {
	e := newEnv(t)
	board := e.login("bestuur@wgv.nl")
	body, resp := board.get("/bestuur/tabel/branches.csv?s=basis&s=raat-plan")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if lines[0] != "branche;Basis (fte);Basis (% van de vraag);RAAT-plan (fte);RAAT-plan (% van de vraag)" || len(lines) != 11 {
		t.Errorf("csv header %q and %d lines, want 11", lines[0], len(lines))
	}
	if !regexp.MustCompile(`^VVT \(ouderenzorg\);\d+;\d+,\d;`).MatchString(lines[2]) {
		t.Errorf("csv VVT line %q", lines[2])
	}
	xlsx, resp := board.get("/bestuur/tabel/tekort.xlsx?s=basis&s=behoud")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(xlsx, "PK") || !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("xlsx: %d, %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	if ct := resp.Header.Get("Content-Type"); ct != contentTypes["xlsx"] {
		t.Errorf("xlsx: content type %q", ct)
	}
	if len(xlsx) < 1000 {
		t.Errorf("a workbook of %d bytes", len(xlsx))
	}
	for _, p := range []string{"/bestuur/tabel/tekort.json", "/bestuur/tabel/passwd", "/bestuur/tabel/tekort.csv.exe"} {
		if _, resp := board.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	if _, resp := e.login("a@zorg.nl").get("/bestuur/tabel/tekort.csv"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an employer downloads the board's table: %d, want 403", resp.StatusCode)
	}
}

// TestChartsRenderUnderTheCSP: every chart the pages show is served under
// the site's Content-Security-Policy, which allows no inline style, and
// has none: opened on its own it renders as in the page.
func TestChartsRenderUnderTheCSP(t *testing.T) {
	e := newEnv(t)
	board := e.login("bestuur@wgv.nl")
	for _, p := range []string{"/grafiek/tekort.svg?s=basis&s=raat-plan", "/grafiek/branches.svg?s=basis&s=raat-plan",
		"/grafiek/niveaus.svg?s=basis", "/grafiek/acties.svg?s=raat-plan", "/grafiek/gevoeligheid.svg?s=basis",
		"/grafiek/waterval.svg?s=raat-plan", "/grafiek/stromen.svg", "/grafiek/opleidingsquote.svg"} {
		svg, resp := board.get(p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", p, resp.StatusCode)
			continue
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if regexp.MustCompile(`\sstyle=|<style`).MatchString(svg) {
			t.Errorf("%s: inline styles the CSP refuses", p)
		}
		if !strings.Contains(svg, `font-family="'Liberation Sans', Arimo, Arial, Helvetica, sans-serif"`) {
			t.Errorf("%s: no font stack", p)
		}
	}
}

// TestAcceptedUploadSaysWhatWasRead: the page of an accepted upload says
// what raat read, as raat ingest prints it.
func TestAcceptedUploadSaysWhatWasRead(t *testing.T) {
	e := newEnv(t)
	a := e.login("a@zorg.nl")
	resp := a.upload(e.nameA, e.fileA, a.csrfOf("/werkgever"))
	body, _ := a.get(resp.Header.Get("Location"))
	sub, _ := ingest.ReadWorkbook("x.xlsx", bytes.NewReader(e.fileA), int64(len(e.fileA)), ingest.Options{})
	want := "Gelezen: " + sub.Employer.Name
	for _, w := range []string{want, "peildatum 31-12-2025", "medewerkers", " fte</strong>"} {
		if !strings.Contains(body, w) {
			t.Errorf("the accepted upload's page lacks %q:\n%.1500s", w, body)
		}
	}
}
