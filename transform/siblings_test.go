package transform

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"creditetl/schema"
)

// A real-shaped answer whose accounts carry state sub-objects and lists that
// the seed shows on another account type only (CONTRACT section 4): R1 and
// C1 with normal, R4 with clear and specialTransTypes, R3 with
// accountCanceled and overdue, R2 with overdue and specialLabel, D1 with a
// card's normal fields. Everything is typed into the columns it feeds on the
// type the seed shows it on: no unknown_fields row, no rejects row.
func TestSiblingShapesAreTyped(t *testing.T) {
	js := `{"creditHeader":{"serialNo":"S1","reportTime":"2024.04.24 15:21:39"},
	"creditTransInfoDetail":{
	  "recoveryInfo":[{"manageCompany":"某资产管理股份有限公司","accountState":{"value":"催收",
	     "normal":{"fiveLevelType":"损失","surplusAmount":"8,000"}},
	     "selfStatement":[{"value":"本人声明","addDate":"2023.01.01"}]}],
	  "acyclicCreditAccount":[{"manageCompany":"某银行","accountState":{"value":"正常",
	     "normal":{"surplusAmount":"1,000","usedAmount":"10","beforeDueDate":{"fiveLevelType":"关注"}}}}],
	  "cyclicalAmountPerAccount":[{"manageCompany":"某消费金融有限公司","accountState":{"value":"结清",
	     "clear":{"accountClosedDate":"2023.05.06"}},
	     "specialTransTypes":[{"type":"提前结清","occurDate":"2023.05.06","occurAmount":"3,000"}],
	     "specialLabel":[{"value":"特殊标注","addDate":"2023.05.07"}]}],
	  "cyclicalLoanAccount":[{"manageCompany":"某小额贷款有限公司","accountState":{"value":"正常",
	     "normal":{"fiveLevelType":"正常","surplusAmount":"12,345.67","surplusPaymentNum":"6","scheduledPayment":"2,100",
	        "currOverduePeriods":"0","currOverdue":"0","overdue31Tp60":"0"}}}],
	  "creditAccount":[{"cardCompany":"某银行","accountState":{"value":"正常",
	     "overdue":{"usedAmount":"500","currOverdueAmount":"50","currOverduePeriods":"1"}},
	     "specialLabel":[{"value":"标注","addDate":"2022.02.02"}]}],
	  "quasiCreditAccount":[{"cardCompany":"某银行","accountState":{"value":"销户",
	     "accountCanceled":{"canceledDate":"2022.12.31"},
	     "overdue":{"overDraftAmount":"0"}},
	     "companyInfo":[{"value":"机构说明","addDate":"2022.12.31"}]}]}}`
	rows, st := rowsOf(t, js, Source{SHA256: strings.Repeat("0", 64)})
	for _, r := range rows["unknown_fields"] {
		t.Errorf("unknown field %s = %s", r["source_path"].S, r["json_value"].S)
	}
	for _, r := range rows["rejects"] {
		t.Errorf("reject %s %s: %s (%s)", r["source_path"].S, r["column_name"].S, r["problem"].S, r["raw_value"].S)
	}
	if st.Unknown != 0 || st.Rejects != 0 {
		t.Errorf("stats: %d unknown, %d rejects", st.Unknown, st.Rejects)
	}
	acc := map[string]map[string]schema.Value{}
	for _, a := range rows["accounts"] {
		acc[a["account_type"].S] = a
	}
	show := func(v schema.Value, kind schema.Kind) string {
		switch {
		case !v.Valid:
			return "NULL"
		case kind == schema.Money:
			return fmt.Sprintf("%d.%02d", v.I/100, v.I%100)
		}
		return v.S
	}
	accounts := schema.TableByName("accounts")
	for _, c := range []struct{ typ, col, want string }{
		{"C1", "balance", "8000.00"},
		{"C1", "five_class", "损失"},
		{"D1", "balance", "1000.00"},
		{"D1", "used_amount", "10.00"},
		{"D1", "after_cutoff_five_class", "关注"},
		{"R1", "balance", "12345.67"},
		{"R1", "scheduled_payment", "2100.00"},
		{"R1", "overdue_amount", "0.00"},
		{"R1", "overdue_31_60_principal", "0.00"},
		{"R1", "five_class", "正常"},
		{"R2", "used_amount", "500.00"},
		{"R2", "overdue_amount", "50.00"},
		{"R3", "balance", "0.00"},
	} {
		kind := accounts.Columns[accounts.Col(c.col)].Kind
		if got := show(acc[c.typ][c.col], kind); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.typ, c.col, got, c.want)
		}
	}
	if v := acc["R1"]["remaining_periods"]; v != schema.IntValue(6) {
		t.Errorf("R1 remaining_periods = %v", v)
	}
	if v := acc["R4"]["closed_date"]; v != schema.IntValue(Days(2023, 5, 6)) {
		t.Errorf("R4 closed_date = %v", v)
	}
	if v := acc["R3"]["closed_date"]; v != schema.IntValue(Days(2022, 12, 31)) {
		t.Errorf("R3 closed_date = %v", v)
	}
	if len(rows["account_special_trans"]) != 1 || rows["account_special_trans"][0]["account_id"].S != "S1:R4:1" ||
		rows["account_special_trans"][0]["trans_type"].S != "提前结清" {
		t.Errorf("special transactions: %v", rows["account_special_trans"])
	}
	var notes []string
	for _, n := range rows["account_notes"] {
		notes = append(notes, n["account_id"].S+" "+n["kind"].S)
	}
	sort.Strings(notes)
	if want := []string{"S1:C1:1 self", "S1:R2:1 special", "S1:R3:1 company", "S1:R4:1 special"}; fmt.Sprint(notes) != fmt.Sprint(want) {
		t.Errorf("notes %q, want %q", notes, want)
	}
}
