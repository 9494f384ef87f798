// Package yamldoc reads the YAML files analysts edit by hand (region data,
// scenarios) strictly, field by field, and records every problem with its
// file, line and field, so that a user fixing a file sees all of its
// problems at once, each where it is.
//
// It walks the YAML node tree (go.yaml.in/yaml/v3) instead of unmarshalling
// into structs, because a struct decoder forgets where a value came from:
// range checks done after decoding could not name the line.
//
//	doc, top, err := yamldoc.Parse("twente.yaml", data)
//	base := top.Int("base_year", yamldoc.Required, yamldoc.Between(1900, 2200))
//	top.Done() // unknown keys are errors
//	return doc.Err()
package yamldoc

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a file: where (File, Line, Field), what was found
// and what is expected.
type Error struct {
	File  string
	Line  int
	Field string
	Found string
	Want  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": %s", e.Field)
	}
	if e.Found != "" {
		fmt.Fprintf(&b, ": found %s", e.Found)
		if e.Want != "" {
			b.WriteString(",")
		}
	} else if e.Want != "" {
		b.WriteString(":")
	}
	if e.Want != "" {
		fmt.Fprintf(&b, " want %s", e.Want)
	}
	return b.String()
}

// Errors are all problems of a file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Doc is a file being read; it collects the problems.
type Doc struct {
	file   string
	errs   Errors
	header []string
}

// NewDoc returns a Doc for problems found in file outside its text (in
// what it means as a whole), to report them as the file's.
func NewDoc(file string) *Doc { return &Doc{file: file} }

// Header returns the comment lines that open the file, before a blank
// line, without their "# ".
func (d *Doc) Header() []string { return d.header }

// Err returns the problems found so far, sorted by line, or nil.
func (d *Doc) Err() error {
	if len(d.errs) == 0 {
		return nil
	}
	sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].Line < d.errs[j].Line })
	return d.errs
}

// Add records a problem.
func (d *Doc) Add(line int, field, found, want string) {
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Field: field, Found: found, Want: want})
}

// Need says whether a field must be present.
type Need bool

const (
	Required Need = true
	Optional Need = false
)

// Check returns "" for a good value, or what is wanted instead.
type Check func(float64) string

// Fraction accepts numbers from 0 to 1.
func Fraction(v float64) string {
	if v >= 0 && v <= 1 {
		return ""
	}
	return "a fraction from 0 to 1 (0.08 is 8%)"
}

// NonNegative accepts numbers of 0 and more.
func NonNegative(v float64) string {
	if v >= 0 && !math.IsInf(v, 1) {
		return ""
	}
	return "a number of 0 or more"
}

// Between accepts numbers from lo to hi.
func Between(lo, hi float64) Check {
	return func(v float64) string {
		if v >= lo && v <= hi {
			return ""
		}
		return fmt.Sprintf("a number from %g to %g", lo, hi)
	}
}

// Any accepts every number.
func Any(float64) string { return "" }

// Parse reads data as one YAML document whose top level is a mapping.
// A syntax error is returned at once (as Errors with its line); otherwise
// the returned Doc collects the problems its Map finds.
func Parse(file string, data []byte) (*Doc, *Map, error) {
	d := &Doc{file: file}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := syntaxLine(err)
		d.Add(line, "", "", "valid YAML ("+msg+")")
		return d, nil, d.Err()
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		d.Add(0, "", "an empty file", "a YAML mapping of fields")
		return d, nil, d.Err()
	}
	n := root.Content[0]
	if n.Kind != yaml.MappingNode {
		d.Add(n.Line, "", kindName(n), "a YAML mapping of fields")
		return d, nil, d.Err()
	}
	if hasAlias(n, 0) {
		d.Add(n.Line, "", "YAML anchors or aliases, or nesting deeper than 64", "plain values")
		return d, nil, d.Err()
	}
	d.header = commentLines(root.HeadComment)
	return d, &Map{doc: d, node: n, used: map[string]bool{}}, nil
}

// commentLines splits a node's comment into its lines without "#" and the
// one space after it, keeping any further indentation.
func commentLines(c string) []string {
	var lines []string
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimPrefix(strings.TrimSpace(line), "#")
		lines = append(lines, strings.TrimRight(strings.TrimPrefix(line, " "), " \t"))
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return nil
	}
	return lines
}

// syntaxLine pulls the line number out of a yaml error ("yaml: line 7: ...").
func syntaxLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 0, msg
}

func hasAlias(n *yaml.Node, depth int) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || depth > 64 {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c, depth+1) {
			return true
		}
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

// Map is a YAML mapping being read. Reading a key marks it used; Done
// reports the keys nobody read.
type Map struct {
	doc  *Doc
	node *yaml.Node
	path string
	used map[string]bool
}

// Line is the line the mapping starts on.
func (m *Map) Line() int { return m.node.Line }

// Path is the mapping's place in the file, e.g. "branches.vvt".
func (m *Map) Path() string { return m.path }

// Doc returns the document the mapping belongs to.
func (m *Map) Doc() *Doc { return m.doc }

func (m *Map) field(key string) string {
	if m.path == "" || key == "" {
		return m.path + key
	}
	return m.path + "." + key
}

// lookup returns the key and value nodes of key, reporting duplicates.
func (m *Map) lookup(key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		if m.node.Content[i].Value == key {
			if k != nil {
				m.doc.Add(m.node.Content[i].Line, m.field(key), "the key a second time", "each key once")
				continue
			}
			k, v = m.node.Content[i], m.node.Content[i+1]
		}
	}
	m.used[key] = true
	return k, v
}

// Has reports whether key is present.
func (m *Map) Has(key string) bool {
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		if m.node.Content[i].Value == key {
			return true
		}
	}
	return false
}

func (m *Map) missing(key string, need Need, want string) {
	if need {
		m.doc.Add(m.node.Line, m.field(key), "no value", want)
	}
}

// Float reads a number. A missing optional field gives 0 and no problem.
func (m *Map) Float(key string, need Need, check Check) float64 {
	v, _ := m.FloatOK(key, need, check)
	return v
}

// FloatOK reads a number and reports whether it was present and valid.
func (m *Map) FloatOK(key string, need Need, check Check) (float64, bool) {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a number")
		return 0, false
	}
	return m.doc.number(n, m.field(key), check)
}

// number reads a scalar node as a finite number.
func (d *Doc) number(n *yaml.Node, field string, check Check) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		d.Add(n.Line, field, kindName(n), "a number")
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		d.Add(n.Line, field, fmt.Sprintf("%q", n.Value), "a finite number")
		return 0, false
	}
	if want := check(v); want != "" {
		d.Add(n.Line, field, n.Value, want)
		return v, false
	}
	return v, true
}

// Int reads a whole number.
func (m *Map) Int(key string, need Need, check Check) int {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a whole number")
		return 0
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		m.doc.Add(n.Line, m.field(key), kindName(n), "a whole number")
		return 0
	}
	v, err := strconv.Atoi(strings.ReplaceAll(n.Value, "_", ""))
	if err != nil {
		m.doc.Add(n.Line, m.field(key), n.Value, "a whole number")
		return 0
	}
	if want := check(float64(v)); want != "" {
		m.doc.Add(n.Line, m.field(key), n.Value, want)
	}
	return v
}

// String reads a text. Numbers are taken as their text.
func (m *Map) String(key string, need Need) string {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a text")
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		m.doc.Add(n.Line, m.field(key), kindName(n), "a text")
		return ""
	}
	return n.Value
}

// Floats reads a list of numbers; want > 0 demands that many.
func (m *Map) Floats(key string, need Need, want int, check Check) []float64 {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a list of numbers")
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		m.doc.Add(n.Line, m.field(key), kindName(n), "a list of numbers, like [0.18, 0.08]")
		return nil
	}
	if want > 0 && len(n.Content) != want {
		m.doc.Add(n.Line, m.field(key), fmt.Sprintf("%d numbers", len(n.Content)), fmt.Sprintf("%d numbers", want))
	}
	vs := make([]float64, len(n.Content))
	for i, c := range n.Content {
		vs[i], _ = m.doc.number(c, fmt.Sprintf("%s[%d]", m.field(key), i+1), check)
	}
	return vs
}

// Map reads a nested mapping; nil when absent (a problem when required)
// or not a mapping.
func (m *Map) Map(key string, need Need) *Map {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a mapping of fields")
		return nil
	}
	if n.Kind != yaml.MappingNode {
		m.doc.Add(n.Line, m.field(key), kindName(n), "a mapping of fields")
		return nil
	}
	return &Map{doc: m.doc, node: n, path: m.field(key), used: map[string]bool{}}
}

// Entry is one key of a mapping whose keys are data (branch names, say).
type Entry struct {
	Key  string
	Line int
	node *yaml.Node
	m    *Map
}

// Entries returns every key of the mapping in file order and marks all used;
// the caller parses the keys and reads the values.
func (m *Map) Entries() []Entry {
	var es []Entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		k := m.node.Content[i]
		if seen[k.Value] {
			m.doc.Add(k.Line, m.field(k.Value), "the key a second time", "each key once")
			continue
		}
		seen[k.Value] = true
		m.used[k.Value] = true
		es = append(es, Entry{Key: k.Value, Line: k.Line, node: m.node.Content[i+1], m: m})
	}
	return es
}

// Map reads the entry's value as a mapping, or reports it and returns nil.
func (e Entry) Map() *Map {
	if e.node.Kind != yaml.MappingNode {
		e.m.doc.Add(e.node.Line, e.m.field(e.Key), kindName(e.node), "a mapping of fields")
		return nil
	}
	return &Map{doc: e.m.doc, node: e.node, path: e.m.field(e.Key), used: map[string]bool{}}
}

// Float reads the entry's value as a number.
func (e Entry) Float(check Check) (float64, bool) {
	return e.m.doc.number(e.node, e.m.field(e.Key), check)
}

// Bad records that the entry's key is not acceptable.
func (e Entry) Bad(want string) {
	e.m.doc.Add(e.Line, e.m.field(e.Key), fmt.Sprintf("%q", e.Key), want)
}

// List reads a list of mappings (like a scenario's levers).
func (m *Map) List(key string, need Need) []*Map {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a list")
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		m.doc.Add(n.Line, m.field(key), kindName(n), "a list")
		return nil
	}
	var ms []*Map
	for i, c := range n.Content {
		f := fmt.Sprintf("%s[%d]", m.field(key), i+1)
		if c.Kind != yaml.MappingNode {
			m.doc.Add(c.Line, f, kindName(c), "a mapping of fields")
			continue
		}
		ms = append(ms, &Map{doc: m.doc, node: c, path: f, used: map[string]bool{}})
	}
	return ms
}

// Strings reads a list of texts, or a single text as a list of one.
func (m *Map) Strings(key string, need Need) []string {
	_, n := m.lookup(key)
	if n == nil {
		m.missing(key, need, "a list of names")
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var ss []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				m.doc.Add(c.Line, m.field(key), kindName(c), "a name")
				continue
			}
			ss = append(ss, c.Value)
		}
		return ss
	}
	m.doc.Add(n.Line, m.field(key), kindName(n), "a list of names")
	return nil
}

// KeyLine returns the line of key, or the mapping's line when absent.
func (m *Map) KeyLine(key string) int {
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		if m.node.Content[i].Value == key {
			return m.node.Content[i].Line
		}
	}
	return m.node.Line
}

// Problem records a problem with the value of key (found, want).
func (m *Map) Problem(key, found, want string) {
	m.doc.Add(m.KeyLine(key), m.field(key), found, want)
}

// Done reports every key that was not read as an unknown field; call it
// after reading all the fields the mapping may have.
func (m *Map) Done() {
	var known []string
	for k := range m.used {
		known = append(known, k)
	}
	sort.Strings(known)
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		k := m.node.Content[i]
		if !m.used[k.Value] {
			m.doc.Add(k.Line, m.field(k.Value), "an unknown field", "one of "+strings.Join(known, ", "))
		}
	}
}

// Note is the comment a file gives a key: the comment lines right above it
// and any comment at the end of its line, without the #s. Text joins them
// into one paragraph; Lines keeps them as the file has them.
type Note struct {
	Key   string
	Line  int
	Text  string
	Lines []string
}

// Notes returns the notes of the mapping's keys, in file order; keys
// without a comment are left out.
func (m *Map) Notes() []Note {
	var ns []Note
	for i := 0; i+1 < len(m.node.Content); i += 2 {
		k, v := m.node.Content[i], m.node.Content[i+1]
		var parts, lines []string
		for _, c := range []string{k.HeadComment, k.LineComment, v.LineComment} {
			if c == "" {
				continue
			}
			for _, line := range commentLines(c) {
				lines = append(lines, line)
				if line = strings.TrimSpace(strings.TrimLeft(line, "#")); line != "" {
					parts = append(parts, line)
				}
			}
		}
		if len(parts) > 0 {
			ns = append(ns, Note{Key: k.Value, Line: k.Line, Text: strings.Join(parts, " "), Lines: lines})
		}
	}
	return ns
}
