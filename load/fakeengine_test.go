package load

import (
	"context"
	"database/sql"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"

	"creditetl/schema"
)

// fakeEngine stands in for the features package (which load's tests cannot
// import): its one feature x is the length of report_id.
type fakeEngine struct{}

var fakeFeatures, _ = schema.NewTable("features", "风险特征", "test features", true, []schema.Column{
	{Name: "report_id", Storage: schema.StorString, Label: "报告标识"},
	{Name: "report_date", Storage: schema.StorDays, Label: "报告日期"},
	{Name: "x", Storage: schema.StorInt64, Label: "长度", Comment: "length of report_id"},
})

func (fakeEngine) Table() *schema.Table { return fakeFeatures }

// ComputeParquet reads the reports of dir in Go and writes the features
// with the project's Parquet writer.
func (fakeEngine) ComputeParquet(ctx context.Context, dir, out, tmpDir string) (int64, error) {
	rt := schema.TableByName("reports")
	bb := schema.NewBatchBuilder(fakeFeatures, nil)
	defer bb.Release()
	var n int64
	err := readParquet(ctx, filepath.Join(dir, "reports.parquet"), []int{rt.Col("report_id"), rt.Col("report_date")}, func(rec arrow.RecordBatch) error {
		for r := 0; r < int(rec.NumRows()); r++ {
			id := schema.ValueAt(rec.Column(0), r)
			bb.Append([]schema.Value{id, schema.ValueAt(rec.Column(1), r), schema.IntValue(int64(len([]rune(id.S))))})
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	props, _ := writerProps("zstd", parquetRowGroupRows)
	tmp := filepath.Dir(out)
	files := newTableFiles(tmp, "", props, parquetRowGroupBytes)
	if err := files.write(ctx, bb.NewBatch()); err != nil {
		return 0, err
	}
	if err := files.close(nil); err != nil {
		return 0, err
	}
	// newTableFiles names the file after the table: features.parquet.
	if got := filepath.Join(tmp, fakeFeatures.Name+".parquet"); got != out {
		panic("fakeEngine: out must be DIR/features.parquet, got " + out)
	}
	return n, nil
}

func (fakeEngine) ComputeInDB(ctx context.Context, conn *sql.Conn) (int64, error) {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE features AS SELECT report_id, report_date, CAST(length(report_id) AS BIGINT) AS x FROM reports`); err != nil {
		return 0, err
	}
	var n int64
	err := conn.QueryRowContext(ctx, "SELECT count(*) FROM features").Scan(&n)
	return n, err
}
