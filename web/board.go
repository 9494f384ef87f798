package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"raat/analysis"
	"raat/arrowio"
	"raat/chart"
	"raat/ingest"
	"raat/report"
	"raat/store"
)

// boardScenarios are the scenarios the board dashboard compares.
var boardScenarios = []string{"basis", "raat-plan"}

// reportScenarios are the scenarios of the board report.
var reportScenarios = []string{"basis", "bol-naar-bbl", "behoud", "raat-plan"}

// headline is one scenario's card on the dashboard: the central estimate
// now and at the horizon, and the band around the latter.
type headline struct {
	Name, Description string
	FirstYear, Year   int
	First             analysis.Point
	Last              analysis.Point
}

func headlines(outs []*analysis.Outcome) []headline {
	var heads []headline
	for _, o := range outs {
		pts := o.Shortfall()
		heads = append(heads, headline{Name: o.Scenario.Name, Description: o.Scenario.Description,
			FirstYear: pts[0].Year, Year: pts[len(pts)-1].Year, First: pts[0], Last: pts[len(pts)-1]})
	}
	return heads
}

func (s *Server) boardHome(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.show(w, r, se, "bestuur.html", func(ctx context.Context, e *studyEntry) (map[string]any, error) {
		outs, err := e.study.Outcomes(ctx, boardScenarios...)
		if err != nil {
			return nil, err
		}
		// The waterfall beside the headline asks for this next.
		if _, err := e.study.Decomposition(ctx, "raat-plan"); err != nil {
			return nil, err
		}
		q := url.Values{"s": boardScenarios}
		return map[string]any{"Heads": headlines(outs), "Chart": chartURL("tekort", q), "Source": e.study.Source(),
			"Draws": s.opt.Draws, "Waterfall": chartURL("waterval", url.Values{"s": {"raat-plan"}})}, nil
	})
}

// chartSVG serves the charts of the pages as SVG: tekort (s=...),
// waterval (s=), stromen (s=), opleidingsquote. The pages that show them
// have had the study compute them, so this only draws. The region's
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
	q := r.URL.Query()
	var c *chart.Chart
	switch r.PathValue("kind") {
	case "tekort.svg":
		names := chosen(q, boardScenarios...)
		for _, n := range names {
			if _, err := e.scenario(n); err != nil {
				return err
			}
		}
		var outs []*analysis.Outcome
		if outs, err = e.study.Outcomes(ctx, names...); err == nil {
			c, err = chart.ShortfallOf("Tekort aan personeel in zorg en welzijn, "+e.study.Region().Name, outs)
		}
	case "waterval.svg":
		name := chosen(q, "raat-plan")[0]
		if _, err := e.scenario(name); err != nil {
			return err
		}
		if d, err2 := e.study.Decomposition(ctx, name); err2 != nil {
			err = err2
		} else {
			c, err = chart.WaterfallOf("Van basis naar "+name, d, 0)
		}
	case "stromen.svg":
		name := chosen(q, "basis")[0]
		if _, err := e.scenario(name); err != nil {
			return err
		}
		var o *analysis.Outcome
		if o, err = e.study.Outcome(ctx, name); err == nil {
			c, err = chart.FlowsOf("Instroom en uitstroom, scenario "+name, o.Run)
		}
	case "opleidingsquote.svg":
		if emp := e.study.Employers(); emp != nil {
			c, err = chart.QuotesOf("Opleidingsquote per werkgever", emp)
			break
		}
		qs, _ := ingest.Quotes(e.study.Region())
		var names []string
		var quotes []float64
		for _, qq := range qs {
			names, quotes = append(names, qq.Trainer), append(quotes, qq.Quote)
		}
		c, err = chart.Quotes("Opleidingsquote per branche", names, quotes, ingest.ReferenceQuote)
	default:
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
	return chart.Quotes("Opleidingsquote", names, quotes, ingest.ReferenceQuote)
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
	if what == "rapport.pdf" {
		ctype = "application/pdf"
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
