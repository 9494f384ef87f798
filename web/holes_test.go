package web

// Regression tests for the holes an attack on loopback found (issue 15),
// one test per hole, each failing without its fix.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"raat/ingest"
	"raat/internal/hostile"
	"raat/store"
)

// postMultipart posts fields as a multipart form (no file), the way a
// page on another site can make a browser do.
func (c *client) postMultipart(path string, fields map[string]string, header http.Header) *http.Response {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, header)
}

// postWith posts a URL-encoded form with extra headers.
func (c *client) postWith(path string, v url.Values, header http.Header) *http.Response {
	c.e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.e.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.send(req, header)
}

// Hole 1: a multipart form skipped the CSRF check everywhere but the
// upload, and nothing looked at where a request came from.
func TestHole1CSRFWhateverTheContentType(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	ctx := context.Background()
	invite := map[string]string{"naam": "Indringer", "email": "indringer@kwaad.nl", "rol": "beheerder"}
	if resp := admin.postMultipart("/beheer/uitnodigen", invite, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("multipart invitation without a token: %d, want 403", resp.StatusCode)
	}
	scenario := map[string]string{"naam": "kwaad", "omschrijving": "x", "aan-behoud": "on", "omvang-behoud": "0,2", "start-behoud": "1", "horizon-behoud": "middellang"}
	if resp := admin.postMultipart("/beheer/scenario", scenario, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("multipart scenario without a token: %d, want 403", resp.StatusCode)
	}
	if resp := admin.postMultipart("/uitloggen", nil, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("multipart logout without a token: %d, want 403", resp.StatusCode)
	}
	if resp := admin.postMultipart("/uitloggen/overal", nil, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("multipart log-out-everywhere without a token: %d, want 403", resp.StatusCode)
	}
	if in, _ := e.st.OpenInvites(ctx); len(in) != 0 {
		t.Errorf("an invitation was made: %+v", in)
	}
	if sc, _ := e.st.Scenarios(ctx); len(sc) != 0 {
		t.Errorf("a scenario was saved: %+v", sc)
	}
	if _, resp := admin.get("/beheer"); resp.StatusCode != http.StatusOK {
		t.Errorf("the session was logged out: %d", resp.StatusCode)
	}
	// Another content type with the token in the body is not a form.
	tok := admin.csrfOf("/beheer")
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/beheer/uitnodigen", strings.NewReader("csrf="+tok+"&naam=X&email=x@kwaad.nl&rol=bestuur"))
	req.Header.Set("Content-Type", "text/plain")
	if resp, err := admin.http.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("text/plain invitation: %v %v, want 403", resp.StatusCode, err)
	}
	// With the session's token, a page on another origin (another port of
	// the same host) is still refused: by Sec-Fetch-Site, or by Origin.
	for name, h := range map[string]http.Header{
		"Sec-Fetch-Site same-site":  {"Sec-Fetch-Site": {"same-site"}},
		"Sec-Fetch-Site cross-site": {"Sec-Fetch-Site": {"cross-site"}},
		"Origin of another port":    {"Origin": {"http://127.0.0.1:1"}},
	} {
		v := url.Values{"csrf": {tok}, "naam": {"Indringer"}, "email": {"indringer@kwaad.nl"}, "rol": {"beheerder"}}
		if resp := admin.postWith("/beheer/uitnodigen", v, h); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with the right token: %d, want 403", name, resp.StatusCode)
		}
		anon := e.anon()
		lv := url.Values{"csrf": {anon.csrfOf("/inloggen")}, "email": {"a@zorg.nl"}, "wachtwoord": {password}}
		if resp := anon.postWith("/inloggen", lv, h); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s login: %d, want 403", name, resp.StatusCode)
		}
	}
	if in, _ := e.st.OpenInvites(ctx); len(in) != 0 {
		t.Errorf("an invitation was made from another origin: %+v", in)
	}
	// The same requests from the site itself work, multipart included.
	invite["csrf"] = tok
	if resp := admin.postMultipart("/beheer/uitnodigen", invite, http.Header{"Sec-Fetch-Site": {"same-origin"}}); resp.StatusCode != http.StatusOK {
		t.Errorf("multipart invitation with the token from the site: %d, want 200", resp.StatusCode)
	}
}

// Hole 2: an employer saw other employers' figures, by name in the quote
// chart and through the region figure when there were two.
func TestHole2EmployerSeesOnlyOwnFigures(t *testing.T) {
	e := newEnv(t)
	a, b := e.login("a@zorg.nl"), e.login("b@zorg.nl")
	for _, c := range []struct {
		cl   *client
		file []byte
	}{{a, e.fileA}, {b, e.fileB}} {
		if resp := c.cl.upload("uitvraag.xlsx", c.file, c.cl.csrfOf("/werkgever")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
	}
	chartB, resp := b.get("/grafiek/opleidingsquote.svg")
	if resp.StatusCode != http.StatusOK || strings.Contains(chartB, e.orgA) || !strings.Contains(chartB, "Uw organisatie") || strings.Contains(chartB, "Regio") {
		t.Errorf("B's quote chart with two employers: %d, names A %v, own bar %v, region %v", resp.StatusCode,
			strings.Contains(chartB, e.orgA), strings.Contains(chartB, "Uw organisatie"), strings.Contains(chartB, "Regio"))
	}
	for _, p := range []string{"/grafiek/tekort.svg?s=basis", "/grafiek/waterval.svg", "/grafiek/stromen.svg"} {
		if _, resp := b.get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("B reads the region chart %s: %d, want 403", p, resp.StatusCode)
		}
	}
	page, _ := b.get("/werkgever")
	if strings.Contains(page, "De regio:") || strings.Contains(page, "aandeel in het personeel") || !strings.Contains(page, "minstens 3 werkgevers") {
		t.Errorf("B's quote card with two employers shows the region:\n%s", section(page, "Uw opleidingsquote"))
	}
	// Two more employers: four, none dominating; the region is shown.
	emails, files := employers(t, e.st, 4)
	for i := 2; i < 4; i++ {
		c := e.login(emails[i])
		if resp := c.upload("uitvraag.xlsx", files[i], c.csrfOf("/werkgever")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload %d: %d", i, resp.StatusCode)
		}
	}
	page, _ = b.get("/werkgever")
	if !strings.Contains(page, "De regio:") || !strings.Contains(page, "aandeel in het personeel") {
		t.Errorf("B's quote card with four employers:\n%s", section(page, "Uw opleidingsquote"))
	}
	chartB, _ = b.get("/grafiek/opleidingsquote.svg")
	if strings.Contains(chartB, e.orgA) || !strings.Contains(chartB, "Regio (4 werkgevers)") {
		t.Errorf("B's chart with four employers: names A %v, region bar %v", strings.Contains(chartB, e.orgA), strings.Contains(chartB, "Regio (4 werkgevers)"))
	}
	// The beheerder and the board still see every employer.
	admin := e.login("beheer@wgv.nl")
	if all, _ := admin.get("/grafiek/opleidingsquote.svg"); !strings.Contains(all, e.orgA) || !strings.Contains(all, e.orgB) {
		t.Error("the beheerder's chart lacks an employer")
	}
}

// section returns the part of a page from the heading on, for messages.
func section(page, heading string) string {
	if i := strings.Index(page, heading); i >= 0 {
		return page[i:min(len(page), i+1500)]
	}
	return page[:min(len(page), 1500)]
}

// TestRegionDisclosable checks the rule on numbers worked out by hand:
// care FTE and training FTE of the employers, the viewer first.
func TestRegionDisclosable(t *testing.T) {
	q := func(care, training float64) ingest.Quote { return ingest.Quote{CareFTE: care, TrainingFTE: training} }
	tests := []struct {
		name string
		qs   []ingest.Quote
		own  int
		want bool
	}{
		{"two employers", []ingest.Quote{q(100, 10), q(100, 10)}, 0, false},
		{"three equal", []ingest.Quote{q(100, 10), q(100, 10), q(100, 10)}, 0, true},
		// others: 1000 and 99: 99 < 10% of 1000
		{"one other dominates the staff", []ingest.Quote{q(100, 10), q(1000, 100), q(99, 10)}, 0, false},
		// others: 1000 and 100: 100 = 10% of 1000, enough
		{"at the bound", []ingest.Quote{q(100, 10), q(1000, 100), q(100, 10)}, 0, true},
		// others train 100 and 5: 5 < 10
		{"one other does nearly all training", []ingest.Quote{q(100, 10), q(500, 100), q(500, 5)}, 0, false},
		{"the viewer dominates, the others do not", []ingest.Quote{q(10000, 1000), q(100, 10), q(100, 10)}, 0, true},
		{"not delivered, three others", []ingest.Quote{q(100, 10), q(100, 10), q(100, 10)}, -1, true},
		{"not delivered, two others", []ingest.Quote{q(100, 10), q(100, 10)}, -1, false},
	}
	for _, tt := range tests {
		if got := regionDisclosable(tt.qs, tt.own); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Hole 3: B uploaded a workbook with A's name and branch under B's KvK
// number; it was accepted and A's name showed twice.
func TestHole3UploadUnderAnotherName(t *testing.T) {
	e := newEnv(t)
	a, b := e.login("a@zorg.nl"), e.login("b@zorg.nl")
	a.upload("a.xlsx", e.fileA, a.csrfOf("/werkgever"))
	subA, _ := ingest.ReadWorkbook("a.xlsx", bytes.NewReader(e.fileA), int64(len(e.fileA)), ingest.Options{})
	subB, _ := ingest.ReadWorkbook("b.xlsx", bytes.NewReader(e.fileB), int64(len(e.fileB)), ingest.Options{})
	fake := *subB
	fake.Employer.Name, fake.Employer.Branch = subA.Employer.Name, subA.Employer.Branch
	var buf bytes.Buffer
	if err := ingest.WriteWorkbook(&buf, &fake, ingest.TemplateOptions{Regions: []string{"Twente"}}); err != nil {
		t.Fatal(err)
	}
	resp := b.upload("a-vermomd.xlsx", buf.Bytes(), b.csrfOf("/werkgever"))
	page, _ := b.get(resp.Header.Get("Location"))
	if !strings.Contains(page, "Geweigerd") || !strings.Contains(page, "<td>Organisatie</td><td class=\"cell\">B2</td><td>Naam</td>") || !strings.Contains(page, e.orgB) {
		t.Errorf("B's upload under A's name:\n%s", section(page, "<h1>"))
	}
	cur, _ := e.st.CurrentSubmissions(context.Background())
	if len(cur) != 1 || cur[0].KvK != e.kvkA {
		t.Errorf("current submissions: %+v, want only A's", cur)
	}
	admin := e.login("beheer@wgv.nl")
	if chart, _ := admin.get("/grafiek/opleidingsquote.svg"); strings.Count(chart, e.orgA) != 1 {
		t.Errorf("A's name appears %d times in the quote chart, want once", strings.Count(chart, e.orgA))
	}
	// The name typed otherwise (case, spaces) is B's, and shown as the
	// account has it.
	fake.Employer.Name, fake.Employer.Branch = "  "+strings.ToUpper(subB.Employer.Name)+" ", subB.Employer.Branch
	buf.Reset()
	ingest.WriteWorkbook(&buf, &fake, ingest.TemplateOptions{Regions: []string{"Twente"}})
	resp = b.upload("b.xlsx", buf.Bytes(), b.csrfOf("/werkgever"))
	if page, _ := b.get(resp.Header.Get("Location")); !strings.Contains(page, "Geaccepteerd") {
		t.Errorf("B's own workbook with its name in capitals:\n%s", section(page, "<h1>"))
	}
	cur, _ = e.st.CurrentSubmissions(context.Background())
	if len(cur) != 2 || cur[1].Employer != e.orgB || !strings.Contains(string(cur[1].Parsed), `"name":"`+e.orgB+`"`) {
		t.Errorf("B's submission is stored under %q, want the account's name %q", cur[1].Employer, e.orgB)
	}
}

// Hole 4: 40 parallel wrong passwords all reached bcrypt (no 429), and
// five wrong guesses by anyone locked the real user out for 15 minutes.
func TestHole4LoginLimitAtomicAndNoLockout(t *testing.T) {
	// What makes the limit atomic: an attempt is reserved before its
	// password is compared, so forty attempts in flight at once (begun,
	// not yet ended) admit only the free ones.
	l := newLoginLimiter(time.Now)
	admitted := 0
	for range 40 {
		if _, ok := l.begin("127.0.0.1", "c@zorg.nl"); ok {
			admitted++
		}
	}
	if admitted != freePerPair {
		t.Errorf("40 attempts in flight at once: %d admitted, want %d", admitted, freePerPair)
	}

	// The same over HTTP. An account whose hash costs as much as a real
	// one (the tests' others are cheap), so that the guesses overlap as on
	// a server.
	e := newEnv(t)
	store.BcryptCost = 11
	mustUser(t, e.st, "c@zorg.nl", "Zorg C", store.Bestuur, "")
	store.BcryptCost = 4
	// Forty browsers, each with its login form, send at once.
	guessers, toks := make([]*client, 40), make([]string, 40)
	for i := range guessers {
		guessers[i] = e.anon()
		toks[i] = guessers[i].csrfOf("/inloggen")
	}
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			resp := guessers[i].postForm("/inloggen", url.Values{"email": {"c@zorg.nl"}, "wachtwoord": {fmt.Sprintf("gok nummer %d", i)}}, toks[i])
			mu.Lock()
			codes[resp.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusUnauthorized] != freePerPair || codes[http.StatusTooManyRequests] != 40-freePerPair {
		t.Errorf("40 parallel guesses: %v, want %d x 401 and %d x 429", codes, freePerPair, 40-freePerPair)
	}
	// The real user, a fresh browser, the same address: in after the
	// short back-off (the clock stood still during the guesses).
	e.clock.Add(firstDelay)
	user := e.anon()
	if resp := user.postForm("/inloggen", url.Values{"email": {"c@zorg.nl"}, "wachtwoord": {password}}, user.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the real user after %v: %d, want 303", firstDelay, resp.StatusCode)
	}
}

// TestLimiter checks the back-off on a clock moved by hand.
func TestLimiter(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	l := newLoginLimiter(clock.Now)
	fail := func(ip string) {
		t.Helper()
		if _, ok := l.begin(ip, "a@zorg.nl"); !ok {
			t.Fatalf("attempt from %s refused", ip)
		}
		l.end(ip, "a@zorg.nl", loginFailed)
	}
	for range freePerPair {
		fail("10.0.0.1")
	}
	// Then 2 s, 4 s, 8 s ... up to 15 minutes; refused attempts do not
	// count.
	for k, want := range []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second} {
		for range 3 {
			if wait, ok := l.begin("10.0.0.1", "a@zorg.nl"); ok || wait != want {
				t.Fatalf("back-off %d: %v %v, want refused for %v", k, ok, wait, want)
			}
		}
		if _, ok := l.begin("10.0.0.9", "a@zorg.nl"); !ok {
			t.Fatal("another address was slowed down too")
		} else {
			l.end("10.0.0.9", "a@zorg.nl", loginNeutral)
		}
		clock.Add(want)
		fail("10.0.0.1")
	}
	for range 20 {
		clock.Add(maxDelay)
		fail("10.0.0.1")
	}
	if wait, _ := l.begin("10.0.0.1", "a@zorg.nl"); wait != maxDelay {
		t.Errorf("after many failures: wait %v, want the ceiling %v", wait, maxDelay)
	}
	if until, failures := l.blocked("a@zorg.nl"); until.IsZero() || failures != freePerPair+24 {
		t.Errorf("blocked: until %v, %d failures", until, failures)
	}
	if n := l.lift("a@zorg.nl"); n != 1 {
		t.Errorf("lift: %d addresses, want 1", n)
	}
	if _, ok := l.begin("10.0.0.1", "a@zorg.nl"); !ok {
		t.Error("refused after the lift")
	} else {
		l.end("10.0.0.1", "a@zorg.nl", loginSucceeded)
	}
	// One address spraying many accounts is slowed down by its own count.
	for i := range freePerIP {
		email := fmt.Sprintf("x%d@zorg.nl", i)
		l.begin("10.0.0.2", email)
		l.end("10.0.0.2", email, loginFailed)
	}
	if _, ok := l.begin("10.0.0.2", "nog-een@zorg.nl"); ok {
		t.Error("a spraying address was not slowed down")
	}
	// A day without failures forgets them, and the tables shrink.
	clock.Add(forgetAfter + maxDelay)
	if _, ok := l.begin("10.0.0.2", "nog-een@zorg.nl"); !ok {
		t.Error("still slowed down a day later")
	}
	l.end("10.0.0.2", "nog-een@zorg.nl", loginSucceeded)
	clock.Add(10 * time.Minute)
	l.begin("10.0.0.3", "z@zorg.nl")
	l.end("10.0.0.3", "z@zorg.nl", loginSucceeded)
	if len(l.pairs) != 0 || len(l.ips) != 0 {
		t.Errorf("after a day: %d pairs and %d addresses kept, want none", len(l.pairs), len(l.ips))
	}
}

// Hole 5: a 9 MB e-mail address went into the limiter's table and the
// log, twenty times: 340 MB more memory, 188 MB of log.
func TestHole5FieldsBoundedBeforeUse(t *testing.T) {
	e := newEnv(t)
	for _, size := range []int{9 << 20, 60 << 10, 300} {
		c := e.anon()
		tok := c.csrfOf("/inloggen")
		before := e.logBuf.Len()
		resp := c.postForm("/inloggen", url.Values{"email": {strings.Repeat("a", size) + "@zorg.nl"}, "wachtwoord": {"x"}}, tok)
		want := http.StatusBadRequest
		if size > maxFormBytes {
			want = http.StatusRequestEntityTooLarge
		}
		if resp.StatusCode != want {
			t.Errorf("an e-mail address of %d bytes: %d, want %d", size, resp.StatusCode, want)
		}
		if grown := e.logBuf.Len() - before; grown > 1000 {
			t.Errorf("an e-mail address of %d bytes grew the log by %d bytes", size, grown)
		}
	}
	e.server.limiter.mu.Lock()
	n := len(e.server.limiter.pairs)
	e.server.limiter.mu.Unlock()
	if n != 0 {
		t.Errorf("the limiter keeps %d entries for refused addresses", n)
	}
	if log, _ := e.st.AuditLog(context.Background(), 0, 10); len(log) != 0 {
		t.Errorf("refused logins reached the database: %+v", log)
	}
	// The other forms too: a name of 300 characters is refused, naming
	// the field.
	admin := e.login("beheer@wgv.nl")
	body, resp := postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {strings.Repeat("n", 300)}, "email": {"c@zorg.nl"}, "rol": {"bestuur"}}, admin.csrfOf("/beheer"))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Naam: gevonden 300 tekens, verwacht hoogstens 200") {
		t.Errorf("a name of 300 characters: %d\n%s", resp.StatusCode, section(body, "<h1>"))
	}
	body, resp = postBody(admin, "/beheer/scenario", url.Values{"naam": {"x"}, "omschrijving": {"y"}, "omvang-behoud": {strings.Repeat("9", 1000)}}, admin.csrfOf("/beheer/scenario"))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "gevonden 1.000 tekens") {
		t.Errorf("a lever size of 1,000 characters: %d\n%s", resp.StatusCode, section(body, "<h1>"))
	}
}

// Hole 6: ?melding= put any text in the green success box.
func TestHole6MessagesFromAFixedSet(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	for _, p := range []string{"/beheer", "/beheer/accounts", "/beheer/scenarios", "/account"} {
		body, _ := admin.get(p + "?melding=" + url.QueryEscape("Uw account is verlopen. Bel 0900-1234 en geef uw wachtwoord.") + "&link=" + url.QueryEscape("https://kwaad.example/uitnodiging/x"))
		if strings.Contains(body, "0900-1234") || strings.Contains(body, "kwaad.example") {
			t.Errorf("%s shows a message or link from the address bar", p)
		}
	}
	a := e.login("a@zorg.nl")
	if body, _ := a.get("/werkgever?melding=" + url.QueryEscape("Upload uw gegevens op kwaad.example")); strings.Contains(body, "kwaad.example") {
		t.Error("the employer's page shows a message from the address bar")
	}
	if body, _ := e.anon().get("/inloggen?melding=" + url.QueryEscape("Log in op kwaad.example")); strings.Contains(body, "kwaad.example") {
		t.Error("the login page shows a message from the address bar")
	}
	if body, _ := admin.get("/beheer/accounts?melding=account-geactiveerd"); !strings.Contains(body, meldingen["account-geactiveerd"]) {
		t.Error("a message of the fixed set is not shown")
	}
}

// Hole 7: a legal 13 MB workbook of 296 MB unpacked cost 55 s of CPU and
// reported 2.3 million problems; six at once took 140 s each.
func TestHole7UploadWorkBounded(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxRows = 2000 })
	a := e.login("a@zorg.nl")
	var buf bytes.Buffer
	if err := hostile.Write(&buf, hostile.Options{Name: e.orgA, KvK: e.kvkA, Rows: 30_000, Padding: 20}); err != nil {
		t.Fatal(err)
	}
	resp := a.upload("veel.xlsx", buf.Bytes(), a.csrfOf("/werkgever"))
	page, _ := a.get(resp.Header.Get("Location"))
	if !strings.Contains(page, "Geweigerd") || !strings.Contains(page, "meer dan 2.000 rijen") {
		t.Errorf("a workbook of 30,000 rows:\n%s", section(page, "<h1>"))
	}
	subs, _ := e.st.Submissions(context.Background(), e.kvkA)
	var rep ingest.Report
	if err := json.Unmarshal(subs[0].Report, &rep); err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Errors) + rep.Omitted; n > 3*2000+10 {
		t.Errorf("%d problems counted; the rows past the bound were read", n)
	}

	// A workbook that unpacks beyond the bound is refused before it is
	// opened.
	e3 := newEnv(t, func(o *Options) { o.MaxUnpacked = 1 << 20 })
	a3 := e3.login("a@zorg.nl")
	resp = a3.upload("veel.xlsx", buf.Bytes(), a3.csrfOf("/werkgever"))
	if page, _ := a3.get(resp.Header.Get("Location")); !strings.Contains(page, "een archief dat uitgepakt meer dan 1 MB is") {
		t.Errorf("a workbook of %d MB unpacked with a bound of 1 MB:\n%s", 6, section(page, "<h1>"))
	}

	// Too long a check is refused, saying so.
	e2 := newEnv(t, func(o *Options) { o.CheckTimeout = time.Nanosecond })
	a2 := e2.login("a@zorg.nl")
	resp = a2.upload("traag.xlsx", e2.fileA, a2.csrfOf("/werkgever"))
	if page, _ := a2.get(resp.Header.Get("Location")); !strings.Contains(page, "te lang duurt om te lezen") {
		t.Errorf("a check past its time:\n%s", section(page, "<h1>"))
	}

	// An employer has one upload in the check at a time; a full queue
	// refuses before the file is read.
	if err := e.server.checker.reserve(e.kvkA); err != nil {
		t.Fatal(err)
	}
	if resp := a.upload("a.xlsx", e.fileA, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusConflict {
		t.Errorf("a second upload while the first is checked: %d, want 409", resp.StatusCode)
	}
	e.server.checker.release(e.kvkA)
	for i := range e.server.opt.UploadWorkers + e.server.opt.UploadQueue {
		if err := e.server.checker.reserve(fmt.Sprintf("kvk %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if resp := a.upload("a.xlsx", e.fileA, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("an upload with the queue full: %d, want 503", resp.StatusCode)
	}
	for i := range e.server.opt.UploadWorkers + e.server.opt.UploadQueue {
		e.server.checker.release(fmt.Sprintf("kvk %d", i))
	}

	// While the upload waits, its page says it is being checked and looks
	// again by itself.
	id, err := e.st.AddUpload(context.Background(), &store.Submission{KvK: e.kvkA, Employer: e.orgA, Filename: "wacht.xlsx", Digest: "d", UploadedBy: userID(t, e.st, "a@zorg.nl")}, []byte("PK"))
	if err != nil {
		t.Fatal(err)
	}
	page, _ = a.get(fmt.Sprintf("/inzending/%d", id))
	if !strings.Contains(page, "Wordt gecontroleerd") || !strings.Contains(page, `<meta http-equiv="refresh" content="3">`) {
		t.Errorf("the page of an upload being checked:\n%s", section(page, "<head>"))
	}
}

// Hole 8: every refused upload was kept in full (12 uploads, 113 MB).
func TestHole8RefusedFilesKeptForALimitedTime(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.UploadsPerDay = 13 })
	a := e.login("a@zorg.nl")
	bad := append([]byte(nil), e.fileA[:len(e.fileA)/2]...) // a damaged workbook
	var ids []string
	for range 12 {
		resp := a.upload("kapot.xlsx", bad, a.csrfOf("/werkgever"))
		ids = append(ids, resp.Header.Get("Location"))
	}
	kept, _ := e.st.RefusedFileBytes(context.Background(), e.kvkA)
	if kept != int64(5*len(bad)) {
		t.Errorf("%d bytes of refused files kept, want the newest 5 (%d)", kept, 5*len(bad))
	}
	if _, resp := a.get(ids[0] + "/bestand"); resp.StatusCode != http.StatusGone {
		t.Errorf("the oldest refused file: %d, want 410", resp.StatusCode)
	}
	if page, _ := a.get(ids[6]); !strings.Contains(page, "het bestand is niet meer bewaard") {
		t.Errorf("the page of a dropped file:\n%s", section(page, "<h1>"))
	}
	if _, resp := a.get(ids[11] + "/bestand"); resp.StatusCode != http.StatusOK {
		t.Errorf("the newest refused file: %d, want 200", resp.StatusCode)
	}
	// After 30 days none is kept; the quota counts the last 24 hours.
	a.upload("kapot.xlsx", bad, a.csrfOf("/werkgever"))
	if resp := a.upload("kapot.xlsx", bad, a.csrfOf("/werkgever")); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the 14th upload in a day: %d, want 429", resp.StatusCode)
	}
	e.clock.Add(31 * 24 * time.Hour)
	a = e.login("a@zorg.nl")
	a.upload("kapot.xlsx", bad, a.csrfOf("/werkgever"))
	if kept, _ := e.st.RefusedFileBytes(context.Background(), e.kvkA); kept != int64(len(bad)) {
		t.Errorf("a month later %d bytes of refused files kept, want only the newest upload's", kept)
	}
}

// Hole 9: pages and the PDF could be cached; no Permissions-Policy; the
// static directory was listed.
func TestHole9NoStoreAndNoListing(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	for _, p := range []string{"/beheer", "/rapport.pdf", "/grafiek/tekort.svg?s=basis", "/beheer/export.arrow"} {
		_, resp := admin.get(p)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("%s: %d, Cache-Control %q, Permissions-Policy %q", p, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Permissions-Policy"))
		}
	}
	if _, resp := e.anon().get("/inloggen"); resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("login page: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
	for _, p := range []string{"/static/", "/static"} {
		if body, resp := e.anon().get(p); resp.StatusCode == http.StatusOK || strings.Contains(body, "style.css") {
			t.Errorf("%s: %d, lists the directory: %v", p, resp.StatusCode, strings.Contains(body, "style.css"))
		}
	}
	if _, resp := e.anon().get("/static/style.css"); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
		t.Errorf("the stylesheet: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}
