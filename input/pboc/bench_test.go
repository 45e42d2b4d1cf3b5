package pboc_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"creditetl/input"
	"creditetl/internal/benchutil"
	"creditetl/transform"
)

// BenchmarkLoadPerMB compares the transform speed (decode + flatten, as the
// pipeline does per report) of interface reports and OCR answers per MB of
// JSON: the 19 real interface reports (16 MB) against 200 synth OCR answers
// (about the same size), both read into memory first. The target: interface
// reports within 1.5× of OCR answers per MB.
//
//	go test ./input/pboc -run '^$' -bench LoadPerMB -benchtime 5x
func BenchmarkLoadPerMB(b *testing.B) {
	var iface [][]byte
	for _, fx := range fixtures(b) {
		iface = append(iface, fx.data)
	}
	dir, _, err := benchutil.Corpus(200)
	if err != nil {
		b.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var ocr [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		ocr = append(ocr, data)
	}
	for _, c := range []struct {
		name    string
		reports [][]byte
	}{{"interface", iface}, {"ocr", ocr}} {
		b.Run(c.name, func(b *testing.B) {
			var size int64
			for _, r := range c.reports {
				size += int64(len(r))
			}
			runtime.GC()
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				f := transform.NewFlattener("bench", nil)
				for _, data := range c.reports {
					rep, format, err := input.Decode(data, input.Auto)
					if err != nil || format != c.name {
						b.Fatalf("%s: %v", format, err)
					}
					f.Add(rep, transform.Source{Format: format, SHA256: "00"})
					if f.Buffered() >= 100_000 {
						for _, bt := range f.Flush() {
							bt.Record.Release()
						}
					}
				}
				for _, bt := range f.Flush() {
					bt.Record.Release()
				}
				f.Release()
			}
			b.ReportMetric(float64(len(c.reports)*b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// BenchmarkDecode is pboc.Decode alone, on the largest real report (1.9 MB).
func BenchmarkDecode(b *testing.B) {
	var data []byte
	for _, fx := range fixtures(b) {
		if len(fx.data) > len(data) {
			data = fx.data
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := input.Decode(data, input.Interface); err != nil {
			b.Fatal(err)
		}
	}
}
