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

// ownQuote finds an employer's quote among the region's: the region has
// one trainer per used submission, in the order of the summary's Used
// (ingest.Aggregate), so the KvK number finds it whatever the workbook
// called the organisation. It returns -1 when the employer has none.
func ownQuote(m *model, qs []ingest.Quote, kvk string) int {
	if m.summary == nil || len(m.summary.Used) != len(qs) {
		return -1
	}
	for i, sub := range m.summary.Used {
		if sub.Employer.KvK == kvk {
			return i
		}
	}
	return -1
}
