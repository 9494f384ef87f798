package main

import (
	"bytes"
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
	path, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // charts land in out/ here, as the README shows
	n := 0
	updated := readmeBlock.ReplaceAllFunc(readme, func(block []byte) []byte {
		m := readmeBlock.FindSubmatch(block)
		args := strings.Fields(string(m[1]))
		out, errOut, err := raat(t, args...)
		if err != nil {
			t.Errorf("raat %s: %v\n%s", m[1], err, errOut)
			return block
		}
		n++
		if !golden.Update() && !bytes.Equal([]byte(out), m[2]) {
			t.Errorf("README.md shows other output for raat %s than it prints; run go test ./cmd/raat -update", m[1])
		}
		return []byte("```\n$ raat " + string(m[1]) + "\n" + out + "```\n")
	})
	if n == 0 {
		t.Fatal("README.md shows no raat command")
	}
	if golden.Update() {
		if err := os.WriteFile(path, updated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
