package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"creditetl/features"
	"creditetl/input"
	"creditetl/internal/progress"
	"creditetl/load"
	"creditetl/schema"
	"creditetl/transform"
)

// LoadOptions configure a load run.
type LoadOptions struct {
	Inputs  []string
	Output  string
	Format  string // "" = by the extension of Output
	Version string
	Now     func() time.Time
	Log     *slog.Logger
	// Stores recognises extract store directories among the inputs; nil
	// reads them with ReadStore.
	Stores StoreReader
	// Sink are the writer settings (compression, overwrite, headers); the
	// pipeline sets its Features and Log.
	Sink load.Options
	// NoFeatures leaves table features out (a DuckDB file drops the
	// features of the reports it loads, so none is ever stale).
	NoFeatures bool
	// Workers decode reports in parallel (default GOMAXPROCS).
	Workers int
	// InputFormat is the input format of every report, or "" / auto to
	// detect it per report (package input).
	InputFormat string
	// Privacy pseudonymises or drops the personal columns (--pii).
	Privacy transform.Privacy
	// Stdin is read for the INPUT "-".
	Stdin io.Reader
	// Progress shows the run (bytes of input read, then the commit's
	// steps); nil shows nothing.
	Progress progress.Display
}

// Failure is an input that could not be loaded.
type Failure struct {
	File   string
	Line   int
	Reason string
}

func (f Failure) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Reason)
	}
	return fmt.Sprintf("%s: %s", f.File, f.Reason)
}

// Summary is what a load run did.
type Summary struct {
	LoadID, Output, Format string
	Started, Finished      time.Time
	Reports                int64
	Replaced               int64
	// Duplicates are answers seen twice in the run: the same report, the
	// same content (compared in a canonical form, so an answer saved again
	// with other whitespace, key order or escapes is the same answer).
	Duplicates int64
	Bytes      int64 // JSON bytes read
	Rows       map[string]int64
	Rejects    int64
	Unknown    int64
	Failures   []Failure
	// FeatureRows are the rows of table features written (0 when the
	// format carries none or NoFeatures); FeaturesRebuilt says the whole
	// table was recomputed.
	FeatureRows     int64
	FeaturesRebuilt bool
	// Warnings are problems after the commit that did not undo it.
	Warnings []string
	// Stores are the input folders read as extract stores, with their
	// number of answers.
	Stores []string
}

// ErrPartial is returned (wrapped) when the run finished but some inputs failed.
var ErrPartial = errors.New("some inputs failed")

// NewLoadID names a run by its start time (UTC, microseconds) and a random
// suffix, so two runs never share an id even with a frozen clock.
func NewLoadID(t time.Time) string {
	var b [3]byte
	rand.Read(b[:])
	return t.UTC().Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(b[:])
}

// A chunk of answers is read and decoded together: at most chunkSize
// answers, and no more answers once it holds chunkBytes (one larger answer
// is a chunk of its own). A few chunks are in flight at a time, so the
// memory the inputs take is bounded whatever they are.
const (
	chunkSize  = 32
	chunkBytes = 16 << 20
)

// Load reads the inputs, transforms every report and writes all tables to the
// output in one transaction. Bad inputs are recorded and skipped; a fatal
// error (the output cannot be written) aborts and leaves no output behind.
func Load(ctx context.Context, opts LoadOptions) (sum *Summary, err error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Stores == nil {
		opts.Stores = ReadStore
	}
	if opts.Progress == nil {
		opts.Progress = progress.None{}
	}
	defer func() {
		// Stopped (Ctrl-C) before the commit: say what became of the output.
		if err != nil && ctx.Err() != nil && (sum == nil || sum.Finished.IsZero()) {
			if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
				err = fmt.Errorf("%w (%w)", err, ctx.Err())
			}
			err = fmt.Errorf("stopped before its commit: nothing was written, %s is as it was: %w", opts.Output, err)
		}
	}()
	format, err := load.FormatFor(opts.Output, opts.Format)
	if err != nil {
		return nil, err
	}
	if err := input.CheckName(opts.InputFormat); err != nil {
		return nil, err
	}
	if err := opts.Privacy.Check(); err != nil {
		return nil, err
	}
	// The inputs are checked before the output is opened: a path that does
	// not exist, or inputs without a single answer, write nothing.
	stats, err := checkInputs(ctx, opts.Inputs, opts.Stores)
	if err != nil {
		return nil, err
	}
	if stats.candidates == 0 {
		return nil, fmt.Errorf("%w: %s hold no .json, .jsonl or .ndjson file and no extract store answer; nothing was written", ErrNoReports, strings.Join(opts.Inputs, ", "))
	}
	opts.Log.Debug("inputs", "files", stats.candidates, "bytes", stats.bytes, "output", opts.Output, "format", format.Name)
	sum = &Summary{Started: opts.Now().UTC(), Output: opts.Output, Format: format.Name, Rows: map[string]int64{}, Stores: stats.stores}
	sum.LoadID = NewLoadID(sum.Started)
	sink, err := format.Open(ctx, opts.Output, sum.LoadID, sinkOptions(opts, format))
	if err != nil {
		return nil, err
	}
	if err := run(ctx, opts, sum, sink, stats); err != nil {
		if aerr := sink.Abort(); aerr != nil {
			opts.Log.Warn("abort", "err", aerr)
		}
		sum.Finished = time.Time{}
		return sum, err
	}
	opts.Log.Debug("committed", "load_id", sum.LoadID, "reports", sum.Reports, "failures", len(sum.Failures))
	if len(sum.Failures) > 0 {
		return sum, fmt.Errorf("%d of %d inputs failed: %w", len(sum.Failures), int64(len(sum.Failures))+sum.Reports+sum.Duplicates, ErrPartial)
	}
	return sum, nil
}

// sinkOptions are the writer settings of a run: the user's, with the
// feature engine for a format that carries features.
func sinkOptions(opts LoadOptions, f load.Format) load.Options {
	o := opts.Sink
	o.Log = opts.Log
	o.Features = nil
	if f.Features && !opts.NoFeatures {
		o.Features = features.Engine{}
	}
	return o
}

// CheckOutput tells whether a load could write its output, without writing
// anything: run calls it before it pays for the first API call.
func CheckOutput(opts LoadOptions) error {
	format, err := load.FormatFor(opts.Output, opts.Format)
	if err != nil {
		return err
	}
	if err := input.CheckName(opts.InputFormat); err != nil {
		return err
	}
	if err := opts.Privacy.Check(); err != nil {
		return err
	}
	if format.Check == nil {
		return nil
	}
	return format.Check(opts.Output, sinkOptions(opts, format))
}

type seenReport struct {
	file          string
	canonicalHash string
}

// meter counts what the run has done, for its progress display (read from
// the display's goroutine).
type meter struct {
	bytes, reports, failures atomic.Int64
	mu                       sync.Mutex
	step                     string
}

func (m *meter) snapshot(total int64) progress.Snapshot {
	m.mu.Lock()
	step := m.step
	m.mu.Unlock()
	detail := fmt.Sprintf("%d reports, %d failed", m.reports.Load(), m.failures.Load())
	if step != "" {
		detail += "; " + step
	}
	return progress.Snapshot{Done: m.bytes.Load(), Total: total, Detail: detail}
}

func run(ctx context.Context, opts LoadOptions, sum *Summary, sink load.Sink, stats inputStats) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// One flattener per worker: each chunk's accepted reports are split
	// into contiguous parts flattened in parallel, then the parts' batches
	// go to the sink in input order.
	flats := make([]*transform.Flattener, opts.Workers)
	for i := range flats {
		flats[i] = transform.NewFlattener(sum.LoadID, nil)
		defer flats[i].Release()
		flats[i].SetPrivacy(opts.Privacy)
	}
	tables := schema.Tables()

	var m meter
	total := stats.bytes
	opts.Progress.Start(func() progress.Snapshot { return m.snapshot(total) })
	defer opts.Progress.Finish()
	ctx = progress.WithSteps(ctx, func(stage string, i, n int, what string) {
		m.mu.Lock()
		m.step = fmt.Sprintf("committing: %s %d/%d %s", stage, i, n, what)
		m.mu.Unlock()
		opts.Progress.Update()
	})

	chunks := make(chan []*unit, 1)
	go produce(ctx, opts, chunks)
	// The sink writes on a goroutine of its own (one at a time, in order),
	// so the next chunk is flattened meanwhile.
	writes := make(chan []schema.Batch, 2)
	written := make(chan error, 1)
	go func() {
		var err error
		for bs := range writes {
			for _, b := range bs {
				if err != nil {
					b.Record.Release()
					continue
				}
				if err = sink.Write(ctx, b); err != nil {
					cancel()
				}
			}
		}
		written <- err
	}()
	writing := true
	endWrites := func() error {
		if !writing {
			return nil
		}
		writing = false
		close(writes)
		return <-written
	}
	defer func() {
		cancel()
		for range chunks { // let the producer finish
		}
		endWrites()
	}()

	seen := map[string]seenReport{}
	canonical := map[string]bool{}
	fail := func(f Failure) {
		sum.Failures = append(sum.Failures, f)
		m.failures.Add(1)
		opts.Log.Info("failed", "file", f.File, "line", f.Line, "reason", f.Reason)
	}
	var accepted []*unit
	var reportStats []transform.ReportStats
	for chunk := range chunks {
		accepted = accepted[:0]
		for _, u := range chunk {
			m.bytes.Add(u.read)
			if u.err != nil {
				fail(Failure{File: u.file, Line: u.line, Reason: u.err.Error()})
				continue
			}
			sum.Bytes += int64(u.size)
			id := transform.ReportID(u.rep, u.src.SHA256)
			if prev, ok := seen[id]; ok {
				if prev.canonicalHash == u.canonicalHash {
					sum.Duplicates++
					continue
				}
				fail(Failure{File: u.file, Line: u.line,
					Reason: fmt.Sprintf("report %s was already loaded in this run from %s with different content; kept the first", id, prev.file)})
				continue
			}
			if canonical[u.canonicalHash] {
				// The same answer under another derived report_id (a file
				// without serial number, saved again with other formatting).
				sum.Duplicates++
				continue
			}
			seen[id] = seenReport{file: u.src.File, canonicalHash: u.canonicalHash}
			canonical[u.canonicalHash] = true
			accepted = append(accepted, u)
		}
		if len(accepted) == 0 {
			continue
		}
		reportStats = slices.Grow(reportStats[:0], len(accepted))[:len(accepted)]
		parts := min(len(flats), len(accepted))
		var wg sync.WaitGroup
		for w := range parts {
			lo, hi := w*len(accepted)/parts, (w+1)*len(accepted)/parts
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					reportStats[i] = flats[w].Add(accepted[i].rep, accepted[i].src)
					accepted[i].rep = nil
				}
			})
		}
		wg.Wait()
		var batches []schema.Batch
		for _, f := range flats[:parts] {
			batches = append(batches, f.Flush()...)
		}
		select {
		case writes <- batches:
		case <-ctx.Done():
			for _, b := range batches {
				b.Record.Release()
			}
		}
		for _, st := range reportStats {
			sum.Reports++
			m.reports.Add(1)
			for i, n := range st.Rows {
				if n > 0 {
					sum.Rows[tables[i].Name] += int64(n)
				}
			}
			sum.Rejects += int64(st.Rejects)
			sum.Unknown += int64(st.Unknown)
		}
	}
	if err := endWrites(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if sum.Reports == 0 && sum.Duplicates == 0 {
		return fmt.Errorf("%w: %d inputs, none is a report (reasons below); nothing was written", ErrNoReports, len(sum.Failures))
	}
	m.mu.Lock()
	m.step = "committing"
	m.mu.Unlock()
	opts.Progress.Update()
	sum.Finished = opts.Now().UTC()
	for _, b := range runBatches(opts, sum) {
		if err := sink.Write(ctx, b); err != nil {
			return err
		}
	}
	c, err := sink.Commit(ctx)
	if err != nil {
		return err
	}
	sum.Replaced, sum.FeatureRows, sum.FeaturesRebuilt, sum.Warnings = c.Replaced, c.FeatureRows, c.FeaturesRebuilt, c.Warnings
	for _, w := range c.Warnings {
		opts.Log.Warn(w)
	}
	// The summary's time includes the commit (an Excel workbook is written
	// there); the loads row, written before, has the time the rows were done.
	sum.Finished = opts.Now().UTC()
	return nil
}

// produce reads the inputs and decodes them in parallel, chunk by chunk, in
// input order.
func produce(ctx context.Context, opts LoadOptions, out chan<- []*unit) {
	defer close(out)
	var chunk []*unit
	var bytes int
	send := func() bool {
		decodeChunk(opts.Workers, opts.InputFormat, chunk)
		select {
		case out <- chunk:
			chunk, bytes = nil, 0
			return true
		case <-ctx.Done():
			return false
		}
	}
	walkInputs(ctx, opts.Inputs, opts.Stores, opts.Stdin, func(u *unit) bool {
		chunk = append(chunk, u)
		bytes += len(u.data)
		if len(chunk) == chunkSize || bytes >= chunkBytes {
			return send()
		}
		return true
	})
	if len(chunk) > 0 && ctx.Err() == nil {
		send()
	}
}

func decodeChunk(workers int, format string, chunk []*unit) {
	var g errgroup.Group
	g.SetLimit(workers)
	for _, u := range chunk {
		if u.err != nil {
			continue
		}
		g.Go(func() error {
			sum := sha256.Sum256(u.data)
			respHash := hex.EncodeToString(sum[:])
			u.src = transform.Source{File: u.file, Line: u.line, SHA256: respHash, ResponseSHA256: respHash, ExtractedAt: u.extractedAt}
			if u.scanSHA256 != "" {
				u.src.SHA256 = u.scanSHA256
			}
			u.size = len(u.data)
			u.rep, u.src.Format, u.err = input.Decode(u.data, format)
			if u.err == nil {
				u.canonicalHash = canonicalHash(u.data)
			}
			u.data = nil
			return nil
		})
	}
	g.Wait()
}

// runBatches are the rows of loads and load_failures for this run.
func runBatches(opts LoadOptions, sum *Summary) []schema.Batch {
	lt := schema.TableByName("loads")
	lb := schema.NewBatchBuilder(lt, nil)
	defer lb.Release()
	inputs, _ := json.Marshal(opts.Inputs)
	rows, _ := json.Marshal(sum.Rows)
	row := make([]schema.Value, len(lt.Columns))
	put := func(col string, v schema.Value) { row[lt.Col(col)] = v }
	put("load_id", schema.TextValue(sum.LoadID))
	put("started_at", schema.IntValue(sum.Started.UnixMicro()))
	put("finished_at", schema.IntValue(sum.Finished.UnixMicro()))
	put("tool_version", schema.TextValue(opts.Version))
	put("inputs", schema.TextValue(string(inputs)))
	put("reports", schema.IntValue(sum.Reports))
	put("table_rows", schema.TextValue(string(rows)))
	put("rejects", schema.IntValue(sum.Rejects))
	put("unknown_fields", schema.IntValue(sum.Unknown))
	put("failures", schema.IntValue(int64(len(sum.Failures))))
	put("replaced", schema.IntValue(sum.Replaced))
	mode := opts.Privacy.Mode
	if mode == "" {
		mode = transform.PIIKeep
	}
	put("pii_mode", schema.TextValue(mode))
	lb.Append(row)
	out := []schema.Batch{lb.NewBatch()}

	if len(sum.Failures) > 0 {
		ft := schema.TableByName("load_failures")
		fb := schema.NewBatchBuilder(ft, nil)
		defer fb.Release()
		for _, f := range sum.Failures {
			r := make([]schema.Value, len(ft.Columns))
			r[ft.Col("load_id")] = schema.TextValue(sum.LoadID)
			r[ft.Col("source_file")] = schema.TextValue(f.File)
			if f.Line > 0 {
				r[ft.Col("source_line")] = schema.IntValue(int64(f.Line))
			}
			r[ft.Col("reason")] = schema.TextValue(f.Reason)
			fb.Append(r)
		}
		out = append(out, fb.NewBatch())
	}
	return out
}
