package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

const tol = 1e-9

func near(a, b float64) bool { return scalar.EqualWithinAbsOrRel(a, b, tol, tol) }

// emptyRegion is a valid region with nobody in it: full-time contracts,
// no outflow, no programmes, pension at 67.
func emptyRegion() *Region {
	r := &Region{
		Name: "test", BaseYear: 2025, PensionAge: 67, PastPensionOutflow: 0.5,
		LateralEntryAge: 35, ReturnerAge: 40,
		Uncertainty: Uncertainty{
			Dropout: Range{1, 1}, SectorYield: Range{1, 1}, OtherOutflow: Range{1, 1}, PartTimeFactor: Range{1, 1},
		},
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].PartTimeFactor = 1
		}
	}
	return r
}

// withProgramme adds a programme whose graduates all go to branch b.
func withProgramme(r *Region, l Level, rt Route, b Branch, p Programme) {
	r.Programmes[l][rt] = p
	for bb := range Branch(NumBranches) {
		r.Cells[bb][l].GraduateShare = 0
	}
	r.Cells[b][l].GraduateShare = 1
}

func run(t *testing.T, r *Region, levers []Lever, years int) *Result {
	t.Helper()
	res, err := Run(r, levers, Options{To: r.BaseYear + years})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFlatWithoutFlows(t *testing.T) {
	r := emptyRegion()
	c := &r.Cells[VVT][Mbo3]
	c.Headcount[30-MinAge] = 800
	c.Headcount[45-MinAge] = 200
	c.PartTimeFactor = 0.6
	c.OpenVacanciesFTE = 25
	res := run(t, r, nil, 10)
	for _, y := range res.Years() {
		row := res.Row(y, VVT, Mbo3)
		// 1000 people x 0.6 = 600 FTE; demand 600 + 25 vacancies.
		if !near(row.Headcount, 1000) || !near(row.SupplyFTE, 600) || !near(row.DemandFTE, 625) || !near(row.ShortfallFTE, 25) {
			t.Errorf("%d: headcount %g supply %g demand %g shortfall %g, want 1000 600 625 25",
				y, row.Headcount, row.SupplyFTE, row.DemandFTE, row.ShortfallFTE)
		}
		if !near(row.ShortfallHeadcount, 25/0.6) {
			t.Errorf("%d: shortfall headcount %g, want %g", y, row.ShortfallHeadcount, 25/0.6)
		}
	}
}

func TestGeometricDecayWithOnlyOutflow(t *testing.T) {
	tests := []struct {
		q    float64
		want []float64 // hand-computed 1000 * (1-q)^t
	}{
		{0.1, []float64{1000, 900, 810, 729, 656.1, 590.49}},
		{0.25, []float64{1000, 750, 562.5, 421.875, 316.40625, 237.3046875}},
		{0, []float64{1000, 1000, 1000, 1000, 1000, 1000}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.q), func(t *testing.T) {
			r := emptyRegion()
			c := &r.Cells[Ziekenhuizen][Hbo]
			c.Headcount[30-MinAge] = 1000
			for a := range c.OtherOutflowRate {
				c.OtherOutflowRate[a] = tt.q
			}
			res := run(t, r, nil, len(tt.want)-1)
			for i, y := range res.Years() {
				row := res.Row(y, Ziekenhuizen, Hbo)
				if !near(row.Headcount, tt.want[i]) {
					t.Errorf("year %d: headcount %g, want %g", y, row.Headcount, tt.want[i])
				}
				if !near(row.OutflowOther, tt.want[i]*tt.q) {
					t.Errorf("year %d: other outflow %g, want %g", y, row.OutflowOther, tt.want[i]*tt.q)
				}
			}
		})
	}
}

func TestIntakeCohortArrivesAfterDuration(t *testing.T) {
	for _, tt := range []struct {
		n         int
		graduates float64 // hand-computed: 100 surviving each study year's dropout
	}{
		{1, 80},    // 100 x 0.8
		{2, 72},    // 100 x 0.8 x 0.9
		{3, 68.4},  // 100 x 0.8 x 0.9 x 0.95
		{4, 64.98}, // 100 x 0.8 x 0.9 x 0.95 x 0.95
	} {
		n, want := tt.n, tt.graduates
		t.Run(fmt.Sprintf("duration %d", n), func(t *testing.T) {
			r := emptyRegion()
			dropout := []float64{0.2, 0.1, 0.05, 0.05}[:n]
			enrolled := make([]float64, n)
			enrolled[0] = 100
			withProgramme(r, Mbo3, BOL, VVT, Programme{
				DurationYears: n, Dropout: dropout, SectorYield: 0.5, EntryAge: 20, Enrolled: enrolled,
			})
			res := run(t, r, nil, n+2)
			// Half of them are hired; they join at the start of the year
			// after their last study year, n years after their intake.
			for i, y := range res.Years() {
				row := res.Row(y, VVT, Mbo3)
				wantHead := 0.0
				if i >= n {
					wantHead = want * 0.5
				}
				if !near(row.Headcount, wantHead) {
					t.Errorf("year %d (intake+%d): headcount %g, want %g", y, i, row.Headcount, wantHead)
				}
			}
			grad := res.Education[n-1]
			if grad.Year != r.BaseYear+n-1 || !near(grad.Graduates, want) || !near(grad.GraduatesHired, want*0.5) {
				t.Errorf("graduation: %+v, want year %d graduates %g hired %g", grad, r.BaseYear+n-1, want, want/2)
			}
		})
	}
}

func TestRetirementAtPensionAge(t *testing.T) {
	tests := []struct {
		name       string
		stay, ppq  float64
		retired    []float64 // per year
		headcount  []float64
		pensionAge int
	}{
		// 100 people aged 66: all retire when reaching 67.
		{"all retire", 0, 0.5, []float64{100, 0, 0}, []float64{100, 0, 0}, 67},
		// A fifth stay on; half of those stop each year; at 75 all stop.
		{"some stay", 0.2, 0.5, []float64{80, 10, 5}, []float64{100, 20, 10}, 67},
		// With a pension age of 68 the 66-year-olds work one more year.
		{"later pension age", 0, 0.5, []float64{0, 100, 0}, []float64{100, 100, 0}, 68},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := emptyRegion()
			r.PensionAge, r.StayPastPension, r.PastPensionOutflow = tt.pensionAge, tt.stay, tt.ppq
			r.Cells[GGZ][Mbo4].Headcount[66-MinAge] = 100
			res := run(t, r, nil, len(tt.retired)-1)
			for i, y := range res.Years() {
				row := res.Row(y, GGZ, Mbo4)
				if !near(row.OutflowRetirement, tt.retired[i]) || !near(row.Headcount, tt.headcount[i]) {
					t.Errorf("%d: retired %g headcount %g, want %g %g", y, row.OutflowRetirement, row.Headcount, tt.retired[i], tt.headcount[i])
				}
			}
		})
	}
}

func TestNobodyWorksPastMaxAge(t *testing.T) {
	r := emptyRegion()
	r.StayPastPension, r.PastPensionOutflow = 1, 0
	r.Cells[VVT][Mbo2].Headcount[73-MinAge] = 10
	res := run(t, r, nil, 3)
	got := []float64{res.Row(2025, VVT, Mbo2).OutflowRetirement, res.Row(2026, VVT, Mbo2).OutflowRetirement, res.Row(2027, VVT, Mbo2).Headcount}
	want := []float64{0, 10, 0} // 73 -> 74 -> gone at 75
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("got %v, want %v", got, want)
			break
		}
	}
}

func TestDemandGrowthAndShortfall(t *testing.T) {
	r := emptyRegion()
	c := &r.Cells[VVT][Mbo3]
	c.Headcount[40-MinAge] = 1000
	c.PartTimeFactor = 0.5
	c.OpenVacanciesFTE = 50
	c.DemandGrowth = 0.02
	res := run(t, r, nil, 3)
	// D0 = 1000 x 0.5 + 50 = 550, then x 1.02 a year: 561, 572.22, 583.6644.
	want := []float64{550, 561, 572.22, 583.6644}
	for i, y := range res.Years() {
		row := res.Row(y, VVT, Mbo3)
		if !near(row.DemandFTE, want[i]) || !near(row.ShortfallFTE, want[i]-500) {
			t.Errorf("%d: demand %g shortfall %g, want %g %g", y, row.DemandFTE, row.ShortfallFTE, want[i], want[i]-500)
		}
	}
}

func TestIntakeCappedByPlaces(t *testing.T) {
	r := emptyRegion()
	withProgramme(r, Mbo4, BBL, Ziekenhuizen, Programme{
		DurationYears: 2, Dropout: []float64{0.1, 0.1}, SectorYield: 1, Candidates: 200,
		PlaceUse: 1, EntryAge: 25, ProductiveFTE: 0.5, Enrolled: []float64{50, 40},
	})
	r.Trainers = []Trainer{{Name: "zh", Branch: Ziekenhuizen, CareFTE: 1000, Places: placesAt(Mbo4, BBL, 100)}}
	res := run(t, r, nil, 2)
	// Base year: 90 students (data). Next year 50 x 0.9 = 45 continue, so
	// 100 places leave room for 55 of the 200 candidates.
	e1 := res.Education[1]
	if !near(e1.Intake, 55) || !near(e1.PlaceCapacity, 55) || !near(e1.Students, 100) {
		t.Errorf("year 2: %+v, want intake 55 of capacity 55, 100 students", e1)
	}
	// BBL students add 0.5 FTE each to supply where their places are.
	if got := res.Row(2025, Ziekenhuizen, Mbo4).SupplyFTE; !near(got, 45) {
		t.Errorf("base-year supply %g, want 90 students x 0.5 = 45", got)
	}
	var places int
	for _, w := range res.Warnings {
		if _, ok := w.(PlacesCapWarning); ok {
			places++
		}
	}
	if places != 1 {
		t.Errorf("warnings %v, want one about places", res.Warnings)
	}
}

func placesAt(l Level, rt Route, n float64) (p [NumLevels][NumRoutes]float64) {
	p[l][rt] = n
	return p
}

func TestMobilityKeepsRegionalTotal(t *testing.T) {
	r := emptyRegion()
	r.Cells[VVT][Mbo3].Headcount[30-MinAge] = 1000
	r.Cells[VVT][Mbo3].MobilityRate = 0.1
	r.Cells[Ziekenhuizen][Mbo3].Headcount[50-MinAge] = 500
	r.Cells[Ziekenhuizen][Mbo3].MobilityAttraction = 1
	res := run(t, r, nil, 2)
	// 100 move from VVT to hospitals in the first year, 90 in the second.
	if v, z := res.Row(2026, VVT, Mbo3).Headcount, res.Row(2026, Ziekenhuizen, Mbo3).Headcount; !near(v, 900) || !near(z, 600) {
		t.Errorf("after a year: VVT %g hospitals %g, want 900 600", v, z)
	}
	if tot := res.Total(2027).Headcount; !near(tot, 1500) {
		t.Errorf("regional total %g, want 1500", tot)
	}
}

// randomRegion builds a region with every flow switched on and outflow
// rates per age band, as region files and workbooks give them.
func randomRegion(seed uint64) *Region {
	r := randomAgeRegion(seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	for b := range r.Cells {
		for l := range r.Cells[b] {
			var rates [NumAgeBands]float64
			for k := range rates {
				rates[k] = 0.03 + 0.15*rng.Float64()
			}
			r.Cells[b][l].OtherOutflowRate = BandRates(rates)
		}
	}
	return r
}

// randomAgeRegion builds a region with every flow switched on and an
// outflow rate of its own for every age.
func randomAgeRegion(seed uint64) *Region {
	rng := rand.New(rand.NewPCG(seed, 1))
	r := emptyRegion()
	r.StayPastPension, r.AbsenceRate = 0.1, 0.07
	for l := range Level(NumLevels) {
		for b := range Branch(NumBranches) {
			c := &r.Cells[b][l]
			for a := 18 - MinAge; a < 67-MinAge; a++ {
				c.Headcount[a] = 5 + 20*rng.Float64()
				c.OtherOutflowRate[a] = 0.03 + 0.15*rng.Float64()
			}
			c.PartTimeFactor = 0.5 + 0.4*rng.Float64()
			c.MobilityRate = 0.05 * rng.Float64()
			c.MobilityAttraction = 1.0 / NumBranches
			c.GraduateShare = 1.0 / NumBranches
			c.DemandGrowth = 0.03 * rng.Float64()
			c.OpenVacanciesFTE = 30 * rng.Float64()
			c.LateralEntry, c.Returners = 10*rng.Float64(), 5*rng.Float64()
		}
		for rt := range Route(NumRoutes) {
			if !ValidProgramme(l, rt) {
				continue
			}
			n := 2 + rng.IntN(3)
			p := Programme{DurationYears: n, SectorYield: 0.5 + 0.4*rng.Float64(), Candidates: 100 + 200*rng.Float64(),
				CandidateGrowth: 0.01, PlaceUse: 0.5 + 0.5*rng.Float64(), EntryAge: 20 + rng.IntN(10)}
			if rt.WorkBased() {
				p.ProductiveFTE = 0.4
			}
			for range n {
				p.Dropout = append(p.Dropout, 0.05+0.15*rng.Float64())
			}
			p.Enrolled = SteadyStateEnrolment(p.Candidates*0.8, p.Dropout)
			r.Programmes[l][rt] = p
		}
	}
	for b := range Branch(NumBranches) {
		t := Trainer{Name: b.String(), Branch: b, CareFTE: 500}
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				if r.Programmes[l][rt].DurationYears > 0 {
					t.Places[l][rt] = 30 * rng.Float64()
				}
			}
		}
		r.Trainers = append(r.Trainers, t)
	}
	r.Training = TrainingConventions{StudentHours: [NumRoutes]float64{800, 800, 600, 800}, PlaceHours: [NumRoutes]float64{1440, 1280, 1440, 1280}}
	return r
}

func allLevers(start int) []Lever {
	return []Lever{
		{Kind: BOLToBBL, Size: 0.3, Start: start, Horizon: Lang},
		{Kind: LargerContracts, Size: 2, Start: start, Horizon: Middellang},
		{Kind: TrainingQuota, Size: 15, Start: start, Horizon: Lang},
		{Kind: IntakeGrowth, Size: 0.1, Start: start, Horizon: Kort},
		{Kind: StudyYield, Size: 0.2, Start: start, Horizon: Middellang},
		{Kind: SectorYield, Size: 0.05, Start: start, Horizon: Middellang},
		{Kind: Retention, Size: 0.1, Start: start, Horizon: Middellang},
		{Kind: LateralEntry, Size: 300, Start: start, Horizon: Kort},
		{Kind: LaterRetirement, Size: 0.2, Start: start, Horizon: Lang},
		{Kind: SickLeave, Size: 0.01, Start: start, Horizon: Middellang},
		{Kind: DemandReduction, Size: 0.003, Start: start, Horizon: Lang},
		{Kind: Prevention, Size: 0.05, Start: start, Horizon: Lang},
		{Kind: Productivity, Size: 0.05, Start: start, Horizon: Middellang},
		{Kind: Substitution, Size: 0.1, Start: start, Horizon: Middellang, Scope: Scope{Levels: 1 << Hbo}, To: Mbo4},
	}
}

func TestMassBalance(t *testing.T) {
	for _, tc := range []struct {
		name   string
		region *Region
		levers []Lever
	}{
		{"baseline", randomRegion(7), nil},
		{"all levers", randomRegion(7), allLevers(2026)},
		{"rate per age", randomAgeRegion(7), allLevers(2026)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.region
			res := run(t, r, tc.levers, 15)
			for y := res.From; y < res.To; y++ {
				var mobility float64
				for b := range Branch(NumBranches) {
					for l := range Level(NumLevels) {
						now, next := res.Row(y, b, l), res.Row(y+1, b, l)
						flows := now.InflowGraduates + now.InflowLateral + now.InflowReturners + now.MobilityIn -
							now.OutflowRetirement - now.OutflowOther - now.MobilityOut
						if d := next.Headcount - now.Headcount; math.Abs(d-flows) > 1e-9*now.Headcount {
							t.Fatalf("%d %s %s: stock change %g, flows %g", y, b, l, d, flows)
						}
						mobility += now.MobilityIn - now.MobilityOut
					}
				}
				if math.Abs(mobility) > 1e-9 {
					t.Errorf("%d: net mobility %g, want 0", y, mobility)
				}
			}
		})
	}
}

func TestEducationBalance(t *testing.T) {
	r := randomRegion(3)
	res := run(t, r, allLevers(2026), 12)
	byProg := map[[2]int][]EducationRow{}
	for _, e := range res.Education {
		k := [2]int{int(e.Level), int(e.Route)}
		byProg[k] = append(byProg[k], e)
	}
	for k, rows := range byProg {
		for i := 0; i+1 < len(rows); i++ {
			// students next year = students - dropouts - graduates + next intake
			want := rows[i].Students - rows[i].Dropouts - rows[i].Graduates + rows[i+1].Intake
			if !scalar.EqualWithinAbsOrRel(rows[i+1].Students, want, 1e-9, 1e-9) {
				t.Errorf("%v year %d: students %g, want %g", k, rows[i+1].Year, rows[i+1].Students, want)
			}
			if rows[i+1].Intake > rows[i+1].Candidates+1e-9 || rows[i+1].PlaceCapped && rows[i+1].Intake > rows[i+1].PlaceCapacity+1e-9 {
				t.Errorf("%v year %d: intake %g above candidates %g or capacity %g", k, rows[i+1].Year, rows[i+1].Intake, rows[i+1].Candidates, rows[i+1].PlaceCapacity)
			}
		}
	}
}

// A lever of size zero changes nothing, and a very small one changes
// little and in proportion to its size: the effect's formula, not a skip
// of zero sizes, makes a zero lever a no-op. (The property tests also run
// zero-size levers against the reference, which skips nothing.)
func TestZeroLeversChangeNothing(t *testing.T) {
	for _, lv := range allLevers(2027) {
		t.Run(lv.Kind.String(), func(t *testing.T) {
			r := randomRegion(11)
			if lv.Kind == IntakeGrowth {
				// Places hold intake back in this region: more candidates
				// change nothing unless intake is not capped.
				for l := range r.Programmes {
					for rt := range r.Programmes[l] {
						r.Programmes[l][rt].PlaceUse = 0
					}
				}
			}
			base := run(t, r, nil, 15)
			size := lv.Size
			lv.Size = 0
			got := run(t, r, []Lever{lv}, 15)
			for i := range base.Rows {
				if got.Rows[i] != base.Rows[i] {
					t.Fatalf("size 0: row %d: %+v, want %+v", i, got.Rows[i], base.Rows[i])
				}
			}
			// Sizes of a millionth and two millionths of the lever's usual
			// size: the change from the baseline doubles (to first order)
			// and is small. An effect with a part that does not vanish with
			// the size fails both.
			eps := 1e-6 * size
			lv.Size = eps
			one := run(t, r, []Lever{lv}, 15)
			lv.Size = 2 * eps
			two := run(t, r, []Lever{lv}, 15)
			moved := 0
			for i := range base.Rows {
				b, g1, g2 := &base.Rows[i], &one.Rows[i], &two.Rows[i]
				for _, f := range []struct {
					name      string
					b, g1, g2 float64
				}{
					{"supply", b.SupplyFTE, g1.SupplyFTE, g2.SupplyFTE}, {"demand", b.DemandFTE, g1.DemandFTE, g2.DemandFTE},
					{"headcount", b.Headcount, g1.Headcount, g2.Headcount}, {"students", b.Students, g1.Students, g2.Students},
					{"inflow", b.InflowLateral + b.InflowReturners + b.InflowGraduates, g1.InflowLateral + g1.InflowReturners + g1.InflowGraduates,
						g2.InflowLateral + g2.InflowReturners + g2.InflowGraduates},
				} {
					d1, d2 := f.g1-f.b, f.g2-f.b
					if d1 != 0 {
						moved++
					}
					if math.Abs(d1) > 1e-3*(1+math.Abs(f.b)) || math.Abs(d2-2*d1) > 1e-3*math.Abs(d2)+1e-9*(1+math.Abs(f.b)) {
						t.Fatalf("%d %s %s %s: %g at size 0, %g at %g, %g at %g; want a change that vanishes with the size",
							b.Year, b.Branch, b.Level, f.name, f.b, f.g1, eps, f.g2, 2*eps)
					}
				}
			}
			// The opleidingsquote's size is a target: one of 0.000015 is below
			// every trainer's quota and adds no places.
			if lv.Kind != TrainingQuota && moved == 0 {
				t.Errorf("a size of %g changed nothing; want the lever to act in this region", eps)
			}
		})
	}
}

func TestRamp(t *testing.T) {
	tests := []struct {
		h    Horizon
		want []float64 // from the start year on
	}{
		{Kort, []float64{0, 1, 1}},
		{Middellang, []float64{0, 1.0 / 3, 2.0 / 3, 1, 1}},
		{Lang, []float64{0, 0.2, 0.4, 0.6, 0.8, 1, 1}},
	}
	for _, tt := range tests {
		lv := Lever{Start: 2030, Horizon: tt.h}
		if got := lv.Ramp(2029); got != 0 {
			t.Errorf("%s: before start %g, want 0", tt.h, got)
		}
		for i, w := range tt.want {
			if got := lv.Ramp(2030 + i); !near(got, w) {
				t.Errorf("%s year %d: %g, want %g", tt.h, i, got, w)
			}
		}
	}
}

func TestOptionsYears(t *testing.T) {
	r := emptyRegion()
	for _, o := range []Options{{From: 2024}, {From: 2030, To: 2029}} {
		if _, err := Run(r, nil, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	res, err := Run(r, nil, Options{From: 2027, To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 4*NumBranches*NumLevels || res.Rows[0].Year != 2027 {
		t.Errorf("got %d rows from %d, want %d from 2027", len(res.Rows), res.Rows[0].Year, 4*NumBranches*NumLevels)
	}
}

func TestEarlyPensionAge(t *testing.T) {
	for _, p := range []int{58, 60, 61, 62} {
		r := emptyRegion()
		r.PensionAge = p
		c := &r.Cells[VVT][Mbo3]
		for a := 50; a < p; a++ {
			c.Headcount[a-MinAge] = 10
		}
		for a := range c.OtherOutflowRate {
			c.OtherOutflowRate[a] = 0.1
		}
		res := run(t, r, nil, 1)
		row := res.Row(2025, VVT, Mbo3)
		// Everyone loses 10%; of those aged p-1 the 9 survivors retire.
		n := float64(p - 50)
		if !near(row.OutflowOther, n) || !near(row.OutflowRetirement, 9) || !near(res.Row(2026, VVT, Mbo3).Headcount, 9*n-9) {
			t.Errorf("pension age %d: other %g retired %g next %g, want %g 9 %g", p, row.OutflowOther, row.OutflowRetirement, res.Row(2026, VVT, Mbo3).Headcount, n, 9*n-9)
		}
	}
}

func TestEarlyRetirement(t *testing.T) {
	r := emptyRegion()
	r.EarlyRetirementRate = 0.1
	c := &r.Cells[VVT][Mbo4]
	c.Headcount[62-MinAge] = 100
	c.Headcount[50-MinAge] = 100
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.05
	}
	res := run(t, r, []Lever{{Kind: LaterRetirement, Size: 0.5, Start: 2026, Horizon: Kort}}, 3)
	// 2025: the 62-year-olds lose 5 to other outflow and 10 to early
	// retirement; the 50-year-olds lose 5. 2026: 85 x 0.1 retire early.
	// 2027: the lever halves early retirement: 72.25 x 0.05 retire.
	want := []struct{ other, retired, head float64 }{{10, 10, 200}, {0.05 * 180, 0.1 * 85, 180},
		{0.05 * (72.25 + 90.25), 0.05 * 72.25, 180 - 9 - 8.5}, {0, 0, 162.5 - 0.05*162.5 - 0.05*72.25}}
	for i, y := range res.Years() {
		row := res.Row(y, VVT, Mbo4)
		if i < 3 && (!near(row.OutflowOther, want[i].other) || !near(row.OutflowRetirement, want[i].retired)) || !near(row.Headcount, want[i].head) {
			t.Errorf("%d: other %g retired %g head %g, want %+v", y, row.OutflowOther, row.OutflowRetirement, row.Headcount, want[i])
		}
	}
}

func TestIntakePlanOverridesCandidatesAndPlaces(t *testing.T) {
	r := emptyRegion()
	withProgramme(r, Mbo4, BBL, Ziekenhuizen, Programme{
		DurationYears: 2, Dropout: []float64{0.1, 0.1}, SectorYield: 1, Candidates: 50,
		PlaceUse: 1, EntryAge: 25, Enrolled: []float64{50, 40},
	})
	r.Trainers = []Trainer{{Name: "zh", Branch: Ziekenhuizen, CareFTE: 1000, Places: placesAt(Mbo4, BBL, 60)}}
	plan := &IntakePlan{From: 2027}
	plan.Set[Mbo4][BBL], plan.PerYear[Mbo4][BBL] = true, 200
	res, err := Run(r, nil, Options{To: 2028, Intake: plan})
	if err != nil {
		t.Fatal(err)
	}
	// 2026: capped by 60 places with 45 continuing -> 15. 2027: the plan's
	// 200, with 15 x 0.9 = 13.5 continuing: 213.5 places needed.
	if e := res.Education[1]; !near(e.Intake, 15) {
		t.Errorf("2026 intake %g, want 15", e.Intake)
	}
	if e := res.Education[2]; !near(e.Intake, 200) || !near(e.Places, 213.5) {
		t.Errorf("2027: intake %g places %g, want 200 and 213.5", e.Intake, e.Places)
	}
	bad := &IntakePlan{From: 2027}
	bad.Set[Hbo][HboDuaal], bad.PerYear[Hbo][HboDuaal] = true, 10
	if _, err := Run(r, nil, Options{Intake: bad}); err == nil {
		t.Error("a plan for a programme the region does not run was accepted")
	}
}

// When everyone in a run of ages leaves (a rate of 1), the model folds the
// vanished scale away and later arrivals are counted normally.
func TestEverybodyLeaves(t *testing.T) {
	r := emptyRegion()
	c := &r.Cells[Jeugdzorg][Hbo]
	c.Headcount[30-MinAge] = 100
	c.Headcount[50-MinAge] = 10
	for a := 25 - MinAge; a < 40-MinAge; a++ {
		c.OtherOutflowRate[a] = 1
	}
	c.LateralEntry = 7 // join at 35, and leave the next year
	res := run(t, r, nil, 3)
	want := []struct{ head, other float64 }{{110, 100}, {17, 7}, {17, 7}, {17, 7}}
	for i, y := range res.Years() {
		row := res.Row(y, Jeugdzorg, Hbo)
		if !near(row.Headcount, want[i].head) || !near(row.OutflowOther, want[i].other) {
			t.Errorf("%d: headcount %g other %g, want %+v", y, row.Headcount, row.OutflowOther, want[i])
		}
	}
}
