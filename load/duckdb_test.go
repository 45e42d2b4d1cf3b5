package load

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/schema"
)

func queryStrings(t *testing.T, path, q string) []string {
	t.Helper()
	db, err := OpenDuckDBSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}

// rowBatch builds a batch of a table from rows of column → value.
func rowBatch(t *testing.T, table string, rows ...map[string]schema.Value) schema.Batch {
	t.Helper()
	tb := schema.TableByName(table)
	b := schema.NewBatchBuilder(tb, nil)
	defer b.Release()
	for _, r := range rows {
		row := make([]schema.Value, len(tb.Columns))
		for k, v := range r {
			i := tb.Col(k)
			if i < 0 {
				t.Fatalf("no column %s.%s", table, k)
			}
			row[i] = v
		}
		b.Append(row)
	}
	return b.NewBatch()
}

func text(s string) schema.Value { return schema.TextValue(s) }
func num(n int64) schema.Value   { return schema.IntValue(n) }

// Money goes in as cents and comes out exact; dates before 1970 and
// timestamps survive; NULL stays NULL.
func TestDuckDBTypedRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rt.duckdb")
	w, err := OpenDuckDB(ctx, path, "L1")
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
	if _, err := w.Replace(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(ctx); err != nil {
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
	w, err := OpenDuckDB(ctx, path, "L1")
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
	ctx := context.Background()
	w, err := OpenDuckDB(ctx, path, loadID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	n, err := w.Replace(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return n
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
	w, err := OpenDuckDB(ctx, path, "L3")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(ctx, rep("A", "L3"))
	w.Replace(ctx)
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
	if _, err := OpenDuckDB(ctx, path, "L2"); err == nil || !strings.Contains(err.Error(), "phones column phone has type INTEGER") {
		t.Errorf("type conflict: %v", err)
	}
}
