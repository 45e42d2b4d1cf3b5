//go:build !linux

package fsutil

// exchange is not available here: Replace renames aside instead.
func exchange(a, b string) (bool, error) { return false, nil }
