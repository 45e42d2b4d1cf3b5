package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/internal/testutil"
	"creditetl/schema"
)

func rowBatch(t *testing.T, table string, rows ...map[string]schema.Value) schema.Batch {
	return testutil.RowBatch(t, table, rows...)
}

func queryStrings(t *testing.T, path, q string) []string { return testutil.QueryStrings(t, path, q) }

func text(s string) schema.Value { return schema.TextValue(s) }
func num(n int64) schema.Value   { return schema.IntValue(n) }

// Money goes in as cents and comes out exact; dates before 1970 and
// timestamps survive; NULL stays NULL.
func TestDuckDBTypedRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rt.duckdb")
	w, err := OpenDuckDB(ctx, path, "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := rowBatch(t, "accounts",
		map[string]schema.Value{"account_id": text("R:D1:1"), "report_id": text("R"), "seq": num(1), "load_id": text("L1"),
			"balance": num(999_999_999_999_999_999), "loan_amount": num(-12345), "credit_limit": num(1),
			"open_date": num(-1766), "status": text("正常")}, // 1965-03-02
		map[string]schema.Value{"account_id": text("R:D1:2"), "report_id": text("R"), "seq": num(2), "load_id": text("L1")},
	)
	r := rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1"),
		"report_time": num(1433153115000000), "report_date": num(16587)})
	for _, x := range []schema.Batch{b, r} {
		if err := w.Write(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, path, `SELECT concat_ws('|', balance, loan_amount, credit_limit, open_date, status, typeof(balance)) FROM accounts ORDER BY seq`)
	want := []string{"9999999999999999.99|-123.45|0.01|1965-03-02|正常|DECIMAL(18,2)", "DECIMAL(18,2)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q want %q", got, want)
	}
	got = queryStrings(t, path, `SELECT report_time::VARCHAR || ' ' || report_date::VARCHAR FROM reports`)
	if len(got) != 1 || got[0] != "2015-06-01 10:05:15 2015-06-01" {
		t.Errorf("timestamps: %q", got)
	}
	if _, err := os.Stat(path + ".wal"); err == nil {
		t.Errorf("a committed file leaves no WAL")
	}
	c := queryStrings(t, path, `SELECT comment FROM duckdb_columns() WHERE table_name = 'accounts' AND column_name = 'balance'`)
	if len(c) != 1 || !strings.Contains(c[0], "余额") || !strings.Contains(c[0], "surplusAmount") {
		t.Errorf("column comment %q", c)
	}
}

// Aborting a new file leaves nothing behind.
func TestDuckDBAbortFresh(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.duckdb")
	w, err := OpenDuckDB(ctx, path, "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})); err != nil {
		t.Fatal(err)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("abort left %v", entries)
	}
}

func loadOnce(t *testing.T, path, loadID string, batches ...schema.Batch) int64 {
	t.Helper()
	return loadWith(t, path, loadID, Options{}, batches...).Replaced
}

func loadWith(t *testing.T, path, loadID string, o Options, batches ...schema.Batch) Committed {
	t.Helper()
	ctx := context.Background()
	w, err := OpenDuckDB(ctx, path, loadID, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	c, err := w.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A report loaded again replaces its rows in every table; others stay; an
// aborted run on an existing file changes nothing.
func TestDuckDBReplace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.duckdb")
	rep := func(id, load string) schema.Batch {
		return rowBatch(t, "reports", map[string]schema.Value{"report_id": text(id), "load_id": text(load)})
	}
	rej := func(id, load string, n int) schema.Batch {
		var rows []map[string]schema.Value
		for i := 0; i < n; i++ {
			rows = append(rows, map[string]schema.Value{"report_id": text(id), "load_id": text(load), "table_name": text("accounts")})
		}
		return rowBatch(t, "rejects", rows...)
	}
	if n := loadOnce(t, path, "L1", rep("A", "L1"), rep("B", "L1"), rej("A", "L1", 3)); n != 0 {
		t.Errorf("first load replaced %d", n)
	}
	if n := loadOnce(t, path, "L2", rep("A", "L2"), rej("A", "L2", 1)); n != 1 {
		t.Errorf("second load replaced %d, want 1", n)
	}
	got := queryStrings(t, path, `SELECT report_id || ':' || load_id FROM reports ORDER BY 1`)
	if strings.Join(got, ",") != "A:L2,B:L1" {
		t.Errorf("reports %q", got)
	}
	if got := queryStrings(t, path, `SELECT count(*)::VARCHAR FROM rejects`); got[0] != "1" {
		t.Errorf("rejects of A were not replaced: %q", got)
	}
	ctx := context.Background()
	w, err := OpenDuckDB(ctx, path, "L3", Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(ctx, rep("A", "L3"))
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := queryStrings(t, path, `SELECT count(*)::VARCHAR FROM reports`); got[0] != "2" {
		t.Errorf("aborted run changed the file: %q", got)
	}
}

// An older file gains the columns a newer version added; a column of another
// type is refused.
func TestEnsureTablesMigrates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.duckdb")
	db, err := OpenDuckDBSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE phones (report_id VARCHAR, seq INTEGER)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	loadOnce(t, path, "L1", rowBatch(t, "phones", map[string]schema.Value{"report_id": text("A"), "phone": text("13800000000")}))
	if got := queryStrings(t, path, `SELECT phone FROM phones`); len(got) != 1 || got[0] != "13800000000" {
		t.Errorf("phones %q", got)
	}
	db, _ = OpenDuckDBSQL(path)
	db.Exec(`ALTER TABLE phones ALTER phone TYPE INTEGER USING 1`)
	db.Close()
	if _, err := OpenDuckDB(ctx, path, "L2", Options{}); err == nil || !strings.Contains(err.Error(), "phones column phone has type INTEGER") {
		t.Errorf("type conflict: %v", err)
	}
}

// snapshot is the file's catalog (tables, columns, types) and row counts.
func snapshot(t *testing.T, path string) string {
	t.Helper()
	cols := queryStrings(t, path, `SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns ORDER BY ALL`)
	var counts []string
	for _, tb := range queryStrings(t, path, `SELECT table_name FROM duckdb_tables() ORDER BY 1`) {
		counts = append(counts, tb+"="+queryStrings(t, path, `SELECT count(*)::VARCHAR FROM "`+tb+`"`)[0])
	}
	return strings.Join(cols, "\n") + "\n" + strings.Join(counts, " ")
}

// A load that fails leaves an existing file exactly as it was: no table is
// created and no column added outside the load's transaction. A user's own
// table named like one of creditetl's, with a column of another type, is
// refused before anything is written, naming table, column and both types.
func TestDuckDBFailedLoadChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "user.duckdb")
	db, err := OpenDuckDBSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE accounts (id INTEGER, name VARCHAR, seq VARCHAR); INSERT INTO accounts VALUES (1, 'mine', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := snapshot(t, path)
	_, err = OpenDuckDB(ctx, path, "L1", Options{})
	if err == nil || !strings.Contains(err.Error(), "table accounts column seq has type VARCHAR, creditetl writes INTEGER") {
		t.Fatalf("open: %v", err)
	}
	if after := snapshot(t, path); after != before {
		t.Errorf("a refused load changed the file:\nbefore %s\nafter  %s", before, after)
	}

	// A load that fails inside its transaction (here: the commit is
	// cancelled) changes nothing either, even the tables it would create.
	db, _ = OpenDuckDBSQL(path)
	db.Exec(`ALTER TABLE accounts DROP COLUMN seq`)
	db.Close()
	before = snapshot(t, path)
	w, err := OpenDuckDB(ctx, path, "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := w.Commit(cctx); err == nil {
		t.Fatal("a cancelled commit succeeded")
	}
	w.Abort()
	if after := snapshot(t, path); after != before {
		t.Errorf("a failed load changed the file:\nbefore %s\nafter  %s", before, after)
	}
}

// Rows are inserted by column name: a column a user added is left alone
// (NULL in new rows), and the next load works.
func TestDuckDBUserColumn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "u.duckdb")
	loadOnce(t, path, "L1", rowBatch(t, "accounts", map[string]schema.Value{"account_id": text("A:D1:1"), "report_id": text("A"), "load_id": text("L1")}))
	db, _ := OpenDuckDBSQL(path)
	if _, err := db.Exec(`ALTER TABLE accounts ADD COLUMN analyst_flag BOOLEAN; UPDATE accounts SET analyst_flag = true`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	loadOnce(t, path, "L2", rowBatch(t, "accounts", map[string]schema.Value{"account_id": text("B:D1:1"), "report_id": text("B"), "load_id": text("L2")}))
	got := queryStrings(t, path, `SELECT report_id || ':' || coalesce(analyst_flag::VARCHAR, 'NULL') FROM accounts ORDER BY 1`)
	if strings.Join(got, ",") != "A:true,B:NULL" {
		t.Errorf("accounts %q", got)
	}
}

// Features are never stale: a load writes the features of its reports
// (replaced ones too) in the same transaction; a file whose features table
// lacks reports, or has another version's columns, is rebuilt whole; a load
// without features drops the features of the reports it loads.
func TestDuckDBFeaturesFresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	rep := func(id, load string) schema.Batch {
		return rowBatch(t, "reports", map[string]schema.Value{"report_id": text(id), "load_id": text(load)})
	}
	features := func() string {
		return strings.Join(queryStrings(t, path, `SELECT report_id || '=' || x FROM features ORDER BY 1`), ",")
	}
	o := Options{Features: fakeEngine{}}
	if c := loadWith(t, path, "L1", o, rep("A", "L1"), rep("BB", "L1")); c.FeatureRows != 2 || c.FeaturesRebuilt {
		t.Errorf("first load: %+v", c)
	}
	if got := features(); got != "A=1,BB=2" {
		t.Errorf("features %q", got)
	}
	// One more report and one replaced: only theirs are computed.
	if c := loadWith(t, path, "L2", o, rep("A", "L2"), rep("CCC", "L2")); c.FeatureRows != 2 || c.FeaturesRebuilt || c.Replaced != 1 {
		t.Errorf("second load: %+v", c)
	}
	if got := features(); got != "A=1,BB=2,CCC=3" {
		t.Errorf("features %q", got)
	}
	// Without features, the loaded report loses its (now stale) row.
	loadWith(t, path, "L3", Options{}, rep("BB", "L3"))
	if got := features(); got != "A=1,CCC=3" {
		t.Errorf("after a load without features: %q", got)
	}
	// The next load with features finds BB missing and rebuilds the table.
	if c := loadWith(t, path, "L4", o, rep("DDDD", "L4")); !c.FeaturesRebuilt || c.FeatureRows != 4 {
		t.Errorf("rebuild: %+v", c)
	}
	if got := features(); got != "A=1,BB=2,CCC=3,DDDD=4" {
		t.Errorf("features %q", got)
	}
	// Another version's features table (a column of another type) is
	// rebuilt, not refused.
	db, _ := OpenDuckDBSQL(path)
	db.Exec(`ALTER TABLE features ALTER x TYPE VARCHAR`)
	db.Close()
	if c := loadWith(t, path, "L5", o, rep("A", "L5")); !c.FeaturesRebuilt {
		t.Errorf("old features table: %+v", c)
	}
	if got := features(); got != "A=1,BB=2,CCC=3,DDDD=4" {
		t.Errorf("features %q", got)
	}
}

// What a run killed with kill -9 left beside the output (its new file, its
// spool, its temporary files) is removed by the next run on that output.
func TestStaleTemporariesRemoved(t *testing.T) {
	p, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{})
	if err != nil {
		t.Skip(err)
	}
	p.Wait()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.duckdb")
	for _, n := range []string{fmt.Sprintf("out.duckdb.partial-%d-aa", p.Pid), fmt.Sprintf("out.duckdb.partial-%d-aa.wal", p.Pid)} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
	}
	spool := filepath.Join(dir, fmt.Sprintf("out.duckdb.spool-%d-bb", p.Pid))
	os.Mkdir(spool, 0o700)
	os.WriteFile(filepath.Join(spool, "reports.parquet"), []byte("personal data"), 0o600)
	loadOnce(t, path, "L1", rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}))
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "out.duckdb" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left beside the output: %q", names)
	}
}

// A checkpoint that fails after the commit (a full disk) does not undo the
// run: the commit succeeds with a warning and the rows are in the file.
func TestDuckDBCheckpointFailureIsAWarning(t *testing.T) {
	old := checkpointStmt
	checkpointStmt = "CHECKPOINT no_such_database"
	defer func() { checkpointStmt = old }()
	path := filepath.Join(t.TempDir(), "c.duckdb")
	c := loadWith(t, path, "L1", Options{}, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}))
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "the run is committed") {
		t.Errorf("warnings %q", c.Warnings)
	}
	checkpointStmt = old
	if got := queryStrings(t, path, `SELECT report_id FROM reports`); len(got) != 1 {
		t.Errorf("reports %q", got)
	}
}
