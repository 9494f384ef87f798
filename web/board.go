package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"raat/analysis"
	"raat/arrowio"
	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/nl"
	"raat/report"
	"raat/store"
)

// boardScenarios are the scenarios the board dashboard compares until the
// reader chooses others.
var boardScenarios = []string{"basis", "raat-plan"}

// reportScenarios are the scenarios of the board report.
var reportScenarios = []string{"basis", "bol-naar-bbl", "behoud", "raat-plan"}

// headline is one scenario's card on the dashboard: the central estimate
// at the horizon, rounded for a board, the band around it and now.
type headline struct {
	Name, Label, Description, Color string
	FirstYear, Year                 int
	First, Last                     analysis.Point
	// Central and Now are the rounded central estimates at the horizon
	// and in the first year; Surplus says the horizon's is an overschot.
	Central, Now string
	Surplus      bool
	Band         string
}

func headlines(outs []*analysis.Outcome) []headline {
	var heads []headline
	for _, o := range outs {
		pts := o.Shortfall()
		first, last := pts[0], pts[len(pts)-1]
		h := headline{Name: o.Scenario.Name, Label: o.Scenario.Label(), Description: o.Scenario.Description, Color: colorOf(o.Scenario.Name),
			FirstYear: first.Year, Year: last.Year, First: first, Last: last, Now: analysis.RoundText(first.Central),
			Central: analysis.RoundText(math.Abs(last.Central)), Surplus: last.Central < 0}
		if last.HasBand {
			h.Band = fmt.Sprintf("8 van de 10 uitkomsten liggen tussen ca. %s en %s fte", analysis.RoundText(last.Low), analysis.RoundText(last.High))
		}
		heads = append(heads, h)
	}
	return heads
}

// colorOf is a scenario's colour in every output, for the swatches of the
// pages (an SVG rect's fill attribute: the CSP allows no inline styles).
func colorOf(name string) string {
	c := chart.ScenarioStyle(name).Color
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// choice is a scenario in the dashboard's chooser.
type choice struct {
	Name, Label, Description, Color string
	Checked                         bool
}

// branchTable is a table of the pages: a header and rows of text.
type branchTable struct {
	Header []string
	Rows   [][]string
}

// board computes what the dashboard and the comparison show of the chosen
// scenarios: the headline, a card per scenario, the charts' addresses, the
// branch table, the baseline's sensitivity and the plan's actions (the
// last chosen scenario, when it has more than one lever). Having the study
// compute the parts here makes the charts the page shows a matter of
// drawing.
func (s *Server) board(ctx context.Context, e *studyEntry, names []string) (map[string]any, error) {
	for _, n := range names {
		if _, err := e.scenario(n); err != nil {
			return nil, err
		}
	}
	outs, err := e.study.Outcomes(ctx, names...)
	if err != nil {
		return nil, err
	}
	base, plan := outs[0], outs[len(outs)-1]
	year := base.Run.To
	chosen := map[string]bool{}
	for _, n := range names {
		chosen[n] = true
	}
	var choices []choice
	for _, sc := range e.study.Scenarios() {
		choices = append(choices, choice{Name: sc.Name, Label: sc.Label(), Description: sc.Description, Color: colorOf(sc.Name), Checked: chosen[sc.Name]})
	}
	q := url.Values{"s": names}
	type heatmap struct {
		Label string
		Chart template.URL
	}
	var heats []heatmap
	for _, o := range outs {
		heats = append(heats, heatmap{o.Scenario.Label(), chartURL("niveaus", url.Values{"s": {o.Scenario.Name}})})
	}
	data := map[string]any{
		"Headline": analysis.Headline(base, planOrNil(base, plan)), "Coverage": e.study.Coverage(),
		"Choices": choices, "Heads": headlines(outs), "Year": year, "Draws": s.opt.Draws,
		"Chart": chartURL("tekort", q), "Branches": chartURL("branches", q), "Heatmaps": heats,
		"BranchTable": branchRows(outs, year), "Query": template.URL(q.Encode()),
	}
	data["Demand"] = chartURL("vraag", url.Values{"s": {base.Scenario.Name}})
	data["DemandText"] = analysis.DemandText(e.study.Region(), analysis.DemandChanges(e.study.Region(), base.Run, base.Run.From, base.Run.To, nil))
	if sen, err := e.study.Sensitivity(ctx, base.Scenario.Name); err != nil {
		return nil, err
	} else if len(sen.Swings) > 0 {
		data["Tornado"] = chartURL("gevoeligheid", url.Values{"s": {base.Scenario.Name}})
		top := sen.Swings[0]
		data["TornadoText"] = fmt.Sprintf("Het meest weegt %s: met %s is het tekort in %d ca. %s fte, met %s ca. %s fte.",
			lowerFirst(top.Parameter.Label()), top.Parameter.Setting(top.Low), sen.Year, analysis.RoundText(top.AtLow),
			top.Parameter.Setting(top.High), analysis.RoundText(top.AtHigh))
	}
	if plan != base && len(plan.Scenario.Levers) > 1 {
		a, err := e.study.Actions(ctx, plan.Scenario.Name)
		if err != nil {
			return nil, err
		}
		data["Plan"] = analysis.PlanName(plan.Scenario.Label())
		data["Actions"] = a
		data["ActionsChart"] = chartURL("acties", url.Values{"s": {plan.Scenario.Name}})
	}
	return data, nil
}

func planOrNil(base, plan *analysis.Outcome) *analysis.Outcome {
	if plan == base {
		return nil
	}
	return plan
}

// branchRows is the table per branch at the year: each scenario's
// shortfall in fte and as a share of the branch's demand, rounded for a
// board.
func branchRows(outs []*analysis.Outcome, year int) branchTable {
	t := branchTable{Header: []string{"Branche"}}
	gaps := make([][forecast.NumBranches]analysis.Gap, len(outs))
	for i, o := range outs {
		t.Header = append(t.Header, o.Scenario.Label())
		gaps[i] = o.Branches(year)
	}
	cell := func(g analysis.Gap) string {
		return fmt.Sprintf("%s (%s)", analysis.RoundText(g.ShortfallFTE), nl.Dec(100*g.Share(), 0)+"%")
	}
	for _, b := range forecast.Branches() {
		row := []string{b.Label()}
		for i := range outs {
			row = append(row, cell(gaps[i][b]))
		}
		t.Rows = append(t.Rows, row)
	}
	row := []string{"Totaal"}
	for _, o := range outs {
		row = append(row, cell(o.Total(year)))
	}
	t.Rows = append(t.Rows, row)
	return t
}

func (s *Server) boardHome(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.show(w, r, se, "bestuur.html", func(ctx context.Context, e *studyEntry) (map[string]any, error) {
		return s.board(ctx, e, chosen(r.URL.Query(), boardScenarios...))
	})
}

// chartSVG serves the charts of the pages as SVG (chart.Kinds: tekort,
// branches, niveaus, acties, gevoeligheid, waterval, stromen,
// opleidingsquote, uitstroom) of the scenarios s=.... The pages that show
// them have had the study compute them, so this only draws. The region's
// charts are the beheerder's and the board's; an employer gets only its
// own quote chart (employerQuoteChart).
func (s *Server) chartSVG(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	ctx := r.Context()
	if se.User.Role == store.Werkgever {
		if r.PathValue("kind") != "opleidingsquote.svg" {
			return &httpError{http.StatusForbidden, "Deze grafiek is niet voor uw account."}
		}
		c, err := s.employerQuoteChart(ctx, se.User.KvK)
		if err != nil {
			return err
		}
		return writeSVG(w, c)
	}
	e, err := s.study(ctx)
	if err != nil {
		return err
	}
	kind, ok := strings.CutSuffix(r.PathValue("kind"), ".svg")
	k, known := chart.KindOf(kind)
	if !ok || !known {
		return notFound()
	}
	names := chosen(r.URL.Query(), strings.Split(k.Scenarios, ",")...)
	for _, n := range names {
		if _, err := e.scenario(n); err != nil {
			return err
		}
	}
	c, err := chart.OfStudy(ctx, e.study, kind, names, 0)
	if errors.Is(err, chart.ErrNothingToDraw) {
		return notFound()
	}
	if err != nil {
		return err
	}
	return writeSVG(w, c)
}

// writeSVG sends a chart as SVG.
func writeSVG(w http.ResponseWriter, c *chart.Chart) error {
	var buf bytes.Buffer
	if err := c.Write(&buf, chart.SVG); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, err := w.Write(buf.Bytes())
	return err
}

// employerQuoteChart is an employer's quote chart: its own bar, and the
// region's when disclosable (disclosure.go); no other employer's.
func (s *Server) employerQuoteChart(ctx context.Context, kvk string) (*chart.Chart, error) {
	m, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	qs, total, own := employerQuotes(m, kvk)
	var names []string
	var quotes []float64
	if own >= 0 {
		names, quotes = append(names, "Uw organisatie"), append(quotes, qs[own].Quote)
	}
	if len(m.subs) > 0 && regionDisclosable(qs, own) {
		names, quotes = append(names, fmt.Sprintf("Regio (%d werkgevers)", len(qs))), append(quotes, total.Quote)
	}
	if len(names) == 0 {
		return nil, notFound()
	}
	return chart.Quotes("Opleidingsquote", "", names, quotes, ingest.ReferenceQuote)
}

// boardTable sends a table of the pages as Excel or CSV: tekort (the
// shortfall per year per scenario, with the band) or branches (per branch
// at the horizon), of the scenarios s=....
func (s *Server) boardTable(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	var name, ext string
	switch file := r.PathValue("file"); file {
	case "tekort.xlsx", "tekort.csv", "branches.xlsx", "branches.csv":
		name, ext, _ = cutExt(file)
	default:
		return notFound()
	}
	return s.download(w, r, se, "tabel "+r.URL.Path+"?"+r.URL.Query().Encode(), func(ctx context.Context, e *studyEntry) ([]byte, string, error) {
		names := chosen(r.URL.Query(), boardScenarios...)
		for _, n := range names {
			if _, err := e.scenario(n); err != nil {
				return nil, "", err
			}
		}
		outs, err := e.study.Outcomes(ctx, names...)
		if err != nil {
			return nil, "", err
		}
		t := shortfallTable(outs, e.study.Region().Name)
		if name == "branches" {
			t = branchesTable(outs, e.study.Region().Name)
		}
		t.Note += " " + e.study.ChartSource()
		var buf bytes.Buffer
		if ext == "xlsx" {
			err = ingest.WriteTableXLSX(&buf, t)
		} else {
			err = ingest.WriteTableCSV(&buf, t)
		}
		return buf.Bytes(), fmt.Sprintf("raat-%s-%s.%s", name, s.opt.Now().Format(time.DateOnly), ext), err
	})
}

// cutExt splits "tekort.csv" into "tekort" and "csv".
func cutExt(file string) (name, ext string, ok bool) {
	ext = path.Ext(file)
	if ext == "" {
		return file, "", false
	}
	return strings.TrimSuffix(file, ext), ext[1:], true
}

// shortfallTable is the shortfall per year per scenario: the central
// estimate and the band, in whole fte.
func shortfallTable(outs []*analysis.Outcome, region string) ingest.Table {
	t := ingest.Table{Title: "Tekort per jaar, " + region, Header: []string{"jaar"},
		Note: "Tekort in fte: de centrale raming, en de band waarin 8 van de 10 uitkomsten liggen; negatief is een overschot."}
	cols := make([][]analysis.Point, len(outs))
	for i, o := range outs {
		cols[i] = o.Shortfall()
		t.Header = append(t.Header, o.Scenario.Label()+" (centrale raming)")
		if cols[i][0].HasBand {
			t.Header = append(t.Header, o.Scenario.Label()+" (band laag)", o.Scenario.Label()+" (band hoog)")
		}
	}
	for k, p := range cols[0] {
		row := []any{p.Year}
		for _, col := range cols {
			row = append(row, math.Round(col[k].Central))
			if col[k].HasBand {
				row = append(row, math.Round(col[k].Low), math.Round(col[k].High))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// branchesTable is each branch's shortfall at the horizon per scenario, in
// fte and in percent of the branch's demand.
func branchesTable(outs []*analysis.Outcome, region string) ingest.Table {
	year := outs[0].Run.To
	t := ingest.Table{Title: fmt.Sprintf("Tekort per branche in %d, %s", year, region), Header: []string{"branche"},
		Note: "Tekort in fte en in procenten van de vraag van de branche, centrale raming; negatief is een overschot."}
	gaps := make([][forecast.NumBranches]analysis.Gap, len(outs))
	for i, o := range outs {
		t.Header = append(t.Header, o.Scenario.Label()+" (fte)", o.Scenario.Label()+" (% van de vraag)")
		gaps[i] = o.Branches(year)
	}
	pct := func(g analysis.Gap) float64 { return math.Round(1000*g.Share()) / 10 }
	for _, b := range forecast.Branches() {
		row := []any{b.Label()}
		for i := range outs {
			row = append(row, math.Round(gaps[i][b].ShortfallFTE), pct(gaps[i][b]))
		}
		t.Rows = append(t.Rows, row)
	}
	row := []any{"totaal"}
	for _, o := range outs {
		g := o.Total(year)
		row = append(row, math.Round(g.ShortfallFTE), pct(g))
	}
	t.Rows = append(t.Rows, row)
	return t
}

func (s *Server) exportParquet(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.export(w, r, se, "parquet")
}

func (s *Server) exportArrow(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.export(w, r, se, "arrow")
}

// export sends every scenario's outcome as Parquet or Arrow IPC.
func (s *Server) export(w http.ResponseWriter, r *http.Request, se *store.Session, format string) error {
	return s.download(w, r, se, "export."+format, func(ctx context.Context, e *studyEntry) ([]byte, string, error) {
		outs, err := e.study.Outcomes(ctx)
		if err != nil {
			return nil, "", err
		}
		res := arrowio.ResultsOf("raat (web)", s.opt.Now(), e.study.Source(), outs)
		var buf bytes.Buffer
		if format == "parquet" {
			_, err = arrowio.WriteParquet(&buf, res, arrowio.WriteOptions{})
		} else {
			_, err = arrowio.WriteIPC(&buf, res, arrowio.WriteOptions{})
		}
		return buf.Bytes(), fmt.Sprintf("raat-%s.%s", s.opt.Now().Format(time.DateOnly), format), err
	})
}

func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.download(w, r, se, "rapport.pdf", func(ctx context.Context, e *studyEntry) ([]byte, string, error) {
		made := s.opt.Now()
		var buf bytes.Buffer
		err := report.Write(ctx, &buf, e.study, report.Options{Made: made, Version: "raat (web)", Scenarios: reportScenarios})
		return buf.Bytes(), fmt.Sprintf("raat-rapport-%s.pdf", made.Format(time.DateOnly)), err
	})
}

// contentTypes are the downloads' types, by extension.
var contentTypes = map[string]string{
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
}

// download sends a file made from the study, as a job: a long
// computation shows the "bezig" page, which reloads until the file is
// there.
func (s *Server) download(w http.ResponseWriter, r *http.Request, se *store.Session, what string,
	make func(ctx context.Context, e *studyEntry) (file []byte, name string, err error)) error {
	e, err := s.study(r.Context())
	if err != nil {
		return err
	}
	type file struct {
		b    []byte
		name string
	}
	v, ready, err := s.await(w, r, se, e, what, func(ctx context.Context) (any, error) {
		b, name, err := make(ctx, e)
		return file{b, name}, err
	})
	if err != nil || !ready {
		return err
	}
	f := v.(file)
	ctype := "application/octet-stream"
	if _, ext, ok := cutExt(f.name); ok && contentTypes[ext] != "" {
		ctype = contentTypes[ext]
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.name))
	_, err = w.Write(f.b)
	return err
}

// chartURL is the address of a chart of the pages; built here from
// values we encode, so the template may use it as a URL as it is.
func chartURL(kind string, q url.Values) template.URL {
	return template.URL("/grafiek/" + kind + ".svg?" + q.Encode())
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}
