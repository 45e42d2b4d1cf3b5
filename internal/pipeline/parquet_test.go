package pipeline_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"creditetl/internal/pipeline"
	"creditetl/load"
	"creditetl/schema"
)

// pipelineInputs are the canonical fixtures: the seed example and, when
// present, the synthetic reports.
func pipelineInputs() []string {
	in := []string{filepath.Join("..", "..", "schema", "seed", "response-example.json")}
	if _, err := os.Stat(filepath.Join("..", "..", "testdata", "synth")); err == nil {
		in = append(in, filepath.Join("..", "..", "testdata", "synth"))
	}
	return in
}

// count reads the row count of a table through a DuckDB connection.
func count(t *testing.T, conn *sql.Conn, table string) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRowContext(context.Background(), `SELECT count(*) FROM "`+table+`"`).Scan(&n); err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	return n
}

// pipeline.Load picks the Parquet writer for an -o without a known
// extension, and writes every table with the rows the run reports.
func TestPipelineToParquet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "dataset")
	sum, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: pipelineInputs(), Output: out, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != "parquet" || sum.Reports == 0 {
		t.Fatalf("summary %+v", sum)
	}
	db, err := load.OpenDuckDBSQL("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := load.ParquetViews(ctx, conn, out); err != nil {
		t.Fatal(err)
	}
	for _, tb := range schema.Tables() {
		want := sum.Rows[tb.Name]
		switch tb.Name {
		case "loads":
			want = 1
		case "load_failures":
			want = int64(len(sum.Failures))
		}
		if got := count(t, conn, tb.Name); got != want {
			t.Errorf("%s: %d rows, the run says %d", tb.Name, got, want)
		}
	}
	if _, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: pipelineInputs(), Output: out}); err == nil {
		t.Errorf("a second load onto the folder without overwrite succeeded")
	}
	if _, err := pipeline.Load(ctx, pipeline.LoadOptions{Inputs: pipelineInputs(), Output: out, Sink: load.Options{Overwrite: true, Compression: "snappy"}}); err != nil {
		t.Errorf("overwrite: %v", err)
	}
}
