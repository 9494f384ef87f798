package forecast

import (
	"math"
	"slices"
)

// The workforce step is the model's hot loop: a national Monte Carlo runs
// it some 200 million times. Its state is laid out for that:
//
//   - Ages are grouped into segments: runs of ages in which every cell's
//     other-outflow rate is constant, split at 60 (where early retirement
//     starts). Outflow rates come per age band, so a region has about
//     eight segments below the pension age, shared by all cells; one more
//     segment holds everyone past the pension age.
//   - People are stored by birth cohort in a ring, slot (i - a) & 63 for age
//     index a in year i, so that growing a year older moves nobody.
//   - Everyone in a segment has the same survival factor in a year, so it
//     is applied once, to the segment's scale: the headcount of a cohort is
//     raw * scale of its segment. Each year only the oldest cohort of each
//     segment moves on, re-expressed in the next segment's scale.
//   - All of it is held as structure-of-arrays over the region's 45 cells,
//     so that each segment's step is one tight loop over the cells.
//
// The result is exact up to rounding (the invariant tests check the stock
// against its flows to 1e-9).

const numCells = NumBranches * NumLevels

// cells holds one number per cell, index int(branch)*NumLevels + int(level).
type cells [numCells]float64

func cellOf(c int) (Branch, Level) { return Branch(c / NumLevels), Level(c % NumLevels) }

// ringSize holds every age: a cohort's slot is (year - age) mod ringSize.
const ringSize = 64

// slot is the ring index of age index a in year i.
func slot(i, a int) int { return (i - a) & (ringSize - 1) }

// segments are the region's shared runs of ages below the pension age.
type segments struct {
	lo, hi []int        // age indexes [lo, hi)
	from60 []bool       // ages from 60: early retirement applies
	q      []cells      // q[j][c]: the other-outflow rate of cell c in segment j
	of     [NumAges]int // the segment of each age index (len(lo) past the pension age)
}

// entry is where inflow of one age goes: its age index and segment.
type entry struct{ a, j int }

// entry is the entry of people of the given age.
func (s *segments) entry(age int) entry {
	a := age - MinAge
	return entry{a, s.of[a]}
}

// cellParams are the region's per-cell parameters the hot loop reads,
// laid out by cell index.
type cellParams struct {
	vacancies, mobility, attraction cells
	gradShare, lateral, returners   cells
}

// set fills p with r's parameters.
func (p *cellParams) set(r *Region) {
	for c := range numCells {
		b, l := cellOf(c)
		cell := &r.Cells[b][l]
		p.vacancies[c] = cell.OpenVacanciesFTE
		p.mobility[c], p.attraction[c] = cell.MobilityRate, cell.MobilityAttraction
		p.gradShare[c], p.lateral[c], p.returners[c] = cell.GraduateShare, cell.LateralEntry, cell.Returners
	}
}

// groupModel is what the engine knows of one group of the workforce (see
// Cell.Groups) over all cells: its segments of ages, its part-time
// factors, the share of each cell's entrants it takes, where inflow joins
// it and its base-year state. A region without groups has one, the whole
// workforce.
type groupModel struct {
	seg segments
	// partTime is each cell's factor; for the cells in byAge it varies by
	// age and ptSeg[j] holds it per segment (past the pension age last).
	partTime cells
	byAge    [numCells]bool
	anyByAge bool
	ptSeg    []cells
	entrant  cells
	// the ages inflow joins at
	graduatesAt            [NumLevels][NumRoutes]entry
	lateralAt, returnersAt entry
	// initial is the base year's workforce, for a model run many times
	// (nil for one made for a single run).
	initial *initialWorkforce
}

// noStaff is the headcount of a group a cell without groups does not have.
var noStaff AgeVector

// member returns group g of cell (b, l): a cell without groups is all in
// group 0, with its own factor and outflow, and takes all its entrants.
func (r *Region) member(b Branch, l Level, g int) (head *AgeVector, pt float64, byAge, q *AgeVector, entrant float64) {
	c := &r.Cells[b][l]
	if len(c.Groups) == 0 {
		if g == 0 {
			return &c.Headcount, c.PartTimeFactor, nil, &c.OtherOutflowRate, 1
		}
		return &noStaff, c.PartTimeFactor, nil, &c.OtherOutflowRate, 0
	}
	m := &c.Groups[g]
	return &m.Headcount, m.PartTimeFactor, m.PartTimeByAge, &m.OtherOutflowRate, m.EntrantShare
}

// numGroups is the number of groups the engine tracks: one without groups.
func (r *Region) numGroups() int { return max(1, len(r.Groups)) }

// set makes gm the model of group g of r. It keeps gm's slices for their
// memory and overwrites everything else.
func (gm *groupModel) set(r *Region, g int) {
	seg, ptSeg := gm.seg, gm.ptSeg
	*gm = groupModel{}
	for c := range numCells {
		b, l := cellOf(c)
		_, pt, byAge, _, entrant := r.member(b, l, g)
		gm.partTime[c], gm.entrant[c] = pt, entrant
		gm.byAge[c] = byAge != nil
		gm.anyByAge = gm.anyByAge || byAge != nil
	}
	gm.seg.set(r, g, seg)
	if gm.anyByAge {
		gm.ptSeg = slices.Grow(ptSeg[:0], len(gm.seg.lo)+1)[:len(gm.seg.lo)+1]
		clear(gm.ptSeg)
		for c := range numCells {
			b, l := cellOf(c)
			if _, _, byAge, _, _ := r.member(b, l, g); byAge != nil {
				for j, lo := range gm.seg.lo {
					gm.ptSeg[j][c] = byAge[lo]
				}
				gm.ptSeg[len(gm.seg.lo)][c] = byAge[r.PensionAge-MinAge]
			}
		}
	}
}

// set splits ages [0, iP) into s wherever group g's outflow rate (or
// part-time factor by age) changes in any cell, and at 60. It keeps the
// memory of old's slices.
func (s *segments) set(r *Region, g int, old segments) {
	iP := r.PensionAge - MinAge
	i60 := min(60-MinAge, iP)
	*s = segments{lo: old.lo[:0], hi: old.hi[:0], from60: old.from60[:0], q: old.q[:0]}
	var rates, byAges [numCells]*AgeVector
	for c := range numCells {
		b, l := cellOf(c)
		_, _, byAges[c], rates[c], _ = r.member(b, l, g)
	}
	for a := 0; a < iP; {
		hi := a + 1
		for ; hi < iP && hi != i60; hi++ {
			same := true
			for c, q := range rates {
				if byAge := byAges[c]; q[hi] != q[a] || (byAge != nil && byAge[hi] != byAge[a]) {
					same = false
					break
				}
			}
			if !same {
				break
			}
		}
		s.lo, s.hi, s.from60 = append(s.lo, a), append(s.hi, hi), append(s.from60, a >= i60)
		var q cells
		for c, rs := range rates {
			q[c] = rs[a]
		}
		s.q = append(s.q, q)
		for x := a; x < hi; x++ {
			s.of[x] = len(s.lo) - 1
		}
		a = hi
	}
	// Past the pension age, one segment; with a factor by age from the
	// pension age on (the whole segment takes the factor at the pension age).
	for x := iP; x < NumAges; x++ {
		s.of[x] = len(s.lo)
	}
}

// workforce is the state of all cells: raw headcount per ring slot, and
// per segment (the last is past the pension age) the scale and headcount.
type workforce struct {
	raw        *[ringSize]cells // its own allocation: a run's state stays a small object
	scale, sum []cells          // one per segment
}

// initialWorkforce is the base year's state: the raw headcount, and the
// headcount of each segment in use (every scale starts at 1).
type initialWorkforce struct {
	raw [ringSize]cells
	sum []cells
}

// reset sets w to the base year's state; only the segments in use are
// set (a Monte Carlo resets once per draw).
func (w *workforce) reset(init *initialWorkforce) {
	if len(w.sum) != len(init.sum) {
		w.scale, w.sum = make([]cells, len(init.sum)), make([]cells, len(init.sum))
	}
	if w.raw == nil {
		w.raw = new([ringSize]cells)
	}
	*w.raw = init.raw
	for j := range w.scale {
		w.scale[j] = ones
	}
	copy(w.sum, init.sum)
}

var ones = func() (c cells) {
	for i := range c {
		c[i] = 1
	}
	return c
}()

// initWorkforce computes the base year's state of every group, which
// every run of a compiled model starts from with one copy.
func (m *Model) initWorkforce() {
	for g := range m.groups {
		gm := &m.groups[g]
		w := new(initialWorkforce)
		w.sum = make([]cells, len(gm.seg.lo)+1)
		m.baseYearInto(g, &w.raw, w.sum)
		gm.initial = w
	}
}

// baseYearInto writes group g's base-year raw headcount and its headcount
// per segment into raw and sum (zero on entry).
func (m *Model) baseYearInto(g int, raw *[ringSize]cells, sum []cells) {
	of := &m.groups[g].seg.of
	for c := range numCells {
		b, l := cellOf(c)
		head, _, _, _, _ := m.r.member(b, l, g)
		for a, n := range head {
			raw[slot(0, a)][c] = n
			sum[of[a]][c] += n
		}
	}
}

// resetWorkforce sets the run's workforce to the base year's: a copy of
// the model's, or computed in place for a model made for one run.
func (s *sim) resetWorkforce() {
	for g := range s.gy {
		s.resetGroup(g)
	}
}

func (s *sim) resetGroup(g int) {
	gm, w := &s.groups[g], &s.gy[g].wf
	if gm.initial != nil {
		w.reset(gm.initial)
		return
	}
	n := len(gm.seg.lo) + 1
	if len(w.sum) != n {
		w.scale, w.sum = make([]cells, n), make([]cells, n)
	} else {
		clear(w.sum)
	}
	if w.raw == nil {
		w.raw = new([ringSize]cells)
	} else {
		*w.raw = [ringSize]cells{}
	}
	for j := range w.scale {
		w.scale[j] = ones
	}
	s.baseYearInto(g, w.raw, w.sum)
}

// groupYear is one group's workforce in a run and its coefficients of the
// year being simulated.
type groupYear struct {
	wf workforce
	cy cellYear
	// below, lost and old: the headcount below the pension age, its
	// outflow before any factor, and the headcount from 60.
	below, lost, old cells
	pool             [NumLevels]float64
}

// work runs year i of the workforce: it reports the stock at the start of
// the year and moves it to the next, by the equations of the package doc.
// It writes full rows to out, or only the shortfall to short, when not nil.
// The groups of the workforce (Cell.Groups) each age and flow by their own
// rates; supply, demand and the rows are the cells', summed over groups.
func (s *sim) work(i, y int, d drawFactors, out []Row, short []float64) {
	r, e, cp := s.r, &s.eff, s.params
	iP := r.PensionAge - MinAge
	ng := len(s.groups)

	for g := range ng {
		gy, sg := &s.gy[g], &s.groups[g].seg
		w := &gy.wf
		gy.below, gy.lost, gy.old, gy.pool = cells{}, cells{}, cells{}, [NumLevels]float64{}
		for j := range len(sg.lo) {
			sum, q := &w.sum[j], &sg.q[j]
			for c := range numCells {
				gy.below[c] += sum[c]
				gy.lost[c] += sum[c] * q[c]
			}
			if sg.from60[j] {
				for c := range numCells {
					gy.old[c] += sum[c]
				}
			}
		}
	}

	// Students count in the branches that host their places.
	var hostedFTE, students, grads cells
	for _, p := range s.taught {
		x, share := s.stuFTE[p.l][p.rt], &s.placeShare[p.l][p.rt]
		for b := range NumBranches {
			hostedFTE[b*NumLevels+int(p.l)] += x * share[b]
		}
		if out != nil {
			for b := range NumBranches {
				c := b*NumLevels + int(p.l)
				students[c] += s.stuN[p.l][p.rt] * share[b]
				grads[c] += s.grads[p.l][p.rt] * share[b]
			}
		}
	}

	// Pass 1, per cell: this year's coefficients, supply and demand, the
	// outflows, and the movers to other branches, per group.
	for c := range numCells {
		b, l := cellOf(c)
		qk := d.outflow * (1 - e.retention[c])
		early := r.EarlyRetirementRate * (1 - e.stay[c])
		avail := 1.0
		if cut := e.absenceCut[c]; cut > 0 {
			avail = (1 - max(0, r.AbsenceRate-cut)) / (1 - r.AbsenceRate)
		}
		var head, workFTE, other, retiredEarly, movers, pt float64
		for g := range ng {
			gm, gy := &s.groups[g], &s.gy[g]
			w, cy, past := &gy.wf, &gy.cy, len(gm.seg.lo)
			h := gy.below[c] + w.sum[past][c]
			var fte float64
			if gm.byAge[c] {
				for j := range past + 1 {
					fte += w.sum[j][c] * s.partTime(y, c, gm.ptSeg[j][c]*d.partTime)
				}
			} else {
				pt = s.partTime(y, c, gm.partTime[c]*d.partTime)
				fte = h * pt
			}
			o := qk * gy.lost[c]
			re := early * gy.old[c]
			survivors := gy.below[c] - o - re
			mv := cp.mobility[c] * survivors
			gy.pool[l] += mv
			cy.qk[c], cy.early[c], cy.survive[c], cy.movers[c] = qk, early, survivors, mv
			head += h
			workFTE += fte
			other += o
			retiredEarly += re
			movers += mv
			if s.groupRows != nil && out != nil {
				*s.groupRows = append(*s.groupRows, GroupRow{Year: y, Branch: b, Level: l, Group: g, Headcount: h, WorkforceFTE: fte})
			}
		}
		if ng > 1 || s.groups[0].byAge[c] {
			// the cell's factor this year: its FTE per head (the first
			// group's when it has nobody)
			if head > 0 {
				pt = workFTE / head
			} else {
				pt = s.partTime(y, c, s.groups[0].partTime[c]*d.partTime)
			}
		}

		supply := workFTE*avail + hostedFTE[c]
		s.dem.supply[c], s.dem.ptAv[c] = supply, pt*avail
		if out != nil {
			// Field by field, not a Row literal: the literal is built
			// aside and copied with the write barriers of its string,
			// which cost an eighth of a run. The fields not set here are
			// set (not added to) below and in demandYear.
			row := &out[c]
			row.Scenario, row.Year, row.Branch, row.Level = s.scenario, y, b, l
			row.SupplyFTE, row.Headcount, row.WorkforceFTE = supply, head, workFTE
			row.StudentFTE, row.Students, row.Graduates = hostedFTE[c], students[c], grads[c]
			row.OutflowOther, row.OutflowRetirement, row.MobilityOut = other, retiredEarly, movers
		}
	}

	s.demandYear(i, d, out, short)

	var hired cells
	for g := range ng {
		gm, gy := &s.groups[g], &s.gy[g]
		w, cy, sg := &gy.wf, &gy.cy, &gm.seg
		past := len(sg.lo)

		// Mobility: movers join the branches by their attraction, taking on
		// the age profile of the branch they join (the factor f scales it);
		// they stay in their group.
		for c := range numCells {
			_, l := cellOf(c)
			cy.moveIn[c] = gy.pool[l] * cp.attraction[c]
			cy.f[c], cy.stray[c] = 1, 0
			// Nobody below the pension age: the movers have no age profile
			// to take on. A cell whose last cohort has just passed the
			// pension age keeps, in its segments' running sums, a rounding
			// residue (some 1e-14 people) that must not count as a profile:
			// spread over it, the movers would be multiplied by some 1e15 in
			// one cohort and cancelled in another.
			if cy.survive[c] > 1e-9*cy.moveIn[c] {
				cy.f[c] = 1 + (cy.moveIn[c]-cy.movers[c])/cy.survive[c]
			} else {
				cy.stray[c] = cy.moveIn[c]
			}
			cy.fk[c] = cy.f[c] * cy.qk[c]
			cy.fe[c] = cy.f[c] * cy.early[c]
			cy.stay[c] = r.StayPastPension + (1-r.StayPastPension)*e.stay[c]
		}

		// Past the pension age: the past-pension outflow, and whoever is
		// MaxAge stops.
		ppq := r.PastPensionOutflow
		top := &w.raw[slot(i, NumAges-1)]
		tiny := false
		for c := range numCells {
			t := top[c] * w.scale[past][c]
			top[c] = 0
			cy.retired[c] = t + ppq*(w.sum[past][c]-t)
			w.sum[past][c] = (1 - ppq) * (w.sum[past][c] - t)
			w.scale[past][c] *= 1 - ppq
			tiny = tiny || w.scale[past][c] < minScale
		}
		if tiny {
			w.rescale(i+1, past, iP+1, NumAges)
		}

		// Below the pension age, from the oldest segment down: everyone
		// grows a year older and survives other outflow, early retirement
		// and mobility by the segment's factor g, applied to its scale; the
		// oldest cohort moves on to the next segment, or reaches the pension
		// age and retires or stays on.
		for j := past - 1; j >= 0; j-- {
			q, scale, sum := &sg.q[j], &w.scale[j], &w.sum[j]
			nextScale, nextSum := &w.scale[j+1], &w.sum[j+1]
			outs := &w.raw[slot(i, sg.hi[j]-1)]
			if cy.ageSegment(q, scale, sum, outs, nextScale, nextSum, sg.from60[j], sg.hi[j] == iP) {
				w.rescale(i+1, j, sg.lo[j]+1, sg.hi[j])
			}
		}

		// Inflow: graduates hired, lateral entrants and returners, each
		// group taking its share of the cell's.
		for _, p := range s.taught {
			x, to := s.hired[p.l][p.rt], w.cohort(i+1, gm.graduatesAt[p.l][p.rt])
			for b := range NumBranches {
				c := b*NumLevels + int(p.l)
				h := x * cp.gradShare[c] * gm.entrant[c]
				to.add(c, h)
				hired[c] += h
			}
		}
		toLateral, toReturners := w.cohort(i+1, gm.lateralAt), w.cohort(i+1, gm.returnersAt)
		for c := range numCells {
			lateral, returners := cp.lateral[c], cp.returners[c]
			if x := e.lateral[c]; x > 0 {
				if base := lateral + returners; base > 0 {
					lateral += x * cp.lateral[c] / base
					returners += x * cp.returners[c] / base
				} else {
					lateral += x
				}
			}
			toLateral.add(c, lateral*gm.entrant[c]+cy.stray[c])
			toReturners.add(c, returners*gm.entrant[c])
			if out != nil {
				row := &out[c]
				row.InflowLateral = lateral
				row.InflowReturners = returners
				row.OutflowRetirement += cy.retired[c]
				if g == 0 {
					row.MobilityIn = cy.moveIn[c]
				} else {
					row.MobilityIn += cy.moveIn[c]
				}
			}
		}
	}
	if out != nil {
		for c := range numCells {
			out[c].InflowGraduates = hired[c]
		}
	}
}

// partTime returns a factor f raised by the larger-contracts lever in cell
// c, at most full time.
func (s *sim) partTime(y, c int, f float64) float64 {
	e := &s.eff
	pt := f + e.hours[c]/36
	if pt > 1 {
		pt = 1
		if s.cappedPartTime == 0 && e.hours[c] > 0 {
			s.cappedPartTime = y
		}
	}
	return pt
}

// ageSegment moves segment j a year on: everyone survives by the factor
// g = f - q*fk (- fe from 60), applied to the scale, and the oldest
// cohort, outs, moves to the next segment; at the pension age the part
// 1-stay of it retires. It reports whether a scale fell below minScale.
// It is its own function so that the compiler keeps its loop in registers.
func (cy *cellYear) ageSegment(q, scale, sum, outs, nextScale, nextSum *cells, from60, toPension bool) (tiny bool) {
	// Slices of the arrays: nil-checked once here rather than on every
	// access in the loop.
	f, fk, fe, stay, retired := cy.f[:], cy.fk[:], cy.fe[:], cy.stay[:], cy.retired[:]
	qs, scales, sums, outss, nextScales, nextSums := q[:], scale[:], sum[:], outs[:], nextScale[:], nextSum[:]
	for c := range numCells {
		g := f[c] - qs[c]*fk[c]
		if from60 {
			g -= fe[c]
		}
		last := outss[c] * scales[c]
		v := last * g
		sums[c] = g * (sums[c] - last)
		scales[c] *= g
		if scales[c] < minScale {
			tiny = true
		}
		if toPension {
			retired[c] += v * (1 - stay[c])
			v *= stay[c]
		}
		nextSums[c] += v
		outss[c] = v / nextScales[c]
	}
	return tiny
}

// cohortRef is where people of one age join in one year: their cohort's
// ring slot and their segment's scale and headcount.
type cohortRef struct{ raw, scale, sum *cells }

// cohort is the cohortRef of the age at in year i.
func (w *workforce) cohort(i int, at entry) cohortRef {
	return cohortRef{&w.raw[slot(i, at.a)], &w.scale[at.j], &w.sum[at.j]}
}

// add adds x people to cell c.
func (to cohortRef) add(c int, x float64) {
	to.raw[c] += x / to.scale[c]
	to.sum[c] += x
}

// minScale is the smallest scale divided by; below it the scale is
// folded into the cohorts.
const minScale = 1e-100

// rescale folds the scale of segment j into its cohorts (ages lo to hi-1
// in year i) for the cells where it has grown too small to divide by, or
// reached zero (everyone in it left).
func (w *workforce) rescale(i, j, lo, hi int) {
	for c := range numCells {
		sc := w.scale[j][c]
		if sc >= minScale {
			continue
		}
		for a := lo; a < hi; a++ {
			w.raw[slot(i, a)][c] *= sc
		}
		w.scale[j][c] = 1
		if sc == 0 || math.IsNaN(sc) {
			w.sum[j][c] = 0
		}
	}
}

// cellYear holds per-cell coefficients of the year being simulated.
type cellYear struct {
	qk, early, survive, movers, moveIn cells
	f, fk, fe, stay, stray, retired    cells
}
