package main

import (
	"github.com/urfave/cli/v2"

	"creditetl/schema"
)

func schemaCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:        "schema",
		Usage:       "print the data dictionary: every source path, its table and column, type and Chinese label",
		Description: `Example: creditetl schema --format json | jq '.[] | select(.table == "accounts")'`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "table", Usage: "table, markdown or json (--json is --format json)"},
		},
		Action: action(o, jsonSelf, func(c *cli.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usage(c, "takes no argument, got %q", args[0])
			}
			format := c.String("format")
			if e.json {
				format = "json"
			}
			switch format {
			case "table":
				return schema.WriteTable(e.Stdout)
			case "markdown", "md":
				return schema.WriteMarkdown(e.Stdout)
			case "json":
				return schema.WriteJSON(e.Stdout)
			}
			return usage(c, "unknown --format %q (want table, markdown or json)", format)
		}),
	}
}
