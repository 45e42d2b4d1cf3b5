package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkInputs finds missing paths and counts what the inputs hold, walking
// them as the load will; a store that cannot be read still counts (the
// load records why).
func TestCheckInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "{}")
	write("sub/b.jsonl", "{}\n{}\n")
	write("sub/notes.txt", "not an answer")
	write(".hidden/c.json", "{}")
	write("store/manifest.jsonl", "")
	stores := func(d string) ([]StoreEntry, bool, error) {
		if filepath.Base(d) == "store" {
			return nil, true, errors.New("manifest unreadable")
		}
		return nil, false, nil
	}
	ctx := context.Background()
	st, err := checkInputs(ctx, []string{dir, filepath.Join(dir, "a.json"), "-"}, stores)
	if err != nil {
		t.Fatal(err)
	}
	// a.json (once), sub/b.jsonl, the store, stdin.
	if st.candidates != 4 || st.bytes != 2+6 {
		t.Errorf("candidates %d, bytes %d", st.candidates, st.bytes)
	}
	_, err = checkInputs(ctx, []string{dir, "no/such.json", "nor/this"}, stores)
	if !errors.Is(err, ErrNoInput) || !strings.Contains(err.Error(), "no/such.json (no such file or directory), nor/this") {
		t.Errorf("missing: %v", err)
	}
	if _, err = checkInputs(ctx, []string{"-", "-"}, stores); !errors.Is(err, ErrNoInput) {
		t.Errorf("- twice: %v", err)
	}
	empty := t.TempDir()
	if st, err := checkInputs(ctx, []string{empty}, stores); err != nil || st.candidates != 0 {
		t.Errorf("empty folder: %d, %v", st.candidates, err)
	}
}
