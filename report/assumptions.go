package report

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"gonum.org/v1/gonum/floats"

	"raat/analysis"
	"raat/chart"
	"raat/forecast"
	"raat/nl"
)

// driver is one main assumption as a board reads it: what it is, its
// value in words, and where it comes from.
type driver struct{ label, value, source string }

// assumptions is the board-level page: the assumptions that drive the
// forecast most, with their sources (demand growth first), demand per
// branch, and which uncertain assumption weighs most.
func (d *doc) assumptions() {
	in, pdf := d.in, d.pdf
	base := in.outs[0]
	res := base.Run
	r := in.region
	now, end := res.Total(res.From), res.Total(res.To)
	notes := noteIndex(in)
	pdf.AddPage()
	d.title("Wat de prognose aanneemt")
	d.para("De uitkomst hangt vooral af van deze aannames. De bron staat erbij; de volledige toelichting bij elk getal staat in de technische bijlage.")

	lo, hi := math.Inf(1), math.Inf(-1)
	for b := range r.Cells {
		for l := range r.Cells[b] {
			if c := &r.Cells[b][l]; c.Headcount.Sum() > 0 {
				lo, hi = min(lo, c.DemandGrowth), max(hi, c.DemandGrowth)
			}
		}
	}
	var intake float64
	var progs int
	for l := range r.Programmes {
		for _, p := range r.Programmes[l] {
			if p.DurationYears > 0 {
				progs++
				intake += p.Enrolled[0]
			}
		}
	}
	drivers := []driver{
		{"Vraaggroei", fmt.Sprintf("%s tot %s per jaar, per branche; de vraag groeit van ca. %s fte in %d naar ca. %s fte in %d",
			pct1(lo), pct1(hi), r0(now.DemandFTE), res.From, r0(end.DemandFTE), res.To), notes.item("branches", "Vraaggroei")},
		{"Uitstroom (anders dan pensioen)", fmt.Sprintf("gemiddeld %s van de werkenden per jaar, hoger bij jongeren", pct1(now.OutflowOther/now.Headcount)),
			notes.sentences("outflow_by_age", "afgeleid")},
		{"Pensioen", fmt.Sprintf("AOW-leeftijd %d; %s werkt door na die leeftijd; vanaf 60 gaat %s per jaar met vervroegd pensioen",
			r.PensionAge, pct1(r.StayPastPension), pct1(r.EarlyRetirementRate)), joinSources(notes.whole("pension_age"), notes.whole("stay_past_pension"))},
		{"Instroom uit opleidingen", fmt.Sprintf("ca. %s starters per jaar in %d opleidingen (mbo 2 tot hbo, BOL, BBL, voltijd en duaal)", r0(intake), progs),
			joinSources(notes.item("programmes", "Uitval per studiejaar"), notes.item("programmes", "Sectorrendement"))},
		{"Zij-instroom en herintreders", fmt.Sprintf("ca. %s zij-instromers en ca. %s herintreders per jaar", r0(now.InflowLateral), r0(now.InflowReturners)),
			notes.item("branches", "Zij-instroom en herintreders")},
		{"Deeltijdfactor", fmt.Sprintf("%s: gemiddeld %s uur per week", nl.Dec(now.WorkforceFTE/now.Headcount, 3), nl.Dec(36*now.WorkforceFTE/now.Headcount, 1)),
			notes.item("branches", "Deeltijdfactor")},
		{"Openstaande vacatures", fmt.Sprintf("ca. %s fte in %d: het tekort van het basisjaar", r0(now.ShortfallFTE), res.From), notes.item("branches", "Vacatures")},
	}
	d.drivers(drivers)

	// Demand: the main driver, per branch. The split of demand growth
	// into what the population's ageing brings and other growth belongs
	// here, next to this table.
	d.heading(fmt.Sprintf("Vraag per branche, %d en %d", res.From, res.To), 70)
	var rows [][]string
	for _, b := range forecast.Branches() {
		first := res.Sum(res.From, func(row *forecast.Row) bool { return row.Branch == b })
		last := res.Sum(res.To, func(row *forecast.Row) bool { return row.Branch == b })
		rows = append(rows, []string{b.Label(), pct1(growthOf(r, b)), r0(first.DemandFTE), r0(last.DemandFTE), grow(first.DemandFTE, last.DemandFTE)})
	}
	rows = append(rows, []string{"totaal", "", r0(now.DemandFTE), r0(end.DemandFTE), grow(now.DemandFTE, end.DemandFTE)})
	d.table([]float64{62, 28, 28, 28, 28}, []string{"branche", "groei per jaar", fmt.Sprintf("vraag %d", res.From), fmt.Sprintf("vraag %d", res.To), "toename"}, rows, true)
	d.small("Vraag in fte: in het basisjaar het aanbod plus de openstaande vacatures, daarna jaarlijks met de groei van de branche.")

	if s := in.sensitivity; s != nil && len(s.Swings) > 0 {
		d.heading("Welke aanname weegt het zwaarst?", 90)
		top := s.Swings[0]
		d.para(fmt.Sprintf("De onzekerheid zit vooral in een paar aannames. Elke balk zet er één op het lage en op het hoge eind van haar bandbreedte, "+
			"de andere op hun gewone waarde. Het meest weegt %s: met %s is het tekort in %d ca. %s fte, met %s ca. %s fte (de centrale raming: ca. %s fte).",
			lowerFirst(top.Parameter.Label()), top.Parameter.Setting(top.Low), s.Year, r0(top.AtLow), top.Parameter.Setting(top.High), r0(top.AtHigh), r0(s.Central)))
		d.chart(chart.TornadoOf(fmt.Sprintf("Tekort in %d per aanname, laag en hoog, %s", s.Year, base.Scenario.Label()), in.study.ChartSource(), s))
		d.small("x 0,88: 12% lager dan in de gegevens; x 1,12: 12% hoger. Bij de vraaggroei: elk jaar zoveel procentpunt minder of meer groei. " +
			"Blauw is het lage eind van de bandbreedte, oranje het hoge.")
	}
}

// drivers prints the main assumptions as three columns.
func (d *doc) drivers(ds []driver) {
	pdf := d.pdf
	widths := []float64{36, 56, textW - 92}
	d.font(8.5, "B")
	pdf.SetFillColor(0xe8, 0xec, 0xf4)
	for i, h := range []string{"aanname", "waarde", "bron"} {
		pdf.CellFormat(widths[i], 6, h, "B", 0, "L", true, 0, "")
	}
	pdf.Ln(-1)
	for _, dr := range ds {
		d.row(widths, []string{dr.label, dr.value, orDash(dr.source)}, 8.5, 4.2)
	}
	pdf.Ln(2)
}

// row prints cells that wrap, the first bold, aligned at the top, with a
// rule under the row; it starts a new page when the row does not fit.
func (d *doc) row(widths []float64, cells []string, size, line float64) {
	pdf := d.pdf
	lines := 1
	for i, c := range cells {
		style := ""
		if i == 0 {
			style = "B"
		}
		d.font(size, style)
		lines = max(lines, len(pdf.SplitText(c, widths[i]-2)))
	}
	h := line * float64(lines)
	if pdf.GetY()+h > pageH-bottom-4 {
		pdf.AddPage()
	}
	x, y := pdf.GetX(), pdf.GetY()
	for i, c := range cells {
		style := ""
		if i == 0 {
			style = "B"
		}
		d.font(size, style)
		pdf.SetXY(x+floats.Sum(widths[:i]), y)
		pdf.MultiCell(widths[i], line, c, "", "L", false)
	}
	pdf.SetXY(x, y+h+1.2)
	pdf.SetDrawColor(0xdd, 0xdd, 0xdd)
	pdf.Line(margin, y+h+0.6, pageW-margin, y+h+0.6)
	pdf.SetDrawColor(0, 0, 0)
}

// appendix is the technical detail, written for people: the model in
// words, every source note of the region file, and how the report was
// made.
func (d *doc) appendix() {
	in, pdf := d.in, d.pdf
	pdf.AddPage()
	d.title("Technische bijlage")
	d.heading("Het model in woorden", 30)
	for _, p := range modelText {
		d.para(p)
	}
	d.heading("Alle aannames en hun bronnen", 30)
	d.para("Per onderwerp de waarde in het model en de toelichting uit het regiobestand: bron (een gepubliceerd cijfer), afgeleid (berekend uit gepubliceerde cijfers) of aanname (de redenering achter de waarde).")
	notes := noteIndex(in)
	for _, a := range keyAssumptions(in) {
		d.room(14)
		d.font(9, "B")
		pdf.MultiCell(0, 4.5, a.label+": "+a.value, "", "L", false)
		d.font(8.5, "")
		pdf.MultiCell(0, 4.1, orDash(notes.whole(a.field)), "", "L", false)
		pdf.Ln(1.8)
	}
	d.heading("Verantwoording", 30)
	var names []string
	for _, o := range in.outs {
		names = append(names, fmt.Sprintf("%s (%s)", o.Scenario.Label(), lowerFirst(o.Scenario.Description)))
	}
	lines := []string{
		fmt.Sprintf("Gemaakt op %s met %s.", dateNL(in.Made), versionText(in.Version)),
		in.study.Coverage() + fmt.Sprintf(" Basisjaar %d.", in.region.BaseYear),
		fmt.Sprintf("Scenario's: %s.", strings.Join(names, "; ")),
	}
	if in.draws > 0 {
		lines = append(lines, fmt.Sprintf("Onzekerheid: %s berekeningen met aannames die binnen hun bandbreedte verschillen, met startgetal %d; hetzelfde startgetal geeft dezelfde uitkomst. "+
			"De centrale raming rekent met de aannames zoals ze zijn; de band is waar 8 van de 10 berekeningen uitkomen.", nl.Int(float64(in.draws)), in.seed))
	}
	for _, l := range lines {
		d.para(l)
	}
	if len(in.notices) > 0 {
		d.heading("Om te weten bij deze cijfers", 15)
		for _, n := range in.notices {
			d.para(n)
		}
	}
}

// modelText describes the model for people who do not read code.
var modelText = []string{
	"Het model volgt het personeel in zorg en welzijn van de regio jaar voor jaar, per branche, per opleidingsniveau en per leeftijd. " +
		"Elk jaar worden de werkenden een jaar ouder; een deel vertrekt naar een andere sector of stopt met werken, een deel gaat met pensioen. " +
		"Er komen mensen bij: gediplomeerden van de opleidingen in de regio, zij-instromers uit andere sectoren en herintreders. " +
		"Een klein deel wisselt elk jaar van branche.",
	"De opleidingen volgt het model per niveau en leerroute (BOL, BBL, hbo voltijd en duaal): wie begint, wie per studiejaar uitvalt, " +
		"wie een diploma haalt en welk deel daarvan in de zorg in de regio gaat werken. Het aantal starters is begrensd door het aantal kandidaten " +
		"en door de opleidingsplaatsen die werkgevers bieden. Studenten die werkend leren tellen voor een deel mee in het aanbod.",
	"Het aanbod is het aantal fte dat de werkenden samen werken. De vraag is in het basisjaar het aanbod plus de openstaande vacatures, " +
		"en groeit daarna elk jaar met de vraaggroei van de branche. Het tekort is de vraag min het aanbod; een negatief tekort is een overschot.",
	"Een actie uit het actieplan verandert een of meer van deze stromen (meer BBL, grotere contracten, minder uitstroom, meer zij-instroom) " +
		"en groeit in een, drie of vijf jaar naar haar volle effect. De centrale raming rekent met de gegevens en aannames zoals ze zijn.",
}

// assumption is one of the region file's topics for the appendix.
type assumption struct{ field, label, value string }

// keyAssumptions are the region file's topics with their values.
func keyAssumptions(in *input) []assumption {
	r := in.region
	base := in.outs[0].Run
	t := base.Total(base.From)
	var progs, intake float64
	for l := range r.Programmes {
		for _, p := range r.Programmes[l] {
			if p.DurationYears > 0 {
				progs++
				intake += p.Enrolled[0]
			}
		}
	}
	u := r.Uncertainty
	return []assumption{
		{"base_year", "Basisjaar", fmt.Sprint(r.BaseYear)},
		{"pension_age", "Pensioenleeftijd", fmt.Sprintf("%d jaar", r.PensionAge)},
		{"stay_past_pension", "Doorwerken na de AOW-leeftijd", pct1(r.StayPastPension)},
		{"past_pension_outflow", "Stoppen na de AOW-leeftijd", pct1(r.PastPensionOutflow) + " per jaar"},
		{"early_retirement_rate", "Vervroegd pensioen", pct1(r.EarlyRetirementRate) + " per jaar vanaf 60"},
		{"outflow_by_age", "Uitstroom (anders dan pensioen)", pct1(t.OutflowOther/t.Headcount) + " per jaar gemiddeld"},
		{"branches", "Werkenden, vacatures, vraaggroei", fmt.Sprintf("%s werkenden, deeltijdfactor %s, %s fte vacatures",
			nl.Int(t.Headcount), nl.Dec(t.WorkforceFTE/t.Headcount, 3), nl.Int(t.DemandFTE-t.SupplyFTE))},
		{"programmes", "Opleidingen", fmt.Sprintf("%d opleidingen, %s starters per jaar", int(progs), nl.Int(intake))},
		{"training", "Opleidingsplaatsen", "uren per plaats en per student, per leerroute (voor de opleidingsquote)"},
		{"absence_rate", "Verzuim", pct1(r.AbsenceRate)},
		{"lateral_entry_age", "Leeftijd zij-instromers", fmt.Sprintf("%d jaar", r.LateralEntryAge)},
		{"returner_age", "Leeftijd herintreders", fmt.Sprintf("%d jaar", r.ReturnerAge)},
		{"sector_yield_per_contract_hour", "Grotere contracten en sectorrendement", fmt.Sprintf("%s procentpunt per uur", nl.Dec(100*r.SectorYieldPerContractHour, 1))},
		{"uncertainty", "Onzekerheid", fmt.Sprintf("uitval x %s tot %s, sectorrendement x %s tot %s, uitstroom x %s tot %s, deeltijdfactor x %s tot %s, vraaggroei %s tot %s procentpunt per jaar",
			nl.Dec(u.Dropout.Low, 2), nl.Dec(u.Dropout.High, 2), nl.Dec(u.SectorYield.Low, 2), nl.Dec(u.SectorYield.High, 2),
			nl.Dec(u.OtherOutflow.Low, 2), nl.Dec(u.OtherOutflow.High, 2), nl.Dec(u.PartTimeFactor.Low, 2), nl.Dec(u.PartTimeFactor.High, 2),
			nl.Dec(100*u.DemandGrowth.Low, 1), nl.Dec(100*u.DemandGrowth.High, 1))},
		{"costs", "Kosten", "eenheidskosten per actie en per studentjaar"},
	}
}

// notes are the region file's notes by field, cleaned for a board.
type notes map[string]string

func noteIndex(in *input) notes {
	ns := notes{}
	for _, n := range in.Notes {
		ns[n.Key] = clean(n.Text)
	}
	return ns
}

// whole is a field's whole note.
func (ns notes) whole(field string) string { return ns[field] }

// itemLabels are the topics the region file's longer notes are divided
// into ("Vraaggroei: aanname per branche, ..."): an item runs from its
// label to the next.
var itemLabels = []string{
	"Per branche", "Werkenden", "Deeltijdfactor", "Vacatures", "Vraaggroei", "Leeftijdsopbouw", "Zij-instroom en herintreders",
	"Mobiliteit tussen branches", "Opleidingen per niveau en leerroute", "Kandidaten", "Uitval per studiejaar", "Sectorrendement",
	"Duur", "Plaatsgebruik", "Productieve fte van werkend lerenden", "Kosten per studentjaar",
}

// item returns the item of a field's note with the given label, without
// the label; "" when the note has none.
func (ns notes) item(field, label string) string {
	text := ns[field]
	i := strings.Index(text, label+":")
	if i < 0 || (i > 0 && !strings.HasSuffix(text[:i], ". ")) {
		return ""
	}
	rest := text[i+len(label)+1:]
	end := len(rest)
	for _, l := range itemLabels {
		if j := strings.Index(rest, ". "+l+":"); j >= 0 && j+1 < end {
			end = j + 1
		}
	}
	return strings.TrimSpace(rest[:end])
}

// sentences returns a field's note from the sentence that starts with
// prefix on.
func (ns notes) sentences(field, prefix string) string {
	text := ns[field]
	if i := strings.Index(text, prefix); i >= 0 {
		return upperFirst(text[i:])
	}
	return text
}

// terms are the region file's field names and files that its notes
// mention, in the words a board reads.
var terms = strings.NewReplacer(
	". student_hours", ". Studenturen",
	". place_hours", ". Plaatsuren",
	"outflow_factor", "uitstroomfactor",
	"student_hours", "studenturen",
	"place_hours", "plaatsuren",
	"(docs/sources.md: ", "(gepubliceerde cijfers: ",
	"niet in docs/sources.md", "geen gepubliceerd cijfer gevonden",
	"docs/sources.md", "de lijst met gepubliceerde cijfers",
	"(REFERENCE.md: ", "(gepubliceerde cijfers: ",
	"niet in REFERENCE.md", "geen gepubliceerd cijfer gevonden",
	"REFERENCE.md", "de lijst met gepubliceerde cijfers",
	"(modus 1)", "(meest waarschijnlijk: de waarde zelf)",
	"(modus 0)", "(meest waarschijnlijk: geen verschil)",
	"[laag, hoog]", "van laag tot hoog",
)

// codeLike finds what is left that reads as code: a field name with an
// underscore, or a file name.
var codeLike = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b[\w-]+\.(md|ya?ml|go|xlsx|json)\b`)

// clean puts a region file's note in a board's words: known field and
// file names replaced, and any sentence that still names code left out.
func clean(note string) string {
	note = terms.Replace(note)
	if !codeLike.MatchString(note) {
		return note
	}
	var kept []string
	for _, s := range splitSentences(note) {
		if !codeLike.MatchString(s) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, " ")
}

// splitSentences splits at ". " before a capital letter.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			out = append(out, s[start:i+1])
			start = i + 2
		}
	}
	return append(out, s[start:])
}

// versionText names the raat build for a reader: "raat v1.2.0", or for a
// build from a working copy "een ontwikkelversie van raat".
func versionText(v string) string {
	if v == "" || strings.Contains(v, "devel") {
		return "een ontwikkelversie van raat"
	}
	return v
}

func joinSources(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// r0 is a board figure rounded like every other (analysis.Round).
func r0(x float64) string { return analysis.RoundText(x) }

// pct1 formats a fraction as a percentage with one decimal, without a
// trailing ",0": 0.12 -> "12%", 0.106 -> "10,6%".
func pct1(frac float64) string {
	return strings.TrimSuffix(nl.Dec(100*frac, 1), ",0") + "%"
}

// growthOf is a branch's yearly demand growth, weighted by its levels'
// staff.
func growthOf(r *forecast.Region, b forecast.Branch) float64 {
	var w, g float64
	for l := range r.Cells[b] {
		c := &r.Cells[b][l]
		n := c.Headcount.Sum() * c.PartTimeFactor
		w += n
		g += n * c.DemandGrowth
	}
	if w == 0 {
		return 0
	}
	return g / w
}

// grow is the change from a to b as a signed percentage: "+21%".
func grow(a, b float64) string {
	if a == 0 {
		return "-"
	}
	ch := (b - a) / a
	s := pct0(ch)
	if ch > 0 {
		s = "+" + s
	}
	return s
}
