package ingest

import (
	"fmt"
	"math"
	"testing"

	"raat/forecast"
)

// quoteRegion has two trainers: A with 100 care FTE and 10 BBL places,
// B with 300 care FTE and 45 BOL places.
func quoteRegion() *forecast.Region {
	r := &forecast.Region{Name: "voorbeeld"}
	r.Training.StudentHours[forecast.BBL], r.Training.PlaceHours[forecast.BBL] = 800, 1280
	r.Training.StudentHours[forecast.BOL], r.Training.PlaceHours[forecast.BOL] = 640, 1440
	a := forecast.Trainer{Name: "A", Branch: forecast.VVT, CareFTE: 100}
	a.Places[forecast.Mbo3][forecast.BBL] = 10
	b := forecast.Trainer{Name: "B", Branch: forecast.VVT, CareFTE: 300}
	b.Places[forecast.Mbo4][forecast.BOL] = 45
	r.Trainers = []forecast.Trainer{a, b}
	return r
}

// TestQuotesByHand: the regional FAQ's example, 10 BBL students of 800
// hours = 6.25 FTE, and a BOL trainer; values worked out by hand.
func TestQuotesByHand(t *testing.T) {
	qs, total := Quotes(quoteRegion())
	want := []Quote{
		{Trainer: "A", Branch: forecast.VVT, CareFTE: 100, TrainingFTE: 6.25, Quote: 6.25, GapFTE: 8.75,
			StaffShare: 0.25, TrainingShare: 6.25 / 26.25, Proportion: (6.25 / 26.25) / 0.25},
		{Trainer: "B", Branch: forecast.VVT, CareFTE: 300, TrainingFTE: 20, Quote: 20.0 / 3, GapFTE: 25,
			StaffShare: 0.75, TrainingShare: 20 / 26.25, Proportion: (20 / 26.25) / 0.75},
	}
	wantTotal := Quote{Trainer: "voorbeeld", Branch: forecast.AllBranches, CareFTE: 400, TrainingFTE: 26.25, Quote: 6.5625, GapFTE: 33.75,
		StaffShare: 1, TrainingShare: 1, Proportion: 1}
	for i := range want {
		sameQuote(t, qs[i], want[i])
	}
	sameQuote(t, total, wantTotal)
	// As one branch the two are one trainer: the total, except that a
	// branch's gap is its own (here the same, as both are below 15).
	byBranch := QuotesByBranch(quoteRegion())
	wantBranch := wantTotal
	wantBranch.Trainer, wantBranch.Branch = forecast.VVT.Label(), forecast.VVT
	if len(byBranch) != 1 {
		t.Fatalf("%d branches, want 1", len(byBranch))
	}
	sameQuote(t, byBranch[0], wantBranch)
}

func sameQuote(t *testing.T, got, want Quote) {
	t.Helper()
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
	if got.Trainer != want.Trainer || got.Branch != want.Branch || !close(got.CareFTE, want.CareFTE) || !close(got.TrainingFTE, want.TrainingFTE) ||
		!close(got.Quote, want.Quote) || !close(got.GapFTE, want.GapFTE) || !close(got.StaffShare, want.StaffShare) ||
		!close(got.TrainingShare, want.TrainingShare) || !close(got.Proportion, want.Proportion) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestOutflowByBranch(t *testing.T) {
	a, b := sample(), sample()
	b.Employer.Branch = forecast.GGZ
	b.Leavers[forecast.Hbo][NaarZorgwerkgever] = 4
	rows, total := OutflowByBranch([]*Submission{a, b})
	vvt, ggz := rows[forecast.VVT], rows[forecast.GGZ]
	// Each: 14 people, 1 pensioen and 2 to another sector; GGZ also 4 to
	// another care employer, which is mobility, not outflow.
	if vvt.Headcount != 14 || vvt.Outflow() != 3 || math.Abs(vvt.Rate()-3.0/14) > 1e-15 || vvt.Employers != 1 {
		t.Errorf("VVT %+v, outflow %d", vvt, vvt.Outflow())
	}
	if ggz.Outflow() != 3 || ggz.Leavers[NaarZorgwerkgever] != 4 {
		t.Errorf("GGZ %+v", ggz)
	}
	if total.Headcount != 28 || total.Outflow() != 6 || total.Hires[Schoolverlater] != 6 || total.Employers != 2 {
		t.Errorf("total %+v", total)
	}
}

// Each employer's opleidingsquote: training places in FTE per 100 FTE
// of care staff. 10 BBL students of 800 hours a year, at 1,280 hours per
// FTE of training place, are 6.25 FTE (the regional FAQ's example).
func ExampleQuotes() {
	r := &forecast.Region{Name: "voorbeeld"}
	r.Training.StudentHours[forecast.BBL], r.Training.PlaceHours[forecast.BBL] = 800, 1280
	t := forecast.Trainer{Name: "Zorg Voorbeeld", Branch: forecast.VVT, CareFTE: 100}
	t.Places[forecast.Mbo3][forecast.BBL] = 10
	r.Trainers = []forecast.Trainer{t}
	qs, _ := Quotes(r)
	q := qs[0]
	fmt.Printf("%s: %.2f opleidings-FTE, quote %.2f, %.2f FTE onder de %g\n", q.Trainer, q.TrainingFTE, q.Quote, q.GapFTE, ReferenceQuote)
	// Output:
	// Zorg Voorbeeld: 6.25 opleidings-FTE, quote 6.25, 8.75 FTE onder de 15
}
