package synth

import (
	"slices"
	"strings"
)

// query is one row of the query record (查询记录).
type query struct {
	d      date
	inst   string
	reason string
	person bool // personQueryRecord (本人查询) rather than companyQueryRecord
}

const (
	reasonLoan       = "贷款审批"
	reasonCard       = "信用卡审批"
	reasonGuarantee  = "担保资格审查"
	reasonPostLoan   = "贷后管理"
	reasonMerchant   = "特约商户实名审查"
	selfQueryPrefix  = "本人查询"
	queryWindowMonth = 24
)

var otherReasons = []choice[string]{
	{45, reasonLoan}, {30, reasonCard}, {4, reasonGuarantee}, {6, "保前审查"}, {3, "融资审批"}, {4, "额度审批"},
	{3, "资信审查"}, {2, reasonPostLoan}, {1, "客户准入资格审查"}, {1, "法人代表、负责人、高管等资信审查"}, {1, reasonMerchant},
}

// queryDate is a date in the two years before the report, a quarter of them
// in the last month, a few exactly on a window boundary.
func (b *builder) queryDate() date {
	r := b.r
	lo := b.R.addMonths(-queryWindowMonth)
	switch r.weighted(70, 24, 3, 2, 1) {
	case 1:
		return r.dateIn(b.R.addMonths(-1).addDays(1), b.R)
	case 2:
		return b.R.addMonths(-1) // just outside the one-month window
	case 3:
		return b.R // the report day itself: inside
	case 4:
		return lo // just outside the two-year window
	}
	return r.dateIn(lo.addDays(1), b.R)
}

func (b *builder) queryInst(reason string) string {
	r := b.r
	switch reason {
	case reasonCard:
		_, q := cardCenter(pick(r, banks))
		return q
	case reasonLoan, "额度审批":
		if r.pct(50) {
			return pick(r, onlineLenders).full
		}
	case "保前审查":
		return pick(r, insurers)
	case "融资审批":
		return pick(r, lessors)
	case reasonPostLoan:
		var open []*account
		for _, a := range b.accts {
			if openAccount(a) && a.qinst != "" {
				open = append(open, a)
			}
		}
		if len(open) > 0 {
			return pick(r, open).qinst
		}
	}
	_, q := b.branch(pick(r, banks))
	return q
}

func (b *builder) genQueries() {
	r := b.r
	lo := b.R.addMonths(-queryWindowMonth)
	// The approvals behind accounts opened in the last two years.
	for _, a := range b.accts {
		if a.typ == tC1 || !within(a.open, lo, b.R) {
			continue
		}
		p := 80
		if a.typ == tR4 {
			p = 35
		}
		if !r.pct(p) {
			continue
		}
		d := a.open.addDays(-r.between(0, 20))
		if !within(d, lo, b.R) {
			continue
		}
		reason := reasonLoan
		if a.typ == tR2 || a.typ == tR3 {
			reason = reasonCard
		}
		b.queries = append(b.queries, query{d: d, inst: a.qinst, reason: reason})
	}
	// Other queries: declined applications, insurers, guarantees …
	var k int
	switch r.weighted(55, 33, 12) {
	case 0:
		k = r.between(0, 3)
	case 1:
		k = r.between(4, 10)
	default:
		k = r.between(11, 30)
	}
	if b.risk == riskBad {
		k += r.between(2, 10)
	}
	for range k {
		reason := pickW(r, otherReasons)
		b.queries = append(b.queries, query{d: b.queryDate(), inst: b.queryInst(reason), reason: reason})
	}
	// A burst of loan applications in the last month: credit-hungry subjects.
	if b.risk != riskGood && r.pct(30) {
		for range r.between(3, 8) {
			d := r.dateIn(b.R.addMonths(-1).addDays(1), b.R)
			b.queries = append(b.queries, query{d: d, inst: pick(r, onlineLenders).full, reason: reasonLoan})
		}
	}
	// The subject's own queries.
	for range r.weighted(45, 30, 15, 7, 3) {
		reason := pickW(r, selfQueryReasons)
		var inst string
		switch {
		case strings.Contains(reason, "互联网"):
			inst = pick(r, []string{"中国人民银行征信中心", "本人"})
		case strings.Contains(reason, "网上银行"):
			inst = pick(r, banks).full
		case b.p.reg.city == "北京市":
			inst = "中国人民银行营业管理部"
		default:
			inst = "中国人民银行" + b.p.reg.citySh() + "市中心支行"
		}
		b.queries = append(b.queries, query{d: b.queryDate(), inst: inst, reason: reason, person: true})
	}
	// Newest first, as printed.
	slices.SortStableFunc(b.queries, func(x, y query) int { return y.d.cmp(x.d) })
}

// queryCounts are the summary's counts, computed exactly as a reader of the
// details would: rows of both lists, the date in the window (lo, R].
type queryCounts struct {
	loan1m, card1m, self1m         int
	loanOrgs1m, cardOrgs1m         int
	postLoan2y, guar2y, merchant2y int
}

func (b *builder) countQueries() queryCounts {
	var c queryCounts
	m1 := b.R.addMonths(-1)
	y2 := b.R.addMonths(-queryWindowMonth)
	loanOrgs, cardOrgs := map[string]bool{}, map[string]bool{}
	for _, q := range b.queries {
		if within(q.d, m1, b.R) {
			switch {
			case q.reason == reasonLoan:
				c.loan1m++
				loanOrgs[q.inst] = true
			case q.reason == reasonCard:
				c.card1m++
				cardOrgs[q.inst] = true
			case strings.HasPrefix(q.reason, selfQueryPrefix):
				c.self1m++
			}
		}
		if within(q.d, y2, b.R) {
			switch q.reason {
			case reasonPostLoan:
				c.postLoan2y++
			case reasonGuarantee:
				c.guar2y++
			case reasonMerchant:
				c.merchant2y++
			}
		}
	}
	c.loanOrgs1m, c.cardOrgs1m = len(loanOrgs), len(cardOrgs)
	return c
}
