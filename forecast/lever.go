package forecast

import (
	"fmt"
	"math"
	"strings"
)

// LeverKind is one of the action plan's levers (docs/model.md, "The
// levers"). Each kind's Size has its own unit, given in the constant's
// comment, with the lever's exact effect. In the effects below x is the
// lever's Size * Ramp(y) in year y, summed over the levers of the kind
// that reach a cell, programme or trainer; "capped at 1" is of that sum.
//
// A Scope limits a lever; each kind reads only the parts of it that its
// effect has (a cell is a branch and level, a programme a level and
// route), and the rest is ignored. A scoped lever does not spread its
// size over the scope unless its doc says so: a share, a rate or hours
// apply in full to every cell or programme in scope.
type LeverKind uint8

const (
	// BOLToBBL moves a share (0-1, capped at 1) of the BOL candidates of
	// each level in scope (levels only) to its BBL programme, when the
	// level has both: x * BOL candidates leave BOL and join BBL's
	// candidates, and the employers provide the BBL places the moved
	// students need, x * BOL candidates * BBL place use * BBL students per
	// unit of intake in steady state (hosted in the base year's BBL shares
	// of the branches).
	BOLToBBL LeverKind = iota
	// LargerContracts adds Size contract hours a week (0-36) to every
	// worker's contract in scope (branches and levels): part-time factor
	// + x/36, capped at 1 (full time; a FullTimeWarning says when). It also
	// raises the sector yield of the levels in scope by
	// Region.SectorYieldPerContractHour per hour of a graduate's first
	// contract: x, or for a lever scoped to branches x times the share of
	// the level's graduates those branches hire (Cell.GraduateShare), as
	// only they offer the bigger contract; the yield is capped at 1. Two
	// levers of this kind add up, in both effects: two of 2 hours are one
	// of 4 hours (a worker in the scope of both gets both).
	LargerContracts
	// TrainingQuota raises every trainer in scope (its branch) whose
	// opleidingsquote is below Size (training FTE per 100 care FTE, the
	// plan's reference is 15) to Size. At the base year's figures a
	// trainer needs (Size - quota) / 100 * CareFTE training FTE more, and
	// adds it as places in its own mix of training FTE over the levels and
	// routes in scope (a trainer without places there takes its branch's
	// mix, or the region's): places = FTE * mix / Training.PlaceFTE. These
	// places, not the Size, ramp in: in year y the trainer has Ramp(y) of
	// them. They raise the programmes' place capacity, and so intake where
	// places held it back, and they host their students in the trainer's
	// branch (see "Students are hosted where the places are" in the
	// package doc).
	TrainingQuota
	// IntakeGrowth raises the candidates of every programme in scope
	// (levels and routes) by a share: candidates * (1 + x), 0.1 = +10%
	// (campaigns, WW/WWB, statushouders, cross-border).
	IntakeGrowth
	// StudyYield lowers every dropout rate of the programmes in scope
	// (levels and routes) by a share (0-1, capped at 1): dropout * (1 - x)
	// (better supervision, talent-based admission).
	StudyYield
	// SectorYield raises the sector yield of every programme in scope
	// (levels and routes) by x points of the fraction (0.05 = +5 points),
	// the yield capped at 1 (job guarantee, bigger first contract).
	SectorYield
	// Retention lowers the other-outflow rate of the cells in scope
	// (branches and levels) by a share (0-1, capped at 1): q * (1 - x).
	// Retirement is not other outflow.
	Retention
	// LateralEntry adds Size persons a year (headcount) of lateral
	// entrants and returners. Its scope (branches and levels) is where
	// they go: the lever spreads its size over the cells in scope by
	// their share of the base year's headcount in scope. In each cell the
	// extra people split between lateral entrants (joining at
	// Region.LateralEntryAge) and returners (at Region.ReturnerAge) in
	// proportion to the cell's own Cell.LateralEntry and Cell.Returners;
	// a cell with neither takes them all as lateral entrants.
	LateralEntry
	// LaterRetirement keeps a share x (0-1, capped at 1) of the workers of
	// the cells in scope (branches and levels) who reach the pension age
	// and would otherwise stop working: stay = StayPastPension + (1 -
	// StayPastPension) * x; and lowers early retirement from 60 by the
	// same share: early-retirement rate * (1 - x).
	LaterRetirement
	// SickLeave lowers the sick-leave rate of the cells in scope (branches
	// and levels) by x points of the fraction (0.01 = one percentage
	// point), not below zero, raising effective FTE: availability =
	// (1 - max(0, AbsenceRate - x)) / (1 - AbsenceRate).
	SickLeave
	// DemandReduction lowers the yearly demand growth of the cells in
	// scope (branches and levels) by x points of the fraction (0.005 =
	// half a percentage point): growth - x (prevention, technology).
	DemandReduction
	// Prevention lowers care use per inhabitant by a share (0-1), in the
	// age groups of its scope (all by default) and its branches: the
	// demographic index weighs the groups' use by (1 - share).
	Prevention
	// Productivity (technology) lowers the FTE needed per unit of care by
	// a share (0-1): demand in FTE times (1 - share).
	Productivity
	// Substitution (taakherschikking) moves a share (0-1) of the demand of
	// the scope's levels to level To in the same branch, so that the
	// branch's total demand is unchanged. Shares of this year's demand
	// before any substitution move (moved demand does not move on); a
	// level gives away at most all of it: where the levers' shares out of
	// a level sum past 1, each is scaled down in proportion.
	Substitution
	NumLeverKinds = iota
)

var leverKeys = [NumLeverKinds]string{
	"bol-naar-bbl", "grotere-contracten", "opleidingsquote", "instroom", "studierendement",
	"sectorrendement", "behoud", "zij-instroom", "later-pensioen", "verzuim", "vraag",
	"preventie", "productiviteit", "taakherschikking",
}

var leverLabels = [NumLeverKinds]string{
	"BOL naar BBL", "Grotere contracten", "Opleidingsquote", "Meer instroom in opleidingen",
	"Hoger studierendement", "Hoger sectorrendement", "Behoud (minder uitstroom)",
	"Zij-instroom en herintreders", "Later pensioen / gepensioneerden", "Lager verzuim",
	"Minder vraag (preventie, technologie)",
	"Preventie (minder zorggebruik)", "Technologie (minder fte per zorg)", "Taakherschikking",
}

var leverUnits = [NumLeverKinds]string{
	"share of BOL candidates (0-1)", "hours a week (0-36)", "training FTE per 100 care FTE",
	"share more candidates", "share less dropout (0-1)", "points of sector yield (0-1)",
	"share less outflow (0-1)", "persons a year", "share staying past pension age (0-1)",
	"points of sick leave (0-1)", "points of yearly demand growth",
	"share less care use per inhabitant (0-1)", "share fewer FTE per unit of care (0-1)", "share of the level's demand moved (0-1)",
}

var leverUnitsNL = [NumLeverKinds]string{
	"aandeel van de BOL-kandidaten (0-1)", "uur per week (0-36)", "opleidings-fte per 100 fte personeel",
	"aandeel meer kandidaten", "aandeel minder uitval (0-1)", "punt sectorrendement (0-1)",
	"aandeel minder uitstroom (0-1)", "personen per jaar", "aandeel dat na de AOW-leeftijd doorwerkt (0-1)",
	"punt minder verzuim (0-1)", "punt minder vraaggroei per jaar",
	"aandeel minder zorggebruik per inwoner (0-1)", "aandeel minder fte per eenheid zorg (0-1)", "aandeel van de vraag van het niveau dat verschuift (0-1)",
}

// leverMax bounds each kind's size; sizes are never negative.
var leverMax = [NumLeverKinds]float64{1, 36, 100, 10, 1, 1, 1, 1e6, 1, 1, 0.5, 1, 1, 1}

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

// Scope limits a lever to some branches, levels, routes or (for
// prevention) age groups of the population. A zero Scope (or a zero
// field) means all.
type Scope struct {
	Branches  uint16 // bit b set: branch b
	Levels    uint8  // bit l set: level l
	Routes    uint8  // bit r set: route r
	AgeGroups uint8  // bit g set: age group g
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
func (s Scope) hasAgeGroup(g AgeGroup) bool {
	return s.AgeGroups == 0 || s.AgeGroups&(1<<g) != 0
}

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
	// To is the level a substitution moves demand to; other kinds leave
	// it zero.
	To Level
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
	if lv.Scope.AgeGroups != 0 && lv.Kind != Prevention {
		return fmt.Errorf("lever %s: age groups apply to prevention only", lv.Kind)
	}
	if lv.Kind == Substitution {
		if lv.Scope.Levels == 0 || int(lv.To) >= NumLevels || lv.Scope.Levels == 1<<lv.To {
			return fmt.Errorf("lever %s: from levels %08b to level %d, want one or more levels to move demand from and another to move it to", lv.Kind, lv.Scope.Levels, lv.To)
		}
	} else if lv.To != 0 {
		return fmt.Errorf("lever %s: a level to move demand to applies to substitution only", lv.Kind)
	}
	if int(lv.Horizon) >= len(horizonKeys) {
		return fmt.Errorf("lever %s: unknown horizon %d", lv.Kind, lv.Horizon)
	}
	return nil
}
