package analysis

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"raat/forecast"
	"raat/ingest"
	"raat/scenarios"
)

// Data is the region a study runs on and where its figures came from.
type Data struct {
	Region *forecast.Region
	// Source names the data for a reader, in Dutch: a region file, or the
	// employer workbooks and the file that filled in the rest.
	Source string
	// Employers is the summary of the employer workbooks the region was
	// built from, or nil when it came from a region file alone.
	Employers *ingest.Summary
}

// Options say what a study runs.
type Options struct {
	// From and To are the first and last year; zero means the base year
	// and the base year plus forecast.DefaultHorizonYears.
	From, To int
	// Draws is the number of Monte Carlo draws behind the bands; zero
	// runs no Monte Carlo. Seed fixes the draws.
	Draws int
	Seed  uint64
	// Detail says which Monte Carlo series are kept besides the total.
	Detail forecast.Detail
	// KeepDraws keeps every draw of the region's total shortfall in the
	// distribution (Series.Draws of the total); the other series keep only
	// their quantiles, since their draws would be 55 times as many.
	KeepDraws bool
	// Select limits the shortfall the outcomes report (and the Monte
	// Carlo's total) to the branches and levels it holds; the zero Scope
	// selects everything.
	Select forecast.Scope
	// Progress, when not nil, hears how far the study's work is. Calls
	// come one at a time, from the goroutines doing the work.
	Progress func(Progress)
}

// MaxDraws bounds Options.Draws: the Monte Carlo holds every draw of each
// series it keeps until it takes the quantiles.
const MaxDraws = 1_000_000

// Progress is how far a study's work is: Done of Total units, where a
// deterministic run and a Monte Carlo draw are one unit each, a
// decomposition one per subset of levers, a cost table one per lever and
// one for the baseline, and a solve one. Total grows as parts are asked for.
type Progress struct {
	// Step says in Dutch what is being computed, e.g. "scenario basis".
	Step        string
	Done, Total int
}

// Study is a region under a list of scenarios with run options; it
// computes each part when first asked (see the package doc).
type Study struct {
	data      Data
	opt       Options
	scenarios []*scenarios.Scenario

	outcomes       memo[string, *Outcome]
	decompositions memo[string, *scenarios.Decomposition]
	costs          memo[string, []scenarios.Cost]
	intakes        memo[intakeKey, []scenarios.IntakeSolution]
	levers         memo[leverKey, *scenarios.LeverSolution]
	sensitivities  memo[string, *Sensitivity]
	actions        memo[string, *Actions]

	employersOnce sync.Once
	employers     *Employers

	computed atomic.Int64

	progressMu sync.Mutex
	progress   Progress
}

type intakeKey struct {
	scenario string
	target   int
}

type leverKey struct {
	scenario string
	lever    forecast.Lever
	target   int
}

// ErrUnknownScenario is returned for a scenario name the study was not
// made with.
var ErrUnknownScenario = errors.New("not a scenario of the study")

// New returns the study of the scenarios on the data. Scenario names must
// be unique; the first scenario is the baseline others are compared with.
func New(data Data, scs []*scenarios.Scenario, opt Options) (*Study, error) {
	var errs []error
	if data.Region == nil {
		errs = append(errs, errors.New("no region"))
	}
	if len(scs) == 0 {
		errs = append(errs, errors.New("no scenario"))
	}
	seen := map[string]bool{}
	for _, sc := range scs {
		if seen[sc.Name] {
			errs = append(errs, fmt.Errorf("scenario %s named twice", sc.Name))
		}
		seen[sc.Name] = true
		if data.Region != nil {
			// A lever starts after the region's base year (file, line and
			// field of each that does not).
			if err := sc.Check(data.Region.BaseYear); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if opt.Draws < 0 || opt.Draws > MaxDraws {
		errs = append(errs, fmt.Errorf("%d draws, want 0 to %d", opt.Draws, MaxDraws))
	}
	if opt.KeepDraws && opt.Draws == 0 {
		errs = append(errs, errors.New("keeping the draws needs draws"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("study: %w", err)
	}
	return &Study{data: data, opt: opt, scenarios: slices.Clone(scs)}, nil
}

// Region is the region the study runs on.
func (s *Study) Region() *forecast.Region { return s.data.Region }

// Source names where the region's figures came from, in Dutch.
func (s *Study) Source() string { return s.data.Source }

// Options are the study's options.
func (s *Study) Options() Options { return s.opt }

// Summary is the employer workbooks' summary, or nil.
func (s *Study) Summary() *ingest.Summary { return s.data.Employers }

// Scenarios are the study's scenarios, the baseline first.
func (s *Study) Scenarios() []*scenarios.Scenario { return slices.Clone(s.scenarios) }

// Scenario returns the study's scenario of that name.
func (s *Study) Scenario(name string) (*scenarios.Scenario, error) {
	for _, sc := range s.scenarios {
		if sc.Name == name {
			return sc, nil
		}
	}
	return nil, fmt.Errorf("scenario %q: %w", name, ErrUnknownScenario)
}

// Computations counts the parts the study has computed (a run, a Monte
// Carlo, a decomposition, a cost table, a solve each count one); a part
// served from what the study keeps adds nothing.
func (s *Study) Computations() int64 { return s.computed.Load() }

// Progress is how far the study's work is now.
func (s *Study) Progress() Progress {
	s.progressMu.Lock()
	defer s.progressMu.Unlock()
	return s.progress
}

// Ready reports whether the outcomes of the named scenarios (all when none
// are named) are computed, so that asking for them does no work.
func (s *Study) Ready(names ...string) bool {
	if len(names) == 0 {
		for _, sc := range s.scenarios {
			names = append(names, sc.Name)
		}
	}
	for _, n := range names {
		if !s.outcomes.has(n) {
			return false
		}
	}
	return true
}

// Outcome returns the named scenario's outcome.
func (s *Study) Outcome(ctx context.Context, name string) (*Outcome, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	o, _, err := s.outcomes.get(ctx, name, func(ctx context.Context) (*Outcome, error) {
		return s.computeOutcome(ctx, sc)
	})
	return o, err
}

// Outcomes returns the outcomes of the named scenarios in order, or of
// every scenario of the study when none are named.
func (s *Study) Outcomes(ctx context.Context, names ...string) ([]*Outcome, error) {
	if len(names) == 0 {
		for _, sc := range s.scenarios {
			names = append(names, sc.Name)
		}
	}
	outs := make([]*Outcome, 0, len(names))
	for _, n := range names {
		o, err := s.Outcome(ctx, n)
		if err != nil {
			return nil, err
		}
		outs = append(outs, o)
	}
	return outs, nil
}

func (s *Study) forecastOptions(scenario string) forecast.Options {
	return forecast.Options{Scenario: scenario, From: s.opt.From, To: s.opt.To}
}

func (s *Study) computeOutcome(ctx context.Context, sc *scenarios.Scenario) (*Outcome, error) {
	r := s.data.Region
	levers := sc.ForecastLevers(r.BaseYear)
	fopt := s.forecastOptions(sc.Name)
	t := s.begin("scenario "+sc.Name, 1+s.opt.Draws)
	m, err := forecast.Compile(r) // once for the run and the draws
	if err != nil {
		t.end(err)
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	res, err := m.Run(levers, fopt)
	if err != nil {
		t.end(err)
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	s.computed.Add(1)
	t.set(1)
	o := &Outcome{Scenario: sc, Run: res, sel: s.opt.Select}
	for _, w := range res.Warnings {
		o.Warnings = appendOnce(o.Warnings, forecast.Dutch(w))
	}
	if s.opt.Draws > 0 {
		mc := forecast.MCOptions{Options: fopt, Draws: s.opt.Draws, Seed: s.opt.Seed, Detail: s.opt.Detail,
			KeepDraws: s.opt.KeepDraws, Progress: func(done, _ int) { t.set(1 + done) }}
		if s.opt.Select != (forecast.Scope{}) {
			mc.Select = s.opt.Select.Has
		}
		o.Dist, err = forecast.MonteCarloModels(ctx, []*forecast.Model{m}, levers, mc)
		if err != nil {
			t.end(err)
			return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
		}
		s.computed.Add(1)
		if s.opt.KeepDraws {
			for i := range o.Dist.Series {
				if ser := &o.Dist.Series[i]; ser.Branch != forecast.AllBranches || ser.Level != forecast.AllLevels {
					ser.Draws = nil
				}
			}
		}
	}
	t.end(nil)
	return o, nil
}

// Decomposition returns the named scenario's change in shortfall split over
// its levers (scenarios.Decompose), over the study's years.
func (s *Study) Decomposition(ctx context.Context, name string) (*scenarios.Decomposition, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	d, _, err := s.decompositions.get(ctx, name, func(context.Context) (*scenarios.Decomposition, error) {
		return counted(s, "bijdrage per hefboom, "+name, 1<<min(len(sc.Levers), scenarios.MaxDecomposeLevers+1), func() (*scenarios.Decomposition, error) {
			return scenarios.Decompose(s.data.Region, sc, s.forecastOptions(""))
		})
	})
	return d, err
}

// Costs returns what each lever of the named scenario costs and closes on
// its own (scenarios.Costs), over the study's years.
func (s *Study) Costs(ctx context.Context, name string) ([]scenarios.Cost, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	c, _, err := s.costs.get(ctx, name, func(context.Context) ([]scenarios.Cost, error) {
		return counted(s, "kosten per hefboom, "+name, 1+len(sc.Levers), func() ([]scenarios.Cost, error) {
			return scenarios.Costs(s.data.Region, sc, s.forecastOptions(""))
		})
	})
	return c, err
}

// SolveIntake returns the yearly intake per level that closes each level's
// shortfall by the target year on top of the named scenario
// (scenarios.SolveIntake).
func (s *Study) SolveIntake(ctx context.Context, name string, target int) ([]scenarios.IntakeSolution, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	v, _, err := s.intakes.get(ctx, intakeKey{name, target}, func(context.Context) ([]scenarios.IntakeSolution, error) {
		return counted(s, "benodigde instroom", 1, func() ([]scenarios.IntakeSolution, error) {
			return scenarios.SolveIntake(s.data.Region, sc.ForecastLevers(s.data.Region.BaseYear), target)
		})
	})
	return v, err
}

// SolveLever returns the size of lever lv (its Size is ignored) that closes
// the region's shortfall by the target year on top of the named scenario
// (scenarios.SolveLever).
func (s *Study) SolveLever(ctx context.Context, name string, lv forecast.Lever, target int) (*scenarios.LeverSolution, error) {
	sc, err := s.Scenario(name)
	if err != nil {
		return nil, err
	}
	lv.Size = 0
	v, _, err := s.levers.get(ctx, leverKey{name, lv, target}, func(context.Context) (*scenarios.LeverSolution, error) {
		return counted(s, "benodigde omvang, "+lv.Kind.Label(), 1, func() (*scenarios.LeverSolution, error) {
			return scenarios.SolveLever(s.data.Region, sc.ForecastLevers(s.data.Region.BaseYear), lv, target)
		})
	})
	return v, err
}

// Warnings returns what a reader of the outcomes should know, in Dutch,
// each once: first what the employer workbooks leave open, then the
// outcomes' run warnings.
func (s *Study) Warnings(outs ...*Outcome) []string {
	var ws []string
	if s.data.Employers != nil {
		for _, w := range s.data.Employers.Warnings {
			ws = appendOnce(ws, w)
		}
	}
	for _, o := range outs {
		for _, w := range o.Warnings {
			ws = appendOnce(ws, w)
		}
	}
	return ws
}

func appendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// counted computes a part the model cannot interrupt (a decomposition, a
// cost table, a solve: scenarios takes no context), counting its units
// into the progress and the part into Computations. Its context is looked
// at before it starts.
func counted[V any](s *Study, step string, units int, compute func() (V, error)) (V, error) {
	t := s.begin(step, units)
	v, err := compute()
	t.end(err)
	if err == nil {
		s.computed.Add(1)
	}
	return v, err
}

// tracker counts one part's units into the study's progress.
type tracker struct {
	s             *Study
	step          string
	planned, done int
}

func (s *Study) begin(step string, units int) *tracker {
	t := &tracker{s: s, step: step, planned: units}
	s.report(func(p *Progress) { p.Step, p.Total = step, p.Total+units })
	return t
}

// set records that done of the part's units are done.
func (t *tracker) set(done int) {
	done = min(done, t.planned)
	if done <= t.done {
		return
	}
	delta := done - t.done
	t.done = done
	t.s.report(func(p *Progress) { p.Step, p.Done = t.step, p.Done+delta })
}

// end closes the part: done in full, or, when it failed, with the units it
// did not do taken off the total.
func (t *tracker) end(err error) {
	if err == nil {
		t.set(t.planned)
		return
	}
	left := t.planned - t.done
	t.planned = t.done
	t.s.report(func(p *Progress) { p.Total -= left })
}

func (s *Study) report(change func(*Progress)) {
	s.progressMu.Lock()
	defer s.progressMu.Unlock()
	change(&s.progress)
	if s.opt.Progress != nil {
		s.opt.Progress(s.progress)
	}
}
