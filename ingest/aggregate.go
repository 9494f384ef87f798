package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"raat/forecast"
	"raat/nl"
)

// Summary says how a region was built from employer workbooks: which
// submissions it used, which re-uploads replaced earlier ones, which of
// the model's inputs came from the base region's assumptions because
// employers do not report them, and what a reader should know. Texts are
// Dutch: they are shown to the region's analysts as they are.
type Summary struct {
	Region   string `json:"region"`
	BaseYear int    `json:"base_year"`
	// Used are the submissions the region is built from, ordered by KvK
	// number.
	Used []*Submission `json:"-"`
	// Replaced are submissions another upload with the same KvK number
	// and peildatum replaced, or an upload with a later peildatum
	// superseded (kept as history, not used).
	Replaced []Replacement `json:"replaced"`
	// Reports are the reports of the files read, accepted or not, when
	// the region was built from files.
	Reports []*Report `json:"reports,omitempty"`
	// Headcount and FTE are the totals reported; BaseHeadcount is the base
	// region's, for the coverage.
	Headcount     int     `json:"headcount"`
	FTE           float64 `json:"fte"`
	BaseHeadcount float64 `json:"base_headcount"`
	// Assumed lists the inputs taken from the base region.
	Assumed []string `json:"assumed"`
	// Warnings are things a reader of the forecast should know.
	Warnings []string `json:"warnings"`
}

// Replacement is a submission that was not used because another took its
// place.
type Replacement struct {
	KvK       string    `json:"kvk"`
	Peildatum time.Time `json:"peildatum"`
	File      string    `json:"file"`
	By        string    `json:"by"`
	// Why is "herupload" (same KvK and peildatum, uploaded earlier) or
	// "oudere peildatum" (history).
	Why string `json:"why"`
}

// ErrNoSubmissions is returned when there is nothing to build a region
// from.
var ErrNoSubmissions = errors.New("no accepted employer workbooks")

// Aggregate builds a region from employer submissions on top of a base
// region, whose assumptions fill what employers do not report. Per branch
// b, level l and age band:
//
//	headcount[b][l][age]   = SpreadBands(sum of Aantal medewerkers per band)
//	part-time factor[b][l] = sum of FTE / sum of headcount       (base where no staff)
//	other outflow[b][l][a] = base rate[b][l][a] * k[b],  k[b] = reported leavers[b] / (sum over l, a below the pension age of headcount * base rate)
//	lateral entry[b][l]    = zij-instromers + overig;  returners[b][l] = herintreders
//	graduate share[b][l]   = schoolverlaters[b][l] / sum over b   (base where a level has none)
//	open vacancies[b][l]   = sum of Openstaande vacatures (FTE)
//	trainers               = one per employer: its offered places and FTE
//	enrolment[l][r]        = bezette plaatsen / place use, spread over the study years as in steady state
//
// Leavers counted as outflow are those to another sector, out of the
// labour market and for unknown reasons; pensioen is retirement, which the
// model derives from the age profile and the pension age, and andere
// zorgwerkgever is mobility within the sector. So the model's first-year
// other outflow per branch equals what the employers reported.
//
// Submissions are deduplicated first: per KvK number only the latest
// peildatum is used (earlier ones are history), and of submissions with
// the same KvK number and peildatum the one uploaded last (Uploaded; then
// file name, then digest, so that the choice never depends on order)
// replaces the others. Submissions are then added in KvK order, so the
// result does not depend on the order of files or rows.
func Aggregate(base *forecast.Region, subs []*Submission) (*forecast.Region, *Summary, error) {
	s := &Summary{Region: base.Name, Assumed: []string{}, Warnings: []string{}, Replaced: []Replacement{}}
	used := s.choose(subs, base.Name)
	if len(used) == 0 {
		return nil, s, ErrNoSubmissions
	}
	s.Used = used
	r := cloneRegion(base)
	r.BaseYear = s.baseYear(used)
	a := &aggregation{r: r, used: used}
	a.stock(base, s)
	a.outflow(base, s)
	a.inflow(s)
	a.training(s)
	s.Headcount, s.FTE = a.headcount, a.fte
	for b := range forecast.Branch(forecast.NumBranches) {
		for l := range forecast.Level(forecast.NumLevels) {
			s.BaseHeadcount += base.Cells[b][l].Headcount.Sum()
		}
	}
	s.Assumed = append(s.Assumed,
		"groei van de vraag per branche",
		"opleidingen: duur, uitval per studiejaar, kandidaten, sectorrendement, instroomleeftijd en plaatsgebruik",
		"leeftijdspatroon van de uitstroom (het niveau per branche komt uit de gemelde uitstroom)",
		"mobiliteit tussen branches",
		"pensioenleeftijd, vervroegd pensioen, doorwerken na de AOW-leeftijd en verzuim",
		"leeftijd van zij-instromers en herintreders, onzekerheidsmarges en kosten",
	)
	if cov := float64(s.Headcount) / s.BaseHeadcount; s.BaseHeadcount > 0 && math.Abs(cov-1) > 0.1 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("de werkgevers melden %s medewerkers, %s van de %s in %s; kandidaten voor de opleidingen komen uit de basisregio en passen dan niet bij dit personeel",
			nl.Int(float64(s.Headcount)), nl.Percent(cov), nl.Int(s.BaseHeadcount), base.Name))
	}
	if err := r.Validate(); err != nil {
		return nil, s, fmt.Errorf("region %s from %d workbooks: %w", r.Name, len(used), err)
	}
	return r, s, nil
}

// choose keeps one submission per KvK number and returns them in KvK
// order; it records what it left out.
func (s *Summary) choose(subs []*Submission, region string) []*Submission {
	byKvK := map[string]*Submission{}
	for _, sub := range subs {
		if sub == nil {
			continue
		}
		if fold(sub.Employer.Region) != fold(region) {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s (%s) hoort bij regio %s, niet bij %s; niet gebruikt", sub.File, sub.Employer.Name, sub.Employer.Region, region))
			continue
		}
		k := sub.Employer.KvK
		cur, ok := byKvK[k]
		if !ok {
			byKvK[k] = sub
			continue
		}
		keep, drop := cur, sub
		if newer(sub, cur) {
			keep, drop = sub, cur
		}
		byKvK[k] = keep
		why := "herupload"
		if !keep.Employer.Peildatum.Equal(drop.Employer.Peildatum) {
			why = "oudere peildatum"
		}
		s.Replaced = append(s.Replaced, Replacement{KvK: k, Peildatum: drop.Employer.Peildatum, File: drop.File, By: keep.File, Why: why})
	}
	// A chain of replacements names the final keeper, whatever the order.
	for i := range s.Replaced {
		s.Replaced[i].By = byKvK[s.Replaced[i].KvK].File
	}
	slices.SortFunc(s.Replaced, func(a, b Replacement) int {
		return cmp.Or(cmp.Compare(a.KvK, b.KvK), a.Peildatum.Compare(b.Peildatum), cmp.Compare(a.File, b.File))
	})
	var used []*Submission
	for _, sub := range byKvK {
		used = append(used, sub)
	}
	slices.SortFunc(used, func(a, b *Submission) int { return cmp.Compare(a.Employer.KvK, b.Employer.KvK) })
	return used
}

// newer reports whether a replaces b: a later peildatum, or the same
// peildatum uploaded later. Equal times fall back to the file name and
// the digest, so that the outcome is the same in any order.
func newer(a, b *Submission) bool {
	if c := a.Employer.Peildatum.Compare(b.Employer.Peildatum); c != 0 {
		return c > 0
	}
	return cmp.Or(a.Uploaded.Compare(b.Uploaded), cmp.Compare(a.File, b.File), cmp.Compare(a.Digest, b.Digest)) > 0
}

// baseYear is the year of the peildata; when employers differ, the most
// common year (the latest of equals), with a warning.
func (s *Summary) baseYear(used []*Submission) int {
	count := map[int]int{}
	for _, sub := range used {
		count[sub.Employer.Peildatum.Year()]++
	}
	best := 0
	for y, n := range count {
		if n > count[best] || (n == count[best] && y > best) {
			best = y
		}
	}
	if len(count) > 1 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("peildata in %d verschillende jaren; basisjaar %d (de meeste werkgevers)", len(count), best))
	}
	s.BaseYear = best
	return best
}

// cloneRegion copies a region deeply enough to change it: the slices of
// its programmes and its trainers are its own.
func cloneRegion(base *forecast.Region) *forecast.Region {
	r := *base
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			p := &r.Programmes[l][rt]
			p.Dropout = slices.Clone(p.Dropout)
			p.Enrolled = slices.Clone(p.Enrolled)
		}
	}
	r.Trainers = nil
	return &r
}

// aggregation holds the sums over the submissions.
type aggregation struct {
	r         *forecast.Region
	used      []*Submission
	headcount int
	fte       float64
}

// stock sets headcount by age and the part-time factor of every cell.
func (a *aggregation) stock(base *forecast.Region, s *Summary) {
	var counts [forecast.NumBranches][forecast.NumLevels][forecast.NumAgeBands]float64
	var fte, vacancies [forecast.NumBranches][forecast.NumLevels]float64
	var employers [forecast.NumBranches]int
	for _, sub := range a.used {
		b := sub.Employer.Branch
		employers[b]++
		for l, v := range sub.Vacancies {
			vacancies[b][l] += v.OpenFTE
		}
		for l := range sub.Staff {
			for band, st := range sub.Staff[l] {
				counts[b][l][band] += float64(st.Headcount)
				fte[b][l] += st.FTE
				a.headcount += st.Headcount
				a.fte += st.FTE
			}
		}
	}
	assumedPT, capped := 0, 0
	var missing []string
	for b := range forecast.Branch(forecast.NumBranches) {
		if employers[b] == 0 {
			missing = append(missing, b.Label())
		}
		for l := range forecast.Level(forecast.NumLevels) {
			c := &a.r.Cells[b][l]
			c.Headcount = forecast.SpreadBands(counts[b][l], a.r.Retirement())
			var hc float64
			for _, n := range counts[b][l] {
				hc += n
			}
			switch {
			case hc > 0 && fte[b][l] > hc:
				c.PartTimeFactor = 1
				capped++
			case hc > 0 && fte[b][l] > 0:
				c.PartTimeFactor = fte[b][l] / hc
			default:
				c.PartTimeFactor = base.Cells[b][l].PartTimeFactor
				if hc > 0 {
					assumedPT++
				}
			}
			c.OpenVacanciesFTE = vacancies[b][l]
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		s.Warnings = append(s.Warnings, fmt.Sprintf("geen werkgever uit de branche %s: die telt niet mee", missing[0]))
	default:
		s.Warnings = append(s.Warnings, fmt.Sprintf("geen werkgever uit de branches %s: die tellen niet mee", strings.Join(missing, ", ")))
	}
	if assumedPT > 0 {
		s.Assumed = append(s.Assumed, fmt.Sprintf("deeltijdfactor van %d branche/niveau-combinaties met personeel maar zonder FTE", assumedPT))
	}
	if capped > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("deeltijdfactor boven 1 (meer FTE dan medewerkers) op 1 gezet in %d branche/niveau-combinaties", capped))
	}
}

// outflow scales each branch's base other-outflow rates so that the
// model's outflow in the base year equals the reported leavers.
func (a *aggregation) outflow(base *forecast.Region, s *Summary) {
	r := a.r
	iP := r.PensionAge - forecast.MinAge
	var reported [forecast.NumBranches]float64
	for _, sub := range a.used {
		for l := range sub.Leavers {
			for reason, n := range sub.Leavers[l] {
				if Reason(reason).Outflow() && Reason(reason) != Pensioen {
					reported[sub.Employer.Branch] += float64(n)
				}
			}
		}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var expected float64
		for l := range forecast.Level(forecast.NumLevels) {
			q := &base.Cells[b][l].OtherOutflowRate
			for i := 0; i < iP; i++ {
				expected += r.Cells[b][l].Headcount[i] * q[i]
			}
		}
		if expected == 0 {
			if reported[b] > 0 {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %s vertrekkers gemeld maar geen personeel onder de pensioenleeftijd; uitstroomkans uit de basisregio", b.Label(), nl.Int(reported[b])))
			}
			continue
		}
		k := reported[b] / expected
		clipped := false
		for l := range forecast.Level(forecast.NumLevels) {
			c := &r.Cells[b][l]
			for i := range c.OtherOutflowRate {
				limit := 1.0
				if i+forecast.MinAge >= 60 {
					limit -= r.EarlyRetirementRate
				}
				q := base.Cells[b][l].OtherOutflowRate[i] * k
				if q > limit {
					q, clipped = limit, true
				}
				c.OtherOutflowRate[i] = q
			}
		}
		if clipped {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s: gemelde uitstroom vraagt een uitstroomkans boven 1 bij sommige leeftijden; afgekapt", b.Label()))
		}
	}
}

// inflow sets lateral entry, returners and where graduates go.
func (a *aggregation) inflow(s *Summary) {
	r := a.r
	var grads [forecast.NumBranches][forecast.NumLevels]float64
	for b := range forecast.Branch(forecast.NumBranches) {
		for l := range forecast.Level(forecast.NumLevels) {
			r.Cells[b][l].LateralEntry, r.Cells[b][l].Returners = 0, 0
		}
	}
	for _, sub := range a.used {
		b := sub.Employer.Branch
		for l, h := range sub.Hires {
			c := &r.Cells[b][l]
			c.LateralEntry += float64(h[ZijInstromer] + h[OverigeHerkomst])
			c.Returners += float64(h[Herintreder])
			grads[b][l] += float64(h[Schoolverlater])
		}
	}
	for l := range forecast.Level(forecast.NumLevels) {
		var total float64
		for b := range grads {
			total += grads[b][l]
		}
		if total == 0 {
			if hasProgramme(r, l) {
				s.Assumed = append(s.Assumed, fmt.Sprintf("verdeling van afgestudeerden %s over de branches (geen schoolverlaters gemeld)", l))
			}
			continue
		}
		for b := range grads {
			r.Cells[b][l].GraduateShare = grads[b][l] / total
		}
	}
}

// training makes every employer a trainer and sets the enrolment of each
// programme from the places its students fill.
func (a *aggregation) training(s *Summary) {
	r := a.r
	var filled [forecast.NumLevels][forecast.NumRoutes]float64
	for _, sub := range a.used {
		r.Trainers = append(r.Trainers, sub.Trainer())
		for l := range sub.Places {
			for rt, p := range sub.Places[l] {
				filled[l][rt] += float64(p.Filled)
			}
		}
	}
	for l := range forecast.Level(forecast.NumLevels) {
		for rt := range forecast.Route(forecast.NumRoutes) {
			p := &r.Programmes[l][rt]
			if p.DurationYears == 0 {
				continue
			}
			if p.PlaceUse <= 0 {
				s.Assumed = append(s.Assumed, fmt.Sprintf("studenten %s %s (de opleiding gebruikt geen plaatsen)", l, rt))
				continue
			}
			shape := forecast.SteadyStateEnrolment(1, p.Dropout)
			var per float64
			for _, n := range shape {
				per += n
			}
			students := filled[l][rt] / p.PlaceUse
			for k := range shape {
				shape[k] *= students / per
			}
			p.Enrolled = shape
		}
	}
}

func hasProgramme(r *forecast.Region, l forecast.Level) bool {
	for rt := range forecast.Route(forecast.NumRoutes) {
		if r.Programmes[l][rt].DurationYears > 0 {
			return true
		}
	}
	return false
}
