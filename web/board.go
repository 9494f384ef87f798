package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"gonum.org/v1/plot"

	"raat/arrowio"
	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/report"
	"raat/scenarios"
	"raat/store"
)

// boardScenarios are the scenarios the board dashboard compares.
var boardScenarios = []string{"basis", "raat-plan"}

func (s *Server) boardHome(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	ctx := r.Context()
	m, err := s.current(ctx)
	if err != nil {
		return err
	}
	type headline struct {
		Name, Description string
		First, Last       float64
		P10, P90          float64
		FirstYear, Year   int
	}
	runs, err := s.runNamed(ctx, m, boardScenarios, s.opt.Draws)
	if err != nil {
		return err
	}
	var heads []headline
	for _, run := range runs {
		sc, res := run.scenario, run.res
		h := headline{Name: sc.Name, Description: sc.Description, FirstYear: res.From, Year: res.To,
			First: res.Total(res.From).ShortfallFTE, Last: res.Total(res.To).ShortfallFTE}
		q := run.dist.Find(res.Region, forecast.AllBranches, forecast.AllLevels).Quantiles[res.To-res.From]
		h.P10, h.P90 = q[0], q[2]
		heads = append(heads, h)
	}
	q := url.Values{"s": boardScenarios, "band": {"1"}}
	s.render(w, "bestuur.html", se, map[string]any{"Heads": heads, "Chart": chartURL("tekort", q), "Source": m.source,
		"Draws": s.opt.Draws, "Waterfall": chartURL("waterval", url.Values{"s": {"raat-plan"}})})
	return nil
}

// chartSVG serves the charts of the pages as SVG: tekort (s=..., band=1),
// waterval (s=), stromen (s=), opleidingsquote.
func (s *Server) chartSVG(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	ctx := r.Context()
	m, err := s.current(ctx)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var p *plot.Plot
	switch r.PathValue("kind") {
	case "tekort.svg":
		draws := 0
		if q.Get("band") == "1" {
			draws = s.opt.Draws
		}
		var runs []*scenarioRun
		if runs, err = s.runNamed(ctx, m, chosen(q, boardScenarios...), draws); err != nil {
			return err
		}
		var series []chart.ScenarioRun
		for _, run := range runs {
			series = append(series, chart.ScenarioRun{Name: run.scenario.Name, Result: run.res, Dist: run.dist})
		}
		p, err = chart.Shortfall("Tekort aan personeel in zorg en welzijn, "+m.region.Name, chart.SeriesOf(series))
	case "waterval.svg":
		var sc *scenarios.Scenario
		if sc, err = s.scenario(ctx, chosen(q, "raat-plan")[0]); err != nil {
			return err
		}
		var d *scenarios.Decomposition
		if d, err = scenarios.Decompose(m.region, sc, forecast.Options{}); err == nil {
			p, err = chart.WaterfallOf("Van basis naar "+sc.Name, d, 0)
		}
	case "stromen.svg":
		var sc *scenarios.Scenario
		if sc, err = s.scenario(ctx, chosen(q, "basis")[0]); err != nil {
			return err
		}
		var run *scenarioRun
		if run, err = s.run(m, sc, 0); err == nil {
			p, err = chart.FlowsOf("Instroom en uitstroom, scenario "+sc.Name, run.res)
		}
	case "opleidingsquote.svg":
		qs, _ := ingest.Quotes(m.region)
		var names []string
		var quotes []float64
		for _, qq := range qs {
			names, quotes = append(names, qq.Trainer), append(quotes, qq.Quote)
		}
		p, err = chart.Quotes("Opleidingsquote per werkgever", names, quotes, ingest.ReferenceQuote)
	default:
		return notFound()
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := chart.Write(&buf, p, "svg"); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "private, max-age=60")
	_, err = w.Write(buf.Bytes())
	return err
}

// exportScenarios are the scenarios the downloads hold.
func (s *Server) exportResults(r *http.Request) (*arrowio.Results, error) {
	ctx := r.Context()
	m, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	list, _, err := s.allScenarios(ctx)
	if err != nil {
		return nil, err
	}
	res := &arrowio.Results{Version: "raat (web)", Created: s.opt.Now(), RegionSource: m.source}
	for _, sc := range list {
		run, err := s.run(m, sc, s.opt.Draws)
		if err != nil {
			return nil, err
		}
		res.Runs = append(res.Runs, run.res)
		res.Distributions = append(res.Distributions, run.dist)
	}
	return res, nil
}

func (s *Server) exportParquet(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.export(w, r, "parquet")
}

func (s *Server) exportArrow(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.export(w, r, "arrow")
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, format string) error {
	res, err := s.exportResults(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "parquet" {
		_, err = arrowio.WriteParquet(&buf, res, arrowio.WriteOptions{})
	} else {
		_, err = arrowio.WriteIPC(&buf, res, arrowio.WriteOptions{})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="raat-%s.%s"`, s.opt.Now().Format("2006-01-02"), format))
	_, err = w.Write(buf.Bytes())
	return err
}

func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	ctx := r.Context()
	m, err := s.current(ctx)
	if err != nil {
		return err
	}
	in := &report.Input{Region: m.region, Source: m.source, Made: s.opt.Now(), Version: "raat (web)", Draws: s.opt.Draws, Seed: 1}
	runs, err := s.runNamed(ctx, m, []string{"basis", "bol-naar-bbl", "behoud", "raat-plan"}, s.opt.Draws)
	if err != nil {
		return err
	}
	for _, run := range runs {
		sc := run.scenario
		in.Runs = append(in.Runs, report.Run{Name: sc.Name, Description: sc.Description, Result: run.res, Dist: run.dist})
		for _, wn := range run.res.Warnings {
			in.Warnings = appendOnce(in.Warnings, forecast.Dutch(wn))
		}
		if sc.Name == "raat-plan" {
			if in.Decomposition, err = scenarios.Decompose(m.region, sc, forecast.Options{}); err != nil {
				return err
			}
			if in.Costs, err = scenarios.Costs(m.region, sc, forecast.Options{}); err != nil {
				return err
			}
		}
	}
	if len(m.subs) > 0 {
		in.Employers = employersOf(m)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, in); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="raat-rapport-%s.pdf"`, in.Made.Format(time.DateOnly)))
	_, err = w.Write(buf.Bytes())
	return err
}

// employersOf gives the report the employers' quotes and outflow.
func employersOf(m *model) *report.Employers {
	e := &report.Employers{Reference: ingest.ReferenceQuote, Coverage: m.summary.CoverageText()}
	for _, q := range m.summary.EmployerQuotes(m.region) {
		e.Names, e.Quotes = append(e.Names, q.Trainer), append(e.Quotes, q.Quote)
	}
	rows, _ := ingest.OutflowByBranch(m.subs)
	for r := range ingest.NumReasons {
		if !ingest.Reason(r).Outflow() {
			continue
		}
		e.Reasons = append(e.Reasons, ingest.Reason(r).String())
		var vals []float64
		for _, row := range rows {
			vals = append(vals, float64(row.Leavers[r]))
		}
		e.Outflow = append(e.Outflow, vals)
	}
	for _, row := range rows {
		e.Branches = append(e.Branches, row.Branch.Label())
	}
	return e
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// chartURL is the address of a chart of the pages; built here from
// values we encode, so the template may use it as a URL as it is.
func chartURL(kind string, q url.Values) template.URL {
	return template.URL("/grafiek/" + kind + ".svg?" + q.Encode())
}
