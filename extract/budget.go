package extract

import (
	"context"
	"net/http"
	"sync"
)

// budgetClient makes at most limit paid calls (answers with HTTP 200, the
// ones the API bills). A call reserves a unit before it is sent and gives it
// back when the answer is not a 200, so calls in flight can never overshoot
// the limit; when every unit is reserved, callers wait for an answer. Once
// limit calls are paid, Do refuses with ErrBudget without sending.
type budgetClient struct {
	next  Client
	limit int

	mu       sync.Mutex
	reserved int
	paid     int
	changed  chan struct{} // closed and replaced whenever reserved or paid change
}

var _ Client = (*budgetClient)(nil)

func newBudgetClient(next Client, limit int) Client {
	if limit <= 0 {
		return next
	}
	return &budgetClient{next: next, limit: limit, changed: make(chan struct{})}
}

func (c *budgetClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	if err := c.reserve(ctx); err != nil {
		return &Answer{}, err
	}
	a, err := c.next.Do(ctx, req)
	c.mu.Lock()
	c.reserved--
	if a.HTTPStatus == http.StatusOK {
		c.paid++
	}
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
	return a, err
}

func (c *budgetClient) reserve(ctx context.Context) error {
	for {
		c.mu.Lock()
		if c.paid >= c.limit {
			c.mu.Unlock()
			return ErrBudget
		}
		if c.paid+c.reserved < c.limit {
			c.reserved++
			c.mu.Unlock()
			return nil
		}
		wait := c.changed
		c.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wait:
		}
	}
}
