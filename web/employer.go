package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"raat/ingest"
	"raat/store"
)

func (s *Server) employerHome(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	subs, err := s.store.Submissions(r.Context(), se.User.KvK)
	if err != nil {
		return err
	}
	m, err := s.current(r.Context())
	if err != nil {
		return err
	}
	data := map[string]any{"Submissions": subs, "Reference": ingest.ReferenceQuote, "Flash": flash(r), "MinContributors": minContributors}
	// The employer's own opleidingsquote, and the region's when it cannot
	// be traced back to another employer (disclosure.go).
	qs, total, own := employerQuotes(m, se.User.KvK)
	if own >= 0 {
		data["Own"] = qs[own]
	}
	if len(m.subs) > 0 && regionDisclosable(qs, own) {
		data["Region"] = total
	}
	data["Contributors"] = len(m.subs)
	if own >= 0 {
		data["Chart"] = chartURL("opleidingsquote", nil)
	}
	s.render(w, "werkgever.html", se, data)
	return nil
}

func (s *Server) template(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	var buf bytes.Buffer
	if err := ingest.WriteTemplate(&buf, ingest.TemplateOptions{Regions: []string{s.base.Name}, Training: s.base.Training}); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="werkgeversuitvraag.xlsx"`)
	_, err := w.Write(buf.Bytes())
	return err
}

// upload takes one workbook; uploadPage has checked the CSRF token,
// which comes first in the form, and capped the request at
// Options.MaxUpload. Within the employer's daily quota and a place in the
// checker's queue, the file is stored unchecked and queued; the request
// waits a moment for the check and then shows the submission, checked or
// being checked. The check (queue.go) runs the workbook reader, which
// refuses non-xlsx files, encrypted ones and zip bombs before parsing and
// stops at Options.MaxRows rows or Options.CheckTimeout; an accepted
// workbook replaces the earlier upload of the same KvK number and
// peildatum in one transaction.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, se *store.Session, mr *multipart.Reader) error {
	ctx := r.Context()
	n, err := s.store.UploadsSince(ctx, se.User.KvK, s.opt.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	if n >= s.opt.UploadsPerDay {
		return &httpError{http.StatusTooManyRequests, fmt.Sprintf("U heeft de afgelopen 24 uur al %d keer geüpload; meer kan niet. Probeer het morgen opnieuw, of vraag het actiecentrum om hulp.", n)}
	}
	if err := s.checker.reserve(se.User.KvK); err != nil {
		return err
	}
	queued := false
	defer func() {
		if !queued {
			s.checker.release(se.User.KvK)
		}
	}()
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "werkboek" || part.FileName() == "" {
		return badRequest("Kies een werkboek (.xlsx) om te uploaden.")
	}
	raw, err := readPart(part)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Het bestand is groter dan %d MB; dat is geen werkgeversuitvraag.", s.opt.MaxUpload>>20)}
		}
		return err
	}
	name := cleanName(part.FileName())
	digest := sha256.Sum256(raw)
	row := &store.Submission{KvK: se.User.KvK, Employer: se.User.Name, Filename: name, Digest: hex.EncodeToString(digest[:]),
		UploadedBy: se.User.ID, UploadedAt: s.opt.Now()}
	id, err := s.store.AddUpload(ctx, row, raw)
	if err != nil {
		return err
	}
	raw = nil
	done := s.checker.queue(id, se.User.KvK)
	queued = true
	s.audit(r, &se.User, store.ActUpload, fmt.Sprintf("upload %d: %s, %d bytes", id, name, row.Size))
	s.log.Info("upload", "kvk", se.User.KvK, "file", name, "bytes", row.Size, "id", id)
	select {
	case <-done:
	case <-time.After(s.opt.UploadWait):
	case <-ctx.Done():
	}
	http.Redirect(w, r, fmt.Sprintf("/inzending/%d", id), http.StatusSeeOther)
	return nil
}

// readPart reads an uploaded file into memory: the workbook reader needs
// random access, and MaxBytesReader bounds the size.
func readPart(p *multipart.Part) ([]byte, error) {
	var buf bytes.Buffer
	_, err := io.Copy(&buf, p)
	return buf.Bytes(), err
}

// cleanName keeps the base name of an uploaded file, in printable
// characters, for messages and downloads; it never becomes a path.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) || strings.ContainsRune(`"/\<>:|?*`, r) {
			return '_'
		}
		return r
	}, name)
	if len(name) > 120 {
		name = name[:120]
	}
	if name == "" || name == "." {
		name = "werkboek.xlsx"
	}
	return name
}

// ownKvK is the KvK number a user may see the submissions of: its own
// for a werkgever, all ("") for the beheerder.
func ownKvK(se *store.Session) string {
	if se.User.Role == store.Werkgever {
		return se.User.KvK
	}
	return ""
}

func (s *Server) submission(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	sub, err := s.store.SubmissionFor(r.Context(), id, ownKvK(se))
	if err != nil {
		return err
	}
	data := map[string]any{"Sub": sub, "Retention": s.opt.Retention}
	if !sub.Checked {
		// Shown while the upload waits for or is in the check; the page
		// asks the browser to look again in a few seconds.
		data["Refresh"] = 3
		s.render(w, "inzending.html", se, data)
		return nil
	}
	var rep ingest.Report
	if err := json.Unmarshal(sub.Report, &rep); err != nil {
		return err
	}
	data["Report"] = rep
	if rep.Accepted {
		// What was read, as raat ingest prints it.
		var read ingest.Submission
		if err := json.Unmarshal(sub.Parsed, &read); err != nil {
			return err
		}
		data["Read"] = map[string]any{"Employer": read.Employer, "Branch": read.Employer.Branch.Label(), "Headcount": read.Headcount(), "FTE": read.CareFTE()}
	}
	s.render(w, "inzending.html", se, data)
	return nil
}

func (s *Server) submissionFile(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	raw, sub, err := s.store.RawFor(r.Context(), id, ownKvK(se))
	if errors.Is(err, store.ErrFileDropped) {
		return &httpError{http.StatusGone, fmt.Sprintf("Het bestand van deze geweigerde upload is niet meer bewaard: van geweigerde uploads bewaren we de bestanden van de laatste %d, hoogstens %d dagen. Het rapport blijft.",
			s.opt.Retention.Files, int(s.opt.Retention.MaxAge.Hours()/24))}
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="inzending-%d.xlsx"`, sub.ID))
	_, err = w.Write(raw)
	return err
}
