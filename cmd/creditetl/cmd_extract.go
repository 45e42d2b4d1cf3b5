package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"creditetl/extract"
	"creditetl/internal/pipeline"
)

// credentialFlags name the key pair; the key itself is only ever read from
// a file or the environment, never from a flag value (shell history, ps).
func credentialFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "secret-id", Usage: "API `SecretId` (default: $CREDITETL_SECRET_ID)"},
		&cli.StringFlag{Name: "secret-key-file", Usage: "read the API SecretKey from `FILE` (default: the key itself in $CREDITETL_SECRET_KEY)"},
	}
}

// extractFlags are shared by extract and run: new values for each App
// (urfave/cli flags keep state).
func extractFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "store", Value: extract.DefaultStore, Usage: "response store `DIR`: responses/<sha256 of the scan>.json and manifest.jsonl"},
		&cli.StringFlag{Name: "endpoint", Value: extract.DefaultEndpoint, Usage: "API `URL`"},
		&cli.StringFlag{Name: "source", Value: extract.DefaultSource, Usage: "X-Source header"},
		&cli.StringFlag{Name: "body", Value: "form", Usage: "request body: form (image=<base64>, as the API's samples) or json ({\"image\": …})"},
		&cli.IntFlag{Name: "concurrency", Value: extract.DefaultConcurrency, Usage: "calls in flight at most"},
		&cli.Float64Flag{Name: "qps", Value: extract.DefaultQPS, Usage: "calls per second at most (lowered on RATE_LIMIT_EXCEEDED); 0: no limit"},
		&cli.IntFlag{Name: "max-retries", Value: extract.DefaultMaxRetries, Usage: "retries of a call after 5xx, timeouts, connection errors and rate limits"},
		&cli.DurationFlag{Name: "retry-wait", Value: extract.DefaultRetryWait, Usage: "wait before the first retry; doubles each retry (with jitter) up to --max-wait"},
		&cli.DurationFlag{Name: "max-wait", Value: extract.DefaultMaxWait, Usage: "longest wait between retries"},
		&cli.DurationFlag{Name: "timeout", Value: extract.DefaultTimeout, Usage: "time allowed for one call"},
		&cli.StringFlag{Name: "max-bytes", Value: "10MiB", Usage: "largest scan sent (bytes, or with KiB/MiB); larger files are skipped"},
		&cli.BoolFlag{Name: "refresh", Usage: "call the API again even for scans with a stored answer (paid again)"},
		&cli.BoolFlag{Name: "dry-run", Usage: "list what would be sent (files, bytes, already stored) and call nothing"},
		&cli.IntFlag{Name: "max-calls", Usage: "stop after `N` paid calls (HTTP 200 answers); 0: no limit"},
	}, credentialFlags()...)
}

// credentials reads the key pair: flags first, then the environment.
func credentials(c *cli.Context, o Options) (extract.Credentials, error) {
	id := c.String("secret-id")
	if id == "" {
		id = o.Getenv("CREDITETL_SECRET_ID")
	}
	key := o.Getenv("CREDITETL_SECRET_KEY")
	if f := c.String("secret-key-file"); f != "" {
		data, err := os.ReadFile(f)
		if err != nil {
			return extract.Credentials{}, fmt.Errorf("--secret-key-file: %w", err)
		}
		key = strings.TrimSpace(string(data))
		if key == "" {
			return extract.Credentials{}, fmt.Errorf("--secret-key-file %s: empty", f)
		}
	}
	return extract.NewCredentials(strings.TrimSpace(id), key), nil
}

// parseBytes reads 10485760, 10MiB, 512KiB, 10MB, 1GiB.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"kB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, optionally with KiB, MiB or GiB", s)
	}
	return n * mult, nil
}

// extractOptions copies the flags. Errors are about the command line.
func extractOptions(c *cli.Context, e *env, inputs []string) (extract.Options, error) {
	eo := extract.Options{
		Inputs:      inputs,
		Store:       c.String("store"),
		Endpoint:    c.String("endpoint"),
		Source:      c.String("source"),
		Concurrency: c.Int("concurrency"),
		QPS:         c.Float64("qps"),
		MaxRetries:  c.Int("max-retries"),
		RetryWait:   c.Duration("retry-wait"),
		MaxWait:     c.Duration("max-wait"),
		Timeout:     c.Duration("timeout"),
		Refresh:     c.Bool("refresh"),
		DryRun:      c.Bool("dry-run"),
		MaxCalls:    c.Int("max-calls"),
		Log:         e.log,
		Out:         e.Stdout,
		Progress:    extract.NewProgress(e.progress, e.Stderr),
	}
	if len(eo.Inputs) == 0 {
		return eo, errors.New("no INPUT given: name scan files or folders")
	}
	for _, in := range eo.Inputs {
		if in == "-" {
			return eo, errors.New("INPUT - (standard input): extract reads scan files; name the files or folders")
		}
	}
	if eo.DryRun && e.json {
		eo.Out = io.Discard // the listing is in the JSON summary's counts
	}
	switch c.String("body") {
	case "form":
	case "json":
		eo.JSONBody = true
	default:
		return eo, fmt.Errorf("--body %q: want form or json", c.String("body"))
	}
	if eo.MaxRetries == 0 {
		eo.MaxRetries = -1 // Options: 0 is the default, -1 none
	}
	mb, err := parseBytes(c.String("max-bytes"))
	if err != nil {
		return eo, fmt.Errorf("--max-bytes: %w", err)
	}
	eo.MaxBytes = mb
	return eo, nil
}

func extractCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "call the OCR API for every scan file and keep every answer in the store",
		ArgsUsage: "INPUT...",
		Description: `INPUT is a scan file (PDF, JPEG, PNG, BMP or TIFF) or a folder, searched
recursively (hidden files and the store itself are left out). Each file is checked
before any call: readable, not empty, a known type by its first bytes, at most
--max-bytes; a file that fails is recorded as skipped and never sent. Files with the
same bytes are sent once. A scan whose answer is already in the store is not sent
again (--refresh sends it anyway): rerun after a failure or a kill to complete the rest.

Credentials: $CREDITETL_SECRET_ID and $CREDITETL_SECRET_KEY, or --secret-id and
--secret-key-file. Exit status 0 when every file has an answer, 2 when some failed or
were skipped (reasons in the summary and in the store's manifest.jsonl), 1 on a fatal
error (an INPUT that does not exist, credentials refused, an endpoint that cannot be
reached: the first attempts all fail to connect, store not writable), 130 when
interrupted (answers that arrived are kept). The summary goes to stdout (--json: one
JSON object), progress and errors to stderr.

Examples:
  creditetl extract --store store scans/
  creditetl extract --dry-run scans/
  creditetl extract --endpoint http://127.0.0.1:8080/release/v2/credit_report --store demo-store testdata/scans`,
		Flags: extractFlags(),
		Action: action(o, jsonSummary, func(c *cli.Context, e *env, inputs []string) error {
			eo, err := extractOptions(c, e, inputs)
			if err != nil {
				return usage(c, "%w", err)
			}
			if eo.Credentials, err = credentials(c, e.Options); err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			_, err = runExtract(c, e, eo)
			return err
		}),
	}
}

// runExtract runs the stage, prints its summary and maps its outcome: an
// error wrapping pipeline.ErrPartial when files failed.
func runExtract(c *cli.Context, e *env, eo extract.Options) (*extract.Summary, error) {
	sum, err := extract.Run(c.Context, eo)
	if !eo.DryRun && sum != nil {
		printExtractSummary(e.summary(), sum)
	}
	if e.report != nil {
		e.report.Extract = newExtractReport(sum, eo.DryRun)
	}
	if err != nil {
		return sum, fmt.Errorf("extract: %w", err)
	}
	if n := sum.Incomplete(); n > 0 && !eo.DryRun {
		return sum, fmt.Errorf("extract: %d of %d files have no answer (reasons in the summary and in %s/%s): %w",
			n, sum.Files, sum.Store, extract.ManifestFile, pipeline.ErrPartial)
	}
	return sum, nil
}
