package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"creditetl/internal/fsutil"
)

// DefaultMaxBytes is the largest scan sent when --max-bytes is not given.
const DefaultMaxBytes = 10 << 20

// Scan types recognised by their magic bytes.
const (
	TypePDF  = "pdf"
	TypeJPEG = "jpeg"
	TypePNG  = "png"
	TypeBMP  = "bmp"
	TypeTIFF = "tiff"
)

// sniffLen is how much of a file SniffType needs.
const sniffLen = 1024

// SniffType names the scan type of a file by its first bytes, or "" when it
// is none of PDF, JPEG, PNG, BMP or TIFF. A PDF header may follow some
// junk within the first 1024 bytes, as PDF readers allow.
func SniffType(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xD8\xFF")):
		return TypeJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TypeTIFF
	case len(head) >= 26 && bytes.HasPrefix(head, []byte("BM")) && bmpHeaderOK(head):
		return TypeBMP
	}
	if i := bytes.Index(head[:min(len(head), sniffLen)], []byte("%PDF-")); i >= 0 {
		return TypePDF
	}
	return ""
}

// bmpHeaderOK checks more than "BM", which starts plenty of text files: the
// reserved words are zero and the info header has a known size.
func bmpHeaderOK(h []byte) bool {
	if h[6] != 0 || h[7] != 0 || h[8] != 0 || h[9] != 0 {
		return false
	}
	switch int(h[14]) | int(h[15])<<8 | int(h[16])<<16 | int(h[17])<<24 {
	case 12, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// knownTypes lists the accepted types, for messages.
const knownTypes = "PDF, JPEG, PNG, BMP or TIFF"

// scanFile is one input file after its checks.
type scanFile struct {
	Path   string
	Size   int64
	Type   string
	SHA256 string
	Err    error // why it is skipped: it is never sent
}

// findScans lists the files of the inputs in order (directories walked
// recursively in lexical order, hidden files and folders and the store
// itself left out) and checks each one: readable, a regular file, not
// empty, at most maxBytes, a known type. It hashes the files that pass.
func findScans(ctx context.Context, inputs []string, storeDir string, maxBytes int64) ([]scanFile, error) {
	storeAbs, _ := filepath.Abs(storeDir)
	seen := map[string]bool{}
	var out []scanFile
	add := func(path string) {
		abs, _ := filepath.Abs(path)
		if seen[abs] {
			return
		}
		seen[abs] = true
		out = append(out, checkScan(path, maxBytes))
	}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		info, err := os.Stat(in)
		if err != nil {
			out = append(out, scanFile{Path: in, Err: pathErr(err)})
			continue
		}
		if !info.IsDir() {
			add(in)
			continue
		}
		var files []string
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, scanFile{Path: p, Err: pathErr(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			hidden := p != in && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); hidden || abs == storeAbs {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil // links to folders are not followed (no loops)
				}
			}
			if !hidden {
				files = append(files, p)
			}
			return ctx.Err()
		})
		if err != nil {
			return out, err
		}
		sort.Strings(files)
		for _, f := range files {
			add(f)
		}
	}
	return out, nil
}

func checkScan(path string, maxBytes int64) scanFile {
	sf := scanFile{Path: path}
	// Only a regular file (or a link to one) is opened: opening a named
	// pipe would wait for a writer forever.
	if info, err := os.Stat(path); err != nil {
		sf.Err = pathErr(err)
		return sf
	} else if !info.Mode().IsRegular() {
		sf.Err = fmt.Errorf("not a regular file (%s): not read", fsutil.FileKind(info.Mode()))
		return sf
	}
	f, err := os.Open(path)
	if err != nil {
		sf.Err = pathErr(err)
		return sf
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		sf.Err = pathErr(err)
		return sf
	}
	sf.Size = info.Size()
	switch {
	case !info.Mode().IsRegular():
		sf.Err = errors.New("not a regular file")
		return sf
	case info.Size() == 0:
		sf.Err = errors.New("empty file")
		return sf
	case info.Size() > maxBytes:
		sf.Err = fmt.Errorf("%d bytes, larger than --max-bytes %d", info.Size(), maxBytes)
		return sf
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		sf.Err = pathErr(err)
		return sf
	}
	if sf.Type = SniffType(head[:n]); sf.Type == "" {
		sf.Err = errors.New("unknown file type: not " + knownTypes + " by its first bytes")
		return sf
	}
	h := sha256.New()
	h.Write(head[:n])
	if _, err := io.Copy(h, f); err != nil {
		sf.Err = pathErr(err)
		return sf
	}
	sf.SHA256 = hex.EncodeToString(h.Sum(nil))
	return sf
}

// readScan reads a checked file again to send it, and makes sure it has not
// changed since it was hashed (the store key must name these bytes).
func readScan(sf scanFile, maxBytes int64) ([]byte, error) {
	f, err := os.Open(sf.Path)
	if err != nil {
		return nil, pathErr(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, pathErr(err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sf.SHA256 {
		return nil, errors.New("the file changed while the run was going on; run again")
	}
	return data, nil
}

// pathErr drops the path from an *fs.PathError: messages name the file
// themselves.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
