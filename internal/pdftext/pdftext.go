// Package pdftext reads the text of a PDF with pdftotext (poppler-utils),
// for tests that check what a report says.
package pdftext

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Text returns the text of the PDF file at path, laid out as on the page
// (pdftotext -layout). Without pdftotext it returns false and the caller
// skips its text checks, unless RAAT_REQUIRE_TOOLS is set (make test sets
// it, and CI installs poppler-utils): then the test fails.
func Text(t testing.TB, path string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("RAAT_REQUIRE_TOOLS") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Log("pdftotext not installed: skipping the text checks")
		return "", false
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out), true
}

// Of returns the text of a PDF held in memory, as Text does.
func Of(t testing.TB, pdf []byte) (string, bool) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return Text(t, path)
}
