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
	"time"

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
		"Source": m.source, "Summary": m.summary, "Flash": flash(r)}
	s.render(w, "beheer.html", se, data)
	return nil
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	roleName, err := field(r, "rol", "Rol", maxShort)
	if err != nil {
		return err
	}
	role, err := store.ParseRole(roleName)
	if err != nil {
		return badRequest("Kies een rol: werkgever, bestuur of beheerder.")
	}
	in := store.Invite{Role: role}
	if in.Email, err = field(r, "email", "E-mailadres", maxEmail); err != nil {
		return err
	}
	if in.Name, err = field(r, "naam", "Naam", maxName); err != nil {
		return err
	}
	if role == store.Werkgever {
		if in.KvK, err = field(r, "kvk", "KvK-nummer", maxShort); err != nil {
			return err
		}
	}
	tok, err := s.store.CreateInvite(r.Context(), &se.User, in)
	switch {
	case errors.Is(err, store.ErrBadEmail):
		return badRequest(fmt.Sprintf("%q is geen e-mailadres.", in.Email))
	case errors.Is(err, store.ErrBadName):
		return badRequest("Vul de naam in (van de organisatie, bij een werkgever: zoals die in het werkboek komt).")
	case errors.Is(err, store.ErrBadKvK):
		return badRequest(fmt.Sprintf("Een werkgever heeft een KvK-nummer van 8 cijfers; gevonden %q.", in.KvK))
	case errors.Is(err, store.ErrExists):
		return &httpError{http.StatusConflict, fmt.Sprintf("Er bestaat al een account voor %s.", in.Email)}
	case errors.Is(err, store.ErrInviteOpen):
		return &httpError{http.StatusConflict, fmt.Sprintf("Er staat al een uitnodiging open voor %s; maak op de pagina Accounts een nieuwe link voor die uitnodiging.", in.Email)}
	case errors.Is(err, store.ErrKvKTaken):
		return &httpError{http.StatusConflict, fmt.Sprintf("KvK-nummer %s heeft al een account of een openstaande uitnodiging; één account per werkgever.", in.KvK)}
	case err != nil:
		return err
	}
	s.audit(r, &se.User, store.ActInviteCreated, inviteDetail(&in))
	return s.showLink(w, r, se, linkPage{Title: "Uitnodiging gemaakt", To: in.Email, Path: "/uitnodiging/" + tok,
		Text:    fmt.Sprintf("Stuur deze link aan %s (%s). Hij werkt %d dagen en één keer.", in.Name, in.Email, int(store.InviteLifetime.Hours()/24)),
		Subject: "Uw uitnodiging voor raat"})
}

func inviteDetail(in *store.Invite) string {
	d := fmt.Sprintf("%s, %s, %s", in.Email, in.Role, in.Name)
	if in.KvK != "" {
		d += ", KvK " + in.KvK
	}
	return d
}

// linkPage is a link the beheerder hands on: an invitation or a reset.
type linkPage struct {
	Title, Text, Path string
	To, Subject       string
	URL               string
	Mailed            bool
}

// showLink shows a link once, in the response to the request that made
// it (the link is nowhere else: the database keeps only its hash), and
// mails it when a Mailer is configured.
func (s *Server) showLink(w http.ResponseWriter, r *http.Request, se *store.Session, l linkPage) error {
	scheme := "http"
	if s.opt.SecureCookies || r.TLS != nil {
		scheme = "https"
	}
	l.URL = scheme + "://" + r.Host + l.Path
	if s.opt.Mailer != nil {
		body := l.Text + "\n\n" + l.URL + "\n"
		if err := s.opt.Mailer.Send(r.Context(), l.To, l.Subject, body); err != nil {
			s.log.Error("mail", "to", logValue(l.To), "err", err)
		} else {
			l.Mailed = true
		}
	}
	s.render(w, "link.html", se, map[string]any{"Link": l})
	return nil
}

// accounts lists the accounts and the open invitations, with what the
// beheerder can do to each.
func (s *Server) accounts(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	invites, err := s.store.OpenInvites(r.Context())
	if err != nil {
		return err
	}
	type account struct {
		store.User
		Self         bool
		BlockedUntil time.Time
		Failures     int
	}
	var list []account
	for _, u := range users {
		a := account{User: u, Self: u.ID == se.User.ID}
		a.BlockedUntil, a.Failures = s.limiter.blocked(strings.ToLower(u.Email))
		list = append(list, a)
	}
	s.render(w, "accounts.html", se, map[string]any{"Accounts": list, "Invites": invites, "Flash": flash(r)})
	return nil
}

// accountParam reads the account of the path; the beheerder's own
// account is refused where acting on it would lock the beheerder out.
func (s *Server) accountParam(r *http.Request, se *store.Session, notSelf bool) (*store.User, error) {
	id, err := idParam(r, "id")
	if err != nil {
		return nil, err
	}
	if notSelf && id == se.User.ID {
		return nil, badRequest("Dat kan niet met uw eigen account.")
	}
	return s.store.UserByID(r.Context(), id)
}

func (s *Server) resetLink(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	u, err := s.accountParam(r, se, false)
	if err != nil {
		return err
	}
	tok, u, err := s.store.CreateReset(r.Context(), &se.User, u.ID)
	if errors.Is(err, store.ErrDeactivated) {
		return badRequest("Dit account is gedeactiveerd; activeer het eerst.")
	}
	if err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActResetCreated, u.Email)
	return s.showLink(w, r, se, linkPage{Title: "Herstellink gemaakt", To: u.Email, Path: "/herstel/" + tok,
		Text: fmt.Sprintf("Stuur deze link aan %s (%s). Hiermee kiest die een nieuw wachtwoord; hij werkt %d uur en één keer, en eerdere herstellinks werken niet meer.",
			u.Name, u.Email, int(store.ResetLifetime.Hours())),
		Subject: "Een nieuw wachtwoord voor raat"})
}

func (s *Server) deactivate(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.setActive(w, r, se, false)
}

func (s *Server) reactivate(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	return s.setActive(w, r, se, true)
}

func (s *Server) setActive(w http.ResponseWriter, r *http.Request, se *store.Session, active bool) error {
	u, err := s.accountParam(r, se, true)
	if err != nil {
		return err
	}
	if err := s.store.SetActive(r.Context(), u.ID, active); err != nil {
		return err
	}
	act, msg := store.ActDeactivated, "account-gedeactiveerd"
	if active {
		act, msg = store.ActReactivated, "account-geactiveerd"
	}
	s.audit(r, &se.User, act, u.Email)
	http.Redirect(w, r, "/beheer/accounts?melding="+msg, http.StatusSeeOther)
	return nil
}

func (s *Server) liftLock(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	u, err := s.accountParam(r, se, false)
	if err != nil {
		return err
	}
	n := s.limiter.lift(strings.ToLower(u.Email))
	s.audit(r, &se.User, store.ActLockLifted, fmt.Sprintf("%s (%d adressen)", u.Email, n))
	http.Redirect(w, r, "/beheer/accounts?melding=blokkade-opgeheven", http.StatusSeeOther)
	return nil
}

func (s *Server) revokeInvite(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	in, err := s.store.RevokeInvite(r.Context(), id)
	if err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActInviteRevoked, inviteDetail(in))
	http.Redirect(w, r, "/beheer/accounts?melding=uitnodiging-ingetrokken", http.StatusSeeOther)
	return nil
}

// renewInvite gives an open invitation a new link (the old one stops
// working): for an invitation that was lost or has expired.
func (s *Server) renewInvite(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	tok, in, err := s.store.RenewInvite(r.Context(), &se.User, id)
	if err != nil {
		return err
	}
	s.audit(r, &se.User, store.ActInviteRenewed, inviteDetail(in))
	return s.showLink(w, r, se, linkPage{Title: "Nieuwe uitnodigingslink", To: in.Email, Path: "/uitnodiging/" + tok,
		Text:    fmt.Sprintf("Stuur deze link aan %s (%s). Hij werkt %d dagen en één keer; de vorige link werkt niet meer.", in.Name, in.Email, int(store.InviteLifetime.Hours()/24)),
		Subject: "Uw uitnodiging voor raat"})
}

// auditPage is how many entries the audit log shows at once.
const auditPage = 100

func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	var before int64
	if v := r.URL.Query().Get("voor"); v != "" {
		var err error
		if before, err = strconv.ParseInt(v, 10, 64); err != nil || before <= 0 {
			return notFound()
		}
	}
	entries, err := s.store.AuditLog(r.Context(), before, auditPage)
	if err != nil {
		return err
	}
	var older int64
	if len(entries) == auditPage {
		older = entries[len(entries)-1].ID
	}
	s.render(w, "logboek.html", se, map[string]any{"Entries": entries, "Older": older})
	return nil
}

func (s *Server) scenarioList(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	list, _, err := s.allScenarios(r.Context())
	if err != nil {
		return err
	}
	s.render(w, "scenarios.html", se, map[string]any{"Scenarios": list, "Flash": flash(r)})
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
	name, err := field(r, "naam", "Naam", maxShort)
	if err != nil {
		return err
	}
	desc, err := field(r, "omschrijving", "Omschrijving", maxDescription)
	if err != nil {
		return err
	}
	for k := range forecast.LeverKind(forecast.NumLeverKinds) {
		for _, f := range []string{"aan-", "omvang-", "start-", "horizon-"} {
			if _, err := field(r, f+k.String(), k.Label(), maxShort); err != nil {
				return err
			}
		}
	}
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
		start := strings.TrimSpace(r.PostFormValue("start-" + key))
		var startErr error
		row.StartAfter, startErr = strconv.Atoi(start)
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
		if startErr != nil || row.StartAfter < 1 || row.StartAfter > 50 {
			// The base year is measured, not planned: a lever acts from the
			// year after it at the earliest.
			rows[i].Problem = fmt.Sprintf("start gevonden %q jaar na het basisjaar, verwacht 1 tot 50 jaar na het basisjaar (een hefboom begint op zijn vroegst het jaar na het basisjaar)", start)
			problems = append(problems, fmt.Sprintf("%s: %s.", k.Label(), rows[i].Problem))
			continue
		}
		hz, err := forecast.ParseHorizon(row.Horizon)
		if err != nil {
			rows[i].Problem = fmt.Sprintf("horizon gevonden %q, verwacht kort, middellang of lang", row.Horizon)
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
	s.audit(r, &se.User, store.ActScenarioSaved, name)
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
