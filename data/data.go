// Package data embeds raat's demo data: the Twente region file
// (twente.yaml) and, in employers/, sample employer workbooks. The binary
// runs on these when no file is given.
package data

import _ "embed"

// TwenteFile is the name the demo region goes by in messages.
const TwenteFile = "data/twente.yaml"

//go:embed twente.yaml
var twente []byte

// Twente returns the demo region file's contents.
func Twente() []byte { return twente }
