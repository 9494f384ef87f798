package monitor

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"raat/forecast"
	"raat/ingest"
	"raat/nl"
)

// MaxEstimatedYears is how many peildata in a row an employer that stopped
// delivering is estimated for. After that it counts as gone: its staff
// may have left the region, or gone to an employer who delivers, and
// estimating it on would count them twice.
const MaxEstimatedYears = 2

// Status says where an employer's figures of one year come from.
type Status uint8

const (
	// Absent: no figures this year, and none estimated: before its first
	// workbook, or after it stopped delivering for longer than
	// MaxEstimatedYears.
	Absent Status = iota
	// Delivered: its own workbook of this year.
	Delivered
	// Estimated: no workbook this year; its last figures moved on by how
	// the employers of its branch that did deliver both years changed.
	Estimated
	// MergedAway: it merged into another employer, whose figures hold it.
	MergedAway
)

var statusLabels = []string{"geen cijfers", "geleverd", "geschat", "opgegaan"}

// Label is the status in Dutch.
func (s Status) Label() string { return statusLabels[s] }

// Counted reports whether the figures of the year count in the sums.
func (s Status) Counted() bool { return s == Delivered || s == Estimated }

// Line is one employer, branch or the region over the years of a
// History.
type Line struct {
	Name string
	// KvK is the employer's KvK number; empty for a branch or the region.
	KvK string
	// Branch is the employer's or branch's; forecast.AllBranches for the
	// region.
	Branch forecast.Branch
	// Figures per year of the history; zero where the employer has none.
	Figures []Figures
	// Status per year, for an employer.
	Status []Status
	// Employers per year: how many employers a branch's or the region's
	// figures add up (delivered and estimated).
	Employers []int
	// Estimated per year: how many of those are estimated.
	Estimated []int
	// MergedInto is the KvK number of the employer it merged into, and
	// MergedFrom the year the other's figures hold it.
	MergedInto string
	MergedFrom int
}

// Value returns the line's measure in the year at index k of the
// history's years.
func (l *Line) Value(m Measure, k int) float64 { return m.Of(l.Figures[k]) }

// Counted reports whether the line has figures in the year at index k:
// an employer's counted status, or any employer in a branch or the
// region.
func (l *Line) Counted(k int) bool {
	if l.Status != nil {
		return l.Status[k].Counted()
	}
	return l.Employers[k] > 0
}

// Event is something about the data of one year a reader should know:
// a re-upload that replaced an earlier one, an employer that did not
// deliver and was estimated, a merger, an employer that stopped.
type Event struct {
	Year int
	KvK  string
	Name string
	// Into is, for a merger, the KvK number of the employer it merged
	// into: the event is that employer's too.
	Into string
	// Text says it in Dutch.
	Text string
}

// History is what the employers of a region delivered over the years:
// per peildatum year the workbook that counts of every employer, the
// estimates for those that did not deliver, and the sums per branch and
// for the region. NewHistory makes it.
type History struct {
	Region string
	// Years are the peildatum years with at least one workbook, in order.
	Years []int
	// Employers, in branch order and then by name; Branches, the branches
	// with an employer in any year, in branch order; Total, the region.
	Employers []*Line
	Branches  []*Line
	Total     *Line
	// Events, by year, then KvK number.
	Events []Event
	// Warnings are problems of the data (Dutch).
	Warnings []string

	// used[k] are the workbooks that count in year Years[k].
	used     [][]*ingest.Submission
	training forecast.TrainingConventions
}

// ErrNoHistory is returned when no workbook of the region is given.
var ErrNoHistory = errors.New("no accepted workbooks of the region")

// NewHistory builds the history of base's region from accepted
// submissions of any peildata: re-uploads and all. Per KvK number and
// peildatum year one submission counts: the latest peildatum of the year,
// and of those with the same peildatum the one uploaded last
// (ingest.Newer, as Aggregate chooses); the others are named in the
// events. An employer named in another's "Fusie met KvK-nummers" counts in
// the other's figures from that year on, and not on its own. An employer
// that did not deliver in a year between its first workbook and its last,
// or for at most MaxEstimatedYears after its last, is estimated: its
// figures of the year before, times, per number, how the employers of its
// branch that delivered in both years changed together (the matched
// sample; the whole region's when the branch has none). Nothing counts
// twice: each employer is in a year's sums once, delivered or estimated,
// or not at all. base gives the region's name and the conventions that
// turn places into training FTE.
func NewHistory(base *forecast.Region, subs []*ingest.Submission) (*History, error) {
	h := &History{Region: base.Name, training: base.Training}
	type key struct {
		kvk  string
		year int
	}
	chosen := map[key]*ingest.Submission{}
	var events []Event
	for _, s := range subs {
		if s == nil {
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(s.Employer.Region), strings.TrimSpace(base.Name)) {
			h.Warnings = append(h.Warnings, fmt.Sprintf("%s (%s) hoort bij regio %s, niet bij %s; niet gebruikt", s.File, s.Employer.Name, s.Employer.Region, base.Name))
			continue
		}
		k := key{s.Employer.KvK, s.Employer.Peildatum.Year()}
		cur, ok := chosen[k]
		if !ok {
			chosen[k] = s
			continue
		}
		keep, drop := cur, s
		if ingest.Newer(s, cur) {
			keep, drop = s, cur
		}
		chosen[k] = keep
		ev := Event{Year: k.year, KvK: k.kvk, Name: keep.Employer.Name}
		if keep.Employer.Peildatum.Equal(drop.Employer.Peildatum) {
			ev.Text = fmt.Sprintf("herupload: %s%s vervangt %s%s", keep.File, uploaded(keep), drop.File, uploaded(drop))
		} else {
			ev.Text = fmt.Sprintf("twee peildata in %d: %s telt, %s niet", k.year, keep.Employer.Peildatum.Format("02-01-2006"), drop.Employer.Peildatum.Format("02-01-2006"))
		}
		events = append(events, ev)
	}
	if len(chosen) == 0 {
		return nil, fmt.Errorf("history of %s: %w", base.Name, ErrNoHistory)
	}
	for k := range chosen {
		if !slices.Contains(h.Years, k.year) {
			h.Years = append(h.Years, k.year)
		}
	}
	slices.Sort(h.Years)
	n := len(h.Years)
	h.used = make([][]*ingest.Submission, n)
	index := func(year int) int { i, _ := slices.BinarySearch(h.Years, year); return i }

	// The employers and their workbooks per year.
	byKvK := map[string]*Line{}
	books := map[string][]*ingest.Submission{}
	for k, s := range chosen {
		if books[k.kvk] == nil {
			books[k.kvk] = make([]*ingest.Submission, n)
		}
		books[k.kvk][index(k.year)] = s
	}
	for kvk, bs := range books {
		l := &Line{KvK: kvk, Figures: make([]Figures, n), Status: make([]Status, n)}
		for i, s := range bs {
			if s == nil {
				continue
			}
			l.Status[i] = Delivered
			l.Figures[i] = figuresOf(s, h.training)
			l.Name, l.Branch = s.Employer.Name, s.Employer.Branch // the latest
			h.used[i] = append(h.used[i], s)
		}
		byKvK[kvk] = l
		h.Employers = append(h.Employers, l)
	}
	for kvk, bs := range books {
		var branches []forecast.Branch
		for _, s := range bs {
			if s != nil && !slices.Contains(branches, s.Employer.Branch) {
				branches = append(branches, s.Employer.Branch)
			}
		}
		if len(branches) > 1 {
			h.Warnings = append(h.Warnings, fmt.Sprintf("%s (KvK %s) meldt in verschillende jaren een andere branche; alle jaren tellen bij %s, die van de laatste werkmap",
				byKvK[kvk].Name, kvk, byKvK[kvk].Branch.Label()))
		}
	}
	for i := range h.used {
		slices.SortFunc(h.used[i], func(a, b *ingest.Submission) int { return cmp.Compare(a.Employer.KvK, b.Employer.KvK) })
	}
	slices.SortFunc(h.Employers, func(a, b *Line) int {
		return cmp.Or(cmp.Compare(a.Branch, b.Branch), cmp.Compare(a.Name, b.Name), cmp.Compare(a.KvK, b.KvK))
	})

	// Mergers: the merged employer counts in the other's figures from the
	// year of the workbook that names it on.
	merged := map[string][]string{} // successor KvK -> the KvKs merged into it, per its year
	for i, year := range h.Years {
		for _, s := range h.used[i] {
			for _, k := range s.Merged {
				gone := byKvK[k]
				ev := Event{Year: year, KvK: k, Name: k, Into: s.Employer.KvK}
				switch {
				case gone == nil:
					ev.Text = fmt.Sprintf("opgegaan in %s (KvK %s) vóór de eerste peildatum met cijfers; telt in de cijfers van %s", s.Employer.Name, s.Employer.KvK, s.Employer.Name)
				case gone.MergedInto != "":
					continue // named again in a later workbook
				default:
					if later := slices.IndexFunc(gone.Status[i:], func(st Status) bool { return st == Delivered }); later >= 0 {
						h.Warnings = append(h.Warnings, fmt.Sprintf("%s (KvK %s) meldt in %d een fusie met %s (KvK %s), maar die levert in %d nog zelf in; beide tellen mee",
							s.Employer.Name, s.Employer.KvK, year, gone.Name, k, h.Years[i+later]))
						continue
					}
					gone.MergedInto, gone.MergedFrom = s.Employer.KvK, year
					merged[s.Employer.KvK] = append(merged[s.Employer.KvK], k)
					ev.Name, ev.Into = gone.Name, s.Employer.KvK
					ev.Text = fmt.Sprintf("opgegaan in %s (KvK %s) per peildatum %d; telt vanaf dan in de cijfers van %s, niet meer apart", s.Employer.Name, s.Employer.KvK, year, s.Employer.Name)
				}
				events = append(events, ev)
			}
		}
	}

	// Each year's status of the employers that did not deliver, and their
	// estimates, in year order (an estimate builds on the year before).
	for _, l := range h.Employers {
		first := slices.Index(l.Status, Delivered)
		last := n - 1 - slices.Index(reversed(l.Status), Delivered)
		for i := first + 1; i < n; i++ {
			switch {
			case l.Status[i] == Delivered:
			case l.MergedInto != "" && h.Years[i] >= l.MergedFrom:
				l.Status[i] = MergedAway
			case i < last || h.Years[i]-h.Years[last] <= MaxEstimatedYears:
				l.Status[i] = Estimated
			}
		}
		if first > 0 {
			events = append(events, Event{Year: h.Years[first], KvK: l.KvK, Name: l.Name, Text: fmt.Sprintf("levert vanaf %d; telt in de jaren ervoor niet mee", h.Years[first])})
		}
		if l.MergedInto == "" && last < n-1 && h.Years[n-1]-h.Years[last] > MaxEstimatedYears {
			gone := slices.IndexFunc(h.Years, func(y int) bool { return y-h.Years[last] > MaxEstimatedYears })
			events = append(events, Event{Year: h.Years[gone], KvK: l.KvK, Name: l.Name,
				Text: fmt.Sprintf("levert sinds %d niet meer; geschat tot en met %d, daarna telt %s niet meer mee", h.Years[last], h.Years[gone-1], l.Name)})
		}
	}
	for i := 1; i < n; i++ {
		region := h.matched(i, merged, forecast.AllBranches)
		for _, l := range h.Employers {
			if l.Status[i] != Estimated {
				continue
			}
			factors, from := h.matched(i, merged, l.Branch), l.Branch.Label()
			if factors == nil {
				factors, from = region, "de regio"
			}
			if factors == nil {
				factors, from = ratios(Figures{}, Figures{}), "geen andere werkgever (ongewijzigd)"
			}
			l.Figures[i] = l.Figures[i-1].scaled(factors)
			events = append(events, Event{Year: h.Years[i], KvK: l.KvK, Name: l.Name,
				Text: fmt.Sprintf("geen werkmap over %d; geschat uit %d met de ontwikkeling van %s (%s medewerkers)", h.Years[i], h.Years[i-1], from, nl.Int(l.Figures[i].Headcount))})
		}
	}

	// The sums.
	h.Total = &Line{Name: base.Name, Branch: forecast.AllBranches}
	var branches [forecast.NumBranches]*Line
	for _, l := range h.Employers {
		if branches[l.Branch] == nil {
			branches[l.Branch] = &Line{Name: l.Branch.Label(), Branch: l.Branch}
		}
	}
	for _, b := range branches {
		if b != nil {
			h.Branches = append(h.Branches, b)
		}
	}
	for _, s := range append([]*Line{h.Total}, h.Branches...) {
		s.Figures, s.Employers, s.Estimated = make([]Figures, n), make([]int, n), make([]int, n)
	}
	for _, l := range h.Employers {
		for i, st := range l.Status {
			if !st.Counted() {
				continue
			}
			for _, s := range []*Line{h.Total, branches[l.Branch]} {
				s.Figures[i].add(l.Figures[i])
				s.Employers[i]++
				if st == Estimated {
					s.Estimated[i]++
				}
			}
		}
	}
	slices.SortStableFunc(events, func(a, b Event) int { return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.KvK, b.KvK)) })
	h.Events = events
	return h, nil
}

// matched returns, per number, how the employers of a branch (all for
// AllBranches) that delivered in both year i-1 and year i changed: a
// successor of a merger set against itself and what merged into it. It
// returns nil when no employer delivered in both years.
func (h *History) matched(i int, merged map[string][]string, b forecast.Branch) []float64 {
	var now, before Figures
	any := false
	for _, l := range h.Employers {
		if (b != forecast.AllBranches && l.Branch != b) || l.Status[i] != Delivered || l.Status[i-1] != Delivered {
			continue
		}
		prev := l.Figures[i-1]
		ok := true
		for _, k := range merged[l.KvK] {
			if g := h.employer(k); g.MergedFrom == h.Years[i] {
				if g.Status[i-1] != Delivered {
					ok = false
				}
				prev.add(g.Figures[i-1])
			}
		}
		if !ok {
			continue
		}
		now.add(l.Figures[i])
		before.add(prev)
		any = true
	}
	if !any {
		return nil
	}
	return ratios(now, before)
}

func (h *History) employer(kvk string) *Line {
	for _, l := range h.Employers {
		if l.KvK == kvk {
			return l
		}
	}
	return nil
}

// Employer returns the line of the employer with the KvK number, or nil.
func (h *History) Employer(kvk string) *Line { return h.employer(kvk) }

// Branch returns the line of a branch, or nil when no employer of the
// branch ever delivered.
func (h *History) Branch(b forecast.Branch) *Line {
	for _, l := range h.Branches {
		if l.Branch == b {
			return l
		}
	}
	return nil
}

// Index returns the index of a year in Years, or -1.
func (h *History) Index(year int) int {
	i, ok := slices.BinarySearch(h.Years, year)
	if !ok {
		return -1
	}
	return i
}

// Used returns the workbooks that count in a year, by KvK number.
func (h *History) Used(year int) []*ingest.Submission {
	i := h.Index(year)
	if i < 0 {
		return nil
	}
	return slices.Clone(h.used[i])
}

// Last is the latest year of the history.
func (h *History) Last() int { return h.Years[len(h.Years)-1] }

func uploaded(s *ingest.Submission) string {
	if s.Uploaded.IsZero() {
		return ""
	}
	return " (ingeleverd " + s.Uploaded.Format("02-01-2006") + ")"
}

func reversed[T any](s []T) []T {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
