package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// maxWidth is the widest a table may print: a terminal of 100 columns
// shows it without wrapping lines.
const maxWidth = 100

// table prints rows as columns: the first column left-aligned, the others
// (numbers) right-aligned, with a rule under the header. A header cell may
// hold line breaks ("aandeel\npersoneel"), printed as lines bottom-aligned.
// A table wider than maxWidth is printed in blocks of columns that fit,
// each repeating the first column, so that it wraps by design rather than
// at the terminal's edge. The last column is left-aligned too when it is
// text (textLast).
type table struct {
	header   []string
	rows     [][]string
	textLast bool
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) {
	n := len(t.header)
	widths := make([]int, n)
	heads := make([][]string, n)
	lines := 1
	for i, h := range t.header {
		heads[i] = strings.Split(h, "\n")
		lines = max(lines, len(heads[i]))
		for _, l := range heads[i] {
			widths[i] = max(widths[i], utf8.RuneCountInString(l))
		}
	}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	blocks := blocksOf(widths)
	for k, cols := range blocks {
		if k > 0 {
			fmt.Fprintln(w)
		}
		cols = append([]int{0}, cols...)
		line := func(cell func(i int) string) {
			var b strings.Builder
			for j, i := range cols {
				c := cell(i)
				pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
				switch {
				case j == 0:
					b.WriteString(c + pad)
				case t.textLast && i == n-1:
					b.WriteString("  " + c + pad)
				default:
					b.WriteString("  " + pad + c)
				}
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
		for l := range lines {
			line(func(i int) string {
				// bottom-aligned: a one-line header sits on the last line
				if k := l - (lines - len(heads[i])); k >= 0 {
					return heads[i][k]
				}
				return ""
			})
		}
		total := 0
		for _, i := range cols {
			total += widths[i] + 2
		}
		fmt.Fprintln(w, strings.Repeat("-", total-2))
		for _, r := range t.rows {
			line(func(i int) string {
				if i < len(r) {
					return r[i]
				}
				return ""
			})
		}
	}
}

// blocksOf splits the columns after the first into as few blocks as fit
// maxWidth beside the first column, and of about equal width, so that a
// wrapped table reads as two halves rather than a table and a stray
// column.
func blocksOf(widths []int) [][]int {
	fits := func(limit int) [][]int {
		var blocks [][]int
		block, used := []int{}, widths[0]
		for i := 1; i < len(widths); i++ {
			if len(block) > 0 && used+2+widths[i] > limit {
				blocks = append(blocks, block)
				block, used = []int{}, widths[0]
			}
			block = append(block, i)
			used += 2 + widths[i]
		}
		return append(blocks, block)
	}
	blocks := fits(maxWidth)
	if len(blocks) == 1 {
		return blocks
	}
	// The narrowest limit that needs no more blocks.
	for limit := widths[0] + 2; limit < maxWidth; limit++ {
		if b := fits(limit); len(b) == len(blocks) {
			return b
		}
	}
	return blocks
}

// printWrapped prints text as lines of at most maxWidth columns, broken
// between words; prefix starts the first line and its width indents the
// others.
func printWrapped(w io.Writer, prefix, text string) {
	indent := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	var line strings.Builder
	line.WriteString(prefix)
	n := utf8.RuneCountInString(prefix)
	fresh := true // no word on the line yet
	for _, word := range strings.Fields(text) {
		wl := utf8.RuneCountInString(word)
		if !fresh && n+1+wl > maxWidth {
			fmt.Fprintln(w, strings.TrimRight(line.String(), " "))
			line.Reset()
			line.WriteString(indent)
			n, fresh = len(indent), true
		}
		if !fresh {
			line.WriteByte(' ')
			n++
		}
		line.WriteString(word)
		n += wl
		fresh = false
	}
	fmt.Fprintln(w, strings.TrimRight(line.String(), " "))
}
