package pipeline_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"creditetl/features"
	"creditetl/internal/pipeline"
	"creditetl/internal/testutil"
	"creditetl/load"
	"creditetl/schema"
)

// reportFiles are testdata/synth reports first..last.
func reportFiles(first, last int) []string {
	var out []string
	for i := first; i <= last; i++ {
		out = append(out, filepath.Join("..", "..", "testdata", "synth", fmt.Sprintf("report-%05d.json", i)))
	}
	return out
}

// contents reads every per-report table and the features through conn,
// without load_id, as sorted lines: what "the current rows" are whatever
// the loads were.
func contents(t *testing.T, conn *sql.Conn) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	names := []string{"features"}
	for _, tb := range schema.Tables() {
		if tb.PerReport {
			names = append(names, tb.Name)
		}
	}
	for _, name := range names {
		q := fmt.Sprintf(`SELECT CAST(COLUMNS(c -> c <> 'load_id') AS VARCHAR) FROM %s`, load.Ident(name))
		rows, err := conn.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := rows.Columns()
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				parts[i] = cols[i] + "=" + v.String
				if !v.Valid {
					parts[i] = cols[i] + "=NULL"
				}
			}
			out[name] = append(out[name], strings.Join(parts, "|"))
		}
		rows.Close()
		slices.Sort(out[name])
	}
	return out
}

func duckContents(t *testing.T, path string) map[string][]string {
	db := testutil.OpenDuckDB(t, path)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	return contents(t, conn)
}

func lakeContents(t *testing.T, dir string) map[string][]string {
	db := testutil.OpenDuckDB(t, "")
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := load.CreateLakeViews(context.Background(), conn, dir); err != nil {
		t.Fatal(err)
	}
	return contents(t, conn)
}

// A lender loads every day: three loads of overlapping report sets into one
// lake and one DuckDB file give the same current rows and the same features
// in both, equal to a single load of the union.
func TestDailyLoads(t *testing.T) {
	ctx := context.Background()
	days := [][2]int{{1, 6}, {4, 9}, {8, 12}}
	out := t.TempDir()
	lake := filepath.Join(out, "lake")
	duck := filepath.Join(out, "daily.duckdb")
	for i, d := range days {
		in := reportFiles(d[0], d[1])
		lo := pipeline.LoadOptions{Inputs: in, Output: lake, Version: "test"}
		if i == 0 {
			lo.Sink.Layout = load.LayoutLake
		}
		sum, err := pipeline.Load(ctx, lo)
		if err != nil {
			t.Fatalf("day %d lake: %v", i+1, err)
		}
		if want := int64(max(0, (days[max(i-1, 0)][1]-d[0])+1)); i > 0 && sum.Replaced != want {
			t.Errorf("day %d lake: %d superseded, want %d", i+1, sum.Replaced, want)
		}
		dsum, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: in, Output: duck, Version: "test"})
		if err != nil {
			t.Fatalf("day %d duckdb: %v", i+1, err)
		}
		if len(dsum.Warnings) > 0 {
			t.Errorf("day %d duckdb: %q", i+1, dsum.Warnings)
		}
	}
	union := filepath.Join(out, "union.duckdb")
	if _, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: reportFiles(1, 12), Output: union, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	want := duckContents(t, union)
	if len(want["reports"]) != 12 || len(want["features"]) != 12 || len(want["repayments"]) == 0 {
		t.Fatalf("the union has %d reports, %d feature rows", len(want["reports"]), len(want["features"]))
	}
	for name, got := range map[string]map[string][]string{"duckdb": duckContents(t, duck), "lake": lakeContents(t, lake)} {
		for table, rows := range want {
			if !slices.Equal(got[table], rows) {
				t.Errorf("%s: table %s differs from a single load of the union: %d rows, want %d", name, table, len(got[table]), len(rows))
				for i := range min(len(rows), len(got[table])) {
					if got[table][i] != rows[i] {
						t.Errorf("first difference:\n got %s\nwant %s", got[table][i], rows[i])
						break
					}
				}
			}
		}
	}
	// features of the lake recomputed by the features command give the same.
	if _, err := features.RunLake(ctx, lake, features.Options{}); err != nil {
		t.Fatal(err)
	}
	if got := lakeContents(t, lake)["features"]; !slices.Equal(got, want["features"]) {
		t.Errorf("recomputed lake features differ")
	}
	// And a compacted lake too.
	if _, err := load.CompactLake(ctx, lake, pipeline.NewLoadID(time.Now()), "test", time.Now); err != nil {
		t.Fatal(err)
	}
	got := lakeContents(t, lake)
	for table, rows := range want {
		if !slices.Equal(got[table], rows) {
			t.Errorf("compacted lake: table %s differs: %d rows, want %d", table, len(got[table]), len(rows))
		}
	}
}
