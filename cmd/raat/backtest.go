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
	"raat/monitor"
	"raat/nl"
	"raat/scenarios"
)

const backtestSynopsis = `backtest --employers DIR|demo [--region FILE] [--scenario S] [--draws N --seed S] [--calibrate-bands] [--json] [--out DIR]

Forecasts from every past peildatum with workbooks, from that year's
workbooks as raat builds the region from them (weighted up to the year's
staff, the region file filling in what they do not hold), and compares
each forecast with every later year's workbooks: the error per horizon (1,
2, ... years ahead) of the staff (people and FTE) and of the leavers to
outside the sector, for the region and per branch, as the mean absolute
percentage error (MAPE) and the bias (the mean signed error: positive when
the forecasts were too high). DIR holds the workbooks of every peildatum,
in it or in its subdirectories; "demo" the embedded samples of 2021-2025.
--scenario (default basis, policy as it was) is run from every origin.

With draws (default 200) every forecast of headcount and FTE has its band
(P10 to P90 of the Monte Carlo) and the output says how many of the
realised outcomes fell inside it; 8 in 10 should. --calibrate-bands widens
or narrows the ranges of outflow, dropout and sector yield of the region
file by one factor until they do, says by how much, and prints the ranges
for the region file's uncertainty section.

--out writes a chart per quantity (PNG, SVG, PDF): each origin's forecast
with its band against the realised line.`

func backtestCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("backtest", backtestSynopsis, stderr)
	f.addRegion(fs)
	f.addHistory(fs)
	f.addScenario(fs, "basis", false)
	f.addDraws(fs, 200)
	calibrate := fs.Bool("calibrate-bands", false, "widen or narrow the Monte Carlo's ranges until 8 in 10 realised outcomes fall in the band")
	asJSON := fs.Bool("json", false, "print the backtest as JSON")
	f.addOut(fs, "", "write a chart per quantity to `dir`")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if f.draws < 0 || f.draws > 100_000 {
		return fmt.Errorf("--draws %d: want 0 to 100000", f.draws)
	}
	if *calibrate && f.draws == 0 {
		return fmt.Errorf("--calibrate-bands needs draws: give --draws")
	}
	scs, err := f.scenarios()
	if err != nil {
		return err
	}
	if len(scs) != 1 {
		return fmt.Errorf("--scenario: a backtest runs one scenario, got %d", len(scs))
	}
	h, err := f.history()
	if err != nil {
		return err
	}
	base, source, baseSource := h.base, h.source, h.baseSource
	if len(h.Years) < 2 {
		return fmt.Errorf("--employers %s: workbooks of one peildatum (%d); a backtest needs at least two", f.employers, h.Years[0])
	}
	opt := monitor.BacktestOptions{Scenario: scs[0], Draws: f.draws, Seed: f.seed}
	if scs[0].Name == "basis" {
		opt.Scenario = nil
	}
	var cal *monitor.BandCalibration
	var bt *monitor.Backtest
	if *calibrate {
		if cal, err = h.CalibrateBands(ctx, base, opt); err != nil {
			return err
		}
		bt, err = h.Backtest(ctx, base, opt) // with the region's own ranges, for the tables
	} else {
		bt, err = h.Backtest(ctx, base, opt)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(backtestJSONOf(bt, cal))
	}
	fmt.Fprintf(stdout, "raat: backtest van %s, scenario %s: prognoses vanaf de peildata %d-%d, vergeleken met de werkmappen van %d-%d\nbron: %s; aannames: %s\n",
		h.Region, scenarioName(scs[0]), h.Years[0], h.Years[len(h.Years)-2], h.Years[1], h.Last(), source, baseSource)
	printEvents(stdout, h.History)
	printForecasts(stdout, bt)
	printErrors(stdout, bt)
	printCoverage(stdout, bt, cal)
	printOriginWarnings(stdout, bt)
	if f.out != "" {
		var paths []string
		b := bt
		if cal != nil {
			b = cal.Backtest
		}
		for q := range monitor.Quantity(monitor.NumQuantities) {
			c, err := chart.BacktestOf(b, q, 0)
			if err != nil {
				return err
			}
			ps, err := c.Save(f.out, "backtest-"+strings.ReplaceAll(q.Label(), " ", "-"))
			if err != nil {
				return err
			}
			for _, p := range ps {
				if filepath.Ext(p) == ".png" {
					paths = append(paths, p)
				}
			}
		}
		fmt.Fprintf(stdout, "\nGrafieken: %s\n", strings.Join(paths, ", "))
	}
	return ctx.Err()
}

// printOriginWarnings prints the warnings of the forecasts, each once with
// the origins it holds for: the same warning a year later (intake capped
// from the year after the peildatum) is the same warning.
func printOriginWarnings(w io.Writer, bt *monitor.Backtest) {
	var keys []string
	origins := map[string][]string{}
	for _, o := range bt.Origins {
		next := fmt.Sprint(o.Year + 1)
		for _, s := range o.Warnings {
			k := strings.ReplaceAll(s, next, "het jaar na de peildatum")
			if _, ok := origins[k]; !ok {
				keys = append(keys, k)
			}
			origins[k] = append(origins[k], fmt.Sprint(o.Year))
		}
	}
	if len(keys) == 0 {
		return
	}
	fmt.Fprintln(w, "\nLet op, bij de prognoses:")
	for _, k := range keys {
		fmt.Fprintf(w, "  vanaf %s: %s\n", strings.Join(origins[k], ", "), k)
	}
}

func scenarioName(sc *scenarios.Scenario) string {
	if sc.Name == "basis" {
		return "basis (beleid zoals het was)"
	}
	return sc.Name
}

// printForecasts prints, per quantity, the region's forecast from each
// origin beside what was realised.
func printForecasts(w io.Writer, bt *monitor.Backtest) {
	for q := range monitor.Quantity(monitor.NumQuantities) {
		fmt.Fprintf(w, "\n%s in %s: de prognose vanaf elke peildatum en wat er gebeurde:\n\n", capitalize(q.Label()), bt.Scopes[0].Name)
		t := table{header: []string{"prognose vanaf"}}
		for _, y := range bt.Years {
			t.header = append(t.header, fmt.Sprint(y))
		}
		for _, o := range bt.Origins {
			row := []string{fmt.Sprint(o.Year)}
			for _, y := range bt.Years {
				j := y - o.Year
				if j < 0 || math.IsNaN(o.Central[q][0][j]) {
					row = append(row, "")
					continue
				}
				row = append(row, nl.Int(o.Central[q][0][j]))
			}
			t.add(row...)
		}
		row := []string{"gerealiseerd"}
		for _, y := range bt.Years {
			v := math.NaN()
			for _, o := range bt.Origins {
				if j := y - o.Year; j >= 0 && j < len(o.Realised[q][0]) && !math.IsNaN(o.Realised[q][0][j]) {
					v = o.Realised[q][0][j]
				}
			}
			if math.IsNaN(v) {
				row = append(row, "")
			} else {
				row = append(row, nl.Int(v))
			}
		}
		t.add(row...)
		t.print(w)
	}
}

// errorCell formats an error: "1,2% (+0,8%)".
func errorCell(e monitor.Error, ok bool) string {
	if !ok {
		return ""
	}
	bias := nl.Percent(e.Bias)
	if e.Bias > 0.00005 {
		bias = "+" + bias
	}
	return fmt.Sprintf("%s (%s)", nl.Percent(e.MAPE), bias)
}

func printErrors(w io.Writer, bt *monitor.Backtest) {
	maxH := len(bt.Years) - 1
	header := func(first string) table {
		t := table{header: []string{first}}
		for hz := 1; hz <= maxH; hz++ {
			t.header = append(t.header, fmt.Sprintf("%d jaar vooruit", hz))
		}
		return t
	}
	fmt.Fprintf(w, "\nFout per horizon, %s: MAPE (bias; + is te hoog geschat), over de prognoses die zo ver reiken:\n\n", bt.Scopes[0].Name)
	t := header("")
	for q := range monitor.Quantity(monitor.NumQuantities) {
		row := []string{q.Label()}
		for hz := 1; hz <= maxH; hz++ {
			row = append(row, errorCell(bt.Error(q, 0, hz)))
		}
		t.add(row...)
	}
	row := []string{"prognoses"}
	for hz := 1; hz <= maxH; hz++ {
		e, _ := bt.Error(monitor.Headcount, 0, hz)
		row = append(row, fmt.Sprint(e.N))
	}
	t.add(row...)
	t.print(w)
	for q := range monitor.Quantity(monitor.NumQuantities) {
		fmt.Fprintf(w, "\n%s per branche, MAPE (bias):\n\n", capitalize(q.Label()))
		t := header("branche")
		for s := 1; s < len(bt.Scopes); s++ {
			row := []string{bt.Scopes[s].Name}
			for hz := 1; hz <= maxH; hz++ {
				row = append(row, errorCell(bt.Error(q, s, hz)))
			}
			t.add(row...)
		}
		t.print(w)
	}
}

func printCoverage(w io.Writer, bt *monitor.Backtest, cal *monitor.BandCalibration) {
	if bt.Banded == 0 {
		return
	}
	fmt.Fprintf(w, "\nDe band (8 van de 10 uitkomsten, %d trekkingen) van medewerkers en fte omvatte %s van de gerealiseerde uitkomsten (%d van %d: de regio en de branches, elke horizon).\n",
		bt.Draws, nl.WholePercent(bt.Coverage), bt.Covered, bt.Banded)
	if cal == nil {
		return
	}
	u, c := bt.Uncertainty, cal.Uncertainty
	switch {
	case cal.Capped:
		fmt.Fprintf(w, "Zelfs met de breedste marges die het model toelaat (%s keer zo breed) omvat de band %s: de prognoses wijken meer af dan de onzekerheid in uitstroom, uitval en sectorrendement verklaart.\n", nl.Dec(cal.Factor, 2), nl.WholePercent(cal.After))
	case cal.Factor == 1:
		fmt.Fprintln(w, "De marges kloppen: de band omvat 8 van de 10 uitkomsten.")
	default:
		fmt.Fprintf(w, "Met de marges van uitstroom, uitval en sectorrendement %s keer zo breed omvat de band %s (%d van %d).\n",
			nl.Dec(cal.Factor, 2), nl.WholePercent(cal.After), cal.Backtest.Covered, cal.Backtest.Banded)
	}
	fmt.Fprintf(w, "\nIn het regiobestand (uncertainty), nu en gekalibreerd:\n\n")
	t := table{header: []string{"", "nu", "gekalibreerd"}}
	for _, r := range []struct {
		name     string
		old, new forecast.Range
	}{{"other_outflow", u.OtherOutflow, c.OtherOutflow}, {"dropout", u.Dropout, c.Dropout}, {"sector_yield", u.SectorYield, c.SectorYield}} {
		t.add(r.name, rangeText(r.old), rangeText(r.new))
	}
	t.print(w)
}

func rangeText(r forecast.Range) string {
	return fmt.Sprintf("[%s, %s]", strings.ReplaceAll(nl.Dec(r.Low, 3), ",", "."), strings.ReplaceAll(nl.Dec(r.High, 3), ",", "."))
}

// backtestJSON is what --json prints.
type backtestJSON struct {
	Scenario    string           `json:"scenario"`
	Years       []int            `json:"years"`
	Scopes      []string         `json:"scopes"`
	Errors      []errorJSON      `json:"errors"`
	Forecasts   []forecastJSON   `json:"forecasts"`
	Origins     []originJSON     `json:"origins"`
	Coverage    *float64         `json:"coverage,omitempty"`
	Calibration *calibrationJSON `json:"calibration,omitempty"`
}

type errorJSON struct {
	Quantity string  `json:"quantity"`
	Scope    string  `json:"scope"`
	Horizon  int     `json:"horizon"`
	N        int     `json:"n"`
	MAPE     float64 `json:"mape"`
	Bias     float64 `json:"bias"`
}

type originJSON struct {
	Year     int      `json:"year"`
	Warnings []string `json:"warnings"`
}

type forecastJSON struct {
	Origin   int        `json:"origin"`
	Quantity string     `json:"quantity"`
	Scope    string     `json:"scope"`
	Central  []*float64 `json:"central"`
	Low      []*float64 `json:"p10,omitempty"`
	High     []*float64 `json:"p90,omitempty"`
	Realised []*float64 `json:"realised"`
}

type calibrationJSON struct {
	Factor      float64              `json:"factor"`
	Before      float64              `json:"before"`
	After       float64              `json:"after"`
	Capped      bool                 `json:"capped"`
	Uncertainty forecast.Uncertainty `json:"uncertainty"`
}

func ptrs(v []float64) []*float64 {
	out := make([]*float64, len(v))
	any := false
	for i, x := range v {
		if !math.IsNaN(x) {
			out[i] = &v[i]
			any = true
		}
	}
	if !any {
		return nil
	}
	return out
}

func backtestJSONOf(bt *monitor.Backtest, cal *monitor.BandCalibration) backtestJSON {
	j := backtestJSON{Scenario: bt.Scenario, Years: bt.Years, Errors: []errorJSON{}}
	for _, s := range bt.Scopes {
		j.Scopes = append(j.Scopes, s.Name)
	}
	for _, e := range bt.Errors {
		j.Errors = append(j.Errors, errorJSON{Quantity: e.Quantity.Label(), Scope: bt.Scopes[e.Scope].Name, Horizon: e.Horizon, N: e.N, MAPE: e.MAPE, Bias: e.Bias})
	}
	for _, o := range bt.Origins {
		j.Origins = append(j.Origins, originJSON{Year: o.Year, Warnings: append([]string{}, o.Warnings...)})
		for q := range monitor.Quantity(monitor.NumQuantities) {
			for s, sc := range bt.Scopes {
				j.Forecasts = append(j.Forecasts, forecastJSON{Origin: o.Year, Quantity: q.Label(), Scope: sc.Name,
					Central: ptrs(o.Central[q][s]), Low: ptrs(o.Low[q][s]), High: ptrs(o.High[q][s]), Realised: ptrs(o.Realised[q][s])})
			}
		}
	}
	if bt.Banded > 0 {
		c := bt.Coverage
		j.Coverage = &c
	}
	if cal != nil {
		j.Calibration = &calibrationJSON{Factor: cal.Factor, Before: cal.Before, After: cal.After, Capped: cal.Capped, Uncertainty: cal.Uncertainty}
	}
	return j
}
