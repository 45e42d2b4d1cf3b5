package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"creditetl/internal/fsutil"
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
	// read is how many bytes of the input this unit took (for progress).
	read int64

	// filled by decodeChunk
	src  transform.Source
	rep  *schema.Report
	size int
	// canonicalHash identifies the answer's content whatever its
	// formatting (canonical.go).
	canonicalHash string
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

// Memory bounds (README, Reliability): an answer (a .json file, a .jsonl
// line, standard input) larger than MaxAnswerBytes is not read whole: it is
// a failure, and a .jsonl file goes on with its next line. The pipeline
// keeps about chunkBytes of answers in each of its few chunks in flight.
const (
	MaxAnswerBytes   = 64 << 20
	maxResponseBytes = MaxAnswerBytes
)

// Stdin is the INPUT that names standard input.
const Stdin = "-"

// stdinName is the source_file of a report read from standard input.
const stdinName = "stdin"

// ErrNoInput is returned (wrapped) when an INPUT named on the command line
// does not exist: nothing is read and nothing is written.
var ErrNoInput = errors.New("no such INPUT")

// ErrNoReports is returned (wrapped) when the inputs hold no report: no
// output is created.
var ErrNoReports = errors.New("no report found in the inputs")

// inputStats is what the inputs hold, found before anything is read.
type inputStats struct {
	candidates int   // response files, lines not counted; store answers; stdin
	bytes      int64 // their sizes (stdin not counted)
	// stores are the folders read as extract stores (said in the summary).
	stores []string
}

// checkInputs makes sure every INPUT exists (stdin named at most once) and
// counts the response files they hold, walking them as walkInputs will,
// without reading them.
func checkInputs(ctx context.Context, inputs []string, stores StoreReader) (inputStats, error) {
	var st inputStats
	var missing []string
	stdin := 0
	for _, in := range inputs {
		if in == Stdin {
			stdin++
			st.candidates++
			continue
		}
		if _, err := os.Stat(in); err != nil {
			missing = append(missing, fmt.Sprintf("%s (%v)", in, inputErr(err)))
		}
	}
	if len(missing) > 0 {
		return st, fmt.Errorf("%w: %s: name existing .json or .jsonl files, folders or extract stores (or - for standard input)", ErrNoInput, strings.Join(missing, ", "))
	}
	if stdin > 1 {
		return st, fmt.Errorf("%w: - (standard input) is named %d times: it can be read once", ErrNoInput, stdin)
	}
	seen := map[string]bool{}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if in == Stdin {
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			continue // walkInputs records it
		}
		if !info.IsDir() {
			countFile(in, info.Size(), seen, &st)
			continue
		}
		statDir(ctx, in, seen, stores, &st)
	}
	return st, nil
}

func countFile(path string, size int64, seen map[string]bool, st *inputStats) {
	abs, _ := filepath.Abs(path)
	if seen[abs] {
		return
	}
	seen[abs] = true
	st.candidates++
	st.bytes += size
}

// statDir counts what walkDir will read of dir.
func statDir(ctx context.Context, dir string, seen map[string]bool, stores StoreReader, st *inputStats) {
	if ctx.Err() != nil {
		return
	}
	if stores != nil {
		entries, ok, err := stores(dir)
		if err != nil {
			st.candidates++ // walkDir records the store's error as a failure
			return
		}
		if ok {
			st.stores = append(st.stores, fmt.Sprintf("%s (%d answers)", dir, len(entries)))
			for _, e := range entries {
				var size int64
				if info, err := os.Stat(e.ResponsePath); err == nil {
					size = info.Size()
				}
				countFile(e.ResponsePath, size, seen, st)
			}
			return
		}
	}
	files, subdirs, err := listDir(dir)
	if err != nil {
		return
	}
	for _, f := range files {
		var size int64
		if info, err := os.Stat(f); err == nil {
			size = info.Size()
		}
		countFile(f, size, seen, st)
	}
	for _, d := range subdirs {
		statDir(ctx, d, seen, stores, st)
	}
}

// walkInputs calls emit for every response of the inputs, in a deterministic
// order: inputs as given, directories in lexical order; "-" reads stdin.
func walkInputs(ctx context.Context, inputs []string, stores StoreReader, stdin io.Reader, emit func(*unit) bool) {
	seen := map[string]bool{}
	for _, in := range inputs {
		if ctx.Err() != nil {
			return
		}
		if in == Stdin {
			if !emitStdin(ctx, stdin, emit) {
				return
			}
			continue
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

// emitStdin reads standard input: JSON lines (one answer a line) when its
// first non-empty line is a whole JSON value, else one answer (which may
// span lines, as a pretty-printed answer does).
func emitStdin(ctx context.Context, stdin io.Reader, emit func(*unit) bool) bool {
	if stdin == nil {
		return emit(&unit{file: stdinName, err: errors.New("standard input is not available")})
	}
	r := bufio.NewReaderSize(stdin, 1<<20)
	var head []byte
	n := 0
	for {
		line, _, tooLong, err := readLine(r, MaxAnswerBytes)
		n++
		if tooLong {
			return emit(&unit{file: stdinName, line: n, err: fmt.Errorf("line of more than %d MiB on standard input: not an API answer", MaxAnswerBytes>>20)})
		}
		if len(bytes.TrimSpace(line)) > 0 || err != nil {
			head = line
			if err != nil && err != io.EOF {
				return emit(&unit{file: stdinName, line: n, err: inputErr(err)})
			}
			break
		}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return emit(&unit{file: stdinName, err: errors.New("empty: no answer on standard input")})
	}
	if json.Valid(bytes.TrimSpace(head)) {
		return emitLines(ctx, stdinName, io.MultiReader(bytes.NewReader(head), r), n-1, emit)
	}
	data, err := io.ReadAll(io.LimitReader(io.MultiReader(bytes.NewReader(head), r), maxResponseBytes+1))
	u := &unit{file: stdinName, data: data, read: int64(len(data))}
	switch {
	case err != nil:
		u.data, u.err = nil, inputErr(err)
	case len(data) > maxResponseBytes:
		u.data, u.err = nil, fmt.Errorf("larger than %d MiB: not an API answer", maxResponseBytes>>20)
	}
	return emit(u)
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
				u := &unit{file: e.ScanFile, data: data, err: err, scanSHA256: e.ScanSHA256, extractedAt: e.ExtractedAt, read: int64(len(data))}
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
	files, subdirs, err := listDir(dir)
	if err != nil {
		return emit(&unit{file: dir, err: inputErr(err)})
	}
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

// listDir lists the response files of dir and its subfolders (hidden ones
// left out), each sorted.
func listDir(dir string) (files, subdirs []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
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
	return files, subdirs, nil
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
	// Only a regular file (or a link to one) is opened: a named pipe would
	// wait for a writer forever, a device (/dev/urandom) never ends.
	if info, err := os.Stat(path); err != nil {
		return emit(&unit{file: path, err: inputErr(err)})
	} else if !info.Mode().IsRegular() {
		return emit(&unit{file: path, err: fmt.Errorf("not a regular file (%s): not read", fsutil.FileKind(info.Mode()))})
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".jsonl" && ext != ".ndjson" {
		data, err := readLimited(path)
		return emit(&unit{file: path, data: data, err: err, read: int64(len(data))})
	}
	f, err := os.Open(path)
	if err != nil {
		return emit(&unit{file: path, err: inputErr(err)})
	}
	defer f.Close()
	return emitLines(ctx, path, f, 0, emit)
}

// emitLines emits every non-empty line of r as an answer; the first line
// of r is line skipped+1 of the input.
func emitLines(ctx context.Context, path string, rd io.Reader, skipped int, emit func(*unit) bool) bool {
	r := bufio.NewReaderSize(rd, 1<<20)
	n, any := skipped, false
	for {
		if ctx.Err() != nil {
			return false
		}
		line, read, tooLong, err := readLine(r, MaxAnswerBytes)
		if read > 0 {
			n++
			if tooLong {
				any = true
				if !emit(&unit{file: path, line: n, read: read, err: fmt.Errorf("line of more than %d MiB: not an API answer, skipped", MaxAnswerBytes>>20)}) {
					return false
				}
			} else if line = bytes.TrimRight(line, "\r\n"); len(bytes.TrimSpace(line)) > 0 {
				any = true
				if !emit(&unit{file: path, line: n, data: line, read: read}) {
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
	if info, err := os.Stat(path); err != nil {
		return nil, inputErr(err)
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): not read", fsutil.FileKind(info.Mode()))
	}
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

// readLine reads one line (with its newline) of at most limit bytes. A
// longer line is read to its end and dropped (tooLong), so memory stays
// bounded whatever the input; read counts every byte consumed.
func readLine(r *bufio.Reader, limit int) (line []byte, read int64, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		read += int64(len(chunk))
		if !tooLong {
			if len(line)+len(chunk) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, read, tooLong, err
		}
	}
}
