package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"creditetl/features"
	"creditetl/load"
	featuresql "creditetl/sql"
)

func featuresCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "features",
		Usage:     "compute the point-in-time features table in a DuckDB file or a Parquet folder",
		ArgsUsage: "DB",
		Description: `DB is a DuckDB file written by creditetl load (table features is rebuilt in it),
or a Parquet output folder (DIR/features.parquet is rewritten). One row per report,
report_id and report_date first; every window is relative to the report date, never
to today. -o also exports the features to a .csv, .parquet or .xlsx file.

--list prints the feature dictionary (name, Chinese name, type, value when nothing
qualifies, source tables, definition) and needs no DB; docs/features.md is
creditetl features --list --format markdown.

Examples:
  creditetl features reports.duckdb
  creditetl features reports.duckdb -o features.csv
  creditetl features out/ -o features.xlsx --headers zh
  creditetl features --list --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "also export the features to `FILE` (.csv, .parquet or .xlsx)"},
			&cli.BoolFlag{Name: "list", Usage: "print the feature dictionary instead"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "format of --list: table, markdown or json"},
			&cli.StringFlag{Name: load.FlagCompression.Name, Value: load.FlagCompression.Default, Usage: "Parquet compression (features.parquet, a .parquet export): zstd, snappy or none"},
			&cli.StringFlag{Name: load.FlagHeaders.Name, Value: load.FlagHeaders.Default, Usage: "header row of an .xlsx export: en (feature names) or zh (Chinese names)"},
		},
		Action: func(c *cli.Context) error {
			args, err := positionalArgs(c)
			if err != nil {
				return fmt.Errorf("features: %w", err)
			}
			if c.Bool("list") {
				if len(args) > 0 {
					return fmt.Errorf("features: --list takes no DB")
				}
				return listFeatures(o.Stdout, c.String("format"))
			}
			if len(args) != 1 {
				return fmt.Errorf("features: want one DB (a DuckDB file or a Parquet folder), got %d arguments", len(args))
			}
			var so load.Options
			for _, f := range []*load.Flag{load.FlagCompression, load.FlagHeaders} {
				if err := f.Set(&so, c.String(f.Name)); err != nil {
					return fmt.Errorf("features: %w", err)
				}
			}
			fo := features.Options{Export: c.String("output"), Compression: so.Compression, HeadersZH: so.HeadersZH}
			start := o.Now()
			res, err := features.Run(c.Context, args[0], fo)
			if err != nil {
				return err
			}
			printFeatures(o.Stderr, res, o.Now().Sub(start))
			return nil
		},
	}
}

// listFeatures prints the feature dictionary.
func listFeatures(w io.Writer, format string) error {
	switch format {
	case "table":
		return featuresql.WriteTable(w)
	case "markdown", "md":
		return featuresql.WriteMarkdown(w)
	case "json":
		return featuresql.WriteJSON(w)
	}
	return fmt.Errorf("features: unknown --format %q (want table, markdown or json)", format)
}

func printFeatures(w io.Writer, res *features.Result, took time.Duration) {
	fmt.Fprintf(w, "features: %d features for %d reports written to %s in %.1fs\n", res.Features, res.Reports, res.Target, took.Seconds())
	if res.Export != "" {
		fmt.Fprintf(w, "  exported to %s\n", res.Export)
	}
}
