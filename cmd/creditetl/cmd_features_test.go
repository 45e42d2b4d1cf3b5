package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	featuresql "creditetl/sql"
)

const featureFixtures = "../../testdata/features"

// featureFixtureReports is the number of reports in featureFixtures (one per
// .json file), as text.
func featureFixtureReports(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(featureFixtures, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s (%v)", featureFixtures, err)
	}
	return strconv.Itoa(len(files))
}

// docs/features.md is creditetl features --list --format markdown.
func TestDocsFeaturesCurrent(t *testing.T) {
	code, out, errOut := runCLI(t, "features", "--list", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkGeneratedDoc(t, "features.md", out)
	for _, f := range featuresql.Dictionary() {
		if !strings.Contains(out, "| `"+f.Name+"` |") {
			t.Errorf("docs/features.md lacks %s", f.Name)
		}
	}
}

func TestFeaturesList(t *testing.T) {
	code, out, _ := runCLI(t, "features", "--list", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var cols []featuresql.Feature
	if err := json.Unmarshal([]byte(out), &cols); err != nil {
		t.Fatal(err)
	}
	if len(cols) != len(featuresql.KeyColumns)+len(featuresql.Dictionary()) || cols[0].Name != "report_id" || cols[2].Name != "q_loan_1m" {
		t.Fatalf("json list: %d columns, starting %v", len(cols), cols[:3])
	}
	for _, c := range cols[2:] {
		if c.ZH == "" || c.Definition == "" || len(c.Tables) == 0 {
			t.Errorf("feature %s lacks a Chinese name, definition or source tables", c.Name)
		}
	}
	code, out, _ = runCLI(t, "features", "--list")
	if code != 0 || !strings.Contains(out, "近1个月贷款审批查询次数") || !strings.HasPrefix(out, "FEATURE") {
		t.Errorf("table list: exit %d:\n%.300s", code, out)
	}
	if code, _, errOut := runCLI(t, "features", "--list", "--format", "yaml"); code != 1 || !strings.Contains(errOut, "yaml") {
		t.Errorf("--format yaml: exit %d: %s", code, errOut)
	}
}

// The README's job for modelers: load, then features with an export, the
// flags after the DB as the issue writes them.
func TestFeaturesCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "reports.duckdb")
	if code, _, errOut := runCLI(t, "load", "-o", db, featureFixtures); code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	csvPath := filepath.Join(dir, "features.csv")
	code, out, errOut := runCLI(t, "features", db, "-o", csvPath)
	if code != 0 {
		t.Fatalf("features: exit %d: %s", code, errOut)
	}
	n := len(featuresql.Dictionary())
	reports := featureFixtureReports(t)
	for _, want := range []string{"features: ", " features for " + reports + " reports written to " + db, "exported to " + csvPath} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if got := query(t, db, "SELECT count(*)::VARCHAR FROM features")[0]; got != reports {
		t.Errorf("%s rows in features", got)
	}
	if got := query(t, db, "SELECT q_loan_1m::VARCHAR FROM features WHERE report_id = 'F-QUERIES'")[0]; got != "2" {
		t.Errorf("q_loan_1m of F-QUERIES = %s", got)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if strconv.Itoa(len(lines)-1) != reports || len(strings.Split(lines[0], ",")) != n+2 {
		t.Errorf("csv: %d lines, header %.80s", len(lines), lines[0])
	}

	// Flags before the DB work too; an .xlsx export with Chinese headers.
	xlsx := filepath.Join(dir, "features.xlsx")
	if code, _, errOut := runCLI(t, "features", "-o", xlsx, "--headers", "zh", db); code != 0 {
		t.Fatalf("features -o x.xlsx: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(xlsx); err != nil {
		t.Fatal(err)
	}
}

// A Parquet folder written by creditetl load gets DIR/features.parquet.
func TestFeaturesCLIParquet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, errOut := runCLI(t, "load", "-o", dir, featureFixtures); code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "features", dir); code != 0 {
		t.Fatalf("features: exit %d: %s", code, errOut)
	}
	target := filepath.Join(dir, "features.parquet")
	got := query(t, "", "SELECT count(*)::VARCHAR || ' ' || max(open_loan_balance)::VARCHAR FROM read_parquet('"+target+"')")[0]
	if got != featureFixtureReports(t)+" 118000.50" {
		t.Errorf("features.parquet: %s", got)
	}
}

func TestFeaturesCLIErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.duckdb")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"features"}, "want one DB"},
		{[]string{"features", "a.duckdb", "b.duckdb"}, "want one DB"},
		{[]string{"features", missing}, missing},
		{[]string{"features", "--list", "a.duckdb"}, "--list takes no DB"},
		{[]string{"features", "--headers", "fr", missing}, "--headers"},
		{[]string{"features", missing, "-o", filepath.Join(dir, "f.txt")}, "f.txt"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want 1 and %q", tc.args, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("features created the missing DB")
	}
}

// load computes the features of the reports it loads, in every format that
// carries them: table features in a DuckDB file, features.parquet in a
// folder, a features sheet in a workbook; --no-features writes none.
func TestLoadWritesFeatures(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.duckdb")
	pq := filepath.Join(dir, "pq")
	for _, out := range []string{db, pq} {
		code, sum, errOut := runCLI(t, "load", "-o", out, featureFixtures)
		if code != 0 {
			t.Fatalf("load -o %s: exit %d: %s", out, code, errOut)
		}
		if n := featureFixtureReports(t); !strings.Contains(sum, "feature rows "+n+",") {
			t.Errorf("load -o %s: the summary does not count %s feature rows:\n%s", out, n, sum)
		}
	}
	if got := query(t, db, "SELECT count(*)::VARCHAR FROM features")[0]; got != featureFixtureReports(t) {
		t.Errorf("duckdb: %s rows in features", got)
	}
	if got := query(t, "", "SELECT count(*)::VARCHAR FROM '"+filepath.Join(pq, "features.parquet")+"'")[0]; got != featureFixtureReports(t) {
		t.Errorf("parquet: %s rows in features.parquet", got)
	}
	none := filepath.Join(dir, "none.duckdb")
	if code, out, errOut := runCLI(t, "load", "--no-features", "-o", none, featureFixtures); code != 0 || !strings.Contains(out, "feature rows 0,") {
		t.Fatalf("--no-features: exit %d: %s%s", code, out, errOut)
	}
	if got := query(t, none, "SELECT count(*)::VARCHAR FROM duckdb_tables() WHERE table_name = 'features'")[0]; got != "0" {
		t.Errorf("--no-features made table features")
	}
}

// creditetl run --sandbox leaves a features table beside the loaded tables.
func TestRunSandboxComputesFeatures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sandbox pipeline; skipped with -short")
	}
	scans := testScans(t)
	t.Chdir(t.TempDir())
	code, out, errOut := runEnv(context.Background(), t, nil, "run", "--sandbox", "-o", "out.duckdb", scans)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "feature rows ") {
		t.Errorf("stdout lacks the feature rows:\n%s", out)
	}
	reports := query(t, "out.duckdb", "SELECT count(*)::VARCHAR FROM reports")[0]
	if got := query(t, "out.duckdb", "SELECT count(*)::VARCHAR FROM features")[0]; got != reports || got == "0" {
		t.Errorf("%s feature rows for %s reports", got, reports)
	}
}
