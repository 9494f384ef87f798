// Package monitor follows a region over the years: what the employers
// delivered at every peildatum, how the action plan's targets were met,
// how good raat's forecasts from earlier peildata turned out, and why a
// new edition of the forecast differs from the last. It sits on top of
// ingest (the workbooks, and the region they make) and analysis (the
// forecasts), and runs the model only through their public API.
//
// # History
//
// NewHistory takes the accepted workbooks of every peildatum (re-uploads
// and all) and keeps, per KvK number and peildatum year, the one that
// counts: the latest peildatum, and of equals the one uploaded last, as
// ingest.Aggregate chooses. An employer that did not deliver in a year is
// estimated from its own figures of the year before, moved on as the
// employers of its branch that delivered in both years moved (for at most
// MaxEstimatedYears after its last workbook); an employer that another's
// workbook names under "Fusie met KvK-nummers" is held in the other's
// figures from then on. So every employer is in a year's sums once, or
// not at all: nothing counts twice. The History's lines give, per year,
// the Figures of the region, each branch and each employer (staff, FTE,
// leavers by reason, hires by origin, training places offered and filled,
// the opleidingsquote, vacancies), and its Events name every re-upload,
// estimate, merger and employer that stopped.
//
// RegionOf builds the region of one year's workbooks as raat builds it
// from the current year's (ingest.Aggregate), weighted up to that year's
// staff (what the employers delivered plus the estimates) instead of the
// region file's, which are of the file's own base year.
//
// # Plan
//
// NewPlan reads a scenario as a plan made on one peildatum: the yearly
// targets its levers imply (training places and BBL places from the
// model's own runs, the opleidingsquote, other outflow per head, lateral
// entrants, contract hours), for the region and per employer, counted from
// the last peildatum before each lever acts; what was realised; "op koers"
// when at least OnTrackShare of the planned change was. Its Gap splits the
// difference between the plan's forecast of the staff and what the
// workbooks show over the levers, each run at the share of its plan the
// workbooks show, with Shapley values (scenarios.ShapleyValues), and the
// rest: the drift of the data outside the levers.
//
// # Backtest
//
// Backtest forecasts from every past peildatum, from that year's region,
// through an analysis.Study, and compares each forecast with every later
// year's workbooks: per horizon, per quantity (headcount, FTE, leavers),
// for the region and each branch, the mean absolute percentage error and
// the bias. With draws, the headcount and FTE have their Monte Carlo band
// (through probe regions, see Backtest) and CalibrateBands finds the factor
// on the ranges of outflow, dropout and sector yield that makes the bands
// hold 8 in 10 of the outcomes.
//
// The alignment of years follows the model: its year t carries the
// people of peildatum t to peildatum t+1, so the stocks of year y are set
// against the workbook of peildatum y, and the flows of year y-1 against
// the leavers that workbook reports over the 12 months before it.
//
// # Diff
//
// Compare splits the change in one year's shortfall between two editions
// (the forecasts from two peildata, or two region files) over four groups
// of inputs: stock data, rates, demand and levers, as Shapley values over
// the 16 combinations of the groups from the old edition or the new. The
// parts add up to the change; an edition set against itself changes
// nothing.
package monitor
