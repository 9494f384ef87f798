package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"raat/data"
	"raat/ingest"
)

// browser is one browser: its own cookies, no redirects followed.
type browser struct {
	base string
	http *http.Client
}

func newBrowser(base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{base: base, http: &http.Client{Jar: jar, Timeout: 3 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// maxBody bounds what is read of a response.
const maxBody = 4 << 20

func (b *browser) do(req *http.Request) (string, *http.Response, error) {
	resp, err := b.http.Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return string(body), resp, err
}

func (b *browser) get(ctx context.Context, path string) (string, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+path, nil)
	if err != nil {
		return "", nil, err
	}
	return b.do(req)
}

func (b *browser) post(ctx context.Context, path, contentType string, body io.Reader, header http.Header) (string, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+path, body)
	if err != nil {
		return "", nil, err
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range header {
		req.Header[k] = v
	}
	return b.do(req)
}

func (b *browser) postForm(ctx context.Context, path string, v url.Values, header http.Header) (string, *http.Response, error) {
	return b.post(ctx, path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()), header)
}

// postMultipart posts fields, and a file when name is set, as a
// multipart form, fields first.
func (b *browser) postMultipart(ctx context.Context, path string, fields [][2]string, name string, file []byte) (string, *http.Response, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("werkboek", name)
		fw.Write(file)
	}
	mw.Close()
	return b.post(ctx, path, mw.FormDataContentType(), &buf, nil)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token loads a page and returns the CSRF token of its first form.
func (b *browser) token(ctx context.Context, path string) (string, error) {
	body, resp, err := b.get(ctx, path)
	if err != nil {
		return "", err
	}
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("no form on %s (%d)", path, resp.StatusCode)
	}
	return m[1], nil
}

// login logs in; it returns the status of the answer.
func (b *browser) login(ctx context.Context, email, password string) (int, error) {
	tok, err := b.token(ctx, "/inloggen")
	if err != nil {
		return 0, err
	}
	_, resp, err := b.postForm(ctx, "/inloggen", url.Values{"csrf": {tok}, "email": {email}, "wachtwoord": {password}}, nil)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// upload uploads a workbook and follows the submission's page until it
// is checked; it returns that page and how long it all took.
func (b *browser) upload(ctx context.Context, name string, file []byte) (string, time.Duration, error) {
	start := time.Now()
	tok, err := b.token(ctx, "/werkgever")
	if err != nil {
		return "", 0, err
	}
	body, resp, err := b.postMultipart(ctx, "/werkgever/upload", [][2]string{{"csrf", tok}}, name, file)
	if err != nil {
		return "", time.Since(start), err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return body, time.Since(start), fmt.Errorf("upload: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	for {
		page, _, err := b.get(ctx, loc)
		if err != nil || !strings.Contains(page, "Wordt gecontroleerd") {
			return page + "\n<!-- " + loc + " -->", time.Since(start), err
		}
		select {
		case <-time.After(500 * time.Millisecond):
		case <-ctx.Done():
			return page, time.Since(start), ctx.Err()
		}
	}
}

// account is one account the attack made.
type account struct {
	email, password, name, kvk string
	workbook                   []byte // a valid workbook of the account (employers)
	b                          *browser
}

// target is the server under attack, with its accounts.
type target struct {
	base                      string
	adminEmail, adminPassword string
	pid                       int
	logFile                   string
	bombRows, bombParallel    int

	admin *browser
	// delivered is how many employers had delivered before the attack:
	// the region checks need a database without other employers.
	delivered int
	a, b, c   *account
	bombers   []*account
	hoarder   *account
}

var inviteRE = regexp.MustCompile(`/uitnodiging/[A-Za-z0-9_-]{20,}`)

// setup logs in as the administrator and makes the accounts: employers A
// and B (with sample workbooks under fresh KvK numbers), a board member C
// whose login is attacked, employers that upload large workbooks
// (-bomb-parallel of them) and one that uploads refused ones.
func (t *target) setup(ctx context.Context) error {
	t.admin = newBrowser(t.base)
	if code, err := t.admin.login(ctx, t.adminEmail, t.adminPassword); err != nil || code != http.StatusSeeOther {
		return fmt.Errorf("administrator login: %d %v", code, err)
	}
	body, _, err := t.admin.get(ctx, "/beheer")
	if err != nil {
		return err
	}
	if m := regexp.MustCompile(`(\d+) van \d+ werkgevers hebben`).FindStringSubmatch(body); m != nil {
		t.delivered, _ = strconv.Atoi(m[1])
	}
	names, _ := fs.Glob(data.Employers(), "*.xlsx")
	run := randomDigits(4)
	employer := func(i int) (*account, error) {
		raw, _ := fs.ReadFile(data.Employers(), names[i])
		sub, rep := ingest.ReadWorkbook(names[i], bytes.NewReader(raw), int64(len(raw)), ingest.Options{})
		if !rep.Accepted {
			return nil, rep.Err()
		}
		sub.Employer.KvK = "9" + randomDigits(7)
		var buf bytes.Buffer
		if err := ingest.WriteWorkbook(&buf, sub, ingest.TemplateOptions{Regions: []string{sub.Employer.Region}}); err != nil {
			return nil, err
		}
		a := &account{email: fmt.Sprintf("aanval-%s-%d@raat.test", run, i), name: sub.Employer.Name, kvk: sub.Employer.KvK, workbook: buf.Bytes()}
		return a, t.make(ctx, a, "werkgever")
	}
	if t.a, err = employer(0); err != nil {
		return err
	}
	if t.b, err = employer(1); err != nil {
		return err
	}
	t.c = &account{email: fmt.Sprintf("aanval-%s-bestuur@raat.test", run), name: "Aanval Bestuurder"}
	if err := t.make(ctx, t.c, "bestuur"); err != nil {
		return err
	}
	for i := range t.bombParallel {
		a := &account{email: fmt.Sprintf("aanval-%s-bom%d@raat.test", run, i), name: fmt.Sprintf("Aanval Bom %d", i), kvk: "8" + randomDigits(7)}
		if err := t.make(ctx, a, "werkgever"); err != nil {
			return err
		}
		t.bombers = append(t.bombers, a)
	}
	t.hoarder = &account{email: fmt.Sprintf("aanval-%s-weigering@raat.test", run), name: "Aanval Weigering", kvk: "7" + randomDigits(7)}
	return t.make(ctx, t.hoarder, "werkgever")
}

// make invites an account as the administrator, accepts the invitation
// in a browser of its own, and leaves that browser logged in.
func (t *target) make(ctx context.Context, a *account, role string) error {
	tok, err := t.admin.token(ctx, "/beheer")
	if err != nil {
		return err
	}
	body, resp, err := t.admin.postForm(ctx, "/beheer/uitnodigen", url.Values{"csrf": {tok}, "naam": {a.name}, "email": {a.email}, "rol": {role}, "kvk": {a.kvk}}, nil)
	if err != nil {
		return err
	}
	loc, _ := url.QueryUnescape(resp.Header.Get("Location")) // older servers put the link in the redirect
	link := inviteRE.FindString(loc)
	if link == "" {
		link = inviteRE.FindString(body)
	}
	if link == "" {
		return fmt.Errorf("invitation of %s: %d, no link", a.email, resp.StatusCode)
	}
	a.password = "aanval " + randomDigits(12)
	a.b = newBrowser(t.base)
	ftok, err := a.b.token(ctx, link)
	if err != nil {
		return err
	}
	_, resp, err = a.b.postForm(ctx, link, url.Values{"csrf": {ftok}, "wachtwoord": {a.password}, "herhaling": {a.password}}, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("accepting the invitation of %s: %d", a.email, resp.StatusCode)
	}
	return nil
}

func randomDigits(n int) string {
	var s strings.Builder
	for range n {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		s.WriteString(d.String())
	}
	return s.String()
}
