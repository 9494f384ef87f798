// Package arrowio writes the results of a raat run as one tidy long table in
// Apache Arrow IPC (file format) and Parquet, and reads such files back. It
// is the only package that imports Arrow; analysts take the files into
// DuckDB, pandas, R or a spreadsheet and filter and pivot them there.
//
// The pieces: [Results] gathers what a run produced (deterministic
// [forecast.Result]s, Monte Carlo [forecast.Distribution]s, and optionally
// the individual draws as [DrawSeries]) with [Meta]. [Records] turns them
// into Arrow record batches of a bounded size, built column by column with
// Arrow builders, so that a national run never has to sit in memory as one
// table; [Table] collects the batches for small runs and tests.
// [WriteParquet] and [WriteIPC] stream the batches to an io.Writer;
// [ReadParquet] and [ReadIPC] read a file back as an arrow.Table, and [Rows]
// turns a table into Go values; [ReadFile] does both for callers that
// should not need Arrow's types. [ResultsOf] gathers an analysis study's
// outcomes for writing.
//
// # Schema (version 1)
//
// One row per region, scenario, kind (and quantile or draw), year, branch,
// level, route and metric:
//
//	column    Arrow type       null  meaning
//	region    utf8 dictionary  no    region name; "alle" for the sum over the regions of a multi-region Monte Carlo
//	scenario  utf8 dictionary  no    scenario name (basis, raat-plan, ... or the name in a scenario file)
//	kind      utf8 dictionary  no    "run": the deterministic result; "quantile": a Monte Carlo quantile;
//	                                 "mean": the Monte Carlo mean; "draw": one Monte Carlo draw
//	quantile  float64          yes   the quantile's probability (0.1, 0.5, 0.9) when kind is "quantile", else null
//	draw      int32            yes   the draw's number i (0-based; its random stream is PCG(seed, i)) when kind is "draw", else null
//	year      int32            no    calendar year; stocks are at the start of the year, flows during it
//	branch    utf8 dictionary  no    branch key (ziekenhuizen, vvt, ggz, ...); "alle" for a sum over branches
//	level     utf8 dictionary  no    level key (mbo2, mbo3, mbo4, hbo, wo/overig); "alle" for a sum over levels
//	route     utf8 dictionary  no    route key (BOL, BBL, hbo-voltijd, hbo-duaal, wo-vervolg) for education_* metrics, "" otherwise
//	metric    utf8 dictionary  no    what value measures, see below
//	value     float64          no    the number, in unit
//	unit      utf8 dictionary  no    "fte", "personen" (persons, a stock), "personen/jaar" (persons per year, a flow),
//	                                 "plaatsen" (training places) or "0/1" (a yes/no flag)
//
// A "utf8 dictionary" column holds strings as int32 indexes into one
// dictionary of its values, shared by the whole file: the string columns
// take a handful of values each, and Arrow tools read such a column as a
// categorical (pandas) or factor (R). Parquet stores them as UTF-8 strings
// (BYTE_ARRAY, dictionary-encoded pages), which every Parquet reader sees
// as plain strings.
//
// Kind "run" rows hold every metric of every branch and level cell (no
// totals: sum the cells); education_* rows have branch "alle" and a route.
// The run is the central estimate (centrale raming) that raat's tables,
// charts, report and web pages quote; the quantiles 0.1 and 0.9 are the
// band around it (8 of 10 draws lie between them), and 0.5 is for analysts.
// Kinds "quantile", "mean" and "draw" hold metric shortfall_fte for the
// series the Monte Carlo kept: per region its total (branch and level
// "alle") and, with more detail, its branches and cells. Quantiles of a
// total are not sums of the cells' quantiles, so those totals are written
// out.
//
// The workforce metrics are forecast.Row's JSON names, per branch and level:
//
//	demand_fte           fte            demand at the start of the year
//	supply_fte           fte            supply: workforce FTE times availability, plus work-based students' FTE
//	shortfall_fte        fte            demand - supply (positive is a shortage)
//	shortfall_headcount  personen       the shortfall in persons at the cell's part-time factor
//	headcount            personen       workforce at the start of the year
//	workforce_fte        fte            workforce FTE (headcount times part-time factor)
//	student_fte          fte            productive FTE of students on work-based routes
//	students             personen       students of the level trained in the branch (where their places are)
//	graduates            personen/jaar  graduates of the level trained in the branch
//	inflow_graduates     personen/jaar  graduates hired
//	inflow_lateral       personen/jaar  lateral entrants (zij-instroom)
//	inflow_returners     personen/jaar  returners (herintreders)
//	outflow_retirement   personen/jaar  retirement, early retirement included
//	outflow_other        personen/jaar  other leavers
//	mobility_in          personen/jaar  moving in from other branches
//	mobility_out         personen/jaar  moving out to other branches
//	demographic_index    index          the branch's demographic index (1 in the base year, and without population data)
//	demography_demand_fte fte           the demand demography alone gives: base-year demand times the index
//
// The education metrics are forecast.EducationRow's JSON names prefixed with
// "education_" (so that they never mix with the workforce metrics of the
// same name), per level and route, for the programmes the region runs:
//
//	education_candidates      personen/jaar  candidates for this year's intake
//	education_place_capacity  personen/jaar  the intake the training places allow (0 when not capped)
//	education_place_capped    0/1            1 when the places cap the intake
//	education_places          plaatsen       training places
//	education_intake          personen/jaar  intake
//	education_students        personen       students enrolled
//	education_dropouts        personen/jaar  dropouts
//	education_graduates       personen/jaar  graduates
//	education_graduates_hired personen/jaar  graduates entering the region's sector
//
// # Metadata
//
// The schema metadata (Arrow schema metadata; Parquet key-value metadata)
// records where the numbers came from, all values as strings:
//
//	raat.schema_version  "1"
//	raat.version         the raat build that wrote the file
//	raat.created         when, RFC 3339 in UTC
//	raat.region_source   the region file the run read
//	raat.base_year       the base year (year of the data)
//	raat.scenarios       the scenarios, comma-separated, in the order written
//	raat.draws           Monte Carlo draws per scenario ("0": none)
//	raat.seed            the Monte Carlo seed (absent without draws)
//	raat.quantiles       the quantiles' probabilities, comma-separated (absent without draws)
//	raat.warnings        the runs' warnings, one per line (absent when none)
//
// # Files
//
// Parquet is written with zstd compression, one row group per record batch
// of at most [DefaultBatchRows] rows, every column REQUIRED except quantile and draw
// (OPTIONAL), under a REQUIRED root: the default repeated root breaks some
// readers; the value column is written without a dictionary, since
// measures rarely repeat. The IPC file holds each string column's one
// dictionary once (an IPC file cannot replace a dictionary between
// batches, which is why the batches share them) and is uncompressed,
// since not every Arrow implementation reads compressed IPC buffers.
package arrowio
