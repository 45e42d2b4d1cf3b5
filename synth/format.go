package synth

import (
	"fmt"
	"strconv"
	"strings"

	"creditetl/schema"
)

// fmtr writes typed values as OCR text. Most values take the plain form of
// the printed report (2015.05.05, 166000, 2015.05); a per-report share of them
// (rate per mille) takes one of the other forms CONTRACT section 3 promises to
// parse. Its random stream is separate from the content's, so the choice of a
// form never changes what the report says.
type fmtr struct {
	r    rnd
	rate int
}

func (f *fmtr) odd() bool { return f.r.n(1000) < f.rate }

// rare is true for a small share of the odd values (full-width digits, spaces).
func (f *fmtr) rare() bool { return f.r.n(1000) < f.rate/8 }

func (f *fmtr) text(s string) schema.Scalar { return schema.Str(s) }

// dash is an empty marker: the value is unknown or not applicable.
func (f *fmtr) dash() schema.Scalar {
	if f.odd() && f.r.n(4) == 0 {
		return schema.Str("-")
	}
	return schema.Str("--")
}

// fullWidth turns ASCII digits and punctuation into their full-width forms
// (U+FF01..U+FF5E); NFKC turns them back.
func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c > ' ' && c < 0x7f {
			b.WriteRune(c - 0x21 + 0xFF01)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// finish applies the rare whole-value defects OCR produces that NFKC and trim
// undo: full-width characters, surrounding spaces.
func (f *fmtr) finish(s string) schema.Scalar {
	if f.rare() {
		if f.r.n(2) == 0 {
			s = fullWidth(s)
		} else {
			s = " " + s + " "
		}
	}
	return schema.Str(s)
}

func (f *fmtr) date(d date) schema.Scalar {
	if d.IsZero() {
		return f.dash()
	}
	if !f.odd() {
		return schema.Str(fmt.Sprintf("%04d.%02d.%02d", d.Y, d.M, d.D))
	}
	var s string
	switch f.r.n(10) {
	case 0:
		s = fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
	case 1:
		s = fmt.Sprintf("%d/%d/%d", d.Y, d.M, d.D)
	case 2:
		s = fmt.Sprintf("%04d年%02d月%02d日", d.Y, d.M, d.D)
	case 3:
		s = fmt.Sprintf("%04d%02d%02d", d.Y, d.M, d.D)
	case 4:
		s = fmt.Sprintf("%d.%d.%d", d.Y, d.M, d.D)
	case 5:
		s = fmt.Sprintf("%d-%d-%d", d.Y, d.M, d.D)
	case 6:
		s = fmt.Sprintf("%d年%d月%d日", d.Y, d.M, d.D)
	case 7:
		s = fmt.Sprintf("%04d/%02d/%02d", d.Y, d.M, d.D)
	case 8:
		return schema.Num(fmt.Sprintf("%04d%02d%02d", d.Y, d.M, d.D))
	default:
		s = fmt.Sprintf("%04d.%02d.%02d", d.Y, d.M, d.D)
	}
	return f.finish(s)
}

// month writes a year-month field (首笔发放月份, 转出月份, 缴至月份 …).
func (f *fmtr) month(mi int) schema.Scalar {
	y, m := fromMI(mi)
	if !f.odd() {
		return schema.Str(fmt.Sprintf("%04d.%02d", y, m))
	}
	var s string
	switch f.r.n(7) {
	case 0:
		s = fmt.Sprintf("%04d年%02d月", y, m)
	case 1:
		s = fmt.Sprintf("%04d%02d", y, m)
	case 2:
		s = fmt.Sprintf("%04d-%02d", y, m)
	case 3:
		s = fmt.Sprintf("%d.%d", y, m)
	case 4:
		s = fmt.Sprintf("%d年%d月", y, m)
	case 5:
		return schema.Num(fmt.Sprintf("%04d%02d", y, m))
	default:
		s = fmt.Sprintf("%04d.%02d", y, m)
	}
	return f.finish(s)
}

// timestamp writes reportTime.
func (f *fmtr) timestamp(d date, h, mi, s int) schema.Scalar {
	if !f.odd() {
		return schema.Str(fmt.Sprintf("%04d.%02d.%02d %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s))
	}
	var out string
	switch f.r.n(6) {
	case 0:
		out = fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s)
	case 1:
		out = fmt.Sprintf("%04d年%02d月%02d日 %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s)
	case 2:
		out = fmt.Sprintf("%d/%d/%d %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s)
	case 3:
		out = fmt.Sprintf("%04d.%02d.%02d %02d:%02d", d.Y, d.M, d.D, h, mi)
	case 4:
		out = fmt.Sprintf("%04d%02d%02d %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s)
	default:
		out = fmt.Sprintf("%04d.%02d.%02d %02d:%02d:%02d", d.Y, d.M, d.D, h, mi, s)
	}
	return f.finish(out)
}

// group writes n with "," thousands separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// money writes a whole-yuan amount (the report rounds every amount to yuan).
func (f *fmtr) money(n int64) schema.Scalar {
	if !f.odd() {
		return schema.Str(strconv.FormatInt(n, 10))
	}
	var s string
	switch f.r.n(7) {
	case 0, 1:
		s = group(n)
	case 2:
		s = strconv.FormatInt(n, 10) + "元"
	case 3:
		s = group(n) + "元"
	case 4:
		return schema.Int(n)
	case 5:
		s = strconv.FormatInt(n, 10) + ".00"
	default:
		s = group(n) + ".00"
	}
	return f.finish(s)
}

// count writes a whole number (账户数, 期数, 月数 …).
func (f *fmtr) count(n int) schema.Scalar {
	if !f.odd() {
		return schema.Str(strconv.Itoa(n))
	}
	if f.r.n(2) == 0 {
		return schema.Int(int64(n))
	}
	return f.finish(strconv.Itoa(n))
}

// percent writes a contribution rate as printed: "12%".
func (f *fmtr) percent(n int) schema.Scalar {
	if !f.odd() {
		return schema.Str(strconv.Itoa(n) + "%")
	}
	switch f.r.n(3) {
	case 0:
		return schema.Str(strconv.Itoa(n))
	case 1:
		return schema.Str(strconv.Itoa(n) + ".00%")
	}
	return f.finish(strconv.Itoa(n) + "%")
}

// year writes a calendar year (进入本单位年份).
func (f *fmtr) year(y int) schema.Scalar {
	if !f.odd() {
		return schema.Str(strconv.Itoa(y))
	}
	if f.r.n(2) == 0 {
		return schema.Str(strconv.Itoa(y) + "年")
	}
	return schema.Int(int64(y))
}
