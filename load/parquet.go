package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

func init() {
	Register(Format{
		Name:       "parquet",
		Usage:      "a folder of Parquet files: flat (DIR/<table>.parquet) or a lake that grows by hive partitions per load (--layout lake)",
		Extensions: []string{""},
		Open: func(ctx context.Context, target, loadID string, o Options) (Sink, error) {
			lake, err := chooseLayout(target, o)
			if err != nil {
				return nil, err
			}
			if lake {
				return OpenLake(ctx, target, loadID, o)
			}
			return OpenParquet(ctx, target, loadID, o)
		},
		Check: func(target string, o Options) error {
			target = filepath.Clean(target)
			lake, err := chooseLayout(target, o)
			switch {
			case err != nil:
				return err
			case lake && o.Overwrite && IsLake(target):
				return fmt.Errorf("output %s: is a lake: later loads are appended to it, --overwrite does not replace it (remove the folder to start afresh)", target)
			case lake && IsLake(target):
				return checkParent(filepath.Join(target, LakeMarker))
			}
			return checkTarget(target, o.Overwrite, true)
		},
		Flags:    []*Flag{FlagCompression, FlagOverwrite, FlagLayout},
		Features: true,
	})
}

// chooseLayout tells whether a Parquet output is a lake: an existing lake
// always is (it is appended to), a new folder is with --layout lake.
func chooseLayout(target string, o Options) (bool, error) {
	if IsLake(target) {
		if o.Layout == LayoutFlat {
			return false, fmt.Errorf("output %s: is a lake, not a flat Parquet folder (leave out --layout to append to it)", target)
		}
		return true, nil
	}
	if o.Layout == LayoutLake {
		if _, err := os.Stat(target); err == nil {
			return false, fmt.Errorf("output %s: exists and is not a creditetl lake: --layout lake makes a new lake in a folder that does not exist yet", target)
		}
		return true, nil
	}
	return false, nil
}

// ErrOutputExists is returned when the target of a Parquet folder or an
// Excel workbook exists and the run was not asked to overwrite it.
var ErrOutputExists = errors.New("output exists (use --overwrite to replace it)")

// FeaturesFile is the file of table features in a Parquet folder.
const FeaturesFile = "features.parquet"

// Parquet writes a run as a folder of Parquet files, DIR/<table>.parquet, one
// per table of schema.Tables() (empty tables too, so readers see every
// schema), and DIR/features.parquet when features are computed. The files
// are written into a temporary folder beside DIR and the folder is renamed
// to DIR when the run commits, so a reader never sees half a dataset. Each
// file stores its Arrow schema (field metadata: Chinese label, description,
// DuckDB type) and uses buffered row groups.
type Parquet struct {
	dir, work string
	opts      Options
	files     *tableFiles
	done      bool
}

var _ Sink = (*Parquet)(nil)

// OpenParquet starts a run whose output is the folder dir. An existing dir
// is refused unless o.Overwrite, and even then only a folder that is empty
// or holds a creditetl output (a loads.parquet file) is replaced.
func OpenParquet(ctx context.Context, dir, loadID string, o Options) (*Parquet, error) {
	return openParquet(dir, loadID, o, parquetRowGroupRows)
}

func openParquet(dir, loadID string, o Options, rowGroupRows int64) (*Parquet, error) {
	props, err := writerProps(o.Compression, rowGroupRows)
	if err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	cleanStale(dir, o)
	if err := checkTarget(dir, o.Overwrite, true); err != nil {
		return nil, err
	}
	work, err := fsutil.WorkDir(dir)
	if err != nil {
		return nil, outputErr("output "+dir, err)
	}
	return &Parquet{dir: dir, work: work, opts: o, files: newTableFiles(work, loadID, props, parquetRowGroupBytes)}, nil
}

// Write appends the batch to its table's file.
func (w *Parquet) Write(ctx context.Context, b schema.Batch) error {
	if w.done {
		b.Record.Release()
		return fmt.Errorf("parquet %s: write after the run ended", w.dir)
	}
	return w.files.write(ctx, b)
}

// Commit closes every file, computes features.parquet over the folder when
// asked, and renames the folder into place (replacing the old one when
// allowed).
func (w *Parquet) Commit(ctx context.Context) (Committed, error) {
	var c Committed
	if w.done {
		return c, fmt.Errorf("parquet %s: commit after the run ended", w.dir)
	}
	if err := ctx.Err(); err != nil {
		return c, err
	}
	if err := w.files.close(schema.Tables()); err != nil {
		return c, err
	}
	if e := w.opts.Features; e != nil {
		tmp := filepath.Join(w.work, ".duckdb.tmp")
		n, err := e.ComputeParquet(ctx, w.work, filepath.Join(w.work, FeaturesFile), tmp)
		os.RemoveAll(tmp)
		if err != nil {
			return c, fmt.Errorf("output %s: features: %w", w.dir, err)
		}
		c.FeatureRows = n
	}
	if err := checkTarget(w.dir, w.opts.Overwrite, true); err != nil {
		return c, err
	}
	if err := fsutil.Replace(w.work, w.dir); err != nil {
		return c, outputErr("output "+w.dir, err)
	}
	w.done = true
	return c, nil
}

// Abort closes the files and removes the temporary folder; the target is
// left as it was.
func (w *Parquet) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	w.files.abort()
	if err := os.RemoveAll(w.work); err != nil {
		return fmt.Errorf("remove %s: %w", w.work, err)
	}
	return nil
}

// ParquetViews creates in conn one temporary view per table of
// schema.Tables() over the files of a Parquet folder (CREATE VIEW t AS
// SELECT * FROM read_parquet('DIR/t.parquet')), so SQL written for a DuckDB
// output runs unchanged: the views have the same column names and types.
// Every report table must have its file; the run tables (loads,
// load_failures) may be missing while a run is being written.
func ParquetViews(ctx context.Context, conn *sql.Conn, dir string) error {
	return ParquetViewsWhere(ctx, conn, dir, "")
}

// ParquetViewsWhere is ParquetViews with a condition on the rows of the
// report tables (e.g. a range of report_id), "" for none.
func ParquetViewsWhere(ctx context.Context, conn *sql.Conn, dir, where string) error {
	for _, t := range schema.Tables() {
		p := filepath.Join(dir, t.Name+".parquet")
		if _, err := os.Stat(p); err != nil {
			if !t.PerReport && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return fmt.Errorf("parquet output %s: %w", dir, err)
		}
		q := fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS SELECT * FROM read_parquet(%s)", Ident(t.Name), Quote(p))
		if where != "" && t.PerReport {
			q += " WHERE " + where
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return DuckErr("view "+t.Name, err)
		}
	}
	return nil
}

// checkTarget refuses an existing target unless overwrite; a folder output
// (dir) only replaces a folder that is empty or holds loads.parquet, a file
// output only replaces a regular file, so a mistyped -o never deletes
// something that is not an earlier output.
func checkTarget(target string, overwrite, dir bool) error {
	fi, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return checkParent(target)
	}
	if err != nil {
		return outputErr("output "+target, err)
	}
	if !overwrite {
		return fmt.Errorf("output %s: %w", target, ErrOutputExists)
	}
	if !dir {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("output %s: not a regular file, --overwrite does not replace it", target)
		}
		return checkParent(target)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s: not a folder, --overwrite does not replace it with a Parquet folder", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return outputErr("output "+target, err)
	}
	if len(entries) == 0 {
		return checkParent(target)
	}
	if _, err := os.Stat(filepath.Join(target, "loads.parquet")); err != nil {
		return fmt.Errorf("output %s: not empty and not a creditetl Parquet output (no loads.parquet), --overwrite does not replace it", target)
	}
	return checkParent(target)
}

// checkParent makes sure the folder that will hold the output exists and
// takes new files: the temporary output is made there.
func checkParent(target string) error {
	parent := filepath.Dir(target)
	fi, err := os.Stat(parent)
	if err != nil {
		return outputErr("output "+target, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s: %s is not a folder", target, parent)
	}
	f, err := os.CreateTemp(parent, ".creditetl-check-*")
	if err != nil {
		return outputErr("output "+target, err)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return nil
}
