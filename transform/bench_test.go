package transform

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"creditetl/internal/benchutil"
	"creditetl/schema"
)

// BenchmarkTransform decodes and flattens synth corpora of 1,000 and 10,000
// reports read from disk, one report at a time, releasing batches as they
// fill: reports/s, MB/s of JSON, and peak memory (which must not grow with
// the number of reports).
//
//	go test ./transform -run '^$' -bench Transform -benchtime 1x
func BenchmarkTransform(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			benchutil.CorpusBench(b, n, func(dir string) {
				f := NewFlattener("bench", nil)
				defer f.Release()
				for i := 1; i <= n; i++ {
					data, err := os.ReadFile(filepath.Join(dir, "report-"+pad5(i)+".json"))
					if err != nil {
						b.Fatal(err)
					}
					rep, err := schema.Decode(data)
					if err != nil {
						b.Fatal(err)
					}
					f.Add(rep, Source{SHA256: "00"})
					if f.Buffered() >= 100_000 {
						for _, bt := range f.Flush() {
							bt.Record.Release()
						}
					}
				}
				for _, bt := range f.Flush() {
					bt.Record.Release()
				}
			})
		})
	}
}

// BenchmarkDecode is schema.Decode alone, on one typical report.
func BenchmarkDecode(b *testing.B) {
	dir, _, err := benchutil.Corpus(1000)
	if err != nil {
		b.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "report-00001.json"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := schema.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFlatten is the flattener alone, on one decoded report.
func BenchmarkFlatten(b *testing.B) {
	dir, _, err := benchutil.Corpus(1000)
	if err != nil {
		b.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "report-00001.json"))
	rep, err := schema.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	f := NewFlattener("bench", nil)
	defer f.Release()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f.Add(rep, Source{SHA256: "00"})
		if f.Buffered() >= 100_000 {
			for _, bt := range f.Flush() {
				bt.Record.Release()
			}
		}
	}
}

func pad5(i int) string {
	s := strconv.Itoa(i)
	for len(s) < 5 {
		s = "0" + s
	}
	return s
}
