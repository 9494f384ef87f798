package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Role is what an account may do.
type Role string

const (
	// Beheerder is the action centre's administrator: invites, sees
	// everything, runs scenarios.
	Beheerder Role = "beheerder"
	// Werkgever is one employer (one KvK number): sees and uploads its own
	// data only.
	Werkgever Role = "werkgever"
	// Bestuur is a board member: reads the dashboards.
	Bestuur Role = "bestuur"
)

// ParseRole accepts the three role names.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case Beheerder, Werkgever, Bestuur:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q, want beheerder, werkgever or bestuur", s)
}

// User is an account.
type User struct {
	ID    int64
	Email string
	Name  string
	Role  Role
	// KvK is the employer's KvK number, for werkgevers only.
	KvK string
	// Active is false for a deactivated account: it cannot log in, and
	// its sessions and reset links no longer work.
	Active bool
}

// BcryptCost is the work factor of password hashes; tests lower it.
var BcryptCost = 12

// MinPasswordLength is the shortest password accepted, in bytes;
// MaxPasswordLength the longest: bcrypt reads no further than 72 bytes,
// and a longer password would be cut without the user knowing.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 72
)

// MaxEmailLength is the longest e-mail address (RFC 5321's 254 octets);
// MaxNameLength the longest account name.
const (
	MaxEmailLength = 254
	MaxNameLength  = 200
)

// Errors a user can cause; the web layer shows them in Dutch.
var (
	ErrBadLogin     = errors.New("unknown e-mail address or wrong password")
	ErrWeakPassword = fmt.Errorf("password shorter than %d bytes", MinPasswordLength)
	ErrLongPassword = fmt.Errorf("password longer than %d bytes", MaxPasswordLength)
	ErrBadEmail     = errors.New("not an e-mail address")
	ErrBadName      = fmt.Errorf("a name has 1 to %d characters", MaxNameLength)
	ErrBadKvK       = errors.New("a KvK number has 8 digits")
	ErrExists       = errors.New("already exists")
	// ErrKvKTaken: an invitation for a KvK number that has an account or
	// an open invitation already.
	ErrKvKTaken = errors.New("the KvK number has an account or an open invitation")
	// ErrInviteOpen: an invitation for an address with an open one.
	ErrInviteOpen = errors.New("the address has an open invitation")
	// ErrDeactivated is returned by Authenticate for the right password of
	// a deactivated account.
	ErrDeactivated = errors.New("account deactivated")
)

var (
	emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	kvkRE   = regexp.MustCompile(`^[0-9]{8}$`)
)

// ValidKvK reports whether s is a KvK number (8 digits).
func ValidKvK(s string) bool { return kvkRE.MatchString(s) }

func checkAccount(email, name string, role Role, kvk string) error {
	if len(email) > MaxEmailLength || !emailRE.MatchString(email) {
		return ErrBadEmail
	}
	if n := utf8.RuneCountInString(name); n == 0 || n > MaxNameLength {
		return ErrBadName
	}
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	if role == Werkgever && !ValidKvK(kvk) {
		return ErrBadKvK
	}
	if role != Werkgever && kvk != "" {
		return fmt.Errorf("only a werkgever has a KvK number")
	}
	return nil
}

// CreateUser creates an account with a password.
func (s *Store) CreateUser(ctx context.Context, email, name string, role Role, kvk, password string) (*User, error) {
	return createUser(ctx, s.db, s.now(), email, name, role, kvk, password)
}

// execer is a database or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func createUser(ctx context.Context, db execer, now time.Time, email, name string, role Role, kvk, password string) (*User, error) {
	email, name = strings.TrimSpace(email), strings.TrimSpace(name)
	if err := checkAccount(email, name, role, kvk); err != nil {
		return nil, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	var kvkArg any
	if kvk != "" {
		kvkArg = kvk
	}
	res, err := db.ExecContext(ctx, `INSERT INTO users (email, name, role, kvk, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		email, name, string(role), kvkArg, hash, ts(now))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return nil, fmt.Errorf("account %s: %w", email, ErrExists)
		}
		return nil, err
	}
	id, _ := res.LastInsertId()
	return &User{ID: id, Email: email, Name: name, Role: role, KvK: kvk, Active: true}, nil
}

// CheckPassword says whether a password may be chosen: ErrWeakPassword,
// ErrLongPassword or nil.
func CheckPassword(password string) error {
	switch {
	case len(password) < MinPasswordLength:
		return ErrWeakPassword
	case len(password) > MaxPasswordLength:
		return ErrLongPassword
	}
	return nil
}

func hashPassword(password string) ([]byte, error) {
	if err := CheckPassword(password); err != nil {
		return nil, err
	}
	return bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
}

// Authenticate checks an e-mail address and password. It takes as long
// for an unknown address as for a wrong password, so the timing does not
// tell which addresses have accounts.
//
// A deactivated account's right password gives ErrDeactivated (with the
// user), so that its owner learns why; a wrong one gives ErrBadLogin, as
// for any account, so that deactivation tells a guesser nothing.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	email = strings.TrimSpace(email)
	if len(email) > MaxEmailLength || len(password) > MaxPasswordLength {
		return nil, ErrBadLogin
	}
	u, hash, err := s.userByEmail(ctx, email)
	if errors.Is(err, ErrNotFound) {
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return nil, ErrBadLogin
	}
	if err != nil {
		return nil, err
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil {
		return nil, ErrBadLogin
	}
	if !u.Active {
		return u, ErrDeactivated
	}
	return u, nil
}

// VerifyPassword checks the password of an account (to confirm a change).
func (s *Store) VerifyPassword(ctx context.Context, userID int64, password string) error {
	var hash []byte
	err := s.db.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, userID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if len(password) > MaxPasswordLength || bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil {
		return ErrBadLogin
	}
	return nil
}

// SetPassword gives an account a new password and logs out every session
// of the account but keepSession (a session's cookie value; "" logs out
// all), in one transaction.
func (s *Store) SetPassword(ctx context.Context, userID int64, password, keepSession string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx, _ time.Time) error { return setPassword(ctx, tx, userID, hash, keepSession) })
}

func setPassword(ctx context.Context, tx *sql.Tx, userID int64, hash []byte, keepSession string) error {
	res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrNotFound
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash != ?`, userID, hashToken(keepSession))
	return err
}

// DeleteSessions logs out every session of an account but keepSession (a
// cookie value; "" logs out all); it returns how many it ended.
func (s *Store) DeleteSessions(ctx context.Context, userID int64, keepSession string) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash != ?`, userID, hashToken(keepSession))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// SetActive deactivates (active false) or reactivates an account. A
// deactivated account's sessions end and its reset links stop working.
func (s *Store) SetActive(ctx context.Context, userID int64, active bool) error {
	return s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var at any
		if !active {
			at = ts(now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET deactivated_at = ? WHERE id = ?`, at, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNotFound
		}
		if active {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, ts(now), userID)
		return err
	})
}

// UserByID returns an account.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	return scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// dummyHash is compared against for unknown addresses.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("not a password of anyone"), BcryptCost)
	return h
})

const userColumns = `id, email, name, role, kvk, deactivated_at IS NULL`

func scanUser(row scanner, extra ...any) (*User, error) {
	var u User
	var kvk sql.NullString
	err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &u.Role, &kvk, &u.Active}, extra...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	u.KvK = kvk.String
	return &u, nil
}

func (s *Store) userByEmail(ctx context.Context, email string) (*User, []byte, error) {
	var hash []byte
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = ?`, email), &hash)
	return u, hash, err
}

// Users lists the accounts, by role and e-mail.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	return queryAll(ctx, s.db, func(r scanner) (*User, error) { return scanUser(r) }, `SELECT `+userColumns+` FROM users ORDER BY role, email`)
}

// token returns a random token (for a cookie or a link) and its hash (for
// the database: a stolen database holds no usable tokens).
func token() (string, []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	t := base64.RawURLEncoding.EncodeToString(b)
	return t, hashToken(t)
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

// Session is a logged-in browser.
type Session struct {
	User User
	// CSRF is the token every form of the session must carry.
	CSRF string
	// Token is the session's cookie value, as the browser sent it.
	Token string
}

// SessionLifetime is how long a login lasts.
const SessionLifetime = 12 * time.Hour

// CreateSession logs a user in and returns the session's cookie value.
func (s *Store) CreateSession(ctx context.Context, u *User) (string, *Session, error) {
	tok, hash := token()
	csrf, _ := token()
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)`,
		hash, u.ID, csrf, ts(s.now().Add(SessionLifetime)))
	if err != nil {
		return "", nil, err
	}
	return tok, &Session{User: *u, CSRF: csrf, Token: tok}, nil
}

// SessionByToken returns the live session of a cookie value; a
// deactivated account has none.
func (s *Store) SessionByToken(ctx context.Context, tok string) (*Session, error) {
	se := Session{Token: tok}
	var expires string
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.kvk, u.deactivated_at IS NULL, s.csrf, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hashToken(tok)), &se.CSRF, &expires)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, ErrNotFound
	}
	if s.now().After(parseTS(expires)) {
		s.DeleteSession(ctx, tok)
		return nil, ErrNotFound
	}
	se.User = *u
	return &se, nil
}

// DeleteSession logs a session out.
func (s *Store) DeleteSession(ctx context.Context, tok string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(tok))
	return err
}

// Invite is an invitation to make an account.
type Invite struct {
	// ID names the invitation in the administrator's pages.
	ID          int64
	Email, Name string
	Role        Role
	KvK         string
	Expires     time.Time
	// CreatedBy is the administrator who made (or last renewed) it.
	CreatedBy string
}

// InviteLifetime is how long an invitation link works.
const InviteLifetime = 14 * 24 * time.Hour

// CreateInvite records an invitation and returns the token for its link.
// It refuses an address that has an account (ErrExists) or an open
// invitation (ErrInviteOpen, renew that one instead), and a KvK number
// that has an account or an open invitation (ErrKvKTaken): one account per
// employer, found out now rather than when the invitation is accepted.
func (s *Store) CreateInvite(ctx context.Context, by *User, in Invite) (string, error) {
	in.Email, in.Name = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name)
	if err := checkAccount(in.Email, in.Name, in.Role, in.KvK); err != nil {
		return "", err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	now := ts(s.now())
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = ?`, in.Email).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "", fmt.Errorf("account %s: %w", in.Email, ErrExists)
	}
	const open = `used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invites WHERE email = ? AND `+open, in.Email, now).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "", fmt.Errorf("invitation for %s: %w", in.Email, ErrInviteOpen)
	}
	var kvk any
	if in.KvK != "" {
		kvk = in.KvK
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users WHERE kvk = ?) + (SELECT count(*) FROM invites WHERE kvk = ? AND `+open+`)`,
			in.KvK, in.KvK, now).Scan(&n); err != nil {
			return "", err
		}
		if n > 0 {
			return "", fmt.Errorf("KvK %s: %w", in.KvK, ErrKvKTaken)
		}
	}
	tok, hash := token()
	if _, err := tx.ExecContext(ctx, `INSERT INTO invites (token_hash, email, name, role, kvk, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		hash, in.Email, in.Name, string(in.Role), kvk, by.ID, ts(s.now().Add(InviteLifetime))); err != nil {
		return "", err
	}
	return tok, tx.Commit()
}

const inviteColumns = `i.id, i.email, i.name, i.role, i.kvk, i.expires_at, u.email`

func scanInvite(row scanner, extra ...any) (*Invite, error) {
	var in Invite
	var kvk sql.NullString
	var expires string
	if err := row.Scan(append([]any{&in.ID, &in.Email, &in.Name, &in.Role, &kvk, &expires, &in.CreatedBy}, extra...)...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	in.KvK, in.Expires = kvk.String, parseTS(expires)
	return &in, nil
}

// InviteByToken returns an open invitation (not used, revoked or expired).
func (s *Store) InviteByToken(ctx context.Context, tok string) (*Invite, error) {
	return inviteByToken(ctx, s.db, s.now(), tok)
}

func inviteByToken(ctx context.Context, db execer, now time.Time, tok string) (*Invite, error) {
	in, err := scanInvite(db.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invites i JOIN users u ON u.id = i.created_by
		WHERE i.token_hash = ? AND i.used_at IS NULL AND i.revoked_at IS NULL`, hashToken(tok)))
	if err != nil {
		return nil, err
	}
	if now.After(in.Expires) {
		return nil, ErrNotFound
	}
	return in, nil
}

// OpenInvites lists the invitations not used, revoked or expired, newest
// first.
func (s *Store) OpenInvites(ctx context.Context) ([]Invite, error) {
	return queryAll(ctx, s.db, func(r scanner) (*Invite, error) { return scanInvite(r) }, `SELECT `+inviteColumns+` FROM invites i JOIN users u ON u.id = i.created_by
		WHERE i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ? ORDER BY i.id DESC`, ts(s.now()))
}

// RevokeInvite withdraws an open invitation: its link stops working.
func (s *Store) RevokeInvite(ctx context.Context, id int64) (*Invite, error) {
	in, err := s.openInvite(ctx, id)
	if err != nil {
		return nil, err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE invites SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL`, ts(s.now()), id)
	return in, err
}

// RenewInvite gives an open invitation a new link, valid for another
// InviteLifetime; the old link stops working. It returns the new token.
func (s *Store) RenewInvite(ctx context.Context, by *User, id int64) (string, *Invite, error) {
	in, err := s.openInvite(ctx, id)
	if err != nil {
		return "", nil, err
	}
	tok, hash := token()
	in.Expires = s.now().Add(InviteLifetime)
	res, err := s.db.ExecContext(ctx, `UPDATE invites SET token_hash = ?, expires_at = ?, created_by = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL`,
		hash, ts(in.Expires), by.ID, id)
	if err != nil {
		return "", nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return "", nil, ErrNotFound
	}
	return tok, in, nil
}

// openInvite returns an invitation by id that is neither used nor
// revoked (an expired one may be renewed).
func (s *Store) openInvite(ctx context.Context, id int64) (*Invite, error) {
	return scanInvite(s.db.QueryRowContext(ctx, `SELECT `+inviteColumns+` FROM invites i JOIN users u ON u.id = i.created_by
		WHERE i.id = ? AND i.used_at IS NULL AND i.revoked_at IS NULL`, id))
}

// AcceptInvite makes the invited account with the chosen password, once.
// Marking the invitation used and making the account are one
// transaction: an invitation that cannot become an account (its address
// or KvK number taken since) stays open, for the administrator to revoke.
func (s *Store) AcceptInvite(ctx context.Context, tok, password string) (u *User, err error) {
	if err := CheckPassword(password); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		in, err := inviteByToken(ctx, tx, now, tok)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL`, ts(now), in.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNotFound
		}
		u, err = createUser(ctx, tx, now, in.Email, in.Name, in.Role, in.KvK, password)
		return err
	})
	return u, err
}

// ResetLifetime is how long a password reset link works.
const ResetLifetime = 24 * time.Hour

// CreateReset makes a password reset link for an active account and
// returns its token; earlier open links of the account stop working.
func (s *Store) CreateReset(ctx context.Context, by *User, userID int64) (string, *User, error) {
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return "", nil, err
	}
	if !u.Active {
		return "", nil, ErrDeactivated
	}
	var tok string
	err = s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if _, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, ts(now), userID); err != nil {
			return err
		}
		var hash []byte
		tok, hash = token()
		_, err := tx.ExecContext(ctx, `INSERT INTO password_resets (token_hash, user_id, created_by, expires_at) VALUES (?, ?, ?, ?)`,
			hash, userID, by.ID, ts(now.Add(ResetLifetime)))
		return err
	})
	return tok, u, err
}

// ResetByToken returns the account of an open reset link.
func (s *Store) ResetByToken(ctx context.Context, tok string) (*User, error) {
	return resetByToken(ctx, s.db, s.now(), tok)
}

func resetByToken(ctx context.Context, db execer, now time.Time, tok string) (*User, error) {
	var expires string
	u, err := scanUser(db.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.kvk, u.deactivated_at IS NULL, r.expires_at
		FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ? AND r.used_at IS NULL`, hashToken(tok)), &expires)
	if err != nil {
		return nil, err
	}
	if !u.Active || now.After(parseTS(expires)) {
		return nil, ErrNotFound
	}
	return u, nil
}

// UseReset sets the password of a reset link's account, once, and logs
// out all of the account's sessions.
func (s *Store) UseReset(ctx context.Context, tok, password string) (u *User, err error) {
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if u, err = resetByToken(ctx, tx, now, tok); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = ? WHERE token_hash = ?`, ts(now), hashToken(tok)); err != nil {
			return err
		}
		return setPassword(ctx, tx, u.ID, hash, "")
	})
	return u, err
}
