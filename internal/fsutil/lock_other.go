//go:build !unix

package fsutil

import "os"

// Lock only creates the lock file where flock is not available: two runs
// on one store or lake are the user's to avoid there.
func Lock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
}

func Unlock(f *os.File) { f.Close() }
