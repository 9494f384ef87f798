package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"raat/forecast"
)

// Format writes a scenario as a scenario file that Parse reads back to the
// same scenario (the web editor saves scenarios this way).
func Format(s *Scenario) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\nname: %s\n", s.Name, oneLine(s.Description), s.Name)
	if s.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", quote(oneLine(s.Title)))
	}
	fmt.Fprintf(&b, "description: %s\n", quote(oneLine(s.Description)))
	if len(s.Levers) == 0 {
		b.WriteString("levers: []\n")
		return []byte(b.String())
	}
	b.WriteString("levers:\n")
	for _, lv := range s.Levers {
		fmt.Fprintf(&b, "  - lever: %s\n    size: %s\n", lv.Kind, strconv.FormatFloat(lv.Size, 'g', -1, 64))
		if lv.Relative {
			fmt.Fprintf(&b, "    start_after: %d\n", lv.StartAfter)
		} else {
			fmt.Fprintf(&b, "    start: %d\n", lv.Start)
		}
		fmt.Fprintf(&b, "    horizon: %s\n", lv.Horizon)
		if lv.HorizonYears > 0 {
			fmt.Fprintf(&b, "    horizon_years: %d\n", lv.HorizonYears)
		}
		writeScope(&b, lv.Scope)
		if lv.Kind == forecast.Substitution {
			fmt.Fprintf(&b, "    to: %s\n", quote(lv.To.String()))
		}
		if lv.Note != "" {
			fmt.Fprintf(&b, "    note: %s\n", quote(oneLine(lv.Note)))
		}
	}
	return []byte(b.String())
}

func writeScope(b *strings.Builder, sc forecast.Scope) {
	list := func(key string, n int, bit func(int) bool, name func(int) string) {
		var names []string
		for i := range n {
			if bit(i) {
				names = append(names, name(i))
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(b, "    %s: [%s]\n", key, strings.Join(names, ", "))
		}
	}
	list("branches", forecast.NumBranches, func(i int) bool { return sc.Branches&(1<<i) != 0 }, func(i int) string { return forecast.Branch(i).String() })
	list("levels", forecast.NumLevels, func(i int) bool { return sc.Levels&(1<<i) != 0 }, func(i int) string { return quote(forecast.Level(i).String()) })
	list("routes", forecast.NumRoutes, func(i int) bool { return sc.Routes&(1<<i) != 0 }, func(i int) string { return forecast.Route(i).String() })
	list("age_groups", forecast.NumAgeGroups, func(i int) bool { return sc.AgeGroups&(1<<i) != 0 }, func(i int) string { return quote(forecast.AgeGroup(i).String()) })
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// quote writes a YAML double-quoted string.
func quote(s string) string { return strconv.Quote(s) }
