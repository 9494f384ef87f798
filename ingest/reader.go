package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"raat/nl"
)

// ReadWorkbook reads one employer workbook: name names it in messages, r
// and size give its bytes (a file, an upload). It first checks the
// container without parsing it (see Options), then streams every sheet
// row by row and checks every rule of the workbook contract, collecting
// all problems. It returns the submission and the report when the file is
// accepted, and a nil submission with the report when it is refused.
func ReadWorkbook(name string, r io.ReaderAt, size int64, opt Options) (*Submission, *Report) {
	return ReadWorkbookContext(context.Background(), name, r, size, opt)
}

// ReadWorkbookContext is ReadWorkbook that stops reading when ctx ends (a
// deadline on the work of one upload): the file is then refused with a
// problem that says so, first in the report, and ctx.Err() tells the
// caller why.
func ReadWorkbookContext(ctx context.Context, name string, r io.ReaderAt, size int64, opt Options) (*Submission, *Report) {
	opt = opt.withDefaults()
	rep := newReport(name, opt.MaxProblems)
	if e := checkContainer(r, size, opt); e != nil {
		rep.add(*e)
		return rep.finish(nil)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(r, 0, size)); err != nil {
		rep.add(*notWorkbook("een bestand dat niet te lezen is ("+err.Error()+")", wantXLSX))
		return rep.finish(nil)
	}
	f, err := open(r, size, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    opt.MaxUncompressed,
		UnzipXMLSizeLimit: min(xmlInMemory, opt.MaxUncompressed),
		TmpDir:            opt.TmpDir,
	})
	if err != nil {
		rep.add(*notWorkbook("een werkmap die niet te openen is ("+err.Error()+")", wantXLSX))
		return rep.finish(nil)
	}
	defer f.Close()
	rd := &reader{ctx: ctx, f: f, rep: rep, opt: opt, sub: &Submission{File: name, Digest: hex.EncodeToString(h.Sum(nil))}}
	rd.each = rd.sheetRows
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	rd.findSheets()
	if s := rd.sheets[SheetOrganisation]; s != "" {
		rd.organisation(s)
	}
	for _, spec := range tableSpecs {
		s := rd.sheets[spec.sheet]
		if s == "" || rd.stopped {
			continue
		}
		before := rep.nerror
		rd.table(spec, s)
		// A workbook without staff has nothing to forecast; when the sheet
		// has problems of its own, those say why.
		if spec == &staffSpec && rep.nerror == before && !rd.stopped && rd.sub.Headcount() == 0 {
			rep.add(CellError{Sheet: s, Found: "geen medewerkers (alle aantallen 0 of leeg)", Want: "het personeel op de peildatum"})
		}
	}
	if s := rd.sheets[SheetStaffBySex]; s != "" && !rd.stopped {
		rd.checkSplit(s)
	}
	return rep.finish(rd.sub)
}

// open opens the workbook with excelize. excelize reads from an
// io.ReaderAt only when it opens a file by name; from any other reader it
// first copies all of it into a growing buffer, which for a 16 MB file
// costs some 50 MB of memory at its peak. So a file on disk is opened by
// name, when the name still leads to the same file that was checked.
func open(r io.ReaderAt, size int64, opt excelize.Options) (*excelize.File, error) {
	if f, ok := r.(*os.File); ok {
		fdStat, err1 := f.Stat()
		nameStat, err2 := os.Stat(f.Name())
		if err1 == nil && err2 == nil && os.SameFile(fdStat, nameStat) && nameStat.Size() == size {
			return excelize.OpenFile(f.Name(), opt)
		}
	}
	return excelize.OpenReader(io.NewSectionReader(r, 0, size), opt)
}

// finish settles whether the file is accepted and returns what
// ReadWorkbook returns.
func (r *Report) finish(sub *Submission) (*Submission, *Report) {
	r.Accepted = !r.refused()
	if !r.Accepted {
		return nil, r
	}
	return sub, r
}

// reader holds the state of reading one workbook.
type reader struct {
	ctx      context.Context
	f        *excelize.File
	rep      *Report
	opt      Options
	sub      *Submission
	date1904 bool
	// sheets maps each sheet of the contract to its name in the file.
	sheets map[string]string
	// each streams a sheet's rows: sheetRows, or rows held in memory when
	// the fuzz tests feed the sheet readers directly.
	each func(sheet string, fn func(row int, cells []string))
	// stopped is set when reading stopped early (Options.MaxRows, the
	// context): no further sheet is read.
	stopped bool
	// splitRows is the row of the split by sex (Personeel naar geslacht)
	// that holds each level and age band, for its problems.
	splitRows map[[2]int]int
}

// checkEvery is how many rows sheetRows reads between looks at the
// context.
const checkEvery = 1024

var requiredSheets = []string{SheetOrganisation, SheetStaff, SheetPlaces, SheetLeavers, SheetHires, SheetVacancies}

// findSheets matches the file's sheets to the contract's, ignoring case
// and spaces, whatever their order.
func (rd *reader) findSheets() {
	rd.sheets = map[string]string{}
	known := map[string]string{fold(SheetInstructions): SheetInstructions, fold(SheetStaffBySex): SheetStaffBySex}
	for _, s := range requiredSheets {
		known[fold(s)] = s
	}
	var others []string
	for _, name := range rd.f.GetSheetList() {
		s, ok := known[fold(name)]
		switch {
		case !ok:
			others = append(others, name)
		case s == SheetInstructions:
		case rd.sheets[s] != "":
			rd.rep.add(CellError{Sheet: name, Found: fmt.Sprintf("een tweede blad voor %s (naast %q)", s, rd.sheets[s]), Want: "elk blad één keer"})
		default:
			rd.sheets[s] = name
		}
	}
	for _, s := range requiredSheets {
		if rd.sheets[s] == "" {
			found := "geen blad met deze naam"
			if len(others) > 0 {
				found += " (wel: " + quoteList(others, 6) + ")"
			}
			rd.rep.add(CellError{Sheet: s, Found: found, Want: "een blad " + s + " zoals in het sjabloon"})
		}
	}
	for _, name := range others {
		rd.rep.warn(CellError{Sheet: name, Found: "een blad dat niet in het sjabloon staat", Want: "alleen de bladen van het sjabloon (dit blad wordt niet gelezen)"})
	}
}

// sheetRows streams a sheet's rows to fn with excelize's iterator, with
// the 1-based row number; it reports a sheet that cannot be read.
func (rd *reader) sheetRows(sheet string, fn func(row int, cells []string)) {
	rows, err := rd.f.Rows(sheet)
	if err != nil {
		rd.rep.add(CellError{Sheet: sheet, Found: "een blad dat niet te lezen is (" + err.Error() + ")", Want: "een blad zoals in het sjabloon"})
		return
	}
	defer rows.Close()
	// The iterator yields every row number, empty rows included, so the
	// count is the row number.
	for n := 1; rows.Next(); n++ {
		if rd.opt.MaxRows > 0 && n > rd.opt.MaxRows {
			limit := nl.Int(float64(rd.opt.MaxRows))
			rd.stop(CellError{Sheet: sheet, Cell: fmt.Sprintf("rij %s", nl.Int(float64(n))), Found: "meer dan " + limit + " rijen",
				Want: "hoogstens " + limit + " rijen per blad (een ingevulde uitvraag heeft er enkele tientallen); het bestand is niet verder gelezen"})
			return
		}
		if (n-1)%checkEvery == 0 && rd.ctx.Err() != nil {
			rd.stop(CellError{Sheet: sheet, Cell: fmt.Sprintf("rij %s", nl.Int(float64(n))), Found: "een werkmap die te lang duurt om te lezen",
				Want: "een uitvraag zoals het sjabloon, die in enkele seconden te lezen is; het bestand is niet verder gelezen"})
			return
		}
		cells, err := rows.Columns()
		if err != nil {
			rd.rep.add(CellError{Sheet: sheet, Cell: fmt.Sprintf("rij %d", n), Found: "een rij die niet te lezen is (" + err.Error() + ")", Want: "een leesbare rij"})
			return
		}
		fn(n, cells)
	}
	if err := rows.Error(); err != nil {
		rd.rep.add(CellError{Sheet: sheet, Found: "een blad dat niet verder te lezen is (" + err.Error() + ")", Want: "een blad zoals in het sjabloon"})
	}
}

// stop records why reading stopped early, first in the report so that
// it is shown whatever else was found, and reads no further sheet.
func (rd *reader) stop(e CellError) {
	rd.stopped = true
	rd.rep.addFirst(e)
}

// cellName returns the A1 name of a cell; col and row are 1-based.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return name
}

// quote returns a cell value as a problem shows it, cut short when long.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}

func quoteList(names []string, n int) string {
	names = append([]string(nil), names...)
	sort.Strings(names)
	var q []string
	for i, s := range names {
		if i == n {
			q = append(q, fmt.Sprintf("en nog %d", len(names)-n))
			break
		}
		q = append(q, quote(s))
	}
	return strings.Join(q, ", ")
}
