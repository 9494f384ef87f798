package arrowio

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// ReadParquet reads a Parquet file written by WriteParquet as one table,
// and checks its schema. The caller releases the table.
func ReadParquet(ctx context.Context, r parquet.ReaderAtSeeker, mem memory.Allocator) (arrow.Table, error) {
	pf, err := file.NewParquetReader(r, file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	defer pf.Close()
	props := pqarrow.ArrowReadProperties{BatchSize: DefaultBatchRows}
	// Read the string columns as dictionaries, as they were written.
	for i, f := range fields {
		if isStringColumn(i) {
			if c := pf.MetaData().Schema.ColumnIndexByName(f.Name); c >= 0 {
				props.SetReadDict(c, true)
			}
		}
	}
	fr, err := pqarrow.NewFileReader(pf, props, mem)
	if err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	tbl, err := fr.ReadTable(ctx)
	if err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	defer tbl.Release()
	if err := CheckSchema(tbl.Schema()); err != nil {
		return nil, fmt.Errorf("parquet: %w", err)
	}
	// pqarrow leaves the file's key-value metadata out of the table's
	// schema; put it back, so that both readers return the same schema.
	kv := pf.MetaData().KeyValueMetadata()
	md := arrow.NewMetadata(kv.Keys(), kv.Values())
	cols := make([]arrow.Column, tbl.NumCols())
	for i := range cols {
		cols[i] = *tbl.Column(i)
	}
	return array.NewTable(arrow.NewSchema(tbl.Schema().Fields(), &md), cols, tbl.NumRows()), nil
}

// ReadIPC reads an Arrow IPC file written by WriteIPC as one table, and
// checks its schema. The caller releases the table.
func ReadIPC(r ipc.ReadAtSeeker, mem memory.Allocator) (arrow.Table, error) {
	stream, err := ipcStream(r)
	if err != nil {
		return nil, fmt.Errorf("arrow ipc: %w", err)
	}
	// An IPC file is the IPC stream between a leading magic and a
	// trailing footer; read it with the stream reader, because Arrow
	// v15's file reader never releases the dictionaries it reads (its
	// Close leaves them in its memo), and the stream reader does.
	sr, err := ipc.NewReader(stream, ipc.WithAllocator(mem))
	if err != nil {
		return nil, fmt.Errorf("arrow ipc: %w", err)
	}
	defer sr.Release()
	if err := CheckSchema(sr.Schema()); err != nil {
		return nil, fmt.Errorf("arrow ipc: %w", err)
	}
	var recs []arrow.Record
	defer func() {
		for _, rec := range recs {
			rec.Release()
		}
	}()
	for sr.Next() {
		rec := sr.Record()
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := sr.Err(); err != nil {
		return nil, fmt.Errorf("arrow ipc: batch %d: %w", len(recs)+1, err)
	}
	return array.NewTableFromRecords(sr.Schema(), recs), nil
}

// ipcMagic opens and closes an Arrow IPC file; the file's trailer is the
// footer's length (int32, little-endian) and the magic.
var ipcMagic = []byte("ARROW1")

// ipcStream returns the stream part of an Arrow IPC file: after the magic
// and its padding to 8 bytes, before the footer.
func ipcStream(r ipc.ReadAtSeeker) (io.Reader, error) {
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	const head, trailer = 8, 4 + 6
	if size < head+trailer {
		return nil, fmt.Errorf("%d bytes, too short for an Arrow IPC file", size)
	}
	var start [head]byte
	var end [trailer]byte
	if _, err := r.ReadAt(start[:], 0); err != nil {
		return nil, err
	}
	if _, err := r.ReadAt(end[:], size-trailer); err != nil {
		return nil, err
	}
	if !bytes.Equal(start[:6], ipcMagic) || !bytes.Equal(end[4:], ipcMagic) {
		return nil, fmt.Errorf("not an Arrow IPC file (no ARROW1 at its start and end)")
	}
	footer := int64(binary.LittleEndian.Uint32(end[:4]))
	if footer > size-head-trailer {
		return nil, fmt.Errorf("footer of %d bytes in a file of %d", footer, size)
	}
	return io.NewSectionReader(r, head, size-trailer-footer-head), nil
}

// Row is one row of the table as Go values.
type Row struct {
	Region, Scenario string
	Kind             Kind
	// Quantile is the probability of a KindQuantile row and Draw the
	// number of a KindDraw row; both are zero (null in the file) for the
	// other kinds, so that rows compare with ==.
	Quantile             float64
	Draw                 int
	Year                 int
	Branch, Level, Route string
	Metric               string
	Value                float64
	Unit                 string
}

// Rows returns the table's rows, checking that quantile and draw are set
// exactly for the kinds that have them. It is meant for tests and small
// tables: a national table is better read batch by batch.
func Rows(tbl arrow.Table) ([]Row, error) {
	if err := CheckSchema(tbl.Schema()); err != nil {
		return nil, err
	}
	rows := make([]Row, 0, tbl.NumRows())
	tr := array.NewTableReader(tbl, DefaultBatchRows)
	defer tr.Release()
	for tr.Next() {
		rec := tr.Record()
		var strs [numColumns]func(int) string
		for c := range numColumns {
			if isStringColumn(c) {
				strs[c] = stringValues(rec.Column(c))
			}
		}
		str := func(col int) func(int) string { return strs[col] }
		quantile := rec.Column(colQuantile).(*array.Float64)
		draw := rec.Column(colDraw).(*array.Int32)
		year := rec.Column(colYear).(*array.Int32)
		value := rec.Column(colValue).(*array.Float64)
		for i := range int(rec.NumRows()) {
			kind, err := ParseKind(str(colKind)(i))
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", len(rows)+1, err)
			}
			r := Row{
				Region: str(colRegion)(i), Scenario: str(colScenario)(i), Kind: kind,
				Year:   int(year.Value(i)),
				Branch: str(colBranch)(i), Level: str(colLevel)(i), Route: str(colRoute)(i),
				Metric: str(colMetric)(i), Value: value.Value(i), Unit: str(colUnit)(i),
			}
			if quantile.IsValid(i) != (kind == KindQuantile) || draw.IsValid(i) != (kind == KindDraw) {
				return nil, fmt.Errorf("row %d: kind %s with quantile %s and draw %s", len(rows)+1, kind,
					quantile.ValueStr(i), draw.ValueStr(i))
			}
			if quantile.IsValid(i) {
				r.Quantile = quantile.Value(i)
			}
			if draw.IsValid(i) {
				r.Draw = int(draw.Value(i))
			}
			rows = append(rows, r)
		}
	}
	if err := tr.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// stringValues returns the values of a string column, plain or
// dictionary-encoded (CheckSchema allows no other type).
func stringValues(a arrow.Array) func(int) string {
	if d, ok := a.(*array.Dictionary); ok {
		dict := d.Dictionary().(*array.String)
		return func(i int) string { return dict.Value(d.GetValueIndex(i)) }
	}
	return a.(*array.String).Value
}

// ReadFile reads a file written by WriteParquet or WriteIPC (told apart by
// their magic bytes) into Go values: its rows (see Rows) and its metadata.
// It is meant for tests and small files, and for callers that should not
// need Arrow's types: a national table is better read batch by batch.
func ReadFile(ctx context.Context, path string) ([]Row, Metadata, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Metadata{}, err
	}
	defer f.Close()
	magic := make([]byte, 6)
	if _, err := io.ReadFull(f, magic); err != nil {
		return nil, Metadata{}, fmt.Errorf("%s: %w", path, err)
	}
	mem := memory.NewGoAllocator()
	var tbl arrow.Table
	switch {
	case bytes.HasPrefix(magic, []byte("PAR1")):
		tbl, err = ReadParquet(ctx, f, mem)
	case bytes.Equal(magic, ipcMagic):
		tbl, err = ReadIPC(f, mem)
	default:
		return nil, Metadata{}, fmt.Errorf("%s: neither Parquet nor an Arrow IPC file", path)
	}
	if err != nil {
		return nil, Metadata{}, fmt.Errorf("%s: %w", path, err)
	}
	defer tbl.Release()
	rows, err := Rows(tbl)
	if err != nil {
		return nil, Metadata{}, fmt.Errorf("%s: %w", path, err)
	}
	meta, err := ParseMetadata(tbl.Schema().Metadata())
	if err != nil {
		return nil, Metadata{}, fmt.Errorf("%s: %w", path, err)
	}
	return rows, meta, nil
}
