//go:build !unix

package extract

import "os"

// lockDir only creates the lock file where flock is not available: two runs
// on one store are the user's to avoid there.
func lockDir(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

func unlockDir(f *os.File) { f.Close() }
