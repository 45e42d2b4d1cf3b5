package features_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/features"
	"creditetl/internal/testutil"
)

// A text cell that a spreadsheet would take for a formula is escaped in a
// CSV export; numbers, negative ones included, are not.
func TestCSVExportEscapesFormulas(t *testing.T) {
	ctx := context.Background()
	db := testutil.OpenDuckDB(t, "")
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE features AS SELECT * FROM (VALUES
		('=HYPERLINK("http://x","y")', -5), ('+1', 1), ('@SUM(A1)', 2), ('-2+3', 3), ('plain', 4), (chr(9) || 'tab', 5)) t(report_id, n)`); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "f.csv")
	if err := features.Export(ctx, conn, out, features.Options{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	got := string(data)
	for _, want := range []string{`"'=HYPERLINK(""http://x"",""y"")",-5`, "'+1,1", "'@SUM(A1),2", "'-2+3,3", "plain,4", "'\ttab,5"} {
		if !strings.Contains(got, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, got)
		}
	}
}
