package features

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"creditetl/internal/progress"
	"creditetl/load"
	"creditetl/schema"
	featuresql "creditetl/sql"
)

// TableName is the table Compute builds.
const TableName = "features"

// MemoryLimit bounds DuckDB's memory while it computes the features of a
// Parquet folder (it spills to the temporary folder beyond it), and
// FileMemoryLimit while it rebuilds table features in a DuckDB file (a
// table of 300 columns needs a block of each column per row group built).
const (
	MemoryLimit     = "256MB"
	FileMemoryLimit = "512MB"
)

// ErrNotCreditETL marks a database or folder that is not a creditetl output.
var ErrNotCreditETL = errors.New("not a creditetl output")

// Engine computes table features for the writers of load.
type Engine struct{}

var _ load.FeatureEngine = Engine{}

var table = sync.OnceValues(func() (*schema.Table, error) {
	var cols []schema.Column
	for _, f := range append(append([]featuresql.Feature{}, featuresql.KeyColumns...), featuresql.Dictionary()...) {
		st, err := schema.StorageOfSQL(f.Type)
		if err != nil {
			return nil, fmt.Errorf("feature %s: %w", f.Name, err)
		}
		cols = append(cols, schema.Column{Name: f.Name, Storage: st, Label: f.ZH, Comment: f.Definition, Sources: f.Tables})
	}
	return schema.NewTable(TableName, "风险特征", "one row per report: point-in-time features at reports.report_date (see docs/features.md)", true, cols)
})

// Table is the features table: report_id, report_date, then every feature
// of the dictionary with its storage, Chinese name and definition.
func (Engine) Table() *schema.Table { return Table() }

// Table is the features table (see Engine.Table).
func Table() *schema.Table {
	t, err := table()
	if err != nil {
		panic("features: " + err.Error()) // the embedded dictionary is checked by tests
	}
	return t
}

// ComputeParquet computes the features of the reports of a Parquet folder
// (one <table>.parquet per table) in an in-memory DuckDB and writes them,
// ordered by report_id, to the Parquet file out (zstd).
func (Engine) ComputeParquet(ctx context.Context, dir, out, tmpDir string) (n int64, err error) {
	// The load's batches are garbage by now: hand their memory back
	// before DuckDB takes its own.
	debug.FreeOSMemory()
	err = withMemoryDB(ctx, tmpDir, MemoryLimit, func(conn *sql.Conn) error {
		if err := load.ParquetViews(ctx, conn, dir); err != nil {
			return err
		}
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM reports").Scan(&n); err != nil {
			return load.DuckErr("count reports", err)
		}
		// Slices of at most SliceReports reports, by ranges of report_id,
		// are computed one after the other: DuckDB's memory stays the same
		// however many reports a run has, and the slices, each ordered,
		// follow each other in report_id order.
		bounds, err := sliceBounds(ctx, conn, n)
		if err != nil {
			return err
		}
		parts := make([]string, len(bounds)+1)
		for i := range parts {
			where := ""
			if len(bounds) > 0 {
				where = sliceWhere(bounds, i)
			}
			if err := load.ParquetViewsWhere(ctx, conn, dir, where); err != nil {
				return err
			}
			parts[i] = out
			if len(parts) > 1 {
				parts[i] = fmt.Sprintf("%s.part-%03d", out, i)
				defer os.Remove(parts[i])
			}
			// Straight to the file: a table of 300 columns is never
			// materialised (DuckDB holds a block per column of a table
			// being built), and small row groups keep the writer's buffers
			// small.
			err := compute(ctx, conn, func(query string) error {
				copyStmt := fmt.Sprintf("COPY (%s) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE %d)", query, load.Quote(parts[i]), featureRowGroup)
				if _, err := conn.ExecContext(ctx, copyStmt); err != nil {
					return load.DuckErr("write "+parts[i], err)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if len(parts) == 1 {
			return nil
		}
		list := make([]string, len(parts))
		for i, p := range parts {
			list[i] = load.Quote(p)
		}
		copyStmt := fmt.Sprintf("COPY (SELECT * FROM read_parquet([%s])) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE %d)",
			strings.Join(list, ", "), load.Quote(out), featureRowGroup)
		if _, err := conn.ExecContext(ctx, copyStmt); err != nil {
			return load.DuckErr("write "+out, err)
		}
		return nil
	})
	return n, err
}

// SliceReports is the most reports whose features are computed at once.
var SliceReports int64 = 10_000

// sliceBounds are the report_id values that cut n reports into slices of
// at most SliceReports (none for one slice).
func sliceBounds(ctx context.Context, conn *sql.Conn, n int64) ([]string, error) {
	slices := (n + SliceReports - 1) / SliceReports
	if slices <= 1 {
		return nil, nil
	}
	var qs []string
	for i := int64(1); i < slices; i++ {
		qs = append(qs, fmt.Sprintf("%.6f", float64(i)/float64(slices)))
	}
	var bounds []string
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT unnest(quantile_disc(report_id, ["+strings.Join(qs, ", ")+"])) AS b FROM reports ORDER BY b")
	if err != nil {
		return nil, load.DuckErr("slice the reports", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			return nil, load.DuckErr("slice the reports", err)
		}
		bounds = append(bounds, b)
	}
	return bounds, rows.Err()
}

// ComputeInDB rebuilds table features in conn for every report.
func (Engine) ComputeInDB(ctx context.Context, conn *sql.Conn) (int64, error) {
	if err := Compute(ctx, conn); err != nil {
		return 0, err
	}
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+TableName).Scan(&n); err != nil {
		return 0, load.DuckErr("count features", err)
	}
	return n, nil
}

// withMemoryDB runs fn on an in-memory DuckDB with the memory limit, spilling
// to tmpDir.
func withMemoryDB(ctx context.Context, tmpDir, limit string, fn func(*sql.Conn) error) error {
	db, err := load.OpenDuckDBSQL("")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return load.DuckErr("open in-memory database", err)
	}
	defer conn.Close()
	settings := "SET memory_limit = '" + limit + "'"
	if tmpDir != "" {
		settings += "; SET temp_directory = " + load.Quote(tmpDir)
	}
	if _, err := conn.ExecContext(ctx, settings); err != nil {
		return load.DuckErr("settings", err)
	}
	return fn(conn)
}

// Compute (re)builds table features in an open DuckDB database whose tables
// (or views) are those of schema.Tables(): one row per report of table
// reports, report_id and report_date first, then the features of
// featuresql.Dictionary() in order, each cast to its dictionary type.
//
// It defines temporary macros on the connection, computes each SQL file into
// a temporary table f_<group> (dropped at the end), then replaces table
// features in one statement and comments its columns. It starts no
// transaction: inside the caller's transaction it takes part in it. A
// feature that reads reports is NULL for a report whose report_date is NULL.
func Compute(ctx context.Context, conn *sql.Conn) error {
	var n int64
	var base int
	if err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'reports')`).Scan(&n, &base); err != nil {
		if err := checkInputs(ctx, conn); err != nil {
			return err
		}
		return load.DuckErr("count reports", err)
	}
	var bounds []string
	if base == 1 {
		// A DuckDB file (not views): slices of reports, each read through
		// temporary views that shadow the tables, keep memory flat.
		var err error
		if bounds, err = sliceBounds(ctx, conn, n); err != nil {
			return err
		}
	}
	for i := 0; i <= len(bounds); i++ {
		if len(bounds) > 0 {
			if err := shadowViews(ctx, conn, sliceWhere(bounds, i)); err != nil {
				return err
			}
		}
		err := compute(ctx, conn, func(query string) error {
			stmt := "CREATE OR REPLACE TABLE " + TableName + " AS\n" + query
			if i > 0 {
				stmt = "INSERT INTO " + TableName + "\n" + query
			}
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				return load.DuckErr("build table features", err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(bounds) > 0 {
		if err := shadowViews(ctx, conn, ""); err != nil {
			return err
		}
	}
	var comments strings.Builder
	t := Table()
	fmt.Fprintf(&comments, "COMMENT ON TABLE %s IS %s;\n", TableName, load.Quote(t.Label+": "+t.Comment))
	for _, c := range t.Columns {
		fmt.Fprintf(&comments, "COMMENT ON COLUMN %s.%s IS %s;\n", TableName, load.Ident(c.Name), load.Quote(load.ColumnComment(&c)))
	}
	if _, err := conn.ExecContext(ctx, comments.String()); err != nil {
		return load.DuckErr("comment table features", err)
	}
	return nil
}

// sliceWhere is the condition of slice i of the bounds.
func sliceWhere(bounds []string, i int) string {
	var conds []string
	if i > 0 {
		conds = append(conds, "report_id >= "+load.Quote(bounds[i-1]))
	}
	if i < len(bounds) {
		conds = append(conds, "report_id < "+load.Quote(bounds[i]))
	}
	return strings.Join(conds, " AND ")
}

// shadowViews makes a temporary view per report table of main that keeps
// the rows of where; "" drops them.
func shadowViews(ctx context.Context, conn *sql.Conn, where string) error {
	var dbName string
	if err := conn.QueryRowContext(ctx, "SELECT current_database()").Scan(&dbName); err != nil {
		return load.DuckErr("current database", err)
	}
	for _, t := range schema.Tables() {
		if !t.PerReport {
			continue
		}
		q := "DROP VIEW IF EXISTS temp." + load.Ident(t.Name)
		if where != "" {
			// The database's own name: "main" alone would find the temporary
			// view itself.
			q = fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS SELECT * FROM %s.main.%s WHERE %s", load.Ident(t.Name), load.Ident(dbName), load.Ident(t.Name), where)
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return load.DuckErr("slice "+t.Name, err)
		}
	}
	return nil
}

// featureRowGroup is the row group size of features written to Parquet.
const featureRowGroup = 8192

// compute runs the groups into their temporary tables, then hands the query
// that joins them (one row per report, ordered by report_id) to finish.
func compute(ctx context.Context, conn *sql.Conn, finish func(query string) error) (err error) {
	if err := checkInputs(ctx, conn); err != nil {
		return err
	}
	groups := featuresql.Groups()
	defer func() {
		for _, g := range groups {
			drop := "DROP TABLE IF EXISTS temp." + load.Ident(g.TempTable())
			if err != nil {
				// Best effort: in an aborted transaction the caller's
				// rollback removes them.
				conn.ExecContext(context.WithoutCancel(ctx), drop)
				continue
			}
			if _, derr := conn.ExecContext(ctx, drop); derr != nil {
				err = load.DuckErr("drop "+g.TempTable(), derr)
			}
		}
	}()
	if _, err := conn.ExecContext(ctx, featuresql.Macros()); err != nil {
		return load.DuckErr("sql/macros.sql", err)
	}
	for i, g := range groups {
		progress.Step(ctx, "features", i+1, len(groups)+1, "sql/"+g.File)
		stmt := "CREATE OR REPLACE TEMP TABLE " + load.Ident(g.TempTable()) + " AS\n" + strings.TrimSuffix(strings.TrimSpace(g.SQL), ";")
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return load.DuckErr("sql/"+g.File, err)
		}
		if err := checkGroupColumns(ctx, conn, &g); err != nil {
			return err
		}
	}
	progress.Step(ctx, "features", len(groups)+1, len(groups)+1, "table features")
	return finish(selectStatement(groups))
}

// selectStatement is the query that joins the groups' results: the rows of
// table features.
func selectStatement(groups []featuresql.Group) string {
	var b strings.Builder
	b.WriteString("SELECT\n    r.report_id,\n    r.report_date")
	for i, g := range groups {
		alias := fmt.Sprintf("g%d", i)
		for _, f := range g.Features {
			expr := alias + "." + load.Ident(f.Name)
			if f.PointInTime() {
				expr = "CASE WHEN r.report_date IS NULL THEN NULL ELSE " + expr + " END"
			}
			fmt.Fprintf(&b, ",\n    CAST(%s AS %s) AS %s", expr, f.Type, load.Ident(f.Name))
		}
	}
	b.WriteString("\nFROM reports AS r")
	for i, g := range groups {
		alias := fmt.Sprintf("g%d", i)
		fmt.Fprintf(&b, "\nLEFT JOIN temp.%s AS %s ON %s.report_id = r.report_id", load.Ident(g.TempTable()), alias, alias)
	}
	b.WriteString("\nORDER BY r.report_id")
	return b.String()
}

// checkGroupColumns makes sure a group's SQL gives exactly the columns its
// header declares: report_id, then the features in dictionary order.
func checkGroupColumns(ctx context.Context, conn *sql.Conn, g *featuresql.Group) error {
	rows, err := conn.QueryContext(ctx, "SELECT * FROM temp."+load.Ident(g.TempTable())+" LIMIT 0")
	if err != nil {
		return load.DuckErr("sql/"+g.File, err)
	}
	got, err := rows.Columns()
	rows.Close()
	if err != nil {
		return load.DuckErr("sql/"+g.File, err)
	}
	want := []string{"report_id"}
	for _, f := range g.Features {
		want = append(want, f.Name)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		return fmt.Errorf("sql/%s: its query gives columns %v, its header declares %v", g.File, got, want)
	}
	return nil
}

// inputs are the tables the feature SQL reads.
func inputs() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range featuresql.Dictionary() {
		for _, t := range f.Tables {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// checkInputs names every table the feature SQL reads that is missing (a
// view counts: a Parquet folder is read through views).
func checkInputs(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT lower(table_name) FROM duckdb_tables() UNION SELECT lower(view_name) FROM duckdb_views()`)
	if err != nil {
		return load.DuckErr("read catalog", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return load.DuckErr("read catalog", err)
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return load.DuckErr("read catalog", err)
	}
	var missing []string
	for _, t := range inputs() {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no table %s: %w", strings.Join(missing, ", "), ErrNotCreditETL)
	}
	return nil
}
