package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"raat/forecast"
)

// Summary says how a region was built from employer workbooks: which
// submissions it used, which re-uploads replaced earlier ones, how much of
// the region they cover, which of the model's inputs came from the base
// region's assumptions, and what a reader should know. Texts are Dutch:
// they are shown to the region's analysts as they are.
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
	// region's.
	Headcount     int     `json:"headcount"`
	FTE           float64 `json:"fte"`
	BaseHeadcount float64 `json:"base_headcount"`
	// Coverage is the share of the region's staff the employers hold, per
	// branch and level, and the weights that stand them for the region.
	Coverage Coverage `json:"coverage"`
	// Calibration holds every estimate beside its assumption (raat
	// calibrate prints it and writes it as a region file).
	Calibration *Calibration `json:"-"`
	// Assumed lists the inputs taken from the base region.
	Assumed []string `json:"assumed"`
	// Warnings are things a reader of the forecast should know.
	Warnings []string `json:"warnings"`
}

// CoverageText says in Dutch how much of the region the employers'
// figures cover, per branch, and which branches come from the
// assumptions: the line every surface that uses employer data shows.
func (s *Summary) CoverageText() string { return s.Coverage.Text() }

// Replacement is a submission that was not used because another took its
// place.
type Replacement struct {
	KvK       string    `json:"kvk"`
	Peildatum time.Time `json:"peildatum"`
	File      string    `json:"file"`
	By        string    `json:"by"`
	// Why is "herupload" (same KvK and peildatum, uploaded earlier),
	// "oudere peildatum" (history) or "fusie" (the organisation merged
	// into the one By names, whose figures now hold it).
	Why string `json:"why"`
}

// ErrNoSubmissions is returned when there is nothing to build a region
// from.
var ErrNoSubmissions = errors.New("no accepted employer workbooks")

// Aggregate builds a region from employer submissions on top of a base
// region, whose assumptions fill what employers do not report. However
// many employers deliver, the result stands for the whole region: each
// branch's delivered figures are weighted up to the base region's staff
// of the branch (and of each level where enough people are reported; see
// Calibration.weigh and the rules at MinEvents), and a branch or level
// that no employer reports keeps the base region's cells. Per branch b
// and level l with employers, w the level's weight:
//
//	headcount[b][l][age]   = SpreadBands(w * sum of Aantal medewerkers per band)
//	part-time factor[b][l] = sum of FTE / sum of headcount      (base with fewer than MinStaff people)
//	other outflow[b][l][a] = base rate[b][l][a] * k[b][l],  k = reported leavers / the base rates' leavers of the same staff
//	early retirement       = (pensioen - retirements at and past the pension age) / staff aged 60 to the pension age
//	lateral entry[b][l]    = w * (zij-instromers + overig);  returners[b][l] = w * herintreders
//	mobility rate[b]       = andere zorgwerkgever (leavers) / staff staying in the sector
//	graduate share[b][l]   = w * schoolverlaters[b][l] / sum over the delivering branches, of what the others leave
//	open vacancies[b][l]   = w * sum of Openstaande vacatures (FTE)
//	trainers               = one per employer, its own places and FTE; one more per branch for its employers that did not deliver
//	enrolment[l][r]        = w * bezette plaatsen / place use, spread over the study years as in steady state
//
// where a rate with fewer than MinEvents reported events takes the
// branch's, and a branch's with fewer the base region's. Leavers counted as
// other outflow are those to another sector, out of the labour market and
// for unknown reasons; pensioen is retirement; andere zorgwerkgever is
// mobility within the sector. So the model's first-year other outflow and
// retirements are what the employers reported, weighted.
//
// Submissions are deduplicated first: per KvK number only the latest
// peildatum is used (earlier ones are history), and of submissions with
// the same KvK number and peildatum the one uploaded last (Uploaded; then
// file name, then digest, so that the choice never depends on order)
// replaces the others. An organisation that a used submission names as
// merged into it (Submission.Merged), at the same or an earlier
// peildatum, is left out: its staff are in the other's figures. Submissions are then added in KvK order, so the
// result does not depend on the order of files or rows.
func Aggregate(base *forecast.Region, subs []*Submission) (*forecast.Region, *Summary, error) {
	s := &Summary{Region: base.Name, Assumed: []string{}, Warnings: []string{}, Replaced: []Replacement{}}
	used := s.choose(subs, base.Name)
	if len(used) == 0 {
		return nil, s, ErrNoSubmissions
	}
	s.Used = used
	c := calibrate(base, used, s.baseYear(used))
	s.Calibration, s.Coverage = c, c.Coverage
	s.BaseHeadcount = c.Coverage.Region
	for _, sub := range used {
		s.Headcount += sub.Headcount()
		s.FTE += sub.CareFTE()
	}
	r := c.apply(s)
	s.Warnings = append(s.Warnings, c.Warnings...)
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
		if Newer(sub, cur) {
			keep, drop = sub, cur
		}
		byKvK[k] = keep
		why := "herupload"
		if !keep.Employer.Peildatum.Equal(drop.Employer.Peildatum) {
			why = "oudere peildatum"
		}
		s.Replaced = append(s.Replaced, Replacement{KvK: k, Peildatum: drop.Employer.Peildatum, File: drop.File, By: keep.File, Why: why})
	}
	// An organisation that merged into another counts in the other's
	// figures from the peildatum of the merger on: its own last submission
	// no longer counts, or its staff would count twice. The workbook that
	// names the merger is the first after it, not necessarily the one
	// used: every submission of the region is looked at.
	into := map[string]*Submission{}
	for _, sub := range subs {
		if sub == nil || fold(sub.Employer.Region) != fold(region) {
			continue
		}
		for _, k := range sub.Merged {
			old, ok := byKvK[k]
			switch {
			case !ok || k == sub.Employer.KvK:
			case old.Employer.Peildatum.After(sub.Employer.Peildatum):
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s (%s) meldt een fusie met KvK %s, maar die levert nog in met een latere peildatum (%s, %s); beide tellen mee",
					sub.File, sub.Employer.Name, k, old.File, old.Employer.Peildatum.Format("02-01-2006")))
			default:
				into[k] = byKvK[sub.Employer.KvK]
			}
		}
	}
	for k, sub := range into {
		old := byKvK[k]
		delete(byKvK, k)
		s.Replaced = append(s.Replaced, Replacement{KvK: k, Peildatum: old.Employer.Peildatum, File: old.File, By: sub.File, Why: "fusie"})
	}
	// A chain of replacements names the final keeper, whatever the order.
	for i := range s.Replaced {
		k := s.Replaced[i].KvK
		if sub, ok := into[k]; ok {
			s.Replaced[i].By = sub.File
			continue
		}
		s.Replaced[i].By = byKvK[k].File
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

// Newer reports whether a replaces b: a later peildatum, or the same
// peildatum uploaded later. Equal times fall back to the file name and
// the digest, so that the outcome is the same in any order.
func Newer(a, b *Submission) bool {
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

// apply builds the weighted region from the base region and the
// estimates, and lists in s what stays assumed.
func (c *Calibration) apply(s *Summary) *forecast.Region {
	r := cloneRegion(c.Base)
	r.BaseYear = c.BaseYear
	r.EarlyRetirementRate = c.earlyRetire
	clipped := map[forecast.Branch]bool{}
	for b := range forecast.Branch(forecast.NumBranches) {
		for l := range forecast.Level(forecast.NumLevels) {
			x := &r.Cells[b][l]
			x.GraduateShare, x.MobilityAttraction = c.graduateShare[b][l], c.attraction[b][l]
			if !c.delivered(b, l) {
				continue
			}
			x.Headcount = c.headcount[b][l]
			x.PartTimeFactor = c.partTime[b][l]
			x.OpenVacanciesFTE = c.cells[b][l].vacancies * c.weight(b, l)
			n := x.Headcount.Sum()
			x.LateralEntry, x.Returners = c.lateral[b][l]*n, c.returners[b][l]*n
			x.MobilityRate = c.mobility[b]
			for a := range x.OtherOutflowRate {
				limit := 1.0
				if a+forecast.MinAge >= 60 {
					limit -= r.EarlyRetirementRate
				}
				q := c.Base.Cells[b][l].OtherOutflowRate[a] * c.outflowScale[b][l]
				if q > limit {
					q, clipped[b] = limit, true
				}
				x.OtherOutflowRate[a] = q
			}
		}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		if clipped[b] {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s: gemelde uitstroom vraagt een uitstroomkans boven 1 bij sommige leeftijden; afgekapt", b.Label()))
		}
	}
	r.Trainers = c.trainers
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			if c.enrolled[l][rt] != nil {
				r.Programmes[l][rt].Enrolled = c.enrolled[l][rt]
			}
		}
	}
	s.Assumed = append(s.Assumed,
		"groei van de vraag per branche",
		"opleidingen: duur, uitval per studiejaar, kandidaten, sectorrendement, instroomleeftijd en plaatsgebruik",
		"leeftijdspatroon van de uitstroom (het niveau per branche en niveau komt uit de gemelde uitstroom)",
		"pensioenleeftijd, doorwerken na de AOW-leeftijd en verzuim",
		"leeftijd van zij-instromers en herintreders, onzekerheidsmarges en kosten",
	)
	for q := range Quantity(NumQuantities) {
		var kept []string
		for _, e := range c.Estimates {
			switch {
			case e.Quantity != q || e.Level != forecast.AllLevels || e.Used:
			case e.Branch == forecast.AllBranches:
				kept = append(kept, e.Why)
			case e.Employers > 0:
				kept = append(kept, e.Branch.Label()+": "+e.Why)
			}
		}
		if len(kept) > 0 {
			s.Assumed = append(s.Assumed, fmt.Sprintf("%s (%s)", q.Label(), strings.Join(kept, "; ")))
		}
	}
	for _, q := range []Quantity{GraduateHires, MobilityIn} {
		var kept []string
		for l := range forecast.Level(forecast.NumLevels) {
			if !c.usedAt(q, l) && slices.ContainsFunc(c.Estimates, func(e Estimate) bool { return e.Quantity == q && e.Level == l }) && (q != GraduateHires || hasProgramme(r, l)) {
				kept = append(kept, l.String())
			}
		}
		if len(kept) > 0 {
			s.Assumed = append(s.Assumed, fmt.Sprintf("%s op %s (minder dan %d gemeld)", q.Label(), strings.Join(kept, ", "), MinEvents))
		}
	}
	var missing []string
	for b := range forecast.Branch(forecast.NumBranches) {
		if c.Coverage.Branches[b].Employers == 0 {
			missing = append(missing, b.Label())
		}
	}
	if len(missing) > 0 {
		s.Assumed = append(s.Assumed, fmt.Sprintf("alles van %s (geen werkgever geleverd)", strings.Join(missing, ", ")))
	}
	return r
}

func hasProgramme(r *forecast.Region, l forecast.Level) bool {
	for rt := range forecast.Route(forecast.NumRoutes) {
		if r.Programmes[l][rt].DurationYears > 0 {
			return true
		}
	}
	return false
}
