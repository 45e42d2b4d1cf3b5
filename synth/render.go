package synth

import (
	"fmt"

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
