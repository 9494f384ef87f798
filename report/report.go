// Package report writes raat's board report: a multi-page A4 PDF in Dutch
// with the headline (the gap at the horizon per scenario), the charts, the
// levers with their contributions and costs, the key assumptions with
// their sources, and when and from what data it was made.
//
// The report asks an analysis.Study for what it shows (the outcomes, the
// decomposition and costs of one scenario, the employers' figures, the
// warnings), so that it quotes the same numbers as the command line and the
// web application: the central estimate (the deterministic run) in its
// text, its table and as the chart's lines, the Monte Carlo's band around
// it. It draws the charts with package chart, as PNG at 150 DPI, and lays
// the pages out with fpdf (codeberg.org/go-pdf/fpdf, the PDF writer
// gonum/plot itself uses), with the Liberation Sans font embedded so that
// every character prints the same everywhere.
package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"raat/analysis"
	"raat/chart"
	"raat/forecast"
	"raat/nl"
	"raat/scenarios"
	"raat/yamldoc"
)

// Options are what the report needs besides the study.
type Options struct {
	// Made is the date the report carries; Version names the raat build
	// ("raat v1.2.0", "raat (devel)").
	Made    time.Time
	Version string
	// Scenarios are the study's scenarios the report shows, the baseline
	// first; none means all of them.
	Scenarios []string
	// Explain names the scenario whose actions the report decomposes and
	// prices; "" picks the last shown scenario with more than one lever.
	Explain string
	// Notes are the region file's sources per field (optional).
	Notes []yamldoc.Note
}

// input is what the report shows, gathered from the study.
type input struct {
	Options
	region *forecast.Region
	source string
	draws  int
	seed   uint64
	outs   []*analysis.Outcome
	// decomposition and costs explain one scenario (optional).
	decomposition *scenarios.Decomposition
	costs         []scenarios.Cost
	employers     *analysis.Employers
	warnings      []string
}

// gather asks the study for what the report shows.
func gather(ctx context.Context, st *analysis.Study, opt Options) (*input, error) {
	outs, err := st.Outcomes(ctx, opt.Scenarios...)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	in := &input{Options: opt, region: st.Region(), source: st.Source(), draws: st.Options().Draws, seed: st.Options().Seed,
		outs: outs, employers: st.Employers(), warnings: st.Warnings(outs...)}
	var ex *analysis.Outcome
	for _, o := range outs {
		if o.Scenario.Name == opt.Explain || (opt.Explain == "" && len(o.Scenario.Levers) > 1) {
			ex = o
		}
	}
	switch {
	case ex != nil:
		if in.decomposition, err = st.Decomposition(ctx, ex.Scenario.Name); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if in.costs, err = st.Costs(ctx, ex.Scenario.Name); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	case opt.Explain != "":
		return nil, fmt.Errorf("report: the scenario to explain, %q, is not one of the report's scenarios", opt.Explain)
	}
	return in, nil
}

// page geometry in mm
const (
	pageW, margin = 210.0, 18.0
	textW         = pageW - 2*margin
	chartH        = textW * 12 / 20 // the charts' aspect ratio
)

// Write renders the report of the study as PDF to w.
func Write(ctx context.Context, w io.Writer, st *analysis.Study, opt Options) error {
	d, err := build(ctx, st, opt)
	if err != nil {
		return err
	}
	return d.pdf.Output(w)
}

// build lays the report out.
func build(ctx context.Context, st *analysis.Study, opt Options) (*doc, error) {
	in, err := gather(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	d := &doc{in: in, pdf: fpdf.New("P", "mm", "A4", "")}
	pdf := d.pdf
	pdf.SetCompression(true)
	pdf.SetCreationDate(in.Made)
	pdf.SetModificationDate(in.Made)
	pdf.SetTitle("Tekorten in zorg en welzijn, "+in.region.Name, true)
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
		pdf.CellFormat(0, 5, fmt.Sprintf("raat · %s · %s · pagina %d van {nb}", in.region.Name, dateNL(in.Made), pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	d.headline()
	d.levers()
	d.flows()
	if in.employers != nil && len(in.employers.Names) > 0 {
		d.employers()
	}
	d.assumptions()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return d, nil
}

type doc struct {
	in  *input
	pdf *fpdf.Fpdf
	// charts are the charts placed, in order.
	charts []*chart.Chart
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
func (d *doc) image(c *chart.Chart) {
	var buf bytes.Buffer
	if err := c.Write(&buf, chart.PNG); err != nil {
		d.pdf.SetError(err)
		return
	}
	d.charts = append(d.charts, c)
	name := fmt.Sprintf("chart%d", len(d.charts))
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
	baseOut := in.outs[0]
	base := baseOut.Run
	pdf.AddPage()
	d.title(fmt.Sprintf("Tekorten in zorg en welzijn, %s", in.region.Name))
	d.font(10, "")
	pdf.SetTextColor(80, 80, 80)
	pdf.MultiCell(0, 5, fmt.Sprintf("Prognose %d-%d van vraag, aanbod en tekort aan personeel, met de acties van het regionale actieplan (RAAT). Gemaakt op %s.",
		base.From, base.To, dateNL(in.Made)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)

	first, last := base.Total(base.From), base.Total(base.To)
	short := baseOut.Shortfall()
	now, end := short[0], short[len(short)-1]
	var kern []string
	kern = append(kern, fmt.Sprintf("Zonder extra maatregelen loopt het tekort volgens de centrale raming op van %s fte in %d (%s van de vraag) tot %s fte in %d (%s).",
		nl.Int(now.Central), base.From, pct(now.Central, first.DemandFTE),
		nl.Int(end.Central), base.To, pct(end.Central, last.DemandFTE)))
	if end.HasBand {
		kern = append(kern, fmt.Sprintf("Met de onzekerheid in de aannames: %s in %d (de band, uit %d trekkingen).",
			end.BandText(), base.To, in.draws))
	}
	kern = append(kern, fmt.Sprintf("In %d staan %s werkenden (%s fte) tegenover een vraag van %s fte; jaarlijks vertrekken er %s, van wie %s met pensioen.",
		base.From, nl.Int(first.Headcount), nl.Int(first.WorkforceFTE), nl.Int(first.DemandFTE),
		nl.Int(first.OutflowOther+first.OutflowRetirement), nl.Int(first.OutflowRetirement)))
	for _, o := range in.outs[1:] {
		h := o.Horizon()
		verb := "een tekort van"
		if h.Central < 0 {
			verb = "een overschot van"
		}
		kern = append(kern, fmt.Sprintf("Scenario %s (%s): in %d %s %s fte.", o.Scenario.Name, lowerFirst(o.Scenario.Description), h.Year, verb, nl.Int(abs(h.Central))))
	}
	d.box("Kern", kern)

	d.heading("Tekort per scenario")
	mid := base.From + (base.To-base.From)/2
	header := []string{"scenario", fmt.Sprintf("tekort %d", base.From), fmt.Sprintf("tekort %d", mid), fmt.Sprintf("tekort %d", base.To), fmt.Sprintf("band %d", base.To)}
	var rows [][]string
	for _, o := range in.outs {
		pts := o.Shortfall()
		band := "-"
		if h := pts[len(pts)-1]; h.HasBand {
			band = nl.Int(h.Low) + " tot " + nl.Int(h.High)
		}
		rows = append(rows, []string{o.Scenario.Name, nl.Int(pts[0].Central), nl.Int(pts[mid-base.From].Central),
			nl.Int(pts[len(pts)-1].Central), band})
	}
	d.table([]float64{50, 28, 28, 28, 40}, header, rows)
	d.font(8, "")
	note := "Tekort: de centrale raming, in fte; negatief is een overschot."
	if end.HasBand {
		note += " Band: 8 van de 10 uitkomsten van de onzekerheidsberekening liggen daartussen; de grafiek toont de centrale raming als lijn en de band gearceerd."
	}
	pdf.MultiCell(0, 4, note, "", "L", false)
	pdf.Ln(2)
	c, err := chart.ShortfallOf(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s", in.region.Name), in.outs)
	if err != nil {
		pdf.SetError(err)
		return
	}
	d.image(c)
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

// levers is the page on what each action contributes and costs.
func (d *doc) levers() {
	in, pdf := d.in, d.pdf
	dec := in.decomposition
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
	for _, c := range in.costs {
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
	base := in.outs[0].Run
	pdf.AddPage()
	d.title("Instroom, uitstroom en branches")
	d.para("Elk jaar stromen schoolverlaters, zij-instromers en herintreders in, en vertrekken werkenden met pensioen of om andere redenen. " +
		"De lijn is de netto verandering van het aantal werkenden (scenario basis).")
	p, err := chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s", in.region.Name), base)
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
	e, pdf := d.in.employers, d.pdf
	pdf.AddPage()
	d.title("Werkgevers: opleiden en uitstroom")
	d.para(fmt.Sprintf("Deze prognose rust op de werkgeversuitvraag van %d werkgevers: %s.", len(e.Names), strings.Join(e.Names, ", ")))
	if e.Coverage != "" {
		d.para("Dekking: " + e.Coverage + ". Hun cijfers zijn per branche en niveau opgehoogd tot het personeel van de regio; een branche zonder werkgever rekent met de aannames van het regiobestand.")
	}
	if len(e.Quotes) == len(e.Names) {
		p, err := chart.QuotesOf("Opleidingsquote per werkgever", e)
		if err != nil {
			pdf.SetError(err)
			return
		}
		d.image(p)
	}
	if len(e.Outflow) > 0 {
		p, err := chart.OutflowOf("Uitstroom per branche naar reden", e)
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
	for _, o := range in.outs {
		names = append(names, o.Scenario.Name)
	}
	lines := []string{
		fmt.Sprintf("Gemaakt op %s met %s.", dateNL(in.Made), in.Version),
		fmt.Sprintf("Gegevens: %s (basisjaar %d).", in.source, in.region.BaseYear),
		fmt.Sprintf("Scenario's: %s.", strings.Join(names, ", ")),
	}
	if in.employers != nil && in.employers.Coverage != "" {
		lines = append(lines, "Dekking van de werkgeversuitvraag: "+in.employers.Coverage+".")
	}
	if in.draws > 0 {
		lines = append(lines, fmt.Sprintf("Onzekerheid: Monte Carlo met %d trekkingen, seed %d; dezelfde seed geeft dezelfde uitkomst. "+
			"De centrale raming rekent met de aannames zoals ze zijn; de band is waar 8 van de 10 trekkingen uitkomen.", in.draws, in.seed))
	}
	lines = append(lines, "Model: cohortmodel per branche, niveau en leeftijd, met instroom uit opleidingen (uitval per studiejaar, "+
		"sectorrendement, plaatsen als plafond), zij-instroom, herintreders, uitstroom naar leeftijd en pensioen, en vraag vanaf het "+
		"basisjaar plus openstaande vacatures. De vergelijkingen staan in de documentatie van het pakket forecast.")
	for _, w := range in.warnings {
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
