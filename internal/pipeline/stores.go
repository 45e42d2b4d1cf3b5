package pipeline

import (
	"errors"
	"path/filepath"
	"sort"

	"creditetl/extract"
)

// ReadStore recognises an extract store among load inputs: the scan's
// SHA-256 becomes the report's source hash, the scan's path its
// source_file, the answer's time its extracted_at.
func ReadStore(dir string) ([]StoreEntry, bool, error) {
	entries, err := extract.ReadStore(dir)
	if errors.Is(err, extract.ErrNotStore) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	return storeEntries(entries, nil), true, nil
}

// storeEntries converts store entries for the pipeline; with files, only
// the scans in it are kept, named by the path of this run.
func storeEntries(entries []extract.StoreEntry, files map[string]string) []StoreEntry {
	out := make([]StoreEntry, 0, len(entries))
	for _, e := range entries {
		scan := e.ScanFile
		if files != nil {
			f, ok := files[e.SHA256]
			if !ok {
				continue
			}
			scan = f
		}
		out = append(out, StoreEntry{ScanFile: scan, ScanSHA256: e.SHA256, ResponsePath: e.ResponsePath, ExtractedAt: e.AnsweredAt})
	}
	return out
}

// runStoreReader reads the run's store for the load, keeping only the
// answers of this run's files (sha → path in this run), each named by its
// path in this run.
func runStoreReader(store string, files map[string]string) StoreReader {
	abs, _ := filepath.Abs(store)
	return func(dir string) ([]StoreEntry, bool, error) {
		if d, _ := filepath.Abs(dir); d != abs {
			return ReadStore(dir)
		}
		entries, err := extract.ReadStore(dir)
		if err != nil {
			return nil, true, err
		}
		out := storeEntries(entries, files)
		sort.Slice(out, func(i, j int) bool { return out[i].ScanFile < out[j].ScanFile })
		return out, true, nil
	}
}
