package load

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"creditetl/schema"
)

// lakeRun writes one load of reports (each with one account and one loads
// row) into the lake; ok false aborts it instead of committing.
func lakeRun(t *testing.T, dir, loadID string, ok bool, ids ...string) Committed {
	t.Helper()
	ctx := context.Background()
	s, err := OpenLake(ctx, dir, loadID, Options{Features: fakeEngine{}})
	if err != nil {
		t.Fatal(err)
	}
	var reports, accounts []map[string]schema.Value
	for _, id := range ids {
		reports = append(reports, map[string]schema.Value{"report_id": text(id), "load_id": text(loadID), "name": text(id + "@" + loadID)})
		accounts = append(accounts, map[string]schema.Value{"account_id": text(id + ":D1:1"), "report_id": text(id), "load_id": text(loadID), "balance": num(int64(len(id)) * 100)})
	}
	for _, b := range []schema.Batch{
		rowBatch(t, "reports", reports...), rowBatch(t, "accounts", accounts...),
		rowBatch(t, "loads", map[string]schema.Value{"load_id": text(loadID), "reports": num(int64(len(ids)))}),
	} {
		if err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if !ok {
		if err := s.Abort(); err != nil {
			t.Fatal(err)
		}
		return Committed{}
	}
	c, err := s.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// lakeQuery runs q on an in-memory DuckDB with the lake's views.
func lakeQuery(t *testing.T, dir, q string) []string {
	t.Helper()
	var out []string
	withDuckConn(t, "", func(conn *sql.Conn) {
		if err := CreateLakeViews(context.Background(), conn, dir); err != nil {
			t.Fatal(err)
		}
		rows, err := conn.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	})
	return out
}

// A lake grows by loads; later loads supersede earlier ones; DuckDB reads
// it with hive partitioning and the views give exactly the current rows;
// an independent reader (arrow-go's pqarrow) reads every part; a failed
// run leaves no visible part.
func TestLakeGrows(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lake")
	if c := lakeRun(t, dir, "20260101T000000.000000Z-aaaaaa", true, "A", "B"); c.Replaced != 0 || c.FeatureRows != 2 {
		t.Errorf("first load: %+v", c)
	}
	if c := lakeRun(t, dir, "20260102T000000.000000Z-bbbbbb", true, "B", "CC"); c.Replaced != 1 {
		t.Errorf("second load: %+v", c)
	}
	lakeRun(t, dir, "20260103T000000.000000Z-cccccc", false, "A", "DDD") // aborted
	if got := lakeQuery(t, dir, `SELECT report_id || '@' || load_id FROM lake_current ORDER BY 1`); !slices.Equal(got, []string{
		"A@20260101T000000.000000Z-aaaaaa", "B@20260102T000000.000000Z-bbbbbb", "CC@20260102T000000.000000Z-bbbbbb"}) {
		t.Errorf("current %q", got)
	}
	if got := lakeQuery(t, dir, `SELECT name FROM reports ORDER BY 1`); !slices.Equal(got, []string{
		"A@20260101T000000.000000Z-aaaaaa", "B@20260102T000000.000000Z-bbbbbb", "CC@20260102T000000.000000Z-bbbbbb"}) {
		t.Errorf("reports view %q", got)
	}
	if got := lakeQuery(t, dir, `SELECT account_id || '=' || balance FROM accounts ORDER BY 1`); !slices.Equal(got, []string{"A:D1:1=1.00", "B:D1:1=1.00", "CC:D1:1=2.00"}) {
		t.Errorf("accounts view %q", got)
	}
	if got := lakeQuery(t, dir, `SELECT report_id || '=' || x FROM features ORDER BY 1`); !slices.Equal(got, []string{"A=1", "B=1", "CC=2"}) {
		t.Errorf("features view %q", got)
	}
	if got := lakeQuery(t, dir, `SELECT load_id || ':' || coalesce(replaced, 0) FROM loads ORDER BY 1`); !slices.Equal(got, []string{
		"20260101T000000.000000Z-aaaaaa:0", "20260102T000000.000000Z-bbbbbb:1"}) {
		t.Errorf("loads %q", got)
	}
	// Raw hive reads (no views) see both loads of B.
	if got := lakeQuery(t, dir, `SELECT count(*)::VARCHAR FROM `+LakeScan(dir, "reports")); got[0] != "4" {
		t.Errorf("raw reports parts: %q", got)
	}
	// The aborted run left nothing: no partition, no staging.
	if m, _ := filepath.Glob(filepath.Join(dir, "*", "load_id=20260103*")); len(m) != 0 {
		t.Errorf("an aborted run left %q", m)
	}
	if e, _ := os.ReadDir(filepath.Join(dir, lakeStaging)); len(e) != 0 {
		t.Errorf("staging left %v", e)
	}
	// Every part reads with pqarrow, with the table's columns but load_id.
	parts, _ := filepath.Glob(filepath.Join(dir, "*", "load_id=*", "*.parquet"))
	if len(parts) < 2*len(schema.Tables()) {
		t.Fatalf("%d parts", len(parts))
	}
	for _, p := range parts {
		rdr, err := file.OpenParquetFile(p, false)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if tbl.Schema().HasField("load_id") {
			t.Errorf("%s stores load_id (the partition key belongs in the path)", p)
		}
		if name := filepath.Base(filepath.Dir(filepath.Dir(p))); LakeTable(name) != nil && int(tbl.NumCols()) != len(LakeTable(name).Columns) {
			t.Errorf("%s: %d columns", p, tbl.NumCols())
		}
		tbl.Release()
		rdr.Close()
	}
}

// A run killed while its files were being renamed into the lake is
// completed by the next run; one killed before is removed.
func TestLakeRecovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lake")
	lakeRun(t, dir, "20260101T000000.000000Z-aaaaaa", true, "A")
	// Stage a run by hand and publish half of it, as a kill would leave it.
	stage := filepath.Join(dir, lakeStaging, "20260102T000000.000000Z-bbbbbb")
	s, err := OpenLake(context.Background(), filepath.Join(t.TempDir(), "other"), "20260102T000000.000000Z-bbbbbb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []schema.Batch{rowBatch(t, "reports", map[string]schema.Value{"report_id": text("A"), "load_id": text("x"), "name": text("new")}),
		rowBatch(t, "loads", map[string]schema.Value{"load_id": text("x")})} {
		s.Write(context.Background(), b)
	}
	if _, err := s.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(stage, 0o755)
	for _, tb := range []string{"reports", "loads", "accounts"} {
		src := filepath.Join(t.TempDir(), "..", "other")
		_ = src
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(s.dir), "other", tb, "load_id=*", LakePartFile))
		if len(m) != 1 {
			t.Fatalf("%s: %q", tb, m)
		}
		os.Rename(m[0], filepath.Join(stage, tb+".parquet"))
	}
	os.WriteFile(filepath.Join(stage, lakeCommitted), []byte("x"), 0o644)
	// Half published: reports moved, loads not yet.
	part := filepath.Join(dir, "reports", "load_id=20260102T000000.000000Z-bbbbbb")
	os.MkdirAll(part, 0o755)
	os.Rename(filepath.Join(stage, "reports.parquet"), filepath.Join(part, LakePartFile))
	// The views do not show the half-committed run (it is not in loads).
	if got := lakeQuery(t, dir, `SELECT name FROM reports`); !slices.Equal(got, []string{"A@20260101T000000.000000Z-aaaaaa"}) {
		t.Errorf("before recovery %q", got)
	}
	// A failed run's staging, without the mark, is removed.
	failed := filepath.Join(dir, lakeStaging, "20260102T120000.000000Z-dddddd")
	os.MkdirAll(failed, 0o755)
	os.WriteFile(filepath.Join(failed, "reports.parquet"), []byte("half"), 0o644)

	lakeRun(t, dir, "20260103T000000.000000Z-cccccc", true, "Z")
	if got := lakeQuery(t, dir, `SELECT report_id || ':' || name FROM reports ORDER BY 1`); !slices.Equal(got, []string{"A:new", "Z:Z@20260103T000000.000000Z-cccccc"}) {
		t.Errorf("after recovery %q", got)
	}
	if e, _ := os.ReadDir(filepath.Join(dir, lakeStaging)); len(e) != 0 {
		t.Errorf("staging left %v", e)
	}
}

// Compaction keeps exactly the current rows, in one partition, keeps the
// loads history plus a row of its own, and the lake keeps growing after.
func TestLakeCompact(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lake")
	lakeRun(t, dir, "20260101T000000.000000Z-aaaaaa", true, "A", "B")
	lakeRun(t, dir, "20260102T000000.000000Z-bbbbbb", true, "B", "CC")
	before := lakeQuery(t, dir, `SELECT report_id || '|' || name FROM reports ORDER BY 1`)
	accounts := lakeQuery(t, dir, `SELECT account_id || '|' || balance FROM accounts ORDER BY 1`)
	now := func() time.Time { return time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) }
	res, err := CompactLake(context.Background(), dir, "20260105T000000.000000Z-eeeeee", "test", now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 3 || res.Loads != 2 {
		t.Errorf("compacted %+v", res)
	}
	if got := lakeQuery(t, dir, `SELECT report_id || '|' || name FROM reports ORDER BY 1`); !slices.Equal(got, before) {
		t.Errorf("reports after compaction %q, before %q", got, before)
	}
	if got := lakeQuery(t, dir, `SELECT account_id || '|' || balance FROM accounts ORDER BY 1`); !slices.Equal(got, accounts) {
		t.Errorf("accounts after compaction %q, before %q", got, accounts)
	}
	if got := lakeQuery(t, dir, `SELECT count(*)::VARCHAR FROM `+LakeScan(dir, "reports")); got[0] != "3" {
		t.Errorf("superseded rows kept: %q", got)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "accounts", "load_id=*")); len(m) != 1 {
		t.Errorf("accounts partitions %q", m)
	}
	if got := lakeQuery(t, dir, `SELECT load_id || ':' || coalesce(inputs, '') FROM loads ORDER BY 1`); len(got) != 3 || !strings.Contains(got[2], "20260101T000000.000000Z-aaaaaa") {
		t.Errorf("loads %q", got)
	}
	if got := lakeQuery(t, dir, `SELECT report_id || '=' || x FROM features ORDER BY 1`); !slices.Equal(got, []string{"A=1", "B=1", "CC=2"}) {
		t.Errorf("features %q", got)
	}
	lakeRun(t, dir, "20260106T000000.000000Z-ffffff", true, "A")
	if got := lakeQuery(t, dir, `SELECT report_id || '@' || load_id FROM lake_current ORDER BY 1`); !slices.Equal(got, []string{
		"A@20260106T000000.000000Z-ffffff", "B@20260105T000000.000000Z-eeeeee", "CC@20260105T000000.000000Z-eeeeee"}) {
		t.Errorf("current after a load %q", got)
	}
}

// The layout: an existing lake is appended to, a flat folder stays flat,
// --layout lake on an existing flat folder and --overwrite on a lake are
// refused with a reason; the views come in three dialects.
func TestLakeLayoutAndViews(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	lake := filepath.Join(tmp, "lake")
	lakeRun(t, lake, "20260101T000000.000000Z-aaaaaa", true, "A")
	f, _ := LookupFormat("parquet")
	s, err := f.Open(ctx, lake, "20260102T000000.000000Z-bbbbbb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*Lake); !ok {
		t.Errorf("an existing lake opened as %T", s)
	}
	s.Abort()
	for name, o := range map[string]Options{"flat": {Layout: LayoutFlat}, "overwrite": {Overwrite: true}} {
		if _, err := f.Open(ctx, lake, "x", o); err == nil || !strings.Contains(err.Error(), "is a lake") {
			t.Errorf("%s on a lake: %v", name, err)
		}
		if err := f.Check(lake, o); err == nil {
			t.Errorf("Check %s on a lake passed", name)
		}
	}
	flat := filepath.Join(tmp, "flat")
	writeParquet(t, flat, Options{}, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}))
	if _, err := f.Open(ctx, flat, "x", Options{Layout: LayoutLake}); err == nil || !strings.Contains(err.Error(), "not a creditetl lake") {
		t.Errorf("--layout lake on a flat folder: %v", err)
	}
	for _, d := range []string{DialectDuckDB, DialectSpark, DialectTrino} {
		v, err := LakeViews(ctx, lake, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"lake_current", "accounts", "features", "max(load_id)"} {
			if !strings.Contains(v, want) {
				t.Errorf("%s views lack %q", d, want)
			}
		}
	}
	if _, err := LakeViews(ctx, flat, DialectDuckDB); err == nil {
		t.Errorf("views of a flat folder")
	}
}
