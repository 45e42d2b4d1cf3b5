package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"

	"github.com/urfave/cli/v2"

	"creditetl/extract"
	"creditetl/internal/pipeline"
	"creditetl/sandbox"
)

// Defaults of creditetl run.
const (
	DefaultRunOutput    = "creditetl.duckdb"
	DefaultSandboxStore = "creditetl-sandbox-store"
)

// runOutputFlags are the load flags with -o optional (default
// creditetl.duckdb, the DuckDB default of CONTRACT section 2).
func runOutputFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range outputFlags() {
		if sf, ok := f.(*cli.StringFlag); ok && sf.Name == "output" {
			cp := *sf
			cp.Value = DefaultRunOutput
			f = &cp
		}
		out = append(out, f)
	}
	return out
}

func runCommand(o Options) *cli.Command {
	flags := append(extractFlags(), runOutputFlags()...)
	flags = append(flags, &cli.BoolFlag{Name: "sandbox", Usage: "use the built-in API sandbox (synthetic reports, no credentials needed), started on a free loopback port; the store defaults to " + DefaultSandboxStore})
	return &cli.Command{
		Name:      "run",
		Usage:     "extract + load + features in one go (--sandbox: against the built-in API sandbox)",
		ArgsUsage: "INPUT...",
		Description: `Checks that the output can be written, extracts the scans (as creditetl extract,
same flags), then loads the answers of this run's files from the store into -o (as
creditetl load, same flags; default ` + DefaultRunOutput + `) with their features.
Files that failed are listed and the exit status is 2; everything else is loaded.
Interrupted (Ctrl-C), it keeps every answer that arrived in the store and leaves the
output as it was; run it again to go on (nothing is paid twice).

With --sandbox the whole pipeline runs with no credentials and no network: the
sandbox answers synthetic reports, kept in their own store (` + DefaultSandboxStore + `
unless --store is given; a store never mixes real and synthetic answers).

The summaries go to stdout (--json: one JSON object with an "extract" and a "load"
part), progress and errors to stderr.

Examples:
  creditetl run --sandbox testdata/scans -o out.duckdb
  creditetl run --store store -o reports.duckdb scans/`,
		Flags: flags,
		Action: action(o, jsonSummary, func(c *cli.Context, e *env, inputs []string) error {
			eo, err := extractOptions(c, e, inputs)
			if err != nil {
				return usage(c, "%w", err)
			}
			lo, err := loadOptions(c, e, nil)
			if err != nil {
				return usage(c, "%w", err)
			}
			ctx, cancel := context.WithCancel(c.Context)
			defer cancel()
			if c.Bool("sandbox") {
				if c.IsSet("endpoint") {
					return usage(c, "--sandbox and --endpoint: choose one")
				}
				if !c.IsSet("store") {
					eo.Store = DefaultSandboxStore
				}
				stop, err := startSandbox(ctx, e, &eo)
				if err != nil {
					return fmt.Errorf("run: %w", err)
				}
				defer stop()
			} else if eo.Credentials, err = credentials(c, e.Options); err != nil {
				return fmt.Errorf("run: %w", err)
			}
			rs, err := pipeline.Run(ctx, pipeline.RunOptions{
				Extract: eo,
				Load:    lo,
				Extracted: func(s *extract.Summary) {
					if !eo.DryRun {
						printExtractSummary(e.summary(), s)
					}
				},
			})
			if e.report != nil {
				e.report.Extract = newExtractReport(rs.Extract, eo.DryRun)
				e.report.Load = newLoadReport(rs.Load)
			}
			if rs.Load != nil {
				printLoadSummary(e.summary(), rs.Load)
			}
			if err != nil {
				return fmt.Errorf("run: %w", err)
			}
			return nil
		}),
	}
}

// startSandbox serves the sandbox in-process on a free loopback port with
// throwaway credentials, and points the extract options at it.
func startSandbox(ctx context.Context, e *env, eo *extract.Options) (stop func(), err error) {
	var id, key [16]byte
	rand.Read(id[:])
	rand.Read(key[:])
	creds := extract.NewCredentials("sandbox-"+hex.EncodeToString(id[:]), hex.EncodeToString(key[:]))
	srv, err := sandbox.New(sandbox.Options{Credentials: creds, MaxBytes: eo.MaxBytes, Log: e.log.With("component", "sandbox")})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(sctx, ln, nil)
	}()
	eo.Endpoint = "http://" + ln.Addr().String() + sandbox.Path
	eo.Credentials = creds
	eo.Synthetic = true
	fmt.Fprintf(e.info(), "run: using the built-in sandbox at %s: its answers are %s; store %s\n", eo.Endpoint, sandbox.Notice, eo.Store)
	return func() { cancel(); <-done }, nil
}
