package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"raat/region"
	"raat/store"
)

// TestMonitorInBrowser opens the monitor page in headless Chromium, with
// five years of the demo's workbooks in the store: a board member sees
// the region's table and its charts, every chart loaded; an employer its
// own table, beside the region's. With RAAT_SCREENSHOTS=DIR it saves a
// screenshot of each page there.
func TestMonitorInBrowser(t *testing.T) {
	exe := chromium(t)
	dir := t.TempDir()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	app := &App{Addr: "127.0.0.1:0", DB: filepath.Join(dir, "raat.db"), Region: r, RegionSource: "data/twente.yaml (ingebouwd)", Options: Options{Draws: 20}}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	if err := app.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	go app.Run(ctx)
	st := app.Store()
	for _, u := range []struct {
		email, name string
		role        store.Role
		kvk         string
	}{{"beheer@wgv.nl", "Beheer", store.Beheerder, ""}, {"bestuur@wgv.nl", "Bestuurder", store.Bestuur, ""},
		{"hr@zorg.nl", "Zorggroep Regge en Dinkel", store.Werkgever, "40074412"}} {
		if _, err := st.CreateUser(ctx, u.email, u.name, u.role, u.kvk, password); err != nil {
			t.Fatal(err)
		}
	}
	storeHistory(t, st, nil)

	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(filepath.Join(dir, "chrome")),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	shots := os.Getenv("RAAT_SCREENSHOTS")
	if shots != "" {
		os.MkdirAll(shots, 0o755)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(app.URL())); err != nil {
		t.Fatal(err)
	}
	look := func(email, name string, wants ...string) {
		t.Helper()
		c, cancel := context.WithTimeout(bctx, 90*time.Second)
		defer cancel()
		err := chromedp.Do(c,
			chromedp.Navigate(app.URL()+"/inloggen"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email),
			chromedp.SendKeys(chromedp.CSS(`input[name=wachtwoord]`), password),
			chromedp.Submit(chromedp.CSS(`input[name=wachtwoord]`)),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.Navigate(app.URL()+"/monitor"),
			chromedp.WaitVisible(chromedp.CSS(`table.monitor`)),
		)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		var loaded bool
		for range 100 { // the chart SVGs load after the page
			if loaded, err = chromedp.Run(c, chromedp.Evaluate[bool](`[...document.querySelectorAll("img.chart")].every(i => i.complete && i.naturalWidth > 0)`)); err != nil {
				t.Fatal(err)
			}
			if loaded {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if !loaded {
			t.Errorf("%s: the charts did not load", email)
		}
		text, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the page lacks %q", email, w)
			}
		}
		if shots != "" {
			png, err := chromedp.Run(c, chromedp.FullScreenshot(90))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		}
		chromedp.Do(c, chromedp.Click(chromedp.CSS(`form[action="/uitloggen"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	}
	look("bestuur@wgv.nl", "monitor-bestuur", "Over de jaren: Twente", "56.000", "opgegaan in Zorggroep Regge en Dinkel")
	look("hr@zorg.nl", "monitor-werkgever", "Over de jaren: uw organisatie", "10.129", "regio", "Zorgcentrum De Posthoorn: opgegaan in Zorggroep Regge en Dinkel")
}
