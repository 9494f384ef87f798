package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"raat/internal/pdftext"
	"raat/internal/svgtext"
	"raat/nl"
)

// TestOneCentralEstimate: the dashboard's headline, the end labels of the
// chart beside it, and the report's text and table give each scenario's
// shortfall at the horizon as the same number, the study's central
// estimate, and none of them the Monte Carlo's P50. The region is built
// from an employer's upload, as in use.
func TestOneCentralEstimate(t *testing.T) {
	e := newEnv(t)
	a := e.login("a@zorg.nl")
	if resp := a.upload(e.nameA, e.fileA, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	board := e.login("bestuur@wgv.nl")
	page, resp := board.get("/bestuur")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d", resp.StatusCode)
	}
	svg, _ := board.get("/grafiek/tekort.svg?s=basis&s=raat-plan")
	labels := svgtext.Texts([]byte(svg))
	pdf, resp := board.get("/rapport.pdf")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("report: %d", resp.StatusCode)
	}
	// The text checks below need pdftotext: without it this subtest
	// reports SKIP (FAIL under RAAT_REQUIRE_TOOLS=1) and they are passed over.
	var text string
	t.Run("pdftotext", func(t *testing.T) { text = pdftext.Of(t, []byte(pdf)) })
	st, err := e.server.study(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range boardScenarios {
		o, err := st.study.Outcome(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		h := o.Horizon()
		central, p50 := nl.Int(h.Central), nl.Int(h.P50)
		if central == p50 {
			t.Fatalf("%s: central estimate and P50 both %s; the test cannot tell them apart", name, central)
		}
		head := regexp.MustCompile(`(?s)<h2>` + regexp.QuoteMeta(name) + `</h2>.*?<p class="big[^"]*">(\S+) <span`).FindStringSubmatch(page)
		if head == nil || head[1] != central {
			t.Errorf("%s: the dashboard's headline %q, want the central estimate %s", name, head, central)
		}
		if band := h.BandText(); !strings.Contains(page, band) {
			t.Errorf("%s: the dashboard does not say %q", name, band)
		}
		if !slices.Contains(labels, central) || slices.Contains(labels, p50) {
			t.Errorf("%s: chart labels %q, want %s and not the P50 %s", name, labels, central, p50)
		}
		if text == "" {
			continue
		}
		row := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `\s+\S+\s+\S+\s+(\S+)\s+\S+ tot \S+\s*$`).FindStringSubmatch(text)
		if row == nil || row[1] != central {
			t.Errorf("%s: the report's table row %q, want %s at the horizon", name, row, central)
		}
		sentence := fmt.Sprintf("tot %s fte in %d", central, h.Year)
		if name != "basis" {
			verb, n := "een tekort van", central
			if h.Central < 0 {
				verb, n = "een overschot van", nl.Int(-h.Central)
			}
			sentence = fmt.Sprintf("in %d %s %s fte", h.Year, verb, n)
		}
		if !strings.Contains(strings.Join(strings.Fields(text), " "), sentence) {
			t.Errorf("%s: the report's text does not say %q", name, sentence)
		}
	}
}
