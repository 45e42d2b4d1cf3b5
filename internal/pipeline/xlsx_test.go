package pipeline_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"creditetl/internal/pipeline"
	"creditetl/load"
	"creditetl/schema"
)

// pipeline.Load writes a workbook for -o *.xlsx: one sheet per table with
// the rows the run reports, named in Chinese with --headers zh; a table
// without rows has no sheet.
func TestPipelineToXLSX(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "book.xlsx")
	sum, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: pipelineInputs(), Output: out, Version: "test", Sink: load.Options{HeadersZH: true}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != "xlsx" {
		t.Fatalf("format %s", sum.Format)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != load.SheetReadmeZH || sheets[1] != load.SheetDictionaryZH {
		t.Errorf("sheets %q", sheets)
	}
	for _, tb := range schema.Tables() {
		name := tb.Label
		want := sum.Rows[tb.Name]
		switch tb.Name {
		case "loads":
			want = 1
		case "load_failures":
			want = int64(len(sum.Failures))
		}
		if want == 0 {
			if slices.Contains(sheets, name) {
				t.Errorf("a sheet %s for the empty table %s", name, tb.Name)
			}
			continue
		}
		if !slices.Contains(sheets, name) {
			t.Errorf("no sheet %s (%s)", name, tb.Name)
			continue
		}
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)-1) != want {
			t.Errorf("sheet %s: %d rows, the run says %d", name, len(rows)-1, want)
		}
		if !strings.HasPrefix(rows[0][0], tb.Columns[0].Label) {
			t.Errorf("sheet %s: header %q, want the Chinese label %q", name, rows[0][0], tb.Columns[0].Label)
		}
	}
	readme, _ := f.GetRows(load.SheetReadmeZH)
	var said bool
	for _, r := range readme {
		if len(r) > 1 && r[0] == "已加载报告数" {
			said = r[1] == strconv.FormatInt(sum.Reports, 10)
		}
	}
	if !said {
		t.Errorf("README does not say %d reports loaded", sum.Reports)
	}
}
