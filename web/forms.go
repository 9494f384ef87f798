package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"raat/nl"
	"raat/store"
)

// What user input may reach a page, the limiter, a log line or the
// database, and how long it may be.

// maxFormBytes caps the body of every request but an upload: the largest
// form (the scenario editor) is a few kilobytes.
const maxFormBytes = 64 << 10

// The longest values of form fields, in characters.
const (
	maxEmail       = store.MaxEmailLength // 254, RFC 5321
	maxName        = store.MaxNameLength  // an account's or organisation's name
	maxDescription = 300                  // a scenario's description
	maxShort       = 40                   // scenario names, KvK numbers, roles, numbers
	// maxPasswordInput is the longest password field read; longer ones are
	// refused before bcrypt sees them (store refuses more than 72 bytes
	// when a password is chosen, bcrypt's own limit).
	maxPasswordInput = 256
)

// parseForm parses the body of a form (URL-encoded or multipart) within
// maxFormBytes, which headers set; a larger body is refused.
func parseForm(r *http.Request) error {
	// ParseMultipartForm would hide an error of ParseForm behind
	// ErrNotMultipart, so ParseForm goes first.
	err := r.ParseForm()
	if err == nil {
		err = r.ParseMultipartForm(maxFormBytes)
	}
	var tooBig *http.MaxBytesError
	switch {
	case err == nil, errors.Is(err, http.ErrNotMultipart):
		return nil
	case errors.As(err, &tooBig):
		return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Het formulier is groter dan %d kB; dat kan niet van deze site komen.", maxFormBytes>>10)}
	}
	return badRequest("Het formulier is niet te lezen. Laad de pagina opnieuw en probeer het nog eens.")
}

// field returns a form field's value without surrounding spaces; longer
// than max characters it is refused with a message that names the field
// by its label, before the value is used anywhere.
func field(r *http.Request, name, label string, max int) (string, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if utf8.RuneCountInString(v) > max {
		return "", badRequest(fmt.Sprintf("%s: gevonden %s tekens, verwacht hoogstens %s.", label, nl.Int(float64(utf8.RuneCountInString(v))), nl.Int(float64(max))))
	}
	return v, nil
}

// passwordField returns a password field as typed (spaces count), refusing
// one longer than maxPasswordInput bytes.
func passwordField(r *http.Request, name string) (string, error) {
	v := r.PostFormValue(name)
	if len(v) > maxPasswordInput {
		return "", badRequest(fmt.Sprintf("Wachtwoord: langer dan %d tekens; kies er een van %d tot %d tekens.", maxPasswordInput, store.MinPasswordLength, store.MaxPasswordLength))
	}
	return v, nil
}

// logValue is a value from a request as a log line shows it: at most 80
// characters, with the length of the whole when it was cut, so that a
// 9 MB e-mail address costs the log 100 bytes.
func logValue(s string) string {
	const max = 80
	if len(s) <= max {
		return s
	}
	cut := s[:max]
	for !utf8.ValidString(cut) && len(cut) > 0 {
		cut = cut[:len(cut)-1]
	}
	return fmt.Sprintf("%s... (%d bytes)", cut, len(s))
}

// meldingen are the success messages a page shows in its green box,
// chosen by ?melding=; any other value shows nothing, so that a link
// cannot put words of its own in the application's mouth.
var meldingen = map[string]string{
	"wachtwoord-gewijzigd":    "Uw wachtwoord is gewijzigd. Uw andere sessies zijn uitgelogd.",
	"wachtwoord-ingesteld":    "Uw wachtwoord is ingesteld. Log in met uw nieuwe wachtwoord.",
	"overal-uitgelogd":        "U bent overal uitgelogd, ook in andere browsers.",
	"uitnodiging-ingetrokken": "De uitnodiging is ingetrokken; de link werkt niet meer.",
	"account-gedeactiveerd":   "Het account is gedeactiveerd en overal uitgelogd.",
	"account-geactiveerd":     "Het account is weer actief.",
	"blokkade-opgeheven":      "De inlogblokkade van het account is opgeheven.",
}

// flash is the success message a request asks for, or "".
func flash(r *http.Request) string { return meldingen[r.URL.Query().Get("melding")] }
