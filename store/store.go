// Package store keeps the web application's data in an embedded SQLite
// database (modernc.org/sqlite, pure Go): accounts (which can be
// deactivated), sessions, invitations (which can be revoked and renewed),
// password reset links, employer submissions with their raw workbooks and
// validation reports, the scenarios analysts save, and the audit log.
//
// An upload is stored before it is checked (AddUpload) and checked by the
// web application's queue (FinishCheck), so a confirmed upload survives a
// crash and is checked after the restart (Waiting). Refused files are
// kept for a limited time and number per employer (DropRefusedFiles); the
// report of a refused upload stays, for the employer's history.
//
// Tokens (sessions, invitations, reset links) are stored as SHA-256
// hashes: a copy of the database holds no usable link or cookie.
//
// Every change that must be all-or-nothing is one transaction: an accepted
// upload and the retirement of the submission it replaces commit together,
// so a crash leaves either the old or the new state, never a mix. The
// database runs in WAL mode with synchronous=FULL, so a committed upload
// survives a crash of the process or the machine.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned for a row that does not exist (or is not the
// caller's to see).
var ErrNotFound = errors.New("not found")

// Store is the database.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// Open opens (creating if needed) the database file and migrates it to
// the current schema.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := openUnmigrated(path)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

func openUnmigrated(path string) (*Store, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One writer at a time is SQLite's model; a small pool serves the reads.
	db.SetMaxOpenConns(4)
	return &Store{db: db, now: time.Now}, nil
}

// SetClock replaces the store's clock (for tests of expiry and retention).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrations are applied in order, each once; schema_version records how
// far a database has come. Never edit a migration that has shipped: add one.
var migrations = []string{
	`CREATE TABLE users (
		id            INTEGER PRIMARY KEY,
		email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
		name          TEXT NOT NULL,
		role          TEXT NOT NULL CHECK (role IN ('beheerder', 'werkgever', 'bestuur')),
		kvk           TEXT CHECK ((role = 'werkgever') = (kvk IS NOT NULL)),
		password_hash BLOB NOT NULL,
		created_at    TEXT NOT NULL
	);
	CREATE UNIQUE INDEX users_kvk ON users (kvk) WHERE kvk IS NOT NULL;
	CREATE TABLE sessions (
		token_hash BLOB PRIMARY KEY,
		user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
		csrf       TEXT NOT NULL,
		expires_at TEXT NOT NULL
	);
	CREATE TABLE invites (
		token_hash BLOB PRIMARY KEY,
		email      TEXT NOT NULL COLLATE NOCASE,
		name       TEXT NOT NULL,
		role       TEXT NOT NULL CHECK (role IN ('beheerder', 'werkgever', 'bestuur')),
		kvk        TEXT,
		created_by INTEGER NOT NULL REFERENCES users (id),
		expires_at TEXT NOT NULL,
		used_at    TEXT
	);
	CREATE TABLE submissions (
		id          INTEGER PRIMARY KEY,
		kvk         TEXT NOT NULL,
		employer    TEXT NOT NULL,
		peildatum   TEXT,
		filename    TEXT NOT NULL,
		size        INTEGER NOT NULL,
		digest      TEXT NOT NULL,
		uploaded_by INTEGER NOT NULL REFERENCES users (id),
		uploaded_at TEXT NOT NULL,
		accepted    INTEGER NOT NULL,
		current     INTEGER NOT NULL DEFAULT 0,
		report      TEXT NOT NULL,
		parsed      TEXT,
		raw         BLOB NOT NULL
	);
	CREATE INDEX submissions_kvk ON submissions (kvk, uploaded_at);
	CREATE UNIQUE INDEX submissions_current ON submissions (kvk, peildatum) WHERE current = 1;
	CREATE TABLE scenarios (
		id         INTEGER PRIMARY KEY,
		name       TEXT NOT NULL UNIQUE,
		yaml       TEXT NOT NULL,
		saved_by   INTEGER NOT NULL REFERENCES users (id),
		saved_at   TEXT NOT NULL
	);`,
	// 2: the account lifecycle and bounded uploads. Accounts can be
	// deactivated; invitations get an id (to revoke or renew them) and can
	// be revoked; password reset links; the audit log; uploads are stored
	// first and checked by a queue (checked = 0 while waiting); refused
	// files are dropped after a while (file_dropped_at). The name shown
	// for a submission is the account's, not the workbook's: existing
	// rows take their account's name, in the row and in the stored
	// figures (the workbook's own spelling stays in the raw file).
	`ALTER TABLE users ADD COLUMN deactivated_at TEXT;
	CREATE TABLE invites_v2 (
		id         INTEGER PRIMARY KEY,
		token_hash BLOB NOT NULL UNIQUE,
		email      TEXT NOT NULL COLLATE NOCASE,
		name       TEXT NOT NULL,
		role       TEXT NOT NULL CHECK (role IN ('beheerder', 'werkgever', 'bestuur')),
		kvk        TEXT,
		created_by INTEGER NOT NULL REFERENCES users (id),
		expires_at TEXT NOT NULL,
		used_at    TEXT,
		revoked_at TEXT
	);
	INSERT INTO invites_v2 (token_hash, email, name, role, kvk, created_by, expires_at, used_at)
		SELECT token_hash, email, name, role, kvk, created_by, expires_at, used_at FROM invites ORDER BY rowid;
	DROP TABLE invites;
	ALTER TABLE invites_v2 RENAME TO invites;
	CREATE TABLE password_resets (
		id         INTEGER PRIMARY KEY,
		token_hash BLOB NOT NULL UNIQUE,
		user_id    INTEGER NOT NULL REFERENCES users (id),
		created_by INTEGER NOT NULL REFERENCES users (id),
		expires_at TEXT NOT NULL,
		used_at    TEXT
	);
	CREATE TABLE audit (
		id          INTEGER PRIMARY KEY,
		at          TEXT NOT NULL,
		actor_id    INTEGER REFERENCES users (id),
		actor_email TEXT NOT NULL,
		ip          TEXT NOT NULL,
		action      TEXT NOT NULL,
		detail      TEXT NOT NULL
	);
	ALTER TABLE submissions ADD COLUMN checked INTEGER NOT NULL DEFAULT 1;
	ALTER TABLE submissions ADD COLUMN file_dropped_at TEXT;
	CREATE INDEX submissions_waiting ON submissions (id) WHERE checked = 0;
	UPDATE submissions SET
		employer = (SELECT u.name FROM users u WHERE u.kvk = submissions.kvk),
		parsed = CASE WHEN parsed IS NULL THEN NULL
			ELSE json_set(parsed, '$.employer.name', (SELECT u.name FROM users u WHERE u.kvk = submissions.kvk)) END
		WHERE kvk IN (SELECT kvk FROM users WHERE kvk IS NOT NULL);`,
}

func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, len(migrations)) }

// migrateTo applies the migrations up to version n (the tests build
// databases of earlier versions with it).
func (s *Store) migrateTo(ctx context.Context, n int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return err
		}
	case err != nil:
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("the database is at schema version %d, newer than this raat (%d)", v, len(migrations))
	}
	if v >= n {
		return nil
	}
	for i := v; i < n; i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, n); err != nil {
		return err
	}
	return tx.Commit()
}

// inTx runs fn in a transaction, with the store's clock read once, and
// commits when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx, now time.Time) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx, s.now()); err != nil {
		return err
	}
	return tx.Commit()
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryAll runs q and returns its rows as scan reads them.
func queryAll[T any](ctx context.Context, db *sql.DB, scan func(scanner) (*T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

// Check runs SQLite's integrity check and returns its findings.
func (s *Store) Check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	return nil
}

const timeLayout = time.RFC3339Nano

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}
