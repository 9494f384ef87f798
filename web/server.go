// Package web is raat's web application, in Dutch, for the region's three
// kinds of users:
//
//   - werkgevers (employers) download the workbook template, upload their
//     filled-in workbook, see every problem per cell, and their own
//     opleidingsquote against the region's and the reference of 15;
//   - the beheerder (the action centre) invites accounts, sees which
//     employers delivered, runs, compares, decomposes and solves
//     scenarios, and downloads Parquet, Arrow and the PDF report;
//   - bestuur (board members) read the dashboard: the shortfall per
//     scenario with its band, the waterfall, the headline numbers.
//
// Pages are server-rendered html/template with one stylesheet and no
// JavaScript; charts are the SVGs of package chart. Everything is stored
// in SQLite (package store). Safety: passwords are bcrypt hashes, sessions
// are HttpOnly SameSite cookies, every POST carries a CSRF token, logins
// are rate limited, uploads are size-capped and go through the workbook
// reader's refusals, security headers are set on every response, no user
// input becomes a file path, and an employer reaching for another's
// submission gets 404, as if it did not exist.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
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

// Options configure a Server.
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
}

// Server is the web application on top of a store and a base region.
type Server struct {
	store      *store.Store
	base       *forecast.Region
	baseSource string
	opt        Options
	tmpl       *template.Template
	limiter    *loginLimiter
	log        *slog.Logger

	mu    sync.Mutex
	model *model // the region built from the current submissions, cached

	studies studies // the study of the current data (study.go)
}

// New returns a server. base is the region whose assumptions fill what
// employers do not report (the demo region unless configured).
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
	t, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &Server{store: st, base: base, baseSource: baseSource, opt: opt, tmpl: t, limiter: newLoginLimiter(opt.Now), log: opt.Logger}, nil
}

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
}

// Handler returns the application's routes behind its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.page(s.home, anyRole))
	mux.HandleFunc("GET /inloggen", s.loginForm)
	mux.HandleFunc("POST /inloggen", s.login)
	mux.HandleFunc("POST /uitloggen", s.page(s.logout, anyRole))
	mux.HandleFunc("GET /uitnodiging/{token}", s.inviteForm)
	mux.HandleFunc("POST /uitnodiging/{token}", s.acceptInvite)

	mux.HandleFunc("GET /werkgever", s.page(s.employerHome, store.Werkgever))
	mux.HandleFunc("GET /werkgever/sjabloon.xlsx", s.page(s.template, store.Werkgever, store.Beheerder))
	mux.HandleFunc("POST /werkgever/upload", s.page(s.upload, store.Werkgever))
	mux.HandleFunc("GET /inzending/{id}", s.page(s.submission, store.Werkgever, store.Beheerder))
	mux.HandleFunc("GET /inzending/{id}/bestand", s.page(s.submissionFile, store.Werkgever, store.Beheerder))

	mux.HandleFunc("GET /beheer", s.page(s.adminHome, store.Beheerder))
	mux.HandleFunc("POST /beheer/uitnodigen", s.page(s.invite, store.Beheerder))
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
	mux.HandleFunc("GET /rapport.pdf", s.page(s.reportPDF, store.Bestuur, store.Beheerder))
	mux.HandleFunc("GET /grafiek/{kind}", s.page(s.chartSVG, anyRole))
	return s.headers(mux)
}

// headers sets the security headers of every response.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.opt.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

const sessionCookie = "raat_sessie"

// anyRole marks a page open to every logged-in user.
const anyRole store.Role = "*"

// handler is a page's handler: it returns an error instead of writing one.
type handler func(w http.ResponseWriter, r *http.Request, se *store.Session) error

// page wraps a handler: it requires a session with one of the roles (else
// redirects to the login page, or answers 403), checks the CSRF token of
// every POST, and turns the handler's error into a response.
func (s *Server) page(h handler, roles ...store.Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		se := s.session(r)
		if se == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
				return
			}
			s.fail(w, r, nil, &httpError{http.StatusUnauthorized, "U bent niet ingelogd."})
			return
		}
		if !allowed(se.User.Role, roles) {
			s.fail(w, r, se, &httpError{http.StatusForbidden, "Deze pagina is niet voor uw account."})
			return
		}
		if r.Method == http.MethodPost && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") && !validCSRF(r.PostFormValue("csrf"), se.CSRF) {
			s.fail(w, r, se, errCSRF)
			return
		}
		if err := h(w, r, se); err != nil {
			s.fail(w, r, se, err)
		}
	}
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
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
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
