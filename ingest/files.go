package ingest

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"raat/forecast"
)

// workbookExts are the extensions read from a directory: workbooks, and
// the formats people send instead, so that those are refused with a
// reason rather than skipped in silence.
var workbookExts = []string{".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}

// inDirectory reports whether a file found in a directory is read: a
// workbook extension, and not a hidden file or an Excel lock file (~$).
func inDirectory(name string) bool {
	base := path.Base(filepath.ToSlash(name))
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
		return false
	}
	return slices.Contains(workbookExts, strings.ToLower(path.Ext(base)))
}

// ReadPaths reads workbooks from files and directories on disk (the
// workbook files directly in a directory, in name order). It returns the
// accepted submissions and a report per file, in the order read; err is
// for files that cannot be opened at all.
func ReadPaths(paths []string, opt Options) ([]*Submission, []*Report, error) {
	var subs []*Submission
	var reps []*Report
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return subs, reps, err
		}
		names := []string{p}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return subs, reps, err
			}
			names = names[:0]
			for _, e := range entries {
				if e.Type().IsRegular() && inDirectory(e.Name()) {
					names = append(names, filepath.Join(p, e.Name()))
				}
			}
		}
		for _, name := range names {
			sub, rep, err := ReadFile(name, opt)
			if err != nil {
				return subs, reps, err
			}
			reps = append(reps, rep)
			if sub != nil {
				subs = append(subs, sub)
			}
		}
	}
	return subs, reps, nil
}

// ReadFile reads one workbook from disk; the submission's Uploaded time
// is the file's modification time.
func ReadFile(name string, opt Options) (*Submission, *Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	sub, rep := ReadWorkbook(name, f, st.Size(), opt)
	if sub != nil {
		sub.Uploaded = st.ModTime().UTC()
	}
	return sub, rep, nil
}

// ReadFS reads every workbook file in fsys (such as the embedded sample
// workbooks), in name order. prefix is put before each name in messages.
func ReadFS(fsys fs.FS, prefix string, opt Options) ([]*Submission, []*Report, error) {
	opt = opt.withDefaults()
	var subs []*Submission
	var reps []*Report
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !inDirectory(p) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		name := path.Join(prefix, p)
		ra, ok := f.(io.ReaderAt)
		if !ok {
			// Read no more than the limit: a larger file is refused on
			// its size alone.
			b, err := io.ReadAll(io.LimitReader(f, opt.MaxFileSize+1))
			if err != nil {
				return err
			}
			ra = bytes.NewReader(b)
		}
		sub, rep := ReadWorkbook(name, ra, info.Size(), opt)
		reps = append(reps, rep)
		if sub != nil {
			sub.Uploaded = info.ModTime().UTC()
			subs = append(subs, sub)
		}
		return nil
	})
	if err != nil {
		return subs, reps, fmt.Errorf("read workbooks: %w", err)
	}
	return subs, reps, nil
}

// RegionFromDir builds a region from the workbooks in a directory on top
// of base (see Aggregate): workbooks must name base's region. Refused
// files change nothing; their reports are in the summary, and the summary
// warns about them. It fails when no workbook is accepted.
func RegionFromDir(base *forecast.Region, dir string) (*forecast.Region, *Summary, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, err
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("%s: not a directory", dir)
	}
	subs, reps, err := ReadPaths([]string{dir}, Options{Regions: []string{base.Name}})
	if err != nil {
		return nil, nil, err
	}
	return fromReports(base, dir, subs, reps)
}

// RegionFromFS is RegionFromDir for a file system such as the embedded
// sample workbooks.
func RegionFromFS(base *forecast.Region, fsys fs.FS, prefix string) (*forecast.Region, *Summary, error) {
	subs, reps, err := ReadFS(fsys, prefix, Options{Regions: []string{base.Name}})
	if err != nil {
		return nil, nil, err
	}
	return fromReports(base, prefix, subs, reps)
}

func fromReports(base *forecast.Region, where string, subs []*Submission, reps []*Report) (*forecast.Region, *Summary, error) {
	r, s, err := Aggregate(base, subs)
	s.Reports = reps
	refused := 0
	for _, rep := range reps {
		if !rep.Accepted {
			refused++
		}
	}
	if refused > 0 {
		s.Warnings = append([]string{fmt.Sprintf("%d van de %d werkmappen geweigerd; ze tellen niet mee", refused, len(reps))}, s.Warnings...)
	}
	if err != nil {
		return nil, s, fmt.Errorf("%s: %w", where, err)
	}
	return r, s, nil
}
