package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
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

const (
	testSecretID  = "AKIDclitest00000000001"
	testSecretKey = "cli-test-key-5f4e3d2c1b"
)

// syncBuffer is a bytes.Buffer that a running command and a test may use at
// once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// runEnv runs the app as main does, with its own environment.
func runEnv(ctx context.Context, t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb syncBuffer
	code = runEnvTo(ctx, env, &out, &errb, args...)
	return code, out.String(), errb.String()
}

func runEnvTo(ctx context.Context, env map[string]string, out, errb *syncBuffer, args ...string) int {
	app := NewApp(Options{Stdin: strings.NewReader(""), Stdout: out, Stderr: errb, Getenv: func(k string) string { return env[k] }})
	err := app.RunContext(ctx, append([]string{"creditetl"}, args...))
	return exitCode(ctx, err, errb)
}

var testEnv = map[string]string{"CREDITETL_SECRET_ID": testSecretID, "CREDITETL_SECRET_KEY": testSecretKey}

// testSandbox serves a sandbox that accepts the test credentials.
func testSandbox(t *testing.T, o sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	if !o.Credentials.Valid() {
		o.Credentials = extract.NewCredentials(testSecretID, testSecretKey)
	}
	srv, err := sandbox.New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs.URL + sandbox.Path
}

// testScans is the fixture folder of three small scans.
func testScans(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "scans"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("testdata/scans: %v (%d files)", err, len(entries))
	}
	return dir
}

// extract against the sandbox, then creditetl load STORE: the report's
// source is the scan (path and SHA-256) and extracted_at the answer time.
func TestExtractThenLoadStore(t *testing.T) {
	sb, endpoint := testSandbox(t, sandbox.Options{})
	scans := testScans(t)
	store := filepath.Join(t.TempDir(), "store")
	code, sum, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, "--progress", "log", scans)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	n := len(sb.Counts().Paid)
	if !strings.Contains(sum, fmt.Sprintf("%d sent, %d stored", n, n)) {
		t.Fatalf("summary: %s", sum)
	}
	// a rerun sends nothing
	code, sum, errOut = runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, scans)
	if code != 0 || !strings.Contains(sum, "0 sent, 0 stored, "+fmt.Sprint(n)+" already stored") || sb.Counts().Requests != n {
		t.Fatalf("rerun: exit %d, %d requests: %s%s", code, sb.Counts().Requests, sum, errOut)
	}

	out := filepath.Join(t.TempDir(), "x.duckdb")
	code, _, errOut = runCLI(t, "load", "-o", out, store)
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errOut)
	}
	rows := query(t, out, "SELECT source_file || '|' || source_sha256 || '|' || (extracted_at IS NOT NULL)::VARCHAR FROM reports ORDER BY source_file")
	if len(rows) != n {
		t.Fatalf("%d reports, want %d", len(rows), n)
	}
	entries, _ := os.ReadDir(scans)
	for i, e := range entries {
		p := filepath.Join(scans, e.Name())
		if want := p + "|" + testutil.FileSHA256(t, p) + "|true"; rows[i] != want {
			t.Fatalf("report %d: %s, want %s", i, rows[i], want)
		}
	}
}

// Exit status: 2 when a file is skipped (never sent), 1 on bad flags or
// missing credentials.
func TestExtractExitStatus(t *testing.T) {
	sb, endpoint := testSandbox(t, sandbox.Options{})
	in := testutil.WriteScans(t, 2)
	os.WriteFile(filepath.Join(in, "notes.txt"), []byte("not a scan"), 0o644)
	store := filepath.Join(t.TempDir(), "store")
	code, sum, errOut := runEnv(context.Background(), t, testEnv, "extract", "--store", store, "--endpoint", endpoint, in)
	if code != 2 || !strings.Contains(sum, "skipped: "+filepath.Join(in, "notes.txt")+": unknown file type") || sb.Counts().Requests != 2 {
		t.Fatalf("exit %d, %d requests: %s%s", code, sb.Counts().Requests, sum, errOut)
	}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"extract", "--store", store, "--endpoint", endpoint, in}, "no API credentials"},
		{testEnv, []string{"extract", "--store", store, "--concurrency", "0", in}, "--concurrency"},
		{testEnv, []string{"extract", "--store", store, "--body", "xml", in}, "--body"},
		{testEnv, []string{"extract", "--store", store, "--max-bytes", "lots", in}, "--max-bytes"},
		{testEnv, []string{"extract", "--store", store}, "no INPUT"},
		{testEnv, []string{"extract", "--store", store, "--endpoint", "ftp://x", in}, "--endpoint"},
	} {
		code, _, errOut := runEnv(context.Background(), t, c.env, c.args...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, want 1 with %q: %s", c.args, code, c.want, errOut)
		}
	}
}

func TestExtractDryRunCLI(t *testing.T) {
	in := testutil.WriteScans(t, 2)
	store := filepath.Join(t.TempDir(), "store")
	code, out, errOut := runEnv(context.Background(), t, nil, "extract", "--dry-run", "--store", store, "--endpoint", "http://127.0.0.1:1/x", in)
	if code != 0 || !strings.Contains(out, "2 files would be sent") || !strings.Contains(out, "send    "+filepath.Join(in, "scan-000.pdf")) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// A secret, old or new, never appears in any output or file: not when the
// gateway refuses it, not with --verbose, not in the store.
func TestSecretNeverWritten(t *testing.T) {
	const oldKey = "OLD-rotated-key-a1b2c3d4e5"
	const newKey = "NEW-current-key-f6e5d4c3b2"
	_, endpoint := testSandbox(t, sandbox.Options{Credentials: extract.NewCredentials(testSecretID, newKey)})
	in := testutil.WriteScans(t, 3)
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	keyFile := filepath.Join(t.TempDir(), "key")
	os.WriteFile(keyFile, []byte(newKey+"\n"), 0o600)

	var outputs []string
	code, out, errOut := runEnv(context.Background(), t, map[string]string{"CREDITETL_SECRET_ID": testSecretID, "CREDITETL_SECRET_KEY": oldKey},
		"--verbose", "extract", "--store", store, "--endpoint", endpoint, "--progress", "log", in)
	if code != 1 || !strings.Contains(errOut, "refused the credentials") {
		t.Fatalf("old key: exit %d: %s", code, errOut)
	}
	outputs = append(outputs, out, errOut)
	code, out, errOut = runEnv(context.Background(), t, map[string]string{"CREDITETL_SECRET_ID": testSecretID, "CREDITETL_SECRET_KEY": oldKey},
		"--verbose", "extract", "--store", store, "--endpoint", endpoint, "--secret-key-file", keyFile, in)
	if code != 0 {
		t.Fatalf("new key from file: exit %d: %s", code, errOut)
	}
	outputs = append(outputs, out, errOut)
	code, out, errOut = runEnv(context.Background(), t, map[string]string{"CREDITETL_SECRET_ID": testSecretID, "CREDITETL_SECRET_KEY": newKey},
		"--verbose", "run", "--store", store, "--endpoint", endpoint, "-o", filepath.Join(dir, "out.duckdb"), in)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	outputs = append(outputs, out, errOut)
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		outputs = append(outputs, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outputs {
		for _, key := range []string{oldKey, newKey} {
			if strings.Contains(o, key) {
				t.Fatalf("output %d holds a secret key:\n%.2000s", i, o)
			}
		}
	}
}

// TestHelperProcessCLI is not a test: it is the creditetl command for the
// kill -9 test, run in a child process (the test binary itself).
func TestHelperProcessCLI(t *testing.T) {
	if os.Getenv("CREDITETL_TEST_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(runMain(append([]string{"creditetl"}, args...), os.Stdin, os.Stdout, os.Stderr))
}

// A run killed with SIGKILL mid-way loses no stored answer; rerun, it
// completes the rest, paying again at most for the calls that were in
// flight when it died.
func TestKilledRunResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process; skipped with -short")
	}
	const files, conc = 16, 2
	sb, endpoint := testSandbox(t, sandbox.Options{LatencyMin: 150 * time.Millisecond})
	in := testutil.WriteScans(t, files)
	store := filepath.Join(t.TempDir(), "store")
	args := []string{"extract", "--store", store, "--endpoint", endpoint, "--concurrency", fmt.Sprint(conc), "--qps", "0", "--progress", "off", in}
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcessCLI$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "CREDITETL_TEST_HELPER=1", "CREDITETL_SECRET_ID="+testSecretID, "CREDITETL_SECRET_KEY="+testSecretKey)
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if entries, err := extract.ReadStore(store); err == nil && len(entries) >= 4 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the child stored fewer than 4 answers in time: %s", childErr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup of any kind
		t.Fatal(err)
	}
	cmd.Wait()

	kept, err := extract.ReadStore(store)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) == files {
		t.Fatalf("the child finished before it was killed")
	}
	for _, e := range kept {
		data, err := os.ReadFile(e.ResponsePath)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := schema.Decode(data); err != nil {
			t.Fatalf("a kept answer is damaged: %s: %v", e.ResponsePath, err)
		}
	}

	code, _, errOut := runEnv(context.Background(), t, testEnv, args...)
	if code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errOut)
	}
	entries, err := extract.ReadStore(store)
	if err != nil || len(entries) != files {
		t.Fatalf("after the rerun: %d answers, %v", len(entries), err)
	}
	paid := sb.Counts().Paid
	twice := 0
	for _, e := range kept {
		if paid[e.SHA256] != 1 {
			t.Fatalf("a scan answered before the kill was paid %d times", paid[e.SHA256])
		}
	}
	for _, n := range paid {
		if n > 1 {
			twice++
		}
	}
	if twice > conc {
		t.Fatalf("%d scans paid twice; at most the %d in flight at the kill may be", twice, conc)
	}
	t.Logf("killed with %d of %d answers kept; %d in-flight calls paid again", len(kept), files, twice)
}
