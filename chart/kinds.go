package chart

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"raat/analysis"
)

// Kind is a chart a study can be drawn as, by the name the command line
// (raat chart KIND) and the web pages (/grafiek/KIND.svg) ask for it.
type Kind struct {
	Name string
	// Scenarios are the scenarios drawn when none are named, comma
	// separated; Several says the chart draws all named scenarios, not
	// only the first.
	Scenarios string
	Several   bool
}

// Kinds are the charts of a study, in the order help lists them.
var Kinds = []Kind{
	{"tekort", "basis,raat-plan", true}, {"branches", "basis,raat-plan", true}, {"niveaus", "basis", false},
	{"waterval", "raat-plan", false}, {"acties", "raat-plan", false}, {"gevoeligheid", "basis", false},
	{"stromen", "basis", false}, {"opleidingsquote", "basis", false}, {"uitstroom", "basis", false},
	{"vraag", "basis", false},
}

// KindOf returns the kind of that name.
func KindOf(name string) (Kind, bool) {
	i := slices.IndexFunc(Kinds, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return Kinds[i], true
}

// ErrNothingToDraw is returned for a chart the study has nothing for: the
// actions of a scenario without levers, a sensitivity without ranges, the
// employers' charts without employer workbooks.
var ErrNothingToDraw = errors.New("nothing to draw")

// OfStudy draws chart kind of the study's scenarios names (all of them
// for tekort and branches, the first otherwise) in year (0: the horizon;
// branches, niveaus and waterval only), asking the study for what it
// needs. Both the command line and the web pages draw their charts here,
// so that a chart has the same title and source wherever it is seen.
func OfStudy(ctx context.Context, st *analysis.Study, kind string, names []string, year int) (*Chart, error) {
	k, ok := KindOf(kind)
	if !ok {
		return nil, fmt.Errorf("unknown chart %q", kind)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("chart %s: no scenario", kind)
	}
	if !k.Several {
		names = names[:1]
	}
	outs, err := st.Outcomes(ctx, names...)
	if err != nil {
		return nil, err
	}
	o, region, src := outs[0], st.Region().Name, st.ChartSource()
	label := o.Scenario.Label()
	y := o.Run.To
	if year != 0 {
		if year < o.Run.From || year > o.Run.To {
			return nil, fmt.Errorf("chart %s: year %d outside %d-%d", kind, year, o.Run.From, o.Run.To)
		}
		y = year
	}
	switch kind {
	case "tekort":
		return ShortfallOf("Tekort aan personeel in zorg en welzijn, "+region, st.BandSource(), outs)
	case "branches":
		return BranchesOf(fmt.Sprintf("Tekort per branche in %d, in %% van de vraag, %s", y, region), src, outs, y)
	case "niveaus":
		return HeatmapOf(fmt.Sprintf("%s: tekort per branche en niveau in %d, %s", label, y, region), src, o, y)
	case "waterval":
		d, err := st.Decomposition(ctx, o.Scenario.Name)
		if err != nil {
			return nil, err
		}
		return WaterfallOf(fmt.Sprintf("Van basis naar %s, %s", label, region), src, "Basis", label, d, year)
	case "acties":
		a, err := st.Actions(ctx, o.Scenario.Name)
		if err != nil {
			return nil, err
		}
		if len(a.Items) == 0 {
			return nil, fmt.Errorf("chart acties: scenario %s has no levers: %w", o.Scenario.Name, ErrNothingToDraw)
		}
		return ActionsOf(fmt.Sprintf("%s: wat elke actie op zichzelf dicht in %d, %s", label, a.To, region), src, a)
	case "gevoeligheid":
		s, err := st.Sensitivity(ctx, o.Scenario.Name)
		if err != nil {
			return nil, err
		}
		if len(s.Swings) == 0 {
			return nil, fmt.Errorf("chart gevoeligheid: the region gives no uncertainty ranges: %w", ErrNothingToDraw)
		}
		return TornadoOf(fmt.Sprintf("Welke aanname weegt het zwaarst? Tekort in %d, %s, %s", s.Year, label, region), src, s)
	case "stromen":
		return FlowsOf(fmt.Sprintf("Instroom en uitstroom, %s, %s", region, label), src, o.Run)
	case "vraag":
		return DemandOf(fmt.Sprintf("Groei van de vraag %d-%d per branche, %s", o.Run.From, o.Run.To, region), src,
			analysis.DemandChanges(st.Region(), o.Run, o.Run.From, o.Run.To, nil))
	}
	if kind == "opleidingsquote" {
		// Without employer workbooks the region's trainers are its
		// branches.
		return QuotesOf("Opleidingsquote per werkgever, "+region, src, st.Quotes())
	}
	e := st.Employers()
	if e == nil || len(e.Outflow) == 0 {
		return nil, fmt.Errorf("chart uitstroom: the region was not built from employer workbooks: %w", ErrNothingToDraw)
	}
	return OutflowOf("Uitstroom per branche naar reden, in % van het personeel, "+region, src, e)
}
