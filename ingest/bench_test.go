package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"raat/ingest/internal/bigbook"
)

// bigWorkbooks caches the generated workbooks by row count for the run:
// writing a million rows takes longer than reading them.
var bigWorkbooks sync.Map

// bigWorkbook returns the path of a workbook with rows rows on Personeel
// (see package bigbook), written to a temporary directory once per run.
func bigWorkbook(b *testing.B, rows int) string {
	if p, ok := bigWorkbooks.Load(rows); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "raat-bench-")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("personeel-%d.xlsx", rows))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := bigbook.Write(w, rows); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	bigWorkbooks.Store(rows, path)
	return path
}

// TestMain removes the generated workbooks after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	bigWorkbooks.Range(func(_, path any) bool {
		os.RemoveAll(filepath.Dir(path.(string)))
		return true
	})
	os.Exit(code)
}

// peakRSS returns the process's peak resident set size in bytes since
// the last resetPeakRSS (Linux), or 0 where it cannot be read.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024
		}
	}
	return 0
}

// resetPeakRSS resets the peak that peakRSS reports (Linux), so that it
// measures the reading and not the writing of the workbook.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// BenchmarkReadWorkbook reads a workbook of 100,000 and of 1,000,000 rows
// on Personeel from disk: time, rows a second and the peak memory of the
// process while reading (peak-RSS-MB). Every row is read and checked; the
// rows repeat keys, so the file is refused with 1,000 problems listed and
// the rest counted.
func BenchmarkReadWorkbook(b *testing.B) {
	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			path := bigWorkbook(b, rows)
			b.ReportAllocs()
			// Writing the workbook leaves a large heap behind; return it to
			// the system first, so that the peak is the reading's.
			debug.FreeOSMemory()
			resetPeakRSS()
			b.ResetTimer()
			for b.Loop() {
				_, rep, err := ReadFile(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if got := len(rep.Errors) + rep.Omitted; got < rows-40 {
					b.Fatalf("%d problems, want one per repeated row", got)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(peakRSS()/(1<<20), "peak-RSS-MB")
		})
	}
}

// BenchmarkReadSample reads one of the sample workbooks from memory: the
// cost of an ordinary upload.
func BenchmarkReadSample(b *testing.B) {
	wb := workbook(b, sample(), nil)
	b.ReportAllocs()
	for b.Loop() {
		if sub, rep := ReadWorkbook(testFile, bytes.NewReader(wb), int64(len(wb)), testOptions); sub == nil {
			b.Fatal(rep.Errors)
		}
	}
}
