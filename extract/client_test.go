package extract_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"creditetl/extract"
	"creditetl/internal/testutil"
	"creditetl/sandbox"
	"creditetl/schema"
)

var testCreds = extract.NewCredentials("AKIDtest0000000000001", "test-key-0d9c8b7a")

// options are fast test settings: millisecond backoff, no pacing.
func options(endpoint, store string, inputs ...string) extract.Options {
	return extract.Options{
		Inputs: inputs, Store: store, Endpoint: endpoint, Credentials: testCreds,
		Concurrency: 4, RetryWait: time.Millisecond, MaxWait: 5 * time.Millisecond, Timeout: 5 * time.Second,
	}
}

func manifest(t *testing.T, store string) []extract.ManifestEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(store, extract.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, bad, err := extract.ReadManifest(f)
	if err != nil || bad != 0 {
		t.Fatalf("manifest: %d bad lines, %v", bad, err)
	}
	return entries
}

func startSandbox(t *testing.T, o sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	if !o.Credentials.Valid() {
		o.Credentials = testCreds
	}
	srv, err := sandbox.New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs.URL + sandbox.Path
}

var seedReport = func() []byte {
	data, err := os.ReadFile("../schema/seed/response-example.json")
	if err != nil {
		panic(err)
	}
	return data
}()

// scripted is an httptest server that answers the n-th request for a scan
// with script[n] (the last one repeated): "report", or a status and body.
type reply struct {
	status int
	body   string
	delay  time.Duration
}

func scriptedServer(t *testing.T, script ...reply) (*httptest.Server, func() int) {
	t.Helper()
	var mu sync.Mutex
	seen := map[string]int{}
	total := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		key := form.Get("image")
		mu.Lock()
		n := seen[key]
		seen[key]++
		total++
		mu.Unlock()
		rp := script[min(n, len(script)-1)]
		if rp.delay > 0 {
			select {
			case <-time.After(rp.delay):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rp.status)
		if rp.body == "report" {
			w.Write(seedReport)
		} else {
			io.WriteString(w, rp.body)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() int { mu.Lock(); defer mu.Unlock(); return total }
}

const (
	body400  = `{"status":"INVALID_ARGUMENT","reason":"invalid image format or size","request_id":"TID8bf47ab6eda64476973cc5f5b6ebf57e"}`
	body403  = `{"status":"RATE_LIMIT_EXCEEDED","reason":"rate limit exceeded","request_id":"TIDrl"}`
	body500  = `{"status":"INTERNAL_ERROR","reason":"internal error","request_id":"TID500"}`
	bodyHMAC = `{"message":"HMAC signature does not match"}`
)

// Every kind of answer of CONTRACT section 6 gets its outcome.
func TestAnswers(t *testing.T) {
	cases := []struct {
		name      string
		script    []reply
		timeout   time.Duration
		outcome   string
		attempts  int
		http      int
		apiStatus string
		reason    string
		fatal     error
		rejected  bool
	}{
		{name: "200 report", script: []reply{{200, "report", 0}}, outcome: "ok", attempts: 1, http: 200},
		{name: "400 permanent", script: []reply{{400, body400, 0}}, outcome: "failed", attempts: 1, http: 400, apiStatus: "INVALID_ARGUMENT", reason: "request_id TID8bf47ab6eda64476973cc5f5b6ebf57e"},
		{name: "403 rate limit then ok", script: []reply{{403, body403, 0}, {403, body403, 0}, {200, "report", 0}}, outcome: "ok", attempts: 3, http: 200},
		{name: "500 then ok", script: []reply{{500, body500, 0}, {200, "report", 0}}, outcome: "ok", attempts: 2, http: 200},
		{name: "500 always", script: []reply{{500, body500, 0}}, outcome: "failed", attempts: 4, http: 500, apiStatus: "INTERNAL_ERROR", reason: "gave up after 4 attempts"},
		{name: "502 html then ok", script: []reply{{502, "<html>bad gateway</html>", 0}, {200, "report", 0}}, outcome: "ok", attempts: 2, http: 200},
		{name: "slow then ok", script: []reply{{200, "report", time.Second}, {200, "report", 0}}, timeout: 100 * time.Millisecond, outcome: "ok", attempts: 2, http: 200},
		{name: "slow always", script: []reply{{200, "report", time.Second}}, timeout: 50 * time.Millisecond, outcome: "failed", attempts: 4, reason: "timeout"},
		{name: "200 not JSON", script: []reply{{200, "<html>maintenance</html>", 0}}, outcome: "failed", attempts: 1, http: 200, reason: "not a credit report", rejected: true},
		{name: "200 error envelope", script: []reply{{200, body500, 0}}, outcome: "failed", attempts: 1, http: 200, apiStatus: "INTERNAL_ERROR", reason: "not a credit report", rejected: true},
		{name: "401 gateway", script: []reply{{401, `{"message":"HMAC signature cannot be verified"}`, 0}}, outcome: "failed", attempts: 1, http: 401, fatal: extract.ErrAuth},
		{name: "403 HMAC", script: []reply{{403, bodyHMAC, 0}}, outcome: "failed", attempts: 1, http: 403, fatal: extract.ErrAuth},
		{name: "404 wrong endpoint", script: []reply{{404, `{"message":"no Route matched"}`, 0}}, outcome: "failed", attempts: 1, http: 404, fatal: extract.ErrEndpoint},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := scriptedServer(t, c.script...)
			in := testutil.WriteScans(t, 1)
			store := filepath.Join(t.TempDir(), "store")
			o := options(srv.URL, store, in)
			o.MaxRetries = 3
			if c.timeout > 0 {
				o.Timeout = c.timeout
			}
			sum, err := extract.Run(context.Background(), o)
			if c.fatal != nil {
				if !errors.Is(err, c.fatal) {
					t.Fatalf("err %v, want %v", err, c.fatal)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			oc := sum.Outcomes[0]
			if oc.Outcome != c.outcome || oc.Attempts != c.attempts || !strings.Contains(oc.Reason, c.reason) {
				t.Fatalf("outcome %+v, want %s after %d attempts, reason with %q", oc, c.outcome, c.attempts, c.reason)
			}
			m := manifest(t, store)
			if len(m) != 1 {
				t.Fatalf("%d manifest lines", len(m))
			}
			e := m[0]
			if e.Outcome != c.outcome || e.Attempts != c.attempts || e.HTTPStatus != c.http || e.APIStatus != c.apiStatus || e.SHA256 != oc.SHA256 {
				t.Fatalf("manifest line %+v", e)
			}
			if c.outcome == "ok" {
				if e.AnsweredAt == nil || e.Response == "" {
					t.Fatalf("ok line without answer time or response: %+v", e)
				}
				data, err := os.ReadFile(filepath.Join(store, e.Response))
				if err != nil || string(data) != string(seedReport) {
					t.Fatalf("stored answer differs: %v", err)
				}
			} else if _, err := os.Stat(filepath.Join(store, extract.ResponsesDir, oc.SHA256+".json")); err == nil {
				t.Fatal("a failure left an answer in responses/")
			}
			if _, err := os.Stat(filepath.Join(store, extract.RejectedDir, oc.SHA256+".json")); (err == nil) != c.rejected {
				t.Fatalf("rejected body kept: %v, want %v", err == nil, c.rejected)
			}
		})
	}
}

// A refused key stops the run at the first answer instead of burning every
// file.
func TestAuthRefusalStopsEarly(t *testing.T) {
	srv, total := scriptedServer(t, reply{401, `{"message":"HMAC id invalid"}`, 0})
	in := testutil.WriteScans(t, 20)
	o := options(srv.URL, filepath.Join(t.TempDir(), "store"), in)
	o.Concurrency = 2
	sum, err := extract.Run(context.Background(), o)
	if !errors.Is(err, extract.ErrAuth) {
		t.Fatalf("err %v", err)
	}
	if total() > o.Concurrency {
		t.Fatalf("%d calls after a refusal; want at most the %d in flight", total(), o.Concurrency)
	}
	if sum.NotSent < 20-o.Concurrency || sum.Failed+sum.NotSent != 20 {
		t.Fatalf("summary %+v", sum)
	}
}

// A truncated 200 body (connection cut) is retried, not stored.
func TestTruncatedAnswerIsRetried(t *testing.T) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		first := n == 1
		mu.Unlock()
		if first {
			w.Header().Set("Content-Length", fmt.Sprint(len(seedReport)))
			w.WriteHeader(200)
			w.Write(seedReport[:100])
			panic(http.ErrAbortHandler) // cut the connection
		}
		w.Write(seedReport)
	}))
	defer srv.Close()
	store := filepath.Join(t.TempDir(), "store")
	sum, err := extract.Run(context.Background(), options(srv.URL, store, testutil.WriteScans(t, 1)))
	if err != nil || sum.Outcomes[0].Outcome != "ok" || sum.Outcomes[0].Attempts != 2 {
		t.Fatalf("err %v outcome %+v", err, sum.Outcomes[0])
	}
}

// The client against the sandbox: every file stored once; a rerun pays for
// nothing; a refresh pays again.
func TestSandboxRerunPaysOnce(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 6)
	// a copy: same bytes, sent once
	data, _ := os.ReadFile(filepath.Join(in, "scan-000.pdf"))
	os.WriteFile(filepath.Join(in, "copy.pdf"), data, 0o644)
	store := filepath.Join(t.TempDir(), "store")
	sum, err := extract.Run(context.Background(), options(endpoint, store, in))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 7 || sum.Distinct != 6 || sum.Stored != 6 || sum.Duplicates != 1 || sum.Paid != 6 || sum.Incomplete() != 0 {
		t.Fatalf("first run %+v", sum)
	}
	sum, err = extract.Run(context.Background(), options(endpoint, store, in))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Calls != 0 || sum.Cached != 6 || sum.Incomplete() != 0 {
		t.Fatalf("rerun made calls: %+v", sum)
	}
	for k, v := range sb.Counts().Paid {
		if v != 1 {
			t.Fatalf("scan %s paid %d times", k[:12], v)
		}
	}
	entries, err := extract.ReadStore(store)
	if err != nil || len(entries) != 6 {
		t.Fatalf("ReadStore: %d entries, %v", len(entries), err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(e.ResponsePath)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := schema.Decode(data); err != nil {
			t.Fatalf("%s: %v", e.ResponsePath, err)
		}
		if e.ScanFile == "" || testutil.FileSHA256(t, e.ScanFile) != e.SHA256 || e.AnsweredAt.IsZero() {
			t.Fatalf("entry %+v", e)
		}
	}
	// The manifest has a line per file of the first run (the copy names the
	// original) and none for the cached rerun.
	m := manifest(t, store)
	if len(m) != 7 {
		t.Fatalf("%d manifest lines, want 7", len(m))
	}
	o := options(endpoint, store, in)
	o.Refresh = true
	if sum, err = extract.Run(context.Background(), o); err != nil || sum.Paid != 6 {
		t.Fatalf("refresh: paid %d, %v", sum.Paid, err)
	}
}

// Concurrency never exceeds the limit.
func TestConcurrencyLimit(t *testing.T) {
	for _, limit := range []int{1, 3} {
		sb, endpoint := startSandbox(t, sandbox.Options{LatencyMin: 30 * time.Millisecond})
		o := options(endpoint, filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 10))
		o.Concurrency = limit
		if _, err := extract.Run(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		c := sb.Counts()
		if c.MaxInFlight > limit || c.Requests != 10 {
			t.Fatalf("limit %d: %d in flight at most, %d requests", limit, c.MaxInFlight, c.Requests)
		}
	}
}

// A run stopped mid-way (Ctrl-C) sends nothing new, keeps the answers that
// were in flight, and a rerun completes the rest without paying twice.
func TestStopKeepsInFlightAnswersAndResumes(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{LatencyMin: 300 * time.Millisecond})
	in := testutil.WriteScans(t, 8)
	store := filepath.Join(t.TempDir(), "store")
	o := options(endpoint, store, in)
	o.Concurrency = 2
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for sb.Counts().Requests < 2 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	sum, err := extract.Run(ctx, o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if sum.Stored != 2 || sum.NotSent != 6 || sb.Counts().Requests != 2 {
		t.Fatalf("stopped run: %+v, %d requests", sum, sb.Counts().Requests)
	}
	if entries, _ := extract.ReadStore(store); len(entries) != 2 {
		t.Fatalf("%d answers kept, want the 2 in flight", len(entries))
	}
	if m := manifest(t, store); len(m) != 2 {
		t.Fatalf("%d manifest lines, want 2", len(m))
	}
	sum, err = extract.Run(context.Background(), o)
	if err != nil || sum.Stored != 6 || sum.Cached != 2 {
		t.Fatalf("rerun: %+v %v", sum, err)
	}
	for k, v := range sb.Counts().Paid {
		if v != 1 {
			t.Fatalf("scan %s paid %d times", k[:12], v)
		}
	}
}

// --max-calls stops after N paid calls; the rest waits for the next run.
func TestMaxCalls(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 5)
	o := options(endpoint, filepath.Join(t.TempDir(), "store"), in)
	o.MaxCalls = 2
	sum, err := extract.Run(context.Background(), o)
	if err != nil || sum.Paid != 2 || sum.NotSent != 3 || sum.Stored != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	for _, oc := range sum.Outcomes {
		if oc.Outcome == "" && !strings.Contains(oc.Reason, "--max-calls") {
			t.Fatalf("not sent without the reason: %+v", oc)
		}
	}
	o.MaxCalls = 0
	if sum, err = extract.Run(context.Background(), o); err != nil || sum.Paid != 3 {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(sb.Counts().Paid) != 5 {
		t.Fatal("not every scan answered once")
	}
}

// The rate limit of the sandbox is met by slowing down and retrying.
func TestRateLimitedBySandbox(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{QPS: 3}) // a burst of 3, then one every 333ms
	o := options(endpoint, filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 6))
	o.QPS = 100 // far above what the sandbox takes: it pushes back
	o.MaxRetries = 50
	o.RetryWait = 20 * time.Millisecond
	o.MaxWait = 100 * time.Millisecond
	sum, err := extract.Run(context.Background(), o)
	if err != nil || sum.Stored != 6 {
		t.Fatalf("%+v %v", sum, err)
	}
	if sb.Counts().ByStatus[403] == 0 || sum.Retries == 0 || sum.Slowdowns == 0 {
		t.Fatalf("403s %d, retries %d, slowdowns %d: want all > 0", sb.Counts().ByStatus[403], sum.Retries, sum.Slowdowns)
	}
}

func TestJSONBody(t *testing.T) {
	_, endpoint := startSandbox(t, sandbox.Options{})
	o := options(endpoint, filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 2))
	o.JSONBody = true
	if sum, err := extract.Run(context.Background(), o); err != nil || sum.Stored != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
}

// A clock more than 15 minutes off is refused by the gateway: fatal.
func TestClockSkewRefused(t *testing.T) {
	_, endpoint := startSandbox(t, sandbox.Options{})
	o := options(endpoint, filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 3))
	o.Now = func() time.Time { return time.Now().Add(20 * time.Minute) }
	o.Concurrency = 1
	_, err := extract.Run(context.Background(), o)
	if !errors.Is(err, extract.ErrAuth) || !strings.Contains(err.Error(), "clock skew") {
		t.Fatalf("err %v", err)
	}
}

// TLS verification stays on: a certificate nobody vouches for is refused.
func TestTLSVerified(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(seedReport) }))
	defer srv.Close()
	_, err := extract.Run(context.Background(), options(srv.URL, filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 1)))
	if !errors.Is(err, extract.ErrEndpoint) || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err %v", err)
	}
}

func TestNoCredentials(t *testing.T) {
	o := options("http://127.0.0.1:1/", filepath.Join(t.TempDir(), "store"), testutil.WriteScans(t, 1))
	o.Credentials = extract.Credentials{}
	if _, err := extract.Run(context.Background(), o); !errors.Is(err, extract.ErrNoCredentials) {
		t.Fatalf("err %v", err)
	}
}

// --dry-run lists and sends nothing, and does not create the store.
func TestDryRun(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 3)
	os.WriteFile(filepath.Join(in, "notes.txt"), []byte("hello"), 0o644)
	store := filepath.Join(t.TempDir(), "store")
	var out strings.Builder
	o := options(endpoint, store, in)
	o.DryRun = true
	o.Credentials = extract.Credentials{} // not needed
	o.Out = &out
	sum, err := extract.Run(context.Background(), o)
	if err != nil || sum.WouldSend != 3 || sum.Skipped != 1 || sb.Counts().Requests != 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Fatal("dry run created the store")
	}
	if !strings.Contains(out.String(), "3 files would be sent") || !strings.Contains(out.String(), "skip    "+filepath.Join(in, "notes.txt")) {
		t.Fatalf("listing:\n%s", out.String())
	}
}

// A file that fails its checks is recorded as skipped and never sent.
func TestSkippedNeverSent(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 1)
	os.WriteFile(filepath.Join(in, "empty.pdf"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "photo.gif"), []byte("GIF89a...."), 0o644)
	store := filepath.Join(t.TempDir(), "store")
	sum, err := extract.Run(context.Background(), options(endpoint, store, in))
	if err != nil || sum.Skipped != 2 || sum.Stored != 1 || sb.Counts().Requests != 1 {
		t.Fatalf("%+v %v (%d requests)", sum, err, sb.Counts().Requests)
	}
	skipped := 0
	for _, e := range manifest(t, store) {
		if e.Outcome == extract.OutcomeSkipped {
			skipped++
		}
	}
	if skipped != 2 {
		t.Fatalf("%d skipped lines", skipped)
	}
}

// A scan that goes away (or changes) after its check fails alone: the run
// goes on with the others.
func TestVanishedScanFailsAlone(t *testing.T) {
	sb, endpoint := startSandbox(t, sandbox.Options{LatencyMin: 200 * time.Millisecond})
	in := testutil.WriteScans(t, 3)
	o := options(endpoint, filepath.Join(t.TempDir(), "store"), in)
	o.Concurrency = 1
	go func() {
		for sb.Counts().Requests < 1 {
			time.Sleep(2 * time.Millisecond)
		}
		os.Remove(filepath.Join(in, "scan-001.pdf"))
	}()
	sum, err := extract.Run(context.Background(), o)
	if err != nil || sum.Stored != 2 || sum.Failed != 1 || sum.Outcomes[1].Outcome != "failed" || !strings.Contains(sum.Outcomes[1].Reason, "no such file") {
		t.Fatalf("%+v %v", sum, err)
	}
}

// An endpoint with credentials in it is refused before anything is written:
// no store, no manifest, and the secret appears in no message.
func TestEndpointWithCredentialsRefused(t *testing.T) {
	for _, ep := range []string{"http://u:PW0rd@127.0.0.1:1/release/v2/credit_report", "http://127.0.0.1:1/x?token=T0KEN", "https://h/x#T0KEN"} {
		store := filepath.Join(t.TempDir(), "store")
		o := options(ep, store, testutil.WriteScans(t, 1))
		for _, dry := range []bool{false, true} {
			o.DryRun = dry
			_, err := extract.Run(context.Background(), o)
			if !errors.Is(err, extract.ErrEndpoint) || strings.Contains(err.Error(), "PW0rd") || strings.Contains(err.Error(), "T0KEN") {
				t.Errorf("%s (dry run %v): %v", ep, dry, err)
			}
		}
		if _, err := os.Stat(store); err == nil {
			t.Errorf("%s: a store was made", ep)
		}
	}
}

// A dead endpoint (a closed port) stops the run after a few attempts with
// ErrUnreachable, whatever the number of files; the files not tried are
// not sent (the next run sends them), none is recorded as failed but the
// ones tried.
func TestDeadEndpointFailsFast(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + ln.Addr().String() + "/release/v2/credit_report"
	ln.Close()
	for _, conc := range []int{1, 4} {
		t.Run(fmt.Sprint("concurrency ", conc), func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "store")
			o := options(endpoint, store, testutil.WriteScans(t, 20))
			o.Concurrency = conc
			start := time.Now()
			sum, err := extract.Run(context.Background(), o)
			if !errors.Is(err, extract.ErrUnreachable) {
				t.Fatalf("err %v, want ErrUnreachable", err)
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Fatalf("took %s", el)
			}
			if sum.Calls > int64(extract.DefaultBreakerThreshold+conc) {
				t.Fatalf("%d calls, want at most %d", sum.Calls, extract.DefaultBreakerThreshold+conc)
			}
			if sum.Failed > conc || sum.NotSent < 20-conc || sum.Incomplete() != 20 {
				t.Fatalf("failed %d, not sent %d, incomplete %d", sum.Failed, sum.NotSent, sum.Incomplete())
			}
		})
	}
}
