package forecast

import (
	"math"
	"strings"
	"testing"
)

// demandRegion has 100 FTE in every cell (headcount at age 30, part-time
// factor 1, no flows), so supply stays at 100 and demand is base-year
// demand times the demand side's factors. Its population of 880 in 2025
// is held flat to 2035 unless a test changes it.
func demandRegion() *Region {
	r := emptyRegion()
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].Headcount[30-MinAge] = 100
			r.Cells[b][l].GraduateShare = 1.0 / NumBranches
		}
		// use per inhabitant 0, 1, 4, 12, 40: on the population below,
		// 0 + 600 + 400 + 720 + 800 = 2,520 units of care in the base year.
		r.CareUse[b] = [NumAgeGroups]float64{0, 1, 4, 12, 40}
	}
	base := [NumAgeGroups]float64{100, 600, 100, 60, 20}
	r.Population = &Population{Years: []int{2025, 2035}, Count: [][NumAgeGroups]float64{base, base}}
	return r
}

func TestConstantPopulationKeepsDemandFlat(t *testing.T) {
	res := run(t, demandRegion(), nil, 10)
	for _, y := range res.Years() {
		for b := range Branch(NumBranches) {
			for l := range Level(NumLevels) {
				row := res.Row(y, b, l)
				if !near(row.DemandFTE, 100) || !near(row.DemographicIndex, 1) || !near(row.DemographyDemandFTE, 100) {
					t.Fatalf("%d %s %s: demand %g, index %g, demography %g; want 100, 1, 100", y, b, l, row.DemandFTE, row.DemographicIndex, row.DemographyDemandFTE)
				}
			}
		}
	}
}

func TestDoublingOneAgeGroupRaisesDemandByItsUseShare(t *testing.T) {
	r := demandRegion()
	// 85+ doubles from 20 to 40 by 2035; VVT uses 85+ only, so VVT's demand
	// doubles; jeugdzorg uses no 85+, so it stays.
	r.Population.Count[1][Age85Plus] = 40
	r.CareUse[VVT] = [NumAgeGroups]float64{0, 0, 0, 0, 1}
	r.CareUse[Jeugdzorg] = [NumAgeGroups]float64{1, 0, 0, 0, 0}
	res := run(t, r, nil, 10)
	for _, tc := range []struct {
		b     Branch
		share float64
	}{
		{Ziekenhuizen, 800.0 / 2520}, // 20 x 40 of 2,520
		{VVT, 1},
		{Jeugdzorg, 0},
	} {
		if got := r.UseShares(tc.b)[Age85Plus]; !near(got, tc.share) {
			t.Errorf("%s: 85+ share of use %g, want %g", tc.b, got, tc.share)
		}
		for _, y := range []struct {
			year int
			frac float64 // of the doubling, linear between 2025 and 2035
		}{{2030, 0.5}, {2035, 1}} {
			for l := range Level(NumLevels) {
				row := res.Row(y.year, tc.b, l)
				want := 100 * (1 + y.frac*tc.share)
				if !near(row.DemandFTE, want) || !near(row.DemographyDemandFTE, want) {
					t.Errorf("%d %s %s: demand %g, demography %g, want %g", y.year, tc.b, l, row.DemandFTE, row.DemographyDemandFTE, want)
				}
			}
		}
	}
}

func TestDemandSplitsIntoDemographyAndOther(t *testing.T) {
	r := demandRegion()
	r.Population.Count[1] = [NumAgeGroups]float64{90, 580, 120, 90, 35}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].DemandGrowth = 0.01 * float64(b%4)
			r.Cells[b][l].OpenVacanciesFTE = float64(5 * l)
		}
	}
	r.DemandFactors[GGZ] = []DemandFactor{{"epidemiologisch", 0.10, 10, ""}, {"efficiency", -0.05, 5, ""}}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			if b == int(GGZ) {
				r.Cells[b][l].DemandGrowth = 0
			}
		}
	}
	res := run(t, r, nil, 10)
	for _, y := range res.Years() {
		tt := float64(y - r.BaseYear)
		for b := range Branch(NumBranches) {
			idx := r.DemographicIndex(b, y)
			for l := range Level(NumLevels) {
				row := res.Row(y, b, l)
				d0 := 100 + 5*float64(l)
				other := math.Pow(1+0.01*float64(b%4), tt)
				if b == GGZ {
					other = math.Pow(1.10, tt/10) * math.Pow(0.95, tt/5)
				}
				if !near(row.DemographicIndex, idx) || !near(row.DemographyDemandFTE, d0*idx) || !near(row.DemandFTE, d0*idx*other) {
					t.Fatalf("%d %s %s: index %g demography %g demand %g, want %g, %g, %g", y, b, l,
						row.DemographicIndex, row.DemographyDemandFTE, row.DemandFTE, idx, d0*idx, d0*idx*other)
				}
			}
		}
	}
	// The index by hand in 2035: (580 + 4*120 + 12*90 + 40*35) / 2520.
	if got, want := r.DemographicIndex(VVT, 2035), (580+480+1080+1400)/2520.0; !near(got, want) {
		t.Errorf("index 2035 %g, want %g", got, want)
	}
	// A sum's index is its demography over its base-year demand.
	s := res.Sum(2035, func(*Row) bool { return true })
	if !near(s.DemographicIndex, s.DemographyDemandFTE/res.Total(2025).DemandFTE) {
		t.Errorf("total's index %g, want %g", s.DemographicIndex, s.DemographyDemandFTE/res.Total(2025).DemandFTE)
	}
	// A sum of no rows has no base-year demand and an index of 0, not 0/0.
	if s := res.Sum(2035, func(*Row) bool { return false }); s.DemographicIndex != 0 {
		t.Errorf("index of no rows %g, want 0", s.DemographicIndex)
	}
}

func TestUnmetDemand(t *testing.T) {
	r := demandRegion()
	r.Cells[VVT][Mbo3].OpenVacanciesFTE = 5
	r.Cells[VVT][Mbo3].UnmetDemand = 0.05
	res := run(t, r, nil, 1)
	// (100 + 5) / (1 - 0.05) = 110.526...
	if got := res.Row(2025, VVT, Mbo3).DemandFTE; !near(got, 105/0.95) {
		t.Errorf("base demand %g, want %g", got, 105/0.95)
	}
}

func TestDemandLeversAgainstHandNumbers(t *testing.T) {
	r := demandRegion()
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].DemandGrowth = 0.02
		}
	}
	const y = 2027 // two years on: other growth 1.02^2; kort levers started in 2026 at full effect
	g := 1.02 * 1.02
	for _, tc := range []struct {
		name  string
		lever Lever
		b     Branch
		l     Level
		want  float64
	}{
		{"prevention on all groups", Lever{Kind: Prevention, Size: 0.1, Start: 2026}, VVT, Mbo3, 100 * g * 0.9},
		// 85+ is 800 of 2,520 units: 10% less of it is 80/2,520 less.
		{"prevention on 85+", Lever{Kind: Prevention, Size: 0.1, Start: 2026, Scope: Scope{AgeGroups: 1 << Age85Plus}}, VVT, Mbo3, 100 * g * (1 - 80.0/2520)},
		{"prevention elsewhere", Lever{Kind: Prevention, Size: 0.1, Start: 2026, Scope: ScopeOf([]Branch{GGZ}, nil, nil)}, VVT, Mbo3, 100 * g},
		{"productivity", Lever{Kind: Productivity, Size: 0.2, Start: 2026}, VVT, Hbo, 100 * g * 0.8},
		{"productivity half-way", Lever{Kind: Productivity, Size: 0.2, Start: 2026, Horizon: Lang}, VVT, Hbo, 100 * g * (1 - 0.2*1/5)},
		{"substitution from hbo", Lever{Kind: Substitution, Size: 0.25, Start: 2026, Scope: ScopeOf([]Branch{VVT}, []Level{Hbo}, nil), To: Mbo4}, VVT, Hbo, 100 * g * 0.75},
		{"substitution to mbo4", Lever{Kind: Substitution, Size: 0.25, Start: 2026, Scope: ScopeOf([]Branch{VVT}, []Level{Hbo}, nil), To: Mbo4}, VVT, Mbo4, 100 * g * 1.25},
		{"substitution elsewhere", Lever{Kind: Substitution, Size: 0.25, Start: 2026, Scope: ScopeOf([]Branch{VVT}, []Level{Hbo}, nil), To: Mbo4}, GGZ, Mbo4, 100 * g},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, r, []Lever{tc.lever}, 3)
			row := res.Row(y, tc.b, tc.l)
			if !near(row.DemandFTE, tc.want) {
				t.Errorf("demand %g, want %g", row.DemandFTE, tc.want)
			}
			if !near(row.DemographyDemandFTE, 100) {
				t.Errorf("demography %g, want 100: levers are other growth", row.DemographyDemandFTE)
			}
		})
	}
}

func TestSubstitutionKeepsBranchTotal(t *testing.T) {
	r := demandRegion()
	r.Population.Count[1] = [NumAgeGroups]float64{90, 580, 120, 90, 35}
	for l := range r.Cells[VVT] {
		r.Cells[VVT][l].OpenVacanciesFTE = 7 * float64(l)
	}
	levers := []Lever{
		{Kind: Substitution, Size: 0.3, Start: 2026, Horizon: Middellang, Scope: ScopeOf(nil, []Level{Hbo, WoOverig}, nil), To: Mbo4},
		{Kind: Substitution, Size: 0.9, Start: 2026, Scope: ScopeOf(nil, []Level{Hbo}, nil), To: Mbo3},
	}
	base := run(t, r, nil, 8)
	res := run(t, r, levers, 8)
	for _, y := range res.Years() {
		for b := range Branch(NumBranches) {
			in := func(row *Row) bool { return row.Branch == b }
			got, want := res.Sum(y, in).DemandFTE, base.Sum(y, in).DemandFTE
			if !near(got, want) {
				t.Fatalf("%d %s: total demand %g with substitution, %g without", y, b, got, want)
			}
		}
	}
	// hbo gives away at most all of its demand: 0.3 + 0.9 is capped at 1.
	if got := res.Row(2030, VVT, Hbo).DemandFTE; !(got >= 0) || !near(got, 0) {
		t.Errorf("hbo demand %g in 2030, want 0 (all moved)", got)
	}
}

func TestPopulationDrawScalesDemography(t *testing.T) {
	r := demandRegion()
	r.Population.Count[1][Age85Plus] = 40
	m, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSim(m, nil, Options{To: 2035})
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]Row, s.reported*numCells)
	d := noDraw
	d.popDev = -0.1
	s.run(d, rows, nil, nil)
	// 2030 is half-way to the projection's last year: 5% fewer people.
	for _, y := range []struct {
		year int
		dev  float64
	}{{2030, 0.95}, {2035, 0.9}} {
		got := rows[((y.year-2025)*NumBranches+int(VVT))*NumLevels].DemandFTE
		want := 100 * r.DemographicIndex(VVT, y.year) * y.dev
		if !near(got, want) {
			t.Errorf("%d: demand %g with 10%% fewer people by 2035, want %g", y.year, got, want)
		}
	}
}

func TestPopulationWarnings(t *testing.T) {
	r := demandRegion()
	res := run(t, r, nil, 12)
	if len(res.Warnings) != 1 || res.Warnings[0] != (PopulationWarning{HeldFrom: 2036}) {
		t.Errorf("warnings %v, want the population held from 2036", res.Warnings)
	}
	r.Population.Years = []int{2027, 2035}
	res = run(t, r, nil, 10)
	if len(res.Warnings) != 1 || res.Warnings[0] != (PopulationWarning{StartsIn: 2027}) {
		t.Errorf("warnings %v, want the population held before 2027", res.Warnings)
	}
	r.Population = nil
	res = run(t, r, nil, 5)
	if len(res.Warnings) != 1 || res.Warnings[0] != (PopulationWarning{}) {
		t.Errorf("warnings %v, want no population", res.Warnings)
	}
	if _, err := Run(r, []Lever{{Kind: Prevention, Size: 0.1, Start: 2026, Scope: Scope{AgeGroups: 1}}}, Options{}); err == nil {
		t.Errorf("prevention by age group without a population: no error")
	}
}

func TestDemandValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *Region)
		field string
	}{
		{"negative population", func(r *Region) { r.Population.Count[1][Age65to74] = -1 }, "population[2035][65-74]"},
		{"ends by the base year", func(r *Region) { r.Population.Years = []int{2020, 2025} }, "population"},
		{"years out of order", func(r *Region) {
			r.Population.Years = []int{2025, 2035, 2030}
			r.Population.Count = append(r.Population.Count, r.Population.Count[0])
		}, "population[2030]"},
		{"a year twice", func(r *Region) {
			r.Population.Years = []int{2025, 2035, 2035}
			r.Population.Count = append(r.Population.Count, r.Population.Count[0])
		}, "population[2035]"},
		{"profile summing to zero", func(r *Region) { r.CareUse[GGZ] = [NumAgeGroups]float64{} }, "branches.ggz.care_use"},
		{"use where nobody lives", func(r *Region) {
			r.CareUse[GGZ] = [NumAgeGroups]float64{1, 0, 0, 0, 0}
			r.Population.Count[0][Age0to17] = 0
		}, "branches.ggz.care_use"},
		{"factor of zero years", func(r *Region) { r.DemandFactors[GGZ] = []DemandFactor{{"x", 0.1, 0, ""}} }, "branches.ggz.demand_factors[1 x].years"},
		{"unmet demand of 1", func(r *Region) { r.Cells[GGZ][Hbo].UnmetDemand = 1 }, "cells[ggz][hbo].unmet_demand"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := demandRegion()
			tc.edit(r)
			err := r.Validate()
			ps, _ := err.(Problems)
			if len(ps) != 1 || ps[0].Field != tc.field {
				t.Errorf("problems %v, want one on %s", err, tc.field)
			}
		})
	}
	// A profile of no use at all is named as such, not as a profile
	// whose use falls where nobody lives.
	r := demandRegion()
	r.CareUse[GGZ] = [NumAgeGroups]float64{}
	if ps, _ := r.Validate().(Problems); len(ps) != 1 || ps[0].Found != "uses summing to 0" {
		t.Errorf("zero profile: %v", ps)
	}
}

func TestFactorShares(t *testing.T) {
	r := demandRegion()
	r.DemandFactors[GGZ] = []DemandFactor{{"a", 0.21, 2, ""}, {"b", 0.1, 1, ""}, {"c", 1/1.1 - 1, 1, ""}}
	// yearly factors 1.1, 1.1 and 1/1.1: logs ln1.1, ln1.1, -ln1.1 over ln1.1.
	sh := r.FactorShares(GGZ)
	for k, want := range []float64{1, 1, -1} {
		if !near(sh[k], want) {
			t.Errorf("share %d: %g, want %g", k, sh[k], want)
		}
	}
	if got := r.GrowthRate(GGZ, Hbo); !near(got, 0.1) {
		t.Errorf("growth %g, want 0.1", got)
	}
	// A cell's own growth adds to its branch's factors.
	r.Cells[GGZ][Hbo].DemandGrowth = 0.01
	if got := r.GrowthRate(GGZ, Hbo); !near(got, 0.11) {
		t.Errorf("growth %g, want 0.11", got)
	}
}

// TestSumGroup checks a sum group by hand: its factors add their changes
// and the group compounds as one factor; the shares split the group's
// part of the growth by signed change.
func TestSumGroup(t *testing.T) {
	for _, tc := range []struct {
		name    string
		factors []DemandFactor
		growth  float64
		shares  []float64
	}{
		{
			// +10% and +11% over 2 years add to 1.21 = 1.1^2: 10% a year;
			// c is 10% a year on its own. Growth 1.1 x 1.1 - 1. The logs of
			// the group and c are equal, half each; the group's half splits
			// 10:11.
			name:    "two members and a single factor",
			factors: []DemandFactor{{"a", 0.10, 2, "g"}, {"c", 0.10, 1, ""}, {"b", 0.11, 2, "g"}},
			growth:  0.21,
			shares:  []float64{0.5 * 10 / 21, 0.5, 0.5 * 11 / 21},
		},
		{
			// +30% and -10% over a year: 1.2; d is 1.44 over 2 years, 1.2 a
			// year. The group's half splits 3:-1 of its 0.2.
			name:    "members pulling apart",
			factors: []DemandFactor{{"up", 0.3, 1, "g"}, {"down", -0.1, 1, "g"}, {"d", 0.44, 2, ""}},
			growth:  0.44,
			shares:  []float64{0.5 * 1.5, 0.5 * -0.5, 0.5},
		},
		{
			// A group adding to zero grows nothing; its members keep the
			// shares of the limit, change / years over the total log.
			name:    "group adding to zero",
			factors: []DemandFactor{{"e", 0.1, 10, ""}, {"p", 0.05, 10, "z"}, {"m", -0.05, 10, "z"}},
			growth:  math.Pow(1.1, 0.1) - 1,
			shares:  []float64{1, 0.05 / math.Log(1.1), -0.05 / math.Log(1.1)},
		},
		{
			// Two groups of one factor each are two factors.
			name:    "groups of one",
			factors: []DemandFactor{{"a", 0.21, 2, "x"}, {"b", 0.1, 1, "y"}},
			growth:  0.21,
			shares:  []float64{0.5, 0.5},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := demandRegion()
			r.DemandFactors[GGZ] = tc.factors
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := r.GrowthRate(GGZ, Hbo); !near(got, tc.growth) {
				t.Errorf("growth %.10g, want %.10g", got, tc.growth)
			}
			sh := r.FactorShares(GGZ)
			if len(sh) != len(tc.shares) {
				t.Fatalf("shares %v, want %v", sh, tc.shares)
			}
			var sum float64
			for k, want := range tc.shares {
				sum += sh[k]
				if !near(sh[k], want) {
					t.Errorf("share of %s: %.10g, want %.10g", tc.factors[k].Name, sh[k], want)
				}
			}
			if !near(sum, 1) {
				t.Errorf("shares add to %g, want 1", sum)
			}
		})
	}
	// The five factors of the Capaciteitsorgaan's GP example, +3 +5 +1 +2
	// +5% over ten years: 1.16 as a group, 1.03 x 1.05 x 1.01 x 1.02 x 1.05
	// = 1.16996... multiplied. Run grows demand by the group's rate: after
	// ten years by 16%, not 17%.
	five := []DemandFactor{{"epidemiologisch", 0.03, 10, "n"}, {"sociaal-cultureel", 0.05, 10, "n"},
		{"vakinhoudelijk", 0.01, 10, "n"}, {"efficiency", 0.02, 10, "n"}, {"horizontale substitutie", 0.05, 10, "n"}}
	r := demandRegion()
	r.Population = nil
	r.DemandFactors[GGZ] = five
	res := run(t, r, nil, 11)
	if got := res.Row(2035, GGZ, Hbo).DemandFTE / res.Row(2025, GGZ, Hbo).DemandFTE; !near(got, 1.16) {
		t.Errorf("ten years of the group: demand x %.6f, want x 1.16", got)
	}
	for k := range five {
		five[k].Sum = ""
	}
	if got, want := math.Pow(1+r.GrowthRate(GGZ, Hbo), 10), 1.03*1.05*1.01*1.02*1.05; !near(got, want) {
		t.Errorf("ten years of the five multiplied: x %.6f, want x %.6f", got, want)
	}
}

func TestSumGroupValidation(t *testing.T) {
	for _, tc := range []struct {
		name    string
		factors []DemandFactor
		field   string
	}{
		{"mixed years", []DemandFactor{{"a", 0.1, 10, "g"}, {"b", 0.1, 10, ""}, {"c", 0.1, 5, "g"}}, "branches.ggz.demand_factors[3 c].years"},
		{"sum below -0.9", []DemandFactor{{"a", -0.5, 10, "g"}, {"b", -0.5, 10, "g"}}, "branches.ggz.demand_factors[1 a].sum"},
		{"years 1 and 2", []DemandFactor{{"a", 0.1, 1, "g"}, {"b", 0.1, 2, "g"}}, "branches.ggz.demand_factors[2 b].years"},
		{"years 2 and 1", []DemandFactor{{"a", 0.1, 2, "g"}, {"b", 0.1, 1, "g"}}, "branches.ggz.demand_factors[2 b].years"},
		// -0.45 and 2.5 are halves of -0.9 and 5 in binary: the sums are
		// exactly the edges, which are outside the range.
		{"sum of -0.9", []DemandFactor{{"a", -0.45, 10, "g"}, {"b", -0.45, 10, "g"}}, "branches.ggz.demand_factors[1 a].sum"},
		{"sum of 5", []DemandFactor{{"a", 2.5, 10, "g"}, {"b", 2.5, 10, "g"}}, "branches.ggz.demand_factors[1 a].sum"},
		// One problem, the years' range, not also the group's.
		{"zero years in a group", []DemandFactor{{"a", 0.1, 10, "g"}, {"b", 0.1, 0, "g"}}, "branches.ggz.demand_factors[2 b].years"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := demandRegion()
			r.DemandFactors[GGZ] = tc.factors
			ps, _ := r.Validate().(Problems)
			if len(ps) != 1 || ps[0].Field != tc.field {
				t.Errorf("problems %v, want one on %s", ps, tc.field)
			}
		})
	}
	// Years only need to match within a group.
	r := demandRegion()
	r.DemandFactors[GGZ] = []DemandFactor{{"a", 0.1, 10, "g"}, {"b", 0.1, 5, "h"}, {"c", 0.1, 3, ""}}
	if err := r.Validate(); err != nil {
		t.Errorf("groups of different years refused: %v", err)
	}
}

func TestDemandLoopDoesNotAllocatePerYear(t *testing.T) {
	r := demandRegion()
	levers := []Lever{{Kind: Substitution, Size: 0.2, Start: 2026, Scope: Scope{Levels: 1 << Hbo}, To: Mbo4}, {Kind: Prevention, Size: 0.1, Start: 2026}}
	m, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSim(m, levers, Options{To: 2040})
	if err != nil {
		t.Fatal(err)
	}
	short := make([]float64, s.reported*numCells)
	if a := testing.AllocsPerRun(20, func() { s.run(noDraw, nil, short, nil) }); a != 0 {
		t.Errorf("%g allocations per run, want 0", a)
	}
}

func TestMonteCarloDrawsThePopulation(t *testing.T) {
	r := demandRegion()
	r.Population.Count[1][Age85Plus] = 40
	r.Uncertainty.Population = Range{-0.1, 0.1}
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Options: Options{To: 2035}, Draws: 400, Seed: 1, KeepDraws: true})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Find(r.Name, AllBranches, AllLevels)
	// Supply is 4,500 FTE throughout; demand in 2035 is 4,500 x index x
	// (1 + u), u triangular on [-0.1, 0.1]: every draw within that, and
	// spread out.
	idx := 0.0
	for b := range Branch(NumBranches) {
		idx += r.DemographicIndex(b, 2035) / NumBranches
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range s.Draws[10] {
		demand := v + 4500
		lo, hi = min(lo, demand), max(hi, demand)
	}
	if !(lo >= 4500*idx*0.9-1e-6 && hi <= 4500*idx*1.1+1e-6 && hi-lo > 4500*idx*0.1) {
		t.Errorf("2035 demand over the draws %g to %g, want within %g to %g and spread over more than half of it", lo, hi, 4500*idx*0.9, 4500*idx*1.1)
	}
	// In the base year the population is as projected in every draw.
	if q := s.Quantiles[0]; q[0] != q[2] {
		t.Errorf("base year spread %v, want none", q)
	}
}

func TestPopulationAt(t *testing.T) {
	p := &Population{Years: []int{2020, 2025, 2035}, Count: [][NumAgeGroups]float64{{10}, {20}, {40}}}
	for _, tc := range []struct {
		year int
		want float64
	}{{2015, 10}, {2020, 10}, {2022, 14}, {2025, 20}, {2026, 22}, {2034, 38}, {2035, 40}, {2050, 40}} {
		if got := p.At(tc.year)[0]; !near(got, tc.want) {
			t.Errorf("%d: %g, want %g", tc.year, got, tc.want)
		}
	}
	if got := (&Population{}).At(2025); got != ([NumAgeGroups]float64{}) {
		t.Errorf("empty projection: %v", got)
	}
	// A projection of no years is no population.
	for _, r := range []*Region{{}, {Population: &Population{}}} {
		if r.HasPopulation() {
			t.Errorf("population %v: HasPopulation", r.Population)
		}
	}
	if r := demandRegion(); !r.HasPopulation() {
		t.Error("a projection of two years: not HasPopulation")
	}
}

func TestAgeGroupNames(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want AgeGroup
	}{{"0-17", Age0to17}, {" 18-64 ", Age18to64}, {"75-84 jaar", Age75to84}, {"85+", Age85Plus}, {"85 jaar of ouder", Age85Plus}, {"85-plus", Age85Plus}} {
		if g, err := ParseAgeGroup(tc.in); err != nil || g != tc.want {
			t.Errorf("%q: %v, %v; want %v", tc.in, g, err, tc.want)
		}
	}
	if _, err := ParseAgeGroup("65+"); err == nil {
		t.Error("65+ accepted: it is not one of the groups")
	}
	if s := AgeGroup(NumAgeGroups).String(); s != "AgeGroup(5)" {
		t.Errorf("a group past the last: %q", s)
	}
	if l := Age65to74.Label(); l != "65-74 jaar" {
		t.Errorf("label %q", l)
	}
	if lo, hi := Age85Plus.Span(); lo != 85 || hi < MaxAge {
		t.Errorf("85+ spans %d-%d", lo, hi)
	}
	var g AgeGroup
	if err := g.UnmarshalText([]byte("75-84")); err != nil || g != Age75to84 {
		t.Errorf("unmarshal: %v %v", g, err)
	}
	if b, _ := Age0to17.MarshalText(); string(b) != "0-17" {
		t.Errorf("marshal: %s", b)
	}
}

func TestPopulationWarningTexts(t *testing.T) {
	for _, tc := range []struct {
		w          PopulationWarning
		en, nlText string
	}{
		{PopulationWarning{}, "no population data", "geen bevolkingsgegevens"},
		{PopulationWarning{HeldFrom: 2041}, "ends in 2040: held constant from 2041", "loopt tot 2040: vanaf 2041"},
		{PopulationWarning{StartsIn: 2027}, "starts in 2027", "begint pas in 2027"},
	} {
		if !strings.Contains(tc.w.Error(), tc.en) || !strings.Contains(tc.w.Dutch(), tc.nlText) {
			t.Errorf("%+v: %q / %q", tc.w, tc.w.Error(), tc.w.Dutch())
		}
	}
}

func TestDemandFactorValidation(t *testing.T) {
	for _, tc := range []struct {
		f     DemandFactor
		field string
	}{
		{DemandFactor{"", 0.1, 10, ""}, "branches.ggz.demand_factors[1 ].name"},
		{DemandFactor{"x", -0.95, 10, ""}, "branches.ggz.demand_factors[1 x].change"},
		{DemandFactor{"x", -0.9, 10, ""}, "branches.ggz.demand_factors[1 x].change"},
		{DemandFactor{"x", 5, 10, ""}, "branches.ggz.demand_factors[1 x].change"},
		{DemandFactor{"x", 0.1, 51, ""}, "branches.ggz.demand_factors[1 x].years"},
	} {
		r := demandRegion()
		r.DemandFactors[GGZ] = []DemandFactor{tc.f}
		ps, _ := r.Validate().(Problems)
		if len(ps) != 1 || ps[0].Field != tc.field {
			t.Errorf("%+v: %v, want a problem on %s", tc.f, ps, tc.field)
		}
	}
	r := demandRegion()
	r.DemandFactors[GGZ] = []DemandFactor{{"x", -0.9 + 1e-9, 1, ""}, {"y", 4.99, 50, ""}}
	if err := r.Validate(); err != nil {
		t.Errorf("factors at the edges refused: %v", err)
	}
}
