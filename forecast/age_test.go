package forecast

import (
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
	}
	for _, tt := range tests {
		for _, p := range []int{60, 67, 70} {
			v := SpreadBands(tt.counts, p)
			for b := range AgeBand(NumAgeBands) {
				lo, hi := b.Span(p)
				var got float64
				for a := lo; a <= hi; a++ {
					if v[a-MinAge] < 0 {
						t.Errorf("%s, pension %d: age %d has %g", tt.name, p, a, v[a-MinAge])
					}
					got += v[a-MinAge]
				}
				if !near(got, tt.counts[b]) {
					t.Errorf("%s, pension %d: band %s sums to %g, want %g", tt.name, p, b, got, tt.counts[b])
				}
			}
		}
	}
}

func TestSpreadBandsFlatProfileStaysFlat(t *testing.T) {
	// 10 people a year of age in every band from 18 to 66.
	var counts [NumAgeBands]float64
	for b := range AgeBand(NumAgeBands) {
		lo, hi := b.Span(67)
		counts[b] = 10 * float64(hi-lo+1)
	}
	v := SpreadBands(counts, 67)
	for a := 18; a <= 64; a++ {
		if !near(v[a-MinAge], 10) {
			t.Errorf("age %d: %g, want 10", a, v[a-MinAge])
		}
	}
	// The top band slopes down towards the pension age but keeps its 20.
	if !(v[65-MinAge] > v[66-MinAge]) || !near(v[65-MinAge]+v[66-MinAge], 20) {
		t.Errorf("65 and 66: %g and %g, want falling and summing to 20", v[65-MinAge], v[66-MinAge])
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
}
