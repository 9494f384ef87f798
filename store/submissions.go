package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// Submission is one uploaded workbook: accepted or refused, with its
// validation report and, when accepted, its figures.
type Submission struct {
	ID        int64
	KvK       string
	Employer  string
	Peildatum time.Time // zero when the file did not say
	Filename  string
	Size      int64
	Digest    string
	// UploadedBy is the account that uploaded it.
	UploadedBy int64
	UploadedAt time.Time
	Accepted   bool
	// Current is true for the accepted submission of a KvK number and
	// peildatum that counts; earlier ones are history.
	Current bool
	// Report is the validation report (JSON); Parsed the figures of an
	// accepted workbook (JSON), as the web layer encodes them.
	Report json.RawMessage
	Parsed json.RawMessage
}

// AddSubmission stores an upload and its raw file. An accepted one
// replaces the current submission of the same KvK number and peildatum in
// the same transaction; a refused one changes nothing else.
func (s *Store) AddSubmission(ctx context.Context, sub *Submission, raw []byte) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var peil any
	if !sub.Peildatum.IsZero() {
		peil = sub.Peildatum.Format(time.DateOnly)
	}
	if sub.Accepted {
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET current = 0 WHERE kvk = ? AND peildatum = ? AND current = 1`, sub.KvK, peil); err != nil {
			return 0, err
		}
	}
	var parsed any
	if sub.Parsed != nil {
		parsed = string(sub.Parsed)
	}
	if sub.UploadedAt.IsZero() {
		sub.UploadedAt = s.now()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO submissions (kvk, employer, peildatum, filename, size, digest, uploaded_by, uploaded_at, accepted, current, report, parsed, raw)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sub.KvK, sub.Employer, peil, sub.Filename, len(raw), sub.Digest, sub.UploadedBy, ts(sub.UploadedAt),
		sub.Accepted, sub.Accepted, string(sub.Report), parsed, raw)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	sub.ID, sub.Size, sub.Current = id, int64(len(raw)), sub.Accepted
	return id, nil
}

const submissionColumns = `id, kvk, employer, peildatum, filename, size, digest, uploaded_by, uploaded_at, accepted, current, report, parsed`

func scanSubmission(row interface{ Scan(...any) error }) (*Submission, error) {
	var sub Submission
	var peil, parsed sql.NullString
	var uploaded, report string
	if err := row.Scan(&sub.ID, &sub.KvK, &sub.Employer, &peil, &sub.Filename, &sub.Size, &sub.Digest, &sub.UploadedBy, &uploaded,
		&sub.Accepted, &sub.Current, &report, &parsed); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	if peil.Valid {
		sub.Peildatum, _ = time.Parse(time.DateOnly, peil.String)
	}
	sub.UploadedAt = parseTS(uploaded)
	sub.Report = json.RawMessage(report)
	if parsed.Valid {
		sub.Parsed = json.RawMessage(parsed.String)
	}
	return &sub, nil
}

// SubmissionFor returns a submission, but only to whoever may see it: kvk
// is the KvK number of the employer asking, or "" for an administrator.
// Anyone else's submission is ErrNotFound, as if it did not exist.
func (s *Store) SubmissionFor(ctx context.Context, id int64, kvk string) (*Submission, error) {
	sub, err := scanSubmission(s.db.QueryRowContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	if kvk != "" && sub.KvK != kvk {
		return nil, ErrNotFound
	}
	return sub, nil
}

// RawFor returns the uploaded file of a submission, to whoever may see it
// (as SubmissionFor).
func (s *Store) RawFor(ctx context.Context, id int64, kvk string) ([]byte, *Submission, error) {
	sub, err := s.SubmissionFor(ctx, id, kvk)
	if err != nil {
		return nil, nil, err
	}
	var raw []byte
	err = s.db.QueryRowContext(ctx, `SELECT raw FROM submissions WHERE id = ?`, id).Scan(&raw)
	return raw, sub, err
}

// Submissions lists the uploads of one KvK number, or all for kvk "",
// newest first.
func (s *Store) Submissions(ctx context.Context, kvk string) ([]Submission, error) {
	q := `SELECT ` + submissionColumns + ` FROM submissions`
	var args []any
	if kvk != "" {
		q += ` WHERE kvk = ?`
		args = append(args, kvk)
	}
	return s.querySubmissions(ctx, q+` ORDER BY uploaded_at DESC, id DESC`, args...)
}

// CurrentSubmissions returns the accepted submissions that count: per KvK
// number and peildatum the latest accepted one, in KvK order.
func (s *Store) CurrentSubmissions(ctx context.Context) ([]Submission, error) {
	return s.querySubmissions(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE current = 1 ORDER BY kvk, peildatum`)
}

// querySubmissions runs q, which selects submissionColumns, and scans its rows.
func (s *Store) querySubmissions(ctx context.Context, q string, args ...any) ([]Submission, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var subs []Submission
	for rows.Next() {
		sub, err := scanSubmission(rows)
		if err != nil {
			return nil, err
		}
		subs = append(subs, *sub)
	}
	return subs, rows.Err()
}

// SavedScenario is a scenario file an analyst saved.
type SavedScenario struct {
	ID      int64
	Name    string
	YAML    string
	SavedBy int64
	SavedAt time.Time
}

// SaveScenario stores (or replaces, by name) a scenario file.
func (s *Store) SaveScenario(ctx context.Context, by *User, name, yaml string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO scenarios (name, yaml, saved_by, saved_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
		name, yaml, by.ID, ts(s.now()))
	return err
}

// Scenarios lists the saved scenarios by name.
func (s *Store) Scenarios(ctx context.Context) ([]SavedScenario, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, yaml, saved_by, saved_at FROM scenarios ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SavedScenario
	for rows.Next() {
		var sc SavedScenario
		var at string
		if err := rows.Scan(&sc.ID, &sc.Name, &sc.YAML, &sc.SavedBy, &at); err != nil {
			return nil, err
		}
		sc.SavedAt = parseTS(at)
		out = append(out, sc)
	}
	return out, rows.Err()
}
