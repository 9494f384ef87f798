package web

import (
	"raat/ingest"
	"raat/monitor"
)

// What an employer may see of the region.
//
// An employer sees its own figures, and region totals only when they
// cannot be traced back to one other employer. Knowing its own figures,
// an employer who is shown a region total knows what the others add up
// to; with one other employer that is the other's figure exactly, and
// with one large and a few small ones it is the large one's nearly. So a
// region total is shown to an employer only when
//
//   - at least minContributors employers (the viewer included) contribute
//     to it, so that the others are at least two; and
//   - for each quantity behind the figures shown (care FTE and training
//     FTE), what the other employers add besides the largest of them is
//     at least dominanceShare of that largest one, so that the largest
//     cannot be estimated to within that share (the p%-rule statistical
//     offices apply to business statistics, with p = 10%).
//
// The rule guards the region's quote and the employer's shares of the
// region on the employer's page, the employer's quote chart, and the
// region's figures beside the employer's own on the monitor page and its
// charts (historyDisclosable), year by year; the region's forecast charts
// are not shown to employers at all.
const (
	minContributors = 3
	dominanceShare  = 0.10
)

// regionDisclosable reports whether the region totals of qs may be shown
// to the employer whose quote is qs[own] (own < 0: an employer that has
// not delivered, for whom every contributor is another).
func regionDisclosable(qs []ingest.Quote, own int) bool {
	care, training := make([]float64, len(qs)), make([]float64, len(qs))
	for i, q := range qs {
		care[i], training[i] = q.CareFTE, q.TrainingFTE
	}
	return disclosable(len(qs), own, care, training)
}

// disclosable applies the rule to the n contributors of a total, own
// being the viewer's index among them (-1: not among them): measures[m][i]
// is contributor i's value of one quantity behind the figures shown.
func disclosable(n, own int, measures ...[]float64) bool {
	if n < minContributors {
		return false
	}
	for _, m := range measures {
		var sum, largest float64
		for i, v := range m {
			if i == own {
				continue
			}
			sum += v
			largest = max(largest, v)
		}
		if sum-largest < dominanceShare*largest {
			return false
		}
	}
	return true
}

// historyDisclosable reports whether the region's figures of year k of
// the history may be shown to the employer with the KvK number: the
// employers counted that year (delivered or estimated: an estimate comes
// from an employer's own figures) are the contributors, and every
// quantity the monitor page shows of the region is held to the rule.
func historyDisclosable(h *monitor.History, k int, kvk string) bool {
	own := -1
	var values [][]float64
	for _, l := range h.Employers {
		if !l.Status[k].Counted() {
			continue
		}
		if l.KvK == kvk {
			own = len(values)
		}
		f := l.Figures[k]
		v := []float64{f.Headcount, f.FTE, f.SectorLeavers(), f.SectorHires(), f.Places(), f.PlacesFilled(), f.TrainingFTE, f.Vacancies}
		for r := range f.Leavers {
			v = append(v, f.Leavers[r])
		}
		for o := range f.Hires {
			v = append(v, f.Hires[o])
		}
		for rt := range f.Offered {
			v = append(v, f.Offered[rt])
		}
		values = append(values, v)
	}
	if len(values) == 0 {
		return false
	}
	measures := make([][]float64, len(values[0]))
	for m := range measures {
		measures[m] = make([]float64, len(values))
		for i := range values {
			measures[m][i] = values[i][m]
		}
	}
	return disclosable(len(values), own, measures...)
}

// employerQuotes returns the quotes of the employers who delivered, with
// their total, and the index of the employer with the given KvK number
// among them (-1 when it has not delivered). The region also holds an
// estimated trainer per branch for the staff of employers who did not
// deliver (ingest.Aggregate weights partial delivery up); those are not
// contributors, so they count neither in the total nor in the rule above.
// An employer's trainer carries the name of its submission, which is the
// account's (the upload refuses a workbook with another name), so the
// KvK number finds it whatever the order of the trainers.
func employerQuotes(m *model, kvk string) (qs []ingest.Quote, total ingest.Quote, own int) {
	own = -1
	if m.summary == nil {
		return nil, total, own
	}
	delivered := map[string]bool{}
	var ownName string
	for _, sub := range m.summary.Used {
		delivered[sub.Employer.Name] = true
		if sub.Employer.KvK == kvk {
			ownName = sub.Employer.Name
		}
	}
	r := *m.region
	r.Trainers = nil
	for _, t := range m.region.Trainers {
		if delivered[t.Name] {
			r.Trainers = append(r.Trainers, t)
		}
	}
	qs, total = ingest.Quotes(&r)
	for i, q := range qs {
		if ownName != "" && q.Trainer == ownName {
			own = i
		}
	}
	return qs, total, own
}
