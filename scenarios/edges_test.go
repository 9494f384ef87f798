package scenarios

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"raat/forecast"
	"raat/yamldoc"
)

// The edges of a lever's ranges in a scenario file are accepted, just past
// them not.
func TestParseAcceptsTheEdges(t *testing.T) {
	for _, tt := range []struct {
		name, lever string
		ok          bool
	}{
		{"size 0", "size: 0\n    start_after: 1", true},
		{"size at the kind's maximum", "size: 1\n    start_after: 1", true},
		{"contract hours at 36", "size: 36\n    start_after: 1", false}, // behoud's maximum is 1
		{"start_after 1", "size: 0.1\n    start_after: 1", true},
		{"start_after 50", "size: 0.1\n    start_after: 50", true},
		{"start_after 51", "size: 0.1\n    start_after: 51", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "name: t\ndescription: d\nlevers:\n  - lever: behoud\n    " + tt.lever + "\n    horizon: kort\n"
			_, err := Parse("t.yaml", []byte(src))
			if (err == nil) != tt.ok {
				t.Errorf("%q: %v, want ok %v", tt.lever, err, tt.ok)
			}
		})
	}
	src := "name: t\ndescription: d\nlevers:\n  - lever: grotere-contracten\n    size: 36\n    start_after: 1\n    horizon: kort\n"
	if _, err := Parse("t.yaml", []byte(src)); err != nil {
		t.Errorf("36 contract hours: %v", err)
	}
}

// A scenario built in code (no file, no line, no index) names its levers
// by their place in the list.
func TestCheckNamesLeversBuiltInCode(t *testing.T) {
	s := &Scenario{Name: "code", Levers: []Lever{
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2026}},
		{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2025}},
	}}
	var es yamldoc.Errors
	if err := s.Check(2025); !errors.As(err, &es) || len(es) != 1 || es[0].Field != "levers[2].start" || es[0].File != "scenario code" || es[0].Found != "2025" {
		t.Fatalf("got %v, want one problem with levers[2].start of scenario code", err)
	}
}

// Format writes only the parts of a scope that are set.
func TestFormatWritesTheScopeThatIsSet(t *testing.T) {
	s := &Scenario{Name: "t", Description: "d", Levers: []Lever{{Lever: forecast.Lever{Kind: forecast.Retention, Size: 0.1, Start: 2026,
		Scope: forecast.ScopeOf([]forecast.Branch{forecast.VVT}, nil, nil)}}}}
	out := string(Format(s))
	if !strings.Contains(out, "branches: [vvt]") || strings.Contains(out, "levels:") || strings.Contains(out, "routes:") {
		t.Errorf("scope written as\n%s", out)
	}
}

// SolveIntake plans intake from the year after the base year, for a target
// year from the year after the base year to a hundred years on.
func TestSolveIntakeYears(t *testing.T) {
	r := costProgrammes()
	for _, tt := range []struct {
		target int
		ok     bool
	}{{2025, false}, {2026, true}, {2125, true}, {2126, false}} {
		sols, err := SolveIntake(r, nil, tt.target, 0)
		if (err == nil) != tt.ok || !tt.ok && !errors.Is(err, ErrSolveYears) {
			t.Errorf("target %d: %v, want ok %v (else ErrSolveYears)", tt.target, err, tt.ok)
			continue
		}
		for _, sol := range sols {
			if sol.From != 2026 || sol.Target != tt.target {
				t.Errorf("target %d: %s solved from %d for %d, want from 2026", tt.target, sol.Level, sol.From, sol.Target)
			}
		}
		if tt.ok && len(sols) == 0 {
			t.Errorf("target %d: no solutions", tt.target)
		}
	}
}

// solveRegion is costProgrammes with 500 FTE open in VVT mbo3: more mbo3
// students are needed to fill them by 2030.
func solveRegion() *forecast.Region {
	r := costProgrammes()
	r.Cells[forecast.VVT][forecast.Mbo3].OpenVacanciesFTE = 500
	return r
}

// SolveIntake's intake closes the gap, its costs are the intake's
// student-years at each route's cost (a BOL student is enrolled 1 + 0.8 =
// 1.8 years, a BBL student 1 + 0.9 = 1.9), and the cheapest mix costs less
// than the current one: a BOL student costs 9,000 euro and brings 0.24
// hired graduates, a BBL student 19,000 euro for 0.36 and half an FTE of
// work in each of its 1.9 study years, so the cheapest mix is BBL only.
func TestSolveIntakeCostsByHand(t *testing.T) {
	r := solveRegion()
	sols, err := SolveIntake(r, nil, 2030, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sol *IntakeSolution
	for i := range sols {
		if sols[i].Level == forecast.Mbo3 {
			sol = &sols[i]
		}
	}
	if sol == nil || !sol.Reachable || len(sol.Routes) != 2 || sol.Routes[0] != forecast.BOL || sol.Routes[1] != forecast.BBL {
		t.Fatalf("mbo3: %+v, want a reachable intake on BOL and BBL", sol)
	}
	years := []float64{1.8, 1.9}
	eur := []float64{5000, 10000}
	var cost, cheapest float64
	for i := range sol.Routes {
		cost += sol.Needed[i] * years[i] * eur[i]
		cheapest += sol.Cheapest[i] * years[i] * eur[i]
	}
	if !scalar.EqualWithinRel(sol.CostPerYear, cost, 1e-9) || !scalar.EqualWithinRel(sol.CheapestCostPerYear, cheapest, 1e-9) {
		t.Errorf("costs %g and %g a year, want %g and %g", sol.CostPerYear, sol.CheapestCostPerYear, cost, cheapest)
	}
	if !(sol.CheapestCostPerYear < 0.99*sol.CostPerYear) || sol.Cheapest[0] != 0 || !(sol.Cheapest[1] > sol.Needed[1]) {
		t.Errorf("cheapest mix %v for %g a year, needed %v for %g; want BBL only, cheaper", sol.Cheapest, sol.CheapestCostPerYear, sol.Needed, sol.CostPerYear)
	}
	// Both mixes close the gap at 2030.
	for _, mix := range [][]float64{sol.Needed, sol.Cheapest} {
		plan := &forecast.IntakePlan{From: 2026}
		for i, rt := range sol.Routes {
			plan.Set[forecast.Mbo3][rt], plan.PerYear[forecast.Mbo3][rt] = true, mix[i]
		}
		res, err := forecast.Run(r, nil, forecast.Options{From: 2030, To: 2030, Intake: plan})
		if err != nil {
			t.Fatal(err)
		}
		if gap := res.Sum(2030, func(row *forecast.Row) bool { return row.Level == forecast.Mbo3 }).ShortfallFTE; gap > 2*ToleranceFTE {
			t.Errorf("intake %v leaves %g FTE short in 2030", mix, gap)
		}
	}
	// A lever the model refuses is the solver's error.
	bad := []forecast.Lever{{Kind: forecast.Retention, Size: 0.1, Start: 2025}}
	if _, err := SolveIntake(r, bad, 2030, 0); err == nil {
		t.Error("a lever starting in the base year was accepted")
	}
}

// The places the intake needs: BBL's 1.9 student-years at one place each;
// BOL students need no places.
func TestSolveIntakePlacesAndAnExpensiveRoute(t *testing.T) {
	r := solveRegion()
	r.Programmes[forecast.Mbo3][forecast.BBL].CostPerStudentYear = 100000
	sols, err := SolveIntake(r, nil, 2030, 0)
	if err != nil {
		t.Fatal(err)
	}
	sol := sols[0]
	if sol.Level != forecast.Mbo3 || len(sol.PlacesNeeded) != 2 || sol.PlacesNeeded[0] != 0 ||
		!scalar.EqualWithinRel(sol.PlacesNeeded[1], sol.Needed[1]*1.9, 1e-12) {
		t.Errorf("places %v for intake %v, want none for BOL and 1.9 a BBL student", sol.PlacesNeeded, sol.Needed)
	}
	// At 100,000 euro a BBL student-year, BOL only is the cheapest mix.
	if sol.Cheapest[1] != 0 || !(sol.Cheapest[0] > sol.Needed[0]) {
		t.Errorf("cheapest mix %v, want BOL only", sol.Cheapest)
	}
}

// A level taught on one route: the solver's error is not lost when there
// is no mix to look for.
func TestSolveIntakeErrorOnOneRoute(t *testing.T) {
	r := solveRegion()
	r.Programmes[forecast.Mbo3][forecast.BBL] = forecast.Programme{}
	r.Trainers = nil
	bad := []forecast.Lever{{Kind: forecast.Retention, Size: 0.1, Start: 2025}}
	if _, err := SolveIntake(r, bad, 2030, 0); err == nil {
		t.Error("a lever starting in the base year was accepted")
	}
	if _, err := SolveLever(r, nil, forecast.Lever{Kind: forecast.Retention, Start: 2026}, 2025); err == nil {
		t.Error("SolveLever accepted the base year as its target")
	}
}
