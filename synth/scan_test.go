package synth

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"regexp"
	"strconv"
	"testing"
)

func TestScans(t *testing.T) {
	magic := map[string][]byte{"pdf": []byte("%PDF-"), "png": []byte("\x89PNG\r\n\x1a\n"), "jpg": {0xFF, 0xD8, 0xFF}}
	seen := map[string]int{}
	for i := 1; i <= 12; i++ {
		name, b, err := Scan(1, i)
		if err != nil {
			t.Fatal(err)
		}
		if name != ScanName(i) {
			t.Errorf("scan %d named %s, ScanName says %s", i, name, ScanName(i))
		}
		ext := name[len(name)-3:]
		if !bytes.HasPrefix(b, magic[ext]) {
			t.Errorf("%s: bad magic %q", name, b[:8])
		}
		if len(b) > 20_000 {
			t.Errorf("%s: %d bytes, want under 20 KB", name, len(b))
		}
		if j, dup := seen[string(b)]; dup {
			t.Errorf("scans %d and %d are identical", j, i)
		}
		seen[string(b)] = i
		switch ext {
		case "pdf":
			checkPDF(t, name, b)
		default:
			img, format, err := image.Decode(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if want := map[string]string{"png": "png", "jpg": "jpeg"}[ext]; format != want || img.Bounds().Dx() < 100 {
				t.Errorf("%s: decoded as %s %v", name, format, img.Bounds())
			}
		}
		if s, n, ok := scanOrigin(b); !ok || s != 1 || n != i {
			t.Errorf("%s: origin (%d, %d, %v)", name, s, n, ok)
		}
	}
	if got := []string{ScanName(1), ScanName(2), ScanName(3), ScanName(4)}; got[0] != "scan-00001.pdf" || got[1] != "scan-00002.png" ||
		got[2] != "scan-00003.jpg" || got[3] != "scan-00004.pdf" {
		t.Errorf("scan names %v", got)
	}
	if _, _, ok := scanOrigin([]byte("%PDF-1.4 nothing here")); ok {
		t.Error("origin found in a foreign file")
	}
}

// checkPDF verifies the PDF's structure: header, every xref offset pointing
// at its "N 0 obj", startxref pointing at the xref table, %%EOF.
func checkPDF(t *testing.T, name string, b []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(b)
	if m == nil {
		t.Errorf("%s: no startxref/%%%%EOF trailer", name)
		return
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Errorf("%s: startxref %d does not point at the xref table", name, xref)
		return
	}
	sec := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(b[xref:])
	count, _ := strconv.Atoi(string(sec[1]))
	entries := b[xref+len(sec[0]):]
	for k := range count {
		e := entries[20*k : 20*k+20]
		if k == 0 {
			if string(e) != "0000000000 65535 f \n" {
				t.Errorf("%s: bad free entry %q", name, e)
			}
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			t.Errorf("%s: bad xref entry %q", name, e)
			continue
		}
		if want := strconv.Itoa(k) + " 0 obj\n"; !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Errorf("%s: object %d not at offset %d", name, k, off)
		}
	}
	// The content stream's /Length is exact.
	sm := regexp.MustCompile(`<< /Length (\d+) >>\nstream\n`).FindSubmatchIndex(b)
	if sm == nil {
		t.Errorf("%s: no content stream", name)
		return
	}
	n, _ := strconv.Atoi(string(b[sm[2]:sm[3]]))
	if !bytes.HasPrefix(b[sm[1]+n:], []byte("endstream")) {
		t.Errorf("%s: stream /Length %d is wrong", name, n)
	}
}
