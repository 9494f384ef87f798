// Package forecast is raat's capacity model: a cohort (stock-flow) model of
// a region's care and welfare workforce and of the education pipeline that
// feeds it, year by year, per branch, qualification level and single year of
// age. It is pure: it takes a Region and levers and returns results, and
// never reads a file, the network or a database (make check enforces this).
// docs/model.md in the repository explains the model for readers of its
// numbers; this doc is its exact statement.
//
// # Dimensions
//
// Branch (9), Level (5), Route (4: BOL, BBL, hbo-voltijd, hbo-duaal), age
// (single years MinAge..MaxAge) and year (the base year, the year of the
// data, to a horizon, DefaultHorizonYears by default).
//
// # Workforce, one step from year t to t+1, per branch b and level l
//
// Headcount N by age a; part-time factor p (contract hours / 36); FTE F = N p.
//
//	other[a]     = N[a] * q[a] * k                 q: other-outflow rate (below the pension age P)
//	                                               k: 1 - retention lever
//	early[a]     = N[a] * e   for 60 <= a < P      e: early-retirement rate * (1 - later-retirement lever)
//	survivors    = sum of N[a] below P - other - early
//	movers       = m * survivors                                  m: mobility rate
//	pool(l)      = sum over branches of movers                    (regional total unchanged)
//	mobilityIn   = pool(l) * attraction(b)
//	N[a+1][t+1]  = (N[a] - other[a] - early[a]) * f   for a < P-1,  f = 1 + (mobilityIn - movers) / survivors
//	N[P][t+1]    = (N[P-1] - other[P-1] - early[P-1]) * f * stay   stay: share working past the pension age,
//	                                               StayPastPension + (1 - StayPastPension) * later-retirement lever
//	N[a+1][t+1]  = N[a] * (1 - r)          for P <= a < MaxAge     r: past-pension outflow
//	retirement   = sum of early + (N[P-1] - other[P-1] - early[P-1]) * f * (1 - stay)
//	             + sum over P <= a < MaxAge of N[a] * r + N[MaxAge]    (whoever is MaxAge stops: counted once)
//	N[entry][t+1] += graduates hired;  N[lateralAge] += lateral entry;  N[returnerAge] += returners
//
// so that, exactly, N[t+1] = N[t] - retirement - other + graduates hired +
// lateral entry + returners + mobilityIn - movers. Movers take on the
// age profile of the branch they join (f scales it), which keeps every
// total exact and approximates only their ages.
//
// # Education, per level and route, study year k = 1..duration
//
//	intake[t]      = min(candidates[t], places[t] / placeUse - continuing students[t])   (from the year after the base year)
//	S[1][t]        = intake[t]
//	S[k+1][t+1]    = S[k][t] * (1 - dropout[k])
//	graduates[t]   = S[duration][t] * (1 - dropout[duration])
//	hired[t]       = graduates[t] * sectorYield          (share entering the region's sector)
//	hired into b   = hired[t] * graduateShare(b, l), joining the stock at t+1 at the entry age
//
// An intake cohort therefore joins the workforce exactly duration years
// after its intake year. In the base year the enrolment is data
// (Programme.Enrolled). Students on work-based routes (BBL, hbo-duaal) add
// S * productiveFTE to supply, in the branches that host their places.
//
// Students are hosted where the places are, year by year: branch b hosts
//
//	share(b)[t]    = places(b)[t] / places[t]
//	places(b)[t]   = the places of b's trainers in the base year + what opleidingsquote levers add to them by t
//	               + the BOL-to-BBL lever's BBL places, in the base year's BBL shares
//
// of a programme's students, student FTE and graduates (Row.Students,
// Row.StudentFTE, Row.Graduates); a programme without places puts them
// where the level's graduates go to work (graduateShare). The totals over
// branches do not depend on the shares.
//
// # Demand and shortfall, per branch and level
//
//	supply[t]    = F[t] * availability[t] + student FTE[t]
//	D[base]      = supply[base] + open vacancies[base]
//	D[t]         = D[t-1] * (1 + demandGrowth[t])
//	shortfall[t] = D[t] - supply[t]                    (FTE; positive is a shortage)
//	shortfall in headcount = shortfall[t] / (p * availability)
//
// availability is 1 in the base year; the sick-leave lever raises it to
// (1 - (absence - cut)) / (1 - absence).
//
// # Levers
//
// A Lever has a kind (LeverKind), a size in the kind's unit, a start year
// and a horizon; its effect in year y is Size * Ramp(y), ramping linearly
// from zero in the start year to the full size RampYears later (kort 1,
// middellang 3, lang 5 years). The opleidingsquote is the exception: what
// ramps in is the places its trainers need to reach the full quota (see
// TrainingQuota). Each LeverKind's doc gives its exact effect and how a
// scoped lever spreads its size. Levers of the same kind add up (shares
// capped at 1 where the doc says so), so their order does not matter. With
// all sizes zero a run equals the baseline.
//
// A lever starts after the base year (Run refuses any other with a
// StartError): the base year is data, and its demand is set from its
// supply, so a lever acting in it would raise demand with supply and lose
// its effect.
//
// # Compiled models
//
// Run validates the region and prepares it on every call. Compile does it
// once, into a Model whose Run, and MonteCarloModels, reuse it: for the
// many runs of a decomposition, a solve or a diff.
//
// # Uncertainty
//
// MonteCarlo draws, per draw and region, one factor per parameter group
// (dropout, sector yield, other outflow, part-time factor) and one addition
// to demand growth from the region's triangular ranges, runs the model, and
// reports quantiles (P10, P50, P90) of the shortfall. Draw i uses its own
// PCG stream seeded by (seed, i), so results do not depend on how draws are
// spread over goroutines.
package forecast
