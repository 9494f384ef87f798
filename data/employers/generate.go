//go:build ignore

// generate writes the sample employer workbooks of the Twente demo: a
// dozen fictional employers whose figures add up to data/twente.yaml.
// Run it with go generate ./data (see data/employers.go).
//
// What adds up, and how rounding is handled: every regional quantity of a
// branch and level is first rounded to whole people or places (FTE and
// vacancies to tenths of an FTE) by the largest-remainder method, so that
// the age bands of a cell add up to the cell's headcount in twente.yaml
// exactly; each rounded total is then split over the employers of the
// branch, again by largest remainder, so that the employers add up to it
// exactly. The quantities:
//
//   - headcount per branch, level and age band (headcount x age profile);
//   - FTE (headcount x part-time factor) and open vacancies, in tenths;
//   - training places offered, per branch, level and route; filled places
//     are the base year's enrolment x place use, spread over the employers
//     in proportion to the places they offer;
//   - leavers and hires: the flows of the model's base year (forecast.Run),
//     retirement as pensioen, other outflow split 50/38/12 over andere
//     sector, buiten arbeidsmarkt and onbekend, mobility as andere
//     zorgwerkgever; graduates hired as schoolverlaters, lateral entry 85/15
//     over zij-instromer and overig, returners as herintreders.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"raat/forecast"
	"raat/ingest"
	"raat/region"
)

// employer is a fictional employer: its share of its branch's staff at
// each level (shares of a branch's employers are normalised per level).
type employer struct {
	name   string
	kvk    string
	branch forecast.Branch
	weight [forecast.NumLevels]float64
}

var employers = []employer{
	{"Ziekenhuis Twentse Poort", "41027733", forecast.Ziekenhuizen, [5]float64{0.60, 0.60, 0.62, 0.64, 0.66}},
	{"Streekziekenhuis Dinkelland", "52210968", forecast.Ziekenhuizen, [5]float64{0.40, 0.40, 0.38, 0.36, 0.34}},
	{"Zorggroep Regge en Dinkel", "40074412", forecast.VVT, [5]float64{0.50, 0.55, 0.55, 0.50, 0.52}},
	{"Ouderenzorg Vechtdal-Twente", "63385119", forecast.VVT, [5]float64{0.488, 0.442, 0.44, 0.492, 0.476}},
	{"Thuiszorg De Hofmarke", "78120546", forecast.VVT, [5]float64{0.012, 0.008, 0.01, 0.008, 0.004}},
	{"GGZ Twentse Kring", "41029345", forecast.GGZ, [5]float64{1, 1, 1, 1, 1}},
	{"Stichting Esrand Gehandicaptenzorg", "41030872", forecast.Gehandicaptenzorg, [5]float64{1, 1, 1, 1, 1}},
	{"Jeugdhulp Twente Samen", "65872214", forecast.Jeugdzorg, [5]float64{1, 1, 1, 1, 1}},
	{"Coöperatie Huisartsenzorg Twente", "08156233", forecast.Huisartsen, [5]float64{1, 1, 1, 1, 1}},
	{"Welzijn Twente-West", "41031190", forecast.SociaalWerk, [5]float64{1, 1, 1, 1, 1}},
	{"Kinderopvang De Kwetternest", "70431285", forecast.Kinderopvang, [5]float64{1, 1, 1, 1, 1}},
	{"Stichting Zorgdiensten Twente", "56008817", forecast.OverigBranch, [5]float64{1, 1, 1, 1, 1}},
}

func main() {
	out := flag.String("out", "employers", "directory to write the workbooks to")
	file := flag.String("region", "twente.yaml", "the region file the workbooks add up to")
	flag.Parse()
	src, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	base, err := region.Parse(*file, src)
	if err != nil {
		log.Fatal(err)
	}
	res, err := forecast.Run(base, nil, forecast.Options{To: base.BaseYear})
	if err != nil {
		log.Fatal(err)
	}
	subs := make([]*ingest.Submission, len(employers))
	for i, e := range employers {
		subs[i] = &ingest.Submission{Employer: ingest.Employer{
			Name: e.name, KvK: e.kvk, Region: base.Name, Branch: e.branch,
			Peildatum: time.Date(base.BaseYear, 12, 31, 0, 0, 0, 0, time.UTC),
		}}
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var idx []int // the employers of the branch
		for i, e := range employers {
			if e.branch == b {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			log.Fatalf("no employer for branch %s", b)
		}
		for l := range forecast.Level(forecast.NumLevels) {
			w := make([]float64, len(idx))
			for j, i := range idx {
				w[j] = employers[i].weight[l]
			}
			cell(base, res.Row(base.BaseYear, b, l), b, l, idx, w, subs)
		}
	}
	places(base, subs)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range subs {
		var buf bytes.Buffer
		if err := ingest.WriteWorkbook(&buf, s, ingest.TemplateOptions{Regions: []string{base.Name}, Training: base.Training}); err != nil {
			log.Fatal(err)
		}
		name := filepath.Join(*out, slug(s.Employer.Name)+".xlsx")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d medewerkers, %.1f FTE\n", name, s.Headcount(), s.CareFTE())
	}
}

// cell splits one branch and level over its employers: staff by age band,
// FTE, vacancies, leavers and hires.
func cell(base *forecast.Region, first *forecast.Row, b forecast.Branch, l forecast.Level, idx []int, w []float64, subs []*ingest.Submission) {
	c := &base.Cells[b][l]
	// Headcount per band: the spread keeps each band's count exactly.
	var bands [forecast.NumAgeBands]float64
	for band := range forecast.AgeBand(forecast.NumAgeBands) {
		lo, hi := band.Span()
		for a := lo; a <= hi; a++ {
			bands[band] += c.Headcount[a-forecast.MinAge]
		}
	}
	bandCounts := largestRemainder(int(math.Round(c.Headcount.Sum())), bands[:])
	type row struct{ emp, band, count int }
	var rows []row
	for band, n := range bandCounts {
		for j, k := range largestRemainder(n, w) {
			rows = append(rows, row{idx[j], band, k})
		}
	}
	// FTE in tenths, in proportion to each row's headcount.
	counts := make([]float64, len(rows))
	for i, r := range rows {
		counts[i] = float64(r.count)
	}
	tenths := largestRemainder(int(math.Round(c.Headcount.Sum()*c.PartTimeFactor*10)), counts)
	for i, r := range rows {
		st := &subs[r.emp].Staff[l][r.band]
		st.Headcount = r.count
		st.FTE = float64(tenths[i]) / 10
		if st.FTE > 1.2*float64(st.Headcount) {
			log.Fatalf("%s %s: FTE %.1f for %d people", b, l, st.FTE, st.Headcount)
		}
	}
	// Vacancies in tenths; about half hard to fill (WGV Zorg en Welzijn).
	for j, t := range largestRemainder(int(math.Round(c.OpenVacanciesFTE*10)), w) {
		subs[idx[j]].Vacancies[l] = ingest.Vacancies{OpenFTE: float64(t) / 10, HardToFillFTE: float64(t/2) / 10}
	}
	// Leavers and hires of the base year.
	reasons := largestRemainder(int(math.Round(first.OutflowOther)), []float64{0.50, 0.38, 0.12})
	leavers := [ingest.NumReasons]int{
		ingest.Pensioen:           int(math.Round(first.OutflowRetirement)),
		ingest.AndereSector:       reasons[0],
		ingest.BuitenArbeidsmarkt: reasons[1],
		ingest.OnbekendeReden:     reasons[2],
		ingest.NaarZorgwerkgever:  int(math.Round(first.MobilityOut)),
	}
	lateral := largestRemainder(int(math.Round(first.InflowLateral)), []float64{0.85, 0.15})
	hires := [ingest.NumOrigins]int{
		ingest.Schoolverlater:   int(math.Round(first.InflowGraduates)),
		ingest.ZijInstromer:     lateral[0],
		ingest.OverigeHerkomst:  lateral[1],
		ingest.Herintreder:      int(math.Round(first.InflowReturners)),
		ingest.VanZorgwerkgever: int(math.Round(first.MobilityIn)),
	}
	for reason, n := range leavers {
		for j, k := range largestRemainder(n, w) {
			subs[idx[j]].Leavers[l][reason] = k
		}
	}
	for origin, n := range hires {
		for j, k := range largestRemainder(n, w) {
			subs[idx[j]].Hires[l][origin] = k
		}
	}
}

// places splits each branch's training places over its employers, and
// fills them with the base year's students.
func places(base *forecast.Region, subs []*ingest.Submission) {
	for _, t := range base.Trainers {
		var idx []int
		var w []float64
		for i, e := range employers {
			if e.branch == t.Branch {
				idx = append(idx, i)
			}
		}
		for l := range forecast.Level(forecast.NumLevels) {
			w = w[:0]
			for _, i := range idx {
				w = append(w, employers[i].weight[l])
			}
			for rt := range forecast.Route(forecast.NumRoutes) {
				for j, k := range largestRemainder(int(math.Round(t.Places[l][rt])), w) {
					subs[idx[j]].Places[l][rt].Offered = k
				}
			}
		}
	}
	all := base.Places()
	for l := range forecast.Level(forecast.NumLevels) {
		for rt := range forecast.Route(forecast.NumRoutes) {
			p := &base.Programmes[l][rt]
			if p.DurationYears == 0 || all[l][rt] == 0 {
				continue
			}
			var students float64
			for _, n := range p.Enrolled {
				students += n
			}
			offered := make([]float64, len(subs))
			for i, s := range subs {
				offered[i] = float64(s.Places[l][rt].Offered)
			}
			for i, k := range largestRemainder(int(math.Round(students*p.PlaceUse)), offered) {
				pl := &subs[i].Places[l][rt]
				pl.Filled = k
				if pl.Filled > pl.Offered {
					log.Fatalf("%s %s %s: %d filled of %d offered", subs[i].Employer.Name, l, rt, pl.Filled, pl.Offered)
				}
			}
		}
	}
}

// largestRemainder splits total into whole parts in proportion to
// weights: each part gets the floor of its share, and the units left go
// to the largest remainders (the first of equals), so the parts add up to
// total exactly.
func largestRemainder(total int, weights []float64) []int {
	parts := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || total <= 0 {
		return parts
	}
	rest := make([]float64, len(weights))
	left := total
	for i, w := range weights {
		x := float64(total) * w / sum
		parts[i] = int(math.Floor(x))
		rest[i] = x - float64(parts[i])
		left -= parts[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		parts[best]++
		rest[best] = -1
	}
	return parts
}

// slug turns a name into a file name: lower case, ASCII, hyphens.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.NewReplacer("ö", "o", "é", "e", "ë", "e").Replace(name)) {
		if unicode.IsLetter(r) && r < 128 || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
