package main

import "github.com/urfave/cli/v2"

func sandboxCommand(o Options) *cli.Command {
	return &cli.Command{Name: "sandbox", Usage: "serve a local stand-in of the OCR API that answers synthetic reports",
		Action: func(*cli.Context) error { return notYet("sandbox", "issue #3, the API sandbox") }}
}
