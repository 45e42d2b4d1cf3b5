package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

func init() {
	// -v is --verbose here, as in restic and most Unix tools; --version
	// has no short form.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version (as creditetl version)"}
	cli.VersionPrinter = func(c *cli.Context) { printVersion(c.App.Writer, currentVersion(), false) }
}

// Options are what the App takes from its environment, so tests can run it
// with buffers, a fixed clock and their own environment.
type Options struct {
	Stdin          io.Reader // INPUT "-" of load
	Stdout, Stderr io.Writer
	Now            func() time.Time
	Getenv         func(string) string
}

// NewApp builds the command line. Each command copies its flags into an
// options struct and calls one function.
func NewApp(o Options) *cli.App {
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	if o.Stdout == nil {
		o.Stdout = os.Stdout
	}
	if o.Stderr == nil {
		o.Stderr = os.Stderr
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	app := &cli.App{
		Name:      "creditetl",
		Usage:     "turn PBOC personal credit reports (二代征信) read by the credit_reportV2 OCR API into typed tables and risk features",
		UsageText: "creditetl [global flags] COMMAND [flags] [INPUT...]   (global flags may also follow the command)",
		Version:   readVersion(debug.ReadBuildInfo).Version,
		Writer:    o.Stdout,
		ErrWriter: o.Stderr,
		Flags:     globalFlags(),
		Commands: []*cli.Command{
			runCommand(o),
			extractCommand(o),
			loadCommand(o),
			featuresCommand(o),
			lakeCommand(o),
			sandboxCommand(o),
			synthCommand(o),
			schemaCommand(o),
			versionCommand(o),
			completionCommand(o),
			manCommand(o),
		},
		Suggest:              true,
		EnableBashCompletion: true,
		// An unknown command is a usage error, with a suggestion.
		Action: unknownCommand,
		// A wrong flag is the error and the usage line, not the whole help.
		OnUsageError: onUsageError,
		// Only main calls os.Exit: errors come back from RunContext.
		ExitErrHandler: func(*cli.Context, error) {},
	}
	for _, c := range app.Commands {
		prepare(c)
	}
	return app
}

// prepare gives a command (and its subcommands) the global flags, the
// short usage error and the unknown-subcommand error.
func prepare(c *cli.Command) {
	c.Flags = append(c.Flags, globalFlags()...)
	c.OnUsageError = onUsageError
	// No "creditetl load help": --help says it, and shell completion of
	// a command's arguments falls back to file names.
	c.HideHelpCommand = true
	if len(c.Subcommands) > 0 && c.Action == nil {
		c.Action = unknownCommand
	}
	for _, s := range c.Subcommands {
		prepare(s)
	}
}

// Global flags, accepted before or after the command.
const (
	flagVerbose  = "verbose"
	flagQuiet    = "quiet"
	flagJSON     = "json"
	flagProgress = "progress"
)

func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: flagVerbose, Aliases: []string{"v"}, Usage: "log diagnostics (retries, each file) to stderr"},
		&cli.BoolFlag{Name: flagQuiet, Aliases: []string{"q"}, Usage: "print only errors: no progress, no summary (--json still prints its object)"},
		&cli.BoolFlag{Name: flagJSON, Usage: "print the summary as one JSON object on stdout (load, extract, run, features, version)"},
		&cli.StringFlag{Name: flagProgress, Value: "auto", Usage: "progress on stderr: bar (live), log (a line every 5 s), off, or auto (bar on a terminal, else log)"},
	}
}

// usageError is a command line that cannot be run as written: the error,
// the command's usage line and where to read more.
type usageError struct {
	cmd   string // "creditetl load"
	usage string // the usage line, without "Usage: "
	hint  string // "Did you mean …?"
	err   error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// Message is what main prints for it.
func (e *usageError) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %v\n", e.cmd, e.err)
	if e.hint != "" {
		fmt.Fprintln(&b, e.hint)
	}
	if e.usage != "" {
		fmt.Fprintf(&b, "Usage: %s\n", e.usage)
	}
	fmt.Fprintf(&b, "Run '%s --help' for more.\n", e.cmd)
	return b.String()
}

// newUsageError makes a usage error of the command of c.
func newUsageError(c *cli.Context, err error) *usageError {
	ue := &usageError{cmd: "creditetl", usage: "creditetl [global flags] COMMAND [flags] [INPUT...]", err: err}
	if c == nil || c.Command == nil || c.Command.Name == "" || c.App != nil && c.Command.Name == c.App.Name {
		return ue
	}
	ue.cmd = c.Command.HelpName
	if ue.cmd == "" {
		ue.cmd = "creditetl " + c.Command.Name
	}
	switch {
	case c.Command.UsageText != "":
		ue.usage = c.Command.UsageText
	case hasSubcommands(c.Command):
		ue.usage = ue.cmd + " COMMAND [flags]"
	default:
		ue.usage = strings.TrimSpace(ue.cmd + " [flags] " + c.Command.ArgsUsage)
	}
	return ue
}

// hasSubcommands tells a command group (lake) from a command: urfave/cli
// gives every command a help subcommand.
func hasSubcommands(c *cli.Command) bool {
	for _, s := range c.Subcommands {
		if s.Name != "help" {
			return true
		}
	}
	return false
}

// onUsageError turns a flag that cannot be parsed into a usage error with
// the closest flag the command has.
func onUsageError(c *cli.Context, err error, _ bool) error {
	ue := newUsageError(c, err)
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
		flags := c.App.Flags
		if c.Command != nil && c.Command.Name != "" {
			flags = c.Command.Flags
		}
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if s := closest(names, strings.TrimLeft(name, "-")); s != "" {
			ue.hint = fmt.Sprintf("Did you mean --%s?", s)
		}
	}
	return ue
}

// unknownCommand is the action of the app and of commands with
// subcommands: with no argument it prints the help, else the argument is
// an unknown command.
func unknownCommand(c *cli.Context) error {
	if !c.Args().Present() {
		if c.Command != nil && hasSubcommands(c.Command) && c.Command.Name != c.App.Name {
			return cli.ShowSubcommandHelp(c)
		}
		return cli.ShowAppHelp(c)
	}
	name := c.Args().First()
	cmds := c.App.Commands
	if c.Command != nil && hasSubcommands(c.Command) && c.Command.Name != c.App.Name {
		cmds = c.Command.Subcommands
	}
	ue := newUsageError(c, fmt.Errorf("%q is not a command", name))
	var names []string
	for _, cmd := range cmds {
		if !cmd.Hidden && cmd.Name != "help" {
			names = append(names, cmd.Name)
		}
	}
	if s := suggestCommand(cmds, name); s != "" {
		ue.hint = fmt.Sprintf("Did you mean %q? Commands: %s.", s, strings.Join(names, ", "))
	} else {
		ue.hint = "Commands: " + strings.Join(names, ", ") + "."
	}
	return ue
}

// suggestCommand is the closest command name, when it is close enough to
// be a typo.
func suggestCommand(cmds []*cli.Command, name string) string {
	var names []string
	for _, c := range cmds {
		if !c.Hidden && c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	return closest(names, name)
}

// closest is the name most like s, when it is close enough to be a typo
// (one-letter names are left out).
func closest(names []string, s string) string {
	best, score := "", 0.0
	for _, n := range names {
		if len(n) < 2 {
			continue
		}
		if sc := similarity(n, s); sc > score {
			best, score = n, sc
		}
	}
	if score < 0.5 {
		return ""
	}
	return best
}

// similarity is 1 minus the edit distance over the longer length.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb), 1))
}

// logger is the diagnostics logger of a command: warnings, and everything
// with --verbose; nothing but errors with --quiet.
func logger(g globals, w io.Writer) *slog.Logger {
	level := slog.LevelWarn
	switch {
	case g.verbose:
		level = slog.LevelDebug
	case g.quiet:
		level = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

func notYet(name, issue string) error {
	return fmt.Errorf("%s: not built yet (%s)", name, issue)
}
