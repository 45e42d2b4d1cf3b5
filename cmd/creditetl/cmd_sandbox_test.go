package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"creditetl/internal/testutil"
	"creditetl/sandbox"
)

// startSandboxCLI runs `creditetl sandbox ARGS` until the test ends and
// returns its endpoint, read from the "listening on" line.
func startSandboxCLI(t *testing.T, env map[string]string, args ...string) (endpoint string, stderr *syncBuffer, wait func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	stderr = &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- runEnvTo(ctx, env, &out, stderr, append([]string{"sandbox", "--listen", "127.0.0.1:0"}, args...)...)
	}()
	re := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)\n`)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			endpoint = m[1] + sandbox.Path
			break
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("sandbox exited %d before listening: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no listening line: %q %s", out.String(), stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	var code = -1
	wait = func() int {
		if code == -1 {
			cancel()
			code = <-done
		}
		return code
	}
	t.Cleanup(func() { wait() })
	return endpoint, stderr, wait
}

// creditetl sandbox serves until interrupted; extract works against it.
func TestSandboxCLI(t *testing.T) {
	endpoint, sbErr, wait := startSandboxCLI(t, testEnv, "--latency", "10ms-20ms")
	in := testutil.WriteScans(t, 2)
	store := filepath.Join(t.TempDir(), "store")
	code, _, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, in)
	if code != 0 {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	if code := wait(); code != 0 {
		t.Fatalf("sandbox exit %d: %s", code, sbErr.String())
	}
	log := sbErr.String()
	if !strings.Contains(log, "synthetic credit reports") || strings.Count(log, "msg=request") != 2 || !strings.Contains(log, "status=200") {
		t.Fatalf("sandbox log:\n%s", log)
	}
	if strings.Contains(log, testSecretKey) {
		t.Fatal("the sandbox logged its key")
	}
}

// The sandbox's clock decides the X-Date window: a client 20 minutes off
// is refused like the gateway refuses it, and extract stops (exit 1).
func TestSandboxCLIClock(t *testing.T) {
	endpoint, _, _ := startSandboxCLI(t, testEnv, "--clock", "+20m")
	code, _, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", filepath.Join(t.TempDir(), "s"), "--endpoint", endpoint, testutil.WriteScans(t, 3))
	if code != 1 || !strings.Contains(errOut, "clock skew") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestSandboxCLIFlags(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "no credentials"},
		{testEnv, []string{"--latency", "soon"}, "--latency"},
		{testEnv, []string{"--latency", "3s-1s"}, "--latency"},
		{testEnv, []string{"--fail-rate", "2"}, "--fail-rate 2: want a share between 0 and 1"},
		{testEnv, []string{"--fail-rate", "NaN"}, "--fail-rate NaN: want a finite number"},
		{testEnv, []string{"--qps", "NaN"}, "--qps NaN: want a finite number"},
		{testEnv, []string{"--qps", "-1"}, "--qps -1: want 0 (no limit) or more"},
		{testEnv, []string{"--qps", "+Inf"}, "--qps +Inf: want a finite number"},
		{testEnv, []string{"--clock", "yesterday"}, "--clock"},
		{testEnv, []string{"--listen", "256.0.0.1:0"}, "listen"},
	} {
		code, _, errOut := runEnv(context.Background(), t, c.env, append([]string{"sandbox", "--listen", "127.0.0.1:0"}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, want 1 with %q: %s", c.args, code, c.want, errOut)
		}
	}
}

func TestParseLatencyAndClock(t *testing.T) {
	for s, want := range map[string][2]time.Duration{"0s": {0, 0}, "2s": {2 * time.Second, 2 * time.Second}, "1s-3s": {time.Second, 3 * time.Second}, " 500ms - 1s ": {500 * time.Millisecond, time.Second}} {
		lo, hi, err := parseLatency(s)
		if err != nil || lo != want[0] || hi != want[1] {
			t.Errorf("parseLatency(%q) = %v %v %v", s, lo, hi, err)
		}
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return base }
	for s, want := range map[string]time.Time{"": base, "+20m": base.Add(20 * time.Minute), "-1h": base.Add(-time.Hour), "2018-03-19T12:08:40Z": time.Date(2018, 3, 19, 12, 8, 40, 0, time.UTC)} {
		f, err := parseClock(s, now)
		if err != nil || !f().Equal(want) {
			t.Errorf("parseClock(%q): %v", s, err)
		}
	}
	for s, want := range map[string]int64{"10MiB": 10 << 20, "512KiB": 512 << 10, "1000": 1000, "2MB": 2e6} {
		if n, err := parseBytes(s); err != nil || n != want {
			t.Errorf("parseBytes(%q) = %d %v", s, n, err)
		}
	}
}
