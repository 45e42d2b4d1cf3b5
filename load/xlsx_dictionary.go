package load

import (
	"strings"

	"creditetl/schema"
)

// writeDictionary lists every column of every table, in sheet order:
// sheet, table, the table's Chinese name, column, type, Chinese label,
// source path and description. A table without a sheet (no rows) is listed
// with its columns too, its sheet cell saying so.
func (b *book) writeDictionary() error {
	hdr := []string{"sheet", "table", "table_label", "column", "type", "label", "source_path", "description"}
	noSheet := "(no rows: no sheet)"
	if b.cfg.headersZH {
		hdr = []string{"工作表", "表名", "表中文名", "列名", "类型", "中文名称", "来源路径", "说明"}
		noSheet = "（无数据，无工作表）"
	}
	var rows [][]string
	add := func(sheet string, t *schema.Table) {
		for _, c := range t.Columns {
			rows = append(rows, []string{sheet, t.Name, t.Label, c.Name, c.SQLType(), c.Label, strings.Join(c.Sources, " | "), c.Comment})
		}
	}
	for _, s := range b.specs {
		add(s.names[0], s.src.Table)
	}
	for _, s := range b.empty {
		add(noSheet, s.src.Table)
	}
	return b.writeTextSheet(TextSheet{Name: b.dictionarySheet(), Header: hdr, Rows: rows, Widths: []int{14, 20, 16, 30, 14, 24, 60, 60}})
}

// writeTextSheet writes a sheet of text cells under a header.
func (b *book) writeTextSheet(t TextSheet) error {
	cols := make([]xcol, len(t.Header))
	for i, h := range t.Header {
		cols[i] = xcol{header: h, style: b.st.text, width: 16}
		if i < len(t.Widths) {
			cols[i].width = t.Widths[i]
		}
	}
	w, err := b.startSheet(t.Name, cols, int64(len(t.Rows)))
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for _, r := range t.Rows {
		for i := range vals {
			vals[i] = nil
			if i < len(r) {
				vals[i] = b.cells.clip(r[i])
			}
		}
		if err := w.add(vals); err != nil {
			return err
		}
	}
	return w.finish()
}
