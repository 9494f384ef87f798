// Package report writes raat's board report: a multi-page A4 PDF in Dutch
// that a director reads in a minute on its first page and an analyst can
// check in its appendix.
//
//   - Page 1: an action title (the rounded headline: the shortfall at the
//     horizon and what the plan does to it), what the figures rest on, the
//     key facts, the table of every scenario and the shortfall chart.
//   - Per branch: a sorted dot chart of each branch's shortfall as a share
//     of its demand under every scenario, the table behind it, and a
//     branch by level heatmap per scenario.
//   - The actions of the plan, ranked by what each closes at the horizon,
//     with what it costs per FTE-year and why where it is costly.
//   - Inflow against outflow, and with employer workbooks the employers'
//     opleidingsquote and outflow rates.
//   - The assumptions a board should know, with their sources, demand
//     growth first, and which uncertain assumption weighs most (a tornado
//     chart).
//   - A technical appendix: the model in words, every source note of the
//     region file, and how the report was made.
//
// The report asks an analysis.Study for everything it shows, so that it
// quotes the same numbers as the command line and the web application: the
// central estimate (the deterministic run) in its text, its tables and as
// the charts' lines, rounded as analysis.Round rounds for boards, and the
// Monte Carlo's band around it. Its text has no code names or file names.
// The charts are drawn as vector graphics onto the pages (chart.DrawPDF),
// in the Liberation Sans the report embeds, with fpdf
// (codeberg.org/go-pdf/fpdf, the PDF writer gonum/plot itself uses).
package report

import (
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
	// Explain names the scenario whose actions the report ranks and
	// prices; "" picks the last shown scenario with more than one lever.
	Explain string
	// Notes are the region file's sources per field (optional).
	Notes []yamldoc.Note
}

// input is what the report shows, gathered from the study.
type input struct {
	Options
	study  *analysis.Study
	region *forecast.Region
	draws  int
	seed   uint64
	outs   []*analysis.Outcome
	// plan is the outcome whose actions the report explains (nil when no
	// shown scenario has more than one lever); actions are its levers.
	plan        *analysis.Outcome
	actions     *analysis.Actions
	sensitivity *analysis.Sensitivity
	employers   *analysis.Employers
	notices     []string
}

// gather asks the study for what the report shows.
func gather(ctx context.Context, st *analysis.Study, opt Options) (*input, error) {
	outs, err := st.Outcomes(ctx, opt.Scenarios...)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	in := &input{Options: opt, study: st, region: st.Region(), draws: st.Options().Draws, seed: st.Options().Seed,
		outs: outs, employers: st.Employers(), notices: st.Notices(outs...)}
	for _, o := range outs {
		if o.Scenario.Name == opt.Explain || (opt.Explain == "" && len(o.Scenario.Levers) > 1) {
			in.plan = o
		}
	}
	switch {
	case in.plan != nil:
		if in.actions, err = st.Actions(ctx, in.plan.Scenario.Name); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	case opt.Explain != "":
		return nil, fmt.Errorf("report: the scenario to explain, %q, is not one of the report's scenarios", opt.Explain)
	}
	if in.sensitivity, err = st.Sensitivity(ctx, outs[0].Scenario.Name); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return in, nil
}

// page geometry in mm
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	textW        = pageW - 2*margin
	bottom       = 16.0 // the footer's room
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
	pdf.SetAutoPageBreak(true, bottom)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		d.font(8, "")
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("raat · %s · %s · pagina %d van {nb}", in.region.Name, dateNL(in.Made), pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	d.headline()
	d.demand()
	d.branches()
	d.actions()
	d.flows()
	if in.employers != nil && len(in.employers.Names) > 0 {
		d.employers()
	}
	d.assumptions()
	d.appendix()
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

var navy = [3]int{0x1b, 0x2f, 0x5e}

func (d *doc) title(s string) {
	d.font(16, "B")
	d.pdf.SetTextColor(navy[0], navy[1], navy[2])
	d.pdf.MultiCell(0, 7.5, s, "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(2)
}

// heading starts a section; room is what must fit below it on the page
// (mm) for the heading to stay with what follows.
func (d *doc) heading(s string, room float64) {
	d.room(room + 8)
	d.pdf.Ln(2)
	d.font(12, "B")
	d.pdf.MultiCell(0, 6, s, "", "L", false)
	d.pdf.Ln(1)
}

func (d *doc) para(s string) {
	d.font(10, "")
	d.pdf.MultiCell(0, 5, s, "", "L", false)
	d.pdf.Ln(1.5)
}

// small is a note under a table or chart.
func (d *doc) small(s string) {
	d.font(8, "")
	d.pdf.SetTextColor(70, 70, 70)
	d.pdf.MultiCell(0, 4, s, "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(2)
}

// room starts a new page unless h mm are left on this one.
func (d *doc) room(h float64) {
	if d.pdf.GetY()+h > pageH-bottom-2 {
		d.pdf.AddPage()
	}
}

// chart draws c at full text width as vector graphics, on a new page when
// it does not fit on this one.
func (d *doc) chart(c *chart.Chart, err error) {
	if err != nil {
		d.pdf.SetError(err)
		return
	}
	h := textW * c.Aspect()
	d.room(h + 2)
	d.charts = append(d.charts, c)
	y := d.pdf.GetY()
	c.DrawPDF(d.pdf, margin, y, textW, h, "sans")
	d.pdf.SetY(y + h + 3)
}

// table prints a header and rows; the first column left-aligned, the rest
// right-aligned; widths in mm. A last row that totals is printed bold when
// total is set.
func (d *doc) table(widths []float64, header []string, rows [][]string, total bool) {
	pdf := d.pdf
	d.room(6 + 5.5*float64(min(len(rows), 6)))
	d.font(8.5, "B")
	pdf.SetFillColor(0xe8, 0xec, 0xf4)
	for i, h := range header {
		pdf.CellFormat(widths[i], 6, h, "B", 0, align(i), true, 0, "")
	}
	pdf.Ln(-1)
	for r, row := range rows {
		style := ""
		if total && r == len(rows)-1 {
			style = "B"
		}
		d.font(8.5, style)
		fill := r%2 == 1
		pdf.SetFillColor(0xf6, 0xf7, 0xfa)
		for i, c := range row {
			pdf.CellFormat(widths[i], 5.2, c, "", 0, align(i), fill, 0, "")
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

// box prints a shaded block of sentences.
func (d *doc) box(title string, lines []string) {
	pdf := d.pdf
	pdf.SetFillColor(0xee, 0xf1, 0xf7)
	d.font(11, "B")
	pdf.CellFormat(0, 7, " "+title, "", 1, "L", true, 0, "")
	d.font(9.5, "")
	for _, l := range lines {
		pdf.MultiCell(0, 4.8, " • "+l, "", "L", true)
	}
	pdf.CellFormat(0, 2, "", "", 1, "L", true, 0, "")
	pdf.Ln(2)
}

var monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

func dateNL(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthsNL[t.Month()-1], t.Year())
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
