package analysis_test

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"raat/analysis"
	"raat/forecast"
	"raat/region"
)

func TestDemandChangesSplitExactly(t *testing.T) {
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(r, nil, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := analysis.DemandChanges(r, res, 2025, 2040, nil)
	if len(cs) != forecast.NumBranches+1 || cs[len(cs)-1].Branch != forecast.AllBranches {
		t.Fatalf("%d changes, want one per branch and the total", len(cs))
	}
	var demo float64
	for _, c := range cs[:forecast.NumBranches] {
		if !scalar.EqualWithinAbs(c.DemographyFTE+c.OtherFTE, c.ToFTE-c.FromFTE, 1e-9) {
			t.Errorf("%s: %g + %g != %g", c.Branch, c.DemographyFTE, c.OtherFTE, c.ToFTE-c.FromFTE)
		}
		// Demography alone: base-year demand times the index less one.
		if want := c.FromFTE * (r.DemographicIndex(c.Branch, 2040) - 1); !scalar.EqualWithinAbsOrRel(c.DemographyFTE, want, 1e-9, 1e-9) {
			t.Errorf("%s: demography %g, want %g", c.Branch, c.DemographyFTE, want)
		}
		demo += c.DemographyFTE
		var factors float64
		for _, f := range c.Factors {
			factors += f.FTE
		}
		if len(c.Factors) > 0 && !scalar.EqualWithinAbs(factors, c.OtherFTE, 1e-9) {
			t.Errorf("%s: factors sum to %g, other %g", c.Branch, factors, c.OtherFTE)
		}
	}
	if total := cs[len(cs)-1]; !scalar.EqualWithinAbs(total.DemographyFTE, demo, 1e-6) {
		t.Errorf("total demography %g, branches %g", total.DemographyFTE, demo)
	}
	vvt := cs[forecast.VVT]
	if len(vvt.Factors) != 3 || vvt.Factors[0].Name != "epidemiologisch" || !(vvt.Factors[0].FTE > 0) || !(vvt.Factors[1].FTE < 0) {
		t.Errorf("VVT factors %+v, want epidemiologisch up, substitutie down", vvt.Factors)
	}
	// VVT's index by hand from data/twente.yaml: use weights 0.02, 1, 4, 15, 45.
	use := func(p [5]float64) float64 { return 0.02*p[0] + p[1] + 4*p[2] + 15*p[3] + 45*p[4] }
	want := use([5]float64{112000, 346000, 79000, 69000, 27000}) / use([5]float64{117000, 381000, 72000, 49000, 15000})
	if math.Abs(vvt.Index-want) > 1e-12 {
		t.Errorf("VVT index %g, want %g", vvt.Index, want)
	}
	text := analysis.DemandText(r, cs)
	for _, s := range []string{"De vraag naar personeel groeit van 2025 tot 2040 met 22%", "Door de bevolking alleen", "VVT", "75-plussers in Twente groeit van ca. 64.000 tot ca. 96.000 (+50%)"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q:\n%s", s, text)
		}
	}
}
