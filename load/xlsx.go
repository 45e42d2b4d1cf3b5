package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

func init() {
	Register(Format{
		Name:       "xlsx",
		Usage:      "an Excel workbook for auditors: README, dictionary, one sheet per table, features, rejects, failures",
		Extensions: []string{".xlsx"},
		Open: func(ctx context.Context, target, loadID string, o Options) (Sink, error) {
			return OpenXLSX(ctx, target, loadID, o)
		},
		Check:    func(target string, o Options) error { return checkTarget(filepath.Clean(target), o.Overwrite, false) },
		Flags:    []*Flag{FlagOverwrite, FlagHeaders, FlagAllSheets},
		Features: true,
	})
}

// FlagAllSheets gives every table a sheet in a workbook, an empty one a
// header only; without it the README sheet lists the empty tables. Its
// value is kept in Options.Extra.
var FlagAllSheets = &Flag{Name: "all-sheets", Bool: true,
	Usage: "Excel: a sheet for every table, even without rows (default: the README sheet lists the empty tables)"}

// allSheets reads FlagAllSheets from the options.
func allSheets(o Options) bool { return o.Extra[FlagAllSheets.Name] == "true" }

// Excel's sheet size: 1,048,576 rows, the first one the header.
const xlsxMaxRows = 1_048_576

// XLSX writes a run as an Excel workbook for auditors. A StreamWriter
// writes one sheet at a time while batches arrive interleaved across
// tables, so the run is spooled into a Parquet folder in a temporary folder
// beside the target (compact, and read back in order one record batch at a
// time). At Commit the feature engine computes the features of the spooled
// reports into one more Parquet file, every table is streamed into its
// sheet(s), and the finished workbook is renamed into place. See book for
// the layout.
type XLSX struct {
	path, work string
	loadID     string
	opts       Options
	spool      *tableFiles
	// sheetRows is the number of data rows per sheet before a table
	// continues on name_2 (Excel's limit; tests lower it).
	sheetRows int
	now       func() time.Time
	done      bool
}

var _ Sink = (*XLSX)(nil)

// OpenXLSX starts a run whose output is the workbook path. An existing file
// is refused unless o.Overwrite (and a folder is never replaced).
func OpenXLSX(ctx context.Context, path, loadID string, o Options) (*XLSX, error) {
	path = filepath.Clean(path)
	cleanStale(path, o)
	if err := checkTarget(path, o.Overwrite, false); err != nil {
		return nil, err
	}
	work, err := fsutil.WorkDir(path)
	if err != nil {
		return nil, outputErr("output "+path, err)
	}
	w := &XLSX{path: path, work: work, loadID: loadID, opts: o, sheetRows: xlsxMaxRows - 1, now: time.Now}
	if err := os.Mkdir(w.spoolDir(), fsutil.DirMode); err != nil {
		os.RemoveAll(work)
		return nil, outputErr("output "+path+": spool", err)
	}
	w.spool = newSpool(w.spoolDir(), loadID)
	return w, nil
}

func (w *XLSX) spoolDir() string { return filepath.Join(w.work, "spool") }

// Write spools the batch.
func (w *XLSX) Write(ctx context.Context, b schema.Batch) error {
	if w.done {
		b.Record.Release()
		return fmt.Errorf("xlsx %s: write after the run ended", w.path)
	}
	return w.spool.write(ctx, b)
}

// Commit closes the spool, has the features computed over it, writes the
// workbook and renames it into place; the temporary folder is removed.
func (w *XLSX) Commit(ctx context.Context) (Committed, error) {
	var c Committed
	if w.done {
		return c, fmt.Errorf("xlsx %s: commit after the run ended", w.path)
	}
	if err := w.spool.close(schema.Tables()); err != nil {
		return c, fmt.Errorf("output %s: spool: %w", w.path, err)
	}
	var sheets []SheetSource
	if e := w.opts.Features; e != nil {
		file := filepath.Join(w.work, FeaturesFile)
		n, err := e.ComputeParquet(ctx, w.spoolDir(), file, filepath.Join(w.work, "duckdb.tmp"))
		if err != nil {
			return c, fmt.Errorf("output %s: features: %w", w.path, err)
		}
		c.FeatureRows = n
		sheets = append(sheets, SheetSource{Name: SheetFeatures, Table: e.Table(), File: file})
	}
	// The load's batches are garbage now: give their memory back before
	// the workbook takes its own.
	debug.FreeOSMemory()
	book := filepath.Join(w.work, "book.xlsx")
	err := writeLoadWorkbook(ctx, w.spoolDir(), sheets, book, workbookConfig{
		loadID:    w.loadID,
		headersZH: w.opts.HeadersZH,
		allSheets: allSheets(w.opts),
		sheetRows: w.sheetRows,
		tmpDir:    w.work,
		now:       w.now,
	})
	if err != nil {
		return c, err
	}
	if err := checkTarget(w.path, w.opts.Overwrite, false); err != nil {
		return c, err
	}
	if err := fsutil.Replace(book, w.path); err != nil {
		return c, outputErr("output "+w.path, err)
	}
	w.done = true
	if err := os.RemoveAll(w.work); err != nil {
		c.Warnings = append(c.Warnings, fmt.Sprintf("output %s written; removing %s: %v", w.path, w.work, err))
	}
	return c, nil
}

// Abort drops the spool and the temporary folder; the target is left as it
// was.
func (w *XLSX) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	if w.spool != nil {
		w.spool.abort()
	}
	if err := os.RemoveAll(w.work); err != nil {
		return errors.Join(fmt.Errorf("remove %s: %w", w.work, err))
	}
	return nil
}
