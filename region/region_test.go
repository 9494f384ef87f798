package region

import (
	"errors"
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"raat/data"
	"raat/forecast"
	"raat/yamldoc"
)

func twente(t testing.TB) *forecast.Region {
	t.Helper()
	r, err := Twente()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTwenteCalibration checks the demo region against the published
// figures of docs/sources.md that it is calibrated to.
func TestTwenteCalibration(t *testing.T) {
	r := twente(t)
	res, err := forecast.Run(r, nil, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := res.Total(r.BaseYear)
	var old float64
	for b := range r.Cells {
		for l := range r.Cells[b] {
			for a, n := range r.Cells[b][l].Headcount {
				if a+forecast.MinAge >= 55 {
					old += n
				}
			}
		}
	}
	checks := []struct {
		name     string
		got      float64
		lo, hi   float64
		citation string
	}{
		{"people", base.Headcount, 50000, 56500, "about 50,000-56,000 in zorg en welzijn in Twente"},
		{"part-time factor", base.WorkforceFTE / base.Headcount, 0.67, 0.70, "0.67 (CBS 2018); 0.67-0.70"},
		{"leavers", base.OutflowRetirement + base.OutflowOther, 6000, 7000, "6,500 leavers (Twente 2016)"},
		{"retirements", base.OutflowRetirement, 500, 580, "538 retired (Twente 2016)"},
		{"share aged 55+", old / base.Headcount, 0.22, 0.28, "about 25% (CBS 2022)"},
		{"opleidingsquote below the reference", 100 * trainingFTE(r) / base.WorkforceFTE, 5, 15, "reference 15 per 100 FTE"},
	}
	for _, c := range checks {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s: %.3f, want %g-%g (%s)", c.name, c.got, c.lo, c.hi, c.citation)
		}
	}
	// Retirements: the base year is of a piece with the years after it (no
	// step from the spread of the age bands), and the wave of the 55-59
	// year-olds, the largest band over 50, reaches the pension age of 67
	// eight to twelve years on.
	ret := func(y int) float64 { return res.Total(y).OutflowRetirement }
	if a, b := ret(r.BaseYear), ret(r.BaseYear+1); math.Abs(b-a) > 0.15*a {
		t.Errorf("retirements %.0f in %d and %.0f in %d, want within 15%% of each other", a, r.BaseYear, b, r.BaseYear+1)
	}
	peak := r.BaseYear
	for y := r.BaseYear; y <= r.BaseYear+15; y++ {
		if ret(y) > ret(peak) {
			peak = y
		}
	}
	if peak < r.BaseYear+6 || peak > r.BaseYear+12 || ret(peak) < 1.5*ret(r.BaseYear) {
		t.Errorf("retirements peak at %.0f in %d, want at least 1.5 x the base year's %.0f, 6 to 12 years on", ret(peak), peak, ret(r.BaseYear))
	}
	// Study yield: BOL mbo4 0.82 x 0.92 x 0.95 x 0.96 (first-year dropout 18%, Skipr).
	if y := yield(r.Programmes[forecast.Mbo4][forecast.BOL].Dropout); math.Abs(y-0.688) > 0.001 {
		t.Errorf("mbo4 BOL yield %.3f, want 0.688", y)
	}
	bol, bbl := r.Programmes[forecast.Mbo3][forecast.BOL], r.Programmes[forecast.Mbo3][forecast.BBL]
	if !(yield(bbl.Dropout) > yield(bol.Dropout) && bbl.SectorYield > bol.SectorYield) {
		t.Error("BBL must have lower dropout and higher sector yield than BOL")
	}
}

func trainingFTE(r *forecast.Region) float64 {
	var f float64
	for i := range r.Trainers {
		f += r.TrainingFTE(&r.Trainers[i])
	}
	return f
}

func yield(dropout []float64) float64 {
	y := 1.0
	for _, d := range dropout {
		y *= 1 - d
	}
	return y
}

// TestFileOrderDoesNotMatter moves branches, levels and fields around and
// expects the very same region.
func TestFileOrderDoesNotMatter(t *testing.T) {
	want := twente(t)
	src := string(data.Twente())
	// Swap the hospital and VVT blocks, and reverse the levels inside each.
	start, mid, end := strings.Index(src, "  ziekenhuizen:\n"), strings.Index(src, "  vvt:\n"), strings.Index(src, "  ggz:\n")
	swapped := src[:start] + src[mid:end] + src[start:mid] + src[end:]
	levels := regexp.MustCompile(`(?m)((?:^      (?:mbo2|mbo3|mbo4|hbo|wo/overig): .*\n)+)`)
	reversed := levels.ReplaceAllStringFunc(swapped, func(block string) string {
		lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
		for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
			lines[i], lines[j] = lines[j], lines[i]
		}
		return strings.Join(lines, "\n") + "\n"
	})
	if reversed == src {
		t.Fatal("reordering changed nothing")
	}
	got, err := Parse("reordered.yaml", []byte(reversed))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("reordered file gives another region")
	}
}

func TestBadFiles(t *testing.T) {
	src := string(data.Twente())
	lineOf := func(s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	tests := []struct {
		name    string
		from    string
		to      string
		line    int
		field   string
		found   string
		wantHas string
	}{
		{"missing field", "pension_age: 67\n", "", lineOf("region: Twente"), "pension_age", "no value", "a whole number"},
		{"negative rate", "mobility_rate: 0.035\n    mobility_weight: 0.80", "mobility_rate: -0.035\n    mobility_weight: 0.80",
			lineOf("  vvt:") + 3, "branches.vvt.mobility_rate", "-0.035", "fraction"},
		{"rate above 1", `"<25": 0.230`, `"<25": 1.230`, lineOf(`"<25": 0.230`), "outflow_by_age.<25", "1.230", "fraction"},
		{"unknown branch", "  jeugdzorg:\n", "  jeugd-zorgg:\n", lineOf("  jeugdzorg:\n"), "branches.jeugd-zorgg", `"jeugd-zorgg"`, "a branch"},
		{"unknown level", "      mbo2:      {headcount: 320", "      mbo7:      {headcount: 320", lineOf("      mbo2:      {headcount: 320"),
			"branches.ziekenhuizen.levels.mbo7", `"mbo7"`, "a level"},
		{"unknown field", "absence_rate: 0.075", "absense_rate: 0.075", lineOf("absence_rate"), "absense_rate", "an unknown field", "absence_rate"},
		{"text for a number", "candidates: 520", "candidates: veel", lineOf("candidates: 520"), "programmes.mbo3.BOL.candidates", `"veel"`, "a number"},
		{"wrong number of dropout rates", "dropout: [0.18, 0.08, 0.05], sector_yield: 0.57", "dropout: [0.18, 0.08], sector_yield: 0.57",
			lineOf("dropout: [0.18, 0.08, 0.05], sector_yield: 0.57"), "programmes.mbo3.BOL.dropout", "2 numbers", "3 numbers"},
		{"route not taught at the level", "    hbo-duaal:   {duration: 4", "    BBL:   {duration: 4", lineOf("    hbo-duaal:   {duration: 4"),
			"programmes.hbo.BBL", `"BBL"`, "a route on which hbo is taught"},
		{"age profile not summing to 1", `"<25": 0.24, "25-34": 0.27`, `"<25": 0.34, "25-34": 0.27`, lineOf(`"<25": 0.24, "25-34": 0.27`),
			"branches.kinderopvang.age_profile", "shares summing to 1.1000", "shares summing to 1"},
		{"not YAML", "region: Twente", "region: [Twente", lineOf("region: Twente"), "", "", "valid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(src, tt.from) {
				t.Fatalf("fixture text %q not in the demo file", tt.from)
			}
			bad := strings.Replace(src, tt.from, tt.to, 1)
			r, err := Parse("bad.yaml", []byte(bad))
			if r != nil || err == nil {
				t.Fatal("accepted")
			}
			var es yamldoc.Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T %v, want yamldoc.Errors", err, err)
			}
			for _, e := range es {
				if e.File == "bad.yaml" && (tt.line == 0 || e.Line == tt.line || tt.name == "not YAML") && e.Field == tt.field &&
					(tt.found == "" || e.Found == tt.found) && strings.Contains(e.Want, tt.wantHas) {
					return
				}
			}
			t.Errorf("no error at line %d field %q found %q want ~%q; got:\n%v", tt.line, tt.field, tt.found, tt.wantHas, err)
		})
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	bad := strings.NewReplacer("pension_age: 67", "pension_age: 99", "absence_rate: 0.075", "absence_rate: -1",
		"  kinderopvang:\n", "  kinder-opvang:\n").Replace(string(data.Twente()))
	_, err := Parse("bad.yaml", []byte(bad))
	var es yamldoc.Errors
	if !errors.As(err, &es) || len(es) < 3 {
		t.Fatalf("got %v, want at least three problems", err)
	}
	for i := 1; i < len(es); i++ {
		if es[i].Line < es[i-1].Line {
			t.Errorf("problems not in line order: %v", err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(data.Twente())
	f.Add([]byte("region: x\nbase_year: 2025\n"))
	f.Add([]byte("a: &x [1, 2]\nb: *x\n"))
	f.Add([]byte("branches:\n  vvt: {levels: {mbo3: {headcount: 1e308}}}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse("fuzz.yaml", b)
		if err == nil {
			if r == nil {
				t.Fatal("no region and no error")
			}
			if err := r.Validate(); err != nil {
				t.Fatalf("accepted a region that does not validate: %v", err)
			}
			if _, err := forecast.Run(r, nil, forecast.Options{}); err != nil {
				t.Fatalf("accepted region does not run: %v", err)
			}
		}
	})
}

// BenchmarkTwenteBaseline is one region's baseline: the Twente demo, 15
// years after the base year, all branches and levels. Target: under 5 ms.
func BenchmarkTwenteBaseline(b *testing.B) {
	r := twente(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forecast.Run(r, nil, forecast.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
