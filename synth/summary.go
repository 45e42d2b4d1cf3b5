package synth

import (
	"slices"

	"creditetl/schema"
)

// The summaries of part two (信息概要), computed from the details so that
// every count agrees with the lists a reader can count.

// hintCategory is the 信贷交易信息提示 line of an account.
func hintCategory(a *account) (group, line string) {
	switch a.typ {
	case tR2:
		return "card", "贷记卡"
	case tR3:
		return "card", "准贷记卡"
	case tC1:
		return "", ""
	}
	switch a.bizType {
	case "个人住房商业贷款", "个人住房公积金贷款":
		return "loan", "个人住房贷款"
	case "个人商用房贷款":
		return "loan", "个人商用房贷款（包括商住两用房）"
	}
	return "loan", "其他类贷款"
}

var overdueTypeNames = []struct{ typ, name string }{
	{tD1, "非循环贷账户"}, {tR4, "循环额度下分账户"}, {tR1, "循环贷账户"}, {tR2, "贷记卡账户"}, {tR3, "准贷记卡账户"},
}

// overdueLevel is a cell's level for the 逾期（透支）信息汇总: the digit of
// 1..7, except that a quasi-credit card's overdraft counts from 3 (over 60
// days; 1 and 2 are normal overdraft).
func overdueLevel(typ, st string) int {
	l := level(st)
	if typ == tR3 && l < 3 {
		return 0
	}
	return l
}

func (b *builder) renderSummary() schema.InfoSummary {
	f := b.f
	var s schema.InfoSummary

	// 信贷交易信息提示: every account, open or closed, by category.
	type hint struct {
		n     int
		first int
	}
	hints := map[string]*hint{}
	var order [2][]string
	total := 0
	for _, a := range b.accts {
		g, line := hintCategory(a)
		if g == "" {
			continue
		}
		h := hints[line]
		if h == nil {
			h = &hint{first: a.open.mi()}
			hints[line] = h
			k := 0
			if g == "card" {
				k = 1
			}
			order[k] = append(order[k], line)
		}
		h.n++
		h.first = min(h.first, a.open.mi())
		total++
	}
	lines := func(names []string) []schema.CreditHint {
		var out []schema.CreditHint
		for _, name := range names {
			h := hints[name]
			out = append(out, schema.CreditHint{Type: f.text(name), AccountNum: f.count(h.n), FirstGotAt: f.month(h.first)})
		}
		return out
	}
	// The printed order of the lines.
	rank := map[string]int{"个人住房贷款": 0, "个人商用房贷款（包括商住两用房）": 1, "其他类贷款": 2, "贷记卡": 3, "准贷记卡": 4}
	for _, o := range order {
		slices.SortFunc(o, func(x, y string) int { return rank[x] - rank[y] })
	}
	s.CreditTransInfoHint = schema.CreditTransInfoHint{
		TotalAccountNum: f.count(total),
		Detail:          schema.CreditHintDetail{Loan: lines(order[0]), CreditCard: lines(order[1])},
	}

	// 被追偿信息汇总.
	var rec schema.RecourseInfoSummary
	recN, recBal := 0, int64(0)
	byType := map[string][2]int64{}
	var recTypes []string
	for _, a := range b.accts {
		if a.typ != tC1 {
			continue
		}
		recN++
		bal := int64(0)
		if a.status == "催收" {
			bal = a.balance
		}
		recBal += bal
		t := a.bizType + "业务"
		if _, ok := byType[t]; !ok {
			recTypes = append(recTypes, t)
		}
		v := byType[t]
		byType[t] = [2]int64{v[0] + 1, v[1] + bal}
	}
	if recN > 0 {
		rec.TotalAccountNum, rec.SurplusAmount = f.count(recN), f.money(recBal)
		slices.Sort(recTypes)
		for _, t := range recTypes {
			v := byType[t]
			rec.Detail = append(rec.Detail, schema.RecourseSummary{Type: f.text(t), AccountNum: f.count(int(v[0])), SurplusAmount: f.money(v[1])})
		}
	}
	s.CreditTransBreachInfoSummary.RecourseInfoSummary = rec

	// 呆账信息汇总.
	badN, badBal := 0, int64(0)
	for _, a := range b.accts {
		if a.status == "呆账" {
			badN++
			badBal += a.balance
		}
	}
	if badN > 0 {
		s.CreditTransBreachInfoSummary.BadDebtsSummary = schema.BadDebtsSummary{AccountNum: f.count(badN), SurplusAmount: f.money(badBal)}
	}

	// 逾期（透支）信息汇总: from the grid months of the last five years (the 60
	// months through the report month).
	var rows []schema.OverdueSummary
	var empty []bool
	anyOverdue := false
	for _, tn := range overdueTypeNames {
		accts, months, maxLevel := 0, 0, 0
		perMonth := map[int]int64{}
		for _, a := range b.accts {
			if a.typ != tn.typ {
				continue
			}
			hit := false
			for _, c := range a.grid {
				if c.mi <= b.R.mi()-60 {
					continue
				}
				if l := overdueLevel(a.typ, c.st); l > 0 {
					hit = true
					months++
					maxLevel = max(maxLevel, l)
					perMonth[c.mi] += c.amt
				}
			}
			if hit {
				accts++
			}
		}
		if accts == 0 {
			rows = append(rows, schema.OverdueSummary{Type: f.text(tn.name), AccountNum: f.dash(), MonthNum: f.dash(),
				MaxAmountPerMonth: f.dash(), MaxOverdueMonthNum: f.dash()})
			empty = append(empty, true)
			continue
		}
		anyOverdue = true
		empty = append(empty, false)
		maxAmt := int64(0)
		for _, v := range perMonth {
			maxAmt = max(maxAmt, v)
		}
		rows = append(rows, schema.OverdueSummary{Type: f.text(tn.name), AccountNum: f.count(accts), MonthNum: f.count(months),
			MaxAmountPerMonth: f.money(maxAmt), MaxOverdueMonthNum: f.count(maxLevel)})
	}
	if anyOverdue {
		// Some layouts print every account type, "--" where there is none.
		if b.r.pct(50) {
			var kept []schema.OverdueSummary
			for i, row := range rows {
				if !empty[i] {
					kept = append(kept, row)
				}
			}
			rows = kept
		}
		s.CreditTransBreachInfoSummary.OverdueInfoCollection = rows
	}

	// 信贷交易授信及负债信息概要 (未结清/未销户).
	d := &s.CreditTransExtensionAndDebtSummary
	d.AcyclicLoanAccountInfoSummary = b.loanSummary(tD1)
	d.CyclicalAmountAccountInfoSummary = b.loanSummary(tR4)
	d.CyclicalLoanAccountInfoSummary = b.loanSummary(tR1)
	d.CreditAccountInfoSummary = b.cardSummary()
	d.QuasiCreditAccountInfoSummary = b.quasiSummary()
	d.ConcernedRefundDutyInfoSummary = b.dutySummary()

	// 非信贷交易信息概要: post-paid accounts in arrears.
	arrears := map[string][2]int64{}
	var ptypes []string
	for _, p := range b.postpaid {
		if p.arrears == 0 {
			continue
		}
		if _, ok := arrears[p.summaryType]; !ok {
			ptypes = append(ptypes, p.summaryType)
		}
		v := arrears[p.summaryType]
		arrears[p.summaryType] = [2]int64{v[0] + 1, v[1] + p.arrears}
	}
	slices.Sort(ptypes)
	for _, t := range ptypes {
		v := arrears[t]
		s.NoncreditTransInfoSummary = append(s.NoncreditTransInfoSummary,
			schema.PostpaidSummary{Type: f.text(t), AccountNum: f.count(int(v[0])), DebtAmount: f.money(v[1])})
	}

	// 公共信息概要.
	pub := func(name string, n int, amt int64) {
		if n > 0 {
			s.PublicInfoSummary = append(s.PublicInfoSummary,
				schema.PublicSummary{Type: f.text(name), RecordNum: f.count(n), ReferenceAmount: f.money(amt)})
		}
	}
	var amt int64
	for _, t := range b.pub.tax {
		amt += t.amount
	}
	pub("欠税信息", len(b.pub.tax), amt)
	amt = 0
	for _, c := range b.pub.civil {
		amt += c.amount
	}
	pub("民事判决信息", len(b.pub.civil), amt)
	amt = 0
	for _, e := range b.pub.enforce {
		amt += e.amount
	}
	pub("强制执行信息", len(b.pub.enforce), amt)
	amt = 0
	for _, p := range b.pub.penalty {
		amt += p.amount
	}
	pub("行政处罚信息", len(b.pub.penalty), amt)

	s.QueryRecordSummary = b.querySummary()
	return s
}

func (b *builder) loanSummary(typ string) schema.LoanSummary {
	f := b.f
	orgs := map[string]bool{}
	n := 0
	var credit, bal, pay int64
	for _, a := range b.accts {
		if a.typ != typ || !unsettled(a) {
			continue
		}
		n++
		orgs[a.inst] = true
		credit += a.amount
		bal += a.balance
		pay += a.sched
	}
	if n == 0 {
		return schema.LoanSummary{}
	}
	return schema.LoanSummary{ManageCompanyNum: f.count(len(orgs)), AccountNum: f.count(n), ExtensionAmount: f.money(credit),
		SurplusAmount: f.money(bal), Avg6monthPay: f.money(pay)}
}

// cardLimits is the limit per issuer of the unsettled cards of a type: the
// largest (shared) limit among its cards, since cards of one issuer share it.
func (b *builder) cardLimits(typ string) (orgs map[string]int64, n int) {
	orgs = map[string]int64{}
	for _, a := range b.accts {
		if a.typ != typ || !unsettled(a) {
			continue
		}
		n++
		orgs[a.inst] = max(orgs[a.inst], a.shared, a.amount)
	}
	return orgs, n
}

func limitStats(orgs map[string]int64) (total, hi, lo int64) {
	first := true
	for _, v := range orgs {
		total += v
		if first || v > hi {
			hi = v
		}
		if first || v < lo {
			lo = v
		}
		first = false
	}
	return
}

func (b *builder) cardSummary() schema.CardSummary {
	f := b.f
	orgs, n := b.cardLimits(tR2)
	if n == 0 {
		return schema.CardSummary{}
	}
	total, hi, lo := limitStats(orgs)
	var used, avg int64
	for _, a := range b.accts {
		if a.typ == tR2 && unsettled(a) {
			used += a.used
			avg += a.avg6
		}
	}
	return schema.CardSummary{CompanyNum: f.count(len(orgs)), AccountNum: f.count(n), ExtensionAmount: f.money(total),
		MaxAmountPerCompany: f.money(hi), MinAmountPerCompany: f.money(lo), UsedAmount: f.money(used), Avg6monthUsedAmount: f.money(avg)}
}

func (b *builder) quasiSummary() schema.QuasiCardSummary {
	f := b.f
	orgs, n := b.cardLimits(tR3)
	if n == 0 {
		return schema.QuasiCardSummary{}
	}
	total, hi, lo := limitStats(orgs)
	var bal, avg int64
	for _, a := range b.accts {
		if a.typ == tR3 && unsettled(a) {
			bal += a.balance
			avg += a.avg6
		}
	}
	return schema.QuasiCardSummary{CompanyNum: f.count(len(orgs)), AccountNum: f.count(n), ExtensionAmount: f.money(total),
		MaxAmountPerCompany: f.money(hi), MinAmountPerCompany: f.money(lo), SurplusAmount: f.money(bal), Avg6monthOverdraftAmount: f.money(avg)}
}

func (b *builder) dutySummary() schema.RefundDutySummaryAll {
	f := b.f
	var out schema.RefundDutySummaryAll
	for _, company := range []bool{false, true} {
		var gn, on int
		var ga, gb, oa, ob int64
		for _, g := range b.guars {
			if g.company != company {
				continue
			}
			if g.isGuarantee() {
				gn++
				ga += g.amount
				gb += g.balance
			} else {
				on++
				oa += g.amount
				ob += g.balance
			}
		}
		if gn+on == 0 {
			continue
		}
		d := schema.RefundDutySummary{
			GuaranteeDuty:   schema.GuaranteeDutySummary{AccountNum: f.count(gn), GuaranteeAmount: f.money(ga), SurplusAmount: f.money(gb)},
			OtherRefundDuty: schema.OtherDutySummary{AccountNum: f.count(on), RefundDutyAmount: f.money(oa), SurplusAmount: f.money(ob)},
		}
		if company {
			out.ForCompany = d
		} else {
			out.ForPerson = d
		}
	}
	return out
}

func (b *builder) querySummary() schema.QueryRecordSummary {
	f := b.f
	c := b.countQueries()
	var s schema.QueryRecordSummary
	if len(b.queries) > 0 {
		q := b.queries[0] // newest first
		s.LastQueryRecord = schema.LastQueryRecord{Date: f.date(q.d), CompanyName: f.text(q.inst), Detail: f.text(q.reason)}
	}
	s.Last1MonthQueryCompanyNum = schema.QueryCountsOrgs{LoanApproval: f.count(c.loanOrgs1m), CreditApproval: f.count(c.cardOrgs1m)}
	s.Last1MonthQueryNum = schema.QueryCounts1M{LoanApproval: f.count(c.loan1m), CreditApproval: f.count(c.card1m), SelfQuery: f.count(c.self1m)}
	// 贷后管理 and 特约商户实名审查 mostly appear only in these counts, not in
	// the detail list: the summary counts more than the details show.
	post := c.postLoan2y
	if !b.prof.empty {
		for _, a := range b.accts {
			if openAccount(a) && b.r.pct(60) {
				post += b.r.between(0, 3)
			}
		}
	}
	merchant := c.merchant2y
	if !b.prof.empty && b.r.pct(3) {
		merchant += b.r.between(1, 2)
	}
	s.Last2YearQueryNum = schema.QueryCounts2Y{ManagerAfterLoan: f.count(post), GuaranteeInvestigate: f.count(c.guar2y),
		BespokeMerchantsRealNameInvestigate: f.count(merchant)}
	if len(b.objections) > 0 {
		o := b.objections[0]
		s.ObjectionAndDescription = schema.SummaryObjection{ObjectionLabel: f.text(o.text), AddDate: f.date(o.d)}
	}
	return s
}
