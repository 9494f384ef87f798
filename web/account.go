package web

import (
	"errors"
	"net/http"
	"strings"

	"raat/store"
)

// accountPage is everyone's own account: who they are, a new password,
// and logging out everywhere.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	s.renderAccount(w, r, se, "", http.StatusOK)
	return nil
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, se *store.Session, msg string, status int) {
	w.WriteHeader(status)
	s.render(w, "account.html", se, map[string]any{"Message": msg, "Flash": flash(r),
		"Min": store.MinPasswordLength, "Max": store.MaxPasswordLength})
}

// changePassword sets a new password after the current one is confirmed
// (rate limited as logins are: a stolen session must not guess it), and
// logs out the account's other sessions.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	current, err := passwordField(r, "huidig")
	if err != nil {
		return err
	}
	ip, email := clientIP(r), strings.ToLower(se.User.Email)
	if wait, ok := s.limiter.begin(ip, email); !ok {
		s.renderAccount(w, r, se, "Te veel verkeerde wachtwoorden. Probeer het over "+duration(wait)+" opnieuw.", http.StatusTooManyRequests)
		return nil
	}
	err = s.store.VerifyPassword(r.Context(), se.User.ID, current)
	switch {
	case errors.Is(err, store.ErrBadLogin):
		s.limiter.end(ip, email, loginFailed)
		s.audit(r, &se.User, store.ActLoginFailed, "verkeerd huidig wachtwoord bij het wijzigen")
		s.renderAccount(w, r, se, "Uw huidige wachtwoord klopt niet.", http.StatusBadRequest)
		return nil
	case err != nil:
		s.limiter.end(ip, email, loginNeutral)
		return err
	}
	s.limiter.end(ip, email, loginSucceeded)
	pw, msg := newPassword(r, "nieuw", "herhaling")
	if msg != "" {
		s.renderAccount(w, r, se, msg, http.StatusBadRequest)
		return nil
	}
	if err := s.store.SetPassword(r.Context(), se.User.ID, pw, se.Token); err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActPasswordChanged, "andere sessies uitgelogd")
	http.Redirect(w, r, "/account?melding=wachtwoord-gewijzigd", http.StatusSeeOther)
	return nil
}

// audit records an action in the audit log; a failure to record is
// logged, and does not fail the request.
func (s *Server) audit(r *http.Request, actor *store.User, act store.Action, detail string) {
	e := store.Entry{IP: clientIP(r), Action: act, Detail: detail}
	if actor != nil {
		e.ActorID, e.ActorEmail = actor.ID, actor.Email
	}
	if err := s.store.Audit(r.Context(), e); err != nil {
		s.log.Error("audit", "action", act.String(), "err", err)
	}
}
