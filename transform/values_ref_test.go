package transform

// The value parsers as they were before they avoided allocating, kept as
// test-only reference code: the reference flattener (flatten_ref_test.go)
// uses them, and FuzzParseValueRef compares them with ParseValue.

import (
	"strings"
	"time"

	"creditetl/schema"
)

// refMaxCents bounds DECIMAL(18,2): 16 integer digits.
const refMaxCents = 999_999_999_999_999_999

// ParseMoney reads an amount as exact cents: optional sign, digits with
// optional "," thousands separators, optional decimals, optional trailing 元.
// More than two decimals round half away from zero. s must be normalized.
func refParseMoney(s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "元"))
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, probNotNumber
	}
	digits, ok := refgroupedDigits(intPart)
	if !ok {
		return 0, probNotNumber
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 16 { // DECIMAL(18,2) holds 16 integer digits
		return 0, probOutOfRange
	}
	var cents int64
	for i := 0; i < len(digits); i++ {
		cents = cents*10 + int64(digits[i]-'0')
	}
	cents *= 100
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return 0, probNotNumber
		}
	}
	switch {
	case len(frac) >= 2:
		cents += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
		if len(frac) > 2 && frac[2] >= '5' {
			cents++ // half away from zero: the sign is applied after
		}
	case len(frac) == 1:
		cents += int64(frac[0]-'0') * 10
	}
	if cents > refMaxCents {
		return 0, probOutOfRange
	}
	if neg {
		cents = -cents
	}
	return cents, ""
}

func refallZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// groupedDigits accepts "1234" or "1,234,567" (groups of three after a first
// group of one to three digits) and returns the digits alone.
func refgroupedDigits(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if !strings.Contains(s, ",") {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return "", false
			}
		}
		return s, true
	}
	groups := strings.Split(s, ",")
	var b strings.Builder
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return "", false
		}
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return "", false
			}
		}
		b.WriteString(g)
	}
	return b.String(), true
}

// ParseCount reads a whole number (same cleaning as money; "3.00" is 3).
func refParseCount(s string) (int64, string) {
	cents, prob := refParseMoney(s)
	if prob != "" {
		if prob == probNotNumber {
			return 0, probNotWhole
		}
		return 0, prob
	}
	if _, frac, ok := strings.Cut(strings.TrimSuffix(s, "元"), "."); ok && !refallZero(frac) {
		return 0, probNotWhole
	}
	n := cents / 100
	if n > 1<<31-1 || n < -(1<<31) {
		return 0, probOutOfRange
	}
	return n, ""
}

// ParsePercent reads a percentage as written: "12%" and "12" are 12.00.
func refParsePercent(s string) (int64, string) {
	return refParseMoney(strings.TrimSpace(strings.TrimSuffix(s, "%")))
}

var refEpoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// Days is a calendar date as days since 1970-01-01.
func refDays(y, m, d int) int64 {
	return int64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(refEpoch) / (24 * time.Hour))
}

// DateOf turns days since 1970-01-01 back into a date.
func refDateOf(days int64) time.Time { return refEpoch.AddDate(0, 0, int(days)) }

// ParseDate reads a date: 2015.05.05, 2015-05-05, 2015/5/5, 2015年05月05日,
// 20150505, padded or not; a year and month alone (2015.05, 2015-05,
// 2015年05月, 201505) is the first day of that month. dayGiven says which.
func refParseDate(s string) (days int64, dayGiven bool, problem string) {
	y, m, d, prob := refsplitDate(s)
	if prob != "" {
		return 0, false, prob
	}
	if y < 1900 || y > 2199 {
		return 0, false, probBadYear
	}
	if m < 1 || m > 12 {
		return 0, false, probBadDate
	}
	dayGiven = d != 0
	if !dayGiven {
		d = 1
	} else if d < 1 || d > refdaysIn(y, m) {
		return 0, false, probBadDate
	}
	return refDays(y, m, d), dayGiven, ""
}

// ParseMonth reads a month field: the first day of the month. A full date is
// accepted and truncated to its month.
func refParseMonth(s string) (int64, string) {
	days, _, prob := refParseDate(s)
	if prob != "" {
		return 0, prob
	}
	t := refDateOf(days)
	return refDays(t.Year(), int(t.Month()), 1), ""
}

func refdaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitDate finds year, month and (0 when absent) day in a date text.
func refsplitDate(s string) (y, m, d int, problem string) {
	s = refremoveSpaces(s)
	if s == "" {
		return 0, 0, 0, probNotDate
	}
	if refisDigits(s) {
		switch len(s) {
		case 8:
			return refatoi(s[:4]), refatoi(s[4:6]), refatoi(s[6:]), ""
		case 6:
			return refatoi(s[:4]), refatoi(s[4:]), 0, ""
		}
		return 0, 0, 0, probNotDate
	}
	var parts []string
	if strings.Contains(s, "年") {
		rest, ok := strings.CutSuffix(s, "日")
		ystr, rest, ok1 := strings.Cut(rest, "年")
		mstr, dstr, ok2 := strings.Cut(rest, "月")
		if !ok1 {
			return 0, 0, 0, probNotDate
		}
		switch {
		case ok2 && dstr != "":
			parts = []string{ystr, mstr, dstr}
		case ok2 && !ok:
			parts = []string{ystr, mstr}
		case !ok2 && !ok && rest != "":
			parts = []string{ystr, rest} // 2015年5
		default:
			return 0, 0, 0, probNotDate
		}
	} else {
		sep := ""
		for _, c := range []string{".", "-", "/"} {
			if strings.Contains(s, c) {
				if sep != "" {
					return 0, 0, 0, probNotDate // mixed separators
				}
				sep = c
			}
		}
		if sep == "" {
			return 0, 0, 0, probNotDate
		}
		parts = strings.Split(s, sep)
	}
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, probNotDate
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 2 {
			return 0, 0, 0, probNotDate
		}
	}
	for _, p := range parts {
		if !refisDigits(p) {
			return 0, 0, 0, probNotDate
		}
	}
	y, m = refatoi(parts[0]), refatoi(parts[1])
	if len(parts) == 3 {
		d = refatoi(parts[2])
		if d == 0 {
			return 0, 0, 0, probBadDate
		}
	}
	return y, m, d, ""
}

// ParseTimestamp reads reportTime: a date as ParseDate plus an optional
// HH:MM[:SS], separated by spaces or "T". Microseconds since 1970-01-01.
func refParseTimestamp(s string) (int64, string) {
	datePart, timePart := s, ""
	if i := strings.LastIndexAny(s, " T"); i >= 0 && strings.Contains(s[i+1:], ":") {
		datePart, timePart = strings.TrimSpace(s[:i]), s[i+1:]
	} else if i := strings.Index(s, ":"); i >= 0 {
		// "2015.06.0110:05:15" or "2015年06月01日10:05" without a separator.
		j := i
		for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' && i-j < 2 {
			j--
		}
		datePart, timePart = s[:j], s[j:]
	}
	days, _, prob := refParseDate(datePart)
	if prob != "" {
		if timePart != "" {
			return 0, probNotTime
		}
		return 0, prob
	}
	var secs int64
	if timePart != "" {
		hms := strings.Split(timePart, ":")
		if len(hms) < 2 || len(hms) > 3 {
			return 0, probNotTime
		}
		var v [3]int
		for i, p := range hms {
			if len(p) < 1 || len(p) > 2 || !refisDigits(p) {
				return 0, probNotTime
			}
			v[i] = refatoi(p)
		}
		if v[0] > 23 || v[1] > 59 || v[2] > 59 {
			return 0, probNotTime
		}
		secs = int64(v[0]*3600 + v[1]*60 + v[2])
	}
	return (days*86400 + secs) * 1_000_000, ""
}

// ParseYear reads a year: "2015" or "2015年".
func refParseYear(s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "年"))
	if len(s) != 4 || !refisDigits(s) {
		return 0, probNotYear
	}
	y := refatoi(s)
	if y < 1900 || y > 2199 {
		return 0, probBadYear
	}
	return int64(y), ""
}

// ParseMonthOfYear reads a grid month: "3", "03" or "3月".
func refParseMonthOfYear(s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "月"))
	if len(s) < 1 || len(s) > 2 || !refisDigits(s) {
		return 0, probNotMonthNum
	}
	m := refatoi(s)
	if m < 1 || m > 12 {
		return 0, probNotMonthNum
	}
	return int64(m), ""
}

func refisDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func refatoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func refremoveSpaces(s string) string {
	if !strings.ContainsAny(s, " \t") {
		return s
	}
	return strings.NewReplacer(" ", "", "\t", "").Replace(s)
}

// ParseValue types one scalar per its kind (CONTRACT section 3). It returns
// the cell, whether the scalar was given at all (not missing, null, "" or an
// empty marker), and the problem when it was given but cannot be parsed.
func refParseValue(sc schema.Scalar, kind schema.Kind) (v schema.Value, given bool, problem string) {
	if !sc.Given() {
		return schema.NullValue, false, ""
	}
	s := schema.Normalize(sc.Raw)
	if kind == schema.Text {
		if s == "" {
			return schema.NullValue, false, ""
		}
		return schema.TextValue(s), true, ""
	}
	if schema.IsEmptyMarker(s) {
		return schema.NullValue, false, ""
	}
	if sc.Kind == schema.Bool {
		return schema.NullValue, true, probNotScalar
	}
	var n int64
	switch kind {
	case schema.Money:
		n, problem = refParseMoney(s)
	case schema.Percent:
		n, problem = refParsePercent(s)
	case schema.Count:
		n, problem = refParseCount(s)
	case schema.Date:
		n, _, problem = refParseDate(s)
	case schema.Month:
		n, problem = refParseMonth(s)
	case schema.Timestamp:
		n, problem = refParseTimestamp(s)
	case schema.Year:
		n, problem = refParseYear(s)
	case schema.MonthOfYear:
		n, problem = refParseMonthOfYear(s)
	}
	if problem != "" {
		return schema.NullValue, true, problem
	}
	return schema.IntValue(n), true, ""
}
