package synth

import (
	"fmt"
	"slices"

	"creditetl/schema"
)

// render turns the model into the API's answer, every value as OCR text.
func (b *builder) render() *schema.Report {
	b.gs = b.newGridStyle()
	rep := &schema.Report{
		CreditHeader:    b.renderHeader(),
		PersonBasicInfo: b.renderPerson(),
	}
	rep.InfoSummary = b.renderSummary()
	rep.CreditTransInfoDetail = b.renderDetail()
	rep.NoncreditTransInfoDetail = b.renderPostpaid()
	rep.PublicInfoDetail = b.renderPublic()
	for i, d := range b.declares {
		rep.SelfDeclare = append(rep.SelfDeclare, schema.SelfDeclaration{No: b.f.text(itoa(i + 1)), DeclareContent: b.f.text(d.text), AddDate: b.f.date(d.d)})
	}
	for i, o := range b.objections {
		rep.ObjectionLabel = append(rep.ObjectionLabel, schema.ObjectionLabel{No: b.f.text(itoa(i + 1)), LabelContent: b.f.text(o.text), AddDate: b.f.date(o.d)})
	}
	rep.QueryRecord = b.renderQueries()
	return rep
}

var null = schema.Scalar{Kind: schema.Null}

func (b *builder) renderHeader() schema.CreditHeader {
	f, r := b.f, b.r
	h := schema.CreditHeader{
		ReportTime:    f.timestamp(b.R, b.hh, b.mm, b.ss),
		WhoWasChecked: f.text(b.p.name),
		IDType:        f.text("身份证"),
		IDNum:         f.text(b.p.id),
	}
	if b.serial != "" {
		h.SerialNo = f.text(b.serial)
	} else {
		switch r.n(3) {
		case 0: // key absent
		case 1:
			h.SerialNo = schema.Str("--")
		default:
			h.SerialNo = schema.Str("")
		}
	}
	if r.pct(15) {
		h.Organization = f.text(pick(r, []string{"中国人民银行征信中心", "中国人民银行" + b.p.reg.citySh() + "市中心支行"}))
		h.Reason = f.text(pickW(r, selfQueryReasons))
	} else {
		reason := pickW(r, []choice[string]{{50, reasonLoan}, {25, reasonCard}, {15, reasonPostLoan}, {3, reasonGuarantee},
			{3, "保前审查"}, {4, "资信审查"}})
		h.Organization = f.text(b.queryInst(reason))
		h.Reason = f.text(reason)
	}
	if r.pct(5) {
		t := pickW(r, []choice[string]{{60, "护照"}, {25, "港澳居民来往内地通行证"}, {15, "军官证"}})
		num := "E" + r.digits(8)
		switch t {
		case "港澳居民来往内地通行证":
			num = "C" + r.digits(8)
		case "军官证":
			num = "M" + r.digits(7)
		}
		h.OtherIDInfo = []schema.OtherID{{Type: f.text(t), IDNum: f.text(num)}}
	}
	if b.antiFraud {
		eff := b.R.addDays(-r.between(0, 300))
		h.AntiHackInfo = schema.AntiHackInfo{
			WarningInfo: f.text(fmt.Sprintf("信息主体申请设置防欺诈警示，联系电话：%s。", b.p.mobiles[0])),
			EffectDate:  f.date(eff),
			DueDate:     f.date(eff.addMonths(12).addDays(-1)),
		}
	}
	if len(b.objections) > 0 {
		h.ObjectionInfo = f.text(fmt.Sprintf("信息主体对信用报告内容提出了%d笔异议且正在处理中，请浏览时注意阅读相关内容。", len(b.objections)))
	}
	return h
}

// infoOrg is a 数据发生机构名称: a bank the subject deals with.
func (b *builder) infoOrg() schema.Scalar {
	if len(b.homeBanks) > 0 {
		return b.f.text(pick(b.r, b.homeBanks).short)
	}
	return b.f.text(pick(b.r, banks).short)
}

// updates is n 信息更新日期 values, newest first.
func (b *builder) updates(n int) []date {
	d := b.R.addDays(-b.r.between(5, 120))
	out := make([]date, n)
	for i := range out {
		out[i] = d
		d = d.addDays(-b.r.between(30, 600))
	}
	return out
}

func (b *builder) renderPerson() schema.PersonBasicInfo {
	f, r, p := b.f, b.r, b.p
	gender := "女"
	if p.male {
		gender = "男"
	}
	st := func(v string) schema.SourcedText {
		return schema.SourcedText{Value: f.text(v), Organization: b.infoOrg()}
	}
	pi := schema.PersonInfo{
		Gender:        st(gender),
		Birthday:      schema.SourcedDate{Value: f.date(p.birth), Organization: b.infoOrg()},
		IsMarried:     st(p.marital),
		Education:     st(p.edu),
		Qualification: st(p.degree),
		PostAddr:      st(p.postAddr),
		RegisterAddr:  st(p.regAddr),
		Country:       st("中国"),
		Job:           st(p.job),
	}
	if p.email != "" {
		pi.Email = st(p.email)
	}
	for i, d := range b.updates(len(p.mobiles)) {
		pi.Mobile = append(pi.Mobile, schema.Phone{No: f.text(itoa(i + 1)), Mobile: f.text(p.mobiles[i]), UpdateAt: f.date(d), Organization: b.infoOrg()})
	}
	out := schema.PersonBasicInfo{PersonInfo: pi}
	if s := p.spouse; s != nil {
		out.ConnubialInfo = schema.ConnubialInfo{Name: f.text(s.name), IDType: f.text("身份证"), IDNum: f.text(s.id),
			Company: f.text(s.company), Tel: f.text(s.tel), Organization: b.infoOrg()}
	}
	mortgage := false
	for _, a := range b.accts {
		if a.typ == tD1 && openAccount(a) && (a.bizType == "个人住房商业贷款" || a.bizType == "个人住房公积金贷款") {
			mortgage = true
		}
	}
	nres := r.weighted(0, 45, 30, 15, 7, 3)
	for i, d := range b.updates(nres) {
		addr := p.homeAddr
		if i > 0 {
			addr = homeAddress(r, p.reg)
		}
		status := pickW(r, residenceStates)
		if i == 0 && mortgage {
			status = "按揭"
		}
		tel := f.dash()
		if r.pct(45) {
			tel = f.text(landline(r, p.reg))
		}
		out.LivedInfos = append(out.LivedInfos, schema.Residence{No: f.text(itoa(i + 1)), Address: f.text(addr), Status: f.text(status),
			HomeTel: tel, UpdateAt: f.date(d), Organization: b.infoOrg()})
	}
	for i, d := range b.updates(len(p.employers)) {
		e := p.employers[i]
		start := min(d.Y, b.R.Y-r.between(0, 12))
		out.Experiences = append(out.Experiences, schema.Employment{
			No: f.text(itoa(i + 1)), Company: f.text(e.name), Address: f.text(e.addr), OfficeTel: f.text(e.tel),
			CompanyCharacter: f.text(e.nature), JobNature: f.text(pickW(r, occupations)), Industry: f.text(e.industry),
			Title: f.text(pickW(r, titles)), Level: f.text(pickW(r, profLevels)), StartedAt: f.year(start),
			UpdateAt: f.date(d), Organization: b.infoOrg(),
		})
	}
	return out
}

// ---- accounts ----

func (b *builder) acctName(a *account) schema.Scalar {
	if a.agreement != "" && b.r.pct(40) {
		return b.f.text(fmt.Sprintf("账户%d（授信协议标识：%s）", a.seq, a.agreement))
	}
	return b.f.text(fmt.Sprintf("账户%d", a.seq))
}

func (b *builder) five(a *account) schema.Scalar {
	if a.five != "" {
		return b.f.text(a.five)
	}
	if b.r.pct(50) {
		return schema.Scalar{}
	}
	return b.f.dash()
}

func (b *builder) periods(a *account) schema.Scalar {
	if a.periods == 0 {
		return b.f.dash()
	}
	return b.f.count(a.periods)
}

func (b *builder) remaining(a *account) schema.Scalar {
	if a.remaining < 0 {
		return b.f.dash()
	}
	return b.f.count(a.remaining)
}

// loanVals are the values of a loan's full state block (正常, 逾期).
type loanVals struct {
	five, bal, rem, sched, schedAt, paid, last, odp, oda, o31, o61, o91, o180 schema.Scalar
}

func (b *builder) loanVals(a *account) loanVals {
	f := b.f
	return loanVals{
		five: b.five(a), bal: f.money(a.balance), rem: b.remaining(a), sched: f.money(a.sched), schedAt: f.date(a.asOf),
		paid: f.money(a.paid), last: f.date(a.lastRepay), odp: f.count(a.odPeriods), oda: f.money(a.odAmount),
		o31: f.money(a.od31), o61: f.money(a.od61), o91: f.money(a.od91), o180: f.money(a.od180),
	}
}

func (v loanVals) amt() schema.LoanStateAmt {
	return schema.LoanStateAmt{FiveLevelType: v.five, SurplusAmount: v.bal, SurplusPaymentNum: v.rem, ScheduledPayment: v.sched,
		ScheduledPayAt: v.schedAt, RealPayed: v.paid, LatestRepayDate: v.last, CurrOverduePeriods: v.odp, CurrOverdueAmount: v.oda,
		Overdue31Tp60: v.o31, Overdue61Tp90: v.o61, Overdue91Tp180: v.o91, Overdue180: v.o180}
}

func (v loanVals) cur() schema.LoanStateCur {
	return schema.LoanStateCur{FiveLevelType: v.five, SurplusAmount: v.bal, SurplusPaymentNum: v.rem, ScheduledPayment: v.sched,
		ScheduledPayAt: v.schedAt, RealPayed: v.paid, LatestRepayDate: v.last, CurrOverduePeriods: v.odp, CurrOverdue: v.oda,
		Overdue31Tp60: v.o31, Overdue61Tp90: v.o61, Overdue91Tp180: v.o91, Overdue180: v.o180}
}

func (b *builder) afterCut(a *account, withFive bool) schema.AfterCutoff {
	if a.after == nil {
		return schema.AfterCutoff{}
	}
	f, x := b.f, a.after
	out := schema.AfterCutoff{
		Value:           f.text(fmt.Sprintf("%d年%02d月%02d日以后的最新还款记录", a.asOf.Y, a.asOf.M, a.asOf.D)),
		SurplusAmount:   f.money(x.balance),
		RefundDate:      f.date(x.d),
		RefundAmount:    f.money(x.amount),
		CurrRefundState: f.text(x.state),
	}
	if withFive {
		out.FiveLevelType = f.text(x.five)
	}
	return out
}

func (b *builder) special(a *account) []schema.SpecialTrans {
	var out []schema.SpecialTrans
	for _, s := range a.special {
		out = append(out, schema.SpecialTrans{Type: b.f.text(s.typ), OccurDate: b.f.date(s.d), ChangeMonthNum: b.f.count(s.months),
			OccurAmount: b.f.money(s.amount), DetailRecord: b.f.text(s.detail)})
	}
	return out
}

func (b *builder) notes(ns []note) []schema.AccountNote {
	var out []schema.AccountNote
	for _, n := range ns {
		out = append(out, schema.AccountNote{Value: b.f.text(n.text), AddDate: b.f.date(n.d)})
	}
	return out
}

func (b *builder) balanceRepay(a *account) schema.BalanceRepay {
	return schema.BalanceRepay{SurplusAmount: b.f.money(a.balance), LatestRepayDate: b.f.date(a.lastRepay)}
}

func (b *builder) renderDetail() schema.CreditTransInfoDetail {
	f := b.f
	var d schema.CreditTransInfoDetail
	for _, a := range b.accts {
		switch a.typ {
		case tC1:
			x := schema.RecoveryAccount{Name: b.acctName(a), ManageCompany: f.text(a.inst), Type: f.text(a.bizType),
				CreditorReceivedDate: f.date(a.open), CreditorAmount: f.money(a.amount), StateWhenCreditorTransfer: f.text(a.transferState),
				DueDate: f.date(a.asOf)}
			x.AccountState.Value = f.text(a.status)
			if a.status == "催收" {
				x.AccountState.DebtCollection = b.balanceRepay(a)
			} else {
				x.AccountState.DebtFinish = schema.ClosedState{AccountClosedDate: f.date(a.closed)}
			}
			x.SpecialTransTypes = b.special(a)
			d.RecoveryInfo = append(d.RecoveryInfo, x)
		case tD1:
			x := schema.LoanAccountD1{Name: b.acctName(a), ManageCompany: f.text(a.inst), AmountID: f.text(a.amountID),
				StartDate: f.date(a.open), DeadlineDate: f.date(a.maturity), RefundAmount: f.money(a.amount),
				AccountCurrencyType: f.text(a.currency), Type: f.text(a.bizType), GuaranteeType: f.text(a.guarantee),
				RefundPeriodNum: b.periods(a), RefundFrequency: f.text(a.freq), RefundType: f.text(a.method),
				JoinRefundFlag: f.text(a.joint), DueDate: f.date(a.asOf)}
			x.AccountState.Value = f.text(a.status)
			switch a.status {
			case "正常":
				x.AccountState.Normal = b.loanVals(a).amt()
			case "逾期":
				v := b.loanVals(a).amt()
				x.AccountState.Overdue = schema.D1Overdue{FiveLevelType: v.FiveLevelType, SurplusAmount: v.SurplusAmount,
					SurplusPaymentNum: v.SurplusPaymentNum, ScheduledPayment: v.ScheduledPayment, ScheduledPayAt: v.ScheduledPayAt,
					RealPayed: v.RealPayed, LatestRepayDate: v.LatestRepayDate, CurrOverduePeriods: v.CurrOverduePeriods,
					CurrOverdueAmount: v.CurrOverdueAmount, Overdue31Tp60: v.Overdue31Tp60, Overdue61Tp90: v.Overdue61Tp90,
					Overdue91Tp180: v.Overdue91Tp180, Overdue180: v.Overdue180, BeforeDeadlineDate: b.afterCut(a, true)}
			case "呆账":
				x.AccountState.BadDebt = b.balanceRepay(a)
			case "转出":
				x.AccountState.Transfer = schema.Transfer{TransferDate: f.month(a.asOf.mi())}
			case "结清":
				x.AccountState.Clear = schema.ClosedState{AccountClosedDate: f.date(a.closed)}
			}
			x.SpecialTransTypes = b.special(a)
			x.CompanyInfo = b.notes(a.notes[noteCompany])
			x.SelfStatement = b.notes(a.notes[noteSelf])
			x.ObjectionLabel = b.notes(a.notes[noteObjection])
			x.SpecialLabel = b.notes(a.notes[noteSpecial])
			x.RefundRecord = b.refundRecord(a.grid)
			d.AcyclicCreditAccount = append(d.AcyclicCreditAccount, x)
		case tR4:
			x := schema.LoanAccountR4{Name: b.acctName(a), ManageCompany: f.text(a.inst), AmountID: f.text(a.amountID),
				StartDate: f.date(a.open), DeadlineDate: f.date(a.maturity), RefundAmount: f.money(a.amount),
				AccountCurrencyType: f.text(a.currency), Type: f.text(a.bizType), GuaranteeType: f.text(a.guarantee),
				RefundPeriodNum: b.periods(a), RefundFrequency: f.text(a.freq), RefundType: f.text(a.method),
				JoinRefundFlag: f.text(a.joint), DueDate: f.date(a.asOf)}
			x.AccountState.Value = f.text(a.status)
			switch a.status {
			case "正常":
				x.AccountState.Normal = b.loanVals(a).cur()
			case "逾期":
				x.AccountState.Overdue = b.loanVals(a).cur()
			}
			// 结清: R4State has no block for the closing date; the status alone.
			x.RefundRecord = b.refundRecord(a.grid)
			d.CyclicalAmountPerAccount = append(d.CyclicalAmountPerAccount, x)
		case tR1:
			x := schema.LoanAccountR1{Name: b.acctName(a), ManageCompany: f.text(a.inst), AmountID: f.text(a.amountID),
				StartDate: f.date(a.open), DeadlineDate: f.date(a.maturity), AccountExtensionAmount: f.money(a.amount),
				AccountCurrencyType: f.text(a.currency), Type: f.text(a.bizType), GuaranteeType: f.text(a.guarantee),
				RefundPeriodNum: b.periods(a), RefundFrequency: f.text(a.freq), RefundType: f.text(a.method),
				JoinRefundFlag: f.text(a.joint), DueDate: f.date(a.asOf)}
			x.AccountState.Value = f.text(a.status)
			if a.status == "结清" {
				x.AccountState.Clear = schema.ClosedState{AccountClosedDate: f.date(a.closed)}
			} else {
				// R1State has clear and overdue only: the full block of an open
				// revolving loan, 正常 or 逾期, is the "overdue" one.
				x.AccountState.Overdue = b.loanVals(a).cur()
			}
			x.RefundRecord = b.refundRecord(a.grid)
			d.CyclicalLoanAccount = append(d.CyclicalLoanAccount, x)
		case tR2:
			x := schema.CardAccountR2{Name: b.acctName(a), CardCompany: f.text(a.inst), AmountID: f.text(a.amountID),
				StartDate: f.date(a.open), AccountExtensionAmount: f.money(a.amount), SharedExtensionAmount: f.money(a.shared),
				CurrencyType: f.text(a.currency), Type: f.text(a.bizType), DueDate: f.date(a.asOf), GuaranteeType: f.text(a.guarantee)}
			if a.hasGrid() {
				x.RefundRecord = b.refundRecord(a.grid)
			}
			x.SpecialTransTypes = b.special(a)
			x.CompanyInfo = b.notes(a.notes[noteCompany])
			x.SelfStatement = b.notes(a.notes[noteSelf])
			x.ObjectionLabel = b.notes(a.notes[noteObjection])
			x.AccountState.Value = f.text(a.status)
			switch a.status {
			case "呆账":
				x.AccountState.BadDebt = b.balanceRepay(a)
			case "销户":
				x.AccountState.AccountCanceled = schema.Canceled{CanceledDate: f.date(a.closed)}
			case "未激活":
				x.AccountState.Inactive = schema.Inactive{InactiveDueDate: f.date(a.asOf)}
			default: // 正常, and 冻结/止付 which print the same block
				x.AccountState.Normal = b.cardNormal(a)
			}
			d.CreditAccount = append(d.CreditAccount, x)
		case tR3:
			x := schema.QuasiCardAccountR3{Name: b.acctName(a), CardCompany: f.text(a.inst), AmountID: f.text(a.amountID),
				StartDate: f.date(a.open), AccountExtensionAmount: f.money(a.amount), SharedExtensionAmount: f.money(a.shared),
				CurrencyType: f.text(a.currency), GuaranteeType: f.text(a.guarantee), RefundRecord: b.refundRecord(a.grid),
				DueDate: f.date(a.asOf)}
			x.AccountState.Value = f.text(a.status)
			switch a.status {
			case "呆账":
				x.AccountState.BadDebt = b.balanceRepay(a)
			case "正常":
				x.AccountState.Normal = schema.R3Normal{OverDraftAmount: f.money(a.balance), Latest6MonthsAvgOverDraftAmount: f.money(a.avg6),
					MaxOverDraftAmount: f.money(a.maxUsed), BillDate: f.date(a.asOf), RealPayed: f.money(a.paid),
					LatestRepayDate: f.date(a.lastRepay), OverDraft180UnpayedAmount: f.money(a.overdraft180)}
			}
			// 销户: R3State has no block for the closing date; the status alone.
			x.SpecialTransTypes = b.special(a)
			d.QuasiCreditAccount = append(d.QuasiCreditAccount, x)
		}
	}
	d.ConcernedRefundDutyInfo = b.renderGuarantees()
	d.ExtensionProtocolInfo = b.renderAgreements()
	return d
}

func (b *builder) cardNormal(a *account) schema.R2Normal {
	f := b.f
	n := schema.R2Normal{
		SurplusAmount: f.money(a.balance), UsedAmount: f.money(a.used),
		UnspecifiedLargeAmountSpecificPeriodAmount: f.money(0), SurplusPeriodsNum: f.count(0),
		Avg6monthPay: f.money(a.avg6), MaxUsedAmount: f.money(a.maxUsed), BillDate: f.date(a.asOf),
		ScheduledPayment: f.money(a.sched), RealPayed: f.money(a.paid), LatestRepayDate: f.date(a.lastRepay),
		CurrOverduePeriods: f.count(a.odPeriods), CurrOverdueAmount: f.money(a.odAmount),
		BeforeDueDate: b.afterCut(a, false),
	}
	if l := a.large; l != nil {
		n.UnspecifiedLargeAmountSpecificPeriodAmount = f.money(l.unbilled)
		n.SurplusPeriodsNum = f.count(max(l.periods-(a.asOf.mi()-l.eff.mi()), 1))
		n.BigAmountSpecialPeriodInfo = schema.LargeInstalment{PeriodAmount: f.money(l.limit), PeriodAmountEffectiveDate: f.date(l.eff),
			PeriodAmountDueDate: f.date(l.due), UsedPeriodAmount: f.money(l.used)}
	}
	if a.event != "" {
		n.SpecialEventInfo = f.text(a.event)
	}
	return n
}

func (b *builder) renderGuarantees() schema.ConcernedRefundDuty {
	f := b.f
	var out schema.ConcernedRefundDuty
	np, nc := 0, 0
	for _, g := range b.guars {
		five := f.text(g.five)
		if g.five == "" {
			five = f.dash()
		}
		if g.company {
			nc++
			out.ConcernRefundCompanyBorrow = append(out.ConcernRefundCompanyBorrow, schema.CompanyGuarantee{
				Name: f.text(fmt.Sprintf("账户%d", nc)), ManageCompany: f.text(g.inst), Type: f.text(g.biz), StartDate: f.date(g.open),
				DeadlineDate: f.date(g.deadline), PersonDutyType: f.text(g.duty), RefundDutyAmount: f.money(g.amount),
				CurrencyType: f.text("人民币"), GuaranteeContractSerial: f.text(g.contract), DueDate: f.date(g.asOf),
				FiveLevelType: five, SurplusAmount: f.money(g.balance), OverdueMonthNum: f.count(g.overdueMonths)})
			continue
		}
		np++
		out.ConcernRefundPersonBorrow = append(out.ConcernRefundPersonBorrow, schema.PersonGuarantee{
			Name: f.text(fmt.Sprintf("账户%d", np)), ManageCompany: f.text(g.inst), Type: f.text(g.biz), StartDate: f.date(g.open),
			DeadlineDate: f.date(g.deadline), PersonDutyType: f.text(g.duty), RefundDutyAmount: f.money(g.amount),
			CurrencyType: f.text("人民币"), GuaranteeContractSerial: f.text(g.contract), DueDate: f.date(g.asOf),
			FiveLevelType: five, SurplusAmount: f.money(g.balance), RefundState: f.text(g.state),
			PrimaryBorrower: f.text(g.borrower), PrimaryBorrowerIDType: f.text(g.bIDType), PrimaryBorrowerIDNum: f.text(g.bID)})
	}
	return out
}

// renderAgreements writes the 授信协议 of the revolving facilities (R4) and of
// the accounts that name an agreement.
func (b *builder) renderAgreements() []schema.CreditAgreement {
	f, r := b.f, b.r
	var out []schema.CreditAgreement
	add := func(inst, id, scope string, eff, due date, amount, used int64) {
		out = append(out, schema.CreditAgreement{Name: f.text(fmt.Sprintf("授信协议%d", len(out)+1)), ManageCompany: f.text(inst),
			ExtensionProtocolID: f.text(id), EffectDate: f.date(eff), DeadlineDate: f.date(due), ExtensionAmountScope: f.text(scope),
			ExtensionAmount: f.money(amount), ExtensionLimitAmount: f.dash(), ExtensionLimitSerial: f.dash(),
			UsedAmount: f.money(used), CurrencyType: f.text("人民币")})
	}
	for _, fa := range b.facilities {
		var used int64
		for _, a := range b.accts {
			if a.typ == tR4 && a.agreement == fa.id && openAccount(a) {
				used += a.balance
			}
		}
		add(fa.inst, fa.id, "循环贷款额度", fa.effect, fa.deadline, max(fa.limit, used), used)
	}
	seen := map[string]bool{}
	for _, a := range b.accts {
		if a.agreement == "" || a.typ == tR4 || seen[a.agreement] {
			continue
		}
		seen[a.agreement] = true
		eff := a.open.addDays(-r.between(0, 30))
		switch a.typ {
		case tR1:
			add(a.inst, a.agreement, "循环贷款额度", eff, a.maturity, a.amount, a.balance)
		case tR2:
			scope := "信用卡独立额度"
			if a.shared > a.amount {
				scope = "信用卡共享额度"
			}
			add(a.inst, a.agreement, scope, eff, date{}, a.shared, a.used)
		}
	}
	return out
}

// ---- post-paid, public records, queries ----

func (b *builder) renderPostpaid() []schema.PostpaidAccount {
	f := b.f
	var out []schema.PostpaidAccount
	for i, p := range b.postpaid {
		out = append(out, schema.PostpaidAccount{
			Name: f.text(fmt.Sprintf("账户%d", i+1)), CompanyName: f.text(p.inst), Type: f.text(p.kind), StartDate: f.date(p.open),
			CurrPayedState: f.text(p.state), CurrOverdueAmount: f.money(p.arrears), AccountDate: f.month(p.acctMonth),
			RefundRecord: b.postpaidRecord(p.grid),
		})
	}
	return out
}

func (b *builder) renderPublic() schema.PublicInfoDetail {
	f, r, pr := b.f, b.r, &b.pub
	var d schema.PublicInfoDetail
	for _, t := range pr.tax {
		d.OwingTaxRecord = append(d.OwingTaxRecord, schema.TaxArrear{ChargedTaxOffice: f.text(t.office), OwingTaxAmount: f.money(t.amount), OwingTaxStatsDate: f.date(t.d)})
	}
	for i, c := range pr.civil {
		d.CivilJudgmentRecord = append(d.CivilJudgmentRecord, schema.CivilJudgment{No: f.text(itoa(i + 1)), FillingCourt: f.text(c.court),
			Reason: f.text(c.cause), FillingDate: f.date(c.filed), ClosingType: f.text(c.closing), ClosingResult: f.text(c.result),
			ClosingEffectDate: f.date(c.effect), Litigation: f.text(c.subject), LitigationAmount: f.money(c.amount)})
	}
	for i, e := range pr.enforce {
		d.ForceExecuteRecord = append(d.ForceExecuteRecord, schema.Enforcement{No: f.text(itoa(i + 1)), ExecuteCourt: f.text(e.court),
			ExecuteReason: f.text(e.cause), FillingDate: f.date(e.filed), ClosingType: f.text(e.closing), CaseState: f.text(e.state),
			ClosingDate: f.date(e.closed), ApplyExecuteSubject: f.text(e.subject), ApplyExecuteSubjectValue: f.money(e.amount),
			ExecutedSubject: f.text(e.subject), ExecutedSubjectAmount: f.money(e.executed)})
	}
	for i, p := range pr.penalty {
		d.AdministrativePenaltyRecord = append(d.AdministrativePenaltyRecord, schema.AdminPenalty{No: f.text(itoa(i + 1)),
			PenaltyOrg: f.text(p.org), PenaltyContent: f.text(p.content), PenaltyAmount: f.money(p.amount), EffectDate: f.date(p.eff),
			DueDate: f.date(p.due), AdministrativeReviewResult: f.dash()})
	}
	for _, h := range pr.fund {
		d.HousingProvidentFundContributionRecord = append(d.HousingProvidentFundContributionRecord, schema.HousingFund{
			ContributionPlace: f.text(h.place), ContributionDate: f.date(h.join), FirstContributionDate: f.month(h.first),
			ContributionDueDate: f.month(h.paidTo), ContributionState: f.text(h.state), AmountPerMonth: f.money(h.amount),
			SelfContributionProportion: f.percent(h.self), CompanyContributionProportion: f.percent(h.employer),
			ContributionCompany: f.text(h.company), UpdateAt: f.date(h.update)})
	}
	reg := b.p.reg
	if pr.aid {
		apply := r.dateIn(b.R.addMonths(-60), b.R.addMonths(-3))
		d.LowSecurityRescueRecord = append(d.LowSecurityRescueRecord, schema.SocialAid{No: f.text("1"),
			PersonType: f.text(pick(r, []string{"在职职工", "失业人员", "其他"})), Place: f.text(reg.city + reg.district), Company: f.dash(),
			FamilyIncomePerMonth: f.money(r.amount(200, 2000, 10)), ApplyDate: f.date(apply), AgreeDate: f.date(apply.addDays(r.between(20, 90))),
			UpdateAt: f.date(b.R.addDays(-r.between(10, 200)))})
	}
	for i := range pr.quals {
		q := pick(r, qualifications)
		got := r.dateIn(b.R.addMonths(-180), b.R.addMonths(-6))
		d.ExecutiveQualificationRecord = append(d.ExecutiveQualificationRecord, schema.Qualification{No: f.text(itoa(i + 1)),
			ExecutiveQulificationName: f.text(q.name), Level: f.text(q.level), GotDate: f.date(got), DeadlineDate: f.date(got.addMonths(12 * r.between(3, 10))),
			RevocationDate: f.dash(), Issuer: f.text(reg.province + q.issuer), IssuerPlace: f.text(reg.prefix())})
	}
	for i := range pr.rewards {
		eff := r.dateIn(b.R.addMonths(-96), b.R.addMonths(-6))
		d.AdministrativeRewardRecord = append(d.AdministrativeRewardRecord, schema.AdminReward{No: f.text(itoa(i + 1)),
			RewardCompany: f.text("国家税务总局" + reg.city + "税务局"), RewardContent: f.text(pick(r, []string{"优秀纳税人", "先进个人", "劳动模范"})),
			EffectDate: f.date(eff), DueDate: f.date(eff.addMonths(48))})
	}
	return d
}

func (b *builder) renderQueries() schema.QueryRecord {
	f := b.f
	var out schema.QueryRecord
	for _, q := range b.queries {
		row := schema.Query{Date: f.date(q.d), QueryCompany: f.text(q.inst), QueryReason: f.text(q.reason)}
		if q.person {
			row.No = f.text(itoa(len(out.PersonQueryRecord) + 1))
			out.PersonQueryRecord = append(out.PersonQueryRecord, row)
		} else {
			row.No = f.text(itoa(len(out.CompanyQueryRecord) + 1))
			out.CompanyQueryRecord = append(out.CompanyQueryRecord, row)
		}
	}
	return out
}

// ---- repayment grids ----

// gridStyle is how an OCR engine lays out repayment grids; drawn per report
// (with some per-account variety).
type gridStyle struct {
	padded  bool // whole calendar years, empty cells for the months not covered
	blank   int  // empty cell: 0 "" values, 1 keys omitted, 2 null values
	order   int  // year blocks: 0 newest first, 1 oldest first, 2 shuffled
	yearSfx bool // "2015年"
	month   int  // monthValue: 0 "3", 1 "03", 2 "3月"
}

func (b *builder) newGridStyle() gridStyle {
	r := b.r
	return gridStyle{
		padded:  r.pct(60),
		blank:   r.weighted(60, 30, 10),
		order:   r.weighted(50, 35, 15),
		yearSfx: r.pct(15),
		month:   r.weighted(70, 15, 15),
	}
}

type gridMonth struct {
	m int
	c *cell // nil: a padding cell
}

type gridBlock struct {
	y      int
	months []gridMonth
}

// blocks lays a grid out in year blocks per the style.
func (b *builder) blocks(cells []cell) ([]gridBlock, gridStyle) {
	st := b.gs
	if b.r.pct(10) {
		st.order = b.r.n(3)
	}
	byMI := map[int]*cell{}
	for i := range cells {
		byMI[cells[i].mi] = &cells[i]
	}
	y0, _ := fromMI(cells[0].mi)
	y1, _ := fromMI(cells[len(cells)-1].mi)
	var out []gridBlock
	for y := y0; y <= y1; y++ {
		var blk gridBlock
		blk.y = y
		for m := 1; m <= 12; m++ {
			c := byMI[y*12+m-1]
			if c != nil || st.padded {
				blk.months = append(blk.months, gridMonth{m, c})
			}
		}
		out = append(out, blk)
	}
	switch st.order {
	case 0:
		slices.Reverse(out)
	case 2:
		b.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out, st
}

func (b *builder) yearValue(y int, st gridStyle) schema.Scalar {
	if b.f.odd() && b.f.r.n(4) == 0 {
		return schema.Int(int64(y))
	}
	if st.yearSfx {
		return schema.Str(itoa(y) + "年")
	}
	return schema.Str(itoa(y))
}

func (b *builder) monthValue(m int, st gridStyle) schema.Scalar {
	if b.f.odd() && b.f.r.n(4) == 0 {
		return schema.Int(int64(m))
	}
	switch st.month {
	case 1:
		return schema.Str(fmt.Sprintf("%02d", m))
	case 2:
		return schema.Str(itoa(m) + "月")
	}
	return schema.Str(itoa(m))
}

func (b *builder) blankValue(st gridStyle) schema.Scalar {
	switch st.blank {
	case 0:
		return schema.Str("")
	case 2:
		return null
	}
	return schema.Scalar{}
}

func dateRange(cells []cell) string {
	y0, m0 := fromMI(cells[0].mi)
	y1, m1 := fromMI(cells[len(cells)-1].mi)
	return fmt.Sprintf("%d年%02d月-%d年%02d月", y0, m0, y1, m1)
}

func (b *builder) refundRecord(cells []cell) schema.RefundRecord {
	if len(cells) == 0 {
		return schema.RefundRecord{}
	}
	blocks, st := b.blocks(cells)
	rec := schema.RefundRecord{DateRange: b.f.text(dateRange(cells))}
	for _, blk := range blocks {
		gy := schema.GridYear{Year: b.yearValue(blk.y, st)}
		for _, gm := range blk.months {
			m := schema.GridMonth{MonthValue: b.monthValue(gm.m, st)}
			if c := gm.c; c != nil {
				m.State = schema.Str(c.st)
				if c.unk {
					m.Amount = b.f.dash()
				} else {
					m.Amount = b.f.money(c.amt)
				}
			} else {
				m.Amount, m.State = b.blankValue(st), b.blankValue(st)
			}
			gy.Month = append(gy.Month, m)
		}
		rec.Detail = append(rec.Detail, gy)
	}
	return rec
}

func (b *builder) postpaidRecord(cells []cell) schema.PostpaidRefundRecord {
	blocks, st := b.blocks(cells)
	rec := schema.PostpaidRefundRecord{DateRange: b.f.text(dateRange(cells))}
	for _, blk := range blocks {
		gy := schema.PostpaidGridYear{Year: b.yearValue(blk.y, st)}
		for _, gm := range blk.months {
			m := schema.PostpaidGridMonth{MonthValue: b.monthValue(gm.m, st)}
			if gm.c != nil {
				m.State = schema.Str(gm.c.st)
			} else {
				m.State = b.blankValue(st)
			}
			gy.Month = append(gy.Month, m)
		}
		rec.Detail = append(rec.Detail, gy)
	}
	return rec
}
