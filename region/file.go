package region

import (
	"fmt"
	"math"

	"raat/forecast"
)

// File is a region file as analysts write it, one field per key of the
// YAML: what ParseFile reads and Write writes. Its numbers are in the
// units of the file (band shares, rates per branch, factors), not yet
// expanded to the model's single years of age; Region does that.
type File struct {
	// Name is the region's name (the key region).
	Name                       string
	BaseYear                   int
	PensionAge                 int
	StayPastPension            float64
	PastPensionOutflow         float64
	EarlyRetirementRate        float64
	AbsenceRate                float64
	LateralEntryAge            int
	ReturnerAge                int
	SectorYieldPerContractHour float64
	Training                   forecast.TrainingConventions
	// OutflowByAge is the other-outflow rate per age band before each
	// branch's (or level's) outflow factor.
	OutflowByAge [forecast.NumAgeBands]float64
	// Groups names the groups a level's staff may be split into (the key
	// groups: [man, vrouw]); nil when no level is split.
	Groups   []string
	Branches [forecast.NumBranches]Branch
	// Programmes are indexed by level and route; DurationYears 0 means the
	// file has no such programme. Enrolled is nil when the file does not
	// give it (Region then takes the steady state of the intake).
	Programmes [forecast.NumLevels][forecast.NumRoutes]forecast.Programme
	// Population is the population projection by age group, nil when the
	// file has no population section.
	Population *forecast.Population
	// Uncertainty and Costs are nil when the file has no such section.
	Uncertainty *forecast.Uncertainty
	Costs       *forecast.Costs

	// Header is the comment that opens the file; Notes are the comments
	// above top-level fields, by key; both as lines without "# ". Write
	// writes them; ParseFile reads them back.
	Header []string
	Notes  map[string][]string
	// Remarks are one-line comments at the end of nested fields, by the
	// field's path ("branches.vvt.outflow_factor",
	// "branches.vvt.levels.mbo3"). Write writes them; ParseFile does not
	// read them.
	Remarks map[string]string
}

// Branch is one branch of a region file.
type Branch struct {
	// Absent is true when the file does not list the branch: it has no
	// staff, no places and no demand. Write leaves it out.
	Absent bool
	// DemandGrowth is the yearly non-demographic demand growth; zero and
	// unused when the branch has DemandFactors.
	DemandGrowth float64
	// DemandFactors are named, signed non-demographic demand factors
	// (Capaciteitsorgaan style), those naming one Sum added up; they
	// replace DemandGrowth.
	DemandFactors []forecast.DemandFactor
	// CareUse is the relative care use per inhabitant per age group; it
	// is given with a population section.
	CareUse [forecast.NumAgeGroups]float64
	// UnmetDemand is the share of base-year demand not met (besides open
	// vacancies), for the levels without their own.
	UnmetDemand    float64
	OutflowFactor  float64
	MobilityRate   float64
	MobilityWeight float64
	// LateralEntryRate and ReturnerRate are yearly inflows per head of
	// the branch's staff.
	LateralEntryRate float64
	ReturnerRate     float64
	// AgeProfile is the share of the branch's staff in each age band.
	AgeProfile [forecast.NumAgeBands]float64
	Levels     [forecast.NumLevels]Level
	// Places are the training places the branch offers, per level and
	// route (students a year).
	Places [forecast.NumLevels][forecast.NumRoutes]float64
}

// Level is one qualification level of a branch. The pointer fields are
// optional: nil leaves the value to the branch (or, for the graduate
// weight, to the headcount).
type Level struct {
	// Absent is true when the file does not list the level: it has no
	// staff. Write leaves it out.
	Absent         bool
	Headcount      float64
	PartTimeFactor float64
	VacanciesFTE   float64
	// GraduateWeight sets the level's share of the region's graduates of
	// the level that this branch hires, against the other branches'.
	GraduateWeight *float64
	// OutflowFactor, LateralEntryRate and ReturnerRate replace the
	// branch's for this level.
	OutflowFactor    *float64
	LateralEntryRate *float64
	ReturnerRate     *float64
	// UnmetDemand replaces the branch's share of unmet demand.
	UnmetDemand *float64
	// Groups, when not nil, splits the level's staff into the file's
	// groups (one each, in the order of File.Groups); Headcount and
	// PartTimeFactor are then their sum and their FTE per head.
	Groups []Group
}

// Group is one group of a level's staff. The pointer fields are optional:
// nil leaves the value to the level (the factor), the branch (the age
// profile) or the region (the outflow by age).
type Group struct {
	Headcount      float64
	PartTimeFactor float64
	// PartTimeByBand replaces PartTimeFactor with a factor per age band.
	PartTimeByBand *[forecast.NumAgeBands]float64
	AgeProfile     *[forecast.NumAgeBands]float64
	OutflowByAge   *[forecast.NumAgeBands]float64
	OutflowFactor  *float64
	// Entrants is the group's share of the level's new entrants.
	Entrants float64
}

// fte is the group's FTE in the base year: its headcount by band times the
// band's factor.
func (g *Group) fte(profile *[forecast.NumAgeBands]float64) float64 {
	if g.PartTimeByBand == nil {
		return g.Headcount * g.PartTimeFactor
	}
	if g.AgeProfile != nil {
		profile = g.AgeProfile
	}
	var f float64
	for k, s := range profile {
		f += g.Headcount * s * g.PartTimeByBand[k]
	}
	return f
}

// sumGroups sets the level's headcount and factor from its groups.
func (lv *Level) sumGroups(profile *[forecast.NumAgeBands]float64) {
	var n, fte float64
	for i := range lv.Groups {
		n += lv.Groups[i].Headcount
		fte += lv.Groups[i].fte(profile)
	}
	lv.Headcount, lv.PartTimeFactor = n, 1
	if n > 0 {
		lv.PartTimeFactor = min(1, fte/n)
	} else if len(lv.Groups) > 0 {
		lv.PartTimeFactor = max(lv.Groups[0].PartTimeFactor, 0.05)
	}
}

// outflowFactor, lateralEntryRate and returnerRate are the level's rates:
// its own where it has one, else the branch's.
func (b *Branch) outflowFactor(l forecast.Level) float64 {
	return or(b.Levels[l].OutflowFactor, b.OutflowFactor)
}

func (b *Branch) lateralEntryRate(l forecast.Level) float64 {
	return or(b.Levels[l].LateralEntryRate, b.LateralEntryRate)
}

func (b *Branch) returnerRate(l forecast.Level) float64 {
	return or(b.Levels[l].ReturnerRate, b.ReturnerRate)
}

// absentBranch is a branch a file does not list: no staff, no flows, and
// an age profile that is only there to be valid.
func absentBranch() Branch {
	br := Branch{Absent: true, OutflowFactor: 1}
	br.AgeProfile[forecast.Age35to44] = 1
	for l := range br.Levels {
		br.Levels[l].Absent = true
	}
	return br
}

func or(p *float64, v float64) float64 {
	if p != nil {
		return *p
	}
	return v
}

// Headcount returns the branch's staff, summed over its levels.
func (b *Branch) Headcount() float64 {
	var n float64
	for l := range b.Levels {
		n += b.Levels[l].Headcount
	}
	return n
}

// Region expands the file to the model's region (the equations of the
// package doc) and validates it. Problems name the file's fields
// ("branches.vvt.age_profile"), or for what only the expanded region
// shows, the region's.
func (f *File) Region() (*forecast.Region, error) {
	if ps := f.check(); len(ps) > 0 {
		return nil, ps
	}
	r := f.expand()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// OtherOutflowRates returns the other-outflow rate per single year of age
// of a branch and level: the smoothed outflow by age times the level's
// outflow factor.
func (f *File) OtherOutflowRates(b forecast.Branch, l forecast.Level) forecast.AgeVector {
	v := forecast.SmoothRates(f.OutflowByAge, f.PensionAge)
	k := f.Branches[b].outflowFactor(l)
	for a := range v {
		v[a] *= k
	}
	return v
}

// groupOutflowRates returns the other-outflow rate per single year of age
// of group g of a branch and level: the group's outflow by age (or the
// region's) times its factor (or the level's).
func (f *File) groupOutflowRates(b forecast.Branch, l forecast.Level, g int) forecast.AgeVector {
	gr := &f.Branches[b].Levels[l].Groups[g]
	byAge := &f.OutflowByAge
	if gr.OutflowByAge != nil {
		byAge = gr.OutflowByAge
	}
	v := forecast.SmoothRates(*byAge, f.PensionAge)
	k := or(gr.OutflowFactor, f.Branches[b].outflowFactor(l))
	for a := range v {
		v[a] *= k
	}
	return v
}

// check returns what the file's own fields cannot show one by one: age
// profiles that do not sum to 1, outflow factors that push a rate above
// what may leave, places for a programme the file does not have.
func (f *File) check() forecast.Problems {
	var ps forecast.Problems
	add := func(field, found, want string) {
		ps = append(ps, forecast.Problem{Field: field, Found: found, Want: want})
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		br := &f.Branches[b]
		path := "branches." + b.String()
		var sum float64
		for _, s := range br.AgeProfile {
			sum += s
		}
		if math.Abs(sum-1) > 0.001 {
			add(path+".age_profile", fmt.Sprintf("shares summing to %.4f", sum), "shares summing to 1")
		}
		// The branch's factor once, for its levels without their own; then
		// each level's own.
		shared := false
		for l := range forecast.Level(forecast.NumLevels) {
			field, factor := path+".outflow_factor", br.OutflowFactor
			if own := br.Levels[l].OutflowFactor; own != nil {
				field, factor = path+".levels."+l.String()+".outflow_factor", *own
			} else if shared {
				continue
			} else {
				shared = true
			}
			if a, rate, limit := f.tooHigh(b, l); a > 0 {
				add(field, fmt.Sprintf("%g, giving a rate of %.3f at age %d", factor, rate, a),
					fmt.Sprintf("a factor that keeps every outflow rate at most %g", limit))
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			lv := &br.Levels[l]
			var entrants float64
			for g := range lv.Groups {
				gr := &lv.Groups[g]
				gpath := path + ".levels." + l.String() + ".groups." + f.Groups[g]
				entrants += gr.Entrants
				if gr.AgeProfile != nil {
					var s float64
					for _, x := range gr.AgeProfile {
						s += x
					}
					if math.Abs(s-1) > 0.001 {
						add(gpath+".age_profile", fmt.Sprintf("shares summing to %.4f", s), "shares summing to 1")
					}
				}
				q := f.groupOutflowRates(b, l, g)
				for a := forecast.MinAge; a < f.PensionAge && a <= forecast.MaxAge; a++ {
					limit := 1.0
					if a >= 60 {
						limit -= f.EarlyRetirementRate
					}
					if q[a-forecast.MinAge] > limit {
						add(gpath+".outflow_by_age", fmt.Sprintf("a rate of %.3f at age %d", q[a-forecast.MinAge], a), fmt.Sprintf("rates that stay at most %g", limit))
						break
					}
				}
			}
			if len(lv.Groups) > 0 && math.Abs(entrants-1) > 0.001 {
				add(path+".levels."+l.String()+".groups", fmt.Sprintf("entrants summing to %.4f", entrants), "entrants (the groups' shares of new staff) summing to 1")
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			for rt := range forecast.Route(forecast.NumRoutes) {
				if br.Places[l][rt] > 0 && f.Programmes[l][rt].DurationYears == 0 {
					add(path+".places."+l.String(), fmt.Sprintf("places for %s %s", l, rt), "a programme for every level and route with places")
				}
			}
		}
	}
	return ps
}

// tooHigh returns the first age below the pension age at which the
// level's other-outflow rate exceeds what may leave (1, less early
// retirement from 60), with the rate and the limit; age 0 when none does.
func (f *File) tooHigh(b forecast.Branch, l forecast.Level) (age int, rate, limit float64) {
	q := f.OtherOutflowRates(b, l)
	for a := forecast.MinAge; a < f.PensionAge && a <= forecast.MaxAge; a++ {
		limit = 1
		if a >= 60 {
			limit -= f.EarlyRetirementRate
		}
		if q[a-forecast.MinAge] > limit {
			return a, q[a-forecast.MinAge], limit
		}
	}
	return 0, 0, 0
}

// expand turns the file into the model's region.
func (f *File) expand() *forecast.Region {
	r := &forecast.Region{
		Name: f.Name, BaseYear: f.BaseYear, PensionAge: f.PensionAge,
		StayPastPension: f.StayPastPension, PastPensionOutflow: f.PastPensionOutflow,
		EarlyRetirementRate: f.EarlyRetirementRate, AbsenceRate: f.AbsenceRate,
		LateralEntryAge: f.LateralEntryAge, ReturnerAge: f.ReturnerAge,
		SectorYieldPerContractHour: f.SectorYieldPerContractHour, Training: f.Training,
		Programmes: f.Programmes, Groups: append([]string(nil), f.Groups...),
	}
	ret := r.Retirement()
	for b := range forecast.Branch(forecast.NumBranches) {
		br := &f.Branches[b]
		t := forecast.Trainer{Name: b.Label(), Branch: b, Places: br.Places}
		for l := range forecast.Level(forecast.NumLevels) {
			lv, c := &br.Levels[l], &r.Cells[b][l]
			var counts [forecast.NumAgeBands]float64
			for k := range counts {
				counts[k] = lv.Headcount * br.AgeProfile[k]
			}
			c.Headcount = forecast.SpreadBands(counts, ret)
			c.PartTimeFactor = lv.PartTimeFactor
			if lv.Absent {
				// No staff and no inflow (its weights are its headcount,
				// zero): the factor is never applied to anyone; 1 keeps the
				// model's conversions between FTE and persons defined.
				c.PartTimeFactor = 1
			}
			c.OpenVacanciesFTE = lv.VacanciesFTE
			c.OtherOutflowRate = f.OtherOutflowRates(b, l)
			c.MobilityRate = br.MobilityRate
			c.DemandGrowth = br.DemandGrowth
			c.UnmetDemand = or(lv.UnmetDemand, br.UnmetDemand)
			c.LateralEntry = br.lateralEntryRate(l) * lv.Headcount
			c.Returners = br.returnerRate(l) * lv.Headcount
			t.CareFTE += lv.Headcount * lv.PartTimeFactor
			if len(lv.Groups) > 0 {
				gs := make([]forecast.CellGroup, len(lv.Groups))
				for g := range lv.Groups {
					gr := &lv.Groups[g]
					profile := &br.AgeProfile
					if gr.AgeProfile != nil {
						profile = gr.AgeProfile
					}
					var counts [forecast.NumAgeBands]float64
					for k := range counts {
						counts[k] = gr.Headcount * profile[k]
					}
					gs[g] = forecast.CellGroup{
						Headcount: forecast.SpreadBands(counts, ret), PartTimeFactor: gr.PartTimeFactor,
						OtherOutflowRate: f.groupOutflowRates(b, l, g), EntrantShare: gr.Entrants,
					}
					if gr.PartTimeByBand != nil {
						v := forecast.BandRates(*gr.PartTimeByBand)
						gs[g].PartTimeByAge = &v
						gs[g].PartTimeFactor = gr.PartTimeByBand[forecast.Age35to44]
					}
				}
				c.SetGroups(gs)
			}
		}
		r.Trainers = append(r.Trainers, t)
		r.DemandFactors[b] = append([]forecast.DemandFactor(nil), br.DemandFactors...)
		r.CareUse[b] = br.CareUse
	}
	if p := f.Population; p != nil {
		r.Population = &forecast.Population{Years: append([]int(nil), p.Years...), Count: append([][forecast.NumAgeGroups]float64(nil), p.Count...)}
	}
	for l := range forecast.Level(forecast.NumLevels) {
		var grad, mob float64
		for b := range forecast.Branch(forecast.NumBranches) {
			br := &f.Branches[b]
			grad += or(br.Levels[l].GraduateWeight, br.Levels[l].Headcount)
			mob += br.MobilityWeight * br.Levels[l].Headcount
		}
		for b := range forecast.Branch(forecast.NumBranches) {
			br, c := &f.Branches[b], &r.Cells[b][l]
			c.GraduateShare = 1.0 / forecast.NumBranches
			if grad > 0 {
				c.GraduateShare = or(br.Levels[l].GraduateWeight, br.Levels[l].Headcount) / grad
			}
			c.MobilityAttraction = 1.0 / forecast.NumBranches
			if mob > 0 {
				c.MobilityAttraction = br.MobilityWeight * br.Levels[l].Headcount / mob
			}
		}
	}
	places := r.Places()
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			p := &r.Programmes[l][rt]
			p.Dropout = append([]float64(nil), p.Dropout...)
			if p.Enrolled != nil {
				p.Enrolled = append([]float64(nil), p.Enrolled...)
			} else if p.DurationYears > 0 && len(p.Dropout) == p.DurationYears {
				p.Enrolled = forecast.SteadyStateEnrolment(forecast.SteadyStateIntake(p, places[l][rt]), p.Dropout)
			}
			if p.DurationYears == 0 {
				p.Dropout, p.Enrolled = nil, nil
			}
		}
	}
	r.Uncertainty = forecast.Uncertainty{
		Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
		OtherOutflow: forecast.Range{Low: 1, High: 1}, PartTimeFactor: forecast.Range{Low: 1, High: 1},
	}
	// (DemandGrowth and Population ranges default to [0, 0].)
	if f.Uncertainty != nil {
		r.Uncertainty = *f.Uncertainty
	}
	if f.Costs != nil {
		r.Costs = *f.Costs
	}
	return r
}
