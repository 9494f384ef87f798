package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table prints rows as columns: the first column left-aligned, the others
// (numbers) right-aligned, with a rule under the header; the last column
// is left-aligned too when it is text (textLast).
type table struct {
	header   []string
	rows     [][]string
	textLast bool
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else if t.textLast && i == len(cells)-1 {
				b.WriteString("  " + c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.header)
	total := 0
	for _, n := range widths {
		total += n + 2
	}
	fmt.Fprintln(w, strings.Repeat("-", total-2))
	for _, r := range t.rows {
		line(r)
	}
}
