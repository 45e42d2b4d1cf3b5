package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"creditetl/internal/benchutil"
)

// BenchmarkParquetRepayments writes the repayments table of
// BenchmarkXLSXRepayments to a Parquet folder:
//
//	go test ./load -run '^$' -bench ParquetRepayments -benchtime 1x
func BenchmarkParquetRepayments(b *testing.B) {
	n := benchRows(b)
	for i := 0; i < b.N; i++ {
		peak := benchutil.WatchPeak()
		dir := filepath.Join(b.TempDir(), "out")
		s, err := OpenParquet(context.Background(), dir, "B1", Options{})
		if err != nil {
			b.Fatal(err)
		}
		writeRepayments(b, s, n)
		heap, rss := peak.Stop()
		fi, err := os.Stat(filepath.Join(dir, "repayments.parquet"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(rss, "peak-RSS-MiB")
		b.ReportMetric(heap, "peak-heap-MiB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "parquet-MiB")
	}
	b.ReportMetric(float64(n), "rows")
}
