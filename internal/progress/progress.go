package progress

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Snapshot is what a display shows of a stage: Done of Total units (Total
// 0 when it is not known), and a few words of detail ("3 failed, 2
// retries"). The snapshot function a display is started with is called
// from the display's own goroutine and must be safe for that.
type Snapshot struct {
	Done, Total int64
	Detail      string
}

// Display shows how a stage goes. Start is called once, Update whenever
// something happened (from any goroutine; a display may redraw or ignore
// it), Finish once at the end, before the stage's summary is printed.
type Display interface {
	Start(snap func() Snapshot)
	Update()
	Finish()
}

// Mode is how progress is shown.
type Mode string

// The modes of --progress.
const (
	Auto Mode = "auto" // a bar on a terminal, else log lines
	Bar  Mode = "bar"  // a live bar
	Log  Mode = "log"  // a line every few seconds
	Off  Mode = "off"  // nothing
)

// ParseMode reads --progress.
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case Auto, Bar, Log, Off:
		return Mode(s), nil
	case "none":
		return Off, nil
	}
	return "", fmt.Errorf("--progress %q: want auto, bar, log or off", s)
}

// Resolve turns Auto into Bar when w is a terminal, else Log.
func (m Mode) Resolve(w io.Writer) Mode {
	if m != Auto {
		return m
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return Bar
	}
	return Log
}

// Spec describes a stage for its display.
type Spec struct {
	Name string // "load", "extract", "features": the first word of every line
	Unit string // what Done counts: "files", "steps"; "bytes" shows sizes
	// Interval between log lines (default 5s).
	Interval time.Duration
}

func (s Spec) bytes() bool { return s.Unit == "bytes" }

// New makes the display of a stage in the given mode, writing to w.
func New(mode Mode, w io.Writer, s Spec) Display {
	if s.Interval <= 0 {
		s.Interval = 5 * time.Second
	}
	switch mode.Resolve(w) {
	case Bar:
		return &bar{w: w, spec: s}
	case Log:
		return &logLines{w: w, spec: s}
	}
	return None{}
}

// None shows nothing.
type None struct{}

func (None) Start(func() Snapshot) {}
func (None) Update()               {}
func (None) Finish()               {}

// ticker calls a function at an interval until halted.
type ticker struct {
	stop chan struct{}
	done sync.WaitGroup
}

func (k *ticker) every(d time.Duration, f func()) {
	k.stop = make(chan struct{})
	k.done.Add(1)
	go func() {
		defer k.done.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-k.stop:
				return
			case <-t.C:
				f()
			}
		}
	}()
}

// halt stops the ticker; false when it was never started (or already
// halted).
func (k *ticker) halt() bool {
	if k.stop == nil {
		return false
	}
	close(k.stop)
	k.done.Wait()
	k.stop = nil
	return true
}

// logLines writes a line every interval (and one at the end): for logs and
// pipes, where a live bar would be noise.
type logLines struct {
	w     io.Writer
	spec  Spec
	snap  func() Snapshot
	start time.Time
	mu    sync.Mutex
	lines int
	ticker
}

func (p *logLines) Start(snap func() Snapshot) {
	p.snap, p.start = snap, time.Now()
	p.every(p.spec.Interval, p.line)
}

// Line formats a snapshot as a log line: "load: 12.0/48.0 MB (30 reports),
// 6.0 MB/s, ETA 6s" or "extract: 3/10 files (…), 0.50 files/s, ETA 14s".
func Line(s Spec, snap Snapshot, elapsed time.Duration) string {
	rate := float64(snap.Done) / elapsed.Seconds()
	eta := "?"
	if rate > 0 && snap.Total >= snap.Done {
		eta = time.Duration(float64(snap.Total-snap.Done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	var done, total, speed string
	if s.bytes() {
		done, total, speed = mb(snap.Done), mb(snap.Total), fmt.Sprintf("%.1f MB/s", rate/1e6)
		if snap.Total > 0 {
			done += "/" + total
		}
		done += " MB"
	} else {
		done, speed = fmt.Sprint(snap.Done), fmt.Sprintf("%.2f %s/s", rate, s.Unit)
		if snap.Total > 0 {
			done += fmt.Sprintf("/%d", snap.Total)
		}
		done += " " + s.Unit
	}
	line := s.Name + ": " + done
	if snap.Detail != "" {
		line += " (" + snap.Detail + ")"
	}
	line += ", " + speed
	if snap.Total > 0 {
		line += ", ETA " + eta
	}
	return line
}

func mb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }

func (p *logLines) line() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, Line(p.spec, p.snap(), time.Since(p.start)))
	p.lines++
}

func (p *logLines) Update() {}

// Finish writes the last line, when the stage lasted long enough to have
// had one: a short stage's summary says it all.
func (p *logLines) Finish() {
	if p.halt() && p.lines > 0 {
		p.line()
	}
}

// bar draws a live bar on a terminal: done/total, rate, ETA and the detail.
type bar struct {
	w    io.Writer
	spec Spec
	bar  *progressbar.ProgressBar
	snap func() Snapshot
	mu   sync.Mutex
	ticker
}

func (p *bar) Start(snap func() Snapshot) {
	p.snap = snap
	total := snap().Total
	if total <= 0 {
		total = -1 // a spinner
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.spec.Name),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(200 * time.Millisecond),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	}
	if p.spec.bytes() {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionSetItsString(p.spec.Unit))
	}
	p.bar = progressbar.NewOptions64(total, opts...)
	p.every(time.Second, p.Update) // redraws while nothing happens, so the rate and ETA move
}

func (p *bar) Update() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	s := p.snap()
	p.bar.Describe(describe(p.spec, s))
	if s.Total > 0 && s.Total != p.bar.GetMax64() {
		p.bar.ChangeMax64(s.Total)
	}
	if s.Total <= 0 || s.Done < s.Total {
		p.bar.Set64(s.Done)
	}
}

func describe(s Spec, snap Snapshot) string {
	if snap.Detail == "" {
		return s.Name
	}
	return s.Name + ": " + snap.Detail
}

func (p *bar) Finish() {
	if !p.halt() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snap()
	p.bar.Describe(describe(p.spec, s))
	if s.Total > 0 && s.Done >= s.Total {
		p.bar.Set64(s.Total)
		p.bar.Finish()
	} else {
		p.bar.Exit()
		fmt.Fprintln(p.w)
	}
}

// Steps hears of the steps of a long operation that a stage runs (the
// features' SQL files, the sheets of a workbook): step i (1-based) of n,
// named what. It may be called from any goroutine.
type Steps func(stage string, i, n int, what string)

type stepsKey struct{}

// WithSteps returns a context whose operations report their steps to fn.
func WithSteps(ctx context.Context, fn Steps) context.Context {
	return context.WithValue(ctx, stepsKey{}, fn)
}

// Step reports step i of n of a stage to the context's Steps, if any.
func Step(ctx context.Context, stage string, i, n int, what string) {
	if fn, ok := ctx.Value(stepsKey{}).(Steps); ok && fn != nil {
		fn(stage, i, n, what)
	}
}
