package chart

import (
	"math"
	"slices"
	"testing"

	"raat/internal/golden"
	"raat/internal/svgtext"
	"raat/monitor"
)

func TestTrendGolden(t *testing.T) {
	ys := years(2021, 2025)
	c, err := Trend("Opleidingsquote (norm 15), Twente 2021-2025", "Bron: werkgeversuitvraag", "opleidingsquote", ys, []TrendLine{
		{Name: "Twente", Values: []float64{8.0, 8.4, 8.6, 8.7, 8.9}, Estimated: []bool{false, false, false, true, false}},
		{Name: "Uw organisatie", Values: []float64{9.1, math.NaN(), 9.6, 9.7, 9.5}},
	}, 15, "norm 15", 1)
	if err != nil {
		t.Fatal(err)
	}
	svg := render(t, c, SVG)
	golden.Check(t, "trend.svg", svg)
	texts := svgtext.Texts(svg)
	for _, want := range []string{"2021", "2022", "2023", "2024", "2025", "8,0", "8,9", "norm 15", "Uw organisatie", "peildatum"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if _, err := Trend("x", "", "y", ys, []TrendLine{{Name: "a", Values: []float64{1}}}, 0, "", 0); err == nil {
		t.Error("a series of one value for five years was accepted")
	}
	if _, err := Trend("x", "", "y", nil, nil, 0, "", 0); err == nil {
		t.Error("a chart without years was accepted")
	}
}

func TestBacktestGolden(t *testing.T) {
	nan := math.NaN()
	origin := func(year int, central, low, high, realised []float64) monitor.Origin {
		o := monitor.Origin{Year: year}
		for q := range monitor.Quantity(monitor.NumQuantities) {
			o.Central[q], o.Low[q], o.High[q], o.Realised[q] = [][]float64{central}, [][]float64{low}, [][]float64{high}, [][]float64{realised}
		}
		return o
	}
	bt := &monitor.Backtest{Years: years(2021, 2024), Scopes: []monitor.Scope{{Name: "Twente"}}, Origins: []monitor.Origin{
		origin(2021, []float64{100, 101, 102, 103}, []float64{nan, 99, 98, 97}, []float64{nan, 103, 106, 109}, []float64{100, 96, 95, 97}),
		origin(2022, []float64{96, 94, 92}, []float64{nan, 93, 90}, []float64{nan, 95, 94}, []float64{96, 95, 97}),
		origin(2023, []float64{95, 95}, []float64{nan, 94}, []float64{nan, 96}, []float64{95, 97}),
	}}
	c, err := BacktestOf(bt, monitor.Headcount, 0)
	if err != nil {
		t.Fatal(err)
	}
	svg := render(t, c, SVG)
	golden.Check(t, "backtest.svg", svg)
	texts := svgtext.Texts(svg)
	for _, want := range []string{"prognose vanaf 2021", "prognose vanaf 2023", "gerealiseerd", "band: 8 van de 10 uitkomsten", "96", "97"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if _, err := BacktestOf(bt, monitor.Headcount, 1); err == nil {
		t.Error("a scope the backtest lacks was accepted")
	}
}
