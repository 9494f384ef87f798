package forecast

import (
	"slices"
	"strings"
	"testing"
)

// Every key, label and alias parses back to its value; unknown names are
// refused with the list of keys; values out of range print as such.
func TestDimensionsParseAndPrint(t *testing.T) {
	for _, b := range Branches() {
		for _, s := range []string{b.String(), b.Label(), " " + strings.ToUpper(b.Label()) + " "} {
			if got, err := ParseBranch(s); err != nil || got != b {
				t.Errorf("ParseBranch(%q) = %v, %v; want %v", s, got, err, b)
			}
		}
		var u Branch
		if txt, _ := b.MarshalText(); u.UnmarshalText(txt) != nil || u != b {
			t.Errorf("%v: text %q reads back as %v", b, txt, u)
		}
	}
	for _, tt := range []struct {
		s    string
		want Branch
	}{{"Sociaal werk", SociaalWerk}, {"sociaal_werk", SociaalWerk}, {"ouderenzorg", VVT}, {"UMC", Ziekenhuizen}, {"huisartsen", Huisartsen}, {"Huisartsen/eerstelijn", Huisartsen}, {"-vvt", VVT}, {"_ggz_", GGZ}, {"sociaal -  werk", SociaalWerk}} {
		if got, err := ParseBranch(tt.s); err != nil || got != tt.want {
			t.Errorf("ParseBranch(%q) = %v, %v; want %v", tt.s, got, err, tt.want)
		}
	}
	for _, l := range Levels() {
		for _, s := range []string{l.String(), strings.ToUpper(l.String())} {
			if got, err := ParseLevel(s); err != nil || got != l {
				t.Errorf("ParseLevel(%q) = %v, %v; want %v", s, got, err, l)
			}
		}
		var u Level
		if txt, _ := l.MarshalText(); u.UnmarshalText(txt) != nil || u != l || l.Label() != levelLabels[l] {
			t.Errorf("%v: text %q reads back as %v, label %q", l, txt, u, l.Label())
		}
	}
	if got, err := ParseLevel("niveau 4"); err != nil || got != Mbo4 {
		t.Errorf("ParseLevel(niveau 4) = %v, %v", got, err)
	}
	for _, rt := range Routes() {
		if got, err := ParseRoute(strings.ToLower(rt.String())); err != nil || got != rt {
			t.Errorf("ParseRoute(%q) = %v, %v; want %v", rt.String(), got, err, rt)
		}
		var u Route
		if txt, _ := rt.MarshalText(); u.UnmarshalText(txt) != nil || u != rt {
			t.Errorf("%v: text %q reads back as %v", rt, txt, u)
		}
	}
	if len(Branches()) != NumBranches || len(Levels()) != NumLevels || len(Routes()) != NumRoutes || len(LeverKinds()) != NumLeverKinds || len(AgeBands()) != NumAgeBands {
		t.Error("a list of values has the wrong length")
	}
	var b Branch
	var l Level
	if b.UnmarshalText([]byte("alle")) != nil || b != AllBranches || l.UnmarshalText([]byte("alle")) != nil || l != AllLevels {
		t.Errorf("alle reads as %v %v, want the sums", b, l)
	}
	if AllBranches.String() != "alle" || AllLevels.String() != "alle" || AllBranches.Label() != "alle" || AllLevels.Label() != "alle" {
		t.Error("the sums do not print as alle")
	}
	for _, s := range []string{Branch(NumBranches + 1).String(), Level(NumLevels + 1).String(), Route(NumRoutes).String(), LeverKind(NumLeverKinds).String(), Horizon(3).String(), AgeBand(NumAgeBands).String()} {
		if !strings.Contains(s, "(") {
			t.Errorf("an out-of-range value prints as %q", s)
		}
	}
	if LeverKind(NumLeverKinds).Label() != LeverKind(NumLeverKinds).String() || LeverKind(NumLeverKinds).Unit() != "" || LeverKind(NumLeverKinds).UnitNL() != "" {
		t.Error("an unknown lever kind has a label or unit")
	}
	for _, f := range []func() error{
		func() error { _, err := ParseBranch("ziekenhuis x"); return err },
		func() error { _, err := ParseLevel("mbo5"); return err },
		func() error { _, err := ParseRoute("bbbl"); return err },
		func() error { _, err := ParseLeverKind("meer geld"); return err },
		func() error { _, err := ParseHorizon("ooit"); return err },
		func() error { _, err := ParseAgeBand("12-17"); return err },
		func() error { var u Route; return u.UnmarshalText([]byte("x")) },
		func() error { var u Branch; return u.UnmarshalText([]byte("x")) },
		func() error { var u Level; return u.UnmarshalText([]byte("x")) },
	} {
		if err := f(); err == nil || !strings.Contains(err.Error(), "want") {
			t.Errorf("unknown name: %v, want an error listing what is known", err)
		}
	}
	for _, tt := range []struct {
		l    Level
		want []Route
	}{{Mbo2, []Route{BOL, BBL}}, {Mbo3, []Route{BOL, BBL}}, {Mbo4, []Route{BOL, BBL}}, {Hbo, []Route{HboVoltijd, HboDuaal}}, {WoOverig, []Route{WoVervolg}}} {
		var got []Route
		for _, rt := range Routes() {
			if ValidProgramme(tt.l, rt) {
				got = append(got, rt)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s taught on %v, want %v", tt.l, got, tt.want)
		}
	}
	if !BBL.WorkBased() || !HboDuaal.WorkBased() || BOL.WorkBased() || HboVoltijd.WorkBased() {
		t.Error("work-based routes are BBL and hbo-duaal")
	}
}

func TestLeverKindsAndHorizons(t *testing.T) {
	for _, k := range LeverKinds() {
		if got, err := ParseLeverKind(" " + strings.ToUpper(k.String())); err != nil || got != k {
			t.Errorf("ParseLeverKind(%q) = %v, %v", k.String(), got, err)
		}
		if k.Label() == k.String() || k.Unit() == "" || k.UnitNL() == "" || !(k.MaxSize() > 0) {
			t.Errorf("%s: label %q unit %q %q max %g", k, k.Label(), k.Unit(), k.UnitNL(), k.MaxSize())
		}
		// The edges of the size range are accepted, just past them not.
		for _, tt := range []struct {
			size float64
			ok   bool
		}{{0, true}, {k.MaxSize(), true}, {-1e-9, false}, {k.MaxSize() * (1 + 1e-9), false}} {
			lv := Lever{Kind: k, Size: tt.size, Start: 2026}
			if k == Substitution { // it needs levels to move demand from and one to move it to
				lv.Scope.Levels, lv.To = 1<<Hbo, Mbo4
			}
			if err := lv.Validate(); (err == nil) != tt.ok {
				t.Errorf("%s size %g: %v, want ok %v", k, tt.size, err, tt.ok)
			}
		}
	}
	for _, tt := range []struct {
		lv Lever
		ok bool
	}{
		{Lever{Kind: NumLeverKinds}, false},
		{Lever{Kind: Retention, HorizonYears: 30}, true},
		{Lever{Kind: Retention, HorizonYears: 31}, false},
		{Lever{Kind: Retention, HorizonYears: -1}, false},
		{Lever{Kind: Retention, Horizon: Lang}, true},
		{Lever{Kind: Retention, Horizon: Lang + 1}, false},
		// A substitution moves demand to a level there is, other than its own.
		{Lever{Kind: Substitution, Scope: Scope{Levels: 1 << Hbo}, To: WoOverig}, true},
		{Lever{Kind: Substitution, Scope: Scope{Levels: 1 << Hbo}, To: NumLevels}, false},
		{Lever{Kind: Substitution, Scope: Scope{Levels: 1 << Hbo}, To: Hbo}, false},
	} {
		if err := tt.lv.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v, want ok %v", tt.lv, err, tt.ok)
		}
	}
	for _, tt := range []struct {
		s     string
		h     Horizon
		years int
	}{{"kort", Kort, 1}, {"Middellang", Middellang, 3}, {" lang", Lang, 5}} {
		if h, err := ParseHorizon(tt.s); err != nil || h != tt.h || h.Years() != tt.years || h.String() != strings.ToLower(strings.TrimSpace(tt.s)) {
			t.Errorf("ParseHorizon(%q) = %v (%d years), %v", tt.s, h, h.Years(), err)
		}
	}
	if (Lever{Horizon: Lang, HorizonYears: 2}).RampYears() != 2 || (Lever{Horizon: Middellang}).RampYears() != 3 {
		t.Error("HorizonYears overrides the horizon")
	}
	s := ScopeOf([]Branch{VVT, GGZ}, []Level{Hbo}, []Route{BBL})
	if s.Branches != 1<<VVT|1<<GGZ || s.Levels != 1<<Hbo || s.Routes != 1<<BBL || !s.Has(GGZ, Hbo) || s.Has(Ziekenhuizen, Hbo) || s.Has(VVT, Mbo2) {
		t.Errorf("scope %+v", s)
	}
	if !(Scope{}).Has(OverigBranch, WoOverig) {
		t.Error("a zero scope holds everything")
	}
}

func TestAgeBandsParseAndSpan(t *testing.T) {
	for _, tt := range []struct {
		age  int
		band AgeBand
	}{{15, AgeUnder25}, {24, AgeUnder25}, {25, Age25to34}, {34, Age25to34}, {35, Age35to44}, {54, Age45to54}, {55, Age55to59}, {59, Age55to59}, {60, Age60to64}, {64, Age60to64}, {65, Age65Plus}, {74, Age65Plus}} {
		if got := BandOf(tt.age); got != tt.band {
			t.Errorf("BandOf(%d) = %s, want %s", tt.age, got, tt.band)
		}
	}
	for _, b := range AgeBands() {
		if got, err := ParseAgeBand(" " + b.String() + " "); err != nil || got != b {
			t.Errorf("ParseAgeBand(%q) = %v, %v", b.String(), got, err)
		}
	}
	for s, want := range map[string]AgeBand{"jonger dan 25": AgeUnder25, "25 – 34": Age25to34, "65 en ouder": Age65Plus, "18-24": AgeUnder25, ">=65": Age65Plus} {
		if got, err := ParseAgeBand(s); err != nil || got != want {
			t.Errorf("ParseAgeBand(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if lo, hi := AgeUnder25.Span(); lo != 18 || hi != 24 {
		t.Errorf("<25 spans %d-%d, want 18-24", lo, hi)
	}
	if lo, hi := Age65Plus.Span(); lo != 65 || hi != MaxAge {
		t.Errorf("65+ spans %d-%d, want 65-%d", lo, hi, MaxAge)
	}
	// BandRates: a step per band; ages under 18 take the youngest band's.
	rates := [NumAgeBands]float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}
	v := BandRates(rates)
	for _, tt := range []struct {
		age  int
		want float64
	}{{15, 0.1}, {24, 0.1}, {25, 0.2}, {59, 0.5}, {60, 0.6}, {65, 0.7}, {74, 0.7}} {
		if v[tt.age-MinAge] != tt.want {
			t.Errorf("BandRates at %d: %g, want %g", tt.age, v[tt.age-MinAge], tt.want)
		}
	}
	// Sum over all ages, by hand: 1 + 2 + ... + 60.
	var w AgeVector
	for a := range w {
		w[a] = float64(a + 1)
	}
	if w.Sum() != 1830 {
		t.Errorf("sum %g, want 1830", w.Sum())
	}
}

// Ages outside the model's range still fall in the end bands.
func TestBandOfOutsideTheRange(t *testing.T) {
	if b := BandOf(MaxAge + 10); b != Age65Plus {
		t.Errorf("BandOf(%d) = %s, want 65+", MaxAge+10, b)
	}
	if b := BandOf(MinAge - 5); b != AgeUnder25 {
		t.Errorf("BandOf(%d) = %s, want <25", MinAge-5, b)
	}
}

// A route without a place-hours convention has no training FTE per place.
func TestPlaceFTEWithoutPlaceHours(t *testing.T) {
	tc := TrainingConventions{StudentHours: [NumRoutes]float64{800, 1280, 800, 1280}, PlaceHours: [NumRoutes]float64{0, 1280, 1440, 0}}
	for rt, want := range [NumRoutes]float64{0, 1, 800.0 / 1440, 0} {
		if got := tc.PlaceFTE(Route(rt)); got != want {
			t.Errorf("%s: %g training FTE per place, want %g", Route(rt), got, want)
		}
	}
}
