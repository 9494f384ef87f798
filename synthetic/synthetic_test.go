package synthetic

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/region"
)

func TestLargestRemainder(t *testing.T) {
	for _, tc := range []struct {
		total   int
		weights []float64
		want    []int
	}{
		{10, []float64{1, 1, 1}, []int{4, 3, 3}},        // 3.33 each: the first of equals gets the unit left
		{7, []float64{0.5, 0.38, 0.12}, []int{3, 3, 1}}, // 3.5, 2.66, 0.84: the units left go to 0.84 and 0.66
		{5, []float64{0, 2}, []int{0, 5}},
		{0, []float64{1, 2}, []int{0, 0}},
		{3, []float64{0, 0}, []int{0, 0}},
	} {
		if got := LargestRemainder(tc.total, tc.weights); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("LargestRemainder(%d, %v) = %v, want %v", tc.total, tc.weights, got, tc.want)
		}
	}
}

var two = []Employer{
	{Name: "A", KvK: "00000001", Branch: forecast.VVT, Weight: [forecast.NumLevels]float64{1, 1, 1, 1, 1}},
	{Name: "B", KvK: "00000002", Branch: forecast.VVT, Weight: [forecast.NumLevels]float64{3, 3, 3, 3, 3}},
}

// onlyVVT is the demo region with staff and training places only in VVT.
func onlyVVT(t *testing.T) *forecast.Region {
	t.Helper()
	f, err := region.ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	for b := range f.Branches {
		if forecast.Branch(b) != forecast.VVT {
			f.Branches[b].Places = [forecast.NumLevels][forecast.NumRoutes]float64{}
			for l := range f.Branches[b].Levels {
				f.Branches[b].Levels[l].Headcount = 0
			}
		}
	}
	r, err := f.Region()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSubmissionsAddUp(t *testing.T) {
	r := onlyVVT(t)
	subs, err := Submissions(r, two, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for l := range forecast.Level(forecast.NumLevels) {
		want := math.Round(r.Cells[forecast.VVT][l].Headcount.Sum())
		var a, b int
		for _, st := range subs[0].Staff[l] {
			a += st.Headcount
		}
		for _, st := range subs[1].Staff[l] {
			b += st.Headcount
		}
		if float64(a+b) != want || math.Abs(float64(b)-3*float64(a)) > 4*float64(forecast.NumAgeBands) { // each band is rounded apart
			t.Errorf("%s: %d + %d people, want %v split 1:3", l, a, b, want)
		}
	}
	if _, err := Submissions(r, two[:0], Options{}); err == nil {
		t.Error("no employers for VVT's staff: no error")
	}
}

// TestSubmissionsDraw: drawn flows are the same for the same seed, other
// for another, and scatter around the region's flows.
func TestSubmissionsDraw(t *testing.T) {
	r := onlyVVT(t)
	draw := func(seed uint64) []*ingest.Submission {
		subs, err := Submissions(r, two, Options{Draw: rand.NewPCG(seed, 1)})
		if err != nil {
			t.Fatal(err)
		}
		return subs
	}
	a, b, c := draw(1), draw(1), draw(2)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a, c) {
		t.Error("the same seed gives other flows, or another the same")
	}
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		t.Fatal(err)
	}
	want := res.Total(r.BaseYear).OutflowOther
	var got float64
	for _, s := range a {
		for l := range s.Leavers {
			got += float64(s.Leavers[l][ingest.AndereSector] + s.Leavers[l][ingest.BuitenArbeidsmarkt] + s.Leavers[l][ingest.OnbekendeReden])
		}
	}
	if math.Abs(got-want) > 4*math.Sqrt(want) {
		t.Errorf("drawn other outflow %v, the region's %v: more than four standard errors apart", got, want)
	}
}
