// Package testdeps is for tests that need a program from outside Go:
// headless Chromium (web), pdftotext (report), Node.js with the readers in
// tools/readers (arrowio). It finds the program, and decides what its
// absence means: the test is skipped (it reports SKIP, never PASS), or,
// when the environment variable RAAT_REQUIRE_TOOLS is 1, it fails. make
// test and CI set RAAT_REQUIRE_TOOLS=1 after scripts/test-deps has
// installed the programs, so there nothing is skipped silently.
//
// RAAT_REQUIRE_TOOLS takes 1 (require) or 0 or nothing (skip what is
// missing); any other value fails the test that asks, so that a typo does
// not turn a requirement into a skip.
package testdeps

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// RequireVar names the environment variable that makes a missing program
// a failure instead of a skip.
const RequireVar = "RAAT_REQUIRE_TOOLS"

// retiredVar is the readers' old variable; setting it would otherwise
// look like a requirement and do nothing.
const retiredVar = "RAAT_REQUIRE_READERS"

// Program returns the path of the first of names that exists (a command
// on PATH, or an absolute path), or reports every one missing through
// Missing, naming pkg, the Debian package that provides it.
func Program(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	Missing(t, "%s not found (Debian package %s; scripts/test-deps installs it)", names[0], pkg)
	return ""
}

// Missing skips t because something it needs is absent, or, when
// RAAT_REQUIRE_TOOLS=1, fails it. The message says what is absent and how
// to install it.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	require, err := required(os.Getenv(RequireVar), os.Getenv(retiredVar))
	switch {
	case err != nil:
		t.Fatalf("%s; and %v", msg, err)
	case require:
		t.Fatalf("%s, and %s=1", msg, RequireVar)
	default:
		t.Skipf("%s; set %s=1 to make this a failure", msg, RequireVar)
	}
}

// required reads the value of RAAT_REQUIRE_TOOLS (and of the retired
// RAAT_REQUIRE_READERS).
func required(value, retired string) (bool, error) {
	if retired != "" {
		return false, fmt.Errorf("%s=%q is no longer read: set %s=1 instead", retiredVar, retired, RequireVar)
	}
	switch value {
	case "1":
		return true, nil
	case "", "0":
		return false, nil
	}
	return false, fmt.Errorf("%s=%q: want 1 (a missing program fails the test) or 0 (it skips the test)", RequireVar, value)
}
