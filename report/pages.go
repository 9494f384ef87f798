package report

import (
	"fmt"
	"math"
	"strings"

	"raat/analysis"
	"raat/chart"
	"raat/forecast"
	"raat/nl"
)

// r is a board figure: rounded as every board surface rounds it.
func r(fte float64) string { return analysis.RoundText(fte) }

// pct0 is a share as a whole percentage: "14%".
func pct0(frac float64) string {
	if math.IsNaN(frac) {
		return "-"
	}
	return nl.Dec(100*frac, 0) + "%"
}

// planOf is the outcome the headline measures the baseline against: the
// explained plan, or the last scenario shown.
func (in *input) planOf() *analysis.Outcome {
	if in.plan != nil {
		return in.plan
	}
	if len(in.outs) > 1 {
		return in.outs[len(in.outs)-1]
	}
	return nil
}

// headline is the first page: what the board must know.
func (d *doc) headline() {
	in, pdf := d.in, d.pdf
	base := in.outs[0]
	res := base.Run
	plan := in.planOf()
	pdf.AddPage()
	d.font(9, "")
	pdf.SetTextColor(90, 90, 90)
	pdf.MultiCell(0, 4.5, fmt.Sprintf("Tekorten in zorg en welzijn, %s · prognose %d-%d · %s", in.region.Name, res.From, res.To, dateNL(in.Made)), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1)
	d.title(analysis.Headline(base, plan))
	d.font(9, "")
	pdf.SetTextColor(60, 60, 60)
	pdf.MultiCell(0, 4.5, in.study.Coverage(), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(3)

	now := res.Total(res.From)
	h := base.Horizon()
	total := base.Total(h.Year)
	kern := []string{fmt.Sprintf("In %d vragen zorg en welzijn ca. %s fte. Het aanbod is ca. %s fte: ca. %s fte van %s werkenden en ca. %s fte van studenten die werkend leren. Het verschil, ca. %s fte, %s",
		res.From, r(now.DemandFTE), r(now.SupplyFTE), r(now.WorkforceFTE), r(now.Headcount), r(now.StudentFTE), r(now.ShortfallFTE), baseGap(in.region, now.ShortfallFTE))}
	s := fmt.Sprintf("Zonder extra maatregelen (%s) loopt het tekort op tot ca. %s fte in %d, %s van de vraag.", base.Scenario.Label(), r(h.Central), h.Year, pct0(total.Share()))
	if h.HasBand {
		s += fmt.Sprintf(" Met de onzekerheid in de aannames liggen 8 van de 10 uitkomsten tussen ca. %s en %s fte.", r(h.Low), r(h.High))
	}
	kern = append(kern, s)
	if plan != nil && plan != base {
		kern = append(kern, planSentence(plan))
	}
	var others []string
	for _, o := range in.outs[1:] {
		if o != plan {
			others = append(others, fmt.Sprintf("%s ca. %s", o.Scenario.Label(), r(o.Horizon().Central)))
		}
	}
	if len(others) > 0 {
		kern = append(kern, fmt.Sprintf("Elke actie apart, tekort in %d: %s fte.", h.Year, joinAnd(others)))
	}
	d.box("Kern", kern)

	d.heading("Tekort per scenario (fte, centrale raming)", 30)
	mid := res.From + (res.To-res.From)/2
	header := []string{"scenario", fmt.Sprint(res.From), fmt.Sprint(mid), fmt.Sprint(res.To), fmt.Sprintf("%% van de vraag %d", res.To), fmt.Sprintf("band %d", res.To)}
	var rows [][]string
	for _, o := range in.outs {
		pts := o.Shortfall()
		band := "-"
		if end := pts[len(pts)-1]; end.HasBand {
			band = r(end.Low) + " tot " + r(end.High)
		}
		rows = append(rows, []string{o.Scenario.Label(), r(pts[0].Central), r(pts[mid-res.From].Central), r(pts[len(pts)-1].Central),
			pct0(o.Total(res.To).Share()), band})
	}
	d.table([]float64{44, 20, 20, 20, 32, 38}, header, rows, false)
	note := "Negatief is een overschot. Afgerond op honderden (onder de 1.000 op tientallen): nauwkeuriger kan het model het niet zeggen."
	if h.HasBand {
		note += " Band: 8 van de 10 uitkomsten van de onzekerheidsberekening liggen daartussen; de grafiek arceert de band van de basis en van het plan."
	}
	d.small(note)
	d.chart(chart.ShortfallOf(fmt.Sprintf("Tekort aan personeel in zorg en welzijn, %s", in.region.Name), in.study.BandSource(), in.outs))
}

// demand is the page on why demand grows: the split of each branch's
// demand change into demography and the rest, as text, chart and table.
func (d *doc) demand() {
	in, pdf := d.in, d.pdf
	base := in.outs[0]
	res := base.Run
	cs := analysis.DemandChanges(in.region, res, res.From, res.To, nil)
	pdf.AddPage()
	d.title("Waarom groeit de vraag?")
	d.para(analysis.DemandText(in.region, cs))
	d.chart(chart.DemandOf(fmt.Sprintf("Groei van de vraag %d-%d per branche, %s", res.From, res.To, in.region.Name), in.study.ChartSource(), cs))
	header := []string{"branche", fmt.Sprintf("vraag %d", res.From), fmt.Sprintf("vraag %d", res.To), "groei", "door de bevolking", "overig"}
	var rows [][]string
	for _, c := range cs {
		if c.FromFTE == 0 {
			continue
		}
		name := "totaal"
		if c.Branch != forecast.AllBranches {
			name = c.Branch.Label()
		}
		rows = append(rows, []string{name, r(c.FromFTE), r(c.ToFTE), signed(c.Share(c.ToFTE - c.FromFTE)), signed(c.Share(c.DemographyFTE)), signed(c.Share(c.OtherFTE))})
	}
	d.table([]float64{50, 24, 24, 24, 32, 24}, header, rows, true)
	d.small("Groei in % van de vraag in het eerste jaar; door de bevolking is wat de bevolkingsprognose met het zorggebruik per leeftijd alleen zou geven, overig de rest (ziekte, technologie, beleid, en de maatregelen van het scenario aan de vraagkant).")
}

func signed(frac float64) string {
	if frac >= 0.005 {
		return "+" + pct0(frac)
	}
	return pct0(frac)
}

// planSentence says what the plan does, in one bullet of page 1.
func planSentence(plan *analysis.Outcome) string {
	h := plan.Horizon()
	var b strings.Builder
	name := analysis.PlanName(plan.Scenario.Label())
	if h.Central < 0 {
		fmt.Fprintf(&b, "Met %s (%s) is er in %d ca. %s fte overschot", name, lowerFirst(plan.Scenario.Description), h.Year, r(-h.Central))
	} else {
		fmt.Fprintf(&b, "Met %s (%s) blijft er in %d ca. %s fte tekort", name, lowerFirst(plan.Scenario.Description), h.Year, r(h.Central))
	}
	if year, closed := plan.ClosedFrom(); closed {
		fmt.Fprintf(&b, "; het tekort is weg vanaf ongeveer %d", year)
	}
	b.WriteString(".")
	gs := plan.Branches(h.Year)
	for _, br := range plan.StillShort() {
		fmt.Fprintf(&b, " In %s blijft ca. %s fte tekort (%s van de vraag).", analysis.BranchName(br), r(gs[br].ShortfallFTE), pct0(gs[br].Share()))
	}
	return b.String()
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
}

// branches is the page per branch: the dot chart, its table, and a
// branch by level heatmap per scenario.
func (d *doc) branches() {
	in, pdf := d.in, d.pdf
	base := in.outs[0]
	year := base.Run.To
	pdf.AddPage()
	d.title("Waar valt het tekort? Per branche")
	bg := base.Branches(year)
	worst := forecast.Branches()[0]
	for _, b := range forecast.Branches() {
		if bg[b].Share() > bg[worst].Share() {
			worst = b
		}
	}
	text := fmt.Sprintf("Het regionale totaal verbergt verschillen tussen branches. Zonder extra maatregelen is het tekort in %d het grootst in %s: %s van de vraag (ca. %s fte).",
		year, analysis.BranchName(worst), pct0(bg[worst].Share()), r(bg[worst].ShortfallFTE))
	if plan := in.planOf(); plan != nil && plan != base {
		pg := plan.Branches(year)
		short := plan.StillShort()
		most := forecast.Branches()[0]
		for _, b := range forecast.Branches() {
			if pg[b].Share() < pg[most].Share() {
				most = b
			}
		}
		if len(short) > 0 {
			var names []string
			for _, b := range short {
				names = append(names, fmt.Sprintf("%s (ca. %s fte, %s)", analysis.BranchName(b), r(pg[b].ShortfallFTE), pct0(pg[b].Share())))
			}
			text += fmt.Sprintf(" Met %s blijft er een tekort in %s", analysis.PlanName(plan.Scenario.Label()), joinAnd(names))
			if pg[most].Share() < 0 {
				text += fmt.Sprintf(", terwijl %s een overschot van %s heeft", analysis.BranchName(most), pct0(-pg[most].Share()))
			}
			text += ": een regionaal overschot is geen overschot in elke branche."
		} else if pg[most].Share() < 0 {
			text += fmt.Sprintf(" Met %s heeft geen branche meer een tekort van betekenis; %s heeft dan het grootste overschot (%s).",
				analysis.PlanName(plan.Scenario.Label()), analysis.BranchName(most), pct0(-pg[most].Share()))
		}
	}
	d.para(text)
	d.chart(chart.BranchesOf(fmt.Sprintf("Tekort per branche in %d, in %% van de vraag", year), in.study.ChartSource(), in.outs, year))

	d.heading(fmt.Sprintf("Tekort per branche in %d (fte, en %% van de vraag)", year), 75)
	header := []string{"branche"}
	n := len(in.outs)
	widths := []float64{textW - 30*float64(n)}
	for _, o := range in.outs {
		header = append(header, o.Scenario.Label())
		widths = append(widths, 30)
	}
	if widths[0] < 40 { // many scenarios: narrower columns
		w := (textW - 40) / float64(n)
		widths[0] = 40
		for i := range n {
			widths[i+1] = w
		}
	}
	gaps := make([][forecast.NumBranches]analysis.Gap, n)
	for i, o := range in.outs {
		gaps[i] = o.Branches(year)
	}
	var rows [][]string
	for _, b := range forecast.Branches() {
		row := []string{b.Label()}
		for i := range in.outs {
			g := gaps[i][b]
			row = append(row, fmt.Sprintf("%s (%s)", r(g.ShortfallFTE), pct0(g.Share())))
		}
		rows = append(rows, row)
	}
	row := []string{"totaal"}
	for _, o := range in.outs {
		g := o.Total(year)
		row = append(row, fmt.Sprintf("%s (%s)", r(g.ShortfallFTE), pct0(g.Share())))
	}
	rows = append(rows, row)
	d.table(widths, header, rows, true)
	d.small("Tekort in fte, centrale raming; tussen haakjes als deel van de vraag van de branche. Negatief is een overschot.")

	pdf.AddPage()
	d.title("Per branche en niveau")
	d.para(fmt.Sprintf("Binnen een branche verschilt het tekort per opleidingsniveau. Elke tabel hieronder geeft het tekort in %d als deel van de vraag, "+
		"per branche en niveau: oranje is een tekort, groen een overschot, hoe donkerder hoe groter; grijs is een combinatie zonder personeel.", year))
	for _, o := range in.outs {
		d.chart(chart.HeatmapOf(fmt.Sprintf("%s: tekort per branche en niveau in %d", o.Scenario.Label(), year), in.study.ChartSource(), o, year))
	}
}

// actions is the page on what each action of the plan closes and costs,
// ranked.
func (d *doc) actions() {
	in, pdf := d.in, d.pdf
	a := in.actions
	if a == nil || len(a.Items) == 0 {
		return
	}
	plan := in.plan
	name := plan.Scenario.Label()
	base := in.outs[0].Horizon()
	ph := plan.Horizon()
	pdf.AddPage()
	d.title(fmt.Sprintf("Wat brengen de acties van %s op?", analysis.PlanName(name)))
	after := fmt.Sprintf("een tekort van ca. %s fte", r(ph.Central))
	if ph.Central < 0 {
		after = fmt.Sprintf("een overschot van ca. %s fte", r(-ph.Central))
	}
	var alone float64
	for _, it := range a.Items {
		alone += it.ClosedAtHorizon
	}
	together := "minder dan"
	why := "ze overlappen: wat de ene actie dicht, hoeft de andere niet meer te dichten"
	if a.PlanClosedAtHorizon > alone {
		together, why = "meer dan", "ze versterken elkaar: wie behouden blijft, werkt ook de grotere contracten"
	}
	d.para(fmt.Sprintf("Samen dichten de %d acties in %d ca. %s fte: het tekort van ca. %s fte wordt %s. Ze kosten samen ca. %s mln euro over %d-%d, "+
		"ca. %s euro per fte-jaar gedicht tekort. Samen dichten ze %s wat ze elk op zichzelf dichten (opgeteld ca. %s fte): %s. "+
		"De grafiek rangschikt de acties naar wat elk op zichzelf dicht in %d.",
		len(a.Items), a.To, r(a.PlanClosedAtHorizon), r(base.Central), after, nl.Dec(a.TotalEUR/1e6, 0), a.From, a.To,
		nl.Int(a.PlanEURPerFTEYear()), together, r(alone), why, a.To))
	d.chart(chart.ActionsOf(fmt.Sprintf("Wat elke actie op zichzelf dicht in %d", a.To), in.study.ChartSource(), a))
	d.heading("Acties, kosten en bijdrage", 50)
	var rows [][]string
	for _, it := range a.Items {
		per := "-"
		if it.EURPerFTEYear > 0 {
			per = nl.Int(it.EURPerFTEYear)
		}
		rows = append(rows, []string{it.Label, it.Size, r(it.ClosedAtHorizon), r(it.ClosedFTEYears), nl.Dec(it.EUR/1e6, 1), per, r(it.InPlan)})
	}
	rows = append(rows, []string{name + ", samen", "", r(a.PlanClosedAtHorizon), r(a.PlanClosedFTEYears), nl.Dec(a.TotalEUR/1e6, 1),
		nl.Int(a.PlanEURPerFTEYear()), r(a.PlanClosedAtHorizon)})
	d.table([]float64{38, 42, 17, 19, 17, 19, 22},
		[]string{"actie", "omvang", fmt.Sprintf("fte %d", a.To), "fte-jaren", "mln euro", "euro/fte-jaar", "in het plan"}, rows, true)
	d.small(fmt.Sprintf("fte %d: het tekort dat de actie op zichzelf dicht in %d, tegenover %s. fte-jaren: dat gedichte tekort opgeteld over %d-%d. "+
		"mln euro: de kosten van de actie op zichzelf over die jaren, met de eenheidskosten van de regio, niet verdisconteerd. "+
		"euro/fte-jaar: de kosten gedeeld door de fte-jaren; hoe lager, hoe kosteneffectiever. "+
		"in het plan: wat de actie bijdraagt als alle acties samen lopen (elke volgorde van de acties even zwaar geteld); die bijdragen tellen op tot wat het plan dicht. "+
		"De kosten van het plan zijn de kosten van de acties opgeteld.", a.To, a.To, in.outs[0].Scenario.Label(), a.From, a.To))
	for _, it := range a.Items {
		if it.Why != "" {
			d.font(10, "B")
			pdf.MultiCell(0, 5, fmt.Sprintf("Waarom is %s duur?", lowerFirst(it.Label)), "", "L", false)
			d.para(it.Why)
		}
	}
}

// flows is the page on the workforce: inflow against outflow.
func (d *doc) flows() {
	in, pdf := d.in, d.pdf
	base := in.outs[0].Run
	t := base.Total(base.From)
	pdf.AddPage()
	d.title("Instroom en uitstroom")
	in1 := t.InflowGraduates + t.InflowLateral + t.InflowReturners
	out1 := t.OutflowRetirement + t.OutflowOther
	d.para(fmt.Sprintf("In %d stromen ca. %s mensen in: ca. %s schoolverlaters, ca. %s zij-instromers en ca. %s herintreders. Er vertrekken er ca. %s, "+
		"van wie ca. %s met pensioen; de meesten gaan naar een andere sector of stoppen met werken. De lijn is de netto verandering van het aantal werkenden (%s).",
		base.From, r(in1), r(t.InflowGraduates), r(t.InflowLateral), r(t.InflowReturners), r(out1), r(t.OutflowRetirement), in.outs[0].Scenario.Label()))
	d.chart(chart.FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s, %s", in.region.Name, in.outs[0].Scenario.Label()), in.study.ChartSource(), base))
}

// employers is the page on what the employers delivered.
func (d *doc) employers() {
	e, pdf := d.in.employers, d.pdf
	pdf.AddPage()
	d.title("Werkgevers: opleiden en uitstroom")
	d.para(fmt.Sprintf("Deze prognose rust op de werkgeversuitvraag van %d werkgevers: %s.", len(e.Names), joinAnd(e.Names)))
	if e.Coverage != "" {
		d.para("Dekking: " + e.Coverage + ". Hun cijfers zijn per branche en niveau opgehoogd tot het personeel van de regio; een branche zonder werkgever rekent met de aannames van het regiobestand.")
	}
	src := d.in.study.ChartSource()
	if len(e.Quotes) == len(e.Names) {
		d.chart(chart.QuotesOf("Opleidingsquote per werkgever", src, e))
	}
	if len(e.Outflow) > 0 {
		d.chart(chart.OutflowOf("Uitstroom per branche naar reden, in % van het personeel", src, e))
	}
}

// baseGap says what the base year's gap is made of: the open vacancies and,
// where the region states unmet demand (care asked for that no vacancy
// shows), that demand too, so that the sentence adds up.
func baseGap(reg *forecast.Region, gap float64) string {
	vacancies := vacanciesOf(reg)
	if unmet := gap - vacancies; unmet >= 0.5 {
		return fmt.Sprintf("zijn ca. %s fte openstaande vacatures en ca. %s fte vraag naar zorg die nu onvervuld blijft zonder dat er een vacature voor openstaat.", r(vacancies), r(unmet))
	}
	return "zijn de openstaande vacatures."
}

// vacanciesOf sums the region's open vacancies in the base year, in fte.
func vacanciesOf(reg *forecast.Region) float64 {
	var v float64
	for b := range reg.Cells {
		for l := range reg.Cells[b] {
			v += reg.Cells[b][l].OpenVacanciesFTE
		}
	}
	return v
}
