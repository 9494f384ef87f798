package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
)

const solveSynopsis = `solve [--region FILE] [--employers DIR] [--scenario S] --target YEAR intake
       raat solve [--region FILE] [--employers DIR] [--scenario S] --target YEAR [--start-after N] [--horizon H] lever KIND

Answers the model backwards.

"intake": the yearly intake per level and route, from the year after the base
year, that closes each level's shortfall by the target year — keeping today's
mix of routes, and the cheapest mix (by cost per student) that does the same —
with the training places and yearly cost it takes.

"lever KIND": how large lever KIND (see "raat scenarios --levers" for the
kinds and their units) must be to close the region's total shortfall by the
target year. When no size is enough it says so, with the best it can do.

Both act on top of --scenario (default basis).`

func solveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("solve", solveSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "basis", false)
	target := fs.Int("target", 0, "the `year` by which the gap must be closed (required)")
	startAfter := fs.Int("start-after", 1, "lever: start this many `years` after the base year")
	horizon := fs.String("horizon", "middellang", "lever: effect `horizon` (kort, middellang, lang)")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	usage := func(msg string) error {
		fmt.Fprintln(stderr, msg)
		fs.Usage()
		return errReported
	}
	if *target == 0 {
		return usage("solve needs --target YEAR")
	}
	intake := fs.NArg() == 1 && fs.Arg(0) == "intake"
	lever := fs.NArg() == 2 && fs.Arg(0) == "lever"
	if !intake && !lever {
		return usage(`solve takes "intake" or "lever KIND"`)
	}
	scs, err := lookupScenarios(f.scenario)
	if err != nil {
		return err
	}
	if len(scs) != 1 {
		return fmt.Errorf("--scenario: solve acts on one scenario, got %d", len(scs))
	}
	sc := scs[0]
	st, _, err := f.study(stderr, scs, analysis.Options{})
	if err != nil {
		return err
	}
	r := st.Region()
	head := fmt.Sprintf("raat: %s, scenario %s, doel: tekort dicht in %d\nbron: %s\n\n", r.Name, sc.Name, *target, st.Source())
	if intake {
		sols, err := st.SolveIntake(ctx, sc.Name, *target)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, head)
		printIntake(stdout, sols)
		return ctx.Err()
	}
	kind, err := forecast.ParseLeverKind(fs.Arg(1))
	if err != nil {
		return err
	}
	hz, err := forecast.ParseHorizon(*horizon)
	if err != nil {
		return fmt.Errorf("--horizon: %w", err)
	}
	sol, err := st.SolveLever(ctx, sc.Name, forecast.Lever{Kind: kind, Start: r.BaseYear + *startAfter, Horizon: hz}, *target)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, head)
	printLever(stdout, sol)
	return ctx.Err()
}

func printIntake(w io.Writer, sols []scenarios.IntakeSolution) {
	if len(sols) > 0 {
		fmt.Fprintf(w, "Benodigde instroom per jaar vanaf %d, per niveau en leerroute:\n\n", sols[0].From)
	}
	t := table{header: []string{"niveau", "leerroute", "tekort doeljaar", "instroom nu", "nodig (zelfde mix)", "plaatsen nodig", "goedkoopste mix"}}
	var notes []string
	for _, s := range sols {
		for i, rt := range s.Routes {
			short := ""
			if i == 0 {
				short = nl.Int(s.Shortfall)
			}
			t.add(s.Level.String(), rt.String(), short, nl.Int(s.Current[i]), nl.Int(s.Needed[i]), nl.Int(s.PlacesNeeded[i]), nl.Int(s.Cheapest[i]))
		}
		switch {
		case !s.Reachable:
			notes = append(notes, fmt.Sprintf("%s: niet haalbaar in %d; met %d keer de huidige instroom blijft een tekort van %s fte",
				s.Level, s.Target, scenarios.MaxIntakeFactor, nl.Int(s.Residual)))
		default:
			notes = append(notes, fmt.Sprintf("%s: kosten %s mln euro per jaar (goedkoopste mix %s mln); tekort in %d daarmee %s fte",
				s.Level, nl.Dec(s.CostPerYear/1e6, 1), nl.Dec(s.CheapestCostPerYear/1e6, 1), s.Target, nl.Int(s.Residual)))
		}
	}
	t.print(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, strings.Join(notes, "\n"))
	fmt.Fprintln(w, "wo/overig: de regio leidt hiervoor niet op; dit tekort sluit alleen met zij-instroom, behoud of andere hefbomen.")
}

func printLever(w io.Writer, sol *scenarios.LeverSolution) {
	lv := sol.Lever
	fmt.Fprintf(w, "Hefboom %s (%s), vanaf %d, %s.\n", lv.Kind, lv.Kind.Label(), lv.Start, lv.Horizon)
	fmt.Fprintf(w, "Tekort in %d zonder deze hefboom: %s fte.\n", sol.Target, nl.Int(sol.Shortfall))
	if sol.Reachable {
		fmt.Fprintf(w, "Benodigde omvang: %s %s; tekort in %d daarmee: %s fte.\n", nl.Dec(lv.Size, 3), lv.Kind.UnitNL(), sol.Target, nl.Int(sol.Residual))
		return
	}
	fmt.Fprintf(w, "Niet haalbaar: ook met de grootste omvang (%s %s) blijft in %d een tekort van %s fte.\n",
		nl.Dec(lv.Size, 3), lv.Kind.UnitNL(), sol.Target, nl.Int(sol.Residual))
}
