package chart

import (
	"context"
	"slices"
	"testing"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/internal/svgtext"
)

// TestShortfallOfDrawsTheCentralEstimate: the lines of a study's outcomes
// end in labels that are their names and central estimates at the
// horizon, rounded as the text rounds them, not the Monte Carlo's P50; the
// band is named once.
func TestShortfallOfDrawsTheCentralEstimate(t *testing.T) {
	st := analysistest.Study(t, analysistest.Twente(t), analysis.Options{To: 2034, Draws: 40, Seed: 3}, "basis", "raat-plan")
	outs, err := st.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, err := ShortfallOf("Tekort", st.BandSource(), outs)
	if err != nil {
		t.Fatal(err)
	}
	texts := svgtext.Texts(render(t, c, SVG))
	for _, o := range outs {
		h := o.Horizon()
		central, p50 := analysis.RoundText(h.Central), analysis.RoundText(h.P50)
		if p50 == central {
			t.Fatalf("%s: P50 and central estimate round alike (%s); the test cannot tell them apart", o.Scenario.Name, central)
		}
		if !slices.Contains(texts, central) || !slices.Contains(texts, o.Scenario.Label()) {
			t.Errorf("%s: no end label %s %s (name, central estimate) in %q", o.Scenario.Name, o.Scenario.Label(), central, texts)
		}
		if slices.Contains(texts, p50) {
			t.Errorf("%s: the P50 %s is labelled", o.Scenario.Name, p50)
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
