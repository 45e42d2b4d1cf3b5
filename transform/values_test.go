package transform

import (
	"testing"
	"time"

	"creditetl/schema"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in    string
		cents int64
		prob  string
	}{
		{"0", 0, ""},
		{"166,000", 16600000, ""},
		{"1,234,567.89", 123456789, ""},
		{"10000", 1000000, ""},
		{"12.5", 1250, ""},
		{"12.345", 1235, ""}, // half away from zero
		{"12.344", 1234, ""},
		{"-12.345", -1235, ""}, // away from zero on the negative side too
		{"-0.005", -1, ""},
		{"0.004", 0, ""},
		{"+7", 700, ""},
		{"500元", 50000, ""},
		{"2,000.00元", 200000, ""},
		{".5", 50, ""},
		{"9999999999999999.99", 999999999999999999, ""},
		{"9999999999999999.995", 0, probOutOfRange},
		{"10000000000000000", 0, probOutOfRange},
		{"00000000000000000001", 100, ""},
		{"12a3", 0, probNotNumber},
		{"1,00", 0, probNotNumber},
		{"1,0000", 0, probNotNumber},
		{",100", 0, probNotNumber},
		{"1.2.3", 0, probNotNumber},
		{"", 0, probNotNumber},
		{"-", 0, probNotNumber},
		{"1e5", 0, probNotNumber},
		{"元", 0, probNotNumber},
	}
	for _, tt := range tests {
		got, prob := ParseMoney(tt.in)
		if got != tt.cents || prob != tt.prob {
			t.Errorf("ParseMoney(%q) = %d, %q; want %d, %q", tt.in, got, prob, tt.cents, tt.prob)
		}
	}
}

func TestParseCountPercentYearMonth(t *testing.T) {
	count := []struct {
		in   string
		n    int64
		prob string
	}{
		{"180", 180, ""}, {"1,200", 1200, ""}, {"3.00", 3, ""}, {"3.5", 0, probNotWhole},
		{"12a3", 0, probNotWhole}, {"-2", -2, ""}, {"3个", 0, probNotWhole}, {"99999999999", 0, probOutOfRange},
	}
	for _, tt := range count {
		if n, p := ParseCount(tt.in); n != tt.n || p != tt.prob {
			t.Errorf("ParseCount(%q) = %d, %q; want %d, %q", tt.in, n, p, tt.n, tt.prob)
		}
	}
	if n, p := ParsePercent("12%"); n != 1200 || p != "" {
		t.Errorf("ParsePercent(12%%) = %d %q", n, p)
	}
	if n, p := ParsePercent("7.5"); n != 750 || p != "" {
		t.Errorf("ParsePercent(7.5) = %d %q", n, p)
	}
	for in, want := range map[string]int64{"2015": 2015, "2015年": 2015, "2015 年": 2015} {
		if n, p := ParseYear(in); n != want || p != "" {
			t.Errorf("ParseYear(%q) = %d %q", in, n, p)
		}
	}
	for _, in := range []string{"15", "20155", "1850", "abcd"} {
		if _, p := ParseYear(in); p == "" {
			t.Errorf("ParseYear(%q) accepted", in)
		}
	}
	for in, want := range map[string]int64{"3": 3, "03": 3, "3月": 3, "12": 12, "12月": 12} {
		if n, p := ParseMonthOfYear(in); n != want || p != "" {
			t.Errorf("ParseMonthOfYear(%q) = %d %q", in, n, p)
		}
	}
	for _, in := range []string{"0", "13", "003", "三月", ""} {
		if _, p := ParseMonthOfYear(in); p == "" {
			t.Errorf("ParseMonthOfYear(%q) accepted", in)
		}
	}
}

func TestParseDate(t *testing.T) {
	d := func(y, m, dd int) int64 { return Days(y, m, dd) }
	tests := []struct {
		in       string
		days     int64
		dayGiven bool
		prob     string
	}{
		{"2015.05.05", d(2015, 5, 5), true, ""},
		{"2015-05-05", d(2015, 5, 5), true, ""},
		{"2015/5/5", d(2015, 5, 5), true, ""},
		{"2015年05月05日", d(2015, 5, 5), true, ""},
		{"2015年5月5日", d(2015, 5, 5), true, ""},
		{"2015 年 5 月 29 日", d(2015, 5, 29), true, ""},
		{"20150505", d(2015, 5, 5), true, ""},
		{"2015.5.5", d(2015, 5, 5), true, ""},
		{"2015.05", d(2015, 5, 1), false, ""},
		{"2015-05", d(2015, 5, 1), false, ""},
		{"2015年05月", d(2015, 5, 1), false, ""},
		{"201505", d(2015, 5, 1), false, ""},
		{"2016.02.29", d(2016, 2, 29), true, ""},
		{"1965.03.01", d(1965, 3, 1), true, ""},
		{"2015.02.29", 0, false, probBadDate},
		{"2015.13.40", 0, false, probBadDate},
		{"2015.00.10", 0, false, probBadDate},
		{"2015.05.00", 0, false, probBadDate},
		{"0215.05.05", 0, false, probBadYear},
		{"2015.05-05", 0, false, probNotDate},
		{"15.05.05", 0, false, probNotDate},
		{"2015", 0, false, probNotDate},
		{"2015.05.05.01", 0, false, probNotDate},
		{"报告时间", 0, false, probNotDate},
		{"2015年", 0, false, probNotDate},
		{"2015.005.05", 0, false, probNotDate},
	}
	for _, tt := range tests {
		days, given, prob := ParseDate(tt.in)
		if days != tt.days || given != tt.dayGiven || prob != tt.prob {
			t.Errorf("ParseDate(%q) = %d %v %q; want %d %v %q", tt.in, days, given, prob, tt.days, tt.dayGiven, tt.prob)
		}
	}
	if n, p := ParseMonth("2015.05.20"); n != d(2015, 5, 1) || p != "" {
		t.Errorf("ParseMonth(full date) = %d %q", n, p)
	}
	if n, p := ParseMonth("2011.08"); n != d(2011, 8, 1) || p != "" {
		t.Errorf("ParseMonth(2011.08) = %d %q", n, p)
	}
}

func TestParseTimestamp(t *testing.T) {
	us := func(y, m, d, hh, mm, ss int) int64 {
		return (Days(y, m, d)*86400 + int64(hh*3600+mm*60+ss)) * 1_000_000
	}
	tests := []struct {
		in   string
		want int64
		prob string
	}{
		{"2015.06.01 10:05:15", us(2015, 6, 1, 10, 5, 15), ""},
		{"2015.06.01", us(2015, 6, 1, 0, 0, 0), ""},
		{"2015-06-01T10:05", us(2015, 6, 1, 10, 5, 0), ""},
		{"2015年06月01日 10:05:15", us(2015, 6, 1, 10, 5, 15), ""},
		{"2015 年 6 月 1 日 9:05", us(2015, 6, 1, 9, 5, 0), ""},
		{"20150601 10:05:15", us(2015, 6, 1, 10, 5, 15), ""},
		{"2015.06.01 25:05:15", 0, probNotTime},
		{"2015.06.01 10:65", 0, probNotTime},
		{"2015.13.01", 0, probBadDate},
		{"报告时间", 0, probNotDate},
	}
	for _, tt := range tests {
		got, prob := ParseTimestamp(tt.in)
		if got != tt.want || prob != tt.prob {
			t.Errorf("ParseTimestamp(%q) = %d %q; want %d %q", tt.in, got, prob, tt.want, tt.prob)
		}
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		sc    schema.Scalar
		kind  schema.Kind
		want  schema.Value
		given bool
		prob  string
	}{
		{schema.Scalar{}, schema.Money, schema.NullValue, false, ""},
		{schema.Scalar{Kind: schema.Null}, schema.Money, schema.NullValue, false, ""},
		{schema.Str(""), schema.Money, schema.NullValue, false, ""},
		{schema.Str(" -- "), schema.Money, schema.NullValue, false, ""},
		{schema.Str("—"), schema.Date, schema.NullValue, false, ""},
		{schema.Str("/"), schema.Count, schema.NullValue, false, ""},
		{schema.Str("--"), schema.Text, schema.TextValue("--"), true, ""}, // text keeps --
		{schema.Str("  "), schema.Text, schema.NullValue, false, ""},
		{schema.Str("１６６，０００"), schema.Money, schema.IntValue(16600000), true, ""}, // full-width, NFKC
		{schema.Str("２０１５．０５．０５"), schema.Date, schema.IntValue(Days(2015, 5, 5)), true, ""},
		{schema.Str("ＡＢＣ　"), schema.Text, schema.TextValue("ABC"), true, ""},
		{schema.Num("166000.5"), schema.Money, schema.IntValue(16600050), true, ""},
		{schema.Num("20150505"), schema.Date, schema.IntValue(Days(2015, 5, 5)), true, ""},
		{schema.Num("13811117777"), schema.Text, schema.TextValue("13811117777"), true, ""},
		{schema.Str("12a3"), schema.Money, schema.NullValue, true, probNotNumber},
		{schema.Scalar{Raw: "true", Kind: schema.Bool}, schema.Money, schema.NullValue, true, probNotScalar},
	}
	for _, tt := range tests {
		v, given, prob := ParseValue(tt.sc, tt.kind)
		if v != tt.want || given != tt.given || prob != tt.prob {
			t.Errorf("ParseValue(%+v, %s) = %+v %v %q; want %+v %v %q", tt.sc, tt.kind, v, given, prob, tt.want, tt.given, tt.prob)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"166,000", "-12.345", "1,234.5元", "9999999999999999.99", "12a3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cents, prob := ParseMoney(s)
		if prob != "" {
			return
		}
		if cents > maxCents || cents < -maxCents {
			t.Fatalf("ParseMoney(%q) = %d out of DECIMAL(18,2)", s, cents)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015.05.05", "2015年5月", "20150505", "2015/5/5", "2015.13.40"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		days, _, prob := ParseDate(s)
		if prob != "" {
			return
		}
		d := DateOf(days)
		if d.Year() < 1900 || d.Year() > 2199 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

// normalize's fast path gives what schema.Normalize gives: every CJK Unified
// Ideograph is NFKC on its own and next to ASCII.
func TestNormalizeFastPath(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		s := " a" + string(r) + "1" + string(r) + "\t"
		if got, want := normalize(s), schema.Normalize(s); got != want {
			t.Fatalf("U+%04X: %q, schema.Normalize %q", r, got, want)
		}
	}
	for _, s := range []string{"", " ", "２０１５．０５", "中国（北京）", "ｶ", "\u3000中\u3000", "e\u0301", "\xff中", "中\u2028"} {
		if got, want := normalize(s), schema.Normalize(s); got != want {
			t.Errorf("%q: %q, schema.Normalize %q", s, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"中国 ", "２０１５", "a\u0301", "\u4e00\u0300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalize(s), schema.Normalize(s); got != want {
			t.Fatalf("%q: %q, schema.Normalize %q", s, got, want)
		}
	})
}

// ParseValue gives what the parsers it replaced gave (values_ref_test.go),
// for every kind, a string or a number.
func FuzzParseValueRef(f *testing.F) {
	for _, s := range []string{"166,000", "-12.345", "1,234.5元", "0,001", "1,,2", ",", "1,", "12345678901234567", "9999999999999999.995",
		"2015.05.05", "2015年5月", "2015年05月05日", "20150505", "201505", "2015/5/5", "2015.5.5.5", "2015-05/05", "2015.13.40",
		"2015.06.01 10:05:15", "2015.06.0110:05", "2015年06月01日10:05", "2015.06.01 1:2:3:4", "12%", "2015年", "3月", "１２"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, number bool) {
		sc := schema.Str(s)
		if number {
			sc = schema.Num(s)
		}
		for k := schema.Text; k <= schema.MonthOfYear; k++ {
			v, given, prob := ParseValue(sc, k)
			rv, rgiven, rprob := refParseValue(sc, k)
			if v != rv || given != rgiven || prob != rprob {
				t.Fatalf("ParseValue(%q, %v) = %v %v %q, reference %v %v %q", s, k, v, given, prob, rv, rgiven, rprob)
			}
		}
	})
}

// Days' arithmetic path agrees with package time (within the ±292 years a
// time.Duration holds).
func TestDaysCivil(t *testing.T) {
	for y := 1700; y <= 2250; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, 15, 28} {
				want := int64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(epoch) / (24 * time.Hour))
				if got := civilDays(y, m, d); got != want {
					t.Fatalf("%d-%d-%d: %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}
