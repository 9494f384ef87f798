package arrowio

import (
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// WriteOptions tune the writers; the zero value is ready to use.
type WriteOptions struct {
	// Mem allocates the Arrow buffers (memory.DefaultAllocator when nil).
	Mem memory.Allocator
	// BatchRows is the size of the record batches, and so of the Parquet
	// row groups (DefaultBatchRows when 0).
	BatchRows int
}

func (o WriteOptions) mem() memory.Allocator {
	if o.Mem == nil {
		return memory.DefaultAllocator
	}
	return o.Mem
}

// Written says what a writer wrote.
type Written struct {
	Rows  int64
	Bytes int64
}

// WriteParquet writes the results to w as a Parquet file, one row group per
// record batch, so that memory holds one batch at a time. It does not close
// w.
func WriteParquet(w io.Writer, res *Results, opt WriteOptions) (Written, error) {
	meta, err := res.Metadata()
	if err != nil {
		return Written{}, err
	}
	props := parquet.NewWriterProperties(
		// A REQUIRED root: the default (REPEATED) breaks some readers.
		parquet.WithRootRepetition(parquet.Repetitions.Required),
		parquet.WithCompression(compress.Codecs.Zstd),
		// Measures rarely repeat exactly: a dictionary of them only makes
		// the file larger (49 MB instead of 39 MB nationally) and slower.
		parquet.WithDictionaryFor("value", false),
		parquet.WithAllocator(opt.mem()),
	)
	cw := &countingWriter{w: w}
	fw, err := pqarrow.NewFileWriter(Schema(meta), cw, props, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(opt.mem())))
	if err != nil {
		return Written{}, fmt.Errorf("parquet: %w", err)
	}
	var rows int64
	err = Records(opt.mem(), res, opt.BatchRows, func(rec arrow.Record) error {
		rows += rec.NumRows()
		// Write, not WriteBuffered: Arrow v15's buffered row groups leak a
		// small buffer per column chunk, and a batch has the size of a
		// row group.
		return fw.Write(rec)
	})
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Written{rows, cw.n}, fmt.Errorf("parquet: %w", err)
	}
	return Written{rows, cw.n}, nil
}

// WriteIPC writes the results to w as an Arrow IPC file (the random-access
// file format, .arrow), one record batch at a time. It does not close w.
func WriteIPC(w io.Writer, res *Results, opt WriteOptions) (Written, error) {
	meta, err := res.Metadata()
	if err != nil {
		return Written{}, err
	}
	cw := &countingWriter{w: w}
	fw, err := ipc.NewFileWriter(cw, ipc.WithSchema(Schema(meta)), ipc.WithAllocator(opt.mem()))
	if err != nil {
		return Written{}, fmt.Errorf("arrow ipc: %w", err)
	}
	var rows int64
	err = Records(opt.mem(), res, opt.BatchRows, func(rec arrow.Record) error {
		rows += rec.NumRows()
		return fw.Write(rec)
	})
	if rows == 0 && err == nil {
		// An IPC file needs its schema even when it holds no rows, and
		// the writer writes the schema with the first batch.
		err = writeEmpty(fw, res, meta, opt.mem())
	}
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Written{rows, cw.n}, fmt.Errorf("arrow ipc: %w", err)
	}
	return Written{rows, cw.n}, nil
}

func writeEmpty(fw *ipc.FileWriter, res *Results, meta Metadata, mem memory.Allocator) error {
	d := newDictionaries(res)
	defer d.release()
	b := newBatcher(mem, Schema(meta), d, 1, nil)
	defer b.release()
	rec := b.record()
	defer rec.Release()
	return fw.Write(rec)
}

// countingWriter counts the bytes written, and answers the one Seek the
// IPC file writer makes (where am I?) so that any io.Writer will do.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

var errSeek = errors.New("countingWriter: can only report the current offset")

func (c *countingWriter) Seek(offset int64, whence int) (int64, error) {
	if offset != 0 || whence != io.SeekCurrent {
		return c.n, errSeek
	}
	return c.n, nil
}
