package pboc_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The PBOC's own figures as an oracle: every real report is loaded (decoded
// and flattened as the pipeline does) and the figures derived from its
// detail rows are compared with the summaries printed in the same report:
//
//   - PC02E..PC02I: unsettled accounts (未结清/未销户) per type and their
//     institutions (管理机构数/发卡机构数), against accounts;
//   - PC02A: all credit accounts, card and quasi-card accounts, loans, and
//     PC02B: recovery accounts, against accounts;
//   - PC05B: last month's loan and card approval queries and the
//     institutions that made them, the last two years' guarantee checks,
//     against queries (windows as CONTRACT section 5: (R − N months, R]).
//
// Where a report cannot agree by design (institution codes masked to two
// letters can make two institutions one), oracleExceptions names the report,
// the check and why; an exception that no longer fails is an error too.
func TestOracleSummariesMatchDetails(t *testing.T) {
	// No report needs an exception: the masked institution codes stay
	// distinct per report, and the details omit no approval query.
	oracleExceptions := map[string]string{
		// "report_id check": "why it cannot agree",
	}
	used := map[string]bool{}
	agree, reports := 0, 0
	for _, fx := range fixtures(t) {
		reports++
		fl := flatten(t, fx.data)
		rep := fl["reports"][0]
		id := rep["report_id"]
		sum := fl["report_summary"][0]
		reportDate, err := time.Parse("2006-01-02", rep["report_date"])
		if err != nil {
			t.Fatalf("%s: report_date %q", fx.name, rep["report_date"])
		}
		check := func(name string, detail int, summaryCol string) {
			t.Helper()
			want := 0 // a summary segment the report leaves out counts nothing
			if s, ok := sum[summaryCol]; ok {
				if want, err = strconv.Atoi(s); err != nil {
					t.Fatalf("%s: %s = %q", id, summaryCol, s)
				}
			}
			key := id + " " + name
			if why, ok := oracleExceptions[key]; ok {
				used[key] = true
				if detail == want {
					t.Errorf("%s: %s agrees (%d), drop its exception (%s)", id, name, detail, why)
				}
				return
			}
			if detail != want {
				t.Errorf("%s: %s: details give %d, the report's summary %s says %d", id, name, detail, summaryCol, want)
			} else {
				agree++
			}
		}

		// Accounts.
		unsettled := map[string]int{}
		orgs := map[string]map[string]bool{}
		all := map[string]int{}
		for _, a := range fl["accounts"] {
			typ, status := a["account_type"], a["status"]
			all[typ]++
			closed := strings.Contains(status, "结清")
			if typ == "R2" || typ == "R3" {
				closed = strings.Contains(status, "销户")
			}
			if typ == "C1" || closed {
				continue
			}
			unsettled[typ]++
			if orgs[typ] == nil {
				orgs[typ] = map[string]bool{}
			}
			orgs[typ][a["institution"]] = true
		}
		for _, typ := range []string{"D1", "R4", "R1", "R2", "R3"} {
			p := strings.ToLower(typ)
			check("unsettled "+typ+" accounts", unsettled[typ], p+"_accounts")
			check(typ+" institutions", len(orgs[typ]), p+"_orgs")
		}
		check("credit accounts", all["D1"]+all["R4"]+all["R1"]+all["R2"]+all["R3"], "credit_accounts_total")
		check("recovery accounts", all["C1"], "recovery_accounts")
		// 信贷交易信息提示 counts loans by kind (住房, 商用房, 其他类) and puts
		// 证券融资 and 融资租赁 (D1 accounts of those business types) under 其他.
		hints := map[string]int{}
		for _, h := range fl["summary_credit_hints"] {
			n, _ := strconv.Atoi(h["accounts"])
			hints[h["category"]] += n
			hints[h["category"]+" "+h["business_type"]] += n
		}
		otherLoans := 0
		for _, a := range fl["accounts"] {
			if a["account_type"] != "C1" && otherBusiness[a["business_type"]] {
				otherLoans++
			}
		}
		sum["hint loans"] = strconv.Itoa(hints["loan"])
		sum["hint other"] = strconv.Itoa(hints["other"])
		sum["hint cards"] = strconv.Itoa(hints["credit_card 贷记卡"])
		sum["hint quasi cards"] = strconv.Itoa(hints["credit_card 准贷记卡"])
		check("loan accounts (信贷交易信息提示)", all["D1"]+all["R4"]+all["R1"]-otherLoans, "hint loans")
		check("securities and leasing accounts (信贷交易信息提示 其他)", otherLoans, "hint other")
		check("credit card accounts (信贷交易信息提示)", all["R2"], "hint cards")
		check("quasi-credit card accounts (信贷交易信息提示)", all["R3"], "hint quasi cards")

		// Queries.
		count := func(reason string, months int) (n, institutions int) {
			from := minusMonths(reportDate, months)
			seen := map[string]bool{}
			for _, q := range fl["queries"] {
				d, err := time.Parse("2006-01-02", q["query_date"])
				if err != nil {
					t.Fatalf("%s: query_date %q", id, q["query_date"])
				}
				if q["reason"] == reason && d.After(from) && !d.After(reportDate) {
					n++
					seen[q["institution"]] = true
				}
			}
			return n, len(seen)
		}
		n, orgsN := count("贷款审批", 1)
		check("loan approval queries, 1 month", n, "q1m_loan_approval")
		check("loan approval institutions, 1 month", orgsN, "q1m_orgs_loan_approval")
		n, orgsN = count("信用卡审批", 1)
		check("card approval queries, 1 month", n, "q1m_card_approval")
		check("card approval institutions, 1 month", orgsN, "q1m_orgs_card_approval")
		n, _ = count("担保资格审查", 24)
		check("guarantee check queries, 2 years", n, "q2y_guarantee_check")
	}
	t.Logf("%d reports: %d checks agree with the report's own summary, %d exceptions", reports, agree, len(oracleExceptions))
	for key, why := range oracleExceptions {
		if !used[key] {
			t.Errorf("exception %q (%s) matches no check", key, why)
		}
	}
}

// otherBusiness are the business types 信贷交易信息提示 counts as 其他.
var otherBusiness = map[string]bool{"融资租赁": true, "约定购回式证券交易": true, "股票质押式回购交易": true, "融资融券业务": true, "其他证券类融资": true}

// minusMonths is R − n calendar months, the day clamped to the month's end
// (DuckDB's interval arithmetic: 2024-03-31 − 1 month = 2024-02-29).
func minusMonths(d time.Time, n int) time.Time {
	y, m := d.Year(), int(d.Month())-n
	for m < 1 {
		m += 12
		y--
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(y, time.Month(m), min(d.Day(), last), 0, 0, 0, 0, time.UTC)
}

func TestMinusMonths(t *testing.T) {
	for _, c := range [][2]string{{"2024-03-31", "2024-02-29"}, {"2024-01-15", "2023-12-15"}, {"2023-03-31", "2023-02-28"}} {
		d, _ := time.Parse("2006-01-02", c[0])
		if got := minusMonths(d, 1).Format("2006-01-02"); got != c[1] {
			t.Errorf("%s − 1 month = %s, want %s", c[0], got, c[1])
		}
	}
	if got := fmt.Sprint(minusMonths(time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), 24).Format("2006-01-02")); got != "2022-05-10" {
		t.Errorf("24 months: %s", got)
	}
}
