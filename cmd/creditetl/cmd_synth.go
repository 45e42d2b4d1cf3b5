package main

import "github.com/urfave/cli/v2"

func synthCommand(o Options) *cli.Command {
	return &cli.Command{Name: "synth", Usage: "write N realistic synthetic API answers (and with --scans, small scan files)",
		Action: func(*cli.Context) error { return notYet("synth", "in progress") }}
}
