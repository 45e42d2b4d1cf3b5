package main

import "github.com/urfave/cli/v2"

func featuresCommand(o Options) *cli.Command {
	return &cli.Command{Name: "features", Usage: "compute the point-in-time features table in a DuckDB file or a Parquet folder", ArgsUsage: "DB",
		Action: func(*cli.Context) error { return notYet("features", "issue #5, the feature SQL") }}
}
