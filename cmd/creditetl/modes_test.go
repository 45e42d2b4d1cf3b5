package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Everything creditetl writes is private to its user (0600 files, 0700
// folders) under the usual umask; CREDITETL_UMASK=027 lets the group read.
func TestOutputsArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no umask on Windows")
	}
	if testing.Short() {
		t.Skip("starts child processes; skipped with -short")
	}
	dir := t.TempDir()
	cli := func(env string, args ...string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcessCLI$", "--"}, args...)...)
		cmd.Env = append(os.Environ(), "CREDITETL_TEST_HELPER=1", env)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	in := "../../testdata/synth/report-00001.json"
	os.Mkdir(filepath.Join(dir, "private"), 0o700)
	os.Mkdir(filepath.Join(dir, "shared"), 0o750)
	for _, out := range []string{"r.duckdb", "flat", "book.xlsx"} {
		cli("CREDITETL_UMASK=", "load", "-o", filepath.Join(dir, "private", out), in)
		cli("CREDITETL_UMASK=027", "load", "-o", filepath.Join(dir, "shared", out), in)
	}
	cli("CREDITETL_UMASK=", "run", "--sandbox", "--progress", "off", "--store", filepath.Join(dir, "private", "store"), "-o", filepath.Join(dir, "private", "run.duckdb"), "../../testdata/scans")
	check := func(root string, file, folder fs.FileMode) {
		t.Helper()
		n := 0
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || p == root {
				return err
			}
			fi, _ := d.Info()
			want := file
			if d.IsDir() {
				want = folder
			}
			if fi.Mode().Perm() != want {
				t.Errorf("%s: %v, want %v", p, fi.Mode().Perm(), want)
			}
			n++
			return nil
		})
		if n < 5 {
			t.Errorf("%s: only %d entries", root, n)
		}
	}
	check(filepath.Join(dir, "private"), 0o600, 0o700)
	check(filepath.Join(dir, "shared"), 0o640, 0o750)
}
