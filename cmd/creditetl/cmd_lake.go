package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"creditetl/internal/pipeline"
	"creditetl/load"
)

func lakeCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:  "lake",
		Usage: "work with a Parquet lake (load -o DIR --layout lake): print views of its current rows, compact it",
		Description: `A lake grows by one set of hive partitions per load: LAKE/<table>/load_id=<id>/part-*.parquet.
A later load of a report supersedes the earlier ones; the current rows of a table are, for
each report, the rows of its latest load. "lake views" prints SQL views that give them.`,
		Subcommands: []*cli.Command{
			{
				Name:      "views",
				Usage:     "print CREATE VIEW statements of the lake's current rows (DuckDB, Spark SQL or Trino)",
				ArgsUsage: "LAKE",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "dialect", Value: load.DialectDuckDB, Usage: "SQL dialect: duckdb, spark or trino"},
				},
				Description: `Examples:
  creditetl lake views lake > views.sql && duckdb -init views.sql
  creditetl lake views --dialect spark lake`,
				Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
					if len(args) != 1 {
						return usage(c, "want one LAKE, got %d arguments", len(args))
					}
					sqlText, err := load.LakeViews(c.Context, args[0], c.String("dialect"))
					if err != nil {
						return fmt.Errorf("lake views: %w", err)
					}
					_, err = fmt.Fprint(e.Stdout, sqlText)
					return err
				}),
			},
			{
				Name:      "compact",
				Usage:     "rewrite the lake's current rows into one partition, atomically (superseded rows are dropped; loads keep every run)",
				ArgsUsage: "LAKE",
				Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
					if len(args) != 1 {
						return usage(c, "want one LAKE, got %d arguments", len(args))
					}
					res, err := load.CompactLake(c.Context, args[0], pipeline.NewLoadID(e.Now()), currentVersion().String(), e.Now)
					if err != nil {
						return fmt.Errorf("lake compact: %w", err)
					}
					fmt.Fprintf(e.summary(), "lake compact: %d reports of %d loads into load_id=%s (%d part files before)\n", res.Reports, res.Loads, res.LoadID, res.Parts)
					return nil
				}),
			},
		},
	}
}
