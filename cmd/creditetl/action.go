package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	"creditetl/internal/progress"
)

// globals are the global flags, wherever they were given: before the
// command (creditetl -q load …), after it, or after its inputs.
type globals struct {
	verbose, quiet, json bool
	progress             progress.Mode
}

// readGlobals finds each global flag in the innermost context that set it.
func readGlobals(c *cli.Context) (globals, error) {
	g := globals{progress: progress.Auto}
	set := func(name string) (*cli.Context, bool) {
		for _, x := range c.Lineage() {
			if x.IsSet(name) {
				return x, true
			}
		}
		return nil, false
	}
	if x, ok := set(flagVerbose); ok {
		g.verbose = x.Bool(flagVerbose)
	}
	if x, ok := set(flagQuiet); ok {
		g.quiet = x.Bool(flagQuiet)
	}
	if x, ok := set(flagJSON); ok {
		g.json = x.Bool(flagJSON)
	}
	if x, ok := set(flagProgress); ok {
		m, err := progress.ParseMode(x.String(flagProgress))
		if err != nil {
			return g, err
		}
		g.progress = m
	}
	if g.verbose && g.quiet {
		return g, errors.New("--verbose and --quiet: choose one")
	}
	if g.quiet {
		g.progress = progress.Off
	}
	return g, nil
}

// env is what an action has besides its flags: the App's options, the
// global flags, a logger, and the JSON summary it fills.
type env struct {
	Options
	globals
	log *slog.Logger
	// report is the --json summary of a command that has one; an action
	// sets it to nil when it printed JSON of its own (features --list).
	report *report
}

// summary is where the human summary goes: stdout, unless --quiet or
// --json.
func (e *env) summary() io.Writer {
	if e.quiet || e.json {
		return io.Discard
	}
	return e.Stdout
}

// info is where notes about the run go (which sandbox, which store):
// stderr, unless --quiet.
func (e *env) info() io.Writer {
	if e.quiet {
		return io.Discard
	}
	return e.Stderr
}

// display is the progress display of a stage on stderr.
func (e *env) display(s progress.Spec) progress.Display {
	return progress.New(e.progress, e.Stderr, s)
}

// jsonKind says what --json does for a command.
type jsonKind int

const (
	jsonNone    jsonKind = iota // refused: the command prints no summary
	jsonSummary                 // the action fills a report, printed at the end
	jsonSelf                    // the action prints JSON of its own
)

// actionFunc is a command's work, with its INPUTs (flags after them
// applied) and its environment.
type actionFunc func(c *cli.Context, e *env, args []string) error

// action wraps a command's work: it applies the flags that follow the
// inputs, reads the global flags, checks the numeric flags, runs the work,
// marks an error that came with an interrupt as one, and prints the --json
// summary whatever happened.
func action(o Options, kind jsonKind, fn actionFunc) cli.ActionFunc {
	return func(c *cli.Context) (err error) {
		start := time.Now()
		args, err := positionalArgs(c)
		if err != nil {
			return newUsageError(c, err)
		}
		g, err := readGlobals(c)
		if err != nil {
			return newUsageError(c, err)
		}
		e := &env{Options: o, globals: g, log: logger(g, o.Stderr)}
		if g.json && kind == jsonSummary {
			e.report = &report{Command: c.Command.Name, ToolVersion: currentVersion().String()}
			defer func() {
				if e.report == nil {
					return
				}
				e.report.finish(c.Context, err, time.Since(start))
				if jerr := writeJSON(o.Stdout, e.report); jerr != nil && err == nil {
					err = jerr
				}
			}()
		}
		if err := checkNumbers(c); err != nil {
			return newUsageError(c, err)
		}
		if g.json && kind == jsonNone {
			return newUsageError(c, fmt.Errorf("--json: %s prints no summary", c.Command.Name))
		}
		err = fn(c, e, args)
		if err != nil && c.Context.Err() != nil && !errors.Is(err, context.Canceled) {
			err = fmt.Errorf("%w (%w)", err, c.Context.Err())
		}
		return err
	}
}

// usage marks an error of the command line as written (missing INPUT,
// conflicting flags): main prints it with the command's usage line.
func usage(c *cli.Context, format string, a ...any) error {
	return newUsageError(c, fmt.Errorf(format, a...))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
