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
	"slices"
	"strings"
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
	// Outflow: the model's first-year other outflow of a level is what its
	// employers reported, where they reported enough leavers for the
	// level's own rate; the others take the branch's rate, so a branch's
	// outflow is its reported within 1%. The reported is the demo region's,
	// rounded.
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		t.Fatal(err)
	}
	baseRes, _ := forecast.Run(base, nil, forecast.Options{To: base.BaseYear})
	rows, _ := OutflowByBranch(subs)
	for b := range forecast.Branch(forecast.NumBranches) {
		for l := range forecast.Level(forecast.NumLevels) {
			e, ok := s.Calibration.Find(OtherOutflow, b, l)
			if !ok || e.From != "niveau" {
				continue
			}
			var reported float64
			for _, sub := range subs {
				if sub.Employer.Branch == b {
					reported += float64(sub.Leavers[l][AndereSector] + sub.Leavers[l][BuitenArbeidsmarkt] + sub.Leavers[l][OnbekendeReden])
				}
			}
			if got := res.Row(r.BaseYear, b, l).OutflowOther; math.Abs(got-reported) > 1e-6 {
				t.Errorf("%s %s: model outflow %v, reported %v", b, l, got, reported)
			}
		}
		o := rows[b]
		reported := float64(o.Outflow() - o.Leavers[Pensioen])
		byBranch := func(row *forecast.Row) bool { return row.Branch == b }
		if got := res.Sum(r.BaseYear, byBranch).OutflowOther; math.Abs(got-reported) > 0.01*reported {
			t.Errorf("%s: model outflow %v, reported %v", b, got, reported)
		}
		if want := baseRes.Sum(base.BaseYear, byBranch).OutflowOther; math.Abs(reported-want) > 2.5 { // rounded per level
			t.Errorf("%s: reported outflow %v, demo region %v", b, reported, want)
		}
	}
}

// handBase is a region to work Aggregate's equations out by hand on: the
// demo's assumptions, but staff only in VVT (300 mbo3 and 100 hbo, all
// aged 25-34), flat rates (other outflow 10%, lateral entry 5%, returners
// 2%, mobility 3% a year, part-time factor 0.6) and training places only
// for mbo3 BBL in VVT (20).
func handBase(t *testing.T) *forecast.Region {
	t.Helper()
	f, err := region.ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	for k := range f.OutflowByAge {
		f.OutflowByAge[k] = 0.1
	}
	for b := range f.Branches {
		br := &f.Branches[b]
		br.OutflowFactor, br.LateralEntryRate, br.ReturnerRate, br.MobilityRate = 1, 0.05, 0.02, 0.03
		br.AgeProfile = [forecast.NumAgeBands]float64{forecast.Age25to34: 1}
		br.Places = [forecast.NumLevels][forecast.NumRoutes]float64{}
		for l := range br.Levels {
			br.Levels[l] = region.Level{PartTimeFactor: 0.6}
		}
	}
	vvt := &f.Branches[forecast.VVT]
	vvt.Levels[forecast.Mbo3].Headcount, vvt.Levels[forecast.Hbo].Headcount = 300, 100
	vvt.Places[forecast.Mbo3][forecast.BBL] = 20
	r, err := f.Region()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAggregateByHand builds a region from two VVT employers reporting
// half of VVT's mbo3 staff and 30 of its 100 hbo staff, and checks each of
// Aggregate's equations against numbers worked out by hand.
func TestAggregateByHand(t *testing.T) {
	base := handBase(t)
	a, b := &Submission{}, &Submission{}
	a.Employer = Employer{Name: "Zorg Een", KvK: "11111111", Region: "Twente", Branch: forecast.VVT, Peildatum: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	b.Employer = a.Employer
	b.Employer.Name, b.Employer.KvK = "Zorg Twee", "22222222"
	a.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 100, FTE: 60}
	a.Staff[forecast.Hbo][forecast.Age25to34] = Staff{Headcount: 30, FTE: 24}
	b.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 50, FTE: 25}
	a.Leavers[forecast.Mbo3][AndereSector], b.Leavers[forecast.Mbo3][BuitenArbeidsmarkt] = 20, 10
	a.Hires[forecast.Mbo3][ZijInstromer], b.Hires[forecast.Mbo3][OverigeHerkomst] = 20, 10
	a.Hires[forecast.Mbo3][Herintreder], b.Hires[forecast.Mbo3][Herintreder] = 20, 5
	a.Hires[forecast.Mbo3][Schoolverlater] = 25
	a.Places[forecast.Mbo3][forecast.BBL] = Places{Offered: 10, Filled: 8}
	a.Vacancies[forecast.Mbo3] = Vacancies{OpenFTE: 5}
	r, s, err := Aggregate(base, []*Submission{b, a})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	// Weights: each level to its own total, mbo3 150 reported people to
	// 300 (w = 2), hbo 30 to 100.
	vvt := &s.Coverage.Branches[forecast.VVT]
	check("mbo3 weight", vvt.Weight[forecast.Mbo3], 2)
	check("hbo weight", vvt.Weight[forecast.Hbo], 100.0/30)
	check("VVT coverage", vvt.Share(), 180.0/400)
	m, h := &r.Cells[forecast.VVT][forecast.Mbo3], &r.Cells[forecast.VVT][forecast.Hbo]
	check("mbo3 headcount", m.Headcount.Sum(), 300)
	check("hbo headcount", h.Headcount.Sum(), 100)
	check("mbo3 part-time factor", m.PartTimeFactor, 85.0/150)
	check("hbo part-time factor", h.PartTimeFactor, 24.0/30)
	// Other outflow: mbo3 30 of 150 (its own: 30 leavers); hbo none of its
	// own, so the branch's 30 of 180. The base rate was 0.1 at every age.
	check("mbo3 other outflow rate", m.OtherOutflowRate[30-forecast.MinAge], 0.2)
	check("hbo other outflow rate", h.OtherOutflowRate[30-forecast.MinAge], 30.0/180)
	// Lateral entry 30 of 150 (zij-instromers + overig), returners 25 of
	// 150; hbo at VVT's rates (30 and 25 of 180).
	check("mbo3 lateral entry", m.LateralEntry, 60)
	check("mbo3 returners", m.Returners, 50)
	check("hbo lateral entry", h.LateralEntry, 100*30.0/180)
	check("hbo returners", h.Returners, 100*25.0/180)
	check("graduate share VVT mbo3", m.GraduateShare, 1) // the only branch hiring mbo3 school-leavers
	check("mobility rate (none reported: assumed)", m.MobilityRate, 0.03)
	check("open vacancies", m.OpenVacanciesFTE, 10)
	check("early retirement (none reported: assumed)", r.EarlyRetirementRate, base.EarlyRetirementRate)
	// Trainers: each employer with its own places and FTE, and the rest of
	// VVT: 400/180 times the reported staff, places 10 x (400/180 - 1),
	// FTE 300 x 85/150 + 100 x 0.8 - (85 + 24) = 141.
	ts := r.Trainers[slices.IndexFunc(r.Trainers, func(t forecast.Trainer) bool { return t.Branch == forecast.VVT }):]
	if len(ts) < 3 || ts[0].Name != "Zorg Een" || ts[0].CareFTE != 84 || ts[1].CareFTE != 25 || ts[2].Name != "Overige werkgevers VVT (ouderenzorg) (geschat)" {
		t.Fatalf("trainers %+v", r.Trainers)
	}
	rest := ts[2]
	check("rest of VVT: FTE", rest.CareFTE, 141)
	check("rest of VVT: mbo3 BBL places", rest.Places[forecast.Mbo3][forecast.BBL], 10*(400.0/180-1))
	// Enrolment: 8 filled BBL places x 400/180, one place per student.
	var students float64
	for _, n := range r.Programmes[forecast.Mbo3][forecast.BBL].Enrolled {
		students += n
	}
	check("mbo3 BBL students", students, 8*400.0/180/base.Programmes[forecast.Mbo3][forecast.BBL].PlaceUse)
	// The model's first year: the other outflow reported, weighted.
	res, err := forecast.Run(r, nil, forecast.Options{To: r.BaseYear})
	if err != nil {
		t.Fatal(err)
	}
	check("VVT other outflow", res.Sum(r.BaseYear, func(row *forecast.Row) bool { return row.Branch == forecast.VVT }).OutflowOther, 60+100*30.0/180)
	if s.Headcount != 180 || r.BaseYear != 2025 || s.BaseHeadcount != 400 {
		t.Errorf("summary headcount %d of %g, base year %d", s.Headcount, s.BaseHeadcount, r.BaseYear)
	}
	want := "2 werkgevers, 45% van het personeel in de regio; VVT (ouderenzorg) 45%"
	if got := s.CoverageText(); got != want {
		t.Errorf("coverage %q, want %q", got, want)
	}
	if !slices.ContainsFunc(s.Assumed, func(a string) bool {
		return strings.HasPrefix(a, "vervroegd pensioen (vanaf 60) (minder dan 20 gemeld)")
	}) {
		t.Errorf("assumed %q, want early retirement among them", s.Assumed)
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
		if len(s.Used) != 1 || s.Used[0] != second || s.Coverage.Branches[forecast.VVT].Headcount[forecast.Mbo3] != 12 {
			t.Errorf("used %s (%v people)", s.Used[0].File, s.Coverage.Branches[forecast.VVT].Headcount[forecast.Mbo3])
		}
		// 12 people at mbo3, weighted to the region's mbo3; the 4 at hbo, too
		// few for their own weight, to what VVT has beyond its other levels.
		for _, l := range []forecast.Level{forecast.Mbo3, forecast.Hbo} {
			if got, want := r.Cells[forecast.VVT][l].Headcount.Sum(), base.Cells[forecast.VVT][l].Headcount.Sum(); math.Abs(got-want) > 1e-6 {
				t.Errorf("VVT %s weighted to %v people, want the region's %v", l, got, want)
			}
		}
		if !reflect.DeepEqual(s.Replaced, wantReplaced) {
			t.Errorf("replaced %+v\nwant %+v", s.Replaced, wantReplaced)
		}
	}
}

// TestMergerCountsOnce: an organisation whose last submission is from
// before it merged into another is left out once the other names it, so
// that its staff count once; a merger named before the other's last
// submission counts both and warns.
func TestMergerCountsOnce(t *testing.T) {
	base := twente(t)
	gone, successor := sample(), sample()
	gone.File, gone.Employer.KvK, gone.Employer.Name = "posthoorn-2023.xlsx", "76543210", "Zorgcentrum De Posthoorn"
	gone.Employer.Peildatum = time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)
	gone.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 7, FTE: 5}
	successor.File = "voorbeeld-2024.xlsx"
	successor.Employer.Peildatum = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	successor.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 17, FTE: 12.5}
	successor.Merged = []string{"76543210"}
	for _, order := range [][]*Submission{{gone, successor}, {successor, gone}} {
		_, s, err := Aggregate(base, order)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Used) != 1 || s.Used[0] != successor || s.Headcount != 21 {
			t.Errorf("used %d submissions, %d people; want the successor's 21", len(s.Used), s.Headcount)
		}
		want := []Replacement{{KvK: "76543210", Peildatum: gone.Employer.Peildatum, File: "posthoorn-2023.xlsx", By: "voorbeeld-2024.xlsx", Why: "fusie"}}
		if !reflect.DeepEqual(s.Replaced, want) {
			t.Errorf("replaced %+v\nwant %+v", s.Replaced, want)
		}
	}
	// A year later the successor's workbook no longer names the merger;
	// the one that did still counts.
	next := *successor
	next.File, next.Merged = "voorbeeld-2025.xlsx", nil
	next.Employer.Peildatum = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	_, s, err := Aggregate(base, []*Submission{gone, successor, &next})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Used) != 1 || s.Used[0] != &next {
		t.Errorf("with the workbook after the merger's: used %d", len(s.Used))
	}
	if !slices.ContainsFunc(s.Replaced, func(r Replacement) bool { return r.Why == "fusie" && r.By == "voorbeeld-2025.xlsx" }) {
		t.Errorf("replaced %+v, want the merged one replaced by the successor's last workbook", s.Replaced)
	}
	// The merged organisation delivered after the merger's peildatum:
	// both count, and the summary says so.
	later := *gone
	later.Employer.Peildatum = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	_, s, err = Aggregate(base, []*Submission{&later, successor})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Used) != 2 || !slices.ContainsFunc(s.Warnings, func(w string) bool { return strings.Contains(w, "meldt een fusie met KvK 76543210") }) {
		t.Errorf("used %d, warnings %q", len(s.Used), s.Warnings)
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
			if idx, _ := f.GetSheetIndex(spec.sheet); idx < 0 {
				continue // an optional sheet the book does not have
			}
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
