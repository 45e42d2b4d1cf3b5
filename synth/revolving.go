package synth

// facility is a revolving credit line whose drawings are R4 sub-accounts
// (循环额度下分账户); its 授信协议 shows in extensionProtocolInfo.
type facility struct {
	inst, qinst, code, id, biz string
	limit                      int64
	effect, deadline           date
}

func (b *builder) newFacility() *facility {
	r := b.r
	f := &facility{biz: pickW(r, []choice[string]{{80, "其他个人消费贷款"}, {20, "个人经营性贷款"}})}
	if r.pct(55) {
		o := pick(r, onlineLenders)
		f.inst, f.qinst, f.code = o.full, o.full, o.code
	} else {
		i := b.bank()
		f.inst, f.qinst = b.branch(i)
		f.code = i.code
	}
	f.id = f.code + "XY" + r.digits(r.between(6, 10))
	f.limit = r.amount(10000, 300000, 1000)
	f.effect = r.dateIn(b.R.addMonths(-96), b.R.addMonths(-2))
	f.deadline = f.effect.addMonths(pick(r, []int{12, 24, 36, 60, 120})).addDays(-1)
	return f
}

// genR4 is one drawing under a revolving facility: an instalment loan.
func (b *builder) genR4(ar arisk, f *facility) *account {
	r := b.r
	a := &account{typ: tR4, inst: f.inst, qinst: f.qinst, agreement: f.id, bizType: f.biz, currency: "人民币",
		freq: "月", joint: "无", remaining: -1}
	a.amountID = b.amountID(f.code)
	a.amount = r.amount(1000, min(f.limit, 100000), 100)
	a.periods = pick(r, []int{3, 6, 6, 12, 12, 12, 24, 36})
	a.method = pickW(r, []choice[string]{{70, "分期等额本息"}, {20, "不区分还款方式"}, {10, "分期等额本金"}})
	a.guarantee = pickW(r, []choice[string]{{90, "信用/免担保"}, {10, "保证"}})
	var status string
	kk := 0
	switch ar {
	case overdue:
		status, kk = "逾期", r.skewed(1, 6)
	case bad:
		status, kk = "逾期", r.between(4, 7)
	default:
		status = pickW(r, []choice[string]{{55, "正常"}, {45, "结清"}})
	}
	if a.periods < kk+3 {
		a.periods = 12
	}
	b.loanBody(a, status, kk, 12000, ar)
	return a
}

// genR1 is a revolving loan account (循环贷账户): a limit, a balance that
// goes up and down, no instalments.
func (b *builder) genR1(ar arisk) *account {
	r := b.r
	a := &account{typ: tR1, currency: "人民币", joint: "无", remaining: -1}
	code := ""
	if r.pct(80) {
		i := b.bank()
		a.inst, a.qinst = b.branch(i)
		code = i.code
	} else {
		o := pick(r, onlineLenders)
		a.inst, a.qinst, code = o.full, o.full, o.code
	}
	a.amountID = b.amountID(code)
	if r.pct(30) {
		a.agreement = code + "XY" + r.digits(8)
	}
	a.bizType = pickW(r, []choice[string]{{70, "其他个人消费贷款"}, {30, "个人经营性贷款"}})
	a.amount = r.amount(20000, 500000, 10000)
	a.freq = pickW(r, []choice[string]{{70, "月"}, {30, "不定期"}})
	a.method = pickW(r, []choice[string]{{40, "按期结息、到期还本"}, {35, "按期结息、自由还本"}, {25, "不区分还款方式"}})
	a.guarantee = pickW(r, []choice[string]{{60, "信用/免担保"}, {25, "抵押"}, {15, "保证"}})
	var status string
	kk := 0
	switch ar {
	case overdue:
		status, kk = "逾期", r.skewed(1, 6)
	case bad:
		status, kk = "逾期", r.between(4, 7)
	default:
		status = pickW(r, []choice[string]{{70, "正常"}, {30, "结清"}})
	}
	day := r.between(1, 28)
	var e int
	if status == "结清" {
		a.closed = r.dateIn(b.R.addMonths(-36), b.R.addDays(-1))
		a.asOf = a.closed
	} else {
		a.asOf = b.lastDue(day)
	}
	if r.pct(75) {
		e = r.between(24, 120)
	} else {
		e = r.between(kk+1, 23)
	}
	a.open = inMonth(a.asOf.mi()-e, day)
	if !a.open.before(a.asOf) {
		a.open = a.asOf.addDays(-r.between(1, 20))
	}
	if r.pct(70) {
		a.maturity = inMonth(max(a.open.mi()+pick(r, []int{36, 60, 120}), b.R.mi()+1), day).addDays(-1)
	}

	a.grid = newGrid(a.open, a.asOf, "N")
	g := a.grid
	n := len(g)
	// Months with nothing drawn show "*": idle stretches.
	for i := range g {
		if r.pct(25) {
			g[i].st = "*"
		}
	}
	g[0].st = "*"
	if ar == past && n > 8 {
		b.episodes(g, 1, n-1, r.between(1, 2), 3)
	}
	switch status {
	case "正常":
		if r.pct(30) {
			g[n-1].st = "*"
		} else {
			g[n-1].st = "N"
			a.balance = r.between64(a.amount/20, a.amount)
		}
	case "逾期":
		tailRun(g, kk)
		a.balance = r.between64(a.amount/5, a.amount)
		a.odPeriods = kk
	case "结清":
		g[n-1].st = "C"
	}
	a.sched = a.balance * 5000 / 1_000_000
	unit := max(a.sched, a.balance/12, 100)
	if status != "结清" {
		a.five = b.fiveClass(kk, ar == past)
		a.paid = a.sched
		a.lastRepay = a.asOf.addDays(-r.between(0, 20))
		if kk > 0 {
			a.paid = 0
			a.odAmount = unit * int64(kk)
			a.buckets(a.balance/12, kk)
			a.lastRepay = inMonth(a.asOf.mi()-kk, day)
		}
		if a.lastRepay.before(a.open) {
			a.lastRepay = date{}
		}
	}
	b.sprinkleUnknown(g, n-kk-2)
	fillAmounts(g, unit, a.balance)
	a.status = status
	return a
}
