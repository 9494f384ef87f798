package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"raat/forecast"
	"raat/monitor"
	"raat/nl"
	"raat/scenarios"
)

const diffSynopsis = `diff [OLD NEW] [--employers DIR|demo] [--region FILE] [--scenario S|OLD,NEW] [--to YEAR] [--json]

Says why the forecast changed between two editions: it splits the change
in the shortfall of the horizon year (--to, default the new edition's base
year + 15) into new stock data (who is there: staff per age, part-time
factors, students, training places), changed rates (what happens to them:
outflow, retirement, mobility, lateral entry per head, graduates' shares,
the programmes), changed demand (demand growth, vacancies) and changed
levers, for the region and per branch. Each part is a Shapley value over
those four groups: the region is run with every combination of the groups
from the old edition or the new (16 runs), and each group's part is the
change it brings about when it is swapped in, averaged over every order of
swapping; the parts add up to the whole change, and an edition set against
itself changes nothing.

OLD and NEW are peildatum years of the workbooks in --employers (default:
its last two), or two region files. --scenario gives the levers of both
editions, or OLD,NEW a scenario each. A scenario's levers are resolved at
the base year of each run: one that starts its levers a year after the
base year starts them a year later in a later edition, which counts as new
stock data (the base year is part of it), so that the same scenario in
both editions changes nothing through its levers.`

func diffCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("diff", diffSynopsis, stderr)
	f.addRegion(fs)
	f.addHistory(fs)
	f.addScenario(fs, "basis", true)
	fs.IntVar(&f.to, "to", 0, "the `year` whose shortfall is compared (default the new edition's base year + 15)")
	asJSON := fs.Bool("json", false, "print the split as JSON")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	scs, err := f.scenarios()
	if err != nil {
		return err
	}
	if len(scs) > 2 {
		return fmt.Errorf("--scenario: one scenario, or one per edition, got %d", len(scs))
	}
	oldSc, newSc := scs[0], scs[len(scs)-1]
	var old, cur monitor.Edition
	var source string
	switch pos := fs.Args(); {
	case len(pos) != 0 && len(pos) != 2:
		fmt.Fprintf(stderr, "diff takes two editions, or none with --employers (its last two peildata); got %d\n", len(pos))
		fs.Usage()
		return errReported
	case len(pos) == 2 && !isYear(pos[0]) && !isYear(pos[1]):
		if f.employers != "" {
			return fmt.Errorf("--employers: two region files are compared as they are; leave --employers out")
		}
		for i, e := range []*monitor.Edition{&old, &cur} {
			r, src, err := loadRegion(pos[i])
			if err != nil {
				return err
			}
			sc := []*scenarios.Scenario{oldSc, newSc}[i]
			levers, err := sc.LeversAt(r.BaseYear)
			if err != nil {
				return err
			}
			*e = monitor.Edition{Name: src, Region: r, Scenario: sc, Levers: levers}
		}
		source = "twee regiobestanden"
	default:
		h, err := f.history()
		if err != nil {
			return err
		}
		base, src, baseSource := h.base, h.source, h.baseSource
		years := [2]int{}
		if len(pos) == 2 {
			for i, p := range pos {
				if !isYear(p) {
					return fmt.Errorf("%q: compare two peildatum years or two region files, not one of each", p)
				}
				years[i], _ = strconv.Atoi(p)
				if h.Index(years[i]) < 0 {
					return fmt.Errorf("%d: no workbooks of that peildatum in --employers %s (%d-%d)", years[i], f.employers, h.Years[0], h.Last())
				}
			}
		} else {
			if len(h.Years) < 2 {
				return fmt.Errorf("--employers %s: workbooks of one peildatum; name two region files or add a year", f.employers)
			}
			years = [2]int{h.Years[len(h.Years)-2], h.Last()}
		}
		if old, err = h.EditionOf(base, years[0], oldSc); err != nil {
			return err
		}
		if cur, err = h.EditionOf(base, years[1], newSc); err != nil {
			return err
		}
		source = fmt.Sprintf("%s; aannames: %s", src, baseSource)
	}
	year := f.to
	if year == 0 {
		year = cur.Region.BaseYear + forecast.DefaultHorizonYears
	}
	d, err := monitor.Compare(ctx, old, cur, year)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(diffJSONOf(d))
	}
	scText := oldSc.Name
	if newSc != oldSc {
		scText = oldSc.Name + " en " + newSc.Name
	}
	fmt.Fprintf(stdout, "raat: waarom de prognose veranderde, %s: het tekort in %d, scenario %s\nvan %s naar %s\nbron: %s\n\n",
		cur.Region.Name, year, scText, d.Old, d.New, source)
	t := table{header: []string{"", "tekort " + shortName(d.Old)}}
	for g := range monitor.Group(monitor.NumGroups) {
		t.header = append(t.header, g.Label())
	}
	t.header = append(t.header, "tekort "+shortName(d.New), "verschil")
	for s, sc := range d.Scopes {
		if s > 0 && d.Before[s] == 0 && d.After[s] == 0 {
			continue
		}
		row := []string{sc.Name, nl.Int(d.Before[s])}
		for g := range monitor.Group(monitor.NumGroups) {
			row = append(row, signed(d.Parts[g][s]))
		}
		row = append(row, nl.Int(d.After[s]), signed(d.Total(s)))
		t.add(row...)
	}
	t.print(stdout)
	fmt.Fprintln(stdout, "\nFte; de delen zijn Shapley-waarden over de vier groepen en tellen op tot het verschil.")
	for _, n := range d.Notes {
		fmt.Fprintf(stdout, "Let op: %s\n", n)
	}
	return ctx.Err()
}

// isYear reports whether an argument is a peildatum year.
func isYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= 2200 && len(s) == 4
}

// shortName shortens an edition's name for a column header.
func shortName(name string) string {
	name = strings.TrimPrefix(name, "peildatum ")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

type diffJSON struct {
	Old    string               `json:"old"`
	New    string               `json:"new"`
	Year   int                  `json:"year"`
	Scopes []string             `json:"scopes"`
	Before []float64            `json:"shortfall_old"`
	After  []float64            `json:"shortfall_new"`
	Parts  map[string][]float64 `json:"parts"`
	Notes  []string             `json:"notes,omitempty"`
}

func diffJSONOf(d *monitor.Diff) diffJSON {
	j := diffJSON{Old: d.Old, New: d.New, Year: d.Year, Before: d.Before, After: d.After, Parts: map[string][]float64{}, Notes: d.Notes}
	for _, s := range d.Scopes {
		j.Scopes = append(j.Scopes, s.Name)
	}
	for g := range monitor.Group(monitor.NumGroups) {
		j.Parts[g.String()] = d.Parts[g]
	}
	return j
}
