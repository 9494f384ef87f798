package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"raat/nl"
)

// Options bound what the reader opens and say which regions a workbook
// may name. The zero value takes the defaults below for every limit.
type Options struct {
	// MaxFileSize is the largest file read, in bytes (default 20 MB).
	MaxFileSize int64
	// MaxUncompressed bounds the sum of the sizes of the parts of the zip
	// archive once unpacked (default 300 MB). excelize is given the same
	// limit as its UnzipSizeLimit.
	MaxUncompressed int64
	// MaxRatio bounds how many times a part of at least 1 MB, and the
	// whole archive, may expand (default 100; ordinary workbooks expand 5
	// to 20 times, zip bombs hundreds to millions of times).
	MaxRatio float64
	// MaxParts bounds the number of parts in the archive (default 1,000;
	// a workbook has a few dozen). It is checked in the archive's end
	// record, before the central directory is read into memory.
	MaxParts int
	// MaxProblems bounds the problems listed per file (default 1,000);
	// the rest are counted.
	MaxProblems int
	// Regions are the values Organisatie!Regio may take (compared
	// ignoring case and spaces). Empty accepts any region name.
	Regions []string
	// TmpDir is where excelize unpacks sheets larger than 8 MB; empty
	// is the system's temporary directory.
	TmpDir string
	// MaxRows bounds the rows read per sheet, empty rows included; 0
	// reads every row. A sheet of the template has 200 rows (its input
	// area, of which at most 35 are filled in); the web application sets
	// a bound far above that, so that a legal
	// workbook of millions of rows is refused after its first rows
	// instead of read to the end. The command line reads every row: its
	// user chose the file.
	MaxRows int
	// Account, when set, is the account the workbook is uploaded for:
	// Organisatie's KvK-nummer must be the account's KvK number and its
	// Naam the account's name (compared as names are, ignoring case,
	// spaces, dots and hyphens), so that nobody uploads under another
	// employer's name.
	Account *Account
}

// Account is who uploads a workbook (Options.Account).
type Account struct {
	Name string
	KvK  string
}

// The defaults of Options.
const (
	DefaultMaxFileSize     = 20 << 20
	DefaultMaxUncompressed = 300 << 20
	DefaultMaxRatio        = 100
	DefaultMaxParts        = 1000
	DefaultMaxProblems     = 1000

	// xmlInMemory is excelize's UnzipXMLSizeLimit: sheets above it are
	// unpacked to a temporary file and streamed from there, which keeps
	// memory bounded for a sheet with a million rows.
	xmlInMemory = 8 << 20
	// ratioFloor is the size from which a part's expansion is checked:
	// small XML parts of repetitive text compress very well.
	ratioFloor = 1 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUncompressed <= 0 {
		o.MaxUncompressed = DefaultMaxUncompressed
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = DefaultMaxRatio
	}
	if o.MaxParts <= 0 {
		o.MaxParts = DefaultMaxParts
	}
	if o.MaxProblems <= 0 {
		o.MaxProblems = DefaultMaxProblems
	}
	return o
}

var (
	oleMagic     = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic     = []byte("PK\x03\x04")
	emptyZip     = []byte("PK\x05\x06")
	eocdMagic    = []byte("PK\x05\x06")
	zip64Locator = []byte("PK\x06\x07")
	// An encrypted OOXML workbook is an OLE2 container with this stream
	// (its name is stored in UTF-16).
	encryptedPackage = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// notWorkbook is a refusal of the whole file, before any sheet is read.
func notWorkbook(found, want string) *CellError {
	return &CellError{Found: found, Want: want}
}

const wantXLSX = "een Excel-werkmap (.xlsx); sla het bestand op als Excel-werkmap"

// checkContainer refuses, reading only the file's first bytes, its end
// record and its central directory, what is not a workbook the reader
// should open: too large, not a zip archive (legacy .xls, CSV, a password-
// protected workbook, which is an encrypted OLE2 container), an archive of
// another kind (.ods, .xlsb, .docx), or one that expands too far.
func checkContainer(r io.ReaderAt, size int64, opt Options) *CellError {
	if size < 0 {
		return notWorkbook("een bestand van onbekende grootte", wantXLSX)
	}
	if size > opt.MaxFileSize {
		return notWorkbook("een bestand van "+megabytes(size), "hoogstens "+megabytes(opt.MaxFileSize))
	}
	head := make([]byte, min(size, 512))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return notWorkbook("een bestand dat niet te lezen is ("+err.Error()+")", wantXLSX)
	}
	switch {
	case size == 0:
		return notWorkbook("een leeg bestand", wantXLSX)
	case bytes.HasPrefix(head, oleMagic):
		if containsStream(r, size, encryptedPackage) {
			return notWorkbook("een met een wachtwoord beveiligde (versleutelde) werkmap",
				"een werkmap zonder wachtwoord; haal de beveiliging eraf en sla opnieuw op")
		}
		return notWorkbook("een bestand in het oude Excel-formaat (.xls) of een ander Office 97-2003-bestand", wantXLSX)
	case bytes.HasPrefix(head, emptyZip):
		return notWorkbook("een leeg zip-archief", wantXLSX)
	case !bytes.HasPrefix(head, zipMagic):
		return notWorkbook(describeNonZip(head), wantXLSX)
	}
	entries, err := zipEntries(r, size)
	if err != nil {
		return notWorkbook("een beschadigd zip-archief ("+err.Error()+")", wantXLSX)
	}
	if entries > uint64(opt.MaxParts) {
		return notWorkbook(fmt.Sprintf("een zip-archief met %s onderdelen", nl.Int(float64(entries))),
			fmt.Sprintf("hoogstens %s onderdelen", nl.Int(float64(opt.MaxParts))))
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return notWorkbook("een beschadigd zip-archief ("+err.Error()+")", wantXLSX)
	}
	var total uint64
	var workbook, xlsb, ods, word bool
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		switch name {
		case "xl/workbook.xml":
			workbook = true
		case "xl/workbook.bin":
			xlsb = true
		case "mimetype", "content.xml":
			ods = true
		case "word/document.xml", "ppt/presentation.xml":
			word = true
		}
		if f.Flags&0x1 != 0 {
			return notWorkbook("een zip-archief met versleutelde onderdelen", wantXLSX)
		}
		total += f.UncompressedSize64
		if total > uint64(opt.MaxUncompressed) {
			return notWorkbook("een archief dat uitgepakt meer dan "+megabytes(opt.MaxUncompressed)+" is",
				"hoogstens "+megabytes(opt.MaxUncompressed)+" uitgepakt")
		}
		if f.UncompressedSize64 >= ratioFloor && float64(f.UncompressedSize64) > opt.MaxRatio*float64(max(f.CompressedSize64, 1)) {
			return notWorkbook(fmt.Sprintf("een onderdeel (%s) dat %s keer uitpakt (een zipbom?)", f.Name,
				nl.Int(float64(f.UncompressedSize64)/float64(max(f.CompressedSize64, 1)))),
				fmt.Sprintf("hoogstens %s keer", nl.Int(opt.MaxRatio)))
		}
	}
	if total >= ratioFloor && float64(total) > opt.MaxRatio*float64(size) {
		return notWorkbook(fmt.Sprintf("een archief dat %s keer uitpakt (een zipbom?)", nl.Int(float64(total)/float64(size))),
			fmt.Sprintf("hoogstens %s keer", nl.Int(opt.MaxRatio)))
	}
	switch {
	case workbook:
		return nil
	case xlsb:
		return notWorkbook("een binaire Excel-werkmap (.xlsb)", wantXLSX)
	case ods:
		return notWorkbook("een OpenDocument-rekenblad (.ods)", wantXLSX)
	case word:
		return notWorkbook("een Word- of PowerPoint-bestand", wantXLSX)
	}
	return notWorkbook("een zip-archief zonder Excel-werkmap", wantXLSX)
}

// describeNonZip names what a file that is not a zip archive looks like.
func describeNonZip(head []byte) string {
	t := bytes.ToLower(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"))
	switch {
	case bytes.HasPrefix(t, []byte("<?xml")), bytes.HasPrefix(t, []byte("<html")), bytes.HasPrefix(t, []byte("<!doctype")), bytes.HasPrefix(t, []byte("<table")):
		return "een XML- of HTML-bestand (zoals een 'Excel'-export uit een webapplicatie)"
	case bytes.HasPrefix(t, []byte("%pdf")):
		return "een PDF-bestand"
	case utf8.Valid(trimPartialRune(head)) && bytes.IndexByte(head, 0) < 0:
		return "een tekstbestand (CSV?)"
	}
	return "geen zip-archief"
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && i < len(b); i++ {
		if utf8.Valid(b[:len(b)-i]) {
			return b[:len(b)-i]
		}
	}
	return b
}

// containsStream reports whether the OLE2 container holds a directory
// entry named name (UTF-16). It scans the file in chunks, so memory stays
// bounded; the file is at most MaxFileSize.
func containsStream(r io.ReaderAt, size int64, name []byte) bool {
	const chunk = 64 << 10
	buf := make([]byte, chunk+len(name))
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if bytes.Contains(buf[:n], name) {
			return true
		}
		if err != nil && err != io.EOF {
			return false
		}
	}
	return false
}

// zipEntries reads the number of entries from the archive's end record
// (or its zip64 end record), so that an archive with millions of entries
// is refused before archive/zip reads its central directory into memory.
func zipEntries(r io.ReaderAt, size int64) (uint64, error) {
	const eocdLen = 22
	tail := make([]byte, min(size, eocdLen+65535))
	start := size - int64(len(tail))
	if _, err := r.ReadAt(tail, start); err != nil && err != io.EOF {
		return 0, err
	}
	i := bytes.LastIndex(tail, eocdMagic)
	if i < 0 || len(tail)-i < eocdLen {
		return 0, fmt.Errorf("no end of central directory")
	}
	eocd := tail[i:]
	entries := uint64(binary.LittleEndian.Uint16(eocd[10:]))
	if entries != 0xFFFF && binary.LittleEndian.Uint32(eocd[16:]) != 0xFFFFFFFF {
		return entries, nil
	}
	// zip64: a locator just before the end record points at the zip64 end
	// record, which holds the real count.
	if i < 20 || !bytes.Equal(tail[i-20:i-16], zip64Locator) {
		return entries, nil
	}
	off := int64(binary.LittleEndian.Uint64(tail[i-20+8:]))
	rec := make([]byte, 56)
	if off < 0 || off > size-56 {
		return 0, fmt.Errorf("zip64 end record out of range")
	}
	if _, err := r.ReadAt(rec, off); err != nil {
		return 0, err
	}
	if !bytes.Equal(rec[:4], []byte("PK\x06\x06")) {
		return 0, fmt.Errorf("bad zip64 end record")
	}
	return binary.LittleEndian.Uint64(rec[32:]), nil
}

// megabytes formats a size for a message: "20 MB", "1,5 MB", "10 kB".
func megabytes(n int64) string {
	if n < 1<<20 {
		return nl.Int(float64(n)/(1<<10)) + " kB"
	}
	mb := float64(n) / (1 << 20)
	if mb == float64(int64(mb)) {
		return nl.Int(mb) + " MB"
	}
	return nl.Dec(mb, 1) + " MB"
}
