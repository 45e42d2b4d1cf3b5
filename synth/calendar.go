package synth

import (
	"fmt"
	"time"
)

// date is a civil calendar day. The generator never reads the clock: every
// date derives from the report date, which derives from the seed.
type date struct{ Y, M, D int }

func mkDate(y, m, d int) date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return date{t.Year(), int(t.Month()), t.Day()}
}

func (d date) IsZero() bool { return d.Y == 0 }

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d date) addDays(n int) date { return mkDate(d.Y, d.M, d.D+n) }

// addMonths adds n calendar months and clamps the day to the end of the
// target month, as DuckDB's interval arithmetic does (2020-03-31 minus one
// month is 2020-02-29). The query windows of the contract use it.
func (d date) addMonths(n int) date {
	y, m := fromMI(d.mi() + n)
	return date{y, m, min(d.D, daysIn(y, m))}
}

// mi is the month index y*12+m-1: consecutive months have consecutive indexes.
func (d date) mi() int { return d.Y*12 + d.M - 1 }

func fromMI(mi int) (y, m int) { return mi / 12, mi%12 + 1 }

// monthStart is the first day of the month with index mi.
func monthStart(mi int) date {
	y, m := fromMI(mi)
	return date{y, m, 1}
}

// inMonth is day d of the month with index mi, clamped to the month's end.
func inMonth(mi, d int) date {
	y, m := fromMI(mi)
	return date{y, m, min(d, daysIn(y, m))}
}

func (d date) cmp(o date) int {
	switch {
	case d.Y != o.Y:
		return d.Y - o.Y
	case d.M != o.M:
		return d.M - o.M
	}
	return d.D - o.D
}

func (d date) before(o date) bool { return d.cmp(o) < 0 }
func (d date) after(o date) bool  { return d.cmp(o) > 0 }

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// days is the number of days since 1970-01-01.
func (d date) days() int {
	return int(time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC).Sub(epoch) / (24 * time.Hour))
}

func fromDays(n int) date { return mkDate(1970, 1, 1+n) }

func maxDate(a, b date) date {
	if a.after(b) {
		return a
	}
	return b
}

func minDate(a, b date) date {
	if a.before(b) {
		return a
	}
	return b
}

// within reports lo < d <= hi: the contract's window rule (lower bound excluded).
func within(d, lo, hi date) bool { return d.after(lo) && !d.after(hi) }

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D) }
