package load

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/xuri/excelize/v2"

	"creditetl/schema"
)

// sheetSpec is one table and the sheet(s) it fills.
type sheetSpec struct {
	src   SheetSource
	rows  int64
	names []string // first sheet, then name_2, name_3 …
}

func spoolFile(dir, table string) string { return filepath.Join(dir, table+".parquet") }

// plan counts every source's rows (from the Parquet footer) and names its
// sheets: a table over cfg.sheetRows rows continues on name_2, name_3 …; a
// table without rows has no sheet (it is in b.empty) unless cfg.allSheets.
func (b *book) plan(sources []SheetSource) error {
	used := map[string]bool{strings.ToLower(b.readmeSheet()): true, strings.ToLower(b.dictionarySheet()): true}
	for _, src := range sources {
		n, err := parquetNumRows(src.File)
		if err != nil {
			return err
		}
		s := &sheetSpec{src: src, rows: n}
		if n == 0 && !b.cfg.allSheets {
			b.empty = append(b.empty, s)
			continue
		}
		parts := 1
		if s.rows > 0 {
			parts = int((s.rows + int64(b.cfg.sheetRows) - 1) / int64(b.cfg.sheetRows))
		}
		for p := 1; p <= parts; p++ {
			s.names = append(s.names, sheetName(src.Name, p, used))
		}
		b.specs = append(b.specs, s)
	}
	return nil
}

func parquetNumRows(path string) (int64, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, parquetErr(path, err)
	}
	defer rdr.Close()
	return rdr.NumRows(), nil
}

// readLoadsRow reads the row of run loadID from the spool's loads table.
func readLoadsRow(ctx context.Context, spool, loadID string) (map[string]schema.Value, error) {
	t := schema.TableByName("loads")
	out := map[string]schema.Value{}
	err := readParquet(ctx, spoolFile(spool, t.Name), nil, func(rec arrow.RecordBatch) error {
		for r := 0; r < int(rec.NumRows()); r++ {
			if schema.ValueAt(rec.Column(t.Col("load_id")), r).S != loadID {
				continue
			}
			for i, c := range t.Columns {
				out[c.Name] = schema.ValueAt(rec.Column(i), r)
			}
		}
		return nil
	})
	return out, err
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
