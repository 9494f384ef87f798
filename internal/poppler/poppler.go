// Package poppler renders the pages of a PDF to PNG (pdftoppm) and lists
// the raster images it holds (pdfimages), with poppler-utils, for tests
// that look at a report as a reader gets it. Without the tools the test
// is skipped at the call, or fails under RAAT_REQUIRE_TOOLS=1 (make test
// sets it after scripts/test-deps installed poppler-utils); see
// internal/testdeps.
package poppler

import (
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"raat/internal/testdeps"
)

// Pages renders every page of the PDF at path to dir/page-N.png at the
// given resolution and returns the files in page order.
func Pages(t testing.TB, path, dir string, dpi int) []string {
	t.Helper()
	pdftoppm := testdeps.Program(t, "poppler-utils", "pdftoppm")
	out, err := exec.Command(pdftoppm, "-r", strconv.Itoa(dpi), "-png", path, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", path, err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	// page-1.png ... page-12.png: pdftoppm pads the numbers to one width.
	sort.Strings(files)
	return files
}

// Images returns the rows of "pdfimages -list" for the PDF at path: one
// per raster image it holds.
func Images(t testing.TB, path string) []string {
	t.Helper()
	pdfimages := testdeps.Program(t, "poppler-utils", "pdfimages")
	out, err := exec.Command(pdfimages, "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages %s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdfimages -list %s: no header in %q", path, out)
	}
	return lines[2:] // a header and a rule
}
