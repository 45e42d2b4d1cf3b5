package sandbox

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"creditetl/schema"
)

// The seed document's own Python client, pointed at the sandbox over http
// on loopback, gets a 200 with a report: the sandbox accepts exactly what
// real clients send.
func TestSeedPythonSampleGets200(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skipf("python3 not found: the seed's Python sample cannot run here")
	}
	s := newServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, "127.0.0.1:0", func(u string) { ready <- u }) }()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	scan := filepath.Join(t.TempDir(), "scan.pdf")
	if err := os.WriteFile(scan, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pctx, pcancel := context.WithTimeout(ctx, 60*time.Second)
	defer pcancel()
	cmd := exec.CommandContext(pctx, py, "../testdata/extract/credit_report_client.py")
	cmd.Env = append(os.Environ(),
		"CREDITETL_ENDPOINT="+base+Path,
		"CREDITETL_SECRET_ID="+creds.ID,
		"CREDITETL_SECRET_KEY="+creds.Key(),
		"CREDITETL_SCAN="+scan,
		"PYTHONWARNINGS=ignore", // utcnow() is deprecated in newer Pythons; the sample uses it
	)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("python sample: %v\n%s", err, stderr)
	}
	if _, err := schema.Decode(out); err != nil {
		t.Fatalf("python sample printed no report: %v\n%.300s", err, out)
	}
	c := s.Counts()
	if c.ByStatus[200] != 1 {
		t.Fatalf("sandbox answered %v", c.ByStatus)
	}
	if !strings.Contains(string(out), "creditHeader") {
		t.Fatal("no creditHeader")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
