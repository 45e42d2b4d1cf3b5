package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"creditetl/schema"
)

func schemaCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:        "schema",
		Usage:       "print the data dictionary: every source path, its table and column, type and Chinese label",
		Description: `Example: creditetl schema --format json | jq '.[] | select(.table == "accounts")'`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "table", Usage: "table, markdown or json"},
		},
		Action: func(c *cli.Context) error {
			switch c.String("format") {
			case "table":
				return schema.WriteTable(o.Stdout)
			case "markdown", "md":
				return schema.WriteMarkdown(o.Stdout)
			case "json":
				return schema.WriteJSON(o.Stdout)
			}
			return fmt.Errorf("schema: unknown --format %q (want table, markdown or json)", c.String("format"))
		},
	}
}
