package fsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	if err := WriteFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("content %q", b)
	}
	boom := errors.New("boom")
	if err := WriteWith(p, func(tmp string) error {
		os.WriteFile(tmp, []byte("half"), 0o600)
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("a failed write changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestReplaceFolder(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	for i, content := range []string{"old", "new"} {
		work, err := WorkDir(target)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(work, "f"), []byte(content), 0o600)
		if err := Replace(work, target); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		if b, _ := os.ReadFile(filepath.Join(target, "f")); string(b) != content {
			t.Fatalf("round %d: %q", i, b)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// deadPID is the PID of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	p, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{})
	if err != nil {
		t.Skipf("no /bin/true to make a dead PID: %v", err)
	}
	p.Wait()
	return p.Pid
}

// What a killed run left beside an output is removed by the next run; a
// live run's temporaries are not; a previous output left aside by a killed
// swap is put back.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.duckdb")
	dead, live := deadPID(t), os.Getppid()
	for _, name := range []string{
		fmt.Sprintf("out.duckdb.partial-%d-ab12", dead), fmt.Sprintf("out.duckdb.partial-%d-ab12.wal", dead),
		fmt.Sprintf("out.duckdb.spool-%d-cd34", dead), fmt.Sprintf(".out.duckdb.tmp-%d-ef.duckdb", dead),
		fmt.Sprintf("out.duckdb.partial-%d-live", live), "other.duckdb.partial-1-x", "out.duckdb.notes",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	os.Mkdir(filepath.Join(dir, fmt.Sprintf("out.duckdb.old-%d-99", dead)), 0o700)
	done, err := CleanStale(target)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"other.duckdb.partial-1-x", "out.duckdb", "out.duckdb.notes", fmt.Sprintf("out.duckdb.partial-%d-live", live)}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %q, want %q (done %q)", left, want, done)
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		t.Errorf("the previous output was not put back: %v", err)
	}
}
