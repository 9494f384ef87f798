package forecast

import "testing"

// byAgeEverywhere is a region of one group whose part-time factor goes by
// age in every cell: 0.5 up to 59, 0.8 from 60 to 66, 0.6 from the pension
// age (67) on. VVT mbo3 has 100 people aged 40, 100 aged 62 and 100 aged
// 70; GGZ mbo3 has nobody and 10 FTE of open vacancies.
func byAgeEverywhere() *Region {
	r := emptyRegion()
	r.Groups = []string{"alle"}
	byAge := flatRates(0.5)
	for a := 60 - MinAge; a < NumAges; a++ {
		byAge[a] = 0.8
		if a+MinAge >= 67 {
			byAge[a] = 0.6
		}
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			var n AgeVector
			if Branch(b) == VVT && Level(l) == Mbo3 {
				n[40-MinAge], n[62-MinAge], n[70-MinAge] = 100, 100, 100
			}
			// The group's own factor is its factor by age at MinAge, so
			// that a cell of nobody has 0.5 whichever the engine takes.
			r.Cells[b][l].SetGroups([]CellGroup{{Headcount: n, PartTimeFactor: 0.5, PartTimeByAge: &byAge, EntrantShare: 1}})
		}
	}
	r.Cells[GGZ][Mbo3].OpenVacanciesFTE = 10
	return r
}

// TestPartTimeByAgeInEveryCell: with a factor by age in every cell (no
// cell falls back on a single factor), each segment of ages works at its
// own factor, the one past the pension age too; a cell of nobody counts
// its shortfall in persons at the group's factor. A draw's part-time
// factor scales both.
//
//	2025, VVT mbo3: 100 x 0.5 + 100 x 0.8 + 100 x 0.6 = 50 + 80 + 60 = 190 FTE
//	2026: the 70-year-olds lose half (past-pension outflow 0.5):
//	      100 x 0.5 + 100 x 0.8 + 50 x 0.6 = 50 + 80 + 30 = 160 FTE
//	GGZ mbo3: 10 FTE short, 10 / 0.5 = 20 persons
//	a draw at 0.8 times the factors: 190 x 0.8 = 152 and 160 x 0.8 = 128
//	FTE; GGZ 10 / (0.5 x 0.8) = 25 persons
func TestPartTimeByAgeInEveryCell(t *testing.T) {
	r := byAgeEverywhere()
	m, err := compile(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name         string
		partTime     float64
		fte          map[int]float64
		ggzShortHead float64
	}{
		{"central", 1, map[int]float64{2025: 190, 2026: 160}, 20},
		{"a draw at 0.8", 0.8, map[int]float64{2025: 152, 2026: 128}, 25},
	} {
		d := noDraw
		d.partTime = tc.partTime
		res, err := m.runDraw(nil, Options{To: 2026}, d)
		if err != nil {
			t.Fatal(err)
		}
		for y, want := range tc.fte {
			if got := res.Row(y, VVT, Mbo3).WorkforceFTE; !near(got, want) {
				t.Errorf("%s, %d: VVT mbo3 %g FTE, want %g", tc.name, y, got, want)
			}
			row := res.Row(y, GGZ, Mbo3)
			if !near(row.ShortfallFTE, 10) || !near(row.ShortfallHeadcount, tc.ggzShortHead) {
				t.Errorf("%s, %d: GGZ mbo3 short %g FTE, %g persons; want 10, %g", tc.name, y, row.ShortfallFTE, row.ShortfallHeadcount, tc.ggzShortHead)
			}
		}
	}
}

// TestMobilityIntoACellOfGroups: movers of every group count in the cell
// they join. VVT mbo3 has two groups of 100 people aged 40; 10% of them
// move a year, all to GGZ (attraction 1), which has nobody: 10 of each
// group, 20 in all in 2025.
func TestMobilityIntoACellOfGroups(t *testing.T) {
	r := emptyRegion()
	r.Groups = []string{"a", "b"}
	var n AgeVector
	n[40-MinAge] = 100
	vvt := &r.Cells[VVT][Mbo3]
	vvt.SetGroups([]CellGroup{
		{Headcount: n, PartTimeFactor: 1, EntrantShare: 0.5},
		{Headcount: n, PartTimeFactor: 1, EntrantShare: 0.5},
	})
	vvt.MobilityRate = 0.1
	r.Cells[GGZ][Mbo3].MobilityAttraction = 1
	res := run(t, r, nil, 1)
	if got := res.Row(2025, VVT, Mbo3).MobilityOut; !near(got, 20) {
		t.Errorf("VVT mbo3 mobility out %g, want 0.1 x 200 = 20", got)
	}
	if got := res.Row(2025, GGZ, Mbo3).MobilityIn; !near(got, 20) {
		t.Errorf("GGZ mbo3 mobility in %g, want 10 + 10 = 20", got)
	}
}

// TestShortfallHeadcountAtTheCellsOwnFactor: a cell without groups (and
// without a factor by age) counts its shortfall in persons at its own
// factor, not at its FTE per head worked out again, which rounds: 37
// people at 0.9 work 37 x 0.9 = 33.3 FTE, and 33.3 / 37 is 0.9 + 1.1e-16
// in float64. So the comparison is exact: ShortfallFTE / 0.9 to the bit.
func TestShortfallHeadcountAtTheCellsOwnFactor(t *testing.T) {
	r := emptyRegion()
	c := &r.Cells[VVT][Mbo3]
	c.Headcount[40-MinAge], c.PartTimeFactor, c.OpenVacanciesFTE = 37, 0.9, 10
	if perHead := 37 * c.PartTimeFactor / 37; perHead == 0.9 {
		t.Fatalf("37 x 0.9 / 37 = %v, the test needs a factor that does not survive the round trip", perHead)
	}
	row := run(t, r, nil, 1).Row(2025, VVT, Mbo3)
	if !near(row.ShortfallFTE, 10) || row.ShortfallHeadcount != row.ShortfallFTE/0.9 {
		t.Errorf("short %v FTE, %v persons; want 10 FTE and ShortfallFTE / 0.9 = %v exactly", row.ShortfallFTE, row.ShortfallHeadcount, row.ShortfallFTE/0.9)
	}
}
