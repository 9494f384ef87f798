package chart

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"raat/forecast"
	"raat/scenarios"
)

// TestNotebookUsesTheSameNamesAndColours: the analysis notebook repeats
// the scenarios' colours and titles and the branches' names in Python;
// they must be the ones raat's own outputs use.
func TestNotebookUsesTheSameNamesAndColours(t *testing.T) {
	b, err := os.ReadFile("../notebooks/tekort.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Source []string `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, c := range nb.Cells {
		src.WriteString(strings.Join(c.Source, ""))
	}
	dict := func(name string) map[string]string {
		m := regexp.MustCompile(`(?s)` + name + ` = \{(.*?)\n\}`).FindStringSubmatch(src.String())
		if m == nil {
			t.Fatalf("the notebook has no %s", name)
		}
		out := map[string]string{}
		for _, kv := range regexp.MustCompile(`"([^"]+)": "([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
			out[kv[1]] = kv[2]
		}
		return out
	}
	colors, titles, branches := dict("COLORS"), dict("TITLES"), dict("BRANCHES")
	for name, c := range ScenarioColors() {
		if want := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B); colors[name] != want {
			t.Errorf("%s: the notebook's colour %q, raat's %q", name, colors[name], want)
		}
	}
	for _, sc := range scenarios.Builtins() {
		if titles[sc.Name] != sc.Label() {
			t.Errorf("%s: the notebook's title %q, raat's %q", sc.Name, titles[sc.Name], sc.Label())
		}
	}
	for _, br := range forecast.Branches() {
		if branches[br.String()] != br.Label() {
			t.Errorf("%s: the notebook's name %q, raat's %q", br, branches[br.String()], br.Label())
		}
	}
	if len(colors) != len(ScenarioColors()) || len(branches) != forecast.NumBranches {
		t.Errorf("the notebook names %d scenarios' colours and %d branches, raat %d and %d", len(colors), len(branches), len(ScenarioColors()), forecast.NumBranches)
	}
}
