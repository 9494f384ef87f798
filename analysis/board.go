package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"raat/forecast"
	"raat/nl"
)

// Round rounds an FTE figure for a board to what the model can say:
// hundreds from 1.000 fte, tens below. The band around the central
// estimate is thousands of fte wide and its bounds move by hundreds
// between seeds, so single fte would claim a precision nobody has. Every
// board surface (the report, the dashboard, the charts' labels) quotes
// this rounding, so that they say the same number; tables for analysts
// (the command line, the downloads) keep the unrounded figures.
func Round(fte float64) float64 {
	unit := 10.0
	if math.Abs(fte) >= 1000 {
		unit = 100
	}
	r := math.Round(fte/unit) * unit
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// RoundText is Round formatted the Dutch way: "6.900".
func RoundText(fte float64) string { return nl.Int(Round(fte)) }

// Gap is the demand, supply and shortfall of a branch, a cell or the
// region in one year, in FTE.
type Gap struct {
	DemandFTE, SupplyFTE, ShortfallFTE float64
}

// Share is the shortfall as a fraction of demand; NaN without demand.
func (g Gap) Share() float64 {
	if g.DemandFTE == 0 {
		return math.NaN()
	}
	return g.ShortfallFTE / g.DemandFTE
}

func (g *Gap) add(r *forecast.Row) {
	g.DemandFTE += r.DemandFTE
	g.SupplyFTE += r.SupplyFTE
	g.ShortfallFTE += r.ShortfallFTE
}

// Branches returns each branch's gap in the year (within the study's
// selection), in forecast.Branches order.
func (o *Outcome) Branches(year int) [forecast.NumBranches]Gap {
	var gs [forecast.NumBranches]Gap
	for i := range o.Run.Rows {
		r := &o.Run.Rows[i]
		if r.Year == year && o.sel.Has(r.Branch, r.Level) {
			gs[r.Branch].add(r)
		}
	}
	return gs
}

// Cells returns each branch and level's gap in the year (within the
// study's selection).
func (o *Outcome) Cells(year int) [forecast.NumBranches][forecast.NumLevels]Gap {
	var gs [forecast.NumBranches][forecast.NumLevels]Gap
	for i := range o.Run.Rows {
		r := &o.Run.Rows[i]
		if r.Year == year && o.sel.Has(r.Branch, r.Level) {
			gs[r.Branch][r.Level].add(r)
		}
	}
	return gs
}

// Total returns the gap of the study's selection in the year.
func (o *Outcome) Total(year int) Gap {
	var g Gap
	for i := range o.Run.Rows {
		r := &o.Run.Rows[i]
		if r.Year == year && o.sel.Has(r.Branch, r.Level) {
			g.add(r)
		}
	}
	return g
}

// ClosedFrom returns the first year from which the central estimate stays
// at or below zero to the horizon, and false when it does not.
func (o *Outcome) ClosedFrom() (int, bool) {
	pts := o.Shortfall()
	year, closed := 0, false
	for _, p := range pts {
		switch {
		case p.Central > 0:
			closed = false
		case !closed:
			year, closed = p.Year, true
		}
	}
	return year, closed
}

// A branch counts as still short when the region as a whole is not from a
// shortfall of stillShortShare of its demand and stillShortFTE: below
// either the gap is within what the model can tell from zero (the band's
// bounds move by hundreds of fte between seeds).
const (
	stillShortShare = 0.02
	stillShortFTE   = 100
)

// StillShort returns the branches whose central estimate at the horizon is
// a shortfall of at least 2% of their demand and at least 100 fte, worst
// first.
func (o *Outcome) StillShort() []forecast.Branch {
	gs := o.Branches(o.Run.To)
	var bs []forecast.Branch
	for _, b := range forecast.Branches() {
		if gs[b].Share() >= stillShortShare && gs[b].ShortfallFTE >= stillShortFTE {
			bs = append(bs, b)
		}
	}
	for i := 1; i < len(bs); i++ { // worst first, stable
		for j := i; j > 0 && gs[bs[j]].Share() > gs[bs[j-1]].Share(); j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
	return bs
}

// Headline is the one sentence a board reads first: the baseline's
// shortfall at the horizon, rounded, as a share of demand, and what the
// plan does to it, e.g. "Ca. 6.900 fte tekort in 2040 (14% van de vraag);
// het RAAT-plan sluit het rond 2031, behalve in de VVT (ouderenzorg)."
// plan may be nil.
func Headline(base, plan *Outcome) string {
	h := base.Horizon()
	total := base.Total(h.Year)
	var b strings.Builder
	if h.Central >= 0 {
		fmt.Fprintf(&b, "Ca. %s fte tekort in %d (%s van de vraag)", RoundText(h.Central), h.Year, percent0(total.Share()))
	} else {
		fmt.Fprintf(&b, "Ca. %s fte overschot in %d (%s van de vraag)", RoundText(-h.Central), h.Year, percent0(-total.Share()))
	}
	if plan == nil || plan == base {
		b.WriteString(".")
		return b.String()
	}
	ph := plan.Horizon()
	name := plan.Scenario.Label()
	year, closed := plan.ClosedFrom()
	switch {
	case closed && h.Central > 0:
		fmt.Fprintf(&b, "; %s sluit het rond %d", PlanName(name), year)
		if short := plan.StillShort(); len(short) > 0 {
			fmt.Fprintf(&b, ", behalve in %s", branchList(short))
		}
	case ph.Central < h.Central:
		fmt.Fprintf(&b, "; %s verkleint het tot ca. %s fte", PlanName(name), RoundText(ph.Central))
	default:
		fmt.Fprintf(&b, "; %s verkleint het niet", PlanName(name))
	}
	b.WriteString(".")
	return b.String()
}

// PlanName is a scenario's board name as a sentence names it: "het
// RAAT-plan" for a plan, "scenario Behoud" for any other.
func PlanName(name string) string {
	if strings.HasSuffix(strings.ToLower(name), "plan") {
		return "het " + name
	}
	return "scenario " + name
}

// branchList names branches for a sentence: "de VVT (ouderenzorg)",
// "de VVT (ouderenzorg) en de GGZ".
func branchList(bs []forecast.Branch) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = BranchName(b)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
}

// BranchName names a branch as a sentence does: "de VVT (ouderenzorg)",
// "de kinderopvang", "de overige branches".
func BranchName(b forecast.Branch) string {
	switch b {
	case forecast.VVT, forecast.GGZ:
		return "de " + b.Label()
	case forecast.Ziekenhuizen, forecast.Huisartsen:
		return "de " + strings.ToLower(b.Label()[:1]) + b.Label()[1:]
	case forecast.OverigBranch:
		return "de overige branches"
	}
	return "de " + strings.ToLower(b.Label())
}

// percent0 formats a fraction as a whole percentage: 0.141 -> "14%".
func percent0(frac float64) string {
	if math.IsNaN(frac) {
		return "-"
	}
	return nl.Dec(100*frac, 0) + "%"
}

// Coverage says in Dutch what the study's figures rest on, for page 1 of
// the report and the dashboard: the employer workbooks, the staff they
// hold and their coverage of the region (ingest's coverage text), or the
// region file alone.
func (s *Study) Coverage() string {
	sum := s.data.Employers
	if sum == nil {
		return fmt.Sprintf("De cijfers komen uit het regiobestand van %s: gepubliceerde cijfers en aannames, geen gegevens van werkgevers.", s.data.Region.Name)
	}
	n := len(sum.Used)
	workbooks := "werkmappen"
	if n == 1 {
		workbooks = "werkmap"
	}
	return fmt.Sprintf("De cijfers rusten op de werkgeversuitvraag: %d %s met %s werkenden (%s fte); dekking: %s. "+
		"Hun cijfers zijn per branche en niveau opgehoogd tot het personeel van de regio; wat werkgevers niet melden komt uit de aannames van de regio.",
		n, workbooks, nl.Int(float64(sum.Headcount)), nl.Int(sum.FTE), sum.CoverageText())
}

// SizeText says for a board how large a lever is, in its own unit and
// with percentages as percentages: "30% van de BOL-kandidaten", "1 uur
// per week", "300 personen per jaar".
func SizeText(k forecast.LeverKind, size float64) string {
	pct := func(x float64) string {
		s := nl.Dec(100*x, 1)
		s = strings.TrimSuffix(s, ",0")
		return s + "%"
	}
	points := func(x float64) string {
		s := nl.Dec(100*x, 2)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ",")
		return s + " procentpunt"
	}
	switch k {
	case forecast.BOLToBBL:
		return pct(size) + " van de BOL-kandidaten"
	case forecast.LargerContracts:
		if size == 1 {
			return "1 uur per week"
		}
		return nl.Dec(size, 1) + " uur per week"
	case forecast.TrainingQuota:
		return strings.TrimSuffix(nl.Dec(size, 1), ",0") + " opleidingsplaatsen (fte) per 100 fte"
	case forecast.IntakeGrowth:
		return pct(size) + " meer kandidaten"
	case forecast.StudyYield:
		return pct(size) + " minder uitval"
	case forecast.SectorYield:
		return points(size) + " hoger sectorrendement"
	case forecast.Retention:
		return pct(size) + " minder uitstroom"
	case forecast.LateralEntry:
		return nl.Int(size) + " personen per jaar"
	case forecast.LaterRetirement:
		return pct(size) + " werkt door na de AOW-leeftijd"
	case forecast.SickLeave:
		return points(size) + " minder verzuim"
	case forecast.DemandReduction:
		return points(size) + " minder vraaggroei per jaar"
	}
	return nl.Num(size) + " " + k.UnitNL()
}

// ChartSource is the source line under a study's charts: what the
// figures rest on. BandSource adds, with draws, what the line and the
// band are, for the charts that draw a band.
func (s *Study) ChartSource() string { return s.source(false) }

// BandSource is ChartSource for a chart with the band.
func (s *Study) BandSource() string { return s.source(true) }

func (s *Study) source(band bool) string {
	r := s.data.Region
	text := fmt.Sprintf("Bron: raat, prognose op het regiobestand van %s (basisjaar %d)", r.Name, r.BaseYear)
	if sum := s.data.Employers; sum != nil {
		workbooks := "werkmappen"
		if len(sum.Used) == 1 {
			workbooks = "werkmap"
		}
		text = fmt.Sprintf("Bron: raat, prognose op de werkgeversuitvraag (%d %s) en de aannames van de regio %s (basisjaar %d)",
			len(sum.Used), workbooks, r.Name, r.BaseYear)
	}
	if band && s.opt.Draws > 0 {
		text += fmt.Sprintf("; lijn: centrale raming, band: 8 van de 10 uitkomsten van %s trekkingen", nl.Int(float64(s.opt.Draws)))
	}
	return text + "."
}

// Labels are a study's scenarios' names for a board, by key.
func (s *Study) Labels() map[string]string {
	m := map[string]string{}
	for _, sc := range s.scenarios {
		m[sc.Name] = sc.Label()
	}
	return m
}

// Notices are what a board reader of the outcomes should know, in Dutch
// sentences, each once: first what the employer workbooks leave open, then
// the runs' warnings, with the programmes whose intake the training places
// cap named together in one sentence rather than one each.
func (s *Study) Notices(outs ...*Outcome) []string {
	var ns []string
	if s.data.Employers != nil {
		for _, w := range s.data.Employers.Warnings {
			ns = appendOnce(ns, sentence(w))
		}
	}
	type programme struct {
		l  forecast.Level
		rt forecast.Route
	}
	capped := map[programme]bool{}
	var order []programme
	from := 0
	for _, o := range outs {
		for _, w := range o.Run.Warnings {
			var pc forecast.PlacesCapWarning
			if errors.As(w, &pc) {
				p := programme{pc.Level, pc.Route}
				if !capped[p] {
					capped[p] = true
					order = append(order, p)
				}
				if from == 0 || pc.From < from {
					from = pc.From
				}
				continue
			}
			ns = appendOnce(ns, sentence(forecast.Dutch(w)))
		}
	}
	if len(order) > 0 {
		slices.SortFunc(order, func(a, b programme) int { return cmp.Or(cmp.Compare(a.l, b.l), cmp.Compare(a.rt, b.rt)) })
		names := make([]string, len(order))
		for i, p := range order {
			names[i] = ProgrammeName(p.l, p.rt)
		}
		list := names[0]
		if len(names) > 1 {
			list = strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
		}
		ns = append(ns, fmt.Sprintf("Vanaf %d begrenzen de opleidingsplaatsen de instroom in %s: er zijn meer kandidaten dan plaatsen.", from, list))
	}
	return ns
}

// ProgrammeName names a programme for a board: "mbo 3 BBL", "hbo duaal".
func ProgrammeName(l forecast.Level, rt forecast.Route) string {
	switch rt {
	case forecast.HboVoltijd:
		return "hbo voltijd"
	case forecast.HboDuaal:
		return "hbo duaal"
	}
	if l <= forecast.Mbo4 {
		return fmt.Sprintf("mbo %d %s", int(l)+2, rt)
	}
	return l.Label() + " " + rt.String()
}

// sentence starts s with a capital and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	s = strings.ToUpper(string(r[0])) + string(r[1:])
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
