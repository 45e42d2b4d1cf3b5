package pboc_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"creditetl/input/pboc"
	"creditetl/internal/testutil"
	"creditetl/schema"
	"creditetl/transform"
)

// fixtureDir holds the 19 real interface reports, gzipped.
var fixtureDir = filepath.Join("..", "..", "testdata", "interface")

type fixture struct {
	name string // the report's file name, without .gz
	data []byte
}

// fixtures reads the real reports (gunzipped), by name.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	dir := testutil.Gunzip(t, filepath.Join(fixtureDir, "*.json.gz"))
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) != 19 {
		t.Fatalf("want the 19 real reports in %s, found %d (%v)", fixtureDir, len(paths), err)
	}
	sort.Strings(paths)
	var out []fixture
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixture{name: filepath.Base(p), data: data})
	}
	return out
}

// row is one output row: column → value as text; a NULL is absent.
type row map[string]string

// flat is what the flattener makes of reports: rows per table.
type flat map[string][]row

// flatten decodes interface reports and flattens them, as the pipeline does.
func flatten(t testing.TB, reports ...[]byte) flat {
	t.Helper()
	f := transform.NewFlattener("test", nil)
	defer f.Release()
	for i, data := range reports {
		rep, err := pboc.Decode(data)
		if err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
		f.Add(rep, transform.Source{Format: "interface", File: "r.json", SHA256: "00"})
	}
	out := flat{}
	for _, b := range f.Flush() {
		rec := b.Record
		for r := 0; r < int(rec.NumRows()); r++ {
			rw := row{}
			for c := 0; c < int(rec.NumCols()); c++ {
				col := rec.Column(c)
				if col.IsNull(r) {
					continue
				}
				rw[b.Table.Columns[c].Name] = col.ValueStr(r)
			}
			out[b.Table.Name] = append(out[b.Table.Name], rw)
		}
		rec.Release()
	}
	return out
}

// where returns the rows of a table whose columns have the given values.
func (fl flat) where(table string, kv ...string) []row {
	var out []row
	for _, r := range fl[table] {
		ok := true
		for i := 0; i+1 < len(kv); i += 2 {
			if r[kv[i]] != kv[i+1] {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// one returns the single row that matches, or fails.
func (fl flat) one(t testing.TB, table string, kv ...string) row {
	t.Helper()
	rs := fl.where(table, kv...)
	if len(rs) != 1 {
		t.Fatalf("%s %v: %d rows, want 1", table, kv, len(rs))
	}
	return rs[0]
}

// decodeOK decodes a report that must decode.
func decodeOK(t testing.TB, data string) *schema.Report {
	t.Helper()
	rep, err := pboc.Decode([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
