package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"creditetl/input"
	"creditetl/internal/pipeline"
	"creditetl/internal/progress"
	"creditetl/load"
	"creditetl/transform"
)

// outputFlags are -o, --format, the settings of every registered output
// format, --no-features and --input-format.
func outputFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `PATH`; its extension picks the format: " + load.FormatHelp()},
		&cli.StringFlag{Name: "format", Usage: "output format, whatever the extension of -o: " + formatNames()},
	}
	for _, f := range load.AllFlags() {
		if f.Bool {
			flags = append(flags, &cli.BoolFlag{Name: f.Name, Usage: f.Usage})
		} else {
			flags = append(flags, &cli.StringFlag{Name: f.Name, Value: f.Default, Usage: f.Usage})
		}
	}
	return append(flags,
		&cli.BoolFlag{Name: "no-features", Usage: "do not compute table features (a DuckDB file drops the features of the reports loaded, so none is stale)"},
		&cli.StringFlag{Name: "input-format", Value: input.Auto, Usage: "format of the reports: " + strings.Join(input.Names(), ", ") + " (auto: by each report's content)"},
		&cli.StringFlag{Name: "pii", Value: transform.PIIKeep, Usage: "personal columns (names, ID, phone and account numbers, addresses, employers): keep, hash (a keyed pseudonym; key in $CREDITETL_PII_KEY, never stored) or drop"},
	)
}

func formatNames() string {
	var names []string
	for _, f := range load.Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// loadOptions copies the output flags: each setting of the chosen format
// (or of any format, before the format is known) that was given.
func loadOptions(c *cli.Context, e *env, inputs []string) (pipeline.LoadOptions, error) {
	lo := pipeline.LoadOptions{
		Inputs:      inputs,
		Output:      c.String("output"),
		Format:      c.String("format"),
		Version:     currentVersion().String(),
		Now:         e.Now,
		Log:         e.log,
		NoFeatures:  c.Bool("no-features"),
		InputFormat: c.String("input-format"),
		Privacy:     transform.Privacy{Mode: c.String("pii")},
		Stdin:       e.Stdin,
		Progress:    e.display(progress.Spec{Name: "load", Unit: "bytes"}),
	}
	if lo.Privacy.Mode == transform.PIIHash {
		lo.Privacy.Key = []byte(e.Getenv("CREDITETL_PII_KEY"))
	}
	if err := lo.Privacy.Check(); err != nil {
		return lo, err
	}
	for _, f := range load.AllFlags() {
		v := c.String(f.Name)
		if f.Bool {
			v = fmt.Sprint(c.Bool(f.Name))
		}
		if err := f.Set(&lo.Sink, v); err != nil {
			return lo, err
		}
	}
	return lo, nil
}

func loadCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "transform saved API answers and load them into DuckDB, Parquet or Excel",
		UsageText: "creditetl load -o OUT [flags] INPUT...",
		ArgsUsage: "INPUT...",
		Description: `INPUT is a .json file (one answer), a .jsonl file (one answer a line), a directory
(searched recursively for both), an extract store, or - for standard input (one
answer, or one answer a line). Answers that differ only in formatting (whitespace, key
order, escapes) are the same answer. Loading a report that is already in the output
replaces its rows. Inputs that cannot be loaded are recorded with their reason and the
exit status is 2; everything else is loaded. An INPUT that does not exist, or inputs
without a single report, are an error (exit 1) and nothing is written. The features of
the loaded reports are computed in the same run (--no-features to skip them).

The summary goes to stdout (--json: one JSON object), progress and errors to stderr.

Examples:
  creditetl load -o reports.duckdb testdata/synth
  cat answers.jsonl | creditetl load -o reports.duckdb -`,
		Flags: outputFlags(),
		Action: action(o, jsonSummary, func(c *cli.Context, e *env, inputs []string) error {
			if len(inputs) == 0 {
				return usage(c, "no INPUT given: name .json or .jsonl files, folders, extract stores, or - for standard input")
			}
			if c.String("output") == "" {
				return usage(c, "no output given: -o FILE.duckdb, -o DIR (Parquet) or -o FILE.xlsx")
			}
			lo, err := loadOptions(c, e, inputs)
			if err != nil {
				return usage(c, "%w", err)
			}
			sum, err := pipeline.Load(c.Context, lo)
			if sum != nil {
				printLoadSummary(e.summary(), sum)
				if e.report != nil {
					e.report.Load = newLoadReport(sum)
				}
			}
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			return nil
		}),
	}
}
