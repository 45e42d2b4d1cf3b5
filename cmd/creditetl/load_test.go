package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/internal/testutil"
	"creditetl/schema"
)

func query(t *testing.T, path, q string) []string { return testutil.QueryStrings(t, path, q) }

// tableCounts is "table=rows" for every table of the dictionary.
func tableCounts(t *testing.T, path string) string {
	var parts []string
	for _, tb := range schema.Tables() {
		if tb.PerReport {
			parts = append(parts, tb.Name+"="+query(t, path, "SELECT count(*)::VARCHAR FROM "+tb.Name)[0])
		}
	}
	return strings.Join(parts, " ")
}

// A directory with good reports and bad files loads every good report,
// records each bad file with its reason, and exits 2.
func TestLoadMixedDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.duckdb")
	code, sum, errOut := runCLI(t, "load", "-o", out, filepath.Join("..", "..", "testdata", "mixed"))
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, errOut)
	}
	for _, want := range []string{"array.json: JSON array", "empty.json: empty file", "error-envelope.json: API error answer",
		"reports.jsonl:2: truncated JSON", "truncated.json: truncated JSON", "loaded 3 reports"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	ids := query(t, out, "SELECT report_id FROM reports ORDER BY 1")
	if strings.Join(ids, ",") != "2024010100000000001,2024010100000000002,报告编号" {
		t.Errorf("reports %q", ids)
	}
	fails := query(t, out, "SELECT concat_ws(' | ', source_file, source_line, reason) FROM load_failures ORDER BY source_file")
	if len(fails) != 5 || !strings.Contains(fails[3], "reports.jsonl | 2 | truncated JSON") {
		t.Errorf("load_failures %q", fails)
	}
	if got := query(t, out, "SELECT failures::VARCHAR || '/' || reports::VARCHAR FROM loads"); got[0] != "5/3" {
		t.Errorf("loads row %q", got)
	}
	lines := query(t, out, "SELECT concat_ws(' ', report_id, source_line, length(source_sha256)) FROM reports WHERE source_line IS NOT NULL ORDER BY 1")
	if fmt.Sprint(lines) != "[2024010100000000001 1 64 2024010100000000002 4 64]" {
		t.Errorf("jsonl lineage %q", lines)
	}
	// The seed example's values are descriptions: every typed leaf is a reject
	// (296 of them), text columns keep the text.
	if got := query(t, out, "SELECT count(*)::VARCHAR FROM rejects WHERE report_id = '报告编号'"); got[0] != "296" {
		t.Errorf("seed rejects %q", got)
	}
	if got := query(t, out, "SELECT concat_ws('|', name, report_time, status) FROM reports JOIN accounts USING (report_id) WHERE report_id = '报告编号' AND account_type = 'D1'"); fmt.Sprint(got) != "[被查询者姓名|账户状态,不同账号状态取不同的内容]" {
		t.Errorf("seed text %q", got)
	}
	card := query(t, out, "SELECT concat_ws(' ', credit_limit, balance, used_amount, open_date) FROM accounts WHERE report_id = '2024010100000000002'")
	if fmt.Sprint(card) != "[50000.00 1234.50 1234.50 2019-05-05]" {
		t.Errorf("card %q", card)
	}
}

// Loading the same input twice leaves every row count unchanged.
func TestLoadTwiceSameCounts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "twice.duckdb")
	in := filepath.Join("..", "..", "testdata", "mixed")
	runCLI(t, "load", "-o", out, in)
	first := tableCounts(t, out)
	code, sum, errOut := runCLI(t, "load", "-o", out, in)
	if code != 2 || !strings.Contains(sum, "3 replaced earlier loads") {
		t.Errorf("second load: exit %d\n%s%s", code, sum, errOut)
	}
	if second := tableCounts(t, out); second != first {
		t.Errorf("counts changed:\n%s\n%s", first, second)
	}
	if n := query(t, out, "SELECT count(*)::VARCHAR FROM loads"); n[0] != "2" {
		t.Errorf("loads rows %q", n)
	}
}

// The same answer twice in one run is loaded once; a different answer with
// the same serial number is a failure that names the first file.
func TestLoadDuplicatesInOneRun(t *testing.T) {
	dir := t.TempDir()
	a := `{"creditHeader":{"serialNo":"S1","whoWasChecked":"甲"}}`
	b := `{"creditHeader":{"serialNo":"S1","whoWasChecked":"乙"}}`
	os.WriteFile(filepath.Join(dir, "1.json"), []byte(a), 0o644)
	os.WriteFile(filepath.Join(dir, "2.json"), []byte(a), 0o644)
	os.WriteFile(filepath.Join(dir, "3.json"), []byte(b), 0o644)
	out := filepath.Join(t.TempDir(), "d.duckdb")
	code, sum, errOut := runCLI(t, "load", "-o", out, dir, filepath.Join(dir, "1.json"))
	if code != 2 || !strings.Contains(sum, "1 duplicate answers skipped") || !strings.Contains(sum, "3.json: report S1 was already loaded in this run from") {
		t.Errorf("exit %d:\n%s%s", code, sum, errOut)
	}
	if got := query(t, out, "SELECT name FROM reports"); fmt.Sprint(got) != "[甲]" {
		t.Errorf("reports %q", got)
	}
}

// An output that cannot be written is fatal (exit 1) and leaves nothing.
func TestLoadUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join("..", "..", "testdata", "mixed", "reports.jsonl")
	for _, out := range []string{filepath.Join(dir, "missing", "x.duckdb"), filepath.Join(dir, "ro", "x.duckdb")} {
		os.Mkdir(filepath.Join(dir, "ro"), 0o555)
		code, _, errOut := runCLI(t, "load", "-o", out, in)
		if os.Geteuid() == 0 && strings.Contains(out, "ro") {
			continue // root writes anywhere; the missing-directory case still runs
		}
		if code != 1 || !strings.Contains(errOut, "x.duckdb") {
			t.Errorf("%s: exit %d: %s", out, code, errOut)
		}
		entries, _ := os.ReadDir(filepath.Dir(out))
		if len(entries) != 0 {
			t.Errorf("%s: left %v", out, entries)
		}
	}
	// A directory where the file should be.
	out := filepath.Join(dir, "isdir.duckdb")
	os.Mkdir(out, 0o755)
	if code, _, errOut := runCLI(t, "load", "-o", out, in); code != 1 {
		t.Errorf("directory as output: exit %d: %s", code, errOut)
	}
}

func TestLoadNoInputs(t *testing.T) {
	code, _, errOut := runCLI(t, "load", "-o", filepath.Join(t.TempDir(), "x.duckdb"))
	if code != 1 || !strings.Contains(errOut, "no INPUT") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "load", filepath.Join("..", "..", "testdata", "mixed"))
	if code != 1 || !strings.Contains(errOut, "output") {
		t.Errorf("missing -o: exit %d: %s", code, errOut)
	}
}

// An INPUT named on the command line that does not exist is a usage error
// (exit 1): nothing is read, nothing is written, not even a loads row in
// an existing output.
func TestLoadMissingInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "..", "testdata", "mixed", "reports.jsonl")
	for _, out := range []string{filepath.Join(dir, "new.duckdb"), filepath.Join(dir, "new.xlsx"), filepath.Join(dir, "pq")} {
		code, stdout, errOut := runCLI(t, "load", "-o", out, "no/such/file.json", good)
		if code != 1 || stdout != "" || !strings.Contains(errOut, "no/such/file.json (no such file or directory)") || !strings.Contains(errOut, "name existing") {
			t.Errorf("%s: exit %d: %s%s", out, code, stdout, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s was created", out)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	existing := filepath.Join(dir, "existing.duckdb")
	if code, _, errOut := runCLI(t, "load", "-o", existing, good); code != 2 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "load", "-o", existing, good, "no/such/dir"); code != 1 {
		t.Errorf("exit %d", code)
	}
	if got := query(t, existing, "SELECT count(*)::VARCHAR FROM loads")[0]; got != "1" {
		t.Errorf("%s loads rows: the failed run wrote one", got)
	}
}

// Flags may follow the inputs: creditetl load testdata/mixed -o x.duckdb.
func TestLoadFlagsAfterInputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "after.duckdb")
	code, _, errOut := runCLI(t, "load", filepath.Join("..", "..", "testdata", "mixed", "reports.jsonl"), "-o", out)
	if code != 2 { // the .jsonl has one broken line
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := query(t, out, "SELECT count(*)::VARCHAR FROM reports"); got[0] != "2" {
		t.Errorf("reports %q", got)
	}
}
