package fsutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Temporaries beside an output, named after it, that a run makes and
// removes: TARGET.partial-PID-X (an output being built), TARGET.spool-PID-X
// (a spool folder), TARGET.old-PID-X (the previous output during a swap),
// .TARGET.tmp-PID-X (WriteWith). A run killed with kill -9 leaves them.
var staleKinds = []string{".partial-", ".spool-", ".old-"}

// CleanStale removes the temporaries of runs on target whose process is no
// longer alive, and puts back a previous output a killed swap left aside
// (TARGET.old-PID-X when TARGET itself is missing). It returns what it
// removed or restored, for the log. Temporaries of live processes (another
// run on the same output) are left alone.
func CleanStale(target string) (done []string, err error) {
	dir, base := filepath.Split(filepath.Clean(target))
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil // no folder, no leftovers (the output's own check says what is wrong)
	}
	if err != nil {
		return nil, err
	}
	_, statErr := os.Lstat(target)
	targetMissing := os.IsNotExist(statErr)
	for _, e := range entries {
		name := e.Name()
		kind, rest, ok := staleName(base, name)
		if !ok {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, perr := strconv.Atoi(pidText)
		if perr != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		p := filepath.Join(dir, name)
		if kind == ".old-" && targetMissing {
			if err := os.Rename(p, target); err != nil {
				return done, err
			}
			targetMissing = false
			done = append(done, "restored "+target+" from "+p)
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return done, err
		}
		os.Remove(p + ".wal")
		os.RemoveAll(p + ".tmp")
		done = append(done, "removed "+p)
	}
	return done, nil
}

// staleName tells whether name is a temporary of base, and which kind.
func staleName(base, name string) (kind, rest string, ok bool) {
	for _, k := range staleKinds {
		if r, found := strings.CutPrefix(name, base+k); found {
			if strings.HasSuffix(r, ".wal") || strings.HasSuffix(r, ".tmp") {
				return "", "", false // removed with the file they belong to
			}
			return k, r, true
		}
	}
	if r, found := strings.CutPrefix(name, "."+base+".tmp-"); found {
		return ".tmp-", r, true
	}
	return "", "", false
}
