// Package region reads region files: one RAAT region's base-year figures
// and assumptions, in YAML, with each number's source written next to it
// in a comment. data/twente.yaml is the demo region and documents the
// format field by field; Parse turns a file into a forecast.Region.
//
// A file gives what analysts know in the units they know it in: headcount
// per branch and level, an age profile per branch, outflow rates per age
// band with a factor per branch, inflow as rates of the headcount. Parse
// expands these to the model's single years of age:
//
//	headcount[b][l][age] = headcount[b][l] * age_profile[b][band(age)] / ages in band
//	other outflow[b][l][age] = outflow_by_age[band(age)] * outflow_factor[b]
//	lateral entry[b][l] = lateral_entry_rate[b] * headcount[b][l]        (returners alike)
//	graduate share[b][l] = graduate_weight[b][l] / sum over b of graduate_weight[b][l]   (weight defaults to headcount)
//	mobility attraction[b][l] = mobility_weight[b] * headcount[b][l] / sum over b of the same
//	enrolment, when not given = the steady state of the programme's intake
//
// Every problem is reported with its line and field (see yamldoc); a file
// with a problem yields no region.
package region

import (
	"errors"
	"fmt"
	"math"

	"raat/data"
	"raat/forecast"
	"raat/yamldoc"
)

// Twente reads the embedded demo region, data/twente.yaml.
func Twente() (*forecast.Region, error) {
	return Parse(data.TwenteFile, data.Twente())
}

// Parse reads a region file. file names it in messages.
func Parse(file string, data []byte) (*forecast.Region, error) {
	doc, top, err := yamldoc.Parse(file, data)
	if err != nil {
		return nil, err
	}
	p := parser{doc: doc, r: &forecast.Region{}}
	p.top(top)
	if err := doc.Err(); err != nil {
		return nil, err
	}
	if err := p.r.Validate(); err != nil {
		// The file's own checks should have caught everything; what is left
		// is reported against the file without a line.
		var ps forecast.Problems
		if errors.As(err, &ps) {
			for _, pr := range ps {
				doc.Add(0, pr.Field, pr.Found, pr.Want)
			}
			return nil, doc.Err()
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p.r, nil
}

type parser struct {
	doc *yamldoc.Doc
	r   *forecast.Region
	// kept per branch until all branches are read
	trainers   [forecast.NumBranches]forecast.Trainer
	hc         [forecast.NumBranches][forecast.NumLevels]float64
	gradWeight [forecast.NumBranches][forecast.NumLevels]float64
	mobWeight  [forecast.NumBranches]float64
	seen       [forecast.NumBranches]bool
}

func (p *parser) top(m *yamldoc.Map) {
	r := p.r
	r.Name = m.String("region", yamldoc.Required)
	r.BaseYear = m.Int("base_year", yamldoc.Required, yamldoc.Between(1900, 2200))
	r.PensionAge = m.Int("pension_age", yamldoc.Required, yamldoc.Between(55, forecast.MaxAge))
	r.StayPastPension = m.Float("stay_past_pension", yamldoc.Required, yamldoc.Fraction)
	r.PastPensionOutflow = m.Float("past_pension_outflow", yamldoc.Required, yamldoc.Fraction)
	r.EarlyRetirementRate = m.Float("early_retirement_rate", yamldoc.Optional, yamldoc.Between(0, 0.5))
	r.AbsenceRate = m.Float("absence_rate", yamldoc.Required, yamldoc.Between(0, 0.99))
	ageBelowPension := yamldoc.Between(forecast.MinAge, float64(max(r.PensionAge, 56)-1))
	r.LateralEntryAge = m.Int("lateral_entry_age", yamldoc.Required, ageBelowPension)
	r.ReturnerAge = m.Int("returner_age", yamldoc.Required, ageBelowPension)
	r.SectorYieldPerContractHour = m.Float("sector_yield_per_contract_hour", yamldoc.Optional, yamldoc.Between(0, 0.1))

	if t := m.Map("training", yamldoc.Required); t != nil {
		r.Training.StudentHours = p.perRoute(t.Map("student_hours", yamldoc.Required), yamldoc.Between(0, 2000))
		r.Training.PlaceHours = p.perRoute(t.Map("place_hours", yamldoc.Required), yamldoc.Between(1, 2000))
		t.Done()
	}
	var outflow [forecast.NumAgeBands]float64
	if o := m.Map("outflow_by_age", yamldoc.Required); o != nil {
		outflow = p.perBand(o, yamldoc.Fraction)
	}
	if bs := m.Map("branches", yamldoc.Required); bs != nil {
		for _, e := range bs.Entries() {
			b, err := forecast.ParseBranch(e.Key)
			if err != nil {
				e.Bad("a branch: " + branchList())
				continue
			}
			if p.seen[b] {
				e.Bad("each branch once (this one is spelled another way above)")
				continue
			}
			p.seen[b] = true
			if bm := e.Map(); bm != nil {
				p.branch(b, bm, &outflow)
			}
		}
		for b := range forecast.Branch(forecast.NumBranches) {
			if !p.seen[b] {
				bs.Problem("", "no branch "+b.String(), "all branches, with zeros where a branch has no staff")
			}
		}
	}
	// Trainers in branch order, whatever the order of the file.
	for b := range forecast.Branch(forecast.NumBranches) {
		if p.seen[b] {
			r.Trainers = append(r.Trainers, p.trainers[b])
		}
	}
	p.spread()
	if ps := m.Map("programmes", yamldoc.Required); ps != nil {
		p.programmes(ps)
	}
	if u := m.Map("uncertainty", yamldoc.Optional); u != nil {
		p.uncertainty(u)
	} else {
		r.Uncertainty = forecast.Uncertainty{
			Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
			OtherOutflow: forecast.Range{Low: 1, High: 1}, PartTimeFactor: forecast.Range{Low: 1, High: 1},
		}
	}
	if c := m.Map("costs", yamldoc.Optional); c != nil {
		r.Costs = forecast.Costs{
			PerRetainedWorker:    c.Float("per_retained_worker", yamldoc.Required, yamldoc.NonNegative),
			PerLateralEntrant:    c.Float("per_lateral_entrant", yamldoc.Required, yamldoc.NonNegative),
			PerContractFTE:       c.Float("per_contract_fte", yamldoc.Required, yamldoc.NonNegative),
			PerTrainingPlace:     c.Float("per_training_place", yamldoc.Required, yamldoc.NonNegative),
			PerAbsenceFTE:        c.Float("per_absence_fte", yamldoc.Required, yamldoc.NonNegative),
			PerDemandFTE:         c.Float("per_demand_fte", yamldoc.Required, yamldoc.NonNegative),
			PerPastPensionWorker: c.Float("per_past_pension_worker", yamldoc.Required, yamldoc.NonNegative),
			PerGraduateHired:     c.Float("per_graduate_hired", yamldoc.Required, yamldoc.NonNegative),
		}
		c.Done()
	}
	m.Done()
}

func branchList() string {
	s := ""
	for i, b := range forecast.Branches() {
		if i > 0 {
			s += ", "
		}
		s += b.String()
	}
	return s
}

func (p *parser) branch(b forecast.Branch, m *yamldoc.Map, outflow *[forecast.NumAgeBands]float64) {
	r := p.r
	growth := m.Float("demand_growth", yamldoc.Required, yamldoc.Between(-0.2, 0.2))
	factor := m.Float("outflow_factor", yamldoc.Required, yamldoc.Between(0, 5))
	mobility := m.Float("mobility_rate", yamldoc.Required, yamldoc.Fraction)
	p.mobWeight[b] = m.Float("mobility_weight", yamldoc.Required, yamldoc.Between(0, 100))
	lateral := m.Float("lateral_entry_rate", yamldoc.Required, yamldoc.Fraction)
	returners := m.Float("returner_rate", yamldoc.Required, yamldoc.Fraction)
	var profile [forecast.NumAgeBands]float64
	if a := m.Map("age_profile", yamldoc.Required); a != nil {
		profile = p.perBand(a, yamldoc.Fraction)
		if s := sum(profile[:]); math.Abs(s-1) > 0.001 {
			m.Problem("age_profile", fmt.Sprintf("shares summing to %.4f", s), "shares summing to 1")
		}
	}
	var rates [forecast.NumAgeBands]float64
	for k, q := range outflow {
		rates[k] = q * factor
		if rates[k] > 1 {
			m.Problem("outflow_factor", fmt.Sprintf("%g, giving a rate of %.3f at %s", factor, rates[k], forecast.AgeBand(k)), "a factor that keeps every outflow rate at most 1")
			break
		}
	}
	byAge := forecast.SmoothRates(rates, r.PensionAge)
	for l := range forecast.Level(forecast.NumLevels) {
		c := &r.Cells[b][l]
		c.OtherOutflowRate = byAge
		c.MobilityRate = mobility
		c.DemandGrowth = growth
	}
	var seen [forecast.NumLevels]bool
	if ls := m.Map("levels", yamldoc.Required); ls != nil {
		for _, e := range ls.Entries() {
			l, err := forecast.ParseLevel(e.Key)
			if err != nil || seen[l] {
				e.Bad("a level, once: mbo2, mbo3, mbo4, hbo, wo/overig")
				continue
			}
			seen[l] = true
			lm := e.Map()
			if lm == nil {
				continue
			}
			c := &r.Cells[b][l]
			hc := lm.Float("headcount", yamldoc.Required, yamldoc.NonNegative)
			p.hc[b][l] = hc
			c.PartTimeFactor = lm.Float("part_time_factor", yamldoc.Required, yamldoc.Between(0.05, 1))
			c.OpenVacanciesFTE = lm.Float("vacancies_fte", yamldoc.Required, yamldoc.NonNegative)
			p.gradWeight[b][l] = hc
			if w, ok := lm.FloatOK("graduate_weight", yamldoc.Optional, yamldoc.NonNegative); ok {
				p.gradWeight[b][l] = w
			}
			lm.Done()
			var counts [forecast.NumAgeBands]float64
			for k := range counts {
				counts[k] = hc * profile[k]
			}
			c.Headcount = forecast.SpreadBands(counts, r.Retirement())
			c.LateralEntry = lateral * hc
			c.Returners = returners * hc
		}
		for l := range forecast.Level(forecast.NumLevels) {
			if !seen[l] {
				ls.Problem("", "no level "+l.String(), "all levels: mbo2, mbo3, mbo4, hbo, wo/overig")
			}
		}
	}
	t := forecast.Trainer{Name: b.Label(), Branch: b}
	for l := range forecast.Level(forecast.NumLevels) {
		t.CareFTE += p.hc[b][l] * r.Cells[b][l].PartTimeFactor
	}
	if pl := m.Map("places", yamldoc.Optional); pl != nil {
		for _, e := range pl.Entries() {
			l, err := forecast.ParseLevel(e.Key)
			if err != nil {
				e.Bad("a level: mbo2, mbo3, mbo4, hbo, wo/overig")
				continue
			}
			if lm := e.Map(); lm != nil {
				for _, re := range lm.Entries() {
					rt, err := forecast.ParseRoute(re.Key)
					if err != nil || !forecast.ValidProgramme(l, rt) {
						re.Bad(fmt.Sprintf("a route on which %s is taught", l))
						continue
					}
					t.Places[l][rt], _ = re.Float(yamldoc.NonNegative)
				}
			}
		}
	}
	p.trainers[b] = t
	m.Done()
}

// spread turns the weights read per branch into shares per level.
func (p *parser) spread() {
	for l := range forecast.Level(forecast.NumLevels) {
		var grad, mob float64
		for b := range forecast.Branch(forecast.NumBranches) {
			grad += p.gradWeight[b][l]
			mob += p.mobWeight[b] * p.hc[b][l]
		}
		for b := range forecast.Branch(forecast.NumBranches) {
			c := &p.r.Cells[b][l]
			c.GraduateShare = 1.0 / forecast.NumBranches
			if grad > 0 {
				c.GraduateShare = p.gradWeight[b][l] / grad
			}
			c.MobilityAttraction = 1.0 / forecast.NumBranches
			if mob > 0 {
				c.MobilityAttraction = p.mobWeight[b] * p.hc[b][l] / mob
			}
		}
	}
}

func (p *parser) programmes(m *yamldoc.Map) {
	r := p.r
	places := r.Places()
	for _, e := range m.Entries() {
		l, err := forecast.ParseLevel(e.Key)
		if err != nil {
			e.Bad("a level: mbo2, mbo3, mbo4, hbo")
			continue
		}
		lm := e.Map()
		if lm == nil {
			continue
		}
		for _, re := range lm.Entries() {
			rt, err := forecast.ParseRoute(re.Key)
			if err != nil || !forecast.ValidProgramme(l, rt) {
				re.Bad(fmt.Sprintf("a route on which %s is taught", l))
				continue
			}
			pm := re.Map()
			if pm == nil {
				continue
			}
			pr := &r.Programmes[l][rt]
			pr.DurationYears = pm.Int("duration", yamldoc.Required, yamldoc.Between(1, 8))
			pr.Dropout = pm.Floats("dropout", yamldoc.Required, pr.DurationYears, yamldoc.Fraction)
			pr.SectorYield = pm.Float("sector_yield", yamldoc.Required, yamldoc.Fraction)
			pr.Candidates = pm.Float("candidates", yamldoc.Required, yamldoc.NonNegative)
			pr.CandidateGrowth = pm.Float("candidate_growth", yamldoc.Optional, yamldoc.Between(-0.2, 0.2))
			pr.PlaceUse = pm.Float("place_use", yamldoc.Required, yamldoc.Between(0, 2))
			pr.EntryAge = pm.Int("entry_age", yamldoc.Required, yamldoc.Between(forecast.MinAge, float64(max(r.PensionAge, 56)-1)))
			pr.ProductiveFTE = pm.Float("productive_fte", yamldoc.Optional, yamldoc.Fraction)
			pr.CostPerStudentYear = pm.Float("cost_per_student_year", yamldoc.Required, yamldoc.NonNegative)
			if pm.Has("enrolled") {
				pr.Enrolled = pm.Floats("enrolled", yamldoc.Required, pr.DurationYears, yamldoc.NonNegative)
			} else if len(pr.Dropout) == pr.DurationYears {
				pr.Enrolled = forecast.SteadyStateEnrolment(forecast.SteadyStateIntake(pr, places[l][rt]), pr.Dropout)
			}
			pm.Done()
		}
	}
	for l := range forecast.Level(forecast.NumLevels) {
		for rt := range forecast.Route(forecast.NumRoutes) {
			if places[l][rt] > 0 && r.Programmes[l][rt].DurationYears == 0 {
				m.Problem("", fmt.Sprintf("training places for %s %s but no such programme", l, rt), "a programme for every level and route with places")
			}
		}
	}
}

func (p *parser) uncertainty(m *yamldoc.Map) {
	rng := func(key string, mode float64) forecast.Range {
		if !m.Has(key) {
			return forecast.Range{Low: mode, High: mode}
		}
		v := m.Floats(key, yamldoc.Required, 2, yamldoc.Between(-10, 10))
		if len(v) != 2 {
			return forecast.Range{Low: mode, High: mode}
		}
		if !(v[0] <= mode && mode <= v[1]) {
			m.Problem(key, fmt.Sprintf("[%g, %g]", v[0], v[1]), fmt.Sprintf("[low, high] with low <= %g <= high", mode))
		}
		return forecast.Range{Low: v[0], High: v[1]}
	}
	u := &p.r.Uncertainty
	u.Dropout = rng("dropout", 1)
	u.SectorYield = rng("sector_yield", 1)
	u.OtherOutflow = rng("other_outflow", 1)
	u.PartTimeFactor = rng("part_time_factor", 1)
	u.DemandGrowth = rng("demand_growth", 0)
	m.Done()
}

func (p *parser) perRoute(m *yamldoc.Map, check yamldoc.Check) (v [forecast.NumRoutes]float64) {
	if m == nil {
		return v
	}
	var seen [forecast.NumRoutes]bool
	for _, e := range m.Entries() {
		rt, err := forecast.ParseRoute(e.Key)
		if err != nil {
			e.Bad("a route: BOL, BBL, hbo-voltijd, hbo-duaal")
			continue
		}
		v[rt], _ = e.Float(check)
		seen[rt] = true
	}
	for rt, ok := range seen {
		if !ok {
			m.Problem("", "no value for "+forecast.Route(rt).String(), "a value for every route")
		}
	}
	return v
}

func (p *parser) perBand(m *yamldoc.Map, check yamldoc.Check) (v [forecast.NumAgeBands]float64) {
	var seen [forecast.NumAgeBands]bool
	for _, e := range m.Entries() {
		b, err := forecast.ParseAgeBand(e.Key)
		if err != nil {
			e.Bad("an age band: <25, 25-34, 35-44, 45-54, 55-59, 60-64, 65+")
			continue
		}
		v[b], _ = e.Float(check)
		seen[b] = true
	}
	for b, ok := range seen {
		if !ok {
			m.Problem("", "no value for "+forecast.AgeBand(b).String(), "a value for every age band")
		}
	}
	return v
}

func sum(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

// Notes returns the notes of a region file's top-level fields, in file
// order: the sources and reasoning the file gives for them (the comment
// lines above a field and at the end of its line).
func Notes(file string, data []byte) ([]yamldoc.Note, error) {
	_, top, err := yamldoc.Parse(file, data)
	if err != nil {
		return nil, err
	}
	return top.Notes(), nil
}
