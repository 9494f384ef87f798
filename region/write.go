package region

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"raat/forecast"
)

// Write writes f as a region file in the layout of data/twente.yaml: the
// header, then each top-level field with its note as the comment above
// it, branches and programmes in the model's order, and the remarks at the
// end of their lines. Numbers are written exactly (the shortest form that
// reads back as the same float64), so ParseFile of the output gives f
// back; round a number before writing it to keep the file readable.
func Write(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	e := &emitter{w: bw, f: f}
	e.comment("", f.Header)
	if len(f.Header) > 0 {
		e.line("")
	}
	e.scalar("region", strconv.Quote(f.Name))
	e.scalar("base_year", strconv.Itoa(f.BaseYear))
	e.scalar("pension_age", strconv.Itoa(f.PensionAge))
	e.scalar("stay_past_pension", num(f.StayPastPension))
	e.scalar("past_pension_outflow", num(f.PastPensionOutflow))
	e.scalar("early_retirement_rate", num(f.EarlyRetirementRate))
	e.scalar("absence_rate", num(f.AbsenceRate))
	e.scalar("lateral_entry_age", strconv.Itoa(f.LateralEntryAge))
	e.scalar("returner_age", strconv.Itoa(f.ReturnerAge))
	e.scalar("sector_yield_per_contract_hour", num(f.SectorYieldPerContractHour))

	e.key("training")
	e.line("  student_hours: " + routes(f.Training.StudentHours[:], f.Training.PlaceHours[:]))
	e.line("  place_hours: " + routes(f.Training.PlaceHours[:], f.Training.PlaceHours[:]))

	if len(f.Groups) > 0 {
		var qs []string
		for _, g := range f.Groups {
			qs = append(qs, strconv.Quote(g))
		}
		e.scalar("groups", "["+strings.Join(qs, ", ")+"]")
	}

	e.key("outflow_by_age")
	for b := range forecast.AgeBand(forecast.NumAgeBands) {
		e.line(fmt.Sprintf("  %q: %s", b.String(), num(f.OutflowByAge[b])))
	}

	e.key("branches")
	for b := range forecast.Branch(forecast.NumBranches) {
		if !f.Branches[b].Absent {
			e.branch(b, &f.Branches[b])
		}
	}

	e.key("programmes")
	for l := range forecast.Level(forecast.NumLevels) {
		first := true
		for rt := range forecast.Route(forecast.NumRoutes) {
			p := &f.Programmes[l][rt]
			if p.DurationYears == 0 {
				continue
			}
			if first {
				e.line("  " + l.String() + ":")
				first = false
			}
			e.line("    " + rt.String() + ": " + programme(p))
		}
	}

	if p := f.Population; p != nil {
		e.key("population")
		for i, y := range p.Years {
			e.nested("  ", "population", strconv.Itoa(y), groups(p.Count[i]))
		}
	}
	if u := f.Uncertainty; u != nil {
		e.key("uncertainty")
		for _, g := range []struct {
			key string
			r   forecast.Range
		}{
			{"dropout", u.Dropout}, {"sector_yield", u.SectorYield}, {"other_outflow", u.OtherOutflow},
			{"part_time_factor", u.PartTimeFactor}, {"demand_growth", u.DemandGrowth},
			{"population", u.Population},
		} {
			if g.key == "population" && g.r.Fixed() && g.r.Low == 0 {
				continue
			}
			e.line(fmt.Sprintf("  %s: [%s, %s]", g.key, num(g.r.Low), num(g.r.High)))
		}
	}
	if c := f.Costs; c != nil {
		e.key("costs")
		for _, v := range []struct {
			key string
			v   float64
		}{
			{"per_retained_worker", c.PerRetainedWorker}, {"per_lateral_entrant", c.PerLateralEntrant},
			{"per_contract_fte", c.PerContractFTE}, {"per_training_place", c.PerTrainingPlace},
			{"per_absence_fte", c.PerAbsenceFTE}, {"per_demand_fte", c.PerDemandFTE},
			{"per_past_pension_worker", c.PerPastPensionWorker}, {"per_graduate_hired", c.PerGraduateHired},
		} {
			e.line(fmt.Sprintf("  %s: %s", v.key, num(v.v)))
		}
		if c.PerSubstitutedFTE != 0 {
			e.line("  per_substituted_fte: " + num(c.PerSubstitutedFTE))
		}
	}
	return bw.Flush()
}

// emitter writes the lines of a region file.
type emitter struct {
	w *bufio.Writer
	f *File
}

func (e *emitter) line(s string) { e.w.WriteString(s + "\n") }

// comment writes lines as comments at the given indentation.
func (e *emitter) comment(indent string, lines []string) {
	for _, l := range cleanComment(lines) {
		if l == "" {
			e.line(indent + "#")
		} else {
			e.line(indent + "# " + l)
		}
	}
}

// key starts a top-level mapping: a blank line, its note, the key.
func (e *emitter) key(k string) {
	e.line("")
	e.comment("", e.f.Notes[k])
	e.line(k + ":")
}

// scalar writes a top-level field with its note above it.
func (e *emitter) scalar(k, v string) {
	if n := e.f.Notes[k]; len(n) > 0 {
		e.line("")
		e.comment("", n)
	}
	e.line(k + ": " + v)
}

// nested writes an indented field and its remark.
func (e *emitter) nested(indent, path, k, v string) {
	s := indent + k + ": " + v
	if r := oneLine(e.f.Remarks[path+"."+k]); r != "" {
		s += "   # " + r
	}
	e.line(s)
}

func (e *emitter) branch(b forecast.Branch, br *Branch) {
	path := "branches." + b.String()
	if r := oneLine(e.f.Remarks[path]); r != "" {
		e.line("  # " + r)
	}
	e.line("  " + b.String() + ":")
	const in = "    "
	if len(br.DemandFactors) > 0 {
		e.line(in + "demand_factors:")
		for _, df := range br.DemandFactors {
			sum := ""
			if df.Sum != "" {
				sum = ", sum: " + strconv.Quote(df.Sum)
			}
			e.line(fmt.Sprintf("%s  - {name: %s, change: %s, years: %d%s}", in, strconv.Quote(df.Name), num(df.Change), df.Years, sum))
		}
	} else {
		e.nested(in, path, "demand_growth", num(br.DemandGrowth))
	}
	if br.UnmetDemand != 0 {
		e.nested(in, path, "unmet_demand", num(br.UnmetDemand))
	}
	if f := e.f; f.Population != nil {
		e.nested(in, path, "care_use", groups(br.CareUse))
	}
	e.nested(in, path, "outflow_factor", num(br.OutflowFactor))
	e.nested(in, path, "mobility_rate", num(br.MobilityRate))
	e.nested(in, path, "mobility_weight", num(br.MobilityWeight))
	e.nested(in, path, "lateral_entry_rate", num(br.LateralEntryRate))
	e.nested(in, path, "returner_rate", num(br.ReturnerRate))
	var profile []string
	for k := range forecast.AgeBand(forecast.NumAgeBands) {
		profile = append(profile, fmt.Sprintf("%q: %s", k.String(), num(br.AgeProfile[k])))
	}
	e.nested(in, path, "age_profile", "{"+strings.Join(profile, ", ")+"}")
	e.line(in + "levels:")
	for l := range forecast.Level(forecast.NumLevels) {
		lv := &br.Levels[l]
		if lv.Absent {
			continue
		}
		fields := []string{"headcount: " + num(lv.Headcount), "part_time_factor: " + num(lv.PartTimeFactor), "vacancies_fte: " + num(lv.VacanciesFTE)}
		if len(lv.Groups) > 0 {
			fields = fields[2:]
			var gs []string
			for g := range lv.Groups {
				gs = append(gs, strconv.Quote(e.f.Groups[g])+": "+group(&lv.Groups[g]))
			}
			fields = append(fields, "groups: {"+strings.Join(gs, ", ")+"}")
		}
		for _, o := range []struct {
			key string
			v   *float64
		}{{"graduate_weight", lv.GraduateWeight}, {"outflow_factor", lv.OutflowFactor}, {"lateral_entry_rate", lv.LateralEntryRate}, {"returner_rate", lv.ReturnerRate}, {"unmet_demand", lv.UnmetDemand}} {
			if o.v != nil {
				fields = append(fields, o.key+": "+num(*o.v))
			}
		}
		e.nested(in+"  ", path+".levels", l.String(), "{"+strings.Join(fields, ", ")+"}")
	}
	var places []string
	for l := range forecast.Level(forecast.NumLevels) {
		if s := routes(br.Places[l][:], br.Places[l][:]); s != "{}" {
			places = append(places, l.String()+": "+s)
		}
	}
	if len(places) > 0 {
		e.line(in + "places:")
		for _, p := range places {
			e.line(in + "  " + p)
		}
	}
}

// groups writes a value per population age group as a flow mapping.
func groups(v [forecast.NumAgeGroups]float64) string {
	parts := make([]string, len(v))
	for g, x := range v {
		parts[g] = fmt.Sprintf("%q: %s", forecast.AgeGroup(g).String(), num(x))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// routes writes a value per route as a flow mapping: of the routes for
// which keep is not zero (keep may be v itself).
func routes(v, keep []float64) string {
	var parts []string
	for rt, x := range v {
		if keep[rt] != 0 {
			parts = append(parts, forecast.Route(rt).String()+": "+num(x))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func group(g *Group) string {
	parts := []string{"headcount: " + num(g.Headcount), "entrants: " + num(g.Entrants)}
	if g.PartTimeByBand != nil {
		parts = append(parts, "part_time_by_age: "+bands(g.PartTimeByBand))
	} else {
		parts = append(parts, "part_time_factor: "+num(g.PartTimeFactor))
	}
	if g.AgeProfile != nil {
		parts = append(parts, "age_profile: "+bands(g.AgeProfile))
	}
	if g.OutflowByAge != nil {
		parts = append(parts, "outflow_by_age: "+bands(g.OutflowByAge))
	}
	if g.OutflowFactor != nil {
		parts = append(parts, "outflow_factor: "+num(*g.OutflowFactor))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func bands(v *[forecast.NumAgeBands]float64) string {
	var parts []string
	for k := range forecast.AgeBand(forecast.NumAgeBands) {
		parts = append(parts, fmt.Sprintf("%q: %s", k.String(), num(v[k])))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func programme(p *forecast.Programme) string {
	parts := []string{
		"duration: " + strconv.Itoa(p.DurationYears),
		"dropout: " + list(p.Dropout),
		"sector_yield: " + num(p.SectorYield),
		"candidates: " + num(p.Candidates),
	}
	if p.CandidateGrowth != 0 {
		parts = append(parts, "candidate_growth: "+num(p.CandidateGrowth))
	}
	parts = append(parts, "place_use: "+num(p.PlaceUse), "entry_age: "+strconv.Itoa(p.EntryAge))
	if p.ProductiveFTE != 0 {
		parts = append(parts, "productive_fte: "+num(p.ProductiveFTE))
	}
	parts = append(parts, "cost_per_student_year: "+num(p.CostPerStudentYear))
	if p.Enrolled != nil {
		parts = append(parts, "enrolled: "+list(p.Enrolled))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func list(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = num(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// num writes a number so that it reads back as the same float64.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// oneLine makes s fit in a comment: one line, printable characters and
// tabs only (YAML takes some others as line breaks, or refuses them), no
// trailing space.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || unicode.IsPrint(r) {
			return r
		}
		return ' '
	}, s)
	return strings.TrimRight(s, " \t")
}

// cleanComment is lines as Write writes them and ParseFile reads them
// back: each line cleaned by oneLine, trailing empty lines dropped.
func cleanComment(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, oneLine(l))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// WritePopulation writes a population section of a region file (the
// population key and a line per year, each group rounded to whole
// persons), with note as the comment above it, for pasting into a file.
func WritePopulation(w io.Writer, p *forecast.Population, note []string) error {
	bw := bufio.NewWriter(w)
	e := &emitter{w: bw, f: &File{}}
	e.comment("", note)
	e.line("population:")
	for i, y := range p.Years {
		var c [forecast.NumAgeGroups]float64
		for g, n := range p.Count[i] {
			c[g] = math.Round(n)
		}
		e.line(fmt.Sprintf("  %d: %s", y, groups(c)))
	}
	return bw.Flush()
}
