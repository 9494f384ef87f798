package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"raat/store"
)

// The forms without a session (login, invitation, reset link) carry a
// CSRF token that is a random value in a cookie the form must repeat
// (double submit); the cross-origin check applies to them as to all.
const loginCSRFCookie = "raat_login"

// formToken sets a fresh double-submit token for the form at path and
// returns it.
func (s *Server) formToken(w http.ResponseWriter, path string) string {
	b := make([]byte, 24)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: tok, Path: path, MaxAge: 3600,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteStrictMode})
	return tok
}

// formTokenOK checks a form without a session: its body and its token.
func formTokenOK(r *http.Request) (bool, error) {
	if err := parseForm(r); err != nil {
		return false, err
	}
	c, err := r.Cookie(loginCSRFCookie)
	return err == nil && validCSRF(r.PostFormValue("csrf"), c.Value), nil
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if se := s.session(r); se != nil {
		http.Redirect(w, r, homeOf(se.User.Role), http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, "", http.StatusOK)
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, msg string, status int) {
	tok := s.formToken(w, "/inloggen")
	w.WriteHeader(status)
	s.render(w, "login.html", nil, map[string]any{"CSRF": tok, "Message": msg, "Flash": flash(r)})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ok, err := formTokenOK(r)
	var he *httpError
	if errors.As(err, &he) {
		s.renderLogin(w, r, he.msg, he.status)
		return
	}
	if !ok {
		s.renderLogin(w, r, errCSRF.msg, http.StatusForbidden)
		return
	}
	ip := clientIP(r)
	// The fields are bounded before the limiter, the log or the database
	// see them.
	email, err := field(r, "email", "E-mailadres", maxEmail)
	if err == nil {
		var pw string
		if pw, err = passwordField(r, "wachtwoord"); err == nil {
			s.authenticate(w, r, ip, strings.ToLower(email), pw)
			return
		}
	}
	s.log.Info("login refused: a field too long", "ip", ip, "email", logValue(r.PostFormValue("email")))
	errors.As(err, &he)
	s.renderLogin(w, r, he.msg, he.status)
}

func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, ip, email, pw string) {
	wait, ok := s.limiter.begin(ip, email)
	if !ok {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		s.renderLogin(w, r, fmt.Sprintf("Te veel mislukte pogingen voor dit account vanaf dit adres. Probeer het over %s opnieuw, of vraag het actiecentrum de blokkade op te heffen.",
			duration(wait)), http.StatusTooManyRequests)
		return
	}
	u, err := s.store.Authenticate(r.Context(), email, pw)
	switch {
	case errors.Is(err, store.ErrBadLogin):
		detail := ""
		if s.limiter.end(ip, email, loginFailed) {
			detail = "verdere pogingen van dit adres moeten even wachten"
		}
		s.log.Info("login failed", "email", logValue(email), "ip", ip)
		s.audit(r, &store.User{Email: email}, store.ActLoginFailed, detail)
		s.renderLogin(w, r, "Onbekend e-mailadres of verkeerd wachtwoord.", http.StatusUnauthorized)
		return
	case errors.Is(err, store.ErrDeactivated):
		s.limiter.end(ip, email, loginNeutral)
		s.audit(r, u, store.ActLoginFailed, "account gedeactiveerd")
		s.renderLogin(w, r, "Dit account is gedeactiveerd. Neem contact op met het actiecentrum.", http.StatusForbidden)
		return
	case err != nil:
		s.limiter.end(ip, email, loginNeutral)
		s.fail(w, r, nil, err)
		return
	}
	s.limiter.end(ip, email, loginSucceeded)
	tok, _, err := s.store.CreateSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, nil, err)
		return
	}
	s.audit(r, u, store.ActLogin, "")
	s.setSession(w, tok, int(store.SessionLifetime.Seconds()))
	http.Redirect(w, r, homeOf(u.Role), http.StatusSeeOther)
}

// duration says a wait in Dutch: "3 seconden", "2 minuten".
func duration(d time.Duration) string {
	if d < 90*time.Second {
		return fmt.Sprintf("%d seconden", max(1, int(math.Ceil(d.Seconds()))))
	}
	return fmt.Sprintf("%d minuten", int(math.Ceil(d.Minutes())))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	if err := s.store.DeleteSession(r.Context(), se.Token); err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActLogout, "")
	s.setSession(w, "", -1)
	http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
	return nil
}

// logoutEverywhere ends every session of the account, this one too.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	n, err := s.store.DeleteSessions(r.Context(), se.User.ID, "")
	if err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActLogoutEverywhere, fmt.Sprintf("%d sessies", n))
	s.setSession(w, "", -1)
	http.Redirect(w, r, "/inloggen?melding=overal-uitgelogd", http.StatusSeeOther)
	return nil
}

var errLinkGone = &httpError{http.StatusNotFound, "Deze link bestaat niet, is al gebruikt, is ingetrokken of is verlopen. Vraag het actiecentrum om een nieuwe."}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) {
	in, err := s.store.InviteByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, nil, errLinkGone)
		return
	}
	s.renderPasswordForm(w, r, in, nil, "", http.StatusOK)
}

// renderPasswordForm shows the form that sets a password from a link:
// an invitation's (in) or a reset link's (u).
func (s *Server) renderPasswordForm(w http.ResponseWriter, r *http.Request, in *store.Invite, u *store.User, msg string, status int) {
	tok := s.formToken(w, r.URL.Path)
	w.WriteHeader(status)
	s.render(w, "uitnodiging.html", nil, map[string]any{"Invite": in, "Reset": u, "CSRF": tok, "Message": msg,
		"Min": store.MinPasswordLength, "Max": store.MaxPasswordLength})
}

// newPassword reads a new password and its repetition; msg is the Dutch
// problem, or "".
func newPassword(r *http.Request, name, again string) (pw, msg string) {
	pw, err := passwordField(r, name)
	if err != nil {
		return "", err.(*httpError).msg
	}
	if pw != r.PostFormValue(again) {
		return "", "De twee wachtwoorden zijn niet gelijk."
	}
	switch store.CheckPassword(pw) {
	case store.ErrWeakPassword, store.ErrLongPassword:
		return "", passwordRule
	}
	return pw, ""
}

var passwordRule = fmt.Sprintf("Kies een wachtwoord van %d tot %d tekens.", store.MinPasswordLength, store.MaxPasswordLength)

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	in, err := s.store.InviteByToken(r.Context(), tok)
	if err != nil {
		s.fail(w, r, nil, errLinkGone)
		return
	}
	if ok, err := formTokenOK(r); err != nil || !ok {
		s.renderPasswordForm(w, r, in, nil, errCSRF.msg, http.StatusForbidden)
		return
	}
	pw, msg := newPassword(r, "wachtwoord", "herhaling")
	if msg != "" {
		s.renderPasswordForm(w, r, in, nil, msg, http.StatusBadRequest)
		return
	}
	u, err := s.store.AcceptInvite(r.Context(), tok, pw)
	switch {
	case errors.Is(err, store.ErrExists):
		s.renderPasswordForm(w, r, in, nil, "Er bestaat al een account met dit e-mailadres of KvK-nummer. Vraag het actiecentrum om raad.", http.StatusConflict)
		return
	case err != nil:
		s.fail(w, r, nil, err)
		return
	}
	s.audit(r, u, store.ActInviteAccepted, fmt.Sprintf("%s, %s", u.Role, u.Name))
	sessTok, _, err := s.store.CreateSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, nil, err)
		return
	}
	s.setSession(w, sessTok, int(store.SessionLifetime.Seconds()))
	http.Redirect(w, r, homeOf(u.Role), http.StatusSeeOther)
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.ResetByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, nil, errLinkGone)
		return
	}
	s.renderPasswordForm(w, r, nil, u, "", http.StatusOK)
}

// useReset sets the password of a reset link's account; every session of
// the account ends and its login block is lifted.
func (s *Server) useReset(w http.ResponseWriter, r *http.Request) {
	tok := r.PathValue("token")
	u, err := s.store.ResetByToken(r.Context(), tok)
	if err != nil {
		s.fail(w, r, nil, errLinkGone)
		return
	}
	if ok, err := formTokenOK(r); err != nil || !ok {
		s.renderPasswordForm(w, r, nil, u, errCSRF.msg, http.StatusForbidden)
		return
	}
	pw, msg := newPassword(r, "wachtwoord", "herhaling")
	if msg != "" {
		s.renderPasswordForm(w, r, nil, u, msg, http.StatusBadRequest)
		return
	}
	if _, err := s.store.UseReset(r.Context(), tok, pw); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			err = errLinkGone
		}
		s.fail(w, r, nil, err)
		return
	}
	s.limiter.lift(strings.ToLower(u.Email))
	s.audit(r, u, store.ActResetUsed, "")
	http.Redirect(w, r, "/inloggen?melding=wachtwoord-ingesteld", http.StatusSeeOther)
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
