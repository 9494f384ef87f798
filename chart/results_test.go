package chart

import (
	"context"
	"slices"
	"testing"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/internal/svgtext"
	"raat/nl"
)

// TestShortfallOfDrawsTheCentralEstimate: the lines of a study's outcomes
// end in labels that are their central estimates at the horizon, not the
// Monte Carlo's P50, and the band is named once.
func TestShortfallOfDrawsTheCentralEstimate(t *testing.T) {
	st := analysistest.Study(t, analysistest.Twente(t), analysis.Options{To: 2034, Draws: 40, Seed: 3}, "basis", "raat-plan")
	outs, err := st.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, err := ShortfallOf("Tekort", outs)
	if err != nil {
		t.Fatal(err)
	}
	texts := svgtext.Texts(render(t, c, SVG))
	for _, o := range outs {
		h := o.Horizon()
		if nl.Int(h.P50) == nl.Int(h.Central) {
			t.Fatalf("%s: P50 and central estimate round alike (%s); the test cannot tell them apart", o.Scenario.Name, nl.Int(h.Central))
		}
		if !slices.Contains(texts, nl.Int(h.Central)) {
			t.Errorf("%s: no end label %s (central estimate) in %q", o.Scenario.Name, nl.Int(h.Central), texts)
		}
		if slices.Contains(texts, nl.Int(h.P50)) {
			t.Errorf("%s: the P50 %s is labelled", o.Scenario.Name, nl.Int(h.P50))
		}
	}
	n := 0
	for _, s := range texts {
		if s == analysis.BandLabel {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the band is named %d times in the legend, want once", n)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(f.String())
		if err != nil || got != f {
			t.Errorf("%v: %v, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("gif"); err == nil {
		t.Error("gif accepted")
	}
}
