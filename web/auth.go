package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"raat/store"
)

// The login form has no session yet, so its CSRF token is a random value
// in a cookie that the form must repeat (double submit).
const loginCSRFCookie = "raat_login"

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if se := s.session(r); se != nil {
		http.Redirect(w, r, homeOf(se.User.Role), http.StatusSeeOther)
		return
	}
	s.renderLogin(w, "", http.StatusOK)
}

func (s *Server) renderLogin(w http.ResponseWriter, msg string, status int) {
	b := make([]byte, 24)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: tok, Path: "/inloggen", MaxAge: 3600,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(status)
	s.render(w, "login.html", nil, map[string]any{"CSRF": tok, "Message": msg})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !validCSRF(r.PostFormValue("csrf"), c.Value) {
		s.renderLogin(w, errCSRF.msg, http.StatusForbidden)
		return
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	ip := clientIP(r)
	if !s.limiter.allow(ip, email) {
		s.renderLogin(w, "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.", http.StatusTooManyRequests)
		return
	}
	u, err := s.store.Authenticate(r.Context(), email, r.PostFormValue("wachtwoord"))
	if errors.Is(err, store.ErrBadLogin) {
		s.limiter.fail(ip, email)
		s.log.Info("login failed", "email", email, "ip", ip)
		s.renderLogin(w, "Onbekend e-mailadres of verkeerd wachtwoord.", http.StatusUnauthorized)
		return
	}
	if err != nil {
		s.fail(w, r, nil, err)
		return
	}
	tok, _, err := s.store.CreateSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, nil, err)
		return
	}
	s.limiter.succeed(email)
	s.setSession(w, tok, int(store.SessionLifetime.Seconds()))
	http.Redirect(w, r, homeOf(u.Role), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ *store.Session) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.store.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.setSession(w, "", -1)
	http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
	return nil
}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) {
	in, err := s.store.InviteByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		w.WriteHeader(http.StatusNotFound)
		s.render(w, "fout.html", nil, map[string]any{"Status": 404, "Message": "Deze uitnodiging bestaat niet, is al gebruikt of is verlopen."})
		return
	}
	s.renderInvite(w, r, in, "", http.StatusOK)
}

func (s *Server) renderInvite(w http.ResponseWriter, r *http.Request, in *store.Invite, msg string, status int) {
	b := make([]byte, 24)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: tok, Path: r.URL.Path, MaxAge: 3600,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteStrictMode})
	w.WriteHeader(status)
	s.render(w, "uitnodiging.html", nil, map[string]any{"Invite": in, "CSRF": tok, "Message": msg, "Min": store.MinPasswordLength})
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	in, err := s.store.InviteByToken(r.Context(), tok)
	if err != nil {
		w.WriteHeader(http.StatusNotFound)
		s.render(w, "fout.html", nil, map[string]any{"Status": 404, "Message": "Deze uitnodiging bestaat niet, is al gebruikt of is verlopen."})
		return
	}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !validCSRF(r.PostFormValue("csrf"), c.Value) {
		s.renderInvite(w, r, in, errCSRF.msg, http.StatusForbidden)
		return
	}
	pw := r.PostFormValue("wachtwoord")
	if pw != r.PostFormValue("herhaling") {
		s.renderInvite(w, r, in, "De twee wachtwoorden zijn niet gelijk.", http.StatusBadRequest)
		return
	}
	u, err := s.store.AcceptInvite(r.Context(), tok, pw)
	switch {
	case errors.Is(err, store.ErrWeakPassword):
		s.renderInvite(w, r, in, "Kies een wachtwoord van minstens 12 tekens.", http.StatusBadRequest)
		return
	case errors.Is(err, store.ErrExists):
		s.renderInvite(w, r, in, "Er bestaat al een account met dit e-mailadres of KvK-nummer.", http.StatusConflict)
		return
	case err != nil:
		s.fail(w, r, nil, err)
		return
	}
	sessTok, _, err := s.store.CreateSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, nil, err)
		return
	}
	s.setSession(w, sessTok, int(store.SessionLifetime.Seconds()))
	http.Redirect(w, r, homeOf(u.Role), http.StatusSeeOther)
}

// clientIP is the address the request came from. raat is meant to run
// behind no proxy or a trusted one; X-Forwarded-For is not believed.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginLimiter counts failed logins per e-mail address and per IP
// address in a sliding window, and refuses further attempts past a limit.
type loginLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	failures map[string][]time.Time
}

// The limits: failures per window, per address and per IP.
const (
	loginWindow       = 15 * time.Minute
	maxFailuresPerKey = 5
	maxFailuresPerIP  = 20
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, failures: map[string][]time.Time{}}
}

func (l *loginLimiter) recent(key string) int {
	cut := l.now().Add(-loginWindow)
	ts := l.failures[key]
	i := 0
	for i < len(ts) && ts[i].Before(cut) {
		i++
	}
	l.failures[key] = ts[i:]
	if len(l.failures[key]) == 0 {
		delete(l.failures, key)
	}
	return len(ts) - i
}

func (l *loginLimiter) allow(ip, email string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.recent("ip:"+ip) < maxFailuresPerIP && l.recent("email:"+email) < maxFailuresPerKey
}

func (l *loginLimiter) fail(ip, email string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.failures["ip:"+ip] = append(l.failures["ip:"+ip], now)
	l.failures["email:"+email] = append(l.failures["email:"+email], now)
}

func (l *loginLimiter) succeed(email string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, "email:"+email)
}
