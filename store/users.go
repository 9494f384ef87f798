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
}

// BcryptCost is the work factor of password hashes; tests lower it.
var BcryptCost = 12

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// Errors a user can cause; the web layer shows them in Dutch.
var (
	ErrBadLogin     = errors.New("unknown e-mail address or wrong password")
	ErrWeakPassword = fmt.Errorf("password shorter than %d characters", MinPasswordLength)
	ErrBadEmail     = errors.New("not an e-mail address")
	ErrBadKvK       = errors.New("a KvK number has 8 digits")
	ErrExists       = errors.New("already exists")
)

var (
	emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	kvkRE   = regexp.MustCompile(`^[0-9]{8}$`)
)

// ValidKvK reports whether s is a KvK number (8 digits).
func ValidKvK(s string) bool { return kvkRE.MatchString(s) }

func checkAccount(email string, role Role, kvk string) error {
	if !emailRE.MatchString(email) {
		return ErrBadEmail
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
	email = strings.TrimSpace(email)
	if err := checkAccount(email, role, kvk); err != nil {
		return nil, err
	}
	if len(password) < MinPasswordLength {
		return nil, ErrWeakPassword
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), BcryptCost)
	if err != nil {
		return nil, err
	}
	var kvkArg any
	if kvk != "" {
		kvkArg = kvk
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO users (email, name, role, kvk, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		email, name, string(role), kvkArg, hash, ts(s.now()))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return nil, fmt.Errorf("account %s: %w", email, ErrExists)
		}
		return nil, err
	}
	id, _ := res.LastInsertId()
	return &User{ID: id, Email: email, Name: name, Role: role, KvK: kvk}, nil
}

// Authenticate checks an e-mail address and password. It takes as long
// for an unknown address as for a wrong password, so the timing does not
// tell which addresses have accounts.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	u, hash, err := s.userByEmail(ctx, strings.TrimSpace(email))
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
	return u, nil
}

// dummyHash is compared against for unknown addresses.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("not a password of anyone"), BcryptCost)
	return h
})

func (s *Store) userByEmail(ctx context.Context, email string) (*User, []byte, error) {
	var u User
	var kvk sql.NullString
	var hash []byte
	err := s.db.QueryRowContext(ctx, `SELECT id, email, name, role, kvk, password_hash FROM users WHERE email = ?`, email).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &kvk, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	u.KvK = kvk.String
	return &u, hash, err
}

// Users lists the accounts, by role and e-mail.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, name, role, kvk FROM users ORDER BY role, email`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var us []User
	for rows.Next() {
		var u User
		var kvk sql.NullString
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &kvk); err != nil {
			return nil, err
		}
		u.KvK = kvk.String
		us = append(us, u)
	}
	return us, rows.Err()
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
	return tok, &Session{User: *u, CSRF: csrf}, nil
}

// SessionByToken returns the live session of a cookie value.
func (s *Store) SessionByToken(ctx context.Context, tok string) (*Session, error) {
	var se Session
	var kvk sql.NullString
	var expires string
	err := s.db.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.kvk, s.csrf, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hashToken(tok)).
		Scan(&se.User.ID, &se.User.Email, &se.User.Name, &se.User.Role, &kvk, &se.CSRF, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if s.now().After(parseTS(expires)) {
		s.DeleteSession(ctx, tok)
		return nil, ErrNotFound
	}
	se.User.KvK = kvk.String
	return &se, nil
}

// DeleteSession logs a session out.
func (s *Store) DeleteSession(ctx context.Context, tok string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(tok))
	return err
}

// Invite is an invitation to make an account.
type Invite struct {
	Email, Name string
	Role        Role
	KvK         string
	Expires     time.Time
}

// InviteLifetime is how long an invitation link works.
const InviteLifetime = 14 * 24 * time.Hour

// CreateInvite records an invitation and returns the token for its link.
func (s *Store) CreateInvite(ctx context.Context, by *User, in Invite) (string, error) {
	in.Email = strings.TrimSpace(in.Email)
	if err := checkAccount(in.Email, in.Role, in.KvK); err != nil {
		return "", err
	}
	if _, _, err := s.userByEmail(ctx, in.Email); err == nil {
		return "", fmt.Errorf("account %s: %w", in.Email, ErrExists)
	}
	tok, hash := token()
	var kvk any
	if in.KvK != "" {
		kvk = in.KvK
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO invites (token_hash, email, name, role, kvk, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		hash, in.Email, in.Name, string(in.Role), kvk, by.ID, ts(s.now().Add(InviteLifetime)))
	return tok, err
}

// InviteByToken returns an open invitation.
func (s *Store) InviteByToken(ctx context.Context, tok string) (*Invite, error) {
	var in Invite
	var kvk, used sql.NullString
	var expires string
	err := s.db.QueryRowContext(ctx, `SELECT email, name, role, kvk, expires_at, used_at FROM invites WHERE token_hash = ?`, hashToken(tok)).
		Scan(&in.Email, &in.Name, &in.Role, &kvk, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || used.Valid {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	in.KvK, in.Expires = kvk.String, parseTS(expires)
	if s.now().After(in.Expires) {
		return nil, ErrNotFound
	}
	return &in, nil
}

// AcceptInvite makes the invited account with the chosen password, once.
func (s *Store) AcceptInvite(ctx context.Context, tok, password string) (*User, error) {
	in, err := s.InviteByToken(ctx, tok)
	if err != nil {
		return nil, err
	}
	if len(password) < MinPasswordLength {
		return nil, ErrWeakPassword
	}
	res, err := s.db.ExecContext(ctx, `UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, ts(s.now()), hashToken(tok))
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, ErrNotFound
	}
	return s.CreateUser(ctx, in.Email, in.Name, in.Role, in.KvK, password)
}
