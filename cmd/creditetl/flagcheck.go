package main

import (
	"fmt"
	"math"

	"github.com/urfave/cli/v2"
)

// numberRange is what a numeric flag accepts; every number must also be
// finite (no NaN, no infinity).
type numberRange struct {
	min, max float64 // max 0: no upper bound
	// above: min itself is refused (a wait of 0 is no wait at all).
	above bool
	want  string // what to say the flag wants
}

// numberRanges are the ranges of the numeric flags. A numeric flag not
// listed here accepts 0 and more (counts, limits where 0 means none).
var numberRanges = map[string]numberRange{
	"fail-rate":   {min: 0, max: 1, want: "a share between 0 and 1 (0.05 for 5%)"},
	"qps":         {min: 0, want: "0 (no limit) or more calls per second"},
	"concurrency": {min: 1, want: "1 or more"},
	"max-retries": {min: 0, want: "0 (no retry) or more"},
	"max-calls":   {min: 0, want: "0 (no limit) or more"},
	"retry-wait":  {min: 0, above: true, want: "a duration above 0, like 1s or 500ms"},
	"max-wait":    {min: 0, above: true, want: "a duration above 0, like 30s"},
	"timeout":     {min: 0, above: true, want: "a duration above 0, like 2m"},
	"n":           {min: 1, want: "1 or more"},
	"seed":        {min: math.Inf(-1), want: "a whole number"},
}

// checkNumbers refuses a numeric flag of the command whose value is NaN,
// infinite, or out of its range: --fail-rate NaN, --qps -1, --retry-wait
// -1s. It runs after the flags that follow the inputs were applied.
func checkNumbers(c *cli.Context) error {
	if c.Command == nil {
		return nil
	}
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		var v float64
		var text string
		switch f.(type) {
		case *cli.Float64Flag:
			v = c.Float64(name)
			text = fmt.Sprint(v)
		case *cli.IntFlag:
			v = float64(c.Int(name))
			text = fmt.Sprint(c.Int(name))
		case *cli.Int64Flag:
			v = float64(c.Int64(name))
			text = fmt.Sprint(c.Int64(name))
		case *cli.DurationFlag:
			d := c.Duration(name)
			v = d.Seconds()
			text = d.String()
		default:
			continue
		}
		flag := "--" + name
		if len(name) == 1 {
			flag = "-" + name
		}
		r, ok := numberRanges[name]
		if !ok {
			r = numberRange{min: 0, want: "0 or more"}
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s %s: want a finite number: %s", flag, text, r.want)
		}
		if v < r.min || r.above && v <= r.min || r.max > 0 && v > r.max {
			return fmt.Errorf("%s %s: want %s", flag, text, r.want)
		}
	}
	return nil
}
