package main

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"creditetl/input/pboc"
)

// The same report loaded as a PBOC interface report and as the OCR answer
// of that report is one report: its report_id is the report number either
// way, the later load replaces the earlier, reports.input_format names the
// later, and the columns both routes fill hold the same values (codes become
// the printed report's text).
func TestLoadSameReportAsInterfaceAndOCR(t *testing.T) {
	const id = "2024070318154027388438" // D1, R4, R2 and R3 accounts, queries
	f, err := os.Open(filepath.Join("..", "..", "testdata", "interface", id+".json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// The OCR answer of the same report: the model written back in the OCR
	// answer's shape (interface-only fields have no OCR key and drop out).
	rep, err := pboc.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	ocr, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ifile, ofile := filepath.Join(dir, "interface.json"), filepath.Join(dir, "ocr.json")
	if err := os.WriteFile(ifile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ofile, ocr, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.duckdb")
	snapshot := func() string {
		var parts []string
		for _, q := range []string{
			"SELECT string_agg(concat_ws('|', account_id, institution, business_type, currency, status, five_class, open_date, balance, credit_limit, used_amount, overdue_amount), ';' ORDER BY account_id) FROM accounts",
			"SELECT count(*)::VARCHAR || '/' || count(state)::VARCHAR || '/' || coalesce(sum(amount), 0)::VARCHAR FROM repayments",
			"SELECT string_agg(concat_ws('|', seq, query_date, institution, reason), ';' ORDER BY seq) FROM queries",
			"SELECT concat_ws('|', q1m_loan_approval, q1m_orgs_card_approval, r2_accounts, r2_credit_total, last_query_reason) FROM report_summary",
			"SELECT concat_ws('|', name, id_type, gender, marital_status, report_date) FROM reports",
		} {
			parts = append(parts, query(t, out, q)[0])
		}
		return strings.Join(parts, "\n")
	}
	lineage := func() string {
		return strings.Join(query(t, out, "SELECT report_id || ' ' || input_format || ' ' || source_file FROM reports"), ",")
	}

	if code, _, errOut := runCLI(t, "load", "-o", out, ifile); code != 0 {
		t.Fatalf("interface load: exit %d: %s", code, errOut)
	}
	if got := lineage(); got != id+" interface "+ifile {
		t.Errorf("after the interface load: %q", got)
	}
	if got := query(t, out, "SELECT count(*)::VARCHAR FROM rejects")[0]; got != "0" {
		t.Errorf("%s rejects", got)
	}
	viaInterface := snapshot()

	if code, _, errOut := runCLI(t, "load", "-o", out, ofile); code != 0 {
		t.Fatalf("OCR load: exit %d: %s", code, errOut)
	}
	if got := lineage(); got != id+" ocr "+ofile {
		t.Errorf("after the OCR load: %q", got)
	}
	if got := query(t, out, "SELECT sum(replaced)::VARCHAR FROM loads")[0]; got != "1" {
		t.Errorf("the two loads replaced %s reports, want 1 (the OCR load replaced the interface report)", got)
	}
	if viaOCR := snapshot(); viaOCR != viaInterface {
		t.Errorf("the routes disagree:\ninterface: %s\nocr:       %s", viaInterface, viaOCR)
	}
	// What only the interface route knows is gone with it.
	if got := query(t, out, "SELECT count(institution_kind)::VARCHAR FROM accounts")[0]; got != "0" {
		t.Errorf("institution_kind after the OCR load: %s values", got)
	}

	if code, _, errOut := runCLI(t, "load", "-o", out, "--input-format", "interface", ifile); code != 0 {
		t.Fatalf("interface reload: exit %d: %s", code, errOut)
	}
	if got := lineage(); got != id+" interface "+ifile {
		t.Errorf("after the interface reload: %q", got)
	}
	if got := query(t, out, "SELECT count(*)::VARCHAR FROM accounts")[0]; got != "84" {
		t.Errorf("%s accounts, want 84", got)
	}
	// Forced to the other format, the file fails with the reason; with no
	// report left, nothing is written (exit 1).
	code, sum, errOut := runCLI(t, "load", "-o", out, "--input-format", "ocr", ifile)
	if code != 1 || !strings.Contains(sum, "no creditHeader") || !strings.Contains(errOut, "no report found in the inputs") {
		t.Errorf("interface report as ocr: exit %d: %s%s", code, sum, errOut)
	}
}
