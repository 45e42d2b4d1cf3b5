package load

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"creditetl/schema"
)

func writeParquet(t *testing.T, dir string, o Options, batches ...schema.Batch) {
	t.Helper()
	s, err := OpenParquet(context.Background(), dir, "L1", o)
	if err != nil {
		t.Fatal(err)
	}
	runSink(t, s, batches)
}

func queryRows(t *testing.T, conn *sql.Conn, q string) [][]any {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func edgeBatches(t *testing.T) []schema.Batch {
	return []schema.Batch{
		rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1"), "report_time": num(edgeMicros), "report_date": num(16587), "source_line": num(3)}),
		rowBatch(t, "accounts", map[string]schema.Value{"account_id": text("R:D1:1"), "report_id": text("R"), "seq": num(1), "load_id": text("L1"),
			"balance": num(edgeMaxCents), "open_date": num(-1766)}),
		rowBatch(t, "loads", map[string]schema.Value{"load_id": text("L1"), "started_at": num(edgeMicros), "reports": num(1)}),
	}
}

// DuckDB reads the files with the logical types of the contract: DATE,
// TIMESTAMP in microseconds (not adjusted to UTC: see ParquetViews), DECIMAL(18,2),
// INT32/INT64, UTF-8 strings.
func TestParquetLogicalTypes(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	writeParquet(t, dir, Options{}, edgeBatches(t)...)
	want := map[schema.Storage][2]string{
		schema.StorString: {"BYTE_ARRAY", "StringType()"},
		schema.StorCents:  {"INT64", "DecimalType(scale=2, precision=18)"},
		schema.StorInt32:  {"INT32", "IntType(bitWidth= , isSigned=1)"}, // DuckDB prints the bit width as a byte: ' ' is 32
		schema.StorDays:   {"INT32", "DateType()"},
		schema.StorMicros: {"INT64", "TimestampType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))"},
		schema.StorInt64:  {"INT64", "IntType(bitWidth=@, isSigned=1)"}, // '@' is 64
	}
	seen := map[schema.Storage]bool{}
	withDuckConn(t, "", func(conn *sql.Conn) {
		for _, tb := range schema.Tables() {
			p := Quote(filepath.Join(dir, tb.Name+".parquet"))
			rows := queryRows(t, conn, `SELECT name, type, logical_type FROM parquet_schema(`+p+`) WHERE name <> 'schema'`)
			if len(rows) != len(tb.Columns) {
				t.Fatalf("%s: %d columns in the file, want %d", tb.Name, len(rows), len(tb.Columns))
			}
			for i, c := range tb.Columns {
				got := [2]string{rows[i][1].(string), rows[i][2].(string)}
				if rows[i][0] != c.Name || got != want[c.Storage] {
					t.Errorf("%s.%s: %v %v, want %v", tb.Name, c.Name, rows[i][0], got, want[c.Storage])
				}
				seen[c.Storage] = true
			}
		}
		r := queryRows(t, conn, `SELECT report_time::VARCHAR, report_date::VARCHAR FROM read_parquet(`+Quote(filepath.Join(dir, "reports.parquet"))+`)`)
		if r[0][0] != "2015-06-01 10:05:15.123456" || r[0][1] != "2015-06-01" {
			t.Errorf("reports read back as %v", r[0])
		}
		r = queryRows(t, conn, `SELECT balance::VARCHAR, open_date::VARCHAR FROM read_parquet(`+Quote(filepath.Join(dir, "accounts.parquet"))+`)`)
		if r[0][0] != "9999999999999999.99" || r[0][1] != "1965-03-02" {
			t.Errorf("accounts read back as %v", r[0])
		}
	})
	if len(seen) != len(want) {
		t.Errorf("storage classes covered: %v", seen)
	}
}

// The views of ParquetViews have the very column names and types of a DuckDB
// output, so the feature SQL runs on either.
func TestParquetViewsMatchDuckDB(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "out")
	writeParquet(t, dir, Options{}, edgeBatches(t)...)
	duck := filepath.Join(tmp, "out.duckdb")
	loadOnce(t, duck, "L1", edgeBatches(t)...)
	const q = `SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name <> 'features' ORDER BY table_name, ordinal_position`
	var fromDuck, fromViews []string
	withDuckConn(t, duck, func(conn *sql.Conn) {
		for _, r := range queryRows(t, conn, q) {
			fromDuck = append(fromDuck, r[0].(string))
		}
	})
	withDuckConn(t, "", func(conn *sql.Conn) {
		if err := ParquetViews(context.Background(), conn, dir); err != nil {
			t.Fatal(err)
		}
		for _, r := range queryRows(t, conn, q) {
			fromViews = append(fromViews, r[0].(string))
		}
		r := queryRows(t, conn, `SELECT typeof(report_time), typeof(report_date), typeof(source_line) FROM reports`)
		if r[0][0] != "TIMESTAMP" || r[0][1] != "DATE" || r[0][2] != "INTEGER" {
			t.Errorf("typeof over the views: %v", r[0])
		}
	})
	total := 0
	for _, tb := range schema.Tables() {
		total += len(tb.Columns)
	}
	if len(fromDuck) != total || !slices.Equal(fromDuck, fromViews) {
		for i := range min(len(fromDuck), len(fromViews)) {
			if fromDuck[i] != fromViews[i] {
				t.Fatalf("column %d: duckdb %q, parquet view %q", i, fromDuck[i], fromViews[i])
			}
		}
		t.Fatalf("duckdb has %d columns, the parquet views %d", len(fromDuck), len(fromViews))
	}
	if err := ParquetViews(context.Background(), nil, filepath.Join(tmp, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("views of a missing folder: %v", err)
	}
}

// Each file stores its Arrow schema with the Chinese labels, the load_id,
// the chosen compression; small batches are buffered into row groups.
func TestParquetFileLayout(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	tb := schema.TableByName("repayments")
	repayments := func(batches, rows int) []schema.Batch {
		var out []schema.Batch
		b := schema.NewBatchBuilder(tb, nil)
		defer b.Release()
		row := make([]schema.Value, len(tb.Columns))
		for i := 0; i < batches; i++ {
			for r := 0; r < rows; r++ {
				row[tb.Col("report_id")] = text("R")
				row[tb.Col("month_seq")] = num(int64(i*rows + r))
				row[tb.Col("amount")] = num(int64(r))
				b.Append(row)
			}
			out = append(out, b.NewBatch())
		}
		return out
	}
	for _, tc := range []struct{ flag, codec string }{{"", "ZSTD"}, {"zstd", "ZSTD"}, {"snappy", "SNAPPY"}, {"none", "UNCOMPRESSED"}} {
		dir := filepath.Join(tmp, "c-"+tc.flag)
		writeParquet(t, dir, Options{Compression: tc.flag}, repayments(150, 1000)...)
		withDuckConn(t, "", func(conn *sql.Conn) {
			r := queryRows(t, conn, `SELECT DISTINCT compression, row_group_id, row_group_num_rows FROM parquet_metadata(`+Quote(filepath.Join(dir, "repayments.parquet"))+`)`)
			if len(r) != 1 || r[0][0] != tc.codec || r[0][2] != int64(150_000) {
				t.Errorf("--compression %q: %v, want one row group of 150000 rows, %s", tc.flag, r, tc.codec)
			}
		})
	}
	if _, err := OpenParquet(context.Background(), filepath.Join(tmp, "x"), "L1", Options{Compression: "lzo"}); err == nil || !strings.Contains(err.Error(), "lzo") {
		t.Errorf("unknown compression: %v", err)
	}

	// Row groups close at the row limit.
	dir := filepath.Join(tmp, "groups")
	s, err := openParquet(dir, "L1", Options{}, 40_000)
	if err != nil {
		t.Fatal(err)
	}
	runSink(t, s, repayments(10, 10_000))
	withDuckConn(t, "", func(conn *sql.Conn) {
		r := queryRows(t, conn, `SELECT row_group_num_rows FROM parquet_metadata(`+Quote(filepath.Join(dir, "repayments.parquet"))+`) WHERE path_in_schema = 'report_id' ORDER BY row_group_id`)
		var got []int64
		for _, x := range r {
			got = append(got, x[0].(int64))
		}
		if !slices.Equal(got, []int64{40_000, 40_000, 20_000}) {
			t.Errorf("row groups %v", got)
		}
	})

	// The stored Arrow schema: field metadata, table name, load_id.
	rdr, err := file.OpenParquetFile(filepath.Join(tmp, "c-", "accounts.parquet"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	if v := rdr.MetaData().KeyValueMetadata().FindValue(MetaLoadID); v == nil || *v != "L1" {
		t.Errorf("load_id metadata %v", v)
	}
	if v := rdr.MetaData().KeyValueMetadata().FindValue(MetaTableLabel); v == nil || *v != "信贷账户" {
		t.Errorf("table label metadata %v", v)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := fr.Schema()
	if err != nil {
		t.Fatal(err)
	}
	at := schema.TableByName("accounts")
	for i, c := range at.Columns {
		f := sc.Field(i)
		if f.Name != c.Name || !arrow.TypeEqual(f.Type, c.Storage.ArrowType()) {
			t.Errorf("field %d: %s %s, want %s %s", i, f.Name, f.Type, c.Name, c.Storage.ArrowType())
		}
		if v, ok := f.Metadata.GetValue(schema.MetaLabel); !ok || v != c.Label {
			t.Errorf("field %s label %q", c.Name, v)
		}
	}
	if v, ok := sc.Metadata().GetValue(schema.MetaTable); !ok || v != "accounts" {
		t.Errorf("schema metadata table %q", v)
	}
}

// The folder appears whole at Commit; an existing one is refused without
// --overwrite and replaced with it (only when it is an earlier output);
// Abort leaves nothing.
func TestParquetAtomicOverwrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "out")
	list := func() []string {
		entries, _ := os.ReadDir(tmp)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	s, err := OpenParquet(ctx, dir, "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the target exists before Commit")
	}
	if _, err := s.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := list(); !slices.Equal(got, []string{"out"}) {
		t.Errorf("after commit: %q", got)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if len(files) != len(schema.Tables()) {
		t.Errorf("%d files, want one per table (%d)", len(files), len(schema.Tables()))
	}

	if _, err := OpenParquet(ctx, dir, "L2", Options{}); !errors.Is(err, ErrOutputExists) {
		t.Errorf("existing output without --overwrite: %v", err)
	}
	s, err = OpenParquet(ctx, dir, "L2", Options{Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	runSink(t, s, []schema.Batch{rowBatch(t, "loads", map[string]schema.Value{"load_id": text("L2")})})
	withDuckConn(t, "", func(conn *sql.Conn) {
		r := queryRows(t, conn, `SELECT load_id FROM read_parquet(`+Quote(filepath.Join(dir, "loads.parquet"))+`)`)
		if len(r) != 1 || r[0][0] != "L2" {
			t.Errorf("overwritten loads: %v", r)
		}
		if r := queryRows(t, conn, `SELECT count(*) FROM read_parquet(`+Quote(filepath.Join(dir, "reports.parquet"))+`)`); r[0][0] != int64(0) {
			t.Errorf("the old reports survived the overwrite: %v", r)
		}
	})
	if got := list(); !slices.Equal(got, []string{"out"}) {
		t.Errorf("after overwrite: %q", got)
	}

	// Abort: nothing left, the target as it was.
	s, err = OpenParquet(ctx, dir, "L3", Options{Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Write(ctx, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("X"), "load_id": text("L3")}))
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := list(); !slices.Equal(got, []string{"out"}) {
		t.Errorf("after abort: %q", got)
	}

	// --overwrite never replaces what is not an earlier output.
	other := filepath.Join(tmp, "docs")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("keep"), 0o644)
	if _, err := OpenParquet(ctx, other, "L4", Options{Overwrite: true}); err == nil || !strings.Contains(err.Error(), "not a creditetl Parquet output") {
		t.Errorf("overwrite of a foreign folder: %v", err)
	}
	plain := filepath.Join(tmp, "file.bin")
	os.WriteFile(plain, []byte("keep"), 0o644)
	if _, err := OpenParquet(ctx, plain, "L4", Options{Overwrite: true}); err == nil {
		t.Errorf("overwrite of a file with a folder")
	}

	// A target that appears while the run is loading is not clobbered.
	late := filepath.Join(tmp, "late")
	s, err = OpenParquet(ctx, late, "L5", Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(late, 0o755)
	if _, err := s.Commit(ctx); !errors.Is(err, ErrOutputExists) {
		t.Errorf("commit over a target that appeared: %v", err)
	}
	s.Abort()
	if got := list(); !slices.Equal(got, []string{"docs", "file.bin", "late", "out"}) {
		t.Errorf("left behind: %q", got)
	}
}
