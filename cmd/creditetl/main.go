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
	os.Exit(runMain(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// runMain runs the command line as a process does: the first Ctrl-C (or
// SIGTERM) stops the command cleanly (no new API calls, answers in flight
// kept, the output committed or left as it was) and the status is 130
// (143 for SIGTERM); a second one quits at once.
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		sig, ok := <-sigs
		if !ok {
			return
		}
		fmt.Fprintf(stderr, "\ncreditetl: %s: finishing cleanly, keeping what is safe (press Ctrl-C again to quit at once)\n", sig)
		cancel(signalError{sig})
		sig = <-sigs
		fmt.Fprintf(stderr, "creditetl: %s again: quitting at once; temporary files beside the output may remain\n", sig)
		os.Exit(signalStatus(sig))
	}()
	return run(ctx, args, stdin, stdout, stderr)
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "interrupted by " + e.sig.String() }

// signalStatus is the conventional status of a process ended by sig.
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// run executes the CLI and maps its outcome to an exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := privateFiles(os.Getenv); err != nil {
		return exitCode(ctx, err, stderr)
	}
	err := NewApp(Options{Stdin: stdin, Stdout: stdout, Stderr: stderr}).RunContext(ctx, args)
	return exitCode(ctx, err, stderr)
}

// exitCode prints the error, if any, on stderr and returns the status.
func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	code := exitStatus(ctx, err)
	var ue *usageError
	switch {
	case err == nil:
	case code >= 128:
		fmt.Fprintln(stderr, "creditetl: interrupted:", err)
	case errors.As(err, &ue):
		fmt.Fprint(stderr, ue.Message())
	default:
		fmt.Fprintln(stderr, "creditetl:", err)
	}
	return code
}

// exitStatus is the one mapping from outcomes to exit statuses (CONTRACT
// section 2): 0 every input handled; 2 the run finished but some inputs
// failed; 130 (143 for SIGTERM) interrupted, after keeping what was safe;
// 1 anything else (bad flags or inputs, nothing to load, credentials
// refused, an unreachable endpoint, an output that cannot be written).
func exitStatus(ctx context.Context, err error) int {
	var sig signalError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, context.Canceled) && errors.As(context.Cause(ctx), &sig):
		return signalStatus(sig.sig)
	case errors.Is(err, context.Canceled):
		return 130
	case errors.Is(err, pipeline.ErrPartial):
		return 2
	default:
		return 1
	}
}
