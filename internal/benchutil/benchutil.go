// Package benchutil holds what the benchmarks of several stages share: a
// cached synthetic corpus on disk and a peak-memory sampler. Tests and
// benchmarks only.
package benchutil

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"creditetl/synth"
)

// Corpus returns a directory holding synth reports 1..n of seed 1, written
// once under the system temp dir and reused by later runs. It also returns
// the corpus size in bytes.
func Corpus(n int) (dir string, bytes int64, err error) {
	dir = filepath.Join(os.TempDir(), fmt.Sprintf("creditetl-bench-corpus-%d", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		if err := synth.WriteCorpus(dir, n, 1, false); err != nil {
			return "", 0, err
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			return "", 0, err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", 0, err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			info, err := e.Info()
			if err != nil {
				return "", 0, err
			}
			bytes += info.Size()
		}
	}
	return dir, bytes, nil
}

// Peak samples the Go heap and the process RSS until Stop.
type Peak struct {
	stop     chan struct{}
	wg       sync.WaitGroup
	heap     uint64
	rss      uint64
	sample   []metrics.Sample
	interval time.Duration
}

// WatchPeak starts sampling every 5 ms.
func WatchPeak() *Peak {
	p := &Peak{stop: make(chan struct{}), interval: 5 * time.Millisecond,
		sample: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(p.interval)
		defer t.Stop()
		for {
			p.take()
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *Peak) take() {
	metrics.Read(p.sample)
	if v := p.sample[0].Value.Uint64(); v > p.heap {
		p.heap = v
	}
	if r := rss(); r > p.rss {
		p.rss = r
	}
}

// Stop ends sampling and returns the peaks in MiB: live Go heap, and the
// process RSS (which includes DuckDB's memory outside the Go heap).
func (p *Peak) Stop() (heapMiB, rssMiB float64) {
	close(p.stop)
	p.wg.Wait()
	return float64(p.heap) / (1 << 20), float64(p.rss) / (1 << 20)
}

// rss reads VmRSS from /proc/self/status (0 where there is no /proc).
func rss() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// CorpusBench runs body over the synth corpus of n reports once per
// iteration and reports reports/s, MB/s of JSON and the peak memory. The
// 10,000-report corpora are skipped under -short.
func CorpusBench(b *testing.B, n int, body func(dir string)) {
	if testing.Short() && n > 1000 {
		b.Skip("more than 1,000 reports: not with -short")
	}
	dir, size, err := Corpus(n)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.SetBytes(size)
	b.ResetTimer()
	peak := WatchPeak()
	for b.Loop() {
		body(dir)
	}
	heap, rss := peak.Stop()
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(heap, "peak-heap-MiB")
	b.ReportMetric(rss, "peak-RSS-MiB")
}
