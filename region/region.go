// Package region reads and writes region files: one RAAT region's
// base-year figures and assumptions, in YAML, with each number's source
// written next to it in a comment. data/twente.yaml is the demo region and
// documents the format field by field. ParseFile reads a file into a File,
// its fields as written; File.Region expands it to a forecast.Region; Parse
// does both. Write writes a File back, with its comments (raat calibrate
// writes the region it estimates from employer workbooks this way).
//
// A file gives what analysts know in the units they know it in: headcount
// per branch and level, an age profile per branch, outflow rates per age
// band with a factor per branch (or level), inflow as rates of the
// headcount. Region expands these to the model's single years of age:
//
//	headcount[b][l][age]     = SpreadBands(headcount[b][l] * age_profile[b][band])
//	other outflow[b][l][age] = SmoothRates(outflow_by_age)[age] * outflow_factor[b][l]
//	lateral entry[b][l]      = lateral_entry_rate[b][l] * headcount[b][l]     (returners alike)
//	graduate share[b][l]     = graduate_weight[b][l] / sum over b of graduate_weight[b][l]   (weight defaults to headcount)
//	mobility attraction[b][l] = mobility_weight[b] * headcount[b][l] / sum over b of the same
//	enrolment, when not given = the steady state of the programme's intake
//
// where a level's outflow_factor, lateral_entry_rate and returner_rate
// default to its branch's. The spread of an age band over single years
// (forecast.SpreadBands) is not even, and has no steps where bands meet:
// the cumulative count C(x) of staff younger than x is fixed at the edges
// e = 18, 25, 35, 45, 55, 60, 65 and the pension age P, and between two
// edges e[i] and e[i+1] = e[i] + h, holding the band's count n, it is the
// monotone cubic
//
//	C(e[i] + t*h) = C(e[i]) + (3t² - 2t³) * n + h * ((t³ - 2t² + t) * m[i] + (t³ - t²) * m[i+1]),   0 <= t <= 1
//	N[a]          = C(a+1) - C(a)
//
// where m[i], the density at edge i, is the slope of the parabola through
// the edge and its neighbours (one-sided at 18), kept between 0 and 3
// times the density of the bands beside it so that C never falls, and at P
// m = (3 * density of the last band - m[before]) / 2 (the density levels
// off). So each band keeps its count exactly and a flat profile stays
// flat. The youngest band, "<25", stands for ages 18 to 24: nobody under
// 18 is put in the workforce. "65+" holds, past the pension age P, those
// the model keeps working: N[P+k] = stay_past_pension * N[P-1] *
// (1 - past_pension_outflow)^k, solved together with the spread below P.
// Outflow rates per band become a rate per year of age the same way, each
// band keeping its average (forecast.SmoothRates). docs/model.md, "Ages",
// says the same for readers.
//
// Every problem is reported with its line and field (see yamldoc); a file
// with a problem yields no region.
package region

import (
	"errors"
	"fmt"

	"raat/data"
	"raat/forecast"
	"raat/yamldoc"
)

// Twente reads the embedded demo region, data/twente.yaml.
func Twente() (*forecast.Region, error) {
	return Parse(data.TwenteFile, data.Twente())
}

// Parse reads a region file and expands it to the model's region. file
// names it in messages.
func Parse(file string, data []byte) (*forecast.Region, error) {
	f, err := ParseFile(file, data)
	if err != nil {
		return nil, err
	}
	r, err := f.Region()
	if err != nil {
		// The file's own checks should have caught everything; what is left
		// is reported against the file without a line.
		doc := yamldoc.NewDoc(file)
		var ps forecast.Problems
		if errors.As(err, &ps) {
			for _, pr := range ps {
				doc.Add(0, pr.Field, pr.Found, pr.Want)
			}
			return nil, doc.Err()
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return r, nil
}

// ParseFile reads a region file as it is written, with its comments,
// checking every field. Every problem is reported with its line and field;
// a file with a problem yields no File.
func ParseFile(file string, data []byte) (*File, error) {
	doc, top, err := yamldoc.Parse(file, data)
	if err != nil {
		return nil, err
	}
	p := parser{doc: doc, f: &File{Header: doc.Header(), Notes: map[string][]string{}}, lines: map[string]int{}}
	p.top(top)
	for _, n := range top.Notes() {
		p.f.Notes[n.Key] = n.Lines
	}
	if doc.Err() == nil {
		for _, pr := range p.f.check() {
			doc.Add(p.lines[pr.Field], pr.Field, pr.Found, pr.Want)
		}
	}
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return p.f, nil
}

type parser struct {
	doc *yamldoc.Doc
	f   *File
	// lines are where the fields that File.check looks at are, by path.
	lines map[string]int
}

func (p *parser) top(m *yamldoc.Map) {
	f := p.f
	f.Name = m.String("region", yamldoc.Required)
	f.BaseYear = m.Int("base_year", yamldoc.Required, yamldoc.Between(1900, 2200))
	f.PensionAge = m.Int("pension_age", yamldoc.Required, yamldoc.Between(55, forecast.MaxAge))
	f.StayPastPension = m.Float("stay_past_pension", yamldoc.Required, yamldoc.Fraction)
	f.PastPensionOutflow = m.Float("past_pension_outflow", yamldoc.Required, yamldoc.Fraction)
	f.EarlyRetirementRate = m.Float("early_retirement_rate", yamldoc.Optional, yamldoc.Between(0, 0.5))
	f.AbsenceRate = m.Float("absence_rate", yamldoc.Required, yamldoc.Between(0, 0.99))
	ageBelowPension := yamldoc.Between(forecast.MinAge, float64(max(f.PensionAge, 56)-1))
	f.LateralEntryAge = m.Int("lateral_entry_age", yamldoc.Required, ageBelowPension)
	f.ReturnerAge = m.Int("returner_age", yamldoc.Required, ageBelowPension)
	f.SectorYieldPerContractHour = m.Float("sector_yield_per_contract_hour", yamldoc.Optional, yamldoc.Between(0, 0.1))

	if t := m.Map("training", yamldoc.Required); t != nil {
		f.Training.StudentHours = p.perRoute(t.Map("student_hours", yamldoc.Required), yamldoc.Between(0, 2000))
		f.Training.PlaceHours = p.perRoute(t.Map("place_hours", yamldoc.Required), yamldoc.Between(1, 2000))
		t.Done()
	}
	if o := m.Map("outflow_by_age", yamldoc.Required); o != nil {
		f.OutflowByAge = p.perBand(o, yamldoc.Fraction)
	}
	if bs := m.Map("branches", yamldoc.Required); bs != nil {
		var seen [forecast.NumBranches]bool
		for _, e := range bs.Entries() {
			b, err := forecast.ParseBranch(e.Key)
			if err != nil {
				e.Bad("a branch: " + branchList())
				continue
			}
			if seen[b] {
				e.Bad("each branch once (this one is spelled another way above)")
				continue
			}
			seen[b] = true
			if bm := e.Map(); bm != nil {
				p.branch(b, bm)
			}
		}
		for b := range forecast.Branch(forecast.NumBranches) {
			if !seen[b] {
				bs.Problem("", "no branch "+b.String(), "all branches, with zeros where a branch has no staff")
			}
		}
	}
	if ps := m.Map("programmes", yamldoc.Required); ps != nil {
		p.programmes(ps)
	}
	if u := m.Map("uncertainty", yamldoc.Optional); u != nil {
		p.uncertainty(u)
	}
	if c := m.Map("costs", yamldoc.Optional); c != nil {
		f.Costs = &forecast.Costs{
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

func (p *parser) branch(b forecast.Branch, m *yamldoc.Map) {
	br := &p.f.Branches[b]
	br.DemandGrowth = m.Float("demand_growth", yamldoc.Required, yamldoc.Between(-0.2, 0.2))
	br.OutflowFactor = m.Float("outflow_factor", yamldoc.Required, yamldoc.Between(0, 5))
	br.MobilityRate = m.Float("mobility_rate", yamldoc.Required, yamldoc.Fraction)
	br.MobilityWeight = m.Float("mobility_weight", yamldoc.Required, yamldoc.Between(0, 100))
	br.LateralEntryRate = m.Float("lateral_entry_rate", yamldoc.Required, yamldoc.Fraction)
	br.ReturnerRate = m.Float("returner_rate", yamldoc.Required, yamldoc.Fraction)
	for _, k := range []string{"outflow_factor", "age_profile"} {
		p.lines[m.Path()+"."+k] = m.KeyLine(k)
	}
	if a := m.Map("age_profile", yamldoc.Required); a != nil {
		br.AgeProfile = p.perBand(a, yamldoc.Fraction)
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
			if lm := e.Map(); lm != nil {
				p.level(&br.Levels[l], lm)
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			if !seen[l] {
				ls.Problem("", "no level "+l.String(), "all levels: mbo2, mbo3, mbo4, hbo, wo/overig")
			}
		}
	}
	if pl := m.Map("places", yamldoc.Optional); pl != nil {
		for _, e := range pl.Entries() {
			l, err := forecast.ParseLevel(e.Key)
			if err != nil {
				e.Bad("a level: mbo2, mbo3, mbo4, hbo, wo/overig")
				continue
			}
			p.lines[pl.Path()+"."+l.String()] = e.Line
			if lm := e.Map(); lm != nil {
				for _, re := range lm.Entries() {
					rt, err := forecast.ParseRoute(re.Key)
					if err != nil || !forecast.ValidProgramme(l, rt) {
						re.Bad(fmt.Sprintf("a route on which %s is taught", l))
						continue
					}
					br.Places[l][rt], _ = re.Float(yamldoc.NonNegative)
				}
			}
		}
	}
	m.Done()
}

// level reads one level of a branch; the optional fields replace the
// branch's values for the level.
func (p *parser) level(lv *Level, m *yamldoc.Map) {
	lv.Headcount = m.Float("headcount", yamldoc.Required, yamldoc.NonNegative)
	lv.PartTimeFactor = m.Float("part_time_factor", yamldoc.Required, yamldoc.Between(0.05, 1))
	lv.VacanciesFTE = m.Float("vacancies_fte", yamldoc.Required, yamldoc.NonNegative)
	optional := func(key string, check yamldoc.Check) *float64 {
		if v, ok := m.FloatOK(key, yamldoc.Optional, check); ok {
			return &v
		}
		return nil
	}
	lv.GraduateWeight = optional("graduate_weight", yamldoc.NonNegative)
	lv.OutflowFactor = optional("outflow_factor", yamldoc.Between(0, 5))
	lv.LateralEntryRate = optional("lateral_entry_rate", yamldoc.Fraction)
	lv.ReturnerRate = optional("returner_rate", yamldoc.Fraction)
	p.lines[m.Path()+".outflow_factor"] = m.KeyLine("outflow_factor")
	m.Done()
}

func (p *parser) programmes(m *yamldoc.Map) {
	f := p.f
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
			pr := &f.Programmes[l][rt]
			pr.DurationYears = pm.Int("duration", yamldoc.Required, yamldoc.Between(1, 8))
			pr.Dropout = pm.Floats("dropout", yamldoc.Required, pr.DurationYears, yamldoc.Fraction)
			pr.SectorYield = pm.Float("sector_yield", yamldoc.Required, yamldoc.Fraction)
			pr.Candidates = pm.Float("candidates", yamldoc.Required, yamldoc.NonNegative)
			pr.CandidateGrowth = pm.Float("candidate_growth", yamldoc.Optional, yamldoc.Between(-0.2, 0.2))
			pr.PlaceUse = pm.Float("place_use", yamldoc.Required, yamldoc.Between(0, 2))
			pr.EntryAge = pm.Int("entry_age", yamldoc.Required, yamldoc.Between(forecast.MinAge, float64(max(f.PensionAge, 56)-1)))
			pr.ProductiveFTE = pm.Float("productive_fte", yamldoc.Optional, yamldoc.Fraction)
			pr.CostPerStudentYear = pm.Float("cost_per_student_year", yamldoc.Required, yamldoc.NonNegative)
			if pm.Has("enrolled") {
				pr.Enrolled = pm.Floats("enrolled", yamldoc.Required, pr.DurationYears, yamldoc.NonNegative)
			}
			pm.Done()
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
	p.f.Uncertainty = &forecast.Uncertainty{
		Dropout:        rng("dropout", 1),
		SectorYield:    rng("sector_yield", 1),
		OtherOutflow:   rng("other_outflow", 1),
		PartTimeFactor: rng("part_time_factor", 1),
		DemandGrowth:   rng("demand_growth", 0),
	}
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
