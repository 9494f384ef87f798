package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/monitor"
	"raat/nl"
)

const monitorSynopsis = `monitor --employers DIR|demo [--region FILE] [--scenario S [--plan-year YEAR]] [--per regio|branche|werkgever] [--json] [--out DIR]

Shows what the employers delivered over the years, per peildatum: for the
region, per branch and per employer the staff (people and FTE), the
leavers by reason and the hires by origin over the 12 months before the
peildatum, the training places offered and filled, the opleidingsquote
against the norm of 15 and the open vacancies, each with its change
against the year before. DIR holds the workbooks of every peildatum, in
it or in its subdirectories; "demo" the embedded samples of 2021-2025.

Per KvK number and peildatum year one workbook counts: a re-upload
replaces the earlier one. An employer that did not deliver in a year is
estimated from its own figures of the year before, moved on as the
employers of its branch that delivered both years moved (for at most 2
years after its last workbook); an employer that names others under
"Fusie met KvK-nummers" holds their staff from then on, and they no
longer count on their own. Nothing counts twice; the output names every
re-upload, estimate and merger, and marks estimated numbers with *.

With --scenario (a plan such as raat-plan) it reads the scenario as a plan
made on the figures of --plan-year (default: three peildata before the
last): the yearly targets its levers imply (training places, BBL places,
opleidingsquote, outflow per head, lateral entrants, contract hours) for
the region and per employer, what was realised, and whether that is "op
koers" (at least 90% of the planned change) or "achter". It then splits
the gap between the plan's forecast of the staff (FTE) and what the
workbooks show over the levers that under- or over-delivered and the rest
(the drift of the data outside the levers), with Shapley values as in
explain: a lever delivered exactly as planned contributes zero, and the
parts add up to the gap.

--per limits the tables to the region or the branches; --json prints it
all as JSON; --out writes a chart per series (PNG, SVG, PDF).`

func monitorCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("monitor", monitorSynopsis, stderr)
	f.addRegion(fs)
	f.addHistory(fs)
	fs.StringVar(&f.scenario, "scenario", "", "read this `scenario` (a built-in name or a YAML file) as the plan and measure it")
	planYear := fs.Int("plan-year", 0, "the peildatum `year` the plan was made on (default: three before the last)")
	per := fs.String("per", "werkgever", "show the region (regio), also its branches (branche), or also each employer (werkgever)")
	asJSON := fs.Bool("json", false, "print the history (and the plan) as JSON")
	f.addOut(fs, "", "write a chart per series to `dir`")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if *per != "regio" && *per != "branche" && *per != "werkgever" {
		return fmt.Errorf("--per %q: want regio, branche or werkgever", *per)
	}
	h, err := f.history()
	if err != nil {
		return err
	}
	base, source, baseSource := h.base, h.source, h.baseSource
	var plan *monitor.Plan
	if f.scenario != "" {
		scs, err := f.scenarios()
		if err != nil {
			return err
		}
		if len(scs) != 1 {
			return fmt.Errorf("--scenario: a plan is one scenario, got %d", len(scs))
		}
		year := *planYear
		if year == 0 {
			year = max(h.Years[0], h.Last()-3)
		}
		if plan, err = h.NewPlan(ctx, base, scs[0], year); err != nil {
			return fmt.Errorf("--scenario %s: %w", scs[0].Name, err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(monitorJSONOf(h.History, plan))
	}
	fmt.Fprintf(stdout, "raat: monitor van %s, peildata %d-%d, %d werkgevers\nbron: %s; aannames: %s\n", h.Region, h.Years[0], h.Last(), len(h.Employers), source, baseSource)
	printEvents(stdout, h.History)
	printRegionTable(stdout, h.History)
	if *per != "regio" {
		for m := range monitor.Measure(monitor.NumMeasures) {
			printMeasureTable(stdout, h.History, m, *per == "werkgever")
		}
	}
	if plan != nil {
		printPlan(stdout, h.History, plan)
	}
	if f.out != "" {
		paths, err := writeMonitorCharts(f.out, h.History)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nGrafieken: %s\n", strings.Join(paths, ", "))
	}
	return ctx.Err()
}

func printEvents(w io.Writer, h *monitor.History) {
	if len(h.Events) == 0 && len(h.Warnings) == 0 {
		return
	}
	fmt.Fprintln(w, "\nWat er in de cijfers zit:")
	for _, e := range h.Events {
		fmt.Fprintf(w, "  %d  %s: %s\n", e.Year, e.Name, e.Text)
	}
	for _, s := range h.Warnings {
		fmt.Fprintf(w, "  let op: %s\n", s)
	}
}

// cell formats a line's value in year k: estimated numbers with *, an
// employer without figures as - (or "opgegaan").
func cell(l *monitor.Line, k int, v float64, decimals int) string {
	if l.Status != nil {
		switch l.Status[k] {
		case monitor.Absent:
			return "-"
		case monitor.MergedAway:
			return "opgegaan"
		}
	}
	if math.IsNaN(v) {
		return "-"
	}
	s := nl.Dec(v, decimals)
	if (l.Status != nil && l.Status[k] == monitor.Estimated) || (l.Status == nil && l.Estimated[k] > 0) {
		s += "*"
	}
	return s
}

// change formats the change of a line's value from year k-1 to k.
func change(l *monitor.Line, k int, get func(monitor.Figures) float64, decimals int) string {
	if k == 0 || !l.Counted(k) || !l.Counted(k-1) {
		return ""
	}
	d := get(l.Figures[k]) - get(l.Figures[k-1])
	s := nl.Dec(d, decimals)
	if math.Round(d*math.Pow(10, float64(decimals))) > 0 {
		s = "+" + s
	}
	return s
}

// regionRow is one row of the region table.
type regionRow struct {
	label    string
	get      func(monitor.Figures) float64
	decimals int
	changes  bool
}

func regionRows() []regionRow {
	var rows []regionRow
	add := func(label string, decimals int, changes bool, get func(monitor.Figures) float64) {
		rows = append(rows, regionRow{label, get, decimals, changes})
	}
	m := func(x monitor.Measure) func(monitor.Figures) float64 { return x.Of }
	add(monitor.Staff.Label(), 0, true, m(monitor.Staff))
	add(monitor.StaffFTE.Label(), 0, true, m(monitor.StaffFTE))
	add("contracturen per week", 1, false, monitor.Figures.HoursPerWeek)
	add(monitor.Leavers.Label(), 0, true, m(monitor.Leavers))
	for r := range ingest.Reason(ingest.NumReasons) {
		label := "  " + r.String()
		if !r.Outflow() {
			label = "  (naar " + r.String() + ")"
		}
		add(label, 0, false, func(f monitor.Figures) float64 { return f.Leavers[r] })
	}
	add(monitor.Hires.Label(), 0, true, m(monitor.Hires))
	for o := range ingest.Origin(ingest.NumOrigins) {
		label := "  " + o.String()
		if o == ingest.VanZorgwerkgever {
			label = "  (van " + o.String() + ")"
		}
		add(label, 0, false, func(f monitor.Figures) float64 { return f.Hires[o] })
	}
	add(monitor.PlacesOffered.Label(), 0, true, m(monitor.PlacesOffered))
	for rt := range forecast.Route(forecast.NumRoutes) {
		add("  "+rt.String(), 0, false, func(f monitor.Figures) float64 { return f.Offered[rt] })
	}
	add(monitor.PlacesFilled.Label(), 0, true, m(monitor.PlacesFilled))
	add(monitor.Quote.Label(), 1, true, m(monitor.Quote))
	add(monitor.Vacancies.Label(), 0, true, m(monitor.Vacancies))
	return rows
}

func printRegionTable(w io.Writer, h *monitor.History) {
	l := h.Total
	fmt.Fprintf(w, "\nRegio %s (in- en uitstroom over de 12 maanden voor de peildatum; * met geschatte werkgevers):\n\n", h.Region)
	t := table{header: []string{""}}
	for _, y := range h.Years {
		t.header = append(t.header, fmt.Sprint(y))
	}
	for _, r := range regionRows() {
		row := []string{r.label}
		for k := range h.Years {
			row = append(row, cell(l, k, r.get(l.Figures[k]), r.decimals))
		}
		t.add(row...)
		if r.changes {
			row := []string{"  t.o.v. vorig jaar"}
			for k := range h.Years {
				row = append(row, change(l, k, r.get, r.decimals))
			}
			t.add(row...)
		}
	}
	row := []string{"werkgevers (waarvan geschat)"}
	for k := range h.Years {
		s := fmt.Sprint(l.Employers[k])
		if l.Estimated[k] > 0 {
			s += fmt.Sprintf(" (%d)", l.Estimated[k])
		}
		row = append(row, s)
	}
	t.add(row...)
	t.print(w)
}

// printMeasureTable prints one measure per branch and, with employers,
// per employer under its branch.
func printMeasureTable(w io.Writer, h *monitor.History, m monitor.Measure, employers bool) {
	last := len(h.Years) - 1
	fmt.Fprintf(w, "\n%s per branche%s:\n\n", capitalize(m.Label()), map[bool]string{true: " en werkgever"}[employers])
	t := table{header: []string{""}}
	for _, y := range h.Years {
		t.header = append(t.header, fmt.Sprint(y))
	}
	if last > 0 {
		t.header = append(t.header, fmt.Sprintf("%d t.o.v. %d", h.Years[last], h.Years[last-1]))
	}
	line := func(name string, l *monitor.Line) {
		row := []string{name}
		for k := range h.Years {
			row = append(row, cell(l, k, l.Value(m, k), m.Decimals()))
		}
		if last > 0 {
			row = append(row, change(l, last, m.Of, m.Decimals()))
		}
		t.add(row...)
	}
	line(h.Region, h.Total)
	for _, b := range h.Branches {
		line(b.Name, b)
		if !employers {
			continue
		}
		for _, e := range h.Employers {
			if e.Branch == b.Branch {
				line("  "+e.Name, e)
			}
		}
	}
	t.print(w)
}

func printPlan(w io.Writer, h *monitor.History, p *monitor.Plan) {
	fmt.Fprintf(w, "\nPlan %s, gemaakt op de cijfers van peildatum %d: %s\n", p.Scenario.Name, p.Year, p.Scenario.Description)
	for _, lv := range p.Scenario.Levers {
		fmt.Fprintf(w, "  - %s\n", lv.Describe(p.Year))
	}
	fmt.Fprintf(w, "\nDoelen voor de regio en wat er gebeurde (op koers: minstens %s van de geplande verandering):\n\n", nl.WholePercent(monitor.OnTrackShare))
	t := table{header: []string{"", fmt.Sprint(p.Year)}, textLast: false}
	for _, y := range p.Years {
		t.header = append(t.header, fmt.Sprint(y))
	}
	k := h.Index(p.Year)
	for _, tg := range p.Targets {
		ind := tg.Indicator
		val := func(x float64) string { return indicatorValue(ind, x) }
		row := []string{ind.Label(), val(monitor.IndicatorOf(ind, h.Total.Figures[k]))}
		for j := range p.Years {
			row = append(row, val(tg.Realised[j]))
		}
		t.add(row...)
		row = []string{fmt.Sprintf("  doel (vanaf %d)", tg.From), ""}
		for j := range p.Years {
			row = append(row, val(tg.Target[j]))
		}
		t.add(row...)
		row = []string{"  stand", ""}
		for j := range p.Years {
			row = append(row, tg.Progress[j].Label())
		}
		t.add(row...)
	}
	t.print(w)
	if len(p.Unmeasured) > 0 {
		var names []string
		for _, k := range p.Unmeasured {
			names = append(names, k.String())
		}
		fmt.Fprintf(w, "Niet te meten uit de werkgeversuitvraag: %s.\n", strings.Join(names, ", "))
	}
	last := len(p.Years) - 1
	y := p.Years[last]
	fmt.Fprintf(w, "\nPer werkgever in %d: gerealiseerd (doel), stand:\n\n", y)
	et := table{header: []string{"werkgever"}}
	if len(p.Employers) > 0 {
		for _, tg := range p.Employers[0].Targets {
			et.header = append(et.header, tg.Indicator.Short())
		}
	}
	for _, e := range p.Employers {
		row := []string{e.Line.Name}
		for _, tg := range e.Targets {
			if !tg.Counted[last] {
				row = append(row, e.Line.Status[h.Index(y)].Label())
				continue
			}
			if math.IsNaN(tg.Base) {
				row = append(row, indicatorValue(tg.Indicator, tg.Realised[last])+" (geen basis)")
				continue
			}
			s := fmt.Sprintf("%s (%s)", indicatorValue(tg.Indicator, tg.Realised[last]), indicatorValue(tg.Indicator, tg.Target[last]))
			if tg.Progress[last] != monitor.NotStarted {
				s += " " + tg.Progress[last].Label()
			}
			row = append(row, s)
		}
		et.add(row...)
	}
	et.print(w)
	g := p.Gap
	fmt.Fprintf(w, "\nVerschil tussen de prognose van het plan en wat er gebeurde, personeel in fte:\n\n")
	gt := table{header: []string{"jaar", "prognose", "gerealiseerd", "verschil"}}
	for _, lg := range g.Levers {
		gt.header = append(gt.header, lg.Lever.Kind.String())
	}
	gt.header = append(gt.header, "overig")
	total := g.Total()
	for j, y := range g.Years {
		row := []string{fmt.Sprint(y), nl.Int(g.Forecast[j]), nl.Int(g.Realised[j]), signed(total[j])}
		for _, lg := range g.Levers {
			row = append(row, signed(lg.Effect[j]))
		}
		row = append(row, signed(g.Rest[j]))
		gt.add(row...)
	}
	gt.print(w)
	fmt.Fprintln(w, "\nGerealiseerd deel van elke hefboom (100% = als gepland), gemeten aan zijn doelen:")
	for _, lg := range g.Levers {
		how := "niet te meten; telt als gepland"
		if lg.Measured {
			how = fmt.Sprintf("%s van het plan: %s", nl.WholePercent(lg.Achieved), realisedSize(lg.Lever, lg.Realised))
		}
		fmt.Fprintf(w, "  %-20s %s\n", lg.Lever.Kind.String(), how)
	}
	fmt.Fprintln(w, "Overig: wat de hefbomen niet verklaren (uitstroom en instroom buiten hun doelen, schoolverlaters, vergrijzing, de fout van het model).")
}

// realisedSize says in words how large a lever was as realised, against
// its plan.
func realisedSize(planned, realised forecast.Lever) string {
	a, b := realised.Size, planned.Size
	switch planned.Kind {
	case forecast.BOLToBBL:
		return fmt.Sprintf("%s van de BOL-kandidaten naar BBL in plaats van %s", nl.WholePercent(a), nl.WholePercent(b))
	case forecast.LargerContracts:
		return fmt.Sprintf("%s uur per week meer in plaats van %s", nl.Dec(a, 2), nl.Num(b))
	case forecast.TrainingQuota:
		return fmt.Sprintf("%s van de plaatsen die een quote van %s vraagt", nl.WholePercent(a/b), nl.Num(b))
	case forecast.Retention:
		return fmt.Sprintf("%s minder uitstroom in plaats van %s", nl.Percent(a), nl.WholePercent(b))
	case forecast.LateralEntry:
		return fmt.Sprintf("%s zij-instromers en herintreders per jaar extra in plaats van %s", nl.Int(a), nl.Int(b))
	}
	return fmt.Sprintf("%s in plaats van %s", nl.Num(a), nl.Num(b))
}

func indicatorValue(ind monitor.Indicator, x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	if ind.Percent() {
		return nl.Percent(x)
	}
	return nl.Dec(x, ind.Decimals())
}

// writeMonitorCharts writes a chart per measure of the region.
func writeMonitorCharts(dir string, h *monitor.History) ([]string, error) {
	var paths []string
	for m := range monitor.Measure(monitor.NumMeasures) {
		c, err := chart.HistoryOf(h, m)
		if err != nil {
			return paths, err
		}
		ps, err := c.Save(dir, "monitor-"+m.String())
		if err != nil {
			return paths, err
		}
		for _, p := range ps {
			if filepath.Ext(p) == ".png" {
				paths = append(paths, p)
			}
		}
	}
	return paths, nil
}

// monitorJSON is what --json prints.
type monitorJSON struct {
	Region    string      `json:"region"`
	Years     []int       `json:"years"`
	Total     lineJSON    `json:"region_total"`
	Branches  []lineJSON  `json:"branches"`
	Employers []lineJSON  `json:"employers"`
	Events    []eventJSON `json:"events"`
	Warnings  []string    `json:"warnings"`
	PlanJSON  *planJSON   `json:"plan,omitempty"`
}

type lineJSON struct {
	Name      string                `json:"name"`
	KvK       string                `json:"kvk,omitempty"`
	Branch    string                `json:"branch,omitempty"`
	Status    []string              `json:"status,omitempty"`
	Employers []int                 `json:"employers,omitempty"`
	Figures   []monitor.Figures     `json:"figures"`
	Measures  map[string][]*float64 `json:"measures"`
}

type eventJSON struct {
	Year int    `json:"year"`
	KvK  string `json:"kvk"`
	Name string `json:"name"`
	Text string `json:"text"`
}

type planJSON struct {
	Scenario  string               `json:"scenario"`
	Year      int                  `json:"year"`
	Years     []int                `json:"years"`
	Targets   []targetJSON         `json:"targets"`
	Employers []employerTargetJSON `json:"employers"`
	Gap       gapJSON              `json:"gap"`
}

type employerTargetJSON struct {
	Name    string       `json:"name"`
	KvK     string       `json:"kvk"`
	Targets []targetJSON `json:"targets"`
}

type targetJSON struct {
	Indicator string     `json:"indicator"`
	From      int        `json:"from"`
	Base      *float64   `json:"base"`
	Target    []*float64 `json:"target"`
	Realised  []*float64 `json:"realised"`
	Progress  []string   `json:"progress"`
}

type gapJSON struct {
	Forecast []float64            `json:"forecast_fte"`
	Realised []float64            `json:"realised_fte"`
	Levers   map[string][]float64 `json:"levers"`
	Achieved map[string]float64   `json:"achieved"`
	Rest     []float64            `json:"rest"`
}

func lineJSONOf(l *monitor.Line, years int) lineJSON {
	j := lineJSON{Name: l.Name, KvK: l.KvK, Figures: l.Figures, Employers: l.Employers, Measures: map[string][]*float64{}}
	if l.Branch != forecast.AllBranches {
		j.Branch = l.Branch.String()
	}
	for _, s := range l.Status {
		j.Status = append(j.Status, s.Label())
	}
	for m := range monitor.Measure(monitor.NumMeasures) {
		vals := make([]*float64, years)
		for k := range years {
			if l.Counted(k) {
				v := l.Value(m, k)
				vals[k] = &v
			}
		}
		j.Measures[m.String()] = vals
	}
	return j
}

func monitorJSONOf(h *monitor.History, p *monitor.Plan) monitorJSON {
	n := len(h.Years)
	j := monitorJSON{Region: h.Region, Years: h.Years, Total: lineJSONOf(h.Total, n), Warnings: h.Warnings, Events: []eventJSON{}}
	for _, b := range h.Branches {
		j.Branches = append(j.Branches, lineJSONOf(b, n))
	}
	for _, e := range h.Employers {
		j.Employers = append(j.Employers, lineJSONOf(e, n))
	}
	for _, e := range h.Events {
		j.Events = append(j.Events, eventJSON{Year: e.Year, KvK: e.KvK, Name: e.Name, Text: e.Text})
	}
	if p != nil {
		pj := &planJSON{Scenario: p.Scenario.Name, Year: p.Year, Years: p.Years,
			Gap: gapJSON{Forecast: p.Gap.Forecast, Realised: p.Gap.Realised, Rest: p.Gap.Rest, Levers: map[string][]float64{}, Achieved: map[string]float64{}}}
		targets := func(ts []monitor.Target) []targetJSON {
			var out []targetJSON
			for _, t := range ts {
				tj := targetJSON{Indicator: t.Indicator.Label(), From: t.From, Target: ptrs(t.Target), Realised: ptrs(t.Realised)}
				if !math.IsNaN(t.Base) {
					tj.Base = &t.Base
				}
				for _, pr := range t.Progress {
					tj.Progress = append(tj.Progress, pr.Label())
				}
				out = append(out, tj)
			}
			return out
		}
		pj.Targets = targets(p.Targets)
		for _, e := range p.Employers {
			pj.Employers = append(pj.Employers, employerTargetJSON{Name: e.Line.Name, KvK: e.Line.KvK, Targets: targets(e.Targets)})
		}
		for _, lg := range p.Gap.Levers {
			pj.Gap.Levers[lg.Lever.Kind.String()] = lg.Effect
			pj.Gap.Achieved[lg.Lever.Kind.String()] = lg.Achieved
		}
		j.PlanJSON = pj
	}
	return j
}
