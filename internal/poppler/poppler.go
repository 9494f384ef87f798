// Package poppler renders the pages of a PDF to PNG (pdftoppm) and lists
// the raster images it holds (pdfimages), with poppler-utils, for tests
// that look at a report as a reader gets it. Without the tools the
// functions return false and the caller skips, unless RAAT_REQUIRE_TOOLS
// is set (make test sets it, and CI installs poppler-utils): then the test
// fails.
package poppler

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func have(t testing.TB, tool string) bool {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("RAAT_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s (poppler-utils) is not installed", tool)
		}
		t.Logf("%s not installed: skipping", tool)
		return false
	}
	return true
}

// Pages renders every page of the PDF at path to dir/page-N.png at the
// given resolution and returns the files in page order.
func Pages(t testing.TB, path, dir string, dpi int) ([]string, bool) {
	t.Helper()
	if !have(t, "pdftoppm") {
		return nil, false
	}
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", path, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", path, err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	// page-1.png ... page-12.png: pdftoppm pads the numbers to one width.
	sort.Strings(files)
	return files, true
}

// Images returns the rows of "pdfimages -list" for the PDF at path: one
// per raster image it holds.
func Images(t testing.TB, path string) ([]string, bool) {
	t.Helper()
	if !have(t, "pdfimages") {
		return nil, false
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages %s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("pdfimages -list %s: no header in %q", path, out)
	}
	return lines[2:], true // a header and a rule
}
