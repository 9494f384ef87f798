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
// Branch (9), Level (5), Route (5: BOL, BBL, hbo-voltijd, hbo-duaal, wo-vervolg), age
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
// # Groups of the workforce
//
// A cell's workforce may be split into the region's groups (Region.Groups,
// Cell.Groups: men and women, or any other split). Each group g runs the
// step above with its own headcount N_g, other-outflow rates q_g and
// part-time factor p_g (optionally p_g[a] by age), and takes the share
// s_g (EntrantShare) of the cell's graduates hired, lateral entrants and
// returners; movers keep their group (pool(l) and mobilityIn per group).
// The cell's figures sum the groups:
//
//	N[t] = sum over g of N_g[t]        F[t] = sum over g, a of N_g[a][t] * p_g[a]
//	N_g[entry][t+1] += s_g * hired;  N_g[lateralAge] += s_g * lateral entry;  N_g[returnerAge] += s_g * returners
//
// so a changing composition moves the FTE per head F/N. The larger-contracts
// lever adds its hours to every group's factor (at most full time). A region
// without groups is one group, the whole workforce: the same run, bit for bit.
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
//	D[base]      = (supply[base] + open vacancies[base]) / (1 - unmet)     unmet: share of demand not met (waiting lists)
//	index[b][t]  = sum over g of P[t][g] * use[b][g] / sum over g of P[base][g] * use[b][g]
//	other[t]     = other[t-1] * (1 + growth + draw - demandReduction[t])   other[base] = D[base]
//	pre[t]       = other[t] * index'[b][t] * (1 - productivity[t])
//	D[b][l][t]   = pre[b][l] * (1 - sum over m of sub[b][l][m]) + sum over m of sub[b][m][l] * pre[b][m]
//	demography[t] = D[base] * index[b][t]              (the demand demography alone gives)
//	shortfall[t] = D[t] - supply[t]                    (FTE; positive is a shortage)
//	shortfall in headcount = shortfall[t] / (p * availability)
//
// P[t][g] is the region's population of age group g (0-17, 18-64, 65-74,
// 75-84, 85+) in year t, interpolated linearly between the projection's
// years and held at its last; use[b][g] is branch b's care use per
// inhabitant (relative); index' is the index with the prevention lever's
// cut of use in the age groups of its scope, (1 - prevention[b][g]) in each
// term. A region without population has index 1. growth is the cell's
// non-demographic growth: demand_growth, or the product of the branch's
// named demand factors' yearly rates, (1 + change)^(1/years), less one
// (GrowthRate), where the factors of one sum group add their changes
// first and count as one factor, (1 + sum of changes)^(1/years).
// sub[b][l][m] is the substitution lever's share of level l's demand that
// moves to level m in branch b: a branch's total is unchanged.
// The change of demand from one year to the next splits exactly into the
// change of demography[t] and the rest (non-demographic growth and demand
// levers), which Row reports.
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
// (dropout, sector yield, other outflow, part-time factor), one addition
// to demand growth, and one relative deviation u of the population from
// its projection (every group's P[t][g] times 1 + u * (t - base) / (last
// projection year - base), capped at the last year) from the region's
// triangular ranges, runs the model, and
// reports quantiles (P10, P50, P90) of the shortfall. Draw i uses its own
// PCG stream seeded by (seed, i), so results do not depend on how draws are
// spread over goroutines.
package forecast
