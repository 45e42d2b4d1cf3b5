package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"creditetl/schema"
	"creditetl/transform"
)

// unit is one response to load: a .json file, a line of a .jsonl file, or an
// answer in an extract store.
type unit struct {
	file string
	line int
	data []byte
	// scanSHA256 is set for answers from an extract store: the report's
	// source is the scan, not the response file.
	scanSHA256  string
	extractedAt time.Time
	err         error

	// filled by decodeChunk
	src  transform.Source
	rep  *schema.Report
	size int
}

// StoreEntry is one stored answer of an extract store.
type StoreEntry struct {
	ScanFile     string
	ScanSHA256   string
	ResponsePath string
	ExtractedAt  time.Time
}

// StoreReader lists the answers of an extract store directory; ok is false
// when dir is not a store. The extract stage provides it.
type StoreReader func(dir string) (entries []StoreEntry, ok bool, err error)

// maxResponseBytes guards against loading something that is not an answer.
const maxResponseBytes = 256 << 20

// walkInputs calls emit for every response of the inputs, in a deterministic
// order: inputs as given, directories in lexical order.
func walkInputs(ctx context.Context, inputs []string, stores StoreReader, emit func(*unit) bool) {
	seen := map[string]bool{}
	for _, in := range inputs {
		if ctx.Err() != nil {
			return
		}
		info, err := os.Stat(in)
		if err != nil {
			if !emit(&unit{file: in, err: inputErr(err)}) {
				return
			}
			continue
		}
		if !info.IsDir() {
			if !emitFile(ctx, in, seen, emit) {
				return
			}
			continue
		}
		if !walkDir(ctx, in, seen, stores, emit) {
			return
		}
	}
}

func inputErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func walkDir(ctx context.Context, dir string, seen map[string]bool, stores StoreReader, emit func(*unit) bool) bool {
	if stores != nil {
		entries, ok, err := stores(dir)
		if err != nil {
			return emit(&unit{file: dir, err: fmt.Errorf("extract store: %w", err)})
		}
		if ok {
			for _, e := range entries {
				if ctx.Err() != nil {
					return false
				}
				abs, _ := filepath.Abs(e.ResponsePath)
				if seen[abs] {
					continue
				}
				seen[abs] = true
				data, err := readLimited(e.ResponsePath)
				u := &unit{file: e.ScanFile, data: data, err: err, scanSHA256: e.ScanSHA256, extractedAt: e.ExtractedAt}
				if u.file == "" {
					u.file = e.ResponsePath
				}
				if !emit(u) {
					return false
				}
			}
			return true
		}
	}
	var files []string
	var subdirs []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return emit(&unit{file: dir, err: inputErr(err)})
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if !strings.HasPrefix(e.Name(), ".") {
				subdirs = append(subdirs, p)
			}
			continue
		}
		if isResponseFile(e.Name()) {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		if !emitFile(ctx, f, seen, emit) {
			return false
		}
	}
	for _, d := range subdirs {
		if !walkDir(ctx, d, seen, stores, emit) {
			return false
		}
	}
	return true
}

func isResponseFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".json" || ext == ".jsonl" || ext == ".ndjson"
}

func emitFile(ctx context.Context, path string, seen map[string]bool, emit func(*unit) bool) bool {
	abs, _ := filepath.Abs(path)
	if seen[abs] {
		return true // the same file named twice (a directory and a file in it)
	}
	seen[abs] = true
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".jsonl" && ext != ".ndjson" {
		data, err := readLimited(path)
		return emit(&unit{file: path, data: data, err: err})
	}
	f, err := os.Open(path)
	if err != nil {
		return emit(&unit{file: path, err: inputErr(err)})
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	n, any := 0, false
	for {
		if ctx.Err() != nil {
			return false
		}
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			n++
			line = bytes.TrimRight(line, "\r\n")
			if len(bytes.TrimSpace(line)) > 0 {
				any = true
				if !emit(&unit{file: path, line: n, data: line}) {
					return false
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return emit(&unit{file: path, line: n + 1, err: inputErr(err)})
		}
	}
	if !any {
		return emit(&unit{file: path, err: errors.New("empty file")})
	}
	return true
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErr(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxResponseBytes+1))
	if err != nil {
		return nil, inputErr(err)
	}
	if len(data) > maxResponseBytes {
		return nil, fmt.Errorf("larger than %d MiB: not an API answer", maxResponseBytes>>20)
	}
	return data, nil
}
