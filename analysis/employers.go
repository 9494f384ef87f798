package analysis

import (
	"raat/forecast"
	"raat/ingest"
)

// Employers is what the employer workbooks of a study show besides the
// region they build: each employer's opleidingsquote and the leavers per
// branch by reason.
type Employers struct {
	// Names and Quotes: each trainer's opleidingsquote (training FTE per
	// 100 FTE of care staff), against Reference.
	Names     []string
	Quotes    []float64
	Reference float64
	// Coverage says in Dutch how much of the region's staff the delivering
	// employers hold, per branch (ingest.Summary.CoverageText).
	Coverage string
	// Outflow[r][b] is the leavers of reason Reasons[r] in branch
	// Branches[b] over the 12 months before the peildatum, for the
	// branches with at least one employer.
	Branches, Reasons []string
	Outflow           [][]float64
	// Headcount[b] is the staff of branch Branches[b] the employers
	// reported, the base of the outflow rates.
	Headcount []float64
}

// Rates returns the outflow as a share of each branch's staff a year:
// Rates()[r][b] = Outflow[r][b] / Headcount[b].
func (e *Employers) Rates() [][]float64 {
	rates := make([][]float64, len(e.Outflow))
	for r, row := range e.Outflow {
		rates[r] = make([]float64, len(row))
		for b, v := range row {
			if b < len(e.Headcount) && e.Headcount[b] > 0 {
				rates[r][b] = v / e.Headcount[b]
			}
		}
	}
	return rates
}

// Employers returns the employers' figures, or nil when the study's region
// was not built from employer workbooks.
func (s *Study) Employers() *Employers {
	s.employersOnce.Do(func() {
		if s.data.Employers != nil {
			s.employers = employersOf(s.data)
		}
	})
	return s.employers
}

// Quotes returns the opleidingsquote of each trainer of the study's
// region, for a chart of them when the region was not built from employer
// workbooks (its trainers are then its branches); with workbooks it is
// Employers, the delivering employers only. Names, Quotes and Reference
// are set.
func (s *Study) Quotes() *Employers {
	if e := s.Employers(); e != nil {
		return e
	}
	return quotesOf(s.data.Region)
}

func quotesOf(r *forecast.Region) *Employers {
	e := &Employers{Reference: ingest.ReferenceQuote}
	qs, _ := ingest.Quotes(r)
	for _, q := range qs {
		e.Names, e.Quotes = append(e.Names, q.Trainer), append(e.Quotes, q.Quote)
	}
	return e
}

func employersOf(data Data) *Employers {
	e := &Employers{Reference: ingest.ReferenceQuote, Coverage: data.Employers.CoverageText()}
	// Only the employers that delivered: the region also holds an estimated
	// trainer for each branch's staff that did not.
	for _, q := range data.Employers.EmployerQuotes(data.Region) {
		e.Names, e.Quotes = append(e.Names, q.Trainer), append(e.Quotes, q.Quote)
	}
	rows, _ := ingest.OutflowByBranch(data.Employers.Used)
	var kept []ingest.BranchOutflow
	for _, row := range rows {
		if row.Employers > 0 {
			kept = append(kept, row)
			e.Branches = append(e.Branches, row.Branch.Label())
			e.Headcount = append(e.Headcount, float64(row.Headcount))
		}
	}
	for r := range ingest.NumReasons {
		reason := ingest.Reason(r)
		if !reason.Outflow() {
			continue
		}
		e.Reasons = append(e.Reasons, reason.String())
		vals := make([]float64, 0, len(kept))
		for _, row := range kept {
			vals = append(vals, float64(row.Leavers[r]))
		}
		e.Outflow = append(e.Outflow, vals)
	}
	return e
}
