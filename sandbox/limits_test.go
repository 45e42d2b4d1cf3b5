package sandbox

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"creditetl/extract"
)

// A sandbox binds loopback only, unless Public.
func TestSandboxLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "localhost:0": true, "[::1]:0": true,
		"0.0.0.0:0": false, ":0": false, "192.0.2.7:0": false} {
		err := checkListen(addr, false)
		if (err == nil) != ok {
			t.Errorf("%s: %v", addr, err)
		}
		if err != nil && !strings.Contains(err.Error(), "--public") {
			t.Errorf("%s: the error does not say how to allow it: %v", addr, err)
		}
		if err := checkListen(addr, true); err != nil {
			t.Errorf("%s with Public: %v", addr, err)
		}
	}
	s := newServer(t, Options{})
	if err := s.ListenAndServe(context.Background(), "0.0.0.0:0", nil); err == nil || !strings.Contains(err.Error(), "not a loopback") {
		t.Errorf("ListenAndServe on every interface: %v", err)
	}
}

// serve starts the sandbox on a loopback port for raw-socket tests.
func serve(t *testing.T, o Options) string {
	t.Helper()
	s := newServer(t, o)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, ln, nil); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// rawRequest sends the head of a signed request announcing length bytes,
// then body, and returns the status line (or the read error).
func rawRequest(t *testing.T, addr string, length int64, body string, pause time.Duration) (string, time.Duration) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	date := extract.XDate(time.Now())
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Date: %s\r\nX-Source: market\r\nAuthorization: %s\r\nContent-Length: %d\r\n\r\n",
		Path, date, extract.Authorization(creds, date, "market"), length)
	start := time.Now()
	for _, b := range []byte(body) {
		if _, err := c.Write([]byte{b}); err != nil {
			break
		}
		time.Sleep(pause)
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "error: " + err.Error(), time.Since(start)
	}
	return strings.TrimSpace(line), time.Since(start)
}

// A body announced larger than the limit is refused before it is read; a
// body sent slowly is cut off after ReadTimeout.
func TestSandboxBodyLimits(t *testing.T) {
	addr := serve(t, Options{ReadTimeout: 300 * time.Millisecond})
	status, took := rawRequest(t, addr, 1<<30, "", 0)
	if !strings.Contains(status, " 400 ") || took > 2*time.Second {
		t.Errorf("1 GiB announced: %q after %s", status, took)
	}
	status, took = rawRequest(t, addr, 1000, strings.Repeat("a", 1000), 5*time.Millisecond)
	if strings.Contains(status, " 200 ") || took > 3*time.Second {
		t.Errorf("slow body: %q after %s", status, took)
	}
}

// Requests beyond MaxInFlight wait a second, then get 503.
func TestSandboxCapsRequestsInFlight(t *testing.T) {
	s := newServer(t, Options{MaxInFlight: 2, LatencyMin: 2 * time.Second})
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = req{body: form(pdf)}.do(t, s).Code
		}()
		time.Sleep(50 * time.Millisecond)
	}
	wg.Wait()
	var n503 int
	for _, c := range codes {
		if c == http.StatusServiceUnavailable {
			n503++
		}
	}
	if n503 != 1 || s.Counts().MaxInFlight > 2 {
		t.Errorf("codes %v, max in flight %d", codes, s.Counts().MaxInFlight)
	}
}
