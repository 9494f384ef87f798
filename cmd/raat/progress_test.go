package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoProgressBarOffATerminal: a buffer, or a file, gets no bar.
func TestNoProgressBarOffATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f} {
		progress, done := progressBar(w)
		if progress != nil {
			t.Errorf("%T: a progress bar off a terminal", w)
		}
		done()
	}
	// A run with draws, its stderr a buffer, writes nothing there.
	_, errOut, err := raat(t, "run", "--no-charts", "--draws", "300", "--to", "2027")
	if err != nil || errOut != "" {
		t.Errorf("run with draws: %v, stderr %q", err, errOut)
	}
}

func TestVersion(t *testing.T) {
	out, _, err := raat(t, "--version")
	if err != nil || !strings.HasPrefix(out, "raat ") || strings.Count(out, "\n") != 1 {
		t.Errorf("--version: %v, %q", err, out)
	}
}
