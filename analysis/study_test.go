package analysis_test

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"raat/analysis"
	"raat/analysis/analysistest"
	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/scenarios"
)

func twente(t testing.TB) *forecast.Region {
	t.Helper()
	return analysistest.Twente(t).Region
}

var lookup = analysistest.Scenarios

func study(t testing.TB, opt analysis.Options, names ...string) *analysis.Study {
	t.Helper()
	return analysistest.Study(t, analysistest.Twente(t), opt, names...)
}

// TestOutcomeIsTheModelsRunAndBand: the central estimate is forecast.Run's
// total shortfall and the band the Monte Carlo's P10 and P90, computed
// here with the model's own API.
func TestOutcomeIsTheModelsRunAndBand(t *testing.T) {
	s := study(t, analysis.Options{To: 2032, Draws: 60, Seed: 9}, "basis", "raat-plan")
	o, err := s.Outcome(context.Background(), "raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	r := twente(t)
	sc := lookup(t, "raat-plan")[0]
	lv := sc.ForecastLevers(r.BaseYear)
	opt := forecast.Options{Scenario: "raat-plan", To: 2032}
	res, err := forecast.Run(r, lv, opt)
	if err != nil {
		t.Fatal(err)
	}
	dist, err := forecast.MonteCarlo([]*forecast.Region{r}, lv, forecast.MCOptions{Options: opt, Draws: 60, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	total := dist.Find(r.Name, forecast.AllBranches, forecast.AllLevels)
	pts := o.Shortfall()
	if len(pts) != 2032-2025+1 {
		t.Fatalf("%d points, want 8", len(pts))
	}
	for k, p := range pts {
		y := 2025 + k
		q := total.Quantiles[k]
		want := analysis.Point{Year: y, Central: res.Total(y).ShortfallFTE, HasBand: true, Low: q[0], P50: q[1], High: q[2]}
		if p != want {
			t.Errorf("%d: %+v, want %+v", y, p, want)
		}
	}
	if h := o.Horizon(); h != pts[len(pts)-1] {
		t.Errorf("horizon %+v, want the last point %+v", h, pts[len(pts)-1])
	}
	if _, ok := o.At(2033); ok {
		t.Error("a point after the horizon")
	}
	if !reflect.DeepEqual(o.Run.Rows, res.Rows) {
		t.Error("the outcome's rows are not the run's")
	}
}

func TestWithoutDrawsThereIsNoBand(t *testing.T) {
	s := study(t, analysis.Options{To: 2027}, "basis")
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	if o.Dist != nil {
		t.Error("a distribution without draws")
	}
	for _, p := range o.Shortfall() {
		if p.HasBand || p.BandText() != "" {
			t.Errorf("%d: a band without draws: %+v", p.Year, p)
		}
	}
	// the README's year table: 2.570 fte in 2027
	if c := o.Horizon().Central; c < 2569.5 || c >= 2570.5 {
		t.Errorf("basis 2027: %g, want 2.570", c)
	}
}

func TestSelectionLimitsTheShortfall(t *testing.T) {
	vvt := forecast.ScopeOf([]forecast.Branch{forecast.VVT}, []forecast.Level{forecast.Mbo3}, nil)
	s := study(t, analysis.Options{To: 2028, Draws: 30, Seed: 2, Select: vvt}, "basis")
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range o.Shortfall() {
		if want := o.Run.Row(p.Year, forecast.VVT, forecast.Mbo3).ShortfallFTE; p.Central != want {
			t.Errorf("%d: central %g, want vvt mbo3's %g", p.Year, p.Central, want)
		}
	}
	r := twente(t)
	dist, err := forecast.MonteCarlo([]*forecast.Region{r}, nil, forecast.MCOptions{Options: forecast.Options{Scenario: "basis", To: 2028},
		Draws: 30, Seed: 2, Select: vvt.Has})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.Dist.Series[0].Quantiles, dist.Series[0].Quantiles; !reflect.DeepEqual(got, want) {
		t.Errorf("selected band %v, want %v", got, want)
	}
}

func TestKeepDrawsKeepsOnlyTheTotal(t *testing.T) {
	s := study(t, analysis.Options{To: 2027, Draws: 21, Seed: 1, Detail: forecast.DetailCells, KeepDraws: true}, "basis")
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Dist.Series) != 1+9+45 {
		t.Fatalf("%d series, want 55", len(o.Dist.Series))
	}
	for _, ser := range o.Dist.Series {
		total := ser.Branch == forecast.AllBranches && ser.Level == forecast.AllLevels
		if total != (ser.Draws != nil) {
			t.Errorf("%v %v: draws kept %v", ser.Branch, ser.Level, ser.Draws != nil)
		}
		if total && (len(ser.Draws) != 3 || len(ser.Draws[0]) != 21) {
			t.Errorf("total: %d years of draws", len(ser.Draws))
		}
	}
}

func TestNewRefusesBadStudies(t *testing.T) {
	r := twente(t)
	two := lookup(t, "basis", "basis")
	for _, tt := range []struct {
		name string
		data analysis.Data
		scs  []*scenarios.Scenario
		opt  analysis.Options
	}{
		{"no region", analysis.Data{}, lookup(t, "basis"), analysis.Options{}},
		{"no scenario", analysis.Data{Region: r}, nil, analysis.Options{}},
		{"a scenario twice", analysis.Data{Region: r}, two, analysis.Options{}},
		{"negative draws", analysis.Data{Region: r}, lookup(t, "basis"), analysis.Options{Draws: -1}},
		{"keep draws without draws", analysis.Data{Region: r}, lookup(t, "basis"), analysis.Options{KeepDraws: true}},
	} {
		if _, err := analysis.New(tt.data, tt.scs, tt.opt); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
	}
	s := study(t, analysis.Options{}, "basis")
	if _, err := s.Outcome(context.Background(), "raat-plan"); !errors.Is(err, analysis.ErrUnknownScenario) {
		t.Errorf("an unknown scenario: %v, want ErrUnknownScenario", err)
	}
}

// TestPartsAreComputedOnce: asking again, and asking from many goroutines
// at once, computes each part once.
func TestPartsAreComputedOnce(t *testing.T) {
	s := study(t, analysis.Options{To: 2030, Draws: 40, Seed: 1}, "basis", "raat-plan")
	ctx := context.Background()
	if s.Ready("basis") {
		t.Error("ready before anything was asked")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Outcomes(ctx); err != nil {
				t.Error(err)
			}
			if _, err := s.Decomposition(ctx, "raat-plan"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// two runs, two Monte Carlos, one decomposition
	if n := s.Computations(); n != 5 {
		t.Errorf("%d computations, want 5", n)
	}
	if !s.Ready() {
		t.Error("not ready after the outcomes were computed")
	}
	a, _ := s.Outcome(ctx, "basis")
	b, _ := s.Outcome(ctx, "basis")
	if a != b {
		t.Error("asking twice gave two outcomes")
	}
	if _, err := s.Costs(ctx, "raat-plan"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Costs(ctx, "raat-plan"); err != nil {
		t.Fatal(err)
	}
	lv := forecast.Lever{Kind: forecast.Retention, Start: 2026, Horizon: forecast.Middellang}
	for _, size := range []float64{0, 0.5} { // the size is what is solved for: the same question
		lv.Size = size
		if _, err := s.SolveLever(ctx, "basis", lv, 2030); err != nil {
			t.Fatal(err)
		}
	}
	if n := s.Computations(); n != 7 {
		t.Errorf("%d computations after costs and a solve asked twice each, want 7", n)
	}
	p := s.Progress()
	if p.Done != p.Total || p.Total != 2*(1+40)+32+6+1 {
		t.Errorf("progress %+v, want 116 of 116", p)
	}
}

// TestCancelledMonteCarloStops cancels a 10,000-draw Monte Carlo at its
// first progress report: the study returns context.Canceled having run
// only the chunks the workers were in, keeps nothing, and takes the unrun
// draws off its progress.
func TestCancelledMonteCarloStops(t *testing.T) {
	const draws = 10_000
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var maxDone int
	s := study(t, analysis.Options{Draws: draws, Seed: 1, Progress: func(p analysis.Progress) {
		maxDone = max(maxDone, p.Done)
		if p.Done > 1 { // the deterministic run is the first unit
			cancel()
		}
	}}, "basis")
	_, err := s.Outcome(ctx, "basis")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	// one run and at most one chunk of 50 draws per worker
	if ran := maxDone - 1; ran < 1 || ran > 50*forecastWorkers() {
		t.Errorf("%d draws ran after the cancel, want 1 to %d of %d", ran, 50*forecastWorkers(), draws)
	}
	if s.Ready("basis") {
		t.Error("a cancelled outcome was kept")
	}
	if p := s.Progress(); p.Total != p.Done {
		t.Errorf("progress after the cancel: %+v, want the unrun draws off the total", p)
	}
}

// TestCancelledPartIsComputedAgain: a waiter whose context is live takes
// over a part whose first caller went away.
func TestCancelledPartIsComputedAgain(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := study(t, analysis.Options{To: 2030, Draws: 500, Seed: 1, Progress: func(p analysis.Progress) {
		if p.Done > 1 {
			cancel()
		}
	}}, "basis")
	if _, err := s.Outcome(ctx, "basis"); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	if o.Dist == nil || o.Dist.Draws != 500 {
		t.Errorf("the recomputed outcome has %v", o.Dist)
	}
	if n := s.Computations(); n != 3 {
		t.Errorf("%d computations, want 3: the first run, then a run and a Monte Carlo", n)
	}
}

func TestEmployersAndWarnings(t *testing.T) {
	base := twente(t)
	r, sum, err := ingest.RegionFromFS(base, data.Employers(), data.EmployersDir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := analysis.New(analysis.Data{Region: r, Source: "werkgevers", Employers: sum}, lookup(t, "basis"), analysis.Options{To: 2027})
	if err != nil {
		t.Fatal(err)
	}
	e := s.Employers()
	if e == nil || len(e.Names) != 12 || len(e.Quotes) != 12 || e.Reference != 15 {
		t.Fatalf("employers %+v", e)
	}
	// the twelve samples cover all nine branches; four reasons are outflow
	if len(e.Branches) != 9 || len(e.Reasons) != 4 || len(e.Outflow) != 4 || len(e.Outflow[0]) != 9 {
		t.Errorf("outflow table %v x %v: %v", e.Reasons, e.Branches, e.Outflow)
	}
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	ws := s.Warnings(o, o)
	if len(ws) != len(sum.Warnings)+len(o.Warnings) || len(o.Warnings) == 0 {
		t.Errorf("warnings %q", ws)
	}
	if study(t, analysis.Options{}, "basis").Employers() != nil {
		t.Error("employers without workbooks")
	}
}

func forecastWorkers() int { return runtime.GOMAXPROCS(0) }
