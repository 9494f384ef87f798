package web

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"raat/data"
	"raat/ingest"
	"raat/region"
	"raat/store"
)

// benchEnv is the dashboard as a region sees it in use: the twelve sample
// employers have uploaded their workbooks, the server runs 300 draws, and
// a board member is logged in.
type benchEnv struct {
	server *Server
	srv    *httptest.Server
	board  *http.Client
	admin  *http.Client
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "raat.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	r, err := region.Twente()
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(st, r, "demo", Options{Draws: 300, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	e := &benchEnv{server: s, srv: httptest.NewServer(s.Handler())}
	b.Cleanup(e.srv.Close)
	names, _ := fs.Glob(data.Employers(), "*.xlsx")
	for i, name := range names {
		file, _ := fs.ReadFile(data.Employers(), name)
		sub, rep := ingest.ReadWorkbook(name, bytes.NewReader(file), int64(len(file)), ingest.Options{})
		if !rep.Accepted {
			b.Fatal(rep.Err())
		}
		email := "w" + string(rune('a'+i)) + "@zorg.nl"
		if _, err := st.CreateUser(ctx, email, sub.Employer.Name, store.Werkgever, sub.Employer.KvK, password); err != nil {
			b.Fatal(err)
		}
		c := e.login(b, email)
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", e.csrf(b, c, "/werkgever"))
		fw, _ := mw.CreateFormFile("werkboek", name)
		fw.Write(file)
		mw.Close()
		resp, err := c.Post(e.srv.URL+"/werkgever/upload", mw.FormDataContentType(), &buf)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			b.Fatalf("upload %s: %v %v", name, err, resp)
		}
		resp.Body.Close()
	}
	if cur, _ := st.CurrentSubmissions(ctx); len(cur) != 12 {
		b.Fatalf("%d current submissions, want 12", len(cur))
	}
	if _, err := st.CreateUser(ctx, "bestuur@wgv.nl", "Bestuur", store.Bestuur, "", password); err != nil {
		b.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, "beheer@wgv.nl", "Beheer", store.Beheerder, "", password); err != nil {
		b.Fatal(err)
	}
	e.board, e.admin = e.login(b, "bestuur@wgv.nl"), e.login(b, "beheer@wgv.nl")
	return e
}

func (e *benchEnv) csrf(b *testing.B, c *http.Client, path string) string {
	resp, err := c.Get(e.srv.URL + path)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRE.FindSubmatch(body)
	if m == nil {
		b.Fatalf("no CSRF token on %s", path)
	}
	return string(m[1])
}

func (e *benchEnv) login(b *testing.B, email string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(e.srv.URL+"/inloggen", url.Values{"csrf": {e.csrf(b, c, "/inloggen")}, "email": {email}, "wachtwoord": {password}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("login %s: %v %v", email, err, resp)
	}
	resp.Body.Close()
	return c
}

// dashboard loads the board's dashboard and checks that it is the page,
// not the bezig page.
func (e *benchEnv) dashboard(b *testing.B) { e.page(b, e.board, "/bestuur", "centrale raming") }

// page loads a page and checks that it says want.
func (e *benchEnv) page(b *testing.B, c *http.Client, path, want string) {
	resp, err := c.Get(e.srv.URL + path)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
		b.Fatalf("%s: %d\n%.300s", path, resp.StatusCode, body)
	}
}

// forget drops what the server keeps: the region of the submissions and
// the study, as after a restart.
func (e *benchEnv) forget() {
	s := e.server
	s.mu.Lock()
	s.model = nil
	s.mu.Unlock()
	s.studies.mu.Lock()
	s.studies.current = nil
	s.studies.mu.Unlock()
}

// cold times visit on a server that keeps nothing, as after a restart.
func cold(b *testing.B, visit func(*benchEnv, *testing.B)) {
	e := newBenchEnv(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		e.forget()
		b.StartTimer()
		visit(e, b)
	}
}

// warm times visit again after a first visit.
func warm(b *testing.B, visit func(*benchEnv, *testing.B)) {
	e := newBenchEnv(b)
	visit(e, b)
	b.ReportAllocs()
	for b.Loop() {
		visit(e, b)
	}
}

// withCharts loads the dashboard and the charts on it, as a browser
// does.
func (e *benchEnv) withCharts(b *testing.B) {
	e.dashboard(b)
	for _, c := range []string{"tekort.svg?s=basis&s=raat-plan", "branches.svg?s=basis&s=raat-plan", "niveaus.svg?s=basis",
		"niveaus.svg?s=raat-plan", "acties.svg?s=raat-plan", "gevoeligheid.svg?s=basis"} {
		e.page(b, e.board, "/grafiek/"+c, "</svg>")
	}
}

func (e *benchEnv) solvePage(b *testing.B) {
	e.page(b, e.admin, "/beheer/oplossen?doeljaar=2035", "Eén hefboom alleen")
}

// BenchmarkDashboardCold loads the dashboard on a server that keeps
// nothing: it reads the 12 submissions, aggregates them, runs basis and
// raat-plan with 300 draws each, decomposes and prices raat-plan's levers
// for the ranked actions, and runs basis's sensitivity (two runs per
// uncertain parameter).
func BenchmarkDashboardCold(b *testing.B) { cold(b, (*benchEnv).dashboard) }

// BenchmarkDashboardWarm loads the dashboard again: the study is kept.
func BenchmarkDashboardWarm(b *testing.B) { warm(b, (*benchEnv).dashboard) }

// BenchmarkSolvePageWarm loads the solve page again (the intake and the
// size of each of the 11 lever kinds that close the gap by 2035).
func BenchmarkSolvePageWarm(b *testing.B) { warm(b, (*benchEnv).solvePage) }

// BenchmarkDashboardWithChartsCold is BenchmarkDashboardCold with the
// page's six charts.
func BenchmarkDashboardWithChartsCold(b *testing.B) { cold(b, (*benchEnv).withCharts) }

// BenchmarkDashboardWithChartsWarm is BenchmarkDashboardWarm with the
// page's six charts.
func BenchmarkDashboardWithChartsWarm(b *testing.B) { warm(b, (*benchEnv).withCharts) }
