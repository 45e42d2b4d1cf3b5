package pipeline_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"creditetl/extract"
	"creditetl/internal/pipeline"
	"creditetl/internal/testutil"
	"creditetl/sandbox"
)

// sandboxRun is the options of a run against a sandbox served by the test.
func sandboxRun(t *testing.T, scans, output string) (pipeline.RunOptions, *sandbox.Server) {
	t.Helper()
	creds := extract.NewCredentials("test-id", "test-key")
	srv, err := sandbox.New(sandbox.Options{Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return pipeline.RunOptions{
		Extract: extract.Options{
			Inputs: []string{scans}, Store: filepath.Join(t.TempDir(), "store"), Endpoint: hs.URL + sandbox.Path,
			Credentials: creds, Synthetic: true, RetryWait: time.Millisecond, MaxWait: time.Millisecond,
		},
		Load: pipeline.LoadOptions{Output: output, Version: "test"},
	}, srv
}

// Run extracts, loads the run's answers with their features, and says so.
func TestRunExtractsAndLoads(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.duckdb")
	o, _ := sandboxRun(t, testutil.WriteScans(t, 3), out)
	var extracted bool
	o.Extracted = func(*extract.Summary) { extracted = true }
	rs, err := pipeline.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !extracted || rs.Extract.Paid != 3 || rs.Load.Reports != 3 || rs.Load.FeatureRows != 3 {
		t.Fatalf("extract %+v, load %+v", rs.Extract, rs.Load)
	}
	if got := testutil.QueryStrings(t, out, `SELECT count(*)::VARCHAR FROM features`); got[0] != "3" {
		t.Errorf("features: %q", got)
	}
}

// A run whose output cannot be written fails before the first API call:
// nothing is paid, nothing is stored.
func TestRunChecksOutputBeforePaying(t *testing.T) {
	dir := t.TempDir()
	exists := filepath.Join(dir, "exists.xlsx")
	os.WriteFile(exists, []byte("an earlier workbook"), 0o644)
	for name, output := range map[string]string{
		"unknown extension": filepath.Join(dir, "r.csv"),
		"existing workbook": exists,
		"no such folder":    filepath.Join(dir, "missing", "r.duckdb"),
		"not a DuckDB file": filepath.Join(dir, "notes.duckdb"),
	} {
		t.Run(name, func(t *testing.T) {
			if filepath.Base(output) == "notes.duckdb" {
				os.WriteFile(output, []byte("plain text, not DuckDB"), 0o644)
			}
			o, srv := sandboxRun(t, testutil.WriteScans(t, 2), output)
			_, err := pipeline.Run(context.Background(), o)
			if err == nil || errors.Is(err, pipeline.ErrPartial) {
				t.Fatalf("run: %v", err)
			}
			if c := srv.Counts(); c.Requests != 0 {
				t.Errorf("%d API calls before the output was found unwritable: %v", c.Requests, err)
			}
			if _, serr := os.Stat(o.Extract.Store); serr == nil {
				t.Errorf("a store was made: %v", err)
			}
		})
	}
}
