package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
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

// DuckDB writes a run into a DuckDB file in one transaction. A new file is
// built under a temporary name beside the target and renamed when the run
// commits, so a failed run leaves nothing behind; an existing file is changed
// in one transaction that a failure rolls back.
type DuckDB struct {
	path, work string // target, and the file actually open
	fresh      bool
	loadID     string
	db         *sql.DB
	conn       *sql.Conn
	apps       map[string]*duckdb.Appender
	row        []driver.Value
	done       bool
}

var _ Sink = (*DuckDB)(nil)

// OpenDuckDB opens (or creates) the DuckDB file at path for the run loadID.
func OpenDuckDB(ctx context.Context, path, loadID string) (*DuckDB, error) {
	w := &DuckDB{path: path, work: path, loadID: loadID, apps: map[string]*duckdb.Appender{}}
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
	if err := EnsureTables(ctx, w.conn); err != nil {
		return fmt.Errorf("output %s: %w", w.path, err)
	}
	if _, err := w.conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return duckErr("begin", err)
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

func (w *DuckDB) appender(t *schema.Table) (*duckdb.Appender, error) {
	if a := w.apps[t.Name]; a != nil {
		return a, nil
	}
	var a *duckdb.Appender
	err := w.conn.Raw(func(dc any) error {
		var err error
		a, err = duckdb.NewAppenderFromConn(dc.(driver.Conn), "", t.Name)
		return err
	})
	if err != nil {
		return nil, duckErr("appender for "+t.Name, err)
	}
	w.apps[t.Name] = a
	return a, nil
}

// Write appends the batch's rows through DuckDB's Appender.
func (w *DuckDB) Write(ctx context.Context, b schema.Batch) error {
	defer b.Record.Release()
	if err := ctx.Err(); err != nil {
		return err
	}
	a, err := w.appender(b.Table)
	if err != nil {
		return err
	}
	rec := b.Record
	ncol := int(rec.NumCols())
	if cap(w.row) < ncol {
		w.row = make([]driver.Value, ncol)
	}
	row := w.row[:ncol]
	cols := make([]func(int) driver.Value, ncol)
	for c := 0; c < ncol; c++ {
		cols[c] = driverGetter(rec.Column(c))
	}
	for r := 0; r < int(rec.NumRows()); r++ {
		for c := 0; c < ncol; c++ {
			row[c] = cols[c](r)
		}
		if err := a.AppendRow(row...); err != nil {
			return duckErr("append to "+b.Table.Name, err)
		}
	}
	return nil
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

func (w *DuckDB) flush() error {
	for name, a := range w.apps {
		if err := a.Flush(); err != nil {
			return duckErr("flush "+name, err)
		}
	}
	return nil
}

// Replace deletes the rows that earlier runs wrote for the reports of this
// run, in every per-report table.
func (w *DuckDB) Replace(ctx context.Context) (int64, error) {
	if err := w.flush(); err != nil {
		return 0, err
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

// Commit commits the transaction; a new file is checkpointed, closed and
// renamed to its target name.
func (w *DuckDB) Commit(ctx context.Context) error {
	if err := w.flush(); err != nil {
		return err
	}
	for name, a := range w.apps {
		if err := a.Close(); err != nil {
			return duckErr("close appender "+name, err)
		}
		delete(w.apps, name)
	}
	if _, err := w.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return duckErr("commit", err)
	}
	if _, err := w.conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return duckErr("checkpoint", err)
	}
	if err := w.close(); err != nil {
		return err
	}
	w.done = true
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

func (w *DuckDB) close() error {
	var errs []error
	for _, a := range w.apps {
		a.Close()
	}
	w.apps = map[string]*duckdb.Appender{}
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
	if w.conn != nil {
		w.conn.ExecContext(context.Background(), "ROLLBACK")
	}
	err := w.close()
	if w.fresh {
		removeDuckFiles(w.work)
	}
	return err
}

func removeDuckFiles(p string) {
	os.Remove(p)
	os.Remove(p + ".wal")
}
