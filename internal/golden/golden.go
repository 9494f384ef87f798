// Package golden compares test output with golden files in a package's
// testdata directory and, when the test binary runs with -update, rewrites
// them instead. It registers the -update flag, so only tests import it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Update reports whether the tests run with -update, for tests that keep
// their expectations somewhere other than testdata (the README).
func Update() bool { return *update }

// maxShown is the size up to which a differing text is shown in full.
const maxShown = 8 << 10

// Check compares got with testdata/name, or with -update writes got there.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if len(got) <= maxShown && utf8.Valid(got) {
		t.Errorf("output differs from %s; run go test -update if intended.\ngot:\n%s", path, got)
		return
	}
	t.Errorf("output differs from %s (%d bytes, want %d); inspect it and run go test -update if intended", path, len(got), len(want))
}
