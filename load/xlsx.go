package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"creditetl/schema"
)

// Excel's sheet size: 1,048,576 rows, the first one the header.
const xlsxMaxRows = 1_048_576

// DuckDB's memory while it computes the features of a workbook (it spills
// to the temporary folder beyond it), and then while the workbook is written
// (it only counts rows and measures column widths). Lowering the limit makes
// DuckDB give the memory back.
const (
	featuresMemoryLimit = "192MB"
	workbookMemoryLimit = "96MB"
)

// XLSX writes a run as an Excel workbook for auditors. A StreamWriter writes
// one sheet at a time while batches arrive interleaved across tables, and the
// workbook has a features sheet computed in SQL; so the run is spooled into
// a Parquet folder in a temporary folder beside the target (the Parquet sink,
// by composition: compact, and read back in order one record batch at a time),
// features are computed at Commit by DuckDB over views of that folder, and
// every table is then streamed into its sheet(s). The finished workbook is
// renamed into place and the temporary folder removed. See writeWorkbook for
// the layout.
type XLSX struct {
	path, work string
	loadID     string
	opts       Options
	spool      *Parquet
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
	if err := checkTarget(path, o.Overwrite, false); err != nil {
		return nil, err
	}
	work, err := workDir(path)
	if err != nil {
		return nil, err
	}
	w := &XLSX{path: path, work: work, loadID: loadID, opts: o, sheetRows: xlsxMaxRows - 1, now: time.Now}
	w.spool, err = openParquet(w.spoolDir(), loadID, Options{Compression: "snappy"}, parquetRowGroupRows)
	if err != nil {
		os.RemoveAll(work)
		return nil, fmt.Errorf("output %s: spool: %w", path, err)
	}
	return w, nil
}

func (w *XLSX) spoolDir() string { return filepath.Join(w.work, "spool") }

// Write spools the batch.
func (w *XLSX) Write(ctx context.Context, b schema.Batch) error {
	if w.done {
		b.Record.Release()
		return fmt.Errorf("xlsx %s: write after the run ended", w.path)
	}
	return w.spool.Write(ctx, b)
}

// Replace returns 0: a workbook is always written afresh.
func (w *XLSX) Replace(ctx context.Context) (int64, error) { return w.spool.Replace(ctx) }

// Commit closes the spool, computes features over it, writes the workbook
// and renames it into place; the temporary folder is removed.
func (w *XLSX) Commit(ctx context.Context) error {
	if w.done {
		return fmt.Errorf("xlsx %s: commit after the run ended", w.path)
	}
	if err := w.spool.Commit(ctx); err != nil {
		return fmt.Errorf("output %s: spool: %w", w.path, err)
	}
	// The load's batches are garbage now: give their memory back before
	// DuckDB and the workbook take theirs.
	debug.FreeOSMemory()
	book := filepath.Join(w.work, "book.xlsx")
	if err := w.build(ctx, book); err != nil {
		return err
	}
	if err := replaceTarget(book, w.path, w.opts.Overwrite, false); err != nil {
		return err
	}
	w.done = true
	if err := os.RemoveAll(w.work); err != nil {
		return fmt.Errorf("output %s written; removing %s: %w", w.path, w.work, err)
	}
	return nil
}

func (w *XLSX) build(ctx context.Context, book string) error {
	db, err := OpenDuckDBSQL("")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return duckErr("open", err)
	}
	defer conn.Close()
	settings := fmt.Sprintf("SET memory_limit = '%s'; SET temp_directory = %s", featuresMemoryLimit, quote(filepath.Join(w.work, "duckdb.tmp")))
	if _, err := conn.ExecContext(ctx, settings); err != nil {
		return duckErr("settings", err)
	}
	if err := ParquetViews(ctx, conn, w.spoolDir()); err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	if err := ComputeFeatures(ctx, conn); err != nil {
		return fmt.Errorf("output %s: features: %w", w.path, err)
	}
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '"+workbookMemoryLimit+"'"); err != nil {
		return duckErr("settings", err)
	}
	return writeWorkbook(ctx, conn, w.spoolDir(), book, workbookConfig{
		loadID:    w.loadID,
		headersZH: w.opts.HeadersZH,
		sheetRows: w.sheetRows,
		tmpDir:    w.work,
		now:       w.now,
	})
}

// Abort drops the spool and the temporary folder; the target is left as it
// was.
func (w *XLSX) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	var errs []error
	if w.spool != nil {
		errs = append(errs, w.spool.Abort())
	}
	if err := os.RemoveAll(w.work); err != nil {
		errs = append(errs, fmt.Errorf("remove %s: %w", w.work, err))
	}
	return errors.Join(errs...)
}
