package ingest

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"raat/forecast"
	"raat/nl"
)

// The rules for when employers' figures are enough to replace an
// assumption. A rate of a flow (leavers, hires, moves, retirements) rests
// on at least MinEvents reported events and on employers holding at least
// MinCoverage of the staff it is for; a part-time factor on at least
// MinStaff people. A level short of that takes its branch's estimate; a
// branch short of that keeps the region file's assumption, and says so. A
// level whose employers report at least MinStaff people is weighted to its
// own total in the region file.
const (
	MinEvents   = 20
	MinStaff    = 10
	MinCoverage = 0.10
)

// Quantity is a parameter of the region that employers' figures estimate.
type Quantity uint8

// The quantities, in the order raat calibrate prints them.
const (
	OtherOutflow    Quantity = iota // other outflow: leavers to another sector, out of the labour market, unknown, per head a year
	EarlyRetirement                 // yearly rate of retiring from 60 to the pension age, from pensioen leavers
	LateralEntry                    // zij-instromers and overig, per head a year
	Returners                       // herintreders, per head a year
	GraduateHires                   // schoolverlaters hired: the branch's share of a level's graduates
	Mobility                        // moves to another care employer, per surviving head a year
	MobilityIn                      // van andere zorgwerkgever: the branch's share of a level's movers
	PartTime                        // FTE per head
	TrainingPlaces                  // places offered (students a year)
	Occupancy                       // places filled per place offered
	NumQuantities   = iota
)

var quantityLabels = [NumQuantities]string{
	"uitstroom anders dan pensioen", "vervroegd pensioen (vanaf 60)", "zij-instroom", "herintreders",
	"aandeel in de afgestudeerden", "overstap naar andere zorgwerkgever", "aandeel in de overstappers", "deeltijdfactor",
	"opleidingsplaatsen", "bezetting opleidingsplaatsen",
}

var quantityBases = [NumQuantities]string{
	"vertrekkers", "pensioen", "zij-instromers", "herintreders", "schoolverlaters", "overstappers", "overstappers", "medewerkers",
	"plaatsen", "plaatsen",
}

// Label is the quantity's Dutch name.
func (q Quantity) Label() string { return quantityLabels[q] }

// Basis names what the quantity's basis counts ("vertrekkers").
func (q Quantity) Basis() string { return quantityBases[q] }

// Percent reports whether the quantity is a rate or share best read as a
// percentage.
func (q Quantity) Percent() bool { return q != PartTime && q != TrainingPlaces }

// Estimate is one parameter as the employers' figures give it, beside the
// region file's assumption.
type Estimate struct {
	Quantity Quantity        `json:"quantity"`
	Branch   forecast.Branch `json:"branch"` // AllBranches: the whole region
	Level    forecast.Level  `json:"level"`  // AllLevels: the whole branch
	// Value is the estimate, Assumed the region file's value, in the same
	// unit (a rate or share per year, a factor, or places).
	Value   float64 `json:"value"`
	Assumed float64 `json:"assumed"`
	// Employers and Coverage are how many employers and what share of the
	// staff the estimate is for it rests on; Basis is the events (or
	// people, places) it counts, as reported (not weighted).
	Employers int     `json:"employers"`
	Coverage  float64 `json:"coverage"`
	Basis     float64 `json:"basis"`
	// Used is whether the estimate replaces the assumption; when not, Why
	// says why (Dutch). From is "niveau", "branche" or "regio": where a
	// used rate comes from when a level's own figures are too few.
	Used bool   `json:"used"`
	From string `json:"from,omitempty"`
	Why  string `json:"why,omitempty"`
}

// Coverage is the share of a region's staff the delivering employers
// hold: the region's known totals (the region file's headcount) against
// what the employers report, per branch and level.
type Coverage struct {
	Employers int                                  `json:"employers"`
	Headcount float64                              `json:"headcount"`
	Region    float64                              `json:"region_headcount"`
	Branches  [forecast.NumBranches]BranchCoverage `json:"branches"`
}

// BranchCoverage is one branch's coverage and the weights that stand its
// employers' figures for the whole branch.
type BranchCoverage struct {
	Employers int `json:"employers"`
	// Headcount and Region per level: reported, and the region file's.
	Headcount [forecast.NumLevels]float64 `json:"headcount"`
	Region    [forecast.NumLevels]float64 `json:"region_headcount"`
	// Weight multiplies every figure the employers report for a level
	// (staff, leavers, hires, vacancies) to stand for the level's whole
	// staff in the region. It is 0 for a level the employers do not
	// report, which keeps the region file's assumptions (Assumed).
	Weight  [forecast.NumLevels]float64 `json:"weight"`
	Assumed [forecast.NumLevels]bool    `json:"assumed"`
	// Over is set when the employers report more staff than the region
	// file has: their figures then count as they are, unweighted.
	Over bool `json:"over,omitempty"`
}

// Staff returns the branch's reported staff and the region file's.
func (c *BranchCoverage) Staff() (reported, region float64) {
	for l := range c.Headcount {
		reported += c.Headcount[l]
		region += c.Region[l]
	}
	return reported, region
}

// Share is the part of the branch's staff in the region that its
// delivering employers hold (above 1 when they report more).
func (c *BranchCoverage) Share() float64 {
	rep, reg := c.Staff()
	if reg == 0 {
		return 0
	}
	return rep / reg
}

// Share is the part of the region's staff the delivering employers hold.
func (c *Coverage) Share() float64 {
	if c.Region == 0 {
		return 0
	}
	return c.Headcount / c.Region
}

// Text says in Dutch how much of the region the employers cover, for every
// surface that shows employer data: "12 werkgevers, 38% van het personeel
// in de regio; Ziekenhuizen 63%, VVT (ouderenzorg) 61%, GGZ 0% — GGZ uit
// aannames".
func (c *Coverage) Text() string {
	s := fmt.Sprintf("%d %s, %s van het personeel in de regio", c.Employers, plural(c.Employers, "werkgever", "werkgevers"), nl.WholePercent(c.Share()))
	var parts, assumed []string
	full := true
	for b := range forecast.Branch(forecast.NumBranches) {
		bc := &c.Branches[b]
		if _, reg := bc.Staff(); reg == 0 && bc.Employers == 0 {
			continue
		}
		share := bc.Share()
		parts = append(parts, b.Label()+" "+nl.WholePercent(share))
		if bc.Employers == 0 {
			assumed = append(assumed, b.Label())
		}
		full = full && math.Abs(share-1) < 0.005
	}
	if full {
		return s + "; elke branche volledig"
	}
	s += "; " + strings.Join(parts, ", ")
	if len(assumed) > 0 {
		s += " — " + strings.Join(assumed, ", ") + " uit aannames"
	}
	return s
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// cell is what the employers of one branch report for one level, summed
// over them as reported (unweighted).
type cell struct {
	bands     [forecast.NumAgeBands]float64
	fte       float64
	vacancies float64
	leavers   [NumReasons]float64
	hires     [NumOrigins]float64
}

func (c *cell) headcount() float64 {
	var n float64
	for _, x := range c.bands {
		n += x
	}
	return n
}

func (c *cell) other() float64 {
	return c.leavers[AndereSector] + c.leavers[BuitenArbeidsmarkt] + c.leavers[OnbekendeReden]
}

func (c *cell) lateral() float64 { return c.hires[ZijInstromer] + c.hires[OverigeHerkomst] }

// Calibration is what the accepted workbooks of a region say about its
// parameters: the delivered figures weighted up to the region, and each
// parameter estimated from them or kept from the base region where they
// are too few (the rules at MinEvents). Aggregate applies it to the base
// region; File writes it as a region file.
type Calibration struct {
	Base     *forecast.Region
	BaseYear int
	Used     []*Submission
	Coverage Coverage
	// Estimates, in Quantity order, then branch and level (region-wide
	// and branch-wide ones before a branch's levels).
	Estimates []Estimate
	// Warnings are what a reader should know (Dutch).
	Warnings []string

	cells    [forecast.NumBranches][forecast.NumLevels]cell
	byBranch [forecast.NumBranches][]*Submission
	// the estimated parameters, per cell, as Aggregate applies them
	headcount     [forecast.NumBranches][forecast.NumLevels]forecast.AgeVector
	partTime      [forecast.NumBranches][forecast.NumLevels]float64
	outflowScale  [forecast.NumBranches][forecast.NumLevels]float64
	lateral       [forecast.NumBranches][forecast.NumLevels]float64 // per head
	returners     [forecast.NumBranches][forecast.NumLevels]float64 // per head
	mobility      [forecast.NumBranches]float64
	graduateShare [forecast.NumBranches][forecast.NumLevels]float64
	attraction    [forecast.NumBranches][forecast.NumLevels]float64
	earlyRetire   float64
	trainers      []forecast.Trainer
	enrolled      [forecast.NumLevels][forecast.NumRoutes][]float64
	branchPlaces  [forecast.NumBranches][forecast.NumLevels][forecast.NumRoutes]float64 // weighted
}

// calibrate weighs the used submissions (deduplicated, in KvK order) up to
// the base region and estimates every parameter it can.
func calibrate(base *forecast.Region, used []*Submission, baseYear int) *Calibration {
	c := &Calibration{Base: base, BaseYear: baseYear, Used: used}
	c.sum()
	c.weigh()
	c.checkInput()
	c.stock()
	c.outflow()
	c.retirement()
	c.inflow()
	c.mobilityRates()
	c.training()
	// Region-wide before branches, a branch before its levels.
	first := func(x, all int) int {
		if x == all {
			return -1
		}
		return x
	}
	slices.SortStableFunc(c.Estimates, func(a, b Estimate) int {
		return cmp.Or(cmp.Compare(a.Quantity, b.Quantity),
			cmp.Compare(first(int(a.Branch), int(forecast.AllBranches)), first(int(b.Branch), int(forecast.AllBranches))),
			cmp.Compare(first(int(a.Level), int(forecast.AllLevels)), first(int(b.Level), int(forecast.AllLevels))))
	})
	return c
}

// sum adds up the submissions per branch and level.
func (c *Calibration) sum() {
	for _, sub := range c.Used {
		b := sub.Employer.Branch
		c.byBranch[b] = append(c.byBranch[b], sub)
		for l := range forecast.Level(forecast.NumLevels) {
			x := &c.cells[b][l]
			for band, st := range sub.Staff[l] {
				x.bands[band] += float64(st.Headcount)
				x.fte += st.FTE
			}
			x.vacancies += sub.Vacancies[l].OpenFTE
			for r, n := range sub.Leavers[l] {
				x.leavers[r] += float64(n)
			}
			for o, n := range sub.Hires[l] {
				x.hires[o] += float64(n)
			}
		}
	}
}

// weigh sets the coverage and the weights. Per branch with employers: a
// level with at least MinStaff reported people, no more than the
// region file has, is weighted to its own total (post-stratification);
// a level the employers do not report keeps the assumptions; the other
// reported levels share one weight that makes the branch's total the
// region file's. The weights are never below 1: employers who report more
// than the region file has count as they are.
func (c *Calibration) weigh() {
	cov := &c.Coverage
	cov.Employers = len(c.Used)
	for b := range forecast.Branch(forecast.NumBranches) {
		bc := &cov.Branches[b]
		bc.Employers = len(c.byBranch[b])
		for l := range forecast.Level(forecast.NumLevels) {
			bc.Headcount[l] = c.cells[b][l].headcount()
			bc.Region[l] = c.Base.Cells[b][l].Headcount.Sum()
			cov.Headcount += bc.Headcount[l]
			cov.Region += bc.Region[l]
		}
		rep, reg := bc.Staff()
		if bc.Employers == 0 || rep == 0 {
			for l := range bc.Assumed {
				bc.Assumed[l] = true
			}
			continue
		}
		if rep > reg {
			bc.Over = true
			for l := range bc.Weight {
				bc.Weight[l], bc.Assumed[l] = 1, bc.Headcount[l] == 0
			}
			continue
		}
		rest, restReported := reg, 0.0
		var own [forecast.NumLevels]bool
		for l := range forecast.Level(forecast.NumLevels) {
			switch h, H := bc.Headcount[l], bc.Region[l]; {
			case h == 0:
				bc.Assumed[l] = true
				rest -= H
			case h >= MinStaff && h <= H:
				own[l] = true
				bc.Weight[l] = H / h
				rest -= H
			default:
				restReported += h
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			if !own[l] && !bc.Assumed[l] {
				bc.Weight[l] = max(1, rest/restReported)
			}
		}
	}
}

// weight returns the weight of a branch's level.
func (c *Calibration) weight(b forecast.Branch, l forecast.Level) float64 {
	return c.Coverage.Branches[b].Weight[l]
}

// delivered reports whether a branch's level comes from the employers.
func (c *Calibration) delivered(b forecast.Branch, l forecast.Level) bool {
	return !c.Coverage.Branches[b].Assumed[l]
}

// checkInput warns about figures that cannot be right: more leavers than
// staff at an employer's level, more staff than the region has.
func (c *Calibration) checkInput() {
	for _, sub := range c.Used {
		for l := range forecast.Level(forecast.NumLevels) {
			var staff, left int
			for _, st := range sub.Staff[l] {
				staff += st.Headcount
			}
			for _, n := range sub.Leavers[l] {
				left += n
			}
			if left > staff {
				c.warn("%s (KvK %s, %s): %s vertrekkers in een jaar bij %s %s op de peildatum; klopt het blad Uitstroom? De uitstroomkans wordt zo hoger dan 1 en afgekapt",
					sub.Employer.Name, sub.Employer.KvK, sub.File, nl.Int(float64(left)), nl.Int(float64(staff)), plural(staff, "medewerker "+l.String(), "medewerkers "+l.String()))
			}
		}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		bc := &c.Coverage.Branches[b]
		if !bc.Over {
			continue
		}
		rep, reg := bc.Staff()
		var who []string
		for _, sub := range c.byBranch[b] {
			who = append(who, fmt.Sprintf("%s %s", sub.Employer.Name, nl.Int(float64(sub.Headcount()))))
		}
		c.warn("%s: de werkgevers melden %s medewerkers (%s), meer dan de %s in het regiobestand (dekking %s); hun cijfers tellen ongewogen, en het regiobestand is hier verouderd of een werkgever hoort bij een andere branche",
			b.Label(), nl.Int(rep), strings.Join(who, ", "), nl.Int(reg), nl.WholePercent(rep/reg))
	}
}

func (c *Calibration) warn(format string, args ...any) {
	c.Warnings = append(c.Warnings, fmt.Sprintf(format, args...))
}

// stock spreads the weighted staff over the ages and sets the part-time
// factors.
func (c *Calibration) stock() {
	ret := c.Base.Retirement()
	for b := range forecast.Branch(forecast.NumBranches) {
		bc := &c.Coverage.Branches[b]
		var rep, fte float64
		for l := range forecast.Level(forecast.NumLevels) {
			base := &c.Base.Cells[b][l]
			if !c.delivered(b, l) {
				c.headcount[b][l], c.partTime[b][l] = base.Headcount, base.PartTimeFactor
				continue
			}
			x, w := &c.cells[b][l], c.weight(b, l)
			var bands [forecast.NumAgeBands]float64
			for k := range bands {
				bands[k] = x.bands[k] * w
			}
			c.headcount[b][l] = forecast.SpreadBands(bands, ret)
			h := x.headcount()
			rep += h
			fte += x.fte
			e := Estimate{Quantity: PartTime, Branch: b, Level: l, Assumed: base.PartTimeFactor, Employers: bc.Employers,
				Coverage: h / max(bc.Region[l], h), Basis: h}
			switch {
			case h >= MinStaff && x.fte > 0:
				e.Value, e.Used, e.From = min(1, x.fte/h), true, "niveau"
				if x.fte > h {
					c.warn("%s %s: meer FTE (%s) dan medewerkers (%s) gemeld; deeltijdfactor op 1 gezet", b.Label(), l, nl.Dec(x.fte, 1), nl.Int(h))
				}
			case x.fte > 0:
				e.Value, e.Why = x.fte/h, fmt.Sprintf("minder dan %d medewerkers", MinStaff)
			default:
				e.Why = "geen FTE gemeld"
			}
			c.partTime[b][l] = base.PartTimeFactor
			if e.Used {
				c.partTime[b][l] = e.Value
			}
			c.Estimates = append(c.Estimates, e)
		}
		if rep > 0 {
			_, reg := bc.Staff()
			c.Estimates = append(c.Estimates, Estimate{Quantity: PartTime, Branch: b, Level: forecast.AllLevels, Value: fte / rep,
				Assumed: baseRate(c.Base, b, func(x *forecast.Cell) (float64, float64) {
					n := x.Headcount.Sum()
					return n * x.PartTimeFactor, n
				}), Employers: bc.Employers, Coverage: rep / reg, Basis: rep, Used: true})
		}
	}
}

// baseRate is a branch's ratio of sums over its levels in the base
// region.
func baseRate(r *forecast.Region, b forecast.Branch, f func(*forecast.Cell) (num, den float64)) float64 {
	var num, den float64
	for l := range r.Cells[b] {
		n, d := f(&r.Cells[b][l])
		num += n
		den += d
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// rate is one estimated rate of a flow, with the figures it rests on.
type rate struct {
	events, exposure float64 // as reported
	coverage         float64
}

func (r rate) enough() bool { return r.events >= MinEvents && r.coverage >= MinCoverage }

func (r rate) value() float64 {
	if r.exposure == 0 {
		return 0
	}
	return r.events / r.exposure
}

func (r rate) why() string {
	if r.events < MinEvents {
		return fmt.Sprintf("minder dan %d gemeld", MinEvents)
	}
	return fmt.Sprintf("werkgevers met minder dan %s van het personeel", nl.Percent(MinCoverage))
}

// flow estimates a rate per level and branch: the level's own where its
// figures are enough, else the branch's, else the assumption. Rates are
// events per unit of exposure, as reported; assumed(b, l) is the base
// region's rate. set stores what is used.
func (c *Calibration) flow(q Quantity, b forecast.Branch, levelRate func(l forecast.Level) rate, assumed func(l forecast.Level) float64, set func(l forecast.Level, v float64)) {
	bc := &c.Coverage.Branches[b]
	var branch rate
	var assumedNum, assumedDen float64
	rates := [forecast.NumLevels]rate{}
	for l := range forecast.Level(forecast.NumLevels) {
		if !c.delivered(b, l) {
			continue
		}
		rates[l] = levelRate(l)
		branch.events += rates[l].events
		branch.exposure += rates[l].exposure
		assumedNum += assumed(l) * rates[l].exposure
		assumedDen += rates[l].exposure
	}
	rep, reg := bc.Staff()
	if reg > 0 {
		branch.coverage = rep / reg
	}
	be := Estimate{Quantity: q, Branch: b, Level: forecast.AllLevels, Value: branch.value(), Employers: bc.Employers,
		Coverage: branch.coverage, Basis: branch.events, Used: branch.enough()}
	if assumedDen == 0 { // nothing delivered: the assumption over the branch's staff
		for l := range forecast.Level(forecast.NumLevels) {
			n := c.Base.Cells[b][l].Headcount.Sum()
			assumedNum += assumed(l) * n
			assumedDen += n
		}
	}
	if assumedDen > 0 {
		be.Assumed = assumedNum / assumedDen
	}
	if !be.Used {
		be.Why = branch.why()
	}
	if bc.Employers == 0 {
		be.Why = "geen werkgever uit de branche"
	}
	c.Estimates = append(c.Estimates, be)
	for l := range forecast.Level(forecast.NumLevels) {
		if !c.delivered(b, l) {
			set(l, assumed(l))
			continue
		}
		r := rates[l]
		e := Estimate{Quantity: q, Branch: b, Level: l, Value: r.value(), Assumed: assumed(l), Employers: bc.Employers,
			Coverage: r.coverage, Basis: r.events}
		switch {
		case r.enough():
			e.Used, e.From = true, "niveau"
		case be.Used:
			e.Used, e.From, e.Value = true, "branche", branch.value()
		default:
			e.Why, e.Value = be.Why, r.value()
		}
		if e.Used {
			set(l, e.Value)
		} else {
			set(l, assumed(l))
		}
		c.Estimates = append(c.Estimates, e)
	}
}

// levelCoverage is the share of a level's regional staff reported.
func (c *Calibration) levelCoverage(b forecast.Branch, l forecast.Level) float64 {
	bc := &c.Coverage.Branches[b]
	if bc.Region[l] == 0 {
		return 1
	}
	return bc.Headcount[l] / bc.Region[l]
}

// expectedOther is the base region's other outflow of a cell's weighted
// staff in the base year, per unit of weight: what the reported leavers
// are set against.
func (c *Calibration) expectedOther(b forecast.Branch, l forecast.Level) float64 {
	q := &c.Base.Cells[b][l].OtherOutflowRate
	n := &c.headcount[b][l]
	var e float64
	for a := 0; a < c.Base.PensionAge-forecast.MinAge; a++ {
		e += n[a] * q[a]
	}
	return e / c.weight(b, l)
}

// outflow scales the base region's other-outflow rates of each level so
// that the model's base-year other outflow is what the employers report
// (the age pattern stays the region file's).
func (c *Calibration) outflow() {
	for b := range forecast.Branch(forecast.NumBranches) {
		var scale [forecast.NumLevels]float64
		c.flow(OtherOutflow, b,
			func(l forecast.Level) rate {
				return rate{events: c.cells[b][l].other(), exposure: c.cells[b][l].headcount(), coverage: c.levelCoverage(b, l)}
			},
			func(l forecast.Level) float64 { return c.baseOtherRate(b, l) },
			func(l forecast.Level, v float64) {
				scale[l] = 1
				if base := c.baseOtherRate(b, l); c.delivered(b, l) && base > 0 {
					scale[l] = v / base
				}
			})
		c.outflowScale[b] = scale
	}
}

// baseOtherRate is the base region's other outflow per head of a cell in
// the base year, with the cell's reported (weighted) age structure where
// it has one: the assumption a reported rate is set against.
func (c *Calibration) baseOtherRate(b forecast.Branch, l forecast.Level) float64 {
	n := c.headcount[b][l].Sum()
	if n == 0 {
		return 0
	}
	q := &c.Base.Cells[b][l].OtherOutflowRate
	var e float64
	for a := 0; a < c.Base.PensionAge-forecast.MinAge; a++ {
		e += c.headcount[b][l][a] * q[a]
	}
	return e / n
}

// retirement estimates the early-retirement rate of the region from the
// pensioen leavers: in the model's base year the delivered staff retire
//
//	R(e) = e * N[60..P-1] + (1 - stay) * (1 - q[P-1] - e) * N[P-1] + r * N[P..] + (1 - r) * N[MaxAge]
//
// (stay and r the base region's stay past the pension age and outflow
// past it), so e = (pensioen - R(0)) / (N[60..P-1] - (1 - stay) * N[P-1]).
func (c *Calibration) retirement() {
	r := c.Base
	iP := r.PensionAge - forecast.MinAge
	i60 := min(60-forecast.MinAge, iP)
	var reported, events, old, last, fixed, staff float64
	employers := 0
	for b := range forecast.Branch(forecast.NumBranches) {
		any := false
		for l := range forecast.Level(forecast.NumLevels) {
			if !c.delivered(b, l) {
				continue
			}
			any = true
			x, n := &c.cells[b][l], &c.headcount[b][l]
			events += x.leavers[Pensioen]
			reported += x.leavers[Pensioen] * c.weight(b, l)
			staff += x.headcount()
			q := r.Cells[b][l].OtherOutflowRate[iP-1] * c.outflowScale[b][l]
			for a := i60; a < iP; a++ {
				old += n[a]
			}
			last += n[iP-1]
			fixed += (1 - r.StayPastPension) * (1 - q) * n[iP-1]
			for a := iP; a < forecast.NumAges; a++ {
				fixed += r.PastPensionOutflow * n[a]
			}
			fixed += (1 - r.PastPensionOutflow) * n[forecast.NumAges-1]
		}
		if any {
			employers += len(c.byBranch[b])
		}
	}
	e := Estimate{Quantity: EarlyRetirement, Branch: forecast.AllBranches, Level: forecast.AllLevels, Assumed: r.EarlyRetirementRate,
		Employers: employers, Coverage: c.Coverage.Share(), Basis: events}
	c.earlyRetire = r.EarlyRetirementRate
	if denom := old - (1-r.StayPastPension)*last; denom > 0 {
		e.Value = (reported - fixed) / denom
	}
	switch {
	case events < MinEvents:
		e.Why = fmt.Sprintf("minder dan %d gemeld", MinEvents)
	case e.Coverage < MinCoverage:
		e.Why = fmt.Sprintf("werkgevers met minder dan %s van het personeel", nl.Percent(MinCoverage))
	case e.Value < 0:
		e.Why = fmt.Sprintf("minder pensioen gemeld (%s) dan er de AOW-leeftijd bereiken (%s)", nl.Int(reported), nl.Int(fixed))
		c.warn("de werkgevers melden %s keer pensioen, minder dan de %s die volgens hun leeftijdsopbouw de AOW-leeftijd bereiken en stoppen; vervroegd pensioen blijft de aanname (%s)",
			nl.Int(reported), nl.Int(fixed), nl.Percent(r.EarlyRetirementRate))
	case e.Value > 0.5:
		e.Why = "meer dan de helft per jaar"
	default:
		e.Used = true
		c.earlyRetire = e.Value
	}
	c.Estimates = append(c.Estimates, e)
}

// inflow estimates lateral entry, returners and the branches' shares of
// the graduates.
func (c *Calibration) inflow() {
	for b := range forecast.Branch(forecast.NumBranches) {
		for _, k := range []struct {
			q      Quantity
			events func(*cell) float64
			base   func(*forecast.Cell) float64
			to     *[forecast.NumLevels]float64
		}{
			{LateralEntry, (*cell).lateral, func(x *forecast.Cell) float64 { return x.LateralEntry }, &c.lateral[b]},
			{Returners, func(x *cell) float64 { return x.hires[Herintreder] }, func(x *forecast.Cell) float64 { return x.Returners }, &c.returners[b]},
		} {
			c.flow(k.q, b,
				func(l forecast.Level) rate {
					x := &c.cells[b][l]
					return rate{events: k.events(x), exposure: x.headcount(), coverage: c.levelCoverage(b, l)}
				},
				func(l forecast.Level) float64 {
					x := &c.Base.Cells[b][l]
					if n := x.Headcount.Sum(); n > 0 {
						return k.base(x) / n
					}
					return 0
				},
				func(l forecast.Level, v float64) { k.to[l] = v })
		}
	}
	c.shares(GraduateHires, Schoolverlater, func(x *forecast.Cell) float64 { return x.GraduateShare }, &c.graduateShare)
}

// shares estimates, per level, the branches' shares of a flow that the
// model divides over them (graduates hired, movers joining): the branches
// without employers keep the base region's shares, and the delivering
// branches divide the rest in proportion to their weighted hires of the
// origin. A level with fewer than MinEvents such hires keeps the base
// region's shares.
func (c *Calibration) shares(q Quantity, origin Origin, base func(*forecast.Cell) float64, to *[forecast.NumBranches][forecast.NumLevels]float64) {
	for l := range forecast.Level(forecast.NumLevels) {
		var events, weighted, assumedShare float64
		var hired [forecast.NumBranches]float64
		for b := range forecast.Branch(forecast.NumBranches) {
			to[b][l] = base(&c.Base.Cells[b][l])
			if !c.delivered(b, l) {
				assumedShare += to[b][l]
				continue
			}
			events += c.cells[b][l].hires[origin]
			hired[b] = c.cells[b][l].hires[origin] * c.weight(b, l)
			weighted += hired[b]
		}
		enough := events >= MinEvents && weighted > 0
		for b := range forecast.Branch(forecast.NumBranches) {
			if !c.delivered(b, l) {
				continue
			}
			bc := &c.Coverage.Branches[b]
			e := Estimate{Quantity: q, Branch: b, Level: l, Assumed: to[b][l], Employers: bc.Employers,
				Coverage: c.levelCoverage(b, l), Basis: c.cells[b][l].hires[origin]}
			if weighted > 0 {
				e.Value = (1 - assumedShare) * hired[b] / weighted
			}
			if enough {
				e.Used, e.From = true, "niveau"
				to[b][l] = e.Value
			} else {
				e.Why = fmt.Sprintf("minder dan %d gemeld op dit niveau in de regio", MinEvents)
			}
			c.Estimates = append(c.Estimates, e)
		}
	}
}

// mobilityRates estimates each branch's rate of moving to another care
// employer (andere zorgwerkgever) per worker who stays in the sector, and
// the branches' shares of the movers (van andere zorgwerkgever).
func (c *Calibration) mobilityRates() {
	r := c.Base
	iP := r.PensionAge - forecast.MinAge
	i60 := min(60-forecast.MinAge, iP)
	for b := range forecast.Branch(forecast.NumBranches) {
		base := baseRate(r, b, func(x *forecast.Cell) (float64, float64) {
			n := x.Headcount.Sum()
			return x.MobilityRate * n, n
		})
		c.mobility[b] = base
		bc := &c.Coverage.Branches[b]
		if bc.Employers == 0 {
			c.Estimates = append(c.Estimates, Estimate{Quantity: Mobility, Branch: b, Level: forecast.AllLevels, Assumed: base, Why: "geen werkgever uit de branche"})
			continue
		}
		var movers, stay float64
		for l := range forecast.Level(forecast.NumLevels) {
			if !c.delivered(b, l) {
				continue
			}
			x, n := &c.cells[b][l], &c.headcount[b][l]
			w := c.weight(b, l)
			movers += x.leavers[NaarZorgwerkgever]
			// survivors, as the model counts them: staff below the pension
			// age less other outflow and early retirement
			var below, old float64
			for a := 0; a < iP; a++ {
				below += n[a]
			}
			for a := i60; a < iP; a++ {
				old += n[a]
			}
			stay += (below - c.outflowScale[b][l]*c.expectedOther(b, l)*w - c.earlyRetire*old) / w
		}
		rep, reg := bc.Staff()
		rt := rate{events: movers, exposure: stay, coverage: rep / reg}
		e := Estimate{Quantity: Mobility, Branch: b, Level: forecast.AllLevels, Value: rt.value(), Assumed: base,
			Employers: bc.Employers, Coverage: rt.coverage, Basis: movers, Used: rt.enough() && stay > 0 && rt.value() <= 1}
		switch {
		case e.Used:
			c.mobility[b] = e.Value
		case stay <= 0 || rt.value() > 1:
			e.Why = "meer vertrekkers gemeld dan er medewerkers blijven"
		default:
			e.Why = rt.why()
		}
		c.Estimates = append(c.Estimates, e)
	}
	c.shares(MobilityIn, VanZorgwerkgever, func(x *forecast.Cell) float64 { return x.MobilityAttraction }, &c.attraction)
}

// training makes the trainers of the weighted region and the enrolment of
// each programme. Every delivering employer is a trainer with its own
// places and staff, so that its opleidingsquote is its own; the staff and
// places of a branch's employers that did not deliver, estimated by the
// weights, form one more trainer ("overige werkgevers"); a branch without
// employers keeps the base region's trainers. Enrolment is the weighted
// filled places over the places a student uses, plus the base region's
// students at the places of branches without employers.
func (c *Calibration) training() {
	r := c.Base
	var filled [forecast.NumLevels][forecast.NumRoutes]float64
	var basePlaces [forecast.NumBranches][forecast.NumLevels][forecast.NumRoutes]float64
	for _, t := range r.Trainers {
		for l := range t.Places {
			for rt := range t.Places[l] {
				basePlaces[t.Branch][l][rt] += t.Places[l][rt]
			}
		}
	}
	var undeliveredPlaces [forecast.NumLevels][forecast.NumRoutes]float64
	for b := range forecast.Branch(forecast.NumBranches) {
		subs := c.byBranch[b]
		bc := &c.Coverage.Branches[b]
		if len(subs) == 0 {
			for _, t := range r.Trainers {
				if t.Branch == b {
					c.trainers = append(c.trainers, t)
				}
			}
			c.branchPlaces[b] = basePlaces[b]
			for l := range basePlaces[b] {
				for rt := range basePlaces[b][l] {
					undeliveredPlaces[l][rt] += basePlaces[b][l][rt]
				}
			}
			continue
		}
		// The branch's effective weight: the weighted staff of its
		// delivered levels per reported head.
		var rep, weighted, fte, weightedFTE float64
		for l := range forecast.Level(forecast.NumLevels) {
			x := &c.cells[b][l]
			if c.delivered(b, l) {
				rep += x.headcount()
				weighted += x.headcount() * c.weight(b, l)
				fte += x.fte
				weightedFTE += x.headcount() * c.weight(b, l) * c.partTime[b][l]
			} else {
				weightedFTE += r.Cells[b][l].Headcount.Sum() * r.Cells[b][l].PartTimeFactor
			}
		}
		w := 1.0
		if rep > 0 {
			w = weighted / rep
		}
		var offered, taken float64
		var places [forecast.NumLevels][forecast.NumRoutes]float64
		for _, sub := range subs {
			c.trainers = append(c.trainers, sub.Trainer())
			for l := range sub.Places {
				for rt, p := range sub.Places[l] {
					places[l][rt] += float64(p.Offered)
					filled[l][rt] += float64(p.Filled) * w
					offered += float64(p.Offered)
					taken += float64(p.Filled)
				}
			}
		}
		rest := forecast.Trainer{Name: "Overige werkgevers " + b.Label() + " (geschat)", Branch: b, CareFTE: weightedFTE - fte}
		for l := range places {
			for rt := range places[l] {
				rest.Places[l][rt] = places[l][rt] * (w - 1)
				c.branchPlaces[b][l][rt] = places[l][rt] * w
			}
		}
		if rest.CareFTE > 0.5 {
			c.trainers = append(c.trainers, rest)
		}
		var baseOffered float64
		for l := range basePlaces[b] {
			for rt := range basePlaces[b][l] {
				baseOffered += basePlaces[b][l][rt]
			}
		}
		rp, reg := bc.Staff()
		c.Estimates = append(c.Estimates, Estimate{Quantity: TrainingPlaces, Branch: b, Level: forecast.AllLevels, Value: offered * w,
			Assumed: baseOffered, Employers: bc.Employers, Coverage: rp / reg, Basis: offered, Used: true})
		occ := Estimate{Quantity: Occupancy, Branch: b, Level: forecast.AllLevels, Assumed: baseOccupancy(r, basePlaces[b]),
			Employers: bc.Employers, Coverage: rp / reg, Basis: offered, Used: offered > 0}
		if offered > 0 {
			occ.Value = taken / offered
		} else {
			occ.Why = "geen plaatsen gemeld"
		}
		c.Estimates = append(c.Estimates, occ)
	}
	allBase := r.Places()
	for l := range forecast.Level(forecast.NumLevels) {
		for rt := range forecast.Route(forecast.NumRoutes) {
			p := &r.Programmes[l][rt]
			if p.DurationYears == 0 || p.PlaceUse <= 0 {
				continue
			}
			var baseStudents float64
			for _, n := range p.Enrolled {
				baseStudents += n
			}
			students := filled[l][rt] / p.PlaceUse
			if allBase[l][rt] > 0 {
				students += baseStudents * undeliveredPlaces[l][rt] / allBase[l][rt]
			}
			shape := forecast.SteadyStateEnrolment(1, p.Dropout)
			var per float64
			for _, n := range shape {
				per += n
			}
			for k := range shape {
				shape[k] *= students / per
			}
			c.enrolled[l][rt] = shape
		}
	}
}

// baseOccupancy is the share of a branch's places the base region's
// students fill, in the base year: the enrolment per place of each
// programme, weighted by the branch's places.
func baseOccupancy(r *forecast.Region, places [forecast.NumLevels][forecast.NumRoutes]float64) float64 {
	all := r.Places()
	var used, offered float64
	for l := range places {
		for rt, n := range places[l] {
			p := &r.Programmes[l][rt]
			if n == 0 || all[l][rt] == 0 {
				continue
			}
			var students float64
			for _, s := range p.Enrolled {
				students += s
			}
			used += n * students * p.PlaceUse / all[l][rt]
			offered += n
		}
	}
	if offered == 0 {
		return 0
	}
	return used / offered
}

// Find returns the estimate of a quantity for a branch and level
// (AllBranches, AllLevels for region- and branch-wide ones).
func (c *Calibration) Find(q Quantity, b forecast.Branch, l forecast.Level) (Estimate, bool) {
	for _, e := range c.Estimates {
		if e.Quantity == q && e.Branch == b && e.Level == l {
			return e, true
		}
	}
	return Estimate{}, false
}
