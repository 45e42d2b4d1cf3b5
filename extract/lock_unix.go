//go:build unix

package extract

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on path so that two runs never write one
// store at once (both could pay for the same file). The kernel drops the
// lock when the process dies, kill -9 included.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
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

func unlockDir(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
