package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"raat/region"
	"raat/statline"
)

const populationSynopsis = `population --statline FILE --region CODE [--column NAME] [--scale N]

Reads a population table downloaded from CBS StatLine as CSV (the long
layout: one row per age, region and year; see the README, "Demand from the
population") and prints the population section of a region file: the
region's inhabitants per age group (0-17, 18-64, 65-74, 75-84, 85+) per
year, for pasting into the region file in place of its own. --region takes StatLine's code (CR12)
or label (Twente (CR)); --column the value column when the table has more
than one; --scale multiplies the values (1000 for a table in thousands).
A file raat does not understand is refused with its line and column.`

func populationCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("population", populationSynopsis, stderr)
	file := fs.String("statline", "", "StatLine CSV `file`")
	code := fs.String("region", "", "region `code` or label, e.g. CR12")
	column := fs.String("column", "", "value `column` (default: the first)")
	scale := fs.Float64("scale", 1, "`factor` for the values (1000 for thousands)")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if *file == "" || *code == "" {
		return fmt.Errorf("population: --statline FILE and --region CODE are both needed")
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := statline.Read(*file, f, statline.Options{Region: *code, Column: *column, Scale: *scale})
	if err != nil {
		return err
	}
	note := []string{fmt.Sprintf("bron: CBS StatLine, %s (kolom %s, regio %s), ingelezen met raat population", *file, res.Column, *code)}
	for _, w := range res.Warnings {
		note = append(note, "let op: "+w)
		fmt.Fprintln(stderr, "raat population:", w)
	}
	return region.WritePopulation(stdout, res.Population, note)
}
