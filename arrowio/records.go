package arrowio

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"raat/forecast"
)

// Results is everything one raat run produced, and where it came from.
// The runs, distributions and draws may come in any mix; they must share a
// base year, and the distributions and draws their number of draws.
type Results struct {
	// Version names the raat build; Created is when the run was made.
	Version string
	Created time.Time
	// RegionSource names the region file the run read.
	RegionSource string

	// Runs are the deterministic results, one per scenario (and region).
	Runs []*forecast.Result
	// Distributions are the Monte Carlo quantiles and means.
	Distributions []*forecast.Distribution
	// Draws are individual Monte Carlo draws, when they were kept.
	Draws []DrawSeries
}

// DrawSeries is the shortfall (FTE) of one region, branch and level in
// every draw of a Monte Carlo. Region "" is the sum over regions;
// forecast.AllBranches and AllLevels mark sums over a dimension, as in
// forecast.Series.
type DrawSeries struct {
	Scenario string
	Region   string
	Branch   forecast.Branch
	Level    forecast.Level
	// From is the first year; Values[y][d] is draw d in year From+y.
	From   int
	Values [][]float64
}

// draws returns the number of draws of the series, or an error if its
// years hold different numbers.
func (s *DrawSeries) draws() (int, error) {
	if len(s.Values) == 0 {
		return 0, fmt.Errorf("draws of %s %s: no years", s.Scenario, regionName(s.Region))
	}
	n := len(s.Values[0])
	for y, v := range s.Values {
		if len(v) != n {
			return 0, fmt.Errorf("draws of %s %s: year %d has %d draws, year %d has %d",
				s.Scenario, regionName(s.Region), s.From+y, len(v), s.From, n)
		}
	}
	return n, nil
}

// regionName spells a region in the region column: "" is the sum over
// regions.
func regionName(r string) string {
	if r == "" {
		return Total
	}
	return r
}

// Metadata gathers what the file records about the results: their
// provenance, base year, scenarios, draws, seed, quantiles and warnings.
// It returns an error when the results disagree on any of these.
func (res *Results) Metadata() (Metadata, error) {
	m := Metadata{Version: res.Version, Created: res.Created.UTC().Truncate(time.Second), RegionSource: res.RegionSource}
	var errs []error
	addScenario := func(s string) {
		if !slices.Contains(m.Scenarios, s) {
			m.Scenarios = append(m.Scenarios, s)
		}
	}
	for i, r := range res.Runs {
		if i == 0 {
			m.BaseYear = r.BaseYear
		} else if r.BaseYear != m.BaseYear {
			errs = append(errs, fmt.Errorf("run %s of %s has base year %d, run %s of %s %d",
				r.Scenario, r.Region, r.BaseYear, res.Runs[0].Scenario, res.Runs[0].Region, m.BaseYear))
		}
		addScenario(r.Scenario)
		for _, w := range r.Warnings {
			if !slices.Contains(m.Warnings, w.Error()) {
				m.Warnings = append(m.Warnings, w.Error())
			}
		}
	}
	for i, d := range res.Distributions {
		if i == 0 {
			m.Draws, m.Seed, m.Probs = d.Draws, d.Seed, d.Probs
		} else if d.Draws != m.Draws || d.Seed != m.Seed || !slices.Equal(d.Probs, m.Probs) {
			errs = append(errs, fmt.Errorf("monte carlo of %s has %d draws, seed %d, quantiles %v; of %s %d, %d, %v",
				d.Scenario, d.Draws, d.Seed, d.Probs, res.Distributions[0].Scenario, m.Draws, m.Seed, m.Probs))
		}
		addScenario(d.Scenario)
	}
	for i := range res.Draws {
		s := &res.Draws[i]
		n, err := s.draws()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if m.Draws == 0 {
			m.Draws = n
		} else if n != m.Draws {
			errs = append(errs, fmt.Errorf("draws of %s %s: %d, want %d as in the other series", s.Scenario, regionName(s.Region), n, m.Draws))
		}
		addScenario(s.Scenario)
	}
	if err := errors.Join(errs...); err != nil {
		return m, fmt.Errorf("results: %w", err)
	}
	return m, nil
}

// NumRows returns the number of rows Records makes of the results.
func (res *Results) NumRows() int64 {
	var n int64
	for _, r := range res.Runs {
		n += int64(len(r.Rows)*len(workforceMetrics) + len(r.Education)*len(educationMetrics))
	}
	for _, d := range res.Distributions {
		for _, s := range d.Series {
			n += int64(len(s.Quantiles) * (len(d.Probs) + 1))
		}
	}
	for _, s := range res.Draws {
		for _, v := range s.Values {
			n += int64(len(v))
		}
	}
	return n
}

// DefaultBatchRows is the size of the record batches, and of the Parquet
// row groups, when none is given: large enough for Parquet's dictionaries
// and zstd to find the repetition in the string columns, small enough that
// a batch takes about 15 MB of Arrow memory.
const DefaultBatchRows = 1 << 17

// Records turns the results into record batches of at most batchRows rows
// (DefaultBatchRows when batchRows <= 0), in this order: per run its
// workforce rows (year, branch, level, metric) and education rows (year,
// level, route, metric); per distribution, per series and year, its
// quantiles then its mean; per draw series, per year, its draws. All
// batches share one dictionary per string column. It calls emit with each
// batch, which is released when emit returns (Retain it to keep it), and
// stops at emit's first error.
func Records(mem memory.Allocator, res *Results, batchRows int, emit func(arrow.Record) error) error {
	meta, err := res.Metadata()
	if err != nil {
		return err
	}
	if batchRows <= 0 {
		batchRows = DefaultBatchRows
	}
	d := newDictionaries(res)
	defer d.release()
	b := newBatcher(mem, Schema(meta), d, batchRows, emit)
	defer b.release()

	for _, r := range res.Runs {
		k := rowKey{region: d.region[r.Region], scenario: d.scenario[r.Scenario], kind: int32(KindRun), route: routeNone}
		for i := range r.Rows {
			row := &r.Rows[i]
			k.year, k.branch, k.level = int32(row.Year), int32(row.Branch), int32(row.Level)
			for m, wm := range workforceMetrics {
				if err := b.add(&k, int32(m), wm.value(row)); err != nil {
					return err
				}
			}
		}
		k.branch = int32(forecast.AllBranches)
		for i := range r.Education {
			e := &r.Education[i]
			k.year, k.level, k.route = int32(e.Year), int32(e.Level), 1+int32(e.Route)
			for m, em := range educationMetrics {
				if err := b.add(&k, int32(len(workforceMetrics)+m), em.value(e)); err != nil {
					return err
				}
			}
		}
	}
	for _, dist := range res.Distributions {
		for si := range dist.Series {
			s := &dist.Series[si]
			k := rowKey{region: d.region[s.Region], scenario: d.scenario[dist.Scenario], branch: int32(s.Branch), level: int32(s.Level), route: routeNone}
			for y, qs := range s.Quantiles {
				k.year = int32(dist.From + y)
				k.kind, k.hasQuantile = int32(KindQuantile), true
				for i, q := range qs {
					k.quantile = dist.Probs[i]
					if err := b.add(&k, shortfallIndex, q); err != nil {
						return err
					}
				}
				k.kind, k.hasQuantile = int32(KindMean), false
				if err := b.add(&k, shortfallIndex, s.Mean[y]); err != nil {
					return err
				}
			}
		}
	}
	for i := range res.Draws {
		s := &res.Draws[i]
		k := rowKey{region: d.region[s.Region], scenario: d.scenario[s.Scenario], kind: int32(KindDraw), hasDraw: true,
			branch: int32(s.Branch), level: int32(s.Level), route: routeNone}
		for y, vs := range s.Values {
			k.year = int32(s.From + y)
			for dn, v := range vs {
				k.draw = int32(dn)
				if err := b.add(&k, shortfallIndex, v); err != nil {
					return err
				}
			}
		}
	}
	return b.flush()
}

// Table collects the record batches of the results into one table, for
// runs small enough to hold in memory. The caller releases it.
func Table(mem memory.Allocator, res *Results) (arrow.Table, error) {
	meta, err := res.Metadata()
	if err != nil {
		return nil, err
	}
	var recs []arrow.Record
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	err = Records(mem, res, 0, func(r arrow.Record) error {
		r.Retain()
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return array.NewTableFromRecords(Schema(meta), recs), nil
}

// Indexes into the dictionaries that are fixed by the model: branch and
// level dictionaries are the keys in the model's order, then "alle", so
// that a Branch or Level (AllBranches, AllLevels included) is its own
// index; the route dictionary starts with "" (no route), then the routes.
const (
	routeNone      = 0
	shortfallIndex = 2 // of the metric dictionary: workforceMetrics[2]
)

// dictionaries are the values of the string columns, shared by every
// batch of a table (an Arrow IPC file allows one dictionary per column),
// and the indexes of the regions and scenarios in theirs.
//
// They take their few hundred bytes from the Go allocator, not the
// caller's: Arrow v15's IPC FileWriter keeps a reference to each
// dictionary it writes that it never releases, which the garbage collector
// reclaims but an allocator that counts (or a C allocator) would not.
type dictionaries struct {
	arrays   [numColumns]arrow.Array // nil for the other columns
	region   map[string]int32        // by the results' spelling ("" for the sum over regions)
	scenario map[string]int32
	unitOf   []int32 // unit index per metric index
}

func newDictionaries(res *Results) *dictionaries {
	d := &dictionaries{region: map[string]int32{}, scenario: map[string]int32{}}
	var regions, scenarios []string
	addRegion := func(r string) {
		if _, ok := d.region[r]; !ok {
			d.region[r] = int32(len(regions))
			regions = append(regions, regionName(r))
		}
	}
	addScenario := func(s string) {
		if _, ok := d.scenario[s]; !ok {
			d.scenario[s] = int32(len(scenarios))
			scenarios = append(scenarios, s)
		}
	}
	for _, r := range res.Runs {
		addRegion(r.Region)
		addScenario(r.Scenario)
	}
	for _, dist := range res.Distributions {
		addScenario(dist.Scenario)
		for _, s := range dist.Series {
			addRegion(s.Region)
		}
	}
	for _, s := range res.Draws {
		addRegion(s.Region)
		addScenario(s.Scenario)
	}
	var branches, levels []string
	for _, b := range forecast.Branches() {
		branches = append(branches, b.String())
	}
	for _, l := range forecast.Levels() {
		levels = append(levels, l.String())
	}
	routes := []string{""}
	for _, r := range forecast.Routes() {
		routes = append(routes, r.String())
	}
	var metrics []string
	for _, m := range Metrics() {
		metrics = append(metrics, m.Name)
		d.unitOf = append(d.unitOf, int32(slices.Index(units, m.Unit)))
	}
	values := [numColumns][]string{
		colRegion: regions, colScenario: scenarios, colKind: kindNames[:],
		colBranch: append(branches, Total), colLevel: append(levels, Total), colRoute: routes,
		colMetric: metrics, colUnit: units,
	}
	for i, vs := range values {
		if !isStringColumn(i) {
			continue
		}
		b := array.NewStringBuilder(memory.DefaultAllocator)
		b.AppendValues(vs, nil)
		d.arrays[i] = b.NewArray()
		b.Release()
	}
	return d
}

func (d *dictionaries) release() {
	for _, a := range d.arrays {
		if a != nil {
			a.Release()
		}
	}
}

// rowKey is every column of a row but metric, value and unit, with the
// string columns as indexes into their dictionaries.
type rowKey struct {
	region, scenario, kind int32
	quantile               float64
	hasQuantile, hasDraw   bool
	draw, year             int32
	branch, level, route   int32
}

// batcher appends rows to Arrow builders, column by column, and hands out
// a record batch every size rows.
type batcher struct {
	schema   *arrow.Schema
	dicts    *dictionaries
	indexes  [numColumns]*array.Int32Builder // of the string columns; nil for the others
	quantile *array.Float64Builder
	draw     *array.Int32Builder
	year     *array.Int32Builder
	value    *array.Float64Builder
	n, size  int
	emit     func(arrow.Record) error
}

func newBatcher(mem memory.Allocator, schema *arrow.Schema, dicts *dictionaries, size int, emit func(arrow.Record) error) *batcher {
	b := &batcher{
		schema: schema, dicts: dicts, size: size, emit: emit,
		quantile: array.NewFloat64Builder(mem),
		draw:     array.NewInt32Builder(mem),
		year:     array.NewInt32Builder(mem),
		value:    array.NewFloat64Builder(mem),
	}
	for i := range numColumns {
		if isStringColumn(i) {
			b.indexes[i] = array.NewInt32Builder(mem)
		}
	}
	b.reserve()
	return b
}

func (b *batcher) builders() []array.Builder {
	bs := []array.Builder{b.quantile, b.draw, b.year, b.value}
	for _, ib := range b.indexes {
		if ib != nil {
			bs = append(bs, ib)
		}
	}
	return bs
}

// reserve sizes the builders for a full batch, so that they do not grow
// (and copy) while it fills, and so that add can append unchecked.
func (b *batcher) reserve() {
	for _, bld := range b.builders() {
		bld.Reserve(b.size)
	}
}

func (b *batcher) add(k *rowKey, metric int32, v float64) error {
	b.indexes[colRegion].UnsafeAppend(k.region)
	b.indexes[colScenario].UnsafeAppend(k.scenario)
	b.indexes[colKind].UnsafeAppend(k.kind)
	if k.hasQuantile {
		b.quantile.UnsafeAppend(k.quantile)
	} else {
		b.quantile.UnsafeAppendBoolToBitmap(false)
	}
	if k.hasDraw {
		b.draw.UnsafeAppend(k.draw)
	} else {
		b.draw.UnsafeAppendBoolToBitmap(false)
	}
	b.year.UnsafeAppend(k.year)
	b.indexes[colBranch].UnsafeAppend(k.branch)
	b.indexes[colLevel].UnsafeAppend(k.level)
	b.indexes[colRoute].UnsafeAppend(k.route)
	b.indexes[colMetric].UnsafeAppend(metric)
	b.value.UnsafeAppend(v)
	b.indexes[colUnit].UnsafeAppend(b.dicts.unitOf[metric])
	b.n++
	if b.n == b.size {
		return b.flush()
	}
	return nil
}

// flush hands out the rows added since the last batch, if any.
func (b *batcher) flush() error {
	if b.n == 0 {
		return nil
	}
	rec := b.record()
	defer rec.Release()
	b.reserve()
	return b.emit(rec)
}

// record turns the builders' rows into a record batch and empties them.
func (b *batcher) record() arrow.Record {
	cols := make([]arrow.Array, numColumns)
	for i := range numColumns {
		switch {
		case isStringColumn(i):
			idx := b.indexes[i].NewArray()
			cols[i] = array.NewDictionaryArray(fields[i].Type, idx, b.dicts.arrays[i])
			idx.Release()
		case i == colQuantile:
			cols[i] = b.quantile.NewArray()
		case i == colDraw:
			cols[i] = b.draw.NewArray()
		case i == colYear:
			cols[i] = b.year.NewArray()
		case i == colValue:
			cols[i] = b.value.NewArray()
		}
	}
	rec := array.NewRecord(b.schema, cols, int64(b.n))
	for _, c := range cols {
		c.Release()
	}
	b.n = 0
	return rec
}

func (b *batcher) release() {
	for _, bld := range b.builders() {
		bld.Release()
	}
}
