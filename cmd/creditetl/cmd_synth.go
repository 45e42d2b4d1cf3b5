package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"creditetl/synth"
)

func synthCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:  "synth",
		Usage: "write N realistic synthetic API answers (and with --scans, small scan files)",
		Description: `The answers have the exact shape of the API's (response-example.json): all six account
types with repayment grids consistent with their status, queries, public records and
summaries consistent with the details, and the OCR value variety of real answers
(several date formats, thousands separators, "--", full-width digits). They are
synthetic: no real person is in them. The same --seed gives the same files.

With --scans, DIR/scans/ also gets one small valid scan (PDF, PNG or JPEG) per report;
the sandbox answers each of them with the report of the same number.

Example: creditetl synth -n 1000 -o corpus --seed 7 && creditetl load -o c.duckdb corpus`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "n", Value: 10, Usage: "number of reports"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "`DIR` to write report-00001.json … into (required)"},
			&cli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.BoolFlag{Name: "scans", Usage: "also write small scan files into DIR/scans"},
		},
		UsageText: "creditetl synth -n N -o DIR [--seed S] [--scans]",
		Action: action(o, jsonNone, func(c *cli.Context, e *env, args []string) error {
			if len(args) > 0 {
				return usage(c, "takes no argument, got %q (the folder is -o DIR)", args[0])
			}
			n := c.Int("n")
			dir := c.String("output")
			if dir == "" {
				return usage(c, "no output given: -o DIR")
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
			if err := synth.WriteCorpus(dir, n, c.Int64("seed"), c.Bool("scans")); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
			fmt.Fprintf(e.summary(), "wrote %d synthetic reports to %s\n", n, dir)
			return nil
		}),
	}
}
