package load

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"creditetl/internal/benchutil"
	"creditetl/schema"
)

// benchRows is the size of the repayments table of the benchmarks:
// CREDITETL_BENCH_ROWS, else 2,000,000 (more than one Excel sheet holds).
func benchRows(b *testing.B) int {
	if s := os.Getenv("CREDITETL_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("CREDITETL_BENCH_ROWS: %v", err)
		}
		return n
	}
	return 2_000_000
}

// writeRepayments sends n repayment rows (about 280 a report, 12 a year
// block, like synthetic reports) through the sink in batches of 100,000,
// the pipeline's batch size, then the loads row, and commits.
func writeRepayments(b *testing.B, s Sink, n int) {
	ctx := context.Background()
	tb := schema.TableByName("repayments")
	bb := schema.NewBatchBuilder(tb, nil)
	defer bb.Release()
	row := make([]schema.Value, len(tb.Columns))
	col := func(name string) int {
		i := tb.Col(name)
		if i < 0 {
			b.Fatalf("repayments has no column %s", name)
		}
		return i
	}
	rid, aid, typ, per, yr, mo, st, amt, dseq, mseq, lid := col("report_id"), col("account_id"), col("account_type"), col("period"),
		col("year"), col("month"), col("state"), col("amount"), col("detail_seq"), col("month_seq"), col("load_id")
	states := []string{"N", "N", "N", "N", "1", "*", "#", "2", "N", "N", "C", "N"}
	for i := 0; i < n; i++ {
		report := i / 280
		acct := (i % 280) / 40
		m := i % 40
		row[rid] = text(fmt.Sprintf("R%07d", report))
		row[aid] = text(fmt.Sprintf("R%07d:D1:%d", report, acct+1))
		row[typ] = text("D1")
		row[per] = num(int64(16071 + m*30))
		row[yr] = num(int64(2014 + m/12))
		row[mo] = num(int64(m%12 + 1))
		row[st] = text(states[i%len(states)])
		row[amt] = num(int64(i%100_000) * 137)
		row[dseq] = num(int64(m/12 + 1))
		row[mseq] = num(int64(m%12 + 1))
		row[lid] = text("B1")
		bb.Append(row)
		if bb.Len() == 100_000 {
			if err := s.Write(ctx, bb.NewBatch()); err != nil {
				b.Fatal(err)
			}
		}
	}
	if bb.Len() > 0 {
		if err := s.Write(ctx, bb.NewBatch()); err != nil {
			b.Fatal(err)
		}
	}
	lb := schema.NewBatchBuilder(schema.TableByName("loads"), nil)
	defer lb.Release()
	lrow := make([]schema.Value, len(lb.Table.Columns))
	lrow[0] = text("B1")
	lb.Append(lrow)
	if err := s.Write(ctx, lb.NewBatch()); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Commit(ctx); err != nil {
		b.Fatal(err)
	}
}

// sheetsOf lists the worksheet parts of a workbook without loading them.
func sheetsOf(b *testing.B, path string) int {
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			n++
		}
	}
	return n
}

// BenchmarkXLSXRepayments writes a 2,000,000-row repayments table to a
// workbook (spool, features, sheets repayments and repayments_2) and
// reports the peak resident memory of the process. Run it alone:
//
//	go test ./load -run '^$' -bench XLSXRepayments -benchtime 1x
func BenchmarkXLSXRepayments(b *testing.B) {
	n := benchRows(b)
	for i := 0; i < b.N; i++ {
		peak := benchutil.WatchPeak()
		path := filepath.Join(b.TempDir(), "big.xlsx")
		s, err := OpenXLSX(context.Background(), path, "B1", Options{})
		if err != nil {
			b.Fatal(err)
		}
		writeRepayments(b, s, n)
		heap, rss := peak.Stop()
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(rss, "peak-RSS-MiB")
		b.ReportMetric(heap, "peak-heap-MiB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "xlsx-MiB")
		b.ReportMetric(float64(sheetsOf(b, path)), "sheets")
	}
	b.ReportMetric(float64(n), "rows")
}
