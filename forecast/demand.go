package forecast

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// This file holds the demand side of the model: the region's population
// by age group and each branch's care use over it (the demographic
// index), the named non-demographic demand factors, and the demand
// levers' effects. The package doc gives the equations.

// AgeGroup is an age group of the region's inhabitants (not of its
// workforce, whose ages are single years): who needs care.
type AgeGroup uint8

const (
	Age0to17 AgeGroup = iota
	Age18to64
	Age65to74
	Age75to84
	Age85Plus
	NumAgeGroups = iota
)

var ageGroupKeys = [NumAgeGroups]string{"0-17", "18-64", "65-74", "75-84", "85+"}

// ageGroupSpans are the groups' first and last age (85+ ends at 150).
var ageGroupSpans = [NumAgeGroups][2]int{{0, 17}, {18, 64}, {65, 74}, {75, 84}, {85, 150}}

// String returns the group's key, as region files write it ("75-84").
func (g AgeGroup) String() string {
	if int(g) < NumAgeGroups {
		return ageGroupKeys[g]
	}
	return fmt.Sprintf("AgeGroup(%d)", uint8(g))
}

// Label returns the group for a Dutch reader ("75-84 jaar").
func (g AgeGroup) Label() string { return g.String() + " jaar" }

// Span returns the group's first and last age.
func (g AgeGroup) Span() (lo, hi int) { return ageGroupSpans[g][0], ageGroupSpans[g][1] }

// AgeGroups returns all groups, youngest first.
func AgeGroups() []AgeGroup {
	gs := make([]AgeGroup, NumAgeGroups)
	for i := range gs {
		gs[i] = AgeGroup(i)
	}
	return gs
}

// ParseAgeGroup accepts a group's key; "85 jaar of ouder" and "85-plus"
// also name 85+.
func ParseAgeGroup(s string) (AgeGroup, error) {
	k := strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), " jaar")
	switch k {
	case "85-plus", "85plus", "85 jaar of ouder", "85 of ouder":
		return Age85Plus, nil
	}
	for i, gk := range ageGroupKeys {
		if k == gk {
			return AgeGroup(i), nil
		}
	}
	return 0, fmt.Errorf("unknown age group %q, want one of %s", s, strings.Join(ageGroupKeys[:], ", "))
}

// MarshalText writes the group's key.
func (g AgeGroup) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText reads a group's key.
func (g *AgeGroup) UnmarshalText(t []byte) error {
	v, err := ParseAgeGroup(string(t))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// Population is the region's population projection: inhabitants per age
// group in some years, the first at or before the base year (a region file
// must give it; a projection starting later is held at its first year
// before it, with a warning) and the last after it. Years between are interpolated linearly; after the last year
// the population is held at the last year's (Run warns).
type Population struct {
	// Years are increasing.
	Years []int
	// Count[i][g] is the number of inhabitants of group g in Years[i].
	Count [][NumAgeGroups]float64
}

// At returns the population of each group in a year, interpolated
// linearly between the projection's years and held flat outside them.
func (p *Population) At(year int) (c [NumAgeGroups]float64) {
	n := len(p.Years)
	switch {
	case n == 0:
		return c
	case year <= p.Years[0]:
		return p.Count[0]
	case year >= p.Years[n-1]:
		return p.Count[n-1]
	}
	i, _ := slices.BinarySearch(p.Years, year) // the first year >= year: 1 to n-1 here
	y0, y1 := p.Years[i-1], p.Years[i]
	w := float64(year-y0) / float64(y1-y0)
	for g := range c {
		c[g] = p.Count[i-1][g]*(1-w) + p.Count[i][g]*w
	}
	return c
}

// Last is the projection's last year.
func (p *Population) Last() int { return p.Years[len(p.Years)-1] }

// DemandFactor is one named non-demographic driver of a branch's demand,
// in the Capaciteitsorgaan's terms (epidemiologisch, sociaal-cultureel,
// vakinhoudelijk, efficiency, arbeidstijd, substitutie): Change is the
// total relative change of demand it causes over Years years from the base
// year (signed: -0.05 is 5% less), compounding evenly, so that its factor
// in year t is (1 + Change)^((t - base) / Years). The rate goes on past
// Years at the same pace: the file states a rate as the source gives it,
// over the source's period.
//
// Factors combine multiplicatively, unless they name the same Sum: the
// factors of one sum group add their changes, as the Capaciteitsorgaan
// adds its non-demographic factors before it multiplies them with
// demography, and the group acts as one factor
//
//	(1 + sum over the group of Change)^((t - base) / Years)
//
// whose members must share Years. So +3% and +5% over ten years are
// 1.03 x 1.05 = +8.15% as two factors and +8% as a group.
type DemandFactor struct {
	Name   string
	Change float64
	Years  int
	// Sum names the factor's additive group; "" is a factor on its own.
	Sum string
}

// factorTerm is one multiplicative term of a branch's non-demographic
// growth: a factor on its own or a sum group, with its summed change.
type factorTerm struct {
	change  float64
	years   int
	members []int // indices into the branch's factors
}

// rate is the term's yearly growth rate: (1 + change)^(1/years) - 1.
func (t factorTerm) rate() float64 { return math.Pow(1+t.change, 1/float64(t.years)) - 1 }

// factorTerms groups a branch's factors into the terms that multiply, in
// the order of each term's first factor. A group's years are its first
// member's (validation refuses members that differ).
func factorTerms(fs []DemandFactor) []factorTerm {
	var ts []factorTerm
	group := map[string]int{}
	for k, f := range fs {
		if f.Sum != "" {
			if i, ok := group[f.Sum]; ok {
				ts[i].change += f.Change
				ts[i].members = append(ts[i].members, k)
				continue
			}
			group[f.Sum] = len(ts)
		}
		ts = append(ts, factorTerm{change: f.Change, years: f.Years, members: []int{k}})
	}
	return ts
}

// GrowthRate returns a branch's yearly non-demographic demand growth at a
// level: the product of its demand factors' yearly factors less one (each
// sum group one factor, (1 + its summed change)^(1/years)), plus the cell's
// DemandGrowth (which a region file leaves zero for a branch with factors,
// and a sensitivity analysis shifts).
func (r *Region) GrowthRate(b Branch, l Level) float64 {
	g := 1.0
	for _, t := range factorTerms(r.DemandFactors[b]) {
		g *= 1 + t.rate()
	}
	return g - 1 + r.Cells[b][l].DemandGrowth
}

// FactorShares splits a branch's non-demographic growth over its named
// factors: each term (a factor on its own or a sum group) gets its part of
// the log of the combined growth, ln(1 + rate) / sum over terms of
// ln(1 + rate), so that shares of factors pulling the same way add to one
// and a factor pulling the other way gets a negative share. A group's part
// is split over its members in proportion to their signed changes:
// member k of a group with summed change S over Y years has weight
//
//	change_k * ln(1 + S) / (S * Y)      (change_k / Y when S is 0)
//
// and a factor on its own ln(1 + rate_k); a share is its weight over the
// sum of all weights. It returns nil for a branch without factors or whose
// factors cancel out exactly.
func (r *Region) FactorShares(b Branch) []float64 {
	fs := r.DemandFactors[b]
	w := make([]float64, len(fs))
	var total float64
	for _, t := range factorTerms(fs) {
		perChange := 1 / float64(t.years) // d ln(1+S)/dS at S = 0
		if t.change != 0 {
			perChange = math.Log1p(t.change) / (t.change * float64(t.years))
		}
		for _, k := range t.members {
			w[k] = fs[k].Change * perChange
			total += w[k]
		}
	}
	if len(fs) == 0 || total == 0 {
		return nil
	}
	for k := range w {
		w[k] /= total
	}
	return w
}

// HasPopulation reports whether the region's demand follows its
// population.
func (r *Region) HasPopulation() bool { return r.Population != nil && len(r.Population.Years) > 0 }

// baseUse returns a branch's care use in the base year, summed over the
// groups: sum over g of population[base][g] * use[b][g].
func (r *Region) baseUse(b Branch) float64 {
	p := r.Population.At(r.BaseYear)
	var u float64
	for g := range p {
		u += p[g] * r.CareUse[b][g]
	}
	return u
}

// DemographicIndex returns a branch's demographic index in a year: its
// care use by the year's population relative to the base year's,
//
//	index[b][t] = sum over g of P[t][g] * use[b][g] / sum over g of P[base][g] * use[b][g]
//
// 1 for a region without population data.
func (r *Region) DemographicIndex(b Branch, year int) float64 {
	if !r.HasPopulation() {
		return 1
	}
	p := r.Population.At(year)
	var u float64
	for g := range p {
		u += p[g] * r.CareUse[b][g]
	}
	return u / r.baseUse(b)
}

// UseShares returns each group's share of a branch's care use in the base
// year: P[base][g] * use[b][g] / sum over groups. A population that doubles
// in group g alone raises the branch's demand by exactly share[g].
func (r *Region) UseShares(b Branch) (sh [NumAgeGroups]float64) {
	if !r.HasPopulation() {
		return sh
	}
	p, base := r.Population.At(r.BaseYear), r.baseUse(b)
	for g := range sh {
		sh[g] = p[g] * r.CareUse[b][g] / base
	}
	return sh
}

// validateDemand adds the demand side's problems: the population, the care
// use, the factors, the unmet demand.
func (r *Region) validateDemand(add func(string, any, string)) {
	for b := range Branch(NumBranches) {
		for k, f := range r.DemandFactors[b] {
			p := fmt.Sprintf("branches.%s.demand_factors[%d %s].", b, k+1, f.Name)
			if f.Name == "" {
				add(p+"name", `""`, "a name (epidemiologisch, sociaal-cultureel, vakinhoudelijk, efficiency, arbeidstijd, substitutie)")
			}
			if !(f.Change > -0.9 && f.Change < 5) {
				add(p+"change", f.Change, "a relative change between -0.9 and 5")
			}
			if f.Years < 1 || f.Years > 50 {
				add(p+"years", f.Years, "a number of years from 1 to 50")
			}
		}
		for _, t := range factorTerms(r.DemandFactors[b]) {
			first := r.DemandFactors[b][t.members[0]]
			for _, k := range t.members[1:] {
				if f := r.DemandFactors[b][k]; f.Years != first.Years && f.Years >= 1 && first.Years >= 1 { // else refused above
					add(fmt.Sprintf("branches.%s.demand_factors[%d %s].years", b, k+1, f.Name), f.Years,
						fmt.Sprintf("%d years, as %s, the first factor of sum %s: a sum group's factors add changes over the same years", first.Years, first.Name, first.Sum))
				}
			}
			if len(t.members) > 1 && !(t.change > -0.9 && t.change < 5) {
				add(fmt.Sprintf("branches.%s.demand_factors[%d %s].sum", b, t.members[0]+1, first.Name), fmt.Sprintf("changes of sum %s adding to %g", first.Sum, t.change),
					"a summed change between -0.9 and 5")
			}
		}
		for l := range Level(NumLevels) {
			if u := r.Cells[b][l].UnmetDemand; !(u >= 0 && u < 1) {
				add(fmt.Sprintf("cells[%s][%s].unmet_demand", b, l), u, "a share of base-year demand from 0 up to (not including) 1")
			}
		}
	}
	if r.Population == nil {
		return
	}
	p := r.Population
	if len(p.Years) != len(p.Count) {
		add("population", fmt.Sprintf("%d years and %d rows of counts", len(p.Years), len(p.Count)), "one row of counts per year")
		return
	}
	if len(p.Years) < 2 {
		add("population", fmt.Sprintf("%d years", len(p.Years)), "at least two years: the base year (or one before it) and one after")
		return
	}
	for i, y := range p.Years {
		if i > 0 && y <= p.Years[i-1] {
			add(fmt.Sprintf("population[%d]", y), y, fmt.Sprintf("years in increasing order, each once (after %d)", p.Years[i-1]))
		}
		for g, n := range p.Count[i] {
			if !(n >= 0) || math.IsInf(n, 1) {
				add(fmt.Sprintf("population[%d][%s]", y, AgeGroup(g)), n, "a number of inhabitants >= 0")
			}
		}
	}
	// A projection that starts after the base year (a region built from an
	// older edition of the employers' figures) is held at its first year
	// before it, and Run warns; one that ends by the base year says nothing.
	if p.Last() <= r.BaseYear {
		add("population", fmt.Sprintf("years %d to %d", p.Years[0], p.Last()), fmt.Sprintf("years after the base year %d", r.BaseYear))
	}
	for b := range Branch(NumBranches) {
		var sum float64
		for g, u := range r.CareUse[b] {
			if !(u >= 0) || math.IsInf(u, 1) {
				add(fmt.Sprintf("branches.%s.care_use[%s]", b, AgeGroup(g)), u, "a relative use per inhabitant >= 0")
			}
			sum += u
		}
		if !(sum > 0) {
			add(fmt.Sprintf("branches.%s.care_use", b), fmt.Sprintf("uses summing to %g", sum), "a care-use profile with use in at least one age group")
		} else if r.baseUse(b) <= 0 {
			add(fmt.Sprintf("branches.%s.care_use", b), "no use in the base year", "use in an age group with inhabitants in the base year")
		}
	}
}

// PopulationWarning says a region's demand does not follow its population,
// or follows it only up to a year.
type PopulationWarning struct {
	// HeldFrom is the year after the projection's last, from which the
	// population is held constant; zero when the region has no population.
	HeldFrom int
	// StartsIn, when not zero, is the projection's first year, after the
	// base year: the population is held at it before.
	StartsIn int
}

func (w PopulationWarning) Error() string {
	if w.StartsIn != 0 {
		return fmt.Sprintf("population projection starts in %d, after the base year: held at %d before it", w.StartsIn, w.StartsIn)
	}
	if w.HeldFrom == 0 {
		return "no population data: demand follows the growth rate per branch only"
	}
	return fmt.Sprintf("population projection ends in %d: held constant from %d on", w.HeldFrom-1, w.HeldFrom)
}

// Dutch says it for a Dutch reader.
func (w PopulationWarning) Dutch() string {
	if w.StartsIn != 0 {
		return fmt.Sprintf("de bevolkingsprognose begint pas in %d, na het basisjaar: tot dan blijft de bevolking gelijk aan die van %d", w.StartsIn, w.StartsIn)
	}
	if w.HeldFrom == 0 {
		return "geen bevolkingsgegevens: de vraag volgt alleen de groeivoet per branche, niet de vergrijzing"
	}
	return fmt.Sprintf("de bevolkingsprognose loopt tot %d: vanaf %d blijft de bevolking gelijk", w.HeldFrom-1, w.HeldFrom)
}

// demandState is a run's demand side: what newSim prepares once, and the
// workspace each year fills. Nothing in it is allocated per year.
type demandState struct {
	hasPop bool
	// use[i][b][g] is group g's part of branch b's demographic index in
	// simulated year i: P[i][g] * use[b][g] / base use of b.
	use [][NumBranches][NumAgeGroups]float64
	// frac[i] is how far year i is from the base year to the projection's
	// last year (0 to 1), for the population's uncertainty.
	frac []float64
	// growth[c] is the cell's yearly non-demographic growth (GrowthRate);
	// met[c] is 1 - the cell's unmet demand.
	growth, met cells
	// workspace
	base   cells // D[base]
	other  cells // D[base] * product of (1 + growth + draw - demand lever)
	supply cells
	ptAv   cells // part-time factor * availability, for headcount
	demand cells
	index  [NumBranches]float64
}

// set makes ds the demand side of r for a run of years simulated years,
// in the memory of old's tables when they have room.
func (ds *demandState) set(r *Region, years int, old demandState) {
	*ds = demandState{}
	for c := range numCells {
		b, l := cellOf(c)
		ds.growth[c] = r.GrowthRate(b, l)
		ds.met[c] = 1 - r.Cells[b][l].UnmetDemand
	}
	if !r.HasPopulation() {
		return
	}
	ds.hasPop = true
	ds.use = slices.Grow(old.use[:0], years)[:years]
	ds.frac = slices.Grow(old.frac[:0], years)[:years]
	last := r.Population.Last()
	var base [NumBranches]float64
	for b := range Branch(NumBranches) {
		base[b] = r.baseUse(b)
	}
	for i := range years {
		y := r.BaseYear + i
		p := r.Population.At(y)
		for b := range NumBranches {
			for g := range NumAgeGroups {
				ds.use[i][b][g] = p[g] * r.CareUse[b][g] / base[b]
			}
		}
		ds.frac[i] = min(1, float64(y-r.BaseYear)/float64(last-r.BaseYear))
	}
}

// demandYear computes year i's demand of every cell from its supply
// (ds.supply, set by the workforce step), by the package doc's equations,
// and fills the demand fields of out or the shortfall of short:
//
//	index[b]   = (1 + draw deviation * frac) * sum over g of use[i][b][g]
//	pre[c]     = other[c] * (index with prevention)[b] * (1 - productivity[c])
//	D[b][l]    = pre[b][l] - sum over m of sub[b][l][m] * pre[b][l] + sum over m of sub[b][m][l] * pre[b][m]
func (s *sim) demandYear(i int, d drawFactors, out []Row, short []float64) {
	ds, e := &s.dem, &s.eff
	if i == 0 {
		for c := range numCells {
			ds.base[c] = (ds.supply[c] + s.params.vacancies[c]) / ds.met[c]
			ds.other[c] = ds.base[c]
			ds.demand[c] = ds.base[c]
		}
		for b := range ds.index {
			ds.index[b] = 1
		}
	} else {
		var prevIdx [NumBranches]float64
		for b := range NumBranches {
			if ds.hasPop {
				dev := 1 + d.popDev*ds.frac[i]
				var idx, pidx float64
				for g, w := range ds.use[i][b] {
					idx += w
					pidx += w * (1 - e.prevention[b][g])
				}
				ds.index[b], prevIdx[b] = idx*dev, pidx*dev
			} else {
				ds.index[b], prevIdx[b] = 1, 1-e.prevention[b][0]
			}
		}
		for c := range numCells {
			ds.other[c] *= 1 + ds.growth[c] + d.growthAdd - e.demandCut[c]
			ds.demand[c] = ds.other[c] * prevIdx[c/NumLevels] * (1 - e.productivity[c])
		}
		if e.anySubstitution {
			for b := range NumBranches {
				pre := [NumLevels]float64(ds.demand[b*NumLevels : (b+1)*NumLevels])
				for l := range NumLevels {
					for m := range NumLevels {
						if x := e.substitution[b][l][m]; x != 0 {
							moved := x * pre[l]
							ds.demand[b*NumLevels+l] -= moved
							ds.demand[b*NumLevels+m] += moved
						}
					}
				}
			}
		}
	}
	for c := range numCells {
		gap := ds.demand[c] - ds.supply[c]
		if short != nil {
			short[c] = gap
		}
		if out != nil {
			o := &out[c]
			o.DemandFTE, o.ShortfallFTE, o.ShortfallHeadcount = ds.demand[c], gap, gap/ds.ptAv[c]
			o.DemographicIndex = ds.index[c/NumLevels]
			o.DemographyDemandFTE = ds.base[c] * ds.index[c/NumLevels]
			o.baseDemand = ds.base[c]
		}
	}
}

// demandLever adds a demand lever's effect x in one year to e.
func (e *effects) demandLever(lv *Lever, x float64) {
	sc := lv.Scope
	for b := range Branch(NumBranches) {
		if !sc.hasBranch(b) {
			continue
		}
		switch lv.Kind {
		case Prevention:
			for g := range AgeGroup(NumAgeGroups) {
				if sc.hasAgeGroup(g) {
					e.prevention[b][g] = min(1, e.prevention[b][g]+x)
				}
			}
		case Productivity:
			for l := range Level(NumLevels) {
				if sc.hasLevel(l) {
					c := int(b)*NumLevels + int(l)
					e.productivity[c] = min(1, e.productivity[c]+x)
				}
			}
		case Substitution:
			for l := range Level(NumLevels) {
				if sc.Levels&(1<<l) == 0 || l == lv.To {
					continue
				}
				e.substitution[b][l][lv.To] += x // capped once all levers are in (capSubstitution)
				e.anySubstitution = true
			}
		}
	}
}

// capSubstitution keeps a level from giving away more than all of its
// demand: where the substitution levers' shares out of a level sum past 1,
// each is scaled down in proportion, so that the levers' order does not
// matter (capping each lever at what the earlier ones left made the first
// lever listed win).
func (e *effects) capSubstitution() {
	for b := range e.substitution {
		for l := range e.substitution[b] {
			var out float64
			for _, x := range e.substitution[b][l] {
				out += x
			}
			for m := range e.substitution[b][l] {
				e.substitution[b][l][m] /= max(out, 1) // unchanged unless the shares sum past 1
			}
		}
	}
}
