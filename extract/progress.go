package extract

import (
	"fmt"
	"io"
	"time"

	"creditetl/internal/progress"
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

// NewProgress shows a run on w in the given mode (a bar, log lines, off,
// or auto: a bar on a terminal, else log lines).
func NewProgress(mode progress.Mode, w io.Writer) Progress {
	return &display{d: progress.New(mode, w, progress.Spec{Name: "extract", Unit: "files"})}
}

// NewLogProgress writes a line every interval (and one at the end) to w:
// for logs and pipes, where a live bar would be noise.
func NewLogProgress(w io.Writer, interval time.Duration) Progress {
	return &display{d: progress.New(progress.Log, w, progress.Spec{Name: "extract", Unit: "files", Interval: interval})}
}

// NewBarProgress draws a live bar on a terminal w: done/total, rate, ETA,
// failures and retries.
func NewBarProgress(w io.Writer) Progress {
	return &display{d: progress.New(progress.Bar, w, progress.Spec{Name: "extract", Unit: "files"})}
}

// display shows a run through the shared progress display.
type display struct{ d progress.Display }

func (p *display) Start(total int, snap func() ProgressState) {
	p.d.Start(func() progress.Snapshot {
		s := snap()
		return progress.Snapshot{Done: int64(s.Done), Total: int64(total),
			Detail: fmt.Sprintf("%d stored, %d cached, %d failed, %d skipped, %d retries", s.OK, s.Cached, s.Failed, s.Skipped, s.Retries)}
	})
}

func (p *display) Event()  { p.d.Update() }
func (p *display) Finish() { p.d.Finish() }
