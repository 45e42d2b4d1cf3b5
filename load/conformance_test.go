package load

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"

	"creditetl/schema"
	"creditetl/transform"
)

// The conformance suite runs one fixture through every writer and reads each
// output back: the same tables, the same rows in the same order, the same
// typed values. The fixture is the canonical synthetic reports
// (testdata/synth, when present) and the seed example, flattened by
// transform, plus hand-made rows at the edges of every storage class.

const fixtureLoadID = "L1"

// edge values of the fixture.
const (
	edgeMaxCents  = 999_999_999_999_999_999 // 9,999,999,999,999,999.99: beyond Excel's 15 digits
	edge15Cents   = 999_999_999_999_999     // 9,999,999,999,999.99: the largest amount Excel holds exactly
	edgeID18      = "11010519491231002X"
	edgeAccount22 = "6222020200112233445566"
	edgeMicros    = 1433153115123456 // 2015-06-01 10:05:15.123456
	edgeOldDays   = -25600           // 1899-11-29: before Excel's first right serial
	edgeOldMicros = -2208988800000000 + 3723000000
)

// conformanceFixture returns the batches of the fixture in the order the
// pipeline sends them (report tables, then loads and load_failures).
func conformanceFixture(t *testing.T) []schema.Batch {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.json"))
	files = append(files, filepath.Join("..", "schema", "seed", "response-example.json"))
	flat := transform.NewFlattener(fixtureLoadID, nil)
	defer flat.Release()
	extracted := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := schema.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])
		src := transform.Source{File: f, SHA256: h, ResponseSHA256: h}
		if i%2 == 0 {
			src.ExtractedAt = extracted
		}
		flat.Add(rep, src)
	}
	out := flat.Flush()
	out = append(out,
		rowBatch(t, "reports", map[string]schema.Value{
			"report_id": text("EDGE"), "load_id": text(fixtureLoadID), "name": text("张三"), "id_number": text(edgeID18),
			"report_time": num(edgeMicros), "report_date": num(16587), "birth_date": num(edgeOldDays),
			"extracted_at": num(edgeOldMicros), "source_file": text("扫描/报告 1.pdf"), "source_sha256": text(strings.Repeat("ab", 32)),
		}),
		rowBatch(t, "accounts",
			map[string]schema.Value{"account_id": text("EDGE:D1:1"), "report_id": text("EDGE"), "account_type": text("D1"), "seq": num(1),
				"load_id": text(fixtureLoadID), "balance": num(edgeMaxCents), "loan_amount": num(-12345), "credit_limit": num(1),
				"used_amount": num(edge15Cents), "overdue_amount": num(-edgeMaxCents), "open_date": num(-1766), "account_number": text(edgeAccount22),
				"institution": text("=SUM(A1:A2)"), "overdue_periods": num(math.MaxInt32)},
			map[string]schema.Value{"account_id": text("EDGE:D1:2"), "report_id": text("EDGE"), "account_type": text("D1"), "seq": num(2),
				"load_id": text(fixtureLoadID), "balance": num(0), "open_date": num(0), "status": text("  leading and trailing  ")},
		),
		rowBatch(t, "phones",
			map[string]schema.Value{"report_id": text("EDGE"), "seq": num(1), "phone": text("01012345678"), "load_id": text(fixtureLoadID)},
			map[string]schema.Value{"report_id": text("EDGE"), "seq": num(2), "phone": text("13800138000"), "load_id": text(fixtureLoadID)},
		),
		rowBatch(t, "loads", map[string]schema.Value{"load_id": text(fixtureLoadID), "started_at": num(edgeMicros), "finished_at": num(edgeMicros + 2_500_000),
			"tool_version": text("test"), "inputs": text(`["testdata/synth"]`), "reports": num(int64(len(files) + 1)), "rejects": num(3),
			"failures": num(1), "replaced": num(0), "unknown_fields": num(math.MaxInt64)}),
		rowBatch(t, "load_failures", map[string]schema.Value{"load_id": text(fixtureLoadID), "source_file": text("bad.jsonl"), "source_line": num(7), "reason": text("line 7: invalid JSON")}),
	)
	return out
}

// rowsOf collects the rows of the batches per table.
func rowsOf(batches []schema.Batch) map[string][][]schema.Value {
	out := map[string][][]schema.Value{}
	for _, b := range batches {
		rec := b.Record
		for r := 0; r < int(rec.NumRows()); r++ {
			row := make([]schema.Value, rec.NumCols())
			for c := range row {
				row[c] = schema.ValueAt(rec.Column(c), r)
			}
			out[b.Table.Name] = append(out[b.Table.Name], row)
		}
	}
	return out
}

// runSink writes the batches through a sink (each batch retained, since a
// sink releases what it is given), report tables first, and commits.
func runSink(t *testing.T, s Sink, batches []schema.Batch) Committed {
	t.Helper()
	ctx := context.Background()
	for _, perReport := range []bool{true, false} {
		for _, b := range batches {
			if b.Table.PerReport == perReport {
				b.Record.Retain()
				if err := s.Write(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	c, err := s.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// typedSelect reads a table's columns as schema.Value storage: money as
// cents, dates as days, timestamps as microseconds.
func typedSelect(tb *schema.Table) string {
	exprs := make([]string, len(tb.Columns))
	for i, c := range tb.Columns {
		col := Ident(c.Name)
		switch c.Storage {
		case schema.StorString:
			exprs[i] = col
		case schema.StorCents:
			exprs[i] = "CAST(CAST(" + col + " AS DECIMAL(20,2)) * 100 AS BIGINT)"
		case schema.StorDays:
			exprs[i] = "datediff('day', DATE '1970-01-01', " + col + ")"
		case schema.StorMicros:
			exprs[i] = "epoch_us(" + col + ")"
		default:
			exprs[i] = "CAST(" + col + " AS BIGINT)"
		}
	}
	return "SELECT " + strings.Join(exprs, ", ") + " FROM " + Ident(tb.Name)
}

// readDuckTables reads every table of schema.Tables() through conn.
func readDuckTables(t *testing.T, conn *sql.Conn) map[string][][]schema.Value {
	t.Helper()
	out := map[string][][]schema.Value{}
	for _, tb := range schema.Tables() {
		rows, err := conn.QueryContext(context.Background(), typedSelect(tb))
		if err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		raw := make([]any, len(tb.Columns))
		ptrs := make([]any, len(raw))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]schema.Value, len(raw))
			for i, v := range raw {
				switch v := v.(type) {
				case nil:
				case string:
					row[i] = schema.TextValue(v)
				case int64:
					row[i] = schema.IntValue(v)
				default:
					t.Fatalf("%s.%s: %T", tb.Name, tb.Columns[i].Name, v)
				}
			}
			out[tb.Name] = append(out[tb.Name], row)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

func withDuckConn(t *testing.T, path string, fn func(*sql.Conn)) {
	t.Helper()
	db, err := OpenDuckDBSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fn(conn)
}

// readParquetTables reads every file of a Parquet output with pqarrow.
func readParquetTables(t *testing.T, dir string) map[string][][]schema.Value {
	t.Helper()
	out := map[string][][]schema.Value{}
	for _, tb := range schema.Tables() {
		rdr, err := file.OpenParquetFile(filepath.Join(dir, tb.Name+".parquet"), false)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 1000}, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		rr, err := fr.GetRecordReader(context.Background(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for rr.Next() {
			rec := rr.RecordBatch()
			if int(rec.NumCols()) != len(tb.Columns) {
				t.Fatalf("%s: %d columns, want %d", tb.Name, rec.NumCols(), len(tb.Columns))
			}
			for r := 0; r < int(rec.NumRows()); r++ {
				row := make([]schema.Value, rec.NumCols())
				for c := range row {
					row[c] = schema.ValueAt(rec.Column(c), r)
				}
				out[tb.Name] = append(out[tb.Name], row)
			}
		}
		if err := rr.Err(); err != nil {
			t.Fatal(err)
		}
		rr.Release()
		rdr.Close()
	}
	return out
}

// xlsxSheetOf is the sheet a table starts on.
func xlsxSheetOf(table string) string {
	switch table {
	case "rejects":
		return SheetRejects
	case "load_failures":
		return SheetFailures
	}
	return table
}

// readXLSXTables reads every table back from a workbook (following its
// continuation sheets), checking each part's header; cells become values
// by the column's storage class.
func readXLSXTables(t *testing.T, path string, zh bool) map[string][][]schema.Value {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	// A table without rows has no sheet when the README lists it so.
	readmeSheet := SheetReadme
	if zh {
		readmeSheet = SheetReadmeZH
	}
	readme, err := f.GetRows(readmeSheet)
	if err != nil {
		t.Fatal(err)
	}
	noSheet := map[string]bool{}
	for _, r := range readme {
		if len(r) >= 6 && r[0] == readmeEN.noSheet && r[2] == "0" && (r[5] == readmeEN.noRows || r[5] == readmeZH.noRows) {
			noSheet[r[1]] = true
		}
	}
	out := map[string][][]schema.Value{}
	for _, tb := range schema.Tables() {
		base := xlsxSheetOf(tb.Name)
		if zh {
			base = tb.Label
		}
		for part := 1; ; part++ {
			name := base
			if part > 1 {
				name = fmt.Sprintf("%s_%d", base, part)
			}
			if !sheets[name] {
				if part == 1 && !noSheet[tb.Name] {
					t.Fatalf("no sheet %s, and the README does not list table %s as empty", name, tb.Name)
				}
				break
			}
			if noSheet[tb.Name] {
				t.Fatalf("table %s has sheet %s, and the README lists it as empty", tb.Name, name)
			}
			rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatalf("sheet %s has no header", name)
			}
			for i, c := range tb.Columns {
				want := c.Name
				if zh {
					want = c.Label
				}
				if i >= len(rows[0]) || !strings.HasPrefix(rows[0][i], want) {
					t.Fatalf("sheet %s header %d: %q, want %q", name, i, rows[0], want)
				}
			}
			for _, cells := range rows[1:] {
				row := make([]schema.Value, len(tb.Columns))
				for i, c := range tb.Columns {
					if i < len(cells) && cells[i] != "" {
						v, err := xlsxValue(c.Storage, cells[i])
						if err != nil {
							t.Fatalf("sheet %s column %s: %v", name, c.Name, err)
						}
						row[i] = v
					}
				}
				out[tb.Name] = append(out[tb.Name], row)
			}
		}
	}
	return out
}

// xlsxValue reads a raw cell back into a value of the storage class.
func xlsxValue(s schema.Storage, raw string) (schema.Value, error) {
	switch s {
	case schema.StorString:
		return schema.TextValue(raw), nil
	case schema.StorCents:
		c, err := parseCents(raw)
		return schema.IntValue(c), err
	case schema.StorInt32, schema.StorInt64:
		n, err := strconv.ParseInt(raw, 10, 64)
		return schema.IntValue(n), err
	case schema.StorDays:
		if d, err := time.Parse(time.DateOnly, raw); err == nil {
			return schema.IntValue(d.Unix() / 86400), nil
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		return schema.IntValue(n - excelEpochDays), err
	case schema.StorMicros:
		if ts, err := time.Parse("2006-01-02 15:04:05.999999", raw); err == nil {
			return schema.IntValue(ts.UnixMicro()), nil
		}
		f, err := strconv.ParseFloat(raw, 64)
		return schema.IntValue(roundMillis(int64(math.Round((f - excelEpochDays) * microsPerDay)))), err
	}
	return schema.NullValue, fmt.Errorf("storage %d", s)
}

// parseCents reads an exact decimal text as hundredths.
func parseCents(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) > 2 {
		return 0, fmt.Errorf("%q has more than 2 decimals", s)
	}
	fp += strings.Repeat("0", 2-len(fp))
	c, err := strconv.ParseInt(ip+fp, 10, 64)
	if neg {
		c = -c
	}
	return c, err
}

// roundMillis rounds microseconds to the millisecond: Excel keeps a time of
// day to about 10 µs, and shows milliseconds at most.
func roundMillis(us int64) int64 {
	return int64(math.Round(float64(us)/1000)) * 1000
}

// compareTables reports every difference between want and got, table by
// table, with norm applied to the wanted values.
func compareTables(t *testing.T, writer string, want, got map[string][][]schema.Value, norm func(schema.Storage, schema.Value) schema.Value) {
	t.Helper()
	for _, tb := range schema.Tables() {
		w, g := want[tb.Name], got[tb.Name]
		if len(w) != len(g) {
			t.Errorf("%s: table %s has %d rows, want %d", writer, tb.Name, len(g), len(w))
			continue
		}
		bad := 0
		for r := range w {
			for c, col := range tb.Columns {
				wv := w[r][c]
				if norm != nil && wv.Valid {
					wv = norm(col.Storage, wv)
				}
				if wv != g[r][c] {
					if bad < 5 {
						t.Errorf("%s: %s row %d column %s: got %+v, want %+v", writer, tb.Name, r+1, col.Name, g[r][c], wv)
					}
					bad++
				}
			}
		}
		if bad > 5 {
			t.Errorf("%s: %s: %d differences in all", writer, tb.Name, bad)
		}
	}
}

// ConformanceCase reads an output of one format back: its tables, and the
// features the fake engine wrote (report_id → x).
type ConformanceCase struct {
	Target string // the output's name in a temporary folder
	// open opens the sink; nil opens it through the registered format.
	Open         func(ctx context.Context, path string, o Options, want map[string][][]schema.Value) (Sink, error)
	Read         func(t *testing.T, path string) map[string][][]schema.Value
	ReadFeatures func(t *testing.T, path string) map[string]int64
	Norm         func(schema.Storage, schema.Value) schema.Value
}

// ConformanceCases are the readers of every registered format; a format
// registered without one fails TestConformance.
var ConformanceCases = map[string]ConformanceCase{
	"duckdb": {
		Target: "out.duckdb",
		Read: func(t *testing.T, path string) (out map[string][][]schema.Value) {
			withDuckConn(t, path, func(conn *sql.Conn) { out = readDuckTables(t, conn) })
			return out
		},
		ReadFeatures: func(t *testing.T, path string) map[string]int64 {
			return featureMap(t, path, "SELECT report_id, x FROM features")
		},
	},
	"parquet": {
		Target: "parquet",
		Read: func(t *testing.T, path string) map[string][][]schema.Value {
			out := readParquetTables(t, path)
			// The same SQL over views of the folder (what features runs)
			// reads the same rows.
			withDuckConn(t, "", func(conn *sql.Conn) {
				if err := ParquetViews(context.Background(), conn, path); err != nil {
					t.Fatal(err)
				}
				compareTables(t, "parquet (duckdb views)", out, readDuckTables(t, conn), nil)
			})
			return out
		},
		ReadFeatures: func(t *testing.T, path string) map[string]int64 {
			return featureMap(t, "", "SELECT report_id, x FROM "+Quote(filepath.Join(path, FeaturesFile)))
		},
	},
	"xlsx": {
		Target: "book.xlsx",
		Open: func(ctx context.Context, path string, o Options, want map[string][][]schema.Value) (Sink, error) {
			s, err := OpenXLSX(ctx, path, fixtureLoadID, o)
			if err != nil {
				return nil, err
			}
			// Sheets small enough that the largest table continues on
			// name_2 and name_3.
			largest := 0
			for _, rows := range want {
				largest = max(largest, len(rows))
			}
			s.sheetRows = largest/3 + 1
			return s, nil
		},
		Read: func(t *testing.T, path string) map[string][][]schema.Value { return readXLSXTables(t, path, false) },
		ReadFeatures: func(t *testing.T, path string) map[string]int64 {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(SheetFeatures, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]int64{}
			for _, r := range rows[1:] {
				n, _ := strconv.ParseInt(r[2], 10, 64)
				out[r[0]] = n
			}
			return out
		},
		Norm: func(st schema.Storage, v schema.Value) schema.Value {
			if st == schema.StorMicros && v.I >= xlsxMinDays*microsPerDay {
				v.I = roundMillis(v.I)
			}
			return v
		},
	},
}

func featureMap(t *testing.T, path, q string) map[string]int64 {
	out := map[string]int64{}
	withDuckConn(t, path, func(conn *sql.Conn) {
		rows, err := conn.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var x int64
			if err := rows.Scan(&id, &x); err != nil {
				t.Fatal(err)
			}
			out[id] = x
		}
	})
	return out
}

// The conformance suite: every registered format writes the fixture with
// the (fake) feature engine, and reads back the same tables, rows and typed
// values, and one feature row per report.
func TestConformance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	batches := conformanceFixture(t)
	defer func() {
		for _, b := range batches {
			b.Record.Release()
		}
	}()
	want := rowsOf(batches)
	for _, name := range []string{"reports", "accounts", "repayments", "queries", "rejects", "loads", "load_failures"} {
		if len(want[name]) == 0 {
			t.Fatalf("the fixture has no %s rows", name)
		}
	}
	wantFeatures := map[string]int64{}
	for _, r := range want["reports"] {
		wantFeatures[r[0].S] = int64(len([]rune(r[0].S)))
	}
	dir := t.TempDir()
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			cc, ok := ConformanceCases[f.Name]
			if !ok {
				t.Fatalf("format %s has no conformance reader: add it to ConformanceCases", f.Name)
			}
			path := filepath.Join(dir, cc.Target)
			o := Options{Features: fakeEngine{}}
			var s Sink
			var err error
			if cc.Open != nil {
				s, err = cc.Open(ctx, path, o, want)
			} else {
				s, err = f.Open(ctx, path, fixtureLoadID, o)
			}
			if err != nil {
				t.Fatal(err)
			}
			c := runSink(t, s, batches)
			compareTables(t, f.Name, want, cc.Read(t, path), cc.Norm)
			if !f.Features {
				return
			}
			if c.FeatureRows != int64(len(wantFeatures)) {
				t.Errorf("Commit says %d feature rows, want %d", c.FeatureRows, len(wantFeatures))
			}
			if got := cc.ReadFeatures(t, path); !maps.Equal(got, wantFeatures) {
				t.Errorf("features\n got %v\nwant %v", got, wantFeatures)
			}
		})
	}
}
