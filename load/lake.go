package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

// A Parquet lake grows by one set of hive partitions per load:
//
//	LAKE/_creditetl_lake.json                  marks the folder as a lake
//	LAKE/<table>/load_id=<id>/part-00000.parquet
//	LAKE/features/load_id=<id>/part-00000.parquet
//
// The partition column load_id is in the path only, not in the files (as
// Spark, Trino, Polars and DataFusion expect of hive partitions). A run is
// written to LAKE/_staging/<id>/ first; at commit its files are renamed into
// their partitions, the loads partition last, so a reader that keeps to the
// loads listed in loads (the views do) never sees a part of a run that did
// not complete. A run killed during those renames is completed by the next
// run on the lake (it leaves a COMMITTING mark first); a run that fails
// before leaves only its staging folder, which the next run removes.
const (
	LakeMarker    = "_creditetl_lake.json"
	lakeStaging   = "_staging"
	lakeLock      = "_creditetl.lock"
	lakeCommitted = "COMMITTING"
	// LakePartFile is the file of one table in one load's partition.
	LakePartFile = "part-00000.parquet"
)

// Layouts of a Parquet output.
const (
	LayoutFlat = "flat"
	LayoutLake = "lake"
)

// FlagLayout chooses the layout of a new Parquet folder.
var FlagLayout = &Flag{Name: "layout", Default: "", Usage: "layout of a new Parquet folder: flat (one file per table, the default) or lake (hive partitions per load, appended to by later loads); an existing lake is always appended to",
	Apply: func(o *Options, v string) error {
		switch v {
		case "", LayoutFlat, LayoutLake:
			o.Layout = v
			return nil
		}
		return fmt.Errorf("unknown --layout %q (want flat or lake)", v)
	}}

// IsLake tells whether dir is a creditetl Parquet lake.
func IsLake(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, LakeMarker))
	return err == nil && fi.Mode().IsRegular()
}

// lakeTables are the tables of a lake: those of schema.Tables() without
// the load_id column, which is the partition key.
var lakeTables = sync.OnceValue(func() map[string]*schema.Table {
	out := map[string]*schema.Table{}
	for _, t := range schema.Tables() {
		var cols []schema.Column
		for _, c := range t.Columns {
			if c.Name != "load_id" {
				cols = append(cols, c)
			}
		}
		lt, err := schema.NewTable(t.Name, t.Label, t.Comment, t.PerReport, cols)
		if err != nil {
			panic("load: " + err.Error())
		}
		out[t.Name] = lt
	}
	return out
})

// LakeTable is a table as a lake stores it (no load_id column).
func LakeTable(name string) *schema.Table { return lakeTables()[name] }

// Lake appends a run to a Parquet lake (see LakeMarker for the layout).
type Lake struct {
	dir, work string // the lake, and where it is written (a new lake: a folder beside it)
	fresh     bool
	loadID    string
	opts      Options
	stage     string
	files     *tableFiles
	run       []schema.Batch // loads, load_failures: written at Commit
	lock      *os.File
	done      bool
}

var _ Sink = (*Lake)(nil)

// OpenLake starts a run appended to the lake dir, or making a new lake there
// when dir does not exist. It finishes or removes what earlier runs left
// (see LakeMarker) and holds a lock, so two runs never write one lake at once.
func OpenLake(ctx context.Context, dir, loadID string, o Options) (*Lake, error) {
	dir = filepath.Clean(dir)
	w := &Lake{dir: dir, work: dir, loadID: loadID, opts: o}
	cleanStale(dir, o)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := checkParent(dir); err != nil {
			return nil, err
		}
		w.fresh = true
		if w.work, err = fsutil.WorkDir(dir); err != nil {
			return nil, outputErr("output "+dir, err)
		}
		if err := fsutil.WriteFile(filepath.Join(w.work, LakeMarker), []byte(`{"format": "creditetl-lake", "version": 1, "partition": "load_id"}`+"\n")); err != nil {
			os.RemoveAll(w.work)
			return nil, outputErr("output "+dir, err)
		}
	case err != nil:
		return nil, outputErr("output "+dir, err)
	case !fi.IsDir() || !IsLake(dir):
		return nil, fmt.Errorf("output %s: not a creditetl lake (no %s)", dir, LakeMarker)
	case o.Overwrite:
		return nil, fmt.Errorf("output %s: is a lake: later loads are appended to it, --overwrite does not replace it (remove the folder to start afresh)", dir)
	}
	if w.lock, err = fsutil.Lock(filepath.Join(w.work, lakeLock)); err != nil {
		w.Abort()
		return nil, fmt.Errorf("output %s: %w", dir, err)
	}
	if !w.fresh {
		if err := RecoverLake(dir); err != nil {
			w.Abort()
			return nil, err
		}
	}
	w.stage = filepath.Join(w.work, lakeStaging, loadID)
	if err := os.MkdirAll(w.stage, fsutil.DirMode); err != nil {
		w.Abort()
		return nil, outputErr("output "+dir, err)
	}
	props, err := writerProps(o.Compression, parquetRowGroupRows)
	if err != nil {
		w.Abort()
		return nil, err
	}
	w.files = newTableFiles(w.stage, loadID, props, parquetRowGroupBytes)
	return w, nil
}

// RecoverLake completes the commit of a run killed while its files were
// renamed into their partitions, and removes the staging folders of runs
// that failed before. The caller holds the lake's lock.
func RecoverLake(dir string) error {
	root := filepath.Join(dir, lakeStaging)
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return outputErr("lake "+dir, err)
	}
	for _, e := range entries {
		stage := filepath.Join(root, e.Name())
		if _, err := os.Stat(filepath.Join(stage, lakeCommitted)); err == nil {
			if err := publish(dir, stage, e.Name()); err != nil {
				return fmt.Errorf("lake %s: completing the commit of load %s: %w", dir, e.Name(), err)
			}
			continue
		}
		if err := os.RemoveAll(stage); err != nil {
			return outputErr("lake "+dir, err)
		}
	}
	return nil
}

// Write spools a batch of a report table into the run's staging folder,
// without its load_id column; the run tables wait for Commit.
func (w *Lake) Write(ctx context.Context, b schema.Batch) error {
	if w.done {
		b.Record.Release()
		return fmt.Errorf("lake %s: write after the run ended", w.dir)
	}
	if !b.Table.PerReport {
		w.run = append(w.run, b)
		return nil
	}
	return w.files.write(ctx, lakeBatch(b))
}

// lakeBatch drops the load_id column of a batch (releasing the batch).
func lakeBatch(b schema.Batch) schema.Batch {
	defer b.Record.Release()
	lt := LakeTable(b.Table.Name)
	drop := b.Table.Col("load_id")
	cols := make([]arrow.Array, 0, len(lt.Columns))
	for i := 0; i < int(b.Record.NumCols()); i++ {
		if i != drop {
			cols = append(cols, b.Record.Column(i))
		}
	}
	return schema.Batch{Table: lt, Record: array.NewRecordBatch(lt.ArrowSchema(), cols, b.Record.NumRows())}
}

// Commit finishes the run's files, has its features computed, counts the
// reports it supersedes, writes the loads row and renames everything into
// the lake's partitions (a new lake is renamed into place whole).
func (w *Lake) Commit(ctx context.Context) (Committed, error) {
	var c Committed
	if w.done {
		return c, fmt.Errorf("lake %s: commit after the run ended", w.dir)
	}
	var perReport []*schema.Table
	for _, t := range schema.Tables() {
		if t.PerReport {
			perReport = append(perReport, LakeTable(t.Name))
		}
	}
	if err := w.files.close(perReport); err != nil {
		return c, err
	}
	if e := w.opts.Features; e != nil {
		tmp := filepath.Join(w.stage, ".duckdb.tmp")
		n, err := e.ComputeParquet(ctx, w.stage, filepath.Join(w.stage, FeaturesFile), tmp)
		os.RemoveAll(tmp)
		if err != nil {
			return c, fmt.Errorf("lake %s: features: %w", w.dir, err)
		}
		c.FeatureRows = n
	}
	if !w.fresh {
		n, err := w.superseded(ctx)
		if err != nil {
			return c, err
		}
		c.Replaced = n
	}
	if err := w.writeRunTables(ctx, c.Replaced); err != nil {
		return c, err
	}
	if err := ctx.Err(); err != nil {
		return c, err
	}
	if err := fsutil.WriteFile(filepath.Join(w.stage, lakeCommitted), []byte(w.loadID+"\n")); err != nil {
		return c, outputErr("lake "+w.dir, err)
	}
	// From here on the run is committed: a failure is completed by the next
	// run on the lake.
	w.done = true
	if err := publish(w.work, w.stage, w.loadID); err != nil {
		return c, fmt.Errorf("lake %s: %w (the next run on the lake completes it)", w.dir, err)
	}
	if w.fresh {
		os.Remove(filepath.Join(w.work, lakeStaging))
		w.unlock()
		if err := os.Rename(w.work, w.dir); err != nil {
			return c, outputErr("output "+w.dir, err)
		}
		fsutil.SyncDir(filepath.Dir(w.dir))
		return c, nil
	}
	w.unlock()
	return c, nil
}

// writeRunTables writes loads (with the count of superseded reports) and
// load_failures into the staging folder.
func (w *Lake) writeRunTables(ctx context.Context, replaced int64) error {
	run := w.run
	w.run = nil
	var tables []*schema.Table
	for _, t := range schema.Tables() {
		if !t.PerReport {
			tables = append(tables, LakeTable(t.Name))
		}
	}
	for _, b := range run {
		if b.Table.Name == "loads" && replaced > 0 {
			b = withColumn(b, "replaced", schema.IntValue(replaced))
		}
		if err := w.files.write(ctx, lakeBatch(b)); err != nil {
			for _, r := range run {
				r.Record.Release()
			}
			return err
		}
	}
	return w.files.close(tables)
}

// withColumn is b with every row's column col set to v (releasing b).
func withColumn(b schema.Batch, col string, v schema.Value) schema.Batch {
	defer b.Record.Release()
	bb := schema.NewBatchBuilder(b.Table, nil)
	defer bb.Release()
	i := b.Table.Col(col)
	row := make([]schema.Value, len(b.Table.Columns))
	for r := 0; r < int(b.Record.NumRows()); r++ {
		for c := range row {
			row[c] = schema.ValueAt(b.Record.Column(c), r)
		}
		row[i] = v
		bb.Append(row)
	}
	return bb.NewBatch()
}

// superseded counts the reports of the run that the lake already holds.
func (w *Lake) superseded(ctx context.Context) (int64, error) {
	parts, _ := filepath.Glob(filepath.Join(w.dir, "reports", "load_id=*", "*.parquet"))
	if len(parts) == 0 {
		return 0, nil
	}
	db, err := OpenDuckDBSQL("")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	q := fmt.Sprintf(`SELECT count(DISTINCT report_id) FROM read_parquet(%s) WHERE report_id IN (SELECT report_id FROM %s)`,
		Quote(filepath.Join(w.stage, "reports.parquet")), LakeScan(w.dir, "reports"))
	if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, DuckErr("lake "+w.dir+": count superseded reports", err)
	}
	return n, nil
}

// publish renames the files of a staged run into their partitions, loads
// last, and removes the staging folder. Files already moved (a commit that
// was interrupted) are skipped.
func publish(lake, stage, loadID string) error {
	entries, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".parquet"); ok && e.Type().IsRegular() {
			names = append(names, n)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		// loads last: a run is listed only once all its partitions exist.
		if (a == "loads") != (b == "loads") {
			if a == "loads" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	for _, n := range names {
		part := filepath.Join(lake, n, "load_id="+loadID)
		if err := os.MkdirAll(part, fsutil.DirMode); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(stage, n+".parquet"), filepath.Join(part, LakePartFile)); err != nil {
			return err
		}
		fsutil.SyncDir(part)
	}
	if err := os.RemoveAll(stage); err != nil {
		return err
	}
	return fsutil.SyncDir(filepath.Join(lake, lakeStaging))
}

func (w *Lake) unlock() {
	if w.lock != nil {
		fsutil.Unlock(w.lock)
		w.lock = nil
	}
}

// Abort removes the run's staging folder (a new lake: all of it).
func (w *Lake) Abort() error {
	for _, b := range w.run {
		b.Record.Release()
	}
	w.run = nil
	if w.done {
		return nil
	}
	w.done = true
	if w.files != nil {
		w.files.abort()
	}
	var err error
	if w.fresh {
		err = os.RemoveAll(w.work)
	} else if w.stage != "" {
		err = os.RemoveAll(w.stage)
	}
	w.unlock()
	return err
}
