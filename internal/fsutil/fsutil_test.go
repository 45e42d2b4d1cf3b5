package fsutil

import (
	"errors"
	"os"
	"path/filepath"
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
