package ingest

import "raat/forecast"

// ReferenceQuote is the regional norm for the opleidingsquote: 15 FTE of
// training places per 100 FTE of care staff (RAAT Twente action plan,
// action line 1).
const ReferenceQuote = 15.0

// Quote is one trainer's opleidingsquote and its share of the region's
// training effort ("evenredige verdeling": an employer with 10% of the
// staff should carry about 10% of the training).
type Quote struct {
	Trainer string          `json:"trainer"`
	Branch  forecast.Branch `json:"branch"`
	// CareFTE is the trainer's staff in FTE; TrainingFTE its offered
	// places in FTE by the region's training conventions.
	CareFTE     float64 `json:"care_fte"`
	TrainingFTE float64 `json:"training_fte"`
	// Quote is TrainingFTE per 100 CareFTE.
	Quote float64 `json:"quote"`
	// GapFTE is the training FTE to add to reach ReferenceQuote; zero at
	// or above it.
	GapFTE float64 `json:"gap_fte"`
	// StaffShare and TrainingShare are fractions of the region's totals;
	// Proportion is TrainingShare / StaffShare (1 is proportional).
	StaffShare    float64 `json:"staff_share"`
	TrainingShare float64 `json:"training_share"`
	Proportion    float64 `json:"proportion"`
}

// Quotes returns the opleidingsquote of every trainer of the region, in
// the region's trainer order, and the region's total. The training FTE
// of a place follow r.Training (PlaceFTE = student hours / place hours).
func Quotes(r *forecast.Region) (qs []Quote, total Quote) {
	total.Trainer = r.Name
	total.Branch = forecast.AllBranches
	for i := range r.Trainers {
		t := &r.Trainers[i]
		q := Quote{Trainer: t.Name, Branch: t.Branch, CareFTE: t.CareFTE, TrainingFTE: r.TrainingFTE(t), Quote: r.Quota(t)}
		qs = append(qs, q)
		total.CareFTE += q.CareFTE
		total.TrainingFTE += q.TrainingFTE
	}
	for i := range qs {
		q := &qs[i]
		q.GapFTE = max(0, ReferenceQuote/100*q.CareFTE-q.TrainingFTE)
		total.GapFTE += q.GapFTE
		if total.CareFTE > 0 {
			q.StaffShare = q.CareFTE / total.CareFTE
		}
		if total.TrainingFTE > 0 {
			q.TrainingShare = q.TrainingFTE / total.TrainingFTE
		}
		if q.StaffShare > 0 {
			q.Proportion = q.TrainingShare / q.StaffShare
		}
	}
	if total.CareFTE > 0 {
		total.Quote = 100 * total.TrainingFTE / total.CareFTE
		total.StaffShare, total.TrainingShare, total.Proportion = 1, 1, 1
	}
	return qs, total
}

// EmployerQuotes returns the quotes of the employers the region was built
// from, in the region's trainer order: Quotes without the trainers that
// stand for employers who did not deliver (or for a branch from the
// assumptions). Their shares are of the whole region's training.
func (s *Summary) EmployerQuotes(r *forecast.Region) []Quote {
	names := map[string]bool{}
	for _, sub := range s.Used {
		names[sub.Employer.Name] = true
	}
	qs, _ := Quotes(r)
	var out []Quote
	for _, q := range qs {
		if names[q.Trainer] {
			out = append(out, q)
		}
	}
	return out
}

// QuotesByBranch returns the quotes of the branches, each as if its
// trainers were one, in report order; branches without trainers are left
// out.
func QuotesByBranch(r *forecast.Region) []Quote {
	var byBranch [forecast.NumBranches]forecast.Trainer
	var has [forecast.NumBranches]bool
	for _, t := range r.Trainers {
		bt := &byBranch[t.Branch]
		has[t.Branch] = true
		bt.Name, bt.Branch = t.Branch.Label(), t.Branch
		bt.CareFTE += t.CareFTE
		for l := range t.Places {
			for rt := range t.Places[l] {
				bt.Places[l][rt] += t.Places[l][rt]
			}
		}
	}
	rb := *r
	rb.Trainers = nil
	for b, t := range byBranch {
		if has[b] {
			rb.Trainers = append(rb.Trainers, t)
		}
	}
	qs, _ := Quotes(&rb)
	return qs
}

// BranchOutflow is one branch's leavers by reason over the 12 months
// before the peildatum, against its staff at the peildatum: the
// regional outflow dashboard.
type BranchOutflow struct {
	Branch    forecast.Branch `json:"branch"`
	Employers int             `json:"employers"`
	Headcount int             `json:"headcount"`
	Leavers   [NumReasons]int `json:"leavers"`
	Hires     [NumOrigins]int `json:"hires"`
}

// Outflow counts the leavers who leave the region's care sector: every
// reason but andere zorgwerkgever.
func (o BranchOutflow) Outflow() int {
	n := 0
	for r, k := range o.Leavers {
		if Reason(r).Outflow() {
			n += k
		}
	}
	return n
}

// Rate is the outflow as a fraction of the headcount.
func (o BranchOutflow) Rate() float64 {
	if o.Headcount == 0 {
		return 0
	}
	return float64(o.Outflow()) / float64(o.Headcount)
}

// OutflowByBranch adds up leavers and hires per branch, in report order,
// and returns the region's total as well.
func OutflowByBranch(subs []*Submission) (rows []BranchOutflow, total BranchOutflow) {
	rows = make([]BranchOutflow, forecast.NumBranches)
	total.Branch = forecast.AllBranches
	for b := range rows {
		rows[b].Branch = forecast.Branch(b)
	}
	for _, sub := range subs {
		for _, o := range []*BranchOutflow{&rows[sub.Employer.Branch], &total} {
			o.Employers++
			o.Headcount += sub.Headcount()
			for l := range sub.Leavers {
				for r, n := range sub.Leavers[l] {
					o.Leavers[r] += n
				}
				for h, n := range sub.Hires[l] {
					o.Hires[h] += n
				}
			}
		}
	}
	return rows, total
}
