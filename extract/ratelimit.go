package extract

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateClient paces calls to at most qps per second (burst 1, so calls are
// spread evenly) and halves the pace when the API answers
// RATE_LIMIT_EXCEEDED; it creeps back to the configured pace after
// successful calls. It is called once per attempt, from many goroutines.
type rateClient struct {
	next   Client
	lim    *rate.Limiter
	max    rate.Limit
	min    rate.Limit
	counts *counters

	mu      sync.Mutex
	lastCut time.Time
}

var _ Client = (*rateClient)(nil)

func newRateClient(next Client, qps float64, counts *counters) Client {
	if qps <= 0 {
		return next // no limit asked for
	}
	max := rate.Limit(qps)
	return &rateClient{next: next, lim: rate.NewLimiter(max, 1), max: max, min: max / 64, counts: counts}
}

func (c *rateClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	if err := c.lim.Wait(ctx); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return &Answer{}, err
	}
	a, err := c.next.Do(ctx, req)
	switch ClassOf(err) {
	case RateLimited:
		c.slowDown()
	case Done:
		c.speedUp()
	}
	return a, err
}

// slowDown halves the pace, at most once a second: the 403s of calls that
// were already in flight say nothing new.
func (c *rateClient) slowDown() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if now.Sub(c.lastCut) < time.Second {
		return
	}
	c.lastCut = now
	l := c.lim.Limit() / 2
	if l < c.min {
		l = c.min
	}
	c.lim.SetLimit(l)
	c.counts.slowdowns.Add(1)
}

// speedUp adds a twentieth of the configured pace after a success.
func (c *rateClient) speedUp() {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.lim.Limit()
	if l >= c.max {
		return
	}
	l += c.max / 20
	if l > c.max {
		l = c.max
	}
	c.lim.SetLimit(l)
}
