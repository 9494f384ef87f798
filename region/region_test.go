package region

import (
	"bytes"
	"errors"
	"math"
	"os"
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
			lineOf("mobility_rate: 0.035\n    mobility_weight: 0.80"), "branches.vvt.mobility_rate", "-0.035", "fraction"},
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
		{"negative population", `2030: {"0-17": 110000`, `2030: {"0-17": -110000`, lineOf(`2030: {"0-17": 110000`),
			"population.2030.0-17", "-110000", "0 or more"},
		{"missing age group", `, "85+": 17000}`, `}`, lineOf(`2030: {"0-17": 110000`), "population.2030", "no value for 85+", "every age group"},
		{"only a projection year", "  2020: {\"0-17\": 122000, \"18-64\": 380000, \"65-74\": 70000, \"75-84\": 40000, \"85+\": 14000}\n  2025: {\"0-17\": 117000, \"18-64\": 381000, \"65-74\": 72000, \"75-84\": 49000, \"85+\": 15000}\n", "", lineOf("population:"),
			"population", "years 2030 to 2040", "from the base year 2025"},
		{"years out of order", "  2035: {", "  2029: {", lineOf("  2035: {"), "population.2029", `"2029"`, "increasing order"},
		{"care use summing to zero", `care_use: {"0-17": 1, "18-64": 0, "65-74": 0, "75-84": 0, "85+": 0}`, `care_use: {"0-17": 0, "18-64": 0, "65-74": 0, "75-84": 0, "85+": 0}`,
			lineOf(`care_use: {"0-17": 1, "18-64": 0, "65-74": 0, "75-84": 0, "85+": 0}`), "branches.kinderopvang.care_use", "uses summing to 0", "at least one age group"},
		{"negative care use", `"85+": 45}`, `"85+": -45}`, lineOf(`"85+": 45}`), "branches.vvt.care_use.85+", "-45", "0 or more"},
		{"care use missing", `    care_use: {"0-17": 0.6, "18-64": 1, "65-74": 0.5, "75-84": 0.4, "85+": 0.4}`, "", lineOf("population:"),
			"branches.ggz.care_use", "no care_use", "a care-use profile per branch"},
		{"growth and factors", "    demand_factors:\n", "    demand_growth: 0.01\n    demand_factors:\n", lineOf("    demand_factors:\n"),
			"branches.vvt.demand_growth", "demand_growth next to demand_factors", "one of the two"},
		{"factor without years", "change: 0.05, years: 10}", "change: 0.05}", lineOf("change: 0.05, years: 10}"),
			"branches.vvt.demand_factors[1].years", "no value", "a whole number"},
		{"unmet demand too high", "unmet_demand: 0.01", "unmet_demand: 0.9", lineOf("unmet_demand: 0.01"), "branches.vvt.unmet_demand", "0.9", "from 0 to 0.5"},
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
	f.Add([]byte(sparse))
	f.Add([]byte(grouped))
	f.Add([]byte(summed))
	f.Add([]byte(strings.Replace(summed, "change: -0.03, years: 10", "change: -0.03, years: 5", 1))) // refused: mixed years
	if gp, err := os.ReadFile("../cmd/raat/testdata/gp.yaml"); err == nil {
		f.Add(gp) // the Capaciteitsorgaan's GP example
	} else {
		f.Fatal(err)
	}
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

// sparse is a region file that lists one branch with one level and one
// programme, the postgraduate route, given by its internal yield.
const sparse = `region: klein
base_year: 2025
pension_age: 67
stay_past_pension: 0.1
past_pension_outflow: 0.3
absence_rate: 0.05
lateral_entry_age: 35
returner_age: 40
outflow_by_age: {"<25": 0.05, "25-34": 0.04, "35-44": 0.03, "45-54": 0.02, "55-59": 0.02, "60-64": 0.05, "65+": 0.3}
branches:
  huisartsen:
    demand_growth: 0.01
    age_profile: {"<25": 0, "25-34": 0.3, "35-44": 0.3, "45-54": 0.2, "55-59": 0.1, "60-64": 0.1, "65+": 0}
    levels:
      wo: {headcount: 1000, part_time_factor: 0.7, vacancies_fte: 10}
    places:
      wo/overig: {wo-vervolg: 300}
programmes:
  wo/overig:
    wo-vervolg: {duration: 3, internal_yield: 0.9, sector_yield: 0.95, candidates: 100, place_use: 1, entry_age: 31, cost_per_student_year: 90000}
`

func TestFileListingSomeCells(t *testing.T) {
	r, err := Parse("klein.yaml", []byte(sparse))
	if err != nil {
		t.Fatal(err)
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			c := &r.Cells[b][l]
			n, want := c.Headcount.Sum(), 0.0
			if forecast.Branch(b) == forecast.Huisartsen && forecast.Level(l) == forecast.WoOverig {
				want = 1000
			}
			if math.Abs(n-want) > 1e-9 {
				t.Errorf("%s %s: headcount %g, want %g", forecast.Branch(b), forecast.Level(l), n, want)
			}
		}
	}
	c := &r.Cells[forecast.Huisartsen][forecast.WoOverig]
	if c.PartTimeFactor != 0.7 || c.GraduateShare != 1 || c.OpenVacanciesFTE != 10 || c.LateralEntry != 0 || c.MobilityRate != 0 {
		t.Errorf("huisartsen wo: %+v", c)
	}
	// An internal yield of 0.9 over 3 years is the same dropout each year:
	// 1 - 0.9^(1/3).
	p := &r.Programmes[forecast.WoOverig][forecast.WoVervolg]
	d := 1 - math.Cbrt(0.9)
	if len(p.Dropout) != 3 || math.Abs(p.Dropout[0]-d) > 1e-15 || math.Abs(p.Dropout[2]-d) > 1e-15 {
		t.Errorf("dropout %v, want 3 x %g", p.Dropout, d)
	}
	if y := yield(p.Dropout); math.Abs(y-0.9) > 1e-12 {
		t.Errorf("internal yield %g, want 0.9", y)
	}
	res, err := forecast.Run(r, nil, forecast.Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	// The pipeline feeds wo/overig in huisartsen: 100 a year from 2026,
	// the steady-state enrolment before, 0.9 x 0.95 of them hired.
	if got := res.Row(2026, forecast.Huisartsen, forecast.WoOverig).InflowGraduates; math.Abs(got-100*0.9*0.95) > 1e-9 {
		t.Errorf("graduates hired in 2026: %g, want %g", got, 100*0.9*0.95)
	}
	// The file written back lists the same cells only, and reads back the same.
	f, err := ParseFile("klein.yaml", []byte(sparse))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "vvt:") || strings.Contains(buf.String(), "mbo3:") {
		t.Errorf("written file lists cells the file did not:\n%s", buf.String())
	}
	back, err := Parse("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Error("written file reads back as another region")
	}
	// Both dropout and internal yield: refused, with the field named.
	both := strings.Replace(sparse, "internal_yield: 0.9", "internal_yield: 0.9, dropout: [0.1, 0, 0]", 1)
	if _, err := Parse("beide.yaml", []byte(both)); err == nil || !strings.Contains(err.Error(), "internal_yield") {
		t.Errorf("dropout and internal yield: %v, want a problem at internal_yield", err)
	}
}

// grouped is sparse with the level's staff split into two groups.
var grouped = strings.Replace(strings.Replace(sparse, "returner_age: 40\n", "returner_age: 40\ngroups: [man, vrouw]\n", 1),
	"      wo: {headcount: 1000, part_time_factor: 0.7, vacancies_fte: 10}\n",
	`      wo:
        vacancies_fte: 10
        groups:
          man: {headcount: 400, part_time_factor: 0.8, entrants: 0.3, outflow_factor: 0.5,
                age_profile: {"<25": 0, "25-34": 0.1, "35-44": 0.2, "45-54": 0.3, "55-59": 0.2, "60-64": 0.2, "65+": 0}}
          vrouw: {headcount: 600, entrants: 0.7, part_time_by_age: {"<25": 0.6, "25-34": 0.6, "35-44": 0.5, "45-54": 0.6, "55-59": 0.7, "60-64": 0.7, "65+": 0.7}}
`, 1)

func TestFileWithGroups(t *testing.T) {
	r, err := Parse("groepen.yaml", []byte(grouped))
	if err != nil {
		t.Fatal(err)
	}
	c := &r.Cells[forecast.Huisartsen][forecast.WoOverig]
	if len(r.Groups) != 2 || len(c.Groups) != 2 {
		t.Fatalf("groups %v, cell groups %d", r.Groups, len(c.Groups))
	}
	man, vrouw := &c.Groups[0], &c.Groups[1]
	if n := man.Headcount.Sum(); math.Abs(n-400) > 1e-9 || math.Abs(vrouw.Headcount.Sum()-600) > 1e-9 || math.Abs(c.Headcount.Sum()-1000) > 1e-9 {
		t.Errorf("headcount %g + %g = %g, want 400 + 600", n, vrouw.Headcount.Sum(), c.Headcount.Sum())
	}
	// The men's own age profile: 20% aged 60-64; the women the branch's (10%).
	var m6064, w6064 float64
	for a := 60; a <= 64; a++ {
		m6064 += man.Headcount[a-forecast.MinAge]
		w6064 += vrouw.Headcount[a-forecast.MinAge]
	}
	if math.Abs(m6064-80) > 1e-6 || math.Abs(w6064-60) > 1e-6 {
		t.Errorf("aged 60-64: %g men, %g women; want 80 and 60", m6064, w6064)
	}
	// Outflow: the men's factor 0.5 on the region's rate; the women the region's.
	q := forecast.SmoothRates(r2bands(t), 67)
	if a := 40 - forecast.MinAge; math.Abs(man.OtherOutflowRate[a]-0.5*q[a]) > 1e-15 || vrouw.OtherOutflowRate[a] != q[a] {
		t.Errorf("outflow at 40: men %g, women %g; want %g and %g", man.OtherOutflowRate[a], vrouw.OtherOutflowRate[a], 0.5*q[a], q[a])
	}
	if man.EntrantShare != 0.3 || vrouw.EntrantShare != 0.7 || man.PartTimeByAge != nil || vrouw.PartTimeByAge == nil || vrouw.PartTimeByAge[40-forecast.MinAge] != 0.5 {
		t.Errorf("men %+v, women's factor by age %v", man.EntrantShare, vrouw.PartTimeByAge)
	}
	// The cell's factor is the groups' FTE per head: 400 x 0.8 + 600 x
	// (0.3 x 0.6 + 0.3 x 0.5 + 0.2 x 0.6 + 0.2 x 0.7) = 320 + 354.
	if want := (320 + 600*(0.3*0.6+0.3*0.5+0.2*0.6+0.1*0.7+0.1*0.7)) / 1000; math.Abs(c.PartTimeFactor-want) > 1e-12 {
		t.Errorf("cell factor %g, want %g", c.PartTimeFactor, want)
	}
	// Written back, it reads back the same.
	f, err := ParseFile("groepen.yaml", []byte(grouped))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("written file reads back as another region:\n%s", buf.String())
	}
	// Refusals name the field.
	for _, bad := range []struct{ from, to, field string }{
		{"entrants: 0.7", "entrants: 0.6", "branches.huisartsen-eerstelijn.levels.wo/overig.groups"},
		{"vrouw: {headcount: 600", "vrouwen: {headcount: 600", "branches.huisartsen.levels.wo.groups.vrouwen"},
		{"vacancies_fte: 10\n        groups:", "vacancies_fte: 10\n        headcount: 5\n        groups:", "branches.huisartsen.levels.wo.headcount"},
		{"groups: [man, vrouw]\n", "", "branches.huisartsen.levels.wo.groups"},
	} {
		src := strings.Replace(grouped, bad.from, bad.to, 1)
		_, err := Parse("fout.yaml", []byte(src))
		var es yamldoc.Errors
		if !errors.As(err, &es) {
			t.Errorf("%q: %v, want yamldoc.Errors", bad.to, err)
			continue
		}
		found := false
		for _, e := range es {
			found = found || (e.Field == bad.field && e.Line > 0)
		}
		if !found {
			t.Errorf("%q: %v, want a problem at %s with its line", bad.to, err, bad.field)
		}
	}
}

func r2bands(t *testing.T) [forecast.NumAgeBands]float64 {
	f, err := ParseFile("groepen.yaml", []byte(grouped))
	if err != nil {
		t.Fatal(err)
	}
	return f.OutflowByAge
}

// summed is the demo region with two of the VVT's three demand factors in
// a sum group.
var summed = strings.Replace(string(data.Twente()),
	`      - {name: epidemiologisch, change: 0.05, years: 10}     # meer mensen met dementie en chronische ziekten
      - {name: substitutie, change: -0.06, years: 10}        # langer thuis, mantelzorg en wijkzorg in plaats van verpleeghuis
      - {name: efficiency, change: -0.03, years: 10}         # zorgtechnologie, anders werken
`, `      - {name: epidemiologisch, change: 0.05, years: 10, sum: zorgvraag}
      - {name: substitutie, change: -0.06, years: 10}
      - {name: efficiency, change: -0.03, years: 10, sum: "zorgvraag"}
`, 1)

func TestSumGroupOfDemandFactors(t *testing.T) {
	if summed == string(data.Twente()) {
		t.Fatal("the demo file's VVT factors are not where the fixture expects them")
	}
	f, err := ParseFile("opgeteld.yaml", []byte(summed))
	if err != nil {
		t.Fatal(err)
	}
	want := []forecast.DemandFactor{{Name: "epidemiologisch", Change: 0.05, Years: 10, Sum: "zorgvraag"},
		{Name: "substitutie", Change: -0.06, Years: 10}, {Name: "efficiency", Change: -0.03, Years: 10, Sum: "zorgvraag"}}
	if got := f.Branches[forecast.VVT].DemandFactors; !reflect.DeepEqual(got, want) {
		t.Fatalf("factors %+v, want %+v", got, want)
	}
	r, err := f.Region()
	if err != nil {
		t.Fatal(err)
	}
	// (1 + 0.05 - 0.03) x 0.94 over ten years, not 1.05 x 0.94 x 0.97.
	if got, want := r.GrowthRate(forecast.VVT, forecast.Mbo3), math.Pow(1.02*0.94, 0.1)-1; math.Abs(got-want) > 1e-12 {
		t.Errorf("VVT growth %.10f a year, want %.10f", got, want)
	}
	if tw := twente(t); tw.GrowthRate(forecast.VVT, forecast.Mbo3) == r.GrowthRate(forecast.VVT, forecast.Mbo3) {
		t.Error("the sum group grows as the three multiplied factors do")
	}

	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`{name: "epidemiologisch", change: 0.05, years: 10, sum: "zorgvraag"}`, `{name: "substitutie", change: -0.06, years: 10}`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("written file lacks %q:\n%s", s, buf.String())
		}
	}
	back, err := ParseFile("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("written file refused: %v", err)
	}
	if !reflect.DeepEqual(back.Branches[forecast.VVT].DemandFactors, want) {
		t.Errorf("written factors read back as %+v", back.Branches[forecast.VVT].DemandFactors)
	}
	if !reflect.DeepEqual(mustRegion(t, back), r) {
		t.Error("written file gives another region")
	}
}

func TestSumGroupRefused(t *testing.T) {
	lineOf := func(src, s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	for _, tc := range []struct {
		name, from, to, at, field, found, wantHas string
	}{
		{"mixed years", "change: -0.03, years: 10", "change: -0.03, years: 5", "{name: efficiency",
			"branches.vvt.demand_factors[3].years", "5", "10 years, as epidemiologisch, the first factor of sum zorgvraag"},
		{"sum below -0.9", "change: 0.05, years: 10, sum", "change: -0.9, years: 10, sum", "{name: epidemiologisch",
			"branches.vvt.demand_factors[1].sum", "changes of sum zorgvraag adding to -0.93", "a summed change between -0.9 and 5"},
		{"sum not a text", `sum: "zorgvraag"`, "sum: [zorgvraag]", "{name: efficiency",
			"branches.vvt.demand_factors[3].sum", "a list", "a text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(summed, tc.from, tc.to, 1)
			if bad == summed {
				t.Fatalf("fixture text %q not in the file", tc.from)
			}
			_, err := Parse("bad.yaml", []byte(bad))
			var es yamldoc.Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T %v, want yamldoc.Errors", err, err)
			}
			line := lineOf(bad, tc.at)
			for _, e := range es {
				if e.File == "bad.yaml" && e.Line == line && e.Field == tc.field && e.Found == tc.found && strings.Contains(e.Want, tc.wantHas) {
					if len(es) != 1 {
						t.Errorf("%d problems, want one:\n%v", len(es), err)
					}
					return
				}
			}
			t.Errorf("no error at line %d field %q found %q want ~%q; got:\n%v", line, tc.field, tc.found, tc.wantHas, err)
		})
	}
}
