package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"raat/data"
	"raat/ingest"
	"raat/region"
	"raat/store"
)

func init() { store.BcryptCost = 4 }

// env is a test server with an administrator, two employers (A and B,
// whose KvK numbers and names are those of two sample workbooks) and a
// board member.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	st     *store.Store
	kvkA   string
	kvkB   string
	orgA   string // the organisation's name in A's workbook and account
	orgB   string
	fileA  []byte // a valid workbook of employer A
	fileB  []byte
	nameA  string // its file name
	logBuf *syncBuffer
	clock  *testClock
	server *Server
}

const password = "een heel goed wachtwoord"

// testClock is a clock the tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer is a log buffer the server's goroutines may write at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newEnv starts the test server; opts change its options.
func newEnv(t *testing.T, opts ...func(*Options)) *env {
	t.Helper()
	// A patient server: these tests read pages, not the "bezig" page that
	// a slow run (under -race, on a loaded machine) would show instead,
	// nor the page of an upload being checked.
	opt := Options{Draws: 20, Patience: time.Minute, UploadWait: time.Minute}
	for _, o := range opts {
		o(&opt)
	}
	return newEnvWith(t, opt)
}

// newEnvWith is newEnv with other server options.
func newEnvWith(t *testing.T, opt Options) *env {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "raat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, logBuf: &syncBuffer{}, clock: &testClock{t: time.Now()}}
	st.SetClock(e.clock.Now)
	opt.Logger = slog.New(slog.NewTextHandler(e.logBuf, nil))
	if opt.Now == nil {
		opt.Now = e.clock.Now // the clock the tests move
	}
	s, err := New(st, r, "demo", opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	e.server = s
	e.srv = httptest.NewServer(s.Handler())
	t.Cleanup(e.srv.Close)
	names, _ := fs.Glob(data.Employers(), "*.xlsx")
	e.nameA = names[0]
	e.fileA, _ = fs.ReadFile(data.Employers(), names[0])
	e.fileB, _ = fs.ReadFile(data.Employers(), names[1])
	e.kvkA, e.orgA = kvkOf(t, e.fileA)
	e.kvkB, e.orgB = kvkOf(t, e.fileB)
	mustUser(t, st, "beheer@wgv.nl", "Beheer", store.Beheerder, "")
	mustUser(t, st, "a@zorg.nl", e.orgA, store.Werkgever, e.kvkA)
	mustUser(t, st, "b@zorg.nl", e.orgB, store.Werkgever, e.kvkB)
	mustUser(t, st, "bestuur@wgv.nl", "Bestuur", store.Bestuur, "")
	return e
}

func mustUser(t *testing.T, st *store.Store, email, name string, role store.Role, kvk string) {
	t.Helper()
	if _, err := st.CreateUser(context.Background(), email, name, role, kvk, password); err != nil {
		t.Fatal(err)
	}
}

// kvkOf returns the KvK number and organisation name of a workbook.
func kvkOf(t *testing.T, b []byte) (kvk, name string) {
	t.Helper()
	sub, rep := ingest.ReadWorkbook("x.xlsx", bytes.NewReader(b), int64(len(b)), ingest.Options{})
	if !rep.Accepted {
		t.Fatalf("sample workbook refused: %v", rep.Err())
	}
	return sub.Employer.KvK, sub.Employer.Name
}

// client is a logged-in browser-like client (cookies, no redirects
// followed unless asked).
type client struct {
	e    *env
	http *http.Client
}

func (e *env) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (e *env) login(email string) *client {
	e.t.Helper()
	c := e.anon()
	resp := c.postForm("/inloggen", url.Values{"email": {email}, "wachtwoord": {password}}, c.csrfOf("/inloggen"))
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d", email, resp.StatusCode)
	}
	return c
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfOf loads a page and returns the CSRF token of its first form.
func (c *client) csrfOf(path string) string {
	c.e.t.Helper()
	body, _ := c.get(path)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		c.e.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

func (c *client) get(path string) (string, *http.Response) {
	c.e.t.Helper()
	resp, err := c.http.Get(c.e.srv.URL + path)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp
}

func (c *client) postForm(path string, v url.Values, csrf string) *http.Response {
	c.e.t.Helper()
	if csrf != "" {
		v.Set("csrf", csrf)
	}
	resp, err := c.http.PostForm(c.e.srv.URL+path, v)
	if err != nil {
		c.e.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// upload posts a workbook; csrf "" leaves the token out.
func (c *client) upload(name string, file []byte, csrf string) *http.Response {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	fw, _ := mw.CreateFormFile("werkboek", name)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+"/werkgever/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, nil)
}

// send sends a request with extra headers and returns the response, its
// body read and closed.
func (c *client) send(req *http.Request, header http.Header) *http.Response {
	c.e.t.Helper()
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestPagesPerRole(t *testing.T) {
	e := newEnv(t)
	admin, a, board := e.login("beheer@wgv.nl"), e.login("a@zorg.nl"), e.login("bestuur@wgv.nl")
	anon := e.anon()
	pages := []string{"/werkgever", "/werkgever/sjabloon.xlsx", "/beheer", "/beheer/scenarios", "/beheer/vergelijk?s=basis&s=raat-plan",
		"/beheer/uitleg?s=raat-plan", "/beheer/oplossen?doeljaar=2032", "/beheer/scenario?van=behoud", "/beheer/export.parquet",
		"/beheer/export.arrow", "/bestuur", "/rapport.pdf", "/grafiek/tekort.svg?s=basis&band=1", "/grafiek/waterval.svg",
		"/grafiek/stromen.svg", "/grafiek/opleidingsquote.svg"}
	// who may see what: W werkgever, A beheerder, B bestuur; the region's
	// charts are not for employers (disclosure.go)
	access := map[string]string{
		"/werkgever": "W", "/werkgever/sjabloon.xlsx": "WA", "/bestuur": "AB", "/rapport.pdf": "AB",
		"/grafiek/tekort.svg?s=basis&band=1": "AB", "/grafiek/waterval.svg": "AB", "/grafiek/stromen.svg": "AB", "/grafiek/opleidingsquote.svg": "WAB",
	}
	for _, p := range pages {
		who := access[p]
		if who == "" {
			who = "A"
		}
		for _, c := range []struct {
			role   string
			client *client
		}{{"W", a}, {"A", admin}, {"B", board}} {
			body, resp := c.client.get(p)
			want := http.StatusForbidden
			if strings.Contains(who, c.role) {
				want = http.StatusOK
			}
			if c.role == "W" && strings.HasPrefix(p, "/grafiek/opleidingsquote") {
				want = http.StatusNotFound // an employer that delivered nothing has no quote
			}
			if resp.StatusCode != want {
				t.Errorf("%s as %s: %d, want %d\n%.300s", p, c.role, resp.StatusCode, want, body)
			}
		}
		if _, resp := anon.get(p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen" {
			t.Errorf("%s without login: %d %s, want a redirect to /inloggen", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	_, resp := e.anon().get("/inloggen")
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	c := e.login("beheer@wgv.nl")
	u, _ := url.Parse(e.srv.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == sessionCookie && ck.Value == "" {
			t.Error("empty session cookie")
		}
	}
	// The cookie attributes are in the Set-Cookie header of the login.
	a := e.anon()
	resp2 := a.postForm("/inloggen", url.Values{"email": {"beheer@wgv.nl"}, "wachtwoord": {password}}, a.csrfOf("/inloggen"))
	sc := strings.Join(resp2.Header.Values("Set-Cookie"), "; ")
	for _, want := range []string{sessionCookie + "=", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(sc, want) {
			t.Errorf("session cookie %q lacks %s", sc, want)
		}
	}
}

func TestUploadAcceptedRefusedAndPrivate(t *testing.T) {
	e := newEnv(t)
	a, b, admin, board := e.login("a@zorg.nl"), e.login("b@zorg.nl"), e.login("beheer@wgv.nl"), e.login("bestuur@wgv.nl")

	resp := a.upload(e.nameA, e.fileA, a.csrfOf("/werkgever"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	own := resp.Header.Get("Location")
	body, _ := a.get(own)
	if !strings.Contains(body, "Geaccepteerd") {
		t.Errorf("own submission page:\n%.500s", body)
	}
	// B may not see A's submission or its file: 404, as if it did not exist.
	for _, p := range []string{own, own + "/bestand"} {
		if _, resp := b.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("B reads %s: %d, want 404", p, resp.StatusCode)
		}
		if _, resp := admin.get(p); resp.StatusCode != http.StatusOK {
			t.Errorf("admin reads %s: %d, want 200", p, resp.StatusCode)
		}
		if _, resp := board.get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("board reads %s: %d, want 403", p, resp.StatusCode)
		}
	}
	for _, p := range []string{"/inzending/99", "/inzending/abc", "/inzending/-1"} {
		if _, resp := a.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
	// B uploading A's workbook is refused: the KvK number is not B's.
	resp = b.upload(e.nameA, e.fileA, b.csrfOf("/werkgever"))
	body, _ = b.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "Geweigerd") || !strings.Contains(body, e.kvkB) {
		t.Errorf("B uploading A's file:\n%.800s", body)
	}
	// A refused upload changes nothing: A's accepted one still counts.
	bad, _ := os.ReadFile("../ingest/testdata/fouten-personeel.xlsx")
	resp = a.upload("fouten.xlsx", bad, a.csrfOf("/werkgever"))
	body, _ = a.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "Geweigerd") || !strings.Contains(body, "Personeel") {
		t.Errorf("refused upload page:\n%.800s", body)
	}
	cur, _ := e.st.CurrentSubmissions(context.Background())
	if len(cur) != 1 || cur[0].KvK != e.kvkA {
		t.Errorf("current submissions after a refused upload: %+v", cur)
	}
	// Re-uploading replaces the earlier one, atomically.
	a.upload(e.nameA, e.fileA, a.csrfOf("/werkgever"))
	cur, _ = e.st.CurrentSubmissions(context.Background())
	all, _ := e.st.Submissions(context.Background(), e.kvkA)
	if len(cur) != 1 || len(all) != 3 {
		t.Errorf("after a re-upload: %d current, %d in history; want 1 and 3", len(cur), len(all))
	}
	// Not an xlsx, and too big: refused before parsing.
	resp = a.upload("tabel.xlsx", []byte("a;b\n1;2\n"), a.csrfOf("/werkgever"))
	body, _ = a.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "Geweigerd") {
		t.Errorf("CSV renamed to .xlsx:\n%.500s", body)
	}
}

func TestBoardAndAdminCannotUpload(t *testing.T) {
	e := newEnv(t)
	for _, who := range []string{"bestuur@wgv.nl", "beheer@wgv.nl"} {
		c := e.login(who)
		csrf := csrfRE.FindStringSubmatch(first(c.get(homeOf(roleOf(who)))))
		tok := ""
		if csrf != nil {
			tok = csrf[1]
		}
		if resp := c.upload(e.nameA, e.fileA, tok); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s uploads: %d, want 403", who, resp.StatusCode)
		}
	}
}

func first(s string, _ *http.Response) string { return s }

func roleOf(email string) store.Role {
	if strings.HasPrefix(email, "bestuur") {
		return store.Bestuur
	}
	return store.Beheerder
}

func TestCSRF(t *testing.T) {
	e := newEnv(t)
	a, admin := e.login("a@zorg.nl"), e.login("beheer@wgv.nl")
	if resp := a.upload(e.nameA, e.fileA, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload without CSRF token: %d, want 403", resp.StatusCode)
	}
	if resp := a.upload(e.nameA, e.fileA, "forged"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload with a wrong token: %d, want 403", resp.StatusCode)
	}
	inv := url.Values{"naam": {"X"}, "email": {"x@zorg.nl"}, "rol": {"bestuur"}}
	if resp := admin.postForm("/beheer/uitnodigen", inv, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("invite without token: %d, want 403", resp.StatusCode)
	}
	if resp := admin.postForm("/uitloggen", url.Values{}, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("logout without token: %d, want 403", resp.StatusCode)
	}
	// another session's token does not work either
	if resp := admin.postForm("/beheer/uitnodigen", inv, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("invite with another session's token: %d, want 403", resp.StatusCode)
	}
	anon := e.anon()
	if resp := anon.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, "zelfgemaakt"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without the form's token: %d, want 403", resp.StatusCode)
	}
}

// TestLoginRateLimit: after the free failures the account is slowed down
// from this address, not shut: the right password works once the
// back-off has passed, another account from the same address is not
// slowed, and the beheerder can lift the block at once.
func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t)
	c := e.anon()
	for i := range freePerPair {
		resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {"fout" + fmt.Sprint(i)}}, c.csrfOf("/inloggen"))
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, c.csrfOf("/inloggen"))
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("right after %d failures, the right password: %d (Retry-After %q), want 429 and 2 s", freePerPair, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Another account from the same address still gets in.
	b := e.anon()
	if resp := b.postForm("/inloggen", url.Values{"email": {"b@zorg.nl"}, "wachtwoord": {password}}, b.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another account: %d, want 303", resp.StatusCode)
	}
	// The real user, in a fresh browser, after the short back-off.
	e.clock.Add(firstDelay)
	fresh := e.anon()
	if resp := fresh.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, fresh.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the right password after the back-off: %d, want 303", resp.StatusCode)
	}
	fresh = e.anon()
	// Blocked again by more failures, the beheerder lifts the block.
	for i := range freePerPair + 3 {
		e.clock.Add(time.Hour)
		c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {"fout" + fmt.Sprint(i)}}, c.csrfOf("/inloggen"))
	}
	if resp := fresh.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, fresh.csrfOf("/inloggen")); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after %d more failures: %d, want 429", freePerPair+3, resp.StatusCode)
	}
	admin := e.login("beheer@wgv.nl")
	body, _ := admin.get("/beheer/accounts")
	if !strings.Contains(body, "inloggen geblokkeerd tot") {
		t.Errorf("the accounts page does not show the block:\n%.2000s", body)
	}
	id := userID(t, e.st, "a@zorg.nl")
	if resp := admin.postForm(fmt.Sprintf("/beheer/accounts/%d/deblokkeren", id), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lift: %d", resp.StatusCode)
	}
	if resp := fresh.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, fresh.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the beheerder lifted the block: %d, want 303", resp.StatusCode)
	}
}

// userID is the id of the account with an e-mail address.
func userID(t *testing.T, st *store.Store, email string) int64 {
	t.Helper()
	users, err := st.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == email {
			return u.ID
		}
	}
	t.Fatalf("no account %s", email)
	return 0
}

func TestInviteFlow(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	body, resp := postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {"Zorg C"}, "email": {"c@zorg.nl"}, "rol": {"werkgever"}, "kvk": {"12345678"}}, admin.csrfOf("/beheer"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	link := linkIn(t, body, "/uitnodiging/")
	c := e.anon()
	tok := c.csrfOf(link)
	if resp := c.postForm(link, url.Values{"wachtwoord": {"kort"}, "herhaling": {"kort"}}, tok); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("short password: %d, want 400", resp.StatusCode)
	}
	tok = c.csrfOf(link)
	resp = c.postForm(link, url.Values{"wachtwoord": {password}, "herhaling": {password}}, tok)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/werkgever" {
		t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, resp := c.get("/werkgever"); resp.StatusCode != http.StatusOK {
		t.Errorf("new employer's page: %d", resp.StatusCode)
	}
	if _, resp := e.anon().get(link); resp.StatusCode != http.StatusNotFound {
		t.Errorf("used invitation: %d, want 404", resp.StatusCode)
	}
	bad := admin.postForm("/beheer/uitnodigen", url.Values{"naam": {"X"}, "email": {"x@zorg.nl"}, "rol": {"werkgever"}, "kvk": {"123"}}, admin.csrfOf("/beheer"))
	if bad.StatusCode != http.StatusBadRequest {
		t.Errorf("werkgever without a valid KvK: %d, want 400", bad.StatusCode)
	}
	// A KvK number that has an account is refused when the invitation is
	// made, not when it is accepted.
	body, dup := postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {"Ander"}, "email": {"ander@zorg.nl"}, "rol": {"werkgever"}, "kvk": {"12345678"}}, admin.csrfOf("/beheer"))
	if dup.StatusCode != http.StatusConflict || !strings.Contains(body, "KvK-nummer 12345678 heeft al een account") {
		t.Errorf("invitation for a KvK with an account: %d\n%.1500s", dup.StatusCode, body)
	}
}

var linkRE = regexp.MustCompile(`https?://[^/<"]+(/(?:uitnodiging|herstel)/[A-Za-z0-9_-]+)`)

// linkIn returns the path of the invitation or reset link a page shows.
func linkIn(t *testing.T, body, prefix string) string {
	t.Helper()
	m := linkRE.FindStringSubmatch(body)
	if m == nil || !strings.HasPrefix(m[1], prefix) {
		t.Fatalf("no %s link on the page:\n%.2000s", prefix, body)
	}
	return m[1]
}

func TestScenarioEditor(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	tok := admin.csrfOf("/beheer/scenario?van=behoud")
	form := url.Values{"naam": {"meer-behoud"}, "omschrijving": {"20% minder uitstroom"},
		"aan-behoud": {"on"}, "omvang-behoud": {"0,2"}, "start-behoud": {"1"}, "horizon-behoud": {"middellang"}}
	resp := admin.postForm("/beheer/scenario", form, tok)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	body, _ := admin.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "meer-behoud") {
		t.Errorf("comparison lacks the saved scenario:\n%.500s", body)
	}
	// A size out of range is shown in Dutch and nothing is saved.
	form.Set("naam", "te-veel")
	form.Set("omvang-behoud", "1,5")
	body2, resp2 := postBody(admin, "/beheer/scenario", form, admin.csrfOf("/beheer/scenario"))
	if resp2.StatusCode != http.StatusBadRequest || !strings.Contains(body2, "verwacht een getal van 0 tot 1") {
		t.Errorf("out of range: %d\n%.800s", resp2.StatusCode, body2)
	}
	// So is a start in the base year (0 years after it).
	form.Set("naam", "te-vroeg")
	form.Set("omvang-behoud", "0,2")
	form.Set("start-behoud", "0")
	body3, resp3 := postBody(admin, "/beheer/scenario", form, admin.csrfOf("/beheer/scenario"))
	if resp3.StatusCode != http.StatusBadRequest || !strings.Contains(body3, "start gevonden &#34;0&#34; jaar na het basisjaar, verwacht 1 tot 50 jaar na het basisjaar") {
		t.Errorf("start in the base year: %d\n%.800s", resp3.StatusCode, body3)
	}
	saved, _ := e.st.Scenarios(context.Background())
	if len(saved) != 1 {
		t.Errorf("%d saved scenarios, want 1", len(saved))
	}
	// Scenario names never reach the file system.
	if _, resp := admin.get("/beheer/vergelijk?s=../../etc/passwd.yaml"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a path as scenario name: %d, want 400", resp.StatusCode)
	}
}

func postBody(c *client, path string, v url.Values, csrf string) (string, *http.Response) {
	v.Set("csrf", csrf)
	resp, err := c.http.PostForm(c.e.srv.URL+path, v)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp
}

func TestDownloads(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	for p, magic := range map[string]string{"/rapport.pdf": "%PDF-", "/beheer/export.parquet": "PAR1", "/beheer/export.arrow": "ARROW1",
		"/werkgever/sjabloon.xlsx": "PK", "/grafiek/tekort.svg?s=basis&s=raat-plan&band=1": "<?xml"} {
		body, resp := admin.get(p)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, magic) {
			t.Errorf("%s: %d, starts %q, want %q", p, resp.StatusCode, body[:min(8, len(body))], magic)
		}
	}
	if _, resp := admin.get("/grafiek/onbekend.svg"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown chart: %d, want 404", resp.StatusCode)
	}
}
