package extract

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"syscall"
)

// ErrUnreachable: the endpoint could not be reached at all (DNS, connection
// refused, no route) and never answered. Fatal for the run: every other
// file would wait through its retries for nothing.
var ErrUnreachable = errors.New("the API endpoint cannot be reached")

// DefaultBreakerThreshold is how many attempts must fail to connect, with
// no answer ever, before a run stops.
const DefaultBreakerThreshold = 3

// breakerClient stops a run on a dead endpoint: when the first attempts of
// a run all fail to connect (no such host, connection refused, no route,
// dial timeout) and not one has been answered, the threshold-th such
// failure trips it, and that attempt and every later one return an error
// wrapping ErrUnreachable (Fatal) without sending. Once any HTTP answer has
// come back, whatever its status, the endpoint is known to be there and the
// breaker stays out of the way for the rest of the run: connection errors
// mid-run are retried by the retry layer above. It is called once per
// attempt, from many goroutines.
type breakerClient struct {
	next      Client
	endpoint  string // redacted, for messages
	threshold int

	mu       sync.Mutex
	answered bool
	failures int
	tripped  error
}

var _ Client = (*breakerClient)(nil)

func newBreakerClient(next Client, endpoint string, threshold int) Client {
	if threshold <= 0 {
		threshold = DefaultBreakerThreshold
	}
	return &breakerClient{next: next, endpoint: redactURL(endpoint), threshold: threshold}
}

func (c *breakerClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	c.mu.Lock()
	tripped := c.tripped
	c.mu.Unlock()
	if tripped != nil {
		return &Answer{}, tripped
	}
	a, err := c.next.Do(ctx, req)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case a.HTTPStatus != 0:
		c.answered = true
	case !c.answered && cannotConnect(err):
		c.failures++
		if c.tripped == nil && c.failures >= c.threshold {
			c.tripped = fmt.Errorf("%w: %s: the first %d attempts failed to connect and none was answered (last: %v); stopped instead of retrying every file: check --endpoint, the network, a proxy or a firewall, then run again",
				ErrUnreachable, c.endpoint, c.failures, err)
		}
		if c.tripped != nil {
			return a, c.tripped
		}
	}
	return a, err
}

// cannotConnect tells a failure to reach the endpoint at all (a name that
// does not resolve, a refused or unroutable connection, a dial timeout)
// from failures of a connection that was made.
func cannotConnect(err error) bool {
	var te *TransportError
	if err == nil || !errors.As(err, &te) {
		return false
	}
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		return true
	case errors.As(err, &op) && op.Op == "dial":
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return true
	}
	return false
}
