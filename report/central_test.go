package report

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"raat/analysis"
	"raat/chart"
	"raat/internal/pdftext"
	"raat/internal/svgtext"
)

// TestReportQuotesTheCentralEstimate: the headline, the text, the table
// and the end labels of the shortfall chart on page 1 give each
// scenario's horizon shortfall as the same number, the study's central
// estimate rounded for a board, and the table's band is the study's P10 to
// P90, rounded alike.
func TestReportQuotesTheCentralEstimate(t *testing.T) {
	ctx := context.Background()
	st := demoStudy(t)
	d, err := build(ctx, st, demoOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	outs, err := st.Outcomes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := d.charts[0].Write(&svg, chart.SVG); err != nil {
		t.Fatal(err)
	}
	labels := svgtext.Texts(svg.Bytes())
	var pdf bytes.Buffer
	if err := d.pdf.Output(&pdf); err != nil {
		t.Fatal(err)
	}
	// The text checks below need pdftotext: without it this subtest
	// reports SKIP (FAIL under RAAT_REQUIRE_TOOLS=1) and they are passed over.
	var text string
	t.Run("pdftotext", func(t *testing.T) { text = pdftext.Of(t, pdf.Bytes()) })
	page1, _, _ := strings.Cut(text, "pagina 1 van")
	flat := strings.Join(strings.Fields(page1), " ")
	for i, o := range outs {
		h := o.Horizon()
		central, p50 := analysis.RoundText(h.Central), analysis.RoundText(h.P50)
		if !slices.Contains(labels, central) || !slices.Contains(labels, o.Scenario.Label()) {
			t.Errorf("%s: chart labels %q, want %s %s", o.Scenario.Name, labels, o.Scenario.Label(), central)
		}
		if central != p50 && slices.Contains(labels, p50) {
			t.Errorf("%s: the chart labels the P50 %s", o.Scenario.Name, p50)
		}
		if text == "" {
			continue
		}
		row := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(o.Scenario.Label()) + `\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) tot (\S+)\s*$`).FindStringSubmatch(page1)
		if row == nil {
			t.Fatalf("%s: no table row on page 1:\n%s", o.Scenario.Name, page1)
		}
		if row[3] != central || row[5] != analysis.RoundText(h.Low) || row[6] != analysis.RoundText(h.High) {
			t.Errorf("%s: table row %q, want %s with band %s tot %s", o.Scenario.Name, row[0], central, analysis.RoundText(h.Low), analysis.RoundText(h.High))
		}
		var sentence string
		switch {
		case i == 0:
			sentence = fmt.Sprintf("Ca. %s fte tekort in %d", central, h.Year)
		case h.Central < 0:
			sentence = fmt.Sprintf("in %d ca. %s fte overschot", h.Year, analysis.RoundText(-h.Central))
		case strings.Contains(flat, fmt.Sprintf("Met het %s", o.Scenario.Label())):
			// The plan has its own sentence on page 1.
			sentence = fmt.Sprintf("blijft er in %d ca. %s fte tekort", h.Year, central)
		default:
			sentence = fmt.Sprintf("%s ca. %s", o.Scenario.Label(), central)
		}
		if !strings.Contains(flat, sentence) {
			t.Errorf("%s: page 1 does not say %q:\n%s", o.Scenario.Name, sentence, flat)
		}
	}
}
