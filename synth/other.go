package synth

import "fmt"

// guarantee is a repayment duty for someone else's loan (相关还款责任).
type guarantee struct {
	company                bool
	inst, biz              string
	open, deadline, asOf   date
	duty                   string // 保证, 共同借款人, 应收账款债务人, 其他
	amount, balance        int64
	contract, five, state  string
	borrower, bIDType, bID string
	overdueMonths          int
}

func (g *guarantee) isGuarantee() bool { return g.duty == "保证" }

func (b *builder) genGuarantees() {
	r := b.r
	if r.pm(70) {
		for range 1 + r.weighted(75, 25) {
			g := &guarantee{}
			i := b.bank()
			g.inst, _ = b.branch(i)
			g.biz = pickW(r, []choice[string]{{35, "个人住房商业贷款"}, {30, "个人经营性贷款"}, {25, "其他个人消费贷款"}, {10, "贷记卡"}})
			g.open = r.dateIn(b.R.addMonths(-96), b.R.addMonths(-2))
			if g.biz != "贷记卡" {
				g.deadline = g.open.addMonths(pick(r, []int{12, 36, 60, 120, 240})).addDays(-1)
			}
			g.duty = pickW(r, []choice[string]{{80, "保证"}, {15, "共同借款人"}, {5, "其他"}})
			g.amount = r.amount(10000, 1000000, 1000)
			g.balance = g.amount * int64(r.between(0, 100)) / 100
			g.contract = "--"
			if r.pct(70) {
				g.contract = i.code + "BZ" + r.digits(10)
			}
			g.asOf = b.R.addDays(-r.between(1, 30))
			g.five = pickW(r, []choice[string]{{85, "正常"}, {8, "关注"}, {7, ""}})
			g.state = pickW(r, []choice[string]{{90, "N"}, {6, "1"}, {4, "2"}})
			if g.state != "N" {
				g.five = "关注"
			}
			sb := r.dateIn(b.R.addMonths(-12*60), b.R.addMonths(-12*22))
			male := r.pct(50)
			reg := pick(r, regions)
			g.borrower, g.bIDType, g.bID = personName(r, male), "身份证", idNumber(r, reg.code, sb, male)
			b.guars = append(b.guars, g)
		}
	}
	if r.pm(20) {
		g := &guarantee{company: true}
		i := b.bank()
		g.inst, _ = b.branch(i)
		g.biz = pickW(r, []choice[string]{{40, "流动资金贷款"}, {25, "固定资产贷款"}, {20, "银行承兑汇票"}, {15, "贸易融资"}})
		g.open = r.dateIn(b.R.addMonths(-60), b.R.addMonths(-2))
		g.deadline = g.open.addMonths(pick(r, []int{6, 12, 36, 60})).addDays(-1)
		g.duty = pickW(r, []choice[string]{{70, "保证"}, {15, "应收账款债务人"}, {15, "其他"}})
		g.amount = r.amount(100000, 5000000, 10000)
		g.balance = g.amount * int64(r.between(0, 100)) / 100
		g.contract = i.code + "BZ" + r.digits(10)
		g.asOf = b.R.addDays(-r.between(1, 30))
		g.five = pickW(r, []choice[string]{{80, "正常"}, {12, "关注"}, {8, "次级"}})
		if g.five == "次级" {
			g.overdueMonths = r.between(1, 6)
		}
		g.borrower = b.p.reg.citySh() + pick(r, companyWords) + pick(r, companySuffixes)
		g.bIDType, g.bID = "统一社会信用代码", "91"+b.p.reg.code+r.upper(2)+r.digits(7)+r.upper(1)
		b.guars = append(b.guars, g)
	}
}

// postpaid is a telecom or utility account (后付费业务).
type postpaid struct {
	inst, kind, summaryType string
	open                    date
	state                   string
	arrears                 int64
	acctMonth               int // 记账年月 (month index)
	grid                    []cell
}

func (b *builder) genPostpaid() {
	r := b.r
	if !r.pct(12) {
		return
	}
	for range 1 + r.weighted(75, 25) {
		p := &postpaid{}
		cs := b.p.reg.citySh()
		if r.pct(75) {
			t := pick(r, telecoms)
			p.inst, p.kind, p.summaryType = fmt.Sprintf(t.name, cs), t.kind, "电信业务"
		} else {
			t := pick(r, utilities)
			p.inst, p.kind, p.summaryType = fmt.Sprintf(t.name, cs), t.kind, "水电气等公用事业"
		}
		p.open = r.dateIn(b.R.addMonths(-120), b.R.addMonths(-6))
		p.acctMonth = b.R.mi() - r.between(0, 1)
		p.grid = newGrid(p.open, monthStart(p.acctMonth), "N")
		if n := len(p.grid); n > 24 {
			p.grid = p.grid[n-24:]
		}
		g := p.grid
		for i := range g {
			if r.pct(5) {
				g[i].st = "*"
			}
		}
		if r.pct(8) {
			b.episodes(g, 0, len(g)-1, 1, 2)
		}
		p.state = "正常"
		b.sprinkleUnknown(g, len(g)-1)
		if r.pct(5) { // closed: after settling (C) or not (G)
			g[len(g)-1].st = pickW(r, []choice[string]{{80, "C"}, {20, "G"}})
			p.state = "销户"
		} else if r.pct(15) {
			k := r.between(1, min(3, len(g)))
			tailRun(g, k)
			p.state = "欠费"
			p.arrears = r.amount(30, 600, 1) * int64(k)
		}
		b.postpaid = append(b.postpaid, p)
	}
}

// publicRecords are the records of part five (公共信息明细).
type publicRecords struct {
	tax     []taxRec
	civil   []civilRec
	enforce []enforceRec
	penalty []penaltyRec
	fund    []fundRec
	aid     bool
	quals   int
	rewards int
}

type taxRec struct {
	office string
	amount int64
	d      date
}

type civilRec struct {
	court, cause, closing, result, subject string
	filed, effect                          date
	amount                                 int64
}

type enforceRec struct {
	court, cause, closing, state, subject string
	filed, closed                         date
	amount, executed                      int64
}

type penaltyRec struct {
	org, content string
	amount       int64
	eff, due     date
}

type fundRec struct {
	place, company, state string
	join                  date
	first, paidTo         int
	amount                int64
	self, employer        int
	update                date
}

func (b *builder) genPublic() {
	r := b.r
	reg := b.p.reg
	pr := &b.pub
	negative := 10
	if b.risk == riskBad {
		negative = 120
	}
	if b.prof.empty {
		negative = 0 // a subject without credit history: no court or tax records either
	}
	if r.pm(negative) {
		for range 1 + r.weighted(80, 20) {
			pr.tax = append(pr.tax, taxRec{"国家税务总局" + reg.city + reg.district + "税务局", r.amount(100, 50000, 1),
				r.dateIn(b.R.addMonths(-60), b.R.addMonths(-1))})
		}
	}
	if r.pm(negative * 2) {
		for range 1 + r.weighted(80, 20) {
			c := civilRec{court: reg.city + reg.district + "人民法院", cause: pick(r, civilCauses),
				closing: pickW(r, []choice[string]{{60, "判决"}, {40, "调解"}}), subject: "借款"}
			c.filed = r.dateIn(b.R.addMonths(-60), b.R.addMonths(-3))
			c.effect = r.dateIn(c.filed.addDays(30), c.filed.addDays(300))
			if c.effect.after(b.R) {
				c.effect = b.R.addDays(-1)
			}
			c.amount = r.amount(5000, 800000, 100)
			c.result = fmt.Sprintf("被告%s偿还原告借款本金%s元及利息", b.p.name, group(c.amount))
			if c.closing == "调解" {
				c.result = fmt.Sprintf("双方达成调解协议，被告%s分期偿还%s元", b.p.name, group(c.amount))
			}
			pr.civil = append(pr.civil, c)
		}
	}
	if r.pm(negative * 3 / 2) {
		e := enforceRec{court: reg.city + reg.district + "人民法院", cause: pick(r, civilCauses),
			subject: "金钱给付"}
		e.filed = r.dateIn(b.R.addMonths(-48), b.R.addMonths(-2))
		e.amount = r.amount(5000, 800000, 100)
		if r.pct(60) {
			e.closing, e.state = "执行结案", "执行完毕"
			e.closed = r.dateIn(e.filed.addDays(30), b.R.addDays(-1))
			e.executed = e.amount
		} else {
			e.closing, e.state = "终结本次执行程序", "终结本次执行"
			e.closed = r.dateIn(e.filed.addDays(60), b.R.addDays(-1))
			e.executed = e.amount * int64(r.between(0, 50)) / 100
		}
		pr.enforce = append(pr.enforce, e)
	}
	if r.pm(5) {
		p := penaltyRec{org: reg.city + pick(r, []string{"市场监督管理局", "税务局", "城市管理综合行政执法局"}),
			content: pick(r, []string{"罚款", "责令限期改正、没收违法所得", "警告"}), amount: r.amount(200, 20000, 100)}
		p.eff = r.dateIn(b.R.addMonths(-48), b.R.addMonths(-1))
		p.due = p.eff.addMonths(12)
		pr.penalty = append(pr.penalty, p)
	}
	if !b.prof.empty && r.pct(35) || b.prof.empty && r.pct(10) {
		for range 1 + r.weighted(80, 20) {
			f := fundRec{place: reg.city, company: newEmployer(r, reg).name}
			if len(b.p.employers) > 0 && r.pct(70) {
				f.company = b.p.employers[0].name
			}
			f.join = r.dateIn(b.R.addMonths(-180), b.R.addMonths(-6))
			f.first = f.join.mi() + r.between(0, 1)
			f.state = pickW(r, []choice[string]{{75, "缴交"}, {15, "封存"}, {10, "销户"}})
			f.paidTo = b.R.mi() - r.between(1, 3)
			if f.state != "缴交" {
				f.paidTo = r.between(f.first+1, b.R.mi()-2)
			}
			f.self = pick(r, []int{5, 7, 8, 10, 12, 12, 12})
			f.employer = f.self
			base := r.amount(3000, 30000, 1)
			f.amount = base * int64(f.self+f.employer) / 100
			f.update = b.R.addDays(-r.between(5, 60))
			pr.fund = append(pr.fund, f)
		}
	}
	pr.aid = r.pm(3)
	if r.pct(2) {
		pr.quals = 1
	}
	if r.pm(8) {
		pr.rewards = 1
	}
}

// genStatements adds the rare self declarations, objection labels and
// anti-fraud warnings.
func (b *builder) genStatements() {
	r := b.r
	if r.pm(10) {
		d := r.dateIn(b.R.addMonths(-36), b.R.addDays(-1))
		b.declares = append(b.declares, note{fmt.Sprintf("本人身份证丢失，%d年%02d月后的新业务均非本人办理。", d.Y, d.M), d})
	}
	if r.pm(10) {
		b.objections = append(b.objections, note{pick(r, []string{"其他证件正处于异议处理期。", "该笔业务正处于异议处理中。",
			"信贷交易信息提示正处于异议处理中。"}), r.dateIn(b.R.addMonths(-3), b.R.addDays(-1))})
	}
	b.antiFraud = r.pm(15)
}
