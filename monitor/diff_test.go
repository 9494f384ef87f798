package monitor

import (
	"context"
	"math"
	"testing"

	"raat/forecast"
	"raat/scenarios"
)

func edition(name string, r *forecast.Region, levers ...forecast.Lever) Edition {
	return Edition{Name: name, Region: r, Levers: levers}
}

// TestDiffOfItselfIsZero: every part of every scope is exactly zero.
func TestDiffOfItselfIsZero(t *testing.T) {
	a := edition("a", testRegion())
	d, err := Compare(context.Background(), a, a, 2030)
	if err != nil {
		t.Fatal(err)
	}
	for g := range Group(NumGroups) {
		for s, v := range d.Parts[g] {
			if v != 0 {
				t.Errorf("%s, %s: %v", g.Label(), d.Scopes[s].Name, v)
			}
		}
	}
}

// TestDiffNamesTheGroupThatChanged: an edition that differs from another
// in one group only gets the whole change in that group, and exactly zero
// in the others; so each input sits in the group its doc names.
func TestDiffNamesTheGroupThatChanged(t *testing.T) {
	vvt := func(r *forecast.Region) *forecast.Cell { return &r.Cells[forecast.VVT][forecast.Mbo3] }
	retention := forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2026, Horizon: forecast.Kort}
	tests := []struct {
		group  Group
		change func(r *forecast.Region)
		levers []forecast.Lever
	}{
		{StockData, func(r *forecast.Region) { vvt(r).Headcount[30-forecast.MinAge] += 150 }, nil},
		{StockData, func(r *forecast.Region) { vvt(r).PartTimeFactor = 0.7 }, nil},
		{StockData, func(r *forecast.Region) { r.BaseYear = 2026 }, nil},
		{Rates, func(r *forecast.Region) {
			for a := range vvt(r).OtherOutflowRate {
				vvt(r).OtherOutflowRate[a] = 0.12
			}
		}, nil},
		{Rates, func(r *forecast.Region) { vvt(r).LateralEntry = 20 }, nil},
		{Demand, func(r *forecast.Region) { vvt(r).DemandGrowth = 0.02 }, nil},
		{Demand, func(r *forecast.Region) { vvt(r).OpenVacanciesFTE = 40 }, nil},
		{Levers, func(*forecast.Region) {}, []forecast.Lever{retention}},
	}
	for _, tt := range tests {
		t.Run(tt.group.Label(), func(t *testing.T) {
			b := testRegion()
			tt.change(b)
			d, err := Compare(context.Background(), edition("oud", testRegion()), edition("nieuw", b, tt.levers...), 2032)
			if err != nil {
				t.Fatal(err)
			}
			if d.Total(0) == 0 {
				t.Fatal("the change changes nothing: the test proves nothing")
			}
			for g := range Group(NumGroups) {
				want := 0.0
				if g == tt.group {
					want = d.Total(0)
				}
				if got := d.Parts[g][0]; (g != tt.group && got != 0) || math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: %v, want %v", g.Label(), got, want)
				}
			}
		})
	}
}

// TestDemoDiffAddsUp: the editions of peildatum 2024 and 2025 of the demo
// under raat-plan (whose levers start a year after each base year): the
// parts add up to the change, for the region and every branch, and the
// levers' part is zero.
func TestDemoDiffAddsUp(t *testing.T) {
	h, base := demoHistory(t)
	sc, _ := scenarios.Lookup("raat-plan")
	a, err := h.EditionOf(base, 2024, sc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.EditionOf(base, 2025, sc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compare(context.Background(), a, b, 2040)
	if err != nil {
		t.Fatal(err)
	}
	for s := range d.Scopes {
		var sum float64
		for g := range Group(NumGroups) {
			sum += d.Parts[g][s]
		}
		if math.Abs(sum-d.Total(s)) > 1e-9*max(1, math.Abs(d.Total(s))) {
			t.Errorf("%s: parts add up to %v, the change is %v", d.Scopes[s].Name, sum, d.Total(s))
		}
	}
	// The same plan in both editions: its levers change nothing (they start
	// a year after each run's base year; the delay is the stock's).
	for s := range d.Scopes {
		if d.Parts[Levers][s] != 0 {
			t.Errorf("%s: the same plan in both editions, yet its levers change %v", d.Scopes[s].Name, d.Parts[Levers][s])
		}
	}
	// Another plan in the new edition does change the levers' part.
	other, _ := scenarios.Lookup("behoud")
	c, err := h.EditionOf(base, 2025, other)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Compare(context.Background(), a, c, 2040)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Parts[Levers][0] == 0 {
		t.Error("raat-plan against behoud: the levers change nothing")
	}
	// The 2025 edition is the region raat builds from the 2025 workbooks.
	r, _, err := h.RegionOf(base, 2025)
	if err != nil {
		t.Fatal(err)
	}
	res, err := forecast.Run(r, sc.ForecastLevers(2025), forecast.Options{To: 2040})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Total(2040).ShortfallFTE; math.Abs(got-d.After[0]) > 1e-9 {
		t.Errorf("the new edition's shortfall %v, its own run %v", d.After[0], got)
	}
}
