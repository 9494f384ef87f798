package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"raat/internal/golden"
)

// readmeBlock is a fenced block of README.md that starts with "$ raat ...":
// the command and the output it printed.
var readmeBlock = regexp.MustCompile("(?s)```\n\\$ raat ([^\n]*)\n(.*?)```\n")

// TestReadmeShowsRealOutput runs every command shown in README.md and
// compares its output with the README's. With -update it rewrites the
// README's blocks from the real output.
func TestReadmeShowsRealOutput(t *testing.T) {
	// charts land in out/ here, as the README shows
	if n := checkReadme(t, readmeBlock, "```", t.TempDir(), false); n == 0 {
		t.Fatal("README.md shows no raat command")
	}
}

// checkReadme runs, in dir, the command of every block of README.md that
// re matches (its groups: the command after "raat ", the output shown),
// expecting success or, with refused, a refusal. It compares the output
// with the block's, and with -update rewrites the blocks, which start
// with fence. It returns the number of blocks whose command behaved as
// expected.
func checkReadme(t *testing.T, re *regexp.Regexp, fence, dir string, refused bool) int {
	t.Helper()
	path, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	n := 0
	updated := re.ReplaceAllFunc(readme, func(block []byte) []byte {
		m := re.FindSubmatch(block)
		if bytes.Contains(m[1], []byte("--region cmd/raat/testdata/")) {
			// A region file of the repository, named from its root.
			t.Chdir(filepath.Dir(path))
			defer os.Chdir(dir)
		}
		out, errOut, err := raat(t, strings.Fields(string(m[1]))...)
		switch {
		case refused && !errors.Is(err, errReported):
			t.Errorf("raat %s: %v, want a refusal\n%s", m[1], err, errOut)
			return block
		case !refused && err != nil:
			t.Errorf("raat %s: %v\n%s", m[1], err, errOut)
			return block
		}
		n++
		if !golden.Update() && !bytes.Equal([]byte(out), m[2]) {
			t.Errorf("README.md shows other output for raat %s than it prints; run go test ./cmd/raat -update", m[1])
		}
		return []byte(fence + "\n$ raat " + string(m[1]) + "\n" + out + "```\n")
	})
	if golden.Update() {
		if err := os.WriteFile(path, updated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
