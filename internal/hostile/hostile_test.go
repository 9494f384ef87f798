package hostile

import (
	"bytes"
	"testing"

	"raat/ingest"
)

// TestEveryRowWrongThreeTimes: the reader opens the workbook, takes its
// organisation, and finds per row a negative headcount and FTE that are
// not a number, and from the 36th row on a repeated key: 2 x 35 + 3 x 65
// problems in 100 rows.
func TestEveryRowWrongThreeTimes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Options{Name: "Zorg Aanval", KvK: "12345678", Rows: 100, Padding: 10}); err != nil {
		t.Fatal(err)
	}
	opt := ingest.Options{Regions: []string{"Twente"}, MaxProblems: 10_000, Account: &ingest.Account{Name: "Zorg Aanval", KvK: "12345678"}}
	sub, rep := ingest.ReadWorkbook("aanval.xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()), opt)
	if sub != nil {
		t.Fatal("accepted")
	}
	errs := 0
	for _, e := range rep.Errors {
		if e.Sheet != "Personeel" {
			t.Errorf("a problem outside Personeel: %v", e)
		}
		errs++
	}
	if want := 2*35 + 3*65; errs+rep.Omitted != want {
		t.Errorf("%d problems, want %d", errs+rep.Omitted, want)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Cell != "E1" {
		t.Errorf("warnings %v, want one for the remark column E", rep.Warnings)
	}
}
