package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	featuresql "creditetl/sql"
)

// FeaturesTable is the table ComputeFeatures builds.
const FeaturesTable = "features"

// ComputeFeatures (re)builds table features in an open DuckDB database whose
// tables (or views) are those of schema.Tables(): one row per report of table
// reports, report_id and report_date first, then the features of
// featuresql.Dictionary() in order, each cast to its dictionary type.
//
// It defines temporary macros on the connection, computes each SQL file into
// a temporary table f_<group> (dropped at the end), then replaces table
// features in one statement and comments its columns. It starts no
// transaction: inside the caller's transaction it takes part in it (the
// file-level functions run it in one of their own). A feature that reads
// reports is NULL for a report whose report_date is NULL.
func ComputeFeatures(ctx context.Context, conn *sql.Conn) (err error) {
	if err := checkFeatureInputs(ctx, conn); err != nil {
		return err
	}
	groups := featuresql.Groups()
	defer func() {
		for _, g := range groups {
			drop := "DROP TABLE IF EXISTS temp." + ident(g.TempTable())
			if err != nil {
				// Best effort: in an aborted transaction the caller's
				// rollback removes them.
				conn.ExecContext(context.WithoutCancel(ctx), drop)
				continue
			}
			if _, derr := conn.ExecContext(ctx, drop); derr != nil {
				err = duckErr("drop "+g.TempTable(), derr)
			}
		}
	}()
	if _, err := conn.ExecContext(ctx, featuresql.Macros()); err != nil {
		return duckErr("sql/macros.sql", err)
	}
	for _, g := range groups {
		stmt := "CREATE OR REPLACE TEMP TABLE " + ident(g.TempTable()) + " AS\n" + strings.TrimSuffix(strings.TrimSpace(g.SQL), ";")
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return duckErr("sql/"+g.File, err)
		}
		if err := checkGroupColumns(ctx, conn, &g); err != nil {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, featuresSelect(groups)); err != nil {
		return duckErr("build table features", err)
	}
	var comments strings.Builder
	fmt.Fprintf(&comments, "COMMENT ON TABLE %s IS %s;\n", FeaturesTable, quote("风险特征: one row per report, point-in-time features at reports.report_date (see docs/features.md)"))
	for _, f := range append(append([]featuresql.Feature{}, featuresql.KeyColumns...), featuresql.Dictionary()...) {
		fmt.Fprintf(&comments, "COMMENT ON COLUMN %s.%s IS %s;\n", FeaturesTable, ident(f.Name), quote(f.ZH+" — "+f.Definition+" [source: "+strings.Join(f.Tables, ", ")+"]"))
	}
	if _, err := conn.ExecContext(ctx, comments.String()); err != nil {
		return duckErr("comment table features", err)
	}
	return nil
}

// inTransaction runs fn in a transaction of its own on conn.
func inTransaction(ctx context.Context, conn *sql.Conn, fn func() error) error {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return duckErr("begin", err)
	}
	if err := fn(); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return duckErr("commit", err)
	}
	return nil
}

// featuresSelect is the statement that joins the groups' results into table
// features.
func featuresSelect(groups []featuresql.Group) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE OR REPLACE TABLE %s AS\nSELECT\n    r.report_id,\n    r.report_date", FeaturesTable)
	for i, g := range groups {
		alias := fmt.Sprintf("g%d", i)
		for _, f := range g.Features {
			expr := alias + "." + ident(f.Name)
			if f.PointInTime() {
				expr = "CASE WHEN r.report_date IS NULL THEN NULL ELSE " + expr + " END"
			}
			fmt.Fprintf(&b, ",\n    CAST(%s AS %s) AS %s", expr, f.Type, ident(f.Name))
		}
	}
	b.WriteString("\nFROM reports AS r")
	for i, g := range groups {
		alias := fmt.Sprintf("g%d", i)
		fmt.Fprintf(&b, "\nLEFT JOIN temp.%s AS %s ON %s.report_id = r.report_id", ident(g.TempTable()), alias, alias)
	}
	b.WriteString("\nORDER BY r.report_id")
	return b.String()
}

// checkGroupColumns makes sure a group's SQL gives exactly the columns its
// header declares: report_id, then the features in dictionary order.
func checkGroupColumns(ctx context.Context, conn *sql.Conn, g *featuresql.Group) error {
	rows, err := conn.QueryContext(ctx, "SELECT * FROM temp."+ident(g.TempTable())+" LIMIT 0")
	if err != nil {
		return duckErr("sql/"+g.File, err)
	}
	got, err := rows.Columns()
	rows.Close()
	if err != nil {
		return duckErr("sql/"+g.File, err)
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

// featureInputs are the tables the feature SQL reads.
func featureInputs() []string {
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

// checkFeatureInputs names every table the feature SQL reads that is missing
// (a view counts: a Parquet folder is read through views).
func checkFeatureInputs(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT lower(table_name) FROM duckdb_tables() UNION SELECT lower(view_name) FROM duckdb_views()`)
	if err != nil {
		return duckErr("read catalog", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return duckErr("read catalog", err)
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return duckErr("read catalog", err)
	}
	var missing []string
	for _, t := range featureInputs() {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("no table %s: %w", strings.Join(missing, ", "), ErrNotCreditETL)
	}
	return nil
}

// ErrNotCreditETL marks a database or folder that is not a creditetl output.
var ErrNotCreditETL = errors.New("not a creditetl output")

// FeaturesOptions are the settings of a features run on a file or folder.
type FeaturesOptions struct {
	// Export is a file to export table features to (.csv, .parquet or .xlsx
	// by extension); empty for none.
	Export string
	// Compression of the Parquet files written: zstd (default), snappy or none.
	Compression string
	// HeadersZH writes the Chinese names as the header row of an .xlsx export.
	HeadersZH bool
}

// FeaturesResult is what a features run did.
type FeaturesResult struct {
	// Target is where table features went: the DuckDB file, or
	// DIR/features.parquet.
	Target string
	// Reports are the rows of table features; Features its feature columns
	// (report_id and report_date not counted).
	Reports  int64
	Features int
	// Export is the exported file, if any.
	Export string
}

// Features computes the features of a creditetl output: a DuckDB file, or a
// Parquet folder (a directory).
func Features(ctx context.Context, path string, o FeaturesOptions) (*FeaturesResult, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return FeaturesParquet(ctx, path, o)
	}
	return FeaturesDuckDB(ctx, path, o)
}

// FeaturesDuckDB (re)builds table features in the DuckDB file at path, and
// exports it when o.Export is set. The file must exist and hold table reports.
func FeaturesDuckDB(ctx context.Context, path string, o FeaturesOptions) (_ *FeaturesResult, err error) {
	if err := checkExport(path, o); err != nil {
		return nil, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("features %s: is a directory, not a DuckDB file", path)
	}
	db, err := OpenDuckDBSQL(path)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = duckErr("close "+path, cerr)
		}
	}()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, duckErr("open", err))
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'reports'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, duckErr("read catalog", err))
	}
	if n == 0 {
		return nil, fmt.Errorf("features %s: no table reports: %w", path, ErrNotCreditETL)
	}
	// A file written by an older creditetl may lack newer tables or columns.
	if err := EnsureTables(ctx, conn); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	if err := inTransaction(ctx, conn, func() error { return ComputeFeatures(ctx, conn) }); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	return countAndExport(ctx, conn, path, path, o)
}

// countAndExport counts the rows of table features and exports it when
// o.Export is set.
func countAndExport(ctx context.Context, conn *sql.Conn, input, target string, o FeaturesOptions) (*FeaturesResult, error) {
	res := &FeaturesResult{Target: target, Features: len(featuresql.Dictionary())}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+FeaturesTable).Scan(&res.Reports); err != nil {
		return nil, fmt.Errorf("features %s: %w", input, duckErr("count features", err))
	}
	if o.Export != "" {
		if err := ExportFeatures(ctx, conn, o.Export, o); err != nil {
			return nil, err
		}
		res.Export = o.Export
	}
	return res, nil
}

// FeaturesParquet computes the features of a Parquet output folder
// (DIR/<table>.parquet per table) and writes DIR/features.parquet; it exports
// them when o.Export is set. The tables are views over read_parquet in an
// in-memory DuckDB (ParquetViews).
func FeaturesParquet(ctx context.Context, dir string, o FeaturesOptions) (*FeaturesResult, error) {
	if err := checkExport(dir, o); err != nil {
		return nil, err
	}
	comp, err := parquetCompression(o.Compression)
	if err != nil {
		return nil, err
	}
	db, err := OpenDuckDBSQL("")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, duckErr("open in-memory database", err)
	}
	defer conn.Close()
	if err := parquetFolderViews(ctx, conn, dir); err != nil {
		return nil, err
	}
	if err := ComputeFeatures(ctx, conn); err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	target := filepath.Join(dir, FeaturesTable+".parquet")
	copyStmt := func(tmp string) string {
		return fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY report_id) TO %s (FORMAT parquet, COMPRESSION %s)", FeaturesTable, quote(tmp), comp)
	}
	if err := writeAtomic(ctx, conn, target, copyStmt); err != nil {
		return nil, err
	}
	return countAndExport(ctx, conn, dir, target, o)
}

// parquetFolderViews checks that dir is a Parquet output folder (it has
// reports.parquet) and makes its tables views in conn (ParquetViews).
func parquetFolderViews(ctx context.Context, conn *sql.Conn, dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("features %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("features %s: not a directory", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "reports.parquet")); err != nil {
		return fmt.Errorf("features %s: no reports.parquet: %w", dir, ErrNotCreditETL)
	}
	if err := ParquetViews(ctx, conn, dir); err != nil {
		return fmt.Errorf("features %s: %w", dir, err)
	}
	return nil
}

// Export formats, by extension.
var exportExts = []string{".csv", ".parquet", ".xlsx"}

func exportKind(path string) string { return strings.ToLower(filepath.Ext(path)) }

// checkExport refuses an export file that is not .csv, .parquet or .xlsx, or
// that is the input itself, before any work is done.
func checkExport(input string, o FeaturesOptions) error {
	if o.Export == "" {
		return nil
	}
	k := exportKind(o.Export)
	ok := false
	for _, e := range exportExts {
		ok = ok || k == e
	}
	if !ok {
		return fmt.Errorf("export %s: unknown extension %q (want .csv, .parquet or .xlsx)", o.Export, filepath.Ext(o.Export))
	}
	a, err1 := filepath.Abs(input)
	b, err2 := filepath.Abs(o.Export)
	if err1 == nil && err2 == nil && a == b {
		return fmt.Errorf("export %s: is the input itself", o.Export)
	}
	if st, err := os.Stat(o.Export); err == nil && st.IsDir() {
		return fmt.Errorf("export %s: is a directory", o.Export)
	}
	if _, err := parquetCompression(o.Compression); err != nil {
		return err
	}
	return nil
}

func parquetCompression(c string) (string, error) {
	switch strings.ToLower(c) {
	case "", "zstd":
		return "zstd", nil
	case "snappy":
		return "snappy", nil
	case "none", "uncompressed":
		return "uncompressed", nil
	}
	return "", fmt.Errorf("unknown compression %q (want zstd, snappy or none)", c)
}

// ExportFeatures writes table features, ordered by report_id, to path: CSV
// with a header row, Parquet, or an Excel workbook (sheet features, and sheet
// dictionary with every column's Chinese name, type and definition), by the
// extension of path. The file is written under a temporary name beside path
// and renamed, so a failed export leaves an earlier file as it was.
func ExportFeatures(ctx context.Context, conn *sql.Conn, path string, o FeaturesOptions) error {
	comp, err := parquetCompression(o.Compression)
	if err != nil {
		return err
	}
	switch k := exportKind(path); k {
	case ".csv":
		return writeAtomic(ctx, conn, path, func(tmp string) string {
			return fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY report_id) TO %s (FORMAT csv, HEADER true)", FeaturesTable, quote(tmp))
		})
	case ".parquet":
		return writeAtomic(ctx, conn, path, func(tmp string) string {
			return fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY report_id) TO %s (FORMAT parquet, COMPRESSION %s)", FeaturesTable, quote(tmp), comp)
		})
	case ".xlsx":
		return exportXLSX(ctx, conn, path, o.HeadersZH)
	default:
		return fmt.Errorf("export %s: unknown extension %q (want .csv, .parquet or .xlsx)", path, filepath.Ext(path))
	}
}

// tempBeside is a temporary name in the directory of path.
func tempBeside(path string) string {
	return filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.tmp-%d%s", filepath.Base(path), os.Getpid(), filepath.Ext(path)))
}

// writeAtomic runs a COPY statement to a temporary file and renames it to path.
func writeAtomic(ctx context.Context, conn *sql.Conn, path string, stmt func(tmp string) string) error {
	tmp := tempBeside(path)
	os.Remove(tmp)
	if _, err := conn.ExecContext(ctx, stmt(tmp)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", path, duckErr("copy", err))
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

// excelMaxRows is the row limit of an Excel sheet.
const excelMaxRows = 1 << 20

// exportXLSX writes table features to an Excel workbook with the streaming
// writer: sheet features (one row per report, numbers as numbers, money with
// two decimals, dates as dates) and sheet dictionary.
func exportXLSX(ctx context.Context, conn *sql.Conn, path string, headersZH bool) (err error) {
	fail := func(err error) error { return fmt.Errorf("export %s: %w", path, err) }
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+FeaturesTable).Scan(&n); err != nil {
		return fail(duckErr("count features", err))
	}
	if n+1 > excelMaxRows {
		return fail(fmt.Errorf("%d reports do not fit in one Excel sheet (at most %d rows); export to .csv or .parquet", n, excelMaxRows-1))
	}
	cols := append(append([]featuresql.Feature{}, featuresql.KeyColumns...), featuresql.Dictionary()...)

	f := excelize.NewFile()
	defer f.Close()
	const sheet = "features"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fail(err)
	}
	moneyFmt, dateFmt := "#,##0.00", "yyyy-mm-dd"
	moneyStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
	if err != nil {
		return fail(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return fail(err)
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fail(err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return fail(err)
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		name := c.Name
		if headersZH {
			name = c.ZH
		}
		head[i] = excelize.Cell{StyleID: headStyle, Value: name}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fail(err)
	}

	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = ident(c.Name)
	}
	rows, err := conn.QueryContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+FeaturesTable+" ORDER BY report_id")
	if err != nil {
		return fail(duckErr("read features", err))
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := make([]any, len(cols))
	for r := 2; rows.Next(); r++ {
		if err := rows.Scan(ptrs...); err != nil {
			return fail(duckErr("read features", err))
		}
		for i, v := range vals {
			out[i] = excelValue(v, moneyStyle, dateStyle)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, out); err != nil {
			return fail(err)
		}
	}
	if err := rows.Err(); err != nil {
		return fail(duckErr("read features", err))
	}
	if err := sw.Flush(); err != nil {
		return fail(err)
	}

	const dict = "dictionary"
	if _, err := f.NewSheet(dict); err != nil {
		return fail(err)
	}
	dw, err := f.NewStreamWriter(dict)
	if err != nil {
		return fail(err)
	}
	dhead := []any{"feature", "中文名", "group", "type", "none", "definition", "source tables"}
	for i, h := range dhead {
		dhead[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := dw.SetRow("A1", dhead); err != nil {
		return fail(err)
	}
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := dw.SetRow(cell, []any{c.Name, c.ZH, c.Group, c.Type, c.None, c.Definition, strings.Join(c.Tables, ", ")}); err != nil {
			return fail(err)
		}
	}
	if err := dw.Flush(); err != nil {
		return fail(err)
	}

	tmp := tempBeside(path)
	os.Remove(tmp)
	file, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fail(err)
	}
	_, werr := f.WriteTo(file)
	if cerr := file.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(tmp)
		return fail(werr)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}

// excelValue is a cell for a value read from DuckDB: money as a number with
// two decimals (parsed from its exact decimal text), dates as dates.
func excelValue(v any, moneyStyle, dateStyle int) any {
	switch x := v.(type) {
	case nil:
		return nil
	case duckdb.Decimal:
		f, err := strconv.ParseFloat(x.String(), 64)
		if err != nil {
			return x.String()
		}
		return excelize.Cell{StyleID: moneyStyle, Value: f}
	case time.Time:
		return excelize.Cell{StyleID: dateStyle, Value: x}
	}
	return v
}
