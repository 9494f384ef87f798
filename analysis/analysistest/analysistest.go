// Package analysistest makes the studies that tests of the packages
// around analysis need: the embedded Twente demo, or other data, under
// built-in scenarios.
package analysistest

import (
	"testing"

	"raat/analysis"
	"raat/region"
	"raat/scenarios"
)

// Twente returns the embedded Twente demo region, or stops the test.
func Twente(t testing.TB) analysis.Data {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Data{Region: r, Source: "data/twente.yaml (ingebouwd)"}
}

// Scenarios looks up the named scenarios, or stops the test.
func Scenarios(t testing.TB, names ...string) []*scenarios.Scenario {
	t.Helper()
	var scs []*scenarios.Scenario
	for _, n := range names {
		sc, err := scenarios.Lookup(n)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, sc)
	}
	return scs
}

// Study returns the study of the named scenarios on the data, or stops
// the test.
func Study(t testing.TB, data analysis.Data, opt analysis.Options, names ...string) *analysis.Study {
	t.Helper()
	st, err := analysis.New(data, Scenarios(t, names...), opt)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
