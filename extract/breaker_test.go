package extract

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
)

var errRefused = &TransportError{Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, Class: Retry}

// The breaker trips on the threshold-th attempt that fails to connect when
// none was ever answered, and then sends nothing more.
func TestBreakerTripsOnDeadEndpoint(t *testing.T) {
	f := &fakeClient{script: []error{errRefused}}
	b := newBreakerClient(f, "http://u:secret@127.0.0.1:1/x", 3)
	for i := 1; i <= 5; i++ {
		_, err := b.Do(context.Background(), &Request{File: "a.pdf"})
		switch {
		case i < 3 && (errors.Is(err, ErrUnreachable) || ClassOf(err) != Retry):
			t.Fatalf("attempt %d: %v (class %v), want a retryable error", i, err, ClassOf(err))
		case i >= 3 && (!errors.Is(err, ErrUnreachable) || ClassOf(err) != Fatal):
			t.Fatalf("attempt %d: %v, want the fatal ErrUnreachable", i, err)
		}
		if i == 3 && (strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "127.0.0.1:1") || !strings.Contains(err.Error(), "connection refused")) {
			t.Fatalf("message %q: want the redacted endpoint and the last error", err)
		}
	}
	if f.calls != 3 {
		t.Fatalf("%d attempts sent, want 3", f.calls)
	}
}

// Once the endpoint has answered (any status), connection errors are
// transient: they are retried, never fatal.
func TestBreakerStaysOutOnceAnswered(t *testing.T) {
	f := &fakeClient{script: []error{err500, errRefused}}
	b := newBreakerClient(f, "http://127.0.0.1:1/x", 3)
	for i := 0; i < 10; i++ {
		if _, err := b.Do(context.Background(), &Request{}); errors.Is(err, ErrUnreachable) {
			t.Fatalf("attempt %d tripped the breaker after an answer: %v", i+1, err)
		}
	}
	// Failures that are not about connecting never count.
	f = &fakeClient{script: []error{&TransportError{Err: errors.New("connection reset by peer"), Class: Retry}}}
	f.script[0].(*TransportError).Err = syscall.ECONNRESET
	b = newBreakerClient(f, "http://127.0.0.1:1/x", 3)
	for i := 0; i < 10; i++ {
		if _, err := b.Do(context.Background(), &Request{}); errors.Is(err, ErrUnreachable) {
			t.Fatalf("a reset connection tripped the breaker: %v", err)
		}
	}
	if !cannotConnect(&TransportError{Err: &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}}) {
		t.Fatal("a DNS error is a failure to connect")
	}
}
