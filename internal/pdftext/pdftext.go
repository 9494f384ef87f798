// Package pdftext reads the text of a PDF with pdftotext (poppler-utils),
// for tests that check what a report says.
package pdftext

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"raat/internal/testdeps"
)

// Text returns the text of the PDF file at path, laid out as on the page
// (pdftotext -layout). Without pdftotext the test is skipped at this call
// (the checks before it have run), or fails under RAAT_REQUIRE_TOOLS=1,
// which make test sets after scripts/test-deps installed poppler-utils.
func Text(t testing.TB, path string) string {
	t.Helper()
	pdftotext := testdeps.Program(t, "poppler-utils", "pdftotext")
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// Of returns the text of a PDF held in memory, as Text does.
func Of(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return Text(t, path)
}
