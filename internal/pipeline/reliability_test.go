package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"creditetl/extract"
	"creditetl/internal/pipeline"
)

func synthReport(t *testing.T, n int) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "synth", "report-0000"+string(rune('0'+n))+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func failuresText(s *pipeline.Summary) string {
	var b strings.Builder
	for _, f := range s.Failures {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

// A folder is read as an extract store only when it holds a store's own
// description: answers beside a manifest.jsonl or a store.json of another
// kind are loaded, not skipped (in a subfolder too), and the summary names
// every folder it did read as a store.
func TestStoreDetectedByItsOwnMarker(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(sub, 0o700)
	os.WriteFile(filepath.Join(dir, "manifest.jsonl"), []byte("my own notes, not a manifest\n"), 0o600)
	os.WriteFile(filepath.Join(sub, "store.json"), []byte(`{"shop": "not a creditetl store"}`), 0o600)
	os.WriteFile(filepath.Join(dir, "a.json"), synthReport(t, 1), 0o600)
	os.WriteFile(filepath.Join(sub, "b.json"), synthReport(t, 2), 0o600)
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir}, Output: filepath.Join(t.TempDir(), "r.duckdb"), NoFeatures: true})
	if sum == nil || sum.Reports != 2 || len(sum.Stores) != 0 {
		t.Fatalf("reports %v, stores %v, err %v", sum, sum.Stores, err)
	}
	// The two files that are not answers are failures with a reason.
	if len(sum.Failures) != 2 || !strings.Contains(failuresText(sum), "manifest.jsonl") || !strings.Contains(failuresText(sum), "store.json") {
		t.Errorf("failures:\n%s", failuresText(sum))
	}
}

// Only regular files are read: a named pipe called *.json, given or found
// in a folder, and a link to /dev/urandom called *.jsonl are failures with
// a reason, at once (nothing waits on them).
func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/urandom", filepath.Join(dir, "u.jsonl")); err != nil {
		t.Skip(err)
	}
	os.WriteFile(filepath.Join(dir, "a.json"), synthReport(t, 1), 0o600)
	done := make(chan struct{})
	var sum *pipeline.Summary
	go func() {
		defer close(done)
		sum, _ = pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir, fifo}, Output: filepath.Join(t.TempDir(), "r.duckdb"), NoFeatures: true})
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the load hangs on a named pipe or a device")
	}
	f := failuresText(sum)
	if sum.Reports != 1 || !strings.Contains(f, "pipe.json: not a regular file (a named pipe)") || !strings.Contains(f, "u.jsonl: not a regular file (a device)") {
		t.Errorf("reports %d, failures:\n%s", sum.Reports, f)
	}
}

// A .jsonl line longer than MaxAnswerBytes is a failure and the next lines
// load: memory stays bounded whatever a line holds.
func TestLongJSONLLineIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 65 MB line; skipped with -short")
	}
	var b bytes.Buffer
	b.Write(bytes.ReplaceAll(synthReport(t, 1), []byte("\n"), nil))
	b.WriteString("\n{\"x\": \"")
	b.Write(bytes.Repeat([]byte("a"), pipeline.MaxAnswerBytes))
	b.WriteString("\"}\n")
	b.Write(bytes.ReplaceAll(synthReport(t, 2), []byte("\n"), nil))
	b.WriteString("\n")
	in := filepath.Join(t.TempDir(), "big.jsonl")
	os.WriteFile(in, b.Bytes(), 0o600)
	sum, _ := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{in}, Output: filepath.Join(t.TempDir(), "r.duckdb"), NoFeatures: true})
	if sum.Reports != 2 || len(sum.Failures) != 1 || sum.Failures[0].Line != 2 || !strings.Contains(sum.Failures[0].Reason, "line of more than 64 MiB") {
		t.Errorf("reports %d, failures:\n%s", sum.Reports, failuresText(sum))
	}
}

// A real extract store is read as one, and the summary says so.
func TestStoreNamedInTheSummary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	st, err := extract.OpenStore(dir, "https://example.invalid/x", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutResponse(strings.Repeat("ab", 32), synthReport(t, 3), false); err != nil {
		t.Fatal(err)
	}
	st.Close()
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir}, Output: filepath.Join(t.TempDir(), "r.duckdb"), NoFeatures: true})
	if err != nil || sum.Reports != 1 || len(sum.Stores) != 1 || !strings.HasPrefix(sum.Stores[0], dir+" (1 answers)") {
		t.Errorf("reports %d, stores %q, err %v", sum.Reports, sum.Stores, err)
	}
}
