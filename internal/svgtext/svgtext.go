// Package svgtext reads the text of an SVG, for tests that check what a
// chart says (its end labels, its legend) in the bytes a reader gets.
package svgtext

import "regexp"

var textElement = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// Texts returns the content of the SVG's text elements, in order.
func Texts(svg []byte) []string {
	var out []string
	for _, m := range textElement.FindAllSubmatch(svg, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
