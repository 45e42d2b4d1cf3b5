package extract

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
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"creditetl/internal/fsutil"
)

// DefaultStore is the store directory when --store is not given.
const DefaultStore = "creditetl-store"

// Layout of a store directory.
const (
	ResponsesDir = "responses"      // <sha256 of the scan>.json: the answers, written atomically
	RejectedDir  = "rejected"       // <sha256>.json: 200 answers that were not reports, kept for audit
	ManifestFile = "manifest.jsonl" // one ManifestEntry a line, append-only
	metaFile     = "store.json"
	lockFile     = ".lock"
)

// Outcomes of a manifest line.
const (
	OutcomeOK      = "ok"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// ManifestEntry is one line of the manifest: the outcome of one input file
// in one run. The last line for a SHA-256 (or, for a file that could not be
// hashed, for its path) is the current state. It never holds a secret.
type ManifestEntry struct {
	Time        time.Time  `json:"time"`
	Run         string     `json:"run"`
	File        string     `json:"file"`
	SHA256      string     `json:"sha256,omitempty"`
	Bytes       int64      `json:"bytes"`
	Type        string     `json:"type,omitempty"`
	Outcome     string     `json:"outcome"`
	Cached      bool       `json:"cached,omitempty"`
	DuplicateOf string     `json:"duplicate_of,omitempty"`
	HTTPStatus  int        `json:"http_status,omitempty"`
	APIStatus   string     `json:"api_status,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	RequestID   string     `json:"request_id,omitempty"`
	Attempts    int        `json:"attempts"`
	LatencyMS   int64      `json:"latency_ms"`
	AnsweredAt  *time.Time `json:"answered_at,omitempty"`
	Response    string     `json:"response,omitempty"`
	Endpoint    string     `json:"endpoint,omitempty"`
	Synthetic   bool       `json:"synthetic,omitempty"`
}

// storeMeta is store.json: what kind of answers the store holds.
type storeMeta struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Answers is "real" or "synthetic" once the store holds one, "" before.
	Answers string `json:"answers"`
	// Endpoint is the sandbox that answered, for a synthetic store filled
	// by extract --endpoint (run --sandbox leaves it empty: its port
	// changes every run).
	Endpoint string `json:"endpoint,omitempty"`
}

// Kinds of answers of a store.
const (
	answersReal      = "real"
	answersSynthetic = "synthetic"
)

const storeFormat = "creditetl-store"

var shaName = regexp.MustCompile(`^[0-9a-f]{64}\.json$`)

// Store is an open response store. Its methods are safe for concurrent use.
// One process at a time may hold a store open (a lock file says so); readers
// (ReadStore) need no lock, since every file appears by an atomic rename.
type Store struct {
	dir  string
	lock *os.File

	mu       sync.Mutex
	answers  string // answersReal, answersSynthetic or "" (none yet)
	endpoint string // of this run, recorded when a sandbox answer settles the kind
	manifest *os.File
	lastOK   map[string]ManifestEntry // sha → last ok line
	okFiles  map[string]bool          // sha+"\x00"+file of ok lines
}

// OpenStore opens or creates the store at dir for a run against endpoint.
// synthetic says the run is against the built-in sandbox (run --sandbox). A
// store holds real answers or synthetic ones, never both, so that demo data
// is never taken for real, nor served from the store in place of a paid
// call: the first answer decides the kind of a new store, a synthetic store
// is opened again only for the sandbox it came from (or for run --sandbox),
// and a store of real answers refuses run --sandbox.
func OpenStore(dir, endpoint string, synthetic bool) (*Store, error) {
	for _, d := range []string{dir, filepath.Join(dir, ResponsesDir), filepath.Join(dir, RejectedDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("store %s: %w", dir, err)
		}
	}
	lock, err := fsutil.Lock(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	s := &Store{dir: dir, lock: lock, endpoint: endpoint, lastOK: map[string]ManifestEntry{}, okFiles: map[string]bool{}}
	if err := s.open(synthetic); err != nil {
		s.Close()
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) open(synthetic bool) error {
	meta, err := readMeta(s.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		meta = storeMeta{Format: storeFormat, Version: 1}
		if synthetic {
			meta.Answers = answersSynthetic
		}
		if err := s.writeMeta(meta); err != nil {
			return err
		}
	case err != nil:
		return err
	case meta.Answers == answersSynthetic && !synthetic && (meta.Endpoint == "" || meta.Endpoint != s.endpoint):
		return errors.New("it holds synthetic sandbox answers: use another --store for " + redactURL(s.endpoint))
	case meta.Answers == answersReal && synthetic:
		return errors.New("it holds real API answers: use another --store for the sandbox")
	}
	s.answers = meta.Answers
	// Temp files of a run that was killed mid-write: never renamed, never
	// an answer. We hold the lock, so no writer is using them.
	for _, sub := range []string{ResponsesDir, RejectedDir, "."} {
		tmps, _ := filepath.Glob(filepath.Join(s.dir, sub, ".tmp-*"))
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	path := filepath.Join(s.dir, ManifestFile)
	if f, err := os.Open(path); err == nil {
		entries, _, err := ReadManifest(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", ManifestFile, err)
		}
		for _, e := range entries {
			if e.Outcome == OutcomeOK && e.SHA256 != "" {
				s.lastOK[e.SHA256] = e
				s.okFiles[e.SHA256+"\x00"+e.File] = true
			}
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	s.manifest = f
	// A line torn by a kill stays unreadable; the next line must not be
	// glued to it.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if r, err := os.Open(path); err == nil {
			_, err = r.ReadAt(last, st.Size()-1)
			r.Close()
			if err == nil && last[0] != '\n' {
				if _, err := f.Write([]byte("\n")); err != nil {
					return err
				}
			}
		}
	}
	return syncDir(s.dir)
}

func (s *Store) writeMeta(m storeMeta) error {
	data, _ := json.Marshal(m)
	return writeAtomic(s.dir, metaFile, append(data, '\n'))
}

func readMeta(dir string) (storeMeta, error) {
	var m storeMeta
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Format != storeFormat {
		return m, fmt.Errorf("%s is not a creditetl store description", metaFile)
	}
	return m, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// ResponsePath is where the answer for a scan is kept.
func (s *Store) ResponsePath(sha string) string {
	return filepath.Join(s.dir, ResponsesDir, sha+".json")
}

// Has is true when an answer for the scan is stored.
func (s *Store) Has(sha string) bool {
	st, err := os.Stat(s.ResponsePath(sha))
	return err == nil && st.Mode().IsRegular() && st.Size() > 0
}

// PutResponse keeps an answer durably: temp file, fsync, rename, fsync of
// the directory. It returns the path relative to the store. synthetic says
// the answer came from the sandbox: it is refused by a store of real answers.
func (s *Store) PutResponse(sha string, body []byte, synthetic bool) (string, error) {
	if err := s.settle(synthetic); err != nil {
		return "", err
	}
	rel := filepath.Join(ResponsesDir, sha+".json")
	if err := writeAtomic(filepath.Join(s.dir, ResponsesDir), sha+".json", body); err != nil {
		return "", fmt.Errorf("store %s: keeping the answer for %s: %w", s.dir, sha, err)
	}
	return rel, nil
}

// settle fixes the kind of a store at its first answer.
func (s *Store) settle(synthetic bool) error {
	kind := answersReal
	if synthetic {
		kind = answersSynthetic
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch s.answers {
	case kind:
		return nil
	case "":
		m := storeMeta{Format: storeFormat, Version: 1, Answers: kind}
		if synthetic {
			m.Endpoint = s.endpoint
		}
		if err := s.writeMeta(m); err != nil {
			return fmt.Errorf("store %s: %w", s.dir, err)
		}
		s.answers = kind
		return nil
	case answersReal:
		return fmt.Errorf("store %s holds real API answers and the endpoint is the creditetl sandbox (synthetic reports): use another --store for it", s.dir)
	}
	return fmt.Errorf("store %s holds synthetic sandbox answers and the endpoint answered a real report: use another --store", s.dir)
}

// PutRejected keeps a 200 answer that is not a report, for audit.
func (s *Store) PutRejected(sha string, body []byte) (string, error) {
	rel := filepath.Join(RejectedDir, sha+".json")
	if err := writeAtomic(filepath.Join(s.dir, RejectedDir), sha+".json", body); err != nil {
		return "", fmt.Errorf("store %s: keeping the rejected answer for %s: %w", s.dir, sha, err)
	}
	return rel, nil
}

// Record appends one line to the manifest and syncs it to disk.
func (s *Store) Record(e ManifestEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("store %s: manifest line: %w", s.dir, err)
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.manifest == nil {
		return fmt.Errorf("store %s: closed", s.dir)
	}
	if _, err := s.manifest.Write(line); err != nil {
		return fmt.Errorf("store %s: %s: %w", s.dir, ManifestFile, err)
	}
	if err := s.manifest.Sync(); err != nil {
		return fmt.Errorf("store %s: %s: %w", s.dir, ManifestFile, err)
	}
	if e.Outcome == OutcomeOK && e.SHA256 != "" {
		s.lastOK[e.SHA256] = e
		s.okFiles[e.SHA256+"\x00"+e.File] = true
	}
	return nil
}

// lastAnswer is the last ok line for a scan and whether this file already
// has one.
func (s *Store) lastAnswer(sha, file string) (ManifestEntry, bool, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.lastOK[sha]
	return e, ok, s.okFiles[sha+"\x00"+file]
}

// Close releases the manifest and the lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.manifest != nil {
		err = s.manifest.Close()
		s.manifest = nil
	}
	if s.lock != nil {
		fsutil.Unlock(s.lock)
		s.lock = nil
	}
	return err
}

// writeAtomic writes dir/name so that it either has the whole data or does
// not change: a reader or a crash never sees half a file.
func writeAtomic(dir, name string, data []byte) error {
	return fsutil.WriteFile(filepath.Join(dir, name), data)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error { return fsutil.SyncDir(dir) }

// maxManifestLine bounds one line; longer ones are counted as bad.
const maxManifestLine = 1 << 20

// ReadManifest reads manifest lines. Lines that are not a manifest entry
// (a line torn by a kill, an edit) are skipped and counted in bad; only a
// read error is returned.
func ReadManifest(r io.Reader) (entries []ManifestEntry, bad int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, rerr := br.ReadSlice('\n')
		long := false
		if errors.Is(rerr, bufio.ErrBufferFull) {
			// skip the rest of an over-long line
			n := len(line)
			for errors.Is(rerr, bufio.ErrBufferFull) {
				line, rerr = br.ReadSlice('\n')
				n += len(line)
			}
			long = n > 0
		}
		if t := bytes.TrimSpace(line); len(t) > 0 || long {
			var e ManifestEntry
			if !long && len(t) <= maxManifestLine && json.Unmarshal(t, &e) == nil && e.Outcome != "" && (e.File != "" || e.SHA256 != "") {
				entries = append(entries, e)
			} else {
				bad++
			}
		}
		if rerr == io.EOF {
			return entries, bad, nil
		}
		if rerr != nil {
			return entries, bad, rerr
		}
	}
}

// StoreEntry is one stored answer.
type StoreEntry struct {
	SHA256       string    // of the scan
	ScanFile     string    // the scan's path as last recorded ("" when the manifest has no line for it)
	ResponsePath string    // the answer file
	AnsweredAt   time.Time // when the answer arrived (the file's time when the manifest has no line)
	Synthetic    bool      // the store holds sandbox answers
}

// ErrNotStore is returned by ReadStore for a directory that is not a store.
var ErrNotStore = errors.New("not an extract store")

// ReadStore lists the answers of the store at dir, by SHA-256. dir may also
// be the store's responses folder. It takes no lock: answers appear by
// atomic rename, and a torn last manifest line is ignored.
func ReadStore(dir string) ([]StoreEntry, error) {
	if filepath.Base(filepath.Clean(dir)) == ResponsesDir && isStoreDir(filepath.Dir(filepath.Clean(dir))) {
		dir = filepath.Dir(filepath.Clean(dir))
	}
	if !isStoreDir(dir) {
		return nil, ErrNotStore
	}
	meta, _ := readMeta(dir)
	last := map[string]ManifestEntry{}
	if f, err := os.Open(filepath.Join(dir, ManifestFile)); err == nil {
		entries, _, err := ReadManifest(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("store %s: %s: %w", dir, ManifestFile, err)
		}
		for _, e := range entries {
			if e.Outcome == OutcomeOK && e.SHA256 != "" {
				last[e.SHA256] = e
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	des, err := os.ReadDir(filepath.Join(dir, ResponsesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store %s: %w", dir, err)
	}
	var out []StoreEntry
	for _, de := range des {
		if !de.Type().IsRegular() || !shaName.MatchString(de.Name()) {
			continue
		}
		sha := strings.TrimSuffix(de.Name(), ".json")
		e := StoreEntry{SHA256: sha, ResponsePath: filepath.Join(dir, ResponsesDir, de.Name()), Synthetic: meta.Answers == answersSynthetic}
		if m, ok := last[sha]; ok {
			e.ScanFile = m.File
			if m.AnsweredAt != nil {
				e.AnsweredAt = m.AnsweredAt.UTC()
			}
		}
		if e.AnsweredAt.IsZero() {
			if info, err := de.Info(); err == nil {
				e.AnsweredAt = info.ModTime().UTC()
			}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ScanFile != out[j].ScanFile {
			return out[i].ScanFile < out[j].ScanFile
		}
		return out[i].SHA256 < out[j].SHA256
	})
	return out, nil
}

// isStoreDir: a store is known by its own description (store.json with the
// store format), never by file names alone: a folder of answers that
// happens to hold a manifest.jsonl or a store.json of its own is not one.
func isStoreDir(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, metaFile)); err != nil || !st.Mode().IsRegular() {
		return false
	}
	_, err := readMeta(dir)
	return err == nil
}

// storeClient is the outermost layer: it answers from the store when it
// can (no call), and keeps every answer that comes back before handing it
// on. Called once per distinct scan, from many goroutines.
type storeClient struct {
	next    Client
	store   *Store
	refresh bool
}

var _ Client = (*storeClient)(nil)

func (c *storeClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	if !c.refresh && c.store.Has(req.SHA256) {
		return &Answer{Cached: true, Response: filepath.Join(ResponsesDir, req.SHA256+".json")}, nil
	}
	a, err := c.next.Do(ctx, req)
	if err == nil {
		rel, perr := c.store.PutResponse(req.SHA256, a.Body, a.Synthetic)
		if perr != nil {
			// The answer was paid for and cannot be kept: nothing else may
			// go on with a store that loses answers.
			return a, perr
		}
		a.Response = rel
		return a, nil
	}
	if ae := apiErrorOf(err); ae != nil && len(ae.Body) > 0 {
		if rel, perr := c.store.PutRejected(req.SHA256, ae.Body); perr == nil {
			a.Response = rel
		}
	}
	return a, err
}
