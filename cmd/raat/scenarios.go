package main

import (
	"context"
	"fmt"
	"io"

	"raat/scenarios"
)

const scenariosSynopsis = `scenarios [--levers]

Lists the built-in scenarios of the Twente action plan with a one-line
description. With --levers it also lists each scenario's levers (kind, size,
start, horizon). Scenario files of your own follow the same format; see
scenarios/builtin/*.yaml.`

func scenariosCmd(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("scenarios", scenariosSynopsis, stderr)
	levers := fs.Bool("levers", false, "also list each scenario's levers")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	for _, s := range scenarios.Builtins() {
		fmt.Fprintf(stdout, "%-20s %s\n", s.Name, s.Description)
		if *levers {
			for _, lv := range s.Levers {
				fmt.Fprintf(stdout, "%-20s   - %s\n", "", describeLever(lv))
			}
		}
	}
	return nil
}

// describeLever says what a lever does, in the analyst's terms: "behoud
// 0,1 (share less outflow (0-1)), vanaf 1 jaar na het basisjaar, middellang".
func describeLever(lv scenarios.Lever) string {
	start := fmt.Sprintf("vanaf %d", lv.Start)
	if lv.Relative {
		start = fmt.Sprintf("vanaf %d jaar na het basisjaar", lv.StartAfter)
	}
	horizon := lv.Horizon.String()
	if lv.HorizonYears > 0 {
		horizon = fmt.Sprintf("in %d jaar", lv.HorizonYears)
	}
	return fmt.Sprintf("%s %g (%s), %s, %s", lv.Kind, lv.Size, lv.Kind.UnitNL(), start, horizon)
}
