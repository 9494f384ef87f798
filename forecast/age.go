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
	for a := 0; a+1 < NumAges; a += 2 {
		s0 += v[a]
		s1 += v[a+1]
	}
	if NumAges%2 == 1 {
		s0 += v[NumAges-1]
	}
	return s0 + s1
}

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
// care in any number, so "<25" is spread over 18-24. "65+" is spread over
// 65 up to the year before the pension age (see Span).
var ageBandSpans = [NumAgeBands][2]int{{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 59}, {60, 64}, {65, 66}}

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

// Span returns the first and last single year of age a band stands for.
// The open top band runs from 65 to the year before pensionAge, since
// those who reach it retire; with a pension age of 65 or less it is 65 only.
func (b AgeBand) Span(pensionAge int) (lo, hi int) {
	lo, hi = ageBandSpans[b][0], ageBandSpans[b][1]
	if b == Age65Plus {
		hi = max(lo, min(pensionAge-1, MaxAge))
	}
	return lo, hi
}

// BandOf returns the band an age falls in. Ages under 25 are in AgeUnder25,
// ages of 65 and over in Age65Plus.
func BandOf(age int) AgeBand {
	for b := AgeBand(0); b < Age65Plus; b++ {
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

// SpreadBands turns counts per age band into counts per single year of age.
// Spreading a band evenly would put steps in the age profile where bands
// meet, and the step at the top band would show as a jump in retirements a
// few years on. So within each band the count follows a line through the
// densities (count per year of age) of the band and its neighbours, taken
// at the bands' midpoints and falling to zero at the pension age, and is
// then scaled so that each band keeps its count exactly.
func SpreadBands(counts [NumAgeBands]float64, pensionAge int) AgeVector {
	var mid, dens [NumAgeBands]float64
	for b := range AgeBand(NumAgeBands) {
		lo, hi := b.Span(pensionAge)
		mid[b] = float64(lo+hi) / 2
		dens[b] = counts[b] / float64(hi-lo+1)
	}
	// density at age x, by linear interpolation between midpoints
	at := func(x float64) float64 {
		if x <= mid[0] {
			return dens[0]
		}
		for b := 1; b < NumAgeBands; b++ {
			if x <= mid[b] {
				w := (x - mid[b-1]) / (mid[b] - mid[b-1])
				return dens[b-1] + w*(dens[b]-dens[b-1])
			}
		}
		top := NumAgeBands - 1
		end := math.Max(float64(pensionAge), mid[top]+1)
		if x >= end {
			return 0
		}
		return dens[top] * (end - x) / (end - mid[top])
	}
	var v AgeVector
	for b := range AgeBand(NumAgeBands) {
		lo, hi := b.Span(pensionAge)
		var raw float64
		for a := lo; a <= hi; a++ {
			v[a-MinAge] = at(float64(a))
			raw += v[a-MinAge]
		}
		for a := lo; a <= hi; a++ {
			if raw > 0 {
				v[a-MinAge] *= counts[b] / raw
			} else {
				v[a-MinAge] = counts[b] / float64(hi-lo+1)
			}
		}
	}
	return v
}

// BandRates expands a rate per age band to a rate per single year of age.
// Ages under 18 take the youngest band's rate, ages from 65 the top band's.
func BandRates(rates [NumAgeBands]float64) AgeVector {
	var v AgeVector
	for a := MinAge; a <= MaxAge; a++ {
		v[a-MinAge] = rates[BandOf(a)]
	}
	return v
}
