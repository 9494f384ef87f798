// Package synthetic makes employer submissions out of a region: the
// figures that fictional employers would report if together they were the
// region. data/employers/generate.go writes the demo's sample workbooks
// with it; the calibration tests draw samples from regions whose rates
// they know and calibrate them back.
//
// What adds up, and how rounding is handled: every regional quantity of a
// branch and level is first rounded to whole people or places (FTE and
// vacancies to tenths of an FTE) by the largest-remainder method, so that
// the age bands of a cell add up to the cell's headcount exactly; each
// rounded total is then split over the employers of the branch, again by
// largest remainder, in proportion to their weights. The quantities:
//
//   - headcount per branch, level and age band (the region's single years
//     of age summed over each band's span, "65+" including those past the
//     pension age);
//   - FTE (headcount x part-time factor) and open vacancies, in tenths,
//     about half of them hard to fill;
//   - training places offered, per branch, level and route; filled places
//     are the base year's enrolment x place use, spread over the employers
//     in proportion to the places they offer;
//   - leavers and hires: the flows of the model's base year (forecast.Run),
//     retirement as pensioen, other outflow split 50/38/12 over andere
//     sector, buiten arbeidsmarkt and onbekend, mobility as andere
//     zorgwerkgever; graduates hired as schoolverlaters, lateral entry
//     85/15 over zij-instromer and overig, returners as herintreders.
//
// With Options.Draw the leavers and hires are drawn instead: each
// employer's count of each reason and origin is Poisson with its share of
// the region's flow as the mean, as a year's flows scatter around their
// rates.
package synthetic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"raat/forecast"
	"raat/ingest"
)

// Employer is a fictional employer: its share of its branch's staff at
// each level is its Weight over the sum of the weights of the branch's
// employers at that level.
type Employer struct {
	Name   string
	KvK    string // 8 digits
	Branch forecast.Branch
	Weight [forecast.NumLevels]float64
}

// Options are the choices of Submissions.
type Options struct {
	// Draw, when not nil, draws leavers and hires as Poisson counts (see
	// the package doc) from this source; nil splits the rounded flows.
	Draw rand.Source
}

// Submissions returns one submission per employer, in the order given, at
// a peildatum of 31 December of the region's base year. Every branch with
// staff needs an employer.
func Submissions(r *forecast.Region, emps []Employer, opt Options) ([]*ingest.Submission, error) {
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		return nil, err
	}
	subs := make([]*ingest.Submission, len(emps))
	for i, e := range emps {
		subs[i] = &ingest.Submission{Employer: ingest.Employer{
			Name: e.Name, KvK: e.KvK, Region: r.Name, Branch: e.Branch,
			Peildatum: time.Date(r.BaseYear, 12, 31, 0, 0, 0, 0, time.UTC),
		}}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var idx []int // the employers of the branch
		for i, e := range emps {
			if e.Branch == b {
				idx = append(idx, i)
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			if len(idx) == 0 {
				if r.Cells[b][l].Headcount.Sum() > 0 {
					return nil, fmt.Errorf("no employer for branch %s, which has staff", b)
				}
				continue
			}
			w := make([]float64, len(idx))
			for j, i := range idx {
				w[j] = emps[i].Weight[l]
			}
			s := splitter{idx: idx, w: w, subs: subs}
			if opt.Draw != nil {
				s.draw = rand.New(opt.Draw)
			}
			if err := s.cell(r, res.Row(r.BaseYear, b, l), b, l); err != nil {
				return nil, err
			}
		}
	}
	if err := places(r, emps, subs); err != nil {
		return nil, err
	}
	return subs, nil
}

// splitter splits one branch and level over the branch's employers idx
// (indexes into subs) in proportion to w.
type splitter struct {
	idx  []int
	w    []float64
	subs []*ingest.Submission
	draw *rand.Rand
}

// cell splits one branch and level: staff by age band, FTE, vacancies,
// leavers and hires.
func (s *splitter) cell(r *forecast.Region, first *forecast.Row, b forecast.Branch, l forecast.Level) error {
	c := &r.Cells[b][l]
	// Headcount per band, rounded so that the bands add up to the cell.
	var bands [forecast.NumAgeBands]float64
	for band := range forecast.AgeBand(forecast.NumAgeBands) {
		lo, hi := band.Span()
		for a := lo; a <= hi; a++ {
			bands[band] += c.Headcount[a-forecast.MinAge]
		}
	}
	bandCounts := LargestRemainder(int(math.Round(c.Headcount.Sum())), bands[:])
	type row struct{ emp, band, count int }
	var rows []row
	for band, n := range bandCounts {
		for j, k := range LargestRemainder(n, s.w) {
			rows = append(rows, row{s.idx[j], band, k})
		}
	}
	// FTE in tenths, in proportion to each row's headcount.
	counts := make([]float64, len(rows))
	for i, rw := range rows {
		counts[i] = float64(rw.count)
	}
	tenths := LargestRemainder(int(math.Round(c.Headcount.Sum()*c.PartTimeFactor*10)), counts)
	for i, rw := range rows {
		st := &s.subs[rw.emp].Staff[l][rw.band]
		st.Headcount = rw.count
		st.FTE = float64(tenths[i]) / 10
		if st.FTE > 1.2*float64(st.Headcount) {
			return fmt.Errorf("%s %s: FTE %.1f for %d people", b, l, st.FTE, st.Headcount)
		}
	}
	// Vacancies in tenths; about half hard to fill (WGV Zorg en Welzijn).
	for j, t := range LargestRemainder(int(math.Round(c.OpenVacanciesFTE*10)), s.w) {
		s.subs[s.idx[j]].Vacancies[l] = ingest.Vacancies{OpenFTE: float64(t) / 10, HardToFillFTE: float64(t/2) / 10}
	}
	// Leavers and hires of the base year.
	leavers := [ingest.NumReasons]float64{
		ingest.Pensioen:           first.OutflowRetirement,
		ingest.AndereSector:       0.50 * first.OutflowOther,
		ingest.BuitenArbeidsmarkt: 0.38 * first.OutflowOther,
		ingest.OnbekendeReden:     0.12 * first.OutflowOther,
		ingest.NaarZorgwerkgever:  first.MobilityOut,
	}
	hires := [ingest.NumOrigins]float64{
		ingest.Schoolverlater:   first.InflowGraduates,
		ingest.ZijInstromer:     0.85 * first.InflowLateral,
		ingest.OverigeHerkomst:  0.15 * first.InflowLateral,
		ingest.Herintreder:      first.InflowReturners,
		ingest.VanZorgwerkgever: first.MobilityIn,
	}
	if s.draw == nil {
		// Round the regional flows first, the other outflow and lateral
		// entry as a whole before their split, so that they add up.
		other := LargestRemainder(int(math.Round(first.OutflowOther)), []float64{0.50, 0.38, 0.12})
		leavers[ingest.AndereSector], leavers[ingest.BuitenArbeidsmarkt], leavers[ingest.OnbekendeReden] = float64(other[0]), float64(other[1]), float64(other[2])
		lateral := LargestRemainder(int(math.Round(first.InflowLateral)), []float64{0.85, 0.15})
		hires[ingest.ZijInstromer], hires[ingest.OverigeHerkomst] = float64(lateral[0]), float64(lateral[1])
	}
	for reason, n := range leavers {
		for j, k := range s.split(n) {
			s.subs[s.idx[j]].Leavers[l][reason] = k
		}
	}
	for origin, n := range hires {
		for j, k := range s.split(n) {
			s.subs[s.idx[j]].Hires[l][origin] = k
		}
	}
	return nil
}

// split divides a flow over the employers: its rounded total by largest
// remainder, or with a random source a Poisson count per employer.
func (s *splitter) split(flow float64) []int {
	if s.draw == nil {
		return LargestRemainder(int(math.Round(flow)), s.w)
	}
	var sum float64
	for _, w := range s.w {
		sum += w
	}
	parts := make([]int, len(s.w))
	for j, w := range s.w {
		if mean := flow * w / sum; mean > 0 {
			parts[j] = int(distuv.Poisson{Lambda: mean, Src: s.draw}.Rand())
		}
	}
	return parts
}

// places splits each branch's training places over its employers, and
// fills them with the base year's students.
func places(r *forecast.Region, emps []Employer, subs []*ingest.Submission) error {
	for _, t := range r.Trainers {
		var idx []int
		for i, e := range emps {
			if e.Branch == t.Branch {
				idx = append(idx, i)
			}
		}
		w := make([]float64, len(idx))
		for l := range forecast.Level(forecast.NumLevels) {
			for j, i := range idx {
				w[j] = emps[i].Weight[l]
			}
			for rt := range forecast.Route(forecast.NumRoutes) {
				for j, k := range LargestRemainder(int(math.Round(t.Places[l][rt])), w) {
					subs[idx[j]].Places[l][rt].Offered += k
				}
			}
		}
	}
	all := r.Places()
	for l := range forecast.Level(forecast.NumLevels) {
		for rt := range forecast.Route(forecast.NumRoutes) {
			p := &r.Programmes[l][rt]
			if p.DurationYears == 0 || all[l][rt] == 0 {
				continue
			}
			var students float64
			for _, n := range p.Enrolled {
				students += n
			}
			offered := make([]float64, len(subs))
			for i, s := range subs {
				offered[i] = float64(s.Places[l][rt].Offered)
			}
			for i, k := range LargestRemainder(int(math.Round(students*p.PlaceUse)), offered) {
				pl := &subs[i].Places[l][rt]
				pl.Filled = k
				if pl.Filled > pl.Offered {
					return fmt.Errorf("%s %s %s: %d filled of %d offered", subs[i].Employer.Name, l, rt, pl.Filled, pl.Offered)
				}
			}
		}
	}
	return nil
}

// LargestRemainder splits total into whole parts in proportion to
// weights: each part gets the floor of its share, and the units left go
// to the largest remainders (the first of equals), so the parts add up to
// total exactly.
func LargestRemainder(total int, weights []float64) []int {
	parts := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || total <= 0 {
		return parts
	}
	rest := make([]float64, len(weights))
	left := total
	for i, w := range weights {
		x := float64(total) * w / sum
		parts[i] = int(math.Floor(x))
		rest[i] = x - float64(parts[i])
		left -= parts[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		parts[best]++
		rest[best] = -1
	}
	return parts
}
