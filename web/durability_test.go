package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"raat/data"
	"raat/ingest"
	"raat/region"
	"raat/store"
)

// TestServeChild is the server process of the durability test: it runs
// only when RAAT_WEB_CHILD_DB is set, serves that database, and writes its
// URL to RAAT_WEB_CHILD_URL.
func TestServeChild(t *testing.T) {
	db := os.Getenv("RAAT_WEB_CHILD_DB")
	if db == "" {
		t.Skip("the server of TestKillDuringUploads; not a test by itself")
	}
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	app := &App{Addr: "127.0.0.1:0", DB: db, Region: r, RegionSource: "demo", Options: Options{Draws: 10}}
	if err := app.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("RAAT_WEB_CHILD_URL"), []byte(app.URL()), 0o644); err != nil {
		t.Fatal(err)
	}
	app.Run(context.Background()) // until killed
}

// employers makes n employer accounts, each with a valid workbook of its
// own KvK number (a sample workbook with the number changed).
func employers(t *testing.T, st *store.Store, n int) (emails []string, files [][]byte) {
	t.Helper()
	names, _ := fs.Glob(data.Employers(), "*.xlsx")
	// Each sample is read once; the workbooks, one per KvK number, are
	// written concurrently (under -race excelize takes a second each).
	samples := make([]*ingest.Submission, len(names))
	for i, name := range names[:min(n, len(names))] {
		b, _ := fs.ReadFile(data.Employers(), name)
		sub, rep := ingest.ReadWorkbook("x.xlsx", bytes.NewReader(b), int64(len(b)), ingest.Options{})
		if !rep.Accepted {
			t.Fatal(rep.Err())
		}
		samples[i] = sub
	}
	subs := make([]*ingest.Submission, n)
	files = make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		sub := *samples[i%len(names)] // a copy: its own Employer
		sub.Employer.KvK = fmt.Sprintf("%08d", 40000000+i)
		subs[i] = &sub
		wg.Go(func() {
			var buf bytes.Buffer
			errs[i] = ingest.WriteWorkbook(&buf, &sub, ingest.TemplateOptions{Regions: []string{"Twente"}})
			files[i] = buf.Bytes()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for i, sub := range subs {
		email := fmt.Sprintf("w%d@zorg.nl", i)
		if _, err := st.CreateUser(context.Background(), email, sub.Employer.Name, store.Werkgever, sub.Employer.KvK, password); err != nil {
			t.Fatal(err)
		}
		emails = append(emails, email)
	}
	return emails, files
}

// remote is a logged-in client of a server at a URL.
type remote struct {
	base string
	http *http.Client
	csrf string
}

func loginRemote(base, email string) (*remote, error) {
	jar, _ := cookiejar.New(nil)
	c := &remote{base: base, http: &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	tok, err := c.token("/inloggen")
	if err != nil {
		return nil, err
	}
	resp, err := c.http.PostForm(base+"/inloggen", url.Values{"csrf": {tok}, "email": {email}, "wachtwoord": {password}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login %s: %d", email, resp.StatusCode)
	}
	c.csrf, err = c.token("/werkgever")
	return c, err
}

func (c *remote) token(path string) (string, error) {
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := csrfRE.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("no CSRF token on %s (%d)", path, resp.StatusCode)
	}
	return string(m[1]), nil
}

// upload sends a workbook, slowly when pace > 0 (so that a kill can land
// mid-request), and returns the submission's URL.
func (c *remote) upload(file []byte, pace time.Duration) (string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("werkboek", "uitvraag.xlsx")
	fw.Write(file)
	mw.Close()
	var body io.Reader = &buf
	if pace > 0 {
		body = &slowReader{r: &buf, pace: pace}
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+"/werkgever/upload", body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("upload: %d", resp.StatusCode)
	}
	return resp.Header.Get("Location"), nil
}

// slowReader hands out its bytes in small pieces with pauses.
type slowReader struct {
	r    io.Reader
	pace time.Duration
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(s.pace)
	return s.r.Read(p[:min(len(p), 2048)])
}

// TestKillDuringUploads kills the server (SIGKILL) while uploads are in
// flight, restarts it on the same database, and checks that the database
// is intact and that every upload the server confirmed is there, once,
// with its file.
func TestKillDuringUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "raat.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	emails, files := employers(t, st, 12)
	st.Close()

	start := func() (*exec.Cmd, string) {
		urlFile := filepath.Join(dir, fmt.Sprintf("url-%d", time.Now().UnixNano()))
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
		cmd.Env = append(os.Environ(), "RAAT_WEB_CHILD_DB="+db, "RAAT_WEB_CHILD_URL="+urlFile)
		cmd.Stderr = io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for range 200 {
			if b, err := os.ReadFile(urlFile); err == nil && len(b) > 0 {
				return cmd, string(b)
			}
			time.Sleep(50 * time.Millisecond)
		}
		cmd.Process.Kill()
		t.Fatal("the server did not start")
		return nil, ""
	}

	cmd, base := start()
	var mu sync.Mutex
	confirmed := map[string]string{} // submission URL -> digest of the file
	var wg sync.WaitGroup
	for i, email := range emails {
		c, err := loginRemote(base, email)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			file := files[i]
			if i%3 == 2 {
				file = append(file[:len(file)/2:len(file)/2], file[len(file)/2+10:]...) // a damaged file: refused
			}
			for k := range 3 {
				// the first uploads go through at once; later ones trickle, to be cut off
				pace := time.Duration(0)
				if k > 0 {
					pace = 60 * time.Millisecond
				}
				loc, err := c.upload(file, pace)
				if err != nil {
					return // the server died
				}
				sum := sha256.Sum256(file)
				mu.Lock()
				confirmed[loc] = hex.EncodeToString(sum[:])
				mu.Unlock()
			}
		}()
	}
	time.Sleep(1200 * time.Millisecond) // the first uploads are in, later ones are trickling
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	wg.Wait()
	if len(confirmed) == 0 {
		t.Fatal("no upload was confirmed before the kill; the test proves nothing")
	}
	if len(confirmed) == 3*len(emails) {
		t.Fatal("every upload finished before the kill; the test proves nothing")
	}

	// Restart: the database opens (migrations run again) and is intact.
	cmd, _ = start()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	st, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	all, err := st.Submissions(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.Submission{}
	for _, s := range all {
		byID[fmt.Sprintf("/inzending/%d", s.ID)] = s
	}
	for loc, digest := range confirmed {
		s, ok := byID[loc]
		if !ok {
			t.Errorf("confirmed upload %s is gone", loc)
			continue
		}
		raw, _, err := st.RawFor(context.Background(), s.ID, "")
		if err != nil || s.Digest != digest || int64(len(raw)) != s.Size {
			t.Errorf("upload %s: digest %s size %d/%d, want %s", loc, s.Digest, len(raw), s.Size, digest)
		}
	}
	// At most one current submission per employer and peildatum.
	cur, _ := st.CurrentSubmissions(context.Background())
	seen := map[string]bool{}
	for _, c := range cur {
		k := c.KvK + c.Peildatum.String()
		if seen[k] {
			t.Errorf("two current submissions for %s", k)
		}
		seen[k] = true
	}
	t.Logf("%d uploads confirmed before the kill, %d stored after the restart", len(confirmed), len(all))
}

// TestConcurrentUploads is the bounded load test: 50 employers upload
// their workbook at once over loopback. Every upload must succeed and be
// stored once; the throughput and the 95th percentile latency are logged
// (figures, not assertions: the machine is shared).
func TestConcurrentUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "raat.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 50
	emails, files := employers(t, st, n)
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	// A queue with room for all of them: this test measures throughput,
	// TestHole7UploadWorkBounded the refusal of a full queue.
	s, err := New(st, r, "demo", Options{Draws: 10, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), UploadQueue: n})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := &http.Server{Handler: s.Handler()}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	clients := make([]*remote, n)
	for i, email := range emails {
		if clients[i], err = loginRemote(base, email); err != nil {
			t.Fatal(err)
		}
	}
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	begin := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			_, errs[i] = clients[i].upload(files[i], 0)
			lat[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	// An upload whose check outlasted its request's wait is checked in
	// the background; the figures count until all are checked.
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if w, _ := st.Waiting(context.Background()); len(w) == 0 || time.Now().After(deadline) {
			break
		}
	}
	total := time.Since(begin)
	for i, err := range errs {
		if err != nil {
			t.Errorf("upload %d: %v", i, err)
		}
	}
	all, _ := st.Submissions(context.Background(), "")
	cur, _ := st.CurrentSubmissions(context.Background())
	if len(all) != n || len(cur) != n {
		t.Errorf("%d stored, %d current; want %d each (every upload once)", len(all), len(cur), n)
	}
	for _, s := range all {
		if !s.Accepted {
			t.Errorf("upload of %s refused: %s", s.KvK, s.Report)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p95 := lat[(95*n+99)/100-1]
	t.Logf("%d concurrent uploads of %s in %v: %.1f uploads/s, p50 %v, p95 %v, max %v",
		n, size(files), total.Round(time.Millisecond), float64(n)/total.Seconds(), lat[n/2].Round(time.Millisecond),
		p95.Round(time.Millisecond), lat[n-1].Round(time.Millisecond))
}

func size(files [][]byte) string {
	var s int
	for _, f := range files {
		s += len(f)
	}
	return fmt.Sprintf("%d kB on average", s/len(files)/1024)
}
