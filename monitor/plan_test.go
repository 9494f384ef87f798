package monitor

import (
	"context"
	"math"
	"testing"

	"raat/forecast"
	"raat/scenarios"
)

// testPlan is a plan made on 2022: 80 lateral entrants a year more from
// 2024 (kort) and 20% less outflow over three years (middellang), both
// starting in 2023, the year after the base year.
func testPlan() *scenarios.Scenario {
	return &scenarios.Scenario{Name: "testplan", Levers: []scenarios.Lever{
		{Lever: forecast.Lever{Kind: forecast.LateralEntry, Size: 80, Start: 2023, Horizon: forecast.Kort}},
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.2, Start: 2023, Horizon: forecast.Middellang}},
	}}
}

// TestPlanGapAddsUp: the steady history, but from 2025 on the employers
// hire exactly the 80 lateral entrants a year the plan asks (50 at A, 30
// at D), while their outflow stays. The lateral-entry lever delivered
// exactly: its targets are met, it is taken at its planned size, and it
// contributes exactly zero; behoud delivered nothing and contributes
// less staff than planned; the parts and the rest add up to the gap.
func TestPlanGapAddsUp(t *testing.T) {
	bs := steady()
	for _, b := range bs {
		if b.year >= 2025 {
			switch b.kvk {
			case "10000001":
				b.hires += 50
			case "10000004":
				b.hires += 30
			}
		}
	}
	h := history(t, bs)
	p, err := h.NewPlan(context.Background(), testRegion(), testPlan(), 2022)
	if err != nil {
		t.Fatal(err)
	}
	lat := p.Target(LateralHires)
	// The lateral target counts from 2024 (the lever's first year's flows
	// are reported in 2025): 112 before, 192 after.
	if lat.From != 2024 || lat.Base != 112 || lat.Target[2] != 192 || lat.Progress[2] != OnTrack || lat.Progress[1] != NotStarted {
		t.Errorf("lateral target from %d at %v: %v, %v", lat.From, lat.Base, lat.Target, lat.Progress)
	}
	out := p.Target(OutflowRate)
	base := 112.0 / 1200
	if out.From != 2024 || math.Abs(out.Target[2]-base*(1-0.2/3)) > 1e-15 || out.Progress[2] != Behind {
		t.Errorf("outflow target from %d: %v, %v", out.From, out.Target, out.Progress)
	}
	g := p.Gap
	var lateral, retention *LeverGap
	for i := range g.Levers {
		switch g.Levers[i].Lever.Kind {
		case forecast.LateralEntry:
			lateral = &g.Levers[i]
		case forecast.Retention:
			retention = &g.Levers[i]
		}
	}
	if lateral.Achieved != 1 || lateral.Realised != lateral.Lever {
		t.Errorf("lateral entry achieved %v (%+v)", lateral.Achieved, lateral.Realised)
	}
	if retention.Achieved != 0 || retention.Realised.Size != 0 {
		t.Errorf("behoud achieved %v", retention.Achieved)
	}
	total := g.Total()
	for j, y := range g.Years {
		if lateral.Effect[j] != 0 {
			t.Errorf("%d: the exactly delivered lever contributes %v", y, lateral.Effect[j])
		}
		if y >= 2025 && retention.Effect[j] >= 0 {
			t.Errorf("%d: behoud, not delivered, contributes %v", y, retention.Effect[j])
		}
		sum := g.Rest[j]
		for _, lg := range g.Levers {
			sum += lg.Effect[j]
		}
		if math.Abs(sum-total[j]) > 1e-9 {
			t.Errorf("%d: parts add up to %v, the gap is %v", y, sum, total[j])
		}
	}
}

// TestDemoPlanGapAddsUp: on the demo's history, raat-plan made on 2022.
func TestDemoPlanGapAddsUp(t *testing.T) {
	h, base := demoHistory(t)
	sc, err := scenarios.Lookup("raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	p, err := h.NewPlan(context.Background(), base, sc, 2022)
	if err != nil {
		t.Fatal(err)
	}
	g := p.Gap
	total := g.Total()
	for j, y := range g.Years {
		sum := g.Rest[j]
		for _, lg := range g.Levers {
			sum += lg.Effect[j]
		}
		if math.Abs(sum-total[j]) > 1e-9*math.Abs(total[j]) {
			t.Errorf("%d: parts add up to %v, the gap is %v", y, sum, total[j])
		}
		if math.Abs(g.Forecast[j]-p.Forecast.Total(y).WorkforceFTE) > 1e-9 {
			t.Errorf("%d: the gap's forecast %v is not the study's %v", y, g.Forecast[j], p.Forecast.Total(y).WorkforceFTE)
		}
	}
	if len(p.Employers) != 13 {
		t.Errorf("%d employers with targets, want the 13 of 2022", len(p.Employers))
	}
}
