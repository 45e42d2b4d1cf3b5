package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"creditetl/load"
)

// version is set at link time for release builds
// (go build -ldflags "-X main.version=v1.2.0"); otherwise the module
// version of the build info is used.
var version string

// versionInfo says which build this is. It is printed by creditetl
// version and recorded in every loads row (tool_version), so two builds
// can be told apart.
type versionInfo struct {
	Version  string `json:"version"`            // module version: a tag, a pseudo-version, or "devel"
	Revision string `json:"revision,omitempty"` // VCS commit
	Time     string `json:"time,omitempty"`     // commit time
	Dirty    bool   `json:"dirty"`              // built from a tree with uncommitted changes
	Go       string `json:"go"`
	DuckDB   string `json:"duckdb"`
	Platform string `json:"platform"`
}

// String is the one-line form, the tool_version of loads rows:
// "v0.0.0-20260101120000-0123456789ab+dirty (revision 0123456789ab, dirty, go1.26.8, DuckDB v1.4.1, linux/amd64)".
func (v versionInfo) String() string {
	parts := []string{}
	if v.Revision != "" {
		r := v.Revision
		if len(r) > 12 {
			r = r[:12]
		}
		parts = append(parts, "revision "+r)
	} else {
		parts = append(parts, "no VCS information")
	}
	if v.Dirty {
		parts = append(parts, "dirty")
	}
	parts = append(parts, v.Go, "DuckDB "+v.DuckDB, v.Platform)
	return v.Version + " (" + strings.Join(parts, ", ") + ")"
}

var (
	versionOnce sync.Once
	versionVal  versionInfo
)

// currentVersion reads the build info once (and asks the linked DuckDB for
// its version).
func currentVersion() versionInfo {
	versionOnce.Do(func() {
		versionVal = readVersion(debug.ReadBuildInfo)
		versionVal.DuckDB = duckDBVersion()
	})
	return versionVal
}

// readVersion is the version from the build info, without DuckDB's (which
// takes opening a database): cheap enough for the help text.
func readVersion(read func() (*debug.BuildInfo, bool)) versionInfo {
	v := versionInfo{Version: "devel", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := read(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			v.Go = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Dirty = s.Value == "true"
			}
		}
	}
	if version != "" {
		v.Version = version
	}
	return v
}

// duckDBVersion asks the linked DuckDB library for its version.
func duckDBVersion() string {
	db, err := load.OpenDuckDBSQL("")
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var s string
	if err := db.QueryRow("SELECT version()").Scan(&s); err != nil {
		return "unknown"
	}
	return s
}

// printVersion prints the version, as text or as a JSON object.
func printVersion(w io.Writer, v versionInfo, asJSON bool) error {
	if asJSON {
		return writeJSON(w, v)
	}
	_, err := fmt.Fprintf(w, "creditetl %s\n", v)
	return err
}

func versionCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version: module version, VCS revision, dirty flag, Go and DuckDB versions",
		Description: `The same text is recorded in the tool_version column of every loads row.
--json prints it as an object: version, revision, time, dirty, go, duckdb, platform.`,
		Action: action(o, jsonSelf, func(c *cli.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usage(c, "takes no argument, got %q", args[0])
			}
			return printVersion(e.Stdout, currentVersion(), e.json)
		}),
	}
}
