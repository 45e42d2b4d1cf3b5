package extract

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fakeClient answers from a script: one entry per call, the last repeated.
type fakeClient struct {
	mu     sync.Mutex
	script []error
	calls  int
}

func (f *fakeClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	f.mu.Lock()
	i := min(f.calls, len(f.script)-1)
	f.calls++
	err := f.script[i]
	f.mu.Unlock()
	a := &Answer{Attempts: 1, HTTPStatus: 200}
	if ae := apiErrorOf(err); ae != nil {
		a.HTTPStatus = ae.HTTPStatus
	}
	var te *TransportError
	if errors.As(err, &te) {
		a.HTTPStatus = 0 // no answer came
	}
	return a, err
}

var (
	err500 = &APIError{HTTPStatus: 500, Status: "INTERNAL_ERROR", Class: Retry}
	err403 = &APIError{HTTPStatus: 403, Status: "RATE_LIMIT_EXCEEDED", Class: RateLimited}
	err400 = &APIError{HTTPStatus: 400, Status: "INVALID_ARGUMENT", Class: Permanent}
	err401 = &APIError{HTTPStatus: 401, Class: Fatal, err: ErrAuth}
)

func TestRetryClient(t *testing.T) {
	cases := []struct {
		name     string
		script   []error
		max      int
		attempts int
		wantErr  string
	}{
		{"500 then ok", []error{err500, err500, nil}, 5, 3, ""},
		{"rate limit then ok", []error{err403, nil}, 5, 2, ""},
		{"400 not retried", []error{err400}, 5, 1, "INVALID_ARGUMENT"},
		{"auth not retried", []error{err401}, 5, 1, "HTTP 401"},
		{"gives up", []error{err500}, 2, 3, "gave up after 3 attempts"},
		{"transport error retried", []error{&TransportError{Err: errors.New("connection reset"), Class: Retry}, nil}, 5, 2, ""},
		{"no retries", []error{err500}, 0, 1, "gave up after 1 attempts"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var counts counters
			f := &fakeClient{script: c.script}
			rc := &retryClient{next: f, maxRetries: c.max, wait: time.Millisecond, maxWait: 2 * time.Millisecond, counts: &counts}
			a, err := rc.Do(context.Background(), &Request{File: "a.pdf"})
			if a.Attempts != c.attempts || f.calls != c.attempts {
				t.Fatalf("attempts %d (calls %d), want %d", a.Attempts, f.calls, c.attempts)
			}
			if counts.retries.Load() != int64(c.attempts-1) {
				t.Fatalf("retries %d", counts.retries.Load())
			}
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("err %v, want %q", err, c.wantErr)
			}
		})
	}
}

// A stopped run sends no retry: the wait ends with the context.
func TestRetryStopsWithContext(t *testing.T) {
	var counts counters
	f := &fakeClient{script: []error{err500}}
	rc := &retryClient{next: f, maxRetries: 5, wait: time.Hour, maxWait: time.Hour, counts: &counts}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := rc.Do(ctx, &Request{}); done <- err }()
	for counts.retries.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	err := <-done
	if f.calls != 1 || err == nil || !strings.Contains(err.Error(), "run stopped after 1 attempts") {
		t.Fatalf("calls %d, err %v", f.calls, err)
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	rc := &retryClient{wait: 100 * time.Millisecond, maxWait: time.Second}
	for n, lo := range map[int]time.Duration{1: 50, 2: 100, 3: 200, 4: 400, 10: 500} {
		for range 50 {
			d := rc.backoff(n, err500)
			if d < lo*time.Millisecond || d > 2*lo*time.Millisecond || d > time.Second {
				t.Fatalf("backoff(%d) = %v", n, d)
			}
		}
	}
	withRA := &APIError{Class: RateLimited, RetryAfter: 700 * time.Millisecond}
	if d := rc.backoff(1, withRA); d != 700*time.Millisecond {
		t.Fatalf("Retry-After not honoured: %v", d)
	}
}

func TestRateClientSlowsDownOnRateLimit(t *testing.T) {
	var counts counters
	f := &fakeClient{script: []error{err403, err403, nil}}
	rc := newRateClient(f, 1000, &counts).(*rateClient)
	rc.Do(context.Background(), &Request{})
	if got := rc.lim.Limit(); got != 500 {
		t.Fatalf("limit after a 403: %v, want 500", got)
	}
	rc.Do(context.Background(), &Request{}) // within a second: the same news
	if got := rc.lim.Limit(); got != 500 {
		t.Fatalf("limit after a second 403 at once: %v, want 500", got)
	}
	rc.Do(context.Background(), &Request{})
	if got := rc.lim.Limit(); got != 550 {
		t.Fatalf("limit after a success: %v, want 550", got)
	}
	if counts.slowdowns.Load() != 1 {
		t.Fatalf("slowdowns %d", counts.slowdowns.Load())
	}
	rc.lim.SetLimit(rate.Limit(999))
	rc.speedUp()
	if got := rc.lim.Limit(); got != 1000 {
		t.Fatalf("limit grows past the configured pace: %v", got)
	}
}

// budgetClient: never more paid calls than the limit, even with many
// calls in flight; refusals give the unit back.
func TestBudgetClient(t *testing.T) {
	var inflight, maxIn atomic.Int64
	slow := ClientFunc(func(ctx context.Context, req *Request) (*Answer, error) {
		n := inflight.Add(1)
		for {
			m := maxIn.Load()
			if n <= m || maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		inflight.Add(-1)
		if req.File == "bad" {
			return &Answer{Attempts: 1, HTTPStatus: 400}, err400
		}
		return &Answer{Attempts: 1, HTTPStatus: 200}, nil
	})
	bc := newBudgetClient(slow, 3)
	var wg sync.WaitGroup
	var paid, refused, bad atomic.Int64
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			file := "ok"
			if i%4 == 0 {
				file = "bad"
			}
			_, err := bc.Do(context.Background(), &Request{File: file})
			switch {
			case err == nil:
				paid.Add(1)
			case errors.Is(err, ErrBudget):
				refused.Add(1)
			default:
				bad.Add(1)
			}
		}()
	}
	wg.Wait()
	if paid.Load() != 3 || maxIn.Load() > 3 || paid.Load()+refused.Load()+bad.Load() != 12 {
		t.Fatalf("paid %d refused %d bad %d, max in flight %d", paid.Load(), refused.Load(), bad.Load(), maxIn.Load())
	}
}
