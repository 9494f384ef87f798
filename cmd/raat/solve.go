package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
)

const solveSynopsis = `solve [--region FILE] [--employers DIR] [--scenario S] --target YEAR [--from YEAR] intake
       raat solve [--region FILE] [--employers DIR] [--scenario S] --target YEAR [--start-after N] [--horizon H] lever KIND

Answers the model backwards.

"intake": the yearly intake per level and route, from --from (default the year
after the base year) on, that closes each level's shortfall by the target year
— keeping the forecast's mix of routes, and the cheapest mix (by cost per
student) that does the same — with the training places and yearly cost it
takes. The intakes before --from are decided and stay as the forecast runs
them; a surplus lowers the intake as a shortage raises it.

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
	from := fs.Int("from", 0, "intake: the first `year` whose intake is solved; earlier intakes are decided (default the year after the base year)")
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
	if lever && *from != 0 {
		return usage("--from hoort bij intake; een hefboom begint --start-after jaren na het basisjaar")
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
	// The same years the solvers accept, said here with the flag's name.
	if last := r.BaseYear + forecast.MaxHorizonYears; *target <= r.BaseYear || *target > last {
		return usage(fmt.Sprintf("--target %d: kies een jaar na het basisjaar %d, uiterlijk %d", *target, r.BaseYear, last))
	}
	head := fmt.Sprintf("raat: %s, scenario %s, doel: tekort dicht in %d\nbron: %s\n\n", r.Name, sc.Name, *target, st.Source())
	if intake {
		if *from != 0 && (*from <= r.BaseYear || *from > *target) {
			return usage(fmt.Sprintf("--from %d: kies een jaar na het basisjaar %d, uiterlijk het doeljaar %d", *from, r.BaseYear, *target))
		}
		sols, err := st.SolveIntake(ctx, sc.Name, *target, *from)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, head)
		printIntake(stdout, sols, r.BaseYear)
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
	if *startAfter < 1 || *startAfter > 50 {
		return fmt.Errorf("--start-after: found %d, want 1 to 50 years after the base year %d (a lever starts a year after the base year at the earliest)", *startAfter, r.BaseYear)
	}
	sol, err := st.SolveLever(ctx, sc.Name, forecast.Lever{Kind: kind, Start: r.BaseYear + *startAfter, Horizon: hz}, *target)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, head)
	printLever(stdout, sol)
	return ctx.Err()
}

func printIntake(w io.Writer, sols []scenarios.IntakeSolution, base int) {
	if len(sols) == 0 {
		return
	}
	target, from := sols[0].Target, sols[0].From
	printWrapped(w, "", fmt.Sprintf("Tekort per niveau in %d en wat het sluiten kost, met dezelfde mix van leerroutes en met de goedkoopste:", target))
	fmt.Fprintln(w)
	lt := table{header: []string{"niveau", fmt.Sprintf("tekort %d\n(fte)", target), "kosten per jaar\n(mln euro)", "goedkoopste mix\n(mln euro per jaar)", fmt.Sprintf("tekort %d\ndaarmee (fte)", target)}}
	var cost, cheapest float64
	total := "totaal"
	for _, s := range sols {
		if !s.Reachable {
			lt.add(s.Level.String(), nl.Int(s.Shortfall), "niet haalbaar", "niet haalbaar", nl.Int(s.Residual))
			total = "totaal, haalbare niveaus"
			continue
		}
		lt.add(s.Level.String(), nl.Int(s.Shortfall), nl.Dec(s.CostPerYear/1e6, 1), nl.Dec(s.CheapestCostPerYear/1e6, 1), nl.Int(s.Residual))
		cost += s.CostPerYear
		cheapest += s.CheapestCostPerYear
	}
	lt.add(total, "", nl.Dec(cost/1e6, 1), nl.Dec(cheapest/1e6, 1), "")
	lt.print(w)
	fmt.Fprintln(w)
	decided := ""
	if from > base+1 {
		decided = fmt.Sprintf(" De instroom van %d tot en met %d ligt vast: zoals de raming die neemt.", base+1, from-1)
	}
	printWrapped(w, "", fmt.Sprintf("Benodigde instroom per jaar vanaf %d, per niveau en leerroute (studenten per jaar; plaatsen: "+
		"opleidingsplaatsen als elk studiejaar vol is; instroom %d: wat de raming dat jaar neemt).%s", from, from, decided))
	fmt.Fprintln(w)
	t := table{header: []string{"niveau", "leerroute", fmt.Sprintf("instroom %d\n(raming)", from), "nodig, zelfde mix\n(per jaar)", "plaatsen nodig\n(aantal)", "goedkoopste mix\n(per jaar)"}}
	var dropped []string
	for _, s := range sols {
		for i, rt := range s.Routes {
			needed := nl.Int(s.Needed[i])
			if !s.Reachable {
				needed = "niet haalbaar"
			}
			t.add(s.Level.String(), rt.String(), nl.Int(s.Current[i]), needed, nl.Int(s.PlacesNeeded[i]), nl.Int(s.Cheapest[i]))
			if s.Reachable && s.Current[i] > 0 && s.Cheapest[i] < 0.5 {
				dropped = append(dropped, analysis.ProgrammeName(s.Level, rt))
			}
		}
	}
	t.print(w)
	fmt.Fprintln(w)
	for _, s := range sols {
		if !s.Reachable {
			printWrapped(w, "", fmt.Sprintf("%s: niet haalbaar in %d; met %d keer de huidige instroom blijft een tekort van %s fte.",
				s.Level, s.Target, scenarios.MaxIntakeFactor, nl.Int(s.Residual)))
		}
	}
	if len(dropped) > 0 {
		printWrapped(w, "", fmt.Sprintf("De goedkoopste mix zet de instroom in %s op nul: per gediplomeerde die in de zorg gaat werken "+
			"kosten BBL en hbo-duaal het minst (minder uitval, een hoger sectorrendement, en de studenten werken mee). "+
			"Het model rekent niet na of er zoveel kandidaten en leerwerkplekken voor zijn.", joinAnd(dropped)))
	}
	if !slices.ContainsFunc(sols, func(s scenarios.IntakeSolution) bool { return s.Level == forecast.WoOverig }) {
		printWrapped(w, "", "wo/overig: de regio leidt hiervoor niet op; dit tekort sluit alleen met zij-instroom, behoud of andere hefbomen.")
	}
}

func printLever(w io.Writer, sol *scenarios.LeverSolution) {
	lv := sol.Lever
	fmt.Fprintf(w, "Hefboom %s (%s), vanaf %d, %s.\n", lv.Kind, lv.Kind.Label(), lv.Start, lv.Horizon)
	fmt.Fprintf(w, "Tekort in %d zonder deze hefboom: %s fte.\n", sol.Target, nl.Int(sol.Shortfall))
	if sol.Reachable {
		fmt.Fprintf(w, "Benodigde omvang: %s; tekort in %d daarmee: %s fte.\n", analysis.SizeText(lv.Kind, lv.Size), sol.Target, nl.Int(sol.Residual))
		return
	}
	printWrapped(w, "", fmt.Sprintf("Niet haalbaar: ook met de grootste omvang (%s) blijft in %d een tekort van %s fte.",
		analysis.SizeText(lv.Kind, lv.Size), sol.Target, nl.Int(sol.Residual)))
}

// joinAnd lists items the Dutch way: "a, b en c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
}
