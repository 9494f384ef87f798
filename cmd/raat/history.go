package main

import (
	"fmt"
	"os"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/monitor"
)

// historyFlagHelp documents --employers for the commands that read every
// peildatum.
const historyFlagHelp = "the employer workbooks of every peildatum in `dir` and its subdirectories (\"demo\": the embedded samples of 2021-2025)"

// loadHistory reads the workbooks of every peildatum of base's region: the
// workbook files in dir and in its subdirectories, or for "demo" the
// embedded samples and their history. It returns the history, the name of
// its source and the refused files as warnings.
func loadHistory(base *forecast.Region, dir string) (*monitor.History, string, error) {
	if dir == "" {
		return nil, "", fmt.Errorf("--employers: name a directory of workbooks, or demo")
	}
	var subs []*ingest.Submission
	source := dir
	var refused []string
	if dir == "demo" {
		var err error
		if subs, err = monitor.DemoSubmissions(); err != nil {
			return nil, "", err
		}
		source = fmt.Sprintf("%s (ingebouwd: 2025 als werkmappen, 2021-2024 in %s)", data.EmployersDir, data.HistoryFile)
	} else {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, "", fmt.Errorf("--employers: %w", err)
		}
		if !st.IsDir() {
			return nil, "", fmt.Errorf("--employers %s: not a directory", dir)
		}
		var reps []*ingest.Report
		subs, reps, err = ingest.ReadFS(os.DirFS(dir), dir, ingest.Options{Regions: []string{base.Name}})
		if err != nil {
			return nil, "", fmt.Errorf("--employers %s: %w", dir, err)
		}
		for _, r := range reps {
			if !r.Accepted {
				refused = append(refused, r.Err().Error())
			}
		}
	}
	h, err := monitor.NewHistory(base, subs)
	if err != nil {
		return nil, "", fmt.Errorf("--employers %s: %w", dir, err)
	}
	if len(refused) > 0 {
		h.Warnings = append([]string{fmt.Sprintf("%d werkmappen geweigerd; ze tellen niet mee (raat ingest %s toont waarom)", len(refused), dir)}, h.Warnings...)
	}
	return h, source, nil
}
