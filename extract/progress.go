package extract

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// ProgressState is a snapshot of a run, for a progress display.
type ProgressState struct {
	Done, Total                 int // distinct scans handled / to handle
	OK, Cached, Failed, Skipped int
	Retries, Calls, Paid        int64
}

// Progress shows how a run goes. Start is called once with the number of
// distinct scans and a snapshot function that is safe to call from any
// goroutine; Event after each scan is done (from worker goroutines);
// Finish once at the end, before the summary is printed.
type Progress interface {
	Start(total int, snapshot func() ProgressState)
	Event()
	Finish()
}

// NoProgress shows nothing.
type NoProgress struct{}

func (NoProgress) Start(int, func() ProgressState) {}
func (NoProgress) Event()                          {}
func (NoProgress) Finish()                         {}

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

// halt stops the ticker; false when it was never started.
func (k *ticker) halt() bool {
	if k.stop == nil {
		return false
	}
	close(k.stop)
	k.done.Wait()
	return true
}

// NewLogProgress writes a line every interval (and one at the end) to w:
// for logs and pipes, where a live bar would be noise.
func NewLogProgress(w io.Writer, interval time.Duration) Progress {
	if interval <= 0 {
		interval = 5 * time.Second
	}
	return &logProgress{w: w, interval: interval}
}

type logProgress struct {
	w        io.Writer
	interval time.Duration
	snap     func() ProgressState
	start    time.Time
	ticker
}

func (p *logProgress) Start(total int, snap func() ProgressState) {
	p.snap, p.start = snap, time.Now()
	p.every(p.interval, p.line)
}

func (p *logProgress) line() {
	s := p.snap()
	el := time.Since(p.start)
	rate := float64(s.Done) / el.Seconds()
	eta := "?"
	if rate > 0 && s.Total >= s.Done {
		eta = time.Duration(float64(s.Total-s.Done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "extract: %d/%d done (%d stored, %d cached, %d failed, %d skipped), %d retries, %.2f files/s, ETA %s\n",
		s.Done, s.Total, s.OK, s.Cached, s.Failed, s.Skipped, s.Retries, rate, eta)
}

func (p *logProgress) Event() {}

func (p *logProgress) Finish() {
	if p.halt() {
		p.line()
	}
}

// NewBarProgress draws a live bar on a terminal w: done/total, rate, ETA,
// failures and retries.
func NewBarProgress(w io.Writer) Progress { return &barProgress{w: w} }

type barProgress struct {
	w    io.Writer
	bar  *progressbar.ProgressBar
	snap func() ProgressState
	mu   sync.Mutex
	ticker
}

func (p *barProgress) Start(total int, snap func() ProgressState) {
	p.snap, p.stop = snap, make(chan struct{})
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("extract"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
	p.every(time.Second, p.Event) // redraws while calls are slow, so the rate and ETA move
}

func (p *barProgress) Event() {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snap()
	p.bar.Describe(fmt.Sprintf("failed %d, retries %d", s.Failed, s.Retries))
	if s.Done < s.Total {
		p.bar.Set(s.Done)
	}
}

func (p *barProgress) Finish() {
	if !p.halt() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snap()
	p.bar.Describe(fmt.Sprintf("failed %d, retries %d", s.Failed, s.Retries))
	if s.Done >= s.Total {
		p.bar.Finish()
	} else {
		p.bar.Exit()
		fmt.Fprintln(p.w)
	}
}
