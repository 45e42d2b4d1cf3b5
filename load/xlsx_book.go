package load

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"creditetl/internal/fsutil"
	"creditetl/internal/progress"
	"creditetl/schema"
)

// Sheet names of the workbook besides the tables.
const (
	SheetReadme     = "README"
	SheetDictionary = "dictionary"
	SheetFeatures   = "features"
	SheetRejects    = "rejects"
	SheetFailures   = "failures"
)

// Sheet names of a workbook written with --headers zh: the README and the
// dictionary; the data sheets are named by their table's Chinese name.
const (
	SheetReadmeZH     = "说明"
	SheetDictionaryZH = "数据字典"
)

// SheetSource is a data sheet: the rows of a table, read from a Parquet file
// whose columns are the table's.
type SheetSource struct {
	Name  string
	Table *schema.Table
	File  string
}

// TextSheet is a sheet of text rows under a header (an export's dictionary).
type TextSheet struct {
	Name   string
	Header []string
	Rows   [][]string
	Widths []int
}

type workbookConfig struct {
	loadID    string
	headersZH bool
	// allSheets gives an empty table a sheet of its own (a header only);
	// otherwise the README lists the empty tables.
	allSheets bool
	sheetRows int
	tmpDir    string
	now       func() time.Time
}

// xlsxStyles are the cell styles of a workbook.
type xlsxStyles struct {
	header, title, bold, text, integer, float, date, timestamp, wrap, money int
}

// book is a workbook being written from Parquet files. Its files split by
// concern: xlsx_plan.go names the sheets and counts their rows,
// xlsx_sheet.go streams a table into its sheet(s), xlsx_readme.go and
// xlsx_dictionary.go write the two descriptive sheets, xlsx_cells.go turns
// values into cells, xlsx_spill.go keeps memory flat across sheets.
type book struct {
	f     *excelize.File
	cfg   workbookConfig
	st    xlsxStyles
	cells cellWriter
	specs []*sheetSpec
	// empty are the tables without rows that have no sheet.
	empty []*sheetSpec
	spool string                  // the run's Parquet folder (load workbooks)
	loads map[string]schema.Value // the run's loads row
}

// writeLoadWorkbook writes the workbook of a run whose tables are the
// Parquet folder spool (plus the extra data sheets, the features) to path:
// sheet README (what the workbook is, the run, the inputs with their
// SHA-256, rows per sheet, rejects and failures counts, which tables
// continue on name_2 …), dictionary (every column: table, column, type,
// Chinese label, source path), one sheet per table in schema order, then the
// extra sheets, rejects and failures (load_failures); a table without rows
// gets no sheet (the README lists it) unless cfg.allSheets. With
// cfg.headersZH the sheets are named in Chinese (说明, 数据字典, each
// table's Chinese name) and the README is in Chinese. Every data sheet has
// a frozen header, an autofilter, widths from its content, dates as dates
// (yyyy-mm-dd), money as numbers (#,##0.00), text as text; no formulas; it
// prints landscape, fitted to the page width, with the header row on every
// page.
func writeLoadWorkbook(ctx context.Context, spool string, extra []SheetSource, path string, cfg workbookConfig) (err error) {
	b := &book{cfg: cfg, spool: spool}
	var tail []SheetSource
	var sources []SheetSource
	for _, t := range schema.Tables() {
		src := SheetSource{Name: b.tableSheet(t), Table: t, File: spoolFile(spool, t.Name)}
		switch t.Name {
		case "rejects":
			tail = append([]SheetSource{src}, tail...)
		case "load_failures":
			tail = append(tail, src)
		default:
			sources = append(sources, src)
		}
	}
	for _, e := range extra {
		if cfg.headersZH && e.Table.Label != "" {
			e.Name = e.Table.Label
		}
		sources = append(sources, e)
	}
	sources = append(sources, tail...)
	if err := b.plan(sources); err != nil {
		return err
	}
	if b.loads, err = readLoadsRow(ctx, spool, cfg.loadID); err != nil {
		return err
	}
	return b.write(ctx, path, true, nil, &excelize.DocProperties{
		Title:       "creditetl load " + cfg.loadID,
		Subject:     "PBOC personal credit reports (二代征信) as typed tables",
		Creator:     "creditetl",
		Created:     cfg.now().UTC().Format(time.RFC3339),
		Description: "Written by creditetl; see the README sheet.",
	})
}

// WriteXLSX writes a workbook of data sheets (typed cells exactly as in a
// load's workbook) and text sheets after them, atomically: the file is
// built beside path and renamed over it. Exports (the features) use it.
func WriteXLSX(ctx context.Context, path string, data []SheetSource, text []TextSheet, headersZH bool) error {
	tmpDir, err := os.MkdirTemp("", "creditetl-xlsx-")
	if err != nil {
		return outputErr("xlsx "+path, err)
	}
	defer os.RemoveAll(tmpDir)
	b := &book{cfg: workbookConfig{headersZH: headersZH, allSheets: true, sheetRows: xlsxMaxRows - 1, tmpDir: tmpDir, now: time.Now}}
	if err := b.plan(data); err != nil {
		return err
	}
	for _, s := range b.specs {
		if len(s.names) > 1 {
			return fmt.Errorf("xlsx %s: %d rows do not fit in one Excel sheet (at most %d); export to .csv or .parquet", path, s.rows, xlsxMaxRows-1)
		}
	}
	return fsutil.WriteWith(path, func(tmp string) error {
		return b.write(ctx, tmp, false, text, &excelize.DocProperties{Creator: "creditetl", Created: time.Now().UTC().Format(time.RFC3339)})
	})
}

// write makes the sheets and saves the workbook to path; with readme, the
// load's README and dictionary sheets come first.
func (b *book) write(ctx context.Context, path string, readme bool, text []TextSheet, props *excelize.DocProperties) (err error) {
	b.f = excelize.NewFile(excelize.Options{TmpDir: b.cfg.tmpDir})
	defer func() {
		if cerr := b.f.Close(); cerr != nil && err == nil {
			err = xlsxErr(path, cerr)
		}
	}()
	if err := b.styles(); err != nil {
		return xlsxErr(path, err)
	}
	var sheets []string
	if readme {
		sheets = append(sheets, b.readmeSheet(), b.dictionarySheet())
	}
	for _, s := range b.specs {
		sheets = append(sheets, s.names...)
	}
	for _, t := range text {
		sheets = append(sheets, t.Name)
	}
	for i, name := range sheets {
		if i == 0 {
			err = b.f.SetSheetName("Sheet1", name)
		} else {
			_, err = b.f.NewSheet(name)
		}
		if err != nil {
			return xlsxErr(path, fmt.Errorf("sheet %s: %w", name, err))
		}
	}
	// The README's counts of cells written as text are only known at the
	// end: write the data sheets first (sheet order is fixed above).
	if readme {
		if err := b.writeDictionary(); err != nil {
			return xlsxErr(b.dictionarySheet(), err)
		}
	}
	for i, s := range b.specs {
		progress.Step(ctx, "xlsx", i+1, len(b.specs), "sheet "+s.names[0])
		if err := b.writeTable(ctx, s); err != nil {
			return err
		}
	}
	for _, t := range text {
		if err := b.writeTextSheet(t); err != nil {
			return xlsxErr(t.Name, err)
		}
	}
	if readme {
		if err := b.writeReadme(ctx); err != nil {
			return err
		}
	}
	if err := b.f.SetDocProps(props); err != nil {
		return xlsxErr(path, err)
	}
	return b.save(path)
}

// readmeSheet and dictionarySheet are the names of the two descriptive
// sheets; tableSheet the first sheet of a table of the load.
func (b *book) readmeSheet() string {
	if b.cfg.headersZH {
		return SheetReadmeZH
	}
	return SheetReadme
}

func (b *book) dictionarySheet() string {
	if b.cfg.headersZH {
		return SheetDictionaryZH
	}
	return SheetDictionary
}

func (b *book) tableSheet(t *schema.Table) string {
	switch {
	case b.cfg.headersZH && t.Label != "":
		return t.Label
	case t.Name == "rejects":
		return SheetRejects
	case t.Name == "load_failures":
		return SheetFailures
	}
	return t.Name
}

// printSetup makes a sheet print landscape, fitted to the page width (and,
// with onePage, to one page), with its first row on every page. It must be
// called before the sheet's StreamWriter is made (the stream writes the
// sheet properties first).
func (b *book) printSetup(sheet string, titleRow, onePage bool) error {
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	wide, tall := 1, 0
	if onePage {
		tall = 1
	}
	landscape := "landscape"
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if !titleRow {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1"})
}

// save writes the zip straight to the file: excelize's own Save and WriteTo
// build the whole archive in a memory buffer first.
func (b *book) save(path string) error {
	out, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, fsutil.FileMode)
	if err != nil {
		return outputErr("xlsx "+path, err)
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(bw)
		// Sheet XML compresses well even at the fastest level, which is
		// several times faster than the default.
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	_, err = b.f.WriteTo(io.Discard)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return xlsxErr(path, err)
	}
	return nil
}

func (b *book) styles() error {
	f := b.f
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	custom := func(s string) *string { return &s }
	b.st.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		NumFmt:    49,
	})
	b.st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	b.st.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	b.st.text = mk(&excelize.Style{NumFmt: 49})
	b.st.wrap = mk(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.st.integer = mk(&excelize.Style{NumFmt: 1})
	b.st.float = mk(&excelize.Style{NumFmt: 0})
	b.st.date = mk(&excelize.Style{CustomNumFmt: custom("yyyy-mm-dd")})
	b.st.timestamp = mk(&excelize.Style{CustomNumFmt: custom("yyyy-mm-dd hh:mm:ss")})
	b.st.money = mk(&excelize.Style{NumFmt: 4})
	b.cells.textStyle = b.st.text
	return err
}
