package pipeline_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"creditetl/internal/benchutil"
	"creditetl/internal/pipeline"
)

// BenchmarkLoadDuckDB runs the whole load (read, decode, flatten, DuckDB
// Appender, one transaction) on synth corpora of 1,000 and 10,000 reports:
// reports/s, MB/s of JSON, and peak memory.
//
//	go test ./load -run '^$' -bench LoadDuckDB -benchtime 1x
func BenchmarkLoadDuckDB(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchutil.CorpusBench(b, n, func(dir string) {
				out := filepath.Join(b.TempDir(), "bench.duckdb")
				sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir}, Output: out, Version: "bench"})
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
