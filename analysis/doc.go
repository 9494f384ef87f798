// Package analysis is raat's one orchestration layer between the model and
// the surfaces that show it. It turns a region (Data), a list of scenarios
// and run options (years, draws, seed, detail) into a Study, and a Study
// answers what the command line, the web application, the board report,
// the charts and the Parquet export ask for:
//
//   - Outcome: a scenario's deterministic run and, with draws, its Monte
//     Carlo distribution;
//   - Decomposition and Costs: what each lever of a scenario contributes
//     (Shapley values) and costs;
//   - SolveIntake and SolveLever: what closes the gap by a target year;
//   - Employers: the employers' opleidingsquote and outflow, when the
//     region was built from their workbooks;
//   - Warnings: what a reader of the numbers should know, in Dutch.
//
// None of cmd/raat, web, report, chart or arrowio runs the model or the
// Monte Carlo itself: two copies of "run the scenarios, then the Monte
// Carlo" drift apart, and ours did.
//
// # One central estimate
//
// The deterministic run, on the region's own figures, is the central
// estimate (centrale raming): the number every surface quotes and the line
// every chart draws. The Monte Carlo gives the band around it, from its P10
// to its P90: "8 van de 10 uitkomsten liggen in de band". The P50 of the
// draws stays in the data (Point.P50, Outcome.Dist) for analysts, but is
// not the headline: it moves with the seed and the number of draws, the
// central estimate does not. Outcome.Shortfall returns both per year as
// Points, so that a surface cannot pick the wrong one by accident.
//
// # Computed once, when asked
//
// A Study computes each part the first time it is asked for and keeps it,
// so that a dashboard that needs two outcomes does not pay for solves, and
// a second page that needs the same outcome pays nothing. Every part takes
// a context.Context: when it ends, the work stops (a Monte Carlo within one
// chunk of draws per worker) and the part is not kept, so the next caller
// computes it again. Callers waiting for a part another caller is
// computing share that computation. A Study is safe for concurrent use.
//
// Options.Progress hears how far the work is, and Study.Progress tells the
// same to whoever asks (the web application's "bezig" page).
package analysis
