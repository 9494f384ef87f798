package main

import (
	"context"
	"fmt"
	"io"

	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
)

const explainSynopsis = `explain [--region FILE] [--to YEAR] [--every N] SCENARIO

Decomposes the change in shortfall a scenario brings about into the
contributions of its levers, per year: Shapley values (each lever's
marginal effect averaged over every order in which the levers could be
added), which add up to the scenario's total change and do not depend on
the order of the levers. Negative numbers close the gap.

It then prices each lever on its own with the region's unit costs: what it
costs over the years to the horizon, the shortfall it closes (FTE-years, and
FTE in the last year), and euros per FTE-year closed, to rank the levers by
cost-effectiveness.`

func explainCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("explain", explainSynopsis, stderr)
	regionFile := fs.String("region", "", regionFlagHelp)
	to := fs.Int("to", 0, "last `year` (default the base year + 15)")
	every := fs.Int("every", 1, "show every `n`-th year, and the last")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "explain takes one scenario")
		fs.Usage()
		return errReported
	}
	sc, err := scenarios.Lookup(fs.Arg(0))
	if err != nil {
		return err
	}
	r, source, err := loadRegion(*regionFile)
	if err != nil {
		return err
	}
	opt := forecast.Options{Scenario: sc.Name, To: *to}
	d, err := scenarios.Decompose(r, sc, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "raat: %s, scenario %s: %s\nbron: %s\n\n", r.Name, sc.Name, sc.Description, source)
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
	costs, err := scenarios.Costs(r, sc, opt)
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
