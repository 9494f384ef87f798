package forecast

import (
	"math"
	"testing"
)

func TestSpreadBandsKeepsBandTotals(t *testing.T) {
	tests := []struct {
		name   string
		counts [NumAgeBands]float64
	}{
		{"profile", [NumAgeBands]float64{100, 220, 200, 230, 140, 110, 20}},
		{"empty bands", [NumAgeBands]float64{0, 50, 0, 0, 80, 0, 0}},
		{"only the top", [NumAgeBands]float64{0, 0, 0, 0, 0, 0, 10}},
		{"steep top", [NumAgeBands]float64{700, 1300, 1100, 1200, 1500, 1100, 1}},
	}
	for _, tt := range tests {
		for _, ret := range []Retirement{
			{PensionAge: 60, StayPastPension: 0.12, PastPensionOutflow: 0.4},
			{PensionAge: 65, StayPastPension: 0.12, PastPensionOutflow: 0.4},
			{PensionAge: 67},
			{PensionAge: 67, StayPastPension: 0.12, PastPensionOutflow: 0.4},
			{PensionAge: 70, StayPastPension: 1, PastPensionOutflow: 0},
			{PensionAge: MaxAge, StayPastPension: 0.5, PastPensionOutflow: 1},
		} {
			v := SpreadBands(tt.counts, ret)
			for a := MinAge; a < 18; a++ {
				if v[a-MinAge] != 0 {
					t.Errorf("%s, %+v: %g people aged %d", tt.name, ret, v[a-MinAge], a)
				}
			}
			for b := range AgeBand(NumAgeBands) {
				lo, hi := b.Span()
				var got float64
				for a := lo; a <= hi; a++ {
					if !(v[a-MinAge] >= 0) {
						t.Errorf("%s, %+v: age %d has %g", tt.name, ret, a, v[a-MinAge])
					}
					got += v[a-MinAge]
				}
				if !near(got, tt.counts[b]) {
					t.Errorf("%s, %+v: band %s sums to %g, want %g", tt.name, ret, b, got, tt.counts[b])
				}
				if tt.counts[b] == 0 && got != 0 {
					t.Errorf("%s, %+v: empty band %s holds %g", tt.name, ret, b, got)
				}
			}
		}
	}
}

// TestGraduateByHand checks the spline on two bands of two years, 20-21
// holding 2 and 22-23 holding 6, computed by hand: densities 1 and 3;
// slopes of the cumulative sum 0 at 20 (one-sided parabola: (6*1 - 2*3)/4),
// 2 at 22 ((2*1 + 2*3)/4), 3.5 at 24 (natural end: (3*3 - 2)/2); the
// cumulative sum at the middle of each band, from the Hermite form at
// t = 1/2, is 2/2 + 2*(0/8 - 2/8) = 0.5 and 6/2 + 2*(2/8 - 3.5/8) = 2.625.
func TestGraduateByHand(t *testing.T) {
	var v AgeVector
	graduateInto(&v, []int{20, 22, 24}, []float64{2, 6})
	want := map[int]float64{20: 0.5, 21: 1.5, 22: 2.625, 23: 3.375}
	for a := MinAge; a <= MaxAge; a++ {
		if got := v[a-MinAge]; !near(got, want[a]) {
			t.Errorf("age %d: %g, want %g", a, got, want[a])
		}
	}
}

// TestGraduateOneBand: a band on its own has no neighbours to bend
// towards and is spread evenly.
func TestGraduateOneBand(t *testing.T) {
	var v AgeVector
	graduateInto(&v, []int{30, 35}, []float64{10})
	for a := 30; a < 35; a++ {
		if !near(v[a-MinAge], 2) {
			t.Errorf("age %d: %g, want 2", a, v[a-MinAge])
		}
	}
}

// TestSpreadBandsPensionAgeOutOfRange: a pension age past MaxAge leaves
// nobody past it (all of "65+" is spread up to MaxAge); one below 18
// spreads "65+" from 65 as those past the pension age.
func TestSpreadBandsPensionAgeOutOfRange(t *testing.T) {
	counts := [NumAgeBands]float64{70, 130, 110, 120, 75, 50, 20}
	high := SpreadBands(counts, Retirement{PensionAge: 90, StayPastPension: 0.5, PastPensionOutflow: 0.5})
	var top float64
	for a := 65; a <= MaxAge; a++ {
		top += high[a-MinAge]
	}
	if !near(top, 20) || high[MaxAge-MinAge] == 0 {
		t.Errorf("pension age 90: 65+ holds %g, %g at %d; want 20, spread up to %d", top, high[MaxAge-MinAge], MaxAge, MaxAge)
	}
	low := SpreadBands(counts, Retirement{PensionAge: 10, StayPastPension: 0.5, PastPensionOutflow: 0})
	for a := 65; a <= MaxAge; a++ {
		if !near(low[a-MinAge], 2) {
			t.Errorf("pension age 10, age %d: %g, want 2 (20 over 10 years, none stopping)", a, low[a-MinAge])
		}
	}
}

func TestSpreadBandsFlatProfileStaysFlat(t *testing.T) {
	// 10 people a year of age from 18 to 66, and past the pension age of
	// 67 those who stay on: 12% of the 10 aged 66, then 60% of them a
	// year on: 1.2, 0.72, 0.432, ... (ages 67-74).
	ret := Retirement{PensionAge: 67, StayPastPension: 0.12, PastPensionOutflow: 0.4}
	var counts [NumAgeBands]float64
	for b := range AgeBand(NumAgeBands) {
		lo, hi := b.Span()
		counts[b] = 10 * float64(min(hi, 66)-lo+1)
	}
	want := make(map[int]float64)
	for a := 18; a <= 66; a++ {
		want[a] = 10
	}
	for a, n := 67, 1.2; a <= MaxAge; a, n = a+1, n*0.6 {
		want[a] = n
		counts[Age65Plus] += n
	}
	v := SpreadBands(counts, ret)
	for a := MinAge; a <= MaxAge; a++ {
		if got := v[a-MinAge]; math.Abs(got-want[a]) > 1e-9 {
			t.Errorf("age %d: %g, want %g", a, got, want[a])
		}
	}
}

// TestSpreadBandsIsSmoothAtTheEdges spreads a profile like a care
// workforce's. Where two bands meet, the count changes by at most half as
// much again as the larger of the changes a year before and a year after,
// and by less than half the jump between the bands' densities that an
// even spread would make there. A pension age of 65 or less spreads the
// top band from 65 as the model keeps those past it.
func TestSpreadBandsIsSmoothAtTheEdges(t *testing.T) {
	counts := [NumAgeBands]float64{700, 1300, 1100, 1200, 750, 500, 120}
	v := SpreadBands(counts, Retirement{PensionAge: 67, StayPastPension: 0.12, PastPensionOutflow: 0.4})
	for b := Age25to34; b <= Age65Plus; b++ {
		lo, hi := b.Span()
		plo, phi := (b - 1).Span()
		i := lo - MinAge
		step := math.Abs(v[i] - v[i-1])
		around := math.Max(math.Abs(v[i-1]-v[i-2]), math.Abs(v[i+1]-v[i]))
		even := math.Abs(counts[b]/float64(min(hi, 66)-lo+1) - counts[b-1]/float64(phi-plo+1))
		if step > 1.5*around || step > even/2 {
			t.Errorf("age %d: %0.2f -> %0.2f steps by %0.2f; the changes around it are up to %0.2f, an even spread would jump by about %0.2f",
				lo, v[i-1], v[i], step, around, even)
		}
	}
	low := SpreadBands(counts, Retirement{PensionAge: 65, StayPastPension: 0.5, PastPensionOutflow: 0.5})
	for a, want := 65, 120/(2-math.Pow(0.5, 9)); a <= MaxAge; a, want = a+1, want/2 {
		if got := low[a-MinAge]; !near(got, want) {
			t.Errorf("pension age 65, age %d: %g, want %g", a, got, want)
		}
	}
}

func TestSmoothRates(t *testing.T) {
	rates := [NumAgeBands]float64{0.23, 0.15, 0.1, 0.064, 0.05, 0.05, 0.054}
	v := SmoothRates(rates, 67)
	for b := range AgeBand(NumAgeBands) {
		lo, hi := b.Span()
		hi = min(hi, 66)
		var sum float64
		for a := lo; a <= hi; a++ {
			sum += v[a-MinAge]
		}
		if mean := sum / float64(hi-lo+1); !near(mean, rates[b]) {
			t.Errorf("band %s: mean rate %g, want %g", b, mean, rates[b])
		}
	}
	if v[15-MinAge] != v[18-MinAge] || v[70-MinAge] != rates[Age65Plus] {
		t.Errorf("ages 15 and 70: %g and %g, want the rate at 18 (%g) and the top band's (%g)", v[0], v[70-MinAge], v[18-MinAge], rates[Age65Plus])
	}
	for _, p := range []int{60, 67, 90} { // the top band is at least 65 and at most 65-74
		flat := SmoothRates([NumAgeBands]float64{0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08}, p)
		for a := MinAge; a <= MaxAge; a++ {
			if !near(flat[a-MinAge], 0.08) {
				t.Errorf("flat rates, pension age %d, age %d: %g", p, a, flat[a-MinAge])
			}
		}
	}
}

func TestAgeBands(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want AgeBand
	}{{"<25", AgeUnder25}, {" 25 - 34 ", Age25to34}, {"65+", Age65Plus}, {"65 en ouder", Age65Plus}, {"55–59", Age55to59}} {
		got, err := ParseAgeBand(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseAgeBand(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseAgeBand("30-40"); err == nil {
		t.Error("30-40: no error")
	}
	for age, want := range map[int]AgeBand{15: AgeUnder25, 24: AgeUnder25, 25: Age25to34, 59: Age55to59, 60: Age60to64, 66: Age65Plus, 74: Age65Plus} {
		if got := BandOf(age); got != want {
			t.Errorf("BandOf(%d) = %v, want %v", age, got, want)
		}
	}
	for b, want := range map[AgeBand][2]int{AgeUnder25: {18, 24}, Age55to59: {55, 59}, Age65Plus: {65, MaxAge}} {
		if lo, hi := b.Span(); lo != want[0] || hi != want[1] {
			t.Errorf("%s.Span() = %d-%d, want %d-%d", b, lo, hi, want[0], want[1])
		}
	}
}

// Past a pension age above 65, SpreadBands keeps those who stayed on by
// the model's own rule: N[P+k] = stay * N[P-1] * (1 - r)^k.
func TestSpreadBandsPastThePensionAge(t *testing.T) {
	counts := [NumAgeBands]float64{100, 220, 200, 230, 140, 110, 20}
	for _, ret := range []Retirement{
		{PensionAge: 67, StayPastPension: 0.12, PastPensionOutflow: 0.4},
		{PensionAge: 70, StayPastPension: 0.3, PastPensionOutflow: 0.25},
		{PensionAge: MaxAge, StayPastPension: 0.5, PastPensionOutflow: 1},
	} {
		v := SpreadBands(counts, ret)
		p := ret.PensionAge
		for a, w := p, ret.StayPastPension*v[p-1-MinAge]; a <= MaxAge; a++ {
			if !near(v[a-MinAge], w) {
				t.Errorf("%+v: %g aged %d, want %g", ret, v[a-MinAge], a, w)
			}
			w *= 1 - ret.PastPensionOutflow
		}
	}
}

// SmoothRates graduates the top band over 65 up to the year before the
// pension age, so a pension age of MaxAge spreads it over one year more
// than a pension age of MaxAge-1; each way the band's years average to its
// rate.
func TestSmoothRatesTopBandFollowsThePensionAge(t *testing.T) {
	rates := [NumAgeBands]float64{0.2, 0.12, 0.08, 0.06, 0.05, 0.07, 0.3}
	a, b := SmoothRates(rates, MaxAge), SmoothRates(rates, MaxAge-1)
	for _, tt := range []struct {
		v  AgeVector
		hi int // the band's last graduated age
	}{{a, MaxAge - 1}, {b, MaxAge - 2}} {
		var sum float64
		for age := 65; age <= tt.hi; age++ {
			sum += tt.v[age-MinAge]
		}
		if !near(sum/float64(tt.hi-64), rates[Age65Plus]) {
			t.Errorf("ages 65-%d average %g, want %g", tt.hi, sum/float64(tt.hi-64), rates[Age65Plus])
		}
	}
	if a == b {
		t.Error("pension ages of 74 and 73 spread the top band alike")
	}
}
