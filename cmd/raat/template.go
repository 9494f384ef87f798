package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"raat/ingest"
)

const templateSynopsis = `template [--region FILE] [--out FILE]

Writes the blank employer workbook (werkgeversuitvraag) that employers fill
in once a year: a Dutch instructions sheet (Toelichting) and the sheets
Organisatie, Personeel, Stageplaatsen, Uitstroom, Instroom and Vacatures,
with protected headers, drop-downs on every categorical column and number
checks on every numeric one. The region (default the embedded Twente demo)
gives the Regio drop-down and the hours per training place the instructions
quote. --out - writes the workbook to stdout.`

func templateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("template", templateSynopsis, stderr)
	regionFile := fs.String("region", "", regionFlagHelp)
	out := fs.String("out", "werkgeversuitvraag.xlsx", "`file` to write the workbook to (- for stdout)")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	r, _, err := loadRegion(*regionFile)
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
