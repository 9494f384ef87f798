package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"raat/ingest"
	"raat/store"
)

// checker checks uploads in the background: a few workers with a small
// queue in front of them, so that however many uploads arrive at once,
// at most UploadWorkers are read at the same time, at most UploadQueue
// wait, and each check is bounded in size unpacked (Options.MaxUnpacked),
// rows (Options.MaxRows) and time (Options.CheckTimeout). A place is reserved before the upload's file is
// read, so an upload that finds the queue full is refused before it costs
// memory, and an employer has at most one upload waiting or in the check.
//
// Uploads are stored before they are queued (store.AddUpload): one that
// was confirmed survives a crash unchecked, and the next process checks
// it first (store.Waiting).
type checker struct {
	s      *Server
	slots  chan struct{} // one per upload reserved, waiting or in the check
	jobs   chan int64
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu   sync.Mutex
	busy map[string]bool         // KvK numbers with an upload reserved, waiting or in the check
	done map[int64]chan struct{} // closed when the upload's check is recorded
	kvk  map[int64]string        // the KvK number of each queued upload
}

func newChecker(s *Server) *checker {
	n := s.opt.UploadWorkers + s.opt.UploadQueue
	c := &checker{s: s, slots: make(chan struct{}, n), jobs: make(chan int64, n),
		busy: map[string]bool{}, done: map[int64]chan struct{}{}, kvk: map[int64]string{}}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	for range s.opt.UploadWorkers {
		c.wg.Go(c.work)
	}
	c.wg.Go(c.resume)
	return c
}

// close stops the workers after the checks they are in; those end early
// (their context ends) and stay unchecked.
func (c *checker) close() {
	c.cancel()
	c.wg.Wait()
}

var (
	errQueueFull = &httpError{503, "Er worden nu veel werkboeken gecontroleerd. Probeer het over een paar minuten opnieuw."}
	errBusy      = &httpError{409, "Uw vorige upload wordt nog gecontroleerd. Wacht tot die klaar is en upload dan opnieuw."}
)

// reserve takes a place in the queue for an upload of kvk, or refuses it;
// the caller must then queue the upload or release the place.
func (c *checker) reserve(kvk string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.busy[kvk] {
		return errBusy
	}
	select {
	case c.slots <- struct{}{}:
	default:
		return errQueueFull
	}
	c.busy[kvk] = true
	return nil
}

// release gives back a place reserved for kvk.
func (c *checker) release(kvk string) {
	c.mu.Lock()
	delete(c.busy, kvk)
	c.mu.Unlock()
	<-c.slots
}

// queue hands a stored upload to the workers, in the place reserved for
// it, and returns a channel closed when its check is recorded.
func (c *checker) queue(id int64, kvk string) <-chan struct{} {
	c.mu.Lock()
	d := make(chan struct{})
	c.done[id], c.kvk[id] = d, kvk
	c.mu.Unlock()
	c.jobs <- id // never blocks: jobs has a place for every slot
	return d
}

// resume queues the uploads a previous process left unchecked, waiting
// for places as the workers free them.
func (c *checker) resume() {
	ids, err := c.s.store.Waiting(c.ctx)
	if err != nil {
		c.s.log.Error("uploads left unchecked", "err", err)
		return
	}
	for _, id := range ids {
		sub, err := c.s.store.SubmissionFor(c.ctx, id, "")
		if err != nil {
			c.s.log.Error("upload left unchecked", "id", id, "err", err)
			continue
		}
		select {
		case c.slots <- struct{}{}:
		case <-c.ctx.Done():
			return
		}
		c.mu.Lock()
		c.busy[sub.KvK] = true
		c.mu.Unlock()
		c.queue(id, sub.KvK)
		c.s.log.Info("upload left unchecked, queued again", "id", id, "kvk", sub.KvK)
	}
}

func (c *checker) work() {
	for {
		select {
		case id := <-c.jobs:
			c.check(id)
		case <-c.ctx.Done():
			return
		}
	}
}

// check checks one upload and records the outcome; when the checker is
// closed during the check, nothing is recorded and the upload waits for
// the next process.
func (c *checker) check(id int64) {
	c.mu.Lock()
	kvk, d := c.kvk[id], c.done[id]
	delete(c.kvk, id)
	delete(c.done, id)
	c.mu.Unlock()
	defer func() {
		c.release(kvk)
		close(d)
	}()
	s := c.s
	start := time.Now()
	raw, sub, err := s.store.RawFor(c.ctx, id, "")
	if err != nil {
		s.log.Error("upload check", "id", id, "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(c.ctx, s.opt.CheckTimeout)
	defer cancel()
	opt := ingest.Options{Regions: []string{s.base.Name}, MaxRows: s.opt.MaxRows, MaxUncompressed: s.opt.MaxUnpacked,
		Account: &ingest.Account{Name: sub.Employer, KvK: sub.KvK}}
	parsed, rep := ingest.ReadWorkbookContext(ctx, sub.Filename, bytes.NewReader(raw), int64(len(raw)), opt)
	if c.ctx.Err() != nil {
		return // closed: the next process checks it
	}
	res, err := checkOf(sub, parsed, rep)
	if err == nil {
		_, err = s.store.FinishCheck(c.ctx, id, res)
	}
	if err != nil {
		s.log.Error("upload check", "id", id, "err", err)
		return
	}
	files, deleted, err := s.store.DropRefusedFiles(c.ctx, sub.KvK, s.opt.Retention)
	if err != nil {
		s.log.Error("refused files", "kvk", sub.KvK, "err", err)
	}
	outcome := "geweigerd"
	if rep.Accepted {
		outcome = "geaccepteerd"
	}
	problems := len(rep.Errors) + rep.Omitted
	entry := store.Entry{ActorID: sub.UploadedBy, Action: store.ActUploadChecked,
		Detail: fmt.Sprintf("upload %d van KvK %s: %s, %d problemen", id, sub.KvK, outcome, problems)}
	if u, err := s.store.UserByID(c.ctx, sub.UploadedBy); err == nil {
		entry.ActorEmail = u.Email
	}
	if err := s.store.Audit(c.ctx, entry); err != nil {
		s.log.Error("audit", "err", err)
	}
	s.log.Info("upload checked", "id", id, "kvk", sub.KvK, "file", sub.Filename, "accepted", rep.Accepted, "problems", problems,
		"seconds", time.Since(start).Seconds(), "timed_out", errors.Is(ctx.Err(), context.DeadlineExceeded),
		"refused_files_dropped", files, "refused_uploads_deleted", deleted)
}

// checkOf is what the store records of a check. The figures carry the
// account's name: the name shown is the account's, the workbook's only
// had to match it.
func checkOf(sub *store.Submission, parsed *ingest.Submission, rep *ingest.Report) (store.Check, error) {
	c := store.Check{Accepted: rep.Accepted}
	var err error
	if c.Report, err = json.Marshal(rep); err != nil {
		return c, err
	}
	if rep.Accepted {
		parsed.Employer.Name = sub.Employer
		c.Peildatum = parsed.Employer.Peildatum
		if c.Parsed, err = json.Marshal(parsed); err != nil {
			return c, err
		}
	}
	return c, nil
}
