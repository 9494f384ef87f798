package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"raat/forecast"
)

// Action is one lever of a scenario as a board weighs it: what it closes
// on its own at the horizon and over the years, what that costs, and its
// share in the plan's total change.
type Action struct {
	Lever forecast.Lever
	// Label is the lever's plain name, Size its size in words
	// (SizeText).
	Label, Size string
	// ClosedAtHorizon (FTE), ClosedFTEYears, EUR and EURPerFTEYear are the
	// lever on its own against the baseline (scenarios.Costs):
	// EURPerFTEYear = EUR / ClosedFTEYears.
	ClosedAtHorizon, ClosedFTEYears, EUR, EURPerFTEYear float64
	// InPlan is the lever's share of the plan's change at the horizon
	// (its Shapley value, negated: positive closes the gap). Levers
	// overlap, so the shares add up to the plan's change but each is
	// smaller than what the lever closes on its own.
	InPlan float64
	// Why, when not empty, says in Dutch why the lever is costly for what
	// it closes.
	Why string
}

// Actions are a scenario's levers, ranked by what each closes at the
// horizon on its own, with the plan's totals.
type Actions struct {
	Scenario string
	From, To int
	Items    []Action
	// TotalEUR is what the levers cost, each priced on its own and added
	// up; PlanClosedAtHorizon and PlanClosedFTEYears are what the plan
	// closes with all levers together (less than the sum of the levers':
	// they overlap).
	TotalEUR                                float64
	PlanClosedAtHorizon, PlanClosedFTEYears float64
}

// PlanEURPerFTEYear is the plan's cost per FTE-year it closes.
func (a *Actions) PlanEURPerFTEYear() float64 {
	if a.PlanClosedFTEYears <= 0 {
		return 0
	}
	return a.TotalEUR / a.PlanClosedFTEYears
}

// Actions returns the named scenario's levers ranked by the shortfall each
// closes at the horizon on its own, with costs and shares in the plan.
func (s *Study) Actions(ctx context.Context, name string) (*Actions, error) {
	if _, err := s.Scenario(name); err != nil {
		return nil, err
	}
	v, _, err := s.actions.get(ctx, name, func(ctx context.Context) (*Actions, error) {
		d, err := s.Decomposition(ctx, name)
		if err != nil {
			return nil, err
		}
		costs, err := s.Costs(ctx, name)
		if err != nil {
			return nil, err
		}
		a := &Actions{Scenario: name, From: d.Years[0], To: d.Years[len(d.Years)-1]}
		last := len(d.Years) - 1
		for k := range d.Years {
			closed := d.Baseline[k] - d.WithLevers[k]
			a.PlanClosedFTEYears += closed
			if k == last {
				a.PlanClosedAtHorizon = closed
			}
		}
		for i, c := range d.Levers {
			act := Action{Lever: c.Lever, Label: c.Lever.Kind.Label(), Size: SizeText(c.Lever.Kind, c.Lever.Size), InPlan: -c.Effect[last]}
			if i < len(costs) && costs[i].Lever == c.Lever {
				cost := costs[i]
				act.ClosedAtHorizon, act.ClosedFTEYears, act.EUR, act.EURPerFTEYear = cost.ClosedAtHorizon, cost.ClosedFTEYears, cost.EUR, cost.EURPerFTEYear
				a.TotalEUR += cost.EUR
			}
			if act.Why, err = s.why(c.Lever); err != nil {
				return nil, err
			}
			a.Items = append(a.Items, act)
		}
		slices.SortStableFunc(a.Items, func(x, y Action) int { return cmp.Compare(y.ClosedAtHorizon, x.ClosedAtHorizon) })
		s.computed.Add(1)
		return a, nil
	})
	return v, err
}

// emptyPlaces is the share of a lever's extra training places left empty
// from which the report says so: more than a third of the places it pays
// for train nobody.
const emptyPlaces = 1.0 / 3

// why says why a lever is costly for what it closes, where the model can
// tell: the opleidingsquote pays for training places that stay empty when
// there are not enough candidates to fill them.
func (s *Study) why(lv forecast.Lever) (string, error) {
	if lv.Kind != forecast.TrainingQuota {
		return "", nil
	}
	r := s.data.Region
	opt := s.forecastOptions("")
	t := s.begin("bezetting van de opleidingsplaatsen", 2)
	m, err := forecast.Compile(r)
	if err != nil {
		t.end(err)
		return "", err
	}
	base, err := m.Run(nil, opt)
	if err != nil {
		t.end(err)
		return "", err
	}
	with, err := m.Run([]forecast.Lever{lv}, opt)
	t.end(err)
	if err != nil {
		return "", err
	}
	var extra, used float64
	for i := range with.Education {
		e, b := &with.Education[i], &base.Education[i]
		if e.Year != with.To {
			continue
		}
		pu := r.Programmes[e.Level][e.Route].PlaceUse
		extra += e.Places - b.Places
		used += (e.Students - b.Students) * pu
	}
	if extra <= 0 {
		return "", nil
	}
	empty := 1 - used/extra
	if empty < emptyPlaces {
		return "", nil
	}
	return fmt.Sprintf("Van de ongeveer %s extra opleidingsplaatsen in %d blijft %s leeg: er zijn niet genoeg kandidaten om ze te vullen. "+
		"De plaatsen kosten wel geld; daarom is elk fte-jaar dat deze actie dicht duur. Meer kandidaten werven maakt de plaatsen nuttig.",
		RoundText(extra), with.To, percent0(empty)), nil
}
