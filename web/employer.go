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
	data := map[string]any{"Submissions": subs, "Reference": ingest.ReferenceQuote}
	// The employer's own opleidingsquote against the region's.
	qs, total := ingest.Quotes(m.region)
	for _, sub := range m.subs {
		if sub.Employer.KvK != se.User.KvK {
			continue
		}
		for _, q := range qs {
			if q.Trainer == sub.Employer.Name && q.Branch == sub.Employer.Branch {
				data["Own"] = q
			}
		}
	}
	data["Region"] = total
	data["Flash"] = r.URL.Query().Get("melding")
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

// upload takes one workbook: the CSRF token must come first in the form,
// the file after it; the request is capped at Options.MaxUpload. The file
// is validated by the workbook reader (which refuses non-xlsx files,
// encrypted ones and zip bombs before parsing); accepted or refused, it is
// stored with its report, and an accepted one replaces the earlier upload
// of the same KvK number and peildatum in one transaction.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, se *store.Session) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return badRequest("Kies een werkboek (.xlsx) om te uploaden.")
	}
	part, err := mr.NextPart()
	if err != nil || part.FormName() != "csrf" {
		return errCSRF
	}
	csrf, _ := io.ReadAll(io.LimitReader(part, 256))
	if !validCSRF(string(csrf), se.CSRF) {
		return errCSRF
	}
	part, err = mr.NextPart()
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
	sub, rep := ingest.ReadWorkbook(name, bytes.NewReader(raw), int64(len(raw)), ingest.Options{Regions: []string{s.base.Name}})
	if rep.Accepted && sub.Employer.KvK != se.User.KvK {
		// An employer uploads for itself only.
		rep.Accepted = false
		rep.Errors = append(rep.Errors, ingest.CellError{File: name, Sheet: "Organisatie", Field: "KvK-nummer",
			Found: fmt.Sprintf("%q", sub.Employer.KvK), Want: fmt.Sprintf("het KvK-nummer van uw account (%s)", se.User.KvK)})
	}
	repJSON, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	digest := sha256.Sum256(raw)
	row := &store.Submission{KvK: se.User.KvK, Employer: se.User.Name, Filename: name, Digest: hex.EncodeToString(digest[:]),
		UploadedBy: se.User.ID, Accepted: rep.Accepted, Report: repJSON}
	if rep.Accepted {
		row.Employer, row.Peildatum = sub.Employer.Name, sub.Employer.Peildatum
		if row.Parsed, err = json.Marshal(sub); err != nil {
			return err
		}
	}
	id, err := s.store.AddSubmission(r.Context(), row, raw)
	if err != nil {
		return err
	}
	s.log.Info("upload", "kvk", se.User.KvK, "file", name, "accepted", rep.Accepted, "problems", len(rep.Errors)+rep.Omitted, "id", id)
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
	var rep ingest.Report
	if err := json.Unmarshal(sub.Report, &rep); err != nil {
		return err
	}
	data := map[string]any{"Sub": sub, "Report": rep}
	if sub.Accepted {
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
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="inzending-%d.xlsx"`, sub.ID))
	_, err = w.Write(raw)
	return err
}
