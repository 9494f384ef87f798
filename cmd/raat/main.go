// Command raat is the workforce capacity forecasting engine of a RAAT region
// (Regionaal Actieplan Aanpak Tekorten, zorg en welzijn): it forecasts the
// shortfall of staff per branch and level from the region's data, under the
// levers of the action plan.
//
// Usage:
//
//	raat <command> [flags]
//
// Run "raat help" for the commands, "raat <command> --help" for one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "raat:", err)
		}
		os.Exit(1)
	}
}

// errReported is returned when the command has already told the user what
// went wrong (a usage message, a validation report): main only exits 1.
var errReported = errors.New("reported")

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		{"run", "forecast the shortfall of a region (default: the Twente demo)", runCmd},
		{"template", "write the blank employer workbook (werkgeversuitvraag)", templateCmd},
		{"ingest", "check employer workbooks and report every problem per cell", ingestCmd},
		{"quote", "opleidingsquote per employer and the region's outflow by reason", quoteCmd},
		{"calibrate", "estimate the region's parameters from employer workbooks", calibrateCmd},
		{"population", "read a CBS StatLine population CSV into a region file's population section", populationCmd},
		{"monitor", "the employers' figures over the years, and a plan's targets against them", monitorCmd},
		{"backtest", "forecasts from every past peildatum against what happened", backtestCmd},
		{"diff", "why the forecast changed between two editions", diffCmd},
		{"export", "write every result as Parquet and Arrow IPC for analysts", exportCmd},
		{"scenarios", "list the built-in scenarios of the action plan", scenariosCmd},
		{"explain", "decompose a scenario's effect into its levers, with costs", explainCmd},
		{"solve", "find the intake or lever size that closes the gap by a year", solveCmd},
		{"chart", "write one chart (PNG, SVG, PDF): tekort, waterval, stromen", chartCmd},
		{"report", "write the board report (PDF, Dutch)", reportCmd},
		{"serve", "start the web application", serveCmd},
		{"admin", "create an administrator account for the web application", adminCmd},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return errReported
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return nil
	case "-version", "--version":
		fmt.Fprintln(stdout, raatVersion())
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "raat: unknown command %q\n\n", name)
	usage(stderr)
	return errReported
}

func usage(w io.Writer) {
	fmt.Fprint(w, `raat forecasts the staff shortfall (tekort) in care and welfare of a RAAT
region, per branch and qualification level, under the levers of the
regional action plan.

Usage:

	raat <command> [flags]

Commands:

`)
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "raat <command> --help" for a command's flags, "raat --version" for
the version of this build.
`)
}

// regionFlagHelp is the usage of every command's --region.
const regionFlagHelp = "region `file` (YAML, see data/twente.yaml); default the embedded Twente demo"

// newFlags returns a flag set that reports errors instead of exiting, and
// prints its usage (the command's synopsis, whose first line is the
// command with its arguments, then its flags) to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: raat %s\n\nFlags:\n", strings.TrimSpace(synopsis))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; --help prints the usage to stdout and ends the
// command successfully (done is true). Commands that take no positional
// arguments pass positional false.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer, positional bool) (done bool, err error) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, once, to the right place
	// Flags may come after positional arguments ("explain raat-plan --to
	// 2030"): parse, set the first argument aside, and parse the rest.
	var rest []string
	for {
		err = fs.Parse(args)
		if err != nil || fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		stderr := fs.Output()
		fs.SetOutput(stdout)
		usage()
		fs.SetOutput(stderr)
		return true, nil
	case err != nil:
		usage() // after the flag package's own message
		return true, errReported
	case !positional && len(rest) > 0:
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", rest[0])
		usage()
		return true, errReported
	}
	// Leave the positional arguments where fs.Args finds them.
	if err := fs.Parse(append([]string{"--"}, rest...)); err != nil {
		return true, err
	}
	return false, nil
}
