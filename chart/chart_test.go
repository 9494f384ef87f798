package chart

import (
	"bytes"
	"strings"
	"testing"

	"raat/internal/golden"
)

func render(t *testing.T, c *Chart, format Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.Write(&b, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func years(from, to int) []int {
	var ys []int
	for y := from; y <= to; y++ {
		ys = append(ys, y)
	}
	return ys
}

func TestShortfallGolden(t *testing.T) {
	ys := years(2025, 2030)
	p, err := Shortfall("Tekort aan personeel in zorg en welzijn, Twente", []Series{
		{Name: "basis", Years: ys, Values: []float64{1480, 2043, 2585, 3050, 3481, 3882},
			Low: []float64{1480, 1900, 2300, 2650, 2950, 3200}, High: []float64{1480, 2200, 2900, 3500, 4000, 4600}},
		{Name: "raat-plan", Years: ys, Values: []float64{1480, 1900, 2100, 2200, 2150, 2000}},
	})
	if err != nil {
		t.Fatal(err)
	}
	svg := render(t, p, SVG)
	golden.Check(t, "shortfall.svg", svg)
	for _, want := range []string{"Tekort aan personeel", "tekort (fte)", "jaar", "band: 8 van de 10 uitkomsten", "raat-plan", "3.882", "2.000"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("svg lacks %q", want)
		}
	}
	if again := render(t, p, SVG); !bytes.Equal(again, svg) {
		t.Error("SVG output is not stable between renders")
	}
	for _, f := range []Format{PNG, PDF} {
		if b := render(t, p, f); len(b) < 1000 {
			t.Errorf("%s: only %d bytes", f, len(b))
		}
	}
}

func TestShortfallRefusesRaggedSeries(t *testing.T) {
	_, err := Shortfall("x", []Series{{Name: "a", Years: years(2025, 2027), Values: []float64{1, 2}}})
	if err == nil || !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("got %v, want an error naming the series", err)
	}
}

func TestSave(t *testing.T) {
	p, err := Shortfall("t", []Series{{Name: "a", Years: years(2025, 2026), Values: []float64{1, 2}}})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := p.Save(t.TempDir(), "tekort")
	if err != nil || len(paths) != 3 {
		t.Fatalf("Save: %v %v", paths, err)
	}
}

func TestWaterfallGolden(t *testing.T) {
	p, err := Waterfall("Van tekort naar raat-plan, 2040", "basis 2040", 6882,
		[]Step{{"bol-naar-bbl", -1109}, {"grotere-contracten", -1847}, {"extra vraag", 400}, {"behoud", -2736}}, "raat-plan 2040")
	if err != nil {
		t.Fatal(err)
	}
	svg := render(t, p, SVG)
	golden.Check(t, "waterfall.svg", svg)
	// bars are labelled with their change; the end bar with the sum
	for _, want := range []string{"6.882", "-1.109", "+400", "1.590", "raat-plan 2040", "vergroot het tekort"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("svg lacks %q", want)
		}
	}
}

func TestFlowsGolden(t *testing.T) {
	ys := years(2025, 2029)
	p, err := Flows("Instroom en uitstroom, Twente", ys,
		[]Stack{{"schoolverlaters", []float64{1351, 1351, 1351, 1349, 1345}}, {"zij-instroom", []float64{3683, 3683, 3683, 3683, 3683}}},
		[]Stack{{"pensioen", []float64{540, 727, 753, 793, 815}}, {"andere uitstroom", []float64{5928, 5695, 5541, 5439, 5357}}})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "flows.svg", render(t, p, SVG))
	if _, err := Flows("x", ys, []Stack{{"a", []float64{1}}}, nil); err == nil {
		t.Error("a stack with too few values was accepted")
	}
}

func TestQuotesGolden(t *testing.T) {
	p, err := Quotes("Opleidingsquote per werkgever", []string{"Ziekenhuis", "Zorggroep", "Thuiszorg"}, []float64{10.6, 17.2, 4.1}, 15)
	if err != nil {
		t.Fatal(err)
	}
	svg := render(t, p, SVG)
	golden.Check(t, "quotes.svg", svg)
	if !bytes.Contains(svg, []byte("referentie 15")) {
		t.Error("no reference line in the legend")
	}
	if _, err := Quotes("x", []string{"a"}, nil, 15); err == nil {
		t.Error("names without quotes accepted")
	}
}

func TestOutflowGolden(t *testing.T) {
	p, err := Outflow("Uitstroom per branche naar reden", []string{"Ziekenhuizen", "VVT"}, []string{"pensioen", "andere sector"},
		[][]float64{{80, 400}, {250, 1200}})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "outflow.svg", render(t, p, SVG))
	if _, err := Outflow("x", []string{"a", "b"}, []string{"r"}, [][]float64{{1}}); err == nil {
		t.Error("a reason with too few values was accepted")
	}
}
