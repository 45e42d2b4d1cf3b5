package load

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"
)

// cellKind is how a DuckDB column is read from the spool and written to a
// cell.
type cellKind uint8

const (
	cellText      cellKind = iota // inline string, text format "@"
	cellInt                       // integer number, format "0"
	cellDecimal                   // exact decimal read as text, a number with #,##0.00
	cellFloat                     // DOUBLE, General format
	cellDate                      // date serial, yyyy-mm-dd
	cellTimestamp                 // date-time serial, yyyy-mm-dd hh:mm:ss
	cellBool                      // TRUE/FALSE
)

// Limits of what Excel holds exactly.
const (
	// xlsxMaxDigits: Excel keeps 15 significant digits of a number. A
	// decimal or integer with more is written as text so that no digit is
	// lost (money up to ±9,999,999,999,999.99 is a number).
	xlsxMaxDigits = 15
	// xlsxMaxChars is the most characters (UTF-16 units) a cell holds.
	xlsxMaxChars = 32767
	// excelEpochDays is the serial of 1970-01-01 in Excel's 1900 date
	// system; xlsxMinDays is 1900-03-01, the first day whose serial is
	// right (Excel counts a 29 February 1900). Earlier dates are text.
	excelEpochDays = 25569
	xlsxMinDays    = -25508
	microsPerDay   = 86_400_000_000
)

// kindOfDuckType maps a DuckDB column type (information_schema data_type) to
// a cell kind, and the SQL that reads the column for it: integers as BIGINT,
// decimals as their exact text, dates as days and timestamps as
// microseconds since 1970-01-01, anything else as VARCHAR.
func kindOfDuckType(col, typ string) (kind cellKind, scale int, expr string) {
	c := ident(col)
	t := strings.ToUpper(typ)
	switch {
	case t == "VARCHAR":
		return cellText, 0, c
	case t == "TINYINT" || t == "SMALLINT" || t == "INTEGER" || t == "BIGINT" || t == "UTINYINT" || t == "USMALLINT" || t == "UINTEGER":
		return cellInt, 0, "CAST(" + c + " AS BIGINT)"
	case t == "UBIGINT" || t == "HUGEINT" || t == "UHUGEINT":
		return cellDecimal, 0, "CAST(" + c + " AS VARCHAR)"
	case strings.HasPrefix(t, "DECIMAL("):
		var p, s int
		if _, err := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); err != nil {
			s = 2
		}
		return cellDecimal, s, "CAST(" + c + " AS VARCHAR)"
	case t == "DOUBLE" || t == "FLOAT" || t == "REAL":
		return cellFloat, 0, "CAST(" + c + " AS DOUBLE)"
	case t == "DATE":
		return cellDate, 0, "datediff('day', DATE '1970-01-01', " + c + ")"
	case strings.HasPrefix(t, "TIMESTAMP"):
		return cellTimestamp, 0, "epoch_us(" + c + ")"
	case t == "BOOLEAN":
		return cellBool, 0, c
	}
	return cellText, 0, "CAST(" + c + " AS VARCHAR)"
}

// cellWriter turns spool values into the values the StreamWriter takes.
// Values that Excel cannot hold as their kind are written as text in the
// text style and counted, so the README sheet can say so.
type cellWriter struct {
	textStyle int
	// textNumbers counts numbers and dates written as text; cut counts
	// texts longer than a cell holds.
	textNumbers, cut int64
}

// asText writes a number or date that Excel cannot hold as text.
func (w *cellWriter) asText(s string) excelize.Cell {
	w.textNumbers++
	return excelize.Cell{StyleID: w.textStyle, Value: s}
}

// integer is a number unless it has more digits than Excel keeps.
func (w *cellWriter) integer(n int64) any {
	if n >= 1e15 || n <= -1e15 {
		return w.asText(strconv.FormatInt(n, 10))
	}
	return n
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// decimal is unscaled / 10^scale. With at most 15 significant digits the
// float64 quotient is the double nearest the decimal, whose shortest form
// (what excelize writes) is the decimal itself: exact. Longer ones are
// exact text.
func (w *cellWriter) decimal(unscaled int64, scale int) any {
	if unscaled < 1e15 && unscaled > -1e15 && scale < len(pow10) {
		return float64(unscaled) / pow10[scale]
	}
	return w.asText(formatDecimal(unscaled, scale))
}

// decimalText is a decimal given as its exact text (DuckDB's).
func (w *cellWriter) decimalText(s string) (any, error) {
	if significantDigits(s) > xlsxMaxDigits {
		return w.asText(s), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("decimal cell %q: %w", s, err)
	}
	return f, nil
}

// date is a serial in Excel's 1900 date system, or text before 1900-03-01.
func (w *cellWriter) date(days int64) any {
	if days < xlsxMinDays {
		return w.asText(time.Unix(days*86400, 0).UTC().Format(time.DateOnly))
	}
	return days + excelEpochDays
}

// timestamp is a serial with the time of day as its fraction.
func (w *cellWriter) timestamp(us int64) any {
	if us < xlsxMinDays*microsPerDay {
		return w.asText(time.UnixMicro(us).UTC().Format("2006-01-02 15:04:05.999999"))
	}
	return float64(us)/microsPerDay + excelEpochDays
}

// value converts one value read by the expression of kindOfDuckType; nil is
// an empty cell.
func (w *cellWriter) value(k cellKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case cellText:
		if s, ok := v.(string); ok {
			return w.clip(s), nil
		}
	case cellInt:
		if n, ok := v.(int64); ok {
			return w.integer(n), nil
		}
	case cellDecimal:
		if s, ok := v.(string); ok {
			return w.decimalText(s)
		}
	case cellFloat:
		if f, ok := v.(float64); ok {
			return f, nil
		}
	case cellDate:
		if d, ok := v.(int64); ok {
			return w.date(d), nil
		}
	case cellTimestamp:
		if us, ok := v.(int64); ok {
			return w.timestamp(us), nil
		}
	case cellBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	}
	return nil, fmt.Errorf("a %s cell holds %T", kindNames[k], v)
}

var kindNames = [...]string{cellText: "text", cellInt: "integer", cellDecimal: "decimal", cellFloat: "double", cellDate: "date", cellTimestamp: "timestamp", cellBool: "boolean"}

// formatDecimal writes unscaled / 10^scale exactly.
func formatDecimal(unscaled int64, scale int) string {
	neg := unscaled < 0
	u := uint64(unscaled)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// arrowGetter reads a column of a record batch of the spool as cell values.
func (w *cellWriter) arrowGetter(col arrow.Array) (func(int) any, error) {
	switch a := col.(type) {
	case *array.String:
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			return w.clip(a.Value(i))
		}, nil
	case *array.Decimal128:
		scale := int(a.DataType().(*arrow.Decimal128Type).Scale)
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			v := a.Value(i)
			if !v.FitsInPrecision(18) {
				w.textNumbers++
				return excelize.Cell{StyleID: w.textStyle, Value: v.ToString(int32(scale))}
			}
			return w.decimal(int64(v.LowBits()), scale)
		}, nil
	case *array.Int32:
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			return w.integer(int64(a.Value(i)))
		}, nil
	case *array.Int64:
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			return w.integer(a.Value(i))
		}, nil
	case *array.Date32:
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			return w.date(int64(a.Value(i)))
		}, nil
	case *array.Timestamp:
		if u := a.DataType().(*arrow.TimestampType).Unit; u != arrow.Microsecond {
			return nil, fmt.Errorf("timestamp unit %s, want microseconds", u)
		}
		return func(i int) any {
			if a.IsNull(i) {
				return nil
			}
			return w.timestamp(int64(a.Value(i)))
		}, nil
	}
	return nil, fmt.Errorf("unexpected column type %s", col.DataType())
}

// clip cuts a text longer than a cell holds and says so in the cell.
func (w *cellWriter) clip(s string) string {
	if len(s) <= xlsxMaxChars/2 || utf16Len(s) <= xlsxMaxChars {
		return s
	}
	w.cut++
	total := utf8.RuneCountInString(s)
	mark := fmt.Sprintf(" …[cut by creditetl: %d characters in full; Excel holds %d]", total, xlsxMaxChars)
	room := xlsxMaxChars - utf16Len(mark)
	n := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if n+u > room {
			return s[:i] + mark
		}
		n += u
	}
	return s + mark
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// significantDigits counts the digits of a decimal text from the first
// non-zero one, trailing zeros of the fraction excluded.
func significantDigits(s string) int {
	s = strings.TrimLeft(s, "+-")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
		s = strings.Replace(s, ".", "", 1)
	}
	s = strings.TrimLeft(s, "0")
	return len(s)
}

// displayWidth approximates a text's width in Excel's character units:
// East Asian characters count two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
