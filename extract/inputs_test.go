package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestSniffType(t *testing.T) {
	bmp := []byte("BM\x46\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00")
	cases := []struct {
		head string
		want string
	}{
		{"%PDF-1.7\n", TypePDF},
		{"\xEF\xBB\xBF\n%PDF-1.4", TypePDF},
		{"\xFF\xD8\xFF\xE0\x00\x10JFIF", TypeJPEG},
		{"\x89PNG\r\n\x1a\n\x00\x00", TypePNG},
		{"II*\x00\x08\x00", TypeTIFF},
		{"MM\x00*\x00\x00", TypeTIFF},
		{string(bmp), TypeBMP},
		{"BM is how this text starts, not a bitmap", ""},
		{"GIF89a", ""},
		{"PK\x03\x04", ""},
		{"", ""},
		{"%PD", ""},
	}
	for _, c := range cases {
		if got := SniffType([]byte(c.head)); got != c.want {
			t.Errorf("SniffType(%q) = %q, want %q", c.head, got, c.want)
		}
	}
	// A PDF marker past the first KiB does not count.
	late := strings.Repeat(" ", sniffLen) + "%PDF-1.4"
	if got := SniffType([]byte(late)); got != "" {
		t.Errorf("late marker: %q", got)
	}
}

func FuzzSniffType(f *testing.F) {
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("BM"))
	f.Fuzz(func(t *testing.T, b []byte) {
		switch SniffType(b) {
		case "", TypePDF, TypeJPEG, TypePNG, TypeBMP, TypeTIFF:
		default:
			t.Fatal("unknown type name")
		}
	})
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindScans(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "b.pdf"), "%PDF-1.4 b")
	write(t, filepath.Join(in, "a.png"), "\x89PNG\r\n\x1a\n a")
	write(t, filepath.Join(in, "sub", "c.jpg"), "\xFF\xD8\xFF c")
	write(t, filepath.Join(in, "sub", "copy.pdf"), "%PDF-1.4 b")
	write(t, filepath.Join(in, "notes.txt"), "hello")
	write(t, filepath.Join(in, "empty.pdf"), "")
	write(t, filepath.Join(in, "big.pdf"), "%PDF-1.4"+strings.Repeat("x", 100))
	write(t, filepath.Join(in, ".hidden.pdf"), "%PDF-1.4 hidden")
	write(t, filepath.Join(in, ".git", "x.pdf"), "%PDF-1.4 git")
	store := filepath.Join(in, "store")
	write(t, filepath.Join(store, ResponsesDir, "x.json"), "{}")

	got, err := findScans(context.Background(), []string{in, filepath.Join(in, "b.pdf"), filepath.Join(dir, "missing.pdf")}, store, 64)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range got {
		rel, _ := filepath.Rel(dir, s.Path)
		line := rel + " " + s.Type
		if s.Err != nil {
			line += " ERR " + s.Err.Error()
		}
		lines = append(lines, line)
	}
	want := []string{
		"in/a.png png",
		"in/b.pdf pdf",
		"in/big.pdf  ERR 108 bytes, larger than --max-bytes 64",
		"in/empty.pdf  ERR empty file",
		"in/notes.txt  ERR unknown file type: not PDF, JPEG, PNG, BMP or TIFF by its first bytes",
		"in/sub/c.jpg jpeg",
		"in/sub/copy.pdf pdf",
		"missing.pdf  ERR stat: no such file or directory",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got[1].SHA256 != got[6].SHA256 || len(got[1].SHA256) != 64 {
		t.Fatalf("same bytes, different hashes: %s %s", got[1].SHA256, got[6].SHA256)
	}
}

func TestReadScanNoticesChange(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.pdf")
	write(t, p, "%PDF-1.4 one")
	sf := checkScan(p, 1<<20)
	if _, err := readScan(sf, 1<<20); err != nil {
		t.Fatal(err)
	}
	write(t, p, "%PDF-1.4 two")
	if _, err := readScan(sf, 1<<20); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("change not noticed: %v", err)
	}
}

// A named pipe called *.pdf is skipped with its reason at once: opening it
// would wait for a writer forever (extract --dry-run too).
func TestFindScansSkipsNamedPipes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "scan.pdf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan []scanFile, 1)
	go func() {
		scans, _ := findScans(context.Background(), []string{dir}, filepath.Join(dir, "store"), DefaultMaxBytes)
		done <- scans
	}()
	select {
	case scans := <-done:
		if len(scans) != 1 || scans[0].Err == nil || !strings.Contains(scans[0].Err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("scans %+v", scans)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("extract hangs on a named pipe")
	}
}
