package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"raat/analysis"
	"raat/forecast"
	"raat/ingest"
	"raat/monitor"
	"raat/scenarios"
)

// studyFlags are the flags of the commands that run a study: one
// spelling and one help text each, so that --region, --employers,
// --scenario, --draws, --seed, --from, --to and --out mean the same
// wherever they appear. Each command adds the ones it takes, with its own
// defaults.
type studyFlags struct {
	region    string
	employers string
	scenario  string
	draws     int
	seed      uint64
	from, to  int
	out       string
}

func (f *studyFlags) addRegion(fs *flag.FlagSet) {
	fs.StringVar(&f.region, "region", "", regionFlagHelp)
}

func (f *studyFlags) addEmployers(fs *flag.FlagSet) {
	fs.StringVar(&f.employers, "employers", "", employersFlagHelp)
}

// addHistory adds --employers as the commands that read every peildatum
// take it (monitor, backtest, diff).
func (f *studyFlags) addHistory(fs *flag.FlagSet) {
	fs.StringVar(&f.employers, "employers", "", historyFlagHelp)
}

// historyData is the history --employers holds, on the region --region
// names, with the names of their sources.
type historyData struct {
	*monitor.History
	base               *forecast.Region
	source, baseSource string
}

// history reads the region file and the workbooks of every peildatum.
func (f *studyFlags) history() (historyData, error) {
	base, baseSource, err := loadRegion(f.region)
	if err != nil {
		return historyData{}, err
	}
	h, source, err := loadHistory(base, f.employers)
	if err != nil {
		return historyData{}, err
	}
	return historyData{History: h, base: base, source: source, baseSource: baseSource}, nil
}

// addScenario adds --scenario; several says whether it takes a
// comma-separated list.
func (f *studyFlags) addScenario(fs *flag.FlagSet, def string, several bool) {
	help := "the `scenario`: a built-in name (see \"raat scenarios\") or a YAML file"
	if several {
		help = "comma-separated `scenarios`: built-in names (see \"raat scenarios\") or YAML files, the baseline first"
	}
	fs.StringVar(&f.scenario, "scenario", def, help)
}

func (f *studyFlags) addDraws(fs *flag.FlagSet, def int) {
	fs.IntVar(&f.draws, "draws", def, "Monte Carlo `draws` behind the band (0: no band)")
	fs.Uint64Var(&f.seed, "seed", 1, "random `seed` of the Monte Carlo: the same seed gives the same band")
}

func (f *studyFlags) addYears(fs *flag.FlagSet) {
	fs.IntVar(&f.from, "from", 0, "first `year` (default the base year)")
	fs.IntVar(&f.to, "to", 0, "last `year` (default the base year + 15)")
}

func (f *studyFlags) addOut(fs *flag.FlagSet, def, help string) {
	fs.StringVar(&f.out, "out", def, help)
}

// scenarios returns the scenarios --scenario names.
func (f *studyFlags) scenarios() ([]*scenarios.Scenario, error) {
	return lookupScenarios(f.scenario)
}

// studyData is a study with what the command prints about its data.
type studyData struct {
	*analysis.Study
	// baseSource names the region file the employers' data was put on.
	baseSource string
}

// summary is the employer workbooks' summary, or nil.
func (d studyData) summary() *ingest.Summary { return d.Summary() }

// study loads the region (with --employers, from the workbooks) and
// returns the study of scs under opt, drawing a progress bar on stderr
// when it is a terminal and the study has draws. The caller calls done
// when the work is over.
func (f *studyFlags) study(stderr io.Writer, scs []*scenarios.Scenario, opt analysis.Options) (d studyData, done func(), err error) {
	r, source, err := loadRegion(f.region)
	if err != nil {
		return d, nil, err
	}
	data := analysis.Data{Region: r, Source: source}
	d.baseSource = source
	if f.employers != "" {
		if data.Region, data.Employers, data.Source, err = withEmployers(r, f.employers); err != nil {
			return d, nil, err
		}
	}
	if f.draws < 0 || f.draws > analysis.MaxDraws {
		return d, nil, fmt.Errorf("--draws %d: want 0 to %d", f.draws, analysis.MaxDraws)
	}
	opt.From, opt.To, opt.Draws, opt.Seed = f.from, f.to, f.draws, f.seed
	done = func() {}
	if opt.Draws > 0 {
		opt.Progress, done = progressBar(stderr)
	}
	st, err := analysis.New(data, scs, opt)
	if err != nil {
		done()
		return d, nil, err
	}
	d.Study = st
	return d, done, nil
}

func lookupScenarios(list string) ([]*scenarios.Scenario, error) {
	var scs []*scenarios.Scenario
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		sc, err := scenarios.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("--scenario: %w", err)
		}
		scs = append(scs, sc)
	}
	if len(scs) == 0 {
		return nil, fmt.Errorf("--scenario: no scenario named")
	}
	return scs, nil
}

func names(scs []*scenarios.Scenario) []string {
	var ns []string
	for _, s := range scs {
		ns = append(ns, s.Name)
	}
	return ns
}
