package ingest

import (
	"time"

	"raat/forecast"
)

// Submission is one employer's accepted workbook: the figures of one
// organisation at one peildatum. Counts are whole people or places; FTE
// are contract hours / 36.
type Submission struct {
	// File names the workbook in messages.
	File string `json:"file"`
	// Uploaded orders re-uploads: of two submissions with the same KvK
	// number and peildatum, the one uploaded last replaces the other. The
	// file helpers set it to the file's modification time.
	Uploaded time.Time `json:"uploaded"`
	// Digest is the SHA-256 of the file, hex: the last tie-break between
	// re-uploads with the same time, and an identity for history.
	Digest string `json:"digest"`

	Employer Employer `json:"employer"`
	// Merged are the KvK numbers of the organisations that merged into
	// this one since its previous peildatum (Organisatie, "Fusie met
	// KvK-nummers"), sorted: their staff and flows are in this
	// submission, so their own earlier submissions no longer count.
	Merged []string `json:"merged,omitempty"`

	Staff [forecast.NumLevels][forecast.NumAgeBands]Staff `json:"staff"`
	// StaffBySex is the optional split of Staff into men and women (the
	// sheet Personeel naar geslacht); nil when the workbook has none.
	StaffBySex *[forecast.NumLevels][forecast.NumAgeBands][NumSexes]Staff `json:"staff_by_sex,omitempty"`
	Places     [forecast.NumLevels][forecast.NumRoutes]Places             `json:"places"`
	Leavers    [forecast.NumLevels][NumReasons]int                        `json:"leavers"`
	Hires      [forecast.NumLevels][NumOrigins]int                        `json:"hires"`
	Vacancies  [forecast.NumLevels]Vacancies                              `json:"vacancies"`
}

// Employer is the Organisatie sheet.
type Employer struct {
	Name      string          `json:"name"`
	KvK       string          `json:"kvk"` // 8 digits
	Region    string          `json:"region"`
	Branch    forecast.Branch `json:"branch"`
	Peildatum time.Time       `json:"peildatum"` // a date, UTC midnight
}

// Staff is one level and age band of the Personeel sheet.
type Staff struct {
	Headcount int     `json:"headcount"`
	FTE       float64 `json:"fte"`
}

// Places is one level and route of the Stageplaatsen sheet.
type Places struct {
	Offered int `json:"offered"`
	Filled  int `json:"filled"`
}

// Vacancies is one level of the Vacatures sheet.
type Vacancies struct {
	OpenFTE       float64 `json:"open_fte"`
	HardToFillFTE float64 `json:"hard_to_fill_fte"`
}

// Headcount returns the employer's staff in persons.
func (s *Submission) Headcount() int {
	var n int
	for l := range s.Staff {
		for b := range s.Staff[l] {
			n += s.Staff[l][b].Headcount
		}
	}
	return n
}

// CareFTE returns the employer's staff in FTE, the base of its
// opleidingsquote.
func (s *Submission) CareFTE() float64 {
	var f float64
	for l := range s.Staff {
		for b := range s.Staff[l] {
			f += s.Staff[l][b].FTE
		}
	}
	return f
}

// Trainer returns the employer as an organisation offering training
// places: its offered places and its staff in FTE.
func (s *Submission) Trainer() forecast.Trainer {
	t := forecast.Trainer{Name: s.Employer.Name, Branch: s.Employer.Branch, CareFTE: s.CareFTE()}
	for l := range s.Places {
		for rt := range s.Places[l] {
			t.Places[l][rt] = float64(s.Places[l][rt].Offered)
		}
	}
	return t
}
