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
	// Checked is false while the upload waits for (or is in) the check.
	Checked bool
	// FileKept is false once a refused upload's file has been dropped
	// (see DropRefusedFiles); its report stays.
	FileKept bool
	// Report is the validation report (JSON); Parsed the figures of an
	// accepted workbook (JSON), as the web layer encodes them.
	Report json.RawMessage
	Parsed json.RawMessage
}

// AddSubmission stores a checked upload and its raw file. An accepted
// one replaces the current submission of the same KvK number and
// peildatum in the same transaction; a refused one changes nothing else.
func (s *Store) AddSubmission(ctx context.Context, sub *Submission, raw []byte) (int64, error) {
	sub.Checked = true
	return s.addSubmission(ctx, sub, raw)
}

// AddUpload stores an upload that is still to be checked: its file, who
// uploaded it, and an empty report. FinishCheck records the check.
func (s *Store) AddUpload(ctx context.Context, sub *Submission, raw []byte) (int64, error) {
	sub.Checked, sub.Accepted, sub.Parsed = false, false, nil
	if sub.Report == nil {
		sub.Report = json.RawMessage(`{}`)
	}
	return s.addSubmission(ctx, sub, raw)
}

func (s *Store) addSubmission(ctx context.Context, sub *Submission, raw []byte) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if sub.Accepted {
		if err := retire(ctx, tx, sub); err != nil {
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
	res, err := tx.ExecContext(ctx, `INSERT INTO submissions (kvk, employer, peildatum, filename, size, digest, uploaded_by, uploaded_at, accepted, current, report, parsed, raw, checked)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sub.KvK, sub.Employer, peildatum(sub), sub.Filename, len(raw), sub.Digest, sub.UploadedBy, ts(sub.UploadedAt),
		sub.Accepted, sub.Accepted, string(sub.Report), parsed, raw, sub.Checked)
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
	sub.ID, sub.Size, sub.Current, sub.FileKept = id, int64(len(raw)), sub.Accepted, true
	return id, nil
}

func peildatum(sub *Submission) any {
	if sub.Peildatum.IsZero() {
		return nil
	}
	return sub.Peildatum.Format(time.DateOnly)
}

// retire makes the current submission of sub's KvK number and peildatum
// history.
func retire(ctx context.Context, tx *sql.Tx, sub *Submission) error {
	_, err := tx.ExecContext(ctx, `UPDATE submissions SET current = 0 WHERE kvk = ? AND peildatum = ? AND current = 1`, sub.KvK, peildatum(sub))
	return err
}

// Check is the outcome of checking an upload.
type Check struct {
	Accepted  bool
	Employer  string
	Peildatum time.Time
	Report    json.RawMessage
	Parsed    json.RawMessage // the figures of an accepted upload
}

// FinishCheck records the check of an upload stored by AddUpload. An
// accepted upload replaces the current submission of its KvK number and
// peildatum in the same transaction. It returns the submission as now
// stored.
func (s *Store) FinishCheck(ctx context.Context, id int64, c Check) (*Submission, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sub, err := scanSubmission(tx.QueryRowContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE id = ? AND checked = 0`, id))
	if err != nil {
		return nil, err
	}
	sub.Accepted, sub.Peildatum, sub.Report, sub.Parsed, sub.Checked = c.Accepted, c.Peildatum, c.Report, c.Parsed, true
	if c.Employer != "" {
		sub.Employer = c.Employer
	}
	if c.Accepted {
		if err := retire(ctx, tx, sub); err != nil {
			return nil, err
		}
	}
	var parsed any
	if c.Accepted && c.Parsed != nil {
		parsed = string(c.Parsed)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE submissions SET checked = 1, accepted = ?, current = ?, employer = ?, peildatum = ?, report = ?, parsed = ? WHERE id = ?`,
		c.Accepted, c.Accepted, sub.Employer, peildatum(sub), string(c.Report), parsed, id); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	sub.Current = c.Accepted
	return sub, nil
}

// Waiting lists the ids of the uploads not yet checked, oldest first: the
// queue's work after a restart.
func (s *Store) Waiting(ctx context.Context) ([]int64, error) {
	return queryAll(ctx, s.db, func(r scanner) (*int64, error) {
		var id int64
		return &id, r.Scan(&id)
	}, `SELECT id FROM submissions WHERE checked = 0 ORDER BY id`)
}

// UploadsSince counts a KvK number's uploads since t (the daily quota).
func (s *Store) UploadsSince(ctx context.Context, kvk string, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM submissions WHERE kvk = ? AND uploaded_at >= ?`, kvk, ts(t)).Scan(&n)
	return n, err
}

// Retention says how long refused uploads are kept.
type Retention struct {
	// Files is how many refused files an employer keeps (the newest);
	// MaxAge how long any refused file is kept.
	Files  int
	MaxAge time.Duration
	// Reports is how many refused uploads (their reports) an employer
	// keeps; older ones are deleted.
	Reports int
}

// DropRefusedFiles applies the retention to the refused uploads of one
// KvK number, or of all for kvk "": files beyond the newest r.Files or
// older than r.MaxAge are dropped (the report stays), and refused uploads
// beyond the newest r.Reports are deleted. Accepted uploads, current or
// replaced, are history and are kept. It returns the files dropped and
// the uploads deleted.
func (s *Store) DropRefusedFiles(ctx context.Context, kvk string, r Retention) (files, deleted int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	now := s.now()
	const refused = `checked = 1 AND accepted = 0`
	// Rank each refused upload within its KvK number, newest first.
	const ranked = `SELECT id, row_number() OVER (PARTITION BY kvk ORDER BY uploaded_at DESC, id DESC) AS n, uploaded_at
		FROM submissions WHERE ` + refused + ` AND (? = '' OR kvk = ?)`
	res, err := tx.ExecContext(ctx, `DELETE FROM submissions WHERE id IN (SELECT id FROM (`+ranked+`) WHERE n > ?)`, kvk, kvk, r.Reports)
	if err != nil {
		return 0, 0, err
	}
	d, _ := res.RowsAffected()
	res, err = tx.ExecContext(ctx, `UPDATE submissions SET raw = x'', file_dropped_at = ?
		WHERE file_dropped_at IS NULL AND id IN (SELECT id FROM (`+ranked+`) WHERE n > ? OR uploaded_at < ?)`,
		ts(now), kvk, kvk, r.Files, ts(now.Add(-r.MaxAge)))
	if err != nil {
		return 0, 0, err
	}
	f, _ := res.RowsAffected()
	return int(f), int(d), tx.Commit()
}

// RefusedFileBytes sums the sizes of the refused files kept for a KvK
// number ("" for all).
func (s *Store) RefusedFileBytes(ctx context.Context, kvk string) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(length(raw)), 0) FROM submissions WHERE checked = 1 AND accepted = 0 AND (? = '' OR kvk = ?)`, kvk, kvk).Scan(&n)
	return n, err
}

const submissionColumns = `id, kvk, employer, peildatum, filename, size, digest, uploaded_by, uploaded_at, accepted, current, report, parsed, checked, file_dropped_at IS NULL`

func scanSubmission(row scanner) (*Submission, error) {
	var sub Submission
	var peil, parsed sql.NullString
	var uploaded, report string
	if err := row.Scan(&sub.ID, &sub.KvK, &sub.Employer, &peil, &sub.Filename, &sub.Size, &sub.Digest, &sub.UploadedBy, &uploaded,
		&sub.Accepted, &sub.Current, &report, &parsed, &sub.Checked, &sub.FileKept); err != nil {
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

// ErrFileDropped is returned for the file of a refused upload that is no
// longer kept.
var ErrFileDropped = errors.New("the file is no longer kept")

// RawFor returns the uploaded file of a submission, to whoever may see it
// (as SubmissionFor).
func (s *Store) RawFor(ctx context.Context, id int64, kvk string) ([]byte, *Submission, error) {
	sub, err := s.SubmissionFor(ctx, id, kvk)
	if err != nil {
		return nil, nil, err
	}
	if !sub.FileKept {
		return nil, sub, ErrFileDropped
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
	return queryAll(ctx, s.db, scanSubmission, q, args...)
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
	return queryAll(ctx, s.db, func(r scanner) (*SavedScenario, error) {
		var sc SavedScenario
		var at string
		err := r.Scan(&sc.ID, &sc.Name, &sc.YAML, &sc.SavedBy, &at)
		sc.SavedAt = parseTS(at)
		return &sc, err
	}, `SELECT id, name, yaml, saved_by, saved_at FROM scenarios ORDER BY name`)
}
