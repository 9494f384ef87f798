package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func init() { BcryptCost = 4 } // fast hashes for tests

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "raat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrationsAreIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raat.db")
	for range 2 {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(context.Background()); err != nil {
			t.Error(err)
		}
		s.Close()
	}
}

func TestUsersAndLogin(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	admin, err := s.CreateUser(ctx, "beheer@wgv.nl", "Beheer", Beheerder, "", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                   string
		email, role, kvk, pass string
		want                   error
	}{
		{"werkgever", "hr@zorg.nl", "werkgever", "12345678", "een lang wachtwoord", nil},
		{"same address", "HR@zorg.nl", "bestuur", "", "een lang wachtwoord", ErrExists},
		{"second employer with that KvK", "ander@zorg.nl", "werkgever", "12345678", "een lang wachtwoord", ErrExists},
		{"short password", "x@zorg.nl", "bestuur", "", "kort", ErrWeakPassword},
		{"bad address", "geen-adres", "bestuur", "", "een lang wachtwoord", ErrBadEmail},
		{"werkgever without KvK", "y@zorg.nl", "werkgever", "", "een lang wachtwoord", ErrBadKvK},
		{"KvK of 7 digits", "y@zorg.nl", "werkgever", "1234567", "een lang wachtwoord", ErrBadKvK},
	}
	for _, tt := range tests {
		_, err := s.CreateUser(ctx, tt.email, tt.name, Role(tt.role), tt.kvk, tt.pass)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := s.Authenticate(ctx, "beheer@wgv.nl", "correct horse battery"); err != nil {
		t.Error(err)
	}
	for _, bad := range [][2]string{{"beheer@wgv.nl", "wrong password!"}, {"nobody@wgv.nl", "correct horse battery"}} {
		if _, err := s.Authenticate(ctx, bad[0], bad[1]); !errors.Is(err, ErrBadLogin) {
			t.Errorf("%v: %v, want ErrBadLogin", bad, err)
		}
	}
	tok, se, err := s.CreateSession(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionByToken(ctx, tok)
	if err != nil || got.User.ID != admin.ID || got.CSRF != se.CSRF || got.CSRF == "" {
		t.Errorf("session %+v %v", got, err)
	}
	s.now = func() time.Time { return time.Now().Add(SessionLifetime + time.Minute) }
	if _, err := s.SessionByToken(ctx, tok); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
}

func TestInvites(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	admin, _ := s.CreateUser(ctx, "beheer@wgv.nl", "Beheer", Beheerder, "", "correct horse battery")
	tok, err := s.CreateInvite(ctx, admin, Invite{Email: "hr@zorg.nl", Name: "Zorg BV", Role: Werkgever, KvK: "87654321"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.AcceptInvite(ctx, tok, "mijn eigen wachtwoord")
	if err != nil || u.Role != Werkgever || u.KvK != "87654321" {
		t.Fatalf("accept: %+v %v", u, err)
	}
	if _, err := s.AcceptInvite(ctx, tok, "mijn eigen wachtwoord"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second use: %v, want ErrNotFound", err)
	}
	if _, err := s.CreateInvite(ctx, admin, Invite{Email: "hr@zorg.nl", Name: "HR", Role: Bestuur}); !errors.Is(err, ErrExists) {
		t.Errorf("invite for an existing account: %v", err)
	}
}

func TestSubmissionsReplaceAtomicallyAndStayPrivate(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	u, _ := s.CreateUser(ctx, "a@zorg.nl", "A", Werkgever, "11111111", "een lang wachtwoord")
	peil := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	add := func(kvk string, accepted bool, peildatum time.Time) int64 {
		t.Helper()
		id, err := s.AddSubmission(ctx, &Submission{KvK: kvk, Employer: "A", Peildatum: peildatum, Filename: "a.xlsx", Digest: "d",
			UploadedBy: u.ID, Accepted: accepted, Report: []byte(`{}`), Parsed: []byte(`{}`)}, []byte("PK raw"))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	first := add("11111111", true, peil)
	refused := add("11111111", false, time.Time{})
	second := add("11111111", true, peil)
	other := add("22222222", true, peil)
	cur, err := s.CurrentSubmissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != 2 || cur[0].ID != second || cur[1].ID != other {
		t.Errorf("current: %+v, want the second upload of 11111111 and 22222222's", cur)
	}
	hist, _ := s.Submissions(ctx, "11111111")
	if len(hist) != 3 {
		t.Errorf("history has %d uploads, want 3 (the replaced one is kept)", len(hist))
	}
	for _, id := range []int64{first, refused, second} {
		if _, err := s.SubmissionFor(ctx, id, "11111111"); err != nil {
			t.Errorf("own submission %d: %v", id, err)
		}
		if _, err := s.SubmissionFor(ctx, id, "22222222"); !errors.Is(err, ErrNotFound) {
			t.Errorf("another employer reads submission %d: %v", id, err)
		}
		if _, _, err := s.RawFor(ctx, id, "22222222"); !errors.Is(err, ErrNotFound) {
			t.Errorf("another employer downloads submission %d: %v", id, err)
		}
	}
	raw, sub, err := s.RawFor(ctx, first, "")
	if err != nil || string(raw) != "PK raw" || sub.Current {
		t.Errorf("admin reads the replaced upload: %q %+v %v", raw, sub, err)
	}
}

// TestMigrationFromVersion1KeepsEverything builds a database as the first
// schema left it, with accounts, a session, invitations and submissions
// (one of them uploaded under another employer's name), opens it with
// the current schema and checks that nothing was lost and the new
// columns say what they should.
func TestMigrationFromVersion1KeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raat.db")
	old, err := openUnmigrated(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.migrateTo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := old.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	now := ts(time.Now())
	later := ts(time.Now().Add(time.Hour))
	exec(`INSERT INTO users (id, email, name, role, kvk, password_hash, created_at) VALUES
		(1, 'beheer@wgv.nl', 'Beheer', 'beheerder', NULL, x'00', ?),
		(2, 'a@zorg.nl', 'Zorg A', 'werkgever', '11111111', x'00', ?),
		(3, 'b@zorg.nl', 'Zorg B', 'werkgever', '22222222', x'00', ?)`, now, now, now)
	exec(`INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, 2, 'c', ?)`, hashToken("sessie"), later)
	exec(`INSERT INTO invites (token_hash, email, name, role, kvk, created_by, expires_at, used_at) VALUES
		(?, 'c@zorg.nl', 'Zorg C', 'werkgever', '33333333', 1, ?, NULL),
		(?, 'd@zorg.nl', 'Zorg D', 'bestuur', NULL, 1, ?, ?)`, hashToken("open"), later, hashToken("gebruikt"), later, now)
	// B uploaded a workbook carrying A's name: after the migration the
	// row and its figures carry B's account name.
	exec(`INSERT INTO submissions (id, kvk, employer, peildatum, filename, size, digest, uploaded_by, uploaded_at, accepted, current, report, parsed, raw) VALUES
		(1, '11111111', 'Zorg A', '2025-12-31', 'a.xlsx', 3, 'd1', 2, ?, 1, 1, '{}', '{"employer":{"name":"Zorg A","kvk":"11111111"}}', x'504b03'),
		(2, '22222222', 'Zorg A', '2025-12-31', 'b.xlsx', 3, 'd2', 3, ?, 1, 1, '{}', '{"employer":{"name":"Zorg A","kvk":"22222222"}}', x'504b03'),
		(3, '22222222', 'Zorg B', NULL, 'fout.xlsx', 2, 'd3', 3, ?, 0, 0, '{"accepted":false}', NULL, x'0102')`, now, now, now)
	exec(`INSERT INTO scenarios (name, yaml, saved_by, saved_at) VALUES ('eigen', 'name: eigen', 1, ?)`, now)
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	users, err := s.Users(ctx)
	if err != nil || len(users) != 3 {
		t.Fatalf("users: %v %v", users, err)
	}
	for _, u := range users {
		if !u.Active {
			t.Errorf("%s inactive after the migration", u.Email)
		}
	}
	if se, err := s.SessionByToken(ctx, "sessie"); err != nil || se.User.Email != "a@zorg.nl" {
		t.Errorf("session lost: %+v %v", se, err)
	}
	if in, err := s.InviteByToken(ctx, "open"); err != nil || in.Email != "c@zorg.nl" || in.KvK != "33333333" || in.ID == 0 {
		t.Errorf("open invitation lost: %+v %v", in, err)
	}
	if _, err := s.InviteByToken(ctx, "gebruikt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("used invitation open again: %v", err)
	}
	subs, err := s.Submissions(ctx, "")
	if err != nil || len(subs) != 3 {
		t.Fatalf("submissions: %d %v", len(subs), err)
	}
	byID := map[int64]Submission{}
	for _, sub := range subs {
		byID[sub.ID] = sub
		if !sub.Checked || !sub.FileKept {
			t.Errorf("submission %d: checked %v, file kept %v; want both", sub.ID, sub.Checked, sub.FileKept)
		}
	}
	if got := byID[2].Employer; got != "Zorg B" {
		t.Errorf("B's submission under A's name: employer %q after the migration, want B's account name", got)
	}
	if got := string(byID[2].Parsed); got != `{"employer":{"name":"Zorg B","kvk":"22222222"}}` {
		t.Errorf("B's figures: %s", got)
	}
	if byID[1].Employer != "Zorg A" || !byID[1].Current {
		t.Errorf("A's submission: %+v", byID[1])
	}
	if raw, _, err := s.RawFor(ctx, 3, ""); err != nil || string(raw) != "\x01\x02" {
		t.Errorf("refused file: %q %v", raw, err)
	}
	if sc, err := s.Scenarios(ctx); err != nil || len(sc) != 1 {
		t.Errorf("scenarios: %v %v", sc, err)
	}
}

func TestInviteLifecycle(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	admin, _ := s.CreateUser(ctx, "beheer@wgv.nl", "Beheer", Beheerder, "", "correct horse battery")
	s.CreateUser(ctx, "a@zorg.nl", "Zorg A", Werkgever, "11111111", "correct horse battery")
	tests := []struct {
		name string
		in   Invite
		want error
	}{
		{"KvK with an account", Invite{Email: "ander@zorg.nl", Name: "Ander", Role: Werkgever, KvK: "11111111"}, ErrKvKTaken},
		{"address with an account", Invite{Email: "A@zorg.nl", Name: "A", Role: Bestuur}, ErrExists},
		{"no name", Invite{Email: "x@zorg.nl", Role: Bestuur}, ErrBadName},
		{"address too long", Invite{Email: strings.Repeat("x", 250) + "@zorg.nl", Name: "X", Role: Bestuur}, ErrBadEmail},
		{"new employer", Invite{Email: "c@zorg.nl", Name: "Zorg C", Role: Werkgever, KvK: "33333333"}, nil},
		{"KvK with an open invitation", Invite{Email: "c2@zorg.nl", Name: "Zorg C", Role: Werkgever, KvK: "33333333"}, ErrKvKTaken},
		{"address with an open invitation", Invite{Email: "c@zorg.nl", Name: "Zorg C", Role: Bestuur}, ErrInviteOpen},
	}
	var tok string
	for _, tt := range tests {
		got, err := s.CreateInvite(ctx, admin, tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
		if tt.want == nil {
			tok = got
		}
	}
	open, err := s.OpenInvites(ctx)
	if err != nil || len(open) != 1 || open[0].Email != "c@zorg.nl" || open[0].CreatedBy != "beheer@wgv.nl" {
		t.Fatalf("open invitations: %+v %v", open, err)
	}
	// Renewing gives a new link; the old one stops working.
	tok2, _, err := s.RenewInvite(ctx, admin, open[0].ID)
	if err != nil || tok2 == tok {
		t.Fatalf("renew: %v", err)
	}
	if _, err := s.InviteByToken(ctx, tok); !errors.Is(err, ErrNotFound) {
		t.Errorf("old link after renewal: %v", err)
	}
	// Revoked, the new link stops working too, and the KvK is free again.
	if _, err := s.RevokeInvite(ctx, open[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptInvite(ctx, tok2, "een lang wachtwoord"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked invitation accepted: %v", err)
	}
	if _, _, err := s.RenewInvite(ctx, admin, open[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked invitation renewed: %v", err)
	}
	tok3, err := s.CreateInvite(ctx, admin, Invite{Email: "c@zorg.nl", Name: "Zorg C", Role: Werkgever, KvK: "33333333"})
	if err != nil {
		t.Fatal(err)
	}
	// An account made behind the invitation's back: accepting fails and
	// leaves the invitation open (the transaction rolled back).
	s.CreateUser(ctx, "c@zorg.nl", "Zorg C", Bestuur, "", "correct horse battery")
	if _, err := s.AcceptInvite(ctx, tok3, "een lang wachtwoord"); !errors.Is(err, ErrExists) {
		t.Errorf("accept for a taken address: %v", err)
	}
	if _, err := s.InviteByToken(ctx, tok3); err != nil {
		t.Errorf("a failed acceptance burnt the invitation: %v", err)
	}
	if _, err := s.AcceptInvite(ctx, tok3, strings.Repeat("x", MaxPasswordLength+1)); !errors.Is(err, ErrLongPassword) {
		t.Errorf("a password bcrypt would cut: %v", err)
	}
}

func TestPasswordsSessionsAndDeactivation(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	admin, _ := s.CreateUser(ctx, "beheer@wgv.nl", "Beheer", Beheerder, "", "correct horse battery")
	u, _ := s.CreateUser(ctx, "a@zorg.nl", "Zorg A", Werkgever, "11111111", "correct horse battery")
	here, _, _ := s.CreateSession(ctx, u)
	there, _, _ := s.CreateSession(ctx, u)

	// A password change keeps this session and ends the other.
	if err := s.SetPassword(ctx, u.ID, "kort", here); !errors.Is(err, ErrWeakPassword) {
		t.Errorf("short password: %v", err)
	}
	if err := s.SetPassword(ctx, u.ID, "een nieuw wachtwoord", here); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByToken(ctx, here); err != nil {
		t.Errorf("the changing session ended: %v", err)
	}
	if _, err := s.SessionByToken(ctx, there); !errors.Is(err, ErrNotFound) {
		t.Errorf("another session survived the change: %v", err)
	}
	if _, err := s.Authenticate(ctx, "a@zorg.nl", "correct horse battery"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("old password: %v", err)
	}
	if err := s.VerifyPassword(ctx, u.ID, "een nieuw wachtwoord"); err != nil {
		t.Errorf("verify: %v", err)
	}

	// A reset link works once, ends every session, and a newer link
	// replaces an older one.
	old, _, err := s.CreateReset(ctx, admin, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	tok, _, _ := s.CreateReset(ctx, admin, u.ID)
	if _, err := s.ResetByToken(ctx, old); !errors.Is(err, ErrNotFound) {
		t.Errorf("older reset link still works: %v", err)
	}
	if got, err := s.UseReset(ctx, tok, "hersteld wachtwoord"); err != nil || got.ID != u.ID {
		t.Fatalf("use reset: %v", err)
	}
	if _, err := s.UseReset(ctx, tok, "nog een wachtwoord"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reset link used twice: %v", err)
	}
	if _, err := s.SessionByToken(ctx, here); !errors.Is(err, ErrNotFound) {
		t.Errorf("a session survived the reset: %v", err)
	}
	expired, _, _ := s.CreateReset(ctx, admin, u.ID)
	s.now = func() time.Time { return time.Now().Add(ResetLifetime + time.Minute) }
	if _, err := s.ResetByToken(ctx, expired); !errors.Is(err, ErrNotFound) {
		t.Errorf("expired reset link: %v", err)
	}
	s.now = time.Now

	// Deactivated: no login (the right password says why), no session,
	// no reset link; reactivated, all works again.
	se, _, _ := s.CreateSession(ctx, u)
	link, _, _ := s.CreateReset(ctx, admin, u.ID)
	if err := s.SetActive(ctx, u.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "a@zorg.nl", "hersteld wachtwoord"); !errors.Is(err, ErrDeactivated) {
		t.Errorf("deactivated, right password: %v", err)
	}
	if _, err := s.Authenticate(ctx, "a@zorg.nl", "fout wachtwoord!"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("deactivated, wrong password: %v", err)
	}
	if _, err := s.SessionByToken(ctx, se); !errors.Is(err, ErrNotFound) {
		t.Errorf("deactivated account's session: %v", err)
	}
	if _, err := s.ResetByToken(ctx, link); !errors.Is(err, ErrNotFound) {
		t.Errorf("deactivated account's reset link: %v", err)
	}
	if _, _, err := s.CreateReset(ctx, admin, u.ID); !errors.Is(err, ErrDeactivated) {
		t.Errorf("reset link for a deactivated account: %v", err)
	}
	if err := s.SetActive(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "a@zorg.nl", "hersteld wachtwoord"); err != nil {
		t.Errorf("reactivated: %v", err)
	}
	// Log out everywhere.
	s.CreateSession(ctx, u)
	s.CreateSession(ctx, u)
	if n, err := s.DeleteSessions(ctx, u.ID, ""); err != nil || n != 2 {
		t.Errorf("log out everywhere ended %d sessions (%v), want 2", n, err)
	}
}

func TestUploadCheckAndRetention(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	u, _ := s.CreateUser(ctx, "a@zorg.nl", "A", Werkgever, "11111111", "een lang wachtwoord")
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := start
	s.now = func() time.Time { return clock }
	peil := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	upload := func(kvk string) int64 {
		t.Helper()
		clock = clock.Add(time.Minute)
		id, err := s.AddUpload(ctx, &Submission{KvK: kvk, Employer: "A", Filename: "a.xlsx", Digest: "d", UploadedBy: u.ID}, []byte("PK raw file"))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	accepted := upload("11111111")
	if w, _ := s.Waiting(ctx); len(w) != 1 || w[0] != accepted {
		t.Errorf("waiting: %v", w)
	}
	if cur, _ := s.CurrentSubmissions(ctx); len(cur) != 0 {
		t.Errorf("an unchecked upload counts: %+v", cur)
	}
	sub, err := s.FinishCheck(ctx, accepted, Check{Accepted: true, Peildatum: peil, Report: []byte(`{"accepted":true}`), Parsed: []byte(`{}`)})
	if err != nil || !sub.Current {
		t.Fatalf("finish: %+v %v", sub, err)
	}
	if _, err := s.FinishCheck(ctx, accepted, Check{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("checked twice: %v", err)
	}
	var refused []int64
	for range 12 {
		id := upload("11111111")
		if _, err := s.FinishCheck(ctx, id, Check{Report: []byte(`{"accepted":false}`)}); err != nil {
			t.Fatal(err)
		}
		refused = append(refused, id)
	}
	other := upload("22222222")
	s.FinishCheck(ctx, other, Check{Report: []byte(`{}`)})
	if n, _ := s.UploadsSince(ctx, "11111111", start); n != 13 {
		t.Errorf("uploads since the start: %d, want 13", n)
	}

	r := Retention{Files: 5, MaxAge: 30 * 24 * time.Hour, Reports: 10}
	files, deleted, err := s.DropRefusedFiles(ctx, "11111111", r)
	if err != nil {
		t.Fatal(err)
	}
	if files != 5 || deleted != 2 {
		t.Errorf("dropped %d files and deleted %d uploads, want 5 (10 kept reports, 5 files) and 2 (12 > 10 reports)", files, deleted)
	}
	hist, _ := s.Submissions(ctx, "11111111")
	if len(hist) != 11 {
		t.Errorf("%d uploads left, want the accepted one and 10 refused", len(hist))
	}
	for i, id := range refused {
		_, _, err := s.RawFor(ctx, id, "")
		switch {
		case i < 2 && !errors.Is(err, ErrNotFound):
			t.Errorf("refused upload %d (of the oldest two): %v, want deleted", i, err)
		case i >= 2 && i < 7 && !errors.Is(err, ErrFileDropped):
			t.Errorf("refused upload %d: %v, want its file dropped", i, err)
		case i >= 7 && err != nil:
			t.Errorf("refused upload %d (of the newest five): %v", i, err)
		}
	}
	if _, _, err := s.RawFor(ctx, accepted, ""); err != nil {
		t.Errorf("the accepted upload's file: %v", err)
	}
	if raw, _, err := s.RawFor(ctx, other, ""); err != nil || len(raw) == 0 {
		t.Errorf("another employer's refused file: %v", err)
	}
	// After 30 days every refused file is gone, of every employer.
	clock = clock.Add(31 * 24 * time.Hour)
	if files, _, err = s.DropRefusedFiles(ctx, "", r); err != nil || files != 6 {
		t.Errorf("after 31 days: %d files dropped (%v), want 6", files, err)
	}
	if n, _ := s.RefusedFileBytes(ctx, ""); n != 0 {
		t.Errorf("%d bytes of refused files kept", n)
	}
}

func TestAuditLog(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	u, _ := s.CreateUser(ctx, "beheer@wgv.nl", "Beheer", Beheerder, "", "correct horse battery")
	long := strings.Repeat("x", 10_000)
	for i, e := range []Entry{
		{ActorEmail: long, IP: "127.0.0.1", Action: ActLoginFailed, Detail: long},
		{ActorID: u.ID, ActorEmail: u.Email, IP: "127.0.0.1", Action: ActLogin},
		{ActorID: u.ID, ActorEmail: u.Email, IP: "127.0.0.1", Action: ActInviteCreated, Detail: fmt.Sprintf("invite %d", 2)},
	} {
		if err := s.Audit(ctx, e); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
	log, err := s.AuditLog(ctx, 0, 2)
	if err != nil || len(log) != 2 || log[0].Action != ActInviteCreated || log[1].Action != ActLogin || log[1].ActorID != u.ID {
		t.Fatalf("newest two: %+v %v", log, err)
	}
	rest, _ := s.AuditLog(ctx, log[1].ID, 10)
	if len(rest) != 1 || rest[0].ActorID != 0 || len(rest[0].ActorEmail) != MaxEmailLength || len(rest[0].Detail) != MaxDetailLength {
		t.Errorf("the anonymous entry, cut: %d %d", len(rest[0].ActorEmail), len(rest[0].Detail))
	}
	for a := range numActions {
		if p, err := ParseAction(a.String()); err != nil || p != a || a.Label() == "" {
			t.Errorf("action %d: %v %v", a, p, err)
		}
	}
}
