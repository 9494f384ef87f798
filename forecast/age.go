package forecast

import (
	"fmt"
	"math"
	"strings"
)

// The model tracks the workforce by single year of age from MinAge to
// MaxAge. Nobody works beyond MaxAge: whoever reaches MaxAge+1 retires.
const (
	MinAge  = 15
	MaxAge  = 74
	NumAges = MaxAge - MinAge + 1
)

// AgeVector holds one number per single year of age, index 0 = MinAge.
type AgeVector [NumAges]float64

// Sum returns the total over all ages.
func (v *AgeVector) Sum() float64 {
	var s0, s1 float64
	for a := 0; a < NumAges; a += 2 {
		s0 += v[a]
		s1 += v[a+1]
	}
	return s0 + s1
}

// Sum adds ages in pairs (two sums in flight are faster than one), which
// needs an even number of ages: this index is out of range, and the
// package does not compile, when NumAges is odd.
var _ = [1]struct{}{}[NumAges%2]

// AgeBand is an age class as employers report it (leeftijdsklasse).
type AgeBand uint8

// The age classes of the employer workbook.
const (
	AgeUnder25 AgeBand = iota
	Age25to34
	Age35to44
	Age45to54
	Age55to59
	Age60to64
	Age65Plus
	NumAgeBands = iota
)

var ageBandKeys = [NumAgeBands]string{"<25", "25-34", "35-44", "45-54", "55-59", "60-64", "65+"}

// ageBandSpans are the ages each band stands for. Nobody under 18 works in
// care in any number, so "<25" is spread over 18-24. "65+" runs to MaxAge:
// it holds those working past the pension age too (see SpreadBands).
var ageBandSpans = [NumAgeBands][2]int{{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 59}, {60, 64}, {65, MaxAge}}

// String returns the band as the workbook writes it ("25-34").
func (b AgeBand) String() string {
	if int(b) < NumAgeBands {
		return ageBandKeys[b]
	}
	return fmt.Sprintf("AgeBand(%d)", uint8(b))
}

// AgeBands returns all bands, youngest first.
func AgeBands() []AgeBand {
	bs := make([]AgeBand, NumAgeBands)
	for i := range bs {
		bs[i] = AgeBand(i)
	}
	return bs
}

// Span returns the first and last single year of age a band stands for:
// "<25" is 18-24, "65+" is 65 to MaxAge.
func (b AgeBand) Span() (lo, hi int) {
	return ageBandSpans[b][0], ageBandSpans[b][1]
}

// BandOf returns the band an age falls in. Ages under 25 are in AgeUnder25,
// ages of 65 and over in Age65Plus.
func BandOf(age int) AgeBand {
	for b := range Age65Plus {
		if age <= ageBandSpans[b][1] {
			return b
		}
	}
	return Age65Plus
}

// ParseAgeBand accepts the band spellings of the workbook ("<25", "25-34",
// "25 - 34", "65+", "65 en ouder", "jonger dan 25").
func ParseAgeBand(s string) (AgeBand, error) {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "")
	k = strings.ReplaceAll(k, "–", "-")
	for i := range NumAgeBands {
		if k == ageBandKeys[i] {
			return AgeBand(i), nil
		}
	}
	switch k {
	case "jongerdan25", "tot25", "15-24", "18-24", "<=24":
		return AgeUnder25, nil
	case "65enouder", "65-74", "vanaf65", ">=65", ">65":
		return Age65Plus, nil
	}
	return 0, fmt.Errorf("unknown age band %q, want one of %s", s, strings.Join(ageBandKeys[:], ", "))
}

// Retirement is what SpreadBands needs to know about how the model
// retires workers: the pension age, the share of those reaching it who
// keep working, and the yearly rate at which they then stop (the fields of
// Region with the same names).
type Retirement struct {
	PensionAge         int
	StayPastPension    float64
	PastPensionOutflow float64
}

// Retirement returns the region's retirement rules.
func (r *Region) Retirement() Retirement {
	return Retirement{PensionAge: r.PensionAge, StayPastPension: r.StayPastPension, PastPensionOutflow: r.PastPensionOutflow}
}

// spreadEdges are the exact ages at which the bands below "65+" begin, and
// where "60-64" ends.
var spreadEdges = [NumAgeBands]int{18, 25, 35, 45, 55, 60, 65}

// SpreadBands turns counts per age band into counts per single year of age,
// so that the age structure has no steps where bands meet and the model's
// first years of retirement follow from it.
//
// Below the pension age P it is demography's "monotone spline" graduation
// (as DemoTools' graduate_mono): the cumulative count C(x) of people
// younger than exact age x is known at the band edges 18, 25, 35, 45, 55,
// 60, 65 and P; between the edges C is a cubic whose slope at each edge is
// that of the parabola through the edge and its neighbours (one-sided at
// 18), limited to between 0 and 3 times the density of the bands on either
// side so that C never falls (Fritsch and Carlson 1980; Hyman 1983); at P
// the density levels off (C” = 0, a "natural" end) instead of carrying
// the fall of the bands before it on into the pension age. The count at
// age a is C(a+1) - C(a). So the density, the slope of C, is continuous at
// every edge; each band keeps its count exactly; nobody is put below 18 or
// in an empty band; and a profile that is flat in age stays flat. "<25" is
// spread over 18-24 (nobody under 18 works in care in any number).
//
// From the pension age on, "65+" holds those who kept working, as the
// model's own rules keep them:
//
//	N[P+k] = stay * N[P-1] * (1 - r)^k    for P+k <= MaxAge
//
// (stay and r as in Retirement); they are taken out of the band's count
// before the part below P is spread, the two solved together. So the base
// year already has the people past the pension age that the years after it
// have, and its retirements do not step. With a pension age of 65 or below
// the whole band is spread this way from 65.
func SpreadBands(counts [NumAgeBands]float64, ret Retirement) AgeVector {
	var v AgeVector
	p := min(ret.PensionAge, MaxAge+1) // a region validates it; this keeps v's indexes in range
	top := max(counts[Age65Plus], 0)
	// past[k] is N[P+k] per N[P-1] and stay (with P <= 65: the shape of
	// the whole band from 65).
	from := max(p, spreadEdges[Age65Plus])
	var past [NumAges]float64
	var pastSum float64
	for a, w := from, 1.0; a <= MaxAge; a++ {
		past[a-from] = w
		pastSum += w
		w *= 1 - ret.PastPensionOutflow
	}
	if p <= spreadEdges[Age65Plus] {
		graduateInto(&v, spreadEdges[:], counts[:Age65Plus])
		for a := from; a <= MaxAge; a++ { // pastSum >= 1: from is at most MaxAge
			v[a-MinAge] = top * past[a-from] / pastSum
		}
		return v
	}
	var edges [NumAgeBands + 1]int
	copy(edges[:], spreadEdges[:])
	edges[NumAgeBands] = p
	totals := counts
	// The tail solves tail = stay * pastSum * N[P-1](top - tail). N[P-1]
	// grows with the band's count below P, so the right side falls as the
	// tail grows and bisection finds the one solution in [0, top].
	tailOf := func(tail float64) float64 {
		totals[Age65Plus] = top - tail
		graduateInto(&v, edges[:], totals[:])
		return ret.StayPastPension * pastSum * v[p-1-MinAge]
	}
	// 40 halvings narrow [0, top] to top / 2^40, within 1e-12 of top.
	lo, hi := 0.0, top
	for range 40 {
		if mid := (lo + hi) / 2; tailOf(mid) > mid {
			lo = mid
		} else {
			hi = mid
		}
	}
	tailOf(lo)
	n := v[p-1-MinAge]
	for a := p; a <= MaxAge; a++ {
		v[a-MinAge] = ret.StayPastPension * n * past[a-p]
	}
	return v
}

// SmoothRates turns a rate per age band into a rate per single year of
// age that has no steps where bands meet: the same monotone-spline
// graduation as SpreadBands, of the rate summed over each band's years
// (18-24, ..., 60-64, and 65 up to the year before the pension age), so
// that each band's rates average to the band's rate. Ages under 18 take
// the rate at 18, ages from the end of the top band the top band's rate.
func SmoothRates(rates [NumAgeBands]float64, pensionAge int) AgeVector {
	var edges [NumAgeBands + 1]int
	copy(edges[:], spreadEdges[:])
	p := min(max(pensionAge, spreadEdges[Age65Plus]+1), MaxAge+1) // the top band at least 65, at most 65-74
	edges[NumAgeBands] = p
	var totals [NumAgeBands]float64
	for b := range totals {
		totals[b] = rates[b] * float64(edges[b+1]-edges[b])
	}
	var v AgeVector
	graduateInto(&v, edges[:], totals[:])
	for a := range edges[0] - MinAge { // the ages below the first band take its first rate
		v[a] = v[edges[0]-MinAge]
	}
	for a := p; a <= MaxAge; a++ {
		v[a-MinAge] = rates[Age65Plus]
	}
	return v
}

// graduateInto spreads totals[i], the sum over the ages from edges[i] to
// edges[i+1]-1, over those single years of age in v: a monotone cubic
// Hermite interpolation of the cumulative sum at the edges (see
// SpreadBands), differenced at whole ages. Totals must not be negative.
func graduateInto(v *AgeVector, edges []int, totals []float64) {
	n := len(totals)
	var h, delta [NumAgeBands]float64 // band widths and densities (total per year of age)
	for i := range n {
		h[i] = float64(edges[i+1] - edges[i])
		delta[i] = max(totals[i], 0) / h[i]
	}
	// Slopes of the cumulative sum at the edges: the derivative of the
	// parabola through the edge and its two neighbours, one-sided at the
	// first edge.
	var m [NumAgeBands + 1]float64
	m[0], m[n] = delta[0], delta[n-1]
	if n > 1 {
		m[0] = ((2*h[0]+h[1])*delta[0] - h[0]*delta[1]) / (h[0] + h[1])
	}
	for i := 1; i < n; i++ {
		m[i] = (h[i]*delta[i-1] + h[i-1]*delta[i]) / (h[i-1] + h[i])
	}
	// Hyman's filter: 0 <= slope <= 3 x the density on either side keeps
	// the cumulative sum from falling, so no count is negative.
	for i := range n + 1 {
		limit := math.Inf(1)
		if i > 0 {
			limit = 3 * delta[i-1]
		}
		if i < n {
			limit = min(limit, 3*delta[i])
		}
		m[i] = min(max(m[i], 0), limit)
	}
	// The natural end: C'' = 0 at the last edge. (3d - m)/2 lies in
	// [0, 1.5d] for m in [0, 3d], so the filter still holds.
	m[n] = (3*delta[n-1] - m[n-1]) / 2 // for one band, (3d - d)/2 = d
	for i := range n {
		total := max(totals[i], 0)
		// rise(t) is C(edges[i] + t*h) - C(edges[i]), t in [0, 1]: the
		// cubic Hermite form, written so that an empty band gives exact
		// zeros and rise(1) is the band's total exactly.
		rise := func(t float64) float64 {
			t2, t3 := t*t, t*t*t
			return (3*t2-2*t3)*total + h[i]*((t3-2*t2+t)*m[i]+(t3-t2)*m[i+1])
		}
		prev := 0.0
		for a := edges[i]; a < edges[i+1]; a++ {
			next := rise(float64(a+1-edges[i]) / h[i])
			v[a-MinAge] = max(next-prev, 0)
			prev = next
		}
	}
}

// BandRates expands a rate per age band to a rate per single year of age,
// constant within each band (steps where bands meet; SmoothRates has none).
// Ages under 18 take the youngest band's rate, ages from 65 the top band's.
func BandRates(rates [NumAgeBands]float64) AgeVector {
	var v AgeVector
	for a := MinAge; a <= MaxAge; a++ {
		v[a-MinAge] = rates[BandOf(a)]
	}
	return v
}
