package ingest

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"raat/forecast"
	"raat/nl"
	"raat/region"
)

// File writes the calibration as a region file: base (the region file the
// calibration was made on) with every number the employers' figures
// estimate replaced by the estimate, and a comment at each saying what it
// rests on; what they do not estimate, or too thinly, keeps base's value
// and base's comments. source names the workbooks in the header. Numbers
// are rounded to what a region file shows (rates to 4 decimals, people and
// FTE to tenths), so the region the file gives differs from Aggregate's by
// that rounding, and by what a file cannot hold: the age structure per
// level (a file has one per branch) and a trainer per employer (a file
// has one per branch).
func (c *Calibration) File(base *region.File, source string) *region.File {
	f := copyFile(base)
	f.BaseYear = c.BaseYear
	f.Remarks = map[string]string{}
	cov := &c.Coverage
	f.Header = append([]string{
		fmt.Sprintf("%s, gekalibreerd met raat calibrate uit de werkgeversuitvraag van %d %s (%s).", f.Name, cov.Employers, plural(cov.Employers, "werkgever", "werkgevers"), source),
		"Dekking: " + cov.Text() + ".",
		"De cijfers van de werkgevers zijn per branche en niveau opgehoogd tot het personeel van de regio in het",
		"oorspronkelijke regiobestand. Een schatting vervangt de aanname als ze rust op minstens " + fmt.Sprint(MinEvents) + " gemelde",
		"gebeurtenissen (vertrekkers, instromers, overstappers) van werkgevers met minstens " + nl.WholePercent(MinCoverage) + " van het",
		"personeel; een deeltijdfactor op minstens " + fmt.Sprint(MinStaff) + " medewerkers. Een niveau met te weinig neemt de",
		"schatting van zijn branche, een branche met te weinig houdt de aanname. Het commentaar achter een regel",
		"zegt waarop een schatting rust; zonder commentaar is het getal de aanname van het oorspronkelijke bestand.",
		"",
		"Het oorspronkelijke regiobestand:",
	}, f.Header...)
	f.Notes["base_year"] = []string{"werkgevers: het jaar van hun peildatum"}
	if e, ok := c.Find(EarlyRetirement, forecast.AllBranches, forecast.AllLevels); ok {
		if e.Used {
			f.EarlyRetirementRate = round(e.Value, 4)
			f.Notes["early_retirement_rate"] = []string{fmt.Sprintf("werkgevers: %s pensioen gemeld door %d werkgevers (%s van het personeel), minus wie de",
				nl.Int(e.Basis), e.Employers, nl.WholePercent(e.Coverage)),
				fmt.Sprintf("AOW-leeftijd bereikt, gedeeld door het personeel van 60 tot de AOW-leeftijd; de aanname was %s.", nl.Percent(e.Assumed))}
		} else {
			f.Notes["early_retirement_rate"] = append([]string{"aanname (uit de werkgevers niet te schatten: " + e.Why + "):"}, base.Notes["early_retirement_rate"]...)
		}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		c.fileBranch(f, b)
	}
	c.fileGraduates(f)
	c.fileMobilityWeights(f)
	for l := range f.Programmes {
		for rt := range f.Programmes[l] {
			if e := c.enrolled[l][rt]; e != nil && f.Programmes[l][rt].DurationYears > 0 {
				f.Programmes[l][rt].Enrolled = roundAll(e, 1)
			}
		}
	}
	f.Notes["programmes"] = append([]string{"Ingeschreven studenten (enrolled): werkgevers, uit de bezette opleidingsplaatsen gedeeld door het",
		"plaatsgebruik, opgehoogd; de rest van de opleidingen is de aanname:"}, base.Notes["programmes"]...)
	f.Notes["branches"] = append([]string{"Per branche en niveau: waar het commentaar achter een regel \"werkgevers\" zegt, komt het getal uit de",
		"werkgeversuitvraag (opgehoogd); de rest is de aanname:"}, base.Notes["branches"]...)
	return f
}

// fileBranch writes one branch's estimates into f.
func (c *Calibration) fileBranch(f *region.File, b forecast.Branch) {
	bc := &c.Coverage.Branches[b]
	br := &f.Branches[b]
	path := "branches." + b.String()
	if bc.Employers == 0 {
		f.Remarks[path] = "geen werkgever geleverd: alles aanname"
		return
	}
	rep, reg := bc.Staff()
	f.Remarks[path] = fmt.Sprintf("%d %s, %s medewerkers gemeld, %s van het personeel", bc.Employers, plural(bc.Employers, "werkgever", "werkgevers"), nl.Int(rep), nl.WholePercent(rep/max(reg, 1)))
	var bands [forecast.NumAgeBands]float64
	var total float64
	for l := range forecast.Level(forecast.NumLevels) {
		if !c.delivered(b, l) {
			for k := range bands {
				n := br.Levels[l].Headcount * br.AgeProfile[k]
				bands[k] += n
				total += n
			}
			continue
		}
		for k, n := range c.cells[b][l].bands {
			bands[k] += n * c.weight(b, l)
			total += n * c.weight(b, l)
		}
	}
	if total > 0 {
		br.AgeProfile = shares(bands)
		f.Remarks[path+".age_profile"] = "werkgevers, opgehoogd"
	}
	if e, ok := c.Find(Mobility, b, forecast.AllLevels); ok && e.Used {
		br.MobilityRate = round(e.Value, 4)
		f.Remarks[path+".mobility_rate"] = fmt.Sprintf("werkgevers: %s overstappers naar een andere zorgwerkgever; aanname %s", nl.Int(e.Basis), nl.Percent(e.Assumed))
	}
	for l := range forecast.Level(forecast.NumLevels) {
		if !c.delivered(b, l) {
			f.Remarks[path+".levels."+l.String()] = "niet geleverd: aanname"
			continue
		}
		lv, x := &br.Levels[l], &c.cells[b][l]
		w := c.weight(b, l)
		lv.Headcount = round(x.headcount()*w, 1)
		lv.VacanciesFTE = round(x.vacancies*w, 1)
		var said []string
		said = append(said, fmt.Sprintf("werkgevers: %s medewerkers (%s)", nl.Int(x.headcount()), nl.WholePercent(c.levelCoverage(b, l))))
		if e, ok := c.Find(PartTime, b, l); ok && e.Used {
			lv.PartTimeFactor = round(e.Value, 3)
		}
		set := func(q Quantity, to **float64, base float64, what string) {
			e, ok := c.Find(q, b, l)
			if !ok || !e.Used {
				return
			}
			v := round(e.Value, 4)
			if q == OtherOutflow {
				v = round(base*c.outflowScale[b][l], 4)
			}
			*to = &v
			if e.From == "branche" {
				said = append(said, what+" van de branche")
			} else {
				said = append(said, fmt.Sprintf("%s %s", nl.Int(e.Basis), what))
			}
		}
		factor := br.OutflowFactor
		if lv.OutflowFactor != nil {
			factor = *lv.OutflowFactor
		}
		set(OtherOutflow, &lv.OutflowFactor, factor, "vertrekkers")
		set(LateralEntry, &lv.LateralEntryRate, 0, "zij-instromers")
		set(Returners, &lv.ReturnerRate, 0, "herintreders")
		f.Remarks[path+".levels."+l.String()] = strings.Join(said, ", ")
	}
	for l := range br.Places {
		for rt := range br.Places[l] {
			br.Places[l][rt] = round(c.branchPlaces[b][l][rt], 1)
		}
	}
}

// fileGraduates writes the branches' shares of a level's graduates as
// weights, for every branch of a level whose shares the employers
// estimate (the weights of one level must all be shares, or all the
// default, the headcount).
func (c *Calibration) fileGraduates(f *region.File) {
	for l := range forecast.Level(forecast.NumLevels) {
		if !c.usedAt(GraduateHires, l) {
			continue
		}
		for b := range forecast.Branch(forecast.NumBranches) {
			w := round(c.graduateShare[b][l], 4)
			f.Branches[b].Levels[l].GraduateWeight = &w
		}
	}
}

// fileMobilityWeights writes each branch's mobility weight when the
// employers estimate the branches' shares of the movers: a file holds one
// weight per branch over all levels, its share of the movers per share of
// the staff, summed over the levels.
func (c *Calibration) fileMobilityWeights(f *region.File) {
	if !slices.ContainsFunc(c.Estimates, func(e Estimate) bool { return e.Quantity == MobilityIn && e.Used }) {
		return
	}
	var total [forecast.NumLevels]float64
	for b := range f.Branches {
		for l := range f.Branches[b].Levels {
			total[l] += f.Branches[b].Levels[l].Headcount
		}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var attract, staff float64
		for l := range forecast.Level(forecast.NumLevels) {
			if total[l] > 0 {
				attract += c.attraction[b][l]
				staff += f.Branches[b].Levels[l].Headcount / total[l]
			}
		}
		if staff > 0 {
			f.Branches[b].MobilityWeight = round(attract/staff, 3)
			f.Remarks["branches."+b.String()+".mobility_weight"] = "werkgevers: aandeel in de overstappers van andere zorgwerkgevers per aandeel in het personeel"
		}
	}
}

// usedAt reports whether any branch's estimate of q at level l is used.
func (c *Calibration) usedAt(q Quantity, l forecast.Level) bool {
	return slices.ContainsFunc(c.Estimates, func(e Estimate) bool { return e.Quantity == q && e.Level == l && e.Used })
}

// copyFile copies a region file deeply enough to change it.
func copyFile(base *region.File) *region.File {
	f := *base
	f.Notes = maps.Clone(base.Notes)
	if f.Notes == nil {
		f.Notes = map[string][]string{}
	}
	f.Header = slices.Clone(base.Header)
	for b := range f.Branches {
		for l := range f.Branches[b].Levels {
			lv := &f.Branches[b].Levels[l]
			lv.GraduateWeight, lv.OutflowFactor = clonePtr(lv.GraduateWeight), clonePtr(lv.OutflowFactor)
			lv.LateralEntryRate, lv.ReturnerRate = clonePtr(lv.LateralEntryRate), clonePtr(lv.ReturnerRate)
			lv.UnmetDemand = clonePtr(lv.UnmetDemand)
		}
		f.Branches[b].DemandFactors = slices.Clone(base.Branches[b].DemandFactors)
	}
	if p := base.Population; p != nil {
		f.Population = &forecast.Population{Years: slices.Clone(p.Years), Count: slices.Clone(p.Count)}
	}
	for l := range f.Programmes {
		for rt := range f.Programmes[l] {
			p := &f.Programmes[l][rt]
			p.Dropout, p.Enrolled = slices.Clone(p.Dropout), slices.Clone(p.Enrolled)
		}
	}
	if base.Uncertainty != nil {
		u := *base.Uncertainty
		f.Uncertainty = &u
	}
	if base.Costs != nil {
		k := *base.Costs
		f.Costs = &k
	}
	return &f
}

func clonePtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// shares turns counts into shares rounded to 4 decimals that sum to 1
// exactly (the largest takes the rounding).
func shares(counts [forecast.NumAgeBands]float64) (s [forecast.NumAgeBands]float64) {
	var total float64
	for _, n := range counts {
		total += n
	}
	largest, sum := 0, 0.0
	for k, n := range counts {
		s[k] = round(n/total, 4)
		sum += s[k]
		if counts[k] > counts[largest] {
			largest = k
		}
	}
	s[largest] = round(s[largest]+1-sum, 4)
	return s
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

func roundAll(v []float64, decimals int) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = round(x, decimals)
	}
	return out
}
