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
// A file lists only the branches, levels and programmes it has: a branch
// or level it leaves out has no staff (and is left out when written). A
// branch's mobility, lateral-entry and returner rates default to 0, its
// outflow_factor to 1. A programme gives its dropout per study year, or
// its internal_yield (the share of an intake that finishes), spread as
// the same dropout d = 1 - internal_yield^(1/duration) in every year; its
// sector_yield is the external yield. wo/overig is taught on the
// postgraduate route wo-vervolg.
//
// With groups: [man, vrouw] at the top, a level may split its staff into
// those groups, each with its headcount, part_time_factor (or
// part_time_by_age per band), entrants (its share of new staff, summing to
// 1), and optionally its own age_profile, outflow_by_age and
// outflow_factor (else the branch's, the region's and the level's). Per
// group, as above:
//
//	headcount[g][age]     = SpreadBands(headcount[g] * age_profile[g][band])
//	other outflow[g][age] = SmoothRates(outflow_by_age[g])[age] * outflow_factor[g]
//	part-time factor[g][age] = part_time_by_age[g][band of age]   (or part_time_factor[g])
//
// and the level's headcount and part_time_factor are the groups' sum and
// FTE per head. cmd/raat/testdata/gp.yaml is an example.
//
// Demand follows the population when the file has a population section:
// inhabitants per age group (0-17, 18-64, 65-74, 75-84, 85+) in some years,
// the base year among them or after the first, and per branch a care_use
// profile (relative use per inhabitant per group; only ratios count). Demand
// per branch is then base-year demand times the branch's demographic index
// times the non-demographic growth (forecast's package doc). That growth is
// demand_growth, a yearly rate, or demand_factors, a list of named, signed
// factors in the Capaciteitsorgaan's terms, each a total relative change
// over a number of years from the base year, compounding evenly and going
// on at that pace:
//
//	vvt:
//	  demand_factors:
//	    - {name: epidemiologisch, change: 0.05, years: 10}
//	    - {name: substitutie, change: -0.06, years: 10}
//	  unmet_demand: 0.01
//	  care_use: {"0-17": 0.02, "18-64": 1, "65-74": 4, "75-84": 15, "85+": 45}
//
// A factor may name a sum, an additive group: the factors of one sum add
// their changes, as the Capaciteitsorgaan adds its non-demographic factors
// before it multiplies them with demography, and the group acts as one
// factor, (1 + sum of changes)^(t/years). Its factors must have the same
// years. cmd/raat/testdata/gp.yaml has one:
//
//	demand_factors:
//	  - {name: demografie, change: 0.06, years: 10}
//	  - {name: epidemiologisch, change: 0.03, years: 10, sum: niet-demografisch}
//	  - {name: sociaal-cultureel, change: 0.05, years: 10, sum: niet-demografisch}
//
// is 1.06 x (1 + 0.03 + 0.05) over ten years, where three factors would be
// 1.06 x 1.03 x 1.05.
//
// A branch gives one of demand_growth and demand_factors, not both. The
// factors (and sums) combine multiplicatively, with each other and with
// the index, and each factor can be told apart, a sum's in proportion to
// its signed change (forecast.Region.FactorShares). unmet_demand,
// per branch or per level, is the share of base-year demand that neither
// staff nor open vacancies show: base-year demand = (supply + vacancies) /
// (1 - unmet_demand). The shape agreed with the Capaciteitsorgaan example
// kept one deviation: base demand divides by (1 - unmet) rather than adding
// unmet x (supply + vacancies), so that the share is one of demand, as the
// name says. uncertainty.population gives the range of the population's
// relative deviation from the projection in its last year. A file without
// population works as before (demand_growth alone) and the run says so.
//
// Every problem is reported with its line and field (see yamldoc); a file
// with a problem yields no region.
package region

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

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
	p.checkCareUse()
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

// checkCareUse asks a care-use profile of every branch when the file has
// a population, and none without, and refuses a profile summing to zero.
func (p *parser) checkCareUse() {
	for b := range forecast.Branch(forecast.NumBranches) {
		path := "branches." + b.String() + ".care_use"
		switch {
		case p.f.Population != nil && !p.careUse[b]:
			p.doc.Add(p.lines["population"], path, "no care_use", "a care-use profile per branch with a population section")
		case p.f.Population == nil && p.careUse[b]:
			p.doc.Add(p.lines[path], path, "a care-use profile without a population section", "a population section for the profile to weigh")
		case p.careUse[b]:
			var sum float64
			for _, u := range p.f.Branches[b].CareUse {
				sum += max(u, 0) // a negative use is its own problem
			}
			if !(sum > 0) {
				p.doc.Add(p.lines[path], path, fmt.Sprintf("uses summing to %g", sum), "a care-use profile with use in at least one age group")
			}
		}
	}
}

type parser struct {
	doc *yamldoc.Doc
	f   *File
	// lines are where the fields that File.check looks at are, by path.
	lines map[string]int
	// careUse marks the branches that gave a care_use profile.
	careUse [forecast.NumBranches]bool
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

	if t := m.Map("training", yamldoc.Optional); t != nil {
		f.Training.StudentHours = p.perRoute(t.Map("student_hours", yamldoc.Required), yamldoc.Between(0, 2000))
		f.Training.PlaceHours = p.perRoute(t.Map("place_hours", yamldoc.Required), yamldoc.Between(1, 2000))
		t.Done()
	}
	if m.Has("groups") {
		f.Groups = m.Strings("groups", yamldoc.Required)
		for i, g := range f.Groups {
			if g == "" || slices.Contains(f.Groups[:i], g) {
				m.Problem("groups", fmt.Sprintf("%q", g), "names, each once")
			}
		}
		if len(f.Groups) > forecast.MaxGroups {
			m.Problem("groups", fmt.Sprintf("%d groups", len(f.Groups)), fmt.Sprintf("at most %d", forecast.MaxGroups))
		}
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
		// A branch the file does not list has no staff.
		any := false
		for b := range forecast.Branch(forecast.NumBranches) {
			if !seen[b] {
				f.Branches[b] = absentBranch()
			}
			any = any || seen[b]
		}
		if !any {
			bs.Problem("", "no branches", "at least one branch: "+branchList())
		}
	}
	if ps := m.Map("programmes", yamldoc.Required); ps != nil {
		p.programmes(ps)
	}
	p.lines["population"] = m.KeyLine("population")
	if pm := m.Map("population", yamldoc.Optional); pm != nil {
		p.population(pm)
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
			PerSubstitutedFTE:    c.Float("per_substituted_fte", yamldoc.Optional, yamldoc.NonNegative),
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

// sumGroups checks a branch's sum groups of demand factors, read from the
// mappings fms: a group's factors add their changes over the same years,
// and the sum is a change the model can compound.
func sumGroups(fms []*yamldoc.Map, fs []forecast.DemandFactor) {
	first := map[string]int{}
	change := map[string]float64{}
	var order []string
	for k, f := range fs {
		if f.Sum == "" {
			continue
		}
		change[f.Sum] += f.Change
		i, ok := first[f.Sum]
		if !ok {
			first[f.Sum] = k
			order = append(order, f.Sum)
			continue
		}
		if g := fs[i]; f.Years != g.Years && f.Years > 0 && g.Years > 0 {
			fms[k].Problem("years", strconv.Itoa(f.Years),
				fmt.Sprintf("%d years, as %s, the first factor of sum %s: the factors of a sum add their changes over the same years", g.Years, g.Name, f.Sum))
		}
	}
	for _, sum := range order {
		if c := change[sum]; !(c > -0.9 && c < 5) {
			fms[first[sum]].Problem("sum", fmt.Sprintf("changes of sum %s adding to %s", sum, strconv.FormatFloat(c, 'g', 6, 64)),
				"a summed change between -0.9 and 5")
		}
	}
}

func (p *parser) branch(b forecast.Branch, m *yamldoc.Map) {
	br := &p.f.Branches[b]
	if fs := m.List("demand_factors", yamldoc.Optional); m.Has("demand_factors") {
		if m.Has("demand_growth") {
			m.Problem("demand_growth", "demand_growth next to demand_factors", "one of the two: the factors replace the growth rate")
		}
		for _, fm := range fs {
			f := forecast.DemandFactor{
				Name:   fm.String("name", yamldoc.Required),
				Change: fm.Float("change", yamldoc.Required, yamldoc.Between(-0.9, 5)),
				Years:  fm.Int("years", yamldoc.Required, yamldoc.Between(1, 50)),
				Sum:    fm.String("sum", yamldoc.Optional),
			}
			fm.Done()
			br.DemandFactors = append(br.DemandFactors, f)
		}
		sumGroups(fs, br.DemandFactors)
		if len(fs) == 0 {
			m.Problem("demand_factors", "an empty list", "at least one factor, like {name: epidemiologisch, change: 0.03, years: 10}")
		}
	} else {
		br.DemandGrowth = m.Float("demand_growth", yamldoc.Required, yamldoc.Between(-0.2, 0.2))
	}
	br.UnmetDemand = m.Float("unmet_demand", yamldoc.Optional, yamldoc.Between(0, 0.5))
	if m.Has("care_use") {
		p.lines[m.Path()+".care_use"] = m.KeyLine("care_use")
		if cu := m.Map("care_use", yamldoc.Required); cu != nil {
			br.CareUse = p.perGroup(cu, yamldoc.NonNegative)
			p.careUse[b] = true
		}
	}
	// Optional: a branch without moves, lateral entry or returners, whose
	// outflow is the region's by age (factor 1).
	br.OutflowFactor = 1
	if v, ok := m.FloatOK("outflow_factor", yamldoc.Optional, yamldoc.Between(0, 5)); ok {
		br.OutflowFactor = v
	}
	br.MobilityRate = m.Float("mobility_rate", yamldoc.Optional, yamldoc.Fraction)
	br.MobilityWeight = m.Float("mobility_weight", yamldoc.Optional, yamldoc.Between(0, 100))
	br.LateralEntryRate = m.Float("lateral_entry_rate", yamldoc.Optional, yamldoc.Fraction)
	br.ReturnerRate = m.Float("returner_rate", yamldoc.Optional, yamldoc.Fraction)
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
				p.level(&br.Levels[l], lm, &br.AgeProfile, "branches."+b.String()+".levels."+l.String())
			}
		}
		// A level the file does not list has no staff.
		for l := range forecast.Level(forecast.NumLevels) {
			if !seen[l] {
				br.Levels[l] = Level{Absent: true}
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
func (p *parser) level(lv *Level, m *yamldoc.Map, profile *[forecast.NumAgeBands]float64, path string) {
	if gm := m.Map("groups", yamldoc.Optional); gm != nil {
		// The staff split into groups: the level's headcount and factor
		// are theirs.
		for _, k := range []string{"headcount", "part_time_factor"} {
			if m.Has(k) {
				m.Problem(k, "a "+k+" beside groups", "either the level's "+k+" or its groups'")
			}
		}
		p.groups(lv, gm, path+".groups")
		lv.sumGroups(profile)
	} else {
		lv.Headcount = m.Float("headcount", yamldoc.Required, yamldoc.NonNegative)
		lv.PartTimeFactor = m.Float("part_time_factor", yamldoc.Required, yamldoc.Between(0.05, 1))
	}
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
	lv.UnmetDemand = optional("unmet_demand", yamldoc.Between(0, 0.5))
	p.lines[m.Path()+".outflow_factor"] = m.KeyLine("outflow_factor")
	m.Done()
}

// groups reads the groups of a level, one per name of the file's groups.
// path is the level's groups in File.check's terms (the canonical keys).
func (p *parser) groups(lv *Level, m *yamldoc.Map, path string) {
	names := p.f.Groups
	if len(names) == 0 {
		m.Problem("", "groups", "the names of the groups first, at the top of the file (groups: [man, vrouw])")
		return
	}
	lv.Groups = make([]Group, len(names))
	seen := make([]bool, len(names))
	for _, e := range m.Entries() {
		g := slices.Index(names, e.Key)
		if g < 0 || seen[g] {
			e.Bad("a group, once: " + strings.Join(names, ", "))
			continue
		}
		seen[g] = true
		gm := e.Map()
		if gm == nil {
			continue
		}
		gr := &lv.Groups[g]
		gr.Headcount = gm.Float("headcount", yamldoc.Required, yamldoc.NonNegative)
		gr.Entrants = gm.Float("entrants", yamldoc.Required, yamldoc.Fraction)
		if bm := gm.Map("part_time_by_age", yamldoc.Optional); bm != nil {
			v := p.perBand(bm, yamldoc.Between(0.05, 1))
			gr.PartTimeByBand = &v
			if gm.Has("part_time_factor") {
				gm.Problem("part_time_factor", "part_time_factor beside part_time_by_age", "one of them")
			}
		} else {
			gr.PartTimeFactor = gm.Float("part_time_factor", yamldoc.Required, yamldoc.Between(0.05, 1))
		}
		if bm := gm.Map("age_profile", yamldoc.Optional); bm != nil {
			v := p.perBand(bm, yamldoc.Fraction)
			gr.AgeProfile = &v
		}
		if bm := gm.Map("outflow_by_age", yamldoc.Optional); bm != nil {
			v := p.perBand(bm, yamldoc.Fraction)
			gr.OutflowByAge = &v
		}
		if v, ok := gm.FloatOK("outflow_factor", yamldoc.Optional, yamldoc.Between(0, 5)); ok {
			gr.OutflowFactor = &v
		}
		for _, k := range []string{"age_profile", "outflow_by_age"} {
			p.lines[path+"."+names[g]+"."+k] = gm.KeyLine(k)
		}
		gm.Done()
	}
	for g, ok := range seen {
		if !ok {
			m.Problem("", "no group "+names[g], "every group: "+strings.Join(names, ", "))
		}
	}
	p.lines[path] = m.Line()
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
			// The dropout per study year, or the internal yield (the share
			// of an intake that finishes), spread as the same dropout in
			// every study year.
			switch {
			case pm.Has("internal_yield") && pm.Has("dropout"):
				pm.Problem("internal_yield", "both dropout and internal_yield", "one of them: dropout per study year, or the share that finishes")
			case pm.Has("internal_yield"):
				y := pm.Float("internal_yield", yamldoc.Required, yamldoc.Between(0.01, 1))
				if pr.DurationYears >= 1 && y > 0 {
					d := 1 - math.Pow(y, 1/float64(pr.DurationYears))
					pr.Dropout = make([]float64, pr.DurationYears)
					for k := range pr.Dropout {
						pr.Dropout[k] = d
					}
				}
			default:
				pr.Dropout = pm.Floats("dropout", yamldoc.Required, pr.DurationYears, yamldoc.Fraction)
			}
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
		Population:     rng("population", 0),
	}
	m.Done()
}

// population reads the population section: per year, the inhabitants
// per age group, each group once.
func (p *parser) population(m *yamldoc.Map) {
	pop := &forecast.Population{}
	for _, e := range m.Entries() {
		y, err := strconv.Atoi(e.Key)
		if err != nil || y < 1900 || y > 2200 {
			e.Bad("a year between 1900 and 2200")
			continue
		}
		if n := len(pop.Years); n > 0 && y <= pop.Years[n-1] {
			e.Bad(fmt.Sprintf("years in increasing order (after %d)", pop.Years[n-1]))
			continue
		}
		gm := e.Map()
		if gm == nil {
			continue
		}
		pop.Years = append(pop.Years, y)
		pop.Count = append(pop.Count, p.perGroup(gm, yamldoc.NonNegative))
	}
	f := p.f
	line := p.lines["population"]
	switch {
	case len(pop.Years) < 2:
		p.doc.Add(line, "population", fmt.Sprintf("%d years", len(pop.Years)), "at least two years: the base year (or one before it) and one after")
	case pop.Years[0] > f.BaseYear || pop.Last() <= f.BaseYear:
		p.doc.Add(line, "population", fmt.Sprintf("years %d to %d", pop.Years[0], pop.Last()), fmt.Sprintf("years from the base year %d (or before) to after it", f.BaseYear))
	}
	p.f.Population = pop
}

// perGroup reads a value for every population age group.
func (p *parser) perGroup(m *yamldoc.Map, check yamldoc.Check) (v [forecast.NumAgeGroups]float64) {
	everyKey(m, check, v[:], func(s string) (int, error) { g, err := forecast.ParseAgeGroup(s); return int(g), err },
		func(i int) string { return forecast.AgeGroup(i).String() }, "an age group", "0-17, 18-64, 65-74, 75-84, 85+")
	return v
}

// everyKey reads into v a value for every key of a closed set (age groups,
// age bands): parse turns a key into its index, name an index into its key;
// a key outside the set or given twice, and a key missing, are problems
// that name the set.
func everyKey(m *yamldoc.Map, check yamldoc.Check, v []float64, parse func(string) (int, error), name func(int) string, what, keys string) {
	seen := make([]bool, len(v))
	for _, e := range m.Entries() {
		i, err := parse(e.Key)
		if err != nil || seen[i] {
			e.Bad(what + ", once: " + keys)
			continue
		}
		v[i], _ = e.Float(check)
		seen[i] = true
	}
	for i, ok := range seen {
		if !ok {
			m.Problem("", "no value for "+name(i), "a value for every "+strings.TrimPrefix(strings.TrimPrefix(what, "an "), "a ")+": "+keys)
		}
	}
}

func (p *parser) perRoute(m *yamldoc.Map, check yamldoc.Check) (v [forecast.NumRoutes]float64) {
	if m == nil {
		return v
	}
	var seen [forecast.NumRoutes]bool
	for _, e := range m.Entries() {
		rt, err := forecast.ParseRoute(e.Key)
		if err != nil {
			e.Bad("a route: BOL, BBL, hbo-voltijd, hbo-duaal, wo-vervolg")
			continue
		}
		v[rt], _ = e.Float(check)
		seen[rt] = true
	}
	// A route without a value has none (0): the file need list only the
	// routes it uses.
	return v
}

func (p *parser) perBand(m *yamldoc.Map, check yamldoc.Check) (v [forecast.NumAgeBands]float64) {
	everyKey(m, check, v[:], func(s string) (int, error) { b, err := forecast.ParseAgeBand(s); return int(b), err },
		func(i int) string { return forecast.AgeBand(i).String() }, "an age band", "<25, 25-34, 35-44, 45-54, 55-59, 60-64, 65+")
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
