package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const shaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

// ep is the endpoint of a test run: run --sandbox gives none that stays.
func ep(sandbox bool) string {
	if sandbox {
		return "http://127.0.0.1:1234/release/v2/credit_report"
	}
	return DefaultEndpoint
}

const shaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

func TestStoreRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	st, err := OpenStore(dir, ep(false), false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Has(shaA) {
		t.Fatal("empty store has an answer")
	}
	rel, err := st.PutResponse(shaA, []byte(`{"creditHeader":{}}`), false)
	if err != nil || rel != filepath.Join(ResponsesDir, shaA+".json") {
		t.Fatalf("PutResponse: %q %v", rel, err)
	}
	if !st.Has(shaA) {
		t.Fatal("stored answer not found")
	}
	at := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := st.Record(ManifestEntry{File: "scans/a.pdf", SHA256: shaA, Outcome: OutcomeOK, AnsweredAt: &at, Attempts: 1}); err != nil {
		t.Fatal(err)
	}
	if err := st.Record(ManifestEntry{File: "scans/x.txt", Outcome: OutcomeSkipped, Reason: "unknown"}); err != nil {
		t.Fatal(err)
	}
	// An answer kept by a run killed before its manifest line.
	if _, err := st.PutResponse(shaB, []byte(`{}`), false); err != nil {
		t.Fatal(err)
	}
	// A second writer is refused while the first holds the store.
	if runtime.GOOS != "windows" {
		if _, err := OpenStore(dir, ep(false), false); err == nil || !strings.Contains(err.Error(), "in use") {
			t.Fatalf("second open: %v", err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	for _, d := range []string{dir, filepath.Join(dir, ResponsesDir)} {
		entries, err := ReadStore(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 {
			t.Fatalf("%d entries", len(entries))
		}
		// sorted by scan file: the one without a manifest line first
		if entries[0].SHA256 != shaB || entries[0].ScanFile != "" || entries[0].AnsweredAt.IsZero() {
			t.Fatalf("entry without line: %+v", entries[0])
		}
		if entries[1].SHA256 != shaA || entries[1].ScanFile != "scans/a.pdf" || !entries[1].AnsweredAt.Equal(at) {
			t.Fatalf("entry: %+v", entries[1])
		}
	}
	if _, err := ReadStore(t.TempDir()); !errors.Is(err, ErrNotStore) {
		t.Fatalf("plain folder: %v", err)
	}
}

// A kill -9 can tear the last manifest line and leave a temp file: both
// are harmless, and the next line starts on a line of its own.
func TestStoreSurvivesTornManifest(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenStore(dir, ep(false), false)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC()
	st.Record(ManifestEntry{File: "a.pdf", SHA256: shaA, Outcome: OutcomeOK, AnsweredAt: &at})
	st.PutResponse(shaA, []byte(`{}`), false)
	st.Close()
	f, _ := os.OpenFile(filepath.Join(dir, ManifestFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"time":"2024-01-01T00:00:00Z","file":"b.pdf","sha256":"bbbb`)
	f.Close()
	tmp := filepath.Join(dir, ResponsesDir, ".tmp-"+shaB+".json-123")
	os.WriteFile(tmp, []byte(`{"half`), 0o644)

	st, err = OpenStore(dir, ep(false), false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatal("temp file left")
	}
	if err := st.Record(ManifestEntry{File: "c.pdf", SHA256: shaB, Outcome: OutcomeFailed, Reason: "HTTP 400"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	f, _ = os.Open(filepath.Join(dir, ManifestFile))
	entries, bad, err := ReadManifest(f)
	f.Close()
	if err != nil || bad != 1 || len(entries) != 2 || entries[1].File != "c.pdf" {
		t.Fatalf("entries %+v bad %d err %v", entries, bad, err)
	}
	got, err := ReadStore(dir)
	if err != nil || len(got) != 1 || got[0].ScanFile != "a.pdf" {
		t.Fatalf("ReadStore: %+v %v", got, err)
	}
}

func TestStoreKeepsRealAndSyntheticApart(t *testing.T) {
	// run --sandbox makes a synthetic store; a real run is refused on it
	dir := t.TempDir()
	st, err := OpenStore(dir, ep(true), true)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := OpenStore(dir, ep(false), false); err == nil || !strings.Contains(err.Error(), "synthetic") {
		t.Fatalf("real run on a sandbox store: %v", err)
	}
	if st, err = OpenStore(dir, ep(true), true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// extract --endpoint <a sandbox> into a new store: the first answer
	// makes it synthetic; reruns against that sandbox go on, real runs are
	// refused from then on
	dir = t.TempDir()
	sandboxURL := "http://127.0.0.1:8080/release/v2/credit_report"
	if st, err = OpenStore(dir, sandboxURL, false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutResponse(shaA, []byte(`{}`), true); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = OpenStore(dir, sandboxURL, false); err != nil {
		t.Fatalf("rerun against the same sandbox: %v", err)
	}
	st.Close()
	if _, err := OpenStore(dir, ep(false), false); err == nil || !strings.Contains(err.Error(), "synthetic") {
		t.Fatalf("real run on a store that got sandbox answers: %v", err)
	}

	// a store of real answers refuses a sandbox answer
	dir = t.TempDir()
	st, _ = OpenStore(dir, ep(false), false)
	defer st.Close()
	if _, err := st.PutResponse(shaA, []byte(`{}`), false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutResponse(shaB, []byte(`{}`), true); err == nil || st.Has(shaB) {
		t.Fatalf("sandbox answer in a real store: %v", err)
	}
	if _, err := OpenStore(t.TempDir(), ep(true), true); err != nil {
		t.Fatal(err)
	}
}

func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"time":"2024-01-01T00:00:00Z","file":"a.pdf","outcome":"ok"}` + "\n" + `{"fi`))
	f.Add([]byte("\n\n{}\n"))
	f.Add(bytes.Repeat([]byte("x"), 70000))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, bad, err := ReadManifest(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if bad < 0 || len(entries) > bytes.Count(data, []byte("\n"))+1 {
			t.Fatalf("%d entries from %d lines", len(entries), bytes.Count(data, []byte("\n"))+1)
		}
		for _, e := range entries {
			if e.Outcome == "" {
				t.Fatal("entry without outcome")
			}
		}
	})
}
