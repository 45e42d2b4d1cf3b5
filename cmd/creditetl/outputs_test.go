package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -o with an extension no format writes is refused with the list of
// formats, and nothing is created; --format says which when wanted.
func TestLoadRefusesUnknownOutputNames(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"x.csv", "r.sqlite", "report.parquet.txt"} {
		out := filepath.Join(dir, name)
		code, _, errOut := runCLI(t, "load", "-o", out, "../../testdata/synth/report-00001.json")
		if code != 1 || !strings.Contains(errOut, "duckdb (.duckdb, .db)") || !strings.Contains(errOut, "--format") {
			t.Errorf("-o %s: exit %d: %s", name, code, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("-o %s was created", name)
		}
	}
	out := filepath.Join(dir, "named.csv")
	if code, _, errOut := runCLI(t, "load", "--format", "parquet", "-o", out, "../../testdata/synth/report-00001.json"); code != 0 {
		t.Errorf("--format parquet -o named.csv: exit %d: %s", code, errOut)
	} else if _, err := os.Stat(filepath.Join(out, "reports.parquet")); err != nil {
		t.Error(err)
	}
}

// run checks its output before the first API call: an output that exists
// (a workbook without --overwrite) costs nothing.
func TestRunChecksOutputFirst(t *testing.T) {
	scans := testScans(t)
	t.Chdir(t.TempDir())
	os.WriteFile("run.xlsx", []byte("an earlier workbook"), 0o644)
	code, _, errOut := runEnv(context.Background(), t, nil, "run", "--sandbox", "-o", "run.xlsx", scans)
	if code != 1 || !strings.Contains(errOut, "before any API call") || !strings.Contains(errOut, "output exists") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(filepath.Join(DefaultSandboxStore, "responses")); len(entries) != 0 {
		t.Errorf("%d answers were paid for", len(entries))
	}
}

// A lake from the command line: a new lake, a second load appended to it,
// views that DuckDB runs, compaction that keeps the current rows.
func TestLakeCLI(t *testing.T) {
	dir := t.TempDir()
	lake := filepath.Join(dir, "lake")
	synth := "../../testdata/synth/"
	if code, _, errOut := runCLI(t, "load", "-o", lake, "--layout", "lake", synth+"report-00001.json", synth+"report-00002.json"); code != 0 {
		t.Fatalf("first load: %d %s", code, errOut)
	}
	code, sum, errOut := runCLI(t, "load", "-o", lake, synth+"report-00002.json", synth+"report-00003.json")
	if code != 0 || !strings.Contains(sum, "1 replaced earlier loads") {
		t.Fatalf("second load: %d %s%s", code, sum, errOut)
	}
	if code, _, errOut := runCLI(t, "load", "--overwrite", "-o", lake, synth+"report-00004.json"); code != 1 || !strings.Contains(errOut, "is a lake") {
		t.Errorf("--overwrite on a lake: %d %s", code, errOut)
	}
	code, views, errOut := runCLI(t, "lake", "views", lake)
	if code != 0 {
		t.Fatalf("views: %d %s", code, errOut)
	}
	views = strings.ReplaceAll(views, "CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW")
	count := func() string {
		db := filepath.Join(t.TempDir(), "q.duckdb")
		rows := query(t, db, views+"SELECT count(*)::VARCHAR || '/' || (SELECT count(*) FROM features)::VARCHAR FROM reports")
		return rows[len(rows)-1]
	}
	if got := count(); got != "3/3" {
		t.Errorf("reports/features through the views: %s", got)
	}
	if code, out, errOut := runCLI(t, "lake", "compact", lake); code != 0 || !strings.Contains(out, "3 reports of 2 loads") {
		t.Fatalf("compact: %d %s%s", code, out, errOut)
	}
	code, views, _ = runCLI(t, "lake", "views", lake)
	views = strings.ReplaceAll(views, "CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW")
	if got := count(); code != 0 || got != "3/3" {
		t.Errorf("after compaction: %s", got)
	}
	if code, out, errOut := runCLI(t, "features", lake); code != 0 || !strings.Contains(out, "for 3 reports") {
		t.Errorf("features on a lake: %d %s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "lake", "views", "--dialect", "cobol", lake); code != 1 || !strings.Contains(errOut, "cobol") {
		t.Errorf("unknown dialect: %d %s", code, errOut)
	}
}

// --pii hash without a usable key is refused before anything is written.
func TestPIIFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "p.duckdb")
	code, _, errOut := runCLI(t, "load", "--pii", "hash", "-o", out, "../../testdata/synth/report-00001.json")
	if code != 1 || !strings.Contains(errOut, "CREDITETL_PII_KEY") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "load", "--pii", "mask", "-o", out, "../../testdata/synth/report-00001.json"); code != 1 || !strings.Contains(errOut, "keep, hash or drop") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an output was written")
	}
}
