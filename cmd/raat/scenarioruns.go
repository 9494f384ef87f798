package main

import (
	"context"
	"fmt"

	"raat/forecast"
	"raat/scenarios"
)

// scenarioRun is one scenario's deterministic result and, with draws, its
// distribution.
type scenarioRun struct {
	scenario *scenarios.Scenario
	res      *forecast.Result
	dist     *forecast.Distribution
}

// runScenarios runs each scenario on r with the years of mc.Options and,
// when mc.Draws > 0, its Monte Carlo with the rest of mc.
func runScenarios(ctx context.Context, r *forecast.Region, scs []*scenarios.Scenario, mc forecast.MCOptions) ([]scenarioRun, error) {
	var runs []scenarioRun
	for _, sc := range scs {
		levers := sc.ForecastLevers(r.BaseYear)
		opt := mc.Options
		opt.Scenario = sc.Name
		res, err := forecast.Run(r, levers, opt)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
		}
		run := scenarioRun{scenario: sc, res: res}
		if mc.Draws > 0 {
			o := mc
			o.Options = opt
			if run.dist, err = forecast.MonteCarlo([]*forecast.Region{r}, levers, o); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
			}
		}
		runs = append(runs, run)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return runs, nil
}

// dutchWarnings returns the runs' warnings in Dutch, each once.
func dutchWarnings(runs []scenarioRun) []string {
	var ws []string
	seen := map[string]bool{}
	for _, run := range runs {
		for _, w := range run.res.Warnings {
			if text := forecast.Dutch(w); !seen[text] {
				seen[text] = true
				ws = append(ws, text)
			}
		}
	}
	return ws
}
