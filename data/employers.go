package data

import (
	"embed"
	"io/fs"
)

//go:generate go run ./employers/generate.go -out employers

// EmployersDir is the name the sample workbooks go by in messages.
const EmployersDir = "data/employers"

//go:embed employers/*.xlsx
var employers embed.FS

// Employers returns the sample employer workbooks of the Twente demo: a
// dozen fictional employers whose figures add up to the demo region
// (made by employers/generate.go).
func Employers() fs.FS {
	sub, err := fs.Sub(employers, "employers")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
