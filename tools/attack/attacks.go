package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"raat/ingest"
	"raat/internal/hostile"
)

// result is what an attack found: whether the hole is open, and what was
// seen, in a few words each.
type result struct {
	hole bool
	seen []string
}

func (r *result) saw(format string, args ...any) {
	r.seen = append(r.seen, fmt.Sprintf(format, args...))
}

// open records a finding that means the hole is open.
func (r *result) open(format string, args ...any) {
	r.hole = true
	r.saw(format, args...)
}

type attack struct {
	n    int
	name string
	run  func(ctx context.Context, t *target) result
}

// attacks are the attacks of issue 15, in its order. The login attack
// runs last but one, as it leaves the attacked account slowed down.
var attacks = []attack{
	{1, "CSRF", csrf},
	{2, "cijfers van anderen", othersFigures},
	{3, "naam van een ander", impersonation},
	{5, "9 MB e-mailadres", hugeField},
	{6, "eigen melding", melding},
	{7, "werkboek van 300 MB", bomb},
	{8, "geweigerde bestanden", hoard},
	{9, "cache en mappen", cacheAndListing},
	{4, "inlogpogingen", loginRace},
}

// csrf: a multipart form without the token to every state-changing page,
// and the right token from another origin.
func csrf(ctx context.Context, t *target) (r result) {
	adm := t.admin
	invite := [][2]string{{"naam", "Indringer"}, {"email", "indringer-" + randomDigits(6) + "@kwaad.test"}, {"rol", "beheerder"}}
	_, resp, err := adm.postMultipart(ctx, "/beheer/uitnodigen", invite, "", nil)
	switch {
	case err != nil:
		r.saw("uitnodiging: %v", err)
	case resp.StatusCode < 400:
		r.open("beheerder-uitnodiging zonder token (multipart): %d", resp.StatusCode)
	default:
		r.saw("uitnodiging zonder token: %d", resp.StatusCode)
	}
	_, resp, err = adm.postMultipart(ctx, "/beheer/scenario", [][2]string{{"naam", "kwaad"}, {"omschrijving", "x"}}, "", nil)
	if err == nil && resp.StatusCode < 400 {
		r.open("scenario zonder token: %d", resp.StatusCode)
	}
	tok, err := adm.token(ctx, "/beheer")
	if err != nil {
		r.open("geen formulier op /beheer: %v", err)
		return r
	}
	for _, h := range []http.Header{{"Sec-Fetch-Site": {"same-site"}, "Origin": {"http://127.0.0.1:1"}}, {"Origin": {"http://127.0.0.1:1"}}} {
		v := url.Values{"csrf": {tok}, "naam": {"Indringer"}, "email": {"indringer-" + randomDigits(6) + "@kwaad.test"}, "rol": {"beheerder"}}
		if _, resp, err := adm.postForm(ctx, "/beheer/uitnodigen", v, h); err == nil && resp.StatusCode < 400 {
			r.open("uitnodiging van een andere oorsprong (%s): %d", strings.Join(headerNames(h), ", "), resp.StatusCode)
		} else if err == nil {
			r.saw("andere oorsprong (%s): %d", strings.Join(headerNames(h), ", "), resp.StatusCode)
		}
	}
	// Last: a logout without the token; log in again if it worked.
	_, resp, err = adm.postMultipart(ctx, "/uitloggen", nil, "", nil)
	if err == nil && resp.StatusCode < 400 {
		r.open("uitloggen zonder token: %d", resp.StatusCode)
		adm.login(ctx, t.adminEmail, t.adminPassword)
	}
	return r
}

func headerNames(h http.Header) []string {
	var n []string
	for k := range h {
		n = append(n, k)
	}
	if len(n) == 2 && n[0] > n[1] {
		n[0], n[1] = n[1], n[0]
	}
	return n
}

// othersFigures: with A and B delivered, B looks for A's name and the
// region's figures.
func othersFigures(ctx context.Context, t *target) (r result) {
	for _, a := range []*account{t.a, t.b} {
		page, _, err := a.b.upload(ctx, "uitvraag.xlsx", a.workbook)
		if err != nil || !strings.Contains(page, "Geaccepteerd") {
			r.saw("upload van %s niet geaccepteerd (%v)", a.name, err)
			return r
		}
	}
	chart, resp, err := t.b.b.get(ctx, "/grafiek/opleidingsquote.svg")
	if err == nil && strings.Contains(chart, t.a.name) {
		r.open("B's opleidingsquote-grafiek noemt A (%s)", t.a.name)
	} else if err == nil {
		r.saw("B's grafiek: %d, zonder A", resp.StatusCode)
	}
	if _, resp, err := t.b.b.get(ctx, "/grafiek/tekort.svg?s=basis"); err == nil && resp.StatusCode == http.StatusOK {
		r.open("B leest de tekortgrafiek van de regio")
	}
	if t.delivered > 0 {
		r.saw("regiocijfers niet getoetst: er hadden al %d werkgevers geleverd", t.delivered)
		return r
	}
	page, _, err := t.b.b.get(ctx, "/werkgever")
	if err == nil && (strings.Contains(page, "De regio:") || strings.Contains(page, "aandeel in het personeel van de regio")) {
		r.open("B ziet met twee werkgevers de regio (en zo die van A)")
	} else if err == nil {
		r.saw("met twee werkgevers geen regiocijfer voor B")
	}
	return r
}

// impersonation: B uploads a workbook with A's name and branch.
func impersonation(ctx context.Context, t *target) (r result) {
	subA, _ := ingest.ReadWorkbook("a.xlsx", bytes.NewReader(t.a.workbook), int64(len(t.a.workbook)), ingest.Options{})
	subB, _ := ingest.ReadWorkbook("b.xlsx", bytes.NewReader(t.b.workbook), int64(len(t.b.workbook)), ingest.Options{})
	if subA == nil || subB == nil {
		r.saw("voorbeeldwerkboeken niet te lezen")
		return r
	}
	fake := *subB
	fake.Employer.Name, fake.Employer.Branch = subA.Employer.Name, subA.Employer.Branch
	var buf bytes.Buffer
	if err := ingest.WriteWorkbook(&buf, &fake, ingest.TemplateOptions{Regions: []string{fake.Employer.Region}}); err != nil {
		r.saw("%v", err)
		return r
	}
	page, _, err := t.b.b.upload(ctx, "vermomd.xlsx", buf.Bytes())
	switch {
	case err != nil:
		r.saw("upload: %v", err)
	case strings.Contains(page, "Geaccepteerd"):
		r.open("B's werkboek met de naam en branche van A is geaccepteerd")
	case strings.Contains(page, "B2"):
		r.saw("geweigerd, met Organisatie!B2")
	default:
		r.saw("geweigerd")
	}
	return r
}

// loginRace: 40 wrong passwords at once for C, each from a fresh
// browser; then C's own password from a fresh browser.
func loginRace(ctx context.Context, t *target) (r result) {
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	browsers, toks := make([]*browser, 40), make([]string, 40)
	for i := range browsers {
		browsers[i] = newBrowser(t.base)
		var err error
		if toks[i], err = browsers[i].token(ctx, "/inloggen"); err != nil {
			r.saw("%v", err)
			return r
		}
	}
	for i := range browsers {
		wg.Go(func() {
			v := url.Values{"csrf": {toks[i]}, "email": {t.c.email}, "wachtwoord": {"gok " + strconv.Itoa(i)}}
			_, resp, err := browsers[i].postForm(ctx, "/inloggen", v, nil)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				codes[-1]++
				return
			}
			codes[resp.StatusCode]++
		})
	}
	wg.Wait()
	r.saw("40 gelijktijdige gokken: %d x 401, %d x 429", codes[401], codes[429])
	if codes[401] > 5 || codes[429] == 0 {
		r.open("de limiet van 5 hield de gelijktijdige gokken niet tegen")
	}
	// The real user, from a fresh browser, waiting as the server asks.
	start := time.Now()
	for {
		code, err := newBrowser(t.base).login(ctx, t.c.email, t.c.password)
		if err == nil && code == http.StatusSeeOther {
			r.saw("de echte gebruiker kwam na %.0f s binnen", time.Since(start).Seconds())
			return r
		}
		if time.Since(start) > 30*time.Second || ctx.Err() != nil {
			r.open("de echte gebruiker kwam in 30 s niet binnen (laatste antwoord %d): buitengesloten", code)
			return r
		}
		time.Sleep(time.Second)
	}
}

// hugeField: 20 anonymous logins with an e-mail address of 9 MB.
func hugeField(ctx context.Context, t *target) (r result) {
	rss0, cpu0, log0 := processRSS(t.pid), processCPU(t.pid), fileSize(t.logFile)
	long := strings.Repeat("a", 9<<20)
	codes := map[int]int{}
	for i := range 20 {
		email := fmt.Sprintf("%d%s@kwaad.test", i, long) // twenty different addresses
		b := newBrowser(t.base)
		tok, err := b.token(ctx, "/inloggen")
		if err != nil {
			r.saw("%v", err)
			return r
		}
		_, resp, err := b.postForm(ctx, "/inloggen", url.Values{"csrf": {tok}, "email": {email}, "wachtwoord": {"x"}}, nil)
		if err != nil {
			codes[-1]++ // the server closed the connection: refused
			continue
		}
		codes[resp.StatusCode]++
	}
	r.saw("antwoorden %s", codesString(codes))
	if codes[http.StatusUnauthorized] > 0 {
		r.open("een adres van 9 MB bereikte de wachtwoordcontrole")
	}
	time.Sleep(time.Second)
	if t.pid > 0 {
		rss1 := processRSS(t.pid)
		r.saw("geheugen %d -> %d MB, CPU %.1f s", rss0>>20, rss1>>20, (processCPU(t.pid) - cpu0).Seconds())
		if rss1-rss0 > 100<<20 {
			r.open("het geheugen groeide %d MB", (rss1-rss0)>>20)
		}
	}
	if t.logFile != "" {
		grown := fileSize(t.logFile) - log0
		r.saw("log +%d kB", grown>>10)
		if grown > 1<<20 {
			r.open("het log groeide %d MB", grown>>20)
		}
	}
	return r
}

func codesString(codes map[int]int) string {
	var s []string
	for _, c := range []int{-1, 400, 401, 403, 413, 429} {
		if n := codes[c]; n > 0 {
			name := strconv.Itoa(c)
			if c < 0 {
				name = "verbinding gesloten"
			}
			s = append(s, fmt.Sprintf("%d x %s", n, name))
		}
	}
	return strings.Join(s, ", ")
}

// melding: the administrator's overview with a message of our own.
func melding(ctx context.Context, t *target) (r result) {
	text := "Uw account verloopt. Bel 0900-0000 en noem uw wachtwoord."
	body, _, err := t.admin.get(ctx, "/beheer?melding="+url.QueryEscape(text)+"&link="+url.QueryEscape("https://kwaad.test/uitnodiging/x"))
	switch {
	case err != nil:
		r.saw("%v", err)
	case strings.Contains(body, "0900-0000"):
		r.open("de eigen tekst staat in het groene vak")
	case strings.Contains(body, "kwaad.test"):
		r.open("de eigen link staat als uitnodigingslink op de pagina")
	default:
		r.saw("eigen tekst en link niet getoond")
	}
	return r
}

var problemsRE = regexp.MustCompile(`Geweigerd: ([0-9.]+)(?: \(\+([0-9.]+)\))?`)

// bomb: a legal workbook of 13 MB that unpacks to 300 MB, one of 50 MB
// unpacked, then the first from several employers at once
// (-bomb-parallel).
func bomb(ctx context.Context, t *target) (r result) {
	a := t.bombers[0]
	book, err := bigWorkbook(a, t.bombRows)
	if err != nil {
		r.saw("%v", err)
		return r
	}
	if !uploadBig(ctx, t, &r, a, book, fmt.Sprintf("%s rijen", thousands(t.bombRows))) {
		return r
	}
	// Below a bound on the unpacked size: 120,000 rows, 50 MB unpacked.
	small, err := bigWorkbook(a, 120_000)
	if err != nil {
		r.saw("%v", err)
		return r
	}
	if !uploadBig(ctx, t, &r, a, small, "120.000 rijen") {
		return r
	}
	// Several at once, from employers of their own; they upload the first
	// bomber's workbook (refused for its name, but read all the same where
	// there is no bound).
	var wg sync.WaitGroup
	start := time.Now()
	cpu0 := processCPU(t.pid)
	var mu sync.Mutex
	outcomes := map[string]int{}
	for _, a := range t.bombers {
		wg.Go(func() {
			page, _, err := a.b.upload(ctx, "groot.xlsx", book)
			o := outcome(page)
			if err != nil {
				o = err.Error()
			}
			mu.Lock()
			outcomes[o]++
			mu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	var os []string // outcomes
	for o, n := range outcomes {
		os = append(os, fmt.Sprintf("%d x %s", n, o))
	}
	sort.Strings(os)
	r.saw("%d tegelijk: %.1f s (%s)", len(t.bombers), took.Seconds(), strings.Join(os, ", "))
	if t.pid > 0 {
		r.saw("server-CPU %.1f s", (processCPU(t.pid) - cpu0).Seconds())
	}
	if took > 60*time.Second {
		r.open("%d tegelijk duurden %.0f s", len(t.bombers), took.Seconds())
	}
	return r
}

var (
	problemRowRE = regexp.MustCompile(`(?s)<table class="problems">.*?<tbody>\s*<tr>(.*?)</tr>`)
	tagRE        = regexp.MustCompile(`<[^>]+>`)
)

// firstProblem is the first problem of a submission's page, as text.
func firstProblem(page string) string {
	m := problemRowRE.FindStringSubmatch(page)
	if m == nil {
		return "geen"
	}
	s := strings.Join(strings.Fields(tagRE.ReplaceAllString(strings.ReplaceAll(m[1], "</td>", " | "), "")), " ")
	if len(s) > 140 {
		s = s[:140] + "..."
	}
	return s
}

// bigWorkbook is a hostile workbook of rows rows in a's name.
func bigWorkbook(a *account, rows int) ([]byte, error) {
	var buf bytes.Buffer
	err := hostile.Write(&buf, hostile.Options{Name: a.name, KvK: a.kvk, Rows: rows, Padding: 180})
	return buf.Bytes(), err
}

// uploadBig uploads a large workbook and records how it went: a hole when
// it took long or much CPU, or when the reader read on past a bound. It
// reports whether the upload went through.
func uploadBig(ctx context.Context, t *target, r *result, a *account, book []byte, what string) bool {
	cpu0 := processCPU(t.pid)
	page, took, err := a.b.upload(ctx, "groot.xlsx", book)
	cpu := processCPU(t.pid) - cpu0
	if err != nil {
		r.open("upload van %s (%d MB): %v na %.0f s", what, len(book)>>20, err, took.Seconds())
		return false
	}
	problems := 0
	if m := problemsRE.FindStringSubmatch(page); m != nil {
		problems = atoi(m[1]) + atoi(m[2])
	}
	r.saw("%s (%d MB): %s na %.1f s, %d problemen (eerste: %s)", what, len(book)>>20, outcome(page), took.Seconds(), problems, firstProblem(page))
	if t.pid > 0 {
		r.saw("server-CPU %.1f s", cpu.Seconds())
		if cpu > 15*time.Second {
			r.open("één werkboek kostte %.0f s CPU", cpu.Seconds())
		}
	}
	if took > 30*time.Second {
		r.open("één werkboek duurde %.0f s", took.Seconds())
	}
	if problems > 50_000 {
		r.open("%d problemen gelezen: het lezen stopte niet vroeg", problems)
	}
	return true
}

// thousands writes n with Dutch thousands separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	return n
}

func outcome(page string) string {
	switch {
	case strings.Contains(page, "Geaccepteerd"):
		return "geaccepteerd"
	case strings.Contains(page, "Geweigerd"):
		return "geweigerd"
	}
	return "onbekend"
}

var submissionRE = regexp.MustCompile(`<!-- (/inzending/[0-9]+) -->`)

// hoard: twelve refused uploads of 1 MB each; is the first still kept?
func hoard(ctx context.Context, t *target) (r result) {
	junk := make([]byte, 1<<20)
	rand.Read(junk)
	copy(junk, "PK\x03\x04") // looks like a zip archive, is none
	var first string
	refused := 0
	for i := range 12 {
		page, _, err := t.hoarder.b.upload(ctx, fmt.Sprintf("kapot-%d.xlsx", i), junk)
		if err != nil {
			r.saw("upload %d: %v", i+1, err)
			break
		}
		if strings.Contains(page, "Geweigerd") {
			refused++
		}
		if m := submissionRE.FindStringSubmatch(page); m != nil && first == "" {
			first = m[1]
		}
	}
	r.saw("%d van 12 geweigerd", refused)
	if first == "" {
		return r
	}
	_, resp, err := t.hoarder.b.get(ctx, first+"/bestand")
	if err == nil && resp.StatusCode == http.StatusOK {
		r.open("het eerste geweigerde bestand wordt na 12 uploads nog bewaard")
	} else if err == nil {
		r.saw("het eerste geweigerde bestand: %d", resp.StatusCode)
	}
	return r
}

// cacheAndListing: the headers of a page and the PDF, and /static/.
func cacheAndListing(ctx context.Context, t *target) (r result) {
	for _, p := range []string{"/beheer", "/rapport.pdf"} {
		_, resp, err := t.admin.get(ctx, p)
		if err != nil {
			r.saw("%s: %v", p, err)
			continue
		}
		if !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
			r.open("%s zonder Cache-Control: no-store", p)
		}
		if resp.Header.Get("Permissions-Policy") == "" {
			r.open("%s zonder Permissions-Policy", p)
		}
	}
	body, resp, err := newBrowser(t.base).get(ctx, "/static/")
	if err == nil && resp.StatusCode == http.StatusOK && strings.Contains(body, "style.css") {
		r.open("/static/ toont de inhoud van de map")
	} else if err == nil {
		r.saw("/static/: %d", resp.StatusCode)
	}
	return r
}
