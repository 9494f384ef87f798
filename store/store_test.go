package store

import (
	"context"
	"errors"
	"path/filepath"
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
	if _, err := s.CreateInvite(ctx, admin, Invite{Email: "hr@zorg.nl", Role: Bestuur}); !errors.Is(err, ErrExists) {
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
