package monitor

import (
	"fmt"

	"raat/forecast"
	"raat/ingest"
)

// Figures are what one employer (or a branch, or the region) reported for
// one peildatum, or what was estimated in its place: stocks at the
// peildatum, flows over the 12 months before it. Counts are people or
// places; they are fractional where they are estimated or summed over
// estimates.
type Figures struct {
	Headcount float64 `json:"headcount"`
	FTE       float64 `json:"fte"` // contract hours / 36, summed
	// ByLevel is the headcount per level.
	ByLevel [forecast.NumLevels]float64 `json:"headcount_by_level"`
	Leavers [ingest.NumReasons]float64  `json:"leavers"`
	Hires   [ingest.NumOrigins]float64  `json:"hires"`
	// Offered and Filled are the training places per route.
	Offered [forecast.NumRoutes]float64 `json:"places_offered"`
	Filled  [forecast.NumRoutes]float64 `json:"places_filled"`
	// TrainingFTE is the offered places in FTE of training, by the
	// region's conventions (forecast.TrainingConventions).
	TrainingFTE float64 `json:"training_fte"`
	// Vacancies and HardToFill are open vacancies in FTE.
	Vacancies  float64 `json:"vacancies_fte"`
	HardToFill float64 `json:"hard_to_fill_fte"`
}

// figuresOf adds up a submission.
func figuresOf(s *ingest.Submission, tc forecast.TrainingConventions) Figures {
	var f Figures
	for l := range forecast.Level(forecast.NumLevels) {
		for _, st := range s.Staff[l] {
			f.Headcount += float64(st.Headcount)
			f.ByLevel[l] += float64(st.Headcount)
			f.FTE += st.FTE
		}
		for r, n := range s.Leavers[l] {
			f.Leavers[r] += float64(n)
		}
		for o, n := range s.Hires[l] {
			f.Hires[o] += float64(n)
		}
		for rt, p := range s.Places[l] {
			f.Offered[rt] += float64(p.Offered)
			f.Filled[rt] += float64(p.Filled)
			f.TrainingFTE += float64(p.Offered) * tc.PlaceFTE(forecast.Route(rt))
		}
		f.Vacancies += s.Vacancies[l].OpenFTE
		f.HardToFill += s.Vacancies[l].HardToFillFTE
	}
	return f
}

// fields lists every number of f, in a fixed order, so that sums, ratios
// and estimates treat them alike.
func (f *Figures) fields() []*float64 {
	ps := []*float64{&f.Headcount, &f.FTE, &f.TrainingFTE, &f.Vacancies, &f.HardToFill}
	for i := range f.ByLevel {
		ps = append(ps, &f.ByLevel[i])
	}
	for i := range f.Leavers {
		ps = append(ps, &f.Leavers[i])
	}
	for i := range f.Hires {
		ps = append(ps, &f.Hires[i])
	}
	for i := range f.Offered {
		ps = append(ps, &f.Offered[i], &f.Filled[i])
	}
	return ps
}

// add adds g to f.
func (f *Figures) add(g Figures) {
	gs := g.fields()
	for i, p := range f.fields() {
		*p += *gs[i]
	}
}

// scaled returns f with every number multiplied by its own factor.
func (f Figures) scaled(factors []float64) Figures {
	for i, p := range f.fields() {
		*p *= factors[i]
	}
	return f
}

// ratios returns, per number, now / before, or 1 where before is zero:
// how a matched set of employers changed from one year to the next.
func ratios(now, before Figures) []float64 {
	ns, bs := now.fields(), before.fields()
	rs := make([]float64, len(ns))
	for i := range ns {
		rs[i] = 1
		if *bs[i] > 0 {
			rs[i] = *ns[i] / *bs[i]
		}
	}
	return rs
}

// SectorLeavers are the leavers who left the region's care sector: every
// reason but andere zorgwerkgever.
func (f Figures) SectorLeavers() float64 {
	var n float64
	for r, k := range f.Leavers {
		if ingest.Reason(r).Outflow() {
			n += k
		}
	}
	return n
}

// OtherLeavers are the leavers the model counts as other outflow: to
// another sector, out of the labour market, for unknown reasons.
func (f Figures) OtherLeavers() float64 {
	return f.Leavers[ingest.AndereSector] + f.Leavers[ingest.BuitenArbeidsmarkt] + f.Leavers[ingest.OnbekendeReden]
}

// SectorHires are the hires from outside the region's care sector:
// every origin but andere zorgwerkgever.
func (f Figures) SectorHires() float64 {
	var n float64
	for o, k := range f.Hires {
		if ingest.Origin(o) != ingest.VanZorgwerkgever {
			n += k
		}
	}
	return n
}

// Lateral are the hires the lateral-entry lever counts: zij-instromers,
// overig and herintreders.
func (f Figures) Lateral() float64 {
	return f.Hires[ingest.ZijInstromer] + f.Hires[ingest.OverigeHerkomst] + f.Hires[ingest.Herintreder]
}

// Quote is the opleidingsquote: training FTE per 100 FTE of staff.
func (f Figures) Quote() float64 {
	if f.FTE <= 0 {
		return 0
	}
	return 100 * f.TrainingFTE / f.FTE
}

// OtherOutflowRate is the other leavers per head at the peildatum, as the
// calibration reads them (ingest).
func (f Figures) OtherOutflowRate() float64 {
	if f.Headcount <= 0 {
		return 0
	}
	return f.OtherLeavers() / f.Headcount
}

// HoursPerWeek is the average contract in hours a week (FTE x 36 per
// head).
func (f Figures) HoursPerWeek() float64 {
	if f.Headcount <= 0 {
		return 0
	}
	return 36 * f.FTE / f.Headcount
}

// Places are the training places offered, over all routes.
func (f Figures) Places() float64 {
	var n float64
	for _, p := range f.Offered {
		n += p
	}
	return n
}

// PlacesFilled are the training places filled, over all routes.
func (f Figures) PlacesFilled() float64 {
	var n float64
	for _, p := range f.Filled {
		n += p
	}
	return n
}

// Measure is a series the monitor shows per year.
type Measure uint8

// The measures, in the order the monitor shows them.
const (
	Staff         Measure = iota // medewerkers at the peildatum
	StaffFTE                     // their FTE
	Leavers                      // leaving the sector in the 12 months before
	Hires                        // joining from outside the sector
	PlacesOffered                // training places offered
	PlacesFilled                 // training places filled
	Quote                        // opleidingsquote, against ingest.ReferenceQuote
	Vacancies                    // open vacancies, FTE
	NumMeasures   = iota
)

var measureLabels = [NumMeasures]string{
	"medewerkers", "fte", "vertrekkers uit de sector", "instroom van buiten de sector",
	"opleidingsplaatsen aangeboden", "opleidingsplaatsen bezet", "opleidingsquote (norm 15)", "openstaande vacatures (fte)",
}

var measureKeys = [NumMeasures]string{
	"medewerkers", "fte", "vertrekkers", "instroom", "plaatsen", "bezet", "opleidingsquote", "vacatures",
}

// Label is the measure's Dutch name, with its unit where the name does
// not say it.
func (m Measure) Label() string { return measureLabels[m] }

// String is the measure's short key, for file names and addresses.
func (m Measure) String() string {
	if int(m) < NumMeasures {
		return measureKeys[m]
	}
	return fmt.Sprintf("Measure(%d)", uint8(m))
}

// ParseMeasure reads a measure's key.
func ParseMeasure(s string) (Measure, error) {
	for i, k := range measureKeys {
		if s == k {
			return Measure(i), nil
		}
	}
	return 0, fmt.Errorf("unknown measure %q", s)
}

// Decimals is how many decimals the measure is shown with.
func (m Measure) Decimals() int {
	if m == Quote {
		return 1
	}
	return 0
}

// Of returns the measure of f.
func (m Measure) Of(f Figures) float64 {
	switch m {
	case Staff:
		return f.Headcount
	case StaffFTE:
		return f.FTE
	case Leavers:
		return f.SectorLeavers()
	case Hires:
		return f.SectorHires()
	case PlacesOffered:
		return f.Places()
	case PlacesFilled:
		return f.PlacesFilled()
	case Quote:
		return f.Quote()
	case Vacancies:
		return f.Vacancies
	}
	panic(fmt.Sprintf("measure %d", m))
}
