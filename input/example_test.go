package input_test

// An input format added in one file: a made-up "mini" report, registered
// with one call, detected by its content and loaded by the pipeline into the
// same tables as an OCR answer. It shows what adding an input takes.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"creditetl/input"
	"creditetl/internal/pipeline"
	"creditetl/internal/testutil"
	"creditetl/schema"
)

func init() {
	input.Register(input.Format{
		Name:   "mini",
		Usage:  "an example format of the tests: {\"miniReport\": {\"no\": …, \"name\": …, \"time\": …}}",
		Detect: func(data []byte) bool { return input.HasTopLevelKey(data, "miniReport") },
		Decode: func(data []byte) (*schema.Report, error) {
			var m struct {
				MiniReport struct{ No, Name, Time string } `json:"miniReport"`
			}
			if err := json.Unmarshal(data, &m); err != nil {
				return nil, &schema.NotReportError{Reason: "invalid mini report: " + err.Error()}
			}
			rep := &schema.Report{}
			rep.CreditHeader.SerialNo = schema.Str(m.MiniReport.No)
			rep.CreditHeader.WhoWasChecked = schema.Str(m.MiniReport.Name)
			rep.CreditHeader.ReportTime = schema.Str(m.MiniReport.Time)
			return rep, nil
		},
	})
}

func TestExampleInputThroughPipeline(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(`{"miniReport": {"no": "M1", "name": "张三", "time": "2024.03.05"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "b.json"), []byte(`{"creditHeader": {"serialNo": "O1"}}`), 0o644)
	out := filepath.Join(t.TempDir(), "r.duckdb")
	sum, err := pipeline.Load(context.Background(), pipeline.LoadOptions{Inputs: []string{dir}, Output: out, Version: "test", NoFeatures: true})
	if err != nil || sum.Reports != 2 {
		t.Fatalf("load: %v, %+v", err, sum)
	}
	got := testutil.QueryStrings(t, out, `SELECT report_id || '|' || input_format || '|' || coalesce(name, '') || '|' || coalesce(report_date::VARCHAR, '') FROM reports ORDER BY 1`)
	want := []string{"M1|mini|张三|2024-03-05", "O1|ocr||"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("reports %q, want %q", got, want)
	}
}
