package chart

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"raat/internal/golden"
	"raat/internal/svgtext"
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

// examples are one chart of every kind, drawn from hand-written numbers:
// the goldens, and the charts the other tests look into.
func examples(t *testing.T) map[string]*Chart {
	t.Helper()
	must := func(c *Chart, err error) *Chart {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ys := years(2025, 2030)
	src := "Bron: raat, prognose op het regiobestand van Twente (basisjaar 2025)."
	return map[string]*Chart{
		"shortfall": must(Shortfall("Tekort aan personeel in zorg en welzijn, Twente", src, []Series{
			{Name: "Basis", Style: ScenarioStyle("basis"), Years: ys, Values: []float64{1480, 2043, 2585, 3050, 3481, 3882}, End: "3.900",
				Low: []float64{1480, 1900, 2300, 2650, 2950, 3200}, High: []float64{1480, 2200, 2900, 3500, 4000, 4600}},
			{Name: "BOL naar BBL", Style: ScenarioStyle("bol-naar-bbl"), Years: ys, Values: []float64{1480, 2000, 2400, 2800, 3300, 3800}},
			{Name: "RAAT-plan", Style: ScenarioStyle("raat-plan"), Years: ys, Values: []float64{1480, 1900, 1200, 400, -150, -600}, End: "-600",
				Low: []float64{1480, 1700, 900, 0, -700, -1300}, High: []float64{1480, 2100, 1500, 800, 400, 100}},
		})),
		"waterfall": must(Waterfall("Van basis naar RAAT-plan, 2040", src, Step{Label: "Basis 2040", Delta: 6882},
			[]Step{{"BOL naar BBL", -1109, ""}, {"Grotere contracten", -1847, ""}, {"Extra vraag", 400, ""}, {"Behoud (minder uitstroom)", -2736, ""}},
			Step{Label: "RAAT-plan 2040"})),
		"flows": must(Flows("Instroom en uitstroom, Twente", src, years(2025, 2029),
			[]Stack{{"schoolverlaters", []float64{1351, 1351, 1351, 1349, 1345}}, {"zij-instromers", []float64{3683, 3683, 3683, 3683, 3683}}},
			[]Stack{{"pensioen", []float64{540, 727, 753, 793, 815}}, {"andere uitstroom", []float64{5928, 5695, 5541, 5439, 5357}}})),
		"quotes": must(Quotes("Opleidingsquote per werkgever", src, []string{"Ziekenhuis", "Zorggroep", "Thuiszorg"}, []float64{10.6, 17.2, 4.1}, 15)),
		"outflow": must(Outflow("Uitstroom per branche naar reden", src, []string{"Ziekenhuizen", "VVT"}, []string{"pensioen", "andere sector"},
			[][]float64{{0.01, 0.011}, {0.05, 0.063}})),
		"branches": must(BranchDots("Tekort per branche in 2040", src, []string{"Ziekenhuizen", "VVT (ouderenzorg)", "Kinderopvang"}, []Dots{
			{Name: "Basis", Style: ScenarioStyle("basis"), Values: []float64{0.088, 0.206, 0.029}},
			{Name: "RAAT-plan", Style: ScenarioStyle("raat-plan"), Values: []float64{-0.082, 0.029, -0.195}},
		})),
		"heatmap": must(Heatmap("Tekort per branche en niveau in 2040", src, []string{"Ziekenhuizen", "Jeugdzorg"}, []string{"mbo 2", "hbo"},
			[][]float64{{0.12, -0.05}, {math.NaN(), 0.31}})),
		"ranked": must(Ranked("Wat elke actie op zichzelf dicht in 2040", src, "fte", []Bar{
			{Label: "Behoud (minder uitstroom)", Value: 2611, Text: "2.600 fte · € 911 per fte-jaar"},
			{Label: "Opleidingsquote", Value: 1098, Text: "1.100 fte · € 52.014 per fte-jaar", Marked: true},
		}, "duur: zie de toelichting")),
		"demand": must(DemandSplit("Groei van de vraag 2025-2040 per branche, Twente", src, []string{"Ziekenhuizen", "VVT (ouderenzorg)", "Kinderopvang"},
			[]float64{0.109, 0.400, -0.043}, []float64{0.104, -0.089, 0.090})),
		"tornado": must(Tornado("Welke aanname weegt het zwaarst?", src, "tekort in 2040 (fte)", 6882, "centrale raming 6.900", []TornadoBar{
			{Label: "Uitstroom (anders dan pensioen)", AtLow: 3371, AtHigh: 10001, LowText: "3.400", HighText: "10.000", LowSetting: "x 0,88", HighSetting: "x 1,12"},
			{Label: "Deeltijdfactor", AtLow: 6785, AtHigh: 6978, LowText: "6.800", HighText: "7.000", LowSetting: "x 0,98", HighSetting: "x 1,02"},
		})),
	}
}

// TestGoldens: every kind of chart, as SVG, byte for byte.
func TestGoldens(t *testing.T) {
	for name, c := range examples(t) {
		t.Run(name, func(t *testing.T) {
			svg := render(t, c, SVG)
			golden.Check(t, name+".svg", svg)
			if again := render(t, c, SVG); !bytes.Equal(again, svg) {
				t.Error("SVG output is not stable between renders")
			}
			for _, f := range []Format{PNG, PDF} {
				if b := render(t, c, f); len(b) < 1000 {
					t.Errorf("%s: only %d bytes", f, len(b))
				}
			}
			if dir := os.Getenv("RAAT_CHARTS"); dir != "" { // to look at them
				if _, err := c.Save(dir, name); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestSVGRendersUnderTheSitesCSP: a style attribute or element is what
// a Content-Security-Policy without 'unsafe-inline' refuses; the charts
// use presentation attributes only, name a font stack that falls back, and
// give every text its measured width.
func TestSVGRendersUnderTheSitesCSP(t *testing.T) {
	for name, c := range examples(t) {
		svg := string(render(t, c, SVG))
		if regexp.MustCompile(`\sstyle=`).MatchString(svg) || strings.Contains(svg, "<style") {
			t.Errorf("%s: the SVG styles inline", name)
		}
		if !strings.Contains(svg, `font-family="`+FontStack+`"`) || !strings.Contains(FontStack, "sans-serif") {
			t.Errorf("%s: no font stack ending in sans-serif", name)
		}
		texts := strings.Count(svg, "<text ")
		if n := strings.Count(svg, `textLength="`); n != texts || texts == 0 {
			t.Errorf("%s: %d of %d texts carry their width", name, n, texts)
		}
	}
}

func TestShortfallLabelsLinesAtTheirEnds(t *testing.T) {
	c := examples(t)["shortfall"]
	texts := svgtext.Texts(render(t, c, SVG))
	for _, want := range []string{"Basis", "3.900", "RAAT-plan", "-600", "BOL naar BBL", "3.800", "band: 8 van de 10 uitkomsten",
		"▲ tekort", "▼ overschot", "0", "2025", "2030", "tekort (fte)"} {
		if !contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	for _, no := range []string{"2031", "2032", "basis", "raat-plan"} {
		if contains(texts, no) {
			t.Errorf("text %q: the axis runs past the horizon, or a key is shown for a name", no)
		}
	}
	// The x axis ends at the horizon: its last tick is 2030.
	if c.plot.X.Max != 2030 {
		t.Errorf("x axis ends at %v, want 2030", c.plot.X.Max)
	}
}

func TestStepTicksLabelZeroAndRoundNumbers(t *testing.T) {
	lo, hi, s := niceRange(-3732, 9408, 5)
	if lo != -5000 || hi != 10000 || s != 2500 {
		t.Fatalf("niceRange(-3732, 9408) = %v, %v, %v; want -5000, 10000, 2500", lo, hi, s)
	}
	var labels []string
	for _, tk := range (stepTicks{Step: s}).Ticks(lo, hi) {
		labels = append(labels, tk.Label)
	}
	if got, want := strings.Join(labels, " "), "-5.000 -2.500 0 2.500 5.000 7.500 10.000"; got != want {
		t.Errorf("ticks %q, want %q", got, want)
	}
	var yl []string
	for _, tk := range (yearTicks{First: 2025, Last: 2040}).Ticks(2025, 2040) {
		if tk.Label != "" {
			yl = append(yl, tk.Label)
		}
	}
	if got, want := strings.Join(yl, " "), "2025 2030 2035 2040"; got != want {
		t.Errorf("year labels %q, want %q", got, want)
	}
}

func TestWaterfallLabelsAndLegend(t *testing.T) {
	texts := svgtext.Texts(render(t, examples(t)["waterfall"], SVG))
	for _, want := range []string{"6.882", "-1.109", "+400", "1.590", "RAAT-plan 2040", "vergroot het tekort", "verkleint het tekort"} {
		if !contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	c, err := Waterfall("x", "", Step{Label: "a", Delta: 10}, []Step{{"b", -3, ""}}, Step{Label: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if texts := svgtext.Texts(render(t, c, SVG)); contains(texts, "vergroot het tekort") {
		t.Error("a legend entry no bar uses")
	}
}

func TestFlowsLegendFollowsTheStack(t *testing.T) {
	c := examples(t)["flows"]
	var got []string
	for _, e := range c.legend {
		got = append(got, e.label)
	}
	want := "in: zij-instromers|in: schoolverlaters|netto verandering|uit: pensioen|uit: andere uitstroom"
	if strings.Join(got, "|") != want {
		t.Errorf("legend %q, want the stack's order %q", strings.Join(got, "|"), want)
	}
	if c.plot.X.Max > 2029.6 {
		t.Errorf("x axis runs to %v, past the last year", c.plot.X.Max)
	}
}

func TestQuotesSortedAndLabelled(t *testing.T) {
	texts := svgtext.Texts(render(t, examples(t)["quotes"], SVG))
	var order []string
	for _, s := range texts {
		if s == "Ziekenhuis" || s == "Zorggroep" || s == "Thuiszorg" {
			order = append(order, s)
		}
	}
	// NominalY writes the bottom row first: Thuiszorg (4,1) is lowest.
	if strings.Join(order, " ") != "Thuiszorg Ziekenhuis Zorggroep" {
		t.Errorf("rows bottom up %q, want the lowest quote at the bottom", order)
	}
	for _, want := range []string{"10,6", "17,2", "4,1", "referentie 15"} {
		if !contains(texts, want) {
			t.Errorf("no text %q", want)
		}
	}
}

func TestDemandSplitRowsAndLabels(t *testing.T) {
	texts := svgtext.Texts(render(t, examples(t)["demand"], SVG))
	var order []string
	for _, s := range texts {
		if s == "Ziekenhuizen" || s == "VVT (ouderenzorg)" || s == "Kinderopvang" {
			order = append(order, s)
		}
	}
	// The largest net change on top (NominalY writes the bottom row first).
	if strings.Join(order, " ") != "Kinderopvang Ziekenhuizen VVT (ouderenzorg)" {
		t.Errorf("rows bottom up %q, want the largest net change on top", order)
	}
	// Net changes: +21%, +31%, +5%; the legend names all three colours.
	for _, want := range []string{"+21%", "+31%", "+5%", "door de bevolking (demografie)", "overige groei", "overige daling"} {
		if !contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	if _, err := DemandSplit("x", "", []string{"a"}, []float64{1, 2}, []float64{1}); err == nil {
		t.Error("mismatched lengths accepted")
	}
}

func TestRefusals(t *testing.T) {
	for name, err := range map[string]error{
		"ragged shortfall": errOf(Shortfall("x", "", []Series{{Name: "a", Years: years(2025, 2027), Values: []float64{1, 2}}})),
		"short flows":      errOf(Flows("x", "", years(2025, 2026), []Stack{{"a", []float64{1}}}, nil)),
		"quotes":           errOf(Quotes("x", "", []string{"a"}, nil, 15)),
		"outflow":          errOf(Outflow("x", "", []string{"a", "b"}, []string{"r"}, [][]float64{{1}})),
		"dots":             errOf(BranchDots("x", "", []string{"a"}, []Dots{{Name: "s", Values: []float64{1, 2}}})),
		"heatmap":          errOf(Heatmap("x", "", []string{"a"}, []string{"c"}, [][]float64{{1, 2}})),
		"ranked":           errOf(Ranked("x", "", "", nil, "")),
		"tornado":          errOf(Tornado("x", "", "", 0, "", nil)),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func errOf(_ *Chart, err error) error { return err }

// TestDrawPDFIsVector: a chart drawn onto a page of a document is paths
// and text in the document's own font, no image.
func TestDrawPDFIsVector(t *testing.T) {
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	doc.SetCompression(false)
	doc.AddPage()
	c := examples(t)["shortfall"]
	c.DrawPDF(doc, 18, 30, 174, 174*c.Aspect(), "sans")
	var b bytes.Buffer
	if err := doc.Output(&b); err != nil {
		t.Fatal(err)
	}
	pdf := b.String()
	if strings.Contains(pdf, "/Subtype /Image") {
		t.Error("the chart went in as an image")
	}
	// Paths: Bézier curves ("c") or lines ("l") and fills; text objects.
	if n := len(regexp.MustCompile(`(?m) l$`).FindAllString(pdf, -1)); n < 50 {
		t.Errorf("%d line segments; the chart was not drawn as paths", n)
	}
	if n := strings.Count(pdf, "BT "); n < 10 {
		t.Errorf("%d text objects, want the chart's labels", n)
	}
	if dir := os.Getenv("RAAT_CHARTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "drawpdf.pdf"), b.Bytes(), 0o644)
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

func TestScenarioStylesAreFixed(t *testing.T) {
	if ScenarioStyle("basis").Color != navy || ScenarioStyle("raat-plan").Color != teal {
		t.Error("basis is not navy or raat-plan not teal")
	}
	if a, b := ScenarioStyle("mijn-plan"), ScenarioStyle("mijn-plan"); a.Color != b.Color {
		t.Error("a saved scenario's colour changes")
	}
	seen := map[[4]uint8]string{}
	for n, c := range ScenarioColors() {
		k := [4]uint8{c.R, c.G, c.B, c.A}
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s share a colour", n, other)
		}
		seen[k] = n
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
