package data

import (
	"embed"
	"io/fs"
)

//go:generate go run ./employers/generate.go -out employers

// EmployersDir is the name the sample workbooks go by in messages.
const EmployersDir = "data/employers"

// HistoryFile is the name the sample employers' history goes by in
// messages.
const HistoryFile = "data/employers/history.jsonl.gz"

//go:embed employers/*.xlsx
var employers embed.FS

//go:embed employers/history.jsonl.gz
var history []byte

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

// History returns the sample employers' workbooks of the peildata 2021
// to 2024, as the figures of accepted workbooks (package ingest's
// Submission as JSON, one a line), gzipped: 51 workbooks in some 16 kB,
// where as workbooks they would take 1.5 MB (made by
// employers/generate.go; the 2025 workbooks are Employers).
func History() []byte { return history }
