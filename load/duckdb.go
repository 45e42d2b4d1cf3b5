package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	duckdb "github.com/duckdb/duckdb-go/v2"

	"creditetl/schema"
)

// DSNOptions keep DuckDB from downloading extensions at run time.
const DSNOptions = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// OpenDuckDBSQL opens a DuckDB file for queries with the project's options.
func OpenDuckDBSQL(path string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", path+"?"+DSNOptions)
	if err != nil {
		return nil, duckErr("open "+path, err)
	}
	return db, nil
}

// DuckDB writes a run into a DuckDB file in one transaction.
//
// The batches of the report tables are first spooled into a temporary Parquet
// folder beside the target (the Parquet writer, bounded memory); Replace then
// inserts each table with INSERT … SELECT FROM read_parquet in one transaction
// and deletes the earlier rows of the reports it loaded again; Commit commits.
// DuckDB holds a transaction's new rows in its buffer pool, so the connection
// runs with a memory limit (DuckDBMemoryLimit) and spills beyond it: memory
// stays flat however many reports a run loads. (Appending the same rows with
// the Appender in one transaction kept them all in memory: measured in
// scripts/bench-load.sh, see README.)
//
// A new file is built under a temporary name beside the target and renamed
// when the run commits, so a failed run leaves nothing behind; an existing
// file is changed in one transaction that a failure rolls back.
type DuckDB struct {
	path, work string // target, and the file actually open
	fresh      bool
	loadID     string
	db         *sql.DB
	conn       *sql.Conn
	spool      *Parquet
	spoolDir   string
	spooled    bool
	runBatches []schema.Batch // loads, load_failures: appended at the end
	inTx       bool
	done       bool
}

// DuckDBMemoryLimit bounds DuckDB's memory while it loads a run; beyond it,
// DuckDB spills to a temporary folder beside the file.
const DuckDBMemoryLimit = "256MB"

var _ Sink = (*DuckDB)(nil)

// OpenDuckDB opens (or creates) the DuckDB file at path for the run loadID.
// It fails at once when the file cannot be written.
func OpenDuckDB(ctx context.Context, path, loadID string) (*DuckDB, error) {
	w := &DuckDB{path: path, work: path, loadID: loadID}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		w.fresh = true
		w.work = fmt.Sprintf("%s.partial-%d", path, os.Getpid())
		removeDuckFiles(w.work)
	} else if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	if err := w.open(ctx); err != nil {
		w.Abort()
		return nil, err
	}
	w.spoolDir = fmt.Sprintf("%s.spool-%s", path, randHex(4))
	spool, err := openSpool(w.spoolDir, loadID)
	if err != nil {
		w.Abort()
		return nil, fmt.Errorf("output %s: spool: %w", path, err)
	}
	w.spool = spool
	return w, nil
}

func (w *DuckDB) open(ctx context.Context) error {
	db, err := OpenDuckDBSQL(w.work)
	if err != nil {
		return err
	}
	w.db = db
	if w.conn, err = db.Conn(ctx); err != nil {
		return duckErr("open "+w.path, err)
	}
	settings := fmt.Sprintf("SET memory_limit = '%s'; SET temp_directory = %s", DuckDBMemoryLimit, quote(w.work+".tmp"))
	if _, err := w.conn.ExecContext(ctx, settings); err != nil {
		return duckErr("settings", err)
	}
	if err := EnsureTables(ctx, w.conn); err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	return nil
}

// EnsureTables creates every table that is missing (with column comments),
// adds columns a newer version introduced, and refuses a column whose type
// differs from the dictionary's.
func EnsureTables(ctx context.Context, conn *sql.Conn) error {
	existing := map[string]map[string]string{}
	rows, err := conn.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main'`)
	if err != nil {
		return duckErr("read catalog", err)
	}
	for rows.Next() {
		var t, c, typ string
		if err := rows.Scan(&t, &c, &typ); err != nil {
			rows.Close()
			return duckErr("read catalog", err)
		}
		if existing[t] == nil {
			existing[t] = map[string]string{}
		}
		existing[t][c] = typ
	}
	rows.Close()
	for _, t := range schema.Tables() {
		cols, ok := existing[t.Name]
		var stmts []string
		if !ok {
			var defs []string
			for _, c := range t.Columns {
				defs = append(defs, fmt.Sprintf("%s %s", ident(c.Name), c.SQLType()))
			}
			stmts = append(stmts, fmt.Sprintf("CREATE TABLE %s (%s)", ident(t.Name), strings.Join(defs, ", ")))
			stmts = append(stmts, fmt.Sprintf("COMMENT ON TABLE %s IS %s", ident(t.Name), quote(t.Label+": "+t.Comment)))
			for _, c := range t.Columns {
				stmts = append(stmts, fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", ident(t.Name), ident(c.Name), quote(columnComment(&c))))
			}
		} else {
			for _, c := range t.Columns {
				typ, ok := cols[c.Name]
				switch {
				case !ok:
					stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", ident(t.Name), ident(c.Name), c.SQLType()),
						fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", ident(t.Name), ident(c.Name), quote(columnComment(&c))))
				case typ != c.SQLType():
					return fmt.Errorf("table %s column %s has type %s, creditetl writes %s", t.Name, c.Name, typ, c.SQLType())
				}
			}
		}
		for _, s := range stmts {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				return duckErr(s, err)
			}
		}
	}
	return nil
}

func columnComment(c *schema.Column) string {
	s := c.Label
	if c.Comment != "" && c.Comment != c.Label {
		s += " — " + c.Comment
	}
	if len(c.Sources) > 0 {
		s += " [source: " + strings.Join(c.Sources, " | ") + "]"
	}
	return s
}

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quote(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// Write spools a batch of a report table; the run tables (loads,
// load_failures: a few rows) wait for Commit.
func (w *DuckDB) Write(ctx context.Context, b schema.Batch) error {
	if err := ctx.Err(); err != nil {
		b.Record.Release()
		return err
	}
	if !b.Table.PerReport {
		w.runBatches = append(w.runBatches, b)
		return nil
	}
	if w.spooled {
		b.Record.Release()
		return fmt.Errorf("output %s: rows of %s after Replace", w.path, b.Table.Name)
	}
	return w.spool.Write(ctx, b)
}

// driverGetter reads a column as the values the Appender takes. Money goes in
// as int64 cents: the Appender stores an integer as the DECIMAL's raw value,
// which is exact (a float64 would not be).
func driverGetter(col arrow.Array) func(int) driver.Value {
	switch a := col.(type) {
	case *array.String:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return a.Value(i)
		}
	case *array.Decimal128:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return int64(a.Value(i).LowBits())
		}
	case *array.Int32:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return a.Value(i)
		}
	case *array.Int64:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return a.Value(i)
		}
	case *array.Date32:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return time.Unix(int64(a.Value(i))*86400, 0).UTC()
		}
	case *array.Timestamp:
		return func(i int) driver.Value {
			if a.IsNull(i) {
				return nil
			}
			return time.UnixMicro(int64(a.Value(i))).UTC()
		}
	}
	panic(fmt.Sprintf("load: unexpected column type %T", col))
}

// Replace loads the spooled tables in one transaction and deletes the rows
// that earlier runs wrote for the reports of this run, in every per-report
// table. It returns how many reports were already in the file.
func (w *DuckDB) Replace(ctx context.Context) (int64, error) {
	if err := w.spool.Commit(ctx); err != nil {
		return 0, fmt.Errorf("output %s: spool: %w", w.path, err)
	}
	w.spooled = true
	// Hand the spool phase's freed Go memory back before DuckDB needs its own.
	debug.FreeOSMemory()
	if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return 0, duckErr("begin", err)
	}
	w.inTx = true
	for _, t := range schema.Tables() {
		if !t.PerReport {
			continue
		}
		ins := fmt.Sprintf("INSERT INTO %s SELECT * FROM read_parquet(%s)", ident(t.Name), quote(filepath.Join(w.spoolDir, t.Name+".parquet")))
		if _, err := w.conn.ExecContext(ctx, ins); err != nil {
			return 0, duckErr("insert "+t.Name, err)
		}
	}
	var replaced int64
	q := `SELECT count(DISTINCT report_id) FROM reports WHERE load_id <> $1 AND report_id IN (SELECT report_id FROM reports WHERE load_id = $1)`
	if err := w.conn.QueryRowContext(ctx, q, w.loadID).Scan(&replaced); err != nil {
		return 0, duckErr("count replaced reports", err)
	}
	if replaced == 0 {
		return 0, nil
	}
	for _, t := range schema.Tables() {
		if !t.PerReport {
			continue
		}
		del := fmt.Sprintf(`DELETE FROM %s WHERE load_id <> $1 AND report_id IN (SELECT report_id FROM reports WHERE load_id = $1)`, ident(t.Name))
		if _, err := w.conn.ExecContext(ctx, del, w.loadID); err != nil {
			return 0, duckErr("replace rows of "+t.Name, err)
		}
	}
	return replaced, nil
}

// Commit appends the run tables, commits, checkpoints and closes; a new file
// is renamed to its target name.
func (w *DuckDB) Commit(ctx context.Context) error {
	if !w.inTx {
		return fmt.Errorf("output %s: commit before Replace", w.path)
	}
	if err := w.appendRunBatches(); err != nil {
		return err
	}
	if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return duckErr("commit", err)
	}
	w.inTx = false
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return duckErr("checkpoint", err)
	}
	if err := w.close(); err != nil {
		return err
	}
	w.done = true
	w.removeSpool()
	if w.fresh {
		if _, err := os.Stat(w.path); err == nil {
			removeDuckFiles(w.work)
			return fmt.Errorf("output %s appeared while loading; the run was not written", w.path)
		}
		if err := os.Rename(w.work, w.path); err != nil {
			removeDuckFiles(w.work)
			return fmt.Errorf("output %s: %w", w.path, err)
		}
		os.Remove(w.work + ".wal")
	}
	return nil
}

// appendRunBatches writes the loads and load_failures rows through the
// Appender. Money goes in as int64 cents: the Appender stores an integer as
// the DECIMAL's raw value, which is exact (a float64 would not be).
func (w *DuckDB) appendRunBatches() error {
	defer func() {
		for _, b := range w.runBatches {
			b.Record.Release()
		}
		w.runBatches = nil
	}()
	for _, b := range w.runBatches {
		var a *duckdb.Appender
		err := w.conn.Raw(func(dc any) error {
			var err error
			a, err = duckdb.NewAppenderFromConn(dc.(driver.Conn), "", b.Table.Name)
			return err
		})
		if err != nil {
			return duckErr("appender for "+b.Table.Name, err)
		}
		rec := b.Record
		cols := make([]func(int) driver.Value, rec.NumCols())
		for c := range cols {
			cols[c] = driverGetter(rec.Column(c))
		}
		row := make([]driver.Value, len(cols))
		for r := 0; r < int(rec.NumRows()); r++ {
			for c := range cols {
				row[c] = cols[c](r)
			}
			if err := a.AppendRow(row...); err != nil {
				a.Close()
				return duckErr("append to "+b.Table.Name, err)
			}
		}
		if err := a.Close(); err != nil {
			return duckErr("append to "+b.Table.Name, err)
		}
	}
	return nil
}

func (w *DuckDB) removeSpool() {
	if w.spool != nil {
		w.spool.Abort()
	}
	os.RemoveAll(w.spoolDir)
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
		return duckErr("close "+w.path, err)
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
	for _, b := range w.runBatches {
		b.Record.Release()
	}
	w.runBatches = nil
	err := w.close()
	w.removeSpool()
	if w.fresh {
		removeDuckFiles(w.work)
	}
	return err
}

func removeDuckFiles(p string) {
	os.Remove(p)
	os.Remove(p + ".wal")
}
