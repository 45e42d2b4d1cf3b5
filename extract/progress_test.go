package extract

import (
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestLogProgress(t *testing.T) {
	var buf lockedBuf
	p := NewLogProgress(&buf, 5*time.Millisecond)
	var mu sync.Mutex
	st := ProgressState{Total: 10}
	p.Start(10, func() ProgressState { mu.Lock(); defer mu.Unlock(); return st })
	for !strings.Contains(buf.String(), "0/10 files") {
		time.Sleep(time.Millisecond)
	}
	mu.Lock()
	st = ProgressState{Total: 10, Done: 10, OK: 8, Failed: 1, Cached: 1, Retries: 3}
	mu.Unlock()
	p.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "extract: 10/10 files (8 stored, 1 cached, 1 failed, 0 skipped, 3 retries)") {
		t.Fatalf("last line %q", last)
	}
}

func TestBarProgress(t *testing.T) {
	var buf lockedBuf
	p := NewBarProgress(&buf)
	st := ProgressState{Total: 4, Done: 4, Failed: 1, Retries: 2}
	p.Start(4, func() ProgressState { return st })
	p.Event()
	p.Finish()
	out := buf.String()
	if !strings.Contains(out, "4/4") || !strings.Contains(out, "1 failed, 0 skipped, 2 retries") {
		t.Fatalf("bar: %q", out)
	}
	NoProgress{}.Start(1, nil)
	NoProgress{}.Finish()
}
