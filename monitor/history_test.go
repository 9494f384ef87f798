package monitor

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"raat/forecast"
	"raat/ingest"
	"raat/region"
)

// testRegion is a small region whose rates the tests know: VVT and GGZ,
// mbo3 staff aged 25 to 34, a flat other outflow of 10% a year at every
// age, full contracts of 0.8, no programmes, no mobility, flat demand.
// Nobody reaches 60 in the tests' years, so that only the rates move the
// totals.
func testRegion() *forecast.Region {
	r := &forecast.Region{
		Name: "Testregio", BaseYear: 2025, PensionAge: 67, PastPensionOutflow: 0.5,
		LateralEntryAge: 30, ReturnerAge: 30,
		Uncertainty: forecast.Uncertainty{
			Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
			OtherOutflow: forecast.Range{Low: 0.9, High: 1.1}, PartTimeFactor: forecast.Range{Low: 1, High: 1},
		},
	}
	r.Training.PlaceHours = [forecast.NumRoutes]float64{1440, 1280, 1440, 1280}
	r.Training.StudentHours = [forecast.NumRoutes]float64{640, 800, 700, 800}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			c := &r.Cells[b][l]
			c.PartTimeFactor = 0.8
			for a := range c.OtherOutflowRate {
				c.OtherOutflowRate[a] = 0.1
			}
		}
	}
	for _, b := range []forecast.Branch{forecast.VVT, forecast.GGZ} {
		for a := 25; a <= 34; a++ {
			r.Cells[b][forecast.Mbo3].Headcount[a-forecast.MinAge] = 100
		}
	}
	return r
}

// book is one employer's workbook of a year: head people at mbo3 aged 25
// to 34 with 0.8 FTE each, other leavers to another sector, zij-instromers,
// places and vacancies.
type book struct {
	name, kvk      string
	branch         forecast.Branch
	year           int
	head           int
	leavers, hires int
	bbl            int
	vacancies      float64
	uploaded       time.Time
	merged         []string
	fteAsHeadcount bool // the mistake of a first upload
	file           string
}

func (b book) submission() *ingest.Submission {
	s := &ingest.Submission{File: b.file, Uploaded: b.uploaded, Merged: b.merged, Employer: ingest.Employer{
		Name: b.name, KvK: b.kvk, Region: "Testregio", Branch: b.branch, Peildatum: time.Date(b.year, 12, 31, 0, 0, 0, 0, time.UTC)}}
	if s.File == "" {
		s.File = b.name + ".xlsx"
	}
	fte := math.Round(float64(b.head)*0.8*10) / 10
	if b.fteAsHeadcount {
		fte = float64(b.head)
	}
	s.Staff[forecast.Mbo3][forecast.Age25to34] = ingest.Staff{Headcount: b.head, FTE: fte}
	s.Leavers[forecast.Mbo3][ingest.AndereSector] = b.leavers
	s.Hires[forecast.Mbo3][ingest.ZijInstromer] = b.hires
	s.Places[forecast.Mbo3][forecast.BBL] = ingest.Places{Offered: b.bbl, Filled: b.bbl}
	s.Vacancies[forecast.Mbo3] = ingest.Vacancies{OpenFTE: b.vacancies}
	return s
}

func subs(books ...book) []*ingest.Submission {
	var out []*ingest.Submission
	for _, b := range books {
		out = append(out, b.submission())
	}
	return out
}

// TestHistoryByHand: a re-upload, a missing year, a merger and an
// employer that stops, in a history of four peildata, with every sum and
// estimate computed by hand.
//
//	           2021  2022       2023             2024
//	A (VVT)     500   550        700 (holds C)    720
//	B (VVT)     200   -          240              250
//	C (VVT)     100   110        merged into A    -
//	D (GGZ)     300   320 (re-uploaded: 330)  330  340
//	E (GGZ)     100   -          -                -
//
// B's 2022: 200 x (550 + 110) / (500 + 100) = 220, the change of A and C,
// which delivered both years. E stops after 2021: estimated in 2022 (x
// D's change, 330/300) and 2023 (x 330/330), not in 2024.
func TestHistoryByHand(t *testing.T) {
	r := testRegion()
	first := time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)
	list := subs(
		book{name: "A", kvk: "10000001", branch: forecast.VVT, year: 2021, head: 500},
		book{name: "A", kvk: "10000001", branch: forecast.VVT, year: 2022, head: 550},
		book{name: "A", kvk: "10000001", branch: forecast.VVT, year: 2023, head: 700, merged: []string{"10000003"}},
		book{name: "A", kvk: "10000001", branch: forecast.VVT, year: 2024, head: 720},
		book{name: "B", kvk: "10000002", branch: forecast.VVT, year: 2021, head: 200},
		book{name: "B", kvk: "10000002", branch: forecast.VVT, year: 2023, head: 240},
		book{name: "B", kvk: "10000002", branch: forecast.VVT, year: 2024, head: 250},
		book{name: "C", kvk: "10000003", branch: forecast.VVT, year: 2021, head: 100},
		book{name: "C", kvk: "10000003", branch: forecast.VVT, year: 2022, head: 110},
		book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: 2021, head: 300},
		book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: 2022, head: 320, uploaded: first, file: "d-eerst.xlsx", fteAsHeadcount: true},
		book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: 2022, head: 330, uploaded: first.AddDate(0, 2, 0), file: "d-correctie.xlsx"},
		book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: 2023, head: 330},
		book{name: "D", kvk: "10000004", branch: forecast.GGZ, year: 2024, head: 340},
		book{name: "E", kvk: "10000005", branch: forecast.GGZ, year: 2021, head: 100},
	)
	h, err := NewHistory(r, list)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Years, []int{2021, 2022, 2023, 2024}) {
		t.Fatalf("years %v", h.Years)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	line := func(kvk string) *Line { return h.Employer(kvk) }
	wantStatus := map[string][]Status{
		"10000001": {Delivered, Delivered, Delivered, Delivered},
		"10000002": {Delivered, Estimated, Delivered, Delivered},
		"10000003": {Delivered, Delivered, MergedAway, MergedAway},
		"10000004": {Delivered, Delivered, Delivered, Delivered},
		"10000005": {Delivered, Estimated, Estimated, Absent},
	}
	for kvk, want := range wantStatus {
		if got := line(kvk).Status; !slices.Equal(got, want) {
			t.Errorf("%s: status %v, want %v", kvk, got, want)
		}
	}
	near("B 2022 estimated", line("10000002").Figures[1].Headcount, 200*660.0/600)
	near("E 2022 estimated", line("10000005").Figures[1].Headcount, 100*330.0/300)
	near("E 2023 estimated", line("10000005").Figures[2].Headcount, 110*330.0/330)
	near("D 2022: the correction", line("10000004").Figures[1].Headcount, 330)
	near("D 2022 FTE: the correction's", line("10000004").Figures[1].FTE, 264)
	// Nothing counted twice: C is in A's 2023 figures and nowhere else.
	for k, want := range []float64{
		500 + 200 + 100 + 300 + 100,
		550 + 220 + 110 + 330 + 110,
		700 + 240 + 330 + 110,
		720 + 250 + 340,
	} {
		near(fmt.Sprint("region ", h.Years[k]), h.Total.Figures[k].Headcount, want)
	}
	vvt := h.Branch(forecast.VVT)
	near("VVT 2023", vvt.Figures[2].Headcount, 940)
	if got := vvt.Employers; !slices.Equal(got, []int{3, 3, 2, 2}) {
		t.Errorf("VVT employers per year %v, want 3 3 2 2", got)
	}
	if got := h.Total.Estimated; !slices.Equal(got, []int{0, 2, 1, 0}) {
		t.Errorf("estimated per year %v, want 0 2 1 0", got)
	}
	// Each is named.
	var texts []string
	for _, e := range h.Events {
		texts = append(texts, e.Name+": "+e.Text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		"D: herupload: d-correctie.xlsx (ingeleverd 01-04-2023) vervangt d-eerst.xlsx (ingeleverd 01-02-2023)",
		"B: geen werkmap over 2022; geschat uit 2021 met de ontwikkeling van VVT (ouderenzorg) (220 medewerkers)",
		"C: opgegaan in A (KvK 10000001) per peildatum 2023",
		"E: levert sinds 2021 niet meer; geschat tot en met 2023, daarna telt E niet meer mee",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("events lack %q:\n%s", want, all)
		}
	}
	// The region of 2023 counts C once: in A.
	reg, sum, err := h.RegionOf(r, 2023)
	if err != nil {
		t.Fatal(err)
	}
	near("region 2023 VVT mbo3", reg.Cells[forecast.VVT][forecast.Mbo3].Headcount.Sum(), 940)
	near("region 2023 GGZ mbo3 (E estimated)", reg.Cells[forecast.GGZ][forecast.Mbo3].Headcount.Sum(), 440)
	if len(sum.Used) != 3 {
		t.Errorf("%d workbooks used in 2023, want A, B and D", len(sum.Used))
	}
	// The result does not depend on the order of the workbooks.
	again, err := NewHistory(r, reversed(list))
	if err != nil {
		t.Fatal(err)
	}
	for k := range h.Years {
		near("in another order", again.Total.Figures[k].Headcount, h.Total.Figures[k].Headcount)
	}
}

// demoHistory is the demo's history on the demo region.
func demoHistory(t *testing.T) (*History, *forecast.Region) {
	t.Helper()
	base, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	subs, err := DemoSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHistory(base, subs)
	if err != nil {
		t.Fatal(err)
	}
	return h, base
}

// TestDemoHistory: the demo's history has its story (a re-upload in
// 2023, a merger and a missing workbook in 2024), its 2025 is the demo
// region, and aggregating every peildatum at once, as raat run does with
// a directory holding them, counts the merged employer once: the 2025
// region of the twelve workbooks.
func TestDemoHistory(t *testing.T) {
	h, base := demoHistory(t)
	if !slices.Equal(h.Years, []int{2021, 2022, 2023, 2024, 2025}) || len(h.Employers) != 13 {
		t.Fatalf("years %v, %d employers", h.Years, len(h.Employers))
	}
	if got := h.Total.Figures[4].Headcount; got != 56000 {
		t.Errorf("2025: %v people, want the demo region's 56,000", got)
	}
	var kinds []string
	for _, e := range h.Events {
		switch {
		case strings.HasPrefix(e.Text, "herupload"):
			kinds = append(kinds, fmt.Sprint(e.Year, " herupload"))
		case strings.HasPrefix(e.Text, "opgegaan"):
			kinds = append(kinds, fmt.Sprint(e.Year, " fusie"))
		case strings.HasPrefix(e.Text, "geen werkmap"):
			kinds = append(kinds, fmt.Sprint(e.Year, " geschat"))
		}
	}
	if want := []string{"2023 herupload", "2024 fusie", "2024 geschat"}; !slices.Equal(kinds, want) {
		t.Errorf("events %v, want %v", kinds, want)
	}
	subs, err := DemoSubmissions()
	if err != nil {
		t.Fatal(err)
	}
	_, sum, err := ingest.Aggregate(base, subs)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Used) != 12 || sum.Headcount != 56000 {
		t.Errorf("all peildata at once: %d workbooks, %d people; want the 12 of 2025 and 56,000", len(sum.Used), sum.Headcount)
	}
}
