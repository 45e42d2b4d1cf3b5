package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/internal/testutil"
	"creditetl/sandbox"
)

// The README's main job, on a fresh clone with no credentials:
// creditetl run --sandbox testdata/scans -o out.duckdb
func TestRunSandboxMainJob(t *testing.T) {
	scans := testScans(t)
	entries, _ := os.ReadDir(scans)
	t.Chdir(t.TempDir()) // the default sandbox store lands here
	code, out, errOut := runEnv(context.Background(), t, nil, "run", "--sandbox", scans, "-o", "out.duckdb")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "synthetic") {
		t.Fatalf("stderr does not say the answers are synthetic:\n%s", errOut)
	}
	for _, want := range []string{fmt.Sprintf("%d sent, %d stored", len(entries), len(entries)), fmt.Sprintf("loaded %d reports into out.duckdb", len(entries))} {
		if !strings.Contains(out, want) {
			t.Fatalf("stdout lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(DefaultSandboxStore, "manifest.jsonl")); err != nil {
		t.Fatalf("default sandbox store: %v", err)
	}
	rows := query(t, "out.duckdb", "SELECT source_file FROM reports ORDER BY source_file")
	if len(rows) != len(entries) {
		t.Fatalf("%d reports, want %d", len(rows), len(entries))
	}
	for i, e := range entries {
		if rows[i] != filepath.Join(scans, e.Name()) {
			t.Fatalf("source_file %s, want the scan %s", rows[i], e.Name())
		}
	}
	if n := query(t, "out.duckdb", "SELECT count(*)::VARCHAR FROM accounts")[0]; n == "0" {
		t.Fatal("no accounts loaded")
	}
	if n := query(t, "out.duckdb", "SELECT count(*)::VARCHAR FROM loads")[0]; n != "1" {
		t.Fatalf("%s loads rows", n)
	}

	if testing.Short() {
		return
	}
	// Again: nothing sent, the reports replaced, not duplicated.
	code, out, errOut = runEnv(context.Background(), t, nil, "run", "--sandbox", scans, "-o", "out.duckdb")
	if code != 0 || !strings.Contains(out, "0 sent") {
		t.Fatalf("rerun: exit %d: %s%s", code, out, errOut)
	}
	if rows := query(t, "out.duckdb", "SELECT report_id FROM reports"); len(rows) != len(entries) {
		t.Fatalf("%d reports after a rerun", len(rows))
	}
}

// Some files fail: the rest is loaded and the exit status is 2. Only this
// run's files are loaded from a store that holds more.
func TestRunPartialLoadsTheRest(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	first := testutil.WriteScans(t, 2)
	_, endpoint := testSandbox(t, sandbox.Options{})
	code, _, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, first)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	second := filepath.Join(dir, "second")
	os.MkdirAll(second, 0o755)
	os.WriteFile(filepath.Join(second, "one.pdf"), []byte("%PDF-1.4 the second run's only scan"), 0o644)
	os.WriteFile(filepath.Join(second, "notes.txt"), []byte("not a scan"), 0o644)
	out := filepath.Join(dir, "b.duckdb")
	code, sum, errOut := runEnv(context.Background(), t, nil, "run", "--sandbox", "--store", store, "-o", out, second)
	if code != 2 || !strings.Contains(sum, "notes.txt: unknown file type") {
		t.Fatalf("exit %d, want 2: %s%s", code, sum, errOut)
	}
	rows := query(t, out, "SELECT source_file FROM reports")
	if len(rows) != 1 || rows[0] != filepath.Join(second, "one.pdf") {
		t.Fatalf("reports %v: want only this run's scan", rows)
	}
}

func TestRunFlags(t *testing.T) {
	in := testutil.WriteScans(t, 1)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--sandbox", "--endpoint", "http://127.0.0.1:1/x", in}, "choose one"},
		{[]string{"run", "--sandbox", "--format", "csv", in}, "--format"},
		{[]string{"run", in}, "no API credentials"},
	} {
		code, _, errOut := runEnv(context.Background(), t, nil, c.args...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, want 1 with %q: %s", c.args, code, c.want, errOut)
		}
	}
}

// A store that got sandbox answers is a sandbox store: a real run on it is
// refused before any call (its cached answers would be taken for real).
func TestRunSandboxNeverMixesStores(t *testing.T) {
	_, endpoint := testSandbox(t, sandbox.Options{})
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	in := testutil.WriteScans(t, 1)
	code, _, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runEnv(context.Background(), t, testEnv, "run", "--store", store, "-o", filepath.Join(dir, "o.duckdb"), in)
	if code != 1 || !strings.Contains(errOut, "synthetic sandbox answers") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
