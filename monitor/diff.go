package monitor

import (
	"context"
	"fmt"
	"slices"

	"raat/forecast"
	"raat/scenarios"
)

// Edition is one forecast of a region: its data (a region file, or the
// region the workbooks of one peildatum make) and its scenario.
//
// A scenario's levers depend on the base year they are resolved at (a
// start given as years after the base year), and a lever must start after
// the base year of the region it runs on. Compare runs an edition's levers
// on regions whose base year is the other edition's too, so it resolves
// Scenario's levers at the base year of each region it runs; Levers is
// used only for an edition without a Scenario, as it is.
type Edition struct {
	Name     string
	Region   *forecast.Region
	Scenario *scenarios.Scenario
	Levers   []forecast.Lever
}

// leversAt returns the edition's levers for a region with the given base
// year.
func (e *Edition) leversAt(baseYear int) ([]forecast.Lever, error) {
	if e.Scenario == nil {
		return e.Levers, nil
	}
	return e.Scenario.LeversAt(baseYear)
}

// EditionOf is the edition of the workbooks of one peildatum of the
// history, on base, under a scenario.
func (h *History) EditionOf(base *forecast.Region, year int, sc *scenarios.Scenario) (Edition, error) {
	r, _, err := h.RegionOf(base, year)
	if err != nil {
		return Edition{}, err
	}
	levers, err := sc.LeversAt(r.BaseYear)
	if err != nil {
		return Edition{}, err
	}
	return Edition{Name: fmt.Sprintf("peildatum %d", year), Region: r, Scenario: sc, Levers: levers}, nil
}

// Group is a group of a region's inputs that a diff splits the change
// over.
type Group uint8

const (
	// StockData: who is there at the base year and where they train: the
	// staff per cell and age, their part-time factors, the students
	// enrolled, the training places and care FTE of each trainer, and
	// the base year itself.
	StockData Group = iota
	// Rates: what happens to them per year: other outflow by age,
	// retirement (pension age, early retirement, staying on, stopping
	// past the pension age), mobility and its attraction, lateral
	// entrants and returners per head, graduates' shares per branch, sick
	// leave, the programmes (duration, dropout, candidates and their
	// growth, sector yield, place use, entry age, productive FTE) and the
	// training conventions.
	Rates
	// Demand: demand growth per cell and the open vacancies of the base
	// year.
	Demand
	// Levers: the scenario's levers.
	Levers
	NumGroups = iota
)

var groupLabels = [NumGroups]string{"nieuwe bestandsgegevens", "andere kansen", "andere vraag", "andere hefbomen"}

var groupKeys = [NumGroups]string{"bestand", "kansen", "vraag", "hefbomen"}

// Label is the group's Dutch name.
func (g Group) Label() string { return groupLabels[g] }

// String is the group's short Dutch key.
func (g Group) String() string { return groupKeys[g] }

// Diff splits the change in the shortfall of one year between two
// editions over the groups of inputs that changed:
//
//	new - old = stock + rates + demand + levers
//
// Each group's part is its Shapley value: the region is run with every
// combination of the four groups taken from the old edition or the new
// (16 runs), and a group's part is the change it brings about when it is
// swapped in, averaged over every order in which the four could be
// swapped (as explain splits a scenario over its levers). The parts add
// up to the whole change, whatever the order, and a group that is the
// same in both editions has part zero; so has every group when an edition
// is set against itself. The same scenario in both editions has a levers
// part of zero: its levers are resolved at the base year of each run (see
// Edition), so that a plan whose levers start a year after the base year
// starts them a year later in a later edition, and that delay counts with
// the stock data (the base year is part of it).
type Diff struct {
	Old, New string
	// Year is the year of the shortfall compared.
	Year   int
	Scopes []Scope
	// Before and After are the shortfall (FTE) per scope in the old and
	// the new edition; Parts[g][s] group g's part of the change.
	Before, After []float64
	Parts         [NumGroups][]float64
	// Notes say what a reader should know about the mix (Dutch).
	Notes []string
}

// Compare splits the change in the year's shortfall from edition a to b.
// The year must be within both editions' horizon of 100 years.
func Compare(ctx context.Context, a, b Edition, year int) (*Diff, error) {
	d := &Diff{Old: a.Name, New: b.Name, Year: year, Scopes: []Scope{{Name: b.Region.Name, Branch: forecast.AllBranches}}}
	for br := range forecast.Branch(forecast.NumBranches) {
		d.Scopes = append(d.Scopes, Scope{Name: br.Label(), Branch: br})
	}
	if year < max(a.Region.BaseYear, b.Region.BaseYear) {
		return nil, fmt.Errorf("diff: the shortfall of %d, before the base years %d and %d", year, a.Region.BaseYear, b.Region.BaseYear)
	}
	// The 16 runs use 8 regions (the levers are not the region's): each is
	// compiled once.
	models := map[int]*forecast.Model{}
	v := make([][]float64, 1<<NumGroups)
	for mask := range v {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, notes := mix(a.Region, b.Region, mask)
		for _, n := range notes {
			if !slices.Contains(d.Notes, n) {
				d.Notes = append(d.Notes, n)
			}
		}
		e := &a
		if mask&(1<<Levers) != 0 {
			e = &b
		}
		levers, err := e.leversAt(r.BaseYear)
		if err != nil {
			return nil, fmt.Errorf("diff: %s with %s: %w", a.Name, groupsOf(mask), err)
		}
		m := models[mask&^(1<<Levers)]
		if m == nil {
			if m, err = forecast.Compile(r); err != nil {
				return nil, fmt.Errorf("diff: %s with %s: %w", a.Name, groupsOf(mask), err)
			}
			models[mask&^(1<<Levers)] = m
		}
		res, err := m.Run(levers, forecast.Options{From: year, To: year})
		if err != nil {
			return nil, fmt.Errorf("diff: %s with %s: %w", a.Name, groupsOf(mask), err)
		}
		v[mask] = make([]float64, len(d.Scopes))
		for s, sc := range d.Scopes {
			v[mask][s] = res.Sum(year, func(row *forecast.Row) bool {
				return sc.Branch == forecast.AllBranches || row.Branch == sc.Branch
			}).ShortfallFTE
		}
	}
	d.Before, d.After = v[0], v[len(v)-1]
	copy(d.Parts[:], scenarios.ShapleyValues(v))
	return d, nil
}

// groupsOf names the groups of a mask taken from the new edition.
func groupsOf(mask int) string {
	var s []string
	for g := range Group(NumGroups) {
		if mask&(1<<g) != 0 {
			s = append(s, g.String())
		}
	}
	if len(s) == 0 {
		return "niets van de nieuwe"
	}
	return fmt.Sprint(s) + " van de nieuwe"
}

// mix returns a region with each group of inputs from a, or from b when
// its bit in mask is set (the levers are not the region's).
func mix(a, b *forecast.Region, mask int) (*forecast.Region, []string) {
	from := func(g Group) *forecast.Region {
		if mask&(1<<g) != 0 {
			return b
		}
		return a
	}
	stock, rates, demand := from(StockData), from(Rates), from(Demand)
	r := *rates // the rates group holds the scalars and the programmes
	r.Name, r.Uncertainty, r.Costs = b.Name, b.Uncertainty, b.Costs
	r.BaseYear = stock.BaseYear
	r.Trainers = slices.Clone(stock.Trainers)
	var notes []string
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			p := &r.Programmes[l][rt]
			sp := &stock.Programmes[l][rt]
			if p.DurationYears == sp.DurationYears {
				p.Enrolled = slices.Clone(sp.Enrolled)
			} else if a.Programmes[l][rt].DurationYears != b.Programmes[l][rt].DurationYears {
				notes = append(notes, fmt.Sprintf("%s %s duurt in de ene editie %d jaar, in de andere %d: de studenten gaan mee met de opleiding (kansen)",
					forecast.Level(l), forecast.Route(rt), a.Programmes[l][rt].DurationYears, b.Programmes[l][rt].DurationYears))
			}
		}
	}
	for br := range r.Cells {
		for l := range r.Cells[br] {
			c := &r.Cells[br][l]
			sc, dc := &stock.Cells[br][l], &demand.Cells[br][l]
			rc := rates.Cells[br][l]
			n := sc.Headcount.Sum()
			c.Headcount, c.PartTimeFactor = sc.Headcount, sc.PartTimeFactor
			// Lateral entrants and returners are counts a year; the rate
			// is per head of the rates' edition, the heads the stock's.
			if m := rc.Headcount.Sum(); m > 0 {
				c.LateralEntry, c.Returners = rc.LateralEntry/m*n, rc.Returners/m*n
			}
			c.DemandGrowth, c.OpenVacanciesFTE = dc.DemandGrowth, dc.OpenVacanciesFTE
		}
	}
	return &r, notes
}

// Total returns the change of a scope: after less before.
func (d *Diff) Total(s int) float64 { return d.After[s] - d.Before[s] }
