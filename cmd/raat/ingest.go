package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/nl"
)

const ingestSynopsis = `ingest [--region FILE] [--json] [FILE|DIR ...]

Reads filled-in employer workbooks (files, or the workbooks in a directory;
the embedded Twente samples when none is given), checks every rule of the
workbook contract and prints per file whether it is accepted (geaccepteerd)
or refused (geweigerd), with every problem: sheet and cell, the value found
and what is expected. Files that are not workbooks (.xls, .csv, password-
protected, too large, zip bombs) are refused before they are parsed.
Unknown extra columns and sheets are warnings. Workbooks must name the
region of --region (default the embedded Twente demo). The exit status is 1
when any file is refused. With --json it prints the reports as JSON.`

func ingestCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", ingestSynopsis, stderr)
	regionFile := fs.String("region", "", "region `file` (YAML) the workbooks belong to; default the embedded Twente demo")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	base, _, err := loadRegion(*regionFile)
	if err != nil {
		return err
	}
	subs, reps, _, err := readWorkbooks(base, fs.Args())
	if err != nil {
		return err
	}
	refused := 0
	for _, rep := range reps {
		if !rep.Accepted {
			refused++
		}
	}
	if *asJSON {
		if err := printIngestJSON(stdout, subs, reps); err != nil {
			return err
		}
	} else {
		printReports(stdout, subs, reps)
		if len(subs) > 0 {
			if _, s, err := ingest.Aggregate(base, subs); err == nil {
				printReplacements(stdout, s)
			}
		}
	}
	if refused > 0 {
		return errReported
	}
	return ctx.Err()
}

// readWorkbooks reads the workbooks named by paths, or the embedded
// samples when there are none, for the region of base. source names
// where they came from.
func readWorkbooks(base *forecast.Region, paths []string) (subs []*ingest.Submission, reps []*ingest.Report, source string, err error) {
	// excelize's row iterator leaves some 4 kB of short-lived garbage per
	// row while the live heap stays at a few MB, so with the default GOGC
	// the collector runs thousands of times on a large workbook. Unless the
	// user set GOGC, the heap may grow to five times its live size while
	// reading: on a million rows that took a third off the time for about
	// 8 MB more peak memory.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	opt := ingest.Options{Regions: []string{base.Name}}
	if len(paths) == 0 {
		subs, reps, err = ingest.ReadFS(data.Employers(), data.EmployersDir, opt)
		return subs, reps, data.EmployersDir + " (ingebouwd)", err
	}
	subs, reps, err = ingest.ReadPaths(paths, opt)
	return subs, reps, strings.Join(paths, ", "), err
}

// printReports prints per file whether it was accepted and its problems.
func printReports(w io.Writer, subs []*ingest.Submission, reps []*ingest.Report) {
	byFile := map[string]*ingest.Submission{}
	for _, s := range subs {
		byFile[s.File] = s
	}
	refused := 0
	for _, rep := range reps {
		if s := byFile[rep.File]; rep.Accepted && s != nil {
			e := s.Employer
			fmt.Fprintf(w, "%s: geaccepteerd\n  %s (KvK %s), %s, peildatum %s: %s medewerkers, %s FTE\n", rep.File, e.Name, e.KvK,
				e.Branch.Label(), e.Peildatum.Format("02-01-2006"), nl.Int(float64(s.Headcount())), nl.Dec(s.CareFTE(), 1))
		} else {
			refused++
			n := len(rep.Errors) + rep.Omitted
			fmt.Fprintf(w, "%s: geweigerd, %d %s\n", rep.File, n, plural(n, "probleem", "problemen"))
			for _, e := range rep.Errors {
				fmt.Fprintf(w, "  %s\n", e.Message())
			}
			if rep.Omitted > 0 {
				fmt.Fprintf(w, "  en nog %d %s\n", rep.Omitted, plural(rep.Omitted, "probleem", "problemen"))
			}
		}
		for _, e := range rep.Warnings {
			fmt.Fprintf(w, "  waarschuwing: %s\n", e.Message())
		}
	}
	fmt.Fprintf(w, "\n%d %s: %d geaccepteerd, %d geweigerd\n", len(reps), plural(len(reps), "werkmap", "werkmappen"), len(reps)-refused, refused)
}

// printReplacements says which re-uploads replaced earlier ones.
func printReplacements(w io.Writer, s *ingest.Summary) {
	for _, r := range s.Replaced {
		what := "vervangen door de latere upload"
		if r.Why != "herupload" {
			what = "niet gebruikt: er is een latere peildatum"
		}
		fmt.Fprintf(w, "%s (KvK %s, peildatum %s): %s %s\n", r.File, r.KvK, r.Peildatum.Format("02-01-2006"), what, r.By)
	}
}

// printSummary says how a region was built from employer workbooks:
// which inputs came from the base region's assumptions, which uploads
// replaced others, and what a reader should know. raat run --employers
// prints it.
func printSummary(w io.Writer, s *ingest.Summary, baseSource string) {
	fmt.Fprintf(w, "Uit de werkgevers: %d werkmappen, %s medewerkers, %s FTE (basisregio: %s medewerkers)\n",
		len(s.Used), nl.Int(float64(s.Headcount)), nl.Int(s.FTE), nl.Int(s.BaseHeadcount))
	fmt.Fprintf(w, "Dekking: %s\n", s.CoverageText())
	fmt.Fprintln(w, "De cijfers van de werkgevers zijn per branche en niveau opgehoogd tot het personeel van de regio.")
	fmt.Fprintf(w, "Aangenomen uit %s (werkgevers melden dit niet):\n", baseSource)
	for _, a := range s.Assumed {
		fmt.Fprintf(w, "  - %s\n", a)
	}
	printReplacements(w, s)
	if len(s.Warnings) > 0 {
		fmt.Fprintln(w, "Let op:")
		for _, x := range s.Warnings {
			fmt.Fprintf(w, "  - %s\n", x)
		}
	}
}

// fileResult is one file in the JSON output: its report and, when it was
// accepted, what it holds.
type fileResult struct {
	*ingest.Report
	Employer  *ingest.Employer `json:"employer,omitempty"`
	Headcount int              `json:"headcount,omitempty"`
	FTE       float64          `json:"fte,omitempty"`
}

func printIngestJSON(w io.Writer, subs []*ingest.Submission, reps []*ingest.Report) error {
	byFile := map[string]*ingest.Submission{}
	for _, s := range subs {
		byFile[s.File] = s
	}
	out := struct {
		Files    []fileResult `json:"files"`
		Accepted int          `json:"accepted"`
		Refused  int          `json:"refused"`
	}{Files: []fileResult{}}
	for _, rep := range reps {
		fr := fileResult{Report: rep}
		if s := byFile[rep.File]; rep.Accepted && s != nil {
			fr.Employer, fr.Headcount, fr.FTE = &s.Employer, s.Headcount(), s.CareFTE()
			out.Accepted++
		} else {
			out.Refused++
		}
		out.Files = append(out.Files, fr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}
