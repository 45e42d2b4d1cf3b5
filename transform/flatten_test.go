package transform

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"creditetl/schema"
)

// rowsOf flattens one report and returns its rows per table as maps.
func rowsOf(t *testing.T, js string, src Source) (map[string][]map[string]schema.Value, ReportStats) {
	t.Helper()
	rep, err := schema.Decode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	f := NewFlattener("L1", nil)
	defer f.Release()
	st := f.Add(rep, src)
	out := map[string][]map[string]schema.Value{}
	for _, b := range f.Flush() {
		for r := 0; r < int(b.Record.NumRows()); r++ {
			row := map[string]schema.Value{}
			for c, col := range b.Table.Columns {
				row[col.Name] = schema.ValueAt(b.Record.Column(c), r)
			}
			out[b.Table.Name] = append(out[b.Table.Name], row)
		}
		b.Record.Release()
	}
	return out, st
}

// Loading the seed itself: every typed leaf holds a description, not data, so
// each one is NULL with exactly one rejects row; text columns keep the text.
func TestSeedExampleRejects(t *testing.T) {
	rows, st := rowsOf(t, string(schema.SeedExample()), Source{File: "seed.json", SHA256: strings.Repeat("ab", 32)})
	typed := map[string]bool{}
	for _, l := range schema.Leaves() {
		if _, sibling := schema.SiblingOf(l.Path); sibling {
			continue // a path the seed shows on another account type only
		}
		if l.Kind != schema.Text {
			typed[l.Path] = true
		}
	}
	got := map[string]int{}
	for _, r := range rows["rejects"] {
		got[r["source_path"].S]++
		if r["raw_value"].S == "" || r["problem"].S == "" || r["table_name"].S == "" {
			t.Errorf("incomplete reject %v", r)
		}
	}
	for p := range typed {
		if got[p] != 1 {
			t.Errorf("typed leaf %s: %d rejects, want 1", p, got[p])
		}
	}
	for p := range got {
		if !typed[p] {
			t.Errorf("text leaf %s was rejected", p)
		}
	}
	if st.Rejects != len(typed) {
		t.Errorf("stats rejects %d, want %d", st.Rejects, len(typed))
	}
	rep := rows["reports"][0]
	if rep["report_id"].S != "报告编号" || rep["name"].S != "被查询者姓名" || rep["report_time"].Valid || rep["report_date"].Valid {
		t.Errorf("reports row: %v", rep)
	}
	if n := len(rows["accounts"]); n != 6 {
		t.Errorf("accounts: %d rows, want 6 (one per list)", n)
	}
	for _, a := range rows["accounts"] {
		if a["balance"].Valid || !a["status"].Valid {
			t.Errorf("account %s: balance %v status %v", a["account_id"].S, a["balance"], a["status"])
		}
	}
}

func TestReportID(t *testing.T) {
	sha := "ABCDEF0123456789FFFF"
	for _, tt := range []struct{ serial, want string }{
		{`"2015060100003321"`, "2015060100003321"},
		{`" ２０１５ "`, "2015"},
		{`201506010000332123`, "201506010000332123"},
		{`"--"`, "fabcdef0123456789"},
		{`""`, "fabcdef0123456789"},
		{`null`, "fabcdef0123456789"},
	} {
		rep, err := schema.Decode([]byte(`{"creditHeader":{"serialNo":` + tt.serial + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		got := ReportID(rep, sha)
		if got != tt.want {
			t.Errorf("serialNo %s: report_id %q, want %q", tt.serial, got, tt.want)
		}
		// The key must not pin the decoded answer's memory: callers keep it.
		if raw := rep.CreditHeader.SerialNo.Raw; raw != "" && got != "" {
			p, b := uintptr(unsafe.Pointer(unsafe.StringData(got))), uintptr(unsafe.Pointer(unsafe.StringData(raw)))
			if p >= b && p < b+uintptr(len(raw)) {
				t.Errorf("serialNo %s: report_id shares the memory of the decoded answer", tt.serial)
			}
		}
	}
}

// Several state sub-objects feed one column: the first non-empty one wins
// (order of the seed), a different later value is a rejects row, an equal one
// is not.
func TestStatePrecedence(t *testing.T) {
	js := `{"creditHeader":{"serialNo":"R1"},"creditTransInfoDetail":{"acyclicCreditAccount":[
	  {"accountState":{"value":"逾期","badDebt":{"surplusAmount":"--"},
	    "normal":{"surplusAmount":"1,000","fiveLevelType":"正常","currOverdueAmount":"0"},
	    "overdue":{"surplusAmount":"2,000","fiveLevelType":"正常","currOverdueAmount":"12a3","currOverduePeriods":"2",
	       "beforeDeadlineDate":{"surplusAmount":"900","refundDate":"2015.05.31"}}}}]}}`
	rows, _ := rowsOf(t, js, Source{})
	a := rows["accounts"][0]
	if a["balance"] != schema.IntValue(100000) || a["five_class"].S != "正常" || a["overdue_amount"] != schema.IntValue(0) || a["overdue_periods"] != schema.IntValue(2) {
		t.Errorf("account: %v", a)
	}
	if a["after_cutoff_balance"] != schema.IntValue(90000) || a["after_cutoff_repay_date"] != schema.IntValue(Days(2015, 5, 31)) {
		t.Errorf("after cut-off columns: %v", a)
	}
	if a["account_id"].S != "R1:D1:1" || a["seq"] != schema.IntValue(1) {
		t.Errorf("keys: %v", a)
	}
	var probs []string
	for _, r := range rows["rejects"] {
		probs = append(probs, r["source_path"].S+": "+r["problem"].S+" ("+r["raw_value"].S+")")
	}
	sort.Strings(probs)
	want := []string{
		"creditTransInfoDetail.acyclicCreditAccount[].accountState.overdue.currOverdueAmount: not an amount (12a3)",
		"creditTransInfoDetail.acyclicCreditAccount[].accountState.overdue.surplusAmount: conflicts with the value kept from creditTransInfoDetail.acyclicCreditAccount[].accountState.normal.surplusAmount (2,000)",
	}
	if fmt.Sprint(probs) != fmt.Sprint(want) {
		t.Errorf("rejects:\n%s\nwant\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
}

// The grid is sorted by period, empty cells are dropped, no month is
// invented, and a repeated month is flagged but kept.
func TestRepaymentGrid(t *testing.T) {
	js := `{"creditHeader":{"serialNo":"G"},"creditTransInfoDetail":{"creditAccount":[{"refundRecord":{"detail":[
	  {"year":"2015年","month":[{"monthValue":"1","state":"N","amount":"0"},{"monthValue":"2月","state":"1","amount":"1,200"},{"monthValue":"3","state":"","amount":""},{"monthValue":"4"}]},
	  {"year":"2014","month":[{"monthValue":"11","state":"*","amount":"--"},{"monthValue":"12","state":"","amount":"300"}]},
	  {"year":"","month":[{"monthValue":"1","state":"","amount":""}]},
	  {"year":"2013","month":[{"monthValue":"13","state":"N"},{"monthValue":"5","state":" ","amount":"-"}]},
	  {"year":"2014","month":[{"monthValue":"12","state":"N","amount":"0"}]}
	]}}]}}`
	rows, _ := rowsOf(t, js, Source{})
	var got []string
	for _, r := range rows["repayments"] {
		p := "NULL"
		if r["period"].Valid {
			p = DateOf(r["period"].I).Format("2006-01")
		}
		amt := "NULL"
		if r["amount"].Valid {
			amt = fmt.Sprint(r["amount"].I)
		}
		st := "NULL"
		if r["state"].Valid {
			st = r["state"].S
		}
		got = append(got, fmt.Sprintf("%s %s %s d%d m%d", p, st, amt, r["detail_seq"].I, r["month_seq"].I))
		if r["account_id"].S != "G:R2:1" || r["account_type"].S != "R2" {
			t.Errorf("keys %v", r)
		}
	}
	want := []string{
		"2014-11 * NULL d2 m1",
		"2014-12 NULL 30000 d2 m2",
		"2014-12 N 0 d5 m1",
		"2015-01 N 0 d1 m1",
		"2015-02 1 120000 d1 m2",
		"NULL N NULL d4 m1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("grid rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var probs []string
	for _, r := range rows["rejects"] {
		probs = append(probs, r["column_name"].S+" "+r["row_key"].S+" "+r["raw_value"].S)
	}
	sort.Strings(probs)
	wantProbs := []string{"month G:R2:1:4:1 13", "period G:R2:1:5:1 2014-12"}
	if fmt.Sprint(probs) != fmt.Sprint(wantProbs) {
		t.Errorf("rejects %q, want %q", probs, wantProbs)
	}
}

// Unknown keys land in unknown_fields; wrong shapes in rejects; seq is the
// source position.
func TestUnknownAndWrongShapes(t *testing.T) {
	js := `{"creditHeader":{"serialNo":"U","newHeaderField":"x"},"extraTop":{"a":1},
	  "personBasicInfo":{"personInfo":{"mobile":[null,{"mobile":"13800000000","color":"red"}]}},
	  "queryRecord":{"companyQueryRecord":"no queries here"},
	  "publicInfoDetail":{"owingTaxRecord":[{"owingTaxAmount":{"v":1}}]}}`
	rows, st := rowsOf(t, js, Source{})
	var unk []string
	for _, r := range rows["unknown_fields"] {
		unk = append(unk, r["table_name"].S+" "+r["row_key"].S+" "+r["source_path"].S+" "+r["json_value"].S)
	}
	sort.Strings(unk)
	want := []string{
		"phones 2 personBasicInfo.personInfo.mobile[].color red",
		"reports  creditHeader.newHeaderField x",
		`reports  extraTop {"a":1}`,
	}
	if fmt.Sprint(unk) != fmt.Sprint(want) || st.Unknown != 3 {
		t.Errorf("unknown %q (stats %d), want %q", unk, st.Unknown, want)
	}
	if rows["reports"][0]["unknown_fields"] != schema.IntValue(3) {
		t.Errorf("reports.unknown_fields = %v", rows["reports"][0]["unknown_fields"])
	}
	if p := rows["phones"][0]; p["seq"] != schema.IntValue(2) || p["phone"].S != "13800000000" {
		t.Errorf("phone %v: seq is the source position", p)
	}
	var rej []string
	for _, r := range rows["rejects"] {
		rej = append(rej, r["table_name"].S+" "+r["source_path"].S+" "+r["problem"].S)
	}
	sort.Strings(rej)
	wantRej := []string{
		"reports queryRecord.companyQueryRecord[] a value where a list belongs",
		"tax_arrears publicInfoDetail.owingTaxRecord[].owingTaxAmount an object or a list where a value belongs",
	}
	if fmt.Sprint(rej) != fmt.Sprint(wantRej) {
		t.Errorf("rejects %q, want %q", rej, wantRej)
	}
}

func TestReportLineage(t *testing.T) {
	js := `{"creditHeader":{"reportTime":"2020.03.31 23:59:59"}}`
	sha := strings.Repeat("AB", 32)
	rows, _ := rowsOf(t, js, Source{File: "a.jsonl", Line: 7, SHA256: sha, ResponseSHA256: sha})
	r := rows["reports"][0]
	if r["report_id"].S != "fabababababababab"[:17] || r["report_date"] != schema.IntValue(Days(2020, 3, 31)) ||
		r["source_line"] != schema.IntValue(7) || r["source_sha256"].S != strings.ToLower(sha) || r["extracted_at"].Valid {
		t.Errorf("lineage: %v", r)
	}
}

// Problems an input stage records on an object become rejects rows: with the
// column when the key is one the contract knows, without it otherwise.
func TestMetaProblemsAreRejects(t *testing.T) {
	rep, err := schema.Decode([]byte(`{"creditHeader":{"serialNo":"P1","reportTime":"2024.01.02"},
		"creditTransInfoDetail":{"creditAccount":[{"organization":"某银行"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	rep.CreditHeader.AddProblem("reportTime", "2024.01.02", "duplicate key: the first value was kept")
	rep.CreditTransInfoDetail.CreditAccount[0].AddProblem("bad\\xff", "ff", "key is not valid UTF-8")
	f := NewFlattener("L1", nil)
	defer f.Release()
	st := f.Add(rep, Source{SHA256: strings.Repeat("0", 64)})
	if st.Rejects != 2 {
		t.Fatalf("rejects %d, want 2", st.Rejects)
	}
	var got []string
	for _, b := range f.Flush() {
		if b.Table.Name == "rejects" {
			for r := 0; r < int(b.Record.NumRows()); r++ {
				v := func(c string) string { return schema.ValueAt(b.Record.Column(b.Table.Col(c)), r).S }
				got = append(got, strings.Join([]string{v("table_name"), v("column_name"), v("row_key"), v("source_path"), v("raw_value"), v("problem")}, "|"))
			}
		}
		b.Record.Release()
	}
	sort.Strings(got)
	want := []string{
		"accounts||P1:R2:1|creditTransInfoDetail.creditAccount[].bad\\xff|ff|key is not valid UTF-8",
		"reports|report_time||creditHeader.reportTime|2024.01.02|duplicate key: the first value was kept",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rejects\n got %q\nwant %q", got, want)
	}
}

// What the decoder changes to keep text valid UTF-8, and the later values of
// a repeated key, reach the rejects table with the raw value (hex when it is
// not UTF-8); the value itself is still loaded (issue 14, item 6).
func TestDecodeProblemsAreRejects(t *testing.T) {
	js := "{\"creditHeader\":{\"serialNo\":\"P1\",\"whoWasChecked\":\"张\xff三\",\"idNum\":\"1\",\"idNum\":\"2\",\"reason\":\"a\\ud800\"}," +
		"\"creditTransInfoDetail\":{\"creditAccount\":[{\"cardCompany\":\"某银行\",\"b\xffd\":\"v\"}]}}"
	rows, st := rowsOf(t, js, Source{SHA256: strings.Repeat("0", 64)})
	r := rows["reports"][0]
	if r["name"].S != "张\uFFFD三" || r["id_number"].S != "1" || r["query_reason"].S != "a\uFFFD" {
		t.Errorf("values: name %q, id %q, reason %q", r["name"].S, r["id_number"].S, r["query_reason"].S)
	}
	var got []string
	for _, r := range rows["rejects"] {
		got = append(got, strings.Join([]string{r["table_name"].S, r["column_name"].S, r["row_key"].S, r["source_path"].S, r["raw_value"].S, r["problem"].S}, "|"))
	}
	sort.Strings(got)
	want := []string{
		"accounts||P1:R2:1|creditTransInfoDetail.creditAccount[].b\uFFFDd|62ff64|key is not valid UTF-8: the invalid bytes were replaced by U+FFFD (raw key in hex)",
		"reports|id_number||creditHeader.idNum|2|duplicate key: the first value was kept",
		"reports|name||creditHeader.whoWasChecked|e5bca0ffe4b889|not valid UTF-8: the invalid bytes were replaced by U+FFFD (raw value in hex)",
		"reports|query_reason||creditHeader.reason|a\\ud800|a lone UTF-16 surrogate escape was replaced by U+FFFD",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rejects\n got %q\nwant %q", got, want)
	}
	if st.Rejects != len(want) || st.Unknown != 1 {
		t.Errorf("stats: %d rejects, %d unknown", st.Rejects, st.Unknown)
	}
	u := rows["unknown_fields"]
	if len(u) != 1 || u[0]["source_path"].S != "creditTransInfoDetail.creditAccount[].b\uFFFDd" || u[0]["json_value"].S != "v" {
		t.Errorf("unknown fields %v", u)
	}
}
