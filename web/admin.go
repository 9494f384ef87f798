package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"raat/analysis"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
	"raat/store"
)

// delivery is one employer account and what it delivered.
type delivery struct {
	User      store.User
	Current   *store.Submission // nil: nothing accepted yet
	Uploads   int
	LastTried *store.Submission
}

func (s *Server) adminHome(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	ctx := r.Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	subs, err := s.store.Submissions(ctx, "")
	if err != nil {
		return err
	}
	byKvK := map[string]*delivery{}
	var deliveries []*delivery
	for _, u := range users {
		if u.Role == store.Werkgever {
			d := &delivery{User: u}
			byKvK[u.KvK] = d
			deliveries = append(deliveries, d)
		}
	}
	for i := range subs {
		sub := &subs[i]
		d := byKvK[sub.KvK]
		if d == nil {
			continue
		}
		d.Uploads++
		if d.LastTried == nil {
			d.LastTried = sub
		}
		if sub.Current && d.Current == nil {
			d.Current = sub
		}
	}
	delivered := 0
	for _, d := range deliveries {
		if d.Current != nil {
			delivered++
		}
	}
	m, err := s.current(ctx)
	if err != nil {
		return err
	}
	data := map[string]any{"Deliveries": deliveries, "Delivered": delivered, "Users": users, "Submissions": subs,
		"Source": m.source, "Summary": m.summary, "Flash": r.URL.Query().Get("melding"), "InviteLink": r.URL.Query().Get("link")}
	s.render(w, "beheer.html", se, data)
	return nil
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	role, err := store.ParseRole(r.PostFormValue("rol"))
	if err != nil {
		return badRequest("Kies een rol: werkgever, bestuur of beheerder.")
	}
	in := store.Invite{Email: r.PostFormValue("email"), Name: strings.TrimSpace(r.PostFormValue("naam")), Role: role,
		KvK: strings.TrimSpace(r.PostFormValue("kvk"))}
	if role != store.Werkgever {
		in.KvK = ""
	}
	tok, err := s.store.CreateInvite(r.Context(), &se.User, in)
	switch {
	case errors.Is(err, store.ErrBadEmail):
		return badRequest(fmt.Sprintf("%q is geen e-mailadres.", in.Email))
	case errors.Is(err, store.ErrBadKvK):
		return badRequest(fmt.Sprintf("Een werkgever heeft een KvK-nummer van 8 cijfers; gevonden %q.", in.KvK))
	case errors.Is(err, store.ErrExists):
		return &httpError{http.StatusConflict, fmt.Sprintf("Er bestaat al een account voor %s.", in.Email)}
	case err != nil:
		return err
	}
	link := "/uitnodiging/" + tok
	q := url.Values{"melding": {fmt.Sprintf("Uitnodiging voor %s aangemaakt. Stuur de link hieronder; hij werkt %d dagen en één keer.", in.Email, int(store.InviteLifetime.Hours()/24))}, "link": {link}}
	http.Redirect(w, r, "/beheer?"+q.Encode(), http.StatusSeeOther)
	return nil
}

func (s *Server) scenarioList(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	list, _, err := s.allScenarios(r.Context())
	if err != nil {
		return err
	}
	s.render(w, "scenarios.html", se, map[string]any{"Scenarios": list, "Flash": r.URL.Query().Get("melding")})
	return nil
}

// chosen reads the scenario names of a query (s=a&s=b), in order, each once.
func chosen(q url.Values, def ...string) []string {
	seen := map[string]bool{}
	var names []string
	for _, n := range q["s"] {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return def
	}
	if len(names) > 8 {
		names = names[:8]
	}
	return names
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.show(w, r, se, "vergelijk.html", func(ctx context.Context, e *studyEntry) (map[string]any, error) {
		names := chosen(r.URL.Query(), boardScenarios...)
		data, err := s.board(ctx, e, names)
		if err != nil {
			return nil, err
		}
		outs, err := e.study.Outcomes(ctx, names...)
		if err != nil {
			return nil, err
		}
		type row struct {
			Year  int
			Cells []float64
		}
		var rows []row
		cols := make([][]analysis.Point, len(outs))
		var labels []string
		for i, o := range outs {
			cols[i] = o.Shortfall()
			labels = append(labels, o.Scenario.Label())
		}
		for k, p := range cols[0] {
			rw := row{Year: p.Year}
			for _, col := range cols {
				rw.Cells = append(rw.Cells, col[k].Central)
			}
			rows = append(rows, rw)
		}
		data["Names"], data["Rows"], data["Source"] = labels, rows, e.study.Coverage()
		return data, nil
	})
}

func (s *Server) explain(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.show(w, r, se, "uitleg.html", func(ctx context.Context, e *studyEntry) (map[string]any, error) {
		name := chosen(r.URL.Query(), "raat-plan")[0]
		sc, err := e.scenario(name)
		if err != nil {
			return nil, err
		}
		d, err := e.study.Decomposition(ctx, name)
		if err != nil {
			return nil, err
		}
		a, err := e.study.Actions(ctx, name)
		if err != nil {
			return nil, err
		}
		last := len(d.Years) - 1
		return map[string]any{"Scenario": sc, "Label": sc.Label(), "Year": d.Years[last], "Actions": a,
			"Before": d.Baseline[last], "After": d.WithLevers[last], "Chart": chartURL("waterval", url.Values{"s": {name}}),
			"Ranked": chartURL("acties", url.Values{"s": {name}})}, nil
	})
}

func (s *Server) solve(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.show(w, r, se, "oplossen.html", func(ctx context.Context, e *studyEntry) (map[string]any, error) {
		base := e.study.Region().BaseYear
		target := base + 10
		if t := r.URL.Query().Get("doeljaar"); t != "" {
			var err error
			target, err = strconv.Atoi(t)
			if err != nil || target <= base || target > base+forecast.DefaultHorizonYears {
				return nil, badRequest(fmt.Sprintf("Kies een doeljaar van %d tot en met %d.", base+1, base+forecast.DefaultHorizonYears))
			}
		}
		intake, err := e.study.SolveIntake(ctx, "basis", target)
		if err != nil {
			return nil, err
		}
		type leverSol struct {
			Label, Unit string
			Size        float64
			Reachable   bool
			Residual    float64
		}
		var levers []leverSol
		for _, k := range forecast.LeverKinds() {
			sol, err := e.study.SolveLever(ctx, "basis", forecast.Lever{Kind: k, Start: base + 1, Horizon: forecast.Middellang}, target)
			if err != nil {
				return nil, err
			}
			levers = append(levers, leverSol{Label: k.Label(), Unit: k.UnitNL(), Size: sol.Lever.Size, Reachable: sol.Reachable, Residual: sol.Residual})
		}
		sort.SliceStable(levers, func(i, j int) bool { return levers[i].Reachable && !levers[j].Reachable })
		return map[string]any{"Target": target, "Intake": intake, "Levers": levers,
			"Min": base + 1, "Max": base + forecast.DefaultHorizonYears}, nil
	})
}

// leverRow is one lever kind in the scenario editor.
type leverRow struct {
	Kind       forecast.LeverKind
	On         bool
	Size       string
	StartAfter int
	Horizon    string
	Problem    string
}

func (s *Server) scenarioForm(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	name := r.URL.Query().Get("van")
	if name == "" {
		name = "raat-plan"
	}
	sc, err := s.scenario(r.Context(), name)
	if err != nil {
		return err
	}
	rows := editorRows(sc)
	newName := sc.Name + "-eigen"
	if sc.Source == "opgeslagen" {
		newName = sc.Name
	}
	s.render(w, "scenario.html", se, map[string]any{"Name": newName, "Description": sc.Description, "Rows": rows, "From": sc.Name})
	return nil
}

// editorRows gives every lever kind a row, filled in from the scenario.
func editorRows(sc *scenarios.Scenario) []leverRow {
	rows := make([]leverRow, forecast.NumLeverKinds)
	for i := range rows {
		rows[i] = leverRow{Kind: forecast.LeverKind(i), StartAfter: 1, Horizon: "middellang", Size: "0"}
	}
	for _, lv := range sc.Levers {
		row := &rows[lv.Kind]
		row.On, row.Size, row.Horizon = true, strconv.FormatFloat(lv.Size, 'g', -1, 64), lv.Horizon.String()
		if lv.Relative {
			row.StartAfter = lv.StartAfter
		}
	}
	return rows
}

// saveScenario validates the editor's form, with a Dutch message per
// problem, and saves the scenario.
func (s *Server) saveScenario(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	name := strings.TrimSpace(r.PostFormValue("naam"))
	desc := strings.TrimSpace(r.PostFormValue("omschrijving"))
	sc := &scenarios.Scenario{Name: name, Description: desc}
	rows := make([]leverRow, forecast.NumLeverKinds)
	var problems []string
	if !validName(name) {
		problems = append(problems, fmt.Sprintf("Naam %q: gebruik kleine letters, cijfers en streepjes, zoals mijn-plan.", name))
	}
	for _, b := range scenarios.Builtins() {
		if b.Name == name {
			problems = append(problems, fmt.Sprintf("Naam %q: dat is een ingebouwd scenario; kies een andere naam.", name))
		}
	}
	if desc == "" {
		problems = append(problems, "Omschrijving: vul een korte omschrijving in.")
	}
	for i := range rows {
		k := forecast.LeverKind(i)
		key := k.String()
		row := leverRow{Kind: k, On: r.PostFormValue("aan-"+key) != "", Size: strings.TrimSpace(r.PostFormValue("omvang-" + key)),
			Horizon: r.PostFormValue("horizon-" + key)}
		row.StartAfter, _ = strconv.Atoi(r.PostFormValue("start-" + key))
		rows[i] = row
		if !row.On {
			continue
		}
		size, err := strconv.ParseFloat(strings.ReplaceAll(row.Size, ",", "."), 64)
		if err != nil || size < 0 || size > k.MaxSize() {
			rows[i].Problem = fmt.Sprintf("gevonden %q, verwacht een getal van 0 tot %s (%s)", row.Size, nl.Num(k.MaxSize()), k.UnitNL())
			problems = append(problems, fmt.Sprintf("%s: %s.", k.Label(), rows[i].Problem))
			continue
		}
		hz, err := forecast.ParseHorizon(row.Horizon)
		if err != nil || row.StartAfter < 0 || row.StartAfter > 50 {
			rows[i].Problem = "kies een horizon (kort, middellang, lang) en een start van 0 tot 50 jaar na het basisjaar"
			problems = append(problems, fmt.Sprintf("%s: %s.", k.Label(), rows[i].Problem))
			continue
		}
		sc.Levers = append(sc.Levers, scenarios.Lever{Lever: forecast.Lever{Kind: k, Size: size, Horizon: hz}, StartAfter: row.StartAfter, Relative: true})
	}
	if len(problems) > 0 {
		w.WriteHeader(http.StatusBadRequest)
		s.render(w, "scenario.html", se, map[string]any{"Name": name, "Description": desc, "Rows": rows, "Problems": problems})
		return nil
	}
	yaml := scenarios.Format(sc)
	if _, err := scenarios.Parse(name+".yaml", yaml); err != nil {
		return fmt.Errorf("formatted scenario does not parse: %w", err)
	}
	if err := s.store.SaveScenario(r.Context(), &se.User, name, string(yaml)); err != nil {
		return err
	}
	http.Redirect(w, r, "/beheer/vergelijk?"+url.Values{"s": {"basis", name}}.Encode(), http.StatusSeeOther)
	return nil
}

func validName(n string) bool {
	if n == "" || len(n) > 40 || n[0] == '-' {
		return false
	}
	for _, c := range n {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
