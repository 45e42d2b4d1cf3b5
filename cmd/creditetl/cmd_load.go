package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"creditetl/input"
	"creditetl/internal/pipeline"
	"creditetl/load"
	"creditetl/transform"
)

// outputFlags are -o, --format, the settings of every registered output
// format, --no-features and --input-format.
func outputFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `PATH`; its extension picks the format: " + load.FormatHelp()},
		&cli.StringFlag{Name: "format", Usage: "output format, whatever the extension of -o: " + formatNames()},
	}
	for _, f := range load.AllFlags() {
		if f.Bool {
			flags = append(flags, &cli.BoolFlag{Name: f.Name, Usage: f.Usage})
		} else {
			flags = append(flags, &cli.StringFlag{Name: f.Name, Value: f.Default, Usage: f.Usage})
		}
	}
	return append(flags,
		&cli.BoolFlag{Name: "no-features", Usage: "do not compute table features (a DuckDB file drops the features of the reports loaded, so none is stale)"},
		&cli.StringFlag{Name: "input-format", Value: input.Auto, Usage: "format of the reports: " + strings.Join(input.Names(), ", ") + " (auto: by each report's content)"},
		&cli.StringFlag{Name: "pii", Value: transform.PIIKeep, Usage: "personal columns (names, ID, phone and account numbers, addresses, employers): keep, hash (a keyed pseudonym; key in $CREDITETL_PII_KEY, never stored) or drop"},
	)
}

func formatNames() string {
	var names []string
	for _, f := range load.Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// loadOptions copies the output flags: each setting of the chosen format
// (or of any format, before the format is known) that was given.
func loadOptions(c *cli.Context, o Options, inputs []string) (pipeline.LoadOptions, error) {
	lo := pipeline.LoadOptions{
		Inputs:      inputs,
		Output:      c.String("output"),
		Format:      c.String("format"),
		Version:     Version,
		Now:         o.Now,
		Log:         logger(c, o),
		NoFeatures:  c.Bool("no-features"),
		InputFormat: c.String("input-format"),
		Privacy:     transform.Privacy{Mode: c.String("pii")},
	}
	if lo.Privacy.Mode == transform.PIIHash {
		lo.Privacy.Key = []byte(o.Getenv("CREDITETL_PII_KEY"))
	}
	if err := lo.Privacy.Check(); err != nil {
		return lo, err
	}
	for _, f := range load.AllFlags() {
		v := c.String(f.Name)
		if f.Bool {
			v = fmt.Sprint(c.Bool(f.Name))
		}
		if err := f.Set(&lo.Sink, v); err != nil {
			return lo, err
		}
	}
	return lo, nil
}

func loadCommand(o Options) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "transform saved API answers and load them into DuckDB, Parquet or Excel",
		ArgsUsage: "INPUT...",
		Description: `INPUT is a .json file (one answer), a .jsonl file (one answer a line), a directory
(searched recursively for both) or an extract store. Loading a report that is already
in the output replaces its rows. Inputs that cannot be loaded are recorded with their
reason and the exit status is 2; everything else is loaded. The features of the loaded
reports are computed in the same run (--no-features to skip them).

Example: creditetl load -o reports.duckdb testdata/synth`,
		Flags: outputFlags(),
		Action: func(c *cli.Context) error {
			inputs, err := positionalArgs(c)
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			if len(inputs) == 0 {
				return fmt.Errorf("load: no INPUT given")
			}
			if c.String("output") == "" {
				return fmt.Errorf("load: no output given (-o FILE.duckdb, -o DIR or -o FILE.xlsx)")
			}
			lo, err := loadOptions(c, o, inputs)
			if err != nil {
				return fmt.Errorf("load: %w", err)
			}
			sum, err := pipeline.Load(c.Context, lo)
			if sum != nil {
				printSummary(o.Stderr, sum)
			}
			return err
		},
	}
}

func printSummary(w io.Writer, s *pipeline.Summary) {
	if s.Finished.IsZero() {
		fmt.Fprintf(w, "load %s: nothing written to %s\n", s.LoadID, s.Output)
	} else {
		el := s.Finished.Sub(s.Started).Seconds()
		fmt.Fprintf(w, "loaded %d reports into %s (%s) in %.1fs", s.Reports, s.Output, s.Format, el)
		if s.Replaced > 0 {
			fmt.Fprintf(w, ", %d replaced earlier loads", s.Replaced)
		}
		if s.Duplicates > 0 {
			fmt.Fprintf(w, ", %d duplicate answers skipped", s.Duplicates)
		}
		fmt.Fprintf(w, "\n  rejects %d, unknown fields %d, failed inputs %d, feature rows %d, load_id %s\n", s.Rejects, s.Unknown, len(s.Failures), s.FeatureRows, s.LoadID)
		if s.FeaturesRebuilt {
			fmt.Fprintf(w, "  table features was rebuilt for every report of %s\n", s.Output)
		}
		names := make([]string, 0, len(s.Rows))
		for n := range s.Rows {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s %d", n, s.Rows[n]))
		}
		fmt.Fprintf(w, "  rows: %s\n", strings.Join(parts, ", "))
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
	for _, m := range s.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", m)
	}
}
