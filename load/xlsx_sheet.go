package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"

	"creditetl/schema"
)

// xcol is a column of a data sheet.
type xcol struct {
	name, header string
	storage      schema.Storage
	style        int
	width        int
}

// columns plans the columns of a sheet from the table's columns: header
// (the name, or with --headers zh the Chinese label; a label used twice in
// the table gets its column name added), style and a base width, all from
// the column's storage.
func (b *book) columns(t *schema.Table) []xcol {
	labels := map[string]int{}
	label := func(c schema.Column) string {
		if c.Label != "" {
			return c.Label
		}
		return c.Name
	}
	for _, c := range t.Columns {
		labels[label(c)]++
	}
	cols := make([]xcol, len(t.Columns))
	for i, c := range t.Columns {
		x := xcol{name: c.Name, header: c.Name, storage: c.Storage}
		if b.cfg.headersZH {
			x.header = label(c)
			if labels[x.header] > 1 {
				x.header += "(" + c.Name + ")"
			}
		}
		switch c.Storage {
		case schema.StorString:
			x.style, x.width = b.st.text, 8
		case schema.StorInt32, schema.StorInt64:
			x.style, x.width = b.st.integer, 8
		case schema.StorCents:
			x.style, x.width = b.st.money, 14
		case schema.StorFloat64:
			x.style, x.width = b.st.float, 10
		case schema.StorDays:
			x.style, x.width = b.st.date, 11
		case schema.StorMicros:
			x.style, x.width = b.st.timestamp, 19
		}
		x.width = max(x.width, displayWidth(x.header, maxColWidth))
		cols[i] = x
	}
	return cols
}

// widthSample is how many rows the content widths are taken from, and
// maxColWidth the widest a column gets from its content.
const (
	widthSample = 100_000
	maxColWidth = 60
)

var errEnough = errors.New("enough rows")

// contentWidths widens text and money columns to their longest value among
// the first widthSample rows, up to maxColWidth characters. It reads the
// Parquet file in Go: a value of any length costs no more than maxColWidth
// characters of work.
func (b *book) contentWidths(ctx context.Context, s *sheetSpec, cols []xcol) error {
	var idx []int
	for i, c := range cols {
		if c.storage == schema.StorString || c.storage == schema.StorCents {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 || s.rows == 0 {
		return nil
	}
	seen := 0
	err := readParquet(ctx, s.src.File, idx, func(rec arrow.RecordBatch) error {
		for j, i := range idx {
			col := rec.Column(j)
			for r := 0; r < int(rec.NumRows()) && cols[i].width < maxColWidth; r++ {
				if col.IsNull(r) {
					continue
				}
				var w int
				switch a := col.(type) {
				case *array.String:
					w = displayWidth(a.Value(r), maxColWidth)
				case *array.Decimal128:
					w = len(formatDecimal(int64(a.Value(r).LowBits()), 2)) + 4
				}
				cols[i].width = max(cols[i].width, min(w, maxColWidth))
			}
		}
		if seen += int(rec.NumRows()); seen >= widthSample {
			return errEnough
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		return nil
	}
	return err
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
	if err := b.printSetup(name, true, false); err != nil {
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

// finish sets the autofilter over the header and the rows, flushes, and
// moves the sheet's rows out of memory (spillStreamBuffer).
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

// row writes o.w.vals.
func (o *tableOut) row() error {
	if o.inPart == o.b.cfg.sheetRows {
		if err := o.w.finish(); err != nil {
			return xlsxErr(o.w.name, err)
		}
		o.part++
		if o.part >= len(o.s.names) {
			return fmt.Errorf("xlsx %s: table %s has more rows than it had when the workbook was planned", o.s.names[0], o.s.src.Table.Name)
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

// writeTable streams a table from its Parquet file, one record batch at a
// time, into its sheet(s) in file order.
func (b *book) writeTable(ctx context.Context, s *sheetSpec) error {
	t := s.src.Table
	cols := b.columns(t)
	if err := b.contentWidths(ctx, s, cols); err != nil {
		return err
	}
	o := &tableOut{b: b, s: s, cols: cols}
	var err error
	if o.w, err = b.startSheet(s.names[0], cols, o.partRows()); err != nil {
		return xlsxErr(s.names[0], err)
	}
	err = readParquet(ctx, s.src.File, nil, func(rec arrow.RecordBatch) error {
		if int(rec.NumCols()) != len(cols) {
			return fmt.Errorf("xlsx %s: %s has %d columns, table %s has %d", s.names[0], s.src.File, rec.NumCols(), t.Name, len(cols))
		}
		get := make([]func(int) any, len(cols))
		for c := range get {
			var err error
			if get[c], err = b.cells.getter(cols[c].storage, rec.Column(c)); err != nil {
				return fmt.Errorf("xlsx %s: column %s: %w", s.names[0], cols[c].name, err)
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
	if err != nil {
		return err
	}
	if err := o.w.finish(); err != nil {
		return xlsxErr(o.w.name, err)
	}
	return nil
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
