// Package fsutil holds the project's one way of making files appear whole:
// write beside the target, flush, rename into place, flush the folder. Every
// output (DuckDB file, Parquet folder, workbook, feature export) and the
// extract store use it, so a reader or a crash never sees half a file.
//
// fsutil imports no project package.
package fsutil

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Modes of what the project creates; the umask applies on top.
const (
	FileMode os.FileMode = 0o666
	DirMode  os.FileMode = 0o777
)

// RandHex is n random bytes in hex, for unique temporary names.
func RandHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// SyncDir makes the names created or renamed in dir durable. Some systems
// cannot sync a folder; that is not an error there.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// TempBeside is a new temporary name in the folder of path (same file
// system, so the final rename is atomic), keeping path's extension so
// writers that choose a format by extension see the right one.
func TempBeside(path string) string {
	return filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.tmp-%d-%s%s", filepath.Base(path), os.Getpid(), RandHex(3), filepath.Ext(path)))
}

// WriteWith makes path appear whole: fn writes a file at a temporary name
// beside path, which is then flushed and renamed over path (replacing a file
// there). On any failure the temporary file is removed and path is as it was.
func WriteWith(path string, fn func(tmp string) error) error {
	tmp := TempBeside(path)
	if err := fn(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// WriteFile writes data to path atomically (see WriteWith).
func WriteFile(path string, data []byte) error {
	return WriteWith(path, func(tmp string) error {
		return os.WriteFile(tmp, data, FileMode)
	})
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// WorkDir makes a new temporary folder beside target for an output being
// built: target.partial-PID-XXXX.
func WorkDir(target string) (string, error) {
	for range 100 {
		p := fmt.Sprintf("%s.partial-%d-%s", target, os.Getpid(), RandHex(4))
		err := os.Mkdir(p, DirMode)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: cannot make a temporary folder beside it", target)
}

// Replace renames work (a finished file or folder beside target) to target.
// A file replaces a file in one rename. A folder replaces a folder by an
// atomic exchange where the system has one (Linux renameat2), so target is
// always either the old output or the new one; elsewhere the old folder is
// renamed aside first and put back if the second rename fails. The old
// output is removed afterwards.
func Replace(work, target string) error {
	fi, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) || (err == nil && !fi.IsDir()) {
		if err := os.Rename(work, target); err != nil {
			return err
		}
		return SyncDir(filepath.Dir(target))
	}
	if err != nil {
		return err
	}
	if exchanged, err := exchange(work, target); err != nil {
		return err
	} else if exchanged {
		// work now holds the old output.
		SyncDir(filepath.Dir(target))
		if err := os.RemoveAll(work); err != nil {
			return fmt.Errorf("%s written; removing the previous output, now at %s: %w", target, work, err)
		}
		return nil
	}
	old := fmt.Sprintf("%s.old-%d-%s", target, os.Getpid(), RandHex(4))
	if err := os.Rename(target, old); err != nil {
		return err
	}
	if err := os.Rename(work, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return fmt.Errorf("%w; the previous output is kept at %s", err, old)
		}
		return err
	}
	SyncDir(filepath.Dir(target))
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("%s written; removing the previous output %s: %w", target, old, err)
	}
	return nil
}

// FileKind names what a file that is not a regular one is, for messages
// that refuse to read it.
func FileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "not a plain file"
}
