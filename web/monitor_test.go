package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"raat/ingest"
	"raat/monitor"
	"raat/nl"
	"raat/store"
)

// withHistory stores workbooks of every peildatum as accepted uploads, in
// the order they were uploaded (the 2025 ones in 2026), as the store of an
// action centre holds them after some years; keep chooses which.
func (e *env) withHistory(keep func(*ingest.Submission) bool) []*ingest.Submission {
	e.t.Helper()
	return storeHistory(e.t, e.st, keep)
}

func storeHistory(t *testing.T, st *store.Store, keep func(*ingest.Submission) bool) []*ingest.Submission {
	t.Helper()
	ctx := context.Background()
	subs, err := monitor.DemoSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var admin int64
	for _, u := range users {
		if u.Role == store.Beheerder {
			admin = u.ID
		}
	}
	var kept []*ingest.Submission
	for i, s := range subs {
		if s.Uploaded.IsZero() {
			s.Uploaded = time.Date(2026, 2, 1+i%20, 9, 0, 0, 0, time.UTC)
		}
		if keep == nil || keep(s) {
			kept = append(kept, s)
		}
	}
	slices.SortStableFunc(kept, func(a, b *ingest.Submission) int { return a.Uploaded.Compare(b.Uploaded) })
	for _, s := range kept {
		parsed, _ := json.Marshal(s)
		row := &store.Submission{KvK: s.Employer.KvK, Employer: s.Employer.Name, Peildatum: s.Employer.Peildatum, Filename: s.File,
			Digest: "d", UploadedBy: admin, UploadedAt: s.Uploaded, Accepted: true, Report: json.RawMessage(`{}`), Parsed: parsed}
		if _, err := st.AddSubmission(ctx, row, []byte("werkmap")); err != nil {
			t.Fatal(err)
		}
	}
	return kept
}

// TestMonitorRoles: the beheerder and the board see the region, its
// branches and every employer; an employer sees its own line, whatever it
// asks for, the events of its own workbooks, and the region's figures only
// in the years they may be shown (historyDisclosable); no other employer's
// name or figures reach its page or its charts.
func TestMonitorRoles(t *testing.T) {
	e := newEnv(t)
	e.withHistory(nil)
	admin, board, a := e.login("beheer@wgv.nl"), e.login("bestuur@wgv.nl"), e.login("a@zorg.nl")
	for _, c := range []*client{admin, board} {
		body, resp := c.get("/monitor")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/monitor: %d\n%.300s", resp.StatusCode, body)
		}
		for _, want := range []string{"Over de jaren: Twente", "56.000", "Zorggroep Regge en Dinkel", "herupload", "opgegaan in Zorggroep Regge en Dinkel",
			"geen werkmap over 2024", e.orgB, "/monitor/grafiek/medewerkers.svg"} {
			if !strings.Contains(body, htmlText(want)) {
				t.Errorf("the region's page lacks %q", want)
			}
		}
		body, resp = c.get("/monitor?werkgever=" + e.kvkB)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Over de jaren: "+htmlText(e.orgB)) {
			t.Errorf("?werkgever=B: %d", resp.StatusCode)
		}
		if _, resp := c.get("/monitor?werkgever=99999999"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown employer: %d", resp.StatusCode)
		}
	}
	h, err := e.server.history(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	own := h.Employer(e.kvkA)
	var disclosable []int
	for k, y := range h.Years {
		if historyDisclosable(h, k, e.kvkA) {
			disclosable = append(disclosable, y)
		}
	}
	if len(disclosable) == 0 {
		t.Fatal("no year's region figures may be shown: the test proves only the hiding")
	}
	t.Logf("region shown to A in %v", disclosable)
	for _, path := range []string{"/monitor", "/monitor?werkgever=" + e.kvkB, "/monitor?branche=vvt"} {
		body, resp := a.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s as employer: %d", path, resp.StatusCode)
		}
		if !strings.Contains(body, "Over de jaren: uw organisatie") || !strings.Contains(body, nl.Int(own.Figures[len(h.Years)-1].Headcount)) {
			t.Errorf("%s: not the employer's own line", path)
		}
		for _, other := range h.Employers {
			if other.KvK != e.kvkA && strings.Contains(body, htmlText(other.Name)) {
				t.Errorf("%s: the employer's page names %s", path, other.Name)
			}
		}
		for k, y := range h.Years {
			region := nl.Int(h.Total.Figures[k].Headcount)
			if shown := historyDisclosable(h, k, e.kvkA); shown != strings.Contains(body, ">"+region) {
				t.Errorf("%s: the region's %d (%s) shown %v, disclosable %v", path, y, region, !shown, shown)
			}
		}
		if strings.Contains(body, "herupload") {
			t.Errorf("%s: the employer sees another's re-upload", path)
		}
	}
	svg, resp := a.get("/monitor/grafiek/medewerkers.svg?werkgever=" + e.kvkB)
	if resp.StatusCode != http.StatusOK || !strings.Contains(svg, "Uw organisatie") || strings.Contains(svg, e.orgB) {
		t.Errorf("the employer's chart: %d, own %v, names B %v", resp.StatusCode, strings.Contains(svg, "Uw organisatie"), strings.Contains(svg, e.orgB))
	}
	if svg, _ := a.get("/monitor/grafiek/opleidingsquote.svg"); !strings.Contains(svg, "Regio Twente") {
		t.Error("the employer's quote chart lacks the region's, which may be shown")
	}
	if _, resp := a.get("/monitor/grafiek/bogus.svg"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown chart: %d", resp.StatusCode)
	}
	if _, resp := e.anon().get("/monitor"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("without login: %d", resp.StatusCode)
	}
}

// TestMonitorHidesATotalOfTwo: with only A and B delivered, the region's
// figures are A's and B's together, from which A would read B's: the
// employer's page and chart show no region, the board's does.
func TestMonitorHidesATotalOfTwo(t *testing.T) {
	e := newEnv(t)
	e.withHistory(func(s *ingest.Submission) bool { return s.Employer.KvK == e.kvkA || s.Employer.KvK == e.kvkB })
	a, board := e.login("a@zorg.nl"), e.login("bestuur@wgv.nl")
	h, err := e.server.history(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := len(h.Years) - 1
	region := nl.Int(h.Total.Figures[last].Headcount)
	body, _ := a.get("/monitor")
	if strings.Contains(body, ">"+region) || !strings.Contains(body, "niet getoond") {
		t.Errorf("the employer sees the total of two (%s)", region)
	}
	svg, _ := a.get("/monitor/grafiek/opleidingsquote.svg")
	if strings.Contains(svg, "Regio") {
		t.Error("the employer's quote chart draws the total of two")
	}
	if body, _ := board.get("/monitor"); !strings.Contains(body, region) {
		t.Errorf("the board does not see the region's %s", region)
	}
}

// htmlText is s as html/template writes it in text.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
