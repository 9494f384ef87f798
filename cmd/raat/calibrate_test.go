package main

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"raat/data"
	"raat/forecast"
	"raat/region"
)

// TestCalibrateWritesARegionFile calibrates on two of the twelve sample
// workbooks (a hospital and a VVT organisation), writes the region file and
// runs it: it reads back, has the region file's staff per branch, says
// where its numbers come from, and forecasts as the employers' region does.
func TestCalibrateWritesARegionFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"ziekenhuis-twentse-poort.xlsx", "zorggroep-regge-en-dinkel.xlsx"} {
		b, err := fs.ReadFile(data.Employers(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "gekalibreerd.yaml")
	stdout, stderr, err := raat(t, "calibrate", "--employers", dir, "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "Regiobestand: "+out) || !strings.Contains(stdout, "Dekking: 2 werkgevers, 27% van het personeel in de regio") {
		t.Errorf("output:\n%s", stdout)
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Twente, gekalibreerd met raat calibrate uit de werkgeversuitvraag van 2 werkgevers (" + dir + ").",
		"  # geen werkgever geleverd: alles aanname\n  ggz:\n",
		"  # 1 werkgever, 5.084 medewerkers gemeld, 64% van het personeel\n  ziekenhuizen:\n",
		"vertrekkers, ",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("region file lacks %q", want)
		}
	}
	calibrated, err := region.Parse(out, src)
	if err != nil {
		t.Fatal(err)
	}
	base, err := region.Twente()
	if err != nil {
		t.Fatal(err)
	}
	for b := range forecast.Branch(forecast.NumBranches) {
		var got, want float64
		for l := range forecast.Level(forecast.NumLevels) {
			got += calibrated.Cells[b][l].Headcount.Sum()
			want += base.Cells[b][l].Headcount.Sum()
		}
		if math.Abs(got-want) > 0.5 { // headcount written to tenths
			t.Errorf("%s: %v people, want the region file's %v", b, got, want)
		}
	}
	short := func(args ...string) string {
		t.Helper()
		o, e, err := raat(t, append([]string{"run", "--no-charts", "--to", "2030"}, args...)...)
		if err != nil {
			t.Fatalf("%v\n%s", err, e)
		}
		for _, line := range strings.Split(o, "\n") {
			if strings.HasPrefix(line, "2030 ") {
				return strings.Fields(line)[3]
			}
		}
		t.Fatalf("no 2030 in\n%s", o)
		return ""
	}
	if a, b := short("--region", out), short("--employers", dir); a != b {
		t.Logf("2030 shortfall %s FTE from the written file, %s from the workbooks", a, b)
		fa, fb := dutch(t, a), dutch(t, b)
		if math.Abs(fa-fb) > 0.01*fb {
			t.Errorf("2030 shortfall %s FTE from the written file, %s from the workbooks: want within 1%%", a, b)
		}
	}
}

// dutch reads a number printed the Dutch way ("3.736").
func dutch(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	for _, r := range strings.ReplaceAll(s, ".", "") {
		if r < '0' || r > '9' {
			t.Fatalf("not a whole number: %q", s)
		}
		v = 10*v + float64(r-'0')
	}
	return v
}
