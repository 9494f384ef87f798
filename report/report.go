// Package report writes raat's board report: a multi-page A4 PDF in Dutch
// with the headline (the gap at the horizon per scenario), the charts, the
// levers with their contributions and costs, the key assumptions with
// their sources, and when and from what data it was made.
//
// The caller runs the model (Input holds results, not inputs); the report
// draws the charts with package chart, as PNG at 150 DPI, and lays the
// pages out with fpdf (codeberg.org/go-pdf/fpdf, the PDF writer gonum/plot
// itself uses), with the Liberation Sans font embedded so that every
// character prints the same everywhere.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"

	"raat/chart"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
	"raat/yamldoc"
)

// Input is what the report shows.
type Input struct {
	Region *forecast.Region
	// Source names the data the region came from (a file, employer
	// workbooks).
	Source string
	// Made is the date the report carries; Version names the raat build
	// ("raat v1.2.0", "raat (devel)").
	Made    time.Time
	Version string
	// Runs are the scenarios, the baseline first.
	Runs []Run
	// Decomposition and Costs explain the combined scenario (optional).
	Decomposition *scenarios.Decomposition
	Costs         []scenarios.Cost
	// Notes are the region file's sources per field (optional).
	Notes []yamldoc.Note
	// Employers holds what employer workbooks add (optional).
	Employers *Employers
	// Draws and Seed describe the Monte Carlo, if any.
	Draws int
	Seed  uint64
	// Warnings are shown in the accountability section.
	Warnings []string
}

// Run is one scenario's result.
type Run struct {
	Name, Description string
	Result            *forecast.Result
	// Dist is the Monte Carlo distribution, or nil.
	Dist *forecast.Distribution
}

// Employers is the employer data of the region.
type Employers struct {
	// Delivered and Names: the workbooks the region is built from.
	Names []string
	// Coverage says how much of the region's staff they hold, per branch
	// (ingest.Summary.CoverageText).
	Coverage string
	// Quotes per employer (training FTE per 100 FTE), against Reference.
	Quotes    []float64
	Reference float64
	// Outflow[r][b] is the leavers of reason r in branch b over a year.
	Branches, Reasons []string
	Outflow           [][]float64
}

// page geometry in mm
const (
	pageW, margin = 210.0, 18.0
	textW         = pageW - 2*margin
	chartH        = textW * 12 / 20 // the charts' aspect ratio
)

// Write renders the report as PDF to w.
func Write(w io.Writer, in *Input) error {
	if in.Region == nil || len(in.Runs) == 0 || in.Runs[0].Result == nil {
		return fmt.Errorf("report: no region or no baseline run")
	}
	d := &doc{in: in, pdf: fpdf.New("P", "mm", "A4", "")}
	pdf := d.pdf
	pdf.SetCompression(true)
	pdf.SetCreationDate(in.Made)
	pdf.SetModificationDate(in.Made)
	pdf.SetTitle("Tekorten in zorg en welzijn, "+in.Region.Name, true)
	pdf.SetAuthor("raat", true)
	pdf.SetCreator(in.Version, true)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, 16)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		d.font(8, "")
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("raat · %s · %s · pagina %d van {nb}", in.Region.Name, dateNL(in.Made), pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	d.headline()
	d.levers()
	d.flows()
	if in.Employers != nil && len(in.Employers.Names) > 0 {
		d.employers()
	}
	d.assumptions()
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return pdf.Output(w)
}

type doc struct {
	in     *Input
	pdf    *fpdf.Fpdf
	charts int
}

func (d *doc) font(size float64, style string) { d.pdf.SetFont("sans", style, size) }

func (d *doc) title(s string) {
	d.font(16, "B")
	d.pdf.SetTextColor(0x1b, 0x2f, 0x5e)
	d.pdf.MultiCell(0, 8, s, "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(2)
}

func (d *doc) heading(s string) {
	d.pdf.Ln(3)
	d.font(12, "B")
	d.pdf.MultiCell(0, 6, s, "", "L", false)
	d.pdf.Ln(1)
}

func (d *doc) para(s string) {
	d.font(10, "")
	d.pdf.MultiCell(0, 5, s, "", "L", false)
	d.pdf.Ln(1.5)
}

// image places a chart at full text width.
func (d *doc) image(p *plot.Plot) {
	var buf bytes.Buffer
	if err := chart.Write(&buf, p, "png"); err != nil {
		d.pdf.SetError(err)
		return
	}
	d.charts++
	name := fmt.Sprintf("chart%d", d.charts)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opt, &buf)
	if d.pdf.GetY()+chartH > 297-18 {
		d.pdf.AddPage()
	}
	d.pdf.ImageOptions(name, margin, d.pdf.GetY(), textW, chartH, true, opt, 0, "")
	d.pdf.Ln(2)
}

// table prints a header and rows; the first column left-aligned, the rest
// right-aligned; widths in mm (the last takes the remaining width).
func (d *doc) table(widths []float64, header []string, rows [][]string) {
	pdf := d.pdf
	d.font(9, "B")
	pdf.SetFillColor(0xe8, 0xec, 0xf4)
	for i, h := range header {
		pdf.CellFormat(widths[i], 6, h, "B", 0, align(i), true, 0, "")
	}
	pdf.Ln(-1)
	d.font(9, "")
	for r, row := range rows {
		fill := r%2 == 1
		pdf.SetFillColor(0xf6, 0xf7, 0xfa)
		for i, c := range row {
			pdf.CellFormat(widths[i], 5.5, c, "", 0, align(i), fill, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(2)
}

func align(col int) string {
	if col == 0 {
		return "L"
	}
	return "R"
}

// headline is the first page: what the board must know.
func (d *doc) headline() {
	in, pdf := d.in, d.pdf
	base := in.Runs[0].Result
	pdf.AddPage()
	d.title(fmt.Sprintf("Tekorten in zorg en welzijn, %s", in.Region.Name))
	d.font(10, "")
	pdf.SetTextColor(80, 80, 80)
	pdf.MultiCell(0, 5, fmt.Sprintf("Prognose %d-%d van vraag, aanbod en tekort aan personeel, met de acties van het regionale actieplan (RAAT). Gemaakt op %s.",
		base.From, base.To, dateNL(in.Made)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)

	first, last := base.Total(base.From), base.Total(base.To)
	var kern []string
	kern = append(kern, fmt.Sprintf("Zonder extra maatregelen loopt het tekort op van %s fte in %d (%s van de vraag) tot %s fte in %d (%s).",
		nl.Int(first.ShortfallFTE), base.From, pct(first.ShortfallFTE, first.DemandFTE),
		nl.Int(last.ShortfallFTE), base.To, pct(last.ShortfallFTE, last.DemandFTE)))
	if q := quantiles(in.Runs[0], base.To); q != nil {
		kern = append(kern, fmt.Sprintf("Met de onzekerheid in de aannames ligt het tekort in %d met 80%% zekerheid tussen %s en %s fte (P10-P90, %d trekkingen).",
			base.To, nl.Int(q[0]), nl.Int(q[2]), in.Draws))
	}
	kern = append(kern, fmt.Sprintf("In %d staan %s werkenden (%s fte) tegenover een vraag van %s fte; jaarlijks vertrekken er %s, van wie %s met pensioen.",
		base.From, nl.Int(first.Headcount), nl.Int(first.WorkforceFTE), nl.Int(first.DemandFTE),
		nl.Int(first.OutflowOther+first.OutflowRetirement), nl.Int(first.OutflowRetirement)))
	for _, r := range in.Runs[1:] {
		t := r.Result.Total(r.Result.To)
		verb := "een tekort van"
		if t.ShortfallFTE < 0 {
			verb = "een overschot van"
		}
		kern = append(kern, fmt.Sprintf("Scenario %s (%s): in %d %s %s fte.", r.Name, lowerFirst(r.Description), r.Result.To, verb, nl.Int(abs(t.ShortfallFTE))))
	}
	d.box("Kern", kern)

	d.heading("Tekort per scenario")
	mid := base.From + (base.To-base.From)/2
	header := []string{"scenario", fmt.Sprintf("tekort %d", base.From), fmt.Sprintf("tekort %d", mid), fmt.Sprintf("tekort %d", base.To), "P10-P90 " + fmt.Sprint(base.To)}
	var rows [][]string
	for _, r := range in.Runs {
		band := "-"
		if q := quantiles(r, base.To); q != nil {
			band = nl.Int(q[0]) + " tot " + nl.Int(q[2])
		}
		rows = append(rows, []string{r.Name, nl.Int(r.Result.Total(base.From).ShortfallFTE), nl.Int(r.Result.Total(mid).ShortfallFTE),
			nl.Int(r.Result.Total(base.To).ShortfallFTE), band})
	}
	d.table([]float64{50, 28, 28, 28, 40}, header, rows)
	p, err := chart.Shortfall(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s", in.Region.Name), d.series())
	if err != nil {
		pdf.SetError(err)
		return
	}
	d.image(p)
}

// box prints a shaded block of sentences.
func (d *doc) box(title string, lines []string) {
	pdf := d.pdf
	pdf.SetFillColor(0xee, 0xf1, 0xf7)
	d.font(11, "B")
	pdf.CellFormat(0, 7, " "+title, "", 1, "L", true, 0, "")
	d.font(10, "")
	for _, l := range lines {
		pdf.MultiCell(0, 5.2, " • "+l, "", "L", true)
	}
	pdf.CellFormat(0, 2, "", "", 1, "L", true, 0, "")
	pdf.Ln(2)
}

func (d *doc) series() []chart.Series {
	var rs []chart.ScenarioRun
	for _, r := range d.in.Runs {
		rs = append(rs, chart.ScenarioRun{Name: r.Name, Result: r.Result, Dist: r.Dist})
	}
	return chart.SeriesOf(rs)
}

// quantiles returns P10, P50, P90 of a run's total in year y, or nil.
func quantiles(r Run, y int) []float64 {
	if r.Dist == nil {
		return nil
	}
	s := r.Dist.Find(r.Result.Region, forecast.AllBranches, forecast.AllLevels)
	if s == nil {
		return nil
	}
	return s.Quantiles[y-r.Result.From]
}

// levers is the page on what each action contributes and costs.
func (d *doc) levers() {
	in, pdf := d.in, d.pdf
	dec := in.Decomposition
	if dec == nil || len(dec.Levers) == 0 {
		return
	}
	pdf.AddPage()
	last := len(dec.Years) - 1
	y := dec.Years[last]
	d.title("Wat brengen de acties op?")
	d.para(fmt.Sprintf("Het scenario %s verandert het tekort in %d van %s naar %s fte. De grafiek verdeelt die verandering over de acties. "+
		"Acties versterken of overlappen elkaar; de verdeling telt elke actie mee in elke volgorde waarin de acties genomen kunnen worden "+
		"(Shapley-waarden), zodat de bijdragen optellen tot de totale verandering en niet afhangen van de volgorde in het plan.",
		dec.Scenario, y, nl.Int(dec.Baseline[last]), nl.Int(dec.WithLevers[last])))
	p, err := chart.WaterfallOf(fmt.Sprintf("Van basis naar %s, %d", dec.Scenario, y), dec, 0)
	if err != nil {
		pdf.SetError(err)
		return
	}
	d.image(p)
	d.heading("Bijdrage en kosten per actie")
	costOf := map[forecast.Lever]scenarios.Cost{}
	for _, c := range in.Costs {
		costOf[c.Lever] = c
	}
	var rows [][]string
	for _, c := range dec.Levers {
		cost, ok := costOf[c.Lever]
		eur, per := "-", "-"
		if ok {
			eur = nl.Dec(cost.EUR/1e6, 1)
			if cost.EURPerFTEYear > 0 {
				per = nl.Int(cost.EURPerFTEYear)
			}
		}
		rows = append(rows, []string{c.Lever.Kind.Label(), nl.Num(c.Lever.Size) + " " + c.Lever.Kind.UnitNL(), nl.Int(c.Effect[last]), eur, per})
	}
	d.table([]float64{52, 56, 22, 22, 22}, []string{"actie", "omvang", fmt.Sprintf("fte %d", y), "mln euro", "euro/fte-jaar"}, rows)
	d.font(8, "")
	pdf.MultiCell(0, 4, fmt.Sprintf("fte %d: bijdrage aan het tekort in %d (negatief verkleint het). mln euro: kosten van de actie op zichzelf van %d tot %d, "+
		"met de eenheidskosten uit het regiobestand. euro/fte-jaar: die kosten gedeeld door het tekort dat de actie op zichzelf dicht, opgeteld over de jaren; "+
		"hoe lager, hoe kosteneffectiever.", y, y, dec.Years[0], y), "", "L", false)
}

// flows is the page on the workforce: inflow against outflow, and the
// branches at the horizon.
func (d *doc) flows() {
	in, pdf := d.in, d.pdf
	base := in.Runs[0].Result
	pdf.AddPage()
	d.title("Instroom, uitstroom en branches")
	d.para("Elk jaar stromen schoolverlaters, zij-instromers en herintreders in, en vertrekken werkenden met pensioen of om andere redenen. " +
		"De lijn is de netto verandering van het aantal werkenden (scenario basis).")
	p, err := chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s", in.Region.Name), base)
	if err != nil {
		pdf.SetError(err)
		return
	}
	d.image(p)
	d.heading(fmt.Sprintf("Per branche in %d (scenario basis)", base.To))
	var rows [][]string
	for _, b := range forecast.Branches() {
		s := base.Sum(base.To, func(r *forecast.Row) bool { return r.Branch == b })
		rows = append(rows, []string{b.Label(), nl.Int(s.DemandFTE), nl.Int(s.SupplyFTE), nl.Int(s.ShortfallFTE), pct(s.ShortfallFTE, s.DemandFTE)})
	}
	t := base.Total(base.To)
	rows = append(rows, []string{"totaal", nl.Int(t.DemandFTE), nl.Int(t.SupplyFTE), nl.Int(t.ShortfallFTE), pct(t.ShortfallFTE, t.DemandFTE)})
	d.table([]float64{58, 29, 29, 29, 29}, []string{"branche", "vraag fte", "aanbod fte", "tekort fte", "tekort %"}, rows)
}

// employers is the page on what the employers delivered.
func (d *doc) employers() {
	e, pdf := d.in.Employers, d.pdf
	pdf.AddPage()
	d.title("Werkgevers: opleiden en uitstroom")
	d.para(fmt.Sprintf("Deze prognose rust op de werkgeversuitvraag van %d werkgevers: %s.", len(e.Names), strings.Join(e.Names, ", ")))
	if e.Coverage != "" {
		d.para("Dekking: " + e.Coverage + ". Hun cijfers zijn per branche en niveau opgehoogd tot het personeel van de regio; een branche zonder werkgever rekent met de aannames van het regiobestand.")
	}
	if len(e.Quotes) == len(e.Names) {
		p, err := chart.Quotes("Opleidingsquote per werkgever", e.Names, e.Quotes, e.Reference)
		if err != nil {
			pdf.SetError(err)
			return
		}
		d.image(p)
	}
	if len(e.Outflow) > 0 {
		p, err := chart.Outflow("Uitstroom per branche naar reden", e.Branches, e.Reasons, e.Outflow)
		if err != nil {
			pdf.SetError(err)
			return
		}
		d.image(p)
	}
}

// assumptions lists the key assumptions with their sources, and how the
// report was made.
func (d *doc) assumptions() {
	in, pdf := d.in, d.pdf
	pdf.AddPage()
	d.title("Aannames en bronnen")
	d.para("De belangrijkste aannames van het model, met de bron of de redenering zoals die in het regiobestand staan.")
	widths := []float64{40, 32, textW - 72}
	d.font(9, "B")
	pdf.SetFillColor(0xe8, 0xec, 0xf4)
	for i, h := range []string{"aanname", "waarde", "bron of redenering"} {
		pdf.CellFormat(widths[i], 6, h, "B", 0, "L", true, 0, "")
	}
	pdf.Ln(-1)
	notes := map[string]string{}
	for _, n := range in.Notes {
		notes[n.Key] = n.Text
	}
	for _, a := range keyAssumptions(in) {
		d.font(9, "")
		note := notes[a.field]
		if note == "" {
			note = "-"
		}
		// Long notes are cut: the board reads a summary; the file has it all.
		lines := pdf.SplitText(note, widths[2]-2)
		if len(lines) > maxNoteLines {
			lines = append(lines[:maxNoteLines-1], "… (volledig in het regiobestand)")
			note = strings.Join(lines, " ")
		}
		d.font(9, "B")
		labelLines := len(pdf.SplitText(a.label, widths[0]-2))
		d.font(9, "")
		valueLines := len(pdf.SplitText(a.value, widths[1]-2))
		h := 4.5 * float64(max(1, len(lines), labelLines, valueLines))
		if pdf.GetY()+h > 297-20 {
			pdf.AddPage()
		}
		x, y := pdf.GetX(), pdf.GetY()
		d.font(9, "B")
		pdf.MultiCell(widths[0], 4.5, a.label, "", "L", false)
		d.font(9, "")
		pdf.SetXY(x+widths[0], y)
		pdf.MultiCell(widths[1], 4.5, a.value, "", "L", false)
		pdf.SetXY(x+widths[0]+widths[1], y)
		pdf.MultiCell(widths[2], 4.5, note, "", "L", false)
		pdf.SetXY(x, y+h+1.5)
		pdf.SetDrawColor(0xdd, 0xdd, 0xdd)
		pdf.Line(margin, y+h+0.7, pageW-margin, y+h+0.7)
	}
	d.heading("Verantwoording")
	var names []string
	for _, r := range in.Runs {
		names = append(names, r.Name)
	}
	lines := []string{
		fmt.Sprintf("Gemaakt op %s met %s.", dateNL(in.Made), in.Version),
		fmt.Sprintf("Gegevens: %s (basisjaar %d).", in.Source, in.Region.BaseYear),
		fmt.Sprintf("Scenario's: %s.", strings.Join(names, ", ")),
	}
	if in.Draws > 0 {
		lines = append(lines, fmt.Sprintf("Onzekerheid: Monte Carlo met %d trekkingen, seed %d; dezelfde seed geeft dezelfde uitkomst.", in.Draws, in.Seed))
	}
	lines = append(lines, "Model: cohortmodel per branche, niveau en leeftijd, met instroom uit opleidingen (uitval per studiejaar, "+
		"sectorrendement, plaatsen als plafond), zij-instroom, herintreders, uitstroom naar leeftijd en pensioen, en vraag vanaf het "+
		"basisjaar plus openstaande vacatures. De vergelijkingen staan in de documentatie van het pakket forecast.")
	for _, w := range in.Warnings {
		lines = append(lines, "Let op: "+w)
	}
	for _, l := range lines {
		d.para(l)
	}
}

// maxNoteLines is the most lines of a source note the report prints.
const maxNoteLines = 7

type assumption struct{ field, label, value string }

// keyAssumptions are the region file's top-level fields a board should
// see, with their values.
func keyAssumptions(in *Input) []assumption {
	r := in.Region
	base := in.Runs[0].Result
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
		{"stay_past_pension", "Doorwerken na AOW", nl.Percent(r.StayPastPension)},
		{"past_pension_outflow", "Stoppen na AOW", nl.Percent(r.PastPensionOutflow) + " per jaar"},
		{"early_retirement_rate", "Vervroegd pensioen", nl.Percent(r.EarlyRetirementRate) + " per jaar vanaf 60"},
		{"outflow_by_age", "Uitstroom (geen pensioen)", nl.Percent(t.OutflowOther/t.Headcount) + " per jaar gemiddeld"},
		{"branches", "Werkenden en vacatures", fmt.Sprintf("%s werkenden, deeltijdfactor %s, %s fte vacatures",
			nl.Int(t.Headcount), nl.Dec(t.WorkforceFTE/t.Headcount, 3), nl.Int(t.DemandFTE-t.SupplyFTE))},
		{"programmes", "Opleidingen", fmt.Sprintf("%d opleidingen, instroom %s per jaar", int(progs), nl.Int(intake))},
		{"training", "Opleidingsplaatsen", "uren per plaats per leerroute (opleidingsquote)"},
		{"absence_rate", "Verzuim", nl.Percent(r.AbsenceRate)},
		{"lateral_entry_age", "Leeftijd zij-instromers", fmt.Sprintf("%d jaar", r.LateralEntryAge)},
		{"returner_age", "Leeftijd herintreders", fmt.Sprintf("%d jaar", r.ReturnerAge)},
		{"uncertainty", "Onzekerheid", fmt.Sprintf("uitval x%s-%s, uitstroom x%s-%s, vraaggroei %s tot %s punt",
			nl.Dec(u.Dropout.Low, 2), nl.Dec(u.Dropout.High, 2), nl.Dec(u.OtherOutflow.Low, 2), nl.Dec(u.OtherOutflow.High, 2),
			nl.Dec(u.DemandGrowth.Low, 3), nl.Dec(u.DemandGrowth.High, 3))},
		{"costs", "Kosten", "eenheidskosten per actie en per studentjaar"},
	}
}

var monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

func dateNL(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthsNL[t.Month()-1], t.Year())
}

func pct(part, whole float64) string {
	if whole == 0 {
		return "-"
	}
	return nl.Percent(part / whole)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
