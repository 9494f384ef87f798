package main

import (
	"context"
	"fmt"
	"io"

	"raat/analysis"
	"raat/nl"
)

const explainSynopsis = `explain [--region FILE] [--employers DIR] [--scenario S] [--from YEAR] [--to YEAR] [--every N]

Decomposes the change in shortfall --scenario (default raat-plan) brings
about into the contributions of its levers, per year: Shapley values (each
lever's marginal effect averaged over every order in which the levers could
be added), which add up to the scenario's total change and do not depend on
the order of the levers. Negative numbers close the gap.

It then prices each lever on its own with the region's unit costs: what it
costs over the years to the horizon, the shortfall it closes (FTE-years, and
FTE in the last year), and euros per FTE-year closed, to rank the levers by
cost-effectiveness.`

func explainCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("explain", explainSynopsis, stderr)
	f.addRegion(fs)
	f.addEmployers(fs)
	f.addScenario(fs, "raat-plan", false)
	f.addYears(fs)
	every := fs.Int("every", 1, "show every `n`-th year, and the last")
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
	d, err := st.Decomposition(ctx, sc.Name)
	if err != nil {
		return err
	}
	r := st.Region()
	fmt.Fprintf(stdout, "raat: %s, scenario %s: %s\nbron: %s\n\n", r.Name, sc.Name, sc.Description, st.Source())
	fmt.Fprintln(stdout, "Bijdrage per hefboom aan de verandering van het tekort (fte, Shapley-waarden):")
	fmt.Fprintln(stdout)
	t := table{header: []string{"jaar", "tekort basis"}}
	for _, c := range d.Levers {
		t.header = append(t.header, c.Lever.Kind.String())
	}
	t.header = append(t.header, "tekort scenario")
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
	costs, err := st.Costs(ctx, sc.Name)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nKosten per hefboom (elk apart, %d-%d, onverdisconteerd):\n\n", d.Years[0], d.Years[len(d.Years)-1])
	ct := table{header: []string{"hefboom", "kosten (mln euro)", "gedicht (fte-jaren)", "gedicht in " + fmt.Sprint(d.Years[len(d.Years)-1]) + " (fte)", "euro per fte-jaar"}}
	for _, c := range costs {
		per := "-"
		if c.EURPerFTEYear > 0 {
			per = nl.Int(c.EURPerFTEYear)
		}
		ct.add(c.Lever.Kind.String(), nl.Dec(c.EUR/1e6, 1), nl.Int(c.ClosedFTEYears), nl.Int(c.ClosedAtHorizon), per)
	}
	ct.print(stdout)
	return ctx.Err()
}

// signed formats a change with its sign: "-1.234", "+56", "0".
func signed(x float64) string {
	s := nl.Int(x)
	if x > 0.5 {
		return "+" + s
	}
	return s
}
