package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// Defaults of Options (and of the command line).
const (
	DefaultConcurrency = 4
	DefaultQPS         = 5
	DefaultMaxRetries  = 5
	DefaultRetryWait   = time.Second
	DefaultMaxWait     = 30 * time.Second
	DefaultTimeout     = 2 * time.Minute
)

// ErrNoInput: an INPUT named does not exist, or the inputs hold no file.
// Nothing is sent and the store is not touched.
var ErrNoInput = errors.New("no scan to send")

// ErrNoCredentials: neither the environment nor the flags gave a key pair.
var ErrNoCredentials = errors.New("no API credentials: set CREDITETL_SECRET_ID and CREDITETL_SECRET_KEY (or --secret-id and --secret-key-file)")

// Options configure an extract run. Zero values take the defaults above.
type Options struct {
	Inputs      []string // scan files and directories (walked recursively)
	Store       string   // the response store directory
	Endpoint    string   // the API URL
	Credentials Credentials
	Source      string // X-Source header
	JSONBody    bool   // send {"image": …} instead of the form image=…
	Concurrency int    // calls in flight at most
	QPS         float64
	MaxRetries  int // retries after the first attempt; -1 for none
	RetryWait   time.Duration
	MaxWait     time.Duration
	Timeout     time.Duration // of one attempt
	MaxBytes    int64         // larger scans are skipped
	Refresh     bool          // call the API even for scans with a stored answer
	DryRun      bool          // list what would be sent, send nothing
	MaxCalls    int           // stop after this many paid calls (HTTP 200); 0 = no limit
	// BreakerThreshold is how many attempts that fail to connect, with no
	// answer ever, stop the run (0: DefaultBreakerThreshold).
	BreakerThreshold int
	// Synthetic says the endpoint is the sandbox: the store must be one
	// that holds synthetic answers.
	Synthetic bool
	// Transport carries the requests (nil: a clone of http.DefaultTransport,
	// TLS verification on).
	Transport http.RoundTripper
	Now       func() time.Time
	Log       *slog.Logger
	Progress  Progress
	// Out receives the --dry-run listing.
	Out io.Writer
}

func (o *Options) defaults() {
	if o.Store == "" {
		o.Store = DefaultStore
	}
	if o.Endpoint == "" {
		o.Endpoint = DefaultEndpoint
	}
	if o.Source == "" {
		o.Source = DefaultSource
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = DefaultMaxRetries
	} else if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.RetryWait <= 0 {
		o.RetryWait = DefaultRetryWait
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.MaxWait < o.RetryWait {
		o.MaxWait = o.RetryWait
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Progress == nil {
		o.Progress = NoProgress{}
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
}

// Outcome is what became of one input file.
type Outcome struct {
	File        string
	SHA256      string
	Type        string
	Bytes       int64
	Outcome     string // OutcomeOK, OutcomeFailed, OutcomeSkipped, or "" when it was not handled
	Cached      bool   // the answer was already in the store
	DuplicateOf string // an earlier input with the same bytes
	Attempts    int
	Reason      string // why it failed, was skipped or not handled
}

// Summary is what a run did.
type Summary struct {
	Run        string
	Store      string
	Started    time.Time
	Elapsed    time.Duration
	Files      int // input files found
	Distinct   int // distinct scans among the files that passed the checks
	Sent       int // distinct scans sent (at least one attempt)
	Stored     int // new answers kept
	Cached     int // distinct scans already stored
	Failed     int // files
	Skipped    int // files that failed the checks, never sent
	Duplicates int // files with the same bytes as an earlier one
	NotSent    int // files left for a later run (--max-calls, stopped run)
	Calls      int64
	Paid       int64 // HTTP 200 answers
	Retries    int64
	Slowdowns  int64 // times the pace was lowered after RATE_LIMIT_EXCEEDED
	FailedBy   map[string]int
	Outcomes   []Outcome // one per file, in input order
	// Dry run only.
	WouldSend      int
	WouldSendBytes int64
}

// Incomplete counts the files without an answer: failed, skipped, not sent.
func (s *Summary) Incomplete() int { return s.Failed + s.Skipped + s.NotSent }

// counters are shared by the layers and the progress display.
type counters struct {
	calls, paid, retries, slowdowns atomic.Int64
	done, ok, cached, failed        atomic.Int64
}

// newClient assembles the layers: store(retry(rate(budget(breaker(http))))),
// the http layer sending through the signing transport.
func newClient(o Options, st *Store, counts *counters, onRetry func(*Request, int, error, time.Duration)) Client {
	base := o.Transport
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = o.Concurrency
		base = t
	}
	hc := &http.Client{
		Transport: &signingTransport{base: base, creds: o.Credentials, source: o.Source, now: o.Now},
		// A redirected POST turns into a GET: never follow one.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var c Client = &httpClient{hc: hc, endpoint: o.Endpoint, jsonBody: o.JSONBody, timeout: o.Timeout, counts: counts}
	c = newBreakerClient(c, o.Endpoint, o.BreakerThreshold)
	c = newBudgetClient(c, o.MaxCalls)
	c = newRateClient(c, o.QPS, counts)
	c = &retryClient{next: c, maxRetries: o.MaxRetries, wait: o.RetryWait, maxWait: o.MaxWait, counts: counts, onRetry: onRetry}
	return &storeClient{next: c, store: st, refresh: o.Refresh}
}

// job is one distinct scan and every input file that holds it.
type job struct {
	scan  scanFile
	files []int // indexes into Summary.Outcomes; the first one is sent
}

// Run extracts the inputs: every scan without a stored answer is sent once,
// its answer kept in the store before anything else, its outcome recorded
// in the manifest. It returns a summary and an error only for a fatal
// problem (credentials refused, store unusable, run stopped); files that
// failed are in the summary (Incomplete).
func Run(ctx context.Context, o Options) (*Summary, error) {
	o.defaults()
	sum := &Summary{Store: o.Store, Started: o.Now().UTC(), FailedBy: map[string]int{}}
	sum.Run = sum.Started.Format("20060102T150405.000000Z")
	defer func() { sum.Elapsed = o.Now().Sub(sum.Started) }()
	var missing []string
	for _, in := range o.Inputs {
		if _, err := os.Stat(in); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			missing = append(missing, fmt.Sprintf("%s (%v)", in, err))
		}
	}
	if len(missing) > 0 {
		return sum, fmt.Errorf("%w: %s: name existing scan files or folders", ErrNoInput, strings.Join(missing, ", "))
	}
	if err := checkEndpoint(o.Endpoint); err != nil {
		return sum, err
	}
	if !o.DryRun && !o.Credentials.Valid() {
		return sum, ErrNoCredentials
	}
	scans, err := findScans(ctx, o.Inputs, o.Store, o.MaxBytes)
	if err != nil {
		return sum, fmt.Errorf("listing the inputs: %w", err)
	}
	if len(scans) == 0 {
		return sum, fmt.Errorf("%w: %s hold no file (hidden files and the store are left out)", ErrNoInput, strings.Join(o.Inputs, ", "))
	}
	sum.Files = len(scans)
	sum.Outcomes = make([]Outcome, len(scans))
	var jobs []*job
	bySHA := map[string]*job{}
	for i, sf := range scans {
		oc := &sum.Outcomes[i]
		*oc = Outcome{File: sf.Path, SHA256: sf.SHA256, Type: sf.Type, Bytes: sf.Size}
		if sf.Err != nil {
			oc.Outcome, oc.Reason = OutcomeSkipped, sf.Err.Error()
			continue
		}
		if j, ok := bySHA[sf.SHA256]; ok {
			oc.DuplicateOf = j.scan.Path
			j.files = append(j.files, i)
			continue
		}
		j := &job{scan: sf, files: []int{i}}
		bySHA[sf.SHA256] = j
		jobs = append(jobs, j)
	}
	sum.Distinct = len(jobs)
	if o.DryRun {
		dryRun(o, sum, jobs)
		return sum, nil
	}

	st, err := OpenStore(o.Store, o.Endpoint, o.Synthetic)
	if err != nil {
		return sum, err
	}
	defer st.Close()
	r := &runner{o: o, st: st, sum: sum, endpoint: redactURL(o.Endpoint)}
	for i := range sum.Outcomes {
		if oc := &sum.Outcomes[i]; oc.Outcome == OutcomeSkipped {
			if err := r.record(ManifestEntry{File: oc.File, SHA256: oc.SHA256, Bytes: oc.Bytes, Type: oc.Type, Outcome: OutcomeSkipped, Reason: oc.Reason}); err != nil {
				return sum, err
			}
		}
	}
	err = r.run(ctx, jobs)
	r.summarise()
	return sum, err
}

// checkEndpoint refuses what is not an http(s) URL, and a URL that carries
// credentials (user:password@, or a query string such as ?token=): the API
// is signed with the key pair, and the endpoint is written to the store's
// description and to every manifest line, where a secret must never go.
func checkEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("--endpoint %q: want an http(s) URL: %w", redactURL(s), ErrEndpoint)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("--endpoint %s: the URL carries credentials or a query string (user:password@, ?…): give it without them; requests are signed with CREDITETL_SECRET_ID and CREDITETL_SECRET_KEY: %w",
			redactURL(s), ErrEndpoint)
	}
	return nil
}

type runner struct {
	o        Options
	st       *Store
	sum      *Summary
	endpoint string
	counts   counters
	results  []jobResult // by job index
}

type jobResult struct {
	answer *Answer
	err    error
}

func (r *runner) run(ctx context.Context, jobs []*job) error {
	onRetry := func(req *Request, attempt int, err error, wait time.Duration) {
		r.o.Log.Info("retrying", "file", req.File, "attempt", attempt, "reason", err.Error(), "wait", wait.Round(time.Millisecond).String())
	}
	client := newClient(r.o, r.st, &r.counts, onRetry)
	r.results = make([]jobResult, len(jobs))
	skipped := int64(r.sum.Files - len(jobs))
	r.o.Progress.Start(len(jobs), func() ProgressState {
		return ProgressState{Done: int(r.counts.done.Load()), Total: len(jobs), OK: int(r.counts.ok.Load()), Cached: int(r.counts.cached.Load()),
			Failed: int(r.counts.failed.Load()), Skipped: int(skipped), Retries: r.counts.retries.Load(), Calls: r.counts.calls.Load(), Paid: r.counts.paid.Load()}
	})
	defer r.o.Progress.Finish()

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.o.Concurrency)
	var cachedErr error
	for i, j := range jobs {
		if gctx.Err() != nil {
			break
		}
		if !r.o.Refresh && r.st.Has(j.scan.SHA256) {
			// Stored: no call, no goroutine.
			a := &Answer{Cached: true, Response: filepath.Join(ResponsesDir, j.scan.SHA256+".json")}
			r.results[i] = jobResult{answer: a}
			if cachedErr = r.finish(j, a, nil); cachedErr != nil {
				break
			}
			continue
		}
		g.Go(func() error {
			a, err := r.call(gctx, client, j)
			r.results[i] = jobResult{answer: a, err: err}
			return r.finish(j, a, err)
		})
	}
	err := g.Wait()
	if err == nil {
		err = cachedErr
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil && errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return fmt.Errorf("stopped: every answer that arrived is kept in %s; run again to go on (nothing is paid twice): %w", r.o.Store, ctx.Err())
	}
	return err
}

// call sends one scan. The scan is read again and checked against its hash.
func (r *runner) call(ctx context.Context, client Client, j *job) (*Answer, error) {
	if err := ctx.Err(); err != nil {
		return &Answer{}, err
	}
	data, err := readScan(j.scan, r.o.MaxBytes)
	if err != nil {
		return &Answer{}, &FileError{Err: err}
	}
	return client.Do(ctx, &Request{File: j.scan.Path, SHA256: j.scan.SHA256, Image: data})
}

// finish records the outcome of a job for each of its files, and returns
// an error only when the run must stop.
func (r *runner) finish(j *job, a *Answer, err error) error {
	first := r.sum.Outcomes[j.files[0]].File
	base := ManifestEntry{SHA256: j.scan.SHA256, Bytes: j.scan.Size, Type: j.scan.Type, Attempts: a.Attempts,
		LatencyMS: a.Latency.Milliseconds(), HTTPStatus: a.HTTPStatus, RequestID: a.RequestID, Response: a.Response, Synthetic: a.Synthetic}
	if a.Attempts > 0 {
		base.Endpoint = r.endpoint
	}
	notSent := a.Attempts == 0 && (errors.Is(err, ErrBudget) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrUnreachable))
	fatal := err != nil && !notSent && ClassOf(err) == Fatal
	var reason string
	switch {
	case err == nil:
		base.Outcome = OutcomeOK
		if a.Cached {
			base.Cached = true
			r.counts.cached.Add(1)
		} else {
			t := a.ReceivedAt.UTC()
			base.AnsweredAt = &t
			r.counts.ok.Add(1)
		}
	case notSent:
		switch {
		case errors.Is(err, ErrBudget):
			reason = err.Error()
		case errors.Is(err, ErrUnreachable):
			reason = "not sent: the endpoint cannot be reached"
		default:
			reason = "the run was stopped before it was sent"
		}
	default:
		base.Outcome = OutcomeFailed
		reason = err.Error()
		base.Reason = reason
		if ae := apiErrorOf(err); ae != nil {
			base.APIStatus = ae.Status
			base.HTTPStatus = ae.HTTPStatus
		}
		r.counts.failed.Add(1)
	}
	r.counts.done.Add(1)
	r.o.Progress.Event()

	var recErr error
	for k, idx := range j.files {
		oc := &r.sum.Outcomes[idx]
		oc.Outcome, oc.Cached, oc.Attempts, oc.Reason = base.Outcome, base.Cached, a.Attempts, reason
		if base.Outcome == "" {
			continue // not sent: nothing happened to record
		}
		e := base
		e.File = oc.File
		if k > 0 {
			e.DuplicateOf = first
		}
		if e.Cached {
			last, ok, fileHasLine := r.st.lastAnswer(e.SHA256, e.File)
			if fileHasLine {
				continue // the manifest already says this file is answered
			}
			if ok {
				e.AnsweredAt, e.RequestID, e.HTTPStatus, e.Synthetic = last.AnsweredAt, last.RequestID, last.HTTPStatus, last.Synthetic
			} else if info, err := os.Stat(r.st.ResponsePath(e.SHA256)); err == nil {
				// An answer kept by a run killed before its manifest line.
				t := info.ModTime().UTC()
				e.AnsweredAt = &t
				e.Reason = "answer found in the store without a manifest line (run killed before recording it)"
			}
		}
		if err := r.record(e); err != nil && recErr == nil {
			recErr = err
		}
		if base.Outcome == OutcomeOK {
			r.o.Log.Debug("stored", "file", e.File, "cached", e.Cached, "attempts", e.Attempts)
		} else {
			r.o.Log.Info("failed", "file", e.File, "reason", reason)
		}
	}
	if recErr != nil {
		return recErr
	}
	if fatal {
		if errors.Is(err, ErrUnreachable) {
			return err // about the endpoint, not this file
		}
		if errors.Is(err, ErrAuth) {
			return fmt.Errorf("%s: %w; stopped at once so that no other file is refused (check CREDITETL_SECRET_ID, CREDITETL_SECRET_KEY and the machine's clock)", j.scan.Path, err)
		}
		return fmt.Errorf("%s: %w", j.scan.Path, err)
	}
	return nil
}

func (r *runner) record(e ManifestEntry) error {
	e.Time = r.o.Now().UTC()
	e.Run = r.sum.Run
	return r.st.Record(e)
}

func (r *runner) summarise() {
	s := r.sum
	for _, res := range r.results {
		if res.answer == nil {
			continue
		}
		if res.answer.Attempts > 0 {
			s.Sent++
		}
		if res.err == nil && !res.answer.Cached {
			s.Stored++
		}
		if res.err == nil && res.answer.Cached {
			s.Cached++
		}
	}
	for i := range s.Outcomes {
		oc := &s.Outcomes[i]
		if oc.DuplicateOf != "" {
			s.Duplicates++
		}
		switch oc.Outcome {
		case OutcomeFailed:
			s.Failed++
			s.FailedBy[failureKind(oc.Reason)]++
		case OutcomeSkipped:
			s.Skipped++
		case "":
			s.NotSent++
			if oc.Reason == "" {
				oc.Reason = "the run was stopped before it was sent"
			}
		}
	}
	s.Calls = r.counts.calls.Load()
	s.Paid = r.counts.paid.Load()
	s.Retries = r.counts.retries.Load()
	s.Slowdowns = r.counts.slowdowns.Load()
}

// failureKind groups failure reasons for the summary: the HTTP status and
// API status, or the kind of transport error.
func failureKind(reason string) string {
	reason = strings.TrimPrefix(reason, "gave up after ")
	if i := strings.Index(reason, "HTTP "); i >= 0 {
		k := reason[i:]
		if j := strings.IndexAny(k, ":("); j > 0 {
			k = k[:j]
		}
		return strings.TrimSpace(k)
	}
	switch {
	case strings.Contains(reason, "timeout"):
		return "timeout"
	case strings.Contains(reason, ErrUnreachable.Error()):
		return "endpoint unreachable"
	case strings.Contains(reason, "connection refused"):
		return "connection refused"
	case strings.Contains(reason, "changed"):
		return "file changed"
	}
	return "other"
}

// dryRun lists what a run would send, from the store as it is, without
// creating or locking it.
func dryRun(o Options, sum *Summary, jobs []*job) {
	stored := func(sha string) bool {
		st, err := os.Stat(filepath.Join(o.Store, ResponsesDir, sha+".json"))
		return err == nil && st.Size() > 0
	}
	state := map[string]string{}
	for _, j := range jobs {
		if !o.Refresh && stored(j.scan.SHA256) {
			state[j.scan.SHA256] = "stored"
			sum.Cached++
		} else {
			state[j.scan.SHA256] = "send"
			sum.WouldSend++
			sum.WouldSendBytes += j.scan.Size
		}
	}
	for i := range sum.Outcomes {
		oc := &sum.Outcomes[i]
		switch {
		case oc.Outcome == OutcomeSkipped:
			sum.Skipped++
			fmt.Fprintf(o.Out, "skip    %s: %s\n", oc.File, oc.Reason)
		case oc.DuplicateOf != "":
			sum.Duplicates++
			fmt.Fprintf(o.Out, "same    %s (%s, same bytes as %s)\n", oc.File, oc.Type, oc.DuplicateOf)
		default:
			fmt.Fprintf(o.Out, "%-7s %s (%s, %d bytes, sha256 %s)\n", state[oc.SHA256], oc.File, oc.Type, oc.Bytes, oc.SHA256[:12])
		}
	}
	fmt.Fprintf(o.Out, "dry run: %d files would be sent (%d bytes), %d already stored, %d duplicates, %d skipped; nothing was sent\n",
		sum.WouldSend, sum.WouldSendBytes, sum.Cached, sum.Duplicates, sum.Skipped)
}
