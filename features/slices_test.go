package features_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"creditetl/features"
	"creditetl/internal/pipeline"
	"creditetl/internal/testutil"
)

// Computed in slices of reports (how a large run keeps DuckDB's memory
// flat), the features are the same rows, in the same report_id order, as
// computed at once.
func TestFeaturesInSlices(t *testing.T) {
	ctx := context.Background()
	flat := filepath.Join(t.TempDir(), "flat")
	in := []string{filepath.Join("..", "testdata", "synth"), fixtureDir}
	if _, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: in, Output: flat, Version: "test", NoFeatures: true}); err != nil {
		t.Fatal(err)
	}
	read := func(file string) []string {
		return testutil.QueryStrings(t, "", `SELECT CAST(f AS VARCHAR) FROM read_parquet('`+file+`') AS f`)
	}
	whole := filepath.Join(t.TempDir(), "whole.parquet")
	n, err := features.Engine{}.ComputeParquet(ctx, flat, whole, t.TempDir())
	if err != nil || n < 15 {
		t.Fatalf("%d rows, %v", n, err)
	}
	old := features.SliceReports
	features.SliceReports = 4
	defer func() { features.SliceReports = old }()
	sliced := filepath.Join(t.TempDir(), "sliced.parquet")
	if m, err := (features.Engine{}).ComputeParquet(ctx, flat, sliced, t.TempDir()); err != nil || m != n {
		t.Fatalf("%d rows, %v", m, err)
	}
	a, b := read(whole), read(sliced)
	if !slices.Equal(a, b) || !slices.IsSorted(a) {
		t.Errorf("sliced features differ or are out of order: %d and %d rows", len(a), len(b))
	}
}

// The same in a DuckDB file: table features rebuilt in slices equals the
// one built at once.
func TestComputeInFileSlices(t *testing.T) {
	ctx := context.Background()
	path := loadFixtures(t)
	db := openDB(t, path)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows := func() []string {
		var out []string
		r, err := conn.QueryContext(ctx, `SELECT CAST(f AS VARCHAR) FROM features AS f`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for r.Next() {
			var s string
			r.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	if err := features.Compute(ctx, conn); err != nil {
		t.Fatal(err)
	}
	whole := rows()
	old := features.SliceReports
	features.SliceReports = 2
	defer func() { features.SliceReports = old }()
	if err := features.Compute(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if sliced := rows(); !slices.Equal(whole, sliced) || len(whole) < 5 {
		t.Errorf("sliced %d rows, whole %d rows, equal %v", len(sliced), len(whole), slices.Equal(whole, sliced))
	}
	var views int
	conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal`).Scan(&views)
	if views != 0 {
		t.Errorf("%d temporary views left", views)
	}
}
