package yamldoc

import (
	"errors"
	"reflect"
	"testing"
)

func TestReadFields(t *testing.T) {
	src := "name: Twente\nyear: 2025\nrate: 0.25\nlist: [1, 2.5]\nnested:\n  a: 1\n"
	doc, m, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.String("name", Required); got != "Twente" {
		t.Errorf("name %q", got)
	}
	if got := m.Int("year", Required, Between(1900, 2200)); got != 2025 {
		t.Errorf("year %d", got)
	}
	if got := m.Float("rate", Required, Fraction); got != 0.25 {
		t.Errorf("rate %g", got)
	}
	if got := m.Floats("list", Required, 2, Any); !reflect.DeepEqual(got, []float64{1, 2.5}) {
		t.Errorf("list %v", got)
	}
	n := m.Map("nested", Required)
	if got := n.Int("a", Required, Any); got != 1 {
		t.Errorf("nested.a %d", got)
	}
	n.Done()
	m.Done()
	if err := doc.Err(); err != nil {
		t.Error(err)
	}
}

func TestProblemsNameLineAndField(t *testing.T) {
	src := "year: twenty\nrate: 1.5\nrate: 0.5\nextra: 1\nnested:\n  b: [x]\n"
	doc, m, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m.Int("year", Required, Any)
	m.Float("rate", Required, Fraction)
	m.Float("missing", Required, Any)
	n := m.Map("nested", Required)
	n.Floats("b", Required, 0, Any)
	n.Done()
	m.Done()
	var es Errors
	if !errors.As(doc.Err(), &es) {
		t.Fatalf("got %v", doc.Err())
	}
	want := Errors{
		{File: "f.yaml", Line: 1, Field: "year", Found: `"twenty"`, Want: "a whole number"},
		{File: "f.yaml", Line: 1, Field: "missing", Found: "no value", Want: "a number"},
		{File: "f.yaml", Line: 2, Field: "rate", Found: "1.5", Want: "a fraction from 0 to 1 (0.08 is 8%)"},
		{File: "f.yaml", Line: 3, Field: "rate", Found: "the key a second time", Want: "each key once"},
		{File: "f.yaml", Line: 4, Field: "extra", Found: "an unknown field", Want: "one of missing, nested, rate, year"},
		{File: "f.yaml", Line: 6, Field: "nested.b[1]", Found: `"x"`, Want: "a number"},
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("got\n%v\nwant\n%v", es, want)
	}
	if s := want[2].Error(); s != "f.yaml:2: rate: found 1.5, want a fraction from 0 to 1 (0.08 is 8%)" {
		t.Errorf("message %q", s)
	}
}

func TestRefusedDocuments(t *testing.T) {
	for name, src := range map[string]string{
		"syntax":  "a: [1\n",
		"empty":   "",
		"list":    "- 1\n",
		"aliases": "a: &x 1\nb: *x\n",
	} {
		if _, m, err := Parse("f.yaml", []byte(src)); err == nil || m != nil {
			t.Errorf("%s: accepted", name)
		}
	}
	_, _, err := Parse("f.yaml", []byte("a: 1\nb: [2\n"))
	var es Errors
	if !errors.As(err, &es) || es[0].Line == 0 {
		t.Errorf("syntax error without a line: %v", err)
	}
}

func TestNotes(t *testing.T) {
	src := "# file header\n#   indented\n\n# bron: CBS\n#   - tweede regel\nrate: 0.1   # per jaar\nplain: 1\nlist: [1] # kort\n"
	d, m, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Note{
		{Key: "rate", Line: 6, Text: "bron: CBS - tweede regel per jaar", Lines: []string{"bron: CBS", "  - tweede regel", "per jaar"}},
		{Key: "list", Line: 8, Text: "kort", Lines: []string{"kort"}},
	}
	if got := m.Notes(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got := d.Header(); !reflect.DeepEqual(got, []string{"file header", "  indented"}) {
		t.Errorf("header %q, want the first two comment lines", got)
	}
}
