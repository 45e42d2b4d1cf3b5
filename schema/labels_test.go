package schema

import "testing"

// A column fed by several account types under different labels says which
// label is whose: open_date is 开立日期 for loans and cards and 债权接收日期
// only for recovery accounts (C1).
func TestColumnLabels(t *testing.T) {
	for col, want := range map[string]string{
		"accounts.open_date":     "开立日期（C1：债权接收日期）",
		"accounts.loan_amount":   "借款金额（C1：债权金额）",
		"accounts.institution":   "管理机构（R2、R3：发卡机构）",
		"accounts.closed_date":   "账户关闭日期（R2：销户日期）",
		"accounts.credit_limit":  "账户授信额度",
		"accounts.balance":       "余额/透支余额",
		"account_notes.content":  "机构声明/本人声明/异议标注/特殊标注",
		"reports.report_id":      "报告标识",
		"queries.institution":    "查询机构",
		"accounts.account_type":  "账户类型",
		"accounts.five_class":    "",
		"repayments.state":       "",
		"report_summary.load_id": "加载批次",
	} {
		tb, c := splitCol(col)
		table := TableByName(tb)
		i := table.Col(c)
		if i < 0 {
			t.Fatalf("no column %s", col)
		}
		got := table.Columns[i].Label
		if want == "" {
			if got == "" {
				t.Errorf("%s has no label", col)
			}
			continue
		}
		if got != want {
			t.Errorf("%s: label %q, want %q", col, got, want)
		}
	}
	// Each path keeps the label of its own field.
	for _, l := range Leaves() {
		if l.Path == "creditTransInfoDetail.recoveryInfo[].creditorReceivedDate" && l.Label != "债权接收日期" ||
			l.Path == "creditTransInfoDetail.acyclicCreditAccount[].startDate" && l.Label != "开立日期" {
			t.Errorf("%s: leaf label %q", l.Path, l.Label)
		}
	}
}

func splitCol(s string) (string, string) {
	for i := range s {
		if s[i] == '.' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

func TestMergeLabels(t *testing.T) {
	for _, c := range []struct {
		labels, types []string
		want          string
	}{
		{nil, nil, ""},
		{[]string{"账号"}, []string{"D1"}, "账号"},
		{[]string{"余额", "余额"}, []string{"D1", "R2"}, "余额"},
		{[]string{"账号授信额度", "账户授信额度"}, []string{"R3", "R1"}, "账户授信额度"},
		{[]string{"债权接收日期", "开立日期", "开立日期"}, []string{"C1", "D1", "R2"}, "开立日期（C1：债权接收日期）"},
		{[]string{"甲", "乙", "丙", "乙"}, []string{"C1", "D1", "R2", "R3"}, "乙（C1：甲；R2：丙）"},
		{[]string{"贷款类型", "信用卡类型"}, []string{"", ""}, "贷款类型/信用卡类型"},
		{[]string{"余额", "透支余额", "余额"}, []string{"R3", "R3", "D1"}, "余额/透支余额"},
	} {
		if got := mergeLabels(c.labels, c.types); got != c.want {
			t.Errorf("%v %v: %q, want %q", c.labels, c.types, got, c.want)
		}
	}
}
