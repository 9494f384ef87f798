package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTableHeadersOnTwoLines(t *testing.T) {
	var b bytes.Buffer
	tb := table{header: []string{"jaar", "tekort\nfte", "quote"}}
	tb.add("2025", "1.480", "8,9")
	tb.print(&b)
	want := "      tekort\njaar     fte  quote\n-------------------\n2025   1.480    8,9\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWideTablesWrapInBalancedBlocks: a table wider than 100 columns
// prints as blocks that each fit, repeat the first column and are about
// as wide as each other.
func TestWideTablesWrapInBalancedBlocks(t *testing.T) {
	tb := table{header: []string{"branche"}}
	row := []string{"Huisartsen/eerstelijn"}
	for i := range 10 {
		tb.header = append(tb.header, "kolom "+string(rune('a'+i)))
		row = append(row, "12.345")
	}
	tb.add(row...)
	var b bytes.Buffer
	tb.print(&b)
	blocks := strings.Split(strings.TrimSpace(b.String()), "\n\n")
	if len(blocks) != 2 {
		t.Fatalf("%d blocks, want 2:\n%s", len(blocks), b.String())
	}
	var widths []int
	for _, blk := range blocks {
		lines := strings.Split(blk, "\n")
		w := 0
		for _, l := range lines {
			w = max(w, utf8.RuneCountInString(l))
		}
		if w > maxWidth {
			t.Errorf("a block %d wide:\n%s", w, blk)
		}
		if !strings.HasPrefix(lines[len(lines)-1], "Huisartsen/eerstelijn") {
			t.Errorf("a block without the first column:\n%s", blk)
		}
		widths = append(widths, w)
	}
	if d := widths[0] - widths[1]; d > 9 || d < -9 {
		t.Errorf("blocks %d and %d wide: unbalanced", widths[0], widths[1])
	}
}

func TestPrintWrapped(t *testing.T) {
	var b bytes.Buffer
	printWrapped(&b, "  - ", strings.Repeat("woord ", 40))
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if utf8.RuneCountInString(l) > maxWidth || (i > 0 && !strings.HasPrefix(l, "    woord")) || (i == 0 && !strings.HasPrefix(l, "  - woord")) {
			t.Errorf("line %d %q", i, l)
		}
	}
}
