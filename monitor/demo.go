package monitor

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"raat/data"
	"raat/ingest"
)

// DemoSubmissions returns the sample employers' workbooks of every
// peildatum: the 2025 workbooks of data/employers, read as any workbook
// is, and their history of 2021 to 2024 (data.History).
func DemoSubmissions() ([]*ingest.Submission, error) {
	subs, reps, err := ingest.ReadFS(data.Employers(), data.EmployersDir, ingest.Options{})
	if err != nil {
		return nil, err
	}
	for _, r := range reps {
		if !r.Accepted {
			return nil, fmt.Errorf("sample workbook refused: %w", r.Err())
		}
	}
	past, err := DecodeSubmissions(bytes.NewReader(data.History()), data.HistoryFile)
	if err != nil {
		return nil, err
	}
	return append(past, subs...), nil
}

// DecodeSubmissions reads submissions written as JSON, one a line,
// gzipped: the figures of accepted workbooks as ingest.Submission encodes
// them (the web application stores them so). name names the file in
// errors. Unknown fields are refused, so that a file written by another
// version is not misread.
func DecodeSubmissions(r io.Reader, name string) ([]*ingest.Submission, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	var subs []*ingest.Submission
	for line := 1; ; line++ {
		var s ingest.Submission
		err := dec.Decode(&s)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: submission %d: %w", name, line, err)
		}
		subs = append(subs, &s)
	}
	return subs, zr.Close()
}
