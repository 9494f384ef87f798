package monitor

import (
	"context"
	"fmt"
	"math"

	"raat/analysis"
	"raat/forecast"
	"raat/scenarios"
)

// Indicator is what the workbooks show of a lever: the number a lever's
// target is set in and what was realised is measured by.
type Indicator uint8

const (
	// Places: training places offered, every route (opleidingsquote and
	// BOL-to-BBL levers).
	Places Indicator = iota
	// BBLPlaces: BBL places offered (BOL-to-BBL).
	BBLPlaces
	// QuoteLevel: the opleidingsquote (opleidingsquote lever).
	QuoteLevel
	// OutflowRate: other leavers per head (behoud).
	OutflowRate
	// LateralHires: zij-instromers, herintreders and overig (zij-instroom).
	LateralHires
	// ContractHours: the average contract in hours a week (grotere
	// contracten).
	ContractHours
	NumIndicators = iota
)

var indicatorLabels = [NumIndicators]string{
	"opleidingsplaatsen", "BBL-plaatsen", "opleidingsquote", "uitstroom anders dan pensioen, per medewerker",
	"zij-instroom en herintreders", "contracturen per week",
}

var indicatorShort = [NumIndicators]string{"plaatsen", "BBL-plaatsen", "opleidingsquote", "uitstroom", "zij-instroom", "contracturen"}

// Label is the indicator's Dutch name.
func (i Indicator) Label() string { return indicatorLabels[i] }

// Short is the indicator's Dutch name in a word, for a column.
func (i Indicator) Short() string { return indicatorShort[i] }

// Lower reports whether a lower value is the better one.
func (i Indicator) Lower() bool { return i == OutflowRate }

// Percent reports whether the indicator is a rate best read as a
// percentage.
func (i Indicator) Percent() bool { return i == OutflowRate }

// Decimals is how many decimals the indicator is shown with.
func (i Indicator) Decimals() int {
	switch i {
	case QuoteLevel, ContractHours:
		return 1
	}
	return 0
}

// IndicatorOf measures an indicator in figures.
func IndicatorOf(i Indicator, f Figures) float64 { return i.of(f) }

// of measures the indicator in figures.
func (i Indicator) of(f Figures) float64 {
	switch i {
	case Places:
		return f.Places()
	case BBLPlaces:
		return f.Offered[forecast.BBL]
	case QuoteLevel:
		return f.Quote()
	case OutflowRate:
		return f.OtherOutflowRate()
	case LateralHires:
		return f.Lateral()
	}
	return f.HoursPerWeek()
}

// Progress says where a realised number stands against its target.
type Progress uint8

const (
	// NotStarted: the plan asks no change yet.
	NotStarted Progress = iota
	// OnTrack: at least OnTrackShare of the planned change realised.
	OnTrack
	// Behind: less.
	Behind
)

var progressLabels = []string{"nog niet begonnen", "op koers", "achter"}

// Label is the progress in Dutch.
func (p Progress) Label() string { return progressLabels[p] }

// OnTrackShare is the share of a planned change that counts as on
// track: nine tenths of the way is on course, for numbers that employers
// round and that move a little from year to year of their own.
const OnTrackShare = 0.9

// progress compares a realised value with its target from base.
func progress(ind Indicator, base, target, realised float64) Progress {
	planned := target - base
	if math.Abs(planned) < 1e-9*math.Max(1, math.Abs(base)) {
		return NotStarted
	}
	if (realised-base)/planned >= OnTrackShare {
		return OnTrack
	}
	return Behind
}

// Target is one indicator of a plan for the region or one employer:
// where it stood when the plan's levers began to act on it, and per later
// year the plan's target, what was realised and where that stands.
//
// A lever's target is a change: 10% less outflow, 300 more lateral
// entrants a year, an hour more a week, the places the opleidingsquote
// lever adds. It is counted from the indicator's realised value in From,
// the last peildatum before the levers change it (the plan's own
// peildatum, or later when a lever's effect starts later), so that what
// happened before a lever acts (the outflow falling back after an
// exceptional year, say) is not taken for the lever's doing.
type Target struct {
	Indicator Indicator
	// Levers are the plan's levers the indicator measures.
	Levers []forecast.LeverKind
	// From is the year of Base, the value the target counts from.
	From int
	Base float64
	// Per year of the plan's years (Plan.Years); Target is NaN up to
	// From, and for an employer without figures in From.
	Target, Realised []float64
	Progress         []Progress
	// Counted per year: whether the employer has figures (delivered or
	// estimated); always true for the region.
	Counted []bool
	// planned is the plan's change of the indicator from its value at the
	// plan's peildatum, per year from that peildatum on (index 0 is 0),
	// and ref the index of From in it.
	planned []float64
	ref     int
}

// plannedFrom returns the index of the last year before a planned path
// moves: every change up to it is zero.
func plannedFrom(planned []float64) int {
	ref := 0
	for j := 1; j < len(planned) && math.Abs(planned[j]) < 1e-12; j++ {
		ref = j
	}
	return ref
}

// set fills in a target from the plan's path: the realised values per
// year from the plan's peildatum on (index 0), the planned change per
// year, and how a planned change becomes the target from the base
// (relative: as a share of the base, as behoud acts).
func (t *Target) set(years []int, realised, planned []float64, counted []bool, relative bool, target func(base float64, j int) float64) {
	t.planned, t.ref = planned, plannedFrom(planned)
	t.From, t.Base = years[t.ref], realised[t.ref]
	for j := 1; j < len(years); j++ {
		tg, pr := math.NaN(), NotStarted
		if j > t.ref && !math.IsNaN(t.Base) {
			switch {
			case target != nil:
				tg = target(t.Base, j)
			case relative:
				tg = t.Base * (1 + planned[j])
			default:
				tg = t.Base + planned[j] - planned[t.ref]
			}
			if counted[j] {
				pr = progress(t.Indicator, t.Base, tg, realised[j])
			}
		}
		t.Target = append(t.Target, tg)
		t.Realised = append(t.Realised, realised[j])
		t.Progress = append(t.Progress, pr)
		t.Counted = append(t.Counted, counted[j])
	}
}

// EmployerTargets are one employer's targets.
type EmployerTargets struct {
	Line    *Line
	Targets []Target
}

// Plan is a scenario read as a plan made on the figures of one peildatum:
// the yearly targets its levers imply, what was realised against them,
// and the gap between the plan's forecast and what happened, split over
// the levers that under- or over-delivered and the rest.
type Plan struct {
	Scenario *scenarios.Scenario
	// Year is the peildatum year the plan was made on; Years the later
	// years of the history, which it is measured against.
	Year  int
	Years []int
	// Levers are the scenario's levers for a region of that base year.
	Levers []forecast.Lever
	// Region is the region of Year's workbooks; Forecast the plan's run on
	// it (the central estimate), through the study of package analysis.
	Region   *forecast.Region
	Forecast *forecast.Result

	Targets   []Target
	Employers []EmployerTargets
	Gap       *Gap

	// planned are the places per route, per year from Year on, of the
	// plan's region under its place levers alone (the model's).
	planned [][forecast.NumRoutes]float64
	// Unmeasured are the plan's levers the workbooks do not show; the gap
	// takes them as delivered as planned, so that what they did not do
	// is in the rest.
	Unmeasured []forecast.LeverKind
}

// indicatorsOf lists the indicators a lever kind is measured by.
func indicatorsOf(k forecast.LeverKind) []Indicator {
	switch k {
	case forecast.TrainingQuota:
		return []Indicator{Places, QuoteLevel}
	case forecast.BOLToBBL:
		return []Indicator{Places, BBLPlaces}
	case forecast.Retention:
		return []Indicator{OutflowRate}
	case forecast.LateralEntry:
		return []Indicator{LateralHires}
	case forecast.LargerContracts:
		return []Indicator{ContractHours}
	}
	return nil
}

// NewPlan reads scenario sc as a plan made on the workbooks of peildatum
// year of the history, with base filling in what they do not hold (as
// RegionOf). The plan's forecast and the runs behind its targets and gap
// go through the model's public API: the forecast through an
// analysis.Study, the targets and the gap's lever combinations through
// forecast.Run, as scenarios.Decompose runs them.
func (h *History) NewPlan(ctx context.Context, base *forecast.Region, sc *scenarios.Scenario, year int) (*Plan, error) {
	k := h.Index(year)
	if k < 0 {
		return nil, fmt.Errorf("plan: no workbooks of %d", year)
	}
	if k == len(h.Years)-1 {
		return nil, fmt.Errorf("plan: made on %d, the last peildatum; there is nothing to measure it against yet", year)
	}
	r, sum, err := h.RegionOf(base, year)
	if err != nil {
		return nil, err
	}
	p := &Plan{Scenario: sc, Year: year, Years: h.Years[k+1:], Region: r, Levers: sc.ForecastLevers(r.BaseYear)}
	st, err := analysis.New(analysis.Data{Region: r, Employers: sum, Source: fmt.Sprintf("werkgeversuitvraag %d", year)},
		[]*scenarios.Scenario{sc}, analysis.Options{From: year, To: h.Last()})
	if err != nil {
		return nil, err
	}
	o, err := st.Outcome(ctx, sc.Name)
	if err != nil {
		return nil, err
	}
	p.Forecast = o.Run
	if err := p.targets(h, k); err != nil {
		return nil, err
	}
	if err := p.gap(ctx, h, k); err != nil {
		return nil, err
	}
	return p, nil
}

// onlyKinds returns the levers of the kinds given.
func onlyKinds(levers []forecast.Lever, kinds ...forecast.LeverKind) []forecast.Lever {
	var out []forecast.Lever
	for _, lv := range levers {
		for _, k := range kinds {
			if lv.Kind == k {
				out = append(out, lv)
			}
		}
	}
	return out
}

// placesPerRoute runs the region under levers to the last year and returns
// the places offered per route in each of years (the model's own: its
// trainers' places and what the levers add).
func placesPerRoute(r *forecast.Region, levers []forecast.Lever, years []int) ([][forecast.NumRoutes]float64, *forecast.Result, error) {
	res, err := forecast.Run(r, levers, forecast.Options{To: years[len(years)-1]})
	if err != nil {
		return nil, nil, err
	}
	out := make([][forecast.NumRoutes]float64, len(years))
	for _, e := range res.Education {
		for i, y := range years {
			if e.Year == y {
				out[i][e.Route] += e.Places
			}
		}
	}
	return out, res, nil
}

// ramped is the summed size x ramp of the levers of a kind that reach an
// employer of branch b (every branch for AllBranches) in model year y,
// each weighted by the share of the region's staff its scope holds when
// b is AllBranches.
func ramped(r *forecast.Region, levers []forecast.Lever, kind forecast.LeverKind, b forecast.Branch, y int) float64 {
	var x float64
	for _, lv := range levers {
		if lv.Kind != kind {
			continue
		}
		share := 1.0
		if b == forecast.AllBranches {
			var in, all float64
			for bb := range forecast.Branch(forecast.NumBranches) {
				for l := range forecast.Level(forecast.NumLevels) {
					n := r.Cells[bb][l].Headcount.Sum()
					all += n
					if lv.Scope.Has(bb, l) {
						in += n
					}
				}
			}
			if all > 0 {
				share = in / all
			}
		} else if !scopeHasBranch(lv.Scope, b) {
			continue
		}
		x += lv.Size * lv.Ramp(y) * share
	}
	return x
}

func scopeHasBranch(s forecast.Scope, b forecast.Branch) bool {
	for l := range forecast.Level(forecast.NumLevels) {
		if s.Has(b, l) {
			return true
		}
	}
	return false
}

// targets sets the region's and each employer's targets and what was
// realised.
func (p *Plan) targets(h *History, k int) error {
	kinds := map[forecast.LeverKind]bool{}
	for _, lv := range p.Levers {
		kinds[lv.Kind] = true
		if indicatorsOf(lv.Kind) == nil && !contains(p.Unmeasured, lv.Kind) {
			p.Unmeasured = append(p.Unmeasured, lv.Kind)
		}
	}
	years := append([]int{p.Year}, p.Years...)
	n := len(years)
	var err error
	if p.planned, _, err = placesPerRoute(p.Region, onlyKinds(p.Levers, forecast.TrainingQuota, forecast.BOLToBBL), years); err != nil {
		return err
	}
	pc := p.Region.Training
	counted := make([]bool, n)
	for j := range counted {
		counted[j] = true
	}
	for ind := range Indicator(NumIndicators) {
		var levers []forecast.LeverKind
		for kind := range kinds {
			if contains(indicatorsOf(kind), ind) {
				levers = append(levers, kind)
			}
		}
		if len(levers) == 0 {
			continue
		}
		sortKinds(levers)
		t := Target{Indicator: ind, Levers: levers}
		realised := make([]float64, n)
		for j := range years {
			realised[j] = ind.of(h.Total.Figures[k+j])
		}
		planned := p.plannedChange(ind, forecast.AllBranches, 1)
		var target func(base float64, j int) float64
		if ind == QuoteLevel {
			// the places the levers add since From, in training FTE, on
			// the places and over the staff there were
			target = func(_ float64, j int) float64 {
				from := h.Total.Figures[k+t.ref]
				fte := from.TrainingFTE
				for rt := range forecast.Route(forecast.NumRoutes) {
					fte += (p.planned[j][rt] - p.planned[t.ref][rt]) * pc.PlaceFTE(forecast.Route(rt))
				}
				return 100 * fte / h.Total.Figures[k+j].FTE
			}
		}
		t.set(years, realised, planned, counted, ind == OutflowRate, target)
		p.Targets = append(p.Targets, t)
	}
	p.employerTargets(h, k)
	return nil
}

// plannedChange is the plan's change of an indicator per year from the
// plan's peildatum on, for an employer of branch b holding share of the
// region's staff (the region: AllBranches, 1): in places for the place
// indicators (the model's, from the place levers alone), as a share for
// the outflow, in people for the lateral entrants, in hours for the
// contracts. Quote: the places' change in training FTE, which only says
// when the quote lever acts.
func (p *Plan) plannedChange(ind Indicator, b forecast.Branch, share float64) []float64 {
	years := append([]int{p.Year}, p.Years...)
	d := make([]float64, len(years))
	for j, y := range years {
		switch ind {
		case Places, QuoteLevel:
			for rt, x := range p.planned[j] {
				d[j] += x - p.planned[0][rt]
			}
		case BBLPlaces:
			d[j] = p.planned[j][forecast.BBL] - p.planned[0][forecast.BBL]
		case OutflowRate:
			d[j] = -min(1, ramped(p.Region, p.Levers, forecast.Retention, b, y-1))
		case LateralHires:
			d[j] = share * ramped(p.Region, p.Levers, forecast.LateralEntry, b, y-1)
		case ContractHours:
			d[j] = ramped(p.Region, p.Levers, forecast.LargerContracts, b, y)
		}
	}
	return d
}

// employerTargets sets each employer's targets: the quote as the
// opleidingsquote lever sets it (every employer below the lever's size
// raised to it, in step with the ramp), its other outflow per head
// lowered by behoud, its own lateral entrants plus its share (by staff)
// of the region's extra, its contracts plus the extra hours; each counted
// from where the employer stood when the lever began to act.
func (p *Plan) employerTargets(h *History, k int) {
	years := append([]int{p.Year}, p.Years...)
	var regionHead float64
	for _, l := range h.Employers {
		if l.Status[k].Counted() {
			regionHead += l.Figures[k].Headcount
		}
	}
	for _, l := range h.Employers {
		if !l.Status[k].Counted() {
			continue
		}
		et := EmployerTargets{Line: l}
		for _, pt := range p.Targets {
			ind := pt.Indicator
			if ind == Places || ind == BBLPlaces {
				continue // the region's: the model adds them where it needs
			}
			t := Target{Indicator: ind, Levers: pt.Levers}
			realised := make([]float64, len(years))
			counted := make([]bool, len(years))
			for j := range years {
				counted[j] = l.Status[k+j].Counted()
				realised[j] = math.NaN()
				if counted[j] {
					realised[j] = ind.of(l.Figures[k+j])
				}
			}
			var planned []float64
			var target func(base float64, j int) float64
			switch ind {
			case QuoteLevel:
				planned = pt.planned
				target = func(base float64, j int) float64 {
					q := base
					for _, lv := range p.Levers {
						if lv.Kind == forecast.TrainingQuota && scopeHasBranch(lv.Scope, l.Branch) {
							// the lever's ramp since From
							q += (lv.Ramp(years[j]) - lv.Ramp(years[t.ref])) * max(0, lv.Size-base)
						}
					}
					return q
				}
			case LateralHires:
				share := 0.0
				if regionHead > 0 {
					share = l.Figures[k].Headcount / regionHead
				}
				planned = p.plannedChange(ind, l.Branch, share)
			default:
				planned = p.plannedChange(ind, l.Branch, 1)
			}
			t.set(years, realised, planned, counted, ind == OutflowRate, target)
			et.Targets = append(et.Targets, t)
		}
		p.Employers = append(p.Employers, et)
	}
}

func contains[T comparable](s []T, x T) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func sortKinds(ks []forecast.LeverKind) {
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
}

// Target returns the region's target of an indicator, or nil when the
// plan has none.
func (p *Plan) Target(ind Indicator) *Target {
	for i := range p.Targets {
		if p.Targets[i].Indicator == ind {
			return &p.Targets[i]
		}
	}
	return nil
}
