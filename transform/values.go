package transform

import (
	"strings"
	"time"
	"unicode/utf8"

	"creditetl/schema"
)

// Problems a value can have; they become the rejects table's problem column.
const (
	probNotNumber   = "not an amount"
	probNotWhole    = "not a whole number"
	probOutOfRange  = "out of range"
	probNotDate     = "not a date"
	probBadDate     = "not a valid calendar date"
	probBadYear     = "year outside 1900-2199"
	probNotTime     = "not a date and time"
	probNotYear     = "not a year"
	probNotMonthNum = "not a month 1-12"
	probNotScalar   = "not a scalar value"
)

// maxCents bounds DECIMAL(18,2): 16 integer digits.
const maxCents = 999_999_999_999_999_999

// ParseMoney reads an amount as exact cents: optional sign, digits with
// optional "," thousands separators, optional decimals, optional trailing 元.
// More than two decimals round half away from zero. s must be normalized.
func ParseMoney(s string) (int64, string) {
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
	units, significant, ok := groupedDigits(intPart)
	if !ok {
		return 0, probNotNumber
	}
	if significant > 16 { // DECIMAL(18,2) holds 16 integer digits
		return 0, probOutOfRange
	}
	cents := units * 100
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
	if cents > maxCents {
		return 0, probOutOfRange
	}
	if neg {
		cents = -cents
	}
	return cents, ""
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// groupedDigits accepts "1234" or "1,234,567" (groups of three after a first
// group of one to three digits, or no "," at all) and returns its value and
// its number of digits after leading zeros (the value is only meaningful
// when there are at most 16).
func groupedDigits(s string) (value int64, significant int, ok bool) {
	grouped := strings.IndexByte(s, ',') >= 0
	group := 0 // digits in the current group
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ',' && grouped {
			if (i == group && (group < 1 || group > 3)) || (i > group && group != 3) {
				return 0, 0, false
			}
			group = 0
			continue
		}
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		group++
		if significant > 0 || c != '0' {
			significant++
			if significant <= 16 {
				value = value*10 + int64(c-'0')
			}
		}
	}
	// The last group: the first one (1 to 3 digits) when it is the only one.
	if grouped && ((len(s) == group && (group < 1 || group > 3)) || (len(s) > group && group != 3)) {
		return 0, 0, false
	}
	return value, significant, true
}

// ParseCount reads a whole number (same cleaning as money; "3.00" is 3).
func ParseCount(s string) (int64, string) {
	cents, prob := ParseMoney(s)
	if prob != "" {
		if prob == probNotNumber {
			return 0, probNotWhole
		}
		return 0, prob
	}
	if _, frac, ok := strings.Cut(strings.TrimSuffix(s, "元"), "."); ok && !allZero(frac) {
		return 0, probNotWhole
	}
	n := cents / 100
	if n > 1<<31-1 || n < -(1<<31) {
		return 0, probOutOfRange
	}
	return n, ""
}

// ParsePercent reads a percentage as written: "12%" and "12" are 12.00.
func ParsePercent(s string) (int64, string) {
	return ParseMoney(strings.TrimSpace(strings.TrimSuffix(s, "%")))
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// Days is a calendar date as days since 1970-01-01.
func Days(y, m, d int) int64 {
	if y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 28 {
		return civilDays(y, m, d)
	}
	return int64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(epoch) / (24 * time.Hour))
}

// civilDays is Days for the years the contract accepts, a month 1-12 and a
// day that exists in every month (H. Hinnant's days_from_civil, proleptic
// Gregorian like package time), without time.Date's cost.
func civilDays(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}

// DateOf turns days since 1970-01-01 back into a date.
func DateOf(days int64) time.Time { return epoch.AddDate(0, 0, int(days)) }

// ParseDate reads a date: 2015.05.05, 2015-05-05, 2015/5/5, 2015年05月05日,
// 20150505, padded or not; a year and month alone (2015.05, 2015-05,
// 2015年05月, 201505) is the first day of that month. dayGiven says which.
func ParseDate(s string) (days int64, dayGiven bool, problem string) {
	y, m, d, prob := splitDate(s)
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
	} else if d < 1 || d > daysIn(y, m) {
		return 0, false, probBadDate
	}
	return Days(y, m, d), dayGiven, ""
}

// ParseMonth reads a month field: the first day of the month. A full date is
// accepted and truncated to its month.
func ParseMonth(s string) (int64, string) {
	days, _, prob := ParseDate(s)
	if prob != "" {
		return 0, prob
	}
	t := DateOf(days)
	return Days(t.Year(), int(t.Month()), 1), ""
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitDate finds year, month and (0 when absent) day in a date text.
func splitDate(s string) (y, m, d int, problem string) {
	s = removeSpaces(s)
	if s == "" {
		return 0, 0, 0, probNotDate
	}
	if isDigits(s) {
		switch len(s) {
		case 8:
			return atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]), ""
		case 6:
			return atoi(s[:4]), atoi(s[4:]), 0, ""
		}
		return 0, 0, 0, probNotDate
	}
	var parts [3]string
	n := 0
	if strings.Contains(s, "年") {
		rest, ok := strings.CutSuffix(s, "日")
		ystr, rest, ok1 := strings.Cut(rest, "年")
		mstr, dstr, ok2 := strings.Cut(rest, "月")
		if !ok1 {
			return 0, 0, 0, probNotDate
		}
		switch {
		case ok2 && dstr != "":
			parts, n = [3]string{ystr, mstr, dstr}, 3
		case ok2 && !ok:
			parts, n = [3]string{ystr, mstr}, 2
		case !ok2 && !ok && rest != "":
			parts, n = [3]string{ystr, rest}, 2 // 2015年5
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
		for rest := s; ; n++ {
			if n == len(parts) {
				return 0, 0, 0, probNotDate // more than three parts
			}
			p, after, more := strings.Cut(rest, sep)
			parts[n] = p
			if !more {
				n++
				break
			}
			rest = after
		}
	}
	if n < 2 || len(parts[0]) != 4 {
		return 0, 0, 0, probNotDate
	}
	for _, p := range parts[1:n] {
		if len(p) < 1 || len(p) > 2 {
			return 0, 0, 0, probNotDate
		}
	}
	for _, p := range parts[:n] {
		if !isDigits(p) {
			return 0, 0, 0, probNotDate
		}
	}
	y, m = atoi(parts[0]), atoi(parts[1])
	if n == 3 {
		d = atoi(parts[2])
		if d == 0 {
			return 0, 0, 0, probBadDate
		}
	}
	return y, m, d, ""
}

// ParseTimestamp reads reportTime: a date as ParseDate plus an optional
// HH:MM[:SS], separated by spaces or "T". Microseconds since 1970-01-01.
func ParseTimestamp(s string) (int64, string) {
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
	days, _, prob := ParseDate(datePart)
	if prob != "" {
		if timePart != "" {
			return 0, probNotTime
		}
		return 0, prob
	}
	var secs int64
	if timePart != "" {
		var v [3]int
		n := 0
		for rest := timePart; ; {
			p, after, more := strings.Cut(rest, ":")
			if n == len(v) || len(p) < 1 || len(p) > 2 || !isDigits(p) {
				return 0, probNotTime
			}
			v[n] = atoi(p)
			n++
			if !more {
				break
			}
			rest = after
		}
		if n < 2 {
			return 0, probNotTime
		}
		if v[0] > 23 || v[1] > 59 || v[2] > 59 {
			return 0, probNotTime
		}
		secs = int64(v[0]*3600 + v[1]*60 + v[2])
	}
	return (days*86400 + secs) * 1_000_000, ""
}

// ParseYear reads a year: "2015" or "2015年".
func ParseYear(s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "年"))
	if len(s) != 4 || !isDigits(s) {
		return 0, probNotYear
	}
	y := atoi(s)
	if y < 1900 || y > 2199 {
		return 0, probBadYear
	}
	return int64(y), ""
}

// ParseMonthOfYear reads a grid month: "3", "03" or "3月".
func ParseMonthOfYear(s string) (int64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "月"))
	if len(s) < 1 || len(s) > 2 || !isDigits(s) {
		return 0, probNotMonthNum
	}
	m := atoi(s)
	if m < 1 || m > 12 {
		return 0, probNotMonthNum
	}
	return int64(m), ""
}

func isDigits(s string) bool {
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

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func removeSpaces(s string) string {
	if !strings.ContainsAny(s, " \t") {
		return s
	}
	return strings.NewReplacer(" ", "", "\t", "").Replace(s)
}

// normalize is schema.Normalize, faster on the usual text of a report: text
// made only of ASCII and CJK Unified Ideographs (U+4E00-U+9FFF) is already
// NFKC (none of these characters has a decomposition, a non-zero combining
// class or a composition with another), so only trimming applies.
func normalize(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// U+4E00-U+9FFF in UTF-8: E4 B8-BF xx to E9 80-BF xx.
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && (c != 0xE4 || c1 >= 0xB8) {
				i += 3
				continue
			}
		}
		return schema.Normalize(s)
	}
	return strings.TrimSpace(s)
}

// ParseValue types one scalar per its kind (CONTRACT section 3). It returns
// the cell, whether the scalar was given at all (not missing, null, "" or an
// empty marker), and the problem when it was given but cannot be parsed.
func ParseValue(sc schema.Scalar, kind schema.Kind) (v schema.Value, given bool, problem string) {
	if !sc.Given() {
		return schema.NullValue, false, ""
	}
	s := normalize(sc.Raw)
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
		n, problem = ParseMoney(s)
	case schema.Percent:
		n, problem = ParsePercent(s)
	case schema.Count:
		n, problem = ParseCount(s)
	case schema.Date:
		n, _, problem = ParseDate(s)
	case schema.Month:
		n, problem = ParseMonth(s)
	case schema.Timestamp:
		n, problem = ParseTimestamp(s)
	case schema.Year:
		n, problem = ParseYear(s)
	case schema.MonthOfYear:
		n, problem = ParseMonthOfYear(s)
	}
	if problem != "" {
		return schema.NullValue, true, problem
	}
	return schema.IntValue(n), true, ""
}
