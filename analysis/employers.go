package analysis

import (
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
