package analysis_test

import (
	"context"
	"fmt"

	"raat/analysis"
	"raat/nl"
	"raat/region"
	"raat/scenarios"
)

// The central estimate of a scenario with the band of 200 draws around it,
// as every surface of raat quotes them.
func ExampleStudy_Outcome() {
	r, err := region.Twente()
	if err != nil {
		panic(err)
	}
	basis, err := scenarios.Lookup("basis")
	if err != nil {
		panic(err)
	}
	st, err := analysis.New(analysis.Data{Region: r, Source: "data/twente.yaml"}, []*scenarios.Scenario{basis},
		analysis.Options{To: 2030, Draws: 200, Seed: 7})
	if err != nil {
		panic(err)
	}
	o, err := st.Outcome(context.Background(), "basis")
	if err != nil {
		panic(err)
	}
	h := o.Horizon()
	fmt.Printf("%s %d: %s fte (%s); %s\n", o.Scenario.Name, h.Year, nl.Int(h.Central), analysis.CentralLabel, h.BandText())
	// Output:
	// basis 2030: 3.657 fte (centrale raming); 8 van de 10 uitkomsten liggen tussen 2.527 en 4.622 fte
}
