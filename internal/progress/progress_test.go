package progress

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestLine(t *testing.T) {
	for _, c := range []struct {
		spec Spec
		snap Snapshot
		want string
	}{
		{Spec{Name: "load", Unit: "bytes"}, Snapshot{Done: 12e6, Total: 48e6, Detail: "30 reports"}, "load: 12.0/48.0 MB (30 reports), 6.0 MB/s, ETA 6s"},
		{Spec{Name: "load", Unit: "bytes"}, Snapshot{Done: 2e6}, "load: 2.0 MB, 1.0 MB/s"},
		{Spec{Name: "extract", Unit: "files"}, Snapshot{Done: 3, Total: 10, Detail: "1 failed"}, "extract: 3/10 files (1 failed), 1.50 files/s, ETA 5s"},
	} {
		if got := Line(c.spec, c.snap, 2*time.Second); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

// Log lines come every interval; the last one only after a stage that had
// one (a short stage's summary says it all); Off and quiet write nothing.
func TestLogLines(t *testing.T) {
	var buf lockedBuf
	d := New(Log, &buf, Spec{Name: "load", Unit: "steps", Interval: 5 * time.Millisecond})
	var mu sync.Mutex
	done := int64(0)
	d.Start(func() Snapshot { mu.Lock(); defer mu.Unlock(); return Snapshot{Done: done, Total: 4} })
	for !strings.Contains(buf.String(), "load: 0/4 steps") {
		time.Sleep(time.Millisecond)
	}
	mu.Lock()
	done = 4
	mu.Unlock()
	d.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.HasPrefix(lines[len(lines)-1], "load: 4/4 steps") {
		t.Fatalf("last line %q", lines[len(lines)-1])
	}

	buf = lockedBuf{}
	d = New(Log, &buf, Spec{Name: "load", Unit: "steps", Interval: time.Hour})
	d.Start(func() Snapshot { return Snapshot{Done: 1, Total: 1} })
	d.Finish()
	if buf.String() != "" {
		t.Fatalf("a short stage wrote %q", buf.String())
	}
	d = New(Off, &buf, Spec{Name: "x"})
	d.Start(func() Snapshot { return Snapshot{} })
	d.Update()
	d.Finish()
	if buf.String() != "" {
		t.Fatalf("off wrote %q", buf.String())
	}
}

func TestBar(t *testing.T) {
	var buf lockedBuf
	d := New(Bar, &buf, Spec{Name: "features", Unit: "steps"})
	snap := Snapshot{Done: 6, Total: 6, Detail: "table features"}
	d.Start(func() Snapshot { return snap })
	d.Update()
	d.Finish()
	if out := buf.String(); !strings.Contains(out, "6/6") || !strings.Contains(out, "features: table features") {
		t.Fatalf("bar: %q", out)
	}
	// Auto is a bar on a terminal only: a buffer gets log lines.
	if Auto.Resolve(&buf) != Log {
		t.Fatal("auto on a buffer is not log")
	}
	if _, err := ParseMode("loud"); err == nil {
		t.Fatal("--progress loud accepted")
	}
}

func TestSteps(t *testing.T) {
	Step(context.Background(), "features", 1, 2, "a") // no Steps: nothing happens
	var got []string
	ctx := WithSteps(context.Background(), func(stage string, i, n int, what string) {
		got = append(got, stage+" "+what)
	})
	Step(ctx, "features", 1, 2, "sql/queries.sql")
	if len(got) != 1 || got[0] != "features sql/queries.sql" {
		t.Fatalf("steps %q", got)
	}
}
