package statline

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"raat/forecast"
)

func TestReadTwente(t *testing.T) {
	data, err := os.ReadFile("testdata/twente.csv")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read("twente.csv", bytes.NewReader(data), Options{Region: "CR12"})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Population
	if len(p.Years) != 2 || p.Years[0] != 2025 || p.Years[1] != 2030 {
		t.Fatalf("years %v, want 2025, 2030", p.Years)
	}
	// 2025: 0-17 = 30,000 + 31,000 + 32,000 + 3/5 of 35,000 = 114,000;
	// 18-64 = 2/5 of 35,000 + 365,000 = 379,000. The men's rows, the other
	// region, the totals and "65 jaar of ouder" are left out.
	want := [forecast.NumAgeGroups]float64{114000, 379000, 72000, 49000, 15000}
	if p.Count[0] != want {
		t.Errorf("2025: %v, want %v", p.Count[0], want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "15-19") {
		t.Errorf("warnings %v, want one on 15-19", res.Warnings)
	}
	if res.Column != "Bevolking_1" {
		t.Errorf("column %q", res.Column)
	}
}

func TestRefusals(t *testing.T) {
	good := "\"ID\";\"Geslacht\";\"Leeftijd\";\"RegioS\";\"Perioden\";\"Bevolking_1\"\n" +
		"0;\"Totaal mannen en vrouwen\";\"0 tot 18 jaar\";\"CR12\";\"2025JJ00\";\"100\"\n" +
		"1;\"Totaal mannen en vrouwen\";\"18 jaar of ouder\";\"CR12\";\"2025JJ00\";\"200\"\n"
	for _, tc := range []struct {
		name, from, to string
		line, column   int
		field          string
	}{
		{"missing column", `"Perioden";`, `"Jaar";`, 1, 0, "header"},
		{"missing value", `"2025JJ00";"200"`, `"2025JJ00";"."`, 3, 6, "Bevolking_1"},
		{"negative value", `"2025JJ00";"200"`, `"2025JJ00";"-200"`, 3, 6, "Bevolking_1"},
		{"bad year", `"18 jaar of ouder";"CR12";"2025JJ00"`, `"18 jaar of ouder";"CR12";"volgend jaar"`, 3, 5, "Perioden"},
		{"bad age", `"0 tot 18 jaar"`, `"jong"`, 2, 3, "Leeftijd"},
		{"short row", `;"100"`, ``, 2, 0, ""},
		{"open quote", `"100"`, `"100`, 2, 0, ""},
		{"gap in ages", `"18 jaar of ouder"`, `"20 jaar of ouder"`, 3, 3, "Leeftijd"},
		{"age twice", `"18 jaar of ouder";"CR12";"2025JJ00"`, `"0 tot 18 jaar";"CR12";"2025JJ00"`, 3, 3, "Leeftijd"},
		{"other region", `"CR12";"2025JJ00";"100"`, `"CR13";"2025JJ00";"100"`, 3, 3, "Leeftijd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.from) {
				t.Fatalf("%q not in the fixture", tc.from)
			}
			_, err := Read("bad.csv", strings.NewReader(strings.Replace(good, tc.from, tc.to, 1)), Options{Region: "CR12"})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error", err)
			}
			if e.File != "bad.csv" || e.Line != tc.line || e.Column != tc.column || e.Field != tc.field {
				t.Errorf("got %s (line %d column %d field %q), want line %d column %d field %q", e, e.Line, e.Column, e.Field, tc.line, tc.column, tc.field)
			}
		})
	}
	if _, err := Read("good.csv", strings.NewReader(good), Options{Region: "CR12"}); err != nil {
		t.Errorf("good fixture: %v", err)
	}
}

func FuzzSplitLine(f *testing.F) {
	for _, s := range []string{`"a";"b""c";d`, `"open`, `a;;b`, `"x"y`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields, err := splitLine(s, ';')
		if err != nil {
			return
		}
		// Fields without quotes or separators join back to the line.
		if !strings.ContainsAny(s, "\"") && strings.Join(fields, ";") != s {
			t.Errorf("%q split to %q", s, fields)
		}
	})
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/twente.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("\"Leeftijd\";\"RegioS\";\"Perioden\";\"x\"\n\"85 jaar of ouder\";CR12;2030;1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read("fuzz.csv", bytes.NewReader(b), Options{Region: "CR12"})
		if err != nil {
			var e *Error
			if errors.As(err, &e) && (e.Line < 1 || e.File != "fuzz.csv") {
				t.Errorf("error without a position: %v", err)
			}
			return
		}
		for i, c := range res.Population.Count {
			for _, n := range c {
				if !(n >= 0) {
					t.Errorf("year %d: count %g", res.Population.Years[i], n)
				}
			}
		}
	})
}
