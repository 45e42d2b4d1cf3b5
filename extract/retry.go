package extract

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// retryClient retries what ClassOf calls Retry or RateLimited, up to
// maxRetries more attempts, waiting wait·2ⁿ (at most maxWait, or what a
// Retry-After header asks) with jitter between attempts. Each attempt goes
// through the layers below afresh, so each is paced and signed anew. It
// checks the run's context before every retry: a stopped run sends nothing
// new.
type retryClient struct {
	next       Client
	maxRetries int
	wait       time.Duration
	maxWait    time.Duration
	counts     *counters
	// onRetry, when set, hears of every retry (progress, logs).
	onRetry func(req *Request, attempt int, err error, wait time.Duration)
}

var _ Client = (*retryClient)(nil)

func (c *retryClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	start := time.Now()
	attempts := 0
	for {
		a, err := c.next.Do(ctx, req)
		attempts += a.Attempts
		a.Attempts = attempts
		a.Latency = time.Since(start)
		cls := ClassOf(err)
		if cls != Retry && cls != RateLimited {
			return a, err
		}
		if attempts > c.maxRetries {
			return a, fmt.Errorf("gave up after %d attempts: %w", attempts, err)
		}
		if ctx.Err() != nil {
			return a, fmt.Errorf("run stopped after %d attempts: %w", attempts, err)
		}
		d := c.backoff(attempts, err)
		c.counts.retries.Add(1)
		if c.onRetry != nil {
			c.onRetry(req, attempts, err, d)
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return a, fmt.Errorf("run stopped after %d attempts: %w", attempts, err)
		case <-t.C:
		}
	}
}

// backoff is the wait before attempt n+1: exponential with "equal jitter"
// (half fixed, half random), so retries of many calls do not line up.
func (c *retryClient) backoff(n int, err error) time.Duration {
	d := c.wait
	for i := 1; i < n && d < c.maxWait; i++ {
		d *= 2
	}
	if d > c.maxWait {
		d = c.maxWait
	}
	d = d/2 + rand.N(d/2+1)
	if ae := apiErrorOf(err); ae != nil && ae.RetryAfter > d {
		d = min(ae.RetryAfter, c.maxWait)
	}
	return d
}
