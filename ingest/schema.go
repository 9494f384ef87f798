package ingest

import (
	"fmt"
	"strings"
	"unicode"

	"raat/forecast"
)

// The sheets of the workbook, as docs/workbook.md names them. The reader matches
// them case- and whitespace-insensitively.
const (
	SheetInstructions = "Toelichting"
	SheetOrganisation = "Organisatie"
	SheetStaff        = "Personeel"
	SheetPlaces       = "Stageplaatsen"
	SheetLeavers      = "Uitstroom"
	SheetHires        = "Instroom"
	SheetVacancies    = "Vacatures"
)

// Reason is why a worker left (uitstroomreden).
type Reason uint8

// The reasons of the Uitstroom sheet. Only AndereZorgwerkgever stays in the
// region's care sector: it is mobility, not outflow.
const (
	Pensioen Reason = iota
	AndereSector
	NaarZorgwerkgever
	BuitenArbeidsmarkt
	OnbekendeReden
	NumReasons = iota
)

var reasonKeys = [NumReasons]string{"pensioen", "andere sector", "andere zorgwerkgever", "buiten arbeidsmarkt", "onbekend"}

// String returns the reason as the workbook writes it.
func (r Reason) String() string {
	if int(r) < NumReasons {
		return reasonKeys[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// MarshalText writes the reason's key (for JSON).
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Outflow reports whether leavers for this reason leave the region's care
// sector: all but those moving to another care employer.
func (r Reason) Outflow() bool { return r != NaarZorgwerkgever }

// ParseReason accepts a reason's key, ignoring case, spaces and hyphens.
func ParseReason(s string) (Reason, error) {
	k := fold(s)
	for i, key := range reasonKeys {
		if k == fold(key) {
			return Reason(i), nil
		}
	}
	return 0, fmt.Errorf("unknown reason %q", s)
}

// Origin is where a new hire came from (herkomst).
type Origin uint8

// The origins of the Instroom sheet.
const (
	Schoolverlater Origin = iota
	ZijInstromer
	Herintreder
	VanZorgwerkgever
	OverigeHerkomst
	NumOrigins = iota
)

var originKeys = [NumOrigins]string{"schoolverlater", "zij-instromer", "herintreder", "andere zorgwerkgever", "overig"}

// String returns the origin as the workbook writes it.
func (o Origin) String() string {
	if int(o) < NumOrigins {
		return originKeys[o]
	}
	return fmt.Sprintf("Origin(%d)", uint8(o))
}

// MarshalText writes the origin's key (for JSON).
func (o Origin) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// ParseOrigin accepts an origin's key, ignoring case, spaces and hyphens.
func ParseOrigin(s string) (Origin, error) {
	k := fold(s)
	for i, key := range originKeys {
		if k == fold(key) {
			return Origin(i), nil
		}
	}
	return 0, fmt.Errorf("unknown origin %q", s)
}

// kind is what a column holds; it decides how a cell is parsed, which
// drop-down or number validation the template puts on it, and what a
// problem says is expected.
type kind uint8

const (
	kindText kind = iota
	kindLevel
	kindAgeBand
	kindRoute
	kindReason
	kindOrigin
	kindCount // a whole number >= 0 (people, places)
	kindFTE   // a number >= 0
)

// want is what a problem says a cell of the kind should hold.
func (k kind) want() string {
	switch k {
	case kindLevel:
		return "een niveau: " + strings.Join(levelKeys(), ", ")
	case kindAgeBand:
		return "een leeftijdsklasse: " + strings.Join(ageBandKeys(), ", ")
	case kindRoute:
		return "een leerroute: " + strings.Join(routeKeys(), ", ")
	case kindReason:
		return "een reden: " + strings.Join(reasonKeys[:], ", ")
	case kindOrigin:
		return "een herkomst: " + strings.Join(originKeys[:], ", ")
	case kindCount:
		return "een geheel getal >= 0"
	case kindFTE:
		return "een getal >= 0"
	}
	return "tekst"
}

// choices are the values of a categorical column, for the drop-downs.
func (k kind) choices() []string {
	switch k {
	case kindLevel:
		return levelKeys()
	case kindAgeBand:
		return ageBandKeys()
	case kindRoute:
		return routeKeys()
	case kindReason:
		return reasonKeys[:]
	case kindOrigin:
		return originKeys[:]
	}
	return nil
}

func (k kind) numeric() bool { return k == kindCount || k == kindFTE }

// column is one column of a table sheet.
type column struct {
	name string
	kind kind
	// prompt is the help the template shows when the cell is selected.
	prompt string
}

// tableSpec is a sheet with a header row and one row per key: the first
// keys columns identify a row, the rest hold its numbers.
type tableSpec struct {
	sheet   string
	columns []column
	keys    int
	// rows are the key rows the template fills in, so that employers only
	// type numbers.
	rows func() [][]string
}

var (
	staffSpec = tableSpec{
		sheet: SheetStaff,
		columns: []column{
			{"Niveau", kindLevel, "Kwalificatieniveau van de functie."},
			{"Leeftijdsklasse", kindAgeBand, "Leeftijd op de peildatum."},
			{"Aantal medewerkers", kindCount, "Personen in loondienst op de peildatum (geen uitzendkrachten, geen leerlingen)."},
			{"FTE", kindFTE, "Contracturen / 36, opgeteld; hoogstens 1,2 x het aantal medewerkers."},
		},
		keys: 2,
		rows: func() (rs [][]string) {
			for _, l := range forecast.Levels() {
				for _, b := range forecast.AgeBands() {
					rs = append(rs, []string{l.String(), b.String()})
				}
			}
			return rs
		},
	}
	placesSpec = tableSpec{
		sheet: SheetPlaces,
		columns: []column{
			{"Niveau", kindLevel, "Niveau van de opleiding."},
			{"Leerroute", kindRoute, "BOL en hbo-voltijd: stage; BBL en hbo-duaal: leerwerkplek."},
			{"Aangeboden plaatsen", kindCount, "Stageplaatsen of leerwerkplekken die u dit jaar aanbiedt."},
			{"Bezette plaatsen", kindCount, "Plaatsen waarop nu een student zit; hoogstens het aantal aangeboden."},
		},
		keys: 2,
		rows: func() (rs [][]string) {
			for _, l := range forecast.Levels() {
				for _, r := range forecast.Routes() {
					if forecast.ValidProgramme(l, r) {
						rs = append(rs, []string{l.String(), r.String()})
					}
				}
			}
			return rs
		},
	}
	leaversSpec = tableSpec{
		sheet: SheetLeavers,
		columns: []column{
			{"Niveau", kindLevel, "Niveau van de functie van wie vertrok."},
			{"Reden", kindReason, "Waarheen of waarom de medewerker vertrok."},
			{"Aantal", kindCount, "Vertrokken personen in de 12 maanden voor de peildatum."},
		},
		keys: 2,
		rows: func() (rs [][]string) {
			for _, l := range forecast.Levels() {
				for _, r := range reasonKeys {
					rs = append(rs, []string{l.String(), r})
				}
			}
			return rs
		},
	}
	hiresSpec = tableSpec{
		sheet: SheetHires,
		columns: []column{
			{"Niveau", kindLevel, "Niveau van de functie van de nieuwe medewerker."},
			{"Herkomst", kindOrigin, "Waar de nieuwe medewerker vandaan kwam."},
			{"Aantal", kindCount, "Nieuwe personen in dienst in de 12 maanden voor de peildatum."},
		},
		keys: 2,
		rows: func() (rs [][]string) {
			for _, l := range forecast.Levels() {
				for _, o := range originKeys {
					rs = append(rs, []string{l.String(), o})
				}
			}
			return rs
		},
	}
	vacanciesSpec = tableSpec{
		sheet: SheetVacancies,
		columns: []column{
			{"Niveau", kindLevel, "Niveau van de vacature."},
			{"Openstaande vacatures (FTE)", kindFTE, "Openstaande vacatures op de peildatum, in FTE."},
			{"Moeilijk vervulbaar (FTE)", kindFTE, "Deel van de openstaande vacatures dat langer dan 3 maanden openstaat of naar verwachting zal staan."},
		},
		keys: 1,
		rows: func() (rs [][]string) {
			for _, l := range forecast.Levels() {
				rs = append(rs, []string{l.String()})
			}
			return rs
		},
	}
	tableSpecs = []*tableSpec{&staffSpec, &placesSpec, &leaversSpec, &hiresSpec, &vacanciesSpec}
)

// field is one row of the Organisatie sheet: a label in column A, its
// value in column B.
type field struct {
	name    string
	aliases []string
	prompt  string
	// optional fields may be missing (workbooks from before the field
	// existed) or empty.
	optional bool
}

// The fields of the Organisatie sheet, in template order.
const (
	fieldName = iota
	fieldKvK
	fieldRegion
	fieldBranch
	fieldPeildatum
	fieldMerged
	numFields
)

var orgFields = [numFields]field{
	{"Naam", []string{"naam organisatie", "organisatie", "werkgever"}, "Statutaire naam van de organisatie.", false},
	{"KvK-nummer", []string{"kvk", "kvknummer", "kvk-nr", "kvk nr", "kvk nummer"}, "8 cijfers; het nummer waaronder de organisatie in het Handelsregister staat.", false},
	{"Regio", []string{"arbeidsmarktregio", "raat regio"}, "De RAAT-regio waarin de organisatie het meeste personeel heeft.", false},
	{"Branche", []string{"branch"}, "De branche waartoe de organisatie hoort (zoals in de CAO).", false},
	{"Peildatum", []string{"peil datum", "datum"}, "Datum waarop het personeel en de vacatures zijn geteld (dd-mm-jjjj); in- en uitstroom gelden voor de 12 maanden ervoor.", false},
	{"Fusie met KvK-nummers", []string{"fusie", "gefuseerd met", "opgegaan", "opgegane kvk-nummers"},
		"Alleen na een fusie sinds de vorige peildatum: de KvK-nummers van de organisaties die in de uwe zijn opgegaan, gescheiden door komma's. Hun personeel, in- en uitstroom telt u in deze werkmap mee.", true},
}

// fold makes names comparable the way people type them: lower case, and
// without spaces, hyphens, underscores, slashes, dots and a trailing colon
// or required-marker.
func fold(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ":*")
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '-' || r == '_' || r == '/' || r == '.' || r == '–' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func levelKeys() []string {
	var s []string
	for _, l := range forecast.Levels() {
		s = append(s, l.String())
	}
	return s
}

func ageBandKeys() []string {
	var s []string
	for _, b := range forecast.AgeBands() {
		s = append(s, b.String())
	}
	return s
}

func routeKeys() []string {
	var s []string
	for _, r := range forecast.Routes() {
		s = append(s, r.String())
	}
	return s
}

func branchLabels() []string {
	var s []string
	for _, b := range forecast.Branches() {
		s = append(s, b.Label())
	}
	return s
}
