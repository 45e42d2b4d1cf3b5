package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/urfave/cli/v2"

	"creditetl/features"
	"creditetl/internal/progress"
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
		Action: action(o, jsonSummary, func(c *cli.Context, e *env, args []string) error {
			if c.Bool("list") {
				if len(args) > 0 {
					return usage(c, "--list takes no DB")
				}
				format := c.String("format")
				if e.json {
					format = "json"
					e.report = nil // the dictionary is the JSON
				}
				return listFeatures(e.Stdout, format)
			}
			if len(args) != 1 {
				return usage(c, "want one DB (a DuckDB file or a Parquet folder), got %d arguments", len(args))
			}
			var so load.Options
			for _, f := range []*load.Flag{load.FlagCompression, load.FlagHeaders} {
				if err := f.Set(&so, c.String(f.Name)); err != nil {
					return usage(c, "%w", err)
				}
			}
			fo := features.Options{Export: c.String("output"), Compression: so.Compression, HeadersZH: so.HeadersZH}
			start := e.Now()
			res, err := runFeatures(c.Context, e, args[0], fo)
			if err != nil {
				if c.Context.Err() != nil {
					return fmt.Errorf("features stopped: %s is as it was: %w", args[0], err)
				}
				return err
			}
			took := e.Now().Sub(start)
			printFeatures(e.summary(), res, took)
			if e.report != nil {
				e.report.Features = &featuresReport{Target: res.Target, Reports: res.Reports, Features: res.Features, Export: res.Export, Seconds: seconds(took)}
			}
			return nil
		}),
	}
}

// runFeatures runs the features with a progress display of their steps
// (the SQL files, then the export).
func runFeatures(ctx context.Context, e *env, db string, fo features.Options) (*features.Result, error) {
	var mu sync.Mutex
	var snap progress.Snapshot
	d := e.display(progress.Spec{Name: "features", Unit: "steps"})
	d.Start(func() progress.Snapshot { mu.Lock(); defer mu.Unlock(); return snap })
	ctx = progress.WithSteps(ctx, func(stage string, i, n int, what string) {
		mu.Lock()
		snap = progress.Snapshot{Done: int64(i - 1), Total: int64(n), Detail: what}
		mu.Unlock()
		d.Update()
	})
	res, err := features.Run(ctx, db, fo)
	if err == nil {
		mu.Lock()
		snap.Done = snap.Total
		mu.Unlock()
	}
	d.Finish()
	return res, err
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
	return fmt.Errorf("unknown --format %q (want table, markdown or json)", format)
}
