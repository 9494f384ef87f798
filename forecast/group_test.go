package forecast

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// flatRates is the same rate at every age.
func flatRates(q float64) (v AgeVector) {
	for a := range v {
		v[a] = q
	}
	return v
}

// TestCompositionDriftMovesFTE checks a cell of two groups against the
// hand computation. 100 men aged 40 work 0.8 FTE and leave at 10% a year;
// 100 women aged 40 work 0.5 FTE and stay; 20 lateral entrants a year, all
// women. Demand is flat at the base year's 130 FTE.
//
//	year  men  women  FTE                      one cell at 0.65 FTE per head
//	2025  100  100    80 + 50   = 130          200 x 0.65 = 130
//	2026   90  120    72 + 60   = 132          210 x 0.65 = 136.5
//	2027   81  140    64.8 + 70 = 134.8        221 x 0.65 = 143.65
//
// The shift towards the smaller contracts costs 8.85 FTE by 2027 against
// the cell's base-year factor.
func TestCompositionDriftMovesFTE(t *testing.T) {
	r := emptyRegion()
	r.Groups = []string{"man", "vrouw"}
	c := &r.Cells[Huisartsen][WoOverig]
	var men, women AgeVector
	men[40-MinAge], women[40-MinAge] = 100, 100
	c.SetGroups([]CellGroup{
		{Headcount: men, PartTimeFactor: 0.8, OtherOutflowRate: flatRates(0.1), EntrantShare: 0},
		{Headcount: women, PartTimeFactor: 0.5, EntrantShare: 1},
	})
	c.LateralEntry = 20
	if c.PartTimeFactor != 0.65 {
		t.Fatalf("cell factor %g, want 130/200 = 0.65", c.PartTimeFactor)
	}
	res := run(t, r, nil, 2)
	for _, w := range []struct {
		year               int
		men, women, fte    float64
		shortfallHeadcount float64
	}{
		{2025, 100, 100, 130, 0},
		{2026, 90, 120, 132, -2 / (132.0 / 210)},
		{2027, 81, 140, 134.8, -4.8 / (134.8 / 221)},
	} {
		row := res.Row(w.year, Huisartsen, WoOverig)
		if !near(row.Headcount, w.men+w.women) || !near(row.WorkforceFTE, w.fte) || !near(row.SupplyFTE, w.fte) {
			t.Errorf("%d: headcount %g, FTE %g, supply %g; want %g, %g", w.year, row.Headcount, row.WorkforceFTE, row.SupplyFTE, w.men+w.women, w.fte)
		}
		if !near(row.ShortfallFTE, 130-w.fte) || !near(row.ShortfallHeadcount, w.shortfallHeadcount) {
			t.Errorf("%d: shortfall %g FTE, %g persons; want %g, %g (at the year's FTE per head)", w.year, row.ShortfallFTE, row.ShortfallHeadcount, 130-w.fte, w.shortfallHeadcount)
		}
		m, f := res.GroupTotal(w.year, 0), res.GroupTotal(w.year, 1)
		if !near(m.Headcount, w.men) || !near(f.Headcount, w.women) || !near(m.WorkforceFTE, 0.8*w.men) || !near(f.WorkforceFTE, 0.5*w.women) {
			t.Errorf("%d: groups %+v, %+v; want %g men, %g women", w.year, m, f, w.men, w.women)
		}
	}
	if got := res.Row(2025, Huisartsen, WoOverig).OutflowOther; !near(got, 10) {
		t.Errorf("2025 outflow %g, want the men's 10", got)
	}
	if len(res.GroupNames) != 2 || res.GroupNames[1] != "vrouw" {
		t.Errorf("group names %v", res.GroupNames)
	}
}

// TestPartTimeByAge: 100 people aged 40, whose factor is 0.6 at 40 and 0.9
// at 41 and older, work 60 FTE in the base year and 90 the year after.
func TestPartTimeByAge(t *testing.T) {
	r := emptyRegion()
	r.Groups = []string{"alle"}
	byAge := flatRates(0.9)
	byAge[40-MinAge] = 0.6
	var n AgeVector
	n[40-MinAge] = 100
	r.Cells[VVT][Mbo3].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 0.9, PartTimeByAge: &byAge, EntrantShare: 1}})
	res := run(t, r, nil, 2)
	for y, want := range map[int]float64{2025: 60, 2026: 90, 2027: 90} {
		if got := res.Row(y, VVT, Mbo3).WorkforceFTE; !near(got, want) {
			t.Errorf("%d: %g FTE, want %g", y, got, want)
		}
	}
	// The larger-contracts lever raises the factor at every age, to full time at most.
	lv := []Lever{{Kind: LargerContracts, Size: 7.2, Start: 2026, Horizon: Kort}}
	res = run(t, r, lv, 2)
	if got := res.Row(2027, VVT, Mbo3).WorkforceFTE; !near(got, 100) {
		t.Errorf("2027 with 7.2 hours more: %g FTE, want 100 (0.9 + 0.2, capped at 1)", got)
	}
}

// TestGroupsEqualCells: a cell of two groups with different factors,
// outflow and entrant shares runs as two cells holding one group each (the
// second group in another branch, taking the same share of graduates and
// lateral entrants), on a region with every flow switched on.
func TestGroupsEqualCells(t *testing.T) {
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 17))
		split := emptyRegion()
		split.Groups = []string{"a", "b"}
		two := emptyRegion()
		var ha, hb AgeVector
		for a := range ha {
			if a+MinAge >= 20 {
				ha[a], hb[a] = 50*rng.Float64(), 50*rng.Float64()
			}
		}
		qa, qb := flatRates(0.02+0.1*rng.Float64()), flatRates(0.02+0.1*rng.Float64())
		pa, pb := 0.3+0.7*rng.Float64(), 0.3+0.7*rng.Float64()
		share := rng.Float64()
		prog := Programme{DurationYears: 3, Dropout: []float64{0.1, 0.05, 0.02}, SectorYield: 0.9, Candidates: 200, EntryAge: 30, Enrolled: []float64{150, 140, 130}}
		for _, r := range []*Region{split, two} {
			r.EarlyRetirementRate, r.StayPastPension = 0.05, 0.2
			withProgramme(r, WoOverig, WoVervolg, Huisartsen, prog)
			r.Programmes[WoOverig][WoVervolg].Enrolled = []float64{150, 140, 130}
		}
		c := &split.Cells[Huisartsen][WoOverig]
		c.SetGroups([]CellGroup{
			{Headcount: ha, PartTimeFactor: pa, OtherOutflowRate: qa, EntrantShare: share},
			{Headcount: hb, PartTimeFactor: pb, OtherOutflowRate: qb, EntrantShare: 1 - share},
		})
		c.LateralEntry, c.Returners, c.DemandGrowth = 30, 10, 0.02
		a, b := &two.Cells[Huisartsen][WoOverig], &two.Cells[OverigBranch][WoOverig]
		a.Headcount, a.PartTimeFactor, a.OtherOutflowRate = ha, pa, qa
		b.Headcount, b.PartTimeFactor, b.OtherOutflowRate = hb, pb, qb
		a.GraduateShare, b.GraduateShare = share, 1-share
		a.LateralEntry, a.Returners, b.LateralEntry, b.Returners = 30*share, 10*share, 30*(1-share), 10*(1-share)
		a.DemandGrowth, b.DemandGrowth = 0.02, 0.02
		rs, rt := run(t, split, nil, 15), run(t, two, nil, 15)
		for _, y := range rs.Years() {
			got := rs.Row(y, Huisartsen, WoOverig)
			want := rt.Sum(y, func(r *Row) bool { return r.Level == WoOverig })
			for _, q := range []struct {
				name      string
				got, want float64
			}{
				{"headcount", got.Headcount, want.Headcount}, {"workforce FTE", got.WorkforceFTE, want.WorkforceFTE},
				{"supply", got.SupplyFTE, want.SupplyFTE}, {"demand", got.DemandFTE, want.DemandFTE},
				{"retirement", got.OutflowRetirement, want.OutflowRetirement}, {"other outflow", got.OutflowOther, want.OutflowOther},
				{"graduates hired", got.InflowGraduates, want.InflowGraduates}, {"lateral", got.InflowLateral, want.InflowLateral},
			} {
				if !near(q.got, q.want) {
					t.Errorf("seed %d, %d: %s %g in the split cell, %g in two cells", seed, y, q.name, q.got, q.want)
				}
			}
			for g, cell := range []Branch{Huisartsen, OverigBranch} {
				gr, cr := rs.GroupTotal(y, g), rt.Row(y, cell, WoOverig)
				if !near(gr.Headcount, cr.Headcount) || !near(gr.WorkforceFTE, cr.WorkforceFTE) {
					t.Errorf("seed %d, %d: group %d %+v, cell %g, %g", seed, y, g, gr, cr.Headcount, cr.WorkforceFTE)
				}
			}
		}
	}
}

func TestBadGroups(t *testing.T) {
	var n AgeVector
	n[10] = 5
	for _, tc := range []struct {
		name  string
		edit  func(r *Region)
		field string
	}{
		{"groups without names", func(r *Region) {
			r.Groups = nil
			r.Cells[VVT][Mbo3].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 1, EntrantShare: 1}})
		}, "cells[vvt][mbo3].groups"},
		{"entrant shares", func(r *Region) {
			r.Cells[VVT][Mbo3].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 1, EntrantShare: 0.5}, {PartTimeFactor: 1, EntrantShare: 0.4}})
		}, "cells[vvt][mbo3].groups[*].entrant_share"},
		{"factor", func(r *Region) {
			r.Cells[VVT][Mbo3].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 1, EntrantShare: 1}, {PartTimeFactor: 0, EntrantShare: 0}})
		}, "cells[vvt][mbo3].groups[b].part_time_factor"},
		{"headcount not the groups' sum", func(r *Region) {
			r.Cells[VVT][Mbo3].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 1, EntrantShare: 1}, {PartTimeFactor: 1}})
			r.Cells[VVT][Mbo3].Headcount[10] = 6
		}, "cells[vvt][mbo3].headcount[age 25]"},
		{"a name twice", func(r *Region) { r.Groups = []string{"a", "a"} }, "groups[1]"},
	} {
		r := emptyRegion()
		r.Groups = []string{"a", "b"}
		tc.edit(r)
		err := r.Validate()
		ps, _ := err.(Problems)
		found := false
		for _, p := range ps {
			found = found || p.Field == tc.field
		}
		if !found {
			t.Errorf("%s: %v, want a problem at %s", tc.name, err, tc.field)
		}
	}
}

// TestGroupsInTheMonteCarlo: without uncertainty every draw of a region
// with groups is its central run, and a part-time draw moves every
// group's factor.
func TestGroupsInTheMonteCarlo(t *testing.T) {
	r := emptyRegion()
	r.Groups = []string{"man", "vrouw"}
	var men, women AgeVector
	men[40-MinAge], women[30-MinAge] = 100, 100
	c := &r.Cells[Huisartsen][WoOverig]
	c.SetGroups([]CellGroup{
		{Headcount: men, PartTimeFactor: 0.8, OtherOutflowRate: flatRates(0.1), EntrantShare: 0.3},
		{Headcount: women, PartTimeFactor: 0.5, OtherOutflowRate: flatRates(0.02), EntrantShare: 0.7},
	})
	c.LateralEntry, c.DemandGrowth = 20, 0.03
	res := run(t, r, nil, 5)
	d, err := MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 4, Seed: 1, Options: Options{To: 2030}})
	if err != nil {
		t.Fatal(err)
	}
	for i, y := range res.Years() {
		if got, want := d.Find("test", AllBranches, AllLevels).Quantiles[i][1], res.Total(y).ShortfallFTE; !near(got, want) {
			t.Errorf("%d: P50 %g, central %g", y, got, want)
		}
	}
	r.Uncertainty.PartTimeFactor = Range{0.9, 1.1}
	d, err = MonteCarlo([]*Region{r}, nil, MCOptions{Draws: 50, Seed: 1, Options: Options{To: 2030}})
	if err != nil {
		t.Fatal(err)
	}
	q := d.Find("test", AllBranches, AllLevels).Quantiles[5]
	if !(q[0] < res.Total(2030).ShortfallFTE && res.Total(2030).ShortfallFTE < q[2]) {
		t.Errorf("2030 band %v does not straddle the central %g", q, res.Total(2030).ShortfallFTE)
	}
}

// Groups at the edges of what Validate accepts: MaxGroups groups, factors
// by age of exactly 1, an outflow rate of 1 at 59 and of 1 - early
// retirement from 60, the groups' headcount within a billionth of the
// cell's (relative). Each edge is then stepped over once and refused by
// name.
func TestGroupsAtTheEdges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *Region, c *Cell)
		field string // "" when accepted
	}{
		{"at the edges", func(*Region, *Cell) {}, ""},
		{"MaxGroups+1 groups", func(r *Region, c *Cell) {
			r.Groups = append(r.Groups, "extra")
			c.Groups = append(c.Groups, CellGroup{PartTimeFactor: 1})
		}, "groups"},
		{"factor by age 0", func(_ *Region, c *Cell) { c.Groups[0].PartTimeByAge[3] = 0 }, "cells[vvt][mbo3].groups[g0].part_time_by_age[age 18]"},
		{"factor by age above 1", func(_ *Region, c *Cell) { c.Groups[0].PartTimeByAge[3] = 1.01 }, "cells[vvt][mbo3].groups[g0].part_time_by_age[age 18]"},
		{"outflow past 1 - early retirement at 60", func(_ *Region, c *Cell) { c.Groups[0].OtherOutflowRate[60-MinAge] = 0.91 }, "cells[vvt][mbo3].groups[g0].other_outflow_rate[age 60]"},
		{"outflow above 1 at 59", func(_ *Region, c *Cell) { c.Groups[0].OtherOutflowRate[59-MinAge] = 1.01 }, "cells[vvt][mbo3].groups[g0].other_outflow_rate[age 59]"},
		// 1,000.0000015 against the cell's 1,000: 1.5e-6 off, past 1e-9 x 1,000.
		{"headcount off by 1.5 millionths", func(_ *Region, c *Cell) { c.Groups[1].Headcount[55-MinAge] = 2e-6 }, "cells[vvt][mbo3].headcount[age 55]"},
	} {
		r := emptyRegion()
		r.EarlyRetirementRate = 0.1
		var ones, q AgeVector
		for a := range ones {
			ones[a], q[a] = 1, 1
			if a+MinAge >= 60 {
				q[a] = 1 - r.EarlyRetirementRate
			}
		}
		gs := make([]CellGroup, MaxGroups)
		for g := range gs {
			r.Groups = append(r.Groups, fmt.Sprintf("g%d", g))
			gs[g].PartTimeFactor = 1
		}
		gs[0].PartTimeByAge, gs[0].OtherOutflowRate, gs[0].EntrantShare = &ones, q, 1
		// The cell has 1,000 people aged 55, the groups 5e-7 fewer: within
		// 1e-9 of 1,000.
		gs[0].Headcount[55-MinAge] = 1000 - 5e-7
		c := &r.Cells[VVT][Mbo3]
		c.SetGroups(gs)
		c.Headcount[55-MinAge] = 1000
		tc.edit(r, c)
		var fields []string
		if ps, ok := r.Validate().(Problems); ok {
			for _, p := range ps {
				fields = append(fields, p.Field)
			}
		}
		if tc.field == "" && len(fields) > 0 || tc.field != "" && !slices.Contains(fields, tc.field) {
			t.Errorf("%s: problems %q, want %q", tc.name, fields, tc.field)
		}
	}
}

// SetGroups of groups with nobody in them takes the first group's factor.
func TestSetGroupsOfNobody(t *testing.T) {
	var c Cell
	c.SetGroups([]CellGroup{{PartTimeFactor: 0.6}, {PartTimeFactor: 0.8}})
	if c.PartTimeFactor != 0.6 || c.Headcount.Sum() != 0 {
		t.Errorf("factor %g, headcount %g; want 0.6 and 0", c.PartTimeFactor, c.Headcount.Sum())
	}
	// No groups: nobody, and the factor the cell had.
	c.SetGroups(nil)
	if c.PartTimeFactor != 0.6 || c.Groups != nil {
		t.Errorf("no groups: factor %g, groups %v; want 0.6 and none", c.PartTimeFactor, c.Groups)
	}
}
