package load_test

// An output format added in one file: a folder of CSV files, registered with
// one call, run through the writer conformance suite (TestConformance
// iterates every registered format) and through the pipeline. It shows what
// adding a format takes; it is not a product format.

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"creditetl/internal/pipeline"
	"creditetl/load"
	"creditetl/schema"
)

func init() {
	load.Register(load.Format{
		Name:       "csvdir",
		Usage:      "a folder of CSV files, one per table (an example format of the tests)",
		Extensions: []string{".csvdir"},
		Open: func(ctx context.Context, target, loadID string, o load.Options) (load.Sink, error) {
			work := target + ".partial"
			if err := os.Mkdir(work, 0o755); err != nil {
				return nil, err
			}
			return &csvSink{dir: target, work: work, files: map[string]*csvFile{}}, nil
		},
	})
	load.ConformanceCases["csvdir"] = load.ConformanceCase{Target: "out.csvdir", Read: readCSVDir}
}

type csvFile struct {
	f *os.File
	w *csv.Writer
}

type csvSink struct {
	dir, work string
	files     map[string]*csvFile
}

func (s *csvSink) file(t *schema.Table) (*csvFile, error) {
	if cf := s.files[t.Name]; cf != nil {
		return cf, nil
	}
	f, err := os.Create(filepath.Join(s.work, t.Name+".csv"))
	if err != nil {
		return nil, err
	}
	cf := &csvFile{f: f, w: csv.NewWriter(f)}
	var head []string
	for _, c := range t.Columns {
		head = append(head, c.Name)
	}
	s.files[t.Name] = cf
	return cf, cf.w.Write(head)
}

func (s *csvSink) Write(ctx context.Context, b schema.Batch) error {
	defer b.Record.Release()
	cf, err := s.file(b.Table)
	if err != nil {
		return err
	}
	rec := make([]string, b.Record.NumCols())
	for r := 0; r < int(b.Record.NumRows()); r++ {
		for c, col := range b.Table.Columns {
			rec[c] = csvText(col.Storage, schema.ValueAt(b.Record.Column(c), r))
		}
		if err := cf.w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

func (s *csvSink) Commit(ctx context.Context) (load.Committed, error) {
	for _, t := range schema.Tables() {
		if _, err := s.file(t); err != nil {
			return load.Committed{}, err
		}
	}
	for _, cf := range s.files {
		cf.w.Flush()
		if err := cf.w.Error(); err != nil {
			return load.Committed{}, err
		}
		if err := cf.f.Close(); err != nil {
			return load.Committed{}, err
		}
	}
	return load.Committed{}, os.Rename(s.work, s.dir)
}

func (s *csvSink) Abort() error {
	for _, cf := range s.files {
		cf.f.Close()
	}
	return os.RemoveAll(s.work)
}

// csvText writes a value: money as its exact decimal, dates as ISO dates,
// timestamps to the microsecond; NULL is "\N".
func csvText(st schema.Storage, v schema.Value) string {
	if !v.Valid {
		return `\N`
	}
	switch st {
	case schema.StorString:
		return v.S
	case schema.StorCents:
		sign, c := "", v.I
		if c < 0 {
			sign, c = "-", -c
		}
		return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
	case schema.StorDays:
		return time.Unix(v.I*86400, 0).UTC().Format(time.DateOnly)
	case schema.StorMicros:
		return time.UnixMicro(v.I).UTC().Format("2006-01-02 15:04:05.000000")
	case schema.StorFloat64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return strconv.FormatInt(v.I, 10)
}

func csvValue(st schema.Storage, s string) (schema.Value, error) {
	if s == `\N` {
		return schema.NullValue, nil
	}
	switch st {
	case schema.StorString:
		return schema.TextValue(s), nil
	case schema.StorCents:
		neg := strings.HasPrefix(s, "-")
		ip, fp, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
		c, err := strconv.ParseInt(ip+fp, 10, 64)
		if neg {
			c = -c
		}
		return schema.IntValue(c), err
	case schema.StorDays:
		d, err := time.Parse(time.DateOnly, s)
		return schema.IntValue(d.Unix() / 86400), err
	case schema.StorMicros:
		ts, err := time.Parse("2006-01-02 15:04:05.000000", s)
		return schema.IntValue(ts.UnixMicro()), err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return schema.IntValue(n), err
}

func readCSVDir(t *testing.T, dir string) map[string][][]schema.Value {
	out := map[string][][]schema.Value{}
	for _, tb := range schema.Tables() {
		f, err := os.Open(filepath.Join(dir, tb.Name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] {
			row := make([]schema.Value, len(tb.Columns))
			for i, c := range tb.Columns {
				if row[i], err = csvValue(c.Storage, rec[i]); err != nil {
					t.Fatalf("%s.%s: %v", tb.Name, c.Name, err)
				}
			}
			out[tb.Name] = append(out[tb.Name], row)
		}
	}
	return out
}

// The example format works end to end: the pipeline picks it by the
// extension of -o and writes every table.
func TestExampleFormatThroughPipeline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reports.csvdir")
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{
		Inputs: []string{filepath.Join("..", "testdata", "synth")}, Output: out, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != "csvdir" || sum.Reports != 12 {
		t.Fatalf("summary %+v", sum)
	}
	got := readCSVDir(t, out)
	if n := int64(len(got["accounts"])); n != sum.Rows["accounts"] || n == 0 {
		t.Errorf("accounts.csv has %d rows, the run says %d", n, sum.Rows["accounts"])
	}
}
