package scenarios

import (
	"embed"
	"fmt"
	"os"
	"strings"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// builtinNames lists the built-in scenarios in the order they are shown.
var builtinNames = []string{
	"basis", "bol-naar-bbl", "grotere-contracten", "opleidingsquote-15", "behoud", "zij-instroom", "raat-plan",
}

// Builtins returns the built-in scenarios of the Twente action plan.
func Builtins() []*Scenario {
	ss := make([]*Scenario, len(builtinNames))
	for i, n := range builtinNames {
		s, err := builtin(n)
		if err != nil {
			panic(err) // the embedded files are tested; this is a build error
		}
		ss[i] = s
	}
	return ss
}

func builtin(name string) (*Scenario, error) {
	b, err := builtinFS.ReadFile("builtin/" + name + ".yaml")
	if err != nil {
		return nil, err
	}
	s, err := Parse("builtin/"+name+".yaml", b)
	if err != nil {
		return nil, err
	}
	s.Source = "ingebouwd"
	s.File = "scenarios/builtin/" + name + ".yaml"
	return s, nil
}

// Lookup returns a built-in scenario by name, or reads a scenario file when
// name is a path (it ends in .yaml or .yml, or names an existing file).
func Lookup(name string) (*Scenario, error) {
	for _, n := range builtinNames {
		if n == name {
			return builtin(n)
		}
	}
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || fileExists(name) {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return Parse(name, b)
	}
	return nil, fmt.Errorf("unknown scenario %q: not built in (%s) and not a file", name, strings.Join(builtinNames, ", "))
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
