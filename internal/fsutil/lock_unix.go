//go:build unix

package fsutil

import (
	"errors"
	"os"
	"syscall"
)

// Lock takes an exclusive lock on the file path (created if missing), so
// that two runs never write one store or one lake at once. The kernel drops
// the lock when the process dies, kill -9 included.
func Lock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("in use by another creditetl run (lock " + path + ")")
		}
		return nil, err
	}
	return f, nil
}

func Unlock(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
