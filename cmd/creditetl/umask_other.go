//go:build !unix

package main

// privateFiles does nothing where there is no umask: file permissions are
// the system's (on Windows, the folder's ACL).
func privateFiles(getenv func(string) string) error { return nil }
