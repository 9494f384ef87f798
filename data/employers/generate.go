//go:build ignore

// generate writes the sample employer workbooks of the Twente demo: a
// dozen fictional employers whose figures add up to data/twente.yaml, as
// package synthetic splits a region (its doc says what adds up and how it
// is rounded), and their history: the workbooks of the peildata 2021 to
// 2024, made by running a process of its own backwards from the 2025
// workbooks (synthetic.History), written as JSON lines, gzipped, to
// history.jsonl.gz. Run it with go generate ./data (see
// data/employers.go).
//
// The history tells a story a board recognises. 2022 was a year of
// unusually high outflow (a third more leavers to other sectors and out of
// the labour market, in VVT and kinderopvang more), the year after
// corona; in 2023 the hospitals froze hiring (a third of their usual
// lateral entrants, fewer school-leavers). The action plan was made on the
// 2022 figures and starts in 2023: from then BBL places rise (from 80% of
// the 2025 number to all of it), contracts grow by a quarter of an hour a
// year, a little short of the plan's hour. Zorgcentrum De Posthoorn
// merged into Zorggroep Regge en Dinkel on 1 January 2024, whose 2024
// workbook names it; Thuiszorg De Hofmarke did not deliver over 2024 (it
// is back in 2025); Ziekenhuis Twentse Poort first sent its 2023 workbook
// with its headcount in the FTE column and sent the corrected one two
// months later. Every employer varies a little from year to year of its
// own (3%).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"raat/forecast"
	"raat/ingest"
	"raat/region"
	"raat/synthetic"
)

// employers are the demo's: two hospitals, three VVT organisations from a
// large one to a home-care provider of 156 people, and one per other
// branch, with their shares of the branch's staff per level.
var employers = []synthetic.Employer{
	{Name: "Ziekenhuis Twentse Poort", KvK: "41027733", Branch: forecast.Ziekenhuizen, Weight: [5]float64{0.60, 0.60, 0.62, 0.64, 0.66}},
	{Name: "Streekziekenhuis Dinkelland", KvK: "52210968", Branch: forecast.Ziekenhuizen, Weight: [5]float64{0.40, 0.40, 0.38, 0.36, 0.34}},
	{Name: "Zorggroep Regge en Dinkel", KvK: "40074412", Branch: forecast.VVT, Weight: [5]float64{0.50, 0.55, 0.55, 0.50, 0.52}},
	{Name: "Ouderenzorg Vechtdal-Twente", KvK: "63385119", Branch: forecast.VVT, Weight: [5]float64{0.488, 0.442, 0.44, 0.492, 0.476}},
	{Name: "Thuiszorg De Hofmarke", KvK: "78120546", Branch: forecast.VVT, Weight: [5]float64{0.012, 0.008, 0.01, 0.008, 0.004}},
	{Name: "GGZ Twentse Kring", KvK: "41029345", Branch: forecast.GGZ, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Stichting Esrand Gehandicaptenzorg", KvK: "41030872", Branch: forecast.Gehandicaptenzorg, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Jeugdhulp Twente Samen", KvK: "65872214", Branch: forecast.Jeugdzorg, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Coöperatie Huisartsenzorg Twente", KvK: "08156233", Branch: forecast.Huisartsen, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Welzijn Twente-West", KvK: "41031190", Branch: forecast.SociaalWerk, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Kinderopvang De Kwetternest", KvK: "70431285", Branch: forecast.Kinderopvang, Weight: [5]float64{1, 1, 1, 1, 1}},
	{Name: "Stichting Zorgdiensten Twente", KvK: "56008817", Branch: forecast.OverigBranch, Weight: [5]float64{1, 1, 1, 1, 1}},
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
	subs, err := synthetic.Submissions(base, employers, synthetic.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range subs {
		var buf bytes.Buffer
		if err := ingest.WriteWorkbook(&buf, s, ingest.TemplateOptions{Regions: []string{base.Name}, Training: base.Training}); err != nil {
			log.Fatal(err)
		}
		s.File = synthetic.Slug(s.Employer.Name) + ".xlsx"
		name := filepath.Join(*out, s.File)
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d medewerkers, %.1f FTE\n", name, s.Headcount(), s.CareFTE())
	}
	past, err := synthetic.History(subs, story)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		log.Fatal(err)
	}
	enc := json.NewEncoder(zw)
	for _, s := range past {
		if err := enc.Encode(s); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	name := filepath.Join(*out, "history.jsonl.gz")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d werkmappen van 2021 tot en met 2024, %d bytes\n", name, len(past), buf.Len())
}

// story is the history of the demo's employers (see the package doc).
var story = synthetic.Past{
	From:  2021,
	Seed:  2021,
	Noise: 0.03,
	Flows: func(y int, b forecast.Branch) synthetic.Flows {
		f := synthetic.Flows{OtherOutflow: 1, Mobility: 1, Lateral: 0.96, Graduates: 1}
		switch y {
		case 2022: // the year of high outflow
			f.OtherOutflow, f.Mobility, f.Lateral, f.Graduates = 1.30, 1.20, 0.95, 0.98
			switch b {
			case forecast.VVT:
				f.OtherOutflow = 1.40
			case forecast.Kinderopvang:
				f.OtherOutflow = 1.35
			}
		case 2023:
			f.OtherOutflow = 1.08
			if b == forecast.Ziekenhuizen { // the hiring freeze
				f.Lateral, f.Graduates = 0.35, 0.70
			}
		case 2024:
			f.OtherOutflow, f.Lateral = 1.02, 0.98
		}
		return f
	},
	Peil: func(y int, b forecast.Branch) synthetic.Peil {
		// against 2025: contracts (hours a week), places per route (BOL,
		// BBL, hbo-voltijd, hbo-duaal), places filled, vacancies
		switch y {
		case 2021:
			return synthetic.Peil{Hours: -0.50, Places: [4]float64{1.04, 0.80, 0.98, 0.90}, Occupancy: 1.00, Vacancies: 0.72}
		case 2022:
			return synthetic.Peil{Hours: -0.45, Places: [4]float64{1.04, 0.80, 0.99, 0.92}, Occupancy: 0.97, Vacancies: 0.85}
		case 2023:
			return synthetic.Peil{Hours: -0.35, Places: [4]float64{1.03, 0.85, 0.99, 0.95}, Occupancy: 0.98, Vacancies: 0.90}
		}
		return synthetic.Peil{Hours: -0.20, Places: [4]float64{1.01, 0.92, 1.00, 0.97}, Occupancy: 0.99, Vacancies: 0.96}
	},
	Mergers: []synthetic.Merger{{Name: "Zorgcentrum De Posthoorn", KvK: "63101877", Into: "40074412", Year: 2024,
		Share: [forecast.NumLevels]float64{0.14, 0.15, 0.12, 0.10, 0.10}}},
	Missing: []synthetic.Missing{{KvK: "78120546", Year: 2024}},
	Corrections: []synthetic.Correction{{KvK: "41027733", Year: 2023, Later: time.Date(2024, 4, 3, 10, 0, 0, 0, time.UTC),
		Wrong: func(s *ingest.Submission) { // the headcount in the FTE column
			for l := range s.Staff {
				for b := range s.Staff[l] {
					s.Staff[l][b].FTE = float64(s.Staff[l][b].Headcount)
				}
			}
		}}},
}
