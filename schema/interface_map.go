package schema

// The mapping of the PBOC interface report (二代征信接口报文, as JSON: a tree
// of segment and field codes) onto the project's model, kept as data: every
// interface field, the table and column (or model key) it lands in, and the
// code list that turns its code into the printed report's text. The
// interface adapter (input/pboc) is driven by these tables, and
// `creditetl schema` prints them beside the OCR paths.
//
// Paths join codes with "." and mark a list element with "[]", as the OCR
// paths do: PDA.PD01[].PD01A.PD01AI02 is field PD01AI02 of segment PD01A of
// every element of the account list PDA.PD01.

// InterfaceList maps an interface list (or object) whose elements become
// rows onto the OCR list (or object) they fill.
type InterfaceList struct {
	From string // interface path of the list, ending in "[]"
	// Route is the element field (relative path; two joined by "+", their
	// codes by "/") whose code picks the target; "" with one target.
	Route   string
	Targets []InterfaceTarget
	// Only restricts a list nested in another to those targets (by name) of
	// the enclosing list: PD01H (大额专项分期) exists on credit cards only.
	Only string
	// Handler names code that builds the target instead of rule by rule
	// (repayment grids, special events); its rules still say where each
	// field lands.
	Handler string
	Note    string
}

// InterfaceTarget is one OCR list or object an interface list can fill.
type InterfaceTarget struct {
	Name  string   // the target's name (account type, borrower kind …); Only and "{type}" refer to it
	Codes []string // the route codes that pick it
	// To is the OCR path: absolute for a top-level list; for a list nested
	// in another, relative to the enclosing element (an account's
	// "specialTransTypes[]"), also looked for among its interface-only
	// fields. A path without "[]" is an object: the first element fills it.
	To string
}

// InterfaceRule maps one interface field.
type InterfaceRule struct {
	From string // interface path of the field
	// To is where the value lands: "table.column" (the leaf of the enclosing
	// list's target that feeds that column; among several, the one of the
	// account's state sub-object, see InterfaceAccountStates) or a model key
	// path relative to the target ("accountNum"). For a route field, the
	// column its code sets.
	To string
	// Codes is the code list (codes.go) that turns the code into text;
	// "{type}" stands for the target's name (accountStatus{type}).
	Codes string
	// When is a condition on the list element (InterfaceConditions): the
	// rule applies only when it holds, or, with a "!" prefix, when it does not.
	When string
	// Only restricts the rule to those targets (by name, comma-separated).
	Only string
	// InstitutionType: the code is an official institution type; its
	// CONTRACT section 5.1 class becomes the row's institution_type.
	InstitutionType bool
	// Handler: code, not the rule, writes the value (the rule documents it):
	// "route" (the field picks the target), "grid", "range", "events",
	// "postpaidGrid".
	Handler string
	Note    string
}

// InterfaceIgnore is an interface field deliberately not loaded, or a
// segment kept verbatim in unknown_fields.
type InterfaceIgnore struct {
	From   string
	Reason string
	// Keep: the segment's content, when present, is kept as JSON in
	// unknown_fields instead of being dropped.
	Keep bool
}

// InterfaceConditions are the conditions rules use, with their meaning.
var InterfaceConditions = map[string]string{
	"monthly": "the account has a PD01C segment (最近一次月度表现信息): PD01B is then the latest record after its cut-off date",
}

// InterfaceAccountStates says, per account type, which state sub-object of
// the OCR model (accountState.normal, .overdue, …) an account's status code
// (PD01BD01 / PD01CD01) selects: where a column is fed by several state
// sub-objects, the value goes to the selected one (the flattener merges
// them into one column either way). A status not listed selects none: the
// first leaf in the model's order takes the value.
var InterfaceAccountStates = map[string]map[string]string{
	"C1": {"1": "debtCollection", "2": "debtFinish"},
	"D1": {"1": "normal", "2": "overdue", "3": "clear", "4": "badDebt", "5": "transfer"},
	"R4": {"1": "normal", "2": "overdue"},
	"R1": {"2": "overdue", "3": "clear"},
	"R2": {"1": "normal", "4": "accountCanceled", "5": "badDebt", "6": "inactive"},
	"R3": {"1": "normal", "5": "badDebt"},
}

const (
	loans    = "D1,R4,R1"
	revolver = "D1,R4,R1,R2,R3" // accounts with monthly performance and a grid
)

var interfaceLists = []InterfaceList{
	{From: "PRH.PA01.PA01C.PA01CH[]", Targets: []InterfaceTarget{{To: "creditHeader.otherIdInfo[]"}}},
	{From: "PRH.PA01.PA01D.PA01DH[]", Targets: []InterfaceTarget{{To: "creditHeader.antiHackInfo"}}},
	{From: "PIM.PB01.PB01B.PB01BH[]", Targets: []InterfaceTarget{{To: "personBasicInfo.personInfo.mobile[]"}}},
	{From: "PRM.PB03[]", Targets: []InterfaceTarget{{To: "personBasicInfo.livedInfos[]"}}},
	{From: "POM.PB04[]", Targets: []InterfaceTarget{{To: "personBasicInfo.experiences[]"}}},
	{From: "PCO.PC02.PC02A.PC02AH[]", Route: "PC02AD02", Targets: []InterfaceTarget{
		{Name: "loan", Codes: []string{"1"}, To: "infoSummary.creditTransInfoHint.detail.loan[]"},
		{Name: "credit_card", Codes: []string{"2"}, To: "infoSummary.creditTransInfoHint.detail.creditCard[]"},
		{Name: "other", Codes: []string{"9"}, To: "infoSummary.creditTransInfoHint.detail.others[]"},
	}},
	{From: "PCO.PC02.PC02B.PC02BH[]", Targets: []InterfaceTarget{{To: "infoSummary.creditTransBreachInfoSummary.recourseInfoSummary.detail[]"}}},
	{From: "PCO.PC02.PC02D.PC02DH[]", Targets: []InterfaceTarget{{To: "infoSummary.creditTransBreachInfoSummary.overdueInfoCollection[]"}}},
	{From: "PCO.PC02.PC02K.PC02KH[]", Route: "PC02KD01+PC02KD02", Targets: []InterfaceTarget{
		{Name: "person_guarantee", Codes: []string{"1/1"}, To: "infoSummary.creditTransExtensionAndDebtSummary.concernedRefundDutyInfoSummary.forPerson.guaranteeDuty"},
		{Name: "person_other", Codes: []string{"1/9"}, To: "infoSummary.creditTransExtensionAndDebtSummary.concernedRefundDutyInfoSummary.forPerson.otherRefundDuty"},
		{Name: "company_guarantee", Codes: []string{"2/1"}, To: "infoSummary.creditTransExtensionAndDebtSummary.concernedRefundDutyInfoSummary.forCompany.guaranteeDuty"},
		{Name: "company_other", Codes: []string{"2/9"}, To: "infoSummary.creditTransExtensionAndDebtSummary.concernedRefundDutyInfoSummary.forCompany.otherRefundDuty"},
	}, Note: "one line per borrower kind (PC02KD01 1 个人, 2 企业) and duty (PC02KD02 1 担保责任, 9 其他)"},
	{From: "PNO.PC03.PC030H[]", Targets: []InterfaceTarget{{To: "infoSummary.noncreditTransInfoSummary[]"}}},
	{From: "PPO.PC04.PC040H[]", Targets: []InterfaceTarget{{To: "infoSummary.publicInfoSummary[]"}}},
	{From: "PDA.PD01[]", Route: "PD01A.PD01AD01", Targets: []InterfaceTarget{
		{Name: "C1", Codes: []string{"C1"}, To: "creditTransInfoDetail.recoveryInfo[]"},
		{Name: "D1", Codes: []string{"D1"}, To: "creditTransInfoDetail.acyclicCreditAccount[]"},
		{Name: "R4", Codes: []string{"R4"}, To: "creditTransInfoDetail.cyclicalAmountPerAccount[]"},
		{Name: "R1", Codes: []string{"R1"}, To: "creditTransInfoDetail.cyclicalLoanAccount[]"},
		{Name: "R2", Codes: []string{"R2"}, To: "creditTransInfoDetail.creditAccount[]"},
		{Name: "R3", Codes: []string{"R3"}, To: "creditTransInfoDetail.quasiCreditAccount[]"},
	}, Note: "seq is the account's position among the accounts of its type, in PD01 order (the printed report's numbering)"},
	{From: "PDA.PD01[].PD01D.PD01DH[]", Only: revolver, Handler: "grid", Targets: []InterfaceTarget{{To: "refundRecord.detail[]"}},
		Note: "the 24-month and 60-month records are merged into one grid: one cell per month; where both have a month, the 60-month record's state and amount are kept (a different 24-month state is a reject); months empty in both are not cells"},
	{From: "PDA.PD01[].PD01E.PD01EH[]", Only: revolver, Handler: "grid", Targets: []InterfaceTarget{{To: "refundRecord.detail[]"}}},
	{From: "PDA.PD01[].PD01F.PD01FH[]", Targets: []InterfaceTarget{{To: "specialTransTypes[]"}}},
	{From: "PDA.PD01[].PD01G.PD01GH[]", Only: "D1,R2", Handler: "events",
		Note: "special events become the account's special_event text: 'YYYY年MM月 <event>' per event, joined by '; '"},
	{From: "PDA.PD01[].PD01H.PD01HH[]", Only: "R2", Targets: []InterfaceTarget{{To: "accountState.normal.bigAmountSpecialPeriodInfo"}}},
	{From: "PCA.PD02[]", Targets: []InterfaceTarget{{To: "creditTransInfoDetail.extensionProtocolInfo[]"}}},
	{From: "PCR.PD03[]", Route: "PD03A.PD03AD08", Targets: []InterfaceTarget{
		{Name: "person", Codes: []string{"1"}, To: "creditTransInfoDetail.concernedRefundDutyInfo.concernRefundPersonBorrow[]"},
		{Name: "company", Codes: []string{"2"}, To: "creditTransInfoDetail.concernedRefundDutyInfo.concernRefundCompanyBorrow[]"},
	}},
	{From: "PND.PE01[]", Targets: []InterfaceTarget{{To: "noncreditTransInfoDetail[]"}}},
	{From: "POT.PF01[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.owingTaxRecord[]"}}},
	{From: "PCJ.PF02[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.civilJudgmentRecord[]"}}},
	{From: "PCE.PF03[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.forceExecuteRecord[]"}}},
	{From: "PAP.PF04[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.administrativePenaltyRecord[]"}}},
	{From: "PHF.PF05[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.housingProvidentFundContributionRecord[]"}}},
	{From: "PBS.PF06[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.lowSecurityRescueRecord[]"}}},
	{From: "PPQ.PF07[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.executiveQualificationRecord[]"}}},
	{From: "PAH.PF08[]", Targets: []InterfaceTarget{{To: "publicInfoDetail.administrativeRewardRecord[]"}}},
	{From: "POQ.PH01[]", Targets: []InterfaceTarget{{To: "queryRecord.companyQueryRecord[]"}},
		Note: "every query of the interface report is an institution query (机构查询记录); list = company"},
}

// notSeen marks fields of segments that no report of ../shared/real
// carries: their codes follow the PBOC interface specification.
const notSeen = "not in the 19 reports of ../shared/real"

var interfaceRules = []InterfaceRule{
	// 报告头 (PRH)
	{From: "PRH.PA01.PA01A.PA01AI01", To: "reports.serial_no", Note: "the report number: report_id"},
	{From: "PRH.PA01.PA01A.PA01AR01", To: "reports.report_time"},
	{From: "PRH.PA01.PA01B.PA01BQ01", To: "reports.name"},
	{From: "PRH.PA01.PA01B.PA01BD01", To: "reports.id_type", Codes: "idType"},
	{From: "PRH.PA01.PA01B.PA01BI01", To: "reports.id_number"},
	{From: "PRH.PA01.PA01B.PA01BI02", To: "reports.query_org", Note: "the querying institution's code"},
	{From: "PRH.PA01.PA01B.PA01BD02", To: "reports.query_reason", Codes: "queryReason"},
	{From: "PRH.PA01.PA01C.PA01CH[].PA01CD01", To: "other_ids.id_type", Codes: "idType", Note: notSeen},
	{From: "PRH.PA01.PA01C.PA01CH[].PA01CI01", To: "other_ids.id_number", Note: notSeen},
	// 防欺诈警示: a segment of four fields, or (pboc_fields.csv) a list of them.
	{From: "PRH.PA01.PA01D.PA01DQ01", To: "reports.anti_fraud_warning", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DQ02", To: "reports.anti_fraud_phone", Note: notSeen + "; 联系电话"},
	{From: "PRH.PA01.PA01D.PA01DR01", To: "reports.anti_fraud_effect_date", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DR02", To: "reports.anti_fraud_due_date", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DH[].PA01DQ01", To: "reports.anti_fraud_warning", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DH[].PA01DQ02", To: "reports.anti_fraud_phone", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DH[].PA01DR01", To: "reports.anti_fraud_effect_date", Note: notSeen},
	{From: "PRH.PA01.PA01D.PA01DH[].PA01DR02", To: "reports.anti_fraud_due_date", Note: notSeen},
	{From: "PRH.PA01.PA01E.PA01ES01", To: "reports.objection_count"},

	// 个人基本信息 (PIM, PMM, PRM, POM)
	{From: "PIM.PB01.PB01A.PB01AD01", To: "reports.gender", Codes: "gender"},
	{From: "PIM.PB01.PB01A.PB01AR01", To: "reports.birth_date"},
	{From: "PIM.PB01.PB01A.PB01AD02", To: "reports.education", Codes: "education"},
	{From: "PIM.PB01.PB01A.PB01AD03", To: "reports.degree", Codes: "degree"},
	{From: "PIM.PB01.PB01A.PB01AD04", To: "reports.employment_status", Codes: "employmentStatus"},
	{From: "PIM.PB01.PB01A.PB01AD05", To: "reports.nationality", Codes: "nationality"},
	{From: "PIM.PB01.PB01A.PB01AQ01", To: "reports.email"},
	{From: "PIM.PB01.PB01A.PB01AQ02", To: "reports.postal_address"},
	{From: "PIM.PB01.PB01A.PB01AQ03", To: "reports.registered_address"},
	{From: "PIM.PB01.PB01B.PB01BH[].PB01BQ01", To: "phones.phone"},
	{From: "PIM.PB01.PB01B.PB01BH[].PB01BR01", To: "phones.updated_at"},
	{From: "PMM.PB02.PB020D01", To: "reports.marital_status", Codes: "marital"},
	{From: "PMM.PB02.PB020D02", To: "reports.spouse_id_type", Codes: "idType"},
	{From: "PMM.PB02.PB020I01", To: "reports.spouse_id_number"},
	{From: "PMM.PB02.PB020Q01", To: "reports.spouse_name"},
	{From: "PMM.PB02.PB020Q02", To: "reports.spouse_employer"},
	{From: "PMM.PB02.PB020Q03", To: "reports.spouse_phone"},
	{From: "PRM.PB03[].PB030Q01", To: "residences.address"},
	{From: "PRM.PB03[].PB030Q02", To: "residences.home_phone"},
	{From: "PRM.PB03[].PB030D01", To: "residences.residence_status", Codes: "residence"},
	{From: "PRM.PB03[].PB030R01", To: "residences.updated_at"},
	{From: "POM.PB04[].PB040D01", To: "employments.employment_status", Codes: "employmentStatus"},
	{From: "POM.PB04[].PB040D02", To: "employments.employer_type", Codes: "employerType"},
	{From: "POM.PB04[].PB040D03", To: "employments.industry", Codes: "industry"},
	{From: "POM.PB04[].PB040D04", To: "employments.occupation", Codes: "occupation"},
	{From: "POM.PB04[].PB040D05", To: "employments.position", Codes: "position"},
	{From: "POM.PB04[].PB040D06", To: "employments.professional_title", Codes: "title"},
	{From: "POM.PB04[].PB040Q01", To: "employments.employer"},
	{From: "POM.PB04[].PB040Q02", To: "employments.employer_address"},
	{From: "POM.PB04[].PB040Q03", To: "employments.employer_phone"},
	{From: "POM.PB04[].PB040R01", To: "employments.start_year"},
	{From: "POM.PB04[].PB040R02", To: "employments.updated_at"},

	// 信息概要 (PSM, PCO, PNO, PPO, PQO)
	{From: "PSM.PC01.PC010Q01", To: "report_summary.credit_score", Note: notSeen},
	{From: "PSM.PC01.PC010Q02", To: "report_summary.credit_score_position", Note: notSeen},
	{From: "PSM.PC01.PC010D01", To: "report_summary.credit_score_note", Note: notSeen},
	{From: "PCO.PC02.PC02A.PC02AS01", To: "report_summary.credit_accounts_total"},
	{From: "PCO.PC02.PC02A.PC02AH[].PC02AD01", To: "summary_credit_hints.business_type", Codes: "creditHintType"},
	{From: "PCO.PC02.PC02A.PC02AH[].PC02AD02", To: "summary_credit_hints.category", Handler: "route"},
	{From: "PCO.PC02.PC02A.PC02AH[].PC02AR01", To: "summary_credit_hints.first_month"},
	{From: "PCO.PC02.PC02A.PC02AH[].PC02AS03", To: "summary_credit_hints.accounts"},
	{From: "PCO.PC02.PC02B.PC02BS01", To: "report_summary.recovery_accounts"},
	{From: "PCO.PC02.PC02B.PC02BJ01", To: "report_summary.recovery_balance"},
	{From: "PCO.PC02.PC02B.PC02BH[].PC02BD01", To: "summary_recovery.business_type", Codes: "recoveryType"},
	{From: "PCO.PC02.PC02B.PC02BH[].PC02BS03", To: "summary_recovery.accounts"},
	{From: "PCO.PC02.PC02B.PC02BH[].PC02BJ02", To: "summary_recovery.balance"},
	{From: "PCO.PC02.PC02C.PC02CS01", To: "report_summary.bad_debt_accounts"},
	{From: "PCO.PC02.PC02C.PC02CJ01", To: "report_summary.bad_debt_balance"},
	{From: "PCO.PC02.PC02D.PC02DH[].PC02DD01", To: "summary_overdue.account_type_name", Codes: "overdueAccountType"},
	{From: "PCO.PC02.PC02D.PC02DH[].PC02DS02", To: "summary_overdue.accounts"},
	{From: "PCO.PC02.PC02D.PC02DH[].PC02DS03", To: "summary_overdue.overdue_months"},
	{From: "PCO.PC02.PC02D.PC02DH[].PC02DJ01", To: "summary_overdue.max_monthly_overdue_amount"},
	{From: "PCO.PC02.PC02D.PC02DH[].PC02DS04", To: "summary_overdue.max_overdue_months"},
	{From: "PCO.PC02.PC02E.PC02ES01", To: "report_summary.d1_orgs"},
	{From: "PCO.PC02.PC02E.PC02ES02", To: "report_summary.d1_accounts"},
	{From: "PCO.PC02.PC02E.PC02EJ01", To: "report_summary.d1_credit_total"},
	{From: "PCO.PC02.PC02E.PC02EJ02", To: "report_summary.d1_balance"},
	{From: "PCO.PC02.PC02E.PC02EJ03", To: "report_summary.d1_avg6m_payment"},
	{From: "PCO.PC02.PC02F.PC02FS01", To: "report_summary.r4_orgs"},
	{From: "PCO.PC02.PC02F.PC02FS02", To: "report_summary.r4_accounts"},
	{From: "PCO.PC02.PC02F.PC02FJ01", To: "report_summary.r4_credit_total"},
	{From: "PCO.PC02.PC02F.PC02FJ02", To: "report_summary.r4_balance"},
	{From: "PCO.PC02.PC02F.PC02FJ03", To: "report_summary.r4_avg6m_payment"},
	{From: "PCO.PC02.PC02G.PC02GS01", To: "report_summary.r1_orgs"},
	{From: "PCO.PC02.PC02G.PC02GS02", To: "report_summary.r1_accounts"},
	{From: "PCO.PC02.PC02G.PC02GJ01", To: "report_summary.r1_credit_total"},
	{From: "PCO.PC02.PC02G.PC02GJ02", To: "report_summary.r1_balance"},
	{From: "PCO.PC02.PC02G.PC02GJ03", To: "report_summary.r1_avg6m_payment"},
	{From: "PCO.PC02.PC02H.PC02HS01", To: "report_summary.r2_orgs"},
	{From: "PCO.PC02.PC02H.PC02HS02", To: "report_summary.r2_accounts"},
	{From: "PCO.PC02.PC02H.PC02HJ01", To: "report_summary.r2_credit_total"},
	{From: "PCO.PC02.PC02H.PC02HJ02", To: "report_summary.r2_max_limit_per_org"},
	{From: "PCO.PC02.PC02H.PC02HJ03", To: "report_summary.r2_min_limit_per_org"},
	{From: "PCO.PC02.PC02H.PC02HJ04", To: "report_summary.r2_used"},
	{From: "PCO.PC02.PC02H.PC02HJ05", To: "report_summary.r2_avg6m_used"},
	{From: "PCO.PC02.PC02I.PC02IS01", To: "report_summary.r3_orgs"},
	{From: "PCO.PC02.PC02I.PC02IS02", To: "report_summary.r3_accounts"},
	{From: "PCO.PC02.PC02I.PC02IJ01", To: "report_summary.r3_credit_total"},
	{From: "PCO.PC02.PC02I.PC02IJ02", To: "report_summary.r3_max_limit_per_org"},
	{From: "PCO.PC02.PC02I.PC02IJ03", To: "report_summary.r3_min_limit_per_org"},
	{From: "PCO.PC02.PC02I.PC02IJ04", To: "report_summary.r3_overdraft_balance"},
	{From: "PCO.PC02.PC02I.PC02IJ05", To: "report_summary.r3_avg6m_overdraft"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KD01", To: "report_summary.person_* or company_* columns", Handler: "route"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KD02", To: "report_summary.*_guarantee_* or *_other_duty_* columns", Handler: "route"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KS02", To: "accountNum"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KJ01", To: "guaranteeAmount", Only: "person_guarantee,company_guarantee"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KJ01", To: "refundDutyAmount", Only: "person_other,company_other"},
	{From: "PCO.PC02.PC02K.PC02KH[].PC02KJ02", To: "surplusAmount"},
	{From: "PNO.PC03.PC030H[].PC030D01", To: "summary_postpaid.business_type", Codes: "postpaidSummaryType", Note: notSeen},
	{From: "PNO.PC03.PC030H[].PC030S02", To: "summary_postpaid.accounts", Note: notSeen},
	{From: "PNO.PC03.PC030H[].PC030J01", To: "summary_postpaid.arrears_amount", Note: notSeen},
	{From: "PPO.PC04.PC040H[].PC040D01", To: "summary_public.info_type", Codes: "publicSummaryType", Note: notSeen},
	{From: "PPO.PC04.PC040H[].PC040S02", To: "summary_public.records", Note: notSeen},
	{From: "PPO.PC04.PC040H[].PC040J01", To: "summary_public.amount", Note: notSeen},
	{From: "PQO.PC05.PC05A.PC05AR01", To: "report_summary.last_query_date"},
	{From: "PQO.PC05.PC05A.PC05AI01", To: "report_summary.last_query_org"},
	{From: "PQO.PC05.PC05A.PC05AD01", To: "report_summary.last_query_org_kind", Codes: "institutionType"},
	{From: "PQO.PC05.PC05A.PC05AQ01", To: "report_summary.last_query_reason", Codes: "queryReason"},
	{From: "PQO.PC05.PC05B.PC05BS01", To: "report_summary.q1m_orgs_loan_approval"},
	{From: "PQO.PC05.PC05B.PC05BS02", To: "report_summary.q1m_orgs_card_approval"},
	{From: "PQO.PC05.PC05B.PC05BS03", To: "report_summary.q1m_loan_approval"},
	{From: "PQO.PC05.PC05B.PC05BS04", To: "report_summary.q1m_card_approval"},
	{From: "PQO.PC05.PC05B.PC05BS05", To: "report_summary.q1m_self"},
	{From: "PQO.PC05.PC05B.PC05BS06", To: "report_summary.q2y_post_loan"},
	{From: "PQO.PC05.PC05B.PC05BS07", To: "report_summary.q2y_guarantee_check"},
	{From: "PQO.PC05.PC05B.PC05BS08", To: "report_summary.q2y_merchant_check"},

	// 信贷账户 (PDA.PD01): 基本信息 PD01A
	{From: "PDA.PD01[].PD01A.PD01AD01", To: "accounts.account_type", Handler: "route"},
	{From: "PDA.PD01[].PD01A.PD01AD02", To: "accounts.institution_kind", Codes: "institutionType", InstitutionType: true},
	{From: "PDA.PD01[].PD01A.PD01AD03", To: "accounts.business_type", Codes: "business"},
	{From: "PDA.PD01[].PD01A.PD01AD04", To: "accounts.currency", Codes: "currency", Only: revolver},
	{From: "PDA.PD01[].PD01A.PD01AD05", To: "accounts.repay_method", Codes: "repayMethod", Only: loans},
	{From: "PDA.PD01[].PD01A.PD01AD06", To: "accounts.repay_frequency", Codes: "repayFrequency", Only: loans},
	{From: "PDA.PD01[].PD01A.PD01AD07", To: "accounts.guarantee_type", Codes: "guarantee", Only: revolver},
	{From: "PDA.PD01[].PD01A.PD01AD08", To: "accounts.loan_form", Codes: "loanForm", Only: loans},
	{From: "PDA.PD01[].PD01A.PD01AD09", To: "accounts.joint_loan_flag", Codes: "jointLoan", Only: loans},
	{From: "PDA.PD01[].PD01A.PD01AD10", To: "accounts.state_at_transfer", Codes: "transferState", Only: "C1"},
	{From: "PDA.PD01[].PD01A.PD01AI01", To: "accounts.account_label", Note: "账户编号"},
	{From: "PDA.PD01[].PD01A.PD01AI02", To: "accounts.institution"},
	{From: "PDA.PD01[].PD01A.PD01AI03", To: "accounts.account_number", Only: revolver},
	{From: "PDA.PD01[].PD01A.PD01AI04", To: "accounts.agreement_id", Only: revolver, Note: "joins credit_agreements.agreement_id (PD02AI03)"},
	{From: "PDA.PD01[].PD01A.PD01AJ01", To: "accounts.loan_amount", Only: "C1,D1,R4"},
	{From: "PDA.PD01[].PD01A.PD01AJ02", To: "accounts.credit_limit", Only: "R1,R2,R3"},
	{From: "PDA.PD01[].PD01A.PD01AJ03", To: "accounts.shared_credit_limit", Only: "R2,R3"},
	{From: "PDA.PD01[].PD01A.PD01AR01", To: "accounts.open_date"},
	{From: "PDA.PD01[].PD01A.PD01AR02", To: "accounts.maturity_date", Only: loans},
	{From: "PDA.PD01[].PD01A.PD01AS01", To: "accounts.repay_periods", Only: loans},
	// 最新表现信息 PD01B: the account's state when it has no monthly
	// performance (closed, bad debt, transferred …), else the latest record
	// after the monthly performance's cut-off date (截至…以后的最新还款记录).
	{From: "PDA.PD01[].PD01B.PD01BD01", To: "accounts.status", Codes: "accountStatus{type}"},
	{From: "PDA.PD01[].PD01B.PD01BD03", To: "accounts.five_class", Codes: "fiveClass", When: "!monthly", Only: loans},
	{From: "PDA.PD01[].PD01B.PD01BD03", To: "accounts.after_cutoff_five_class", Codes: "fiveClass", When: "monthly", Only: revolver},
	{From: "PDA.PD01[].PD01B.PD01BD04", To: "accounts.after_cutoff_repay_state", Only: revolver, Note: "the latest repayment state, with or without monthly performance"},
	{From: "PDA.PD01[].PD01B.PD01BJ01", To: "accounts.balance", When: "!monthly"},
	{From: "PDA.PD01[].PD01B.PD01BJ01", To: "accounts.after_cutoff_balance", When: "monthly", Only: revolver},
	{From: "PDA.PD01[].PD01B.PD01BJ02", To: "accounts.after_cutoff_repay_amount", Only: revolver, Note: "the latest repayment's amount"},
	{From: "PDA.PD01[].PD01B.PD01BR01", To: "accounts.closed_date"},
	{From: "PDA.PD01[].PD01B.PD01BR02", To: "accounts.latest_repay_date", When: "!monthly"},
	{From: "PDA.PD01[].PD01B.PD01BR02", To: "accounts.after_cutoff_repay_date", When: "monthly", Only: revolver},
	{From: "PDA.PD01[].PD01B.PD01BR03", To: "accounts.as_of_date", When: "!monthly"},
	{From: "PDA.PD01[].PD01B.PD01BR03", To: "accounts.latest_report_date", When: "monthly", Only: revolver},
	{From: "PDA.PD01[].PD01B.PD01BR04", To: "accounts.transfer_month", Only: "D1"},
	// 最近一次月度表现信息 PD01C
	{From: "PDA.PD01[].PD01C.PD01CD01", To: "accounts.status", Codes: "accountStatus{type}", Only: revolver},
	{From: "PDA.PD01[].PD01C.PD01CD02", To: "accounts.five_class", Codes: "fiveClass", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CJ01", To: "accounts.balance", Only: revolver, Note: "R3: the overdraft balance"},
	{From: "PDA.PD01[].PD01C.PD01CJ02", To: "accounts.used_amount", Only: "R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ03", To: "accounts.large_installment_unbilled", Only: "R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ04", To: "accounts.scheduled_payment", Only: "D1,R4,R1,R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ05", To: "accounts.actual_payment", Only: revolver},
	{From: "PDA.PD01[].PD01C.PD01CJ06", To: "accounts.overdue_amount", Only: "D1,R4,R1,R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ07", To: "accounts.overdue_31_60_principal", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CJ08", To: "accounts.overdue_61_90_principal", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CJ09", To: "accounts.overdue_91_180_principal", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CJ10", To: "accounts.overdue_180_plus_principal", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CJ11", To: "accounts.overdraft_180_unpaid", Only: "R3"},
	{From: "PDA.PD01[].PD01C.PD01CJ12", To: "accounts.avg_6m_used", Only: "R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ13", To: "accounts.avg_6m_overdraft", Only: "R3"},
	{From: "PDA.PD01[].PD01C.PD01CJ14", To: "accounts.max_used_amount", Only: "R2"},
	{From: "PDA.PD01[].PD01C.PD01CJ15", To: "accounts.max_overdraft", Only: "R3"},
	{From: "PDA.PD01[].PD01C.PD01CR01", To: "accounts.performance_month", Only: revolver},
	{From: "PDA.PD01[].PD01C.PD01CR02", To: "accounts.scheduled_pay_date", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CR02", To: "accounts.bill_date", Only: "R2,R3", Note: "本月应还款日 of a card is its statement date (账单日)"},
	{From: "PDA.PD01[].PD01C.PD01CR03", To: "accounts.latest_repay_date", Only: revolver},
	{From: "PDA.PD01[].PD01C.PD01CR04", To: "accounts.as_of_date", Only: revolver},
	{From: "PDA.PD01[].PD01C.PD01CS01", To: "accounts.remaining_periods", Only: loans},
	{From: "PDA.PD01[].PD01C.PD01CS01", To: "accounts.remaining_installments", Only: "R2"},
	{From: "PDA.PD01[].PD01C.PD01CS02", To: "accounts.overdue_periods", Only: "D1,R4,R1,R2"},
	// 近24个月 / 近60个月还款记录 PD01D, PD01E: one grid
	{From: "PDA.PD01[].PD01D.PD01DH[].PD01DR03", To: "year", Handler: "grid", Note: "YYYY-MM: year and month"},
	{From: "PDA.PD01[].PD01D.PD01DH[].PD01DR03", To: "month[].monthValue", Handler: "grid"},
	{From: "PDA.PD01[].PD01D.PD01DH[].PD01DD01", To: "month[].state", Handler: "grid"},
	{From: "PDA.PD01[].PD01E.PD01EH[].PD01ER03", To: "year", Handler: "grid"},
	{From: "PDA.PD01[].PD01E.PD01EH[].PD01ER03", To: "month[].monthValue", Handler: "grid"},
	{From: "PDA.PD01[].PD01E.PD01EH[].PD01ED01", To: "month[].state", Handler: "grid"},
	{From: "PDA.PD01[].PD01E.PD01EH[].PD01EJ01", To: "month[].amount", Handler: "grid"},
	{From: "PDA.PD01[].PD01E.PD01ER01", To: "accounts.repay_record_range", Handler: "range", Only: revolver, Note: "'YYYY年MM月-YYYY年MM月' (as the OCR answer prints it): the first and last month of the 60-month record"},
	{From: "PDA.PD01[].PD01E.PD01ER02", To: "accounts.repay_record_range", Handler: "range", Only: revolver},
	// 特殊交易 PD01F, 特殊事件 PD01G, 大额专项分期 PD01H
	{From: "PDA.PD01[].PD01F.PD01FH[].PD01FD01", To: "account_special_trans.trans_type", Codes: "specialTrans"},
	{From: "PDA.PD01[].PD01F.PD01FH[].PD01FR01", To: "account_special_trans.occur_date"},
	{From: "PDA.PD01[].PD01F.PD01FH[].PD01FS02", To: "account_special_trans.change_months"},
	{From: "PDA.PD01[].PD01F.PD01FH[].PD01FJ01", To: "account_special_trans.amount"},
	{From: "PDA.PD01[].PD01F.PD01FH[].PD01FQ01", To: "account_special_trans.detail"},
	{From: "PDA.PD01[].PD01G.PD01GH[].PD01GD01", To: "accounts.special_event", Codes: "specialEvent", Handler: "events"},
	{From: "PDA.PD01[].PD01G.PD01GH[].PD01GR01", To: "accounts.special_event", Handler: "events"},
	{From: "PDA.PD01[].PD01H.PD01HH[].PD01HJ01", To: "accounts.large_installment_limit"},
	{From: "PDA.PD01[].PD01H.PD01HH[].PD01HJ02", To: "accounts.large_installment_used"},
	{From: "PDA.PD01[].PD01H.PD01HH[].PD01HR01", To: "accounts.large_installment_effective_date"},
	{From: "PDA.PD01[].PD01H.PD01HH[].PD01HR02", To: "accounts.large_installment_due_date"},

	// 授信协议 (PCA.PD02)
	{From: "PCA.PD02[].PD02A.PD02AD01", To: "credit_agreements.institution_kind", Codes: "institutionType", InstitutionType: true},
	{From: "PCA.PD02[].PD02A.PD02AD02", To: "credit_agreements.purpose", Codes: "agreementPurpose"},
	{From: "PCA.PD02[].PD02A.PD02AD03", To: "credit_agreements.currency", Codes: "currency"},
	{From: "PCA.PD02[].PD02A.PD02AD04", To: "credit_agreements.agreement_status", Codes: "agreementStatus"},
	{From: "PCA.PD02[].PD02A.PD02AI01", To: "credit_agreements.agreement_label", Note: "授信协议编号"},
	{From: "PCA.PD02[].PD02A.PD02AI02", To: "credit_agreements.institution"},
	{From: "PCA.PD02[].PD02A.PD02AI03", To: "credit_agreements.agreement_id", Note: "授信协议标识 (accounts.agreement_id)"},
	{From: "PCA.PD02[].PD02A.PD02AI04", To: "credit_agreements.credit_limit_id"},
	{From: "PCA.PD02[].PD02A.PD02AJ01", To: "credit_agreements.credit_amount"},
	{From: "PCA.PD02[].PD02A.PD02AJ03", To: "credit_agreements.credit_limit_amount"},
	{From: "PCA.PD02[].PD02A.PD02AJ04", To: "credit_agreements.used_amount"},
	{From: "PCA.PD02[].PD02A.PD02AR01", To: "credit_agreements.effective_date"},
	{From: "PCA.PD02[].PD02A.PD02AR02", To: "credit_agreements.maturity_date"},

	// 相关还款责任 (PCR.PD03)
	{From: "PCR.PD03[].PD03A.PD03AD01", To: "guarantees.institution_kind", Codes: "institutionType", InstitutionType: true},
	{From: "PCR.PD03[].PD03A.PD03AD02", To: "guarantees.business_type", Codes: "business", Only: "person"},
	{From: "PCR.PD03[].PD03A.PD03AD02", To: "guarantees.business_type", Codes: "companyBusiness", Only: "company"},
	{From: "PCR.PD03[].PD03A.PD03AD03", To: "guarantees.duty_type", Codes: "dutyType"},
	{From: "PCR.PD03[].PD03A.PD03AD04", To: "guarantees.currency", Codes: "currency"},
	{From: "PCR.PD03[].PD03A.PD03AD05", To: "guarantees.five_class", Codes: "fiveClass"},
	{From: "PCR.PD03[].PD03A.PD03AD06", To: "guarantees.guaranteed_account_type", Codes: "accountType"},
	{From: "PCR.PD03[].PD03A.PD03AD07", To: "guarantees.repay_state"},
	{From: "PCR.PD03[].PD03A.PD03AD08", To: "guarantees.kind", Handler: "route", Note: "1 自然人 → person, 2 组织机构 → company"},
	{From: "PCR.PD03[].PD03A.PD03AJ01", To: "guarantees.duty_amount"},
	{From: "PCR.PD03[].PD03A.PD03AJ02", To: "guarantees.balance"},
	{From: "PCR.PD03[].PD03A.PD03AQ01", To: "guarantees.institution"},
	{From: "PCR.PD03[].PD03A.PD03AQ02", To: "guarantees.contract_number"},
	{From: "PCR.PD03[].PD03A.PD03AR01", To: "guarantees.open_date"},
	{From: "PCR.PD03[].PD03A.PD03AR02", To: "guarantees.maturity_date"},
	{From: "PCR.PD03[].PD03A.PD03AR03", To: "guarantees.as_of_date"},
	{From: "PCR.PD03[].PD03A.PD03AS01", To: "guarantees.overdue_months"},

	// 非信贷交易明细 (PND.PE01)
	{From: "PND.PE01[].PE01A.PE01AD01", To: "postpaid_accounts.postpaid_kind", Codes: "postpaidKind", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AD02", To: "postpaid_accounts.business_type", Codes: "postpaidBusiness", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AD03", To: "postpaid_accounts.pay_status", Codes: "postpaidStatus", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AJ01", To: "postpaid_accounts.arrears_amount", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AQ01", To: "postpaid_accounts.institution", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AQ02", To: "refundRecord.detail[].month[].state", Handler: "postpaidGrid",
		Note: notSeen + "; one state a character, the last for 记账年月 (PE01AR02), the first 23 months earlier"},
	{From: "PND.PE01[].PE01A.PE01AR01", To: "postpaid_accounts.open_date", Note: notSeen},
	{From: "PND.PE01[].PE01A.PE01AR02", To: "postpaid_accounts.accounting_month", Note: notSeen},

	// 公共信息明细 (POT, PCJ, PCE, PAP, PHF, PBS, PPQ, PAH)
	{From: "POT.PF01[].PF01A.PF01AJ01", To: "tax_arrears.amount", Note: notSeen},
	{From: "POT.PF01[].PF01A.PF01AQ01", To: "tax_arrears.tax_office", Note: notSeen},
	{From: "POT.PF01[].PF01A.PF01AR01", To: "tax_arrears.stat_date", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AD01", To: "civil_judgments.closing_type", Codes: "closingType", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AJ01", To: "civil_judgments.subject_amount", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AQ01", To: "civil_judgments.court", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AQ02", To: "civil_judgments.cause", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AQ03", To: "civil_judgments.result", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AQ04", To: "civil_judgments.subject", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AR01", To: "civil_judgments.filing_date", Note: notSeen},
	{From: "PCJ.PF02[].PF02A.PF02AR02", To: "civil_judgments.effective_date", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AD01", To: "enforcements.closing_type", Codes: "closingType", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AJ01", To: "enforcements.applied_amount", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AJ02", To: "enforcements.executed_amount", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AQ01", To: "enforcements.court", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AQ02", To: "enforcements.cause", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AQ03", To: "enforcements.case_status", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AQ04", To: "enforcements.applied_subject", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AQ05", To: "enforcements.executed_subject", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AR01", To: "enforcements.filing_date", Note: notSeen},
	{From: "PCE.PF03[].PF03A.PF03AR02", To: "enforcements.closing_date", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AJ01", To: "admin_penalties.amount", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AQ01", To: "admin_penalties.org", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AQ02", To: "admin_penalties.content", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AQ03", To: "admin_penalties.review_result", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AR01", To: "admin_penalties.effective_date", Note: notSeen},
	{From: "PAP.PF04[].PF04A.PF04AR02", To: "admin_penalties.end_date", Note: notSeen},
	{From: "PHF.PF05[].PF05A.PF05AD01", To: "housing_fund.status", Codes: "housingFundStatus"},
	{From: "PHF.PF05[].PF05A.PF05AJ01", To: "housing_fund.monthly_amount"},
	{From: "PHF.PF05[].PF05A.PF05AQ01", To: "housing_fund.place"},
	{From: "PHF.PF05[].PF05A.PF05AQ02", To: "housing_fund.personal_rate_pct"},
	{From: "PHF.PF05[].PF05A.PF05AQ03", To: "housing_fund.employer_rate_pct"},
	{From: "PHF.PF05[].PF05A.PF05AQ04", To: "housing_fund.employer"},
	{From: "PHF.PF05[].PF05A.PF05AR01", To: "housing_fund.join_date"},
	{From: "PHF.PF05[].PF05A.PF05AR02", To: "housing_fund.first_month"},
	{From: "PHF.PF05[].PF05A.PF05AR03", To: "housing_fund.paid_to_month"},
	{From: "PHF.PF05[].PF05A.PF05AR04", To: "housing_fund.updated_at"},
	{From: "PBS.PF06[].PF06A.PF06AD01", To: "social_assistance.person_type", Codes: "aidPersonType", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AQ01", To: "social_assistance.place", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AQ02", To: "social_assistance.employer", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AQ03", To: "social_assistance.family_monthly_income", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AR01", To: "social_assistance.apply_date", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AR02", To: "social_assistance.approve_date", Note: notSeen},
	{From: "PBS.PF06[].PF06A.PF06AR03", To: "social_assistance.updated_at", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AD01", To: "qualifications.level", Codes: "qualificationLevel", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AD02", To: "qualifications.issuer_place", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AQ01", To: "qualifications.name", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AQ02", To: "qualifications.issuer", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AR01", To: "qualifications.obtained_date", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AR02", To: "qualifications.expiry_date", Note: notSeen},
	{From: "PPQ.PF07[].PF07A.PF07AR03", To: "qualifications.revoked_date", Note: notSeen},
	{From: "PAH.PF08[].PF08A.PF08AQ01", To: "admin_rewards.org", Note: notSeen},
	{From: "PAH.PF08[].PF08A.PF08AQ02", To: "admin_rewards.content", Note: notSeen},
	{From: "PAH.PF08[].PF08A.PF08AR01", To: "admin_rewards.effective_date", Note: notSeen},
	{From: "PAH.PF08[].PF08A.PF08AR02", To: "admin_rewards.end_date", Note: notSeen},

	// 查询记录 (POQ.PH01)
	{From: "POQ.PH01[].PH010D01", To: "queries.institution_kind", Codes: "institutionType", InstitutionType: true},
	{From: "POQ.PH01[].PH010Q02", To: "queries.institution"},
	{From: "POQ.PH01[].PH010Q03", To: "queries.reason", Codes: "queryReason"},
	{From: "POQ.PH01[].PH010R01", To: "queries.query_date"},
}

const (
	recount   = "a count of the rows of the list beside it; the rows themselves are loaded"
	noteCodes = "the note type list (标注及声明类型) is not in the reference material: the notes are kept verbatim in unknown_fields rather than guessed into a kind"
)

var interfaceIgnored = []InterfaceIgnore{
	{From: "PRH.PA01.PA01C.PA01CS01", Reason: recount},
	{From: "PSM.PC01.PC010S01", Reason: "the number of score notes (分数说明条数); the note is loaded"},
	{From: "PIM.PB01.PB01B.PB01BS01", Reason: recount},
	{From: "PCO.PC02.PC02A.PC02AS02", Reason: recount},
	{From: "PCO.PC02.PC02B.PC02BS02", Reason: recount},
	{From: "PCO.PC02.PC02D.PC02DS01", Reason: recount},
	{From: "PCO.PC02.PC02K.PC02KS01", Reason: recount},
	{From: "PNO.PC03.PC030S01", Reason: recount},
	{From: "PPO.PC04.PC040S01", Reason: recount},
	{From: "PDA.PD01[].PD01D.PD01DR01", Reason: "the first month of the 24-month window (24 months before PD01DR02); its months are in the grid"},
	{From: "PDA.PD01[].PD01D.PD01DR02", Reason: "the last month of the 24-month window; its months are in the grid"},
	{From: "PDA.PD01[].PD01E.PD01ES01", Reason: "the number of months of the 60-month record; the months are in the grid"},
	{From: "PDA.PD01[].PD01F.PD01FS01", Reason: recount},
	{From: "PDA.PD01[].PD01G.PD01GS01", Reason: recount},
	{From: "PDA.PD01[].PD01H.PD01HS01", Reason: recount},
	{From: "PDA.PD01[].PD01Z", Reason: noteCodes, Keep: true},
	{From: "PCA.PD02[].PD02Z", Reason: noteCodes, Keep: true},
	{From: "PCR.PD03[].PD03Z", Reason: noteCodes, Keep: true},
	{From: "PND.PE01[].PE01Z", Reason: noteCodes, Keep: true},
	{From: "POT.PF01[].PF01Z", Reason: noteCodes, Keep: true},
	{From: "PCJ.PF02[].PF02Z", Reason: noteCodes, Keep: true},
	{From: "PCE.PF03[].PF03Z", Reason: noteCodes, Keep: true},
	{From: "PAP.PF04[].PF04Z", Reason: noteCodes, Keep: true},
	{From: "PHF.PF05[].PF05Z", Reason: noteCodes, Keep: true},
	{From: "PBS.PF06[].PF06Z", Reason: noteCodes, Keep: true},
	{From: "PPQ.PF07[].PF07Z", Reason: noteCodes, Keep: true},
	{From: "PAH.PF08[].PF08Z", Reason: noteCodes, Keep: true},
	{From: "POS", Reason: "标注及声明 (PG01): " + noteCodes, Keep: true},
}

// InterfaceLists, InterfaceRules and InterfaceIgnored are the mapping
// tables (do not modify them).
func InterfaceLists() []InterfaceList     { return interfaceLists }
func InterfaceRules() []InterfaceRule     { return interfaceRules }
func InterfaceIgnored() []InterfaceIgnore { return interfaceIgnored }
