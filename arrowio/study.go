package arrowio

import (
	"time"

	"raat/analysis"
	"raat/forecast"
)

// ResultsOf gathers a study's outcomes for writing: each outcome's
// deterministic run (the central estimate, kind "run"), its distribution
// (kinds "quantile" and "mean") and, when the study kept them, the draws
// of the region's total shortfall (kind "draw"). version, created and
// source are the provenance the file records.
func ResultsOf(version string, created time.Time, source string, outs []*analysis.Outcome) *Results {
	res := &Results{Version: version, Created: created, RegionSource: source}
	for _, o := range outs {
		res.Runs = append(res.Runs, o.Run)
		if o.Dist == nil {
			continue
		}
		res.Distributions = append(res.Distributions, o.Dist)
		if total := o.Dist.Find(o.Run.Region, forecast.AllBranches, forecast.AllLevels); total != nil && total.Draws != nil {
			res.Draws = append(res.Draws, DrawSeries{Scenario: o.Scenario.Name, Region: o.Run.Region,
				Branch: forecast.AllBranches, Level: forecast.AllLevels, From: o.Dist.From, Values: total.Draws})
		}
	}
	return res
}
