// Command creditetl turns PBOC personal credit reports, read by a paid OCR
// API, into analysis-ready tables and risk features. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"creditetl/internal/pipeline"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C stops cleanly (no new calls, answers in flight kept);
	// restoring the default handler lets a second one end the process at once.
	go func() { <-ctx.Done(); stop() }()
	os.Exit(run(ctx, os.Args, os.Stdout, os.Stderr))
}

// run executes the CLI and maps its outcome to the exit status of CONTRACT
// section 2: 0 all inputs handled, 2 some inputs failed, 1 a fatal error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := privateFiles(os.Getenv); err != nil {
		return exitCode(err, stderr)
	}
	err := NewApp(Options{Stdout: stdout, Stderr: stderr}).RunContext(ctx, args)
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pipeline.ErrPartial):
		fmt.Fprintln(stderr, "creditetl:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "creditetl:", err)
		return 1
	}
}
