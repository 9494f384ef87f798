package analysis

import (
	"fmt"

	"raat/forecast"
	"raat/nl"
)

// DemandChange is the change of one branch's demand (or, with Branch
// forecast.AllBranches, the region's) from one year to another, split
// exactly into what demography alone gives and the rest:
//
//	ToFTE - FromFTE = DemographyFTE + OtherFTE
//	DemographyFTE   = demography-only demand[To] - demography-only demand[From]
//
// "Other" is the non-demographic growth (demand_growth or the named demand
// factors) and the demand levers. Factors, when the branch has named ones,
// split OtherFTE over them in proportion to their share of the
// non-demographic growth (forecast.Region.FactorShares): exact without
// demand levers, an attribution otherwise.
type DemandChange struct {
	Branch        forecast.Branch
	From, To      int
	FromFTE       float64
	ToFTE         float64
	DemographyFTE float64
	OtherFTE      float64
	// Index is the demographic index in To relative to From.
	Index   float64
	Factors []FactorChange
}

// FactorChange is one named demand factor's part of a change.
type FactorChange struct {
	Name string
	FTE  float64
}

// Share returns a part of the change as a share of the first year's demand.
func (d DemandChange) Share(fte float64) float64 {
	if d.FromFTE == 0 {
		return 0
	}
	return fte / d.FromFTE
}

// DemandChanges returns the change of demand from year from to year to per
// branch, in the model's order, and last the region's total, over the rows
// keep selects (nil keeps all).
func DemandChanges(r *forecast.Region, res *forecast.Result, from, to int, keep func(*forecast.Row) bool) []DemandChange {
	if keep == nil {
		keep = func(*forecast.Row) bool { return true }
	}
	change := func(b forecast.Branch, in func(*forecast.Row) bool) DemandChange {
		a, z := res.Sum(from, in), res.Sum(to, in)
		d := DemandChange{Branch: b, From: from, To: to, FromFTE: a.DemandFTE, ToFTE: z.DemandFTE}
		d.DemographyFTE = z.DemographyDemandFTE - a.DemographyDemandFTE
		d.OtherFTE = (z.DemandFTE - a.DemandFTE) - d.DemographyFTE
		if a.DemographicIndex > 0 {
			d.Index = z.DemographicIndex / a.DemographicIndex
		}
		if b != forecast.AllBranches && r != nil {
			for k, sh := range r.FactorShares(b) {
				d.Factors = append(d.Factors, FactorChange{Name: r.DemandFactors[b][k].Name, FTE: sh * d.OtherFTE})
			}
		}
		return d
	}
	var out []DemandChange
	for _, b := range forecast.Branches() {
		out = append(out, change(b, func(row *forecast.Row) bool { return row.Branch == b && keep(row) }))
	}
	return append(out, change(forecast.AllBranches, keep))
}

// DemandText says for a board, in Dutch, how much demand grows over the
// changes' years and how much of it the population explains, naming the
// branch demography drives most and, when the region has a population,
// how much its over-75s grow: "why does the VVT need more staff?".
func DemandText(r *forecast.Region, cs []DemandChange) string {
	if len(cs) == 0 {
		return ""
	}
	total := cs[len(cs)-1]
	if total.FromFTE == 0 {
		return ""
	}
	s := fmt.Sprintf("De vraag naar personeel groeit van %d tot %d met %s (ca. %s fte).", total.From, total.To,
		pct0(total.Share(total.ToFTE-total.FromFTE)), RoundText(total.ToFTE-total.FromFTE))
	if r == nil || !r.HasPopulation() {
		return s + " Het regiobestand geeft geen bevolking naar leeftijd: de groei is een aanname per branche, niet afgeleid uit de vergrijzing."
	}
	s += fmt.Sprintf(" Door de bevolking alleen (vergrijzing, minder jongeren) zou ze met %s groeien; de rest komt uit andere ontwikkelingen (ziekte, technologie, beleid).", pct0(total.Share(total.DemographyFTE)))
	most := cs[0]
	for _, c := range cs[:len(cs)-1] {
		if c.Share(c.DemographyFTE) > most.Share(most.DemographyFTE) {
			most = c
		}
	}
	a, z := r.Population.At(total.From), r.Population.At(total.To)
	old := func(p [forecast.NumAgeGroups]float64) float64 { return p[forecast.Age75to84] + p[forecast.Age85Plus] }
	if most.FromFTE > 0 && old(a) > 0 {
		s += fmt.Sprintf(" Het sterkst in %s: door de bevolking %s meer vraag, omdat het aantal 75-plussers in %s groeit van ca. %s tot ca. %s (%s).",
			BranchName(most.Branch), pct0(most.Share(most.DemographyFTE)), r.Name,
			nl.Int(Round(old(a))), nl.Int(Round(old(z))), signedPct(old(z)/old(a)-1))
	}
	return s
}

func signedPct(v float64) string {
	if v > 0 {
		return "+" + pct0(v)
	}
	return pct0(v)
}

// pct0 writes a fraction as a whole percentage, Dutch style ("22%").
func pct0(v float64) string { return nl.Dec(100*v, 0) + "%" }
