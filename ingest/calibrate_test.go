package ingest_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"raat/data"
	"raat/forecast"
	"raat/ingest"
	"raat/region"
	"raat/synthetic"
)

func twente(t testing.TB) *forecast.Region {
	t.Helper()
	r, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func samples(t testing.TB) []*ingest.Submission {
	t.Helper()
	subs, _, err := ingest.ReadFS(data.Employers(), data.EmployersDir, ingest.Options{})
	if err != nil || len(subs) != 12 {
		t.Fatalf("%d samples, %v", len(subs), err)
	}
	return subs
}

// truth is the demo region with other parameters than its file's, known
// to the test: per level its own outflow factor, lateral-entry and
// returner rate and share of the graduates, per branch a mobility rate,
// and 4% early retirement.
func truth(t *testing.T, seed uint64) *forecast.Region {
	t.Helper()
	f, err := region.ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	f.EarlyRetirementRate = 0.04
	for b := range f.Branches {
		br := &f.Branches[b]
		br.MobilityRate = 0.01 + 0.07*rng.Float64()
		for l := range br.Levels {
			k, lat, ret := br.OutflowFactor*(0.5+rng.Float64()), 0.01+0.14*rng.Float64(), 0.005+0.055*rng.Float64()
			gw := br.Levels[l].Headcount * (0.3 + 1.4*rng.Float64())
			br.Levels[l].OutflowFactor, br.Levels[l].LateralEntryRate, br.Levels[l].ReturnerRate = &k, &lat, &ret
			br.Levels[l].GraduateWeight = &gw
		}
	}
	r, err := f.Region()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// threePerBranch are three fictional employers in every branch, holding
// half, 30% and 20% of each level's staff.
func threePerBranch() []synthetic.Employer {
	var es []synthetic.Employer
	for b := range forecast.Branch(forecast.NumBranches) {
		for i, w := range []float64{0.5, 0.3, 0.2} {
			es = append(es, synthetic.Employer{Name: fmt.Sprintf("%s %d", b.Label(), i+1), KvK: fmt.Sprintf("%02d%06d", b, i+1),
				Branch: b, Weight: [forecast.NumLevels]float64{w, w, w, w, w}})
		}
	}
	return es
}

// TestCalibrationRecoversKnownRates draws a year of leavers and hires of
// three employers per branch from a region whose rates the test knows,
// delivers two of them (80% of the staff), calibrates on the demo region
// (whose rates differ) and expects every estimate the calibration uses to
// be the known rate within four standard errors of its count (Poisson:
// the square root of the expected count, over the staff it is a rate of).
func TestCalibrationRecoversKnownRates(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			known := truth(t, seed)
			emps := threePerBranch()
			all, err := synthetic.Submissions(known, emps, synthetic.Options{Draw: rand.NewPCG(seed, 2)})
			if err != nil {
				t.Fatal(err)
			}
			var delivered []*ingest.Submission
			for i, s := range all {
				if i%3 != 2 {
					delivered = append(delivered, s)
				}
			}
			_, sum, err := ingest.Aggregate(twente(t), delivered)
			if err != nil {
				t.Fatal(err)
			}
			c := sum.Calibration
			res, err := forecast.Run(known, nil, forecast.Options{To: known.BaseYear})
			if err != nil {
				t.Fatal(err)
			}
			checked, maxZ, apart := 0, 0.0, 0
			within := func(what string, e ingest.Estimate, want, expected, exposure float64) {
				t.Helper()
				if !e.Used {
					return
				}
				checked++
				se := math.Sqrt(max(expected, 1)) / exposure
				if z := math.Abs(e.Value-want) / se; z > maxZ {
					maxZ = z
				}
				if math.Abs(e.Assumed-want) > 4*se {
					apart++ // the assumption is not what the employers say: the test can tell
				}
				if math.Abs(e.Value-want) > 4*se {
					t.Errorf("%s: estimate %.4f, known %.4f (standard error %.4f, from %s)", what, e.Value, want, se, e.From)
				}
			}
			for b := range forecast.Branch(forecast.NumBranches) {
				for l := range forecast.Level(forecast.NumLevels) {
					row := res.Row(known.BaseYear, b, l)
					n := row.Headcount
					h := 0.8 * n // the staff of the two employers that delivered
					if n < forecast.MinAge {
						continue
					}
					if e, ok := c.Find(ingest.OtherOutflow, b, l); ok && e.From == "niveau" {
						within(fmt.Sprintf("%s %s other outflow", b, l), e, row.OutflowOther/n, 0.8*row.OutflowOther, h)
					}
					if e, ok := c.Find(ingest.LateralEntry, b, l); ok && e.From == "niveau" {
						within(fmt.Sprintf("%s %s lateral entry", b, l), e, row.InflowLateral/n, 0.8*row.InflowLateral, h)
					}
					if e, ok := c.Find(ingest.Returners, b, l); ok && e.From == "niveau" {
						within(fmt.Sprintf("%s %s returners", b, l), e, row.InflowReturners/n, 0.8*row.InflowReturners, h)
					}
					if e, ok := c.Find(ingest.GraduateHires, b, l); ok {
						// a share of the level's school-leavers: binomial
						var hired float64
						for bb := range forecast.Branch(forecast.NumBranches) {
							hired += res.Row(known.BaseYear, bb, l).InflowGraduates
						}
						p := known.Cells[b][l].GraduateShare
						within(fmt.Sprintf("%s %s graduate share", b, l), e, p, p*(1-p)*0.8*hired, 0.8*hired)
					}
					if e, ok := c.Find(ingest.PartTime, b, l); ok && e.Used && math.Abs(e.Value-known.Cells[b][l].PartTimeFactor) > 0.01 {
						t.Errorf("%s %s part-time factor %.4f, known %.4f", b, l, e.Value, known.Cells[b][l].PartTimeFactor)
					}
				}
				sel := func(row *forecast.Row) bool { return row.Branch == b }
				tot := res.Sum(known.BaseYear, sel)
				if e, ok := c.Find(ingest.Mobility, b, forecast.AllLevels); ok {
					survivors := tot.MobilityOut / known.Cells[b][0].MobilityRate
					within(fmt.Sprintf("%s mobility", b), e, known.Cells[b][0].MobilityRate, 0.8*tot.MobilityOut, 0.8*survivors)
				}
			}
			all1 := res.Total(known.BaseYear)
			var old float64
			for b := range known.Cells {
				for l := range known.Cells[b] {
					for a := 60; a < known.PensionAge; a++ {
						old += known.Cells[b][l].Headcount[a-forecast.MinAge]
					}
				}
			}
			e, _ := c.Find(ingest.EarlyRetirement, forecast.AllBranches, forecast.AllLevels)
			within("early retirement", e, known.EarlyRetirementRate, 0.8*all1.OutflowRetirement, 0.8*old)
			t.Logf("%d estimates within %.2f standard errors of the known rates; the assumptions of %d are not", checked, maxZ, apart)
			if checked < 90 || apart < checked/4 || !e.Used {
				t.Errorf("%d estimates checked, %d apart from their assumptions, early retirement used %v; want the calibration to use most, and a quarter to differ", checked, apart, e.Used)
			}
		})
	}
}

// TestTwoOfTwelveWorkbooks delivers only a hospital and a VVT employer of
// the twelve samples: the region is still Twente's size, branch by
// branch; the branches without employers are the demo region's; and the
// shortfall of 2030 is near that of all twelve.
func TestTwoOfTwelveWorkbooks(t *testing.T) {
	base, subs := twente(t), samples(t)
	var two []*ingest.Submission
	for _, s := range subs {
		if s.Employer.Name == "Ziekenhuis Twentse Poort" || s.Employer.Name == "Zorggroep Regge en Dinkel" {
			two = append(two, s)
		}
	}
	r2, sum, err := ingest.Aggregate(base, two)
	if err != nil {
		t.Fatal(err)
	}
	r12, _, err := ingest.Aggregate(base, subs)
	if err != nil {
		t.Fatal(err)
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var got, want float64
		for l := range forecast.Level(forecast.NumLevels) {
			got += r2.Cells[b][l].Headcount.Sum()
			want += base.Cells[b][l].Headcount.Sum()
			if b != forecast.Ziekenhuizen && b != forecast.VVT && !reflect.DeepEqual(r2.Cells[b][l], base.Cells[b][l]) {
				t.Errorf("%s %s: no employer delivered, but the cell is not the region file's", b, l)
			}
		}
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: %v people, want the region file's %v", b, got, want)
		}
	}
	short := func(r *forecast.Region, y int) float64 {
		res, err := forecast.Run(r, nil, forecast.Options{To: y})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total(y).ShortfallFTE
	}
	s2, s12 := short(r2, 2030), short(r12, 2030)
	t.Logf("2030 shortfall: %.0f FTE from two workbooks, %.0f from twelve; %s", s2, s12, sum.CoverageText())
	if math.Abs(s2-s12) > 0.25*s12 {
		t.Errorf("2030 shortfall %.0f FTE from two workbooks, %.0f from twelve: want within 25%%", s2, s12)
	}
	// The levers act on the weighted region: 300 lateral entrants a year,
	// and every trainer up to the opleidingsquote of 15, close about as
	// much of the region's gap as with all twelve employers.
	for _, lever := range []forecast.Lever{
		{Kind: forecast.LateralEntry, Size: 300, Start: 2026, Horizon: forecast.Kort},
		{Kind: forecast.TrainingQuota, Size: 15, Start: 2026, Horizon: forecast.Middellang},
	} {
		closed := func(r *forecast.Region) float64 {
			res, err := forecast.Run(r, []forecast.Lever{lever}, forecast.Options{To: 2032})
			if err != nil {
				t.Fatal(err)
			}
			return short(r, 2032) - res.Total(2032).ShortfallFTE
		}
		c2, c12 := closed(r2), closed(r12)
		t.Logf("%s closes %.0f FTE of the 2032 gap from two workbooks, %.0f from twelve", lever.Kind, c2, c12)
		if c12 <= 0 || math.Abs(c2-c12) > 0.25*c12 {
			t.Errorf("%s closes %.0f FTE of the 2032 gap from two workbooks, %.0f from twelve: want within 25%%", lever.Kind, c2, c12)
		}
	}
	want := "2 werkgevers, 27% van het personeel in de regio; Ziekenhuizen 64%, VVT (ouderenzorg) 53%, GGZ 0%"
	if got := sum.CoverageText(); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " — GGZ, Gehandicaptenzorg, Jeugdzorg, Huisartsen/eerstelijn, Sociaal werk, Kinderopvang, Overig uit aannames") {
		t.Errorf("coverage %q, want it to start %q and name the branches from the assumptions", got, want)
	}
}

// TestBadInputWarns: leavers beyond the staff, and more staff in a branch
// than the region file has, are named with the employer and the numbers.
func TestBadInputWarns(t *testing.T) {
	base, subs := twente(t), samples(t)
	var extra *ingest.Submission
	for _, s := range subs {
		if s.Employer.Name == "Jeugdhulp Twente Samen" {
			s.Leavers[forecast.Hbo][ingest.AndereSector] = 2000
		}
		if s.Employer.Name == "Streekziekenhuis Dinkelland" {
			c := *s
			c.Employer.Name, c.Employer.KvK, c.File = "Kliniek Dubbel", "99999999", "dubbel.xlsx"
			extra = &c
		}
	}
	_, sum, err := ingest.Aggregate(base, append(subs, extra))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Jeugdhulp Twente Samen (KvK 65872214, data/employers/jeugdhulp-twente-samen.xlsx): 2.113 vertrekkers in een jaar bij 1.120 medewerkers hbo",
		"Ziekenhuizen: de werkgevers melden 10.916 medewerkers (Ziekenhuis Twentse Poort 5.084, Streekziekenhuis Dinkelland 2.916, Kliniek Dubbel 2.916), meer dan de 8.000 in het regiobestand (dekking 136%)",
	} {
		if !slices.ContainsFunc(sum.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning %q in %q", want, sum.Warnings)
		}
	}
}
