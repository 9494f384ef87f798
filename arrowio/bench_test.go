package arrowio_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"raat/arrowio"
	"raat/data"
	"raat/forecast"
	"raat/region"
)

const (
	nationalRegions = 28
	nationalDraws   = 10_000
)

var (
	nationalOnce sync.Once
	national     *arrowio.Results
)

// nationalResults is what a national Monte Carlo of one scenario gives
// the writers: for 28 regions (the demo region, resized per region as
// forecast's nationalRegions does with its random regions) the
// deterministic run of every cell and programme; the P10, P50, P90 and
// mean of the shortfall for each region's total, branches and cells and
// the national total; and 10,000 draws of each region's and the national
// total per year.
//
// The runs are real. The quantiles and draws are made up around the runs'
// shortfall, because forecast keeps no individual draws and a real
// cell-level Monte Carlo of this size holds 2 GB of draws while it runs;
// their counts and their randomness (full-precision float64s, which
// compress as badly as real draws) are what decide the writer's time and
// the file's size.
func nationalResults(b *testing.B) *arrowio.Results {
	nationalOnce.Do(func() {
		base, err := region.Twente()
		if err != nil {
			b.Fatal(err)
		}
		res := &arrowio.Results{Version: "raat bench", Created: created, RegionSource: "28 resized copies of " + data.TwenteFile}
		dist := &forecast.Distribution{Scenario: "basis", Draws: nationalDraws, Seed: 1, Probs: forecast.DefaultProbs}
		rng := rand.New(rand.NewPCG(1, 2))
		var nationalTotal []float64
		for i := range nationalRegions {
			r := *base
			r.Name = fmt.Sprintf("regio-%02d", i+1)
			size := 0.4 + 1.2*rng.Float64()
			for b := range r.Cells {
				for l := range r.Cells[b] {
					c := &r.Cells[b][l]
					for a := range c.Headcount {
						c.Headcount[a] *= size
					}
					c.OpenVacanciesFTE *= size * (0.8 + 0.4*rng.Float64())
					c.DemandGrowth += 0.004 * (rng.Float64() - 0.5)
				}
			}
			run, err := forecast.Run(&r, nil, forecast.Options{Scenario: "basis"})
			if err != nil {
				b.Fatal(err)
			}
			res.Runs = append(res.Runs, run)
			dist.From, dist.To = run.From, run.To
			if nationalTotal == nil {
				nationalTotal = make([]float64, len(run.Years()))
			}
			for y, year := range run.Years() {
				nationalTotal[y] += run.Total(year).ShortfallFTE
			}
			// Series as forecast.MonteCarlo orders them with DetailCells:
			// the region's total, its branches, its cells.
			addSeries(dist, rng, r.Name, forecast.AllBranches, forecast.AllLevels, run, func(row *forecast.Row) bool { return true })
			for _, br := range forecast.Branches() {
				addSeries(dist, rng, r.Name, br, forecast.AllLevels, run, func(row *forecast.Row) bool { return row.Branch == br })
			}
			for _, br := range forecast.Branches() {
				for _, l := range forecast.Levels() {
					addSeries(dist, rng, r.Name, br, l, run, func(row *forecast.Row) bool { return row.Branch == br && row.Level == l })
				}
			}
			res.Draws = append(res.Draws, madeUpDrawSeries(rng, r.Name, run.From, shortfalls(run, func(*forecast.Row) bool { return true })))
		}
		dist.Series = append(dist.Series, madeUpSeries(rng, "", forecast.AllBranches, forecast.AllLevels, nationalTotal))
		res.Draws = append(res.Draws, madeUpDrawSeries(rng, "", dist.From, nationalTotal))
		res.Distributions = []*forecast.Distribution{dist}
		national = res
	})
	return national
}

func shortfalls(run *forecast.Result, keep func(*forecast.Row) bool) []float64 {
	var s []float64
	for _, y := range run.Years() {
		s = append(s, run.Sum(y, keep).ShortfallFTE)
	}
	return s
}

func addSeries(d *forecast.Distribution, rng *rand.Rand, region string, br forecast.Branch, l forecast.Level, run *forecast.Result, keep func(*forecast.Row) bool) {
	d.Series = append(d.Series, madeUpSeries(rng, region, br, l, shortfalls(run, keep)))
}

// madeUpSeries spreads a shortfall path into quantiles that widen with
// the years, as the Monte Carlo's do.
func madeUpSeries(rng *rand.Rand, region string, br forecast.Branch, l forecast.Level, path []float64) forecast.Series {
	s := forecast.Series{Region: region, Branch: br, Level: l}
	for y, v := range path {
		sd := (1 + math.Abs(v)) * 0.03 * float64(y) * (0.9 + 0.2*rng.Float64())
		mid := v + sd*0.05*rng.NormFloat64()
		s.Quantiles = append(s.Quantiles, []float64{mid - 1.2816*sd, mid, mid + 1.2816*sd})
		s.Mean = append(s.Mean, mid+sd*0.01*rng.NormFloat64())
	}
	return s
}

// madeUpDrawSeries draws normal shortfalls around a path, widening with
// the years.
func madeUpDrawSeries(rng *rand.Rand, region string, from int, path []float64) arrowio.DrawSeries {
	s := arrowio.DrawSeries{Scenario: "basis", Region: region, Branch: forecast.AllBranches, Level: forecast.AllLevels, From: from}
	for y, v := range path {
		sd := (1 + math.Abs(v)) * 0.03 * float64(y)
		draws := make([]float64, nationalDraws)
		for d := range draws {
			draws[d] = v + sd*rng.NormFloat64()
		}
		s.Values = append(s.Values, draws)
	}
	return s
}

// BenchmarkWriteParquetNational writes the national results of one
// scenario as Parquet to a file: with the 10,000 draws of every region's
// total (about 5.1 million rows), and without them (about 450,000 rows: the
// runs and the quantiles, what raat export writes today). It reports the
// file's size, the rows written per second, and the peak memory: heap
// above what the results themselves take, sampled every millisecond, and
// the process's peak resident set (which includes the results).
func BenchmarkWriteParquetNational(b *testing.B) {
	all := nationalResults(b)
	noDraws := *all
	noDraws.Draws = nil
	for _, bm := range []struct {
		name string
		res  *arrowio.Results
	}{
		{"draws=10000", all},
		{"draws=none", &noDraws},
	} {
		b.Run(bm.name, func(b *testing.B) { benchmarkWriteParquet(b, bm.res) })
	}
}

func benchmarkWriteParquet(b *testing.B, res *arrowio.Results) {
	path := filepath.Join(b.TempDir(), "national.parquet")
	runtime.GC()
	baseHeap := heapBytes()
	resetPeakRSS(b)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if h := heapBytes(); h > peak.Load() {
					peak.Store(h)
				}
			}
		}
	}()

	b.ReportAllocs()
	var w arrowio.Written
	for b.Loop() {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		w, err = arrowio.WriteParquet(f, res, arrowio.WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	close(stop)
	sampler.Wait()
	if w.Rows != res.NumRows() {
		b.Fatalf("wrote %d rows, want %d", w.Rows, res.NumRows())
	}
	b.ReportMetric(float64(w.Bytes)/1e6, "file-MB")
	b.ReportMetric(float64(w.Rows)/(b.Elapsed().Seconds()/float64(b.N)), "rows/s")
	b.ReportMetric(float64(peak.Load()-min(peak.Load(), baseHeap))/1e6, "peak-heap-MB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(rss/1e6, "peak-RSS-MB")
	}
}

// heapBytes is the memory taken by heap objects, live or not yet swept.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// resetPeakRSS resets the kernel's peak resident set of this process
// (Linux: writing 5 to clear_refs), so that VmHWM measures the benchmark
// rather than the set-up; elsewhere peakRSS reports nothing.
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("cannot reset the peak resident set: %v", err)
	}
}

// peakRSS returns VmHWM of /proc/self/status in bytes, or 0.
func peakRSS() float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
