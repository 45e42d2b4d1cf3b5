package main

import "github.com/urfave/cli/v2"

func runCommand(o Options) *cli.Command {
	return &cli.Command{Name: "run", Usage: "extract + load + features in one go (--sandbox: against the built-in API sandbox)", ArgsUsage: "INPUT...",
		Action: func(*cli.Context) error { return notYet("run", "issue #3, the API client") }}
}
