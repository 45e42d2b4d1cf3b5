package pboc_test

import (
	"errors"
	"strings"
	"testing"

	"creditetl/input"
	"creditetl/input/pboc"
	"creditetl/schema"
)

// A small interface report with the cases the real ones do not show: an
// unknown code, a field of another account type, an unknown account type,
// unknown keys, a segment of the wrong shape, and the two repayment records
// disagreeing about a month.
const small = `{
  "PRH": {"PA01": {"PA01A": {"PA01AI01": "R0001", "PA01AR01": "2024-05-10T10:00:00"},
                   "PA01B": {"PA01BD01": "10", "PA01BD02": "02", "PA01BQ01": "张三", "PA01BI01": "110101199001011234", "PA01BI02": "ORG1"},
                   "PA01D": {"PA01DQ01": "信息主体申请设置防欺诈警示", "PA01DQ02": "010-90000000", "PA01DR01": "2024-01-01", "PA01DR02": "2025-01-01"},
                   "PA01E": {"PA01ES01": "0"}}},
  "PIM": {"PB01": {"PB01A": {"PB01AD01": "2", "PB01AD02": "20", "PB01AD05": "CHN"}, "PB01B": {"PB01BH": [{"PB01BQ01": "13800000000", "PB01BR01": "2024-01-02"}], "PB01BS01": "1"}}},
  "PDA": {"PD01": [
    {"PD01A": {"PD01AD01": "D1", "PD01AD02": "24", "PD01AD03": "91", "PD01AD04": "CNY", "PD01AD06": "03", "PD01AD07": "4",
               "PD01AI02": "AB", "PD01AJ01": "12000", "PD01AR01": "2023-06-01", "PD01AR02": "2025-06-01", "PD01AS01": "24"},
     "PD01B": {"PD01BD01": null, "PD01BD03": "1", "PD01BD04": "N", "PD01BJ01": "5000", "PD01BR02": "2024-05-08", "PD01BR03": "2024-05-09"},
     "PD01C": {"PD01CD01": "2", "PD01CD02": "2", "PD01CJ01": "5500", "PD01CJ04": "500", "PD01CJ05": "0", "PD01CJ06": "500",
               "PD01CR01": "2024-04", "PD01CR02": "2024-04-01", "PD01CR04": "2024-04-30", "PD01CS01": "13", "PD01CS02": "1",
               "PD01CJ12": "777"},
     "PD01D": {"PD01DH": [{"PD01DR03": "2024-02", "PD01DD01": "N"}, {"PD01DR03": "2024-03", "PD01DD01": "N"}, {"PD01DR03": "2024-04", "PD01DD01": "2"}],
               "PD01DR01": "2022-04", "PD01DR02": "2024-04"},
     "PD01E": {"PD01EH": [{"PD01ER03": "2024-03", "PD01ED01": "N", "PD01EJ01": "0"}, {"PD01ER03": "2024-04", "PD01ED01": "1", "PD01EJ01": "500"},
                          {"PD01ER03": "2024-05", "PD01ED01": "", "PD01EJ01": ""}],
               "PD01ER01": "2024-03", "PD01ER02": "2024-04", "PD01ES01": "2"},
     "PD01F": {"PD01FH": [{"PD01FD01": "4", "PD01FR01": "2023-12-01", "PD01FS02": "0", "PD01FJ01": "1000", "PD01FQ01": "--"}], "PD01FS01": "1"},
     "PD01X": {"PD01XQ01": "new segment"}},
    {"PD01A": {"PD01AD01": "R2", "PD01AD02": "11", "PD01AD03": "ZZ", "PD01AD04": "USD", "PD01AI02": "CD", "PD01AJ02": "10000", "PD01AR01": "2020-01-01"},
     "PD01B": {"PD01BD01": "6", "PD01BR03": "2024-05-01"}, "PD01C": null,
     "PD01G": {"PD01GH": [{"PD01GD01": "11", "PD01GR01": "2023-10"}, {"PD01GD01": "99", "PD01GR01": "2024-01"}], "PD01GS01": "2"}},
    {"PD01A": {"PD01AD01": "X9", "PD01AI02": "EF"}},
    {"PD01A": "oops", "PD01B": {"PD01BD01": "3"}}
  ]},
  "POQ": {"PH01": [{"PH010D01": "24", "PH010Q02": "AB", "PH010Q03": "02", "PH010R01": "2024-05-01"},
                   {"PH010D01": "77", "PH010Q02": "GH", "PH010Q03": "03", "PH010R01": "2024-04-20"}]},
  "PCA": {"PD02": [{"PD02A": {"PD02AD01": "51", "PD02AD02": "10", "PD02AI02": "IJ", "PD02AI03": "A1", "PD02AJ01": "3000"}, "PD02Z": null}]},
  "PCR": {"PD03": [{"PD03A": {"PD03AD01": "11", "PD03AD02": "11", "PD03AD03": "2", "PD03AD08": "2", "PD03AJ02": "80000", "PD03AS01": "0"}}]},
  "XYZ": {"a": 1}
}`

func TestDecodeSmall(t *testing.T) {
	rep := decodeOK(t, small)
	fl := flatten(t, []byte(small))

	r := fl.one(t, "reports", "report_id", "R0001")
	for col, want := range map[string]string{"id_type": "身份证", "query_reason": "贷款审批", "gender": "女", "education": "本科",
		"nationality": "中国", "input_format": "interface", "objection_count": "0", "report_date": "2024-05-10",
		"anti_fraud_warning": "信息主体申请设置防欺诈警示", "anti_fraud_phone": "010-90000000", "anti_fraud_due_date": "2025-01-01"} {
		if r[col] != want {
			t.Errorf("reports.%s = %q, want %q", col, r[col], want)
		}
	}

	// The D1 account: codes as text, the monthly performance in the main
	// columns, the latest record after it in the after-cutoff columns.
	d1 := fl.one(t, "accounts", "account_id", "R0001:D1:1")
	for col, want := range map[string]string{"institution": "AB", "institution_kind": "消费金融公司", "business_type": "其他个人消费贷款",
		"currency": "人民币", "repay_frequency": "月", "guarantee_type": "信用/免担保", "loan_amount": "12000", "status": "逾期",
		"five_class": "关注", "balance": "5500", "scheduled_payment": "500", "overdue_amount": "500", "overdue_periods": "1",
		"remaining_periods": "13", "as_of_date": "2024-04-30", "performance_month": "2024-04-01", "after_cutoff_five_class": "正常",
		"after_cutoff_balance": "5000", "after_cutoff_repay_date": "2024-05-08", "after_cutoff_repay_state": "N",
		"latest_report_date": "2024-05-09", "repay_record_range": "2024年03月-2024年04月", "maturity_date": "2025-06-01"} {
		if d1[col] != want {
			t.Errorf("D1 accounts.%s = %q, want %q", col, d1[col], want)
		}
	}
	acc := rep.CreditTransInfoDetail.AcyclicCreditAccount[0]
	if acc.InstitutionType != "consumer_finance" {
		t.Errorf("D1 institution type %q, want consumer_finance", acc.InstitutionType)
	}
	if acc.AccountState.Overdue.SurplusAmount.Raw != "5500" {
		t.Errorf("an overdue (逾期) account's balance goes to accountState.overdue: %+v", acc.AccountState)
	}

	// One grid of the two records: 2024-02 from the 24-month record only,
	// 2024-03 from both, 2024-04 disagreeing (the 60-month record wins, a
	// reject says so), 2024-05 empty (no cell).
	var cells []string
	for _, c := range fl.where("repayments", "account_id", "R0001:D1:1") {
		cells = append(cells, c["period"]+" "+c["state"]+" "+c["amount"])
	}
	if got := strings.Join(cells, ", "); got != "2024-02-01 N , 2024-03-01 N 0, 2024-04-01 1 500" {
		t.Errorf("grid %q", got)
	}
	conflict := fl.one(t, "rejects", "column_name", "state")
	if conflict["raw_value"] != "2" || !strings.Contains(conflict["problem"], "24-month record (PD01D)") ||
		conflict["source_path"] != "creditTransInfoDetail.acyclicCreditAccount[].refundRecord.detail[].month[].state" {
		t.Errorf("grid conflict reject %v", conflict)
	}
	if st := fl.one(t, "account_special_trans", "account_id", "R0001:D1:1"); st["trans_type"] != "提前还款" || st["amount"] != "1000" {
		t.Errorf("special transaction %v", st)
	}

	// An unknown code is kept as is, with a reject naming the field.
	r2 := fl.one(t, "accounts", "account_type", "R2")
	if r2["business_type"] != "ZZ" || r2["status"] != "未激活" || r2["currency"] != "美元" || r2["credit_limit"] != "10000" {
		t.Errorf("R2 %v", r2)
	}
	bad := fl.one(t, "rejects", "column_name", "business_type")
	if bad["raw_value"] != "ZZ" || bad["row_key"] != "R0001:R2:1" || !strings.Contains(bad["problem"], `unknown code "ZZ" of business (业务种类) at PDA.PD01[1].PD01A.PD01AD03`) {
		t.Errorf("unknown code reject %v", bad)
	}
	if got := r2["special_event"]; got != "2023年10月 信用卡因调整账单日本月不出单; 2024年01月 99" {
		t.Errorf("special events %q", got)
	}
	if ev := fl.one(t, "rejects", "column_name", "special_event"); ev["raw_value"] != "99" {
		t.Errorf("unknown special event reject %v", ev)
	}

	// Unknown keys, a card's field on a loan, and the unknown account type
	// are kept in unknown_fields; the unknown type and the segment of the
	// wrong shape also get a reject.
	unknown := map[string]string{}
	for _, u := range fl["unknown_fields"] {
		unknown[u["source_path"]] = u["json_value"]
	}
	for path, want := range map[string]string{
		"XYZ": `{"a":1}`,
		"creditTransInfoDetail.acyclicCreditAccount[].PD01X":          `{"PD01XQ01":"new segment"}`,
		"creditTransInfoDetail.acyclicCreditAccount[].PD01C.PD01CJ12": "777",
		"PDA.PD01[2]": `{"PD01A":{"PD01AD01":"X9","PD01AI02":"EF"}}`,
	} {
		if unknown[path] != want {
			t.Errorf("unknown_fields %s = %q, want %q (all: %v)", path, unknown[path], want, unknown)
		}
	}
	if x9 := fl.one(t, "rejects", "raw_value", "X9"); !strings.Contains(x9["problem"], "PD01A.PD01AD01") {
		t.Errorf("unknown account type reject %v", x9)
	}
	if shape := fl.one(t, "rejects", "raw_value", `{"PD01A":"oops","PD01B":{"PD01BD01":"3"}}`); !strings.Contains(shape["problem"], "PDA.PD01[3]") {
		t.Errorf("element without account type: %v", shape)
	}
	if n := len(fl["accounts"]); n != 2 {
		t.Errorf("%d accounts, want 2", n)
	}

	// Institution type from the official code on every kind of row.
	qs := rep.QueryRecord.CompanyQueryRecord
	if len(qs) != 2 || qs[0].InstitutionType != "consumer_finance" || qs[1].InstitutionType != "" {
		t.Errorf("queries' institution types: %+v", qs)
	}
	if q := fl.one(t, "rejects", "raw_value", "77"); q["table_name"] != "queries" || q["column_name"] != "institution_kind" {
		t.Errorf("unknown institution type reject %v", q)
	}
	if ag := rep.CreditTransInfoDetail.ExtensionProtocolInfo; len(ag) != 1 || ag[0].InstitutionType != "microloan" {
		t.Errorf("credit agreement %+v", ag)
	}
	if g := rep.CreditTransInfoDetail.ConcernedRefundDutyInfo.ConcernRefundCompanyBorrow; len(g) != 1 || g[0].InstitutionType != "bank" {
		t.Errorf("guarantee %+v", g)
	}
	if g := fl.one(t, "guarantees", "kind", "company"); g["business_type"] != "贷款" || g["duty_type"] != "保证人" || g["overdue_months"] != "0" {
		t.Errorf("company guarantee %v", g)
	}
	if got := len(fl["rejects"]); got != 6 {
		t.Errorf("%d rejects, want 6: %v", got, fl["rejects"])
	}
}

func TestDecodeRefusesWhatIsNotAReport(t *testing.T) {
	for _, c := range []struct{ data, reason string }{
		{``, "empty file"},
		{`{"PRH": {`, "truncated JSON"},
		{`[1]`, "JSON array"},
		{`{"creditHeader": {}}`, "no PRH segment"},
		{`{"PRH": "x"}`, "PRH is string"},
		{`{"PRH": {}} {}`, "data after the top-level value"},
	} {
		_, err := pboc.Decode([]byte(c.data))
		if !errors.Is(err, schema.ErrNotReport) || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%q: %v, want a refusal with %q", c.data, err, c.reason)
		}
	}
}

// Under auto, an interface report is read as one by its PRH segment, an OCR
// answer as an OCR answer; a named format refuses the other's reports.
func TestInputFormatDetection(t *testing.T) {
	rep, name, err := input.Decode([]byte(small), input.Auto)
	if err != nil || name != input.Interface || rep.CreditHeader.SerialNo.Raw != "R0001" {
		t.Fatalf("auto: %q %v", name, err)
	}
	if _, name, err := input.Decode([]byte(`{"creditHeader": {"serialNo": "A"}}`), input.Auto); err != nil || name != input.OCR {
		t.Errorf("OCR answer under auto: %q %v", name, err)
	}
	if _, _, err := input.Decode([]byte(`{"creditHeader": {"serialNo": "A"}}`), input.Interface); !errors.Is(err, schema.ErrNotReport) {
		t.Errorf("OCR answer as interface: %v", err)
	}
	if _, _, err := input.Decode([]byte(small), input.OCR); !errors.Is(err, schema.ErrNotReport) {
		t.Errorf("interface report as OCR: %v", err)
	}
}

// The pipeline decodes reports on several goroutines: the compiled mapping
// is shared read-only (go test -race).
func TestDecodeConcurrently(t *testing.T) {
	done := make(chan *schema.Report)
	for range 4 {
		go func() {
			rep, err := pboc.Decode([]byte(small))
			if err != nil {
				t.Error(err)
			}
			done <- rep
		}()
	}
	for range 4 {
		if rep := <-done; rep == nil || len(rep.CreditTransInfoDetail.AcyclicCreditAccount) != 1 {
			t.Errorf("report %+v", rep)
		}
	}
}
