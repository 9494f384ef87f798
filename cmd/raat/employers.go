package main

import (
	"fmt"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
)

// employersFlagHelp documents --employers.
const employersFlagHelp = "build the region from the employer workbooks in `dir` (\"demo\": the embedded samples); the region's assumptions fill the rest"

// withEmployers builds the region from employer workbooks on top of base:
// from a directory, or from the embedded sample workbooks for "demo".
func withEmployers(base *forecast.Region, dir string) (*forecast.Region, *ingest.Summary, string, error) {
	var (
		r   *forecast.Region
		sum *ingest.Summary
		err error
	)
	source := employersLabel(dir)
	if dir == "demo" {
		r, sum, err = ingest.RegionFromFS(base, data.Employers(), data.EmployersDir)
	} else {
		r, sum, err = ingest.RegionFromDir(base, dir)
	}
	if err != nil {
		return nil, nil, "", fmt.Errorf("--employers %s: %w", dir, err)
	}
	return r, sum, fmt.Sprintf("werkgeversuitvraag van %d werkgevers (%s), aangevuld met de aannames uit het regiobestand", len(sum.Used), source), nil
}

// employersLabel names the workbooks of --employers in messages.
func employersLabel(dir string) string {
	if dir == "demo" {
		return data.EmployersDir + " (ingebouwd)"
	}
	return dir
}
