package web

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"raat/data"
	"raat/ingest"
	"raat/region"
	"raat/store"
)

// chromium finds Debian's headless Chromium; without it the browser test
// is skipped, unless RAAT_REQUIRE_TOOLS is set (make test sets it and CI
// installs chromium).
func chromium(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium-headless-shell", "/usr/bin/chromium"} {
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("RAAT_REQUIRE_TOOLS") != "" {
		t.Fatal("no chromium installed (apt-get install chromium-headless-shell)")
	}
	t.Skip("no chromium installed")
	return ""
}

// TestBrowser drives the pages in headless Chromium as users would: an
// employer logs in, uploads a workbook with errors and sees them per cell,
// uploads the corrected one and sees it accepted; a board member logs in
// and sees the shortfall chart. Then the account lifecycle: the employer
// changes its password; the beheerder makes a reset link, with which the
// employer chooses another; the beheerder deactivates the board member,
// who is then refused at the login. With RAAT_SCREENSHOTS=DIR it saves a
// screenshot of each page there.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	dir := t.TempDir()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	app := &App{Addr: "127.0.0.1:0", DB: filepath.Join(dir, "raat.db"), Region: r, RegionSource: "data/twente.yaml (ingebouwd)", Options: Options{Draws: 50, UploadWait: time.Minute}}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	if err := app.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	go app.Run(ctx)

	// The employer's workbook, correct, and with errors in Personeel.
	names, _ := fs.Glob(data.Employers(), "*.xlsx")
	good, _ := fs.ReadFile(data.Employers(), names[0])
	sub, rep := ingest.ReadWorkbook("x.xlsx", bytes.NewReader(good), int64(len(good)), ingest.Options{})
	if !rep.Accepted {
		t.Fatal(rep.Err())
	}
	st := app.Store()
	for _, u := range []struct {
		email, name string
		role        store.Role
		kvk         string
	}{{"hr@zorg.nl", sub.Employer.Name, store.Werkgever, sub.Employer.KvK}, {"bestuur@wgv.nl", "Bestuurder", store.Bestuur, ""},
		{"beheer@wgv.nl", "Beheer", store.Beheerder, ""}} {
		if _, err := st.CreateUser(ctx, u.email, u.name, u.role, u.kvk, password); err != nil {
			t.Fatal(err)
		}
	}
	broken := *sub
	broken.Staff[0][0].Headcount = 3
	broken.Staff[0][0].FTE = 12 // FTE above headcount x 1.2
	var buf bytes.Buffer
	if err := ingest.WriteWorkbook(&buf, &broken, ingest.TemplateOptions{Regions: []string{"Twente"}}); err != nil {
		t.Fatal(err)
	}
	badPath, goodPath := filepath.Join(dir, "uitvraag-met-fouten.xlsx"), filepath.Join(dir, "uitvraag.xlsx")
	os.WriteFile(badPath, buf.Bytes(), 0o644)
	os.WriteFile(goodPath, good, 0o644)

	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(filepath.Join(dir, "chrome")),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	shots := os.Getenv("RAAT_SCREENSHOTS")
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t2 *chromedp.Target) error {
			if shots == "" {
				return nil
			}
			png, err := chromedp.FullScreenshot(100)(ctx, t2)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
	if shots != "" {
		os.MkdirAll(shots, 0o755)
	}
	loginWith := func(email, pw string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(app.URL()+"/inloggen"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email),
			chromedp.SendKeys(chromedp.CSS(`input[name=wachtwoord]`), pw),
			chromedp.Submit(chromedp.CSS(`input[name=wachtwoord]`)),
		)
	}
	login := func(email string) chromedp.Action[chromedp.Void] { return loginWith(email, password) }
	logout := chromedp.Steps(chromedp.Click(chromedp.CSS(`form[action="/uitloggen"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	uploadFile := func(path string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.WaitVisible(chromedp.CSS(`input[name=werkboek]`)),
			chromedp.SetUploadFiles(chromedp.CSS(`input[name=werkboek]`), []string{path}),
			chromedp.Click(chromedp.CSS(`form[action="/werkgever/upload"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`p.big`)),
		)
	}
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		c, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Do(c, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		c, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		s, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}

	// The first action starts the browser, which lives as long as the
	// context of that call: no timeout on it.
	if err := chromedp.Do(bctx, chromedp.Navigate(app.URL())); err != nil {
		t.Fatal(err)
	}
	run("employer logs in", login("hr@zorg.nl"), chromedp.WaitVisible(chromedp.CSS(`form[action="/werkgever/upload"]`)), shot("1-werkgever"))
	run("upload with errors", uploadFile(badPath), shot("2-fouten-per-cel"))
	if got := text(`p.big`); !strings.Contains(got, "Geweigerd") {
		t.Errorf("after the broken upload: %q", got)
	}
	problems := text(`table.problems`)
	if !strings.Contains(problems, "Personeel") || !strings.Contains(problems, "FTE") {
		t.Errorf("the problems do not name the sheet and field:\n%s", problems)
	}
	cell := text(`table.problems td.cell`)
	if len(cell) < 2 || !strings.ContainsAny(cell[:1], "ABCDEFGH") {
		t.Errorf("the problem does not name a cell: %q", cell)
	}
	run("back to the upload page", chromedp.Navigate(app.URL()+"/werkgever"))
	run("upload the corrected workbook", uploadFile(goodPath), shot("3-geaccepteerd"))
	if got := text(`p.big`); !strings.Contains(got, "Geaccepteerd") {
		t.Errorf("after the corrected upload: %q", got)
	}
	run("the employer's page shows the quote", chromedp.Navigate(app.URL()+"/werkgever"), chromedp.WaitVisible(chromedp.CSS(`section.card h2`)), shot("4-opleidingsquote"))
	run("log out", logout)
	run("board member logs in", login("bestuur@wgv.nl"), chromedp.WaitVisible(chromedp.CSS(`img.chart`)))
	// chartsLoad waits until every chart of the page has loaded: the SVGs
	// load after the page.
	chartsLoad := func(what string) {
		t.Helper()
		c, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		for range 50 {
			loaded, err := chromedp.Run(c, chromedp.Evaluate[bool](`[...document.querySelectorAll("img.chart")].every(i => i.complete && i.naturalWidth > 0)`))
			if err != nil {
				t.Fatal(err)
			}
			if loaded {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Errorf("%s: the charts did not load", what)
	}
	chartsLoad("the board's dashboard")
	run("screenshot", shot("5-bestuur"))
	if got := text(`.heads`); !strings.Contains(got, "RAAT-plan") || !strings.Contains(got, "fte") {
		t.Errorf("the board's headline: %q", got)
	}

	// A chart opened on its own renders under the site's CSP: its colours
	// are presentation attributes, which the CSP allows, not inline
	// styles, which it refuses (and which left the chart black).
	run("a chart on its own", chromedp.Navigate(app.URL()+"/grafiek/tekort.svg?s=basis&s=raat-plan"),
		chromedp.WaitReady(chromedp.CSS(`svg`)), shot("5b-grafiek-los"))
	c2, cancel2 := context.WithTimeout(bctx, 30*time.Second)
	defer cancel2()
	stroke, err := chromedp.Run(c2, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('path[stroke="#1b2f5e"]')).stroke`))
	if err != nil {
		t.Fatal(err)
	}
	if stroke != "rgb(27, 47, 94)" {
		t.Errorf("the baseline's line is drawn %q on its own, want rgb(27, 47, 94) (navy)", stroke)
	}
	// The board chooses four scenarios and sees them compared.
	run("four scenarios", chromedp.Navigate(app.URL()+"/bestuur?s=basis&s=bol-naar-bbl&s=behoud&s=raat-plan"),
		chromedp.WaitVisible(chromedp.CSS(`table.branches`)))
	chartsLoad("four scenarios")
	run("screenshot", shot("5c-bestuur-vier"))
	if got := text(`.heads`); !strings.Contains(got, "BOL naar BBL") || !strings.Contains(got, "Behoud") {
		t.Errorf("the four scenarios' headlines: %q", got)
	}
	run("board member logs out", logout)

	// The employer changes its password; the new one works, the old not.
	const changed, reset = "een gewijzigd wachtwoord", "een hersteld wachtwoord"
	run("employer changes its password", login("hr@zorg.nl"), chromedp.WaitVisible(chromedp.CSS(`form[action="/werkgever/upload"]`)),
		chromedp.Navigate(app.URL()+"/account"), chromedp.WaitVisible(chromedp.CSS(`input[name=huidig]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=huidig]`), password),
		chromedp.SendKeys(chromedp.CSS(`input[name=nieuw]`), changed),
		chromedp.SendKeys(chromedp.CSS(`input[name=herhaling]`), changed),
		chromedp.Click(chromedp.CSS(`form[action="/account/wachtwoord"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)), shot("6-wachtwoord-gewijzigd"))
	if got := text(`p.flash`); !strings.Contains(got, "Uw wachtwoord is gewijzigd") {
		t.Errorf("after the change: %q", got)
	}
	run("the old password is refused", logout, loginWith("hr@zorg.nl", password), chromedp.WaitVisible(chromedp.CSS(`p.error`)))
	if got := text(`p.error`); !strings.Contains(got, "verkeerd wachtwoord") {
		t.Errorf("login with the old password: %q", got)
	}

	// The beheerder makes a reset link; the employer sets a password with it.
	run("beheerder makes a reset link", login("beheer@wgv.nl"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/beheer/accounts"]`)),
		chromedp.Navigate(app.URL()+"/beheer/accounts"), chromedp.WaitVisible(chromedp.CSS(`table.accounts`)), shot("7-accounts"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/beheer/accounts/%d/herstellink"] button`, userID(t, st, "hr@zorg.nl")))),
		chromedp.WaitVisible(chromedp.CSS(`p.link code`)), shot("8-herstellink"))
	link := text(`p.link code`)
	if !strings.HasPrefix(link, app.URL()+"/herstel/") {
		t.Fatalf("the reset link: %q", link)
	}
	run("beheerder logs out", logout)
	run("employer sets a password with the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`input[name=herhaling]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=wachtwoord]`), reset),
		chromedp.SendKeys(chromedp.CSS(`input[name=herhaling]`), reset),
		chromedp.Submit(chromedp.CSS(`input[name=herhaling]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)), shot("9-wachtwoord-ingesteld"))
	run("employer logs in with it", loginWith("hr@zorg.nl", reset), chromedp.WaitVisible(chromedp.CSS(`form[action="/werkgever/upload"]`)), logout)

	// The beheerder deactivates the board member, who is refused.
	run("beheerder deactivates the board member", login("beheer@wgv.nl"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/beheer/accounts"]`)),
		chromedp.Navigate(app.URL()+"/beheer/accounts"), chromedp.WaitVisible(chromedp.CSS(`table.accounts`)),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/beheer/accounts/%d/deactiveren"] button`, userID(t, st, "bestuur@wgv.nl")))),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)), shot("10-gedeactiveerd"), logout)
	run("the deactivated board member is refused", login("bestuur@wgv.nl"), chromedp.WaitVisible(chromedp.CSS(`p.error`)), shot("11-geweigerd"))
	if got := text(`p.error`); !strings.Contains(got, "Dit account is gedeactiveerd") {
		t.Errorf("the deactivated board member's login: %q", got)
	}
}
