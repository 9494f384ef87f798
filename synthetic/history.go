package synthetic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"raat/forecast"
	"raat/ingest"
)

// Past says how a region's employers got to the workbooks of its base
// year: the process History runs backwards from them. It is not raat's
// model: its own age profiles of leaving and joining, its own rates per
// year, and the shocks of each year (a year of unusually high outflow, a
// hiring freeze), which the model does not know and a backtest should
// find.
type Past struct {
	// From is the first peildatum year; the base year's workbooks are
	// given, and every year from From to the one before is made.
	From int
	// Seed fixes each employer's own variation from year to year.
	Seed uint64
	// Flows gives the conditions of the 12 months before peildatum y in
	// a branch, From <= y < base year (the base year's flows are its
	// workbooks').
	Flows func(y int, b forecast.Branch) Flows
	// Peil gives the conditions at peildatum y, From <= y < base year.
	Peil func(y int, b forecast.Branch) Peil
	// Noise is the spread of each employer's own variation: the standard
	// deviation of a factor of 1 on its flows, places and vacancies.
	Noise float64

	Mergers     []Merger
	Missing     []Missing
	Corrections []Correction
}

// Flows are a year's rates against the base year's, as factors: on the
// rate of leaving for another sector, out of the labour market and for
// unknown reasons (OtherOutflow), of moving to another care employer and
// of joining from one (Mobility), on the hires of zij-instromers,
// herintreders and overig (Lateral) and of school-leavers (Graduates).
// Retirement follows the age structure alone.
type Flows struct {
	OtherOutflow, Mobility, Lateral, Graduates float64
}

// Peil are the stocks at a peildatum against the base year's: the
// average contract in hours a week more (negative: fewer), the training
// places offered per route and the share of them filled as factors, and
// the open vacancies as a factor.
type Peil struct {
	Hours     float64
	Places    [forecast.NumRoutes]float64
	Occupancy float64
	Vacancies float64
}

// Merger is an organisation that merged into another: until the year
// before From it delivered its own workbooks, holding Share of the
// other's staff, places and flows at each level; from peildatum Year on
// the other's workbooks hold it, and the first of them names it.
type Merger struct {
	Name, KvK string
	Into      string // the KvK number it merged into
	Year      int
	Share     [forecast.NumLevels]float64
}

// Missing is a workbook an employer did not deliver.
type Missing struct {
	KvK  string
	Year int
}

// Correction is a workbook delivered twice: first with a mistake (Wrong
// changes the right one into it), then corrected, uploaded Later.
type Correction struct {
	KvK   string
	Year  int
	Wrong func(*ingest.Submission)
	Later time.Time
}

// The age profiles of the process, by age at the start of the year (its
// own, not the model's): leaving for another sector or out of the labour
// market, moving to another care employer, retiring (a hazard, from 60;
// everyone at MaxAge stops).
func otherProfile(a int) float64 {
	switch {
	case a < 25:
		return 2.0
	case a < 30:
		return 1.5
	case a < 45:
		return 1.0
	case a < 55:
		return 0.8
	case a < 60:
		return 0.9
	}
	return 1.2
}

func moveProfile(a int) float64 {
	switch {
	case a < 30:
		return 1.5
	case a < 45:
		return 1.0
	case a < 60:
		return 0.5
	}
	return 0.2
}

func retireProfile(a int) float64 {
	switch {
	case a < 60:
		return 0
	case a < 65:
		return 0.02
	case a < 67:
		return 0.04
	case a == 67:
		return 0.75
	}
	return 0.4
}

// hireProfile is the age distribution, at the peildatum, of the hires of
// each origin.
func hireProfile(o ingest.Origin, a int) float64 {
	switch o {
	case ingest.Schoolverlater:
		switch {
		case a < 20:
			return 0.5
		case a < 24:
			return 1
		case a < 30:
			return 0.4
		case a < 40:
			return 0.1
		}
		return 0
	case ingest.ZijInstromer:
		switch {
		case a < 25:
			return 0.2
		case a < 45:
			return 1
		case a < 55:
			return 0.5
		}
		return 0.1
	case ingest.Herintreder:
		switch {
		case a < 28:
			return 0.1
		case a < 50:
			return 1
		case a < 60:
			return 0.4
		}
		return 0.05
	case ingest.VanZorgwerkgever:
		switch {
		case a < 25:
			return 0.6
		case a < 45:
			return 1
		case a < 60:
			return 0.5
		}
		return 0.1
	}
	switch {
	case a < 60:
		return 1
	}
	return 0.2
}

const numAges = forecast.MaxAge - forecast.MinAge + 1

// ages holds people by age at a peildatum, forecast.MinAge to MaxAge.
type ages [numAges]float64

func (v *ages) sum() float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

// cohort is what the process knows of one employer's level: its people by
// age, its own rates, and the base year's contracts, places and
// vacancies.
type cohort struct {
	n ages
	// hazard per reason and age, as the base year's flows imply
	hazard [ingest.NumReasons]ages
	// the base year's hires per origin, per head
	hires    [ingest.NumOrigins]float64
	partTime [forecast.NumAgeBands]float64
	offered  [forecast.NumRoutes]float64
	filled   [forecast.NumRoutes]float64
	open     float64
	hard     float64
}

// History makes the workbooks of the years before the base year from the
// base year's (base: one per employer, all with the same peildatum) by
// running the process of past backwards: from the people at a peildatum,
// the year's hires are taken off and its leavers put back, at the ages
// they had, so that the people of the peildatum before come out. The base
// year's leavers and hires give each employer's own rates (its leaving
// hazards by age, scaled to the leavers it reported, and its hires per
// head); each earlier year's are those times the year's conditions and
// the employer's own variation. Stocks are people by single year of age
// (a band's people spread evenly over its ages); the workbooks round them
// to whole people per band, the FTE and vacancies to tenths, as employers
// do. It returns the workbooks of every year from past.From to the year
// before the base year, by year and then in the order of base, with the
// mergers, missing workbooks and corrections of past.
func History(base []*ingest.Submission, past Past) ([]*ingest.Submission, error) {
	if len(base) == 0 {
		return nil, fmt.Errorf("history: no workbooks of the base year")
	}
	baseYear := base[0].Employer.Peildatum.Year()
	for _, s := range base {
		if s.Employer.Peildatum.Year() != baseYear {
			return nil, fmt.Errorf("history: %s has peildatum %s, the others %d", s.Employer.Name, s.Employer.Peildatum.Format(time.DateOnly), baseYear)
		}
	}
	if past.From >= baseYear {
		return nil, fmt.Errorf("history: from %d, not before the base year %d", past.From, baseYear)
	}
	// the state of each employer and level, per year (index y - From)
	years := baseYear - past.From
	states := make([][forecast.NumLevels]cohort, len(base))
	books := make([][]*ingest.Submission, years) // [year][employer]
	for y := range books {
		books[y] = make([]*ingest.Submission, len(base))
	}
	for e, s := range base {
		for l := range forecast.Level(forecast.NumLevels) {
			states[e][l] = start(s, l)
		}
	}
	// From the base year back: at y the flows of the 12 months before
	// peildatum y are made (written into the workbook of y, except in the
	// base year, whose are given) and the people at y-1 come out, written
	// as the workbook of y-1 from From on.
	for y := baseYear; y >= past.From; y-- {
		for e, s := range base {
			rng := rand.New(rand.NewPCG(past.Seed, uint64(e)<<16|uint64(y)))
			vary := func() float64 { return math.Max(0.5, 1+past.Noise*rng.NormFloat64()) }
			flows := Flows{OtherOutflow: 1, Mobility: 1, Lateral: 1, Graduates: 1}
			prev := s
			if y < baseYear {
				flows = past.Flows(y, s.Employer.Branch)
				flows.OtherOutflow *= vary()
				flows.Lateral *= vary()
				flows.Graduates *= vary()
				prev = books[y-past.From][e]
			}
			var book *ingest.Submission
			var peil Peil
			placesVary, vacVary := vary(), vary()
			if y > past.From {
				book = &ingest.Submission{Employer: s.Employer}
				book.Employer.Peildatum = time.Date(y-1, 12, 31, 0, 0, 0, 0, time.UTC)
				peil = past.Peil(y-1, s.Employer.Branch)
			}
			for l := range forecast.Level(forecast.NumLevels) {
				c := &states[e][l]
				c.back(y == baseYear, prev, l, flows)
				if book != nil {
					c.report(book, l, peil, placesVary, vacVary)
				}
			}
			if book != nil {
				books[y-1-past.From][e] = book
			}
		}
	}
	return past.finish(base, books)
}

// start is the base year's cohort of one level of an employer: its people
// spread over each band's ages (evenly, but for the oldest band, where
// each year past the pension age fewer still work), its contracts,
// places, vacancies and the base year's hires per head.
func start(s *ingest.Submission, l forecast.Level) cohort {
	var c cohort
	var head, fte float64
	for band := range forecast.AgeBand(forecast.NumAgeBands) {
		st := s.Staff[l][band]
		lo, hi := band.Span()
		w := make([]float64, hi-lo+1)
		var sum float64
		for a := lo; a <= hi; a++ {
			w[a-lo] = bandWeight(band, a)
			sum += w[a-lo]
		}
		for a := lo; a <= hi; a++ {
			c.n[a-forecast.MinAge] += float64(st.Headcount) * w[a-lo] / sum
		}
		head += float64(st.Headcount)
		fte += st.FTE
	}
	for band := range forecast.AgeBand(forecast.NumAgeBands) {
		st := s.Staff[l][band]
		c.partTime[band] = fte / math.Max(head, 1)
		if st.Headcount > 0 {
			c.partTime[band] = st.FTE / float64(st.Headcount)
		}
	}
	for rt, p := range s.Places[l] {
		c.offered[rt], c.filled[rt] = float64(p.Offered), float64(p.Filled)
	}
	c.open, c.hard = s.Vacancies[l].OpenFTE, s.Vacancies[l].HardToFillFTE
	for o, n := range s.Hires[l] {
		if head > 0 {
			c.hires[o] = float64(n) / head
		}
	}
	return c
}

// bandWeight is the weight of an age within its band: 1, but past 67,
// where a quarter of those reaching it work on and fewer each year after,
// 0.25 x 0.6 per year.
func bandWeight(b forecast.AgeBand, a int) float64 {
	if b != forecast.Age65Plus || a <= 67 {
		return 1
	}
	return 0.25 * math.Pow(0.6, float64(a-68))
}

// profile is the age profile of leaving for a reason.
func profile(r ingest.Reason, a int) float64 {
	switch r {
	case ingest.Pensioen:
		return retireProfile(a)
	case ingest.NaarZorgwerkgever:
		return moveProfile(a)
	}
	return otherProfile(a)
}

// back turns the cohort at peildatum y into the one at y-1: the hires of
// the year (the base year's, reported in prev, or the process's) are taken
// off at their ages, the survivors a year younger, and the leavers put
// back at the hazards of the year: N[y-1][a] = (N[y][a+1] - H[a+1]) / (1 -
// h[a]). In the base year (given) the hazards are first scaled so that the
// leavers are what prev reports; prev's flows are then the year's. For an
// earlier year the flows it makes are written into prev, the workbook of
// peildatum y.
func (c *cohort) back(given bool, prev *ingest.Submission, l forecast.Level, f Flows) {
	head := c.n.sum()
	// Hires at their ages, never more than the people of that age.
	var hires [ingest.NumOrigins]ages
	for o := range ingest.Origin(ingest.NumOrigins) {
		var total float64
		switch {
		case given:
			total = float64(prev.Hires[l][o])
		case o == ingest.Schoolverlater:
			total = c.hires[o] * head * f.Graduates
		case o == ingest.VanZorgwerkgever:
			total = c.hires[o] * head * f.Mobility
		default:
			total = c.hires[o] * head * f.Lateral
		}
		var w float64
		for a := range numAges {
			w += hireProfile(o, a+forecast.MinAge) * c.n[a]
		}
		for a := range numAges {
			if w > 0 {
				hires[o][a] = total * hireProfile(o, a+forecast.MinAge) * c.n[a] / w
			}
		}
	}
	for a := range numAges {
		var sum float64
		for o := range hires {
			sum += hires[o][a]
		}
		if limit := 0.9 * c.n[a]; sum > limit {
			for o := range hires {
				hires[o][a] *= limit / sum
			}
		}
	}
	// Survivors aged a at the start of the year.
	var surv ages
	for a := range numAges - 1 {
		surv[a] = c.n[a+1]
		for o := range hires {
			surv[a] -= hires[o][a+1]
		}
	}
	surv[numAges-1] = c.n[numAges-1] // those at MaxAge: as many as a year later
	var h [ingest.NumReasons]ages
	if given {
		// The leavers reported, put back at the ages they had in
		// proportion to the reason's age profile times the survivors of
		// the age; the year's hazards are those leavers over the people
		// of the age at the start.
		var back [ingest.NumReasons]ages
		var start ages
		for r := range ingest.Reason(ingest.NumReasons) {
			var w ages
			for a := range numAges {
				w[a] = profile(r, a+forecast.MinAge) * math.Max(0, surv[a])
			}
			if total := w.sum(); total > 0 {
				for a := range numAges {
					back[r][a] = float64(prev.Leavers[l][r]) * w[a] / total
				}
			}
		}
		for a := range numAges {
			start[a] = math.Max(0, surv[a])
			for r := range back {
				start[a] += back[r][a]
			}
			for r := range back {
				if start[a] > 0 {
					h[r][a] = back[r][a] / start[a]
				}
			}
		}
		c.hazard = h
		c.n = start
		c.n.reshapeOldest()
		return
	}
	for r := range ingest.Reason(ingest.NumReasons) {
		k := f.OtherOutflow
		switch r {
		case ingest.Pensioen:
			k = 1
		case ingest.NaarZorgwerkgever:
			k = f.Mobility
		}
		for a := range numAges {
			h[r][a] = c.hazard[r][a] * k
		}
	}
	capHazards(&h)
	before := undo(&surv, &h)
	{
		// The flows of the year, reported in the workbook of its end.
		var leavers [ingest.NumReasons]float64
		for r := range h {
			for a := range numAges {
				leavers[r] += h[r][a] * before[a]
			}
		}
		if a := numAges - 1; before[a] > 0 {
			var others float64
			for r := range h {
				if ingest.Reason(r) != ingest.Pensioen {
					others += h[r][a] * before[a]
				}
			}
			leavers[ingest.Pensioen] += before[a] - others - h[ingest.Pensioen][a]*before[a] // all at MaxAge stop
		}
		copy(prev.Leavers[l][:], wholeParts(leavers[:]))
		var hired [ingest.NumOrigins]float64
		for o := range hires {
			hired[o] = hires[o].sum()
		}
		copy(prev.Hires[l][:], wholeParts(hired[:]))
	}
	c.n = before
	c.n.reshapeOldest()
}

// reshapeOldest keeps the shape of the people past 65 (bandWeight):
// running the hazards of the oldest ages backwards for years amplifies
// every rounding of them.
func (v *ages) reshapeOldest() {
	lo, hi := forecast.Age65Plus.Span()
	var total, w float64
	for a := lo; a <= hi; a++ {
		total += v[a-forecast.MinAge]
		w += bandWeight(forecast.Age65Plus, a)
	}
	for a := lo; a <= hi; a++ {
		v[a-forecast.MinAge] = total * bandWeight(forecast.Age65Plus, a) / w
	}
}

// undo is the people at the start of the year: the survivors over the
// share that stayed, (1 - sum of hazards); at MaxAge all leave, so the
// survivors there stand for themselves.
func undo(surv *ages, h *[ingest.NumReasons]ages) ages {
	var n ages
	for a := range numAges - 1 {
		var q float64
		for r := range h {
			q += h[r][a]
		}
		n[a] = math.Max(0, surv[a]) / (1 - min(q, 0.95))
	}
	n[numAges-1] = surv[numAges-1]
	return n
}

// capHazards keeps the hazards of an age below 0.95 together.
func capHazards(h *[ingest.NumReasons]ages) {
	for a := range numAges {
		var q float64
		for r := range h {
			q += h[r][a]
		}
		if q > 0.95 {
			for r := range h {
				h[r][a] *= 0.95 / q
			}
		}
	}
}

// wholeParts rounds flows to whole numbers that add up to the rounded
// total.
func wholeParts(x []float64) []int {
	var total float64
	for _, v := range x {
		total += v
	}
	return LargestRemainder(int(math.Round(total)), x)
}

// report writes the cohort as the workbook of a peildatum: people per band
// (whole), FTE at the year's contracts, places and vacancies.
func (c *cohort) report(book *ingest.Submission, l forecast.Level, p Peil, placesVary, vacVary float64) {
	var bands [forecast.NumAgeBands]float64
	for band := range forecast.AgeBand(forecast.NumAgeBands) {
		lo, hi := band.Span()
		if band == forecast.AgeUnder25 {
			lo = forecast.MinAge // the few the process makes younger than the band
		}
		for a := lo; a <= hi; a++ {
			bands[band] += c.n[a-forecast.MinAge]
		}
	}
	heads := LargestRemainder(int(math.Round(c.n.sum())), bands[:])
	for band, n := range heads {
		pt := math.Min(1, math.Max(0.2, c.partTime[band]+p.Hours/36))
		book.Staff[l][band] = ingest.Staff{Headcount: n, FTE: math.Round(float64(n)*pt*10) / 10}
	}
	for rt := range forecast.Route(forecast.NumRoutes) {
		offered := math.Round(c.offered[rt] * p.Places[rt] * placesVary)
		filled := 0.0
		if c.offered[rt] > 0 {
			filled = math.Min(offered, math.Round(offered*c.filled[rt]/c.offered[rt]*p.Occupancy))
		}
		book.Places[l][rt] = ingest.Places{Offered: int(offered), Filled: int(filled)}
	}
	open := math.Round(c.open*p.Vacancies*vacVary*10) / 10
	hard := 0.0
	if c.open > 0 {
		hard = math.Min(open, math.Round(open*c.hard/c.open*10)/10)
	}
	book.Vacancies[l] = ingest.Vacancies{OpenFTE: open, HardToFillFTE: hard}
}

// finish applies the mergers, missing workbooks and corrections, sets the
// files and upload times, and lists the workbooks by year.
func (p Past) finish(base []*ingest.Submission, books [][]*ingest.Submission) ([]*ingest.Submission, error) {
	var out []*ingest.Submission
	for y, year := range books {
		peil := p.From + y
		var list []*ingest.Submission
		for e, b := range year {
			b.File = fmt.Sprintf("%d/%s", peil, fileName(base[e]))
			b.Uploaded = time.Date(peil+1, 2, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(e*3) * 24 * time.Hour)
			list = append(list, b)
		}
		for _, m := range p.Mergers {
			into := slices.IndexFunc(base, func(s *ingest.Submission) bool { return s.Employer.KvK == m.Into })
			if into < 0 {
				return nil, fmt.Errorf("history: merger into KvK %s, which has no workbook", m.Into)
			}
			host := year[into]
			switch {
			case peil == m.Year:
				host.Merged = append(host.Merged, m.KvK)
			case peil < m.Year:
				part := split(host, m.Share)
				part.Employer.Name, part.Employer.KvK = m.Name, m.KvK
				part.File = fmt.Sprintf("%d/%s", peil, slug(m.Name)+".xlsx")
				part.Uploaded = host.Uploaded.Add(time.Hour)
				list = append(list, part)
			}
		}
		for _, c := range p.Corrections {
			if c.Year != peil {
				continue
			}
			i := slices.IndexFunc(list, func(s *ingest.Submission) bool { return s.Employer.KvK == c.KvK })
			if i < 0 {
				return nil, fmt.Errorf("history: correction of KvK %s in %d, which has no workbook", c.KvK, peil)
			}
			wrong := *list[i]
			c.Wrong(&wrong)
			list[i].Uploaded = c.Later
			list[i].File = fmt.Sprintf("%d/%s", peil, slug(list[i].Employer.Name)+"-correctie.xlsx")
			list = append(list, &wrong)
		}
		list = slices.DeleteFunc(list, func(s *ingest.Submission) bool {
			return slices.ContainsFunc(p.Missing, func(m Missing) bool { return m.KvK == s.Employer.KvK && m.Year == peil })
		})
		out = append(out, list...)
	}
	return out, nil
}

// split takes share of a workbook's people, flows, places and vacancies
// out of it, per level, into a workbook of its own (rounded, so that the
// two add up to the whole).
func split(host *ingest.Submission, share [forecast.NumLevels]float64) *ingest.Submission {
	part := &ingest.Submission{Employer: host.Employer}
	cut := func(n *int, s float64) int {
		k := LargestRemainder(*n, []float64{1 - s, s})
		*n = k[0]
		return k[1]
	}
	cutFTE := func(x *float64, s float64) float64 {
		k := LargestRemainder(int(math.Round(*x*10)), []float64{1 - s, s})
		*x = float64(k[0]) / 10
		return float64(k[1]) / 10
	}
	for l, s := range share {
		for band := range host.Staff[l] {
			st := &host.Staff[l][band]
			heads := st.Headcount
			moved := cut(&st.Headcount, s)
			fte := 0.0
			if heads > 0 {
				fte = math.Round(st.FTE*float64(moved)/float64(heads)*10) / 10
			}
			st.FTE = math.Round((st.FTE-fte)*10) / 10
			part.Staff[l][band] = ingest.Staff{Headcount: moved, FTE: fte}
		}
		for r := range host.Leavers[l] {
			part.Leavers[l][r] = cut(&host.Leavers[l][r], s)
		}
		for o := range host.Hires[l] {
			part.Hires[l][o] = cut(&host.Hires[l][o], s)
		}
		for rt := range host.Places[l] {
			pl := &host.Places[l][rt]
			offered := cut(&pl.Offered, s)
			filled := cut(&pl.Filled, s)
			if filled > offered { // keep filled within offered on both sides
				pl.Filled += filled - offered
				filled = offered
			}
			if pl.Filled > pl.Offered {
				pl.Filled = pl.Offered
			}
			part.Places[l][rt] = ingest.Places{Offered: offered, Filled: filled}
		}
		v := &host.Vacancies[l]
		open := cutFTE(&v.OpenFTE, s)
		hard := math.Min(open, math.Round(v.HardToFillFTE*s*10)/10)
		v.HardToFillFTE = math.Min(v.OpenFTE, math.Round((v.HardToFillFTE-hard)*10)/10)
		part.Vacancies[l] = ingest.Vacancies{OpenFTE: open, HardToFillFTE: hard}
	}
	return part
}

// fileName is the workbook's file name without its directory.
func fileName(s *ingest.Submission) string {
	if s.File != "" {
		for i := len(s.File) - 1; i >= 0; i-- {
			if s.File[i] == '/' {
				return s.File[i+1:]
			}
		}
		return s.File
	}
	return slug(s.Employer.Name) + ".xlsx"
}

// Slug turns a name into a file name: lower case, ASCII, hyphens.
func Slug(name string) string { return slug(name) }

func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.NewReplacer("ö", "o", "é", "e", "ë", "e").Replace(name)) {
		if unicode.IsLetter(r) && r < 128 || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
