package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// positionalArgs returns the command's INPUTs, applying the flags that
// follow them: urfave/cli stops at the first argument that is not a flag,
// and "creditetl run --sandbox testdata/scans -o out.duckdb" must work as
// written. After "--" everything is an INPUT.
func positionalArgs(c *cli.Context) ([]string, error) {
	byName := map[string]cli.Flag{}
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			byName[n] = f
		}
	}
	args := c.Args().Slice()
	var inputs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			inputs = append(inputs, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			inputs = append(inputs, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("flag provided but not defined: %s", a)
		}
		if _, isBool := f.(*cli.BoolFlag); isBool && !hasValue {
			value = "true"
		} else if !hasValue {
			if i+1 == len(args) {
				return nil, fmt.Errorf("flag needs an argument: %s", a)
			}
			i++
			value = args[i]
		}
		for _, n := range f.Names() { // every alias holds its own value
			if err := c.Set(n, value); err != nil {
				return nil, fmt.Errorf("invalid value %q for flag %s: %w", value, a, err)
			}
		}
	}
	return inputs, nil
}
