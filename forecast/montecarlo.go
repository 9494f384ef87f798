package forecast

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Detail says which series a Monte Carlo keeps the draws of.
type Detail uint8

const (
	// DetailTotals keeps each region's total (and the total over regions).
	DetailTotals Detail = iota
	// DetailBranches adds each region's branches.
	DetailBranches
	// DetailCells adds each region's branch and level cells.
	DetailCells
)

// All marks a series summed over a dimension.
const (
	AllBranches = Branch(NumBranches)
	AllLevels   = Level(NumLevels)
)

// DefaultProbs are the quantiles reported when MCOptions.Probs is empty.
var DefaultProbs = []float64{0.1, 0.5, 0.9}

// MCOptions configure a Monte Carlo run.
type MCOptions struct {
	Options
	// Draws is the number of draws (at least 1).
	Draws int
	// Seed fixes the random streams: the same seed gives the same output.
	Seed uint64
	// Workers is the number of goroutines; zero means GOMAXPROCS.
	Workers int
	Detail  Detail
	// Probs are the quantiles to report, each in [0, 1].
	Probs []float64
	// Select, when not nil, limits each region's total (the series with
	// AllBranches and AllLevels) to the cells it selects.
	Select func(Branch, Level) bool
	// KeepDraws keeps every draw's value in Series.Draws, besides the
	// quantiles (for analysts who want the whole distribution).
	KeepDraws bool
	// Progress, when not nil, is called after each chunk of draws with the
	// draws done so far (over all regions) and the total; calls come from
	// the worker goroutines one at a time, with done increasing.
	Progress func(done, total int)
}

// Series is the distribution of the shortfall (FTE) of one region, branch
// and level over the draws. Region "" is the sum over all regions;
// AllBranches and AllLevels mark sums over a dimension.
type Series struct {
	Region string
	Branch Branch
	Level  Level
	// Quantiles[y][k] is quantile Probs[k] in year From+y; Mean[y] the mean.
	Quantiles [][]float64
	Mean      []float64
	// Draws[y][d] is draw d in year From+y, when MCOptions.KeepDraws.
	Draws [][]float64
}

// Distribution is the outcome of a Monte Carlo run.
type Distribution struct {
	Scenario string
	From, To int
	Draws    int
	Seed     uint64
	Probs    []float64
	Series   []Series
}

// Find returns the series of a region, branch and level, or nil.
func (d *Distribution) Find(region string, b Branch, l Level) *Series {
	for i := range d.Series {
		s := &d.Series[i]
		if s.Region == region && s.Branch == b && s.Level == l {
			return s
		}
	}
	return nil
}

// MonteCarlo runs the regions under the levers opt.Draws times, each draw
// with parameters drawn from the regions' Uncertainty, and returns the
// quantiles of the shortfall per year. Draws run in parallel; draw i always
// uses the random stream PCG(opt.Seed, i), so the output depends only on
// the inputs and the seed.
func MonteCarlo(regions []*Region, levers []Lever, opt MCOptions) (*Distribution, error) {
	return MonteCarloContext(context.Background(), regions, levers, opt)
}

// MonteCarloContext is MonteCarlo that stops when ctx is done: the workers
// look at ctx before each chunk of draws, so that a cancelled run ends
// within one chunk per worker and returns ctx's error.
func MonteCarloContext(ctx context.Context, regions []*Region, levers []Lever, opt MCOptions) (*Distribution, error) {
	models := make([]*Model, len(regions))
	for i, r := range regions {
		m, err := compile(r)
		if err != nil {
			return nil, err
		}
		models[i] = m
	}
	return MonteCarloModels(ctx, models, levers, opt)
}

// MonteCarloModels is MonteCarloContext on compiled regions.
func MonteCarloModels(ctx context.Context, models []*Model, levers []Lever, opt MCOptions) (*Distribution, error) {
	if len(models) == 0 {
		return nil, fmt.Errorf("monte carlo: no regions")
	}
	if opt.Draws < 1 {
		return nil, fmt.Errorf("monte carlo: %d draws, want at least 1", opt.Draws)
	}
	probs := opt.Probs
	if len(probs) == 0 {
		probs = DefaultProbs
	}
	for _, p := range probs {
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("monte carlo: quantile %g, want one between 0 and 1", p)
		}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, opt.Draws)

	regions := make([]*Region, len(models))
	for i, m := range models {
		regions[i] = m.r
	}
	proto := make([]*sim, len(models))
	for i, m := range models {
		r := m.r
		s, err := newSim(m, levers, opt.Options)
		if err != nil {
			return nil, err
		}
		if i > 0 && (s.from != proto[0].from || s.to != proto[0].to) {
			return nil, fmt.Errorf("monte carlo: region %s reports %d-%d, region %s %d-%d; base years must allow the same years",
				r.Name, s.from, s.to, regions[0].Name, proto[0].from, proto[0].to)
		}
		proto[i] = s
	}
	from, to, years := proto[0].from, proto[0].to, proto[0].reported
	series := seriesKeys(regions, opt.Detail)
	perRegion := len(seriesKeys(regions[:1], opt.Detail)) // a region's series, without the total over regions
	draws := opt.Draws
	vals := make([]float64, len(series)*years*draws) // [series][year][draw]
	var selected [NumBranches * NumLevels]bool
	for b := range Branch(NumBranches) {
		for l := range Level(NumLevels) {
			selected[int(b)*NumLevels+int(l)] = opt.Select == nil || opt.Select(b, l)
		}
	}

	// Work goes out in chunks of draws of one region, region by region, so
	// that a worker keeps one region's data in its caches.
	const chunk = 50
	chunks := (draws + chunk - 1) / chunk
	var next atomic.Int64
	var progressMu sync.Mutex
	progressDone, progressTotal := 0, len(proto)*draws
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			short := make([]float64, years*NumBranches*NumLevels)
			own := make([]*sim, len(proto)) // this worker's copy of each region's sim
			for {
				item := int(next.Add(1) - 1)
				if item >= len(proto)*chunks || ctx.Err() != nil {
					return
				}
				ri := item / chunks
				if own[ri] == nil {
					own[ri] = proto[ri].clone()
				}
				s := own[ri]
				base := ri * perRegion
				lo := (item % chunks) * chunk
				hi := min(draws, lo+chunk)
				for d := lo; d < hi; d++ {
					s.run(drawFrom(&s.r.Uncertainty, opt.Seed, d), nil, short, nil)
					for y := range years {
						cells := short[y*NumBranches*NumLevels : (y+1)*NumBranches*NumLevels]
						var total float64
						for ci, v := range cells {
							if selected[ci] {
								total += v
							}
						}
						vals[(base*years+y)*draws+d] = total
						if opt.Detail >= DetailBranches {
							for b := range NumBranches {
								var sum float64
								for l := range NumLevels {
									sum += cells[b*NumLevels+l]
								}
								vals[((base+1+b)*years+y)*draws+d] = sum
							}
						}
						if opt.Detail >= DetailCells {
							for ci := range cells {
								vals[((base+1+NumBranches+ci)*years+y)*draws+d] = cells[ci]
							}
						}
					}
				}
				if opt.Progress != nil {
					progressMu.Lock()
					progressDone += hi - lo
					opt.Progress(progressDone, progressTotal)
					progressMu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(proto) > 1 {
		all := len(series) - 1
		for y := range years {
			for d := range draws {
				var sum float64
				for ri := range proto {
					sum += vals[((ri*perRegion)*years+y)*draws+d]
				}
				vals[(all*years+y)*draws+d] = sum
			}
		}
	}

	for si := range series {
		s := &series[si]
		s.Quantiles = make([][]float64, years)
		s.Mean = make([]float64, years)
		for y := range years {
			x := vals[(si*years+y)*draws : (si*years+y+1)*draws]
			if opt.KeepDraws {
				s.Draws = append(s.Draws, slices.Clone(x))
			}
			slices.Sort(x)
			s.Mean[y] = stat.Mean(x, nil)
			s.Quantiles[y] = make([]float64, len(probs))
			for k, p := range probs {
				s.Quantiles[y][k] = stat.Quantile(p, stat.Empirical, x, nil)
			}
		}
	}
	return &Distribution{Scenario: opt.Scenario, From: from, To: to, Draws: draws, Seed: opt.Seed, Probs: probs, Series: series}, nil
}

// seriesKeys lists the series kept: per region its total, then (by detail)
// its branches and cells; last, with several regions, the overall total.
func seriesKeys(regions []*Region, detail Detail) []Series {
	var ss []Series
	for _, r := range regions {
		ss = append(ss, Series{Region: r.Name, Branch: AllBranches, Level: AllLevels})
		if detail >= DetailBranches {
			for b := range Branch(NumBranches) {
				ss = append(ss, Series{Region: r.Name, Branch: b, Level: AllLevels})
			}
		}
		if detail >= DetailCells {
			for b := range Branch(NumBranches) {
				for l := range Level(NumLevels) {
					ss = append(ss, Series{Region: r.Name, Branch: b, Level: l})
				}
			}
		}
	}
	if len(regions) > 1 {
		ss = append(ss, Series{Branch: AllBranches, Level: AllLevels})
	}
	return ss
}

// drawFrom returns draw d's parameter factors for a region. The draw's
// six uniforms come from the stream PCG(seed, d), one per parameter group,
// and every region maps them through its own ranges: regions err together,
// since their figures are measured the same way (and a region's draws do
// not depend on which other regions are run). Widening one range does not
// shift the other groups' draws.
func drawFrom(u *Uncertainty, seed uint64, d int) drawFactors {
	rng := rand.New(rand.NewPCG(seed, uint64(d)))
	pick := func(rg Range, mode float64) float64 {
		p := rng.Float64()
		if rg.Fixed() {
			return mode
		}
		return distuv.NewTriangle(rg.Low, rg.High, mode, nil).Quantile(p)
	}
	return drawFactors{
		dropout:     pick(u.Dropout, 1),
		sectorYield: pick(u.SectorYield, 1),
		outflow:     pick(u.OtherOutflow, 1),
		partTime:    pick(u.PartTimeFactor, 1),
		growthAdd:   pick(u.DemandGrowth, 0),
		popDev:      pick(u.Population, 0),
	}
}
