//go:build ignore

// write writes the benchmark workbook to a file, for make bench-ingest:
//
//	go run ./ingest/internal/bigbook/write.go -rows 1000000 -o out/personeel-1m.xlsx
package main

import (
	"bufio"
	"flag"
	"log"
	"os"

	"raat/ingest/internal/bigbook"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "rows on the Personeel sheet")
	out := flag.String("o", "personeel-1m.xlsx", "file to write")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := bigbook.Write(w, *rows); err != nil {
		log.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
