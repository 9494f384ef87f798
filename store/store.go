// Package store keeps the web application's data in an embedded SQLite
// database (modernc.org/sqlite, pure Go): accounts, sessions, invitations,
// employer submissions with their raw workbooks and validation reports,
// and the scenarios analysts save.
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
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One writer at a time is SQLite's model; a small pool serves the reads.
	db.SetMaxOpenConns(4)
	s := &Store{db: db, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

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
}

func (s *Store) migrate(ctx context.Context) error {
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
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, len(migrations)); err != nil {
		return err
	}
	return tx.Commit()
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
