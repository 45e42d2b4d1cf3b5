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

	"creditetl/schema"
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

// cellWriter turns column values into the values the StreamWriter takes,
// by the column's storage: the one cell writer of every workbook (a load's
// and an export's). Values that Excel cannot hold as their kind are
// written as text in the text style and counted, so the README sheet can
// say so.
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

// money is cents / 100. With at most 15 significant digits the float64
// quotient is the double nearest the decimal, whose shortest form (what
// excelize writes) is the decimal itself: exact. Longer ones are exact text.
func (w *cellWriter) money(cents int64) any {
	if cents < 1e15 && cents > -1e15 {
		return float64(cents) / 100
	}
	return w.asText(formatDecimal(cents, 2))
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

// Cell is the cell of a value of the given storage (nil: an empty cell).
func (w *cellWriter) Cell(s schema.Storage, v schema.Value) any {
	if !v.Valid {
		return nil
	}
	switch s {
	case schema.StorString:
		return w.clip(v.S)
	case schema.StorCents:
		return w.money(v.I)
	case schema.StorInt32, schema.StorInt64:
		return w.integer(v.I)
	case schema.StorFloat64:
		return v.Float()
	case schema.StorDays:
		return w.date(v.I)
	case schema.StorMicros:
		return w.timestamp(v.I)
	}
	return w.clip(v.S)
}

// getter reads a column of a record batch as cells of the column's storage.
// The array must be of the storage's Arrow type (Parquet files written by
// creditetl, or by DuckDB from the same types, are).
func (w *cellWriter) getter(s schema.Storage, col arrow.Array) (func(int) any, error) {
	if want := s.ArrowType(); !arrow.TypeEqual(col.DataType(), want) {
		if d, ok := col.(*array.Decimal128); ok && s == schema.StorCents && d.DataType().(*arrow.Decimal128Type).Scale == 2 {
			// DuckDB writes DECIMAL(18,2) as decimal(18,2) too; any
			// precision of scale 2 reads the same.
		} else {
			return nil, fmt.Errorf("column of %s, want %s", col.DataType(), want)
		}
	}
	return func(i int) any {
		if col.IsNull(i) {
			return nil
		}
		return w.Cell(s, schema.ValueAt(col, i))
	}, nil
}

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

// displayWidth approximates a text's width in Excel's character units
// (East Asian characters count two), counting no further than limit.
func displayWidth(s string, limit int) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
		if n >= limit {
			return n
		}
	}
	return n
}
