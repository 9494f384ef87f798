package forecast

import (
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
)

// poolRegions are regions that use the reused workspaces differently:
// random ones with and without population, levers and trainers, one of
// two groups of the workforce (one with a part-time factor by age), one with a programme longer than the
// others, and pension ages that give different numbers of segments.
func poolRegions() ([]*Region, [][]Lever) {
	var rs []*Region
	var lvs [][]Lever
	for i := range 6 {
		rng := rand.New(rand.NewPCG(uint64(i), 31))
		r := propRegion(rng)
		rs, lvs = append(rs, r), append(lvs, propLevers(rng, r))
	}
	g := emptyRegion()
	g.Groups = []string{"a", "b"}
	var ha, hb, byAge AgeVector
	for a := range ha {
		ha[a], hb[a], byAge[a] = float64(a), 40-float64(a)/2, 0.5+float64(a%4)/10
	}
	g.Cells[VVT][Mbo3].SetGroups([]CellGroup{
		{Headcount: ha, PartTimeFactor: 0.6, PartTimeByAge: &byAge, OtherOutflowRate: flatRates(0.05), EntrantShare: 0.3},
		{Headcount: hb, PartTimeFactor: 0.8, OtherOutflowRate: flatRates(0.1), EntrantShare: 0.7},
	})
	g.Cells[VVT][Mbo3].LateralEntry = 20
	rs, lvs = append(rs, g, twoTrainers(), randomRegion(3)), append(lvs, nil, nil, allLevers(2026))
	return rs, lvs
}

// Run and Model.Run reuse their workspaces and, for Run, the tables of a
// model made for one run (spareSims, onceModels). A run must not see
// anything of a run before it, nor of one running at the same time: the
// regions, run over and over in a shuffled order by four goroutines at
// once (under -race in make test), each give exactly the rows of their
// first run. The cases differ in what the reused memory holds (groups,
// segments, lever tables, population tables, horizons).
func TestRunsShareNoState(t *testing.T) {
	rs, lvs := poolRegions()
	type job struct {
		r   int
		opt Options
	}
	var jobs []job
	want := map[job]*Result{}
	models := make([]*Model, len(rs))
	for i, r := range rs {
		m, err := Compile(r)
		if err != nil {
			t.Fatalf("region %d: %v", i, err)
		}
		models[i] = m
		// the default horizon, a longer one, and a few years later on
		by := r.BaseYear
		for _, opt := range []Options{{}, {To: by + 25}, {From: by + 5, To: by + 7}} {
			res, err := Run(r, lvs[i], opt)
			if err != nil {
				t.Fatalf("region %d, %+v: %v", i, opt, err)
			}
			jb := job{i, opt}
			jobs, want[jb] = append(jobs, jb), res
		}
	}
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []string
	fail := func(e string) {
		mu.Lock()
		errs = append(errs, e)
		mu.Unlock()
	}
	for w := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 5))
			for range rounds {
				for _, k := range rng.Perm(len(jobs)) {
					jb := jobs[k]
					r, opt := rs[jb.r], jb.opt
					got, err := Run(r, lvs[jb.r], opt)
					if err == nil && !reflect.DeepEqual(got, want[jb]) {
						fail("Run")
					}
					if err != nil {
						fail(err.Error())
					}
					got, err = models[jb.r].Run(lvs[jb.r], opt)
					if err == nil && !reflect.DeepEqual(got.Rows, want[jb].Rows) {
						fail("Model.Run")
					}
					if err != nil {
						fail(err.Error())
					}
				}
			}
		})
	}
	wg.Wait()
	for i, e := range errs {
		if i == 5 {
			t.Fatalf("and %d more", len(errs)-i)
		}
		t.Errorf("a run that differs from its first run (or fails): %s", e)
	}
}
