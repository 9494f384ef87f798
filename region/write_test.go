package region

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"raat/data"
	"raat/forecast"
)

// TestWriteReadsBack writes the demo region and reads it back: the same
// fields, notes and header, and the same model region.
func TestWriteReadsBack(t *testing.T) {
	f, err := ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, err := ParseFile("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("written file refused: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, f) {
		t.Errorf("written file reads back differently:\n%s", buf.String())
	}
	want, got := twente(t), mustRegion(t, back)
	if !reflect.DeepEqual(got, want) {
		t.Error("written file gives another region")
	}
	for _, s := range []string{"# Twente: de demoregio", "\n# bron: AOW-leeftijd 67", "\npension_age: 67\n", `"<25": 0.23`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("written file lacks %q", s)
		}
	}
}

func TestWriteRemarksAndOptionalFields(t *testing.T) {
	f, err := ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		t.Fatal(err)
	}
	f.Header, f.Notes = nil, map[string][]string{"region": {"eerste regel", "", "  ingesprongen"}}
	k, w, lateral, returners := 1.25, 3.5, 0.09, 0.031
	vvt := &f.Branches[1]
	vvt.Levels[2].OutflowFactor, vvt.Levels[2].GraduateWeight = &k, &w
	vvt.Levels[0].LateralEntryRate, vvt.Levels[4].ReturnerRate = &lateral, &returners
	f.Remarks = map[string]string{"branches.vvt.outflow_factor": "werkgevers: 3 van 3", "branches.vvt.levels.mbo4": "uit\nde werkgevers", "branches.vvt": "VVT"}
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{
		"# eerste regel\n#\n#   ingesprongen\nregion: \"Twente\"\n",
		"    outflow_factor: 1.05   # werkgevers: 3 van 3\n",
		"      mbo4: {headcount: 2660, part_time_factor: 0.61, vacancies_fte: 118, graduate_weight: 3.5, outflow_factor: 1.25}   # uit de werkgevers\n",
		"  # VVT\n  vvt:\n",
		"      mbo2: {headcount: 3040, part_time_factor: 0.56, vacancies_fte: 62, lateral_entry_rate: 0.09}\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("written file lacks %q:\n%s", s, out)
		}
	}
	back, err := ParseFile("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("written file refused: %v", err)
	}
	f.Remarks = nil // remarks are written, not read
	if !reflect.DeepEqual(back, f) {
		t.Errorf("written file reads back differently: notes %q", back.Notes)
	}
}

func mustRegion(t *testing.T, f *File) any {
	t.Helper()
	r, err := f.Region()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// FuzzWriteReadsBack writes region files of random numbers (within each
// field's range, with one number taken as it comes), a region name and
// notes as they come, and reads them back: the same fields, the notes as
// Write cleans them (one line each, no control characters).
func FuzzWriteReadsBack(f *testing.F) {
	f.Add("Twente", "bron: CBS\n  - ingesprongen\n\n", uint64(1), 320.0)
	f.Add("Tw\u00e9nte: \"x\" # y\n\t", "#\x00 \u2028 \x85 regel\r\ntwee", uint64(2), 1e-300)
	f.Add("", "", uint64(3), 1.7976931348623157e308)
	base, err := ParseFile(data.TwenteFile, data.Twente())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, note string, seed uint64, x float64) {
		if !utf8.ValidString(name) || !utf8.ValidString(note) || math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		in := randomFile(base, seed, math.Abs(x))
		in.Name = name
		lines := strings.Split(note, "\n")
		in.Header, in.Notes = lines, map[string][]string{"region": lines, "branches": lines, "costs": lines}
		var buf bytes.Buffer
		if err := Write(&buf, in); err != nil {
			t.Fatal(err)
		}
		back, err := ParseFile("written.yaml", buf.Bytes())
		if err != nil {
			t.Fatalf("written file refused: %v\n%s", err, buf.String())
		}
		want := cleanComment(lines)
		in.Header, in.Notes = want, map[string][]string{}
		if slices.ContainsFunc(want, func(l string) bool { return strings.TrimSpace(strings.TrimLeft(l, "#")) != "" }) { // else it says nothing: no note
			in.Notes = map[string][]string{"region": want, "branches": want, "costs": want}
		}
		if !reflect.DeepEqual(back, in) {
			t.Fatalf("written file reads back differently: name %q, notes %q, header %q\n%s", back.Name, back.Notes, back.Header, buf.String())
		}
	})
}

// randomFile is base with every number drawn at random within its field's
// range, and every headcount x.
func randomFile(base *File, seed uint64, x float64) *File {
	rng := rand.New(rand.NewPCG(seed, 12))
	f := *base
	frac := rng.Float64
	f.StayPastPension, f.PastPensionOutflow, f.EarlyRetirementRate = frac(), frac(), frac()/2
	f.AbsenceRate, f.SectorYieldPerContractHour = frac()*0.9, frac()/10
	for b := range f.OutflowByAge {
		f.OutflowByAge[b] = frac() * 0.3
	}
	f.Groups = nil
	if rng.IntN(2) == 0 {
		f.Groups = []string{"man", "vrouw"}
	}
	bandsOf := func(lo, span float64) *[forecast.NumAgeBands]float64 {
		var v [forecast.NumAgeBands]float64
		for k := range v {
			v[k] = lo + span*frac()
		}
		return &v
	}
	for b := range f.Branches {
		br := &f.Branches[b]
		if rng.IntN(5) == 0 && br.Places == ([forecast.NumLevels][forecast.NumRoutes]float64{}) {
			*br = absentBranch() // a file need not list every branch
			continue
		}
		br.DemandGrowth, br.OutflowFactor, br.MobilityRate, br.MobilityWeight = frac()*0.4-0.2, frac(), frac(), frac()*100
		br.DemandFactors = nil
		if rng.IntN(2) == 0 {
			br.DemandGrowth = 0
			br.DemandFactors = []forecast.DemandFactor{{Name: "epidemiologisch", Change: frac() - 0.5, Years: 1 + rng.IntN(20)}, {Name: "x: \"y\"", Change: frac(), Years: 1 + rng.IntN(20)}}
			if rng.IntN(2) == 0 { // a sum group of the first and a third
				fs := br.DemandFactors
				fs[0].Sum = "niet-demografisch: \"a\""
				br.DemandFactors = append(fs, forecast.DemandFactor{Name: "sociaal-cultureel", Change: frac()*0.4 - 0.2, Years: fs[0].Years, Sum: fs[0].Sum})
			}
		}
		br.UnmetDemand = frac() / 2
		for g := range br.CareUse {
			br.CareUse[g] = frac() * 50
		}
		br.LateralEntryRate, br.ReturnerRate = frac(), frac()
		var sum float64
		for k := range br.AgeProfile {
			br.AgeProfile[k] = frac()
			sum += br.AgeProfile[k]
		}
		for k := range br.AgeProfile {
			br.AgeProfile[k] /= sum
		}
		for l := range br.Levels {
			lv := &br.Levels[l]
			if l > 0 && rng.IntN(5) == 0 { // a listed branch lists a level at least
				*lv = Level{Absent: true} // nor every level
				continue
			}
			lv.Headcount, lv.PartTimeFactor, lv.VacanciesFTE = x, 0.05+0.95*frac(), frac()*1e6
			lv.GraduateWeight, lv.OutflowFactor, lv.LateralEntryRate, lv.ReturnerRate = nil, nil, nil, nil
			lv.Groups = nil
			if f.Groups != nil && x < 1e300 && rng.IntN(2) == 0 { // (sums of huge headcounts overflow)
				share := frac()
				lv.Groups = []Group{
					{Headcount: x * frac(), PartTimeFactor: 0.05 + 0.95*frac(), Entrants: share},
					{Headcount: x * frac(), PartTimeByBand: bandsOf(0.05, 0.95), Entrants: 1 - share, OutflowByAge: bandsOf(0, 0.2)},
				}
				if rng.IntN(2) == 0 {
					k := frac()
					lv.Groups[0].OutflowFactor = &k
				}
				lv.sumGroups(&br.AgeProfile)
			}
			if rng.IntN(2) == 0 {
				w, k, lat, ret := frac()*1e3, frac(), frac(), frac()
				lv.GraduateWeight, lv.OutflowFactor, lv.LateralEntryRate, lv.ReturnerRate = &w, &k, &lat, &ret
			}
		}
		for l := range br.Places {
			for rt := range br.Places[l] {
				if br.Places[l][rt] > 0 {
					br.Places[l][rt] = frac() * 1e4
				}
			}
		}
	}
	f.Population = &forecast.Population{Years: []int{f.BaseYear - rng.IntN(3), f.BaseYear + 1 + rng.IntN(30)}}
	for range f.Population.Years {
		var c [forecast.NumAgeGroups]float64
		for g := range c {
			c[g] = x * frac()
		}
		f.Population.Count = append(f.Population.Count, c)
	}
	for l := range f.Programmes {
		for rt := range f.Programmes[l] {
			p := &f.Programmes[l][rt]
			if p.DurationYears == 0 {
				continue
			}
			p.Dropout = make([]float64, p.DurationYears)
			for k := range p.Dropout {
				p.Dropout[k] = frac()
			}
			p.SectorYield, p.Candidates, p.CandidateGrowth = frac(), frac()*1e4, frac()*0.4-0.2
			p.PlaceUse, p.ProductiveFTE, p.CostPerStudentYear = 2*frac(), frac(), frac()*1e5
			p.Enrolled = nil
			if rng.IntN(2) == 0 {
				p.Enrolled = make([]float64, p.DurationYears)
				for k := range p.Enrolled {
					p.Enrolled[k] = frac() * 1e3
				}
			}
		}
	}
	return &f
}
