package arrowio_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"raat/arrowio"
	"raat/data"
	"raat/forecast"
	"raat/internal/golden"
	"raat/region"
	"raat/scenarios"
)

// created is the fixed creation time of the test files, so that they are
// the same on every run.
var created = time.Date(2025, 11, 23, 12, 0, 0, 0, time.UTC)

// demoResults runs the Twente demo under basis and raat-plan for the base
// year and two more, with a Monte Carlo of draws draws per scenario
// (branch detail) and, with keepDraws, made-up draws of the totals.
func demoResults(t testing.TB, draws int, keepDraws bool) *arrowio.Results {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	res := &arrowio.Results{Version: "raat test", Created: created, RegionSource: data.TwenteFile}
	for _, name := range []string{"basis", "raat-plan"} {
		sc, err := scenarios.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		levers := sc.ForecastLevers(r.BaseYear)
		opt := forecast.Options{Scenario: name, To: r.BaseYear + 2}
		run, err := forecast.Run(r, levers, opt)
		if err != nil {
			t.Fatal(err)
		}
		res.Runs = append(res.Runs, run)
		if draws == 0 {
			continue
		}
		dist, err := forecast.MonteCarlo([]*forecast.Region{r}, levers, forecast.MCOptions{
			Options: opt, Draws: draws, Seed: 7, Detail: forecast.DetailBranches})
		if err != nil {
			t.Fatal(err)
		}
		res.Distributions = append(res.Distributions, dist)
		if keepDraws {
			res.Draws = append(res.Draws, madeUpDraws(name, r.Name, run, draws))
		}
	}
	return res
}

// madeUpDraws spreads the run's total shortfall over draws: forecast keeps
// no individual draws, and the writers only need numbers of the right
// shape (including values that do not round-trip through short decimals).
func madeUpDraws(scenario, region string, run *forecast.Result, draws int) arrowio.DrawSeries {
	s := arrowio.DrawSeries{Scenario: scenario, Region: region, Branch: forecast.AllBranches, Level: forecast.AllLevels, From: run.From}
	for _, y := range run.Years() {
		v := make([]float64, draws)
		for d := range v {
			v[d] = run.Total(y).ShortfallFTE * (1 + math.Sin(float64(d))/7)
		}
		s.Values = append(s.Values, v)
	}
	return s
}

// expectedRows builds the rows the table must hold straight from the
// results, taking the metric names from forecast's JSON tags, so that it
// checks the writers' mapping rather than repeating it.
func expectedRows(t *testing.T, res *arrowio.Results) []arrowio.Row {
	t.Helper()
	var rows []arrowio.Row
	for _, run := range res.Runs {
		for _, r := range run.Rows {
			for _, m := range jsonNumbers(r) {
				rows = append(rows, arrowio.Row{Region: run.Region, Scenario: run.Scenario, Kind: arrowio.KindRun,
					Year: r.Year, Branch: r.Branch.String(), Level: r.Level.String(), Metric: m.name, Value: m.value, Unit: unitOf(t, m.name)})
			}
		}
		for _, e := range run.Education {
			for _, m := range jsonNumbers(e) {
				name := "education_" + m.name
				rows = append(rows, arrowio.Row{Region: run.Region, Scenario: run.Scenario, Kind: arrowio.KindRun,
					Year: e.Year, Branch: "alle", Level: e.Level.String(), Route: e.Route.String(), Metric: name, Value: m.value, Unit: unitOf(t, name)})
			}
		}
	}
	for _, d := range res.Distributions {
		for _, s := range d.Series {
			for y := range s.Quantiles {
				base := arrowio.Row{Region: regionOrTotal(s.Region), Scenario: d.Scenario, Year: d.From + y, Branch: s.Branch.String(), Level: s.Level.String(),
					Metric: "shortfall_fte", Unit: "fte"}
				for k, p := range d.Probs {
					q := base
					q.Kind, q.Quantile, q.Value = arrowio.KindQuantile, p, s.Quantiles[y][k]
					rows = append(rows, q)
				}
				base.Kind, base.Value = arrowio.KindMean, s.Mean[y]
				rows = append(rows, base)
			}
		}
	}
	for _, s := range res.Draws {
		for y, vs := range s.Values {
			for d, v := range vs {
				rows = append(rows, arrowio.Row{Region: regionOrTotal(s.Region), Scenario: s.Scenario, Kind: arrowio.KindDraw, Draw: d, Year: s.From + y,
					Branch: s.Branch.String(), Level: s.Level.String(), Metric: "shortfall_fte", Value: v, Unit: "fte"})
			}
		}
	}
	return rows
}

// regionOrTotal spells the sum over regions as the table does.
func regionOrTotal(r string) string {
	if r == "" {
		return "alle"
	}
	return r
}

type namedNumber struct {
	name  string
	value float64
}

// jsonNumbers returns a struct's float64 and bool fields under their JSON
// names (a bool as 0 or 1).
func jsonNumbers(v any) []namedNumber {
	rv := reflect.ValueOf(v)
	var ns []namedNumber
	for i := range rv.NumField() {
		if !rv.Type().Field(i).IsExported() {
			continue
		}
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
		switch f := rv.Field(i); f.Kind() {
		case reflect.Float64:
			ns = append(ns, namedNumber{name, f.Float()})
		case reflect.Bool:
			ns = append(ns, namedNumber{name, map[bool]float64{true: 1}[f.Bool()]})
		}
	}
	return ns
}

// units are the metrics' units as the package doc documents them.
var units = map[string]string{
	"demand_fte": "fte", "supply_fte": "fte", "shortfall_fte": "fte", "shortfall_headcount": "personen",
	"headcount": "personen", "workforce_fte": "fte", "student_fte": "fte", "students": "personen",
	"graduates": "personen/jaar", "inflow_graduates": "personen/jaar", "inflow_lateral": "personen/jaar",
	"inflow_returners": "personen/jaar", "outflow_retirement": "personen/jaar", "outflow_other": "personen/jaar",
	"mobility_in": "personen/jaar", "mobility_out": "personen/jaar", "demographic_index": "index", "demography_demand_fte": "fte",
	"education_candidates": "personen/jaar", "education_place_capacity": "personen/jaar", "education_place_capped": "0/1",
	"education_places": "plaatsen", "education_intake": "personen/jaar", "education_students": "personen",
	"education_dropouts": "personen/jaar", "education_graduates": "personen/jaar", "education_graduates_hired": "personen/jaar",
}

func unitOf(t *testing.T, metric string) string {
	u, ok := units[metric]
	if !ok {
		t.Fatalf("metric %s has no unit in the test; add it (and to the package doc and README)", metric)
	}
	return u
}

func TestMetricsFollowTheModel(t *testing.T) {
	var want []arrowio.Metric
	for _, n := range jsonNumbers(forecast.Row{}) {
		want = append(want, arrowio.Metric{Name: n.name, Unit: unitOf(t, n.name)})
	}
	for _, n := range jsonNumbers(forecast.EducationRow{}) {
		name := "education_" + n.name
		want = append(want, arrowio.Metric{Name: name, Unit: unitOf(t, name)})
	}
	if got := arrowio.Metrics(); !reflect.DeepEqual(got, want) {
		t.Errorf("Metrics() = %v\nwant (from forecast's JSON names) %v", got, want)
	}
}

// TestDocsListEveryColumnAndMetric keeps the package doc's and the
// README's tables in step with the schema and the metrics: each name must
// start a line of the doc's tables and stand in backquotes in the
// README's, followed by its type or unit.
func TestDocsListEveryColumnAndMetric(t *testing.T) {
	docs := []struct {
		file string
		cell func(name, what string) *regexp.Regexp
	}{
		{"doc.go", func(name, what string) *regexp.Regexp {
			return regexp.MustCompile(`(?m)^//\t` + regexp.QuoteMeta(name) + ` +` + regexp.QuoteMeta(what) + ` `)
		}},
		{"../README.md", func(name, what string) *regexp.Regexp {
			return regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(name) + "` \\| " + regexp.QuoteMeta(what) + " \\|")
		}},
	}
	schema := arrowio.Schema(arrowio.Metadata{})
	for _, doc := range docs {
		src, err := os.ReadFile(doc.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range schema.Fields() {
			typ := f.Type.String()
			if d, ok := f.Type.(*arrow.DictionaryType); ok {
				typ = d.ValueType.String() + " dictionary"
			}
			if !doc.cell(f.Name, typ).Match(src) {
				t.Errorf("%s does not document column %s (%s)", doc.file, f.Name, typ)
			}
		}
		for _, m := range arrowio.Metrics() {
			if !doc.cell(m.Name, m.Unit).Match(src) {
				t.Errorf("%s does not document metric %s (%s)", doc.file, m.Name, m.Unit)
			}
		}
	}
}

// format is one of the two file formats, written and read back.
type format struct {
	name  string
	write func(io.Writer, *arrowio.Results, arrowio.WriteOptions) (arrowio.Written, error)
	read  func([]byte, memory.Allocator) (arrow.Table, error)
}

var formats = []format{
	{"parquet", arrowio.WriteParquet, func(b []byte, mem memory.Allocator) (arrow.Table, error) {
		return arrowio.ReadParquet(context.Background(), bytes.NewReader(b), mem)
	}},
	{"arrow", arrowio.WriteIPC, func(b []byte, mem memory.Allocator) (arrow.Table, error) {
		return arrowio.ReadIPC(bytes.NewReader(b), mem)
	}},
}

// roundTrip writes the results in a format with small batches and row
// groups (so that several are exercised) and reads them back as rows and
// metadata.
func roundTrip(t *testing.T, f format, res *arrowio.Results) ([]arrowio.Row, arrowio.Metadata, arrowio.Written) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var buf bytes.Buffer
	w, err := f.write(&buf, res, arrowio.WriteOptions{Mem: mem, BatchRows: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if w.Bytes != int64(buf.Len()) {
		t.Errorf("writer reports %d bytes, wrote %d", w.Bytes, buf.Len())
	}
	tbl, err := f.read(buf.Bytes(), mem)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != w.Rows {
		t.Errorf("read %d rows, writer reports %d", tbl.NumRows(), w.Rows)
	}
	meta, err := arrowio.ParseMetadata(tbl.Schema().Metadata())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := arrowio.Rows(tbl)
	if err != nil {
		t.Fatal(err)
	}
	return rows, meta, w
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		res  *arrowio.Results
		// rows is the hand-counted size of the table.
		rows int64
	}{
		{"runs only", demoResults(t, 0, false),
			// 2 scenarios x 3 years x (9 branches x 5 levels x 18 metrics
			// + 8 programmes x 9 education metrics)
			2 * 3 * (9*5*18 + 8*9)},
		{"with quantiles and draws", demoResults(t, 20, true),
			2*3*(9*5*18+8*9) +
				2*3*(1+9)*(3+1) + // per scenario and year, the total and 9 branches: P10, P50, P90, mean
				2*3*20}, // per scenario and year, 20 draws of the total
		{"nothing", &arrowio.Results{Version: "raat test", Created: created}, 0},
	}
	for _, tt := range tests {
		want := expectedRows(t, tt.res)
		wantMeta, err := tt.res.Metadata()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range formats {
			t.Run(tt.name+"/"+f.name, func(t *testing.T) {
				rows, meta, w := roundTrip(t, f, tt.res)
				if w.Rows != tt.rows || int64(len(rows)) != tt.rows || tt.res.NumRows() != tt.rows {
					t.Errorf("wrote %d rows, read %d, NumRows %d; want %d", w.Rows, len(rows), tt.res.NumRows(), tt.rows)
				}
				if len(rows) != len(want) {
					t.Fatalf("read %d rows, want %d", len(rows), len(want))
				}
				for i := range rows {
					// Values compare exactly: both formats store float64 bits.
					if rows[i] != want[i] {
						t.Fatalf("row %d:\n got %+v\nwant %+v", i+1, rows[i], want[i])
					}
				}
				if !reflect.DeepEqual(meta, wantMeta) {
					t.Errorf("metadata read back %+v\nwant %+v", meta, wantMeta)
				}
			})
		}
	}
}

func TestMetadataRecordsTheRun(t *testing.T) {
	res := demoResults(t, 20, false)
	m, err := res.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	want := arrowio.Metadata{Version: "raat test", Created: created, RegionSource: data.TwenteFile, BaseYear: 2025,
		Scenarios: []string{"basis", "raat-plan"}, Draws: 20, Seed: 7, Probs: []float64{0.1, 0.5, 0.9}}
	for _, w := range res.Runs[0].Warnings {
		want.Warnings = append(want.Warnings, w.Error())
	}
	if len(want.Warnings) == 0 {
		t.Fatal("the demo has no warnings; the test wants some to check they are recorded")
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("metadata %+v\nwant %+v", m, want)
	}
}

func TestResultsThatDisagreeAreRefused(t *testing.T) {
	other := func(change func(*arrowio.Results)) *arrowio.Results {
		res := demoResults(t, 5, true)
		change(res)
		return res
	}
	tests := []struct {
		name string
		res  *arrowio.Results
		want string
	}{
		{"base years", other(func(r *arrowio.Results) { r.Runs[1].BaseYear = 2024 }), "base year 2024"},
		{"seeds", other(func(r *arrowio.Results) { r.Distributions[1].Seed = 8 }), "seed 8"},
		{"draw counts", other(func(r *arrowio.Results) { r.Draws[1].Values[0] = r.Draws[1].Values[0][:3] }), "year 2025 has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range formats {
				_, err := f.write(io.Discard, tt.res, arrowio.WriteOptions{})
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s: error %v, want one saying %q", f.name, err, tt.want)
				}
			}
		})
	}
}

func TestReadersRefuseOtherTables(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{{Name: "region", Type: arrow.BinaryTypes.String}}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).Append("Twente")
	rec := b.NewRecord()
	defer rec.Release()
	var buf bytes.Buffer
	fw, err := pqarrow.NewFileWriter(schema, &buf, parquet.NewWriterProperties(parquet.WithAllocator(mem)), pqarrow.NewArrowWriterProperties())
	if err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = arrowio.ReadParquet(context.Background(), bytes.NewReader(buf.Bytes()), mem)
	if !errors.Is(err, arrowio.ErrSchema) {
		t.Errorf("reading a one-column file: %v, want ErrSchema", err)
	}
}

// smallResults is a table small enough to read in a golden file: one cell
// and one programme of a run over two years, a Monte Carlo of two regions
// with its total, and three draws.
func smallResults() *arrowio.Results {
	run := &forecast.Result{Region: "Twente", Scenario: "basis", BaseYear: 2025, From: 2025, To: 2026,
		Rows: []forecast.Row{
			{Scenario: "basis", Year: 2025, Branch: forecast.VVT, Level: forecast.Mbo3, DemandFTE: 5000.5, SupplyFTE: 4800.25, ShortfallFTE: 200.25,
				ShortfallHeadcount: 300, Headcount: 7200, WorkforceFTE: 4700, StudentFTE: 100.25, Students: 400, Graduates: 120,
				InflowGraduates: 100, InflowLateral: 50, InflowReturners: 20, OutflowRetirement: 90, OutflowOther: 500, MobilityIn: 30, MobilityOut: 29.5},
			{Scenario: "basis", Year: 2026, Branch: forecast.VVT, Level: forecast.Mbo3, DemandFTE: 5100, SupplyFTE: 4790, ShortfallFTE: 310,
				ShortfallHeadcount: 465, Headcount: 7150.5, WorkforceFTE: 4690, StudentFTE: 100, Students: 410, Graduates: 125,
				InflowGraduates: 101, InflowLateral: 51, InflowReturners: 21, OutflowRetirement: 91, OutflowOther: 501, MobilityIn: 31, MobilityOut: 30},
		},
		Education: []forecast.EducationRow{
			{Scenario: "basis", Year: 2025, Level: forecast.Mbo3, Route: forecast.BBL, Candidates: 400, PlaceCapacity: 312, PlaceCapped: true,
				Places: 1100, Intake: 312, Students: 900, Dropouts: 80, Graduates: 250, GraduatesHired: 200},
		},
		Warnings: []error{errors.New("mbo3 BBL: intake held back by training places from 2026 on")},
	}
	dist := &forecast.Distribution{Scenario: "basis", From: 2025, To: 2026, Draws: 3, Seed: 7, Probs: []float64{0.1, 0.5, 0.9},
		Series: []forecast.Series{
			{Region: "Twente", Branch: forecast.AllBranches, Level: forecast.AllLevels,
				Quantiles: [][]float64{{1480, 1480, 1480}, {1769.125, 2047.5, 2329.0625}}, Mean: []float64{1480, 2049}},
			{Region: "", Branch: forecast.AllBranches, Level: forecast.AllLevels,
				Quantiles: [][]float64{{2960, 2960, 2960}, {3500, 4100, 4700}}, Mean: []float64{2960, 4100.75}},
		}}
	draws := arrowio.DrawSeries{Scenario: "basis", Region: "Twente", Branch: forecast.AllBranches, Level: forecast.AllLevels, From: 2025,
		Values: [][]float64{{1480, 1480, 1480}, {0.1, -2047.5, 1.0 / 3}}}
	return &arrowio.Results{Version: "raat test", Created: created, RegionSource: "data/twente.yaml",
		Runs: []*forecast.Result{run}, Distributions: []*forecast.Distribution{dist}, Draws: []arrowio.DrawSeries{draws}}
}

// TestGoldenDump writes the small table as Parquet, reads it back and
// compares a text dump (schema, metadata and every row) with
// testdata/small.txt; the Arrow IPC file must read back to the same dump.
func TestGoldenDump(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var dumps [2]string
	for i, f := range formats {
		var buf bytes.Buffer
		if _, err := f.write(&buf, smallResults(), arrowio.WriteOptions{Mem: mem}); err != nil {
			t.Fatal(err)
		}
		tbl, err := f.read(buf.Bytes(), mem)
		if err != nil {
			t.Fatal(err)
		}
		dumps[i] = dump(t, tbl)
		tbl.Release()
	}
	if dumps[0] != dumps[1] {
		t.Errorf("the Parquet and Arrow files read back differently:\n%s\n%s", dumps[0], dumps[1])
	}
	golden.Check(t, "small.txt", []byte(dumps[0]))
}

// dump prints a table's columns with their types, its metadata and its
// rows, one per line, nulls as "null" and floats in full precision.
func dump(t *testing.T, tbl arrow.Table) string {
	t.Helper()
	var b strings.Builder
	s := tbl.Schema()
	for _, f := range s.Fields() {
		fmt.Fprintf(&b, "column %s %s nullable=%t\n", f.Name, f.Type, f.Nullable)
	}
	md := s.Metadata()
	for i, k := range md.Keys() {
		fmt.Fprintf(&b, "metadata %s = %q\n", k, md.Values()[i])
	}
	tr := array.NewTableReader(tbl, 1000)
	defer tr.Release()
	for tr.Next() {
		rec := tr.Record()
		for i := range int(rec.NumRows()) {
			cells := make([]string, rec.NumCols())
			for c, col := range rec.Columns() {
				switch {
				case col.IsNull(i):
					cells[c] = "null"
				case col.DataType().ID() == arrow.FLOAT64:
					cells[c] = fmt.Sprint(col.(*array.Float64).Value(i))
				case col.DataType().ID() == arrow.STRING || col.DataType().ID() == arrow.DICTIONARY:
					cells[c] = fmt.Sprintf("%q", col.ValueStr(i))
				default:
					cells[c] = col.ValueStr(i)
				}
			}
			b.WriteString(strings.Join(cells, " ") + "\n")
		}
	}
	if err := tr.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
