package features

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"creditetl/load"
	featuresql "creditetl/sql"
)

// Export formats, by extension.
var exportExts = []string{".csv", ".parquet", ".xlsx"}

func exportKind(path string) string { return strings.ToLower(filepath.Ext(path)) }

// checkExport refuses an export file that is not .csv, .parquet or .xlsx, or
// that is the input itself, before any work is done.
func checkExport(input string, o Options) error {
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
	if _, err := load.ParquetCompression(o.Compression); err != nil {
		return err
	}
	return nil
}

// Export writes table features of conn, ordered by report_id, to path: CSV
// with a header row, Parquet, or an Excel workbook (sheet features, typed
// like a load's workbook, and sheet dictionary with every column's Chinese
// name, type and definition), by the extension of path. The file is written
// under a temporary name beside path and renamed, so a failed export leaves
// an earlier file as it was.
func Export(ctx context.Context, conn *sql.Conn, path string, o Options) error {
	comp, err := load.DuckDBCompression(o.Compression)
	if err != nil {
		return err
	}
	switch k := exportKind(path); k {
	case ".csv":
		sel, err := csvSafeSelect(ctx, conn)
		if err != nil {
			return fmt.Errorf("export %s: %w", path, err)
		}
		return copyQueryTo(ctx, conn, sel, path, "FORMAT csv, HEADER true")
	case ".parquet":
		return copyTo(ctx, conn, path, "FORMAT parquet, COMPRESSION "+comp)
	case ".xlsx":
		return exportXLSX(ctx, conn, path, o.HeadersZH)
	default:
		return fmt.Errorf("export %s: unknown extension %q (want .csv, .parquet or .xlsx)", path, filepath.Ext(path))
	}
}

// exportXLSX writes the features through a Parquet file into a workbook by
// load's Excel writer: the same cells as a load's features sheet (money
// exact, dates as dates), plus the feature dictionary.
func exportXLSX(ctx context.Context, conn *sql.Conn, path string, headersZH bool) error {
	tmp, err := os.MkdirTemp("", "creditetl-features-")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer os.RemoveAll(tmp)
	file := filepath.Join(tmp, load.FeaturesFile)
	q := fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY report_id) TO %s (FORMAT parquet, COMPRESSION snappy)", TableName, load.Quote(file))
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("export %s: %w", path, load.DuckErr("copy", err))
	}
	dict := load.TextSheet{
		Name:   load.SheetDictionary,
		Header: []string{"feature", "中文名", "group", "type", "none", "definition", "source tables"},
		Widths: []int{30, 24, 14, 14, 6, 80, 30},
	}
	for _, f := range append(append([]featuresql.Feature{}, featuresql.KeyColumns...), featuresql.Dictionary()...) {
		dict.Rows = append(dict.Rows, []string{f.Name, f.ZH, f.Group, f.Type, f.None, f.Definition, strings.Join(f.Tables, ", ")})
	}
	data := []load.SheetSource{{Name: load.SheetFeatures, Table: Table(), File: file}}
	if err := load.WriteXLSX(ctx, path, data, []load.TextSheet{dict}, headersZH); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

// csvSafeSelect reads table features for a CSV file that spreadsheets open:
// a text cell that starts with =, +, -, @, a tab or a carriage return would
// be taken for a formula (CSV injection), so it gets a leading apostrophe,
// the usual escape (OWASP). Numbers are numbers and are left alone.
func csvSafeSelect(ctx context.Context, conn *sql.Conn) (string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE "+TableName+")")
	if err != nil {
		return "", load.DuckErr("describe features", err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return "", load.DuckErr("describe features", err)
		}
		c := load.Ident(name)
		if typ == "VARCHAR" {
			c = fmt.Sprintf(`CASE WHEN regexp_matches(%s, '^[=+@\t\r-]') THEN '''' || %s ELSE %s END AS %s`, c, c, c, c)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return "", load.DuckErr("describe features", err)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + TableName + " ORDER BY report_id", nil
}
