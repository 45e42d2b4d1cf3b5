package load

import (
	"archive/zip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"creditetl/internal/progress"
	"creditetl/schema"
)

// writeXLSX runs the batches through a workbook sink and opens the result.
func writeXLSX(t *testing.T, path string, o Options, sheetRows int, batches ...schema.Batch) *excelize.File {
	t.Helper()
	s, err := OpenXLSX(context.Background(), path, "L1", o)
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }
	if sheetRows > 0 {
		s.sheetRows = sheetRows
	}
	runSink(t, s, batches)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowsCache memoizes GetRows per sheet of an opened workbook.
var (
	rowsMu    sync.Mutex
	rowsCache = map[*excelize.File]map[string][][]string{}
)

func cachedRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rowsMu.Lock()
	defer rowsMu.Unlock()
	if rowsCache[f] == nil {
		rowsCache[f] = map[string][][]string{}
		t.Cleanup(func() {
			rowsMu.Lock()
			delete(rowsCache, f)
			rowsMu.Unlock()
		})
	}
	if r, ok := rowsCache[f][sheet]; ok {
		return r
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	rowsCache[f][sheet] = rows
	return rows
}

// findRow returns the 1-based row of a sheet whose column col is key.
func findRow(t *testing.T, f *excelize.File, sheet, col, key string) int {
	t.Helper()
	rows := cachedRows(t, f, sheet)
	hdr := slices.Index(rows[0], col)
	if hdr < 0 {
		t.Fatalf("sheet %s has no column %s: %q", sheet, col, rows[0])
	}
	for i, r := range rows {
		if len(r) > hdr && r[hdr] == key {
			return i + 1
		}
	}
	t.Fatalf("sheet %s: no row with %s = %s", sheet, col, key)
	return 0
}

// cellAt is the cell reference of a column (by header) in a row.
func cellAt(t *testing.T, f *excelize.File, sheet, col string, row int) string {
	t.Helper()
	rows := cachedRows(t, f, sheet)
	i := slices.Index(rows[0], col)
	if i < 0 {
		t.Fatalf("sheet %s has no column %s", sheet, col)
	}
	ref, _ := excelize.CoordinatesToCellName(i+1, row)
	return ref
}

func styleOf(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// sheetXMLs reads the XML of every sheet from the archive, by sheet name
// (sheets are numbered in the order the workbook lists them).
func sheetXMLs(t *testing.T, path string, f *excelize.File) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	byPath := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		byPath[zf.Name] = string(b)
	}
	out := map[string]string{}
	for i, name := range f.GetSheetList() {
		out[name] = byPath["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"]
	}
	return out
}

func TestXLSXWorkbook(t *testing.T) {
	t.Parallel()
	batches := conformanceFixture(t)
	long := strings.Repeat("长", 40000)
	batches = append(batches, rowBatch(t, "unknown_fields", map[string]schema.Value{
		"report_id": text("EDGE"), "load_id": text("L1"), "table_name": text("reports"), "source_path": text("x.y"), "json_value": text(long)}))
	defer func() {
		for _, b := range batches {
			b.Record.Release()
		}
	}()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f := writeXLSX(t, path, Options{}, 0, batches...)

	// Sheets: README, dictionary, the tables with rows in schema order,
	// then (features,) rejects, failures. Tables without rows have none.
	counts := rowsOf(batches)
	var want, empty []string
	want = append(want, SheetReadme, SheetDictionary)
	for _, tb := range schema.Tables() {
		switch {
		case len(counts[tb.Name]) == 0:
			empty = append(empty, tb.Name)
		case tb.Name != "rejects" && tb.Name != "load_failures":
			want = append(want, tb.Name)
		}
	}
	got := f.GetSheetList()
	if slices.Contains(got, SheetFeatures) {
		want = append(want, SheetFeatures)
	}
	want = append(want, SheetRejects, SheetFailures)
	if !slices.Equal(got, want) {
		t.Errorf("sheets\n got %q\nwant %q", got, want)
	}

	// Every data sheet: header of column names in bold, frozen, filtered;
	// printed landscape, one page wide, the header row on every page.
	xmls := sheetXMLs(t, path, f)
	titles := printTitles(t, path)
	for _, tb := range schema.Tables() {
		if len(counts[tb.Name]) == 0 {
			continue
		}
		sheet := xlsxSheetOf(tb.Name)
		checkPrintSetup(t, sheet, xmls[sheet], "0")
		if titles[sheet] != "'"+sheet+"'!$1:$1" {
			t.Errorf("%s: print titles %q", sheet, titles[sheet])
		}
		rows := cachedRows(t, f, sheet)
		for i, c := range tb.Columns {
			if rows[0][i] != c.Name {
				t.Errorf("%s header %d = %q, want %q", sheet, i, rows[0][i], c.Name)
			}
		}
		if st := styleOf(t, f, sheet, "A1"); st.Font == nil || !st.Font.Bold {
			t.Errorf("%s: header not bold", sheet)
		}
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v %v", sheet, p, err)
		}
		last, _ := excelize.ColumnNumberToName(len(tb.Columns))
		re := regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?` + last + `\$?(\d+)"`)
		m := re.FindStringSubmatch(xmls[sheet])
		if m == nil || m[1] != strconv.Itoa(len(rows)) {
			t.Errorf("%s: autofilter %q, want A1:%s%d", sheet, m, last, len(rows))
		}
		if dim := `<dimension ref="A1:` + last + strconv.Itoa(len(rows)) + `"`; !strings.Contains(xmls[sheet], dim) {
			t.Errorf("%s: no %s", sheet, dim)
		}
	}

	edge := findRow(t, f, "accounts", "account_id", "EDGE:D1:1")
	check := func(sheet, col string, row int, raw, shown string, typ excelize.CellType, fmt func(*excelize.Style) bool) {
		t.Helper()
		ref := cellAt(t, f, sheet, col, row)
		r, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		s, _ := f.GetCellValue(sheet, ref)
		ct, _ := f.GetCellType(sheet, ref)
		if (raw != "" && r != raw) || (shown != "" && s != shown) || ct != typ {
			t.Errorf("%s.%s %s: raw %q shown %q type %v, want %q %q %v", sheet, col, ref, r, s, ct, raw, shown, typ)
		}
		if fmt != nil && !fmt(styleOf(t, f, sheet, ref)) {
			t.Errorf("%s.%s %s: style %+v", sheet, col, ref, styleOf(t, f, sheet, ref))
		}
		if fo, _ := f.GetCellFormula(sheet, ref); fo != "" {
			t.Errorf("%s.%s: formula %q", sheet, col, fo)
		}
	}
	money := func(s *excelize.Style) bool { return s.NumFmt == 4 }
	isText := func(s *excelize.Style) bool { return s.NumFmt == 49 }
	date := func(s *excelize.Style) bool { return s.CustomNumFmt != nil && *s.CustomNumFmt == "yyyy-mm-dd" }
	stamp := func(s *excelize.Style) bool { return s.CustomNumFmt != nil && *s.CustomNumFmt == "yyyy-mm-dd hh:mm:ss" }
	// Money: a number, exact, #,##0.00; beyond 15 digits exact text.
	check("accounts", "used_amount", edge, "9999999999999.99", "9,999,999,999,999.99", excelize.CellTypeUnset, money)
	check("accounts", "loan_amount", edge, "-123.45", "-123.45", excelize.CellTypeUnset, money)
	check("accounts", "credit_limit", edge, "0.01", "0.01", excelize.CellTypeUnset, money)
	check("accounts", "balance", edge, "9999999999999999.99", "", excelize.CellTypeInlineString, isText)
	check("accounts", "overdue_amount", edge, "-9999999999999999.99", "", excelize.CellTypeInlineString, isText)
	// Dates are dates; long digit strings stay text; no formula.
	check("accounts", "open_date", edge, "23803", "1965-03-02", excelize.CellTypeUnset, date)
	check("accounts", "account_number", edge, edgeAccount22, edgeAccount22, excelize.CellTypeInlineString, isText)
	check("accounts", "institution", edge, "=SUM(A1:A2)", "=SUM(A1:A2)", excelize.CellTypeInlineString, isText)
	check("accounts", "overdue_periods", edge, "2147483647", "", excelize.CellTypeUnset, nil)
	rep := findRow(t, f, "reports", "report_id", "EDGE")
	check("reports", "id_number", rep, edgeID18, edgeID18, excelize.CellTypeInlineString, isText)
	check("reports", "report_time", rep, "", "2015-06-01 10:05:15", excelize.CellTypeUnset, stamp)
	check("reports", "report_date", rep, "42156", "2015-06-01", excelize.CellTypeUnset, date)
	check("reports", "birth_date", rep, "1899-11-29", "", excelize.CellTypeInlineString, isText)
	ph := findRow(t, f, "phones", "phone", "01012345678")
	check("phones", "phone", ph, "01012345678", "", excelize.CellTypeInlineString, isText)

	// A text longer than a cell holds is cut, with a note.
	uf := cellAt(t, f, "unknown_fields", "json_value", 2)
	v, _ := f.GetCellValue("unknown_fields", uf)
	if !strings.HasPrefix(v, "长长长") || !strings.Contains(v, "cut by creditetl: 40000 characters in full") || utf16Len(v) > xlsxMaxChars {
		t.Errorf("long text: %d units, ends %q", utf16Len(v), v[max(0, len(v)-80):])
	}

	// README: the run, the counts, the sheets, the tables without rows,
	// the inputs with SHA-256; it prints on one page.
	readme, _ := f.GetRows(SheetReadme)
	if dim := `<dimension ref="A1:F` + strconv.Itoa(len(readme)) + `"`; !strings.Contains(xmls[SheetReadme], dim) {
		t.Errorf("README: no %s", dim)
	}
	checkPrintSetup(t, SheetReadme, xmls[SheetReadme], "1")
	checkPrintSetup(t, SheetDictionary, xmls[SheetDictionary], "0")
	listed := map[string]bool{}
	for _, r := range readme {
		if len(r) >= 6 && r[0] == "—" && r[2] == "0" && r[5] == "no rows: no sheet" {
			listed[r[1]] = true
		}
	}
	for _, e := range empty {
		if !listed[e] {
			t.Errorf("README does not list the empty table %s", e)
		}
	}
	flat := map[string]string{}
	for _, r := range readme {
		if len(r) >= 2 {
			flat[r[0]] = r[1]
		}
	}
	if len(empty) > 0 && (!strings.Contains(flat["tables without rows"], empty[0]) || !strings.Contains(flat["tables without rows"], "--all-sheets")) ||
		len(empty) == 0 && flat["tables without rows"] != "none" {
		t.Errorf("README tables without rows: %q (empty: %q)", flat["tables without rows"], empty)
	}
	for k, v := range map[string]string{
		"load_id": "L1", "tool version": "test", "rejected values (sheet rejects)": strconv.Itoa(len(rowsOf(batches)["rejects"])),
		"failed inputs (sheet failures)": "1", "inputs as given": "testdata/synth", "workbook written (UTC)": "2025-01-02 03:04:05",
	} {
		if strings.TrimSpace(flat[k]) != v {
			t.Errorf("README %s = %q, want %q", k, flat[k], v)
		}
	}
	// At least: two amounts, a date and a timestamp before 1900, a counter
	// of 19 digits (the features sheet may add its own).
	if n, _ := strconv.Atoi(strings.Fields(flat["numbers written as text"] + " x")[0]); n < 5 || !strings.HasPrefix(flat["texts cut"], "1 ") {
		t.Errorf("README counts: %q %q", flat["numbers written as text"], flat["texts cut"])
	}
	var sawSHA, sawAccounts bool
	for _, r := range readme {
		if len(r) >= 4 && r[1] == "EDGE" && r[3] == strings.Repeat("ab", 32) && r[0] == "扫描/报告 1.pdf" {
			sawSHA = true
		}
		if len(r) >= 3 && r[0] == "accounts" && r[1] == "accounts" && r[2] == strconv.Itoa(len(rowsOf(batches)["accounts"])) {
			sawAccounts = true
		}
	}
	if !sawSHA || !sawAccounts {
		t.Errorf("README misses the inputs (%v) or the rows per sheet (%v)", sawSHA, sawAccounts)
	}

	// dictionary: type, label and source path of every column.
	dict, _ := f.GetRows(SheetDictionary)
	var found bool
	n := 0
	for _, r := range dict[1:] {
		if r[1] != SheetFeatures {
			n++
		}
		if r[1] == "accounts" && r[3] == "balance" {
			found = r[4] == "DECIMAL(18,2)" && r[5] != "" && strings.Contains(r[6], "surplusAmount")
		}
	}
	total := 0
	for _, tb := range schema.Tables() {
		total += len(tb.Columns)
	}
	if !found || n != total {
		t.Errorf("dictionary: balance row ok %v, %d rows of %d columns", found, n, total)
	}
	for _, r := range dict[1:] {
		if slices.Contains(empty, r[1]) && r[0] != "(no rows: no sheet)" {
			t.Errorf("dictionary row of an empty table: %q", r)
		}
	}
	if w, _ := f.GetColWidth("accounts", "A"); w < 12 {
		t.Errorf("accounts column A width %v", w)
	}
}

// --headers zh: Chinese labels, a label used twice with its column name;
// the sheets are named in Chinese, the README and the dictionary are in
// Chinese.
func TestXLSXChineseHeaders(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "zh.xlsx")
	f := writeXLSX(t, path, Options{HeadersZH: true}, 0,
		rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}),
		rowBatch(t, "accounts", map[string]schema.Value{"report_id": text("R"), "account_id": text("R:D1:1"), "load_id": text("L1")}))
	if got, want := f.GetSheetList(), []string{SheetReadmeZH, SheetDictionaryZH, "报告", "信贷账户"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	rows, _ := f.GetRows("报告")
	tb := schema.TableByName("reports")
	seen := map[string]bool{}
	for i, c := range tb.Columns {
		h := rows[0][i]
		if !strings.HasPrefix(h, c.Label) || seen[h] {
			t.Errorf("header %d %q (label %q) missing or repeated", i, h, c.Label)
		}
		seen[h] = true
	}
	if rows[0][0] != "报告标识" {
		t.Errorf("first header %q", rows[0][0])
	}
	if acc, _ := f.GetRows("信贷账户"); !slices.Contains(acc[0], "开立日期（C1：债权接收日期）") {
		t.Errorf("accounts headers %q", acc[0])
	}
	dict, _ := f.GetRows(SheetDictionaryZH)
	if dict[0][0] != "工作表" || dict[0][3] != "列名" || dict[1][0] != "报告" || dict[1][3] != "report_id" {
		t.Errorf("dictionary: %q %q", dict[0], dict[1])
	}
	var emptyRow []string
	for _, r := range dict {
		if r[1] == "phones" {
			emptyRow = r
			break
		}
	}
	if len(emptyRow) == 0 || emptyRow[0] != "（无数据，无工作表）" {
		t.Errorf("dictionary row of an empty table: %q", emptyRow)
	}
	readme, _ := f.GetRows(SheetReadmeZH)
	flat := map[string]string{}
	for _, r := range readme {
		if len(r) >= 2 {
			flat[r[0]] = r[1]
		} else if len(r) == 1 {
			flat[r[0]] = ""
		}
	}
	if _, ok := flat["工具版本"]; !ok || !strings.HasPrefix(readme[0][0], "creditetl 工作簿") || flat["已加载报告数"] == "" || flat["无法解析的值"] != "0" ||
		!strings.Contains(flat["无数据的表"], "phones、") || !strings.Contains(flat["列标题"], "数据字典") {
		t.Errorf("README in Chinese: %q", readme)
	}
	var sawSheets bool
	for _, r := range readme {
		if len(r) >= 5 && r[0] == "信贷账户" && r[1] == "accounts" && r[2] == "1" && r[4] == "信贷账户" {
			sawSheets = true
		}
	}
	if !sawSheets {
		t.Errorf("README lists no sheet 信贷账户")
	}
	// The conformance reader finds every table: a sheet, or listed empty.
	if got := readXLSXTables(t, path, true); len(got["reports"]) != 1 || len(got["accounts"]) != 1 || len(got["phones"]) != 0 {
		t.Errorf("tables read back: %d reports, %d accounts", len(got["reports"]), len(got["accounts"]))
	}
	xmls := sheetXMLs(t, path, f)
	checkPrintSetup(t, "信贷账户", xmls["信贷账户"], "0")
	checkPrintSetup(t, SheetReadmeZH, xmls[SheetReadmeZH], "1")
	if titles := printTitles(t, path); titles["信贷账户"] != "'信贷账户'!$1:$1" {
		t.Errorf("print titles %q", titles)
	}
}

// --all-sheets: every table has a sheet, an empty one its header.
func TestXLSXAllSheets(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "all.xlsx")
	o := Options{}
	if err := FlagAllSheets.Set(&o, "true"); err != nil {
		t.Fatal(err)
	}
	f := writeXLSX(t, path, o, 0, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}))
	list := f.GetSheetList()
	for _, tb := range schema.Tables() {
		sheet := xlsxSheetOf(tb.Name)
		if !slices.Contains(list, sheet) {
			t.Errorf("no sheet %s", sheet)
			continue
		}
		if rows, _ := f.GetRows(sheet); len(rows) == 0 || rows[0][0] != tb.Columns[0].Name {
			t.Errorf("sheet %s: no header", sheet)
		}
	}
	readme, _ := f.GetRows(SheetReadme)
	for _, r := range readme {
		if len(r) >= 2 && r[0] == "tables without rows" && r[1] != "none" {
			t.Errorf("README: %q", r)
		}
	}
}

// checkPrintSetup checks a sheet's XML prints landscape, fitted to one page
// wide and fitToHeight pages tall (0: as many as needed).
func checkPrintSetup(t *testing.T, sheet, xml, fitToHeight string) {
	t.Helper()
	ps := regexp.MustCompile(`<pageSetup[^>]*>`).FindString(xml)
	if !strings.Contains(xml, `<pageSetUpPr fitToPage="true"`) && !strings.Contains(xml, `<pageSetUpPr fitToPage="1"`) ||
		!strings.Contains(ps, `orientation="landscape"`) || !strings.Contains(ps, `fitToWidth="1"`) || !strings.Contains(ps, `fitToHeight="`+fitToHeight+`"`) {
		t.Errorf("%s: print setup %q (sheetPr %q)", sheet, ps, regexp.MustCompile(`<sheetPr.*?</sheetPr>`).FindString(xml))
	}
}

// printTitles reads the rows printed on every page of each sheet (the
// workbook's _xlnm.Print_Titles names).
func printTitles(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			out[dn.Scope] = dn.RefersTo
		}
	}
	return out
}

// A table longer than a sheet continues on name_2, name_3 …, each part with
// the header; the README says so.
func TestXLSXSplitsSheets(t *testing.T) {
	t.Parallel()
	var rows []map[string]schema.Value
	for i := 1; i <= 7; i++ {
		rows = append(rows, map[string]schema.Value{"report_id": text("R"), "account_id": text("R:D1:1"), "load_id": text("L1"),
			"period": num(int64(19000 + i*31)), "month_seq": num(int64(i))})
	}
	path := filepath.Join(t.TempDir(), "split.xlsx")
	f := writeXLSX(t, path, Options{}, 3, rowBatch(t, "repayments", rows...))
	for sheet, want := range map[string][]string{"repayments": {"1", "2", "3"}, "repayments_2": {"4", "5", "6"}, "repayments_3": {"7"}} {
		got, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		if got[0][0] != "report_id" {
			t.Errorf("%s: no header", sheet)
		}
		i := slices.Index(got[0], "month_seq")
		var seqs []string
		for _, r := range got[1:] {
			seqs = append(seqs, r[i])
		}
		if !slices.Equal(seqs, want) {
			t.Errorf("%s: month_seq %q, want %q", sheet, seqs, want)
		}
	}
	if slices.Contains(f.GetSheetList(), "repayments_4") {
		t.Errorf("an empty continuation sheet")
	}
	readme, _ := f.GetRows(SheetReadme)
	var said bool
	for _, r := range readme {
		if len(r) >= 6 && r[0] == "repayments" && r[5] == "continues on repayments_2, repayments_3" {
			said = true
		}
	}
	if !said {
		t.Errorf("README does not say repayments continues")
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{"readme": true}
	long := strings.Repeat("x", 40)
	for _, tc := range []struct {
		base string
		part int
		want string
	}{
		{"accounts", 1, "accounts"},
		{"accounts", 2, "accounts_2"},
		{"README", 1, "README_2"},
		{long, 1, strings.Repeat("x", 31)},
		{long, 2, strings.Repeat("x", 29) + "_2"},
		{long, 1, strings.Repeat("x", 29) + "_3"},
		{"a/b:c", 1, "a_b_c"},
	} {
		if got := sheetName(tc.base, tc.part, used); got != tc.want {
			t.Errorf("sheetName(%q, %d) = %q, want %q", tc.base, tc.part, got, tc.want)
		}
	}
}

func TestXLSXCellValues(t *testing.T) {
	w := &cellWriter{textStyle: 9}
	for _, tc := range []struct {
		st   schema.Storage
		in   schema.Value
		want any
	}{
		{schema.StorCents, num(12345), 123.45},
		{schema.StorCents, num(-1), -0.01},
		{schema.StorCents, num(999_999_999_999_999), 9999999999999.99},
		{schema.StorCents, num(1_000_000_000_000_000), excelize.Cell{StyleID: 9, Value: "10000000000000.00"}},
		{schema.StorInt64, num(999_999_999_999_999), int64(999_999_999_999_999)},
		{schema.StorInt64, num(1_000_000_000_000_000), excelize.Cell{StyleID: 9, Value: "1000000000000000"}},
		{schema.StorInt32, num(-7), int64(-7)},
		{schema.StorDays, num(0), int64(25569)},
		{schema.StorDays, num(xlsxMinDays), int64(61)},
		{schema.StorDays, num(xlsxMinDays - 1), excelize.Cell{StyleID: 9, Value: "1900-02-28"}},
		{schema.StorMicros, num(microsPerDay / 2), 25569.5},
		{schema.StorString, text("0123"), "0123"},
		{schema.StorFloat64, schema.FloatValue(0.25), 0.25},
		{schema.StorString, schema.NullValue, nil},
	} {
		if got := w.Cell(tc.st, tc.in); got != tc.want {
			t.Errorf("Cell(%d, %+v) = %#v; want %#v", tc.st, tc.in, got, tc.want)
		}
	}
}

// The features sheet comes after the tables and before rejects; its cells
// are typed by the features table's storage (money exact, counts as
// integers, ratios as numbers, dates as dates), its headers and dictionary
// rows come from the table's labels and comments.
func TestXLSXFeaturesSheet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "f.xlsx")
	ft, err := schema.NewTable("features", "风险特征", "features", true, []schema.Column{
		{Name: "report_id", Storage: schema.StorString, Label: "报告标识"},
		{Name: "q_loan_1m", Storage: schema.StorInt64, Label: "近1个月贷款审批查询次数", Comment: "loan approval queries in W_1"},
		{Name: "card_utilization", Storage: schema.StorFloat64, Label: "贷记卡使用率"},
		{Name: "open_loan_balance", Storage: schema.StorCents, Label: "未结清贷款余额"},
		{Name: "as_of", Storage: schema.StorDays, Label: "日期"},
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenXLSX(context.Background(), path, "L1", Options{HeadersZH: true, Features: tableEngine{ft, []schema.Value{
		text("R"), num(3), schema.FloatValue(0.5), num(123456), num(16587)}}})
	if err != nil {
		t.Fatal(err)
	}
	runSink(t, s, []schema.Batch{rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list := f.GetSheetList()
	i := slices.Index(list, "风险特征")
	if i < 0 || list[i-1] != "报告" || i != len(list)-1 {
		t.Fatalf("features sheet at %d of %q", i, list)
	}
	rows, _ := f.GetRows("风险特征", excelize.Options{RawCellValue: true})
	if rows[0][1] != "近1个月贷款审批查询次数" || rows[0][2] != "贷记卡使用率" {
		t.Errorf("features headers %q", rows[0])
	}
	want := []string{"R", "3", "0.5", "1234.56", "42156"}
	if !slices.Equal(rows[1], want) {
		t.Errorf("features row %q, want %q", rows[1], want)
	}
	if st := styleOf(t, f, "风险特征", "D2"); st.NumFmt != 4 {
		t.Errorf("money style %+v", st)
	}
	dict, _ := f.GetRows(SheetDictionaryZH)
	var row []string
	for _, r := range dict {
		if len(r) > 3 && r[1] == "features" && r[3] == "q_loan_1m" {
			row = r
		}
	}
	if len(row) < 8 || row[0] != "风险特征" || row[4] != "BIGINT" || row[5] != "近1个月贷款审批查询次数" || row[7] != "loan approval queries in W_1" {
		t.Errorf("dictionary row of a feature: %q", row)
	}
}

// tableEngine writes one fixed row as the features.
type tableEngine struct {
	t   *schema.Table
	row []schema.Value
}

func (e tableEngine) Table() *schema.Table { return e.t }
func (e tableEngine) ComputeParquet(ctx context.Context, dir, out, tmpDir string) (int64, error) {
	bb := schema.NewBatchBuilder(e.t, nil)
	defer bb.Release()
	bb.Append(e.row)
	props, _ := writerProps("zstd", parquetRowGroupRows)
	files := newTableFiles(filepath.Dir(out), "", props, parquetRowGroupBytes)
	if err := files.write(ctx, bb.NewBatch()); err != nil {
		return 0, err
	}
	return 1, files.close(nil)
}
func (e tableEngine) ComputeInDB(context.Context, *sql.Conn) (int64, error) {
	return 0, errors.New("not used")
}

// An existing workbook is refused without --overwrite and replaced with it;
// an aborted run leaves nothing behind.
func TestXLSXOverwriteAndAbort(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "b.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenXLSX(ctx, path, "L1", Options{}); !errors.Is(err, ErrOutputExists) {
		t.Fatalf("existing workbook: %v", err)
	}
	f := writeXLSX(t, path, Options{Overwrite: true}, 0, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}))
	if v, _ := f.GetCellValue("reports", "A2"); v != "R" {
		t.Errorf("overwritten workbook has %q", v)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenXLSX(ctx, filepath.Join(dir, "d.xlsx"), "L1", Options{Overwrite: true}); err == nil {
		t.Errorf("--overwrite replaced a folder with a workbook")
	}

	s, err := OpenXLSX(ctx, filepath.Join(dir, "new.xlsx"), "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})); err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"b.xlsx", "d.xlsx"}) {
		t.Errorf("after abort: %q", names)
	}
}

// spillStreamBuffer relies on excelize's internals: this fails when a new
// excelize changes them. A sheet under 16 MiB gets a temporary file, one over
// it keeps its own; both read back whole after the buffer is freed.
func TestSpillStreamBuffer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f := excelize.NewFile(excelize.Options{TmpDir: dir})
	defer f.Close()
	want := map[string]int{"small": 3, "medium": 20_000, "large": 130_000}
	if testing.Short() {
		delete(want, "large")
	}
	for _, name := range []string{"small", "medium", "large"} {
		if want[name] == 0 {
			continue
		}
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= want[name]; r++ {
			if err := sw.SetRow("A"+strconv.Itoa(r), []any{r, "some text of a cell", "0123456789"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		spilled, err := spillStreamBuffer(sw, dir)
		if err != nil || spilled != (name != "small") {
			t.Errorf("%s: spilled %v, %v", name, spilled, err)
		}
		buf := reflect.ValueOf(sw).Elem().FieldByName("rawData").FieldByName("buf")
		if name != "small" && buf.FieldByName("buf").Cap() != 0 {
			t.Errorf("%s: buffer of %d bytes kept", name, buf.FieldByName("buf").Cap())
		}
	}
	path := filepath.Join(dir, "s.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for name, n := range want {
		rows, err := g.GetRows(name)
		if err != nil || len(rows) != n || rows[n-1][0] != strconv.Itoa(n) || rows[n-1][2] != "0123456789" {
			t.Errorf("%s: %d rows, last %q, %v", name, len(rows), rows[len(rows)-1], err)
		}
	}
}

// One huge value (25 MB of text) does not stop a workbook: it is cut with
// a note, the README counts it, and nothing runs out of memory.
func TestXLSXSurvivesAHugeValue(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 25 MB; skipped with -short")
	}
	huge := strings.Repeat("数据", 25<<20/6)
	path := filepath.Join(t.TempDir(), "big.xlsx")
	f := writeXLSX(t, path, Options{}, 0,
		rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")}),
		rowBatch(t, "unknown_fields", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1"), "json_value": text(huge)}))
	v, _ := f.GetCellValue("unknown_fields", cellAt(t, f, "unknown_fields", "json_value", 2))
	if utf16Len(v) > xlsxMaxChars || !strings.Contains(v, "cut by creditetl") {
		t.Errorf("huge value: %d units, ends %q", utf16Len(v), v[max(0, len(v)-60):])
	}
}

// Writing the sheets reports its steps to the context's progress (the load
// shows them while it commits).
func TestXLSXReportsSteps(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "steps.xlsx")
	s, err := OpenXLSX(context.Background(), path, "L1", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var steps []string
	ctx := progress.WithSteps(context.Background(), func(stage string, i, n int, what string) {
		mu.Lock()
		defer mu.Unlock()
		steps = append(steps, fmt.Sprintf("%s %d/%d %s", stage, i, n, what))
	})
	b := rowBatch(t, "reports", map[string]schema.Value{"report_id": text("R"), "load_id": text("L1")})
	if err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if len(steps) != 1 || steps[0] != "xlsx 1/1 sheet reports" {
		t.Errorf("steps %q", steps)
	}
}
