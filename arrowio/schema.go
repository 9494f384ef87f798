package arrowio

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"

	"raat/forecast"
)

// SchemaVersion is recorded as raat.schema_version; it changes when a column
// is added, removed or changes meaning.
const SchemaVersion = "1"

// Column indexes in the schema, in order.
const (
	colRegion = iota
	colScenario
	colKind
	colQuantile
	colDraw
	colYear
	colBranch
	colLevel
	colRoute
	colMetric
	colValue
	colUnit
	numColumns
)

// dictUTF8 is the type of the string columns: few distinct values, each
// stored once per file and referenced by a 32-bit index (the index type
// pqarrow reads Parquet dictionaries into, so that both readers return the
// same schema).
var dictUTF8 = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// fields are the table's columns, documented in the package doc.
var fields = [numColumns]arrow.Field{
	colRegion:   {Name: "region", Type: dictUTF8},
	colScenario: {Name: "scenario", Type: dictUTF8},
	colKind:     {Name: "kind", Type: dictUTF8},
	colQuantile: {Name: "quantile", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	colDraw:     {Name: "draw", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	colYear:     {Name: "year", Type: arrow.PrimitiveTypes.Int32},
	colBranch:   {Name: "branch", Type: dictUTF8},
	colLevel:    {Name: "level", Type: dictUTF8},
	colRoute:    {Name: "route", Type: dictUTF8},
	colMetric:   {Name: "metric", Type: dictUTF8},
	colValue:    {Name: "value", Type: arrow.PrimitiveTypes.Float64},
	colUnit:     {Name: "unit", Type: dictUTF8},
}

// isStringColumn reports whether column i holds strings.
func isStringColumn(i int) bool { return fields[i].Type == dictUTF8 }

// Schema returns the table's schema with the metadata of m.
func Schema(m Metadata) *arrow.Schema {
	md := m.arrow()
	return arrow.NewSchema(fields[:], &md)
}

// ErrSchema is returned by the readers for a file whose columns are not
// those of this package's schema.
var ErrSchema = errors.New("not a raat results table")

// CheckSchema reports whether s has the columns of this package's schema,
// in order, with their types and nullability; the metadata may differ.
// The string columns may also be plain utf8, as a tool that rewrites the
// table may leave them.
func CheckSchema(s *arrow.Schema) error {
	if s.NumFields() != numColumns {
		return fmt.Errorf("%w: %d columns, want %d", ErrSchema, s.NumFields(), numColumns)
	}
	var problems []string
	for i, want := range fields {
		got := s.Field(i)
		typeOK := arrow.TypeEqual(got.Type, want.Type) || isStringColumn(i) && arrow.TypeEqual(got.Type, arrow.BinaryTypes.String)
		if got.Name != want.Name || !typeOK || got.Nullable != want.Nullable {
			problems = append(problems, fmt.Sprintf("column %d is %s %s (nullable %t), want %s %s (nullable %t)",
				i+1, got.Name, got.Type, got.Nullable, want.Name, want.Type, want.Nullable))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrSchema, strings.Join(problems, "; "))
	}
	return nil
}

// Kind says what a row's value is: the deterministic result or a
// statistic or draw of the Monte Carlo.
type Kind uint8

// The kinds, as the kind column spells them.
const (
	KindRun Kind = iota
	KindQuantile
	KindMean
	KindDraw
	numKinds
)

var kindNames = [numKinds]string{"run", "quantile", "mean", "draw"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// ParseKind reads a kind as the kind column spells it.
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, fmt.Errorf("unknown kind %q, want one of %s", s, strings.Join(kindNames[:], ", "))
}

// Units of the unit column.
const (
	UnitFTE            = "fte"
	UnitPersons        = "personen"      // a stock of persons
	UnitPersonsPerYear = "personen/jaar" // a flow of persons during the year
	UnitPlaces         = "plaatsen"      // training places
	UnitFlag           = "0/1"           // yes (1) or no (0)
	UnitIndex          = "index"         // relative to the base year (1 = as in the base year)
)

// units are the values of the unit column.
var units = []string{UnitFTE, UnitPersons, UnitPersonsPerYear, UnitPlaces, UnitFlag, UnitIndex}

// Total is how the region, branch and level columns spell a sum over the
// dimension (forecast.AllBranches and AllLevels print the same).
const Total = "alle"

// Metric is one metric of the table: its name in the metric column and its
// unit.
type Metric struct {
	Name string
	Unit string
}

// workforceMetric is a metric of forecast.Row.
type workforceMetric struct {
	Metric
	value func(*forecast.Row) float64
}

// workforceMetrics are forecast.Row's numbers in the order of its fields;
// TestMetricsFollowTheModel keeps them in step with its JSON names.
var workforceMetrics = []workforceMetric{
	{Metric{"demand_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.DemandFTE }},
	{Metric{"supply_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.SupplyFTE }},
	{Metric{"shortfall_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.ShortfallFTE }},
	{Metric{"shortfall_headcount", UnitPersons}, func(r *forecast.Row) float64 { return r.ShortfallHeadcount }},
	{Metric{"headcount", UnitPersons}, func(r *forecast.Row) float64 { return r.Headcount }},
	{Metric{"workforce_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.WorkforceFTE }},
	{Metric{"student_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.StudentFTE }},
	{Metric{"students", UnitPersons}, func(r *forecast.Row) float64 { return r.Students }},
	{Metric{"graduates", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.Graduates }},
	{Metric{"inflow_graduates", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.InflowGraduates }},
	{Metric{"inflow_lateral", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.InflowLateral }},
	{Metric{"inflow_returners", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.InflowReturners }},
	{Metric{"outflow_retirement", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.OutflowRetirement }},
	{Metric{"outflow_other", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.OutflowOther }},
	{Metric{"mobility_in", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.MobilityIn }},
	{Metric{"mobility_out", UnitPersonsPerYear}, func(r *forecast.Row) float64 { return r.MobilityOut }},
	{Metric{"demographic_index", UnitIndex}, func(r *forecast.Row) float64 { return r.DemographicIndex }},
	{Metric{"demography_demand_fte", UnitFTE}, func(r *forecast.Row) float64 { return r.DemographyDemandFTE }},
}

// EducationPrefix starts the names of the education metrics.
const EducationPrefix = "education_"

// educationMetric is a metric of forecast.EducationRow.
type educationMetric struct {
	Metric
	value func(*forecast.EducationRow) float64
}

var educationMetrics = []educationMetric{
	{Metric{EducationPrefix + "candidates", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.Candidates }},
	{Metric{EducationPrefix + "place_capacity", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.PlaceCapacity }},
	{Metric{EducationPrefix + "place_capped", UnitFlag}, func(e *forecast.EducationRow) float64 {
		if e.PlaceCapped {
			return 1
		}
		return 0
	}},
	{Metric{EducationPrefix + "places", UnitPlaces}, func(e *forecast.EducationRow) float64 { return e.Places }},
	{Metric{EducationPrefix + "intake", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.Intake }},
	{Metric{EducationPrefix + "students", UnitPersons}, func(e *forecast.EducationRow) float64 { return e.Students }},
	{Metric{EducationPrefix + "dropouts", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.Dropouts }},
	{Metric{EducationPrefix + "graduates", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.Graduates }},
	{Metric{EducationPrefix + "graduates_hired", UnitPersonsPerYear}, func(e *forecast.EducationRow) float64 { return e.GraduatesHired }},
}

// ShortfallMetric is the metric of the Monte Carlo rows.
var ShortfallMetric = Metric{"shortfall_fte", UnitFTE}

// Metrics lists every metric the table can hold, workforce metrics first.
func Metrics() []Metric {
	var ms []Metric
	for _, m := range workforceMetrics {
		ms = append(ms, m.Metric)
	}
	for _, m := range educationMetrics {
		ms = append(ms, m.Metric)
	}
	return ms
}

// Metadata is what a file records about the run that made it, in its
// schema metadata (see the package doc).
type Metadata struct {
	// Version names the raat build that wrote the file.
	Version string
	// Created is when the file was written, to the second.
	Created time.Time
	// RegionSource names the region file the run read.
	RegionSource string
	BaseYear     int
	// Scenarios are the scenarios in the order the table holds them.
	Scenarios []string
	// Draws is the number of Monte Carlo draws per scenario (0: none),
	// Seed their seed and Probs the probabilities of the quantiles.
	Draws int
	Seed  uint64
	Probs []float64
	// Warnings are the runs' warnings, each once.
	Warnings []string
}

// Metadata keys, documented in the package doc.
const (
	keySchemaVersion = "raat.schema_version"
	keyVersion       = "raat.version"
	keyCreated       = "raat.created"
	keyRegionSource  = "raat.region_source"
	keyBaseYear      = "raat.base_year"
	keyScenarios     = "raat.scenarios"
	keyDraws         = "raat.draws"
	keySeed          = "raat.seed"
	keyQuantiles     = "raat.quantiles"
	keyWarnings      = "raat.warnings"
)

func (m Metadata) arrow() arrow.Metadata {
	keys := []string{keySchemaVersion, keyVersion, keyCreated, keyRegionSource, keyBaseYear, keyScenarios, keyDraws}
	vals := []string{SchemaVersion, m.Version, m.Created.UTC().Format(time.RFC3339), m.RegionSource,
		strconv.Itoa(m.BaseYear), strings.Join(m.Scenarios, ","), strconv.Itoa(m.Draws)}
	if m.Draws > 0 {
		probs := make([]string, len(m.Probs))
		for i, p := range m.Probs {
			probs[i] = strconv.FormatFloat(p, 'g', -1, 64)
		}
		keys = append(keys, keySeed, keyQuantiles)
		vals = append(vals, strconv.FormatUint(m.Seed, 10), strings.Join(probs, ","))
	}
	if len(m.Warnings) > 0 {
		keys = append(keys, keyWarnings)
		vals = append(vals, strings.Join(m.Warnings, "\n"))
	}
	return arrow.NewMetadata(keys, vals)
}

// ParseMetadata reads the metadata of a schema written by this package.
func ParseMetadata(md arrow.Metadata) (Metadata, error) {
	get := func(k string) string {
		if i := md.FindKey(k); i >= 0 {
			return md.Values()[i]
		}
		return ""
	}
	if v := get(keySchemaVersion); v != SchemaVersion {
		return Metadata{}, fmt.Errorf("%w: %s is %q, want %q", ErrSchema, keySchemaVersion, v, SchemaVersion)
	}
	m := Metadata{Version: get(keyVersion), RegionSource: get(keyRegionSource)}
	var errs []error
	var err error
	if m.Created, err = time.Parse(time.RFC3339, get(keyCreated)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", keyCreated, err))
	}
	if m.BaseYear, err = strconv.Atoi(get(keyBaseYear)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", keyBaseYear, err))
	}
	if s := get(keyScenarios); s != "" {
		m.Scenarios = strings.Split(s, ",")
	}
	if m.Draws, err = strconv.Atoi(get(keyDraws)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", keyDraws, err))
	}
	if m.Draws > 0 {
		if m.Seed, err = strconv.ParseUint(get(keySeed), 10, 64); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", keySeed, err))
		}
		for _, s := range strings.Split(get(keyQuantiles), ",") {
			p, err := strconv.ParseFloat(s, 64)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", keyQuantiles, err))
				break
			}
			m.Probs = append(m.Probs, p)
		}
	}
	if w := get(keyWarnings); w != "" {
		m.Warnings = strings.Split(w, "\n")
	}
	if err := errors.Join(errs...); err != nil {
		return m, fmt.Errorf("metadata: %w", err)
	}
	return m, nil
}
