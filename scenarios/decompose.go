package scenarios

import (
	"cmp"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"raat/forecast"
)

// MaxDecomposeLevers bounds the levers of a decomposed scenario: Shapley
// values need a run for every subset of levers (2^n runs; 12 levers take
// 4,096 runs, about a second).
const MaxDecomposeLevers = 12

// Decomposition splits the change in shortfall a scenario brings about
// into the contributions of its levers.
type Decomposition struct {
	Scenario string
	Years    []int
	// Baseline and WithLevers are the total shortfall (FTE) per year
	// without and with all levers.
	Baseline, WithLevers []float64
	// Levers holds each lever's contribution, in the order of the scenario.
	Levers []Contribution
}

// Contribution is one lever's Shapley value per year: the change in total
// shortfall it accounts for (negative closes the gap), and per branch.
type Contribution struct {
	Lever    forecast.Lever
	Effect   []float64
	ByBranch [forecast.NumBranches][]float64
}

// Decompose runs the region under every subset of the scenario's levers
// and returns each lever's Shapley value per year:
//
//	phi_i = sum over subsets S without i of |S|! (n-|S|-1)! / n! * (v(S + i) - v(S))
//
// where v(S) is the total shortfall with the levers in S. The values add
// up to v(all) - v(none), the scenario's change, and do not depend on the
// order in which the levers are listed: the levers are put in a canonical
// order before the subsets are formed, so even the rounding is the same.
func Decompose(r *forecast.Region, s *Scenario, opt forecast.Options) (*Decomposition, error) {
	levers, err := s.LeversAt(r.BaseYear)
	if err != nil {
		return nil, err
	}
	n := len(levers)
	if n > MaxDecomposeLevers {
		return nil, fmt.Errorf("scenario %s has %d levers; a decomposition takes at most %d", s.Name, n, MaxDecomposeLevers)
	}
	order := make([]int, n) // order[k] is the scenario index of canonical lever k
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareLevers(levers[a], levers[b]) })
	canon := make([]forecast.Lever, n)
	for k, i := range order {
		canon[k] = levers[i]
	}

	m, err := forecast.Compile(r) // validated once for the 2^n runs
	if err != nil {
		return nil, err
	}
	// v[mask][series][year]: series 0 is the total, 1+b branch b.
	v := make([][][]float64, 1<<n)
	var years []int
	errs := make([]error, 1<<n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for mask := range next {
				var sub []forecast.Lever
				for k := range n {
					if mask&(1<<k) != 0 {
						sub = append(sub, canon[k])
					}
				}
				res, err := m.Run(sub, opt)
				if err != nil {
					errs[mask] = err
					continue
				}
				v[mask] = totals(res)
				if mask == 0 {
					years = res.Years()
				}
			}
		}()
	}
	for mask := range 1 << n {
		next <- mask
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}

	d := &Decomposition{Scenario: s.Name, Years: years, Baseline: v[0][0], WithLevers: v[1<<n-1][0]}
	// One flat series per subset, the total then each branch, so that one
	// Shapley computation splits them all.
	flat := make([][]float64, len(v))
	for mask := range v {
		flat[mask] = slices.Concat(v[mask]...)
	}
	phi := ShapleyValues(flat)
	ny := len(years)
	d.Levers = make([]Contribution, n)
	for k := range n {
		c := Contribution{Lever: canon[k], Effect: phi[k][:ny:ny]}
		for b := range c.ByBranch {
			c.ByBranch[b] = phi[k][(1+b)*ny : (2+b)*ny : (2+b)*ny]
		}
		d.Levers[order[k]] = c
	}
	return d, nil
}

// ShapleyValues splits a change over the players that bring it about.
// v[mask] is a series of values (one per year, say) with the players in
// mask present (bit i: player i), for every mask from 0 to 2^n - 1; the
// result's row i is player i's Shapley value for each element:
//
//	phi_i = sum over masks S without i of |S|! (n-|S|-1)! / n! * (v[S + i] - v[S])
//
// Per element the rows add up to v[2^n - 1] - v[0]. A player whose
// presence never changes a value gets exactly zero. All series must have
// the same length; len(v) must be a power of two.
func ShapleyValues(v [][]float64) [][]float64 {
	n := bits.TrailingZeros(uint(len(v)))
	if len(v) == 0 || len(v) != 1<<n {
		panic(fmt.Sprintf("shapley: %d series, want a power of two", len(v)))
	}
	weight := shapleyWeights(n)
	phi := make([][]float64, n)
	for k := range n {
		phi[k] = make([]float64, len(v[0]))
		for mask := range v {
			if mask&(1<<k) != 0 {
				continue
			}
			w := weight[bits.OnesCount(uint(mask))]
			with, without := v[mask|1<<k], v[mask]
			for y := range phi[k] {
				phi[k][y] += w * (with[y] - without[y])
			}
		}
	}
	return phi
}

// totals returns the total shortfall per year, then per branch.
func totals(res *forecast.Result) [][]float64 {
	years := res.Years()
	out := make([][]float64, 1+forecast.NumBranches)
	for i := range out {
		out[i] = make([]float64, 0, len(years))
	}
	for _, y := range years {
		var byBranch [forecast.NumBranches]float64
		var total float64
		for b := range forecast.Branch(forecast.NumBranches) {
			for l := range forecast.Level(forecast.NumLevels) {
				byBranch[b] += res.Row(y, b, l).ShortfallFTE
			}
			total += byBranch[b]
		}
		out[0] = append(out[0], total)
		for b := range byBranch {
			out[1+b] = append(out[1+b], byBranch[b])
		}
	}
	return out
}

// shapleyWeights returns k!(n-k-1)!/n! for k = 0..n-1.
func shapleyWeights(n int) []float64 {
	w := make([]float64, n)
	for k := range n {
		// k! (n-k-1)! / n! = 1 / (n * C(n-1, k))
		c := 1.0
		for j := 1; j <= k; j++ {
			c = c * float64(n-1-k+j) / float64(j)
		}
		w[k] = 1 / (float64(n) * c)
	}
	return w
}

// compareLevers orders levers by every field, so that a canonical order
// exists whatever order a file lists them in.
func compareLevers(a, b forecast.Lever) int {
	return cmp.Or(
		cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Size, b.Size), cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.Horizon, b.Horizon), cmp.Compare(a.HorizonYears, b.HorizonYears),
		cmp.Compare(a.Scope.Branches, b.Scope.Branches), cmp.Compare(a.Scope.Levels, b.Scope.Levels),
		cmp.Compare(a.Scope.Routes, b.Scope.Routes),
	)
}
