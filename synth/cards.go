package synth

import "fmt"

// cardLimit draws a credit card limit: most between 10,000 and 50,000.
func (b *builder) cardLimit() int64 {
	r := b.r
	switch r.weighted(25, 50, 18, 7) {
	case 0:
		return r.amount(2000, 10000, 1000)
	case 1:
		return r.amount(10000, 50000, 1000)
	case 2:
		return r.amount(50000, 100000, 1000)
	}
	return r.amount(100000, 300000, 10000)
}

// cardTimeline sets open date and 截至日期 (the latest bill date) of a card.
func (b *builder) cardTimeline(a *account, status string) {
	r := b.r
	billDay := r.between(1, 28)
	var e int
	switch status {
	case "销户":
		a.closed = r.dateIn(b.R.addMonths(-36), b.R.addDays(-1))
		a.asOf = a.closed
		if r.pct(70) {
			e = r.between(24, 120)
		} else {
			e = r.between(6, 23)
		}
	case "呆账":
		a.asOf = b.lastDue(billDay)
		if r.pct(30) {
			a.asOf = inMonth(a.asOf.mi()-r.between(6, 36), billDay)
		}
		e = r.between(14, 96)
	case "未激活":
		a.asOf = b.lastDue(billDay)
		e = r.skewed(0, 60)
	default:
		a.asOf = b.lastDue(billDay)
		if r.pct(75) {
			e = r.between(24, 180)
		} else {
			e = r.between(0, 23)
		}
	}
	a.open = inMonth(a.asOf.mi()-e, r.between(1, 28))
	if !a.open.before(a.asOf) {
		a.open = a.asOf.addDays(-r.between(1, 25))
	}
}

func (b *builder) genR2(ar arisk, i inst) *account {
	r := b.r
	a := &account{typ: tR2, bizType: "贷记卡", guarantee: "信用/免担保", currency: "人民币", remaining: -1}
	a.inst, a.qinst = cardCenter(i)
	a.amountID = b.amountID(i.code)
	if r.pct(25) {
		a.agreement = i.code + "XY" + r.digits(r.between(5, 9))
	}
	if r.pct(2) {
		a.currency = "美元"
	}
	a.amount = b.cardLimit()
	a.shared = a.amount
	kk := 0
	switch ar {
	case overdue:
		a.status = "正常"
		kk = r.skewed(1, 6)
		if b.risk != riskBad {
			kk = r.skewed(1, 3)
		}
	case bad:
		a.status = "呆账"
	default:
		a.status = pickW(r, []choice[string]{{820, "正常"}, {120, "销户"}, {50, "未激活"}, {5, "冻结"}, {5, "止付"}})
	}
	b.cardTimeline(a, a.status)
	if a.status == "未激活" {
		return a // no repayment record
	}

	usage := r.weighted(25, 50, 25) // dormant, moderate, heavy
	if ar == overdue || ar == bad {
		usage = 2
	}
	a.grid = newGrid(a.open, a.asOf, "N")
	g := a.grid
	n := len(g)
	for j := range g {
		switch usage {
		case 0:
			if r.pct(85) {
				g[j].st = "*"
			}
		case 1:
			if r.pct(20) {
				g[j].st = "*"
			}
		}
	}
	if g[0].mi == a.open.mi() {
		g[0].st = "*"
	}
	switch usage {
	case 0:
		a.used = 0
	case 1:
		a.used = r.between64(a.amount*5/100, a.amount/2)
	default:
		a.used = r.between64(a.amount/2, a.amount)
	}
	minPay := max(a.used/10, 100)
	hadPast := ar == past || (ar != clean && r.pct(40))
	switch a.status {
	case "销户":
		g[n-1].st = "C"
		a.used = 0
	case "呆账":
		l := r.between(3, 7)
		nb := r.between(1, min(24, n-l-2))
		badTail(g, l, nb)
		a.balance = a.amount * int64(r.between(60, 115)) / 100
		a.used = 0 // a bad-debt card shows its balance, no used amount
		a.lastRepay = inMonth(g[n-nb-l].mi-1, r.between(1, 28))
		if a.lastRepay.before(a.open) {
			a.lastRepay = date{}
		}
		minPay = max(a.balance/10, 100)
		hadPast = false
	default:
		if a.used == 0 {
			g[n-1].st = "*"
		} else {
			g[n-1].st = "N"
		}
		kk = min(kk, n-1)
		if kk > 0 {
			tailRun(g, kk)
			a.odPeriods = kk
			a.odAmount = minPay*int64(kk) + int64(r.between(0, 300))
		}
	}
	if hadPast && n > 8 {
		b.episodes(g, 1, n-1-kk, r.between(1, 2), 2)
	}
	b.sprinkleUnknown(g, n-kk-2)
	fillAmounts(g, minPay, a.balance)
	if kk > 0 {
		g[n-1].amt = a.odAmount
	}

	if a.status == "正常" || a.status == "冻结" || a.status == "止付" {
		a.balance = a.used
		a.avg6 = min(a.used*int64(r.between(60, 130))/100, a.amount)
		a.maxUsed = min(max(a.used, a.avg6)+r.between64(0, a.amount/3), a.amount)
		if usage == 0 {
			a.avg6 = r.between64(0, a.amount/20)
			a.maxUsed = max(a.avg6, r.between64(0, a.amount/4))
		}
		a.sched = 0
		if a.used > 0 {
			a.sched = minPay
			if r.pct(40) {
				a.sched = a.used
			}
		}
		a.paid = a.sched
		if r.pct(30) && a.used > 0 {
			a.paid = r.between64(a.sched, a.used)
		}
		a.lastRepay = a.asOf.addDays(-r.between(3, 40))
		if usage == 0 && r.pct(30) {
			a.lastRepay = a.asOf.addDays(-r.between(60, 700))
		}
		if kk > 0 {
			a.paid = 0
			a.lastRepay = a.asOf.addDays(-r.between(31*kk, 31*kk+20))
		}
		if a.lastRepay.before(a.open) {
			a.lastRepay = date{}
		}
		if a.status == "正常" && kk == 0 && a.used > 0 && r.pct(3) {
			l := &largeInst{limit: r.amount(50000, 200000, 10000), periods: pick(r, []int{12, 24, 36})}
			l.eff = r.dateIn(a.open, a.asOf)
			l.due = l.eff.addMonths(l.periods).addDays(-1)
			l.used = r.between64(l.limit/2, l.limit) / 1000 * 1000
			l.unbilled = l.used * int64(r.between(20, 90)) / 100
			a.large = l
			a.balance += l.unbilled
		}
		if a.used > 0 && r.pct(8) {
			pay := r.between64(min(minPay, a.used), a.used)
			a.after = &afterCut{balance: a.balance - pay, d: r.dateIn(a.asOf.addDays(1), b.R), amount: pay, state: "N"}
		}
		if r.pm(15) {
			mi := a.asOf.mi() + 1
			y, m := fromMI(mi)
			a.event = fmt.Sprintf("该账户%d年%02d月不出单。", y, m)
		}
	}
	b.maybeSpecial(a)
	b.maybeNotes(a)
	return a
}

func (b *builder) genR3(ar arisk, i inst) *account {
	r := b.r
	a := &account{typ: tR3, bizType: "准贷记卡", guarantee: "信用/免担保", currency: "人民币", remaining: -1}
	a.inst, a.qinst = cardCenter(i)
	a.amountID = b.amountID(i.code)
	a.amount = r.amount(1000, 50000, 1000)
	a.shared = a.amount
	switch ar {
	case bad:
		a.status = "呆账"
	default:
		a.status = pickW(r, []choice[string]{{80, "正常"}, {20, "销户"}})
	}
	if ar == overdue {
		a.status = "正常"
	}
	b.cardTimeline(a, a.status)
	a.grid = newGrid(a.open, a.asOf, "*")
	g := a.grid
	n := len(g)
	for j := range g {
		if r.pct(35) {
			g[j].st = "N"
		}
	}
	// Overdraft of 1-60 days (states 1 and 2) is normal for a quasi-credit card.
	if n > 4 && r.pct(40) {
		b.episodes(g, 1, n-1, r.between(1, 3), 2)
	}
	if ar == past && n > 8 {
		b.episodes(g, 1, n-1, 1, 4)
	}
	unit := r.amount(300, max(a.amount/2, 400), 100)
	kk := 0
	switch a.status {
	case "销户":
		g[n-1].st = "C"
	case "呆账":
		l := r.between(3, 7)
		nb := r.between(1, min(24, n-l-2))
		badTail(g, l, nb)
		a.balance = a.amount * int64(r.between(50, 110)) / 100
		a.lastRepay = inMonth(g[n-nb-l].mi-1, r.between(1, 28))
	default:
		if ar == overdue {
			kk = min(r.between(1, 4), n-1)
		} else if r.pct(25) {
			kk = min(r.between(1, 2), n-1)
		}
		if kk > 0 {
			tailRun(g, kk)
			a.balance = unit * int64(kk)
		}
		a.avg6 = a.balance * int64(r.between(40, 100)) / 100
		a.maxUsed = max(a.balance, r.between64(0, a.amount))
		if kk == 0 && g[n-1].st == "N" {
			a.paid = r.between64(100, max(a.amount/5, 100))
		}
		a.lastRepay = a.asOf.addDays(-r.between(3, 90))
		if kk >= 7 {
			a.overdraft180 = a.balance
		}
	}
	if a.lastRepay.before(a.open) {
		a.lastRepay = date{}
	}
	b.sprinkleUnknown(g, n-kk-2)
	fillAmounts(g, unit, a.balance)
	b.maybeSpecial(a)
	return a
}

// genC1 is a recovery account (被追偿账户): a debt taken over by an asset
// management company, or an advance paid by a guarantor.
func (b *builder) genC1() *account {
	r := b.r
	a := &account{typ: tC1, remaining: -1}
	if r.pct(60) {
		a.bizType = "资产处置"
		a.inst = pick(r, amcs)
		a.transferState = pick(r, []string{"7", "7", "B", "6", "5"})
	} else {
		a.bizType = "垫款"
		a.inst = pick(r, []string{b.p.reg.citySh() + "中小企业融资担保有限公司", b.p.reg.citySh() + "融资担保集团有限公司",
			"首创担保公司", "中国平安财产保险股份有限公司" + b.p.reg.citySh() + "分公司"})
		a.transferState = pick(r, []string{"1", "2", "3", "4"})
	}
	a.open = r.dateIn(b.R.addMonths(-60), b.R.addMonths(-3))
	a.amount = r.amount(5000, 500000, 100)
	if r.pct(70) {
		a.status = "催收"
		a.asOf = b.R.addDays(-r.between(1, 40))
		if !a.asOf.after(a.open) {
			a.asOf = a.open.addDays(1)
		}
		a.balance = a.amount * int64(r.between(40, 100)) / 100
		if r.pct(60) {
			a.lastRepay = r.dateIn(a.open, a.asOf)
		}
	} else {
		a.status = "结束"
		a.closed = r.dateIn(a.open.addDays(30), b.R.addDays(-1))
		a.asOf = a.closed
		if r.pct(40) {
			t := pick(r, []string{"担保人（第三方）代偿", "以资抵债"})
			a.special = append(a.special, specialTrans{typ: t, d: a.closed, amount: a.amount,
				detail: fmt.Sprintf("该笔债务已于%d年%02d月%02d日结束。", a.closed.Y, a.closed.M, a.closed.D)})
		}
	}
	return a
}
