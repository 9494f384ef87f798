package forecast_test

import (
	"fmt"

	"raat/forecast"
)

// A region with one cell: 1,000 nurses of 40 in VVT at mbo4, working 0.6
// of full time, 8% leaving a year, 50 FTE open, demand growing 2% a year,
// and 60 lateral entrants a year.
func ExampleRun() {
	r := &forecast.Region{
		Name: "voorbeeld", BaseYear: 2025, PensionAge: 67, LateralEntryAge: 35, ReturnerAge: 40,
		Uncertainty: forecast.Uncertainty{
			Dropout: forecast.Range{Low: 1, High: 1}, SectorYield: forecast.Range{Low: 1, High: 1},
			OtherOutflow: forecast.Range{Low: 1, High: 1}, PartTimeFactor: forecast.Range{Low: 1, High: 1},
		},
	}
	for b := range r.Cells {
		for l := range r.Cells[b] {
			r.Cells[b][l].PartTimeFactor = 1
		}
	}
	c := &r.Cells[forecast.VVT][forecast.Mbo4]
	c.Headcount[40-forecast.MinAge] = 1000
	c.PartTimeFactor = 0.6
	for a := range c.OtherOutflowRate {
		c.OtherOutflowRate[a] = 0.08
	}
	c.OpenVacanciesFTE = 50
	c.DemandGrowth = 0.02
	c.LateralEntry = 60

	res, err := forecast.Run(r, nil, forecast.Options{To: 2028})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, y := range res.Years() {
		row := res.Row(y, forecast.VVT, forecast.Mbo4)
		fmt.Printf("%d: %4.0f people, supply %3.0f FTE, demand %3.0f FTE, shortfall %3.0f FTE\n",
			y, row.Headcount, row.SupplyFTE, row.DemandFTE, row.ShortfallFTE)
	}
	// Output:
	// 2025: 1000 people, supply 600 FTE, demand 650 FTE, shortfall  50 FTE
	// 2026:  980 people, supply 588 FTE, demand 663 FTE, shortfall  75 FTE
	// 2027:  962 people, supply 577 FTE, demand 676 FTE, shortfall  99 FTE
	// 2028:  945 people, supply 567 FTE, demand 690 FTE, shortfall 123 FTE
}
