package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"raat/forecast"
	"raat/region"
	"raat/yamldoc"
)

func twente(t testing.TB) *forecast.Region {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBuiltins(t *testing.T) {
	want := []string{"basis", "bol-naar-bbl", "grotere-contracten", "opleidingsquote-15", "behoud", "zij-instroom", "raat-plan"}
	bs := Builtins()
	if len(bs) != len(want) {
		t.Fatalf("%d built-in scenarios, want %d", len(bs), len(want))
	}
	for i, s := range bs {
		if s.Name != want[i] || s.Description == "" {
			t.Errorf("built-in %d: %q %q", i, s.Name, s.Description)
		}
	}
	titles := map[string]string{"basis": "Basis", "raat-plan": "RAAT-plan", "bol-naar-bbl": "BOL naar BBL"}
	for _, s := range bs {
		if want, ok := titles[s.Name]; ok && s.Label() != want {
			t.Errorf("%s: label %q, want %q", s.Name, s.Label(), want)
		}
		if s.Title == "" || s.Title == s.Name {
			t.Errorf("%s: title %q, want a name for a board", s.Name, s.Title)
		}
	}
	plan, err := Lookup("raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	// raat-plan combines the five single-lever scenarios, lever for lever.
	for i, n := range want[1:6] {
		single, _ := Lookup(n)
		if len(single.Levers) != 1 || single.Levers[0].Lever != plan.Levers[i].Lever {
			t.Errorf("raat-plan lever %d is %+v, want %s's %+v", i, plan.Levers[i].Lever, n, single.Levers[0].Lever)
		}
	}
	lv := plan.Levers[0].At(2025)
	if lv.Kind != forecast.BOLToBBL || lv.Size != 0.3 || lv.Start != 2026 || lv.Horizon != forecast.Lang {
		t.Errorf("bol-naar-bbl lever %+v", lv)
	}
	if _, err := Lookup("nonsense"); err == nil {
		t.Error("unknown scenario accepted")
	}
}

func TestParseErrors(t *testing.T) {
	good := "name: test\ndescription: een test\nlevers:\n  - lever: behoud\n    size: 0.1\n    start: 2026\n    horizon: kort\n"
	tests := []struct {
		name, from, to string
		line           int
		field, found   string
		wantHas        string
	}{
		{"unknown lever", "lever: behoud", "lever: behouden", 4, "levers[1].lever", `"behouden"`, "behoud"},
		{"size above its range", "size: 0.1", "size: 1.5", 5, "levers[1].size", "1.5", "from 0 to 1 (share less outflow"},
		{"negative size", "size: 0.1", "size: -2", 5, "levers[1].size", "-2", "from 0 to 1"},
		{"no start", "    start: 2026\n", "", 4, "levers[1]", "no start or start_after", "start: 2026"},
		{"both starts", "start: 2026", "start: 2026\n    start_after: 1", 7, "levers[1].start_after", "both start and start_after", "one of them"},
		{"bad horizon", "horizon: kort", "horizon: soon", 8 - 1, "levers[1].horizon", `"soon"`, "kort, middellang or lang"},
		{"unknown branch", "horizon: kort", "horizon: kort\n    branches: [tandartsen]", 8, "levers[1].branches", `"tandartsen"`, "branches"},
		{"unknown field", "horizon: kort", "horizon: kort\n    sise: 3", 8, "levers[1].sise", "an unknown field", "size"},
		{"start in the base year", "start: 2026", "start_after: 0", 6, "levers[1].start_after", "0", "1 to 50 years after the base year"},
		{"bad name", "name: test", "name: Test Scenario", 1, "name", `"Test Scenario"`, "lower-case"},
		{"missing description", "description: een test\n", "", 1, "description", "no value", "a text"},
	}
	if _, err := Parse("ok.yaml", []byte(good)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(good, tt.from, tt.to, 1)
			_, err := Parse("s.yaml", []byte(src))
			var es yamldoc.Errors
			if !errors.As(err, &es) {
				t.Fatalf("got %v, want yamldoc.Errors", err)
			}
			for _, e := range es {
				if e.Line == tt.line && e.Field == tt.field && e.Found == tt.found && strings.Contains(e.Want, tt.wantHas) {
					return
				}
			}
			t.Errorf("no problem at line %d, field %s, found %s, want ~%s; got\n%v", tt.line, tt.field, tt.found, tt.wantHas, err)
		})
	}
}

// A lever may not start in or before the region's base year: Check names
// the file, line and field of its start, what it found and what it wants.
func TestCheckRefusesAStartInTheBaseYear(t *testing.T) {
	src := "name: test\ndescription: een test\nlevers:\n  - lever: behoud\n    size: 0.1\n    start_after: 1\n    horizon: kort\n" +
		"  - lever: verzuim\n    size: 0.01\n    start: 2025\n    horizon: kort\n"
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(2024); err != nil {
		t.Errorf("base year 2024: %v", err)
	}
	_, err = s.LeversAt(2025)
	var es yamldoc.Errors
	if !errors.As(err, &es) || len(es) != 1 {
		t.Fatalf("base year 2025: got %v, want one yamldoc.Error", err)
	}
	want := yamldoc.Error{File: "s.yaml", Line: 10, Field: "levers[2].start", Found: "2025", Want: "a year after the base year 2025"}
	if *es[0] != want {
		t.Errorf("got %+v, want %+v", *es[0], want)
	}
	// A relative start is always after the base year once parsed (from 1);
	// a lever built in code with start_after 0 is refused too.
	s.Levers[0].StartAfter = 0
	if err := s.Check(2024); err == nil || err.Error() != "s.yaml:6: levers[1].start_after: found 0, want 1 or more years after the base year 2024" {
		t.Errorf("start_after 0: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range builtinNames {
		b, _ := builtinFS.ReadFile("builtin/" + n + ".yaml")
		f.Add(b)
	}
	f.Add([]byte("name: x\ndescription: y\nlevers:\n  - {lever: vraag, size: 0.5, start_after: 50, horizon: lang, horizon_years: 30}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Parse("fuzz.yaml", b)
		if err != nil {
			return
		}
		for _, lv := range s.ForecastLevers(2025) {
			if err := lv.Validate(); err != nil {
				t.Fatalf("accepted a lever the model refuses: %v", err)
			}
		}
	})
}

func TestLabelFallsBackToTheName(t *testing.T) {
	s, err := Parse("eigen.yaml", []byte("name: mijn-plan\ndescription: eigen\nlevers: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "" || s.Label() != "mijn-plan" {
		t.Errorf("title %q, label %q; want no title and the name as label", s.Title, s.Label())
	}
}

func TestFormatRoundTrips(t *testing.T) {
	for _, s := range Builtins() {
		s.Levers = append(s.Levers, Lever{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.125, Start: 2027, Horizon: forecast.Lang,
			HorizonYears: 4, Scope: forecast.ScopeOf([]forecast.Branch{forecast.VVT}, []forecast.Level{forecast.WoOverig, forecast.Mbo3}, []forecast.Route{forecast.BBL})},
			Note: "met een \"aanhalingsteken\": en dubbelepunt"})
		got, err := Parse("f.yaml", Format(s))
		if err != nil {
			t.Fatalf("%s: %v\n%s", s.Name, err, Format(s))
		}
		got.Source, got.File = s.Source, s.File
		for i := range got.Levers {
			got.Levers[i].Line, got.Levers[i].Index = s.Levers[i].Line, s.Levers[i].Index
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: got %+v, want %+v", s.Name, got, s)
		}
	}
}
