package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strings"

	"raat/chart"
	"raat/forecast"
	"raat/ingest"
	"raat/monitor"
	"raat/nl"
	"raat/store"
)

// The monitor page: what the employers delivered over the years (package
// monitor's History of every accepted upload in the store, re-uploads and
// all). The beheerder and the board see the region, each branch and each
// employer; an employer sees only its own line, and the region's figures
// of a year only when they cannot be traced back to one other employer
// (historyDisclosable, the rule of disclosure.go).

// history is the history of every accepted upload.
func (s *Server) history(ctx context.Context) (*monitor.History, error) {
	all, err := s.store.Submissions(ctx, "")
	if err != nil {
		return nil, err
	}
	var subs []*ingest.Submission
	for _, row := range all {
		if !row.Checked || !row.Accepted || row.Parsed == nil {
			continue
		}
		var sub ingest.Submission
		if err := json.Unmarshal(row.Parsed, &sub); err != nil {
			return nil, fmt.Errorf("submission %d: %w", row.ID, err)
		}
		sub.File, sub.Uploaded = row.Filename, row.UploadedAt
		subs = append(subs, &sub)
	}
	if len(subs) == 0 {
		return nil, nil
	}
	return monitor.NewHistory(s.base, subs)
}

// monitorCell is one number of the page's table.
type monitorCell struct {
	Value, Change string
	Estimated     bool
}

// monitorRow is one measure (or a part of one) of the table.
type monitorRow struct {
	Label string
	Sub   bool
	Cells []monitorCell
	// Region is the region's row beside an employer's own, for the years
	// it may see (disclosable); nil on the other views.
	Region []monitorCell
}

// monitorLink names a line the page can show.
type monitorLink struct {
	Name    string
	URL     template.URL
	Current bool
	Sub     bool
}

// monitorPage shows a line's table and charts: ?branche=vvt or
// ?werkgever=KVK for the beheerder and the board (the region without),
// always the employer's own for an employer.
func (s *Server) monitorPage(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	h, err := s.history(r.Context())
	if err != nil {
		return err
	}
	data := map[string]any{"Reference": ingest.ReferenceQuote, "MinContributors": minContributors}
	if h == nil {
		data["Empty"] = true
		s.render(w, "monitor.html", se, data)
		return nil
	}
	line, query, err := monitorLine(h, r.URL.Query(), se)
	if err != nil {
		return err
	}
	data["Years"] = h.Years
	data["Line"] = line
	if line == nil {
		data["Empty"] = true
		s.render(w, "monitor.html", se, data)
		return nil
	}
	employer := se.User.Role == store.Werkgever
	var shown []bool // per year: may the region be shown beside the employer's line
	if employer {
		shown = make([]bool, len(h.Years))
		for k := range h.Years {
			shown[k] = historyDisclosable(h, k, se.User.KvK)
		}
	}
	data["Rows"] = monitorRows(h, line, shown)
	data["Employer"] = employer
	var charts []template.URL
	for m := range monitor.Measure(monitor.NumMeasures) {
		charts = append(charts, template.URL("/monitor/grafiek/"+m.String()+".svg?"+query.Encode()))
	}
	data["Charts"] = charts
	if employer {
		var events []monitor.Event
		for _, e := range h.Events {
			if e.KvK == se.User.KvK || e.Into == se.User.KvK {
				events = append(events, e)
			}
		}
		data["Events"] = events
	} else {
		data["Events"] = h.Events
		data["Warnings"] = h.Warnings
		data["Links"] = monitorLinks(h, line)
	}
	s.render(w, "monitor.html", se, data)
	return nil
}

// monitorLine returns the line a request asks for, and the query that
// asks for it: an employer's own line whatever it asks.
func monitorLine(h *monitor.History, q url.Values, se *store.Session) (*monitor.Line, url.Values, error) {
	if se.User.Role == store.Werkgever {
		return h.Employer(se.User.KvK), url.Values{}, nil
	}
	if k := q.Get("werkgever"); k != "" {
		l := h.Employer(k)
		if l == nil {
			return nil, nil, notFound()
		}
		return l, url.Values{"werkgever": {k}}, nil
	}
	if b := q.Get("branche"); b != "" {
		br, err := forecast.ParseBranch(b)
		if err != nil || h.Branch(br) == nil {
			return nil, nil, notFound()
		}
		return h.Branch(br), url.Values{"branche": {br.String()}}, nil
	}
	return h.Total, url.Values{}, nil
}

func monitorLinks(h *monitor.History, current *monitor.Line) []monitorLink {
	links := []monitorLink{{Name: "Regio " + h.Region, URL: "/monitor", Current: current == h.Total}}
	for _, b := range h.Branches {
		links = append(links, monitorLink{Name: b.Name, URL: template.URL("/monitor?" + url.Values{"branche": {b.Branch.String()}}.Encode()), Current: current == b})
		for _, e := range h.Employers {
			if e.Branch == b.Branch {
				links = append(links, monitorLink{Name: e.Name, URL: template.URL("/monitor?" + url.Values{"werkgever": {e.KvK}}.Encode()), Current: current == e, Sub: true})
			}
		}
	}
	return links
}

// monitorRows are the table of a line: every measure per year with its
// change against the year before, and the parts of the leavers, the hires
// and the places; with shown, the region's row of each measure for the
// years it may be shown.
func monitorRows(h *monitor.History, l *monitor.Line, shown []bool) []monitorRow {
	var rows []monitorRow
	cells := func(line *monitor.Line, get func(monitor.Figures) float64, decimals int, only []bool) []monitorCell {
		out := make([]monitorCell, len(h.Years))
		for k := range h.Years {
			switch {
			case only != nil && !only[k]:
				out[k].Value = "niet getoond"
				continue
			case line.Status != nil && line.Status[k] == monitor.MergedAway:
				out[k].Value = "opgegaan"
				continue
			case !line.Counted(k):
				out[k].Value = "-"
				continue
			}
			v := get(line.Figures[k])
			out[k].Value = nl.Dec(v, decimals)
			out[k].Estimated = (line.Status != nil && line.Status[k] == monitor.Estimated) || (line.Status == nil && line.Estimated[k] > 0)
			if k > 0 && line.Counted(k-1) && (only == nil || only[k-1]) {
				d := v - get(line.Figures[k-1])
				out[k].Change = nl.Dec(d, decimals)
				if math.Round(d*math.Pow(10, float64(decimals))) > 0 {
					out[k].Change = "+" + out[k].Change
				}
			}
		}
		return out
	}
	add := func(label string, sub bool, decimals int, get func(monitor.Figures) float64) {
		row := monitorRow{Label: label, Sub: sub, Cells: cells(l, get, decimals, nil)}
		if shown != nil && !sub {
			row.Region = cells(h.Total, get, decimals, shown)
		}
		rows = append(rows, row)
	}
	for m := range monitor.Measure(monitor.NumMeasures) {
		label := m.Label()
		add(strings.ToUpper(label[:1])+label[1:], false, m.Decimals(), m.Of)
		switch m {
		case monitor.Leavers:
			for rs := range ingest.Reason(ingest.NumReasons) {
				name := rs.String()
				if !rs.Outflow() {
					name = "(naar " + name + ")"
				}
				add(name, true, 0, func(f monitor.Figures) float64 { return f.Leavers[rs] })
			}
		case monitor.Hires:
			for o := range ingest.Origin(ingest.NumOrigins) {
				name := o.String()
				if o == ingest.VanZorgwerkgever {
					name = "(van " + name + ")"
				}
				add(name, true, 0, func(f monitor.Figures) float64 { return f.Hires[o] })
			}
		case monitor.PlacesOffered:
			for rt := range forecast.Route(forecast.NumRoutes) {
				add(rt.String(), true, 0, func(f monitor.Figures) float64 { return f.Offered[rt] })
			}
		}
	}
	return rows
}

// monitorChart draws one measure of the line the page shows; an
// employer's own, and for the opleidingsquote (a ratio, which compares)
// beside the region's in the years it may see.
func (s *Server) monitorChart(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	name, ok := strings.CutSuffix(r.PathValue("kind"), ".svg")
	if !ok {
		return notFound()
	}
	m, err := monitor.ParseMeasure(name)
	if err != nil {
		return notFound()
	}
	h, err := s.history(r.Context())
	if err != nil {
		return err
	}
	if h == nil {
		return notFound()
	}
	line, _, err := monitorLine(h, r.URL.Query(), se)
	if err != nil {
		return err
	}
	if line == nil {
		return notFound()
	}
	var c *chart.Chart
	switch {
	case se.User.Role == store.Werkgever:
		region := *h.Total
		region.Name = "Regio " + h.Region
		region.Figures = append([]monitor.Figures(nil), h.Total.Figures...)
		region.Employers = append([]int(nil), h.Total.Employers...)
		any := false
		for k := range h.Years {
			if !historyDisclosable(h, k, se.User.KvK) {
				region.Employers[k] = 0 // not counted: not drawn
			} else {
				any = true
			}
		}
		var beside *monitor.Line
		if any && m == monitor.Quote {
			beside = &region
		}
		own := *line
		own.Name = "Uw organisatie"
		c, err = chart.LineOf(h, &own, m, beside)
	case line == h.Total:
		c, err = chart.HistoryOf(h, m)
	default:
		c, err = chart.LineOf(h, line, m, nil)
	}
	if err != nil {
		return err
	}
	return writeSVG(w, c)
}
