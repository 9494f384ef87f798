// Package ingest brings employers' figures into raat: the Excel workbook
// each employer of a region fills in once a year (the werkgeversuitvraag,
// whose contract is docs/workbook.md in the repository), read, checked and added
// up into the model's input. It is the only package that uses excelize.
//
// The Organisatie sheet has one optional field besides the contract's:
// "Fusie met KvK-nummers", the organisations that merged into this one
// since its previous peildatum (Submission.Merged). Their staff are then
// in this workbook, and Aggregate leaves their own earlier workbooks out.
//
// # The pieces, in the order a number passes them
//
// WriteTemplate writes the blank workbook: a Dutch instructions sheet and
// the sheets Organisatie, Personeel, Stageplaatsen, Uitstroom, Instroom and
// Vacatures, with styled and protected headers, unlocked input cells, a
// drop-down on every categorical column and number validation on every
// numeric one. WriteWorkbook writes the same layout filled in with a
// Submission's figures (the sample workbooks and the tests use it).
//
// ReadWorkbook reads one filled-in workbook from an io.ReaderAt (a file or
// an upload). Before parsing anything it refuses, with bounded memory and
// time, what it should not open (checkContainer): files above a size
// limit, files that are not zip archives (legacy .xls and password-
// protected workbooks are OLE2 containers, CSV is text), zip archives of
// another kind, and archives that expand too far (zip bombs: too many
// parts, too large unpacked, too high a compression ratio, read from the
// central directory). It then streams each sheet with excelize's Rows
// iterator on raw cell values and checks every rule of the contract,
// collecting all problems (CellError: file, sheet, cell, field, value
// found, what is expected, in Dutch) up to Options.MaxProblems. A file
// with problems is refused as a whole and yields no Submission; unknown
// extra columns and sheets are warnings. For uploads the work is bounded
// further: Options.MaxRows stops at a row far past any real workbook,
// ReadWorkbookContext stops when its context ends (a deadline), both with
// the reason first in the report; Options.Account makes Organisatie's
// name and KvK number the uploading account's.
//
// ReadFile, ReadPaths and ReadFS read files, directories and embedded file
// systems. Aggregate turns the accepted submissions of a region into a
// forecast.Region on top of a base region whose assumptions fill what
// employers do not report, and says which those are in its Summary;
// RegionFromDir and RegionFromFS read and aggregate in one step. However
// many employers deliver, the region stays the region: the Calibration
// weighs their figures up to the base region's staff per branch and level
// (the Coverage, which Summary.CoverageText says in Dutch), estimates each
// parameter from them where they are enough (the rules at MinEvents) and
// keeps the base region's assumption where not, every Estimate beside its
// assumption; Calibration.File writes the result as a region file.
//
// Quotes computes each employer's opleidingsquote (training places in FTE
// per 100 FTE of care staff, against ReferenceQuote) and its share of the
// region's training effort against its share of the staff.
// OutflowByBranch is the regional outflow dashboard: leavers per branch by
// reason.
//
// # What the reader accepts
//
// What real files contain: numbers stored as text, Dutch decimal commas
// ("0,8"), thousands separators, spaces around values, formulas (their
// cached values), empty rows, title rows above the header, extra columns,
// sheets in any order, and sheet and column names in any case and
// spacing. The rules for reading separators are at parseNumber.
package ingest

//go:generate go run ./testdata/generate.go -dir testdata
