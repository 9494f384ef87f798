package forecast

import (
	"math"
)

// This file is a reference implementation of the model: plain, slow and
// written from the package doc, the LeverKind docs and the Region field
// docs (and MODEL.md), not from the engine. It keeps every cell's
// headcount as one number per single year of age and moves it one year on
// with one loop per age, so that each equation of the package doc is one
// line here. The engine, which groups ages into segments, stores cohorts in
// a ring and folds survival into scales, must give the same numbers (the
// property tests in reference_prop_test.go); where the two disagree, read
// this file first: it is meant to be obviously right.
//
// Where the docs leave a choice open, the reference takes the one the
// engine's comments state and says so:
//   - movers into a cell with nobody below the pension age have no age
//     profile to take on; they join at the lateral-entry age (and survivors
//     of less than a billionth of the movers count as nobody: rounding);
//   - places the BOL-to-BBL lever adds are hosted by the branches in
//     proportion to the programme's places in the base year (by the
//     level's graduate shares when it had none);
//   - prevention levers add up per branch and age group, capped at 1, and
//     productivity levers per cell, capped at 1 (the docs call both a share
//     0-1 without saying how two combine; the engine's demandLever caps the
//     sum, which the reference takes);
//   - in a region without population the index is 1 and a prevention
//     lever (which may then name no age groups: Run refuses them) cuts it
//     to 1 - share, as it would cut every group's use (the docs leave this
//     case open; read from the engine's demandYear);
//   - DemographicIndex and DemographyDemandFTE are the index without the
//     prevention lever (the package doc's demography[t] uses index, not
//     index'), but with the Monte Carlo's population deviation, which
//     scales every P[t][g];
//   - substitution levers from one level add up; where their shares out
//     of a level sum past 1 ("a level gives away at most all of its
//     demand") each is scaled down in proportion, so that the levers'
//     order does not matter (package doc, "Levers").
//
// Groups of the workforce (issue 17) are not modelled here: propRegion
// makes none, and forecast/group_test.go holds groups to "a cell of two
// groups equals two cells" instead.
//
// It uses only the package's exported API, so that a refactor of the
// engine does not touch it.

// refDraw are the factors of one Monte Carlo draw (package doc,
// "Uncertainty"): one factor per parameter group, and an addition to every
// demand growth rate. refNoDraw is the central estimate.
type refDraw struct {
	dropout, sectorYield, outflow, partTime, growthAdd float64
	// popDev is the population's relative deviation from the projection
	// in the projection's last year.
	popDev float64
}

var refNoDraw = refDraw{dropout: 1, sectorYield: 1, outflow: 1, partTime: 1}

// refResult is what the reference computes: Rows and Education in the
// order of Result (year, branch, level; year, level, route).
type refResult struct {
	Rows      []Row
	Education []EducationRow
}

func (rr *refResult) row(base, year int, b Branch, l Level) *Row {
	return &rr.Rows[((year-base)*NumBranches+int(b))*NumLevels+int(l)]
}

// refEffects are the levers' combined effects in one year.
type refEffects struct {
	bolToBBL     [NumLevels]float64 // share of BOL candidates moved, capped at 1
	programHours [NumLevels]float64 // contract hours offered to graduates, summed
	intakeGrowth [NumLevels][NumRoutes]float64
	dropoutCut   [NumLevels][NumRoutes]float64
	sectorYield  [NumLevels][NumRoutes]float64
	// extraPlaces[b][l][rt]: training places the opleidingsquote lever adds
	// this year at trainers of branch b.
	extraPlaces [NumBranches][NumLevels][NumRoutes]float64

	hours, retention, lateral, stay, absenceCut, demandCut [NumBranches][NumLevels]float64

	prevention   [NumBranches][NumAgeGroups]float64 // share less care use, capped at 1
	productivity [NumBranches][NumLevels]float64    // share fewer FTE, capped at 1
	// substitution[b][l][m]: share of level l's demand moved to level m in
	// branch b; the shares out of a level sum to at most 1.
	substitution [NumBranches][NumLevels][NumLevels]float64
}

// refQuotaPlaces returns, per branch, the places the trainers in scope must
// add to reach a quota of target training FTE per 100 care FTE (LeverKind
// TrainingQuota): each trainer below the target adds the training FTE it
// lacks, in its own mix of places (as training FTE) over the levels and
// routes in scope; a trainer without such places takes its branch's mix,
// and failing that the region's.
func refQuotaPlaces(r *Region, target float64, sc Scope) (extra [NumBranches][NumLevels][NumRoutes]float64) {
	placeFTE := func(rt Route) float64 {
		if r.Training.PlaceHours[rt] <= 0 {
			return 0
		}
		return r.Training.StudentHours[rt] / r.Training.PlaceHours[rt]
	}
	inScope := func(l Level, rt Route) bool {
		return (sc.Levels == 0 || sc.Levels&(1<<l) != 0) && (sc.Routes == 0 || sc.Routes&(1<<rt) != 0)
	}
	// mix returns the training-FTE shares of the places of the trainers
	// keep selects, over the levels and routes in scope.
	mix := func(keep func(i int) bool) (m [NumLevels][NumRoutes]float64, any bool) {
		var total float64
		for i, t := range r.Trainers {
			if !keep(i) {
				continue
			}
			for l := range Level(NumLevels) {
				for rt := range Route(NumRoutes) {
					if inScope(l, rt) {
						m[l][rt] += t.Places[l][rt] * placeFTE(rt)
						total += t.Places[l][rt] * placeFTE(rt)
					}
				}
			}
		}
		if total <= 0 {
			return m, false
		}
		for l := range m {
			for rt := range m[l] {
				m[l][rt] /= total
			}
		}
		return m, true
	}
	for i, t := range r.Trainers {
		if sc.Branches != 0 && sc.Branches&(1<<t.Branch) == 0 {
			continue
		}
		var fte float64
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				fte += t.Places[l][rt] * placeFTE(rt)
			}
		}
		quota := 0.0
		if t.CareFTE > 0 {
			quota = 100 * fte / t.CareFTE
		}
		lack := (target - quota) / 100 * t.CareFTE // training FTE
		if lack <= 0 {
			continue
		}
		m, ok := mix(func(j int) bool { return j == i })
		if !ok {
			m, ok = mix(func(j int) bool { return r.Trainers[j].Branch == t.Branch })
		}
		if !ok {
			m, _ = mix(func(int) bool { return true })
		}
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				if pf := placeFTE(rt); pf > 0 {
					extra[t.Branch][l][rt] += lack * m[l][rt] / pf
				}
			}
		}
	}
	return extra
}

// refEffectsIn sums the levers' effects in year y: each lever acts with
// Size x Ramp(y) (the opleidingsquote lever phases in Ramp(y) of the places
// its quota needs), levers of the same kind add up, and shares are capped
// at 1. Nothing is skipped when an effect is zero.
func refEffectsIn(r *Region, levers []Lever, y int) refEffects {
	var e refEffects
	for _, lv := range levers {
		ramp := math.Min(1, math.Max(0, float64(y-lv.Start)/float64(lv.RampYears())))
		x := lv.Size * ramp
		sc := lv.Scope
		hasB := func(b Branch) bool { return sc.Branches == 0 || sc.Branches&(1<<b) != 0 }
		hasL := func(l Level) bool { return sc.Levels == 0 || sc.Levels&(1<<l) != 0 }
		hasR := func(rt Route) bool { return sc.Routes == 0 || sc.Routes&(1<<rt) != 0 }
		switch lv.Kind {
		case BOLToBBL:
			for l := range Level(NumLevels) {
				if hasL(l) {
					e.bolToBBL[l] = math.Min(1, e.bolToBBL[l]+x)
				}
			}
		case TrainingQuota:
			q := refQuotaPlaces(r, lv.Size, sc)
			for b := range q {
				for l := range q[b] {
					for rt := range q[b][l] {
						e.extraPlaces[b][l][rt] += ramp * q[b][l][rt]
					}
				}
			}
		case Prevention:
			for b := range Branch(NumBranches) {
				for g := range AgeGroup(NumAgeGroups) {
					if hasB(b) && (sc.AgeGroups == 0 || sc.AgeGroups&(1<<g) != 0) {
						e.prevention[b][g] = math.Min(1, e.prevention[b][g]+x)
					}
				}
			}
		case Substitution:
			// From each level of the scope but To, in each branch in scope.
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					if hasB(b) && sc.Levels&(1<<l) != 0 && l != lv.To {
						e.substitution[b][l][lv.To] += x
					}
				}
			}
		case IntakeGrowth, StudyYield, SectorYield:
			for l := range Level(NumLevels) {
				for rt := range Route(NumRoutes) {
					if !hasL(l) || !hasR(rt) {
						continue
					}
					switch lv.Kind {
					case IntakeGrowth:
						e.intakeGrowth[l][rt] += x
					case StudyYield:
						e.dropoutCut[l][rt] = math.Min(1, e.dropoutCut[l][rt]+x)
					case SectorYield:
						e.sectorYield[l][rt] += x
					}
				}
			}
		default:
			// Per cell. The lateral-entry lever spreads its size over the
			// cells in scope by their share of the base-year headcount.
			var scoped float64
			if lv.Kind == LateralEntry {
				for b := range Branch(NumBranches) {
					for l := range Level(NumLevels) {
						if hasB(b) && hasL(l) {
							for _, n := range r.Cells[b][l].Headcount {
								scoped += n
							}
						}
					}
				}
			}
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					if !hasB(b) || !hasL(l) {
						continue
					}
					switch lv.Kind {
					case LargerContracts:
						e.hours[b][l] += x
					case Retention:
						e.retention[b][l] = math.Min(1, e.retention[b][l]+x)
					case LateralEntry:
						if scoped > 0 {
							var n float64
							for _, h := range r.Cells[b][l].Headcount {
								n += h
							}
							e.lateral[b][l] += x * n / scoped
						}
					case LaterRetirement:
						e.stay[b][l] = math.Min(1, e.stay[b][l]+x)
					case SickLeave:
						e.absenceCut[b][l] += x
					case DemandReduction:
						e.demandCut[b][l] += x
					case Productivity:
						e.productivity[b][l] = math.Min(1, e.productivity[b][l]+x)
					}
				}
			}
			if lv.Kind == LargerContracts {
				// Graduates of a level in scope get a first contract of Size
				// more hours; with a branch scope, only those the branches in
				// scope hire, so the level's hours are Size x their share of
				// the graduates. Levers of the same kind add up.
				for l := range Level(NumLevels) {
					if !hasL(l) {
						continue
					}
					share := 1.0
					if sc.Branches != 0 {
						share = 0
						for b := range Branch(NumBranches) {
							if hasB(b) {
								share += r.Cells[b][l].GraduateShare
							}
						}
					}
					e.programHours[l] += x * share
				}
			}
		}
	}
	// A level gives away at most all of its demand.
	for b := range e.substitution {
		for l := range e.substitution[b] {
			var out float64
			for _, x := range e.substitution[b][l] {
				out += x
			}
			if out > 1 {
				for m := range e.substitution[b][l] {
					e.substitution[b][l][m] /= out
				}
			}
		}
	}
	return e
}

// refPopulation is the region's population by age group in a year: the
// projection's, interpolated linearly between its years and held at its
// first before it and at its last after it.
func refPopulation(p *Population, year int) (c [NumAgeGroups]float64) {
	ys := p.Years
	switch {
	case year <= ys[0]:
		return p.Count[0]
	case year >= ys[len(ys)-1]:
		return p.Count[len(ys)-1]
	}
	for i := 1; i < len(ys); i++ {
		if year <= ys[i] {
			w := float64(year-ys[i-1]) / float64(ys[i]-ys[i-1])
			for g := range c {
				c[g] = (1-w)*p.Count[i-1][g] + w*p.Count[i][g]
			}
			return c
		}
	}
	panic("unreachable")
}

// refGrowth is a cell's yearly non-demographic demand growth: the product
// of its branch's demand factors' yearly factors, (1 + change)^(1/years),
// the factors naming one Sum adding their changes first and counting as
// one factor, less one, plus the cell's DemandGrowth. (The package doc
// says "demand_growth, or the product"; Region.GrowthRate's doc says plus,
// a region file leaving demand_growth zero where a branch has factors:
// the reference adds, and propDemand gives both at times.)
func refGrowth(r *Region, b Branch, l Level) float64 {
	g := 1.0
	done := map[string]bool{}
	for _, f := range r.DemandFactors[b] {
		change := f.Change
		if f.Sum != "" {
			if done[f.Sum] {
				continue
			}
			done[f.Sum] = true
			change = 0
			for _, h := range r.DemandFactors[b] {
				if h.Sum == f.Sum {
					change += h.Change
				}
			}
		}
		g *= math.Pow(1+change, 1/float64(f.Years))
	}
	return g - 1 + r.Cells[b][l].DemandGrowth
}

// reference runs the region under the levers from the base year to the
// base year plus years, with the draw's factors.
func reference(r *Region, levers []Lever, d refDraw, years int) *refResult {
	P := r.PensionAge
	// N[b][l][a]: headcount by age index a (age MinAge+a) at the start of
	// the year.
	var N [NumBranches][NumLevels][NumAges]float64
	for b := range N {
		for l := range N[b] {
			N[b][l] = r.Cells[b][l].Headcount
		}
	}
	// S[l][rt][k]: students in study year k+1 at the start of the year.
	var S [NumLevels][NumRoutes][]float64
	for l := range S {
		for rt := range S[l] {
			S[l][rt] = append([]float64(nil), r.Programmes[l][rt].Enrolled...)
		}
	}
	// The training places per branch, level and route, and in all.
	var basePlaces [NumBranches][NumLevels][NumRoutes]float64
	for _, t := range r.Trainers {
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				basePlaces[t.Branch][l][rt] += t.Places[l][rt]
			}
		}
	}
	// The demand side: base-year demand, the non-demographic part of
	// demand (nonDemo, the package doc's other), and each branch's care use in the base year.
	var Dbase, nonDemo [NumBranches][NumLevels]float64
	hasPop := r.Population != nil && len(r.Population.Years) > 0
	var baseUse [NumBranches]float64
	if hasPop {
		p := refPopulation(r.Population, r.BaseYear)
		for b := range Branch(NumBranches) {
			for g := range AgeGroup(NumAgeGroups) {
				baseUse[b] += p[g] * r.CareUse[b][g]
			}
		}
	}
	res := &refResult{}
	for i := 0; i <= years; i++ {
		y := r.BaseYear + i
		e := refEffectsIn(r, levers, y)

		// Education, per programme.
		var hostedFTE, hostedStudents, hostedGrads [NumBranches][NumLevels]float64
		var hired [NumLevels][NumRoutes]float64
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				p := &r.Programmes[l][rt]
				n := p.DurationYears
				if n == 0 {
					continue
				}
				candidatesOf := func(rt Route) float64 {
					q := &r.Programmes[l][rt]
					return q.Candidates * math.Pow(1+q.CandidateGrowth, float64(i)) * (1 + e.intakeGrowth[l][rt])
				}
				cand := candidatesOf(rt)
				// The places of this year, by hosting branch, and each
				// branch's share of the base year's.
				var host, baseShare [NumBranches]float64
				var places, base float64
				for b := range Branch(NumBranches) {
					host[b] = basePlaces[b][l][rt] + e.extraPlaces[b][l][rt]
					places += host[b]
					base += basePlaces[b][l][rt]
				}
				for b := range Branch(NumBranches) {
					baseShare[b] = r.Cells[b][l].GraduateShare
					if base > 0 {
						baseShare[b] = basePlaces[b][l][rt] / base
					}
				}
				if e.bolToBBL[l] > 0 && r.Programmes[l][BOL].DurationYears > 0 {
					moved := e.bolToBBL[l] * candidatesOf(BOL)
					switch rt {
					case BOL:
						cand -= moved
					case BBL:
						// Places for the moved students in every study year
						// of BBL, in steady state.
						var perIntake float64
						surv := 1.0
						for k := range n {
							perIntake += surv
							surv *= 1 - p.Dropout[k]
						}
						cand += moved
						add := moved * p.PlaceUse * perIntake
						places += add
						for b := range host {
							host[b] += add * baseShare[b]
						}
					}
				}
				var continuing float64
				for k := 1; k < n; k++ {
					continuing += S[l][rt][k]
				}
				capacity := math.Inf(1)
				if p.PlaceUse > 0 {
					capacity = math.Max(0, places/p.PlaceUse-continuing)
				}
				if i > 0 {
					S[l][rt][0] = math.Min(cand, capacity)
				}
				drop := make([]float64, n)
				for k := range n {
					drop[k] = math.Min(1, p.Dropout[k]*d.dropout*(1-e.dropoutCut[l][rt]))
				}
				var students, dropouts float64
				for k := range n {
					students += S[l][rt][k]
					dropouts += S[l][rt][k] * drop[k]
				}
				grads := S[l][rt][n-1] * (1 - drop[n-1])
				sy := math.Min(1, p.SectorYield*d.sectorYield+e.sectorYield[l][rt]+e.programHours[l]*r.SectorYieldPerContractHour)
				hired[l][rt] = grads * sy
				// Students are hosted where the places are this year; a
				// programme without places, where its graduates go.
				for b := range Branch(NumBranches) {
					share := baseShare[b]
					if places > 0 {
						share = host[b] / places
					}
					hostedFTE[b][l] += students * p.ProductiveFTE * share
					hostedStudents[b][l] += students * share
					hostedGrads[b][l] += grads * share
				}
				er := EducationRow{
					Year: y, Level: l, Route: rt, Candidates: cand, Places: places, Intake: S[l][rt][0],
					Students: students, Dropouts: dropouts, Graduates: grads, GraduatesHired: grads * sy,
				}
				if p.PlaceUse > 0 {
					er.PlaceCapacity, er.PlaceCapped = capacity, true
				}
				res.Education = append(res.Education, er)
				// Next year's students.
				for k := n - 1; k > 0; k-- {
					S[l][rt][k] = S[l][rt][k-1] * (1 - drop[k-1])
				}
				S[l][rt][0] = 0
			}
		}

		// The demographic index per branch, without and with prevention.
		var index, indexPrev [NumBranches]float64
		for b := range Branch(NumBranches) {
			if !hasPop {
				index[b], indexPrev[b] = 1, 1-e.prevention[b][0]
				continue
			}
			p := refPopulation(r.Population, y)
			// The Monte Carlo's deviation: every group's population times
			// 1 + u * (t - base) / (last projection year - base), capped.
			last := r.Population.Years[len(r.Population.Years)-1]
			dev := 1 + d.popDev*math.Min(1, float64(y-r.BaseYear)/float64(last-r.BaseYear))
			var use, usePrev float64
			for g := range AgeGroup(NumAgeGroups) {
				use += dev * p[g] * r.CareUse[b][g]
				usePrev += dev * p[g] * r.CareUse[b][g] * (1 - e.prevention[b][g])
			}
			index[b], indexPrev[b] = use/baseUse[b], usePrev/baseUse[b]
		}

		// The workforce, per cell: this year's row and outflows.
		var rows [NumBranches][NumLevels]Row
		var pre, supplyOf, ptAv [NumBranches][NumLevels]float64
		var other, early [NumBranches][NumLevels][NumAges]float64
		var survivors, movers [NumBranches][NumLevels]float64
		var pool [NumLevels]float64
		for b := range Branch(NumBranches) {
			for l := range Level(NumLevels) {
				c := &r.Cells[b][l]
				k := d.outflow * (1 - e.retention[b][l])
				er := r.EarlyRetirementRate * (1 - e.stay[b][l])
				var head, below, out, retiredEarly float64
				for a := range NumAges {
					age := MinAge + a
					head += N[b][l][a]
					if age >= P {
						continue
					}
					below += N[b][l][a]
					other[b][l][a] = N[b][l][a] * c.OtherOutflowRate[a] * k
					out += other[b][l][a]
					if age >= 60 {
						early[b][l][a] = N[b][l][a] * er
						retiredEarly += early[b][l][a]
					}
				}
				survivors[b][l] = below - out - retiredEarly
				movers[b][l] = c.MobilityRate * survivors[b][l]
				pool[l] += movers[b][l]

				pt := math.Min(1, c.PartTimeFactor*d.partTime+e.hours[b][l]/36)
				avail := (1 - math.Max(0, r.AbsenceRate-e.absenceCut[b][l])) / (1 - r.AbsenceRate)
				supply := head*pt*avail + hostedFTE[b][l]
				if i == 0 {
					Dbase[b][l] = (supply + c.OpenVacanciesFTE) / (1 - c.UnmetDemand)
					nonDemo[b][l] = Dbase[b][l]
				} else {
					nonDemo[b][l] *= 1 + refGrowth(r, b, l) + d.growthAdd - e.demandCut[b][l]
				}
				pre[b][l] = nonDemo[b][l] * indexPrev[b] * (1 - e.productivity[b][l])
				supplyOf[b][l], ptAv[b][l] = supply, pt*avail
				rows[b][l] = Row{
					Year: y, Branch: b, Level: l,
					SupplyFTE: supply,
					Headcount: head, WorkforceFTE: head * pt,
					StudentFTE: hostedFTE[b][l], Students: hostedStudents[b][l], Graduates: hostedGrads[b][l],
					OutflowOther: out, OutflowRetirement: retiredEarly, MobilityOut: movers[b][l],
				}
			}
		}

		// Demand: substitution between the levels of a branch, then the
		// shortfall.
		for b := range Branch(NumBranches) {
			for l := range Level(NumLevels) {
				D := pre[b][l]
				for m := range Level(NumLevels) {
					D -= e.substitution[b][l][m] * pre[b][l]
					D += e.substitution[b][m][l] * pre[b][m]
				}
				row := &rows[b][l]
				row.DemandFTE, row.ShortfallFTE = D, D-supplyOf[b][l]
				row.ShortfallHeadcount = (D - supplyOf[b][l]) / ptAv[b][l]
				row.DemographicIndex = index[b]
				row.DemographyDemandFTE = Dbase[b][l] * index[b]
			}
		}

		// Next year's stock: age, mobility, retirement, inflow.
		var next [NumBranches][NumLevels][NumAges]float64
		for b := range Branch(NumBranches) {
			for l := range Level(NumLevels) {
				c := &r.Cells[b][l]
				row := &rows[b][l]
				moveIn := pool[l] * c.MobilityAttraction
				f, stray := 1.0, 0.0
				// Survivors of less than a billionth of the movers coming
				// in are rounding (an outflow rate of 1 - early retirement
				// leaves some 1e-16 of a cohort): nobody.
				if survivors[b][l] > 1e-9*moveIn {
					f = 1 + (moveIn-movers[b][l])/survivors[b][l]
				} else {
					stray = moveIn
				}
				stay := r.StayPastPension + (1-r.StayPastPension)*e.stay[b][l]
				for a := range NumAges {
					age := MinAge + a
					switch {
					case age < P-1:
						next[b][l][a+1] = (N[b][l][a] - other[b][l][a] - early[b][l][a]) * f
					case age == P-1:
						v := (N[b][l][a] - other[b][l][a] - early[b][l][a]) * f
						next[b][l][a+1] = v * stay
						row.OutflowRetirement += v * (1 - stay)
					case age < MaxAge:
						next[b][l][a+1] = N[b][l][a] * (1 - r.PastPensionOutflow)
						row.OutflowRetirement += N[b][l][a] * r.PastPensionOutflow
					default: // MaxAge: nobody works past it
						row.OutflowRetirement += N[b][l][a]
					}
				}
				// Graduates hired this year join next year at the entry age.
				for rt := range Route(NumRoutes) {
					if p := &r.Programmes[l][rt]; p.DurationYears > 0 {
						h := hired[l][rt] * c.GraduateShare
						next[b][l][p.EntryAge-MinAge] += h
						row.InflowGraduates += h
					}
				}
				// Lateral entrants and returners; the lever's extra inflow
				// splits between them as the region's own does, all lateral
				// where the cell has neither.
				lateral, returners := c.LateralEntry, c.Returners
				if x := e.lateral[b][l]; c.LateralEntry+c.Returners > 0 {
					lateral += x * c.LateralEntry / (c.LateralEntry + c.Returners)
					returners += x * c.Returners / (c.LateralEntry + c.Returners)
				} else {
					lateral += x
				}
				next[b][l][r.LateralEntryAge-MinAge] += lateral + stray
				next[b][l][r.ReturnerAge-MinAge] += returners
				row.InflowLateral, row.InflowReturners = lateral, returners
				row.MobilityIn = moveIn
			}
		}
		N = next
		for b := range rows {
			for l := range rows[b] {
				res.Rows = append(res.Rows, rows[b][l])
			}
		}
	}
	return res
}
