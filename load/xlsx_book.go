package load

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"

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

type workbookConfig struct {
	loadID    string
	headersZH bool
	sheetRows int
	tmpDir    string
	now       func() time.Time
}

// dbColumn is a column of a spool table as DuckDB's catalog has it.
type dbColumn struct{ name, typ, comment string }

// sheetSpec is one table and the sheet(s) it fills.
type sheetSpec struct {
	table  string
	label  string        // the table's Chinese name
	schema *schema.Table // nil for features
	file   string        // the table's Parquet file; "" for features (a DuckDB table)
	cols   []dbColumn
	rows   int64
	names  []string // first sheet, then name_2, name_3 …
}

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	header, title, bold, text, integer, float, date, timestamp, wrap int
	decimal                                                          map[int]int // by scale
}

// book is a workbook being written from the spool.
type book struct {
	f     *excelize.File
	conn  *sql.Conn // DuckDB with views of the spool's tables, and table features
	spool string    // the Parquet folder of the run
	cfg   workbookConfig
	st    xlsxStyles
	cells cellWriter
	specs []*sheetSpec
	loads map[string]any
}

// writeWorkbook writes the workbook of the run in the Parquet folder spool
// (conn has views of its tables and, when features were computed, table
// features) to path: sheet
// README (what the workbook is, the run, the inputs with their SHA-256, rows
// per sheet, rejects and failures counts, which tables continue on name_2 …),
// dictionary (every column: table, column, type, Chinese label, source path),
// one sheet per table in schema order, then features (when conn has that
// table), rejects and failures (load_failures). Every data sheet has a
// frozen header, an autofilter, widths from its content, dates as dates
// (yyyy-mm-dd), money as numbers (#,##0.00), text as text; no formulas.
func writeWorkbook(ctx context.Context, conn *sql.Conn, spool, path string, cfg workbookConfig) (err error) {
	b := &book{conn: conn, spool: spool, cfg: cfg}
	if err := b.plan(ctx); err != nil {
		return err
	}
	b.f = excelize.NewFile(excelize.Options{TmpDir: cfg.tmpDir})
	defer func() {
		if cerr := b.f.Close(); cerr != nil && err == nil {
			err = xlsxErr(path, cerr)
		}
	}()
	if err := b.styles(); err != nil {
		return xlsxErr(path, err)
	}
	if err := b.f.SetSheetName("Sheet1", SheetReadme); err != nil {
		return xlsxErr(path, err)
	}
	if _, err := b.f.NewSheet(SheetDictionary); err != nil {
		return xlsxErr(path, err)
	}
	for _, s := range b.specs {
		for _, n := range s.names {
			if _, err := b.f.NewSheet(n); err != nil {
				return xlsxErr(path, fmt.Errorf("sheet %s: %w", n, err))
			}
		}
	}
	// The README's counts of cells written as text are only known at the
	// end: write the data sheets first (sheet order is fixed above).
	if err := b.writeDictionary(); err != nil {
		return xlsxErr(path, err)
	}
	for _, s := range b.specs {
		if err := b.writeTable(ctx, s); err != nil {
			return err
		}
	}
	if err := b.writeReadme(ctx); err != nil {
		return err
	}
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:       "creditetl load " + cfg.loadID,
		Subject:     "PBOC personal credit reports (二代征信) as typed tables",
		Creator:     "creditetl",
		Created:     cfg.now().UTC().Format(time.RFC3339),
		Description: "Written by creditetl; see the README sheet.",
	}); err != nil {
		return xlsxErr(path, err)
	}
	return b.save(path)
}

// save writes the zip straight to the file: excelize's own Save and WriteTo
// build the whole archive in a memory buffer first.
func (b *book) save(path string) error {
	out, err := os.Create(path)
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

// plan reads the features table's columns and every table's row count,
// and names every sheet.
func (b *book) plan(ctx context.Context) error {
	var features []dbColumn
	rows, err := b.conn.QueryContext(ctx, `SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index`, FeaturesTable)
	if err != nil {
		return duckErr("read the columns of features", err)
	}
	for rows.Next() {
		var c dbColumn
		if err := rows.Scan(&c.name, &c.typ, &c.comment); err != nil {
			rows.Close()
			return duckErr("read the columns of features", err)
		}
		features = append(features, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return duckErr("read the columns of features", err)
	}

	var tail []*sheetSpec
	for _, t := range schema.Tables() {
		s := &sheetSpec{table: t.Name, label: t.Label, schema: t, file: filepath.Join(b.spool, t.Name+".parquet")}
		for _, c := range t.Columns {
			s.cols = append(s.cols, dbColumn{name: c.Name, typ: c.SQLType()})
		}
		switch t.Name {
		case "rejects":
			s.names = []string{SheetRejects}
			tail = append(tail, s)
			continue
		case "load_failures":
			s.names = []string{SheetFailures}
			tail = append(tail, s)
			continue
		}
		s.names = []string{t.Name}
		b.specs = append(b.specs, s)
	}
	if len(features) > 0 {
		b.specs = append(b.specs, &sheetSpec{table: FeaturesTable, label: "风险特征", cols: features, names: []string{SheetFeatures}})
	}
	sort.SliceStable(tail, func(i, j int) bool { return tail[i].table == "rejects" })
	b.specs = append(b.specs, tail...)

	used := map[string]bool{strings.ToLower(SheetReadme): true, strings.ToLower(SheetDictionary): true}
	for _, s := range b.specs {
		if err := b.conn.QueryRowContext(ctx, "SELECT count(*) FROM "+ident(s.table)).Scan(&s.rows); err != nil {
			return duckErr("count "+s.table, err)
		}
		parts := 1
		if s.rows > 0 {
			parts = int((s.rows + int64(b.cfg.sheetRows) - 1) / int64(b.cfg.sheetRows))
		}
		base := s.names[0]
		s.names = s.names[:0]
		for p := 1; p <= parts; p++ {
			s.names = append(s.names, sheetName(base, p, used))
		}
	}

	b.loads = map[string]any{}
	r, err := b.conn.QueryContext(ctx, `SELECT * FROM loads WHERE load_id = $1`, b.cfg.loadID)
	if err != nil {
		return duckErr("read loads", err)
	}
	defer r.Close()
	names, err := r.Columns()
	if err != nil {
		return duckErr("read loads", err)
	}
	if r.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			return duckErr("read loads", err)
		}
		for i, n := range names {
			b.loads[n] = vals[i]
		}
	}
	return r.Err()
}

// sheetName makes a valid, unique (case-insensitively, like Excel) sheet
// name of at most 31 characters: base for part 1, base_N for part N.
func sheetName(base string, part int, used map[string]bool) string {
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, base)
	base = strings.Trim(base, "'")
	if base == "" {
		base = "sheet"
	}
	for n := part; ; n++ {
		suffix := ""
		if n > 1 {
			suffix = "_" + strconv.Itoa(n)
		}
		r := []rune(base)
		if room := excelize.MaxSheetNameLength - len([]rune(suffix)); len(r) > room {
			r = r[:room]
		}
		name := string(r) + suffix
		if !used[strings.ToLower(name)] {
			used[strings.ToLower(name)] = true
			return name
		}
	}
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
	b.st.decimal = map[int]int{2: mk(&excelize.Style{NumFmt: 4})}
	b.cells.textStyle = b.st.text
	return err
}

func (b *book) decimalStyle(scale int) (int, error) {
	if id, ok := b.st.decimal[scale]; ok {
		return id, nil
	}
	fm := "#,##0"
	if scale > 0 {
		fm += "." + strings.Repeat("0", scale)
	}
	id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &fm})
	if err != nil {
		return 0, err
	}
	b.st.decimal[scale] = id
	return id, nil
}

// xcol is a column of a data sheet.
type xcol struct {
	name, header string
	kind         cellKind
	expr         string
	style        int
	width        int
}

// columns plans the columns of a sheet: kind and reading SQL from DuckDB's
// type, header (the name, or with --headers zh the Chinese label; a label
// used twice in the table gets its column name added), style and a base
// width.
func (b *book) columns(s *sheetSpec) ([]xcol, error) {
	labels := map[string]int{}
	label := func(c dbColumn) string {
		if s.schema != nil {
			if i := s.schema.Col(c.name); i >= 0 && s.schema.Columns[i].Label != "" {
				return s.schema.Columns[i].Label
			}
		}
		if l, _, _ := splitComment(c.comment); l != "" {
			return l
		}
		return c.name
	}
	for _, c := range s.cols {
		labels[label(c)]++
	}
	cols := make([]xcol, len(s.cols))
	for i, c := range s.cols {
		x := xcol{name: c.name, header: c.name}
		if b.cfg.headersZH {
			x.header = label(c)
			if labels[x.header] > 1 {
				x.header += "(" + c.name + ")"
			}
		}
		var scale int
		x.kind, scale, x.expr = kindOfDuckType(c.name, c.typ)
		switch x.kind {
		case cellText:
			x.style, x.width = b.st.text, 8
		case cellInt:
			x.style, x.width = b.st.integer, 8
		case cellDecimal:
			var err error
			if x.style, err = b.decimalStyle(scale); err != nil {
				return nil, err
			}
			x.width = 14
		case cellFloat:
			x.style, x.width = b.st.float, 10
		case cellDate:
			x.style, x.width = b.st.date, 11
		case cellTimestamp:
			x.style, x.width = b.st.timestamp, 19
		case cellBool:
			x.width = 6
		}
		x.width = max(x.width, displayWidth(x.header))
		cols[i] = x
	}
	return cols, nil
}

// readSlice is how many rows of a table are read from the spool at a time.
const readSlice = 50_000

// widthSample is how many rows the content widths are taken from.
const widthSample = 100_000

// contentWidths widens text and decimal columns to their longest value
// among the first widthSample rows, up to 60 characters.
func (b *book) contentWidths(ctx context.Context, s *sheetSpec, cols []xcol) error {
	var exprs []string
	var idx []int
	for i, c := range cols {
		if c.kind == cellText || c.kind == cellDecimal {
			v := "CAST(" + ident(c.name) + " AS VARCHAR)"
			exprs = append(exprs, "coalesce(max(length("+v+") + (strlen("+v+") - length("+v+")) // 2), 0)")
			idx = append(idx, i)
		}
	}
	if len(exprs) == 0 || s.rows == 0 {
		return nil
	}
	q := fmt.Sprintf("SELECT %s FROM (SELECT * FROM %s LIMIT %d)", strings.Join(exprs, ", "), ident(s.table), widthSample)
	w := make([]int64, len(exprs))
	ptrs := make([]any, len(exprs))
	for i := range w {
		ptrs[i] = &w[i]
	}
	if err := b.conn.QueryRowContext(ctx, q).Scan(ptrs...); err != nil {
		return duckErr("widths of "+s.table, err)
	}
	for j, i := range idx {
		cols[i].width = max(cols[i].width, int(min(w[j], 60)))
	}
	return nil
}

// sheetWriter streams one sheet.
type sheetWriter struct {
	f      *excelize.File
	tmpDir string
	sw     *excelize.StreamWriter
	name   string
	ncol   int
	row    int // last row written
	vals   []any
}

// startSheet opens the sheet's stream with its dimension (dataRows rows
// under the header: readers that trust the dimension see the whole sheet),
// column widths, styles and a frozen header row, and writes the header.
func (b *book) startSheet(name string, cols []xcol, dataRows int64) (*sheetWriter, error) {
	last, err := excelize.ColumnNumberToName(max(len(cols), 1))
	if err != nil {
		return nil, err
	}
	if err := b.f.SetSheetDimension(name, "A1:"+last+strconv.FormatInt(dataRows+1, 10)); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, float64(c.width+2)); err != nil {
			return nil, err
		}
		if c.style != 0 {
			if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
				return nil, err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	w := &sheetWriter{f: b.f, tmpDir: b.cfg.tmpDir, sw: sw, name: name, ncol: len(cols), vals: make([]any, len(cols))}
	hdr := make([]any, len(cols))
	for i, c := range cols {
		hdr[i] = excelize.Cell{StyleID: b.st.header, Value: c.header}
	}
	if err := w.add(hdr); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *sheetWriter) add(vals []any) error {
	w.row++
	return w.sw.SetRow("A"+strconv.Itoa(w.row), vals)
}

// finish sets the autofilter over the header and the rows, and flushes.
func (w *sheetWriter) finish() error {
	last, err := excelize.ColumnNumberToName(max(w.ncol, 1))
	if err != nil {
		return err
	}
	if err := w.f.AutoFilter(w.name, "A1:"+last+strconv.Itoa(w.row), nil); err != nil {
		return err
	}
	if err := w.sw.Flush(); err != nil {
		return err
	}
	_, err = spillStreamBuffer(w.sw, w.tmpDir)
	return err
}

// spillStreamBuffer moves the rows of a flushed StreamWriter still in its
// memory buffer to a temporary file, and frees the buffer. excelize keeps a
// sheet's rows in memory until they reach 16 MiB (StreamChunkSize), and
// keeps that buffer (up to 32 MiB) for every sheet until the workbook is
// saved, so memory would grow with the number of sheets, continuation sheets
// included. excelize has no API for it: this reaches the unexported fields
// (excelize v2.11.1: StreamWriter.rawData.{tmp *os.File, buf bytes.Buffer},
// whose Reader reads tmp from offset 0 after writing what buf still holds,
// and whose Close removes tmp) and does nothing unless the layout is exactly
// that. Sheets under 1 MiB stay in memory. TestSpillStreamBuffer fails if a
// new excelize changes the layout.
func spillStreamBuffer(sw *excelize.StreamWriter, tmpDir string) (bool, error) {
	raw := reflect.ValueOf(sw).Elem().FieldByName("rawData")
	if !raw.IsValid() || raw.Kind() != reflect.Struct {
		return false, nil
	}
	tmpV, bufV := raw.FieldByName("tmp"), raw.FieldByName("buf")
	if !tmpV.IsValid() || tmpV.Type() != reflect.TypeFor[*os.File]() || !tmpV.CanAddr() ||
		!bufV.IsValid() || bufV.Type() != reflect.TypeFor[bytes.Buffer]() || !bufV.CanAddr() {
		return false, nil
	}
	tmp := (**os.File)(unsafe.Pointer(tmpV.UnsafeAddr()))
	buf := (*bytes.Buffer)(unsafe.Pointer(bufV.UnsafeAddr()))
	if *tmp == nil {
		if buf.Len() < 1<<20 {
			return false, nil
		}
		f, err := os.CreateTemp(tmpDir, "excelize-")
		if err != nil {
			return false, err
		}
		*tmp = f
	}
	if _, err := buf.WriteTo(*tmp); err != nil {
		return false, err
	}
	*buf = bytes.Buffer{}
	return true, nil
}

// tableOut writes the rows of a table into its sheet(s), continuing on
// name_2, name_3 … after sheetRows rows, each part with its own header.
type tableOut struct {
	b      *book
	s      *sheetSpec
	cols   []xcol
	part   int
	inPart int
	w      *sheetWriter
}

func (b *book) openTable(ctx context.Context, s *sheetSpec) (*tableOut, error) {
	cols, err := b.columns(s)
	if err != nil {
		return nil, xlsxErr(s.names[0], err)
	}
	if err := b.contentWidths(ctx, s, cols); err != nil {
		return nil, err
	}
	o := &tableOut{b: b, s: s, cols: cols}
	if o.w, err = b.startSheet(s.names[0], cols, o.partRows()); err != nil {
		return nil, xlsxErr(s.names[0], err)
	}
	return o, nil
}

// row writes o.w.vals.
func (o *tableOut) row() error {
	if o.inPart == o.b.cfg.sheetRows {
		if err := o.w.finish(); err != nil {
			return xlsxErr(o.w.name, err)
		}
		o.part++
		if o.part >= len(o.s.names) {
			return fmt.Errorf("xlsx %s: table %s has more rows than it had when the workbook was planned", o.s.names[0], o.s.table)
		}
		vals := o.w.vals
		w, err := o.b.startSheet(o.s.names[o.part], o.cols, o.partRows())
		if err != nil {
			return xlsxErr(o.s.names[o.part], err)
		}
		copy(w.vals, vals)
		o.w, o.inPart = w, 0
	}
	if err := o.w.add(o.w.vals); err != nil {
		return xlsxErr(o.w.name, err)
	}
	o.inPart++
	return nil
}

// partRows is the number of rows of the current part.
func (o *tableOut) partRows() int64 {
	n := o.s.rows - int64(o.part)*int64(o.b.cfg.sheetRows)
	return min(max(n, 0), int64(o.b.cfg.sheetRows))
}

func (o *tableOut) close() error {
	if err := o.w.finish(); err != nil {
		return xlsxErr(o.w.name, err)
	}
	return nil
}

// writeTable streams a table into its sheet(s) in insertion order: a table
// of the run from its Parquet file, features from DuckDB.
func (b *book) writeTable(ctx context.Context, s *sheetSpec) error {
	o, err := b.openTable(ctx, s)
	if err != nil {
		return err
	}
	if s.file != "" {
		err = b.parquetRows(ctx, s, o)
	} else {
		err = b.duckRows(ctx, s, o)
	}
	if err != nil {
		return err
	}
	return o.close()
}

// parquetRows reads a Parquet file one record batch at a time.
func (b *book) parquetRows(ctx context.Context, s *sheetSpec, o *tableOut) error {
	return readParquet(ctx, s.file, nil, func(rec arrow.RecordBatch) error {
		if int(rec.NumCols()) != len(o.cols) {
			return fmt.Errorf("xlsx %s: %s has %d columns, want %d", s.names[0], s.file, rec.NumCols(), len(o.cols))
		}
		get := make([]func(int) any, rec.NumCols())
		for c := range get {
			var err error
			if get[c], err = b.cells.arrowGetter(rec.Column(c)); err != nil {
				return fmt.Errorf("xlsx %s: column %s: %w", s.names[0], o.cols[c].name, err)
			}
		}
		for r := 0; r < int(rec.NumRows()); r++ {
			for c, g := range get {
				o.w.vals[c] = g(r)
			}
			if err := o.row(); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
}

// readParquet calls fn with each record batch of the file (columns: all
// when cols is nil).
func readParquet(ctx context.Context, path string, cols []int, fn func(arrow.RecordBatch) error) error {
	props := parquet.NewReaderProperties(memory.DefaultAllocator)
	props.BufferedStreamEnabled = true
	rdr, err := file.OpenParquetFile(path, false, file.WithReadProps(props))
	if err != nil {
		return parquetErr(path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 8192}, memory.DefaultAllocator)
	if err != nil {
		return parquetErr(path, err)
	}
	rr, err := fr.GetRecordReader(ctx, cols, nil)
	if err != nil {
		return parquetErr(path, err)
	}
	defer rr.Release()
	for rr.Next() {
		if err := fn(rr.RecordBatch()); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return parquetErr(path, err)
	}
	return nil
}

// duckRows reads a DuckDB table in slices of rowid: duckdb-go materializes
// a query's whole result, so one query would hold the whole table.
func (b *book) duckRows(ctx context.Context, s *sheetSpec, o *tableOut) error {
	exprs := make([]string, len(o.cols))
	for i, c := range o.cols {
		exprs[i] = c.expr
	}
	q := fmt.Sprintf("SELECT %s FROM %s WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid", strings.Join(exprs, ", "), ident(s.table))
	var maxRowID sql.NullInt64
	if err := b.conn.QueryRowContext(ctx, "SELECT max(rowid) FROM "+ident(s.table)).Scan(&maxRowID); err != nil {
		return duckErr("read "+s.table, err)
	}
	raw := make([]any, len(o.cols))
	ptrs := make([]any, len(o.cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for from := int64(0); maxRowID.Valid && from <= maxRowID.Int64; from += readSlice {
		if err := b.duckSlice(ctx, q, from, o, raw, ptrs); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) duckSlice(ctx context.Context, q string, from int64, o *tableOut, raw, ptrs []any) error {
	rows, err := b.conn.QueryContext(ctx, q, from, from+readSlice)
	if err != nil {
		return duckErr("read "+o.s.table, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return duckErr("read "+o.s.table, err)
		}
		for i, c := range o.cols {
			v, err := b.cells.value(c.kind, raw[i])
			if err != nil {
				return fmt.Errorf("xlsx %s: column %s: %w", o.w.name, c.name, err)
			}
			o.w.vals[i] = v
		}
		if err := o.row(); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return duckErr("read "+o.s.table, err)
	}
	return nil
}

// writeDictionary lists every column of every sheet.
func (b *book) writeDictionary() error {
	hdr := []string{"sheet", "table", "table_label", "column", "type", "label", "source_path", "description"}
	if b.cfg.headersZH {
		hdr = []string{"工作表", "表名", "表中文名", "列名", "类型", "中文名称", "来源路径", "说明"}
	}
	cols := make([]xcol, len(hdr))
	widths := []int{14, 20, 16, 30, 14, 24, 60, 60}
	for i, h := range hdr {
		cols[i] = xcol{header: h, style: b.st.text, width: widths[i]}
	}
	n := 0
	for _, s := range b.specs {
		n += len(s.cols)
	}
	w, err := b.startSheet(SheetDictionary, cols, int64(n))
	if err != nil {
		return err
	}
	for _, s := range b.specs {
		for _, c := range s.cols {
			var label, sources, desc string
			if s.schema != nil {
				if i := s.schema.Col(c.name); i >= 0 {
					sc := s.schema.Columns[i]
					label, desc, sources = sc.Label, sc.Comment, strings.Join(sc.Sources, " | ")
				}
			} else {
				label, desc, sources = splitComment(c.comment)
			}
			row := []any{s.names[0], s.table, s.label, c.name, c.typ, label, sources, desc}
			if err := w.add(row); err != nil {
				return err
			}
		}
	}
	return w.finish()
}

// writeReadme writes the first sheet: what the workbook is, the run, the
// sheets with their rows, and the inputs with their SHA-256.
func (b *book) writeReadme(ctx context.Context) error {
	w := &sheetWriter{f: b.f, name: SheetReadme}
	cell := func(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }
	kv := func(k string, v any) error {
		style := b.st.text
		switch v.(type) {
		case int64, int:
			style = b.st.integer
		case time.Time:
			style = b.st.timestamp
			v = float64(v.(time.Time).UnixMicro())/microsPerDay + excelEpochDays
		}
		return w.add([]any{cell(b.st.bold, k), cell(style, v)})
	}
	blank := func() error { return w.add(nil) }
	loadTime := func(k string) any {
		if t, ok := b.loads[k].(time.Time); ok {
			return t.UTC()
		}
		return ""
	}
	loadInt := func(k string) int64 {
		if n, ok := b.loads[k].(int64); ok {
			return n
		}
		return 0
	}
	loadStr := func(k string) string {
		if s, ok := b.loads[k].(string); ok {
			return s
		}
		return ""
	}
	var sheetRows = map[string]int64{}
	for _, s := range b.specs {
		sheetRows[s.table] = s.rows
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
		if s.table == "reports" {
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
		dictRows += int64(len(s.cols))
	}
	if err := w.add([]any{SheetReadme, "", nil, "this sheet"}); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	if err := w.add([]any{SheetDictionary, "", cell(b.st.integer, dictRows), "one row per column of every sheet: type, Chinese label, source path"}); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	for _, s := range b.specs {
		comment := "computed features, one row per report"
		if s.schema != nil {
			comment = s.schema.Comment
		}
		for p, name := range s.names {
			n := s.rows - int64(p)*int64(b.cfg.sheetRows)
			n = min(max(n, 0), int64(b.cfg.sheetRows))
			cont := ""
			switch {
			case len(s.names) > 1 && p == 0:
				cont = "continues on " + strings.Join(s.names[1:], ", ")
			case p > 0:
				first := int64(p)*int64(b.cfg.sheetRows) + 1
				cont = fmt.Sprintf("rows %d to %d of %s (%d in all)", first, first+n-1, s.table, s.rows)
			}
			if err := w.add([]any{name, s.table, cell(b.st.integer, n), comment, s.label, cont}); err != nil {
				return xlsxErr(SheetReadme, err)
			}
		}
	}
	if err := blank(); err != nil {
		return xlsxErr(SheetReadme, err)
	}

	if err := hdr("source_file", "report_id", "source_line", "source_sha256", "extracted_at (UTC)"); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	rt := schema.TableByName("reports")
	var idx []int
	for _, c := range []string{"source_file", "report_id", "source_line", "source_sha256", "extracted_at"} {
		idx = append(idx, rt.Col(c))
	}
	reports := filepath.Join(b.spool, "reports.parquet")
	err = readParquet(ctx, reports, idx, func(rec arrow.RecordBatch) error {
		get := make([]func(int) any, rec.NumCols())
		for c := range get {
			var err error
			if get[c], err = b.cells.arrowGetter(rec.Column(c)); err != nil {
				return fmt.Errorf("xlsx %s: %s: %w", SheetReadme, reports, err)
			}
		}
		row := make([]any, len(get))
		for r := 0; r < int(rec.NumRows()); r++ {
			for c, g := range get {
				row[c] = g(r)
			}
			if row[2] != nil {
				row[2] = cell(b.st.integer, row[2])
			}
			if row[4] != nil {
				row[4] = cell(b.st.timestamp, row[4])
			}
			if err := w.add(row); err != nil {
				return xlsxErr(SheetReadme, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return xlsxErr(SheetReadme, err)
	}
	return nil
}

// splitComment reads a DuckDB column comment written like EnsureTables and
// ComputeFeatures write them: "label — description [source: a | b]".
func splitComment(c string) (label, desc, sources string) {
	rest := c
	if i := strings.LastIndex(rest, " [source: "); i >= 0 && strings.HasSuffix(rest, "]") {
		sources, rest = rest[i+len(" [source: "):len(rest)-1], rest[:i]
	}
	label, desc, _ = strings.Cut(rest, " — ")
	return label, desc, sources
}

// xlsxErr translates excelize's errors: the sheet or file and the reason;
// file system errors underneath are classified by outputErr.
func xlsxErr(where string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return outputErr("xlsx "+where, err)
	}
	return fmt.Errorf("xlsx %s: %w", where, err)
}
