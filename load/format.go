package load

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Format is one kind of output. Each format lives in one file and registers
// itself there (Register in an init function): its name, the -o extensions
// that select it, its opener, the settings it reads and whether it carries
// the features table. Nothing else in the project switches on formats.
type Format struct {
	// Name is what --format calls it.
	Name string
	// Usage says in a few words what the output is.
	Usage string
	// Extensions of -o that select the format, lower case with the dot; ""
	// stands for a path without extension (a folder).
	Extensions []string
	// Open starts a run whose output is target. It fails at once, before
	// anything is read or paid for, when the target cannot be written.
	Open func(ctx context.Context, target, loadID string, o Options) (Sink, error)
	// Check tells, without writing anything, whether a run could write
	// target (creditetl run checks its output before the first API call).
	Check func(target string, o Options) error
	// Flags are the settings the format reads.
	Flags []*Flag
	// Features tells whether the output carries table features (the sink
	// computes them at Commit with Options.Features).
	Features bool
}

var (
	formatsMu sync.RWMutex
	formats   []Format
)

// Register adds a format. It panics on a duplicate name or extension, or a
// format without an opener: programming errors, found at start-up.
func Register(f Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	if f.Name == "" || f.Open == nil {
		panic(fmt.Sprintf("load: incomplete format %q", f.Name))
	}
	for _, g := range formats {
		if g.Name == f.Name {
			panic("load: format registered twice: " + f.Name)
		}
		for _, e := range f.Extensions {
			if slices.Contains(g.Extensions, e) {
				panic(fmt.Sprintf("load: extension %q claimed by %s and %s", e, g.Name, f.Name))
			}
		}
	}
	formats = append(formats, f)
}

// Formats are the registered formats in the order they were registered.
func Formats() []Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	return slices.Clone(formats)
}

// LookupFormat finds a format by name.
func LookupFormat(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// ErrUnknownFormat is returned for an output whose format cannot be told.
var ErrUnknownFormat = errors.New("unknown output format")

// FormatFor picks the format of an output: by name when given, else by the
// extension of target. An extension no format claims is refused with the
// list of formats, so -o report.csv never writes something unexpected.
func FormatFor(target, name string) (Format, error) {
	if name != "" {
		if f, ok := LookupFormat(strings.ToLower(name)); ok {
			return f, nil
		}
		return Format{}, fmt.Errorf("--format %q: %w (want %s)", name, ErrUnknownFormat, strings.Join(formatNames(), ", "))
	}
	ext := strings.ToLower(filepath.Ext(filepath.Clean(target)))
	for _, f := range Formats() {
		if slices.Contains(f.Extensions, ext) {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("%w: output %s: the extension %q is not one creditetl writes (%s), or say which with --format", ErrUnknownFormat, target, ext, FormatHelp())
}

func formatNames() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.Name)
	}
	return out
}

// FormatHelp lists the formats with their extensions: "duckdb (.duckdb,
// .db), xlsx (.xlsx), parquet (a folder: no extension)".
func FormatHelp() string {
	var parts []string
	for _, f := range Formats() {
		var exts []string
		for _, e := range f.Extensions {
			if e == "" {
				exts = append(exts, "a folder: no extension")
			} else {
				exts = append(exts, e)
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", f.Name, strings.Join(exts, ", ")))
	}
	return strings.Join(parts, ", ")
}

// AllFlags are the settings of every format, each once, by name.
func AllFlags() []*Flag {
	seen := map[string]*Flag{}
	var out []*Flag
	for _, f := range Formats() {
		for _, fl := range f.Flags {
			if prev, ok := seen[fl.Name]; ok {
				if prev != fl {
					panic("load: two formats define different flags --" + fl.Name)
				}
				continue
			}
			seen[fl.Name] = fl
			out = append(out, fl)
		}
	}
	slices.SortFunc(out, func(a, b *Flag) int { return strings.Compare(a.Name, b.Name) })
	return out
}
