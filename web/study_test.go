package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"raat/forecast"
)

// TestPagesShareOneStudy counts the study's computations: a page asked a
// second time computes nothing, the charts beside the dashboard were
// computed with it, the report and the solve page add only the parts they
// need and nothing the second time, and an upload or a saved scenario
// makes a new study that computes again.
func TestPagesShareOneStudy(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	runs := e.server.computations
	get := func(path string) {
		t.Helper()
		body, resp := admin.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%.300s", path, resp.StatusCode, body)
		}
	}
	get("/bestuur")
	dashboard := runs()
	// two runs, two Monte Carlos, the sensitivity of basis, and
	// raat-plan's decomposition, costs and ranked actions
	if dashboard != 8 {
		t.Errorf("the dashboard computed %d parts, want 8", dashboard)
	}
	get("/bestuur")
	get("/grafiek/tekort.svg?s=basis&s=raat-plan")
	get("/grafiek/waterval.svg?s=raat-plan")
	get("/grafiek/branches.svg?s=basis&s=raat-plan")
	get("/grafiek/niveaus.svg?s=raat-plan")
	get("/grafiek/acties.svg?s=raat-plan")
	get("/grafiek/gevoeligheid.svg?s=basis")
	get("/beheer/vergelijk?s=basis&s=raat-plan")
	if n := runs(); n != dashboard {
		t.Errorf("the dashboard again, its charts and the comparison of the same scenarios computed %d parts", n-dashboard)
	}
	get("/rapport.pdf")
	report := runs()
	// bol-naar-bbl and behoud (a run and a Monte Carlo each); raat-plan's
	// actions and the sensitivity the dashboard computed
	if report-dashboard != 4 {
		t.Errorf("the report computed %d more parts, want 4", report-dashboard)
	}
	get("/rapport.pdf")
	get("/beheer/uitleg?s=raat-plan")
	if n := runs(); n != report {
		t.Errorf("the report again and the decomposition page computed %d parts", n-report)
	}
	get("/beheer/oplossen?doeljaar=2032")
	solved := runs()
	get("/beheer/oplossen?doeljaar=2032")
	if n := runs(); n != solved || solved-report != 1+forecast.NumLeverKinds { // the intake and every lever kind
		t.Errorf("the solve page computed %d parts, then %d; want %d, then 0", solved-report, n-solved, 1+forecast.NumLeverKinds)
	}

	// An upload changes the data: the next dashboard is a new study.
	a := e.login("a@zorg.nl")
	if resp := a.upload(e.nameA, e.fileA, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	get("/bestuur")
	if n := runs(); n-solved != 8 {
		t.Errorf("the dashboard after an upload computed %d parts, want 8", n-solved)
	}
	uploaded := runs()
	get("/bestuur")
	if n := runs(); n != uploaded {
		t.Errorf("the dashboard again after the upload computed %d parts", n-uploaded)
	}
	// So does a saved scenario.
	form := url.Values{"naam": {"meer-behoud"}, "omschrijving": {"20% minder uitstroom"},
		"aan-behoud": {"on"}, "omvang-behoud": {"0,2"}, "start-behoud": {"1"}, "horizon-behoud": {"middellang"}}
	if resp := admin.postForm("/beheer/scenario", form, admin.csrfOf("/beheer/scenario?van=behoud")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	get("/bestuur")
	if n := runs(); n-uploaded != 8 {
		t.Errorf("the dashboard after a saved scenario computed %d parts, want 8", n-uploaded)
	}
}

// TestLongRunShowsBusyPage: a page whose study takes longer than the
// server's patience shows the "bezig" page, which reloads itself (without
// JavaScript) and says how far the work is; reloading it ends on the page.
func TestLongRunShowsBusyPage(t *testing.T) {
	// 200 draws are enough to outlast a patience of 1 ms by far: the
	// dashboard's study (two Monte Carlos, the plan's actions, the
	// sensitivity) takes seconds under -race and some tenths without; 4,000
	// draws only made the test wait a minute for the same pages.
	e := newEnvWith(t, Options{Draws: 200, Patience: time.Millisecond})
	board := e.login("bestuur@wgv.nl")
	body, resp := board.get("/bestuur")
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("first load: %d, want 202 (bezig)\n%.500s", resp.StatusCode, body)
	}
	for _, want := range []string{`<meta http-equiv="refresh" content="2">`, "Bezig met rekenen", "<progress"} {
		if !strings.Contains(body, want) {
			t.Errorf("the bezig page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script") || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the bezig page has a script or may be cached (%q)", resp.Header.Get("Cache-Control"))
	}
	// The deadline only ends a test that would wait for ever; the loop
	// ends as soon as the page is there.
	deadline := time.Now().Add(4 * time.Minute)
	for resp.StatusCode == http.StatusAccepted && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond) // a browser waits the refresh's 2 s
		body, resp = board.get("/bestuur")
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "centrale raming") {
		t.Errorf("after the bezig page: %d\n%.500s", resp.StatusCode, body)
	}
}

// TestBrowserThatGoesAwayStopsTheRun: a request for a page of a long
// study that the client abandons before any "bezig" page cancels the
// study's work, which keeps nothing.
func TestBrowserThatGoesAwayStopsTheRun(t *testing.T) {
	e := newEnvWith(t, Options{Draws: 20_000, Patience: time.Minute})
	board := e.login("bestuur@wgv.nl")
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.srv.URL+"/bestuur", nil)
	errc := make(chan error, 1)
	go func() {
		resp, err := board.http.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	entry := func() *studyEntry {
		e.server.studies.mu.Lock()
		defer e.server.studies.mu.Unlock()
		return e.server.studies.current
	}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) { // wait for the Monte Carlo to start
		if st := entry(); st != nil && st.study.Progress().Done > 1 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("the request ended with %v, want it cancelled", err)
	}
	st := entry()
	for time.Now().Before(deadline) { // the job ends and leaves
		e.server.studies.mu.Lock()
		n := len(st.jobs)
		e.server.studies.mu.Unlock()
		if n == 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	p := st.study.Progress()
	if st.study.Ready("basis") || p.Done >= 2*20_000 || p.Done != p.Total {
		t.Errorf("after the browser went away: ready %v, progress %+v; want nothing kept and the unrun draws off the total",
			st.study.Ready("basis"), p)
	}
}
