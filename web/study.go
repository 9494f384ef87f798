package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"raat/analysis"
	"raat/scenarios"
	"raat/store"
)

// The web application keeps one analysis.Study: the current submissions'
// region under every built-in and saved scenario, with Options.Draws.
// The dashboard, the comparison, the charts, the decomposition, the solve
// page, the report and the downloads all ask it, so each part is computed
// once and every page quotes the same numbers. The study is kept by the
// data it was made from (the ids of the current submissions, and the
// names and text of the saved scenarios): an upload or a saved scenario
// changes that key, and the next request makes a new study and retires the
// old one, cancelling what it was still computing.

// studyKey names the data a study was made from.
type studyKey struct {
	submissions string // the current submissions' ids
	scenarios   string // a hash of the saved scenarios
}

// studyEntry is the kept study with the jobs that compute its parts.
type studyEntry struct {
	key   studyKey
	study *analysis.Study
	jobs  map[string]*job
}

// studies holds the kept study.
type studies struct {
	mu      sync.Mutex
	current *studyEntry
	// retired counts the computations of studies no longer kept.
	retired int64
}

// study returns the study of the current data, making it when the data
// changed since the last request.
func (s *Server) study(ctx context.Context) (*studyEntry, error) {
	m, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	list, saved, err := s.allScenarios(ctx)
	if err != nil {
		return nil, err
	}
	key := studyKey{submissions: m.key, scenarios: savedKey(saved)}
	s.studies.mu.Lock()
	defer s.studies.mu.Unlock()
	if e := s.studies.current; e != nil && e.key == key {
		return e, nil
	}
	st, err := analysis.New(m.data(), uniqueNames(list), analysis.Options{Draws: s.opt.Draws, Seed: s.opt.Seed})
	if err != nil {
		return nil, err
	}
	if old := s.studies.current; old != nil {
		s.studies.retired += old.study.Computations()
		for _, j := range old.jobs {
			j.cancel()
		}
	}
	e := &studyEntry{key: key, study: st, jobs: map[string]*job{}}
	s.studies.current = e
	return e, nil
}

// computations counts the parts the server's studies have computed.
func (s *Server) computations() int64 {
	s.studies.mu.Lock()
	defer s.studies.mu.Unlock()
	n := s.studies.retired
	if e := s.studies.current; e != nil {
		n += e.study.Computations()
	}
	return n
}

// savedKey is a hash of the saved scenarios' names and text.
func savedKey(saved []store.SavedScenario) string {
	h := sha256.New()
	for _, sc := range saved {
		fmt.Fprintf(h, "%q %q\n", sc.Name, sc.YAML)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// uniqueNames keeps the first scenario of each name.
func uniqueNames(list []*scenarios.Scenario) []*scenarios.Scenario {
	seen := map[string]bool{}
	var out []*scenarios.Scenario
	for _, sc := range list {
		if !seen[sc.Name] {
			seen[sc.Name] = true
			out = append(out, sc)
		}
	}
	return out
}

// scenario checks that a name is one of the study's scenarios; an unknown
// one is the user's mistake.
func (e *studyEntry) scenario(name string) (*scenarios.Scenario, error) {
	sc, err := e.study.Scenario(name)
	if errors.Is(err, analysis.ErrUnknownScenario) {
		return nil, badRequest(fmt.Sprintf("Onbekend scenario %q.", name))
	}
	return sc, err
}

// job is work on the study that a page waits for. It runs on its own
// context, not the request's, so that it survives the "bezig" page that a
// long run shows: the browser reloads that page and waits again. It ends
// when it is done, when its study is retired, or when nobody has waited
// for it for Options.Abandon (the browser went away); a job nobody ever
// saw the "bezig" page of ends as soon as its last waiter goes.
type job struct {
	done   chan struct{}
	val    any
	err    error
	cancel context.CancelFunc

	mu     sync.Mutex
	holds  int
	busy   bool // a "bezig" page was shown: the browser will come back
	linger *time.Timer
}

func (j *job) hold() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.holds++
	if j.linger != nil {
		j.linger.Stop()
		j.linger = nil
	}
}

// release ends a wait; busy says that its page was the "bezig" page.
func (j *job) release(busy bool, abandon time.Duration) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.holds--
	j.busy = j.busy || busy
	if j.holds > 0 {
		return
	}
	if !j.busy {
		j.cancel()
		return
	}
	j.linger = time.AfterFunc(abandon, j.cancel)
}

// await runs work on the study under the name what, or joins the job
// already running it, and waits up to Options.Patience for its value. When
// the work takes longer it shows the "bezig" page, which reloads itself,
// and returns ready false; the caller then returns nil.
func (s *Server) await(w http.ResponseWriter, r *http.Request, se *store.Session, e *studyEntry, what string,
	work func(context.Context) (any, error)) (val any, ready bool, err error) {
	s.studies.mu.Lock()
	j := e.jobs[what]
	if j == nil {
		ctx, cancel := context.WithCancel(context.Background())
		j = &job{done: make(chan struct{}), cancel: cancel}
		e.jobs[what] = j
		go func() {
			defer cancel()
			j.val, j.err = work(ctx)
			close(j.done)
			s.studies.mu.Lock()
			if e.jobs[what] == j {
				delete(e.jobs, what) // the study keeps the parts; the next page asks it again
			}
			s.studies.mu.Unlock()
		}()
	}
	j.hold()
	s.studies.mu.Unlock()
	patience := time.NewTimer(s.opt.Patience)
	defer patience.Stop()
	select {
	case <-j.done:
		j.release(false, s.opt.Abandon)
		if errors.Is(j.err, context.Canceled) && r.Context().Err() == nil {
			// the study was retired under the job (an upload, a saved
			// scenario): the next load asks the new one
			s.busy(w, se, analysis.Progress{})
			return nil, false, nil
		}
		return j.val, true, j.err
	case <-patience.C:
		j.release(true, s.opt.Abandon)
		s.busy(w, se, e.study.Progress())
		return nil, false, nil
	case <-r.Context().Done():
		j.release(false, s.opt.Abandon)
		return nil, false, r.Context().Err()
	}
}

// show computes a page's data on the study, as a job named by the page's
// address, and renders it with the template; a long computation shows the
// "bezig" page instead.
func (s *Server) show(w http.ResponseWriter, r *http.Request, se *store.Session, tmpl string,
	build func(ctx context.Context, e *studyEntry) (map[string]any, error)) error {
	e, err := s.study(r.Context())
	if err != nil {
		return err
	}
	v, ready, err := s.await(w, r, se, e, r.URL.Path+"?"+r.URL.Query().Encode(), func(ctx context.Context) (any, error) {
		return build(ctx, e)
	})
	if err != nil || !ready {
		return err
	}
	data := map[string]any{}
	for k, x := range v.(map[string]any) { // render adds to it; the job's value may be shared
		data[k] = x
	}
	s.render(w, tmpl, se, data)
	return nil
}

// busyRefresh is how often the "bezig" page reloads itself, in seconds.
const busyRefresh = 2

// busy shows that a long run is in progress: a page that reloads itself
// (a meta refresh: the pages have no JavaScript) with how far the work is.
func (s *Server) busy(w http.ResponseWriter, se *store.Session, p analysis.Progress) {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusAccepted)
	data := map[string]any{"Refresh": busyRefresh, "Step": p.Step, "Done": p.Done, "Total": max(p.Total, 1)}
	if p.Total > 0 {
		data["Percent"] = 100 * p.Done / p.Total
	}
	s.render(w, "bezig.html", se, data)
}
