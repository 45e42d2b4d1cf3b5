package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/urfave/cli/v2"
)

// Version is the tool's version, written into every loads row.
var Version = "0.1.0"

// Options are what the App takes from its environment, so tests can run it
// with buffers, a fixed clock and their own environment.
type Options struct {
	Stdout, Stderr io.Writer
	Now            func() time.Time
	Getenv         func(string) string
}

// NewApp builds the command line. Each command copies its flags into an
// options struct and calls one function.
func NewApp(o Options) *cli.App {
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
		Version:   Version,
		Writer:    o.Stdout,
		ErrWriter: o.Stderr,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Usage: "log diagnostics to stderr"},
		},
		Commands: []*cli.Command{
			runCommand(o),
			extractCommand(o),
			loadCommand(o),
			featuresCommand(o),
			lakeCommand(o),
			sandboxCommand(o),
			synthCommand(o),
			schemaCommand(o),
		},
		// Only main calls os.Exit: errors come back from RunContext.
		ExitErrHandler: func(*cli.Context, error) {},
	}
	return app
}

func logger(c *cli.Context, o Options) *slog.Logger {
	if c.Bool("verbose") {
		return slog.New(slog.NewTextHandler(o.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(o.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func notYet(name, issue string) error {
	return fmt.Errorf("%s: not built yet (%s)", name, issue)
}
