package forecast

import (
	"fmt"
	"math"
	"slices"
	"sync"
)

// Model is a region compiled for the engine: validated once, with what
// every run of it shares worked out once (the places per branch, the
// programmes taught, the age segments, the base year's workforce). Run,
// MonteCarloModels and the scenarios' Decompose and Solve run one Model
// many times instead of validating the region on every run.
//
// A Model holds its own copy of the region: changing the Region after
// Compile does not change the Model. A Model is safe for concurrent use.
type Model struct {
	r           *Region
	nProgrammes int
	places      [NumLevels][NumRoutes]float64
	// branchPlaces are the base year's places per branch; baseShare is
	// each branch's share of a programme's places in the base year (the
	// graduates' shares when it has none).
	branchPlaces [NumBranches][NumLevels][NumRoutes]float64
	baseShare    [NumLevels][NumRoutes][NumBranches]float64
	perIntake    [NumLevels][NumRoutes]float64 // steady-state students per unit of intake
	taught       []programme                   // the levels and routes taught, in that order
	// candidateGrowth[i] is (1 + CandidateGrowth)^i per programme taught,
	// for the years of a run of the default horizon.
	candidateGrowth [][NumLevels][NumRoutes]float64
	params          *cellParams
	// groups are the groups of the workforce (one without Region.Groups).
	groups []groupModel
	// demand is the demand side prepared for a run of the default
	// horizon (demandState's tables; its workspace is each run's).
	demand demandState
}

// Compile validates the region (Region.Validate) and prepares it for the
// engine. The Model keeps a copy of r.
func Compile(r *Region) (*Model, error) {
	if err := r.validateNamed(); err != nil {
		return nil, err
	}
	m := new(Model)
	m.prepare(r.clone())
	m.initWorkforce()
	return m, nil
}

// compile is Compile without the copy, for runs that end before the
// caller can change r.
func compile(r *Region) (*Model, error) {
	if err := r.validateNamed(); err != nil {
		return nil, err
	}
	m := new(Model)
	m.prepare(r)
	m.initWorkforce()
	return m, nil
}

// validateNamed is Validate with the region's name in its error, as
// Compile, compile and Run return it.
func (r *Region) validateNamed() error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("region %s: %w", r.Name, err)
	}
	return nil
}

// onceModels holds the models the function Run makes for a single run.
// Such a model is used by one goroutine and let go when the run ends, so
// the next Run prepares its region into the same tables instead of
// allocating them again: a Run then allocates little more than its
// Result. (A model from Compile is never put here: its caller keeps it.)
var onceModels = sync.Pool{New: func() any { return new(Model) }}

// release gives a model of onceModels back, without its region.
func (m *Model) release() {
	m.r = nil
	onceModels.Put(m)
}

// Region returns the model's region. It is the model's own copy: do not
// change it.
func (m *Model) Region() *Region { return m.r }

// clone returns a deep copy of r.
func (r *Region) clone() *Region {
	c := *r
	c.Trainers = slices.Clone(r.Trainers)
	c.Groups = slices.Clone(r.Groups)
	for b := range c.Cells {
		for l := range c.Cells[b] {
			cell := &c.Cells[b][l]
			cell.Groups = slices.Clone(cell.Groups)
			for g := range cell.Groups {
				if v := cell.Groups[g].PartTimeByAge; v != nil {
					w := *v
					cell.Groups[g].PartTimeByAge = &w
				}
			}
		}
	}
	if r.Population != nil {
		c.Population = &Population{Years: slices.Clone(r.Population.Years), Count: slices.Clone(r.Population.Count)}
	}
	for b := range c.DemandFactors {
		c.DemandFactors[b] = slices.Clone(r.DemandFactors[b])
	}
	for l := range c.Programmes {
		for rt := range c.Programmes[l] {
			p := &c.Programmes[l][rt]
			p.Dropout, p.Enrolled = slices.Clone(p.Dropout), slices.Clone(p.Enrolled)
		}
	}
	return &c
}

// prepare works out what every run of the valid region r shares, into m.
// It keeps m's tables (slices) for their memory and overwrites all of
// them: nothing of m's previous region is left.
func (m *Model) prepare(r *Region) {
	taught, groups, growth, params, demand := m.taught, m.groups, m.candidateGrowth, m.params, m.demand
	*m = Model{r: r}
	m.places = r.Places()
	for _, t := range r.Trainers {
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				m.branchPlaces[t.Branch][l][rt] += t.Places[l][rt]
			}
		}
	}
	m.taught = taught[:0]
	for l := range Level(NumLevels) {
		for rt := range Route(NumRoutes) {
			p := &r.Programmes[l][rt]
			if p.DurationYears == 0 {
				continue
			}
			m.nProgrammes++
			m.taught = append(m.taught, programme{l, rt})
			n := 1.0 // students per unit of intake in study year k
			for _, d := range p.Dropout {
				m.perIntake[l][rt] += n
				n *= 1 - d
			}
			// Students are hosted where the places are; without places they
			// are attributed where the level's graduates go to work.
			for b := range Branch(NumBranches) {
				if m.places[l][rt] > 0 {
					m.baseShare[l][rt][b] = m.branchPlaces[b][l][rt] / m.places[l][rt]
				} else {
					m.baseShare[l][rt][b] = r.Cells[b][l].GraduateShare
				}
			}
		}
	}
	if params == nil {
		params = new(cellParams)
	}
	m.params = params
	m.params.set(r)
	m.groups = slices.Grow(groups[:0], r.numGroups())[:r.numGroups()]
	for g := range m.groups {
		gm := &m.groups[g]
		gm.set(r, g)
		for _, p := range m.taught {
			gm.graduatesAt[p.l][p.rt] = gm.seg.entry(r.Programmes[p.l][p.rt].EntryAge)
		}
		gm.lateralAt, gm.returnersAt = gm.seg.entry(r.LateralEntryAge), gm.seg.entry(r.ReturnerAge)
	}
	m.candidateGrowth = m.growth(DefaultHorizonYears+1, growth)
	m.demand.set(r, DefaultHorizonYears+1, demand)
}

// growth returns (1 + CandidateGrowth)^i per programme taught for the
// first years years, in g's memory when it has room.
func (m *Model) growth(years int, g [][NumLevels][NumRoutes]float64) [][NumLevels][NumRoutes]float64 {
	g = slices.Grow(g[:0], years)[:years]
	for i := range years {
		g[i] = [NumLevels][NumRoutes]float64{}
		for _, p := range m.taught {
			g[i][p.l][p.rt] = math.Pow(1+m.r.Programmes[p.l][p.rt].CandidateGrowth, float64(i))
		}
	}
	return g
}

// demandState returns the demand side for a run of years simulated
// years: the compiled one when it is long enough (its tables are shared,
// read only), else one made for the run.
func (m *Model) demandState(years int) demandState {
	if !m.demand.hasPop || len(m.demand.use) >= years {
		return m.demand
	}
	var ds demandState
	ds.set(m.r, years, demandState{})
	return ds
}
