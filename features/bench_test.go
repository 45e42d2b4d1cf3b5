package features_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"creditetl/features"
	"creditetl/internal/benchutil"
	"creditetl/internal/pipeline"
	featuresql "creditetl/sql"
)

// benchReports is the size of the synthetic corpus the feature benchmarks
// run on: 10,000 reports, or CREDITETL_BENCH_REPORTS.
func benchReports(b *testing.B) int {
	n := 10_000
	if s := os.Getenv("CREDITETL_BENCH_REPORTS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			b.Fatalf("CREDITETL_BENCH_REPORTS=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// synthDuckDB is a DuckDB file of synth reports 1..n (seed 1), loaded as
// creditetl synth -n N then creditetl load do, once: the file is kept under
// the system temp dir beside the shared corpus and reused by later runs.
func synthDuckDB(b *testing.B, n int) string {
	b.Helper()
	out := filepath.Join(os.TempDir(), fmt.Sprintf("creditetl-bench-features-%d.duckdb", n))
	if _, err := os.Stat(out); err == nil {
		return out
	}
	start := time.Now()
	corpus, _, err := benchutil.Corpus(n)
	if err != nil {
		b.Fatal(err)
	}
	// A new file is built under a temporary name and renamed when the load
	// commits, so out is either complete or absent.
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{corpus}, Output: out, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d reports, %d repayment cells, %d accounts, %d queries loaded in %s",
		sum.Reports, sum.Rows["repayments"], sum.Rows["accounts"], sum.Rows["queries"], time.Since(start).Round(time.Millisecond))
	return out
}

// BenchmarkFeaturesDuckDB times creditetl features on a DuckDB file of
// synthetic reports (10,000 by default): one op is one full rebuild of table
// features.
//
//	go test ./features -run '^$' -bench Features -benchtime 3x
func BenchmarkFeaturesDuckDB(b *testing.B) {
	n := benchReports(b)
	db := synthDuckDB(b, n)
	ctx := context.Background()
	var res *features.Result
	for b.Loop() {
		var err error
		if res, err = features.RunDuckDB(ctx, db, features.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if res.Reports != int64(n) || res.Features != len(featuresql.Dictionary()) {
		b.Fatalf("%d rows, %d features", res.Reports, res.Features)
	}
	b.ReportMetric(float64(res.Reports), "reports")
	b.ReportMetric(float64(res.Features), "features")
}

// BenchmarkFeaturesParquet times the same over a Parquet folder of the same
// reports (views over read_parquet, features.parquet written).
func BenchmarkFeaturesParquet(b *testing.B) {
	n := benchReports(b)
	dir := parquetFolder(b, synthDuckDB(b, n))
	ctx := context.Background()
	var res *features.Result
	for b.Loop() {
		var err error
		if res, err = features.RunParquet(ctx, dir, features.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Reports), "reports")
	b.ReportMetric(float64(res.Features), "features")
}
