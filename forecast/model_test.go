package forecast

import (
	"context"
	"reflect"
	"testing"
)

// twoTrainers teaches mbo3 on BBL only (2 years, no dropout, place use 1,
// half an FTE of work per student, plenty of candidates), with 40 places
// at a VVT trainer and 40 at a GGZ trainer of 1,000 care FTE each: both
// at an opleidingsquote of 40 x 800/1280 / 1,000 x 100 = 2.5. A quarter
// of the graduates go to VVT, the rest to GGZ.
func twoTrainers() *Region {
	r := emptyRegion()
	r.Training = TrainingConventions{StudentHours: [NumRoutes]float64{800, 800, 800, 800}, PlaceHours: [NumRoutes]float64{1440, 1280, 1440, 1280}}
	r.Programmes[Mbo3][BBL] = Programme{DurationYears: 2, Dropout: []float64{0, 0}, SectorYield: 0.5, Candidates: 1000,
		PlaceUse: 1, EntryAge: 25, ProductiveFTE: 0.5, Enrolled: []float64{40, 40}}
	r.Cells[VVT][Mbo3].GraduateShare, r.Cells[GGZ][Mbo3].GraduateShare = 0.25, 0.75
	r.Trainers = []Trainer{
		{Name: "vvt", Branch: VVT, CareFTE: 1000, Places: placesAt(Mbo3, BBL, 40)},
		{Name: "ggz", Branch: GGZ, CareFTE: 1000, Places: placesAt(Mbo3, BBL, 40)},
	}
	return r
}

// Students are hosted where this year's places are (issue 9, bug 1): an
// opleidingsquote of 5 at the VVT trainer only doubles its places (25
// training FTE more = 40 places, in full from 2027), so VVT hosts 80 of the
// 120 places' students from then on, not the base year's half.
func TestStudentsFollowThisYearsPlaces(t *testing.T) {
	lever := []Lever{{Kind: TrainingQuota, Size: 5, Start: 2026, Horizon: Kort, Scope: ScopeOf([]Branch{VVT}, nil, nil)}}
	res := run(t, twoTrainers(), lever, 4)
	for _, tt := range []struct {
		year     int
		vvtShare float64
	}{{2025, 0.5}, {2026, 0.5}, {2027, 2.0 / 3}, {2029, 2.0 / 3}} {
		e := eduRow(res, tt.year, Mbo3, BBL)
		vvt, ggz := res.Row(tt.year, VVT, Mbo3), res.Row(tt.year, GGZ, Mbo3)
		expect(t, "students VVT", vvt.Students, e.Students*tt.vvtShare)
		expect(t, "students GGZ", ggz.Students, e.Students*(1-tt.vvtShare))
		expect(t, "student FTE VVT", vvt.StudentFTE, 0.5*e.Students*tt.vvtShare)
		expect(t, "graduates VVT", vvt.Graduates, e.Graduates*tt.vvtShare)
	}
	if e := eduRow(res, 2027, Mbo3, BBL); !near(e.Places, 120) {
		t.Errorf("places 2027: %g, want 120", e.Places)
	}
	// The students fill the places: 120 in 2028, 80 of them at VVT.
	expect(t, "students VVT 2028", res.Row(2028, VVT, Mbo3).Students, 80)
}

// Two contract-hour levers of 2 hours are one of 4 (issue 9, bug 3), in
// the sector yield too; a lever scoped to VVT raises the yield by its
// hours times VVT's share of the graduates.
func TestContractLeversAdd(t *testing.T) {
	r := twoTrainers()
	r.SectorYieldPerContractHour = 0.01
	lever := func(size float64, branches ...Branch) Lever {
		return Lever{Kind: LargerContracts, Size: size, Start: 2026, Horizon: Kort, Scope: ScopeOf(branches, nil, nil)}
	}
	two := run(t, r, []Lever{lever(2), lever(2)}, 5)
	one := run(t, r, []Lever{lever(4)}, 5)
	vvt := run(t, r, []Lever{lever(4, VVT)}, 5)
	for _, y := range two.Years() {
		e2, e1 := eduRow(two, y, Mbo3, BBL), eduRow(one, y, Mbo3, BBL)
		if !near(e2.GraduatesHired, e1.GraduatesHired) {
			t.Errorf("%d: two levers of 2 hours hire %g graduates, one of 4 hours %g", y, e2.GraduatesHired, e1.GraduatesHired)
		}
		want, wantVVT := 0.5, 0.5
		if y >= 2027 {
			want, wantVVT = 0.5+4*0.01, 0.5+4*0.25*0.01
		}
		expect(t, "sector yield, 4 hours", e1.GraduatesHired/e1.Graduates, want)
		ev := eduRow(vvt, y, Mbo3, BBL)
		expect(t, "sector yield, 4 hours at VVT", ev.GraduatesHired/ev.Graduates, wantVVT)
	}
}

// A Model is the region as it was compiled: changing the region after
// Compile changes Run, not the Model, and a Model's runs are the function
// Run's.
func TestCompileKeepsItsOwnRegion(t *testing.T) {
	r := randomRegion(3)
	opt := Options{To: 2035}
	want, err := Run(r, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	r.Cells[VVT][Mbo3].PartTimeFactor /= 2
	for l := range r.Programmes {
		for rt := range r.Programmes[l] {
			for k := range r.Programmes[l][rt].Dropout {
				r.Programmes[l][rt].Dropout[k] = 0.9
			}
		}
	}
	r.Trainers[0].Places[Mbo4][BBL] += 100
	got, err := m.Run(nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the model's run changed with the region it was compiled from")
	}
	if changed, _ := Run(r, nil, opt); reflect.DeepEqual(changed, want) {
		t.Error("Run of the changed region is the old region's")
	}
	if m.Region() == r {
		t.Error("the model holds the caller's region, not its own copy")
	}
}

// MonteCarloModels on compiled regions is MonteCarlo on the regions,
// draw for draw.
func TestMonteCarloModelsIsMonteCarlo(t *testing.T) {
	rs := []*Region{uncertain(randomRegion(4)), uncertain(randomRegion(5))}
	rs[1].Name = "other"
	opt := MCOptions{Draws: 40, Seed: 3, Detail: DetailCells, Options: Options{To: 2032}}
	want, err := MonteCarlo(rs, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	ms := make([]*Model, len(rs))
	for i, r := range rs {
		if ms[i], err = Compile(r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := MonteCarloModels(context.Background(), ms, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("MonteCarloModels differs from MonteCarlo")
	}
}

// One region's 15-year run allocates under 50 times (issue 9: a valid
// region's validation builds no names).
func TestRunAllocations(t *testing.T) {
	r := randomRegion(1)
	if n := testing.AllocsPerRun(20, func() {
		if _, err := Run(r, nil, Options{}); err != nil {
			t.Fatal(err)
		}
	}); n >= 50 {
		t.Errorf("Run allocates %v times, want under 50", n)
	}
	if n := testing.AllocsPerRun(20, func() { _ = r.Validate() }); n != 0 {
		t.Errorf("Validate of a valid region allocates %v times, want 0", n)
	}
}
