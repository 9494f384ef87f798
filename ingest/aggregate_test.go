package ingest

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"raat/data"
	"raat/forecast"
	"raat/region"
)

func twente(t testing.TB) *forecast.Region {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func samples(t testing.TB) []*Submission {
	t.Helper()
	subs, reps, err := ReadFS(data.Employers(), data.EmployersDir, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range reps {
		if !rep.Accepted {
			t.Fatalf("sample refused: %v", rep.Err())
		}
	}
	if len(subs) != 12 {
		t.Fatalf("%d sample workbooks, want 12", len(subs))
	}
	return subs
}

// TestSamplesAddUpToTheDemoRegion checks that the sample workbooks of
// data/employers add up to data/twente.yaml, rounded to whole people as
// data/employers/generate.go describes.
func TestSamplesAddUpToTheDemoRegion(t *testing.T) {
	base := twente(t)
	subs := samples(t)
	r, s, err := Aggregate(base, subs)
	if err != nil {
		t.Fatal(err)
	}
	if s.Headcount != 56000 || len(s.Used) != 12 || len(s.Warnings) != 0 {
		t.Errorf("headcount %d from %d employers, warnings %v; want 56,000 from 12, none", s.Headcount, len(s.Used), s.Warnings)
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		for l := range forecast.Level(forecast.NumLevels) {
			got, want := &r.Cells[b][l], &base.Cells[b][l]
			if g, w := got.Headcount.Sum(), want.Headcount.Sum(); math.Abs(g-w) > 1e-6 {
				t.Errorf("%s %s: headcount %v, want %v", b, l, g, w)
			}
			for band := range forecast.AgeBand(forecast.NumAgeBands) {
				lo, hi := band.Span()
				var g, w float64
				for a := lo; a <= hi; a++ {
					g += got.Headcount[a-forecast.MinAge]
					w += want.Headcount[a-forecast.MinAge]
				}
				if math.Abs(g-w) >= 1 { // band counts rounded to whole people by largest remainder
					t.Errorf("%s %s %s: headcount %v, want %v", b, l, band, g, w)
				}
			}
			if g, w := got.Headcount.Sum()*got.PartTimeFactor, want.Headcount.Sum()*want.PartTimeFactor; math.Abs(g-w) > 0.05+1e-9 {
				t.Errorf("%s %s: FTE %v, want %v (to a tenth)", b, l, g, w)
			}
			if math.Abs(got.OpenVacanciesFTE-want.OpenVacanciesFTE) > 0.05+1e-9 {
				t.Errorf("%s %s: vacancies %v, want %v", b, l, got.OpenVacanciesFTE, want.OpenVacanciesFTE)
			}
		}
	}
	if got, want := r.Places(), base.Places(); got != want {
		t.Errorf("places %v, want %v", got, want)
	}
	// Outflow: the model's first-year other outflow per branch is what the
	// employers reported, and that is the demo region's, rounded.
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		t.Fatal(err)
	}
	baseRes, _ := forecast.Run(base, nil, forecast.Options{To: base.BaseYear})
	rows, _ := OutflowByBranch(subs)
	for b := range forecast.Branch(forecast.NumBranches) {
		o := rows[b]
		reported := float64(o.Outflow() - o.Leavers[Pensioen])
		byBranch := func(row *forecast.Row) bool { return row.Branch == b }
		if got := res.Sum(r.BaseYear, byBranch).OutflowOther; math.Abs(got-reported) > 1e-6 {
			t.Errorf("%s: model outflow %v, reported %v", b, got, reported)
		}
		if want := baseRes.Sum(base.BaseYear, byBranch).OutflowOther; math.Abs(reported-want) > 2.5 { // rounded per level
			t.Errorf("%s: reported outflow %v, demo region %v", b, reported, want)
		}
	}
}

// TestAggregateByHand builds a region from two small employers and checks
// each of Aggregate's equations against numbers worked out by hand.
func TestAggregateByHand(t *testing.T) {
	base := twente(t)
	a := sample() // VVT: mbo3 10 people 7.5 FTE, hbo 4 people 3.2 FTE
	b := sample()
	b.Employer.Name, b.Employer.KvK = "Thuiszorg Twee", "87654321"
	b.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 6, FTE: 3.3}
	b.Hires[forecast.Mbo3][Schoolverlater] = 1
	b.Hires[forecast.Mbo3][OverigeHerkomst] = 2
	b.Hires[forecast.Mbo3][Herintreder] = 5
	b.Vacancies[forecast.Mbo3] = Vacancies{OpenFTE: 1.25}
	r, s, err := Aggregate(base, []*Submission{b, a})
	if err != nil {
		t.Fatal(err)
	}
	c := &r.Cells[forecast.VVT][forecast.Mbo3]
	check := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("headcount", c.Headcount.Sum(), 16)
	check("part-time factor", c.PartTimeFactor, (7.5+3.3)/16)
	check("lateral entry (zij-instromers + overig)", c.LateralEntry, 2)
	check("returners", c.Returners, 5)
	check("graduate share VVT mbo3", c.GraduateShare, 1) // only VVT hired mbo3 school-leavers
	check("open vacancies", c.OpenVacanciesFTE, 3.75)
	check("part-time factor without staff (base)", r.Cells[forecast.GGZ][forecast.Mbo3].PartTimeFactor, base.Cells[forecast.GGZ][forecast.Mbo3].PartTimeFactor)
	if len(r.Trainers) != 2 || r.Trainers[0].Name != "Zorg Voorbeeld" || r.Trainers[1].CareFTE != 3.3+3.2 || r.Trainers[0].Places[forecast.Mbo3][forecast.BBL] != 5 {
		t.Errorf("trainers %+v", r.Trainers)
	}
	// Enrolment: 8 filled BBL places at one place per student.
	var students float64
	for _, n := range r.Programmes[forecast.Mbo3][forecast.BBL].Enrolled {
		students += n
	}
	check("mbo3 BBL students", students, 8/base.Programmes[forecast.Mbo3][forecast.BBL].PlaceUse)
	// Outflow: 2 + 2 leavers to other sectors, none for other reasons.
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		t.Fatal(err)
	}
	check("VVT other outflow", res.Sum(r.BaseYear, func(row *forecast.Row) bool { return row.Branch == forecast.VVT }).OutflowOther, 4)
	if s.Headcount != 24 || r.BaseYear != 2025 {
		t.Errorf("summary headcount %d, base year %d", s.Headcount, r.BaseYear)
	}
	if len(s.Warnings) == 0 || len(s.Assumed) == 0 {
		t.Errorf("no warnings (coverage, branches without employers) or assumptions: %v %v", s.Warnings, s.Assumed)
	}
}

// TestReupload: of two uploads with the same KvK number and peildatum
// the later one is used, whatever the order; an earlier peildatum is
// history.
func TestReupload(t *testing.T) {
	base := twente(t)
	first, second, old := sample(), sample(), sample()
	first.File, first.Uploaded = "eerste.xlsx", time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	second.File, second.Uploaded = "tweede.xlsx", time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC)
	second.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 12, FTE: 9}
	old.File, old.Uploaded = "vorig-jaar.xlsx", time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	old.Employer.Peildatum = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	wantReplaced := []Replacement{
		{KvK: "01234567", Peildatum: old.Employer.Peildatum, File: "vorig-jaar.xlsx", By: "tweede.xlsx", Why: "oudere peildatum"},
		{KvK: "01234567", Peildatum: first.Employer.Peildatum, File: "eerste.xlsx", By: "tweede.xlsx", Why: "herupload"},
	}
	for _, order := range [][]*Submission{{first, second, old}, {second, first, old}, {old, second, first}} {
		r, s, err := Aggregate(base, order)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Used) != 1 || s.Used[0] != second || math.Abs(r.Cells[forecast.VVT][forecast.Mbo3].Headcount.Sum()-12) > 1e-9 {
			t.Errorf("used %s (%v people)", s.Used[0].File, r.Cells[forecast.VVT][forecast.Mbo3].Headcount.Sum())
		}
		if !reflect.DeepEqual(s.Replaced, wantReplaced) {
			t.Errorf("replaced %+v\nwant %+v", s.Replaced, wantReplaced)
		}
	}
}

// TestOrderOfFilesDoesNotMatter aggregates the samples in many orders.
func TestOrderOfFilesDoesNotMatter(t *testing.T) {
	base := twente(t)
	subs := samples(t)
	want, wantSum, err := Aggregate(base, subs)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		rng.Shuffle(len(subs), func(i, j int) { subs[i], subs[j] = subs[j], subs[i] })
		got, sum, err := Aggregate(base, subs)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(sum, wantSum) {
			t.Fatal("a different order of files gives a different region")
		}
	}
}

// TestOrderOfRowsDoesNotMatter rewrites every sample workbook with the
// rows of each sheet shuffled and files under other names, and gets the
// same region.
func TestOrderOfRowsDoesNotMatter(t *testing.T) {
	base := twente(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 4))
	err := fs.WalkDir(data.Employers(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Employers(), p)
		if err != nil {
			return err
		}
		shuffled := shuffleRows(t, b, rng)
		return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.xlsx", rng.IntN(1000))+p), shuffled, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := RegionFromFS(base, data.Employers(), data.EmployersDir)
	if err != nil {
		t.Fatal(err)
	}
	got, s, err := RegionFromDir(base, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Used) != 12 || !reflect.DeepEqual(got, want) {
		t.Error("shuffled rows give a different region")
	}
}

// shuffleRows returns the workbook with the data rows of every table
// sheet in a random order.
func shuffleRows(t testing.TB, b []byte, rng *rand.Rand) []byte {
	return workbookFrom(t, b, func(f *excelize.File) {
		for _, spec := range tableSpecs {
			rows, err := f.GetRows(spec.sheet)
			if err != nil {
				t.Fatal(err)
			}
			data := rows[1:]
			rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
			for i, row := range data {
				vals := make([]any, len(row))
				for k, v := range row {
					vals[k] = v
				}
				if err := f.SetSheetRow(spec.sheet, cellName(1, i+2), &vals); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

func workbookFrom(t testing.TB, b []byte, mutate func(*excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mutate(f)
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
