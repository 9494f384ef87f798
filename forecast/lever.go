package forecast

import (
	"fmt"
	"math"
	"strings"
)

// LeverKind is one of the action plan's levers (MODEL.md, "Scenario levers").
// Each kind's Size has its own unit, given in the constant's comment.
type LeverKind uint8

const (
	// BOLToBBL moves a share (0-1) of BOL candidates of every mbo level to
	// BBL. Employers provide the BBL places the moved students need: the
	// lever adds moved intake x place use x steady-state enrolment per
	// intake BBL places.
	BOLToBBL LeverKind = iota
	// LargerContracts adds Size contract hours a week (0-36) to every
	// worker's contract in scope (part-time factor + Size/36, capped at 1),
	// and raises the sector yield of the levels in scope by
	// Region.SectorYieldPerContractHour per hour of a graduate's first
	// contract: Size, or with a branch scope Size x the share of the
	// level's graduates the branches in scope hire. Like every lever, two
	// of this kind add up: two levers of 2 hours are one of 4 hours, for
	// the contracts and for the sector yield alike (a worker with both
	// gets both).
	LargerContracts
	// TrainingQuota raises every trainer whose opleidingsquote is below
	// Size (training FTE per 100 care FTE, the plan's reference is 15) to
	// Size, in proportion to its current mix of places.
	TrainingQuota
	// IntakeGrowth raises the candidates of every programme by a share
	// (0.1 = +10%): campaigns, WW/WWB, statushouders, cross-border.
	IntakeGrowth
	// StudyYield lowers every dropout rate by a share (0-1): better
	// supervision, talent-based admission.
	StudyYield
	// SectorYield raises every programme's sector yield by Size points of
	// the fraction (0.05 = +5 points), capped at 1: job guarantee, bigger
	// first contract.
	SectorYield
	// Retention lowers the non-retirement outflow rate by a share (0-1).
	Retention
	// LateralEntry adds Size lateral entrants and returners a year
	// (headcount), spread over the cells by their share of the region's
	// headcount in the base year.
	LateralEntry
	// LaterRetirement keeps a share (0-1) of the workers reaching the
	// pension age who would otherwise retire working, and lowers early
	// retirement from 60 by the same share.
	LaterRetirement
	// SickLeave lowers the sick-leave rate by Size points of the fraction
	// (0.01 = one percentage point), raising effective FTE.
	SickLeave
	// DemandReduction lowers every cell's yearly demand growth by Size
	// points of the fraction (0.005 = half a percentage point): prevention,
	// technology.
	DemandReduction
	NumLeverKinds = iota
)

var leverKeys = [NumLeverKinds]string{
	"bol-naar-bbl", "grotere-contracten", "opleidingsquote", "instroom", "studierendement",
	"sectorrendement", "behoud", "zij-instroom", "later-pensioen", "verzuim", "vraag",
}

var leverLabels = [NumLeverKinds]string{
	"BOL naar BBL", "Grotere contracten", "Opleidingsquote", "Meer instroom in opleidingen",
	"Hoger studierendement", "Hoger sectorrendement", "Behoud (minder uitstroom)",
	"Zij-instroom en herintreders", "Later pensioen / gepensioneerden", "Lager verzuim",
	"Minder vraag (preventie, technologie)",
}

var leverUnits = [NumLeverKinds]string{
	"share of BOL candidates (0-1)", "hours a week (0-36)", "training FTE per 100 care FTE",
	"share more candidates", "share less dropout (0-1)", "points of sector yield (0-1)",
	"share less outflow (0-1)", "persons a year", "share staying past pension age (0-1)",
	"points of sick leave (0-1)", "points of yearly demand growth",
}

var leverUnitsNL = [NumLeverKinds]string{
	"aandeel van de BOL-kandidaten (0-1)", "uur per week (0-36)", "opleidings-fte per 100 fte personeel",
	"aandeel meer kandidaten", "aandeel minder uitval (0-1)", "punt sectorrendement (0-1)",
	"aandeel minder uitstroom (0-1)", "personen per jaar", "aandeel dat na de AOW-leeftijd doorwerkt (0-1)",
	"punt minder verzuim (0-1)", "punt minder vraaggroei per jaar",
}

// leverMax bounds each kind's size; sizes are never negative.
var leverMax = [NumLeverKinds]float64{1, 36, 100, 10, 1, 1, 1, 1e6, 1, 1, 0.5}

// String returns the lever's key, as scenario files write it.
func (k LeverKind) String() string {
	if int(k) < NumLeverKinds {
		return leverKeys[k]
	}
	return fmt.Sprintf("LeverKind(%d)", uint8(k))
}

// Label returns the Dutch name of the lever.
func (k LeverKind) Label() string {
	if int(k) < NumLeverKinds {
		return leverLabels[k]
	}
	return k.String()
}

// Unit describes what Size measures for this kind.
func (k LeverKind) Unit() string {
	if int(k) < NumLeverKinds {
		return leverUnits[k]
	}
	return ""
}

// UnitNL says in Dutch what Size measures, for reports.
func (k LeverKind) UnitNL() string {
	if int(k) < NumLeverKinds {
		return leverUnitsNL[k]
	}
	return ""
}

// MaxSize is the largest size the kind accepts.
func (k LeverKind) MaxSize() float64 { return leverMax[k] }

// LeverKinds returns all kinds.
func LeverKinds() []LeverKind {
	ks := make([]LeverKind, NumLeverKinds)
	for i := range ks {
		ks[i] = LeverKind(i)
	}
	return ks
}

// ParseLeverKind accepts a lever's key.
func ParseLeverKind(s string) (LeverKind, error) {
	k := foldName(s)
	for i := range NumLeverKinds {
		if k == leverKeys[i] {
			return LeverKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown lever %q, want one of %s", s, strings.Join(leverKeys[:], ", "))
}

// Horizon is the effect horizon the action plan gives a lever.
type Horizon uint8

const (
	// Kort: full effect within 1 year.
	Kort Horizon = iota
	// Middellang: full effect in 2 to 3 years; the model takes 3.
	Middellang
	// Lang: full effect in more than 3 years; the model takes 5.
	Lang
)

var horizonKeys = []string{"kort", "middellang", "lang"}

func (h Horizon) String() string {
	if int(h) < len(horizonKeys) {
		return horizonKeys[h]
	}
	return fmt.Sprintf("Horizon(%d)", uint8(h))
}

// Years is the number of years over which a lever with this horizon ramps
// to its full effect.
func (h Horizon) Years() int {
	switch h {
	case Kort:
		return 1
	case Middellang:
		return 3
	}
	return 5
}

// ParseHorizon accepts kort, middellang or lang.
func ParseHorizon(s string) (Horizon, error) {
	k := foldName(s)
	for i, hk := range horizonKeys {
		if k == hk {
			return Horizon(i), nil
		}
	}
	return 0, fmt.Errorf("unknown horizon %q, want kort, middellang or lang", s)
}

// Scope limits a lever to some branches, levels or routes. A zero Scope
// (or a zero field) means all.
type Scope struct {
	Branches uint16 // bit b set: branch b
	Levels   uint8  // bit l set: level l
	Routes   uint8  // bit r set: route r
}

// ScopeOf builds a scope from lists; empty lists mean all.
func ScopeOf(branches []Branch, levels []Level, routes []Route) Scope {
	var s Scope
	for _, b := range branches {
		s.Branches |= 1 << b
	}
	for _, l := range levels {
		s.Levels |= 1 << l
	}
	for _, r := range routes {
		s.Routes |= 1 << r
	}
	return s
}

// Has reports whether the scope holds a branch and level.
func (s Scope) Has(b Branch, l Level) bool { return s.hasBranch(b) && s.hasLevel(l) }

func (s Scope) hasBranch(b Branch) bool { return s.Branches == 0 || s.Branches&(1<<b) != 0 }
func (s Scope) hasLevel(l Level) bool   { return s.Levels == 0 || s.Levels&(1<<l) != 0 }
func (s Scope) hasRoute(r Route) bool   { return s.Routes == 0 || s.Routes&(1<<r) != 0 }

// Lever is one action of a scenario: a kind, a size in the kind's unit,
// the year the action starts and the horizon over which its effect ramps
// in.
type Lever struct {
	Kind  LeverKind
	Size  float64
	Start int
	// Horizon gives the ramp length; HorizonYears, when above zero,
	// overrides it with an exact number of years.
	Horizon      Horizon
	HorizonYears int
	Scope        Scope
}

// RampYears is the number of years to full effect.
func (lv Lever) RampYears() int {
	if lv.HorizonYears > 0 {
		return lv.HorizonYears
	}
	return lv.Horizon.Years()
}

// Ramp returns the share of the lever's full effect in year y: nothing
// before and in the start year, then rising linearly to the full effect
// exactly RampYears years after the start:
//
//	ramp(y) = clamp((y - Start) / RampYears, 0, 1)
func (lv Lever) Ramp(y int) float64 {
	n := lv.RampYears()
	return math.Min(1, math.Max(0, float64(y-lv.Start)/float64(n)))
}

// Validate checks the lever's size against its kind's range.
func (lv Lever) Validate() error {
	if int(lv.Kind) >= NumLeverKinds {
		return fmt.Errorf("unknown lever kind %d", lv.Kind)
	}
	if !(lv.Size >= 0 && lv.Size <= lv.Kind.MaxSize()) {
		return fmt.Errorf("lever %s: size %g, want %s from 0 to %g", lv.Kind, lv.Size, lv.Kind.Unit(), lv.Kind.MaxSize())
	}
	if lv.HorizonYears < 0 || lv.HorizonYears > 30 {
		return fmt.Errorf("lever %s: horizon of %d years, want 1 to 30", lv.Kind, lv.HorizonYears)
	}
	if int(lv.Horizon) >= len(horizonKeys) {
		return fmt.Errorf("lever %s: unknown horizon %d", lv.Kind, lv.Horizon)
	}
	return nil
}
