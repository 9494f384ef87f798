package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"raat/store"
)

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	e := newEnv(t)
	here, there := e.login("a@zorg.nl"), e.login("a@zorg.nl")
	const next = "een nieuw en lang wachtwoord"
	for _, tt := range []struct {
		name                 string
		current, new, repeat string
		status               int
		message              string
	}{
		{"wrong current password", "fout wachtwoord!", next, next, http.StatusBadRequest, "Uw huidige wachtwoord klopt niet."},
		{"repetition differs", password, next, next + "x", http.StatusBadRequest, "De twee wachtwoorden zijn niet gelijk."},
		{"too short", password, "kort", "kort", http.StatusBadRequest, "Kies een wachtwoord van 12 tot 72 tekens."},
		{"longer than bcrypt reads", password, strings.Repeat("x", 73), strings.Repeat("x", 73), http.StatusBadRequest, "Kies een wachtwoord van 12 tot 72 tekens."},
	} {
		body, resp := postBody(here, "/account/wachtwoord", url.Values{"huidig": {tt.current}, "nieuw": {tt.new}, "herhaling": {tt.repeat}}, here.csrfOf("/account"))
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.message) {
			t.Errorf("%s: %d\n%s", tt.name, resp.StatusCode, section(body, "<h1>"))
		}
	}
	resp := here.postForm("/account/wachtwoord", url.Values{"huidig": {password}, "nieuw": {next}, "herhaling": {next}}, here.csrfOf("/account"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account?melding=wachtwoord-gewijzigd" {
		t.Fatalf("change: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if body, resp := here.get("/account?melding=wachtwoord-gewijzigd"); resp.StatusCode != http.StatusOK || !strings.Contains(body, meldingen["wachtwoord-gewijzigd"]) {
		t.Errorf("the changing session: %d", resp.StatusCode)
	}
	if _, resp := there.get("/werkgever"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the other session after the change: %d, want a redirect to the login", resp.StatusCode)
	}
	c := e.anon()
	if resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, c.csrfOf("/inloggen")); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password: %d, want 401", resp.StatusCode)
	}
	if resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {next}}, c.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password: %d, want 303", resp.StatusCode)
	}
}

func TestLogoutEverywhere(t *testing.T) {
	e := newEnv(t)
	here, there := e.login("b@zorg.nl"), e.login("b@zorg.nl")
	resp := here.postForm("/uitloggen/overal", url.Values{}, here.csrfOf("/account"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen?melding=overal-uitgelogd" {
		t.Fatalf("log out everywhere: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	for name, c := range map[string]*client{"this": here, "the other": there} {
		if _, resp := c.get("/werkgever"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%s session: %d, want a redirect to the login", name, resp.StatusCode)
		}
	}
}

// recordingMailer keeps the mails a configured mail server would send.
type recordingMailer struct {
	mu   sync.Mutex
	sent []string
}

func (m *recordingMailer) Send(_ context.Context, to, subject, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, to+"\n"+subject+"\n"+body)
	return nil
}

func TestResetLink(t *testing.T) {
	e := newEnv(t)
	old := e.login("a@zorg.nl")
	admin := e.login("beheer@wgv.nl")
	id := userID(t, e.st, "a@zorg.nl")
	body, resp := postBody(admin, fmt.Sprintf("/beheer/accounts/%d/herstellink", id), url.Values{}, admin.csrfOf("/beheer/accounts"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Kopieer de link nu") {
		t.Fatalf("reset link: %d\n%s", resp.StatusCode, section(body, "<h1>"))
	}
	link := linkIn(t, body, "/herstel/")
	c := e.anon()
	page, _ := c.get(link)
	if !strings.Contains(page, "Nieuw wachtwoord voor "+e.orgA) {
		t.Errorf("the reset form:\n%s", section(page, "<h1>"))
	}
	const next = "hersteld en lang genoeg"
	tok := c.csrfOf(link)
	if resp := c.postForm(link, url.Values{"wachtwoord": {next}, "herhaling": {"anders"}}, tok); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("different repetition: %d, want 400", resp.StatusCode)
	}
	resp = c.postForm(link, url.Values{"wachtwoord": {next}, "herhaling": {next}}, c.csrfOf(link))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/inloggen?melding=wachtwoord-ingesteld" {
		t.Fatalf("reset: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, resp := old.get("/werkgever"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a session from before the reset: %d, want logged out", resp.StatusCode)
	}
	if _, resp := c.get(link); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the link used a second time: %d, want 404", resp.StatusCode)
	}
	if resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {next}}, c.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.StatusCode)
	}
	// With a mail server configured, the link is mailed as well.
	m := &recordingMailer{}
	e2 := newEnv(t, func(o *Options) { o.Mailer = m })
	admin2 := e2.login("beheer@wgv.nl")
	body, _ = postBody(admin2, fmt.Sprintf("/beheer/accounts/%d/herstellink", userID(t, e2.st, "b@zorg.nl")), url.Values{}, admin2.csrfOf("/beheer/accounts"))
	link = linkIn(t, body, "/herstel/")
	if !strings.Contains(body, "ook per e-mail verstuurd naar b@zorg.nl") || len(m.sent) != 1 || !strings.Contains(m.sent[0], link) || !strings.HasPrefix(m.sent[0], "b@zorg.nl\n") {
		t.Errorf("mailed: %q", m.sent)
	}
}

func TestDeactivateAndReactivate(t *testing.T) {
	e := newEnv(t)
	a := e.login("a@zorg.nl")
	admin := e.login("beheer@wgv.nl")
	id := userID(t, e.st, "a@zorg.nl")
	if resp := admin.postForm(fmt.Sprintf("/beheer/accounts/%d/deactiveren", id), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", resp.StatusCode)
	}
	if _, resp := a.get("/werkgever"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the deactivated account's session: %d, want logged out", resp.StatusCode)
	}
	c := e.anon()
	body, resp := postBody(c, "/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, c.csrfOf("/inloggen"))
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Dit account is gedeactiveerd") {
		t.Errorf("deactivated, the right password: %d", resp.StatusCode)
	}
	if resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {"fout wachtwoord!"}}, c.csrfOf("/inloggen")); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("deactivated, a wrong password: %d, want 401 as for any account", resp.StatusCode)
	}
	if body, resp := postBody(admin, fmt.Sprintf("/beheer/accounts/%d/herstellink", id), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "gedeactiveerd") {
		t.Errorf("a reset link for a deactivated account: %d", resp.StatusCode)
	}
	self := userID(t, e.st, "beheer@wgv.nl")
	if resp := admin.postForm(fmt.Sprintf("/beheer/accounts/%d/deactiveren", self), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("the beheerder deactivates itself: %d, want 400", resp.StatusCode)
	}
	if resp := admin.postForm(fmt.Sprintf("/beheer/accounts/%d/activeren", id), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reactivate: %d", resp.StatusCode)
	}
	if resp := c.postForm("/inloggen", url.Values{"email": {"a@zorg.nl"}, "wachtwoord": {password}}, c.csrfOf("/inloggen")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("reactivated: %d, want 303", resp.StatusCode)
	}
	// Only the beheerder manages accounts.
	b := e.login("b@zorg.nl")
	if resp := b.postForm(fmt.Sprintf("/beheer/accounts/%d/deactiveren", id), url.Values{}, b.csrfOf("/werkgever")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an employer deactivates: %d, want 403", resp.StatusCode)
	}
}

func TestRevokeAndRenewInvites(t *testing.T) {
	e := newEnv(t)
	admin := e.login("beheer@wgv.nl")
	body, _ := postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {"Zorg C"}, "email": {"c@zorg.nl"}, "rol": {"werkgever"}, "kvk": {"12345678"}}, admin.csrfOf("/beheer"))
	first := linkIn(t, body, "/uitnodiging/")
	body, resp := postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {"Zorg C"}, "email": {"c@zorg.nl"}, "rol": {"bestuur"}}, admin.csrfOf("/beheer"))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Er staat al een uitnodiging open") {
		t.Errorf("a second invitation for the address: %d", resp.StatusCode)
	}
	open, _ := e.st.OpenInvites(context.Background())
	if len(open) != 1 {
		t.Fatalf("open invitations: %+v", open)
	}
	page, _ := admin.get("/beheer/accounts")
	if !strings.Contains(page, "c@zorg.nl") || !strings.Contains(page, fmt.Sprintf("/beheer/uitnodigingen/%d/vernieuwen", open[0].ID)) {
		t.Errorf("the accounts page lacks the open invitation")
	}
	body, _ = postBody(admin, fmt.Sprintf("/beheer/uitnodigingen/%d/vernieuwen", open[0].ID), url.Values{}, admin.csrfOf("/beheer/accounts"))
	second := linkIn(t, body, "/uitnodiging/")
	if _, resp := e.anon().get(first); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the first link after renewal: %d, want 404", resp.StatusCode)
	}
	if _, resp := e.anon().get(second); resp.StatusCode != http.StatusOK {
		t.Errorf("the renewed link: %d, want 200", resp.StatusCode)
	}
	if resp := admin.postForm(fmt.Sprintf("/beheer/uitnodigingen/%d/intrekken", open[0].ID), url.Values{}, admin.csrfOf("/beheer/accounts")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if _, resp := e.anon().get(second); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the revoked link: %d, want 404", resp.StatusCode)
	}
}

func TestAuditLogPage(t *testing.T) {
	e := newEnv(t)
	a := e.login("a@zorg.nl")
	a.upload("a.xlsx", e.fileA, a.csrfOf("/werkgever"))
	c := e.anon()
	c.postForm("/inloggen", url.Values{"email": {"b@zorg.nl"}, "wachtwoord": {"fout wachtwoord!"}}, c.csrfOf("/inloggen"))
	admin := e.login("beheer@wgv.nl")
	postBody(admin, "/beheer/uitnodigen", url.Values{"naam": {"Bestuurder"}, "email": {"nieuw@wgv.nl"}, "rol": {"bestuur"}}, admin.csrfOf("/beheer"))
	page, resp := admin.get("/beheer/logboek")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("audit log: %d", resp.StatusCode)
	}
	for _, want := range []string{"ingelogd", "upload ontvangen", "upload gecontroleerd", "geaccepteerd, 0 problemen", "inloggen mislukt", "b@zorg.nl",
		"uitnodiging gemaakt", "nieuw@wgv.nl, bestuur, Bestuurder"} {
		if !strings.Contains(page, want) {
			t.Errorf("the audit log lacks %q", want)
		}
	}
	for _, c := range []*client{a, e.login("bestuur@wgv.nl")} {
		if _, resp := c.get("/beheer/logboek"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the audit log for another role: %d, want 403", resp.StatusCode)
		}
	}
	entries, _ := e.st.AuditLog(context.Background(), 0, 100)
	for _, en := range entries {
		if en.Action == store.ActUploadChecked && en.ActorEmail != "a@zorg.nl" {
			t.Errorf("the check is recorded for %q, want the uploader", en.ActorEmail)
		}
	}
}
