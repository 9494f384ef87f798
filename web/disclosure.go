package web

import "raat/ingest"

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
// region on the employer's page, and the employer's quote chart; the
// region's forecast charts are not shown to employers at all.
const (
	minContributors = 3
	dominanceShare  = 0.10
)

// regionDisclosable reports whether the region totals of qs may be shown
// to the employer whose quote is qs[own] (own < 0: an employer that has
// not delivered, for whom every contributor is another).
func regionDisclosable(qs []ingest.Quote, own int) bool {
	if len(qs) < minContributors {
		return false
	}
	measures := []func(ingest.Quote) float64{
		func(q ingest.Quote) float64 { return q.CareFTE },
		func(q ingest.Quote) float64 { return q.TrainingFTE },
	}
	for _, m := range measures {
		var sum, largest float64
		for i, q := range qs {
			if i == own {
				continue
			}
			v := m(q)
			sum += v
			largest = max(largest, v)
		}
		if sum-largest < dominanceShare*largest {
			return false
		}
	}
	return true
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
