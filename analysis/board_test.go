package analysis_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"raat/analysis"
	"raat/forecast"
	"raat/scenarios"
)

func TestRound(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{
		{6882, 6900}, {1480, 1500}, {9408, 9400}, {-1632, -1600}, {-3732, -3700},
		{531, 530}, {91.2, 90}, {475, 480}, {999.6, 1000}, {4, 0}, {-4, 0}, {1000, 1000}, {1050, 1100},
	} {
		got := analysis.Round(tt.in)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("Round(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if s := analysis.RoundText(6882); s != "6.900" {
		t.Errorf("RoundText(6882) = %q", s)
	}
}

// outcome makes an outcome by hand: one branch and level per branch given,
// shortfall and demand per year.
func outcome(name string, from int, short map[forecast.Branch][]float64, demand float64) *analysis.Outcome {
	res := &forecast.Result{Region: "R", Scenario: name, From: from}
	n := 0
	for _, s := range short {
		n = len(s)
	}
	res.To = from + n - 1
	// Every year, branch and level, in the order the model writes them
	// (Result.Sum indexes them so); only mbo3 of the given branches has
	// staff.
	for k := range n {
		for b := range forecast.Branch(forecast.NumBranches) {
			for l := range forecast.Level(forecast.NumLevels) {
				row := forecast.Row{Year: from + k, Branch: b, Level: l}
				if s, ok := short[b]; ok && l == forecast.Mbo3 {
					row.ShortfallFTE, row.DemandFTE, row.SupplyFTE = s[k], demand, demand-s[k]
				}
				res.Rows = append(res.Rows, row)
			}
		}
	}
	return &analysis.Outcome{Scenario: &scenarios.Scenario{Name: name, Title: strings.ToUpper(name[:1]) + name[1:]}, Run: res}
}

func TestClosedFromAndStillShort(t *testing.T) {
	o := outcome("plan", 2025, map[forecast.Branch][]float64{
		forecast.VVT:          {1000, 500, 400, 300, 250},     // 2.5% of 10.000 and 250 fte at the horizon: still short
		forecast.Ziekenhuizen: {1000, -800, 200, -900, -1000}, // back above zero in 2027
		forecast.GGZ:          {100, 0, -100, -200, 150},      // 1.5%: within what the model tells from zero
	}, 10000)
	if y, ok := o.ClosedFrom(); !ok || y != 2028 {
		t.Errorf("ClosedFrom = %d, %v; want 2028 (closed from 2028, after reopening in 2027)", y, ok)
	}
	if got := o.StillShort(); !reflect.DeepEqual(got, []forecast.Branch{forecast.VVT}) {
		t.Errorf("StillShort = %v, want [vvt]", got)
	}
	open := outcome("plan", 2025, map[forecast.Branch][]float64{forecast.VVT: {100, -10, 5}}, 1000)
	if _, ok := open.ClosedFrom(); ok {
		t.Error("closed, though the last year is short")
	}
	// 3% of a small branch, but 60 fte: too few to tell from zero.
	small := outcome("plan", 2025, map[forecast.Branch][]float64{forecast.Jeugdzorg: {100, 80, 60}}, 2000)
	if got := small.StillShort(); len(got) != 0 {
		t.Errorf("StillShort = %v for 60 fte, want none", got)
	}
}

func TestHeadline(t *testing.T) {
	base := outcome("basis", 2038, map[forecast.Branch][]float64{forecast.VVT: {1480, 4000, 6882}}, 48970)
	closes := outcome("raat-plan", 2038, map[forecast.Branch][]float64{forecast.VVT: {1480, -10, -1632}}, 48970)
	closes.Scenario.Title = "RAAT-plan"
	shrinks := outcome("behoud", 2038, map[forecast.Branch][]float64{forecast.VVT: {1480, 3000, 4296}}, 48970)
	widens := outcome("vraag", 2038, map[forecast.Branch][]float64{forecast.VVT: {1480, 5000, 7000}}, 48970)
	for _, tt := range []struct {
		plan *analysis.Outcome
		want string
	}{
		{nil, "Ca. 6.900 fte tekort in 2040 (14% van de vraag)."},
		{closes, "Ca. 6.900 fte tekort in 2040 (14% van de vraag); het RAAT-plan sluit het rond 2039."},
		{shrinks, "Ca. 6.900 fte tekort in 2040 (14% van de vraag); scenario Behoud verkleint het tot ca. 4.300 fte."},
		{widens, "Ca. 6.900 fte tekort in 2040 (14% van de vraag); scenario Vraag verkleint het niet."},
	} {
		if got := analysis.Headline(base, tt.plan); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

// TestHeadlineOfTheDemo: the sentence the issue asks for, from the
// model's own numbers.
func TestHeadlineOfTheDemo(t *testing.T) {
	s := study(t, analysis.Options{}, "basis", "raat-plan")
	outs, err := s.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := analysis.Headline(outs[0], outs[1])
	want := "Ca. 8.400 fte tekort in 2040 (17% van de vraag); het RAAT-plan verkleint het tot ca. 30 fte."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBranchesAddUpToTheTotal(t *testing.T) {
	s := study(t, analysis.Options{To: 2030}, "basis")
	o, err := s.Outcome(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	total := o.Run.Total(2030)
	var sum analysis.Gap
	cells := o.Cells(2030)
	for b, g := range o.Branches(2030) {
		sum.ShortfallFTE += g.ShortfallFTE
		sum.DemandFTE += g.DemandFTE
		var cs float64
		for _, c := range cells[b] {
			cs += c.ShortfallFTE
		}
		if math.Abs(cs-g.ShortfallFTE) > 1e-6 {
			t.Errorf("branch %d: cells add up to %v, the branch is %v", b, cs, g.ShortfallFTE)
		}
	}
	if math.Abs(sum.ShortfallFTE-total.ShortfallFTE) > 1e-6 || math.Abs(sum.DemandFTE-total.DemandFTE) > 1e-6 {
		t.Errorf("branches add up to %+v, the total is %v / %v", sum, total.ShortfallFTE, total.DemandFTE)
	}
	if g := o.Total(2030); g.ShortfallFTE != total.ShortfallFTE || g.Share() != total.ShortfallFTE/total.DemandFTE {
		t.Errorf("Total %+v, the run's %v", g, total.ShortfallFTE)
	}
	if !math.IsNaN((analysis.Gap{}).Share()) {
		t.Error("a share without demand")
	}
}

// TestPerturbed: each parameter changes what a Monte Carlo draw changes,
// by hand on one cell and one programme, and leaves the region as it was.
func TestPerturbed(t *testing.T) {
	r := twente(t)
	before := *r
	dropout := slices.Clone(r.Programmes[forecast.Mbo3][forecast.BOL].Dropout)
	cell := r.Cells[forecast.VVT][forecast.Mbo3]
	prog := r.Programmes[forecast.Mbo3][forecast.BOL]
	for _, tt := range []struct {
		p     analysis.Parameter
		v     float64
		check func(*forecast.Region) bool
	}{
		{analysis.Dropout, 1.2, func(x *forecast.Region) bool {
			return x.Programmes[forecast.Mbo3][forecast.BOL].Dropout[0] == min(1, 1.2*dropout[0])
		}},
		{analysis.SectorYield, 0.9, func(x *forecast.Region) bool {
			return x.Programmes[forecast.Mbo3][forecast.BOL].SectorYield == 0.9*prog.SectorYield
		}},
		{analysis.OtherOutflow, 1.12, func(x *forecast.Region) bool {
			return x.Cells[forecast.VVT][forecast.Mbo3].OtherOutflowRate[10] == 1.12*cell.OtherOutflowRate[10]
		}},
		{analysis.PartTimeFactor, 2, func(x *forecast.Region) bool { return x.Cells[forecast.VVT][forecast.Mbo3].PartTimeFactor == 1 }},
		{analysis.DemandGrowth, -0.004, func(x *forecast.Region) bool {
			return x.Cells[forecast.VVT][forecast.Mbo3].DemandGrowth == cell.DemandGrowth-0.004
		}},
	} {
		x := analysis.Perturbed(r, tt.p, tt.v)
		if !tt.check(x) {
			t.Errorf("%s at %v: not changed as a draw changes it", tt.p.Label(), tt.v)
		}
		if err := x.Validate(); err != nil {
			t.Errorf("%s at %v: %v", tt.p.Label(), tt.v, err)
		}
	}
	if !reflect.DeepEqual(*r, before) || !slices.Equal(r.Programmes[forecast.Mbo3][forecast.BOL].Dropout, dropout) {
		t.Error("Perturbed changed the region it copied")
	}
	// At the centre of its range a parameter changes nothing.
	base, err := forecast.Run(r, nil, forecast.Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	for p := range analysis.NumParameters {
		centre := 1.0
		if p == analysis.DemandGrowth {
			centre = 0
		}
		res, err := forecast.Run(analysis.Perturbed(r, p, centre), nil, forecast.Options{To: 2030})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Rows, base.Rows) {
			t.Errorf("%s at its centre changes the run", p.Label())
		}
	}
}

// TestSensitivityBracketsTheMonteCarlo: with only one parameter uncertain,
// every draw of the model's own Monte Carlo lies between the runs at the
// ends of that parameter's range, which are what Sensitivity reports; a
// copy that scaled the wrong parameters, or the wrong way, would fall
// outside.
func TestSensitivityBracketsTheMonteCarlo(t *testing.T) {
	r := twente(t)
	st, err := analysis.New(analysis.Data{Region: r}, lookup(t, "basis"), analysis.Options{To: 2032})
	if err != nil {
		t.Fatal(err)
	}
	sen, err := st.Sensitivity(context.Background(), "basis")
	if err != nil {
		t.Fatal(err)
	}
	o, _ := st.Outcome(context.Background(), "basis")
	if sen.Year != 2032 || sen.Central != o.Horizon().Central {
		t.Errorf("year %d, central %v; want 2032, %v", sen.Year, sen.Central, o.Horizon().Central)
	}
	if len(sen.Swings) != int(analysis.NumParameters) {
		t.Fatalf("%d swings, want one per parameter", len(sen.Swings))
	}
	for i := 1; i < len(sen.Swings); i++ {
		if sen.Swings[i].Width() > sen.Swings[i-1].Width() {
			t.Error("swings not sorted widest first")
		}
	}
	fixed := forecast.Range{Low: 1, High: 1}
	for _, w := range sen.Swings {
		one := *r
		one.Uncertainty = forecast.Uncertainty{Dropout: fixed, SectorYield: fixed, OtherOutflow: fixed, PartTimeFactor: fixed}
		rg := forecast.Range{Low: w.Low, High: w.High}
		switch w.Parameter {
		case analysis.Dropout:
			one.Uncertainty.Dropout = rg
		case analysis.SectorYield:
			one.Uncertainty.SectorYield = rg
		case analysis.OtherOutflow:
			one.Uncertainty.OtherOutflow = rg
		case analysis.PartTimeFactor:
			one.Uncertainty.PartTimeFactor = rg
		case analysis.DemandGrowth:
			one.Uncertainty.DemandGrowth = rg
		}
		dist, err := forecast.MonteCarlo([]*forecast.Region{&one}, nil, forecast.MCOptions{Options: forecast.Options{To: 2032}, Draws: 200, Seed: 5, KeepDraws: true})
		if err != nil {
			t.Fatal(err)
		}
		draws := dist.Find(r.Name, forecast.AllBranches, forecast.AllLevels).Draws[2032-2025]
		lo, hi := min(w.AtLow, w.AtHigh), max(w.AtLow, w.AtHigh)
		const eps = 1e-6
		var out int
		for _, d := range draws {
			if d < lo-eps || d > hi+eps {
				out++
			}
		}
		if out > 0 {
			t.Errorf("%s: %d of %d draws outside [%v, %v]", w.Parameter.Label(), out, len(draws), lo, hi)
		}
		spread := slices.Max(draws) - slices.Min(draws)
		if spread < 0.5*(hi-lo) {
			t.Errorf("%s: the draws spread over %v, the ends %v apart: the ends are not the range's", w.Parameter.Label(), spread, hi-lo)
		}
	}
}

func TestActions(t *testing.T) {
	ctx := context.Background()
	s := study(t, analysis.Options{}, "basis", "raat-plan")
	a, err := s.Actions(ctx, "raat-plan")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Decomposition(ctx, "raat-plan")
	costs, _ := s.Costs(ctx, "raat-plan")
	if len(a.Items) != len(d.Levers) {
		t.Fatalf("%d actions for %d levers", len(a.Items), len(d.Levers))
	}
	var total, inPlan float64
	for i, it := range a.Items {
		if i > 0 && it.ClosedAtHorizon > a.Items[i-1].ClosedAtHorizon {
			t.Error("not ranked by what each closes at the horizon")
		}
		total += it.EUR
		inPlan += it.InPlan
		if it.EURPerFTEYear != 0 && math.Abs(it.EURPerFTEYear-it.EUR/it.ClosedFTEYears) > 1e-6 {
			t.Errorf("%s: %v euro per fte-year is not %v / %v", it.Label, it.EURPerFTEYear, it.EUR, it.ClosedFTEYears)
		}
		var found bool
		for _, c := range costs {
			if c.Lever == it.Lever {
				found = c.ClosedAtHorizon == it.ClosedAtHorizon && c.EUR == it.EUR
			}
		}
		if !found {
			t.Errorf("%s: not the lever's own cost and effect", it.Label)
		}
		if (it.Lever.Kind == forecast.TrainingQuota) != (it.Why != "") {
			t.Errorf("%s: why %q", it.Label, it.Why)
		}
		if strings.Contains(it.Size, "(0-1)") || strings.Contains(it.Size, "aandeel") {
			t.Errorf("%s: size %q, want a percentage", it.Label, it.Size)
		}
	}
	last := len(d.Years) - 1
	if plan := d.Baseline[last] - d.WithLevers[last]; math.Abs(a.PlanClosedAtHorizon-plan) > 1e-9 || math.Abs(inPlan-plan) > 1e-6 {
		t.Errorf("plan closes %v, shares add up to %v; want %v", a.PlanClosedAtHorizon, inPlan, plan)
	}
	if math.Abs(a.TotalEUR-total) > 1e-6 || math.Abs(a.PlanEURPerFTEYear()-total/a.PlanClosedFTEYears) > 1e-9 {
		t.Errorf("total %v, per fte-year %v", a.TotalEUR, a.PlanEURPerFTEYear())
	}
}

func TestSizeText(t *testing.T) {
	for _, tt := range []struct {
		k    forecast.LeverKind
		size float64
		want string
	}{
		{forecast.BOLToBBL, 0.3, "30% van de BOL-kandidaten"},
		{forecast.Retention, 0.288, "28,8% minder uitstroom"},
		{forecast.LargerContracts, 1, "1 uur per week"},
		{forecast.LargerContracts, 1.5, "1,5 uur per week"},
		{forecast.TrainingQuota, 15, "15 opleidingsplaatsen (fte) per 100 fte"},
		{forecast.LateralEntry, 300, "300 personen per jaar"},
		{forecast.SectorYield, 0.05, "5 procentpunt hoger sectorrendement"},
		{forecast.DemandReduction, 0.005, "0,5 procentpunt minder vraaggroei per jaar"},
	} {
		if got := analysis.SizeText(tt.k, tt.size); got != tt.want {
			t.Errorf("SizeText(%s, %v) = %q, want %q", tt.k, tt.size, got, tt.want)
		}
	}
}

func TestNoticesNameCappedProgrammesOnce(t *testing.T) {
	s := study(t, analysis.Options{To: 2030}, "basis", "raat-plan")
	outs, err := s.Outcomes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	caps := 0
	for _, w := range outs[0].Run.Warnings {
		var pc forecast.PlacesCapWarning
		if errors.As(w, &pc) {
			caps++
		}
	}
	if caps < 2 {
		t.Fatalf("%d capped programmes in the demo; the test needs several", caps)
	}
	ns := s.Notices(outs...)
	n := 0
	for _, x := range ns {
		if strings.Contains(x, "begrenzen de opleidingsplaatsen de instroom in") {
			n++
			if !strings.Contains(x, "mbo 3 BBL") || strings.Contains(x, "mbo3") {
				t.Errorf("notice %q: want programmes named for a board", x)
			}
		}
	}
	if n != 1 {
		t.Errorf("the cap is told %d times in %q, want once", n, ns)
	}
}

func TestCoverageAndSources(t *testing.T) {
	s := study(t, analysis.Options{Draws: 10, Seed: 1}, "basis")
	if got := s.Coverage(); !strings.Contains(got, "regiobestand van Twente") || strings.Contains(got, ".yaml") {
		t.Errorf("coverage %q", got)
	}
	if got := s.ChartSource(); strings.Contains(got, "trekkingen") || !strings.HasPrefix(got, "Bron: raat") {
		t.Errorf("chart source %q", got)
	}
	if got := s.BandSource(); !strings.Contains(got, "10 trekkingen") {
		t.Errorf("band source %q", got)
	}
}
