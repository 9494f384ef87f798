package analysis

import (
	"fmt"

	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
)

// Outcome is one scenario's result in a study.
type Outcome struct {
	Scenario *scenarios.Scenario
	// Run is the deterministic run: the central estimate.
	Run *forecast.Result
	// Dist is the Monte Carlo distribution behind the band, or nil
	// without draws.
	Dist *forecast.Distribution
	// Warnings are the run's warnings in Dutch, each once.
	Warnings []string

	sel forecast.Scope
}

// Point is one year of a shortfall series, in FTE.
type Point struct {
	Year int
	// Central is the central estimate (centrale raming): the shortfall of
	// the deterministic run. Every surface quotes it and draws it as the
	// line.
	Central float64
	// HasBand says whether the Monte Carlo's Low (P10), P50 and High
	// (P90) are set. Eight in ten draws lie between Low and High; P50 is
	// for analysts and is not the headline.
	HasBand        bool
	Low, P50, High float64
}

// Shortfall returns the shortfall of the study's selection (every branch
// and level unless Options.Select says otherwise) per year: the central
// estimate and, with draws, the band.
func (o *Outcome) Shortfall() []Point {
	res := o.Run
	var band *forecast.Series
	if o.Dist != nil {
		band = o.Dist.Find(res.Region, forecast.AllBranches, forecast.AllLevels)
	}
	keep := func(r *forecast.Row) bool { return o.sel.Has(r.Branch, r.Level) }
	pts := make([]Point, 0, res.To-res.From+1)
	for k, y := range res.Years() {
		p := Point{Year: y, Central: res.Sum(y, keep).ShortfallFTE}
		if band != nil {
			q := band.Quantiles[k]
			p.HasBand, p.Low, p.P50, p.High = true, q[0], q[1], q[2]
		}
		pts = append(pts, p)
	}
	return pts
}

// At returns the point of one year; ok is false outside the run's years.
func (o *Outcome) At(year int) (p Point, ok bool) {
	if year < o.Run.From || year > o.Run.To {
		return Point{}, false
	}
	return o.Shortfall()[year-o.Run.From], true
}

// Horizon returns the point of the last year.
func (o *Outcome) Horizon() Point {
	p, _ := o.At(o.Run.To)
	return p
}

// BandLabel names the band in a chart's legend or a table's header, in
// words a board reads.
const BandLabel = "band: 8 van de 10 uitkomsten"

// CentralLabel names the central estimate.
const CentralLabel = "centrale raming"

// BandText says where the band lies, for a board: "8 van de 10 uitkomsten
// liggen tussen 2.834 en 4.954 fte". It is empty without a band.
func (p Point) BandText() string {
	if !p.HasBand {
		return ""
	}
	return fmt.Sprintf("8 van de 10 uitkomsten liggen tussen %s en %s fte", nl.Int(p.Low), nl.Int(p.High))
}
