package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"raat/analysis"
	"raat/nl"
)

const explainSynopsis = `explain [--region FILE] [--employers DIR] [--scenario S] [--from YEAR] [--to YEAR] [--every N] [--sensitivity]

Decomposes the change in shortfall --scenario (default raat-plan) brings
about into the contributions of its levers, per year: Shapley values (each
lever's marginal effect averaged over every order in which the levers could
be added), which add up to the scenario's total change and do not depend on
the order of the levers. Negative numbers close the gap: this is each
lever's share in the plan, with the other levers on.

It then prices each lever on its own, against the baseline, with the
region's unit costs: what it costs over the years to the horizon, the
shortfall it closes on its own (FTE-years, and FTE in the last year; positive
closes the gap) beside its share in the plan in the last year, and euros per
FTE-year closed, to rank the levers by cost-effectiveness.

With --sensitivity it answers another question instead: how the shortfall
at the horizon of --scenario moves with each uncertain assumption of the
region (the ranges the Monte Carlo draws from) at the low and at the high
end of its range, the others at their central values, the widest first.`

func explainCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("explain", explainSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "raat-plan", false)
	f.addYears(fs)
	every := fs.Int("every", 1, "show every `n`-th year, and the last")
	sensitivity := fs.Bool("sensitivity", false, "show how the horizon shortfall moves with each uncertain assumption instead")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "explain takes the scenario as --scenario %s\n", fs.Arg(0))
		fs.Usage()
		return errReported
	}
	scs, err := lookupScenarios(f.scenario)
	if err != nil {
		return err
	}
	if len(scs) != 1 {
		return fmt.Errorf("--scenario: explain decomposes one scenario, got %d", len(scs))
	}
	sc := scs[0]
	st, _, err := f.study(stderr, scs, analysis.Options{})
	if err != nil {
		return err
	}
	r := st.Region()
	if *sensitivity {
		s, err := st.Sensitivity(ctx, sc.Name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "raat: %s, scenario %s: %s\nbron: %s\n\n", r.Name, sc.Name, sc.Description, st.Source())
		printSensitivity(stdout, s)
		return ctx.Err()
	}
	d, err := st.Decomposition(ctx, sc.Name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "raat: %s, scenario %s: %s\nbron: %s\n\n", r.Name, sc.Name, sc.Description, st.Source())
	fmt.Fprintln(stdout, "Bijdrage van elke hefboom in het plan aan de verandering van het tekort (fte, Shapley-waarden;")
	fmt.Fprintln(stdout, "negatief verkleint het tekort; de bijdragen tellen op tot het verschil tussen basis en scenario):")
	fmt.Fprintln(stdout)
	t := table{header: []string{"jaar", "tekort\nbasis"}}
	for _, c := range d.Levers {
		t.header = append(t.header, leverHeader(c.Lever.Kind.String()))
	}
	t.header = append(t.header, "tekort\nscenario")
	for i, y := range d.Years {
		if (i%max(1, *every) != 0) && i != len(d.Years)-1 {
			continue
		}
		row := []string{fmt.Sprint(y), nl.Int(d.Baseline[i])}
		for _, c := range d.Levers {
			row = append(row, signed(c.Effect[i]))
		}
		row = append(row, nl.Int(d.WithLevers[i]))
		t.add(row...)
	}
	t.print(stdout)
	if len(d.Levers) == 0 {
		return nil
	}
	a, err := st.Actions(ctx, sc.Name)
	if err != nil {
		return err
	}
	last := fmt.Sprint(a.To)
	fmt.Fprintln(stdout)
	printWrapped(stdout, "", fmt.Sprintf("Elke hefboom op zichzelf, tegenover basis (%d-%d, kosten onverdisconteerd; positief dicht het tekort):", a.From, a.To))
	fmt.Fprintln(stdout)
	ct := table{header: []string{"hefboom", "kosten\n(mln euro)", "gedicht\n(fte-jaren)", "gedicht\n" + last + " (fte)", "euro per\nfte-jaar", "in het plan\n" + last + " (fte)"}}
	for _, it := range a.Items {
		per := "-"
		if it.EURPerFTEYear > 0 {
			per = nl.Int(it.EURPerFTEYear)
		}
		ct.add(it.Lever.Kind.String(), nl.Dec(it.EUR/1e6, 1), nl.Int(it.ClosedFTEYears), nl.Int(it.ClosedAtHorizon), per, nl.Int(it.InPlan))
	}
	ct.add("totaal", nl.Dec(a.TotalEUR/1e6, 1), nl.Int(a.PlanClosedFTEYears), nl.Int(a.PlanClosedAtHorizon), nl.Int(a.PlanEURPerFTEYear()), nl.Int(a.PlanClosedAtHorizon))
	ct.print(stdout)
	fmt.Fprintln(stdout)
	printWrapped(stdout, "", fmt.Sprintf("gedicht: op zichzelf, de hefboom alleen. in het plan: de bijdrage hierboven in %s, met de andere "+
		"hefbomen aan (omgekeerd teken). totaal: de kosten opgeteld; gedicht en in het plan: alle hefbomen samen.", last))
	for _, it := range a.Items {
		if it.Why != "" {
			printWrapped(stdout, it.Lever.Kind.String()+": ", it.Why)
		}
	}
	return ctx.Err()
}

// leverHeader breaks a lever's key at its hyphen, for a narrow column.
func leverHeader(key string) string {
	if a, b, ok := strings.Cut(key, "-"); ok && len(key) > 12 {
		return a + "-\n" + b
	}
	return key
}

// printSensitivity prints each uncertain assumption at the ends of its
// range, the widest swing first.
func printSensitivity(w io.Writer, s *analysis.Sensitivity) {
	fmt.Fprintf(w, "Tekort in %d (fte) met elke onzekere aanname op het lage en het hoge eind van haar bandbreedte,\n", s.Year)
	fmt.Fprintf(w, "de andere op hun centrale waarde; centrale raming %s fte:\n\n", nl.Int(s.Central))
	t := table{header: []string{"aanname", "laag", "tekort\nlaag", "hoog", "tekort\nhoog", "verschil"}}
	for _, sw := range s.Swings {
		t.add(sw.Parameter.Label(), sw.Parameter.Setting(sw.Low), nl.Int(sw.AtLow), sw.Parameter.Setting(sw.High), nl.Int(sw.AtHigh), nl.Int(sw.Width()))
	}
	t.print(w)
	if len(s.Swings) == 0 {
		fmt.Fprintln(w, "(het regiobestand geeft geen bandbreedtes)")
		return
	}
	fmt.Fprintln(w, "\nx 0,88: 12% lager dan in de gegevens; vraaggroei: zoveel procentpunt per jaar minder of meer groei.")
}

// signed formats a change with its sign: "-1.234", "+56", "0".
func signed(x float64) string {
	s := nl.Int(x)
	if x > 0.5 {
		return "+" + s
	}
	return s
}
