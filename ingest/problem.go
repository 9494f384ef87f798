package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// CellError is one problem with a workbook, in the terms of the person who
// filled it in: the file, the sheet and cell (Personeel!D7), the column or
// field, the value found and what was expected. Sheet and Cell are empty
// for problems with the file as a whole; Cell is empty for problems with a
// sheet as a whole (a missing sheet).
type CellError struct {
	File  string `json:"file"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
	Field string `json:"field,omitempty"`
	Found string `json:"found"`
	Want  string `json:"want"`
}

// Error returns the Dutch message, without the file name (reports list a
// file's problems under its name): `Personeel!D7: gevonden "-3",
// verwacht een geheel getal >= 0`.
func (e CellError) Error() string {
	return e.Message()
}

// Message is the Dutch message without the file name.
func (e CellError) Message() string {
	var b strings.Builder
	switch sheet := sheetRef(e.Sheet); {
	case e.Sheet != "" && e.Cell != "":
		fmt.Fprintf(&b, "%s!%s: ", sheet, e.Cell)
	case e.Sheet != "":
		fmt.Fprintf(&b, "%s: ", sheet)
	}
	if e.Field != "" && e.Cell == "" {
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	fmt.Fprintf(&b, "gevonden %s, verwacht %s", e.Found, e.Want)
	return b.String()
}

// sheetRef writes a sheet name as a formula would: in single quotes
// when it holds anything but letters, digits and underscores
// ('Vacatures 2025'!A1), so that spaces people typed show.
func sheetRef(name string) string {
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// MarshalJSON adds the Dutch message to the fields. It leaves < and >
// as they are: the messages are read by people, not put into HTML.
func (e CellError) MarshalJSON() ([]byte, error) {
	type plain CellError
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		plain
		Message string `json:"message"`
	}{plain(e), e.Message()})
	return bytes.TrimRight(buf.Bytes(), "\n"), err
}

// Report is what the reader found in one file: the problems that refuse
// it (Errors), the things it ignored (Warnings), and how many problems it
// did not list to keep memory bounded (Omitted). A file is accepted when
// it has no errors.
type Report struct {
	File     string      `json:"file"`
	Accepted bool        `json:"accepted"`
	Errors   []CellError `json:"errors"`
	Warnings []CellError `json:"warnings"`
	// Omitted counts the problems beyond Options.MaxProblems ("en nog N
	// problemen").
	Omitted int `json:"omitted"`

	max    int
	nerror int // errors found, listed or not
}

func newReport(file string, maxProblems int) *Report {
	return &Report{File: file, Errors: []CellError{}, Warnings: []CellError{}, max: maxProblems}
}

// add records a problem that refuses the file.
func (r *Report) add(e CellError) {
	e.File = r.File
	r.nerror++
	if len(r.Errors)+len(r.Warnings) >= r.max {
		r.Omitted++
		return
	}
	r.Errors = append(r.Errors, e)
}

// addFirst records a problem that refuses the file at the head of the
// list, where it is seen whatever else was found; when the list is full
// its last entry makes room and is counted as omitted.
func (r *Report) addFirst(e CellError) {
	e.File = r.File
	r.nerror++
	if len(r.Errors)+len(r.Warnings) >= r.max {
		r.Omitted++
		if len(r.Errors) > 0 {
			r.Errors = r.Errors[:len(r.Errors)-1]
		} else if len(r.Warnings) > 0 {
			r.Warnings = r.Warnings[:len(r.Warnings)-1]
		}
	}
	r.Errors = append([]CellError{e}, r.Errors...)
}

// full reports whether the list of problems is full: callers on a hot
// path then count a problem with omit instead of building its message.
func (r *Report) full() bool { return len(r.Errors)+len(r.Warnings) >= r.max }

// omit counts an error that is not listed.
func (r *Report) omit() {
	r.nerror++
	r.Omitted++
}

// warn records something the reader ignored.
func (r *Report) warn(e CellError) {
	e.File = r.File
	if len(r.Errors)+len(r.Warnings) >= r.max {
		r.Omitted++
		return
	}
	r.Warnings = append(r.Warnings, e)
}

// refused reports whether the file has an error, listed or not.
func (r *Report) refused() bool { return r.nerror > 0 }

// Err returns the report's errors as one error, or nil for an accepted
// file.
func (r *Report) Err() error {
	if r.Accepted {
		return nil
	}
	return &RefusedError{Report: r}
}

// RefusedError is the error of a refused file.
type RefusedError struct{ Report *Report }

func (e *RefusedError) Error() string {
	r := e.Report
	n := len(r.Errors) + r.Omitted
	if len(r.Errors) == 0 {
		return fmt.Sprintf("%s: geweigerd", r.File)
	}
	if n == 1 {
		return fmt.Sprintf("%s: geweigerd: %s", r.File, r.Errors[0].Message())
	}
	return fmt.Sprintf("%s: geweigerd: %s (en nog %d problemen)", r.File, r.Errors[0].Message(), n-1)
}
