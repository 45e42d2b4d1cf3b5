package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the database/sql driver "duckdb"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

func init() {
	Register(Format{
		Name:       "duckdb",
		Usage:      "a DuckDB file, created or updated in place (loading a report again replaces its rows)",
		Extensions: []string{".duckdb", ".db"},
		Open: func(ctx context.Context, target, loadID string, o Options) (Sink, error) {
			return OpenDuckDB(ctx, target, loadID, o)
		},
		Check:    checkDuckDB,
		Features: true,
	})
}

// DuckDB writes a run into a DuckDB file in one transaction.
//
// The batches are first spooled into a temporary Parquet folder beside the
// target (bounded memory). Commit then, in one transaction: creates the
// tables and columns a newer creditetl has and the file lacks, inserts each
// table by column name (a column a user added is left alone, NULL in new
// rows) with INSERT … BY NAME SELECT FROM read_parquet, deletes the earlier
// rows of the reports it loaded again, writes the features of the loaded
// reports, and commits. A failed or interrupted run leaves the file exactly
// as it was. DuckDB holds a transaction's new rows in its buffer pool, so
// the connection runs with a memory limit (DuckDBMemoryLimit) and spills
// beyond it: memory stays flat however many reports a run loads.
//
// A new file is built under a temporary name beside the target and renamed
// when the run commits, so a failed run leaves nothing behind.
type DuckDB struct {
	path, work string // target, and the file actually open
	fresh      bool
	loadID     string
	opts       Options
	db         *sql.DB
	conn       *sql.Conn
	spool      *tableFiles
	spoolDir   string
	inTx       bool
	done       bool
}

// checkpointStmt follows the commit (a variable so that a test can make it
// fail).
var checkpointStmt = "CHECKPOINT"

// DuckDB's memory: DuckDBMemoryLimit while it inserts a run (beyond it,
// DuckDB spills to a temporary folder beside the file), and
// DuckDBCommitMemoryLimit for the commit and the checkpoint that follows.
// A load into an existing file keeps the appended rows of every table in
// memory until the checkpoint, at least one 256 KiB block per column
// written (about 250 MB for the tables and the features' 300 columns,
// whatever the number of reports), and the checkpoint must pin them all: at
// 256 MB the checkpoint of a small daily load ran out of memory.
const (
	DuckDBMemoryLimit       = "256MB"
	DuckDBCommitMemoryLimit = "1GB"
)

var _ Sink = (*DuckDB)(nil)

// checkDuckDB tells whether a run could write the DuckDB file at path: an
// existing file must open as DuckDB and hold no table of creditetl's with a
// column of another type; a new one needs a writable folder.
func checkDuckDB(path string, o Options) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return checkParent(path)
	}
	if err != nil {
		return outputErr("output "+path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("output %s: is a folder, not a DuckDB file", path)
	}
	w, err := OpenDuckDB(context.Background(), path, "check", o)
	if err != nil {
		return err
	}
	return w.Abort()
}

// OpenDuckDB opens (or creates) the DuckDB file at path for the run loadID.
// It fails at once, before anything is written, when the file cannot be
// opened or a table of creditetl's in it has a column of another type.
func OpenDuckDB(ctx context.Context, path, loadID string, o Options) (*DuckDB, error) {
	w := &DuckDB{path: path, work: path, loadID: loadID, opts: o}
	cleanStale(path, o)
	if fi, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := checkParent(path); err != nil {
			return nil, err
		}
		w.fresh = true
		w.work = fmt.Sprintf("%s.partial-%d-%s", path, os.Getpid(), fsutil.RandHex(4))
	} else if err != nil {
		return nil, outputErr("output "+path, err)
	} else if fi.IsDir() {
		return nil, fmt.Errorf("output %s: is a folder, not a DuckDB file", path)
	}
	if err := w.open(ctx); err != nil {
		w.Abort()
		return nil, err
	}
	w.spoolDir = fmt.Sprintf("%s.spool-%d-%s", path, os.Getpid(), fsutil.RandHex(4))
	if err := os.Mkdir(w.spoolDir, fsutil.DirMode); err != nil {
		w.Abort()
		return nil, outputErr("output "+path+": spool", err)
	}
	w.spool = newSpool(w.spoolDir, loadID)
	return w, nil
}

func (w *DuckDB) open(ctx context.Context) error {
	db, err := OpenDuckDBSQL(w.work)
	if err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	w.db = db
	if w.conn, err = db.Conn(ctx); err != nil {
		return fmt.Errorf("output %s: %w", w.path, DuckErr("open", err))
	}
	// DuckDB spills to its default temporary folder, FILE.tmp beside the
	// file (setting it again fails once a replayed WAL has used it).
	settings := fmt.Sprintf("SET memory_limit = '%s'", DuckDBMemoryLimit)
	if _, err := w.conn.ExecContext(ctx, settings); err != nil {
		return fmt.Errorf("output %s: %w", w.path, DuckErr("settings", err))
	}
	if _, err := planTables(ctx, w.conn, schema.Tables()); err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	return nil
}

// catalog reads the columns of the main schema's tables: table → column →
// type.
func catalog(ctx context.Context, conn *sql.Conn) (map[string]map[string]string, error) {
	existing := map[string]map[string]string{}
	rows, err := conn.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_catalog = current_database()`)
	if err != nil {
		return nil, DuckErr("read catalog", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t, c, typ string
		if err := rows.Scan(&t, &c, &typ); err != nil {
			return nil, DuckErr("read catalog", err)
		}
		if existing[t] == nil {
			existing[t] = map[string]string{}
		}
		existing[t][c] = typ
	}
	if err := rows.Err(); err != nil {
		return nil, DuckErr("read catalog", err)
	}
	return existing, nil
}

// planTables returns the statements that give the file every table and
// column of tables: CREATE TABLE (with comments) for a missing table, ALTER
// TABLE ADD COLUMN for a missing column. A column that exists with another
// type is an error naming the table, the column and both types. Columns a
// user added are left alone.
func planTables(ctx context.Context, conn *sql.Conn, tables []*schema.Table) ([]string, error) {
	existing, err := catalog(ctx, conn)
	if err != nil {
		return nil, err
	}
	var stmts []string
	for _, t := range tables {
		cols, ok := existing[t.Name]
		if !ok {
			stmts = append(stmts, createTable(t)...)
			continue
		}
		for _, c := range t.Columns {
			typ, ok := cols[c.Name]
			switch {
			case !ok:
				stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", Ident(t.Name), Ident(c.Name), c.SQLType()),
					fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", Ident(t.Name), Ident(c.Name), Quote(ColumnComment(&c))))
			case typ != c.SQLType():
				return nil, fmt.Errorf("table %s column %s has type %s, creditetl writes %s: rename or drop that column (nothing was written)", t.Name, c.Name, typ, c.SQLType())
			}
		}
	}
	return stmts, nil
}

// createTable is the CREATE TABLE of t and the comments on it and its
// columns.
func createTable(t *schema.Table) []string {
	var defs []string
	for _, c := range t.Columns {
		defs = append(defs, fmt.Sprintf("%s %s", Ident(c.Name), c.SQLType()))
	}
	stmts := []string{
		fmt.Sprintf("CREATE TABLE %s (%s)", Ident(t.Name), strings.Join(defs, ", ")),
		fmt.Sprintf("COMMENT ON TABLE %s IS %s", Ident(t.Name), Quote(t.Label+": "+t.Comment)),
	}
	for _, c := range t.Columns {
		stmts = append(stmts, fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", Ident(t.Name), Ident(c.Name), Quote(ColumnComment(&c))))
	}
	return stmts
}

// EnsureTables creates every table of schema.Tables() that is missing (with
// column comments) and adds columns a newer version introduced; a column
// whose type differs is an error. It starts no transaction: inside the
// caller's, a failure leaves the file as it was.
func EnsureTables(ctx context.Context, conn *sql.Conn) error {
	stmts, err := planTables(ctx, conn, schema.Tables())
	if err != nil {
		return err
	}
	return execAll(ctx, conn, stmts)
}

func execAll(ctx context.Context, conn *sql.Conn, stmts []string) error {
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return DuckErr(s, err)
		}
	}
	return nil
}

// ColumnComment is the DuckDB comment of a column: "label — description
// [source: path | path]".
func ColumnComment(c *schema.Column) string {
	s := c.Label
	if c.Comment != "" && c.Comment != c.Label {
		s += " — " + c.Comment
	}
	if len(c.Sources) > 0 {
		s += " [source: " + strings.Join(c.Sources, " | ") + "]"
	}
	return s
}

// Write spools a batch.
func (w *DuckDB) Write(ctx context.Context, b schema.Batch) error {
	if w.done {
		b.Record.Release()
		return fmt.Errorf("output %s: write after the run ended", w.path)
	}
	return w.spool.write(ctx, b)
}

// Commit loads the spool into the file in one transaction (see DuckDB),
// commits, checkpoints and closes; a new file is renamed to its target name.
func (w *DuckDB) Commit(ctx context.Context) (Committed, error) {
	var c Committed
	if w.done {
		return c, fmt.Errorf("output %s: commit after the run ended", w.path)
	}
	start := time.Now()
	lap := func(what string) {
		w.opts.log().Debug("duckdb commit", "step", what, "ms", time.Since(start).Milliseconds())
		start = time.Now()
	}
	if err := w.spool.close(schema.Tables()); err != nil {
		return c, fmt.Errorf("output %s: spool: %w", w.path, err)
	}
	lap("spool closed")
	featuresFile := ""
	// Hand the spool phase's freed Go memory back before DuckDB needs its
	// own (the features, then the inserts).
	debug.FreeOSMemory()
	if e := w.opts.Features; e != nil {
		featuresFile = filepath.Join(w.spoolDir, FeaturesFile)
		if _, err := e.ComputeParquet(ctx, w.spoolDir, featuresFile, filepath.Join(w.spoolDir, ".duckdb.tmp")); err != nil {
			return c, fmt.Errorf("output %s: features: %w", w.path, err)
		}
		lap("features computed")
	}
	if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return c, DuckErr("begin", err)
	}
	w.inTx = true
	if err := w.load(ctx, &c, featuresFile); err != nil {
		return c, err
	}
	lap("rows inserted")
	if _, err := w.conn.ExecContext(ctx, "SET memory_limit = '"+DuckDBCommitMemoryLimit+"'"); err != nil {
		return c, DuckErr("settings", err)
	}
	if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return c, DuckErr("commit", err)
	}
	lap("committed")
	w.inTx = false
	w.done = true
	// The run is committed from here on: what fails now is a warning.
	if _, err := w.conn.ExecContext(ctx, checkpointStmt); err != nil {
		c.Warnings = append(c.Warnings, fmt.Sprintf("output %s: the run is committed, but the checkpoint failed (%v): the data is safe in %s.wal and DuckDB applies it when the file is next opened", w.path, err, w.work))
	}
	lap("checkpointed")
	if err := w.close(); err != nil {
		c.Warnings = append(c.Warnings, fmt.Sprintf("output %s: the run is committed; closing: %v", w.path, err))
	}
	w.removeSpool()
	if w.fresh {
		if err := w.publish(); err != nil {
			return c, err
		}
	}
	return c, nil
}

// publish renames a new file into place.
func (w *DuckDB) publish() error {
	if _, err := os.Stat(w.path); err == nil {
		return fmt.Errorf("output %s appeared while loading; this run is kept in %s", w.path, w.work)
	}
	if _, err := os.Stat(w.work + ".wal"); err == nil {
		// A checkpoint that failed left the run in the write-ahead log:
		// it goes with the file.
		if err := os.Rename(w.work+".wal", w.path+".wal"); err != nil {
			return outputErr("output "+w.path, err)
		}
	}
	if err := os.Rename(w.work, w.path); err != nil {
		return outputErr("output "+w.path, err)
	}
	fsutil.SyncDir(filepath.Dir(w.path))
	return nil
}

// load runs inside the transaction: tables, rows, replacement, features.
func (w *DuckDB) load(ctx context.Context, c *Committed, featuresFile string) error {
	if err := EnsureTables(ctx, w.conn); err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	for _, t := range schema.Tables() {
		ins := fmt.Sprintf("INSERT INTO %s BY NAME SELECT * FROM read_parquet(%s)", Ident(t.Name), Quote(filepath.Join(w.spoolDir, t.Name+".parquet")))
		if _, err := w.conn.ExecContext(ctx, ins); err != nil {
			return DuckErr("insert "+t.Name, err)
		}
	}
	q := `SELECT count(DISTINCT report_id) FROM reports WHERE load_id <> $1 AND report_id IN (SELECT report_id FROM reports WHERE load_id = $1)`
	if err := w.conn.QueryRowContext(ctx, q, w.loadID).Scan(&c.Replaced); err != nil {
		return DuckErr("count replaced reports", err)
	}
	if c.Replaced > 0 {
		for _, t := range schema.Tables() {
			if !t.PerReport {
				continue
			}
			del := fmt.Sprintf(`DELETE FROM %s WHERE load_id <> $1 AND report_id IN (SELECT report_id FROM reports WHERE load_id = $1)`, Ident(t.Name))
			if _, err := w.conn.ExecContext(ctx, del, w.loadID); err != nil {
				return DuckErr("replace rows of "+t.Name, err)
			}
		}
		if _, err := w.conn.ExecContext(ctx, `UPDATE loads SET replaced = $2 WHERE load_id = $1`, w.loadID, c.Replaced); err != nil {
			return DuckErr("update loads", err)
		}
	}
	if w.opts.Features == nil {
		return w.dropFeatures(ctx)
	}
	return w.writeFeatures(ctx, c, featuresFile)
}

// dropFeatures removes the features of the loaded reports (a load without
// features never leaves stale ones behind).
func (w *DuckDB) dropFeatures(ctx context.Context) error {
	existing, err := catalog(ctx, w.conn)
	if err != nil {
		return err
	}
	if _, ok := existing[featuresTable]; !ok {
		return nil
	}
	del := fmt.Sprintf(`DELETE FROM %s WHERE report_id IN (SELECT report_id FROM reports WHERE load_id = $1)`, Ident(featuresTable))
	if _, err := w.conn.ExecContext(ctx, del, w.loadID); err != nil {
		return DuckErr("drop stale features", err)
	}
	return nil
}

// featuresTable is the name of the features table in a DuckDB file.
const featuresTable = "features"

// writeFeatures replaces the features of the loaded reports with the ones
// computed over the spool. When table features is missing, has the columns
// of another version, or lacks reports of earlier loads, it is rebuilt for
// every report in the file instead.
func (w *DuckDB) writeFeatures(ctx context.Context, c *Committed, file string) error {
	ft := w.opts.Features.Table()
	// A transaction holds the rows it inserts uncompressed until its row
	// group is full: for 300 columns, one 256 KiB block per column for
	// every 32,768 rows (about 300 MB at 100,000 reports). The features get
	// the commit's memory.
	if _, err := w.conn.ExecContext(ctx, "SET memory_limit = '"+DuckDBCommitMemoryLimit+"'"); err != nil {
		return DuckErr("settings", err)
	}
	existing, err := catalog(ctx, w.conn)
	if err != nil {
		return err
	}
	have, ok := existing[ft.Name]
	compatible := ok
	for _, col := range ft.Columns {
		if ok && have[col.Name] != col.SQLType() {
			compatible = false
		}
	}
	var stmts []string
	if !compatible {
		if ok {
			stmts = append(stmts, "DROP TABLE "+Ident(ft.Name))
		}
		stmts = append(stmts, createTable(ft)...)
	} else {
		stmts = append(stmts, fmt.Sprintf(`DELETE FROM %s WHERE report_id IN (SELECT report_id FROM reports WHERE load_id = %s)`, Ident(ft.Name), Quote(w.loadID)))
	}
	stmts = append(stmts, fmt.Sprintf("INSERT INTO %s BY NAME SELECT * FROM read_parquet(%s)", Ident(ft.Name), Quote(file)))
	if err := execAll(ctx, w.conn, stmts); err != nil {
		return err
	}
	var n, missing int64
	q := fmt.Sprintf(`SELECT (SELECT count(*) FROM read_parquet(%s)), (SELECT count(*) FROM reports WHERE report_id NOT IN (SELECT report_id FROM %s))`, Quote(file), Ident(ft.Name))
	if err := w.conn.QueryRowContext(ctx, q).Scan(&n, &missing); err != nil {
		return DuckErr("count features", err)
	}
	c.FeatureRows = n
	if missing == 0 {
		return nil
	}
	w.opts.log().Info("rebuilding table features for every report", "output", w.path, "reports_without_features", missing)
	if n, err = w.opts.Features.ComputeInDB(ctx, w.conn); err != nil {
		return fmt.Errorf("output %s: features: %w", w.path, err)
	}
	c.FeatureRows, c.FeaturesRebuilt = n, true
	return nil
}

func (w *DuckDB) removeSpool() {
	if w.spool != nil {
		w.spool.abort()
	}
	if w.spoolDir != "" {
		os.RemoveAll(w.spoolDir)
	}
	os.RemoveAll(w.work + ".tmp")
}

func (w *DuckDB) close() error {
	var errs []error
	if w.conn != nil {
		errs = append(errs, w.conn.Close())
		w.conn = nil
	}
	if w.db != nil {
		errs = append(errs, w.db.Close())
		w.db = nil
	}
	if err := errors.Join(errs...); err != nil {
		return DuckErr("close "+w.path, err)
	}
	return nil
}

// Abort rolls back; a new file is removed.
func (w *DuckDB) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	if w.conn != nil && w.inTx {
		w.conn.ExecContext(context.Background(), "ROLLBACK")
	}
	err := w.close()
	w.removeSpool()
	if w.fresh {
		os.Remove(w.work)
		os.Remove(w.work + ".wal")
	}
	return err
}
