package pipeline_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"creditetl/internal/benchutil"
	"creditetl/internal/pipeline"
)

// BenchmarkLoadDuckDB runs the whole load into a new DuckDB file (read,
// decode, flatten in parallel, the Parquet spool, the inserts in one
// transaction, the commit) on synth corpora of 1,000 and 10,000 reports,
// with the features and without them: reports/s, MB/s of JSON, and peak
// memory.
//
//	go test ./internal/pipeline -run '^$' -bench LoadDuckDB -benchtime 1x
func BenchmarkLoadDuckDB(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, features := range []bool{true, false} {
			name := strconv.Itoa(n)
			if !features {
				name += "-no-features"
			}
			b.Run(name, func(b *testing.B) {
				benchutil.CorpusBench(b, n, func(dir string) {
					out := filepath.Join(b.TempDir(), "bench.duckdb")
					sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir}, Output: out, Version: "bench", NoFeatures: !features})
					if err != nil {
						b.Fatal(err)
					}
					if sum.Reports != int64(n) {
						b.Fatalf("loaded %d reports", sum.Reports)
					}
				})
			})
		}
	}
}
