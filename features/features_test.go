package features_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"creditetl/features"
	"creditetl/internal/pipeline"
	"creditetl/load"
	"creditetl/schema"
	featuresql "creditetl/sql"
)

// fixtureDir holds the hand-written reports and, beside each, the feature
// values worked out by hand (see its README.md).
const fixtureDir = "../testdata/features"

// fixtureReports is the number of reports in testdata/features (one per
// .json file).
func fixtureReports(t testing.TB) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s (%v)", fixtureDir, err)
	}
	return len(files)
}

// loadFixtures loads testdata/features into a new DuckDB file through the
// pipeline, as creditetl load does.
func loadFixtures(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "fixtures.duckdb")
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{
		Inputs:  []string{fixtureDir},
		Output:  out,
		Version: "test",
		Now:     func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) },
	})
	if err != nil {
		var failed []string
		if sum != nil {
			for _, f := range sum.Failures {
				failed = append(failed, f.String())
			}
		}
		t.Fatalf("load fixtures: %v %v", err, failed)
	}
	return out
}

// expectations parses the expect blocks of the fixtures' .md files:
// report → feature → value as written.
func expectations(t *testing.T) map[string]map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, f := range featuresql.Dictionary() {
		known[f.Name] = true
	}
	line := regexp.MustCompile(`^([a-z0-9_]+)\s*=\s*(\S+)\s*(#.*)?$`)
	out := map[string]map[string]string{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		var report string
		for n := 1; sc.Scan(); n++ {
			s := strings.TrimSpace(sc.Text())
			switch {
			case strings.HasPrefix(s, "```expect"):
				report = strings.TrimSpace(strings.TrimPrefix(s, "```expect"))
				if report == "" || out[report] != nil {
					t.Fatalf("%s:%d: expect block without a report id, or a second one for %s", name, n, report)
				}
				out[report] = map[string]string{}
			case s == "```":
				report = ""
			case report != "" && s != "":
				m := line.FindStringSubmatch(s)
				if m == nil {
					t.Fatalf("%s:%d: want \"feature = value  # why\", got %q", name, n, s)
				}
				if !known[m[1]] {
					t.Fatalf("%s:%d: %s is not a feature of the dictionary", name, n, m[1])
				}
				if _, dup := out[report][m[1]]; dup {
					t.Fatalf("%s:%d: %s listed twice", name, n, m[1])
				}
				out[report][m[1]] = m[2]
			}
		}
		f.Close()
	}
	if len(out) == 0 {
		t.Fatal("no expect blocks found in " + fixtureDir)
	}
	return out
}

// featureRows reads table features as text: report → column → value (nil
// for NULL).
func featureRows(t *testing.T, db *sql.DB, from string) map[string]map[string]*string {
	t.Helper()
	rows, err := db.Query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM " + from)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]*string{}
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]*string{}
		for i, c := range cols {
			if vals[i].Valid {
				s := vals[i].String
				row[c] = &s
			}
		}
		out[vals[0].String] = row
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// openDB opens a DuckDB file ("" in memory) for the test's duration.
func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := load.OpenDuckDBSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openConn is one connection of openDB.
func openConn(t testing.TB, path string) *sql.Conn {
	t.Helper()
	conn, err := openDB(t, path).Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func sameValue(got *string, want string) bool {
	if want == "NULL" {
		return got == nil
	}
	if got == nil {
		return false
	}
	if *got == want {
		return true
	}
	g, err1 := strconv.ParseFloat(*got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w))
}

func show(v *string) string {
	if v == nil {
		return "NULL"
	}
	return *v
}

// TestFeatureGolden runs the feature SQL on the fixtures and compares every
// feature of every report with the values worked out by hand, one subtest
// per SQL file. A feature an expect block does not list must have its
// "none" value (NULL when it reads reports and the report has no date).
func TestFeatureGolden(t *testing.T) {
	path := loadFixtures(t)
	res, err := features.RunDuckDB(context.Background(), path, features.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := expectations(t)
	if res.Reports != int64(len(want)) {
		t.Errorf("features has %d rows, the fixtures have %d expect blocks", res.Reports, len(want))
	}
	db := openDB(t, path)
	got := featureRows(t, db, "features")
	for _, g := range featuresql.Groups() {
		t.Run(g.File, func(t *testing.T) {
			for report, exp := range want {
				row, ok := got[report]
				if !ok {
					t.Errorf("report %s: no row in features", report)
					continue
				}
				for _, f := range g.Features {
					w, listed := exp[f.Name]
					if !listed {
						w = f.None
						if f.PointInTime() && row["report_date"] == nil {
							w = "NULL"
						}
					}
					if !sameValue(row[f.Name], w) {
						how := "expected"
						if !listed {
							how = "empty value"
						}
						t.Errorf("%s %s = %s, want %s (%s)", report, f.Name, show(row[f.Name]), w, how)
					}
				}
			}
		})
	}
}

// TestFeaturesTable checks the shape of table features: report_id and
// report_date, then the dictionary's features in order with their types, and
// a comment on every column; and that a second run gives the same table.
func TestFeaturesTable(t *testing.T) {
	ctx := context.Background()
	path := loadFixtures(t)
	if _, err := features.RunDuckDB(ctx, path, features.Options{}); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, path)
	rows, err := db.Query(`SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() WHERE table_name = 'features' ORDER BY column_index`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var name, typ, comment string
		if err := rows.Scan(&name, &typ, &comment); err != nil {
			t.Fatal(err)
		}
		if comment == "" {
			t.Errorf("column %s has no comment", name)
		}
		got = append(got, name+" "+typ)
	}
	rows.Close()
	var want []string
	for _, f := range append(append([]featuresql.Feature{}, featuresql.KeyColumns...), featuresql.Dictionary()...) {
		want = append(want, f.Name+" "+f.Type)
		for _, tb := range f.Tables {
			if schema.TableByName(tb) == nil {
				t.Errorf("feature %s names source table %s, which is not a table of the schema", f.Name, tb)
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("features columns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	before := featureRows(t, db, "features")
	db.Close()
	if _, err := features.RunDuckDB(ctx, path, features.Options{}); err != nil {
		t.Fatal(err)
	}
	db = openDB(t, path)
	after := featureRows(t, db, "features")
	if fmt.Sprint(rowsText(before)) != fmt.Sprint(rowsText(after)) {
		t.Error("a second features run changed table features")
	}
	var temps int
	if err := db.QueryRow(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'f\_%' ESCAPE '\'`).Scan(&temps); err != nil {
		t.Fatal(err)
	}
	if temps != 0 {
		t.Errorf("%d temporary f_ tables left behind", temps)
	}
}

func rowsText(rows map[string]map[string]*string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for r, row := range rows {
		out[r] = map[string]string{}
		for c, v := range row {
			out[r][c] = show(v)
		}
	}
	return out
}

// parquetFolder writes every table of a DuckDB file as DIR/<table>.parquet,
// the layout of the Parquet writer (faster than loading the reports again).
func parquetFolder(t testing.TB, duck string) string {
	t.Helper()
	dir := t.TempDir()
	db := openDB(t, duck)
	for _, tb := range schema.Tables() {
		if _, err := db.Exec(fmt.Sprintf(`COPY %q TO '%s' (FORMAT parquet)`, tb.Name, filepath.Join(dir, tb.Name+".parquet"))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFeaturesParquetFolder runs the same SQL over views on a Parquet folder
// written by the Parquet writer and gets the same table, written to
// DIR/features.parquet.
func TestFeaturesParquetFolder(t *testing.T) {
	ctx := context.Background()
	duck := loadFixtures(t)
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: []string{fixtureDir}, Output: dir, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := features.RunDuckDB(ctx, duck, features.Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := features.Run(ctx, dir, features.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Target != filepath.Join(dir, "features.parquet") || res.Reports != int64(fixtureReports(t)) {
		t.Errorf("result %+v", res)
	}
	db := openDB(t, duck)
	fromParquet := featureRows(t, db, fmt.Sprintf("read_parquet('%s')", res.Target))
	fromDuck := featureRows(t, db, "features")
	if fmt.Sprint(rowsText(fromParquet)) != fmt.Sprint(rowsText(fromDuck)) {
		t.Error("features.parquet differs from the features of the DuckDB file")
	}
	var typ string
	if err := db.QueryRow(fmt.Sprintf(`SELECT typeof(open_loan_balance) FROM read_parquet('%s') LIMIT 1`, res.Target)).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "DECIMAL(18,2)" {
		t.Errorf("open_loan_balance in features.parquet is %s", typ)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestComputeFeaturesInTransaction: a DuckDB load calls Compute inside its
// own transaction (to rebuild table features); it takes part in it.
func TestComputeFeaturesInTransaction(t *testing.T) {
	ctx := context.Background()
	path := loadFixtures(t)
	conn := openConn(t, path)
	if _, err := conn.ExecContext(ctx, "DROP TABLE features"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		t.Fatal(err)
	}
	if err := features.Compute(ctx, conn); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM features").Scan(&n); err != nil || n != fixtureReports(t) {
		t.Fatalf("features in the transaction: %d rows, %v", n, err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'features'").Scan(&n); err != nil || n != 0 {
		t.Errorf("features survived the caller's rollback (%d, %v)", n, err)
	}
}

// TestExportFeatures exports to .csv, .parquet and .xlsx and reads them back.
func TestExportFeatures(t *testing.T) {
	ctx := context.Background()
	path := loadFixtures(t)
	dir := t.TempDir()
	nCols := len(featuresql.KeyColumns) + len(featuresql.Dictionary())

	csvPath := filepath.Join(dir, "f.csv")
	res, err := features.RunDuckDB(ctx, path, features.Options{Export: csvPath})
	if err != nil {
		t.Fatal(err)
	}
	if res.Export != csvPath {
		t.Errorf("export %q", res.Export)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != fixtureReports(t)+1 || len(recs[0]) != nCols || recs[0][0] != "report_id" || recs[1][0] != "F-ACCTS" {
		t.Fatalf("csv: %d rows, header %v", len(recs), recs[0][:3])
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("csv has no column %s", name)
		return -1
	}
	if v := recs[1][col("open_loan_balance")]; v != "118000.50" {
		t.Errorf("csv open_loan_balance of F-ACCTS = %q", v)
	}
	if v := recs[1][col("report_date")]; v != "2021-08-31" {
		t.Errorf("csv report_date of F-ACCTS = %q", v)
	}

	// The other formats from the table just built.
	conn := openConn(t, path)
	pqPath := filepath.Join(dir, "f.parquet")
	if err := features.Export(ctx, conn, pqPath, features.Options{Compression: "snappy"}); err != nil {
		t.Fatal(err)
	}
	var n int
	var bal string
	if err := conn.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), CAST(max(open_loan_balance) AS VARCHAR) FROM read_parquet('%s')`, pqPath)).Scan(&n, &bal); err != nil {
		t.Fatal(err)
	}
	if n != fixtureReports(t) || bal != "118000.50" {
		t.Errorf("parquet export: %d rows, max open_loan_balance %s", n, bal)
	}

	for _, zh := range []bool{false, true} {
		xPath := filepath.Join(dir, fmt.Sprintf("f-%v.xlsx", zh))
		if err := features.Export(ctx, conn, xPath, features.Options{HeadersZH: zh}); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenFile(xPath)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows("features")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != fixtureReports(t)+1 || len(rows[0]) != nCols {
			t.Fatalf("xlsx: %d rows, %d columns", len(rows), len(rows[0]))
		}
		wantHead := "open_loan_balance"
		if zh {
			wantHead = "未结清贷款余额"
		}
		i := col("open_loan_balance")
		if rows[0][i] != wantHead {
			t.Errorf("xlsx header %q, want %q", rows[0][i], wantHead)
		}
		raw, err := x.GetCellValue("features", cellName(i+1, 2), excelize.Options{RawCellValue: true})
		if err != nil || raw != "118000.5" {
			t.Errorf("xlsx open_loan_balance of F-ACCTS raw %q (%v), want the number 118000.5", raw, err)
		}
		dict, err := x.GetRows("dictionary")
		if err != nil || len(dict) != nCols+1 {
			t.Errorf("xlsx dictionary sheet: %d rows (%v)", len(dict), err)
		}
		x.Close()
	}
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func TestFeaturesErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.duckdb")
	if _, err := features.Run(ctx, missing, features.Options{}); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a features run on a missing file created it")
	}

	other := filepath.Join(dir, "other.duckdb")
	db, err := load.OpenDuckDBSQL(other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := features.Run(ctx, other, features.Options{}); !errors.Is(err, features.ErrNotCreditETL) || !strings.Contains(err.Error(), other) {
		t.Errorf("not a creditetl file: %v", err)
	}

	emptyDir := t.TempDir()
	if _, err := features.Run(ctx, emptyDir, features.Options{}); !errors.Is(err, features.ErrNotCreditETL) {
		t.Errorf("folder without reports.parquet: %v", err)
	}

	// ComputeFeatures on a database that lacks a table it reads names it.
	conn := openConn(t, "")
	if err := load.EnsureTables(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if err := features.Compute(ctx, conn); err != nil {
		t.Fatalf("features of an empty database: %v", err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM features").Scan(&n); err != nil || n != 0 {
		t.Errorf("features of an empty database: %d rows, %v", n, err)
	}
	if _, err := conn.ExecContext(ctx, "DROP TABLE guarantees"); err != nil {
		t.Fatal(err)
	}
	if err := features.Compute(ctx, conn); !errors.Is(err, features.ErrNotCreditETL) || !strings.Contains(err.Error(), "guarantees") {
		t.Errorf("missing table guarantees: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE VIEW guarantees AS SELECT * FROM summary_recovery WHERE false"); err != nil {
		t.Fatal(err)
	}
	if err := features.Compute(ctx, conn); err == nil || !strings.Contains(err.Error(), "sql/public.sql") {
		t.Errorf("a guarantees view without the columns: %v, want an error naming sql/public.sql", err)
	}

	if _, err := features.Run(ctx, other, features.Options{Export: filepath.Join(dir, "f.json")}); err == nil || !strings.Contains(err.Error(), "f.json") {
		t.Errorf("export to .json: %v", err)
	}
	if _, err := features.Run(ctx, other, features.Options{Export: filepath.Join(dir, "f.parquet"), Compression: "lz5"}); err == nil {
		t.Error("unknown compression accepted")
	}
}
