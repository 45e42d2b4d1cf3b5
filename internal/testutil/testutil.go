// Package testutil holds the helpers that tests of several packages share:
// reading a DuckDB output, building batches by column name, writing scan
// files. Only tests import it; it imports schema and the DuckDB driver, and
// no other project package (so that any package's internal tests can use
// it without an import cycle).
package testutil

import (
	"compress/gzip"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the database/sql driver "duckdb"

	"creditetl/schema"
)

// dsn is load.DSNOptions (testutil cannot import load): no extension
// downloads at run time.
const dsn = "?autoinstall_known_extensions=false&autoload_known_extensions=false"

// OpenDuckDB opens a DuckDB file ("" for memory) for a test and closes it
// when the test ends.
func OpenDuckDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// QueryStrings runs q on the DuckDB file at path and returns the first
// column of every row as text ("" for NULL).
func QueryStrings(t testing.TB, path, q string) []string {
	t.Helper()
	db, err := sql.Open("duckdb", path+dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
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
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// RowBatch builds a batch of a table from rows of column → value.
func RowBatch(t testing.TB, table string, rows ...map[string]schema.Value) schema.Batch {
	t.Helper()
	tb := schema.TableByName(table)
	if tb == nil {
		t.Fatalf("no table %s", table)
	}
	bb := schema.NewBatchBuilder(tb, nil)
	defer bb.Release()
	for _, r := range rows {
		row := make([]schema.Value, len(tb.Columns))
		for k, v := range r {
			i := tb.Col(k)
			if i < 0 {
				t.Fatalf("%s has no column %s", table, k)
			}
			row[i] = v
		}
		bb.Append(row)
	}
	return bb.NewBatch()
}

// WriteScans writes n distinct small PDFs into a new folder and returns it.
func WriteScans(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "scans")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		data := fmt.Sprintf("%%PDF-1.4\n%% test scan %d of %s\n%%%%EOF\n", i, t.Name())
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("scan-%03d.pdf", i)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// FileSHA256 is the hex SHA-256 of a file.
func FileSHA256(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Gunzip decompresses every file matching pattern (*.gz) into a new folder,
// without the .gz, and returns the folder.
func Gunzip(t testing.TB, pattern string) string {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no file matches %s (%v)", pattern, err)
	}
	dir := t.TempDir()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		data, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(p), ".gz")), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
