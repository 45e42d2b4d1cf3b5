package main

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"creditetl/extract"
	"creditetl/sandbox"
)

func sandboxCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:  "sandbox",
		Usage: "serve a local stand-in of the OCR API that answers synthetic reports",
		Description: `Serves POST ` + sandbox.Path + ` like the real API: the gateway's HMAC
signature and 15-minute X-Date window (401/403 {"message": …}), the API's image checks
(400 INVALID_ARGUMENT for a missing, non-base64, unknown-type or oversized image), and a
deterministic synthetic report per distinct file (same bytes, same report). Its
reports are synthetic: every answer carries the header ` + extract.SandboxHeader + `: synthetic.

It accepts the credentials of $CREDITETL_SECRET_ID and $CREDITETL_SECRET_KEY (or
--secret-id and --secret-key-file), prints "listening on http://HOST:PORT" on stdout
once it accepts connections, logs every request (never the image or the signature)
on stderr, and runs until interrupted.

Examples:
  creditetl sandbox --listen 127.0.0.1:8080 --latency 1s-3s --fail-rate 0.05 --qps 5
  creditetl extract --endpoint http://127.0.0.1:8080` + sandbox.Path + ` --store demo-store testdata/scans`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:8080", Usage: "`ADDR` to serve on (port 0 picks a free one)"},
			&cli.StringFlag{Name: "latency", Value: "0s", Usage: "time to answer a valid image: a duration (2s) or a range (1s-3s)"},
			&cli.Float64Flag{Name: "fail-rate", Usage: "share of valid calls answered 500 INTERNAL_ERROR (0 to 1)"},
			&cli.Float64Flag{Name: "qps", Usage: "answer 403 RATE_LIMIT_EXCEEDED above this many calls per second (0: no limit)"},
			&cli.StringFlag{Name: "max-bytes", Value: "10MiB", Usage: "largest image accepted (bytes, or with KiB/MiB)"},
			&cli.StringFlag{Name: "clock", Usage: "the gateway's clock for the X-Date window: an RFC 3339 time it starts at, or an offset like +20m or -1h (default: the system clock)"},
			&cli.Uint64Flag{Name: "seed", Usage: "seed of the latency and failure draws (0: random)"},
			&cli.BoolFlag{Name: "public", Usage: "allow --listen on an address other machines can reach (not loopback)"},
			&cli.IntFlag{Name: "max-in-flight", Value: sandbox.DefaultMaxInFlight, Usage: "requests handled at once; more wait a second, then get 503"},
		}, credentialFlags()...),
		Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usage(c, "takes no argument, got %q", args[0])
			}
			so, err := sandboxOptions(c, e.Options)
			if err != nil {
				return usage(c, "%w", err)
			}
			if so.Credentials, err = credentials(c, e.Options); err != nil {
				return fmt.Errorf("sandbox: %w", err)
			}
			if !so.Credentials.Valid() {
				return errors.New("sandbox: no credentials to accept: export a pair of your choice for the sandbox and for the client " +
					"(export CREDITETL_SECRET_ID=demo-id CREDITETL_SECRET_KEY=demo-key), or give --secret-id and --secret-key-file")
			}
			level := slog.LevelInfo // every request is logged
			if e.quiet {
				level = slog.LevelError
			}
			so.Log = slog.New(slog.NewTextHandler(e.Stderr, &slog.HandlerOptions{Level: level}))
			srv, err := sandbox.New(so)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.info(), "sandbox: its answers are %s (header %s: synthetic)\n", sandbox.Notice, extract.SandboxHeader)
			return srv.ListenAndServe(c.Context, c.String("listen"), func(url string) {
				fmt.Fprintf(e.Stdout, "listening on %s\n", url)
				so.Log.Info("serving", "endpoint", url+sandbox.Path)
			})
		}),
	}
}

func sandboxOptions(c *cli.Context, o Options) (sandbox.Options, error) {
	so := sandbox.Options{FailRate: c.Float64("fail-rate"), QPS: c.Float64("qps"), Seed: c.Uint64("seed"),
		Public: c.Bool("public"), MaxInFlight: c.Int("max-in-flight")}
	if so.MaxInFlight < 1 {
		return so, fmt.Errorf("--max-in-flight %d: want 1 or more", so.MaxInFlight)
	}
	var err error
	if so.LatencyMin, so.LatencyMax, err = parseLatency(c.String("latency")); err != nil {
		return so, err
	}
	if so.MaxBytes, err = parseBytes(c.String("max-bytes")); err != nil {
		return so, fmt.Errorf("--max-bytes: %w", err)
	}
	if so.Now, err = parseClock(c.String("clock"), o.Now); err != nil {
		return so, err
	}
	return so, nil
}

// parseLatency reads "2s" or a range "1s-3s".
func parseLatency(s string) (time.Duration, time.Duration, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(s), "-")
	a, err := time.ParseDuration(strings.TrimSpace(lo))
	if err != nil || a < 0 {
		return 0, 0, fmt.Errorf("--latency %q: want a duration (2s) or a range (1s-3s)", s)
	}
	if !isRange {
		return a, a, nil
	}
	b, err := time.ParseDuration(strings.TrimSpace(hi))
	if err != nil || b < a {
		return 0, 0, fmt.Errorf("--latency %q: want a duration (2s) or a range (1s-3s)", s)
	}
	return a, b, nil
}

// parseClock reads --clock: an RFC 3339 start time or a ±offset.
func parseClock(s string, now func() time.Time) (func() time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return now, nil
	}
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		d, err := time.ParseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("--clock %q: want an RFC 3339 time or an offset like +20m", s)
		}
		return func() time.Time { return now().Add(d) }, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, fmt.Errorf("--clock %q: want an RFC 3339 time or an offset like +20m", s)
	}
	start := now()
	return func() time.Time { return t.Add(now().Sub(start)) }, nil
}
