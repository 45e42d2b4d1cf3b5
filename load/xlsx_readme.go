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

// writeReadme writes the first sheet: what the workbook is, the run, the
// sheets with their rows, and the inputs with their SHA-256.
func (b *book) writeReadme(ctx context.Context) error {
	w := &sheetWriter{f: b.f, name: SheetReadme}
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
	for _, s := range b.specs {
		sheetRows[s.src.Table.Name] = s.rows
	}
	inputs := loadStr("inputs")
	var in []string
	if json.Unmarshal([]byte(inputs), &in) == nil {
		inputs = strings.Join(in, "\n")
	}
	headers := "column names (the Chinese label of each column is in the dictionary sheet)"
	if b.cfg.headersZH {
		headers = "Chinese labels (中文列名; a label used twice in a table has its column name added); the column names are in the dictionary sheet"
	}

	steps := []func() error{
		func() error {
			return w.add([]any{cell(b.st.title, "creditetl workbook: PBOC personal credit reports (二代征信) as typed tables")})
		},
		func() error {
			return w.add([]any{cell(b.st.text, "Each report was read by the credit_reportV2 OCR API and flattened by creditetl into the tables of this workbook, one sheet per table; the dictionary sheet describes every column. Every table joins to reports on report_id.")})
		},
		blank,
		func() error { return kv("workbook written (UTC)", b.cfg.now().UTC()) },
		func() error { return kv("load_id", b.cfg.loadID) },
		func() error { return kv("run started (UTC)", loadTime("started_at")) },
		func() error { return kv("run finished (UTC)", loadTime("finished_at")) },
		func() error { return kv("tool version", loadStr("tool_version")) },
		func() error { return w.add([]any{cell(b.st.bold, "inputs as given"), cell(b.st.wrap, inputs)}) },
		func() error { return kv("reports loaded", loadInt("reports")) },
		func() error { return kv("rejected values (sheet rejects)", sheetRows["rejects"]) },
		func() error { return kv("unknown fields kept (sheet unknown_fields)", sheetRows["unknown_fields"]) },
		func() error { return kv("failed inputs (sheet failures)", sheetRows["load_failures"]) },
		func() error { return kv("column headers", headers) },
		func() error {
			return kv("values", "dates are dates (yyyy-mm-dd); money is a number (#,##0.00); identity, phone and account numbers and all other text are text; there are no formulas")
		},
		func() error {
			return kv("times", "report_time is the time printed on the report; started_at, finished_at and extracted_at are UTC")
		},
		func() error {
			return kv("numbers written as text", fmt.Sprintf("%d (more than Excel's 15 significant digits, e.g. money beyond ±9,999,999,999,999.99, or a date before 1900-03-01; the value is exact as text)", b.cells.textNumbers))
		},
		func() error {
			return kv("texts cut", fmt.Sprintf("%d (longer than Excel's %d characters per cell; the cell ends with a note)", b.cells.cut, xlsxMaxChars))
		},
		blank,
	}
	// The dimension: the lines above, the sheets with their header and
	// a blank line, the inputs (one per report) with their header.
	nrows := int64(len(steps)) + 3 + 2
	for _, s := range b.specs {
		nrows += int64(len(s.names))
		if s.src.Table.Name == "reports" {
			nrows += s.rows
		}
	}
	if err := b.f.SetSheetDimension(SheetReadme, "A1:F"+strconv.FormatInt(nrows, 10)); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	sw, err := b.f.NewStreamWriter(SheetReadme)
	if err != nil {
		return xlsxErr(SheetReadme, err)
	}
	for i, wd := range []float64{44, 40, 16, 66, 18, 40} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return xlsxErr(SheetReadme, err)
		}
	}
	w.sw = sw
	for _, step := range steps {
		if err := step(); err != nil {
			return xlsxErr(SheetReadme, err)
		}
	}

	hdr := func(names ...string) error {
		row := make([]any, len(names))
		for i, n := range names {
			row[i] = cell(b.st.header, n)
		}
		return w.add(row)
	}
	if err := hdr("sheet", "table", "rows", "contents", "table_label", "continues"); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	dictRows := int64(0)
	for _, s := range b.specs {
		dictRows += int64(len(s.src.Table.Columns))
	}
	if err := w.add([]any{SheetReadme, "", nil, "this sheet"}); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	if err := w.add([]any{SheetDictionary, "", cell(b.st.integer, dictRows), "one row per column of every sheet: type, Chinese label, source path"}); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	for _, s := range b.specs {
		t := s.src.Table
		for p, name := range s.names {
			n := s.rows - int64(p)*int64(b.cfg.sheetRows)
			n = min(max(n, 0), int64(b.cfg.sheetRows))
			cont := ""
			switch {
			case len(s.names) > 1 && p == 0:
				cont = "continues on " + strings.Join(s.names[1:], ", ")
			case p > 0:
				first := int64(p)*int64(b.cfg.sheetRows) + 1
				cont = fmt.Sprintf("rows %d to %d of %s (%d in all)", first, first+n-1, t.Name, s.rows)
			}
			if err := w.add([]any{name, t.Name, cell(b.st.integer, n), t.Comment, t.Label, cont}); err != nil {
				return xlsxErr(SheetReadme, err)
			}
		}
	}
	if err := blank(); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	if err := b.readmeInputs(ctx, w, hdr); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	return nil
}

// readmeInputs lists every report's source file with its SHA-256.
func (b *book) readmeInputs(ctx context.Context, w *sheetWriter, hdr func(...string) error) error {
	if err := hdr("source_file", "report_id", "source_line", "source_sha256", "extracted_at (UTC)"); err != nil {
		return xlsxErr(SheetReadme, err)
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
				return xlsxErr(SheetReadme, err)
			}
		}
		return nil
	})
}
