package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"creditetl/input"
	"creditetl/internal/pipeline"
	"creditetl/load"
)

var outputFlags = []cli.Flag{
	&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output (required): `FILE`.duckdb|.db (DuckDB), .xlsx (Excel), anything else a Parquet folder"},
	&cli.StringFlag{Name: "format", Usage: "output format duckdb|parquet|xlsx (default: by the extension of -o)"},
	&cli.StringFlag{Name: "compression", Value: "zstd", Usage: "Parquet compression: zstd, snappy or none"},
	&cli.BoolFlag{Name: "overwrite", Usage: "replace an existing Parquet folder or Excel workbook (a DuckDB file is updated in place)"},
	&cli.StringFlag{Name: "headers", Value: "en", Usage: "Excel column headers: en (column names) or zh (Chinese labels)"},
	&cli.StringFlag{Name: "input-format", Value: input.Auto, Usage: "format of the reports: " + strings.Join(input.Names(), ", ") + " (auto: by each report's content)"},
}

// sinkOptions copies the writer flags.
func sinkOptions(c *cli.Context) (load.Options, error) {
	o := load.Options{Compression: c.String("compression"), Overwrite: c.Bool("overwrite")}
	switch c.String("headers") {
	case "en":
	case "zh":
		o.HeadersZH = true
	default:
		return o, fmt.Errorf("unknown --headers %q (want en or zh)", c.String("headers"))
	}
	return o, nil
}

func loadCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "transform saved API answers and load them into DuckDB, Parquet or Excel",
		ArgsUsage: "INPUT...",
		Description: `INPUT is a .json file (one answer), a .jsonl file (one answer a line), a directory
(searched recursively for both) or an extract store. Loading a report that is already
in the output replaces its rows. Inputs that cannot be loaded are recorded with their
reason and the exit status is 2; everything else is loaded.

Example: creditetl load -o reports.duckdb testdata/synth`,
		Flags: outputFlags,
		Action: func(c *cli.Context) error {
			inputs, err := positionalArgs(c)
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			if len(inputs) == 0 {
				return fmt.Errorf("load: no INPUT given")
			}
			if c.String("output") == "" {
				return fmt.Errorf("load: no output given (-o FILE.duckdb, -o DIR or -o FILE.xlsx)")
			}
			so, err := sinkOptions(c)
			if err != nil {
				return err
			}
			opts := pipeline.LoadOptions{
				Sink:    so,
				Inputs:  inputs,
				Output:  c.String("output"),
				Format:  c.String("format"),
				Version: Version,
				Now:     o.Now,
				Log:     logger(c, o),
				Stores:  storeReader,

				InputFormat: c.String("input-format"),
			}
			sum, err := pipeline.Load(c.Context, opts)
			if sum != nil {
				printSummary(o.Stderr, sum)
			}
			return err
		},
	}
}

func printSummary(w io.Writer, s *pipeline.Summary) {
	if s.Finished.IsZero() {
		fmt.Fprintf(w, "load %s: nothing written to %s\n", s.LoadID, s.Output)
	} else {
		el := s.Finished.Sub(s.Started).Seconds()
		fmt.Fprintf(w, "loaded %d reports into %s (%s) in %.1fs", s.Reports, s.Output, s.Format, el)
		if s.Replaced > 0 {
			fmt.Fprintf(w, ", %d replaced earlier loads", s.Replaced)
		}
		if s.Duplicates > 0 {
			fmt.Fprintf(w, ", %d duplicate answers skipped", s.Duplicates)
		}
		fmt.Fprintf(w, "\n  rejects %d, unknown fields %d, failed inputs %d, load_id %s\n", s.Rejects, s.Unknown, len(s.Failures), s.LoadID)
		names := make([]string, 0, len(s.Rows))
		for n := range s.Rows {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s %d", n, s.Rows[n]))
		}
		fmt.Fprintf(w, "  rows: %s\n", strings.Join(parts, ", "))
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}
