package scenarios

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"raat/forecast"
)

// ErrSolveYears is returned for an intake or target year outside what a
// solve allows.
var ErrSolveYears = errors.New("solve: years out of range")

// ToleranceFTE is how close to zero a solved shortfall must come.
const ToleranceFTE = 0.5

// MaxIntakeFactor bounds the intake SolveIntake considers: ten times the
// current intake. Beyond it the answer is "not reachable".
const MaxIntakeFactor = 10

// IntakeSolution answers, for one qualification level, how many students a
// year the region must take in, from the year From on, to close the level's
// shortfall by the target year. The intakes before From are decided: they
// stay what the forecast runs.
type IntakeSolution struct {
	Level  forecast.Level
	Target int
	From   int
	// Shortfall is the level's shortfall in FTE at the target year as the
	// forecast runs it, without a solved intake (negative is a surplus).
	Shortfall float64
	Routes    []forecast.Route
	// Current is each route's yearly intake in the year From as the
	// forecast runs it (candidates, capped by places), the intake the
	// solve scales; Needed keeps the current mix of routes and may lie
	// below Current when the forecast has a surplus; Cheapest is the mix
	// with the lowest cost that closes the same gap.
	Current, Needed, Cheapest []float64
	// PlacesNeeded are the training places Needed takes once every study
	// year is filled, per route.
	PlacesNeeded []float64
	// Reachable is false when even MaxIntakeFactor times the current
	// intake leaves a shortfall at the target year (or the target is too
	// soon for new students to graduate); Residual is then that shortfall.
	Reachable bool
	Residual  float64
	// CostPerYear and CheapestCostPerYear are what the Needed and Cheapest
	// intakes cost a year once every study year is filled (student-years
	// times cost per student-year).
	CostPerYear, CheapestCostPerYear float64
}

// SolveIntake finds, per level the region teaches, the yearly intake from
// the year from on (0: the year after the base year) that closes the
// level's shortfall by the target year under the given levers: the
// shortfall at the target year comes to zero, so a surplus lowers the
// intake as a shortage raises it. The intakes before from are decided and
// stay as the forecast runs them.
//
// Graduates of a level work at that level, so the levels are solved one by
// one: a root of "shortfall at the target year" in a factor on the intake
// the forecast runs in the year from, for all the level's routes (a
// bracketed false-position search; the shortfall falls as intake rises),
// then the cheapest route mix that closes the same gap, as a linear
// programme solved with gonum's simplex method.
func SolveIntake(r *forecast.Region, levers []forecast.Lever, target, from int) ([]IntakeSolution, error) {
	if from == 0 {
		from = r.BaseYear + 1
	}
	// from after the base year and at most target puts target after the
	// base year too.
	last := r.BaseYear + forecast.MaxHorizonYears
	if from <= r.BaseYear || from > target || target > last {
		return nil, fmt.Errorf("%w: intake from %d, target year %d: want base year %d < from <= target <= %d", ErrSolveYears, from, target, r.BaseYear, last)
	}
	// The forecast as it runs: the intake it takes in the year from, and
	// the shortfall at the target year without a solved intake.
	m, err := forecast.Compile(r) // validated once for the many runs
	if err != nil {
		return nil, err
	}
	plain, err := m.Run(levers, forecast.Options{From: from, To: target})
	if err != nil {
		return nil, err
	}
	var running [forecast.NumLevels][forecast.NumRoutes]float64
	for _, e := range plain.Education {
		if e.Year == from {
			running[e.Level][e.Route] = e.Intake
		}
	}
	opt := forecast.Options{From: target, To: target}
	var out []IntakeSolution
	for l := range forecast.Level(forecast.NumLevels) {
		sol := IntakeSolution{Level: l, Target: target, From: from}
		for rt := range forecast.Route(forecast.NumRoutes) {
			if r.Programmes[l][rt].DurationYears == 0 {
				continue
			}
			sol.Routes = append(sol.Routes, rt)
			sol.Current = append(sol.Current, running[l][rt])
		}
		if len(sol.Routes) == 0 {
			continue
		}
		sol.Shortfall = plain.Sum(target, func(row *forecast.Row) bool { return row.Level == l }).ShortfallFTE
		// shortfall of level l at the target year with intake x per route
		gap := func(x []float64) (float64, error) {
			plan := &forecast.IntakePlan{From: from}
			for i, rt := range sol.Routes {
				plan.Set[l][rt], plan.PerYear[l][rt] = true, x[i]
			}
			o := opt
			o.Intake = plan
			res, err := m.Run(levers, o)
			if err != nil {
				return 0, err
			}
			return res.Sum(target, func(row *forecast.Row) bool { return row.Level == l }).ShortfallFTE, nil
		}
		scaled := func(m float64) []float64 {
			x := make([]float64, len(sol.Current))
			for i, c := range sol.Current {
				x[i] = m * c
			}
			return x
		}
		var runErr error
		f := func(m float64) float64 {
			g, err := gap(scaled(m))
			if err != nil && runErr == nil {
				runErr = err
			}
			return g
		}
		lo, flo := 0.0, f(0)
		hi, fhi := float64(MaxIntakeFactor), f(MaxIntakeFactor)
		switch {
		case runErr != nil:
			return nil, runErr
		case flo <= 0:
			sol.Needed, sol.Reachable, sol.Residual = scaled(0), true, flo
		case fhi > 0:
			sol.Needed, sol.Reachable, sol.Residual = scaled(hi), false, fhi
		default:
			m := root(f, lo, hi, flo, fhi)
			sol.Needed, sol.Reachable = scaled(m), true
			sol.Residual = f(m)
		}
		if runErr != nil {
			return nil, runErr
		}
		if err := sol.cheapest(r, gap); err != nil {
			return nil, fmt.Errorf("level %s: %w", l, err)
		}
		for i, rt := range sol.Routes {
			p := &r.Programmes[l][rt]
			perIntake := studentYears(p)
			sol.PlacesNeeded = append(sol.PlacesNeeded, sol.Needed[i]*perIntake*p.PlaceUse)
			sol.CostPerYear += sol.Needed[i] * perIntake * p.CostPerStudentYear
			sol.CheapestCostPerYear += sol.Cheapest[i] * perIntake * p.CostPerStudentYear
		}
		out = append(out, sol)
	}
	return out, nil
}

// cheapest finds the lowest-cost intake per route that closes as much of
// the gap as Needed does. Near Needed the shortfall is linear in intake
// (graduates add up), so with a[i] the FTE one more student a year on
// route i closes by the target year and c[i] what that student costs:
//
//	minimise c·x  subject to  a·x >= a·needed,  x >= 0
func (sol *IntakeSolution) cheapest(r *forecast.Region, gap func([]float64) (float64, error)) error {
	n := len(sol.Routes)
	sol.Cheapest = append([]float64(nil), sol.Needed...)
	if !sol.Reachable || n < 2 {
		return nil
	}
	g0, err := gap(sol.Needed)
	if err != nil {
		return err
	}
	a := make([]float64, n)
	c := make([]float64, n+1) // the last variable is the surplus
	var keep []int
	for i, rt := range sol.Routes {
		x := append([]float64(nil), sol.Needed...)
		step := max(1, 0.1*x[i])
		x[i] += step
		g, err := gap(x)
		if err != nil {
			return err
		}
		a[i] = (g0 - g) / step
		p := &r.Programmes[sol.Level][rt]
		c[i] = studentYears(p) * p.CostPerStudentYear
		if a[i] > 1e-9 {
			keep = append(keep, i)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	var need float64
	for i := range n {
		need += a[i] * sol.Needed[i]
	}
	// Standard form over the routes that close anything: a·x - s = need.
	A := mat.NewDense(1, len(keep)+1, nil)
	cost := make([]float64, len(keep)+1)
	for j, i := range keep {
		A.Set(0, j, a[i])
		cost[j] = c[i]
	}
	A.Set(0, len(keep), -1)
	_, x, err := lp.Simplex(cost, A, []float64{need}, 1e-10, nil)
	if err != nil {
		if errors.Is(err, lp.ErrInfeasible) {
			return nil
		}
		return fmt.Errorf("cheapest intake mix: %w", err)
	}
	for i := range sol.Cheapest {
		sol.Cheapest[i] = 0
	}
	for j, i := range keep {
		sol.Cheapest[i] = x[j]
	}
	return nil
}

// studentYears is the expected number of years a student of the
// programme is enrolled: the steady-state enrolment per unit of intake.
func studentYears(p *forecast.Programme) float64 {
	var s float64
	for _, e := range forecast.SteadyStateEnrolment(1, p.Dropout) {
		s += e
	}
	return s
}

// LeverSolution is the size of one lever needed to close the region's
// total shortfall by a target year.
type LeverSolution struct {
	// Lever is the lever with the size found (or its largest size when the
	// gap cannot be closed).
	Lever  forecast.Lever
	Target int
	// Shortfall is the total shortfall at the target year without it.
	Shortfall float64
	// Reachable is false when even the largest size leaves a shortfall;
	// Residual is the shortfall at the target year with Lever.
	Reachable bool
	Residual  float64
}

// SolveLever finds the size of lever lv (its Size is ignored) that brings
// the total shortfall at the target year to zero, on top of the given
// levers. The search brackets a root by doubling the size from 1 up to the
// kind's largest size, then narrows it by false position.
func SolveLever(r *forecast.Region, levers []forecast.Lever, lv forecast.Lever, target int) (*LeverSolution, error) {
	if target <= r.BaseYear {
		return nil, fmt.Errorf("target year %d: want a year after the base year %d", target, r.BaseYear)
	}
	opt := forecast.Options{From: target, To: target}
	m, err := forecast.Compile(r) // validated once for the many runs
	if err != nil {
		return nil, err
	}
	var runErr error
	f := func(size float64) float64 {
		l := lv
		l.Size = size
		res, err := m.Run(append(append([]forecast.Lever(nil), levers...), l), opt)
		if err != nil {
			runErr = err
			return math.NaN()
		}
		return res.Total(target).ShortfallFTE
	}
	sol := &LeverSolution{Lever: lv, Target: target}
	f0 := f(0)
	if runErr != nil {
		return nil, runErr
	}
	sol.Shortfall = f0
	if f0 <= 0 {
		sol.Lever.Size, sol.Reachable, sol.Residual = 0, true, f0
		return sol, nil
	}
	lo, flo := 0.0, f0
	hi := min(1, lv.Kind.MaxSize())
	fhi := f(hi)
	for fhi > 0 && hi < lv.Kind.MaxSize() && runErr == nil {
		lo, flo = hi, fhi
		hi = min(2*hi, lv.Kind.MaxSize())
		fhi = f(hi)
	}
	if runErr != nil {
		return nil, runErr
	}
	if fhi > 0 {
		sol.Lever.Size, sol.Reachable, sol.Residual = hi, false, fhi
		return sol, nil
	}
	x := root(f, lo, hi, flo, fhi)
	if runErr != nil {
		return nil, runErr
	}
	sol.Lever.Size, sol.Reachable, sol.Residual = x, true, f(x)
	return sol, nil
}

// root finds x in [lo, hi] where f(x) is within ToleranceFTE of zero, given
// f(lo) > 0 >= f(hi), by the Illinois variant of false position: it keeps a
// bracket like bisection but converges much faster on the smooth, nearly
// linear curves of the model. (gonum has no exported scalar root finder;
// its optimize package minimises.)
func root(f func(float64) float64, lo, hi, flo, fhi float64) float64 {
	// No stop on the bracket's width: a continuous f is within ToleranceFTE
	// of zero on an interval around its root far wider than a float's step,
	// so the |f| stop ends the search first. The 200 steps bound it for an
	// f that jumps across zero, and hi then closes the gap.
	side := 0
	for range 200 {
		x := hi - fhi*(hi-lo)/(fhi-flo)
		if !(x > lo && x < hi) {
			x = (lo + hi) / 2
		}
		fx := f(x)
		if math.Abs(fx) <= ToleranceFTE {
			return x
		}
		if fx > 0 {
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		} else {
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
	}
	return hi // f(hi) <= 0: the gap is closed there
}
