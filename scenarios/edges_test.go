package scenarios

import (
	"errors"
	"strings"
	"testing"

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
		sols, err := SolveIntake(r, nil, tt.target)
		if (err == nil) != tt.ok {
			t.Errorf("target %d: %v, want ok %v", tt.target, err, tt.ok)
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
