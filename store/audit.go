package store

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"
)

// Action is what an audit log entry records.
type Action uint8

// The actions of the audit log.
const (
	ActLogin Action = iota
	ActLoginFailed
	ActLogout
	ActLogoutEverywhere
	ActPasswordChanged
	ActResetCreated
	ActResetUsed
	ActInviteCreated
	ActInviteRenewed
	ActInviteRevoked
	ActInviteAccepted
	ActDeactivated
	ActReactivated
	ActLockLifted
	ActUpload
	ActUploadChecked
	ActScenarioSaved
	numActions
)

var actionNames = [numActions]string{
	"login", "login-failed", "logout", "logout-everywhere", "password-changed",
	"reset-created", "reset-used", "invite-created", "invite-renewed", "invite-revoked", "invite-accepted",
	"deactivated", "reactivated", "lock-lifted", "upload", "upload-checked", "scenario-saved",
}

var actionLabels = [numActions]string{
	"ingelogd", "inloggen mislukt", "uitgelogd", "overal uitgelogd", "wachtwoord gewijzigd",
	"herstellink gemaakt", "wachtwoord hersteld", "uitnodiging gemaakt", "uitnodiging vernieuwd", "uitnodiging ingetrokken", "uitnodiging aanvaard",
	"account gedeactiveerd", "account geactiveerd", "inlogblokkade opgeheven", "upload ontvangen", "upload gecontroleerd", "scenario opgeslagen",
}

// String is the action's name in the database and the logs.
func (a Action) String() string {
	if a < numActions {
		return actionNames[a]
	}
	return fmt.Sprintf("action(%d)", a)
}

// Label is the action in Dutch, for the beheerder's page.
func (a Action) Label() string {
	if a < numActions {
		return actionLabels[a]
	}
	return a.String()
}

// ParseAction reads an action's name.
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if n == s {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("unknown audit action %q", s)
}

// Entry is one line of the audit log.
type Entry struct {
	ID int64
	At time.Time
	// ActorID is the account that acted, 0 for an anonymous request (a
	// failed login); ActorEmail the address it used, cut to
	// MaxEmailLength.
	ActorID    int64
	ActorEmail string
	IP         string
	Action     Action
	// Detail says what was acted on, cut to MaxDetailLength.
	Detail string
}

// MaxDetailLength bounds an entry's detail, in characters.
const MaxDetailLength = 500

// auditKeep is how many entries the log keeps; older ones are deleted
// as new ones come in, so that failed logins cannot fill the disk.
const auditKeep = 100_000

// Audit records an entry; At is the store's clock when zero.
func (s *Store) Audit(ctx context.Context, e Entry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	var actor any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO audit (at, actor_id, actor_email, ip, action, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		ts(e.At), actor, clip(e.ActorEmail, MaxEmailLength), clip(e.IP, 64), e.Action.String(), clip(e.Detail, MaxDetailLength))
	if err != nil {
		return err
	}
	if id, _ := res.LastInsertId(); id%1000 == 0 {
		_, err = s.db.ExecContext(ctx, `DELETE FROM audit WHERE id <= ?`, id-auditKeep)
	}
	return err
}

// AuditLog returns up to n entries older than entry before (0: the
// newest), newest first.
func (s *Store) AuditLog(ctx context.Context, before int64, n int) ([]Entry, error) {
	q := `SELECT id, at, coalesce(actor_id, 0), actor_email, ip, action, detail FROM audit`
	args := []any{}
	if before > 0 {
		q += ` WHERE id < ?`
		args = append(args, before)
	}
	return queryAll(ctx, s.db, func(r scanner) (*Entry, error) {
		var e Entry
		var at, action string
		if err := r.Scan(&e.ID, &at, &e.ActorID, &e.ActorEmail, &e.IP, &action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTS(at)
		var err error
		e.Action, err = ParseAction(action)
		return &e, err
	}, q+` ORDER BY id DESC LIMIT ?`, append(args, n)...)
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
