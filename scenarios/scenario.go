// Package scenarios holds raat's scenarios: a scenario is the baseline plus
// a list of levers from the action plan, each with a size, a start and an
// effect horizon (forecast.Lever says what each lever does). Scenarios live
// in YAML files analysts edit (the built-in ones are in builtin/); Parse
// reads one strictly, naming the line and field of every problem.
//
// On top of the model it answers the planners' questions:
//
//   - Decompose: how much of the change in shortfall each lever of a
//     combined scenario contributes, year by year, as Shapley values (the
//     average of a lever's marginal effect over all orders in which the
//     levers could be added), which are independent of the order the levers
//     are listed in and add up to the scenario's total change;
//   - Costs: what each lever costs per FTE-year of shortfall it closes;
//   - SolveIntake and SolveLever: the yearly intake, or the size of a lever,
//     needed to close the gap by a target year.
package scenarios

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"raat/forecast"
	"raat/yamldoc"
)

// Scenario is a named list of levers on top of the baseline.
type Scenario struct {
	// Name is the scenario's key, as commands and files spell it.
	Name string
	// Title is the name a board reads ("RAAT-plan"); optional in a file,
	// Label falls back to Name.
	Title       string
	Description string
	// Source says where the scenario came from: "ingebouwd" or a file.
	Source string
	// File is the file Parse read it from (a built-in's is
	// builtin/NAME.yaml), for the problems Check names.
	File   string
	Levers []Lever
}

// Lever is a forecast lever as a scenario file states it: its start may be
// a year or a number of years after the region's base year.
type Lever struct {
	forecast.Lever
	// StartAfter, when Relative, is the start as years after the base year.
	StartAfter int
	Relative   bool
	// Note is the file's explanation of the lever (source, plan action).
	Note string
	// Line is the line of the lever's start (or start_after) in File, and
	// Index its place in the list (1 for the first), for Check.
	Line, Index int
}

// Label is the scenario's name for a board: its title, or its key when
// the file gives none.
func (s *Scenario) Label() string {
	if s.Title != "" {
		return s.Title
	}
	return s.Name
}

// At returns the forecast lever for a region with the given base year.
func (lv Lever) At(baseYear int) forecast.Lever {
	f := lv.Lever
	if lv.Relative {
		f.Start = baseYear + lv.StartAfter
	}
	return f
}

// Describe says in Dutch what the lever does, e.g.
// "Behoud (minder uitstroom): 0,15 (share less outflow (0-1)) vanaf 2026, middellang".
func (lv Lever) Describe(baseYear int) string {
	f := lv.At(baseYear)
	s := fmt.Sprintf("%s %g vanaf %d, %s", f.Kind, f.Size, f.Start, f.Horizon)
	if f.HorizonYears > 0 {
		s = fmt.Sprintf("%s %g vanaf %d, in %d jaar", f.Kind, f.Size, f.Start, f.HorizonYears)
	}
	return s
}

// ForecastLevers returns the scenario's levers for a region with the given
// base year, as they are: see LeversAt for the levers checked against it.
func (s *Scenario) ForecastLevers(baseYear int) []forecast.Lever {
	ls := make([]forecast.Lever, len(s.Levers))
	for i, lv := range s.Levers {
		ls[i] = lv.At(baseYear)
	}
	return ls
}

// Check reports the levers that start in or before baseYear, each with the
// file, line and field of its start, the start found and what is expected.
// A lever acts from the year after the base year: the base year is data
// (forecast.StartError says why). Parse checks start_after on its own
// (from 1); a start given as a year can only be checked against a region.
func (s *Scenario) Check(baseYear int) error {
	var es yamldoc.Errors
	for i, lv := range s.Levers {
		f := lv.At(baseYear)
		if f.Start > baseYear {
			continue
		}
		n := lv.Index
		if n == 0 {
			n = i + 1
		}
		e := &yamldoc.Error{File: s.File, Line: lv.Line, Field: fmt.Sprintf("levers[%d].start", n),
			Found: fmt.Sprint(f.Start), Want: fmt.Sprintf("a year after the base year %d", baseYear)}
		if lv.Relative {
			e.Field = fmt.Sprintf("levers[%d].start_after", n)
			e.Found = fmt.Sprint(lv.StartAfter)
			e.Want = fmt.Sprintf("1 or more years after the base year %d", baseYear)
		}
		if e.File == "" {
			e.File = "scenario " + s.Name
		}
		es = append(es, e)
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// LeversAt returns the scenario's levers for a region with the given base
// year, or Check's problems when a lever starts in or before it.
func (s *Scenario) LeversAt(baseYear int) ([]forecast.Lever, error) {
	if err := s.Check(baseYear); err != nil {
		return nil, err
	}
	return s.ForecastLevers(baseYear), nil
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Parse reads a scenario file.
func Parse(file string, data []byte) (*Scenario, error) {
	doc, top, err := yamldoc.Parse(file, data)
	if err != nil {
		return nil, err
	}
	s := &Scenario{Source: file, File: file}
	s.Name = top.String("name", yamldoc.Required)
	if s.Name != "" && !nameRE.MatchString(s.Name) {
		top.Problem("name", fmt.Sprintf("%q", s.Name), "lower-case letters, digits and hyphens, like raat-plan")
	}
	s.Title = strings.TrimSpace(top.String("title", yamldoc.Optional))
	s.Description = strings.TrimSpace(top.String("description", yamldoc.Required))
	for i, m := range top.List("levers", yamldoc.Required) {
		if lv, ok := parseLever(m); ok {
			lv.Index = i + 1
			s.Levers = append(s.Levers, lv)
		}
	}
	top.Done()
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func parseLever(m *yamldoc.Map) (Lever, bool) {
	var lv Lever
	ok := true
	kindName := m.String("lever", yamldoc.Required)
	kind, err := forecast.ParseLeverKind(kindName)
	if err != nil {
		if kindName != "" {
			m.Problem("lever", fmt.Sprintf("%q", kindName), "one of "+kindList())
		}
		ok = false
	}
	lv.Kind = kind
	sizeCheck := yamldoc.Any
	if ok {
		sizeCheck = func(v float64) string {
			if v >= 0 && v <= kind.MaxSize() {
				return ""
			}
			return fmt.Sprintf("a size from 0 to %g (%s)", kind.MaxSize(), kind.Unit())
		}
	}
	var sizeOK bool
	lv.Size, sizeOK = m.FloatOK("size", yamldoc.Required, sizeCheck)
	ok = ok && sizeOK
	hasStart, hasAfter := m.Has("start"), m.Has("start_after")
	lv.Start = m.Int("start", yamldoc.Optional, yamldoc.Between(1900, 2200))
	lv.StartAfter = m.Int("start_after", yamldoc.Optional, func(v float64) string {
		if v >= 1 && v <= 50 {
			return ""
		}
		return "1 to 50 years after the base year (a lever starts a year after the base year at the earliest)"
	})
	lv.Relative = hasAfter
	lv.Line = m.KeyLine("start")
	if hasAfter {
		lv.Line = m.KeyLine("start_after")
	}
	switch {
	case hasStart && hasAfter:
		m.Problem("start_after", "both start and start_after", "one of them")
		ok = false
	case !hasStart && !hasAfter:
		m.Problem("", "no start or start_after", "the year the action starts (start: 2026) or the years after the base year (start_after: 1)")
		ok = false
	}
	if h := m.String("horizon", yamldoc.Required); h != "" {
		hz, err := forecast.ParseHorizon(h)
		if err != nil {
			m.Problem("horizon", fmt.Sprintf("%q", h), "kort, middellang or lang")
			ok = false
		}
		lv.Horizon = hz
	}
	lv.HorizonYears = m.Int("horizon_years", yamldoc.Optional, yamldoc.Between(1, 30))
	var branches []forecast.Branch
	for _, n := range m.Strings("branches", yamldoc.Optional) {
		b, err := forecast.ParseBranch(n)
		if err != nil {
			m.Problem("branches", fmt.Sprintf("%q", n), "branches like vvt, ziekenhuizen")
			ok = false
		}
		branches = append(branches, b)
	}
	var levels []forecast.Level
	for _, n := range m.Strings("levels", yamldoc.Optional) {
		l, err := forecast.ParseLevel(n)
		if err != nil {
			m.Problem("levels", fmt.Sprintf("%q", n), "levels like mbo3, hbo")
			ok = false
		}
		levels = append(levels, l)
	}
	var routes []forecast.Route
	for _, n := range m.Strings("routes", yamldoc.Optional) {
		r, err := forecast.ParseRoute(n)
		if err != nil {
			m.Problem("routes", fmt.Sprintf("%q", n), "routes like BOL, BBL, hbo-voltijd, hbo-duaal")
			ok = false
		}
		routes = append(routes, r)
	}
	lv.Scope = forecast.ScopeOf(branches, levels, routes)
	lv.Note = strings.TrimSpace(m.String("note", yamldoc.Optional))
	m.Done()
	return lv, ok
}

func kindList() string {
	var ks []string
	for _, k := range forecast.LeverKinds() {
		ks = append(ks, k.String())
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}
