package report

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"raat/chart"
	"raat/internal/pdftext"
	"raat/internal/svgtext"
	"raat/nl"
)

// TestReportQuotesTheCentralEstimate: the headline text, the table and the
// end labels of the shortfall chart on page 1 give each scenario's horizon
// shortfall as the same number, the study's central estimate, and the
// table's band is the study's P10 to P90.
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
	for i, o := range outs {
		h := o.Horizon()
		central, p50 := nl.Int(h.Central), nl.Int(h.P50)
		if central == p50 {
			t.Fatalf("%s: central estimate and P50 both %s; the test cannot tell them apart", o.Scenario.Name, central)
		}
		if !slices.Contains(labels, central) || slices.Contains(labels, p50) {
			t.Errorf("%s: chart labels %q, want the central estimate %s and not the P50 %s", o.Scenario.Name, labels, central, p50)
		}
		if text == "" {
			continue
		}
		row := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(o.Scenario.Name) + `\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) tot (\S+)\s*$`).FindStringSubmatch(text)
		if row == nil {
			t.Fatalf("%s: no table row in the report:\n%s", o.Scenario.Name, text)
		}
		if row[3] != central || row[4] != nl.Int(h.Low) || row[5] != nl.Int(h.High) {
			t.Errorf("%s: table row %q, want %s with band %s tot %s", o.Scenario.Name, row[0], central, nl.Int(h.Low), nl.Int(h.High))
		}
		var sentence string
		switch {
		case i == 0:
			sentence = fmt.Sprintf("tot %s fte in %d", central, h.Year)
		case h.Central < 0:
			sentence = fmt.Sprintf("in %d een overschot van %s fte", h.Year, nl.Int(-h.Central))
		default:
			sentence = fmt.Sprintf("in %d een tekort van %s fte", h.Year, central)
		}
		if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, sentence) {
			t.Errorf("%s: the text does not say %q", o.Scenario.Name, sentence)
		}
	}
}
