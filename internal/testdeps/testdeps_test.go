package testdeps

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// recorder stands in for a test: it records Skipf and Fatalf instead of
// ending the goroutine. Any other method of testing.TB panics (nil).
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestRequired(t *testing.T) {
	for _, tt := range []struct {
		value, retired string
		want           bool
		wantErr        string
	}{
		{value: "", want: false},
		{value: "0", want: false},
		{value: "1", want: true},
		{value: "true", wantErr: `RAAT_REQUIRE_TOOLS="true": want 1`},
		{value: "yes", wantErr: `RAAT_REQUIRE_TOOLS="yes": want 1`},
		{value: " 1", wantErr: `RAAT_REQUIRE_TOOLS=" 1": want 1`},
		{value: "1", retired: "1", wantErr: `RAAT_REQUIRE_READERS="1" is no longer read: set RAAT_REQUIRE_TOOLS=1`},
		{value: "", retired: "yes", wantErr: `RAAT_REQUIRE_READERS="yes" is no longer read`},
	} {
		t.Run(fmt.Sprintf("%q,%q", tt.value, tt.retired), func(t *testing.T) {
			got, err := required(tt.value, tt.retired)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("required(%q) = %v, %v; want %v, nil", tt.value, got, err, tt.want)
			}
		})
	}
}

func TestProgram(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Fatal("no sh on PATH")
	}
	const absent = "raat-no-such-program"
	for _, tt := range []struct {
		name    string
		require string
		names   []string
		want    string // the path returned, or "skip" or "fail"
	}{
		{"found", "1", []string{"sh"}, sh},
		{"second name found", "1", []string{absent, "sh"}, sh},
		{"absolute path", "", []string{sh}, sh},
		{"missing skips", "", []string{absent}, "skip"},
		{"missing skips under 0", "0", []string{absent}, "skip"},
		{"missing fails under 1", "1", []string{absent, "/" + absent}, "fail"},
		{"a misspelt requirement fails", "yes", []string{absent}, "fail"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(RequireVar, tt.require)
			t.Setenv(retiredVar, "")
			r := &recorder{}
			path := Program(r, "some-package", tt.names...)
			got := path
			switch {
			case r.skipped != "" && r.failed != "":
				t.Fatalf("both skipped (%s) and failed (%s)", r.skipped, r.failed)
			case r.skipped != "":
				got = "skip"
			case r.failed != "":
				got = "fail"
			}
			if got != tt.want {
				t.Fatalf("got %q (skip %q, fail %q), want %q", got, r.skipped, r.failed, tt.want)
			}
			if msg := r.skipped + r.failed; got == "skip" || got == "fail" {
				if !strings.Contains(msg, absent+" not found (Debian package some-package") {
					t.Errorf("the message %q does not name the program and its package", msg)
				}
			}
		})
	}
}
