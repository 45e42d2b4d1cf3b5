package synth

import (
	"fmt"

	"creditetl/schema"
)

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
