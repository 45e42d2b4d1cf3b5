package synth

import "fmt"

// The account model: typed values first (dates, whole-yuan amounts, the
// repayment grid), rendered to OCR text later by render.go. Summaries are
// computed from this model, so they agree with the details by construction.

const (
	tC1 = "C1" // recoveryInfo 被追偿账户
	tD1 = "D1" // acyclicCreditAccount 非循环贷账户
	tR4 = "R4" // cyclicalAmountPerAccount 循环额度下分账户
	tR1 = "R1" // cyclicalLoanAccount 循环贷账户
	tR2 = "R2" // creditAccount 贷记卡账户
	tR3 = "R3" // quasiCreditAccount 准贷记卡账户
)

// cell is one month of a repayment grid.
type cell struct {
	mi  int    // month index (date.mi)
	st  string // state: N * # 1..7 B C D G M
	amt int64  // overdue (or overdraft) amount of the month
	unk bool   // amount unknown: "--"
}

// level is the overdue level of a state: its digit for 1..7, else 0.
func level(st string) int {
	if len(st) == 1 && st[0] >= '1' && st[0] <= '7' {
		return int(st[0] - '0')
	}
	return 0
}

type afterCut struct {
	five    string
	balance int64
	d       date
	amount  int64
	state   string
}

type largeInst struct {
	limit, used, unbilled int64
	eff, due              date
	periods               int
}

type specialTrans struct {
	typ    string
	d      date
	months int
	amount int64
	detail string
}

type note struct {
	text string
	d    date
}

const (
	noteCompany = iota
	noteSelf
	noteObjection
	noteSpecial
)

type account struct {
	typ       string
	seq       int    // 1-based position in its list
	inst      string // institution as printed in the account list
	qinst     string // the same institution as printed in query records
	amountID  string
	agreement string // 授信协议标识, "" when none
	bizType   string
	open      date
	maturity  date // zero: none ("--")
	amount    int64
	shared    int64
	currency  string
	guarantee string
	periods   int // 0: not an instalment account ("--")
	freq      string
	method    string
	joint     string
	asOf      date // 截至日期
	status    string
	closed    date
	five      string // "" when not reported
	balance   int64
	used      int64
	avg6      int64
	maxUsed   int64
	sched     int64
	paid      int64
	lastRepay date // zero: "--"
	remaining int  // -1: "--"
	odPeriods int
	odAmount  int64
	od31      int64
	od61      int64
	od91      int64
	od180     int64
	// R3: 透支180天以上未付余额
	overdraft180 int64
	grid         []cell
	after        *afterCut
	large        *largeInst
	event        string
	special      []specialTrans
	notes        [4][]note
	// C1 only
	transferState string
}

func (a *account) hasGrid() bool { return len(a.grid) > 0 }

// arisk is an account's behaviour, drawn from the subject's risk class.
type arisk uint8

const (
	clean   arisk = iota // never late
	past                 // late before, cured
	overdue              // currently overdue
	bad                  // bad debt
)

func (b *builder) accountRisk() arisk {
	switch b.risk {
	case riskGood:
		if b.r.pct(4) {
			return past
		}
		return clean
	case riskMild:
		return arisk(b.r.weighted(58, 36, 6, 0))
	}
	return arisk(b.r.weighted(35, 27, 24, 14))
}

func (b *builder) amountID(code string) string {
	if b.r.pct(50) {
		return code + b.r.digits(b.r.between(8, 12))
	}
	return code + b.r.upper(2) + b.r.digits(b.r.between(6, 10))
}

func (b *builder) branch(i inst) (name, qname string) {
	cs := b.p.reg.citySh()
	if b.r.pct(60) {
		return i.short + cs + "分行", i.full + cs + "分行"
	}
	sub := pick(b.r, subBranches)
	return i.short + cs + sub + "支行", i.full + cs + sub + "支行"
}

func cardCenter(i inst) (name, qname string) {
	if i.short == "交通银行" {
		return "交通银行太平洋信用卡中心", "交通银行股份有限公司太平洋信用卡中心"
	}
	return i.short + "信用卡中心", i.full + "信用卡中心"
}

func (b *builder) bank() inst {
	if len(b.homeBanks) > 0 && b.r.pct(65) {
		return pick(b.r, b.homeBanks)
	}
	return pick(b.r, banks)
}

func (b *builder) currency() string {
	return pickW(b.r, []choice[string]{{985, "人民币"}, {8, "美元"}, {4, "港元"}, {3, "欧元"}})
}

// fiveClass is the 五级分类 of a loan whose current overdue level is k.
func (b *builder) fiveClass(k int, hadPast bool) string {
	if b.r.pct(3) {
		return "" // not reported
	}
	switch {
	case k == 0 && hadPast && b.r.pct(20):
		return "关注"
	case k == 0:
		if b.r.pct(1) {
			return "未分类"
		}
		return "正常"
	case k == 1:
		return pickW(b.r, []choice[string]{{60, "正常"}, {40, "关注"}})
	case k == 2:
		return "关注"
	case k <= 4:
		return "次级"
	case k <= 6:
		return "可疑"
	}
	return "损失"
}

// principal buckets of an overdue loan: unpaid principal by days overdue.
func (a *account) buckets(pp int64, k int) {
	if k >= 2 {
		a.od31 = pp
	}
	if k >= 3 {
		a.od61 = pp
	}
	if k >= 4 {
		a.od91 = pp * int64(min(k-3, 3))
	}
	if k >= 7 {
		a.od180 = pp * int64(k-6)
	}
}

// ---- D1: non-revolving loans ----

type loanKind struct {
	biz       string
	lo, hi    int64 // amount range
	step      int64
	periods   []int // 0 = not an instalment loan
	ratePPM   int64 // monthly interest, parts per million
	guarantee []choice[string]
	method    []choice[string]
}

var (
	gMortgage = []choice[string]{{100, "抵押"}}
	gFund     = []choice[string]{{80, "抵押"}, {20, "组合(含保证)"}}
	gCar      = []choice[string]{{60, "抵押"}, {30, "信用/免担保"}, {10, "保证"}}
	gCredit   = []choice[string]{{88, "信用/免担保"}, {10, "保证"}, {2, "其他"}}
	gBiz      = []choice[string]{{35, "抵押"}, {30, "保证"}, {20, "组合(含保证)"}, {10, "信用/免担保"}, {5, "质押"}}
	gFarm     = []choice[string]{{50, "农户联保"}, {40, "保证"}, {10, "信用/免担保"}}
	mAnnuity  = []choice[string]{{70, "分期等额本息"}, {30, "分期等额本金"}}
	mConsumer = []choice[string]{{70, "分期等额本息"}, {15, "不区分还款方式"}, {10, "分期等额本金"}, {5, "其他"}}
	mBullet   = []choice[string]{{45, "到期一次还本付息"}, {40, "按期结息、到期还本"}, {15, "按期结息、自由还本"}}
)

var d1Kinds = []choice[loanKind]{
	{20, loanKind{"个人住房商业贷款", 300000, 3000000, 10000, []int{120, 180, 240, 300, 360, 360}, 3500, gMortgage, mAnnuity}},
	{6, loanKind{"个人住房公积金贷款", 200000, 1200000, 10000, []int{120, 180, 240, 300, 360}, 2600, gFund, mAnnuity}},
	{2, loanKind{"个人商用房贷款", 500000, 3000000, 10000, []int{60, 120}, 4500, gMortgage, mAnnuity}},
	{10, loanKind{"个人汽车消费贷款", 50000, 400000, 1000, []int{12, 24, 36, 36, 48, 60}, 4000, gCar, mAnnuity}},
	{35, loanKind{"其他个人消费贷款", 3000, 300000, 1000, []int{3, 6, 12, 12, 24, 36, 36}, 9000, gCredit, mConsumer}},
	{10, loanKind{"个人经营性贷款", 50000, 2000000, 10000, []int{12, 24, 36, 60, 0}, 4500, gBiz, mAnnuity}},
	{3, loanKind{"助学贷款", 8000, 40000, 1000, []int{0}, 3500, []choice[string]{{100, "信用/免担保"}}, mBullet}},
	{2, loanKind{"农户贷款", 20000, 200000, 1000, []int{12, 36, 0}, 5000, gFarm, mAnnuity}},
	{5, loanKind{"其他贷款", 10000, 500000, 1000, []int{12, 24, 36, 0}, 5000, gCredit, mAnnuity}},
}

// lenderFor picks the institution of a loan of the kind.
func (b *builder) lenderFor(biz string) (name, qname, code string) {
	switch biz {
	case "个人住房公积金贷款":
		n := b.p.reg.citySh() + "住房公积金管理中心"
		return n, n, "GJJ"
	case "个人汽车消费贷款":
		if b.r.pct(60) {
			c := pick(b.r, carLenders)
			return c.full, c.full, c.code
		}
	case "其他个人消费贷款":
		if b.r.pct(60) {
			o := pick(b.r, onlineLenders)
			return o.full, o.full, o.code
		}
	case "农户贷款":
		n := b.p.reg.citySh() + "农村商业银行股份有限公司"
		return n, n, "RCB"
	}
	i := b.bank()
	name, qname = b.branch(i)
	return name, qname, i.code
}

func (b *builder) genD1(ar arisk) *account {
	r := b.r
	k := pickW(r, d1Kinds)
	a := &account{typ: tD1, bizType: k.biz, currency: "人民币", freq: "月", joint: "无", remaining: -1}
	var code string
	a.inst, a.qinst, code = b.lenderFor(k.biz)
	a.amountID = b.amountID(code)
	if r.pct(2) && k.biz != "个人住房公积金贷款" {
		a.currency = b.currency()
	}
	a.amount = r.amount(k.lo, k.hi, k.step)
	if k.biz == "其他个人消费贷款" && r.pct(50) {
		a.amount = r.amount(2000, 50000, 500)
	}
	a.periods = pick(r, k.periods)
	a.guarantee = pickW(r, k.guarantee)
	a.method = pickW(r, k.method)
	if a.periods == 0 {
		a.method = pickW(r, mBullet)
		a.freq = pickW(r, []choice[string]{{50, "不定期"}, {30, "一次性"}, {20, "月"}})
	} else if r.pct(3) {
		a.freq = "季"
	}
	if r.pct(8) {
		a.joint = pick(r, []string{"主借款人", "从借款人"})
	}
	status := b.loanStatus(ar, k.biz)
	kk := 0 // trailing overdue periods
	if status == "逾期" {
		kk = r.skewed(1, 6)
		if a.periods > 0 && a.periods < kk+3 {
			a.periods = 12
		}
	}
	b.loanBody(a, status, kk, k.ratePPM, ar)
	b.maybeSpecial(a)
	b.maybeNotes(a)
	return a
}

// loanBody sets the timeline (open date, 截至日期, maturity), the balance and
// payments, and the repayment grid of an instalment or bullet loan (D1, R4)
// whose status is already chosen; kk is the current overdue periods.
func (b *builder) loanBody(a *account, status string, kk int, ratePPM int64, ar arisk) {
	r := b.r
	payday := r.between(1, 28)
	term := a.periods
	if term == 0 {
		term = pick(r, []int{12, 24, 36, 48})
	}
	var e int // months from open to asOf
	switch status {
	case "正常", "逾期":
		a.asOf = b.lastDue(payday)
		lo := 0
		if kk > 0 {
			lo = kk + 1
		}
		if term-1 >= 24 && r.pct(80) {
			e = r.between(max(24, lo), min(term-1, 200))
		} else {
			e = r.between(lo, max(lo, term-1))
		}
	case "结清":
		a.closed = r.dateIn(b.R.addMonths(-36), b.R.addDays(-1))
		a.asOf = a.closed
		if term >= 24 && r.pct(70) {
			e = r.between(24, min(term, 200))
		} else {
			e = r.between(1, term)
		}
	case "呆账":
		a.asOf = b.lastDue(payday)
		if r.pct(30) {
			a.asOf = inMonth(a.asOf.mi()-r.between(6, 36), payday)
		}
		e = r.between(14, 72)
	case "转出":
		a.closed = r.dateIn(b.R.addMonths(-48), b.R.addDays(-1))
		a.asOf = a.closed
		e = r.between(12, min(term-1, 120))
	}
	a.open = inMonth(a.asOf.mi()-e, payday)
	if !a.open.before(a.asOf) {
		a.open = a.asOf.addDays(-r.between(1, 20))
	}
	a.maturity = inMonth(a.open.mi()+term, payday).addDays(-1)
	if a.periods == 0 && r.pct(25) {
		a.maturity = date{}
	}

	// Balance and payments.
	pp := a.amount / int64(term)
	paidPeriods := min(e, term)
	bal := a.amount
	if a.periods > 0 {
		bal = max(a.amount-pp*int64(paidPeriods-kk), pp)
		a.remaining = max(a.periods-paidPeriods, 0)
	} else if a.method == "按期结息、自由还本" {
		bal = a.amount - a.amount*int64(r.between(0, 60))/100
	}
	if status == "呆账" {
		bal = max(a.amount*int64(r.between(30, 90))/100, 1000)
	}
	interest := bal * ratePPM / 1_000_000
	a.sched = interest
	if a.periods > 0 {
		a.sched += pp
	} else if a.method == "到期一次还本付息" {
		a.sched = 0
	}
	unit := max(a.sched, 100)

	// The grid.
	base := "N"
	if a.periods == 0 && a.method == "到期一次还本付息" {
		base = "*"
	}
	a.grid = newGrid(a.open, a.asOf, base)
	g := a.grid
	if g[0].mi == a.open.mi() {
		g[0].st = "*"
	}
	hadPast := ar == past || (ar != clean && r.pct(40))
	n := len(g)
	switch status {
	case "正常":
		a.balance, a.paid, a.lastRepay = bal, a.sched, a.asOf
		if a.sched == 0 {
			a.lastRepay = date{}
		}
	case "逾期":
		tailRun(g, min(kk, n-1))
		a.balance, a.odPeriods = bal, kk
		a.odAmount = unit * int64(kk)
		a.buckets(pp, kk)
		a.lastRepay = inMonth(a.asOf.mi()-kk, payday)
		if a.lastRepay.before(a.open) {
			a.lastRepay = date{}
		}
		if r.pct(40) {
			pay := unit * int64(r.between(1, kk))
			a.after = &afterCut{five: b.fiveClass(max(kk-1, 0), true), balance: max(bal-pay, 0),
				d: r.dateIn(a.asOf.addDays(1), b.R), amount: pay, state: pick(r, []string{"N", "1", "N"})}
			if a.after.five == "" {
				a.after.five = "正常"
			}
		}
	case "结清":
		g[n-1].st = "C"
		if e < term && r.pct(50) {
			a.special = append(a.special, specialTrans{typ: "提前结清", d: a.closed, months: term - e, amount: bal, detail: "--"})
		}
	case "呆账":
		l := r.between(3, 7)
		nb := r.between(1, min(24, n-l-2))
		badTail(g, l, nb)
		a.balance = max(bal, unit*int64(l))
		start := g[n-nb-l].mi
		a.lastRepay = inMonth(start-1, payday)
		if a.lastRepay.before(a.open) {
			a.lastRepay = date{}
		}
		hadPast = false
	case "转出":
		if r.pct(60) {
			g[n-1].st = "#"
		}
	}
	if hadPast && n > 8 {
		tail := 1 + kk
		b.episodes(g, 1, n-tail, r.between(1, 2), 3)
	}
	b.sprinkleUnknown(g, n-kk-2)
	fillAmounts(g, unit, a.balance)
	if status == "正常" || status == "逾期" {
		a.five = b.fiveClass(kk, hadPast)
	}
	a.status = status
}

func (b *builder) loanStatus(ar arisk, biz string) string {
	switch ar {
	case overdue:
		return "逾期"
	case bad:
		return "呆账"
	}
	if b.r.pct(1) || (biz == "个人住房公积金贷款" && b.r.pct(5)) {
		return "转出"
	}
	settled := 40
	switch biz {
	case "个人住房商业贷款", "个人住房公积金贷款", "个人商用房贷款":
		settled = 20
	case "其他个人消费贷款":
		settled = 55
	}
	if b.r.pct(settled) {
		return "结清"
	}
	return "正常"
}

func (b *builder) maybeSpecial(a *account) {
	r := b.r
	if !r.pct(4) || !a.hasGrid() {
		return
	}
	d := r.dateIn(a.open.addDays(30), a.asOf)
	if !d.after(a.open) {
		return
	}
	switch a.typ {
	case tD1:
		switch r.weighted(50, 20, 15, 15) {
		case 0:
			amt := max(a.amount/int64(r.between(5, 20))/1000*1000, 1000)
			a.special = append(a.special, specialTrans{typ: "提前还款", d: d, months: 0, amount: amt, detail: "--"})
		case 1:
			a.special = append(a.special, specialTrans{typ: "展期", d: d, months: r.between(3, 12), amount: a.amount / 2, detail: "--"})
		case 2:
			amt := max(a.sched*2, 1000)
			a.special = append(a.special, specialTrans{typ: "担保人（第三方）代偿", d: d, months: 0, amount: amt,
				detail: fmt.Sprintf("该贷款由担保公司代偿%s元。", group(amt))})
		default:
			a.special = append(a.special, specialTrans{typ: "其他", d: d, months: 0, amount: a.sched, detail: "--"})
		}
	case tR2:
		amt := r.amount(3000, 50000, 1000)
		a.special = append(a.special, specialTrans{typ: pick(r, []string{"信用卡个性化分期", "银行主动延期", "其他"}),
			d: d, months: r.between(3, 24), amount: amt, detail: "--"})
	case tR3:
		a.special = append(a.special, specialTrans{typ: "其他", d: d, months: 0, amount: r.amount(500, 5000, 100), detail: "--"})
	}
}

func (b *builder) maybeNotes(a *account) {
	r := b.r
	if !a.hasGrid() || !r.pm(25) {
		return
	}
	d := r.dateIn(a.open.addDays(30), b.R.addDays(-1))
	switch r.weighted(45, 30, 15, 10) {
	case noteCompany:
		a.notes[noteCompany] = append(a.notes[noteCompany], note{pick(r, []string{
			"该客户委托第三方公司偿还贷款，因第三方未按时还款导致出现逾期。",
			"该账户逾期系系统扣款失败所致，非客户主观原因。",
			"该客户已于当月补足欠款。",
		}), d})
	case noteSelf:
		a.notes[noteSelf] = append(a.notes[noteSelf], note{pick(r, []string{
			"本人因出国未能按时还款，非恶意拖欠。",
			"本人因住院治疗未能按时还款，已全部结清。",
			"本人不知晓扣款账户余额不足，非恶意逾期。",
		}), d})
	case noteObjection:
		a.notes[noteObjection] = append(a.notes[noteObjection], note{"该笔业务正处于异议处理中。", d})
	default:
		if a.typ == tD1 {
			a.notes[noteSpecial] = append(a.notes[noteSpecial], note{"异议信息确实有误，但因技术原因暂时无法更正。", d})
		}
	}
}
