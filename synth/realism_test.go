package synth

import (
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"creditetl/schema"
)

// The realism invariants, checked on what a consumer reads: each report is
// marshalled, decoded with schema.Decode and its values read per the contract.

const corpusN = 160

var (
	corpusOnce sync.Once
	corpusReps []*schema.Report
)

func corpus(t *testing.T) []*schema.Report {
	corpusOnce.Do(func() {
		for i := 1; i <= corpusN; i++ {
			rep, _ := decoded(t, 7, i)
			corpusReps = append(corpusReps, rep)
		}
	})
	return corpusReps
}

func reportDate(t *testing.T, rep *schema.Report) cdate {
	return mustDate(t, rep.CreditHeader.ReportTime, "reportTime")
}

func TestReportTimes(t *testing.T) {
	for i, rep := range corpus(t) {
		d := reportDate(t, rep)
		if d.y < 2019 || d.y > 2025 {
			t.Errorf("report %d: report date %v outside 2019-2025", i+1, d)
		}
	}
}

var reMobile = regexp.MustCompile(`^1[3-9]\d{9}$`)

func TestSubject(t *testing.T) {
	for i, rep := range corpus(t) {
		h, pi := rep.CreditHeader, rep.PersonBasicInfo.PersonInfo
		id := text(h.IDNum)
		if len(id) != 18 || idCheckDigit(id[:17]) != id[17] {
			t.Fatalf("report %d: ID number %q has a wrong check digit", i+1, id)
		}
		birth := mustDate(t, pi.Birthday.Value, "birthday")
		if got := birth.t().Format("20060102"); got != id[6:14] {
			t.Errorf("report %d: birthday %s, ID says %s", i+1, got, id[6:14])
		}
		male := (id[16]-'0')%2 == 1
		if g := text(pi.Gender.Value); (g == "男") != male || (g != "男" && g != "女") {
			t.Errorf("report %d: gender %q, ID %s", i+1, g, id)
		}
		age := reportDate(t, rep).y - birth.y
		if age < 21 || age > 61 {
			t.Errorf("report %d: age %d", i+1, age)
		}
		if len(pi.Mobile) == 0 {
			t.Errorf("report %d: no mobile", i+1)
		}
		for _, m := range pi.Mobile {
			if !reMobile.MatchString(text(m.Mobile)) {
				t.Errorf("report %d: mobile %q", i+1, m.Mobile.Raw)
			}
		}
		if sp := rep.PersonBasicInfo.ConnubialInfo; sp.Name.Given() {
			if text(pi.IsMarried.Value) != "已婚" {
				t.Errorf("report %d: spouse but marital status %q", i+1, pi.IsMarried.Value.Raw)
			}
			sid := text(sp.IDNum)
			if len(sid) != 18 || idCheckDigit(sid[:17]) != sid[17] || (sid[16]-'0')%2 == id[16]%2 {
				t.Errorf("report %d: spouse ID %q", i+1, sid)
			}
		}
	}
}

// stateBlock is the state sub-object each status fills (none: "").
var stateBlock = map[string]map[string]string{
	tC1: {"催收": "DebtCollection", "结束": "DebtFinish"},
	tD1: {"正常": "Normal", "逾期": "Overdue", "呆账": "BadDebt", "转出": "Transfer", "结清": "Clear"},
	tR4: {"正常": "Normal", "逾期": "Overdue", "结清": ""},
	tR1: {"正常": "Overdue", "逾期": "Overdue", "结清": "Clear"},
	tR2: {"正常": "Normal", "冻结": "Normal", "止付": "Normal", "销户": "AccountCanceled", "未激活": "Inactive", "呆账": "BadDebt"},
	tR3: {"正常": "Normal", "呆账": "BadDebt", "销户": ""},
}

func filledBlocks(st reflect.Value) []string {
	var out []string
	for i := range st.NumField() {
		f := st.Type().Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[schema.Scalar]() && f.Type != reflect.TypeFor[schema.Meta]() && !st.Field(i).IsZero() {
			out = append(out, f.Name)
		}
	}
	return out
}

func TestAccounts(t *testing.T) {
	types := map[string]int{}
	grids, long := 0, 0
	empty := 0
	for ri, rep := range corpus(t) {
		as := accounts(t, rep)
		if len(as) == 0 {
			empty++
			if n := len(rep.QueryRecord.CompanyQueryRecord) + len(rep.QueryRecord.PersonQueryRecord); n != 0 {
				t.Errorf("report %d: no accounts but %d queries", ri+1, n)
			}
		}
		R := reportDate(t, rep)
		for _, a := range as {
			where := func() string { return "report " + itoa(ri+1) + " " + a.what + " (" + a.status + ")" }
			types[a.typ]++
			want, known := stateBlock[a.typ][a.status]
			if !known {
				t.Errorf("%s: unexpected status", where())
			}
			blocks := filledBlocks(a.state)
			if (want == "" && len(blocks) != 0) || (want != "" && (len(blocks) != 1 || blocks[0] != want)) {
				t.Errorf("%s: state blocks %v, want %q", where(), blocks, want)
			}
			if !a.asOf.before(R) || a.open.after(a.asOf) {
				t.Errorf("%s: open %v, dueDate %v, report %v", where(), a.open, a.asOf, R)
			}
			if a.typ == tC1 {
				if a.hasGrid {
					t.Errorf("%s: a recovery account with a grid", where())
				}
				continue
			}
			if !a.hasGrid {
				if a.status != "未激活" {
					t.Errorf("%s: no repayment grid", where())
				}
				continue
			}
			// The grid: contiguous months ending at the month of dueDate,
			// from the open month or five years back.
			g := a.grid
			grids++
			n := len(g)
			if g[n-1].mi != a.asOf.mi() {
				t.Errorf("%s: grid ends %d, dueDate month %d", where(), g[n-1].mi, a.asOf.mi())
			}
			if g[n-1].mi-g[0].mi+1 != n {
				t.Errorf("%s: grid has gaps", where())
			}
			if want := min(60, a.asOf.mi()-a.open.mi()+1); n != want {
				t.Errorf("%s: grid of %d months, want %d", where(), n, want)
			}
			if n >= 24 {
				long++
			}
			last := g[n-1]
			switch {
			case a.status == "结清" || a.status == "销户":
				if last.st != "C" {
					t.Errorf("%s: settled/closed grid ends in %q", where(), last.st)
				}
			case a.status == "呆账":
				if last.st != "B" {
					t.Errorf("%s: bad-debt grid ends in %q", where(), last.st)
				}
			}
			for _, c := range g {
				if c.st == "#" && (c.amtGiven) {
					t.Errorf("%s: state # with amount %d", where(), c.amt)
				}
				if c.st == "B" && a.status != "呆账" {
					t.Errorf("%s: B in a grid of status %s", where(), a.status)
				}
				if c.st != "#" && !c.amtGiven {
					t.Errorf("%s: state %s without an amount", where(), c.st)
				}
			}
			// Current overdue = the trailing overdue run.
			if a.typ != tR3 && a.status != "呆账" && a.odGiven {
				trail := int64(lvl(a.typ, last.st))
				if a.odPeriods != trail {
					t.Errorf("%s: currOverduePeriods %d, grid ends in %q", where(), a.odPeriods, last.st)
				}
				if (a.odAmount > 0) != (a.odPeriods > 0) {
					t.Errorf("%s: overdue amount %d with %d periods", where(), a.odAmount, a.odPeriods)
				}
				if a.odPeriods > 0 && last.amt != a.odAmount {
					t.Errorf("%s: overdue amount %d, last month %d", where(), a.odAmount, last.amt)
				}
				if (a.status == "逾期") != (a.odPeriods > 0) && a.typ != tR2 {
					t.Errorf("%s: status vs %d overdue periods", where(), a.odPeriods)
				}
			}
			if a.typ == tR2 && a.status == "正常" && a.used > a.limit {
				t.Errorf("%s: used %d over limit %d", where(), a.used, a.limit)
			}
		}
	}
	for _, typ := range []string{tC1, tD1, tR4, tR1, tR2, tR3} {
		if types[typ] == 0 {
			t.Errorf("no %s account in %d reports", typ, corpusN)
		}
	}
	if types[tR2] < types[tD1] || types[tD1] < types[tR4] {
		t.Errorf("account mix %v: credit cards should be the most common", types)
	}
	// Grids of 24-60 months, except for accounts opened less than two
	// years before their dueDate.
	if long*100 < grids*60 {
		t.Errorf("only %d of %d grids cover 24 months or more", long, grids)
	}
	if empty < corpusN/50 || empty > corpusN/15 {
		t.Errorf("%d empty reports of %d, want about 3%%", empty, corpusN)
	}
	t.Logf("accounts %v; %d of %d grids ≥ 24 months; %d empty reports", types, long, grids, empty)
}

func TestSummaries(t *testing.T) {
	for ri, rep := range corpus(t) {
		where := "report " + itoa(ri+1)
		as := accounts(t, rep)
		s := rep.InfoSummary
		eq := func(what string, sc schema.Scalar, want int64) {
			t.Helper()
			got, _ := optInt(t, sc, what)
			if got != want {
				t.Errorf("%s: %s = %d, details give %d", where, what, got, want)
			}
		}

		// 信贷交易信息提示.
		var credit int64
		lines := map[string]int64{}
		for _, a := range as {
			if a.typ == tC1 {
				continue
			}
			credit++
			line := "其他类贷款"
			switch {
			case a.typ == tR2:
				line = "贷记卡"
			case a.typ == tR3:
				line = "准贷记卡"
			case a.biz == "个人住房商业贷款" || a.biz == "个人住房公积金贷款":
				line = "个人住房贷款"
			case a.biz == "个人商用房贷款":
				line = "个人商用房贷款（包括商住两用房）"
			}
			lines[schema.Normalize(line)]++
		}
		eq("totalAccountNum", s.CreditTransInfoHint.TotalAccountNum, credit)
		hint := append(append([]schema.CreditHint{}, s.CreditTransInfoHint.Detail.Loan...), s.CreditTransInfoHint.Detail.CreditCard...)
		if len(hint) != len(lines) {
			t.Errorf("%s: %d hint lines, %d categories", where, len(hint), len(lines))
		}
		for _, h := range hint {
			eq("hint "+text(h.Type), h.AccountNum, lines[text(h.Type)])
		}

		// Per account type, the unsettled accounts (未结清/未销户): the open
		// accounts of the contract, and also the inactive cards.
		count := func(typ string, open bool) (n int64, orgs int64, bal, limit, used int64) {
			seen := map[string]bool{}
			for _, a := range as {
				if a.typ == typ && (!open || a.isOpen() || a.status == "未激活") {
					n++
					if !seen[a.inst] {
						seen[a.inst] = true
						orgs++
					}
					bal += a.balance
					limit += a.limit
					used += a.used
				}
			}
			return
		}
		d := s.CreditTransExtensionAndDebtSummary
		for _, x := range []struct {
			typ string
			sum schema.LoanSummary
		}{{tD1, d.AcyclicLoanAccountInfoSummary}, {tR4, d.CyclicalAmountAccountInfoSummary}, {tR1, d.CyclicalLoanAccountInfoSummary}} {
			n, orgs, bal, limit, _ := count(x.typ, true)
			eq(x.typ+" accountNum", x.sum.AccountNum, n)
			eq(x.typ+" manageCompanyNum", x.sum.ManageCompanyNum, orgs)
			eq(x.typ+" surplusAmount", x.sum.SurplusAmount, bal)
			eq(x.typ+" extensionAmount", x.sum.ExtensionAmount, limit)
		}
		n, orgs, _, _, used := count(tR2, true)
		eq("R2 accountNum", d.CreditAccountInfoSummary.AccountNum, n)
		eq("R2 companyNum", d.CreditAccountInfoSummary.CompanyNum, orgs)
		eq("R2 usedAmount", d.CreditAccountInfoSummary.UsedAmount, used)
		n, orgs, bal, _, _ := count(tR3, true)
		eq("R3 accountNum", d.QuasiCreditAccountInfoSummary.AccountNum, n)
		eq("R3 companyNum", d.QuasiCreditAccountInfoSummary.CompanyNum, orgs)
		eq("R3 surplusAmount", d.QuasiCreditAccountInfoSummary.SurplusAmount, bal)

		// 被追偿, 呆账.
		n, _, bal, _, _ = count(tC1, false)
		eq("recourse totalAccountNum", s.CreditTransBreachInfoSummary.RecourseInfoSummary.TotalAccountNum, n)
		eq("recourse surplusAmount", s.CreditTransBreachInfoSummary.RecourseInfoSummary.SurplusAmount, bal)
		var bad, badBal int64
		for _, a := range as {
			if a.status == "呆账" {
				bad++
				badBal += a.balance
			}
		}
		eq("badDebts accountNum", s.CreditTransBreachInfoSummary.BadDebtsSummary.AccountNum, bad)
		eq("badDebts surplusAmount", s.CreditTransBreachInfoSummary.BadDebtsSummary.SurplusAmount, badBal)

		// 逾期（透支）信息汇总 from the grid months of the last five years.
		R := reportDate(t, rep)
		names := map[string]string{"非循环贷账户": tD1, "循环额度下分账户": tR4, "循环贷账户": tR1, "贷记卡账户": tR2, "准贷记卡账户": tR3}
		rows := map[string]schema.OverdueSummary{}
		for _, row := range s.CreditTransBreachInfoSummary.OverdueInfoCollection {
			rows[names[text(row.Type)]] = row
		}
		for _, typ := range []string{tD1, tR4, tR1, tR2, tR3} {
			var accts, months, maxL int64
			for _, a := range as {
				if a.typ != typ {
					continue
				}
				hit := false
				for _, c := range a.grid {
					if c.mi <= R.mi()-60 {
						continue
					}
					if l := lvl(typ, c.st); l > 0 {
						hit = true
						months++
						maxL = max(maxL, int64(l))
					}
				}
				if hit {
					accts++
				}
			}
			row := rows[typ]
			eq(typ+" overdue accountNum", row.AccountNum, accts)
			eq(typ+" overdue monthNum", row.MonthNum, months)
			eq(typ+" maxOverdueMonthNum", row.MaxOverdueMonthNum, maxL)
		}

		// 公共信息概要, 非信贷交易信息概要.
		pub := map[string]int64{}
		for _, p := range s.PublicInfoSummary {
			pub[text(p.Type)], _ = optInt(t, p.RecordNum, "recordNum")
		}
		pd := rep.PublicInfoDetail
		for name, n := range map[string]int{"欠税信息": len(pd.OwingTaxRecord), "民事判决信息": len(pd.CivilJudgmentRecord),
			"强制执行信息": len(pd.ForceExecuteRecord), "行政处罚信息": len(pd.AdministrativePenaltyRecord)} {
			if pub[name] != int64(n) {
				t.Errorf("%s: %s: summary %d, details %d", where, name, pub[name], n)
			}
		}
		var arrearsN, arrears int64
		for _, p := range rep.NoncreditTransInfoDetail {
			if v, _ := optInt(t, p.CurrOverdueAmount, "arrears"); v > 0 {
				arrearsN++
				arrears += v
			}
		}
		var sumN, sumA int64
		for _, p := range s.NoncreditTransInfoSummary {
			v, _ := optInt(t, p.AccountNum, "accountNum")
			a, _ := optInt(t, p.DebtAmount, "debtAmount")
			sumN, sumA = sumN+v, sumA+a
		}
		if sumN != arrearsN || sumA != arrears {
			t.Errorf("%s: post-paid summary %d/%d, details %d/%d", where, sumN, sumA, arrearsN, arrears)
		}
		if t.Failed() {
			return
		}
	}
}

// TestQuerySummary: the summary's counts are what a reader of the detail
// lists computes with the contract's window rule (R − N months, R].
func TestQuerySummary(t *testing.T) {
	boundary, recent, self := 0, 0, 0
	for ri, rep := range corpus(t) {
		where := "report " + itoa(ri+1)
		R := reportDate(t, rep)
		m1, y2 := R.minusMonths(1), R.minusMonths(24)
		var loan, card, selfQ, guar, post int64
		loanOrgs, cardOrgs := map[string]bool{}, map[string]bool{}
		var latest cdate
		rows := append(append([]schema.Query{}, rep.QueryRecord.CompanyQueryRecord...), rep.QueryRecord.PersonQueryRecord...)
		for _, q := range rows {
			d := mustDate(t, q.Date, "query date")
			reason, inst := text(q.QueryReason), text(q.QueryCompany)
			if d.after(R) || !d.after(R.minusMonths(25)) {
				t.Errorf("%s: query on %v, report %v", where, d, R)
			}
			if d == m1 || d == y2 {
				boundary++
			}
			if d.after(latest) {
				latest = d
			}
			if d.after(m1) && !d.after(R) {
				recent++
				switch {
				case reason == "贷款审批":
					loan++
					loanOrgs[inst] = true
				case reason == "信用卡审批":
					card++
					cardOrgs[inst] = true
				case strings.HasPrefix(reason, "本人查询"):
					selfQ++
				}
			}
			if d.after(y2) && !d.after(R) {
				switch reason {
				case "担保资格审查":
					guar++
				case "贷后管理":
					post++
				}
			}
			if strings.HasPrefix(reason, "本人查询") {
				self++
			}
		}
		qs := rep.InfoSummary.QueryRecordSummary
		eq := func(what string, sc schema.Scalar, want int64) {
			t.Helper()
			got, ok := optInt(t, sc, what)
			if !ok || got != want {
				t.Errorf("%s: %s = %q, details give %d", where, what, sc.Raw, want)
			}
		}
		eq("last1MonthQueryNum.loanApproval", qs.Last1MonthQueryNum.LoanApproval, loan)
		eq("last1MonthQueryNum.creditApproval", qs.Last1MonthQueryNum.CreditApproval, card)
		eq("last1MonthQueryNum.selfQuery", qs.Last1MonthQueryNum.SelfQuery, selfQ)
		eq("last1MonthQueryCompanyNum.loanApproval", qs.Last1MonthQueryCompanyNum.LoanApproval, int64(len(loanOrgs)))
		eq("last1MonthQueryCompanyNum.creditApproval", qs.Last1MonthQueryCompanyNum.CreditApproval, int64(len(cardOrgs)))
		eq("last2YearQueryNum.guaranteeInvestigate", qs.Last2YearQueryNum.GuaranteeInvestigate, guar)
		if got, _ := optInt(t, qs.Last2YearQueryNum.ManagerAfterLoan, "managerAfterLoan"); got < post {
			t.Errorf("%s: managerAfterLoan %d below the %d detail rows", where, got, post)
		}
		if len(rows) > 0 {
			if d := mustDate(t, qs.LastQueryRecord.Date, "lastQueryRecord"); d != latest {
				t.Errorf("%s: lastQueryRecord %v, latest query %v", where, d, latest)
			}
		}
		if t.Failed() {
			return
		}
	}
	if boundary == 0 || recent == 0 || self == 0 {
		t.Errorf("queries on window boundaries %d, in the last month %d, self queries %d: want some of each", boundary, recent, self)
	}
}

// TestValueVariety: a minority of values take the other OCR forms.
func TestValueVariety(t *testing.T) {
	var dates, oddDates, money, oddMoney, numbers, full int
	plainDate := regexp.MustCompile(`^\d{4}\.\d{2}\.\d{2}$`)
	plainMoney := regexp.MustCompile(`^\d+$`)
	for _, rep := range corpus(t)[:80] {
		walk(reflectOf(rep), "", func(path, kind string, sc schema.Scalar) {
			if _, ok := given(sc); !ok {
				return
			}
			if sc.Kind == schema.Number {
				numbers++
			}
			if sc.Raw != schema.Normalize(sc.Raw) {
				full++
			}
			switch kind {
			case "date":
				dates++
				if !plainDate.MatchString(sc.Raw) {
					oddDates++
				}
			case "money":
				money++
				if !plainMoney.MatchString(sc.Raw) {
					oddMoney++
				}
			}
		}, func(string, *schema.Meta) {})
	}
	for _, x := range []struct {
		what     string
		odd, all int
	}{{"dates", oddDates, dates}, {"amounts", oddMoney, money}} {
		if x.odd*100 < x.all*5 || x.odd*100 > x.all*25 {
			t.Errorf("%d of %d %s in a non-plain form, want 5-25%%", x.odd, x.all, x.what)
		}
	}
	if numbers == 0 || full == 0 {
		t.Errorf("JSON numbers %d, values needing NFKC/trim %d: want some of each", numbers, full)
	}
	t.Logf("odd dates %d/%d, odd amounts %d/%d, numbers %d, NFKC/trim %d", oddDates, dates, oddMoney, money, numbers, full)
}
