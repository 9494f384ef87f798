package forecast

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// DefaultHorizonYears is the forecast length when Options.To is not set.
const DefaultHorizonYears = 15

// MaxHorizonYears is how far past the base year a run may report.
const MaxHorizonYears = 100

// maxDuration bounds a programme's length (Validate refuses longer ones).
const maxDuration = 8

// Options choose what Run reports.
type Options struct {
	// Scenario names the run in the result's rows.
	Scenario string
	// From and To are the first and last year reported. Zero From is the
	// base year; zero To is the base year plus DefaultHorizonYears. The
	// model always starts at the base year, the year of its data.
	From, To int
	// Intake, when not nil, fixes the yearly intake of some programmes
	// (the inverse question "how many students do we need").
	Intake *IntakePlan
}

// IntakePlan sets the intake of programmes from a year on, regardless of
// candidates and places: the places the intake needs are assumed to be
// there (EducationRow.Places then reports what it takes).
type IntakePlan struct {
	From    int
	PerYear [NumLevels][NumRoutes]float64
	Set     [NumLevels][NumRoutes]bool
}

// Row is one branch and level in one year of a run. Stocks (Headcount,
// WorkforceFTE, Students, DemandFTE, SupplyFTE, Shortfall*) are at the start
// of the year; flows (Graduates, Inflow*, Outflow*, Mobility*) happen during
// it, so that
//
//	Headcount[t+1] = Headcount[t] + InflowGraduates + InflowLateral +
//	    InflowReturners + MobilityIn - OutflowRetirement - OutflowOther - MobilityOut
type Row struct {
	Scenario string `json:"scenario"`
	Year     int    `json:"year"`
	Branch   Branch `json:"branch"`
	Level    Level  `json:"level"`

	DemandFTE          float64 `json:"demand_fte"`
	SupplyFTE          float64 `json:"supply_fte"`
	ShortfallFTE       float64 `json:"shortfall_fte"`
	ShortfallHeadcount float64 `json:"shortfall_headcount"`
	Headcount          float64 `json:"headcount"`
	WorkforceFTE       float64 `json:"workforce_fte"`
	StudentFTE         float64 `json:"student_fte"`
	Students           float64 `json:"students"`
	Graduates          float64 `json:"graduates"`
	InflowGraduates    float64 `json:"inflow_graduates"`
	InflowLateral      float64 `json:"inflow_lateral"`
	InflowReturners    float64 `json:"inflow_returners"`
	OutflowRetirement  float64 `json:"outflow_retirement"`
	OutflowOther       float64 `json:"outflow_other"`
	MobilityIn         float64 `json:"mobility_in"`
	MobilityOut        float64 `json:"mobility_out"`
	// DemographicIndex is the branch's demographic index (1 in the base
	// year; always 1 without population data), and DemographyDemandFTE the
	// demand demography alone would give: base-year demand times the
	// index. DemandFTE - DemographyDemandFTE is the other growth (the
	// non-demographic factors and the demand levers), so that a year's
	// change in demand splits exactly into the change of
	// DemographyDemandFTE and the rest.
	DemographicIndex    float64 `json:"demographic_index"`
	DemographyDemandFTE float64 `json:"demography_demand_fte"`

	baseDemand float64 // base-year demand, for the index of sums
}

// EducationRow is one programme (level and route) in one year.
type EducationRow struct {
	Scenario string `json:"scenario"`
	Year     int    `json:"year"`
	Level    Level  `json:"level"`
	Route    Route  `json:"route"`

	Candidates float64 `json:"candidates"`
	// PlaceCapacity is the intake the places allow this year, when
	// PlaceCapped; programmes whose students need no places are not capped.
	PlaceCapacity  float64 `json:"place_capacity"`
	PlaceCapped    bool    `json:"place_capped"`
	Places         float64 `json:"places"`
	Intake         float64 `json:"intake"`
	Students       float64 `json:"students"`
	Dropouts       float64 `json:"dropouts"`
	Graduates      float64 `json:"graduates"`
	GraduatesHired float64 `json:"graduates_hired"`
}

// Result is the outcome of one run.
type Result struct {
	Region   string
	Scenario string
	BaseYear int
	From, To int
	// Rows are ordered by year, then branch, then level.
	Rows []Row
	// Education rows are ordered by year, level, route, for programmes the
	// region runs.
	Education []EducationRow
	// Warnings are things a reader of the result should know, such as
	// intake held back by training places.
	Warnings []error
	// Groups are the rows of the groups of the workforce (Cell.Groups),
	// ordered by year, branch, level and group, when the region has
	// groups; GroupNames names them (Region.Groups).
	Groups     []GroupRow
	GroupNames []string
}

// GroupRow is one group of a cell's workforce in one year, at the start of
// the year. Over the groups of a cell, Headcount and WorkforceFTE sum to
// the cell's Row.
type GroupRow struct {
	Year         int     `json:"year"`
	Branch       Branch  `json:"branch"`
	Level        Level   `json:"level"`
	Group        int     `json:"group"`
	Headcount    float64 `json:"headcount"`
	WorkforceFTE float64 `json:"workforce_fte"`
}

// GroupTotal sums group g's rows of a year over all branches and levels.
func (res *Result) GroupTotal(year, g int) GroupRow {
	t := GroupRow{Year: year, Branch: AllBranches, Level: AllLevels, Group: g}
	for i := range res.Groups {
		if r := &res.Groups[i]; r.Year == year && r.Group == g {
			t.Headcount += r.Headcount
			t.WorkforceFTE += r.WorkforceFTE
		}
	}
	return t
}

// Years returns the reported years in order.
func (res *Result) Years() []int {
	ys := make([]int, res.To-res.From+1)
	for i := range ys {
		ys[i] = res.From + i
	}
	return ys
}

// Row returns the row of one year, branch and level.
func (res *Result) Row(year int, b Branch, l Level) *Row {
	i := ((year-res.From)*NumBranches+int(b))*NumLevels + int(l)
	return &res.Rows[i]
}

// Total sums the rows of one year over all branches and levels.
func (res *Result) Total(year int) Row {
	return res.Sum(year, func(*Row) bool { return true })
}

// Sum adds up the rows of a year that keep selects. Stocks and flows are
// summed; ShortfallHeadcount too.
func (res *Result) Sum(year int, keep func(*Row) bool) Row {
	t := Row{Scenario: res.Scenario, Year: year}
	start := (year - res.From) * NumBranches * NumLevels
	for i := start; i < start+NumBranches*NumLevels; i++ {
		r := &res.Rows[i]
		if keep(r) {
			t.add(r)
		}
	}
	if t.baseDemand > 0 {
		t.DemographicIndex = t.DemographyDemandFTE / t.baseDemand
	}
	return t
}

func (t *Row) add(r *Row) {
	t.DemandFTE += r.DemandFTE
	t.SupplyFTE += r.SupplyFTE
	t.ShortfallFTE += r.ShortfallFTE
	t.ShortfallHeadcount += r.ShortfallHeadcount
	t.Headcount += r.Headcount
	t.WorkforceFTE += r.WorkforceFTE
	t.StudentFTE += r.StudentFTE
	t.Students += r.Students
	t.Graduates += r.Graduates
	t.InflowGraduates += r.InflowGraduates
	t.InflowLateral += r.InflowLateral
	t.InflowReturners += r.InflowReturners
	t.OutflowRetirement += r.OutflowRetirement
	t.OutflowOther += r.OutflowOther
	t.MobilityIn += r.MobilityIn
	t.MobilityOut += r.MobilityOut
	t.DemographyDemandFTE += r.DemographyDemandFTE
	t.baseDemand += r.baseDemand
}

// BaseDemandFTE is the row's demand in the base year (for a sum, the sum's).
func (t *Row) BaseDemandFTE() float64 { return t.baseDemand }

// StartError is returned for a lever that starts in or before the
// region's base year. The base year is data: demand is set from the base
// year's supply, so a lever acting in it would raise demand with supply
// and its effect would vanish (or turn against it) later on. A lever
// starts in a year after the base year.
type StartError struct {
	Kind            LeverKind
	Start, BaseYear int
}

func (e *StartError) Error() string {
	return fmt.Sprintf("lever %s: start %d, want a year after the base year %d", e.Kind, e.Start, e.BaseYear)
}

// Dutch says it for a Dutch reader.
func (e *StartError) Dutch() string {
	return fmt.Sprintf("hefboom %s: start %d, verwacht een jaar na het basisjaar %d", e.Kind.Label(), e.Start, e.BaseYear)
}

// ErrYears is returned for a From/To outside what the region allows.
var ErrYears = errors.New("years out of range")

// Run simulates the region under the levers, year by year from the base
// year, and returns the rows of the years asked for. The region must be
// valid (Run calls Validate). Levers act in the order given, but their
// effects combine by addition, so the order does not matter.
//
// Run compiles the region on every call; to run one region many times,
// Compile it once and call Model.Run.
func Run(r *Region, levers []Lever, opt Options) (*Result, error) {
	if err := r.validateNamed(); err != nil {
		return nil, err
	}
	m := onceModels.Get().(*Model)
	defer m.release()
	m.prepare(r)
	return m.Run(levers, opt)
}

// Run simulates the model's region under the levers, as the function Run
// does.
func (m *Model) Run(levers []Lever, opt Options) (*Result, error) {
	return m.runDraw(levers, opt, noDraw)
}

// runDraw is Run with the factors of one Monte Carlo draw applied to the
// region's parameters. MonteCarlo keeps only a draw's shortfalls; the
// tests read a draw's every row.
func (m *Model) runDraw(levers []Lever, opt Options, d drawFactors) (*Result, error) {
	r := m.r
	s, err := newSim(m, levers, opt)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Region: r.Name, Scenario: opt.Scenario, BaseYear: r.BaseYear, From: s.from, To: s.to,
		Rows:      make([]Row, s.reported*NumBranches*NumLevels),
		Education: make([]EducationRow, 0, s.reported*s.nProgrammes),
	}
	s.scenario = opt.Scenario
	if len(r.Groups) > 0 {
		res.GroupNames = r.Groups
		res.Groups = make([]GroupRow, 0, s.reported*numCells*len(r.Groups))
		s.groupRows = &res.Groups
	}
	s.run(d, res.Rows, nil, &res.Education)
	res.Warnings = s.warnings()
	s.release()
	return res, nil
}

// drawFactors are the factors one Monte Carlo draw applies to the region's
// parameters; noDraw leaves them as they are.
type drawFactors struct {
	dropout, sectorYield, outflow, partTime float64
	growthAdd                               float64
	popDev                                  float64 // relative deviation of the population in the projection's last year
}

var noDraw = drawFactors{dropout: 1, sectorYield: 1, outflow: 1, partTime: 1}

// sim is a prepared run: the compiled model, the levers' static effects,
// and a workspace reused across Monte Carlo draws.
type sim struct {
	*Model
	levers   []Lever
	scenario string // the rows' Scenario
	from, to int
	years    int // simulated: base year to To
	reported int // To - From + 1
	// leverShares[j] and quotaPlaces[j] are lever j's static effects: a
	// lateral-entry lever's shares of the cells, an opleidingsquote
	// lever's places per branch at its full effect.
	leverShares [][NumBranches][NumLevels]float64
	quotaPlaces [][NumBranches][NumLevels][NumRoutes]float64
	intake      *IntakePlan
	// candidateGrowth[i] is (1 + CandidateGrowth)^i per programme.
	candidateGrowth [][NumLevels][NumRoutes]float64
	firstCapped     [NumLevels][NumRoutes]int
	cappedPartTime  int

	// workspace
	enrol [NumLevels][NumRoutes][maxDuration]float64
	dem   demandState
	eff   effects
	gy    []groupYear // per group of the workforce
	// groupRows, when not nil, collects the groups' rows of a run.
	groupRows *[]GroupRow
	hired     [NumLevels][NumRoutes]float64
	stuFTE    [NumLevels][NumRoutes]float64
	stuN      [NumLevels][NumRoutes]float64
	grads     [NumLevels][NumRoutes]float64
	// placeShare is each branch's share of a programme's places this
	// year: the branch hosts that share of its students.
	placeShare [NumLevels][NumRoutes][NumBranches]float64
}

// programme is a level taught on a route.
type programme struct {
	l  Level
	rt Route
}

// effects are the levers' combined effects in one year; the per-cell ones
// are indexed like cells.
type effects struct {
	bolToBBL [NumLevels]float64
	hours    cells
	// programHours are the extra contract hours of a graduate's first
	// contract, per level: the sector-yield part of LargerContracts.
	programHours [NumLevels]float64
	extraPlaces  [NumBranches][NumLevels][NumRoutes]float64 // per hosting branch
	intakeGrowth [NumLevels][NumRoutes]float64
	dropoutCut   [NumLevels][NumRoutes]float64
	sectorYield  [NumLevels][NumRoutes]float64
	retention    cells
	lateral      cells
	stay         cells
	absenceCut   cells
	demandCut    cells
	// the demand levers (demand.go)
	prevention      [NumBranches][NumAgeGroups]float64
	productivity    cells
	substitution    [NumBranches][NumLevels][NumLevels]float64 // share of [from] moving to [to]
	anySubstitution bool
}

func newSim(m *Model, levers []Lever, opt Options) (*sim, error) {
	r := m.r
	for _, lv := range levers {
		if err := lv.Validate(); err != nil {
			return nil, err
		}
		if lv.Start <= r.BaseYear {
			return nil, &StartError{Kind: lv.Kind, Start: lv.Start, BaseYear: r.BaseYear}
		}
		if lv.Kind == Prevention && lv.Scope.AgeGroups != 0 && !r.HasPopulation() {
			return nil, fmt.Errorf("lever %s: age groups chosen, but region %s has no population by age group", lv.Kind, r.Name)
		}
	}
	from, to := opt.From, opt.To
	if from == 0 {
		from = r.BaseYear
	}
	if to == 0 {
		to = r.BaseYear + DefaultHorizonYears
	}
	if last := r.BaseYear + MaxHorizonYears; from < r.BaseYear || to < from || to > last {
		return nil, fmt.Errorf("%w: from %d to %d, want %d <= from <= to <= %d", ErrYears, from, to, r.BaseYear, last)
	}
	if p := opt.Intake; p != nil {
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				if p.Set[l][rt] && (r.Programmes[l][rt].DurationYears == 0 || !(p.PerYear[l][rt] >= 0) || math.IsInf(p.PerYear[l][rt], 1)) {
					return nil, fmt.Errorf("intake plan: %s %s: %g a year, want a number >= 0 for a programme the region runs", l, rt, p.PerYear[l][rt])
				}
			}
		}
	}
	s := spareSims.Get().(*sim)
	gy, shares, quota := s.gy, s.leverShares, s.quotaPlaces
	*s = sim{Model: m, levers: levers, from: from, to: to, years: to - r.BaseYear + 1, reported: to - from + 1, intake: opt.Intake}
	s.gy = slices.Grow(gy[:0], len(m.groups))[:len(m.groups)]
	for g := range s.gy {
		s.gy[g] = groupYear{wf: s.gy[g].wf} // resetWorkforce sets the workforce
	}
	if s.years <= len(m.candidateGrowth) {
		s.candidateGrowth = m.candidateGrowth[:s.years]
	} else {
		s.candidateGrowth = m.growth(s.years, nil)
	}
	s.dem = m.demandState(s.years)
	s.leverShares = slices.Grow(shares[:0], len(levers))[:len(levers)]
	s.quotaPlaces = slices.Grow(quota[:0], len(levers))[:len(levers)]
	clear(s.leverShares)
	clear(s.quotaPlaces)
	for j, lv := range levers {
		switch lv.Kind {
		case LateralEntry:
			s.leverShares[j] = r.headcountShares(lv.Scope)
		case TrainingQuota:
			s.quotaPlaces[j] = r.quotaPlaces(lv.Size, lv.Scope)
		}
	}
	return s, nil
}

// spareSims holds the workspaces of finished runs (some 50 KB each: the
// levers' effects, the pipeline, the workforce's rings of cohorts), so
// that the next run fills them instead of allocating and later collecting
// new ones. newSim takes one; a run that ends gives it back with release.
var spareSims = sync.Pool{New: func() any { return new(sim) }}

// release gives s back to spareSims. It keeps only s's memory: the model,
// the levers and the result's rows are let go, and s must not be used.
func (s *sim) release() {
	*s = sim{gy: s.gy, leverShares: s.leverShares, quotaPlaces: s.quotaPlaces}
	spareSims.Put(s)
}

// clone returns a copy of s with its own workspace.
func (s *sim) clone() *sim {
	c := *s
	c.gy = make([]groupYear, len(s.gy)) // reset makes their workforce
	return &c
}

// headcountShares returns each cell's share of the base-year headcount of
// the cells in scope: all 0 for a scope with nobody in it.
func (r *Region) headcountShares(sc Scope) (sh [NumBranches][NumLevels]float64) {
	var total float64
	for b := range Branch(NumBranches) {
		for l := range Level(NumLevels) {
			if sc.hasBranch(b) && sc.hasLevel(l) {
				sh[b][l] = r.Cells[b][l].Headcount.Sum()
				total += sh[b][l]
			}
		}
	}
	if total == 0 { // counts are not negative: nobody in scope
		return sh
	}
	for b := range sh {
		for l := range sh[b] {
			sh[b][l] /= total
		}
	}
	return sh
}

// Quota returns a trainer's opleidingsquote: training FTE of its places per
// 100 FTE of its staff.
func (r *Region) Quota(t *Trainer) float64 {
	if t.CareFTE <= 0 {
		return 0
	}
	return 100 * r.TrainingFTE(t) / t.CareFTE
}

// TrainingFTE returns the training FTE of a trainer's places.
func (r *Region) TrainingFTE(t *Trainer) float64 {
	var fte float64
	for l := range Level(NumLevels) {
		for rt := range Route(NumRoutes) {
			fte += t.Places[l][rt] * r.Training.PlaceFTE(rt)
		}
	}
	return fte
}

// quotaPlaces returns the places the trainers in scope must add to reach
// a quota of target training FTE per 100 care FTE, per trainer's branch. A
// trainer adds places in its own mix of levels and routes; one without
// places takes the region's mix of its branch, or of the whole region.
func (r *Region) quotaPlaces(target float64, sc Scope) (extra [NumBranches][NumLevels][NumRoutes]float64) {
	mixOf := func(keep func(*Trainer) bool) (mix [NumLevels][NumRoutes]float64) {
		var fte float64
		for i := range r.Trainers {
			t := &r.Trainers[i]
			if !keep(t) {
				continue
			}
			for l := range Level(NumLevels) {
				for rt := range Route(NumRoutes) {
					if sc.hasLevel(l) && sc.hasRoute(rt) {
						f := t.Places[l][rt] * r.Training.PlaceFTE(rt)
						mix[l][rt] += f
						fte += f
					}
				}
			}
		}
		for l := range mix {
			for rt := range mix[l] {
				if fte > 0 {
					mix[l][rt] /= fte
				}
			}
		}
		return mix
	}
	regionMix := mixOf(func(*Trainer) bool { return true })
	for i := range r.Trainers {
		t := &r.Trainers[i]
		if !sc.hasBranch(t.Branch) {
			continue
		}
		gapFTE := (target - r.Quota(t)) / 100 * t.CareFTE
		if gapFTE <= 0 {
			continue
		}
		mix := mixOf(func(u *Trainer) bool { return u == t })
		if isZero(mix) {
			mix = mixOf(func(u *Trainer) bool { return u.Branch == t.Branch })
		}
		if isZero(mix) {
			mix = regionMix
		}
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				if pf := r.Training.PlaceFTE(rt); pf > 0 { // a route whose places count for nothing has a mix of 0
					extra[t.Branch][l][rt] += gapFTE * mix[l][rt] / pf
				}
			}
		}
	}
	return extra
}

func isZero(m [NumLevels][NumRoutes]float64) bool {
	for l := range m {
		for rt := range m[l] {
			if m[l][rt] != 0 {
				return false
			}
		}
	}
	return true
}

// leverEffects sums the levers' effects in year y.
func (s *sim) leverEffects(y int) {
	e := &s.eff
	*e = effects{}
	for j, lv := range s.levers {
		x := lv.Size * lv.Ramp(y)
		if x == 0 {
			continue
		}
		sc := lv.Scope
		switch lv.Kind {
		case Prevention, Productivity, Substitution:
			e.demandLever(&s.levers[j], x)
		case BOLToBBL:
			for l := range Level(NumLevels) {
				if sc.hasLevel(l) {
					e.bolToBBL[l] = min(1, e.bolToBBL[l]+x)
				}
			}
		case TrainingQuota:
			ramp := lv.Ramp(y)
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					for rt := range Route(NumRoutes) {
						e.extraPlaces[b][l][rt] += ramp * s.quotaPlaces[j][b][l][rt]
					}
				}
			}
		case IntakeGrowth, StudyYield, SectorYield:
			for l := range Level(NumLevels) {
				for rt := range Route(NumRoutes) {
					if !sc.hasLevel(l) || !sc.hasRoute(rt) {
						continue
					}
					switch lv.Kind {
					case IntakeGrowth:
						e.intakeGrowth[l][rt] += x
					case StudyYield:
						e.dropoutCut[l][rt] = min(1, e.dropoutCut[l][rt]+x)
					default:
						e.sectorYield[l][rt] += x
					}
				}
			}
		default:
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					if !sc.hasBranch(b) || !sc.hasLevel(l) {
						continue
					}
					c := int(b)*NumLevels + int(l)
					switch lv.Kind {
					case LargerContracts:
						e.hours[c] += x
					case Retention:
						e.retention[c] = min(1, e.retention[c]+x)
					case LateralEntry:
						e.lateral[c] += x * s.leverShares[j][b][l]
					case LaterRetirement:
						e.stay[c] = min(1, e.stay[c]+x)
					case SickLeave:
						e.absenceCut[c] += x
					case DemandReduction:
						e.demandCut[c] += x
					}
				}
			}
			if lv.Kind == LargerContracts {
				// Graduates get the bigger first contract in the branches in
				// scope: the hours add up over levers, weighted by the
				// share of the level's graduates those branches hire.
				for l := range Level(NumLevels) {
					if !sc.hasLevel(l) {
						continue
					}
					if sc.Branches == 0 {
						e.programHours[l] += x
						continue
					}
					for b := range Branch(NumBranches) {
						if sc.hasBranch(b) {
							e.programHours[l] += x * s.params.gradShare[int(b)*NumLevels+int(l)]
						}
					}
				}
			}
		}
	}
	if e.anySubstitution {
		e.capSubstitution()
	}
}

// run simulates from the base year to s.to. For the reported years it
// writes either full rows into rows or only the shortfall into short (each
// of length reported*NumBranches*NumLevels, in the order of Result.Rows),
// and, when edu is not nil, appends education rows.
func (s *sim) run(d drawFactors, rows []Row, short []float64, edu *[]EducationRow) {
	r := s.r
	s.resetWorkforce()
	s.enrol = [NumLevels][NumRoutes][maxDuration]float64{}
	for l := range Level(NumLevels) {
		for rt := range Route(NumRoutes) {
			copy(s.enrol[l][rt][:], r.Programmes[l][rt].Enrolled)
		}
	}
	for l := range s.firstCapped {
		for rt := range s.firstCapped[l] {
			s.firstCapped[l][rt] = 0
		}
	}
	s.cappedPartTime = 0
	for i := range s.years {
		y := r.BaseYear + i
		s.leverEffects(y)
		var out []Row
		var sh []float64
		var eduOut *[]EducationRow
		if y >= s.from {
			k := (y - s.from) * NumBranches * NumLevels
			if rows != nil {
				out = rows[k : k+NumBranches*NumLevels]
			}
			if short != nil {
				sh = short[k : k+NumBranches*NumLevels]
			}
			eduOut = edu
		}
		s.educate(i, y, d, eduOut)
		s.work(i, y, d, out, sh)
	}
}

// educate runs year i of every programme: intake (from the second year
// on), dropout, graduation, and the step of the pipeline to next year.
//
//	intake[t]   = min(candidates[t], places[t]/placeUse - continuing students)
//	S[k+1][t+1] = S[k][t] * (1 - dropout[k])
//	graduates   = S[last][t] * (1 - dropout[last]); hired = graduates * sectorYield
func (s *sim) educate(i, y int, d drawFactors, edu *[]EducationRow) {
	r, e := s.r, &s.eff
	for l := range Level(NumLevels) {
		for rt := range Route(NumRoutes) {
			p := &r.Programmes[l][rt]
			n := p.DurationYears
			if n == 0 {
				continue
			}
			S := &s.enrol[l][rt]
			cand := s.candidates(i, l, rt)
			// This year's places per branch: the base year's, those the
			// opleidingsquote levers add, and those the BOL-to-BBL lever's
			// employers provide (hosted like the base year's BBL places).
			var branchPlaces [NumBranches]float64
			var extra float64
			for b := range NumBranches {
				branchPlaces[b] = s.branchPlaces[b][l][rt] + e.extraPlaces[b][l][rt]
				extra += e.extraPlaces[b][l][rt]
			}
			places := s.places[l][rt] + extra
			if shift := e.bolToBBL[l]; shift > 0 && r.Programmes[l][BOL].DurationYears > 0 && r.Programmes[l][BBL].DurationYears > 0 {
				moved := shift * s.candidates(i, l, BOL)
				switch rt {
				case BOL:
					cand -= moved
				case BBL:
					// The employers provide the places the moved students need.
					cand += moved
					add := moved * p.PlaceUse * s.perIntake[l][rt]
					places += add
					for b := range NumBranches {
						branchPlaces[b] += add * s.baseShare[l][rt][b]
					}
				}
			}
			// The students of this year are hosted where this year's places
			// are; without places, where the level's graduates go to work.
			// The BOL-to-BBL lever's places keep the base year's shares, so
			// without quota places this year those are the shares.
			share := &s.placeShare[l][rt]
			for b := range NumBranches {
				if extra != 0 { // quota places are positive, so places are too
					share[b] = branchPlaces[b] / places
				} else {
					share[b] = s.baseShare[l][rt][b]
				}
			}
			capacity := math.Inf(1)
			if p.PlaceUse > 0 {
				capacity = max(0, places/p.PlaceUse-continuing(S, n))
			}
			switch plan := s.intake; {
			case i > 0 && plan != nil && plan.Set[l][rt] && y >= plan.From:
				S[0] = plan.PerYear[l][rt]
				cand = S[0]
				places = max(places, p.PlaceUse*(S[0]+continuing(S, n)))
				capacity = S[0]
			case i > 0:
				S[0] = min(cand, capacity)
				if cand > capacity*(1+1e-9) && s.firstCapped[l][rt] == 0 {
					s.firstCapped[l][rt] = y
				}
			}
			cut := e.dropoutCut[l][rt]
			var students, dropouts float64
			for k := range n {
				students += S[k]
				dropouts += S[k] * min(1, p.Dropout[k]*d.dropout*(1-cut))
			}
			last := min(1, p.Dropout[n-1]*d.dropout*(1-cut))
			grads := S[n-1] * (1 - last)
			sy := min(1, p.SectorYield*d.sectorYield+e.sectorYield[l][rt]+e.programHours[l]*r.SectorYieldPerContractHour)
			s.hired[l][rt] = grads * sy
			s.grads[l][rt] = grads
			s.stuN[l][rt] = students
			s.stuFTE[l][rt] = students * p.ProductiveFTE
			if edu != nil {
				row := EducationRow{Scenario: s.scenario,
					Year: y, Level: l, Route: rt, Candidates: cand, Places: places,
					Intake: S[0], Students: students, Dropouts: dropouts, Graduates: grads, GraduatesHired: grads * sy,
				}
				if p.PlaceUse > 0 {
					row.PlaceCapacity, row.PlaceCapped = capacity, true
				}
				*edu = append(*edu, row)
			}
			for k := n - 1; k > 0; k-- {
				S[k] = S[k-1] * (1 - min(1, p.Dropout[k-1]*d.dropout*(1-cut)))
			}
			S[0] = 0
		}
	}
}

// continuing returns the students in study years 2 to n.
func continuing(S *[maxDuration]float64, n int) float64 {
	var c float64
	for k := 1; k < n; k++ {
		c += S[k]
	}
	return c
}

// candidates returns the people wanting to start a programme in year i,
// before any shift between routes.
func (s *sim) candidates(i int, l Level, rt Route) float64 {
	return s.r.Programmes[l][rt].Candidates * s.candidateGrowth[i][l][rt] * (1 + s.eff.intakeGrowth[l][rt])
}

func (s *sim) warnings() []error {
	var ws []error
	for l := range Level(NumLevels) {
		for rt := range Route(NumRoutes) {
			if y := s.firstCapped[l][rt]; y != 0 {
				ws = append(ws, PlacesCapWarning{Level: l, Route: rt, From: y})
			}
		}
	}
	if s.cappedPartTime != 0 {
		ws = append(ws, FullTimeWarning{From: s.cappedPartTime})
	}
	switch {
	case !s.r.HasPopulation():
		ws = append(ws, PopulationWarning{})
	case s.to > s.r.Population.Last():
		ws = append(ws, PopulationWarning{HeldFrom: s.r.Population.Last() + 1})
	}
	if s.r.HasPopulation() && s.r.Population.Years[0] > s.r.BaseYear {
		ws = append(ws, PopulationWarning{StartsIn: s.r.Population.Years[0]})
	}
	return ws
}

// PlacesCapWarning says a programme's intake was held back by training
// places: more candidates wanted to start than there were places.
type PlacesCapWarning struct {
	Level Level
	Route Route
	From  int
}

func (w PlacesCapWarning) Error() string {
	return fmt.Sprintf("%s %s: intake held back by training places from %d on", w.Level, w.Route, w.From)
}

// Dutch says it for a Dutch reader.
func (w PlacesCapWarning) Dutch() string {
	return fmt.Sprintf("%s %s: de instroom wordt vanaf %d begrensd door de opleidingsplaatsen (er zijn meer kandidaten dan plaatsen)", w.Level, w.Route, w.From)
}

// FullTimeWarning says larger contracts ran into full time.
type FullTimeWarning struct{ From int }

func (w FullTimeWarning) Error() string {
	return fmt.Sprintf("larger contracts: part-time factor capped at full time from %d on", w.From)
}

// Dutch says it for a Dutch reader.
func (w FullTimeWarning) Dutch() string {
	return fmt.Sprintf("grotere contracten: de deeltijdfactor loopt vanaf %d tegen voltijd aan", w.From)
}

// Dutch returns a warning or error in Dutch when it has a Dutch text, and
// as it is otherwise.
func Dutch(err error) string {
	if d, ok := err.(interface{ Dutch() string }); ok {
		return d.Dutch()
	}
	return err.Error()
}
