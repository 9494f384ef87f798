package arrowio_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"raat/arrowio"
	"raat/internal/testdeps"
)

// readersDir holds the Node project of the independent readers.
const readersDir = "../tools/readers"

// nodeReaders returns the path of node, or skips the test (fails it under
// RAAT_REQUIRE_TOOLS=1, which make test sets) when node or the readers'
// packages are missing.
func nodeReaders(t *testing.T) string {
	t.Helper()
	node := testdeps.Program(t, "nodejs", "node")
	for _, pkg := range []string{"@duckdb/node-api", "apache-arrow"} {
		if _, err := os.Stat(filepath.Join(readersDir, "node_modules", pkg, "package.json")); err != nil {
			testdeps.Missing(t, "no independent readers: npm package %s not installed in %s (make readers installs it)", pkg, readersDir)
		}
	}
	return node
}

// readerOutput is what the reader scripts print.
type readerOutput struct {
	Columns []struct {
		Name     string
		Type     string
		Nullable *bool
	}
	Metadata map[string]string
	Rows     [][]any
}

// TestIndependentReaders writes the demo (with quantiles and draws) and
// the small table, has DuckDB read the Parquet file and Apache Arrow JS the
// IPC file, and asserts that the columns, their types, the metadata and
// every value come back unchanged: strings equal, nulls null, float64
// values bit for bit.
func TestIndependentReaders(t *testing.T) {
	node := nodeReaders(t)
	tables := []struct {
		name string
		res  *arrowio.Results
	}{
		{"demo", demoResults(t, 20, true)},
		{"small", smallResults()},
	}
	const dict = "Dictionary<Int32, Utf8>"
	readers := []struct {
		format, script string
		// types are the column types the reader reports.
		types []string
	}{
		{"parquet", "parquet-rows.mjs", []string{"VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR"}},
		{"arrow", "arrow-rows.mjs", []string{dict, dict, dict, "Float64", "Int32", "Int32", dict, dict, dict, dict, "Float64", dict}},
	}
	dir := t.TempDir()
	for _, tt := range tables {
		want := expectedRows(t, tt.res)
		meta, err := tt.res.Metadata()
		if err != nil {
			t.Fatal(err)
		}
		wantMeta := metadataMap(meta)
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.format, func(t *testing.T) {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				defer mem.AssertSize(t, 0)
				var buf bytes.Buffer
				// Small batches, so that the Parquet file has several row
				// groups and the IPC file several record batches.
				opt := arrowio.WriteOptions{Mem: mem, BatchRows: 1000}
				write := arrowio.WriteParquet
				if rd.format == "arrow" {
					write = arrowio.WriteIPC
				}
				if _, err := write(&buf, tt.res, opt); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, tt.name+"."+rd.format)
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				cmd := exec.Command(node, filepath.Join(readersDir, rd.script), path)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("%s: %v\n%s", rd.script, err, stderr.Bytes())
				}
				var got readerOutput
				if err := json.Unmarshal(out, &got); err != nil {
					t.Fatalf("%s printed no JSON: %v", rd.script, err)
				}

				schema := arrowio.Schema(meta)
				if len(got.Columns) != schema.NumFields() {
					t.Fatalf("%s sees %d columns, want %d", rd.script, len(got.Columns), schema.NumFields())
				}
				for i, c := range got.Columns {
					f := schema.Field(i)
					if c.Name != f.Name || c.Type != rd.types[i] || (c.Nullable != nil && *c.Nullable != f.Nullable) {
						t.Errorf("%s: column %d is %s %s (nullable %v), want %s %s (nullable %t)",
							rd.script, i+1, c.Name, c.Type, ptrStr(c.Nullable), f.Name, rd.types[i], f.Nullable)
					}
				}
				if !reflect.DeepEqual(got.Metadata, wantMeta) {
					t.Errorf("%s: metadata %v\nwant %v", rd.script, got.Metadata, wantMeta)
				}
				if len(got.Rows) != len(want) {
					t.Fatalf("%s: %d rows, want %d", rd.script, len(got.Rows), len(want))
				}
				for i, cells := range got.Rows {
					row, err := rowFromJSON(cells)
					if err != nil {
						t.Fatalf("%s: row %d: %v", rd.script, i+1, err)
					}
					if row != want[i] {
						t.Fatalf("%s: row %d:\n got %+v\nwant %+v", rd.script, i+1, row, want[i])
					}
				}
			})
		}
	}
}

func ptrStr(b *bool) string {
	if b == nil {
		return "not reported"
	}
	return fmt.Sprint(*b)
}

// metadataMap returns the metadata as the readers print it.
func metadataMap(m arrowio.Metadata) map[string]string {
	md := arrowio.Schema(m).Metadata()
	kv := make(map[string]string, md.Len())
	for i, k := range md.Keys() {
		kv[k] = md.Values()[i]
	}
	return kv
}

// rowFromJSON reads a row as the reader scripts print it: strings, null
// or a number for quantile and draw, numbers for year and value.
func rowFromJSON(cells []any) (arrowio.Row, error) {
	if len(cells) != 12 {
		return arrowio.Row{}, fmt.Errorf("%d cells, want 12", len(cells))
	}
	var errs []error
	str := func(i int) string {
		s, ok := cells[i].(string)
		if !ok {
			errs = append(errs, fmt.Errorf("cell %d is %v (%T), want a string", i+1, cells[i], cells[i]))
		}
		return s
	}
	num := func(i int, null bool) float64 {
		if cells[i] == nil && null {
			return 0
		}
		f, ok := cells[i].(float64)
		if !ok {
			errs = append(errs, fmt.Errorf("cell %d is %v (%T), want a number", i+1, cells[i], cells[i]))
		}
		return f
	}
	kind, err := arrowio.ParseKind(str(2))
	if err != nil {
		errs = append(errs, err)
	}
	if (cells[3] != nil) != (kind == arrowio.KindQuantile) || (cells[4] != nil) != (kind == arrowio.KindDraw) {
		errs = append(errs, fmt.Errorf("kind %s with quantile %v and draw %v", kind, cells[3], cells[4]))
	}
	r := arrowio.Row{
		Region: str(0), Scenario: str(1), Kind: kind, Quantile: num(3, true), Draw: int(num(4, true)), Year: int(num(5, false)),
		Branch: str(6), Level: str(7), Route: str(8), Metric: str(9), Value: num(10, false), Unit: str(11),
	}
	if len(errs) > 0 {
		return r, errs[0]
	}
	return r, nil
}
