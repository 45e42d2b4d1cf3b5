package main

import (
	"context"
	"io"

	"github.com/urfave/cli/v2"
)

func featuresCommand(o Options) *cli.Command {
	return &cli.Command{Name: "features", Usage: "compute the point-in-time features table in a DuckDB file or a Parquet folder", ArgsUsage: "DB",
		Action: func(*cli.Context) error { return notYet("features", "issue #5, the feature SQL") }}
}

// featuresAfterLoad is the last step of creditetl run: it computes the
// features of the output just loaded (issue #5 fills it in).
func featuresAfterLoad(ctx context.Context, output, format string, stderr io.Writer) error {
	return nil
}
