package forecast

import "testing"

// tinyRegion is one cell, VVT mbo3: 1,000 people aged 40 in 2025, 10%
// other outflow at every age, part-time factor 0.5, demand growing 2% a
// year, 50 FTE open, pension at 67 (20% stay on, half of them stop a
// year), no inflow. Its baseline headcount is 1000, 900, 810, 729 in
// 2025-2028.
func tinyRegion() *Region {
	r := emptyRegion()
	r.StayPastPension, r.PastPensionOutflow = 0.2, 0.5
	r.SectorYieldPerContractHour = 0.01
	c := &r.Cells[VVT][Mbo3]
	c.Headcount[40-MinAge] = 1000
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.1
	}
	c.PartTimeFactor, c.DemandGrowth, c.OpenVacanciesFTE = 0.5, 0.02, 50
	return r
}

// tinyProgrammes adds mbo3 on BOL (2 years, dropout 20% and 25%, sector
// yield 0.4, 200 candidates a year, no place cap, base-year enrolment
// 200 and 160) and on BBL (2 years, dropout 10% and 20%, sector yield 0.5,
// one place per student, 0.5 FTE of work each, enrolment 50 and 40), all
// graduates to VVT; VVT's one trainer offers 100 BBL places on 1,000 care
// FTE, a BBL place being one training FTE (1,280 of 1,280 hours): a quota
// of 10. BOL's pipeline is in steady state: 200 start, 160 reach the
// second year, 120 graduate, every year.
func tinyProgrammes(r *Region, bblCandidates float64) *Region {
	r.Programmes[Mbo3][BOL] = Programme{DurationYears: 2, Dropout: []float64{0.2, 0.25}, SectorYield: 0.4,
		Candidates: 200, EntryAge: 19, Enrolled: []float64{200, 160}}
	r.Programmes[Mbo3][BBL] = Programme{DurationYears: 2, Dropout: []float64{0.1, 0.2}, SectorYield: 0.5,
		Candidates: bblCandidates, PlaceUse: 1, EntryAge: 20, ProductiveFTE: 0.5, Enrolled: []float64{50, 40}}
	r.Cells[VVT][Mbo3].GraduateShare = 1
	r.Trainers = []Trainer{{Name: "vvt", Branch: VVT, CareFTE: 1000, Places: placesAt(Mbo3, BBL, 100)}}
	r.Training = TrainingConventions{StudentHours: [NumRoutes]float64{800, 1280, 800, 1280}, PlaceHours: [NumRoutes]float64{1440, 1280, 1440, 1280}}
	return r
}

// onRamp is a lever of the kind starting in 2026 and ramping in over two
// years: no effect in 2025 and 2026, half its size in 2027, all of it
// from 2028.
func onRamp(k LeverKind, size float64) Lever {
	return Lever{Kind: k, Size: size, Start: 2026, HorizonYears: 2}
}

// Every lever kind on a tiny region, at half its size (2027, on the ramp)
// and at its full size (2028), against numbers worked by hand.
func TestLeversByHand(t *testing.T) {
	tests := []struct {
		name   string
		region func() *Region
		levers []Lever
		check  func(t *testing.T, res *Result)
	}{
		{"behoud", tinyRegion, []Lever{onRamp(Retention, 0.2)}, func(t *testing.T, res *Result) {
			// 2026: 900 x 0.1 = 90 leave (no effect yet). 2027: 10% less
			// outflow: 810 x 0.1 x 0.9 = 72.9. 2028: 20% less: 737.1 x 0.1 x
			// 0.8 = 58.968.
			expect(t, "other outflow 2026", res.Row(2026, VVT, Mbo3).OutflowOther, 90)
			expect(t, "other outflow 2027", res.Row(2027, VVT, Mbo3).OutflowOther, 72.9)
			expect(t, "headcount 2028", res.Row(2028, VVT, Mbo3).Headcount, 737.1)
			expect(t, "other outflow 2028", res.Row(2028, VVT, Mbo3).OutflowOther, 58.968)
			expect(t, "headcount 2029", res.Row(2029, VVT, Mbo3).Headcount, 678.132)
		}},
		{"grotere-contracten, contracts", tinyRegion, []Lever{onRamp(LargerContracts, 3.6)}, func(t *testing.T, res *Result) {
			// 2027: 1.8 hours more, part-time factor 0.5 + 1.8/36 = 0.55:
			// 810 x 0.55 = 445.5 FTE. 2028: 0.6, 729 x 0.6 = 437.4 FTE.
			// Demand does not change: 550 x 1.02^3 = 583.6644 in 2028.
			expect(t, "FTE 2026", res.Row(2026, VVT, Mbo3).WorkforceFTE, 450)
			expect(t, "FTE 2027", res.Row(2027, VVT, Mbo3).WorkforceFTE, 445.5)
			expect(t, "supply 2028", res.Row(2028, VVT, Mbo3).SupplyFTE, 437.4)
			expect(t, "demand 2028", res.Row(2028, VVT, Mbo3).DemandFTE, 583.6644)
			// Shortfall in headcount at this year's FTE per person:
			// (583.6644 - 437.4) / 0.6.
			expect(t, "shortfall headcount 2028", res.Row(2028, VVT, Mbo3).ShortfallHeadcount, (583.6644-437.4)/0.6)
		}},
		{"grotere-contracten, sector yield of two levers", func() *Region { return tinyProgrammes(tinyRegion(), 0) },
			[]Lever{onRamp(LargerContracts, 1.8), onRamp(LargerContracts, 1.8)}, func(t *testing.T, res *Result) {
				// BOL graduates 120 a year. Two levers of 1.8 hours add up to
				// 3.6: 2027 1.8 hours, sector yield 0.4 + 1.8 x 0.01 = 0.418,
				// 50.16 hired; 2028 3.6 hours, 0.436, 52.32 hired.
				expect(t, "BOL hired 2026", eduRow(res, 2026, Mbo3, BOL).GraduatesHired, 48)
				expect(t, "BOL hired 2027", eduRow(res, 2027, Mbo3, BOL).GraduatesHired, 50.16)
				expect(t, "BOL hired 2028", eduRow(res, 2028, Mbo3, BOL).GraduatesHired, 52.32)
				// BBL: no candidates; the 2025 first-years graduate in 2026:
				// 50 x 0.9 x 0.8 = 36, at 0.5: 18. None after.
				expect(t, "BBL hired 2026", eduRow(res, 2026, Mbo3, BBL).GraduatesHired, 18)
				expect(t, "inflow of graduates 2028", res.Row(2028, VVT, Mbo3).InflowGraduates, 52.32)
			}},
		{"opleidingsquote", func() *Region {
			r := tinyProgrammes(tinyRegion(), 200)
			// A second trainer, in GGZ, already above 15: 20 places on
			// 100 care FTE, a quota of 20.
			r.Trainers = append(r.Trainers, Trainer{Name: "ggz", Branch: GGZ, CareFTE: 100, Places: placesAt(Mbo3, BBL, 20)})
			return r
		}, []Lever{onRamp(TrainingQuota, 15)}, func(t *testing.T, res *Result) {
			// VVT's trainer lacks 5 training FTE per 100 care FTE: 50 FTE,
			// 50 BBL places. 2027 half: 120 + 25 = 145 places; 2028: 170.
			// BBL intake fills the places: 2026 120 - 45 continuing = 75;
			// 2027 145 - 67.5 = 77.5; 2028 170 - 69.75 = 100.25.
			for _, w := range []struct {
				y              int
				places, intake float64
				vvt, ggz       float64 // students hosted
			}{
				{2026, 120, 75, 100, 20},
				{2027, 145, 77.5, 125, 20},
				{2028, 170, 100.25, 150, 20},
			} {
				e := eduRow(res, w.y, Mbo3, BBL)
				expect(t, "BBL places", e.Places, w.places)
				expect(t, "BBL intake", e.Intake, w.intake)
				// Every place is used, so each branch hosts as many BBL
				// students as it has places this year; BOL students (no
				// places) are hosted where the graduates go, VVT.
				expect(t, "VVT students", res.Row(w.y, VVT, Mbo3).Students, w.vvt+360)
				expect(t, "GGZ students", res.Row(w.y, GGZ, Mbo3).Students, w.ggz)
				expect(t, "VVT student FTE", res.Row(w.y, VVT, Mbo3).StudentFTE, w.vvt*0.5)
				expect(t, "GGZ supply", res.Row(w.y, GGZ, Mbo3).SupplyFTE, w.ggz*0.5)
			}
			// BBL graduates of 2028: the 77.5 who started in 2027, 69.75 in
			// their second year, 80% graduating: 55.8, of whom GGZ hosts
			// 20/170.
			expect(t, "GGZ graduates 2028", res.Row(2028, GGZ, Mbo3).Graduates, 55.8*20/170)
		}},
		{"instroom", func() *Region { return tinyProgrammes(tinyRegion(), 0) }, []Lever{onRamp(IntakeGrowth, 0.5)}, func(t *testing.T, res *Result) {
			// BOL candidates 200 x 1.25 = 250 in 2027, x 1.5 = 300 in 2028;
			// BOL has no place cap, so all start. BBL has no candidates.
			expect(t, "BOL intake 2027", eduRow(res, 2027, Mbo3, BOL).Intake, 250)
			expect(t, "BOL intake 2028", eduRow(res, 2028, Mbo3, BOL).Intake, 300)
			expect(t, "BOL students 2028", eduRow(res, 2028, Mbo3, BOL).Students, 300+250*0.8)
			expect(t, "BBL candidates 2028", eduRow(res, 2028, Mbo3, BBL).Candidates, 0)
		}},
		{"studierendement", func() *Region { return tinyProgrammes(tinyRegion(), 0) }, []Lever{onRamp(StudyYield, 0.5)}, func(t *testing.T, res *Result) {
			// 2027: dropout a quarter lower, 0.15 and 0.1875: 160 second-years
			// (from 2026, no effect then) graduate 160 x 0.8125 = 130;
			// dropouts 200 x 0.15 + 160 x 0.1875 = 60. 2028: half lower,
			// 0.1 and 0.125: the 200 of 2027 reached the second year at
			// 0.85: 170, of whom 148.75 graduate.
			expect(t, "BOL graduates 2027", eduRow(res, 2027, Mbo3, BOL).Graduates, 130)
			expect(t, "BOL dropouts 2027", eduRow(res, 2027, Mbo3, BOL).Dropouts, 60)
			expect(t, "BOL graduates 2028", eduRow(res, 2028, Mbo3, BOL).Graduates, 148.75)
			expect(t, "BOL hired 2028", eduRow(res, 2028, Mbo3, BOL).GraduatesHired, 148.75*0.4)
		}},
		{"sectorrendement", func() *Region { return tinyProgrammes(tinyRegion(), 0) }, []Lever{onRamp(SectorYield, 0.1)}, func(t *testing.T, res *Result) {
			// 120 BOL graduates a year at 0.4 + 0.05 in 2027, + 0.1 in 2028.
			expect(t, "BOL hired 2027", eduRow(res, 2027, Mbo3, BOL).GraduatesHired, 54)
			expect(t, "BOL hired 2028", eduRow(res, 2028, Mbo3, BOL).GraduatesHired, 60)
			// The hired join VVT a year later and leave at 10% a year: 48
			// BOL and 16 BBL (40 x 0.8 x 0.5) hired in 2025, 48 and 18 in
			// 2026, 54 and none in 2027.
			expect(t, "headcount 2028", res.Row(2028, VVT, Mbo3).Headcount, 729+64*0.81+66*0.9+54)
		}},
		{"zij-instroom", func() *Region {
			r := tinyRegion()
			r.Cells[VVT][Mbo3].LateralEntry, r.Cells[VVT][Mbo3].Returners = 30, 10
			// GGZ mbo3: 3,000 people, no lateral entrants or returners of
			// its own.
			r.Cells[GGZ][Mbo3].Headcount[50-MinAge] = 3000
			return r
		}, []Lever{onRamp(LateralEntry, 100)}, func(t *testing.T, res *Result) {
			// The 100 go by base-year headcount: VVT 1000/4000 = 25, GGZ 75.
			// VVT splits its share 30:10 like its own inflow; GGZ has none,
			// so all are lateral entrants. 2027 half, 2028 all.
			expect(t, "VVT lateral 2026", res.Row(2026, VVT, Mbo3).InflowLateral, 30)
			expect(t, "VVT lateral 2027", res.Row(2027, VVT, Mbo3).InflowLateral, 30+12.5*0.75)
			expect(t, "VVT returners 2027", res.Row(2027, VVT, Mbo3).InflowReturners, 10+12.5*0.25)
			expect(t, "VVT lateral 2028", res.Row(2028, VVT, Mbo3).InflowLateral, 30+25*0.75)
			expect(t, "VVT returners 2028", res.Row(2028, VVT, Mbo3).InflowReturners, 10+25*0.25)
			expect(t, "GGZ lateral 2027", res.Row(2027, GGZ, Mbo3).InflowLateral, 37.5)
			expect(t, "GGZ lateral 2028", res.Row(2028, GGZ, Mbo3).InflowLateral, 75)
			expect(t, "GGZ returners 2028", res.Row(2028, GGZ, Mbo3).InflowReturners, 0)
			// GGZ has no outflow: 3000 plus the 37.5 of 2027.
			expect(t, "GGZ headcount 2028", res.Row(2028, GGZ, Mbo3).Headcount, 3037.5)
		}},
		{"later-pensioen", func() *Region {
			r := emptyRegion()
			r.StayPastPension, r.PastPensionOutflow, r.EarlyRetirementRate = 0.2, 0.5, 0.1
			c := &r.Cells[VVT][Mbo3]
			c.Headcount[63-MinAge], c.Headcount[64-MinAge] = 100, 100
			return r
		}, []Lever{onRamp(LaterRetirement, 0.5)}, func(t *testing.T, res *Result) {
			// No other outflow; early retirement 10% from 60.
			// 2025: 10 + 10 retire early; 90 at 64 and 90 at 65 go on.
			// 2026: 9 + 9; 81 at 65 and 81 at 66.
			// 2027, a quarter kept: early retirement 7.5%, 6.075 + 6.075; of
			// the 74.925 reaching 67, 0.2 + 0.8 x 0.25 = 0.4 stay: 29.97
			// stay, 44.955 retire. Retired 12.15 + 44.955 = 57.105.
			// 2028, half kept: early retirement 5%, 3.74625 of the 74.925
			// at 66; of the 71.17875 reaching 67, 0.2 + 0.8 x 0.5 = 0.6 stay
			// (42.70725), 28.4715 retire; the 29.97 at 67 stop at half:
			// 14.985. 2029: 42.70725 + 14.985 at 67-68.
			want := []struct{ retired, head float64 }{
				{20, 200}, {18, 180}, {57.105, 162}, {3.74625 + 28.4715 + 14.985, 74.925 + 29.97}, {0, 42.70725 + 14.985},
			}
			for i, w := range want {
				row := res.Row(2025+i, VVT, Mbo3)
				expect(t, "headcount", row.Headcount, w.head)
				if i < len(want)-1 {
					expect(t, "retired", row.OutflowRetirement, w.retired)
				}
			}
		}},
		{"verzuim", func() *Region {
			r := tinyRegion()
			r.AbsenceRate = 0.08
			return r
		}, []Lever{onRamp(SickLeave, 0.02)}, func(t *testing.T, res *Result) {
			// Availability (1 - 0.07) / (1 - 0.08) in 2027, (1 - 0.06) /
			// (1 - 0.08) in 2028, on 810 x 0.5 and 729 x 0.5 FTE.
			expect(t, "supply 2026", res.Row(2026, VVT, Mbo3).SupplyFTE, 450)
			expect(t, "supply 2027", res.Row(2027, VVT, Mbo3).SupplyFTE, 405*0.93/0.92)
			expect(t, "supply 2028", res.Row(2028, VVT, Mbo3).SupplyFTE, 364.5*0.94/0.92)
			expect(t, "workforce FTE 2028", res.Row(2028, VVT, Mbo3).WorkforceFTE, 364.5)
			// Shortfall in headcount: per person 0.5 x availability.
			expect(t, "shortfall headcount 2028", res.Row(2028, VVT, Mbo3).ShortfallHeadcount,
				(583.6644-364.5*0.94/0.92)/(0.5*0.94/0.92))
		}},
		{"vraag", tinyRegion, []Lever{onRamp(DemandReduction, 0.01)}, func(t *testing.T, res *Result) {
			// D 550, then 1.02, 1.015 (half a point less), 1.01.
			expect(t, "demand 2026", res.Row(2026, VVT, Mbo3).DemandFTE, 561)
			expect(t, "demand 2027", res.Row(2027, VVT, Mbo3).DemandFTE, 569.415)
			expect(t, "demand 2028", res.Row(2028, VVT, Mbo3).DemandFTE, 575.10915)
			expect(t, "shortfall 2028", res.Row(2028, VVT, Mbo3).ShortfallFTE, 575.10915-364.5)
		}},
		{"bol-naar-bbl", func() *Region { return tinyProgrammes(tinyRegion(), 0) }, []Lever{onRamp(BOLToBBL, 0.5)}, func(t *testing.T, res *Result) {
			// 2027: a quarter of BOL's 200 candidates, 50, move to BBL, with
			// places for them in both BBL years: 50 x (1 + 0.9); 2028: half,
			// 100, places 100 x 1.9. BBL had no candidates of its own, and
			// nobody continuing in 2027; in 2028 45 continue.
			expect(t, "BOL candidates 2027", eduRow(res, 2027, Mbo3, BOL).Candidates, 150)
			expect(t, "BBL candidates 2027", eduRow(res, 2027, Mbo3, BBL).Candidates, 50)
			expect(t, "BBL places 2027", eduRow(res, 2027, Mbo3, BBL).Places, 195)
			expect(t, "BBL intake 2027", eduRow(res, 2027, Mbo3, BBL).Intake, 50)
			expect(t, "BOL intake 2028", eduRow(res, 2028, Mbo3, BOL).Intake, 100)
			expect(t, "BBL places 2028", eduRow(res, 2028, Mbo3, BBL).Places, 290)
			expect(t, "BBL intake 2028", eduRow(res, 2028, Mbo3, BBL).Intake, 100)
			expect(t, "BBL capacity 2028", eduRow(res, 2028, Mbo3, BBL).PlaceCapacity, 245)
			// BBL students work half time: 2028 145 students, 72.5 FTE, in
			// VVT, which hosts all places.
			expect(t, "student FTE 2028", res.Row(2028, VVT, Mbo3).StudentFTE, 72.5)
		}},
		{"productiviteit", tinyRegion, []Lever{onRamp(Productivity, 0.2)}, func(t *testing.T, res *Result) {
			// D 550 x 1.02^t: 561 in 2026 (no effect yet); 572.22 x 0.9 in
			// 2027; 583.6644 x 0.8 in 2028. Supply does not change.
			expect(t, "demand 2026", res.Row(2026, VVT, Mbo3).DemandFTE, 561)
			expect(t, "demand 2027", res.Row(2027, VVT, Mbo3).DemandFTE, 514.998)
			expect(t, "demand 2028", res.Row(2028, VVT, Mbo3).DemandFTE, 466.93152)
			expect(t, "supply 2028", res.Row(2028, VVT, Mbo3).SupplyFTE, 364.5)
			// Demography alone: no population, index 1, the base year's 550.
			expect(t, "demography 2028", res.Row(2028, VVT, Mbo3).DemographyDemandFTE, 550)
		}},
		{"preventie", func() *Region {
			r := tinyRegion()
			// No other growth; 45% of demand unmet in 2025: D = (500 + 50)
			// / 0.55 = 1000. Inhabitants 100, 600, 100, 60, 20 in 2025, the
			// 75-84 growing by 5 a year to 110 in 2035; VVT's use 0, 1, 4,
			// 12, 40 per inhabitant: 2,520 units of care in 2025.
			r.Cells[VVT][Mbo3].DemandGrowth, r.Cells[VVT][Mbo3].UnmetDemand = 0, 0.45
			r.Population = &Population{Years: []int{2025, 2035}, Count: [][NumAgeGroups]float64{{100, 600, 100, 60, 20}, {100, 600, 100, 110, 20}}}
			for b := range r.CareUse {
				r.CareUse[b] = [NumAgeGroups]float64{0, 1, 4, 12, 40}
			}
			return r
		}, []Lever{{Kind: Prevention, Size: 0.5, Start: 2026, HorizonYears: 2, Scope: Scope{AgeGroups: 1 << Age85Plus}}}, func(t *testing.T, res *Result) {
			// 2027: 70 at 75-84, 2,640 units, 85+ a quarter less: 2,440.
			// 2028: 75 at 75-84, 2,700 units, 85+ half less: 2,300.
			expect(t, "demand 2025", res.Row(2025, VVT, Mbo3).DemandFTE, 1000)
			expect(t, "demand 2026", res.Row(2026, VVT, Mbo3).DemandFTE, 1000*2580.0/2520)
			expect(t, "demand 2027", res.Row(2027, VVT, Mbo3).DemandFTE, 1000*2440.0/2520)
			expect(t, "demand 2028", res.Row(2028, VVT, Mbo3).DemandFTE, 1000*2300.0/2520)
			// The index and demography alone leave prevention out.
			expect(t, "index 2028", res.Row(2028, VVT, Mbo3).DemographicIndex, 2700.0/2520)
			expect(t, "demography 2028", res.Row(2028, VVT, Mbo3).DemographyDemandFTE, 1000*2700.0/2520)
		}},
		{"taakherschikking", func() *Region {
			r := tinyRegion()
			// VVT hbo: 200 people at half time, no outflow or growth:
			// demand 100 a year.
			r.Cells[VVT][Hbo].Headcount[40-MinAge], r.Cells[VVT][Hbo].PartTimeFactor = 200, 0.5
			return r
		}, []Lever{{Kind: Substitution, Size: 0.3, Start: 2026, HorizonYears: 2, Scope: Scope{Levels: 1 << Hbo}, To: Mbo3}}, func(t *testing.T, res *Result) {
			// 2027: 15% of hbo's 100 to mbo3 (572.22); 2028: 30% (583.6644).
			expect(t, "hbo demand 2026", res.Row(2026, VVT, Hbo).DemandFTE, 100)
			expect(t, "hbo demand 2027", res.Row(2027, VVT, Hbo).DemandFTE, 85)
			expect(t, "mbo3 demand 2027", res.Row(2027, VVT, Mbo3).DemandFTE, 587.22)
			expect(t, "hbo demand 2028", res.Row(2028, VVT, Hbo).DemandFTE, 70)
			expect(t, "mbo3 demand 2028", res.Row(2028, VVT, Mbo3).DemandFTE, 613.6644)
			expect(t, "hbo shortfall 2028", res.Row(2028, VVT, Hbo).ShortfallFTE, -30)
		}},
	}
	kinds := map[LeverKind]bool{}
	for _, tt := range tests {
		for _, lv := range tt.levers {
			kinds[lv.Kind] = true
		}
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, run(t, tt.region(), tt.levers, 4))
		})
	}
	for _, k := range LeverKinds() {
		if !kinds[k] {
			t.Errorf("no hand-computed case for %s", k)
		}
	}
}
