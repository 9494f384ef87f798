//go:build ignore

// generate writes the sample employer workbooks of the Twente demo: a
// dozen fictional employers whose figures add up to data/twente.yaml, as
// package synthetic splits a region (its doc says what adds up and how it
// is rounded). Run it with go generate ./data (see data/employers.go).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode"

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
		name := filepath.Join(*out, slug(s.Employer.Name)+".xlsx")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d medewerkers, %.1f FTE\n", name, s.Headcount(), s.CareFTE())
	}
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
