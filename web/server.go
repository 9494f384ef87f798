// Package web is raat's web application, in Dutch, for the region's three
// kinds of users:
//
//   - werkgevers (employers) download the workbook template, upload their
//     filled-in workbook, see every problem per cell, and their own
//     opleidingsquote against the reference of 15 and, where it cannot be
//     traced back to one other employer, the region's (disclosure.go);
//   - the beheerder (the action centre) invites accounts and manages them
//     (reset links, deactivation, lifting a login block, revoking and
//     renewing invitations), sees which employers delivered and the audit
//     log, runs, compares, decomposes and solves scenarios, and downloads
//     Parquet, Arrow and the PDF report;
//   - bestuur (board members) read the dashboard: the shortfall per
//     scenario with its band, the waterfall, the headline numbers.
//
// Everyone can change their own password (which logs out their other
// sessions) and log out everywhere.
//
// Pages are server-rendered html/template with one stylesheet and no
// JavaScript; charts are the SVGs of package chart. Everything is stored
// in SQLite (package store).
//
// Safety, and where it lives:
//   - every state-changing request passes net/http's cross-origin check
//     (Sec-Fetch-Site, Origin) and carries the session's CSRF token,
//     whatever its content type (page, uploadPage);
//   - form bodies are capped at 64 kB and every field at a length fit for
//     it (e-mail 254 characters) before it reaches the login limiter, a
//     log line or the database; logs get truncated values (forms.go);
//   - logins are rate limited per account and address with a doubling
//     back-off that refuses at once, atomically, and ends by itself or by
//     the beheerder (limiter.go);
//   - uploads are size-capped, stored, then checked by a small queue of
//     workers with a bound on rows and time per upload; an employer has a
//     daily quota, one upload in the check at a time, and its refused
//     files are kept for a limited time and number (queue.go);
//   - the account's KvK number decides whose an upload is, and the
//     workbook's name must be the account's;
//   - success messages come from a fixed set; pages, charts and downloads
//     are not cached (Cache-Control: no-store); security headers and a
//     Permissions-Policy are set on every response; /static/ serves files,
//     not listings; no user input becomes a file path; an employer
//     reaching for another's submission gets 404, as if it did not exist;
//   - admin actions, uploads and logins go to the audit log.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
	"raat/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server. Zero values take the defaults.
type Options struct {
	// SecureCookies marks cookies Secure (behind TLS).
	SecureCookies bool
	// MaxUpload caps an upload request in bytes (default 20 MB + 64 kB).
	MaxUpload int64
	// Draws are the Monte Carlo draws behind the bands (default 300);
	// Seed fixes them (default 1).
	Draws int
	Seed  uint64
	// Patience is how long a page waits for its study before it shows the
	// "bezig" page that reloads itself (default 3 s); Abandon is how long
	// a computation nobody waits for goes on (default 10 s: the "bezig"
	// page reloads every 2).
	Patience, Abandon time.Duration
	// Logger receives the server's log; default slog.Default().
	Logger *slog.Logger
	// Now is the clock (for tests).
	Now func() time.Time

	// UploadWorkers check uploads at the same time (default 2) and
	// UploadQueue more may wait (default 16); an upload beyond those is
	// refused at once, before its file is read.
	UploadWorkers, UploadQueue int
	// UploadWait is how long an upload's request waits for the check
	// before the employer is shown that it is being checked (default 3 s).
	UploadWait time.Duration
	// CheckTimeout bounds the check of one upload (default 30 s) and
	// MaxRows the rows read per sheet (default 10,000; the template has
	// 200, of which some 35 are filled in).
	CheckTimeout time.Duration
	MaxRows      int
	// MaxUnpacked bounds the size of an upload once unpacked (default
	// 64 MB; a filled-in workbook unpacks to well under 1 MB, and images
	// pasted in barely unpack): a larger one is refused before it is
	// opened, from its table of contents.
	MaxUnpacked int64
	// UploadsPerDay is an employer's quota of uploads in 24 hours
	// (default 30).
	UploadsPerDay int
	// Retention bounds the refused uploads an employer keeps (default:
	// the files of the newest 5 for at most 30 days, the reports of the
	// newest 20).
	Retention store.Retention
	// Mailer, when set, also mails the invitation and reset links that
	// the beheerder otherwise copies from the page.
	Mailer Mailer
}

// Mailer sends an e-mail. No mail is configured in raat serve; a
// deployment that has a mail server sets Options.Mailer.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Server is the web application on top of a store and a base region.
type Server struct {
	store      *store.Store
	base       *forecast.Region
	baseSource string
	opt        Options
	tmpl       *template.Template
	limiter    *loginLimiter
	checker    *checker
	log        *slog.Logger

	mu    sync.Mutex
	model *model // the region built from the current submissions, cached

	studies studies // the study of the current data (study.go)
}

// New returns a server and starts its upload checker, which first takes
// up the uploads a previous process left unchecked; Close stops it. base
// is the region whose assumptions fill what employers do not report (the
// demo region unless configured).
func New(st *store.Store, base *forecast.Region, baseSource string, opt Options) (*Server, error) {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = 20<<20 + 64<<10
	}
	if opt.Draws <= 0 {
		opt.Draws = 300
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Patience <= 0 {
		opt.Patience = 3 * time.Second
	}
	if opt.Abandon <= 0 {
		opt.Abandon = 10 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.UploadWorkers <= 0 {
		opt.UploadWorkers = 2
	}
	if opt.UploadQueue <= 0 {
		opt.UploadQueue = 16
	}
	if opt.UploadWait <= 0 {
		opt.UploadWait = 3 * time.Second
	}
	if opt.CheckTimeout <= 0 {
		opt.CheckTimeout = 30 * time.Second
	}
	if opt.MaxRows <= 0 {
		opt.MaxRows = 10_000
	}
	if opt.MaxUnpacked <= 0 {
		opt.MaxUnpacked = 64 << 20
	}
	if opt.UploadsPerDay <= 0 {
		opt.UploadsPerDay = 30
	}
	if opt.Retention == (store.Retention{}) {
		opt.Retention = store.Retention{Files: 5, MaxAge: 30 * 24 * time.Hour, Reports: 20}
	}
	t, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s := &Server{store: st, base: base, baseSource: baseSource, opt: opt, tmpl: t, limiter: newLoginLimiter(opt.Now), log: opt.Logger}
	s.checker = newChecker(s)
	return s, nil
}

// Close stops the upload checker; an upload in the check stays unchecked
// and is checked by the next process.
func (s *Server) Close() { s.checker.close() }

var funcs = template.FuncMap{
	"int":     nl.Int,
	"dec":     nl.Dec,
	"pct":     nl.Percent,
	"num":     nl.Num,
	"date":    func(t time.Time) string { return t.Format("02-01-2006") },
	"time":    func(t time.Time) string { return t.Local().Format("02-01-2006 15:04") },
	"neg":     func(x float64) bool { return x < 0 },
	"label":   func(b forecast.Branch) string { return b.Label() },
	"add":     func(a, b int) int { return a + b },
	"mul100":  func(x float64) float64 { return 100 * x },
	"minus":   func(a, b float64) float64 { return a - b },
	"join":    strings.Join,
	"million": func(x float64) string { return nl.Dec(x/1e6, 1) },
	"intn":    func(x int) string { return nl.Int(float64(x)) },
	"ratio":   func(a int, b float64) float64 { return float64(a) / b },
	"hz":      func() []string { return []string{"kort", "middellang", "lang"} },
	"board":   analysis.RoundText,
	"lower":   func(s string) string { return lowerFirst(s) },
	"div":     func(a, b float64) int { return int(a / b) },
}

// Handler returns the application's routes behind its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheable(http.FileServerFS(filesOnly{static}))))
	mux.HandleFunc("GET /{$}", s.page(s.home, anyRole))
	mux.HandleFunc("GET /inloggen", s.loginForm)
	mux.HandleFunc("POST /inloggen", s.login)
	mux.HandleFunc("POST /uitloggen", s.page(s.logout, anyRole))
	mux.HandleFunc("POST /uitloggen/overal", s.page(s.logoutEverywhere, anyRole))
	mux.HandleFunc("GET /uitnodiging/{token}", s.inviteForm)
	mux.HandleFunc("POST /uitnodiging/{token}", s.acceptInvite)
	mux.HandleFunc("GET /herstel/{token}", s.resetForm)
	mux.HandleFunc("POST /herstel/{token}", s.useReset)
	mux.HandleFunc("GET /account", s.page(s.accountPage, anyRole))
	mux.HandleFunc("POST /account/wachtwoord", s.page(s.changePassword, anyRole))

	mux.HandleFunc("GET /werkgever", s.page(s.employerHome, store.Werkgever))
	mux.HandleFunc("GET /werkgever/sjabloon.xlsx", s.page(s.template, store.Werkgever, store.Beheerder))
	mux.HandleFunc("POST "+uploadPath, s.uploadPage(s.upload, store.Werkgever))
	mux.HandleFunc("GET /inzending/{id}", s.page(s.submission, store.Werkgever, store.Beheerder))
	mux.HandleFunc("GET /inzending/{id}/bestand", s.page(s.submissionFile, store.Werkgever, store.Beheerder))

	mux.HandleFunc("GET /beheer", s.page(s.adminHome, store.Beheerder))
	mux.HandleFunc("POST /beheer/uitnodigen", s.page(s.invite, store.Beheerder))
	mux.HandleFunc("GET /beheer/accounts", s.page(s.accounts, store.Beheerder))
	mux.HandleFunc("POST /beheer/accounts/{id}/herstellink", s.page(s.resetLink, store.Beheerder))
	mux.HandleFunc("POST /beheer/accounts/{id}/deactiveren", s.page(s.deactivate, store.Beheerder))
	mux.HandleFunc("POST /beheer/accounts/{id}/activeren", s.page(s.reactivate, store.Beheerder))
	mux.HandleFunc("POST /beheer/accounts/{id}/deblokkeren", s.page(s.liftLock, store.Beheerder))
	mux.HandleFunc("POST /beheer/uitnodigingen/{id}/intrekken", s.page(s.revokeInvite, store.Beheerder))
	mux.HandleFunc("POST /beheer/uitnodigingen/{id}/vernieuwen", s.page(s.renewInvite, store.Beheerder))
	mux.HandleFunc("GET /beheer/logboek", s.page(s.auditLog, store.Beheerder))
	mux.HandleFunc("GET /beheer/scenarios", s.page(s.scenarioList, store.Beheerder))
	mux.HandleFunc("GET /beheer/vergelijk", s.page(s.compare, store.Beheerder))
	mux.HandleFunc("GET /beheer/uitleg", s.page(s.explain, store.Beheerder))
	mux.HandleFunc("GET /beheer/oplossen", s.page(s.solve, store.Beheerder))
	mux.HandleFunc("GET /beheer/scenario", s.page(s.scenarioForm, store.Beheerder))
	mux.HandleFunc("POST /beheer/scenario", s.page(s.saveScenario, store.Beheerder))
	mux.HandleFunc("GET /beheer/export.parquet", s.page(s.exportParquet, store.Beheerder))
	mux.HandleFunc("GET /beheer/export.arrow", s.page(s.exportArrow, store.Beheerder))

	mux.HandleFunc("GET /bestuur", s.page(s.boardHome, store.Bestuur, store.Beheerder))
	mux.HandleFunc("GET /bestuur/tabel/{file}", s.page(s.boardTable, store.Bestuur, store.Beheerder))
	// The monitor is everyone's; an employer sees its own line (monitor.go).
	mux.HandleFunc("GET /monitor", s.page(s.monitorPage, store.Beheerder, store.Bestuur, store.Werkgever))
	mux.HandleFunc("GET /monitor/grafiek/{kind}", s.page(s.monitorChart, store.Beheerder, store.Bestuur, store.Werkgever))
	mux.HandleFunc("GET /rapport.pdf", s.page(s.reportPDF, store.Bestuur, store.Beheerder))
	// The region's charts are for the beheerder and the board; an
	// employer gets its own quote and, where disclosable, the region's.
	mux.HandleFunc("GET /grafiek/{kind}", s.page(s.chartSVG, store.Beheerder, store.Bestuur, store.Werkgever))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("cross-origin request refused", "method", r.Method, "path", logValue(r.URL.Path),
			"origin", logValue(r.Header.Get("Origin")), "sec-fetch-site", logValue(r.Header.Get("Sec-Fetch-Site")))
		w.WriteHeader(http.StatusForbidden)
		s.render(w, "fout.html", nil, map[string]any{"Status": http.StatusForbidden, "Message": errCSRF.msg})
	}))
	return s.headers(cop.Handler(mux))
}

// uploadPath is the one route whose body may be larger than a form.
const uploadPath = "/werkgever/upload"

// headers sets the security headers of every response, marks it not to
// be cached (pages, charts and downloads hold personal and employers'
// data; cacheable overrides it for the stylesheet), and caps the body of
// every request but an upload at maxFormBytes.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", permissionsPolicy)
		h.Set("Cache-Control", "no-store")
		if s.opt.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if !safeMethod(r.Method) && r.URL.Path != uploadPath {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// permissionsPolicy denies the powerful browser features; the pages use
// none of them.
const permissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), " +
	"geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"

// cacheable lets the browser keep the stylesheet for an hour.
func cacheable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// filesOnly serves the files of an fs.FS and no directory, so that no
// listing is shown: a directory is as absent as a missing file.
type filesOnly struct{ fs.FS }

func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		file.Close()
		return nil, fs.ErrNotExist
	}
	return file, nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

const sessionCookie = "raat_sessie"

// anyRole marks a page open to every logged-in user.
const anyRole store.Role = "*"

// handler is a page's handler: it returns an error instead of writing one.
type handler func(w http.ResponseWriter, r *http.Request, se *store.Session) error

// page wraps a handler: it requires a session with one of the roles (else
// redirects to the login page, or answers 403), checks the CSRF token of
// every request that is not GET or HEAD whatever its content type, and
// turns the handler's error into a response. The body of such a request
// is at most maxFormBytes (headers); a larger one is refused.
func (s *Server) page(h handler, roles ...store.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		se := s.guard(w, r, roles)
		if se == nil {
			return
		}
		if !safeMethod(r.Method) {
			if err := parseForm(r); err != nil {
				s.fail(w, r, se, err)
				return
			}
			if !validCSRF(r.PostFormValue("csrf"), se.CSRF) {
				s.fail(w, r, se, errCSRF)
				return
			}
		}
		if err := h(w, r, se); err != nil {
			s.fail(w, r, se, err)
		}
	}
}

// uploadHandler is the handler of a streamed multipart upload: the CSRF
// token has been read and checked, the file's part is next.
type uploadHandler func(w http.ResponseWriter, r *http.Request, se *store.Session, mr *multipart.Reader) error

// uploadPage wraps an upload's handler as page does; the body is capped
// at Options.MaxUpload and streamed, so the CSRF token must be the first
// part of the form and is checked before anything else is read.
func (s *Server) uploadPage(h uploadHandler, roles ...store.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		se := s.guard(w, r, roles)
		if se == nil {
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
		mr, err := r.MultipartReader()
		if err != nil {
			s.fail(w, r, se, errCSRF) // not a multipart form: no token either
			return
		}
		part, err := mr.NextPart()
		if err != nil || part.FormName() != "csrf" {
			s.fail(w, r, se, errCSRF)
			return
		}
		csrf, _ := io.ReadAll(io.LimitReader(part, 256))
		if !validCSRF(string(csrf), se.CSRF) {
			s.fail(w, r, se, errCSRF)
			return
		}
		if err := h(w, r, se, mr); err != nil {
			s.fail(w, r, se, err)
		}
	}
}

// guard returns the request's session when it has one of the roles; else
// it answers (a redirect to the login page, 401 or 403) and returns nil.
func (s *Server) guard(w http.ResponseWriter, r *http.Request, roles []store.Role) *store.Session {
	se := s.session(r)
	if se == nil {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
			return nil
		}
		s.fail(w, r, nil, &httpError{http.StatusUnauthorized, "U bent niet ingelogd."})
		return nil
	}
	if !allowed(se.User.Role, roles) {
		s.fail(w, r, se, &httpError{http.StatusForbidden, "Deze pagina is niet voor uw account."})
		return nil
	}
	return se
}

var errCSRF = &httpError{http.StatusForbidden, "Het formulier is verlopen of niet van deze site. Laad de pagina opnieuw en probeer het nog eens."}

func validCSRF(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func allowed(role store.Role, roles []store.Role) bool {
	for _, r := range roles {
		if r == anyRole || r == role {
			return true
		}
	}
	return false
}

// session returns the request's live session, or nil.
func (s *Server) session(r *http.Request) *store.Session {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	se, err := s.store.SessionByToken(r.Context(), c.Value)
	if err != nil {
		return nil
	}
	return se
}

// httpError is an error with a status and a Dutch message for the user.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s", e.status, e.msg) }

func notFound() error {
	return &httpError{http.StatusNotFound, "Deze pagina bestaat niet, of is niet voor uw account."}
}

func badRequest(msg string) error { return &httpError{http.StatusBadRequest, msg} }

// fail answers with the error's status and Dutch message; other errors are
// logged and shown as a plain message, never with their details.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, se *store.Session, err error) {
	var he *httpError
	switch {
	case errors.As(err, &he):
	case errors.Is(err, store.ErrNotFound):
		he = notFound().(*httpError)
	case errors.Is(err, context.Canceled):
		return
	default:
		s.log.Error("request failed", "method", r.Method, "path", logValue(r.URL.Path), "err", err)
		he = &httpError{http.StatusInternalServerError, "Er ging iets mis aan onze kant. Probeer het later nog eens."}
	}
	w.WriteHeader(he.status)
	s.render(w, "fout.html", se, map[string]any{"Status": he.status, "Message": he.msg})
}

// render executes a template inside the layout.
func (s *Server) render(w http.ResponseWriter, name string, se *store.Session, data map[string]any) {
	if data == nil {
		data = map[string]any{}
	}
	data["Session"] = se
	data["Page"] = name
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.tmpl.ExecuteTemplate(w, name, data); err != nil {
		s.log.Error("template", "name", name, "err", err)
	}
}

// setSession sets or clears the session cookie.
func (s *Server) setSession(w http.ResponseWriter, tok string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	http.Redirect(w, r, homeOf(se.User.Role), http.StatusSeeOther)
	return nil
}

func homeOf(role store.Role) string {
	switch role {
	case store.Werkgever:
		return "/werkgever"
	case store.Bestuur:
		return "/bestuur"
	}
	return "/beheer"
}

// idParam reads a numeric path parameter; anything else is 404.
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound()
	}
	return id, nil
}
