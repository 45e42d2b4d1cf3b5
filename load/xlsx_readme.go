package load

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/xuri/excelize/v2"

	"creditetl/schema"
)

// readmeText is the wording of the README sheet, in English or (with
// --headers zh) in Chinese.
type readmeText struct {
	title, intro                                     string
	written, loadID, started, finished, version      string
	inputs, reports, rejects, unknown, failures      string
	inSheet                                          string // after rejects, unknown, failures: their sheet
	headers, headersValue, values, valuesValue       string
	times, timesValue, textNumbers, textNumbersValue string // textNumbersValue takes the count
	cut, cutValue                                    string // cutValue takes the count and the limit
	empty, emptyNone, emptyAll                       string // emptyNone takes a list
	sheetsHeader, inputsHeader                       []string
	thisSheet, dictionary, noSheet, noRows           string
	continuesOn, partOf                              string // "continues on %s"; "rows %d to %d of %s (%d in all)"
}

var readmeEN = readmeText{
	title:            "creditetl workbook: PBOC personal credit reports (二代征信) as typed tables",
	intro:            "Each report was read by the credit_reportV2 OCR API and flattened by creditetl into the tables of this workbook, one sheet per table with rows; the dictionary sheet describes every column. Every table joins to reports on report_id.",
	written:          "workbook written (UTC)",
	loadID:           "load_id",
	started:          "run started (UTC)",
	finished:         "run finished (UTC)",
	version:          "tool version",
	inputs:           "inputs as given",
	reports:          "reports loaded",
	rejects:          "rejected values",
	unknown:          "unknown fields kept",
	failures:         "failed inputs",
	inSheet:          " (sheet %s)",
	headers:          "column headers",
	headersValue:     "column names (the Chinese label of each column is in the dictionary sheet)",
	values:           "values",
	valuesValue:      "dates are dates (yyyy-mm-dd); money is a number (#,##0.00); identity, phone and account numbers and all other text are text; there are no formulas",
	times:            "times",
	timesValue:       "report_time is the time printed on the report; started_at, finished_at and extracted_at are UTC",
	textNumbers:      "numbers written as text",
	textNumbersValue: "%d (more than Excel's 15 significant digits, e.g. money beyond ±9,999,999,999,999.99, or a date before 1900-03-01; the value is exact as text)",
	cut:              "texts cut",
	cutValue:         "%d (longer than Excel's %d characters per cell; the cell ends with a note)",
	empty:            "tables without rows",
	emptyNone:        "%s: no sheet (their columns are in the dictionary; creditetl load --all-sheets gives every table a sheet)",
	emptyAll:         "none",
	sheetsHeader:     []string{"sheet", "table", "rows", "contents", "table_label", "continues"},
	inputsHeader:     []string{"source_file", "report_id", "source_line", "source_sha256", "extracted_at (UTC)"},
	thisSheet:        "this sheet",
	dictionary:       "one row per column of every table: type, Chinese label, source path",
	noSheet:          "—",
	noRows:           "no rows: no sheet",
	continuesOn:      "continues on %s",
	partOf:           "rows %d to %d of %s (%d in all)",
}

var readmeZH = readmeText{
	title:            "creditetl 工作簿：个人信用报告（二代征信）结构化数据表",
	intro:            "每份报告由 credit_reportV2 OCR 接口识别，再由 creditetl 拆分为本工作簿的各数据表，有数据的表各占一个工作表；“数据字典”工作表说明每一列。各表均可按 report_id（报告标识）与“报告”表关联。",
	written:          "工作簿生成时间（UTC）",
	loadID:           "加载批次（load_id）",
	started:          "运行开始时间（UTC）",
	finished:         "运行结束时间（UTC）",
	version:          "工具版本",
	inputs:           "输入（命令行所列）",
	reports:          "已加载报告数",
	rejects:          "无法解析的值",
	unknown:          "保留的未知字段",
	failures:         "加载失败的输入",
	inSheet:          "（见工作表“%s”）",
	headers:          "列标题",
	headersValue:     "中文名称（同一表中重复的名称后附列名）；英文列名见“" + SheetDictionaryZH + "”",
	values:           "取值",
	valuesValue:      "日期为日期格式（yyyy-mm-dd）；金额为数值（#,##0.00）；证件号码、电话号码、账号等均为文本；不含公式",
	times:            "时间",
	timesValue:       "report_time 为报告上打印的时间；started_at、finished_at、extracted_at 为 UTC 时间",
	textNumbers:      "以文本写入的数字",
	textNumbersValue: "%d（超过 Excel 的 15 位有效数字，如绝对值大于 9,999,999,999,999.99 的金额，或 1900-03-01 之前的日期；以文本保存，数值准确）",
	cut:              "截断的文本",
	cutValue:         "%d（超过 Excel 单元格上限 %d 个字符；单元格末尾附说明）",
	empty:            "无数据的表",
	emptyNone:        "%s：不建工作表（各列见“数据字典”；creditetl load --all-sheets 为每张表建工作表）",
	emptyAll:         "无",
	sheetsHeader:     []string{"工作表", "表名", "行数", "内容（英文）", "表中文名", "续表"},
	inputsHeader:     []string{"来源文件", "报告标识", "来源行号", "来源文件SHA-256", "识别时间（UTC）"},
	thisSheet:        "本工作表",
	dictionary:       "每张表的每一列一行：类型、中文名称、来源路径",
	noSheet:          "—",
	noRows:           "无数据，无工作表",
	continuesOn:      "续见 %s",
	partOf:           "%[3]s 的第 %[1]d 至 %[2]d 行（共 %[4]d 行）",
}

// readmeOnePage is the most rows the README sheet has for it to be
// printed on one page (landscape; a hundred rows stay legible there); a
// longer one (a workbook of many reports lists them all) is printed one
// page wide.
const readmeOnePage = 100

// writeReadme writes the first sheet: what the workbook is, the run, the
// sheets with their rows, the tables without rows, and the inputs with
// their SHA-256.
func (b *book) writeReadme(ctx context.Context) error {
	tx := readmeEN
	if b.cfg.headersZH {
		tx = readmeZH
	}
	name := b.readmeSheet()
	w := &sheetWriter{f: b.f, name: name}
	cell := func(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }
	kv := func(k string, v any) error {
		style := b.st.text
		switch x := v.(type) {
		case int64, int:
			style = b.st.integer
		case time.Time:
			style = b.st.timestamp
			v = float64(x.UnixMicro())/microsPerDay + excelEpochDays
		}
		return w.add([]any{cell(b.st.bold, k), cell(style, v)})
	}
	blank := func() error { return w.add(nil) }
	loadTime := func(k string) any {
		if v := b.loads[k]; v.Valid {
			return time.UnixMicro(v.I).UTC()
		}
		return ""
	}
	loadInt := func(k string) int64 { return b.loads[k].I }
	loadStr := func(k string) string { return b.loads[k].S }
	sheetRows := map[string]int64{}
	sheetOf := map[string]string{}
	for _, s := range b.specs {
		sheetRows[s.src.Table.Name] = s.rows
		sheetOf[s.src.Table.Name] = s.names[0]
	}
	inSheet := func(label, table string) string {
		if s, ok := sheetOf[table]; ok {
			return label + fmt.Sprintf(tx.inSheet, s)
		}
		return label
	}
	inputs := loadStr("inputs")
	var in []string
	if json.Unmarshal([]byte(inputs), &in) == nil {
		inputs = strings.Join(in, "\n")
	}
	headers := tx.headersValue
	var emptyNames []string
	for _, s := range b.empty {
		emptyNames = append(emptyNames, s.src.Table.Name)
	}
	empty := tx.emptyAll
	if len(emptyNames) > 0 {
		sep := ", "
		if b.cfg.headersZH {
			sep = "、"
		}
		empty = fmt.Sprintf(tx.emptyNone, strings.Join(emptyNames, sep))
	}

	steps := []func() error{
		func() error { return w.add([]any{cell(b.st.title, tx.title)}) },
		func() error { return w.add([]any{cell(b.st.text, tx.intro)}) },
		blank,
		func() error { return kv(tx.written, b.cfg.now().UTC()) },
		func() error { return kv(tx.loadID, b.cfg.loadID) },
		func() error { return kv(tx.started, loadTime("started_at")) },
		func() error { return kv(tx.finished, loadTime("finished_at")) },
		func() error { return kv(tx.version, loadStr("tool_version")) },
		func() error { return w.add([]any{cell(b.st.bold, tx.inputs), cell(b.st.wrap, inputs)}) },
		func() error { return kv(tx.reports, loadInt("reports")) },
		func() error { return kv(inSheet(tx.rejects, "rejects"), sheetRows["rejects"]) },
		func() error {
			return kv(inSheet(tx.unknown, "unknown_fields"), sheetRows["unknown_fields"])
		},
		func() error {
			return kv(inSheet(tx.failures, "load_failures"), sheetRows["load_failures"])
		},
		func() error { return w.add([]any{cell(b.st.bold, tx.empty), cell(b.st.wrap, empty)}) },
		func() error { return kv(tx.headers, headers) },
		func() error { return kv(tx.values, tx.valuesValue) },
		func() error { return kv(tx.times, tx.timesValue) },
		func() error { return kv(tx.textNumbers, fmt.Sprintf(tx.textNumbersValue, b.cells.textNumbers)) },
		func() error { return kv(tx.cut, fmt.Sprintf(tx.cutValue, b.cells.cut, xlsxMaxChars)) },
		blank,
	}
	// The dimension: the lines above, the sheets with their header and
	// a blank line, the tables without rows, the inputs (one per report)
	// with their header.
	nrows := int64(len(steps)) + 3 + 2 + int64(len(b.empty))
	for _, s := range b.specs {
		nrows += int64(len(s.names))
		if s.src.Table.Name == "reports" {
			nrows += s.rows
		}
	}
	if err := b.f.SetSheetDimension(name, "A1:F"+strconv.FormatInt(nrows, 10)); err != nil {
		return xlsxErr(name, err)
	}
	if err := b.printSetup(name, false, nrows <= readmeOnePage); err != nil {
		return xlsxErr(name, err)
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return xlsxErr(name, err)
	}
	for i, wd := range []float64{44, 40, 16, 66, 18, 40} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return xlsxErr(name, err)
		}
	}
	w.sw = sw
	for _, step := range steps {
		if err := step(); err != nil {
			return xlsxErr(name, err)
		}
	}

	hdr := func(names ...string) error {
		row := make([]any, len(names))
		for i, n := range names {
			row[i] = cell(b.st.header, n)
		}
		return w.add(row)
	}
	if err := hdr(tx.sheetsHeader...); err != nil {
		return xlsxErr(name, err)
	}
	dictRows := int64(0)
	for _, s := range append(append([]*sheetSpec{}, b.specs...), b.empty...) {
		dictRows += int64(len(s.src.Table.Columns))
	}
	if err := w.add([]any{name, "", nil, tx.thisSheet}); err != nil {
		return xlsxErr(name, err)
	}
	if err := w.add([]any{b.dictionarySheet(), "", cell(b.st.integer, dictRows), tx.dictionary}); err != nil {
		return xlsxErr(name, err)
	}
	for _, s := range b.specs {
		t := s.src.Table
		for p, sheet := range s.names {
			n := s.rows - int64(p)*int64(b.cfg.sheetRows)
			n = min(max(n, 0), int64(b.cfg.sheetRows))
			cont := ""
			switch {
			case len(s.names) > 1 && p == 0:
				cont = fmt.Sprintf(tx.continuesOn, strings.Join(s.names[1:], ", "))
			case p > 0:
				first := int64(p)*int64(b.cfg.sheetRows) + 1
				cont = fmt.Sprintf(tx.partOf, first, first+n-1, t.Name, s.rows)
			}
			if err := w.add([]any{sheet, t.Name, cell(b.st.integer, n), t.Comment, t.Label, cont}); err != nil {
				return xlsxErr(name, err)
			}
		}
	}
	for _, s := range b.empty {
		t := s.src.Table
		if err := w.add([]any{tx.noSheet, t.Name, cell(b.st.integer, 0), t.Comment, t.Label, tx.noRows}); err != nil {
			return xlsxErr(name, err)
		}
	}
	if err := blank(); err != nil {
		return xlsxErr(name, err)
	}
	if err := b.readmeInputs(ctx, w, hdr, tx); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return xlsxErr(name, err)
	}
	return nil
}

// readmeInputs lists every report's source file with its SHA-256.
func (b *book) readmeInputs(ctx context.Context, w *sheetWriter, hdr func(...string) error, tx readmeText) error {
	if err := hdr(tx.inputsHeader...); err != nil {
		return xlsxErr(w.name, err)
	}
	rt := schema.TableByName("reports")
	names := []string{"source_file", "report_id", "source_line", "source_sha256", "extracted_at"}
	var idx []int
	for _, c := range names {
		idx = append(idx, rt.Col(c))
	}
	reports := spoolFile(b.spool, rt.Name)
	return readParquet(ctx, reports, idx, func(rec arrow.RecordBatch) error {
		row := make([]any, len(idx))
		for r := 0; r < int(rec.NumRows()); r++ {
			for c, i := range idx {
				row[c] = b.cells.Cell(rt.Columns[i].Storage, schema.ValueAt(rec.Column(c), r))
			}
			if row[2] != nil {
				row[2] = excelize.Cell{StyleID: b.st.integer, Value: row[2]}
			}
			if row[4] != nil {
				row[4] = excelize.Cell{StyleID: b.st.timestamp, Value: row[4]}
			}
			if err := w.add(row); err != nil {
				return xlsxErr(w.name, err)
			}
		}
		return nil
	})
}
