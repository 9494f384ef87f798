package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"raat/forecast"
	"raat/ingest"
	"raat/nl"
)

const quoteSynopsis = `quote [--region FILE] [--place-hours-bbl H] [--place-hours-bol H] [--json] [FILE|DIR ...]

Prints each employer's opleidingsquote from its workbook (the embedded
Twente samples when no file or directory is given): its offered training
places in FTE per 100 FTE of care staff, against the regional reference of
15, the training FTE it lacks to reach it, and its share of the region's
training effort against its share of the staff (evenredige verdeling: a
verhouding of 1 is proportional). A place counts as the hours a student
spends at the employer a year (training.student_hours of the region file)
divided by the hours of one FTE of training place: 1,280 for BBL and
hbo-duaal and 1,440 for BOL and hbo-voltijd by the regional convention, or
the --place-hours flags. Then the region's outflow per branch by reason over
the 12 months before the peildatum: the regional outflow dashboard. Refused
workbooks are listed and left out. With --json it prints the quotes and the
dashboard as JSON.`

func quoteCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("quote", quoteSynopsis, stderr)
	regionFile := fs.String("region", "", "region `file` (YAML) the workbooks belong to; default the embedded Twente demo")
	bblHours := fs.Float64("place-hours-bbl", 0, "`hours` a year that make one FTE of a BBL or hbo-duaal place (default from the region file: 1280)")
	bolHours := fs.Float64("place-hours-bol", 0, "`hours` a year that make one FTE of a BOL or hbo-voltijd place (default from the region file: 1440)")
	asJSON := fs.Bool("json", false, "print the quotes and the outflow dashboard as JSON")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	base, _, err := loadRegion(*regionFile)
	if err != nil {
		return err
	}
	for _, h := range []struct {
		flag   string
		hours  float64
		routes []forecast.Route
	}{{"--place-hours-bbl", *bblHours, []forecast.Route{forecast.BBL, forecast.HboDuaal}}, {"--place-hours-bol", *bolHours, []forecast.Route{forecast.BOL, forecast.HboVoltijd}}} {
		if h.hours < 0 || h.hours > 8760 {
			return fmt.Errorf("%s: %g hours, want a number of hours in a year (0 to 8760)", h.flag, h.hours)
		}
		for _, rt := range h.routes {
			if h.hours > 0 {
				base.Training.PlaceHours[rt] = h.hours
			}
		}
	}
	subs, reps, source, err := readWorkbooks(base, fs.Args())
	if err != nil {
		return err
	}
	r, s, err := ingest.Aggregate(base, subs)
	if err != nil {
		if !*asJSON {
			printReports(stdout, subs, reps)
		}
		return err
	}
	qs, total := ingest.Quotes(r)
	slices.SortStableFunc(qs, func(a, b ingest.Quote) int {
		return cmp.Or(cmp.Compare(a.Branch, b.Branch), cmp.Compare(b.CareFTE, a.CareFTE), cmp.Compare(a.Trainer, b.Trainer))
	})
	branches := ingest.QuotesByBranch(r)
	outflow, outTotal := ingest.OutflowByBranch(s.Used)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Region    string                 `json:"region"`
			Reference float64                `json:"reference"`
			Quotes    []ingest.Quote         `json:"quotes"`
			Branches  []ingest.Quote         `json:"branches"`
			Total     ingest.Quote           `json:"total"`
			Outflow   []ingest.BranchOutflow `json:"outflow"`
			Refused   []*ingest.Report       `json:"refused"`
		}{r.Name, ingest.ReferenceQuote, qs, branches, total, append(outflow, outTotal), refusedReports(reps)})
	}
	fmt.Fprintf(stdout, "raat: opleidingsquote, %s, basisjaar %d, %d %s\nbron: %s\n", r.Name, r.BaseYear, len(s.Used),
		plural(len(s.Used), "werkgever", "werkgevers"), source)
	printWrapped(stdout, "Eén plaats in FTE: ", placeFTE(r.Training))
	fmt.Fprintln(stdout)
	printQuotes(stdout, branches, qs, total)
	fmt.Fprintf(stdout, "\nUitstroom per branche in de 12 maanden voor de peildatum:\n\n")
	printOutflow(stdout, outflow, outTotal)
	var notes bytes.Buffer
	for _, rep := range refusedReports(reps) {
		fmt.Fprintf(&notes, "Geweigerd en niet meegeteld: %s\n", rep.Err())
	}
	printReplacements(&notes, s)
	if len(s.Warnings) > 0 {
		fmt.Fprintln(&notes, "Let op:")
		for _, x := range s.Warnings {
			fmt.Fprintf(&notes, "  - %s\n", x)
		}
	}
	if notes.Len() > 0 {
		fmt.Fprintf(stdout, "\n%s", notes.Bytes())
	}
	return ctx.Err()
}

// placeFTE says what one place of each route counts for.
func placeFTE(t forecast.TrainingConventions) string {
	s := ""
	for _, rt := range forecast.Routes() {
		if t.PlaceHours[rt] <= 0 {
			continue // a route without a convention (the region does not count its places)
		}
		if s != "" {
			s += "; "
		}
		s += fmt.Sprintf("%s %s/%s uur = %s", rt, nl.Int(t.StudentHours[rt]), nl.Int(t.PlaceHours[rt]), nl.Dec(t.PlaceFTE(rt), 2))
	}
	return s
}

// printQuotes prints each branch with its employers under it (qs are
// sorted by branch).
func printQuotes(w io.Writer, branches, qs []ingest.Quote, total ingest.Quote) {
	t := table{header: []string{"branche / werkgever", "zorg-\nfte", "opleidings-\nfte", "quote", "nodig\nvoor 15",
		"aandeel\npersoneel", "aandeel\nopleiding", "verhouding"}}
	row := func(name string, q ingest.Quote) {
		t.add(name, nl.Int(q.CareFTE), nl.Dec(q.TrainingFTE, 1), nl.Dec(q.Quote, 1), nl.Dec(q.GapFTE, 1),
			nl.Percent(q.StaffShare), nl.Percent(q.TrainingShare), nl.Dec(q.Proportion, 2))
	}
	for _, b := range branches {
		row(b.Trainer, b)
		for _, q := range qs {
			if q.Branch == b.Branch {
				row("  "+q.Trainer, q)
			}
		}
	}
	row("totaal", total)
	t.print(w)
}

func printOutflow(w io.Writer, rows []ingest.BranchOutflow, total ingest.BranchOutflow) {
	t := table{header: []string{"branche", "werk-\ngevers", "personeel", "pensioen", "andere\nsector", "buiten de\narbeidsmarkt",
		"onbekend", "uitstroom", "uitstroom\n%", "naar zorg-\nwerkgever"}}
	row := func(name string, o ingest.BranchOutflow) {
		t.add(name, fmt.Sprint(o.Employers), nl.Int(float64(o.Headcount)), nl.Int(float64(o.Leavers[ingest.Pensioen])),
			nl.Int(float64(o.Leavers[ingest.AndereSector])), nl.Int(float64(o.Leavers[ingest.BuitenArbeidsmarkt])),
			nl.Int(float64(o.Leavers[ingest.OnbekendeReden])), nl.Int(float64(o.Outflow())), nl.Percent(o.Rate()),
			nl.Int(float64(o.Leavers[ingest.NaarZorgwerkgever])))
	}
	for _, o := range rows {
		if o.Employers > 0 {
			row(o.Branch.Label(), o)
		}
	}
	row("totaal", total)
	t.print(w)
}

func refusedReports(reps []*ingest.Report) []*ingest.Report {
	out := []*ingest.Report{}
	for _, rep := range reps {
		if !rep.Accepted {
			out = append(out, rep)
		}
	}
	return out
}
