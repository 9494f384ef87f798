package forecast

import (
	"fmt"
	"math"
	"slices"
)

// Region holds everything the model needs to know about one RAAT region in
// its base year. All rates are per year and are fractions (0.08 is 8%), not
// percentages. A Region is plain data: build it in code, from a region file
// (package region) or from employer workbooks (package ingest), then call
// Validate.
type Region struct {
	Name     string
	BaseYear int

	// PensionAge is the age at which workers retire (the AOW age, 67).
	PensionAge int
	// StayPastPension is the share of workers reaching PensionAge who keep
	// working; the later-retirement lever raises it.
	StayPastPension float64
	// EarlyRetirementRate is the yearly rate at which workers from 60 to
	// below the pension age retire early (counted as retirement, not as
	// other outflow); the later-retirement lever lowers it.
	EarlyRetirementRate float64
	// PastPensionOutflow is the yearly rate at which those working past the
	// pension age stop; it is counted as retirement. At MaxAge+1 all stop.
	PastPensionOutflow float64
	// AbsenceRate is the share of contract hours lost to sick leave in the
	// base year (verzuim); the sick-leave lever lowers it.
	AbsenceRate float64
	// LateralEntryAge and ReturnerAge are the ages at which lateral
	// entrants (zij-instromers) and returners (herintreders) join.
	LateralEntryAge, ReturnerAge int
	// SectorYieldPerContractHour is how much a graduate's sector yield rises
	// (in points of the fraction) per extra contract hour a week offered
	// under the larger-contracts lever: a bigger first contract keeps more
	// graduates in the sector.
	SectorYieldPerContractHour float64

	// Groups names the groups a cell's workforce may be split into, for
	// instance "man" and "vrouw" (see Cell.Groups); empty when no cell is
	// split. At most MaxGroups.
	Groups []string

	Cells      [NumBranches][NumLevels]Cell
	Programmes [NumLevels][NumRoutes]Programme
	// Trainers are the organisations that offer training places: employers
	// when the region is built from workbooks, one per branch otherwise.
	// Their places, summed, are the programmes' place capacity; the
	// opleidingsquote lever acts on each trainer.
	Trainers []Trainer
	// Training holds the conventions that turn places into training FTE.
	Training TrainingConventions

	// Population is the region's population projection by age group; nil
	// when the region has none (demand then follows the growth rates
	// alone). CareUse[b][g] is branch b's relative care use per inhabitant
	// of age group g (only ratios within a branch matter); demand follows
	// the demographic index they give (DemographicIndex).
	Population *Population
	CareUse    [NumBranches][NumAgeGroups]float64
	// DemandFactors are a branch's named non-demographic demand factors;
	// their growth adds to its cells' DemandGrowth (GrowthRate), which a
	// region file leaves zero when it names factors.
	DemandFactors [NumBranches][]DemandFactor

	// Uncertainty gives the ranges the Monte Carlo draws from.
	Uncertainty Uncertainty
	// Costs are the unit costs for the cost-effectiveness of levers.
	Costs Costs
}

// Cell is the workforce of one branch at one qualification level.
type Cell struct {
	// Headcount is the number of workers by single year of age.
	Headcount AgeVector
	// PartTimeFactor is average contract hours / 36 (deeltijdfactor), a
	// factor in (0, 1]: FTE = headcount * PartTimeFactor.
	PartTimeFactor float64
	// OtherOutflowRate is the yearly rate of leaving the region's care
	// sector for any reason but retirement, by age. It applies below the
	// pension age.
	OtherOutflowRate AgeVector
	// MobilityRate is the yearly share of workers who move to another
	// employer in the region's care sector; MobilityAttraction is this
	// cell's share of the level's movers. Movers keep the regional total.
	MobilityRate, MobilityAttraction float64
	// DemandGrowth is the yearly growth of demand in FTE (0.02 is 2%).
	DemandGrowth float64
	// OpenVacanciesFTE are the vacancies open in the base year; they are
	// demand not met by supply.
	OpenVacanciesFTE float64
	// UnmetDemand is the share (0 up to 1) of the base year's demand that
	// neither staff nor open vacancies show: care not given, waiting lists.
	// Base-year demand is (supply + open vacancies) / (1 - UnmetDemand).
	UnmetDemand float64
	// LateralEntry and Returners are yearly inflows in headcount.
	LateralEntry, Returners float64
	// GraduateShare is the share of the level's graduates entering the
	// sector that this branch hires. It sums to 1 over branches for every
	// level with a programme.
	GraduateShare float64

	// Groups, when not empty, splits the cell's workforce into the
	// region's groups (Region.Groups, one CellGroup each, in that order):
	// each group ages and leaves by its own outflow rates, works its own
	// part-time factor (optionally by age), and takes its share of the
	// cell's entrants (graduates hired, lateral entrants, returners, by
	// EntrantShare). As the composition of the cell changes, so does its
	// FTE per head. Headcount must then be the groups' sum, age by age,
	// and PartTimeFactor is only what readers of the region see (SetGroups
	// sets both); OtherOutflowRate is not used. A cell without groups in a
	// region with groups has all its staff and entrants in the first
	// group, with its own factor and outflow.
	Groups []CellGroup
}

// MaxGroups bounds the number of groups a region's cells are split into.
const MaxGroups = 8

// CellGroup is one group of a cell's workforce (Cell.Groups).
type CellGroup struct {
	// Headcount is the group's number of workers by single year of age.
	Headcount AgeVector
	// PartTimeFactor is the group's contract hours / 36, a factor in
	// (0, 1]; PartTimeByAge, when not nil, replaces it with a factor per
	// single year of age (from the pension age on, the factor at the
	// pension age).
	PartTimeFactor float64
	PartTimeByAge  *AgeVector
	// OtherOutflowRate is the group's yearly rate of leaving for any reason
	// but retirement, by age (as Cell.OtherOutflowRate).
	OtherOutflowRate AgeVector
	// EntrantShare is the share of the cell's new entrants who join this
	// group; it sums to 1 over the cell's groups.
	EntrantShare float64
}

// SetGroups splits the cell into groups: it sets Groups, Headcount to
// their sum and PartTimeFactor to their FTE per head (the first group's
// factor when they have nobody).
func (c *Cell) SetGroups(gs []CellGroup) {
	c.Groups = gs
	c.Headcount = AgeVector{}
	var fte float64
	for _, g := range gs {
		for a, n := range g.Headcount {
			c.Headcount[a] += n
			fte += n * g.factorAt(a)
		}
	}
	if n := c.Headcount.Sum(); n > 0 {
		c.PartTimeFactor = min(1, fte/n)
	} else if len(gs) > 0 {
		c.PartTimeFactor = gs[0].factorAt(0)
	}
}

// factorAt is the group's part-time factor at age index a.
func (g *CellGroup) factorAt(a int) float64 {
	if g.PartTimeByAge != nil {
		return g.PartTimeByAge[a]
	}
	return g.PartTimeFactor
}

// Programme is one education programme: a level taught on a route.
type Programme struct {
	// DurationYears is the nominal length; zero means the level is not
	// taught on this route in the region.
	DurationYears int
	// Dropout is the share of students leaving without a diploma in each
	// study year, Dropout[0] is the first year.
	Dropout []float64
	// SectorYield (sectorrendement) is the share of graduates who take a
	// job in the region's care and welfare sector.
	SectorYield float64
	// Candidates is the number of people who want to start each year in
	// the base year; CandidateGrowth is its yearly growth.
	Candidates, CandidateGrowth float64
	// PlaceUse is the number of training places an enrolled student needs
	// (1 for BBL, fewer for BOL whose internships fill part of the year).
	// Zero means intake is not capped by places.
	PlaceUse float64
	// EntryAge is the age at which graduates join the workforce.
	EntryAge int
	// ProductiveFTE is the FTE of productive work an enrolled student
	// contributes to supply (BBL and dual students are employees).
	ProductiveFTE float64
	// Enrolled is the number of students in each study year in the base
	// year; Enrolled[0] is the base year's intake.
	Enrolled []float64
	// CostPerStudentYear is what one student-year costs employers and
	// schools together, in euros.
	CostPerStudentYear float64
}

// Trainer is an organisation offering training places.
type Trainer struct {
	Name   string
	Branch Branch
	// CareFTE is its staff in FTE, the base of its opleidingsquote.
	CareFTE float64
	// Places are the training places offered per level and route.
	Places [NumLevels][NumRoutes]float64
}

// TrainingConventions turn training places into FTE for the
// opleidingsquote: a student on route r spends StudentHours[r] hours a year
// at the employer, and PlaceHours[r] hours make one FTE of training place
// (1,280 for BBL and dual, 1,440 for BOL, by the regional convention).
type TrainingConventions struct {
	StudentHours [NumRoutes]float64
	PlaceHours   [NumRoutes]float64
}

// PlaceFTE returns the training FTE of one place on route r.
func (t TrainingConventions) PlaceFTE(r Route) float64 {
	if t.PlaceHours[r] <= 0 {
		return 0
	}
	return t.StudentHours[r] / t.PlaceHours[r]
}

// Range is an uncertainty range: Low and High bound a triangular
// distribution whose mode is the parameter's value in the data (a factor
// of 1, or an addition of 0). Low == High means no uncertainty.
type Range struct{ Low, High float64 }

// Fixed reports whether the range has no width.
func (r Range) Fixed() bool { return r.Low == r.High }

// Uncertainty gives, per parameter group, the range of a factor applied to
// all of the region's parameters of that group in one draw (multiplicative,
// mode 1), or for demand growth the range of an addition to every growth
// rate (mode 0). Drawing one factor per group and region treats the
// uncertainty as systematic: a real error in a dropout rate is shared by
// all programmes measured the same way.
type Uncertainty struct {
	Dropout, SectorYield, OtherOutflow, PartTimeFactor Range
	DemandGrowth                                       Range
	// Population is the range of the relative deviation (mode 0) of every
	// age group's population from the projection in the projection's last
	// year (-0.04 is 4% fewer inhabitants); the deviation grows linearly
	// from zero in the base year, as a projection's interval widens.
	Population Range
}

// Costs are unit costs in euros for cost-effectiveness.
type Costs struct {
	// PerRetainedWorker is the yearly cost of keeping one worker who
	// would have left (retention programmes, per retained person).
	PerRetainedWorker float64
	// PerLateralEntrant is the cost of recruiting and retraining one
	// lateral entrant or returner.
	PerLateralEntrant float64
	// PerContractFTE is the yearly cost of one extra FTE worked through
	// larger contracts (the wage is paid for any FTE; this is the cost of
	// the programme that makes the larger contracts possible).
	PerContractFTE float64
	// PerTrainingPlace is the yearly cost of one extra training place.
	PerTrainingPlace float64
	// PerAbsenceFTE is the yearly cost of one FTE won back from sick leave.
	PerAbsenceFTE float64
	// PerDemandFTE is the yearly cost of one FTE of demand avoided by
	// prevention or technology.
	PerDemandFTE float64
	// PerSubstitutedFTE is the yearly cost of moving one FTE of demand to
	// another level (taakherschikking: training, redesigning the work).
	PerSubstitutedFTE float64
	// PerPastPensionWorker is the yearly cost of keeping one worker on past
	// the pension age.
	PerPastPensionWorker float64
	// PerGraduateHired is the cost of one more graduate taking a job in the
	// sector (job guarantee, a bigger first contract).
	PerGraduateHired float64
}

// Problem is one thing wrong with a Region: Field names it in the terms of
// the region file (e.g. "cells[vvt][mbo3].part_time_factor"), Found is the
// value and Want says what is expected.
type Problem struct {
	Field string
	Found string
	Want  string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s: found %s, want %s", p.Field, p.Found, p.Want)
}

// Problems is a list of problems; it is an error when not empty.
type Problems []Problem

func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", ps[0].Error(), len(ps)-1)
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Validate checks that the region can be simulated: every rate and share
// in range, every programme consistent, graduate shares summing to 1. It
// returns all problems found, as Problems.
//
// A valid region costs no allocation: the field names of a problem are
// built only when it is found (the checks take them as functions).
func (r *Region) Validate() error {
	var v validator
	r.validate(&v)
	return v.ps.Err()
}

// shareTolerance is how far shares over branches or groups may sum from
// 1: about one in a million, and a power of two, so that a sum off by
// exactly the tolerance is a number a test can write (and is accepted).
const shareTolerance = 1.0 / (1 << 20)

// validator collects problems; name is called only for a problem found.
type validator struct{ ps Problems }

func (v *validator) add(name func() string, found any, want string) {
	v.ps = append(v.ps, Problem{Field: name(), Found: fmt.Sprint(found), Want: want})
}

func (v *validator) frac(name func() string, x float64) {
	if !(x >= 0 && x <= 1) {
		v.add(name, x, "a fraction between 0 and 1")
	}
}

func (v *validator) nonNeg(name func() string, x float64) {
	if !(x >= 0) || math.IsInf(x, 1) {
		v.add(name, x, "a number >= 0")
	}
}

// field returns a name function for a fixed field name.
func field(s string) func() string { return func() string { return s } }

func cellField(b Branch, l Level, name string) func() string {
	return func() string { return fmt.Sprintf("cells[%s][%s].%s", b, l, name) }
}

func (r *Region) validate(v *validator) {
	if len(r.Groups) > MaxGroups {
		v.add(field("groups"), len(r.Groups), fmt.Sprintf("at most %d groups", MaxGroups))
	}
	for i, g := range r.Groups {
		if g == "" || slices.Contains(r.Groups[:i], g) {
			v.add(func() string { return fmt.Sprintf("groups[%d]", i) }, fmt.Sprintf("%q", g), "a name, each group once")
		}
	}
	if r.BaseYear < 1900 || r.BaseYear > 2200 {
		v.add(field("base_year"), r.BaseYear, "a year between 1900 and 2200")
	}
	if r.PensionAge < 55 || r.PensionAge > MaxAge {
		v.add(field("pension_age"), r.PensionAge, fmt.Sprintf("an age between 55 and %d", MaxAge))
	}
	v.frac(field("stay_past_pension"), r.StayPastPension)
	v.frac(field("past_pension_outflow"), r.PastPensionOutflow)
	v.frac(field("early_retirement_rate"), r.EarlyRetirementRate)
	if !(r.AbsenceRate >= 0 && r.AbsenceRate < 1) {
		v.add(field("absence_rate"), r.AbsenceRate, "a fraction from 0 up to (not including) 1")
	}
	v.nonNeg(field("sector_yield_per_contract_hour"), r.SectorYieldPerContractHour)
	if a := r.LateralEntryAge; a < MinAge || a >= r.PensionAge {
		v.add(field("lateral_entry_age"), a, fmt.Sprintf("an age from %d to below the pension age", MinAge))
	}
	if a := r.ReturnerAge; a < MinAge || a >= r.PensionAge {
		v.add(field("returner_age"), a, fmt.Sprintf("an age from %d to below the pension age", MinAge))
	}
	for l := range Level(NumLevels) {
		var shares, attraction float64
		for b := range Branch(NumBranches) {
			c := &r.Cells[b][l]
			for a, n := range c.Headcount {
				if !(n >= 0) || math.IsInf(n, 1) {
					v.add(cellField(b, l, fmt.Sprintf("headcount[age %d]", a+MinAge)), n, "a number >= 0")
				}
			}
			if !(c.PartTimeFactor > 0 && c.PartTimeFactor <= 1) {
				v.add(cellField(b, l, "part_time_factor"), c.PartTimeFactor, "a factor above 0 and at most 1 (contract hours / 36)")
			}
			for a, q := range c.OtherOutflowRate {
				limit := 1.0
				if a+MinAge >= 60 {
					limit -= r.EarlyRetirementRate // both leave from the same people
				}
				if !(q >= 0 && q <= limit) {
					v.add(cellField(b, l, fmt.Sprintf("other_outflow_rate[age %d]", a+MinAge)), q, fmt.Sprintf("a fraction between 0 and %g", limit))
				}
			}
			if len(c.Groups) > 0 {
				r.validateGroups(v, b, l)
			}
			v.frac(cellField(b, l, "mobility_rate"), c.MobilityRate)
			v.frac(cellField(b, l, "mobility_attraction"), c.MobilityAttraction)
			if !(c.DemandGrowth > -0.5 && c.DemandGrowth < 0.5) {
				v.add(cellField(b, l, "demand_growth"), c.DemandGrowth, "a yearly growth rate between -0.5 and 0.5")
			}
			v.nonNeg(cellField(b, l, "open_vacancies_fte"), c.OpenVacanciesFTE)
			v.nonNeg(cellField(b, l, "lateral_entry"), c.LateralEntry)
			v.nonNeg(cellField(b, l, "returners"), c.Returners)
			v.frac(cellField(b, l, "graduate_share"), c.GraduateShare)
			shares += c.GraduateShare
			attraction += c.MobilityAttraction
		}
		if r.hasProgramme(l) && math.Abs(shares-1) > shareTolerance {
			v.add(func() string { return fmt.Sprintf("cells[*][%s].graduate_share", l) }, shares, "shares over the branches that sum to 1")
		}
		if r.hasMobility(l) && math.Abs(attraction-1) > shareTolerance {
			v.add(func() string { return fmt.Sprintf("cells[*][%s].mobility_attraction", l) }, attraction, "shares over the branches that sum to 1")
		}
		for rt := range Route(NumRoutes) {
			r.validateProgramme(v, l, rt)
		}
	}
	for i := range r.Trainers {
		t := &r.Trainers[i]
		tf := func(name string) func() string {
			return func() string { return fmt.Sprintf("trainers[%d %s].%s", i, t.Name, name) }
		}
		if int(t.Branch) >= NumBranches {
			v.add(tf("branch"), t.Branch, "a known branch")
		}
		v.nonNeg(tf("care_fte"), t.CareFTE)
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				p := t.Places[l][rt]
				name := func() string { return fmt.Sprintf("trainers[%d %s].places[%s][%s]", i, t.Name, l, rt) }
				v.nonNeg(name, p)
				if p > 0 && r.Programmes[l][rt].DurationYears == 0 {
					v.add(name, p, "no places for a programme the region does not run")
				}
			}
		}
	}
	for rt := range Route(NumRoutes) {
		v.nonNeg(func() string { return fmt.Sprintf("training.student_hours[%s]", rt) }, r.Training.StudentHours[rt])
		v.nonNeg(func() string { return fmt.Sprintf("training.place_hours[%s]", rt) }, r.Training.PlaceHours[rt])
	}
	u := &r.Uncertainty
	for _, g := range [...]struct {
		name           string
		rg             Range
		lo, mode, high float64
	}{
		{"uncertainty.dropout", u.Dropout, 0, 1, 10}, {"uncertainty.sector_yield", u.SectorYield, 0, 1, 10},
		{"uncertainty.other_outflow", u.OtherOutflow, 0, 1, 10}, {"uncertainty.part_time_factor", u.PartTimeFactor, 0, 1, 10},
		{"uncertainty.demand_growth", u.DemandGrowth, -0.2, 0, 0.2},
		{"uncertainty.population", u.Population, -0.5, 0, 0.5},
	} {
		if !(g.rg.Low >= g.lo && g.rg.Low <= g.mode && g.mode <= g.rg.High && g.rg.High <= g.high) {
			v.add(field(g.name), fmt.Sprintf("[%g, %g]", g.rg.Low, g.rg.High), fmt.Sprintf("a range [low, high] with %g <= low <= %g <= high <= %g", g.lo, g.mode, g.high))
		}
	}
	r.validateDemand(func(f string, found any, want string) { v.add(field(f), found, want) })
	c := &r.Costs
	for _, x := range [...]struct {
		name string
		v    float64
	}{
		{"costs.per_retained_worker", c.PerRetainedWorker}, {"costs.per_lateral_entrant", c.PerLateralEntrant},
		{"costs.per_contract_fte", c.PerContractFTE}, {"costs.per_training_place", c.PerTrainingPlace},
		{"costs.per_absence_fte", c.PerAbsenceFTE}, {"costs.per_demand_fte", c.PerDemandFTE},
		{"costs.per_past_pension_worker", c.PerPastPensionWorker}, {"costs.per_graduate_hired", c.PerGraduateHired},
		{"costs.per_substituted_fte", c.PerSubstitutedFTE},
	} {
		v.nonNeg(field(x.name), x.v)
	}
}

// validateGroups checks the groups of cell (b, l).
func (r *Region) validateGroups(v *validator, b Branch, l Level) {
	c := &r.Cells[b][l]
	if len(c.Groups) != len(r.Groups) {
		v.add(cellField(b, l, "groups"), fmt.Sprintf("%d groups", len(c.Groups)), fmt.Sprintf("one per group of the region (%d)", len(r.Groups)))
		return
	}
	var share float64
	var sum AgeVector
	for g := range c.Groups {
		m := &c.Groups[g]
		gf := func(name string) func() string {
			return cellField(b, l, fmt.Sprintf("groups[%s].%s", r.Groups[g], name))
		}
		for a, n := range m.Headcount {
			if !(n >= 0) || math.IsInf(n, 1) {
				v.add(gf(fmt.Sprintf("headcount[age %d]", a+MinAge)), n, "a number >= 0")
			}
			sum[a] += n
		}
		if !(m.PartTimeFactor > 0 && m.PartTimeFactor <= 1) {
			v.add(gf("part_time_factor"), m.PartTimeFactor, "a factor above 0 and at most 1 (contract hours / 36)")
		}
		if m.PartTimeByAge != nil {
			for a, p := range m.PartTimeByAge {
				if !(p > 0 && p <= 1) {
					v.add(gf(fmt.Sprintf("part_time_by_age[age %d]", a+MinAge)), p, "a factor above 0 and at most 1 (contract hours / 36)")
				}
			}
		}
		for a, q := range m.OtherOutflowRate {
			limit := 1.0
			if a+MinAge >= 60 {
				limit -= r.EarlyRetirementRate
			}
			if !(q >= 0 && q <= limit) {
				v.add(gf(fmt.Sprintf("other_outflow_rate[age %d]", a+MinAge)), q, fmt.Sprintf("a fraction between 0 and %g", limit))
			}
		}
		v.frac(gf("entrant_share"), m.EntrantShare)
		share += m.EntrantShare
	}
	if math.Abs(share-1) > shareTolerance {
		v.add(cellField(b, l, "groups[*].entrant_share"), share, "shares over the groups that sum to 1")
	}
	for a := range sum {
		if math.Abs(sum[a]-c.Headcount[a]) > 1e-9*max(1, math.Abs(c.Headcount[a])) {
			v.add(cellField(b, l, fmt.Sprintf("headcount[age %d]", a+MinAge)), c.Headcount[a], fmt.Sprintf("the sum of the groups' headcount (%g)", sum[a]))
			break
		}
	}
}

func (r *Region) validateProgramme(v *validator, l Level, rt Route) {
	p := &r.Programmes[l][rt]
	f := func(name string) func() string {
		return func() string { return fmt.Sprintf("programmes[%s][%s].%s", l, rt, name) }
	}
	if p.DurationYears == 0 {
		if len(p.Dropout) > 0 || len(p.Enrolled) > 0 || p.Candidates > 0 {
			v.add(f("duration"), 0, "a duration for a programme with students")
		}
		return
	}
	if !ValidProgramme(l, rt) {
		v.add(f("route"), rt, fmt.Sprintf("a route on which %s is taught", l))
		return
	}
	if p.DurationYears < 1 || p.DurationYears > 8 {
		v.add(f("duration"), p.DurationYears, "a whole number of years from 1 to 8")
		return
	}
	if len(p.Dropout) != p.DurationYears {
		v.add(f("dropout"), fmt.Sprintf("%d rates", len(p.Dropout)), fmt.Sprintf("one rate per study year (%d)", p.DurationYears))
	}
	for k, d := range p.Dropout {
		v.frac(func() string { return fmt.Sprintf("programmes[%s][%s].dropout[%d]", l, rt, k+1) }, d)
	}
	if len(p.Enrolled) != p.DurationYears {
		v.add(f("enrolled"), fmt.Sprintf("%d numbers", len(p.Enrolled)), fmt.Sprintf("one number per study year (%d)", p.DurationYears))
	}
	for k, s := range p.Enrolled {
		v.nonNeg(func() string { return fmt.Sprintf("programmes[%s][%s].enrolled[%d]", l, rt, k+1) }, s)
	}
	v.frac(f("sector_yield"), p.SectorYield)
	v.nonNeg(f("candidates"), p.Candidates)
	if !(p.CandidateGrowth > -0.5 && p.CandidateGrowth < 0.5) {
		v.add(f("candidate_growth"), p.CandidateGrowth, "a yearly growth rate between -0.5 and 0.5")
	}
	v.nonNeg(f("place_use"), p.PlaceUse)
	if p.PlaceUse > 2 {
		v.add(f("place_use"), p.PlaceUse, "at most 2 places per student")
	}
	if p.EntryAge < MinAge || p.EntryAge >= r.PensionAge {
		v.add(f("entry_age"), p.EntryAge, fmt.Sprintf("an age from %d to below the pension age", MinAge))
	}
	v.frac(f("productive_fte"), p.ProductiveFTE)
	v.nonNeg(f("cost_per_student_year"), p.CostPerStudentYear)
}

func (r *Region) hasProgramme(l Level) bool {
	for rt := range Route(NumRoutes) {
		if r.Programmes[l][rt].DurationYears > 0 {
			return true
		}
	}
	return false
}

func (r *Region) hasMobility(l Level) bool {
	for b := range Branch(NumBranches) {
		if r.Cells[b][l].MobilityRate > 0 {
			return true
		}
	}
	return false
}

// Places returns the training places offered per level and route, summed
// over the trainers.
func (r *Region) Places() (p [NumLevels][NumRoutes]float64) {
	for i := range r.Trainers {
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				p[l][rt] += r.Trainers[i].Places[l][rt]
			}
		}
	}
	return p
}

// SteadyStateEnrolment returns, for a programme with the given intake per
// year, the enrolment per study year once every year has that intake:
// intake, intake*(1-d1), intake*(1-d1)*(1-d2), ...
func SteadyStateEnrolment(intake float64, dropout []float64) []float64 {
	s := make([]float64, len(dropout))
	n := intake
	for k := range s {
		s[k] = n
		n *= 1 - dropout[k]
	}
	return s
}

// SteadyStateIntake returns the yearly intake a programme sustains in
// steady state: its candidates, or fewer when the places cannot hold a
// full pipeline of them.
func SteadyStateIntake(p *Programme, places float64) float64 {
	if p.PlaceUse <= 0 {
		return p.Candidates
	}
	var perIntake float64 // students enrolled per unit of yearly intake
	for _, s := range SteadyStateEnrolment(1, p.Dropout) {
		perIntake += s
	}
	return math.Min(p.Candidates, places/(p.PlaceUse*perIntake))
}
