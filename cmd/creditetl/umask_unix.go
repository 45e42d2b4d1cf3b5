//go:build unix

package main

import (
	"fmt"
	"strconv"
	"syscall"
)

// DefaultUmask keeps everything creditetl creates private to its user:
// files 0600, folders 0700 (outputs, spools, the store, its manifest, the
// files DuckDB and excelize make). Credit reports are personal data.
const DefaultUmask = 0o077

// privateFiles sets the process umask: DefaultUmask, or CREDITETL_UMASK
// (octal, e.g. 027 to let the group read) for teams that share outputs.
func privateFiles(getenv func(string) string) error {
	mask := DefaultUmask
	if v := getenv("CREDITETL_UMASK"); v != "" {
		m, err := strconv.ParseUint(v, 8, 32)
		if err != nil || m > 0o777 {
			return fmt.Errorf("CREDITETL_UMASK=%q: want an octal umask such as 077 or 027", v)
		}
		mask = int(m)
	}
	syscall.Umask(mask)
	return nil
}
