package schema

// Interface-only fields: values a PBOC interface report carries that the OCR
// answer has no key for. Each OCR object type that needs some embeds one of
// these structs in a field tagged `json:"-" pboc:"pboc"`: the OCR decoder
// never binds it (an OCR answer cannot make such a key "known"), the
// dictionary lists its leaves as interface-only (they are not among the
// seed's 517 paths), and the flattener reads them like any other leaf. A
// leaf whose column the OCR answer also feeds lands in that column; the
// others add columns of their own, after the OCR-fed columns of the table.
//
// Only what some interface field needs is here: see interface_map.go for
// which interface code lands in which of these.

// PBOCReport is interface-only header data (reports).
type PBOCReport struct {
	ObjectionCount Scalar `json:"objectionCount,omitzero" col:"objection_count" kind:"count" label:"异议标注数目"`
	Meta           `json:"-"`
}

// PBOCAntiFraud is the anti-fraud warning's contact phone, which the OCR
// answer prints inside the warning's text.
type PBOCAntiFraud struct {
	Phone Scalar `json:"phone,omitzero" col:"anti_fraud_phone" label:"防欺诈警示联系电话"`
	Meta  `json:"-"`
}

// PBOCSummary is interface-only summary data (report_summary): the credit
// score section (数字解读) and the type of the last querying institution.
type PBOCSummary struct {
	Score            Scalar `json:"score,omitzero" col:"credit_score" kind:"count" label:"数字解读"`
	ScorePosition    Scalar `json:"scorePosition,omitzero" col:"credit_score_position" label:"相对位置"`
	ScoreNote        Scalar `json:"scoreNote,omitzero" col:"credit_score_note" label:"分数说明"`
	LastQueryOrgKind Scalar `json:"lastQueryOrgKind,omitzero" col:"last_query_org_kind" label:"上一次查询机构类型"`
	Meta             `json:"-"`
}

// PBOCEmployment is interface-only employment data.
type PBOCEmployment struct {
	EmploymentStatus Scalar `json:"employmentStatus,omitzero" col:"employment_status" label:"就业状况"`
	Meta             `json:"-"`
}

// PBOCOrg is the official institution type's name, for records that have an
// institution (queries, credit agreements).
type PBOCOrg struct {
	InstitutionKind Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	Meta            `json:"-"`
}

// PBOCAgreement is interface-only credit agreement data.
type PBOCAgreement struct {
	InstitutionKind Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	Status          Scalar `json:"status,omitzero" col:"agreement_status" label:"授信协议状态"`
	Meta            `json:"-"`
}

// PBOCGuarantee is interface-only data of a repayment duty; OverdueMonths
// and RepayState fill the column the other borrower kind has.
type PBOCGuarantee struct {
	InstitutionKind Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	AccountType     Scalar `json:"accountType,omitzero" col:"guaranteed_account_type" label:"账户类型"`
	OverdueMonths   Scalar `json:"overdueMonths,omitzero" col:"overdue_months" kind:"count" label:"逾期月数"`
	RepayState      Scalar `json:"repayState,omitzero" col:"repay_state" label:"还款状态"`
	Meta            `json:"-"`
}

// PBOCPostpaid is interface-only post-paid account data.
type PBOCPostpaid struct {
	Kind Scalar `json:"kind,omitzero" col:"postpaid_kind" label:"后付费账户类型"`
	Meta `json:"-"`
}

// The account types: what every type lacks (agreement id, the month of the
// monthly performance, the report date of the latest performance, the
// institution type's name), plus what one type lacks that another has.

// PBOCAccountC1 is interface-only data of a C1 account.
type PBOCAccountC1 struct {
	InstitutionKind Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	Meta            `json:"-"`
}

// PBOCAccountD1 is interface-only data of a D1 account.
type PBOCAccountD1 struct {
	AgreementID      Scalar `json:"agreementId,omitzero" col:"agreement_id" label:"授信协议标识"`
	LoanForm         Scalar `json:"loanForm,omitzero" col:"loan_form" label:"贷款发放形式"`
	PerformanceMonth Scalar `json:"performanceMonth,omitzero" col:"performance_month" kind:"month" label:"月度表现月份"`
	LatestReportDate Scalar `json:"latestReportDate,omitzero" col:"latest_report_date" kind:"date" label:"最新表现信息报告日期"`
	InstitutionKind  Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	SpecialEvent     Scalar `json:"specialEvent,omitzero" col:"special_event" label:"特殊事件说明"`
	Meta             `json:"-"`
}

// PBOCAccountR4 is interface-only data of an R4 account.
type PBOCAccountR4 struct {
	AgreementID       Scalar         `json:"agreementId,omitzero" col:"agreement_id" label:"授信协议标识"`
	LoanForm          Scalar         `json:"loanForm,omitzero" col:"loan_form" label:"贷款发放形式"`
	PerformanceMonth  Scalar         `json:"performanceMonth,omitzero" col:"performance_month" kind:"month" label:"月度表现月份"`
	LatestReportDate  Scalar         `json:"latestReportDate,omitzero" col:"latest_report_date" kind:"date" label:"最新表现信息报告日期"`
	InstitutionKind   Scalar         `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	ClosedDate        Scalar         `json:"closedDate,omitzero" col:"closed_date" kind:"date" label:"账户关闭日期"`
	Latest            AfterCutoff    `json:"latest,omitzero"`
	SpecialTransTypes []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	Meta              `json:"-"`
}

// PBOCAccountR1 is interface-only data of an R1 account.
type PBOCAccountR1 struct {
	AgreementID       Scalar         `json:"agreementId,omitzero" col:"agreement_id" label:"授信协议标识"`
	LoanForm          Scalar         `json:"loanForm,omitzero" col:"loan_form" label:"贷款发放形式"`
	PerformanceMonth  Scalar         `json:"performanceMonth,omitzero" col:"performance_month" kind:"month" label:"月度表现月份"`
	LatestReportDate  Scalar         `json:"latestReportDate,omitzero" col:"latest_report_date" kind:"date" label:"最新表现信息报告日期"`
	InstitutionKind   Scalar         `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	Latest            AfterCutoff    `json:"latest,omitzero"`
	SpecialTransTypes []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	Meta              `json:"-"`
}

// PBOCAccountR2 is interface-only data of an R2 account.
type PBOCAccountR2 struct {
	AgreementID      Scalar `json:"agreementId,omitzero" col:"agreement_id" label:"授信协议标识"`
	PerformanceMonth Scalar `json:"performanceMonth,omitzero" col:"performance_month" kind:"month" label:"月度表现月份"`
	LatestReportDate Scalar `json:"latestReportDate,omitzero" col:"latest_report_date" kind:"date" label:"最新表现信息报告日期"`
	InstitutionKind  Scalar `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	Meta             `json:"-"`
}

// PBOCAccountR3 is interface-only data of an R3 account.
type PBOCAccountR3 struct {
	AgreementID      Scalar      `json:"agreementId,omitzero" col:"agreement_id" label:"授信协议标识"`
	PerformanceMonth Scalar      `json:"performanceMonth,omitzero" col:"performance_month" kind:"month" label:"月度表现月份"`
	LatestReportDate Scalar      `json:"latestReportDate,omitzero" col:"latest_report_date" kind:"date" label:"最新表现信息报告日期"`
	InstitutionKind  Scalar      `json:"institutionKind,omitzero" col:"institution_kind" label:"机构类型"`
	BusinessType     Scalar      `json:"businessType,omitzero" col:"business_type" label:"业务种类"`
	ClosedDate       Scalar      `json:"closedDate,omitzero" col:"closed_date" kind:"date" label:"账户关闭日期"`
	Latest           AfterCutoff `json:"latest,omitzero"`
	Meta             `json:"-"`
}
