package forecast

import (
	"fmt"
	"math"
	"slices"
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
	seg             segments
	params          *cellParams
	// the ages inflow joins at
	graduatesAt            [NumLevels][NumRoutes]entry
	lateralAt, returnersAt entry
	// initial is the base year's workforce, for a model run many times
	// (nil for one made for a single run).
	initial *initialWorkforce
}

// Compile validates the region (Region.Validate) and prepares it for the
// engine. The Model keeps a copy of r.
func Compile(r *Region) (*Model, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("region %s: %w", r.Name, err)
	}
	m := prepare(r.clone())
	m.initWorkforce()
	return m, nil
}

// compile is Compile without the copy, for runs that end before the
// caller can change r; many says whether it will be run more than once.
func compile(r *Region, many bool) (*Model, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("region %s: %w", r.Name, err)
	}
	m := prepare(r)
	if many {
		m.initWorkforce()
	}
	return m, nil
}

// Region returns the model's region. It is the model's own copy: do not
// change it.
func (m *Model) Region() *Region { return m.r }

// clone returns a deep copy of r.
func (r *Region) clone() *Region {
	c := *r
	c.Trainers = slices.Clone(r.Trainers)
	for l := range c.Programmes {
		for rt := range c.Programmes[l] {
			p := &c.Programmes[l][rt]
			p.Dropout, p.Enrolled = slices.Clone(p.Dropout), slices.Clone(p.Enrolled)
		}
	}
	return &c
}

// prepare works out what every run of a valid region shares.
func prepare(r *Region) *Model {
	m := &Model{r: r}
	m.places = r.Places()
	for _, t := range r.Trainers {
		for l := range Level(NumLevels) {
			for rt := range Route(NumRoutes) {
				m.branchPlaces[t.Branch][l][rt] += t.Places[l][rt]
			}
		}
	}
	m.taught = make([]programme, 0, NumLevels*NumRoutes)
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
	m.seg = newSegments(r)
	m.params = newCellParams(r)
	for _, p := range m.taught {
		m.graduatesAt[p.l][p.rt] = m.seg.entry(r.Programmes[p.l][p.rt].EntryAge)
	}
	m.lateralAt, m.returnersAt = m.seg.entry(r.LateralEntryAge), m.seg.entry(r.ReturnerAge)
	m.candidateGrowth = m.growth(DefaultHorizonYears + 1)
	return m
}

// growth returns (1 + CandidateGrowth)^i per programme taught for the
// first years years.
func (m *Model) growth(years int) [][NumLevels][NumRoutes]float64 {
	g := make([][NumLevels][NumRoutes]float64, years)
	for i := range years {
		for _, p := range m.taught {
			g[i][p.l][p.rt] = math.Pow(1+m.r.Programmes[p.l][p.rt].CandidateGrowth, float64(i))
		}
	}
	return g
}
