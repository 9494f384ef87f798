package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"raat/analysis"
	"raat/internal/pdftext"
	"raat/internal/svgtext"
)

// TestOneCentralEstimate: the dashboard's headline, the end labels of the
// chart beside it, and the report's text and table give each scenario's
// shortfall at the horizon as the same number, the study's central
// estimate rounded for a board, and none of them the Monte Carlo's P50. The region is built
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
	text, _ := pdftext.Of(t, []byte(pdf))
	st, err := e.server.study(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range boardScenarios {
		o, err := st.study.Outcome(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		h := o.Horizon()
		central, p50 := analysis.RoundText(h.Central), analysis.RoundText(h.P50)
		if central == p50 {
			t.Fatalf("%s: central estimate and P50 both round to %s; the test cannot tell them apart", name, central)
		}
		label := o.Scenario.Label()
		head := regexp.MustCompile(`(?s)</svg> ` + regexp.QuoteMeta(label) + `</h2>.*?<p class="big[^"]*">(\S+) <span class="unit">fte (\S+)`).FindStringSubmatch(page)
		want, side := central, "tekort"
		if h.Central < 0 {
			want, side = analysis.RoundText(-h.Central), "overschot"
		}
		if head == nil || head[1] != want || head[2] != side {
			t.Errorf("%s: the dashboard's headline %q, want %s fte %s", name, head, want, side)
		}
		band := fmt.Sprintf("8 van de 10 uitkomsten liggen tussen ca. %s en %s fte", analysis.RoundText(h.Low), analysis.RoundText(h.High))
		if !strings.Contains(page, band) {
			t.Errorf("%s: the dashboard does not say %q", name, band)
		}
		if !slices.Contains(labels, central) || slices.Contains(labels, p50) {
			t.Errorf("%s: chart labels %q, want %s and not the P50 %s", name, labels, central, p50)
		}
		if text == "" {
			continue
		}
		row := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(label) + `\s+\S+\s+\S+\s+(\S+)\s+\S+\s+\S+ tot \S+\s*$`).FindStringSubmatch(text)
		if row == nil || row[1] != central {
			t.Errorf("%s: the report's table row %q, want %s at the horizon", name, row, central)
		}
		sentence := fmt.Sprintf("Ca. %s fte tekort in %d", central, h.Year)
		if i > 0 {
			sentence = fmt.Sprintf("in %d ca. %s fte %s", h.Year, want, map[bool]string{true: "overschot", false: "tekort"}[h.Central < 0])
		}
		if !strings.Contains(strings.Join(strings.Fields(text), " "), sentence) {
			t.Errorf("%s: the report's text does not say %q", name, sentence)
		}
	}
}
