package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"raat/ingest"
)

const templateSynopsis = `template [--region FILE] [--out FILE | FILE]

Writes the blank employer workbook (werkgeversuitvraag) that employers fill
in once a year: a Dutch instructions sheet (Toelichting) and the sheets
Organisatie, Personeel, Stageplaatsen, Uitstroom, Instroom and Vacatures,
with protected headers, drop-downs on every categorical column and number
checks on every numeric one. The region (default the embedded Twente demo)
gives the Regio drop-down and the hours per training place the instructions
quote. The workbook goes to FILE (or --out FILE; default
werkgeversuitvraag.xlsx); - writes it to stdout.`

func templateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f studyFlags
	fs := newFlags("template", templateSynopsis, stderr)
	f.addRegion(fs)
	f.addOut(fs, "werkgeversuitvraag.xlsx", "`file` to write the workbook to (- for stdout)")
	if done, err := parse(fs, args, stdout, true); done {
		return err
	}
	out := &f.out
	switch {
	case fs.NArg() > 1:
		fmt.Fprintln(stderr, "template takes one file")
		fs.Usage()
		return errReported
	case fs.NArg() == 1 && flagSet(fs, "out"):
		fmt.Fprintf(stderr, "template: give the file once, as %s or as --out %s\n", fs.Arg(0), f.out)
		fs.Usage()
		return errReported
	case fs.NArg() == 1:
		f.out = fs.Arg(0)
	}
	r, _, err := loadRegion(f.region)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ingest.WriteTemplate(&buf, ingest.TemplateOptions{Regions: []string{r.Name}, Training: r.Training}); err != nil {
		return err
	}
	if *out == "-" {
		_, err := buf.WriteTo(stdout)
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Sjabloon geschreven: %s (regio %s)\nBladen: %s, %s, %s, %s, %s, %s, %s\n", *out, r.Name,
		ingest.SheetInstructions, ingest.SheetOrganisation, ingest.SheetStaff, ingest.SheetPlaces,
		ingest.SheetLeavers, ingest.SheetHires, ingest.SheetVacancies)
	return ctx.Err()
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
