package synth

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"creditetl/schema"
)

// A reading of the values per CONTRACT section 3, written here from the
// contract alone (not shared with transform), so that the tests check the
// generator against the contract rather than against an implementation.

type cdate struct{ y, m, d int }

func (d cdate) t() time.Time        { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }
func (d cdate) before(o cdate) bool { return d.t().Before(o.t()) }
func (d cdate) after(o cdate) bool  { return d.t().After(o.t()) }
func (d cdate) mi() int             { return d.y*12 + d.m - 1 }

// minusMonths is DuckDB's `d - INTERVAL (n) MONTH`: the day clamps to the
// end of the target month.
func (d cdate) minusMonths(n int) cdate {
	mi := d.mi() - n
	y, m := mi/12, mi%12+1
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return cdate{y, m, min(d.d, last)}
}

// given is the normalized text of a value and whether it is given at all
// (not missing, null, "" or an empty marker).
func given(sc schema.Scalar) (string, bool) {
	if !sc.Given() {
		return "", false
	}
	s := schema.Normalize(sc.Raw)
	return s, !schema.IsEmptyMarker(s)
}

var (
	reMoney   = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?元?$`)
	reSepDate = regexp.MustCompile(`^(\d{4})([.\-/])(\d{1,2})([.\-/])(\d{1,2})$`)
	reCNDate  = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	reDigits8 = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reSepYM   = regexp.MustCompile(`^(\d{4})[.\-](\d{1,2})$`)
	reCNYM    = regexp.MustCompile(`^(\d{4})年(\d{1,2})月$`)
	reDigits6 = regexp.MustCompile(`^(\d{4})(\d{2})$`)
	reTime    = regexp.MustCompile(`^(.+?) (\d{1,2}):(\d{2})(:(\d{2}))?$`)
	reYear    = regexp.MustCompile(`^(\d{4})年?$`)
	reMonthNo = regexp.MustCompile(`^(\d{1,2})月?$`)
	rePercent = regexp.MustCompile(`^\d+(\.\d+)?%?$`)
)

func atoiT(s string) int { n, _ := strconv.Atoi(s); return n }

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// cMoney reads an amount in whole yuan (the generator writes no cents).
func cMoney(s string) (int64, bool) {
	if !reMoney.MatchString(s) {
		return 0, false
	}
	s = strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "元")
	if i := strings.Index(s, "."); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func cCount(s string) (int, bool) {
	n, ok := cMoney(s)
	if strings.Contains(s, ".") && !strings.HasSuffix(strings.TrimSuffix(s, "元"), ".00") {
		return 0, false
	}
	return int(n), ok
}

// cDate reads a date; a year-month is the first day of the month.
func cDate(s string) (cdate, bool) {
	var y, m, d int
	if g := reSepDate.FindStringSubmatch(s); g != nil && g[2] == g[4] {
		y, m, d = atoiT(g[1]), atoiT(g[3]), atoiT(g[5])
	} else if g := reCNDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoiT(g[1]), atoiT(g[2]), atoiT(g[3])
	} else if g := reDigits8.FindStringSubmatch(s); g != nil {
		y, m, d = atoiT(g[1]), atoiT(g[2]), atoiT(g[3])
	} else if g := reSepYM.FindStringSubmatch(s); g != nil {
		y, m, d = atoiT(g[1]), atoiT(g[2]), 1
	} else if g := reCNYM.FindStringSubmatch(s); g != nil {
		y, m, d = atoiT(g[1]), atoiT(g[2]), 1
	} else if g := reDigits6.FindStringSubmatch(s); g != nil {
		y, m, d = atoiT(g[1]), atoiT(g[2]), 1
	} else {
		return cdate{}, false
	}
	return cdate{y, m, d}, validDate(y, m, d)
}

func cTimestamp(s string) (cdate, bool) {
	if g := reTime.FindStringSubmatch(s); g != nil {
		h, mi := atoiT(g[2]), atoiT(g[3])
		if h > 23 || mi > 59 || (g[5] != "" && atoiT(g[5]) > 59) {
			return cdate{}, false
		}
		s = g[1]
	}
	return cDate(s)
}

// checkValue says why a given value of a kind cannot be read, "" if it can.
func checkValue(kind string, sc schema.Scalar) string {
	s, ok := given(sc)
	if kind == "" || kind == "text" || !ok {
		return ""
	}
	if sc.Kind == schema.Bool {
		return "boolean"
	}
	var good bool
	switch kind {
	case "money":
		_, good = cMoney(s)
	case "count":
		_, good = cCount(s)
	case "date", "month":
		_, good = cDate(s)
	case "timestamp":
		_, good = cTimestamp(s)
	case "year":
		good = reYear.MatchString(s)
	case "monthofyear":
		g := reMonthNo.FindStringSubmatch(s)
		good = g != nil && atoiT(g[1]) >= 1 && atoiT(g[1]) <= 12
	case "percent":
		good = rePercent.MatchString(s)
	default:
		return "unknown kind " + kind
	}
	if !good {
		return "not a " + kind
	}
	return ""
}

// walk visits every scalar of a decoded report with its path and kind tag,
// and every Meta.
func walk(v reflect.Value, path string, leaf func(path, kind string, sc schema.Scalar), meta func(path string, m *schema.Meta)) {
	switch v.Kind() {
	case reflect.Pointer:
		walk(v.Elem(), path, leaf, meta)
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), leaf, meta)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			fv := v.Field(i)
			if f.Type == reflect.TypeFor[schema.Meta]() {
				meta(path, fv.Addr().Interface().(*schema.Meta))
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			p := name
			if path != "" {
				p = path + "." + name
			}
			if f.Type == reflect.TypeFor[schema.Scalar]() {
				leaf(p, f.Tag.Get("kind"), fv.Interface().(schema.Scalar))
				continue
			}
			walk(fv, p, leaf, meta)
		}
	}
}
