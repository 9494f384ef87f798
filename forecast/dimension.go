package forecast

import (
	"fmt"
	"strings"
)

// Branch is a branch (branche) of care and welfare, as CBS and the AZW
// statistics divide the sector.
type Branch uint8

// The branches of docs/model.md, in the order reports list them.
const (
	Ziekenhuizen Branch = iota
	VVT
	GGZ
	Gehandicaptenzorg
	Jeugdzorg
	Huisartsen
	SociaalWerk
	Kinderopvang
	OverigBranch
	NumBranches = iota
)

var branchKeys = [NumBranches]string{
	"ziekenhuizen", "vvt", "ggz", "gehandicaptenzorg", "jeugdzorg",
	"huisartsen-eerstelijn", "sociaal-werk", "kinderopvang", "overig",
}

var branchLabels = [NumBranches]string{
	"Ziekenhuizen", "VVT (ouderenzorg)", "GGZ", "Gehandicaptenzorg", "Jeugdzorg",
	"Huisartsen/eerstelijn", "Sociaal werk", "Kinderopvang", "Overig",
}

// branchAliases are other names in common use for a branch.
var branchAliases = map[string]Branch{
	"ouderenzorg": VVT, "ziekenhuis": Ziekenhuizen, "umc": Ziekenhuizen,
	"huisartsen": Huisartsen, "eerstelijn": Huisartsen, "huisartsenzorg": Huisartsen,
	"sociaalwerk": SociaalWerk, "gehandicapten": Gehandicaptenzorg,
}

// String returns the branch's key, the spelling used in files and columns.
func (b Branch) String() string {
	if int(b) < NumBranches {
		return branchKeys[b]
	}
	if b == AllBranches {
		return "alle"
	}
	return fmt.Sprintf("Branch(%d)", uint8(b))
}

// Label returns the Dutch name a reader of a report expects.
func (b Branch) Label() string {
	if int(b) < NumBranches {
		return branchLabels[b]
	}
	return b.String()
}

// Branches returns all branches in report order.
func Branches() []Branch {
	bs := make([]Branch, NumBranches)
	for i := range bs {
		bs[i] = Branch(i)
	}
	return bs
}

// ParseBranch accepts a branch's key or its Dutch label, ignoring case,
// surrounding space and the difference between spaces, hyphens and slashes
// that people type in spreadsheets ("Sociaal werk", "sociaal-werk").
func ParseBranch(s string) (Branch, error) {
	k := foldName(s)
	for i := range NumBranches {
		if k == foldName(branchKeys[i]) || k == foldName(branchLabels[i]) {
			return Branch(i), nil
		}
	}
	if b, ok := branchAliases[k]; ok {
		return b, nil
	}
	return 0, fmt.Errorf("unknown branch %q, want one of %s", s, strings.Join(branchKeys[:], ", "))
}

// Level is a qualification level (kwalificatieniveau) of the workforce and
// of the education programmes that feed it.
type Level uint8

// The qualification levels of docs/model.md.
const (
	Mbo2 Level = iota
	Mbo3
	Mbo4
	Hbo
	WoOverig
	NumLevels = iota
)

var levelKeys = [NumLevels]string{"mbo2", "mbo3", "mbo4", "hbo", "wo/overig"}

var levelLabels = [NumLevels]string{
	"mbo 2 (helpende)", "mbo 3 (VIG/MZ)", "mbo 4 (verpleegkundige/agogisch)",
	"hbo (verpleegkunde/sociaal werk)", "wo/overig",
}

var levelAliases = map[string]Level{
	"mbo-2": Mbo2, "niveau-2": Mbo2, "mbo-3": Mbo3, "niveau-3": Mbo3,
	"mbo-4": Mbo4, "niveau-4": Mbo4, "wo": WoOverig, "overig": WoOverig,
}

// String returns the level's key.
func (l Level) String() string {
	if int(l) < NumLevels {
		return levelKeys[l]
	}
	if l == AllLevels {
		return "alle"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Label returns the Dutch description of the level.
func (l Level) Label() string {
	if int(l) < NumLevels {
		return levelLabels[l]
	}
	return l.String()
}

// Levels returns all levels in report order.
func Levels() []Level {
	ls := make([]Level, NumLevels)
	for i := range ls {
		ls[i] = Level(i)
	}
	return ls
}

// ParseLevel accepts a level's key ("mbo3", "MBO 3", "wo / overig").
func ParseLevel(s string) (Level, error) {
	k := foldName(s)
	for i := range NumLevels {
		if k == foldName(levelKeys[i]) {
			return Level(i), nil
		}
	}
	if l, ok := levelAliases[k]; ok {
		return l, nil
	}
	return 0, fmt.Errorf("unknown level %q, want one of %s", s, strings.Join(levelKeys[:], ", "))
}

// Route is an education route (leerroute).
type Route uint8

// The routes of docs/model.md. BOL is school-based with internships; BBL is
// work-based (the student is an employee); hbo has a full-time and a dual
// (work-study) route.
const (
	BOL Route = iota
	BBL
	HboVoltijd
	HboDuaal
	NumRoutes = iota
)

var routeKeys = [NumRoutes]string{"BOL", "BBL", "hbo-voltijd", "hbo-duaal"}

var routeAliases = map[string]Route{"voltijd": HboVoltijd, "duaal": HboDuaal}

// String returns the route's key.
func (r Route) String() string {
	if int(r) < NumRoutes {
		return routeKeys[r]
	}
	return fmt.Sprintf("Route(%d)", uint8(r))
}

// WorkBased reports whether students on the route are employees
// (BBL and hbo-duaal): they need a work place in every study year and
// contribute productive FTE while they study.
func (r Route) WorkBased() bool { return r == BBL || r == HboDuaal }

// Routes returns all routes.
func Routes() []Route { return []Route{BOL, BBL, HboVoltijd, HboDuaal} }

// ParseRoute accepts a route's key, ignoring case ("bbl", "HBO duaal").
func ParseRoute(s string) (Route, error) {
	k := foldName(s)
	for i := range NumRoutes {
		if k == foldName(routeKeys[i]) {
			return Route(i), nil
		}
	}
	if r, ok := routeAliases[k]; ok {
		return r, nil
	}
	return 0, fmt.Errorf("unknown route %q, want one of %s", s, strings.Join(routeKeys[:], ", "))
}

// ValidProgramme reports whether a level is taught on a route: mbo levels
// on BOL and BBL, hbo on its full-time and dual routes. wo/overig has no
// regional pipeline; its inflow is lateral entry and returners.
func ValidProgramme(l Level, r Route) bool {
	switch l {
	case Mbo2, Mbo3, Mbo4:
		return r == BOL || r == BBL
	case Hbo:
		return r == HboVoltijd || r == HboDuaal
	}
	return false
}

// foldName lower-cases s, trims it and turns runs of spaces, underscores,
// slashes and hyphens into single hyphens, so that the spellings people
// type compare equal.
func foldName(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch r {
		case ' ', '_', '-', '/', '\t', '\u00a0':
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// MarshalText writes the branch's key (for JSON and other encodings).
func (b Branch) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads a branch's key or label.
func (b *Branch) UnmarshalText(t []byte) error {
	if string(t) == "alle" {
		*b = AllBranches
		return nil
	}
	v, err := ParseBranch(string(t))
	*b = v
	return err
}

// MarshalText writes the level's key.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's key.
func (l *Level) UnmarshalText(t []byte) error {
	if string(t) == "alle" {
		*l = AllLevels
		return nil
	}
	v, err := ParseLevel(string(t))
	*l = v
	return err
}

// MarshalText writes the route's key.
func (r Route) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a route's key.
func (r *Route) UnmarshalText(t []byte) error {
	v, err := ParseRoute(string(t))
	*r = v
	return err
}
