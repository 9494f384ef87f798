package scenarios

import (
	"raat/forecast"
)

// Cost is what one lever, pulled on its own, costs and closes over the
// forecast years.
type Cost struct {
	Lever forecast.Lever
	// EUR is the total cost in euros over the years from the base year to
	// the horizon.
	EUR float64
	// ClosedFTEYears is the shortfall closed, summed over the years
	// (baseline shortfall minus the lever's, in FTE-years).
	ClosedFTEYears float64
	// ClosedAtHorizon is the shortfall closed in the last year, in FTE.
	ClosedAtHorizon float64
	// EURPerFTEYear is EUR / ClosedFTEYears: what a year of one FTE of
	// shortfall closed costs; lower is more cost-effective. Zero when the
	// lever closes nothing.
	EURPerFTEYear float64
}

// Costs runs each lever of the scenario on its own against the baseline
// and prices what it does with the region's unit costs (forecast.Costs and
// Programme.CostPerStudentYear):
//
//   - every lever: the extra student-years it causes, at each route's cost
//     per student-year (BOL to BBL, opleidingsquote, more intake and fewer
//     dropouts all change the number of students);
//   - opleidingsquote: each extra training place, a year;
//   - grotere contracten: each extra FTE worked through larger contracts, a year;
//   - behoud: each worker kept who would have left, a year;
//   - zij-instroom: each extra lateral entrant or returner;
//   - later pensioen: each extra worker-year of older staff;
//   - verzuim: each FTE won back from sick leave, a year;
//   - vraag: each FTE of demand avoided, a year;
//   - sectorrendement: each extra graduate hired.
//
// Costs are counted when they occur, undiscounted.
func Costs(r *forecast.Region, s *Scenario, opt forecast.Options) ([]Cost, error) {
	m, err := forecast.Compile(r)
	if err != nil {
		return nil, err
	}
	base, err := m.Run(nil, opt)
	if err != nil {
		return nil, err
	}
	levers, err := s.LeversAt(r.BaseYear)
	if err != nil {
		return nil, err
	}
	var out []Cost
	for _, lv := range levers {
		res, err := m.Run([]forecast.Lever{lv}, opt)
		if err != nil {
			return nil, err
		}
		c := Cost{Lever: lv, EUR: leverCost(r, lv, base, res)}
		for _, y := range res.Years() {
			closed := base.Total(y).ShortfallFTE - res.Total(y).ShortfallFTE
			c.ClosedFTEYears += closed
			if y == res.To {
				c.ClosedAtHorizon = closed
			}
		}
		if c.ClosedFTEYears > 0 {
			c.EURPerFTEYear = c.EUR / c.ClosedFTEYears
		}
		out = append(out, c)
	}
	return out, nil
}

// leverCost prices what lever lv does in res compared with the baseline.
func leverCost(r *forecast.Region, lv forecast.Lever, base, res *forecast.Result) float64 {
	uc := r.Costs
	var eur float64
	// Student-years on every route, and for the quota the places.
	for i := range res.Education {
		e, b := &res.Education[i], &base.Education[i]
		eur += (e.Students - b.Students) * r.Programmes[e.Level][e.Route].CostPerStudentYear
		switch lv.Kind {
		case forecast.TrainingQuota:
			eur += (e.Places - b.Places) * uc.PerTrainingPlace
		case forecast.SectorYield:
			eur += (e.GraduatesHired - b.GraduatesHired) * uc.PerGraduateHired
		}
	}
	for _, y := range res.Years() {
		x := lv.Size * lv.Ramp(y)
		for bi := range forecast.Branch(forecast.NumBranches) {
			for l := range forecast.Level(forecast.NumLevels) {
				row, b := res.Row(y, bi, l), base.Row(y, bi, l)
				switch lv.Kind {
				case forecast.LargerContracts:
					eur += (row.WorkforceFTE - row.Headcount*r.Cells[bi][l].PartTimeFactor) * uc.PerContractFTE
				case forecast.Retention:
					if x < 1 && lv.Scope.Has(bi, l) {
						// other outflow ran at (1-x) of its rate: the rest stayed.
						eur += row.OutflowOther * x / (1 - x) * uc.PerRetainedWorker
					}
				case forecast.LaterRetirement:
					eur += (row.Headcount - b.Headcount) * uc.PerPastPensionWorker
				case forecast.SickLeave:
					eur += (row.SupplyFTE - row.StudentFTE - row.WorkforceFTE) * uc.PerAbsenceFTE
				case forecast.DemandReduction:
					eur += (b.DemandFTE - row.DemandFTE) * uc.PerDemandFTE
				}
			}
		}
		if lv.Kind == forecast.LateralEntry {
			eur += x * uc.PerLateralEntrant
		}
	}
	return eur
}
