package schema

// The Go types of one credit_reportV2 answer. Field order follows
// response-example.json: where several state sub-objects feed one column, the
// first non-empty value in this order wins (CONTRACT section 4).
//
// Tags:
//   json:  the key in the answer.
//   col:   the column a leaf fills; "@" stands for the prefix set by an
//          enclosing struct field's col tag.
//   kind:  how the text is typed (see Kind); text when absent.
//   table: on a slice, the table its elements become (one row each); on a
//          struct, a one-row table of its own (report_summary).
//   const: on a slice, constant columns of its rows, "col=value[,col=value]".
//   grid:  on a slice of GridYear/PostpaidGridYear, a repayment grid: the
//          year blocks and their months become one row per month.
//   label: the Chinese label, where the seed's text is a description.

// Report is one OCR answer: a PBOC second-generation personal credit report.
type Report struct {
	CreditHeader             CreditHeader          `json:"creditHeader,omitzero"`
	PersonBasicInfo          PersonBasicInfo       `json:"personBasicInfo,omitzero"`
	InfoSummary              InfoSummary           `json:"infoSummary,omitzero" table:"report_summary"`
	CreditTransInfoDetail    CreditTransInfoDetail `json:"creditTransInfoDetail,omitzero"`
	NoncreditTransInfoDetail []PostpaidAccount     `json:"noncreditTransInfoDetail,omitzero" table:"postpaid_accounts"`
	PublicInfoDetail         PublicInfoDetail      `json:"publicInfoDetail,omitzero"`
	SelfDeclare              []SelfDeclaration     `json:"selfDeclare,omitzero" table:"declarations"`
	ObjectionLabel           []ObjectionLabel      `json:"objectionLabel,omitzero" table:"objections"`
	QueryRecord              QueryRecord           `json:"queryRecord,omitzero"`
	Meta                     `json:"-"`

	PBOC PBOCReport `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// CreditHeader is the report header (报告头).
type CreditHeader struct {
	SerialNo      Scalar       `json:"serialNo,omitzero" col:"serial_no"`
	ReportTime    Scalar       `json:"reportTime,omitzero" col:"report_time" kind:"timestamp"`
	WhoWasChecked Scalar       `json:"whoWasChecked,omitzero" col:"name"`
	IDType        Scalar       `json:"idType,omitzero" col:"id_type"`
	IDNum         Scalar       `json:"idNum,omitzero" col:"id_number"`
	Organization  Scalar       `json:"organization,omitzero" col:"query_org"`
	Reason        Scalar       `json:"reason,omitzero" col:"query_reason"`
	OtherIDInfo   []OtherID    `json:"otherIdInfo,omitzero" table:"other_ids"`
	AntiHackInfo  AntiHackInfo `json:"antiHackInfo,omitzero"`
	ObjectionInfo Scalar       `json:"objectionInfo,omitzero" col:"objection_info"`
	Meta          `json:"-"`
}

// OtherID is another identity document of the subject (其他证件信息).
type OtherID struct {
	Type  Scalar `json:"type,omitzero" col:"id_type" label:"证件类型"`
	IDNum Scalar `json:"idNum,omitzero" col:"id_number"`
	Meta  `json:"-"`
}

// AntiHackInfo is the anti-fraud warning (防欺诈警示).
type AntiHackInfo struct {
	WarningInfo Scalar `json:"warningInfo,omitzero" col:"anti_fraud_warning"`
	EffectDate  Scalar `json:"effectDate,omitzero" col:"anti_fraud_effect_date" kind:"date"`
	DueDate     Scalar `json:"dueDate,omitzero" col:"anti_fraud_due_date" kind:"date"`
	Meta        `json:"-"`

	PBOC PBOCAntiFraud `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// PersonBasicInfo is part one of the report (个人基本信息).
type PersonBasicInfo struct {
	PersonInfo    PersonInfo    `json:"personInfo,omitzero"`
	ConnubialInfo ConnubialInfo `json:"connubialInfo,omitzero"`
	LivedInfos    []Residence   `json:"livedInfos,omitzero" table:"residences"`
	Experiences   []Employment  `json:"experiences,omitzero" table:"employments"`
	Meta          `json:"-"`
}

// PersonInfo is the identity section (身份信息).
type PersonInfo struct {
	Gender        SourcedText `json:"gender,omitzero" col:"gender"`
	Birthday      SourcedDate `json:"birthday,omitzero" col:"birth_date"`
	IsMarried     SourcedText `json:"isMarried,omitzero" col:"marital_status"`
	Mobile        []Phone     `json:"mobile,omitzero" table:"phones"`
	Education     SourcedText `json:"education,omitzero" col:"education"`
	Qualification SourcedText `json:"qualification,omitzero" col:"degree"`
	PostAddr      SourcedText `json:"postAddr,omitzero" col:"postal_address"`
	RegisterAddr  SourcedText `json:"registerAddr,omitzero" col:"registered_address"`
	Country       SourcedText `json:"country,omitzero" col:"nationality"`
	Job           SourcedText `json:"job,omitzero" col:"employment_status"`
	Email         SourcedText `json:"email,omitzero" col:"email"`
	Meta          `json:"-"`
}

// SourcedText is a text value with the institution that reported it.
type SourcedText struct {
	Value        Scalar `json:"value,omitzero" col:"@"`
	Organization Scalar `json:"organization,omitzero" col:"@_org"`
	Meta         `json:"-"`
}

// SourcedDate is a date value with the institution that reported it.
type SourcedDate struct {
	Value        Scalar `json:"value,omitzero" col:"@" kind:"date"`
	Organization Scalar `json:"organization,omitzero" col:"@_org"`
	Meta         `json:"-"`
}

// Phone is one mobile number (手机号码).
type Phone struct {
	No           Scalar `json:"no,omitzero" col:"no"`
	Mobile       Scalar `json:"mobile,omitzero" col:"phone"`
	UpdateAt     Scalar `json:"updateAt,omitzero" col:"updated_at" kind:"date"`
	Organization Scalar `json:"organization,omitzero" col:"org"`
	Meta         `json:"-"`
}

// ConnubialInfo is the spouse section (配偶信息).
type ConnubialInfo struct {
	Name         Scalar `json:"name,omitzero" col:"spouse_name" label:"配偶姓名"`
	IDType       Scalar `json:"idType,omitzero" col:"spouse_id_type" label:"配偶证件类型"`
	IDNum        Scalar `json:"idNum,omitzero" col:"spouse_id_number" label:"配偶证件号码"`
	Company      Scalar `json:"company,omitzero" col:"spouse_employer" label:"配偶工作单位"`
	Tel          Scalar `json:"tel,omitzero" col:"spouse_phone" label:"配偶联系电话"`
	Organization Scalar `json:"organization,omitzero" col:"spouse_org"`
	Meta         `json:"-"`
}

// Residence is one address (居住信息).
type Residence struct {
	No           Scalar `json:"no,omitzero" col:"no"`
	Address      Scalar `json:"address,omitzero" col:"address"`
	Status       Scalar `json:"status,omitzero" col:"residence_status"`
	HomeTel      Scalar `json:"homeTel,omitzero" col:"home_phone"`
	UpdateAt     Scalar `json:"updateAt,omitzero" col:"updated_at" kind:"date"`
	Organization Scalar `json:"organization,omitzero" col:"org"`
	Meta         `json:"-"`
}

// Employment is one employer (职业信息).
type Employment struct {
	No               Scalar `json:"no,omitzero" col:"no"`
	Company          Scalar `json:"company,omitzero" col:"employer"`
	Address          Scalar `json:"address,omitzero" col:"employer_address"`
	OfficeTel        Scalar `json:"officeTel,omitzero" col:"employer_phone"`
	CompanyCharacter Scalar `json:"companyCharacter,omitzero" col:"employer_type"`
	JobNature        Scalar `json:"jobNature,omitzero" col:"occupation"`
	Industry         Scalar `json:"industry,omitzero" col:"industry"`
	Title            Scalar `json:"title,omitzero" col:"position"`
	Level            Scalar `json:"level,omitzero" col:"professional_title"`
	StartedAt        Scalar `json:"startedAt,omitzero" col:"start_year" kind:"year"`
	UpdateAt         Scalar `json:"updateAt,omitzero" col:"updated_at" kind:"date"`
	Organization     Scalar `json:"organization,omitzero" col:"org"`
	Meta             `json:"-"`

	PBOC PBOCEmployment `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// InfoSummary is part two of the report (信息概要); it is one row of
// report_summary, its lists are tables of their own.
type InfoSummary struct {
	CreditTransInfoHint                CreditTransInfoHint                `json:"creditTransInfoHint,omitzero"`
	CreditTransBreachInfoSummary       CreditTransBreachInfoSummary       `json:"creditTransBreachInfoSummary,omitzero"`
	CreditTransExtensionAndDebtSummary CreditTransExtensionAndDebtSummary `json:"creditTransExtensionAndDebtSummary,omitzero"`
	NoncreditTransInfoSummary          []PostpaidSummary                  `json:"noncreditTransInfoSummary,omitzero" table:"summary_postpaid"`
	PublicInfoSummary                  []PublicSummary                    `json:"publicInfoSummary,omitzero" table:"summary_public"`
	QueryRecordSummary                 QueryRecordSummary                 `json:"queryRecordSummary,omitzero"`
	Meta                               `json:"-"`

	PBOC PBOCSummary `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// CreditTransInfoHint is 信贷交易信息提示.
type CreditTransInfoHint struct {
	TotalAccountNum Scalar           `json:"totalAccountNum,omitzero" col:"credit_accounts_total" kind:"count"`
	Detail          CreditHintDetail `json:"detail,omitzero"`
	Meta            `json:"-"`
}

// CreditHintDetail groups the hint rows by category.
type CreditHintDetail struct {
	Loan       []CreditHint `json:"loan,omitzero" table:"summary_credit_hints" const:"category=loan"`
	CreditCard []CreditHint `json:"creditCard,omitzero" table:"summary_credit_hints" const:"category=credit_card"`
	Others     []CreditHint `json:"others,omitzero" table:"summary_credit_hints" const:"category=other"`
	Meta       `json:"-"`
}

// CreditHint is one business type line of 信贷交易信息提示.
type CreditHint struct {
	Type       Scalar `json:"type,omitzero" col:"business_type"`
	AccountNum Scalar `json:"accountNum,omitzero" col:"accounts" kind:"count"`
	FirstGotAt Scalar `json:"firstGotAt,omitzero" col:"first_month" kind:"month"`
	Meta       `json:"-"`
}

// CreditTransBreachInfoSummary is 信贷交易违约信息概要.
type CreditTransBreachInfoSummary struct {
	RecourseInfoSummary   RecourseInfoSummary `json:"recourseInfoSummary,omitzero"`
	BadDebtsSummary       BadDebtsSummary     `json:"badDebtsSummary,omitzero"`
	OverdueInfoCollection []OverdueSummary    `json:"overdueInfoCollection,omitzero" table:"summary_overdue"`
	Meta                  `json:"-"`
}

// RecourseInfoSummary is 被追偿信息汇总.
type RecourseInfoSummary struct {
	TotalAccountNum Scalar            `json:"totalAccountNum,omitzero" col:"recovery_accounts" kind:"count"`
	SurplusAmount   Scalar            `json:"surplusAmount,omitzero" col:"recovery_balance" kind:"money"`
	Detail          []RecourseSummary `json:"detail,omitzero" table:"summary_recovery"`
	Meta            `json:"-"`
}

// RecourseSummary is one business type of 被追偿信息汇总.
type RecourseSummary struct {
	Type          Scalar `json:"type,omitzero" col:"business_type"`
	AccountNum    Scalar `json:"accountNum,omitzero" col:"accounts" kind:"count"`
	SurplusAmount Scalar `json:"surplusAmount,omitzero" col:"balance" kind:"money"`
	Meta          `json:"-"`
}

// BadDebtsSummary is 呆账信息汇总.
type BadDebtsSummary struct {
	AccountNum    Scalar `json:"accountNum,omitzero" col:"bad_debt_accounts" kind:"count"`
	SurplusAmount Scalar `json:"surplusAmount,omitzero" col:"bad_debt_balance" kind:"money"`
	Meta          `json:"-"`
}

// OverdueSummary is one account type of 逾期（透支）信息汇总.
type OverdueSummary struct {
	Type               Scalar `json:"type,omitzero" col:"account_type_name"`
	AccountNum         Scalar `json:"accountNum,omitzero" col:"accounts" kind:"count"`
	MonthNum           Scalar `json:"monthNum,omitzero" col:"overdue_months" kind:"count"`
	MaxAmountPerMonth  Scalar `json:"maxAmountPerMonth,omitzero" col:"max_monthly_overdue_amount" kind:"money"`
	MaxOverdueMonthNum Scalar `json:"maxOverdueMonthNum,omitzero" col:"max_overdue_months" kind:"count"`
	Meta               `json:"-"`
}

// CreditTransExtensionAndDebtSummary is 信贷交易授信及负债信息概要.
type CreditTransExtensionAndDebtSummary struct {
	AcyclicLoanAccountInfoSummary    LoanSummary          `json:"acyclicLoanAccountInfoSummary,omitzero" col:"d1"`
	CyclicalAmountAccountInfoSummary LoanSummary          `json:"cyclicalAmountAccountInfoSummary,omitzero" col:"r4"`
	CyclicalLoanAccountInfoSummary   LoanSummary          `json:"cyclicalLoanAccountInfoSummary,omitzero" col:"r1"`
	CreditAccountInfoSummary         CardSummary          `json:"creditAccountInfoSummary,omitzero" col:"r2"`
	QuasiCreditAccountInfoSummary    QuasiCardSummary     `json:"quasiCreditAccountInfoSummary,omitzero" col:"r3"`
	ConcernedRefundDutyInfoSummary   RefundDutySummaryAll `json:"concernedRefundDutyInfoSummary,omitzero"`
	Meta                             `json:"-"`
}

// LoanSummary summarises one loan account type (D1, R4 or R1).
type LoanSummary struct {
	ManageCompanyNum Scalar `json:"manageCompanyNum,omitzero" col:"@_orgs" kind:"count"`
	AccountNum       Scalar `json:"accountNum,omitzero" col:"@_accounts" kind:"count"`
	ExtensionAmount  Scalar `json:"extensionAmount,omitzero" col:"@_credit_total" kind:"money"`
	SurplusAmount    Scalar `json:"surplusAmount,omitzero" col:"@_balance" kind:"money"`
	Avg6monthPay     Scalar `json:"avg6monthPay,omitzero" col:"@_avg6m_payment" kind:"money"`
	Meta             `json:"-"`
}

// CardSummary summarises credit cards (R2).
type CardSummary struct {
	CompanyNum          Scalar `json:"companyNum,omitzero" col:"@_orgs" kind:"count"`
	AccountNum          Scalar `json:"accountNum,omitzero" col:"@_accounts" kind:"count"`
	ExtensionAmount     Scalar `json:"extensionAmount,omitzero" col:"@_credit_total" kind:"money"`
	MaxAmountPerCompany Scalar `json:"maxAmountPerCompany,omitzero" col:"@_max_limit_per_org" kind:"money"`
	MinAmountPerCompany Scalar `json:"minAmountPerCompany,omitzero" col:"@_min_limit_per_org" kind:"money"`
	UsedAmount          Scalar `json:"usedAmount,omitzero" col:"@_used" kind:"money"`
	Avg6monthUsedAmount Scalar `json:"avg6monthUsedAmount,omitzero" col:"@_avg6m_used" kind:"money"`
	Meta                `json:"-"`
}

// QuasiCardSummary summarises quasi-credit cards (R3).
type QuasiCardSummary struct {
	CompanyNum               Scalar `json:"companyNum,omitzero" col:"@_orgs" kind:"count"`
	AccountNum               Scalar `json:"accountNum,omitzero" col:"@_accounts" kind:"count"`
	ExtensionAmount          Scalar `json:"extensionAmount,omitzero" col:"@_credit_total" kind:"money"`
	MaxAmountPerCompany      Scalar `json:"maxAmountPerCompany,omitzero" col:"@_max_limit_per_org" kind:"money"`
	MinAmountPerCompany      Scalar `json:"minAmountPerCompany,omitzero" col:"@_min_limit_per_org" kind:"money"`
	SurplusAmount            Scalar `json:"surplusAmount,omitzero" col:"@_overdraft_balance" kind:"money"`
	Avg6monthOverdraftAmount Scalar `json:"avg6monthOverdraftAmount,omitzero" col:"@_avg6m_overdraft" kind:"money"`
	Meta                     `json:"-"`
}

// RefundDutySummaryAll is 相关还款责任信息汇总.
type RefundDutySummaryAll struct {
	ForPerson  RefundDutySummary `json:"forPerson,omitzero" col:"person"`
	ForCompany RefundDutySummary `json:"forCompany,omitzero" col:"company"`
	Meta       `json:"-"`
}

// RefundDutySummary is the guarantee and other duties for one borrower kind.
type RefundDutySummary struct {
	GuaranteeDuty   GuaranteeDutySummary `json:"guaranteeDuty,omitzero" col:"@_guarantee"`
	OtherRefundDuty OtherDutySummary     `json:"otherRefundDuty,omitzero" col:"@_other_duty"`
	Meta            `json:"-"`
}

// GuaranteeDutySummary is 担保责任.
type GuaranteeDutySummary struct {
	AccountNum      Scalar `json:"accountNum,omitzero" col:"@_accounts" kind:"count"`
	GuaranteeAmount Scalar `json:"guaranteeAmount,omitzero" col:"@_amount" kind:"money"`
	SurplusAmount   Scalar `json:"surplusAmount,omitzero" col:"@_balance" kind:"money"`
	Meta            `json:"-"`
}

// OtherDutySummary is 其他相关还款责任.
type OtherDutySummary struct {
	AccountNum       Scalar `json:"accountNum,omitzero" col:"@_accounts" kind:"count"`
	RefundDutyAmount Scalar `json:"refundDutyAmount,omitzero" col:"@_amount" kind:"money"`
	SurplusAmount    Scalar `json:"surplusAmount,omitzero" col:"@_balance" kind:"money"`
	Meta             `json:"-"`
}

// PostpaidSummary is one line of 非信贷交易信息概要.
type PostpaidSummary struct {
	Type       Scalar `json:"type,omitzero" col:"business_type"`
	AccountNum Scalar `json:"accountNum,omitzero" col:"accounts" kind:"count"`
	DebtAmount Scalar `json:"debtAmount,omitzero" col:"arrears_amount" kind:"money"`
	Meta       `json:"-"`
}

// PublicSummary is one line of 公共信息概要.
type PublicSummary struct {
	Type            Scalar `json:"type,omitzero" col:"info_type"`
	RecordNum       Scalar `json:"recordNum,omitzero" col:"records" kind:"count"`
	ReferenceAmount Scalar `json:"referenceAmount,omitzero" col:"amount" kind:"money"`
	Meta            `json:"-"`
}

// QueryRecordSummary is 查询记录概要.
type QueryRecordSummary struct {
	LastQueryRecord           LastQueryRecord  `json:"lastQueryRecord,omitzero"`
	Last1MonthQueryCompanyNum QueryCountsOrgs  `json:"last1MonthQueryCompanyNum,omitzero"`
	Last1MonthQueryNum        QueryCounts1M    `json:"last1MonthQueryNum,omitzero"`
	Last2YearQueryNum         QueryCounts2Y    `json:"last2YearQueryNum,omitzero"`
	ObjectionAndDescription   SummaryObjection `json:"objectionAndDescription,omitzero"`
	Meta                      `json:"-"`
}

// LastQueryRecord is the latest query shown in the summary.
type LastQueryRecord struct {
	Date        Scalar `json:"date,omitzero" col:"last_query_date" kind:"date" label:"上一次查询日期"`
	CompanyName Scalar `json:"companyName,omitzero" col:"last_query_org" label:"上一次查询机构名称"`
	Detail      Scalar `json:"detail,omitzero" col:"last_query_reason" label:"上一次查询原因"`
	Meta        `json:"-"`
}

// QueryCountsOrgs counts institutions that queried in the last month.
type QueryCountsOrgs struct {
	LoanApproval   Scalar `json:"loanApproval,omitzero" col:"q1m_orgs_loan_approval" kind:"count" label:"最近1个月内的查询机构数-贷款审批"`
	CreditApproval Scalar `json:"creditApproval,omitzero" col:"q1m_orgs_card_approval" kind:"count" label:"最近1个月内的查询机构数-信用卡审批"`
	Meta           `json:"-"`
}

// QueryCounts1M counts queries in the last month.
type QueryCounts1M struct {
	LoanApproval   Scalar `json:"loanApproval,omitzero" col:"q1m_loan_approval" kind:"count" label:"最近1个月内的查询次数-贷款审批"`
	CreditApproval Scalar `json:"creditApproval,omitzero" col:"q1m_card_approval" kind:"count" label:"最近1个月内的查询次数-信用卡审批"`
	SelfQuery      Scalar `json:"selfQuery,omitzero" col:"q1m_self" kind:"count" label:"最近1个月内的查询次数-本人查询"`
	Meta           `json:"-"`
}

// QueryCounts2Y counts queries in the last two years.
type QueryCounts2Y struct {
	ManagerAfterLoan                    Scalar `json:"managerAfterLoan,omitzero" col:"q2y_post_loan" kind:"count" label:"最近2年内的查询次数-贷后管理"`
	GuaranteeInvestigate                Scalar `json:"guaranteeInvestigate,omitzero" col:"q2y_guarantee_check" kind:"count" label:"最近2年内的查询次数-担保资格审查"`
	BespokeMerchantsRealNameInvestigate Scalar `json:"bespokeMerchantsRealNameInvestigate,omitzero" col:"q2y_merchant_check" kind:"count" label:"最近2年内的查询次数-特约商户实名审查"`
	Meta                                `json:"-"`
}

// SummaryObjection is 异议及说明信息 of the summary.
type SummaryObjection struct {
	ObjectionLabel Scalar `json:"objectionLabel,omitzero" col:"objection_label"`
	AddDate        Scalar `json:"addDate,omitzero" col:"objection_added_date" kind:"date"`
	Meta           `json:"-"`
}

// CreditTransInfoDetail is part three (信贷交易信息明细): the six account
// lists feed one accounts table, told apart by account_type.
type CreditTransInfoDetail struct {
	RecoveryInfo             []RecoveryAccount    `json:"recoveryInfo,omitzero" table:"accounts" const:"account_type=C1"`
	AcyclicCreditAccount     []LoanAccountD1      `json:"acyclicCreditAccount,omitzero" table:"accounts" const:"account_type=D1"`
	CyclicalAmountPerAccount []LoanAccountR4      `json:"cyclicalAmountPerAccount,omitzero" table:"accounts" const:"account_type=R4"`
	CyclicalLoanAccount      []LoanAccountR1      `json:"cyclicalLoanAccount,omitzero" table:"accounts" const:"account_type=R1"`
	CreditAccount            []CardAccountR2      `json:"creditAccount,omitzero" table:"accounts" const:"account_type=R2"`
	QuasiCreditAccount       []QuasiCardAccountR3 `json:"quasiCreditAccount,omitzero" table:"accounts" const:"account_type=R3"`
	ConcernedRefundDutyInfo  ConcernedRefundDuty  `json:"concernedRefundDutyInfo,omitzero"`
	ExtensionProtocolInfo    []CreditAgreement    `json:"extensionProtocolInfo,omitzero" table:"credit_agreements"`
	Meta                     `json:"-"`
}

// The six account types share their state block and their lists. The
// example shows some state sub-objects (normal, clear, accountCanceled …) and
// lists (specialTransTypes, companyInfo …) on one account type only, but
// printed reports have them on every type (CONTRACT section 4): every
// account type reads every one of them, into the same columns. Within a
// type, where several sub-objects feed one column, the first non-empty one in
// the order of the example wins; AccountState and StateDetail keep every
// type's order of the example (debtCollection before badDebt before normal
// before overdue; D1's normal fields before R2's, then R3's).

// RecoveryAccount is a C1 account (被追偿账户).
type RecoveryAccount struct {
	Name                      Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany             Scalar         `json:"manageCompany,omitzero" col:"institution"`
	Type                      Scalar         `json:"type,omitzero" col:"business_type"`
	CreditorReceivedDate      Scalar         `json:"creditorReceivedDate,omitzero" col:"open_date" kind:"date"`
	CreditorAmount            Scalar         `json:"creditorAmount,omitzero" col:"loan_amount" kind:"money"`
	StateWhenCreditorTransfer Scalar         `json:"stateWhenCreditorTransfer,omitzero" col:"state_at_transfer"`
	DueDate                   Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	AccountState              AccountState   `json:"accountState,omitzero"`
	SpecialTransTypes         []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo               []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement             []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel            []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	SpecialLabel              []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	RefundRecord              RefundRecord   `json:"refundRecord,omitzero"`
	Meta                      `json:"-"`

	PBOC PBOCAccountC1 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// AccountState is the state block (accountState) of every account type: the
// status text and every state sub-object the example shows on any type.
type AccountState struct {
	Value           Scalar       `json:"value,omitzero" col:"status"`
	DebtCollection  BalanceRepay `json:"debtCollection,omitzero"`  // C1 催收
	DebtFinish      ClosedState  `json:"debtFinish,omitzero"`      // C1 结束
	BadDebt         BalanceRepay `json:"badDebt,omitzero"`         // D1, R2, R3 呆账
	Normal          StateDetail  `json:"normal,omitzero"`          // D1, R4, R2, R3 正常
	Overdue         StateDetail  `json:"overdue,omitzero"`         // D1, R4, R1 逾期
	Transfer        Transfer     `json:"transfer,omitzero"`        // D1 转出
	Clear           ClosedState  `json:"clear,omitzero"`           // D1, R1 结清
	AccountCanceled Canceled     `json:"accountCanceled,omitzero"` // R2 销户
	Inactive        Inactive     `json:"inactive,omitzero"`        // R2 未激活
	Meta            `json:"-"`
}

// The state blocks of each account type, as the example names them: all one
// AccountState now.
type (
	RecoveryState = AccountState
	D1State       = AccountState
	R4State       = AccountState
	R1State       = AccountState
	R2State       = AccountState
	R3State       = AccountState
)

// BalanceRepay is a state with a balance and the latest repayment date
// (催收, 呆账).
type BalanceRepay struct {
	SurplusAmount   Scalar `json:"surplusAmount,omitzero" col:"balance" kind:"money"`
	LatestRepayDate Scalar `json:"latestRepayDate,omitzero" col:"latest_repay_date" kind:"date"`
	Meta            `json:"-"`
}

// ClosedState carries the date an account was closed (结清, 结束).
type ClosedState struct {
	AccountClosedDate Scalar `json:"accountClosedDate,omitzero" col:"closed_date" kind:"date"`
	Meta              `json:"-"`
}

// SpecialTrans is a special transaction on an account (特殊交易).
type SpecialTrans struct {
	Type           Scalar `json:"type,omitzero" col:"trans_type"`
	OccurDate      Scalar `json:"occurDate,omitzero" col:"occur_date" kind:"date"`
	ChangeMonthNum Scalar `json:"changeMonthNum,omitzero" col:"change_months" kind:"count"`
	OccurAmount    Scalar `json:"occurAmount,omitzero" col:"amount" kind:"money"`
	DetailRecord   Scalar `json:"detailRecord,omitzero" col:"detail"`
	Meta           `json:"-"`
}

// AccountNote is a dated statement on an account (机构说明, 本人声明, 异议标注, 特殊标注).
type AccountNote struct {
	Value   Scalar `json:"value,omitzero" col:"content"`
	AddDate Scalar `json:"addDate,omitzero" col:"added_date" kind:"date"`
	Meta    `json:"-"`
}

// RefundRecord is an account's repayment record: the covered range and the
// year/month grid.
type RefundRecord struct {
	DateRange Scalar     `json:"dateRange,omitzero" col:"repay_record_range" label:"还款记录区间"`
	Detail    []GridYear `json:"detail,omitzero" table:"repayments" grid:"true"`
	Meta      `json:"-"`
}

// GridYear is one year block of a repayment grid.
type GridYear struct {
	Year  Scalar      `json:"year,omitzero" col:"year" kind:"year"`
	Month []GridMonth `json:"month,omitzero" grid:"cells"`
	Meta  `json:"-"`
}

// GridMonth is one month cell of a repayment grid.
type GridMonth struct {
	MonthValue Scalar `json:"monthValue,omitzero" col:"month" kind:"monthofyear" label:"月份"`
	Amount     Scalar `json:"amount,omitzero" col:"amount" kind:"money"`
	State      Scalar `json:"state,omitzero" col:"state" label:"还款状态"`
	Meta       `json:"-"`
}

// LoanAccountD1 is a non-revolving loan account (非循环贷账户).
type LoanAccountD1 struct {
	Name                Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany       Scalar         `json:"manageCompany,omitzero" col:"institution"`
	AmountID            Scalar         `json:"amountId,omitzero" col:"account_number"`
	StartDate           Scalar         `json:"startDate,omitzero" col:"open_date" kind:"date"`
	DeadlineDate        Scalar         `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	RefundAmount        Scalar         `json:"refundAmount,omitzero" col:"loan_amount" kind:"money"`
	AccountCurrencyType Scalar         `json:"accountCurrencyType,omitzero" col:"currency"`
	Type                Scalar         `json:"type,omitzero" col:"business_type"`
	GuaranteeType       Scalar         `json:"guaranteeType,omitzero" col:"guarantee_type"`
	RefundPeriodNum     Scalar         `json:"refundPeriodNum,omitzero" col:"repay_periods" kind:"count"`
	RefundFrequency     Scalar         `json:"refundFrequency,omitzero" col:"repay_frequency"`
	RefundType          Scalar         `json:"refundType,omitzero" col:"repay_method"`
	JoinRefundFlag      Scalar         `json:"joinRefundFlag,omitzero" col:"joint_loan_flag"`
	DueDate             Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date"`
	AccountState        AccountState   `json:"accountState,omitzero"`
	SpecialTransTypes   []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo         []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement       []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel      []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	SpecialLabel        []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	RefundRecord        RefundRecord   `json:"refundRecord,omitzero"`
	Meta                `json:"-"`

	PBOC PBOCAccountD1 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// StateDetail is the full state sub-object (normal, overdue) of every
// account type: the union of the fields of a loan's block (D1's
// currOverdueAmount, R4 and R1's currOverdue, the arrears buckets, D1's
// beforeDeadlineDate), a credit card's (R2: used amount, large instalment,
// beforeDueDate) and a quasi-credit card's (R3: the overdraft is its
// balance). The field order keeps the example's order of every type's own
// block, so a report keeps its key order when written back.
type StateDetail struct {
	FiveLevelType                              Scalar          `json:"fiveLevelType,omitzero" col:"five_class"`
	SurplusAmount                              Scalar          `json:"surplusAmount,omitzero" col:"balance" kind:"money"`
	UsedAmount                                 Scalar          `json:"usedAmount,omitzero" col:"used_amount" kind:"money"`
	UnspecifiedLargeAmountSpecificPeriodAmount Scalar          `json:"unspecifiedLargeAmountSpecificPeriodAmount,omitzero" col:"large_installment_unbilled" kind:"money"`
	SurplusPeriodsNum                          Scalar          `json:"surplusPeriodsNum,omitzero" col:"remaining_installments" kind:"count"`
	Avg6monthPay                               Scalar          `json:"avg6monthPay,omitzero" col:"avg_6m_used" kind:"money"`
	MaxUsedAmount                              Scalar          `json:"maxUsedAmount,omitzero" col:"max_used_amount" kind:"money"`
	OverDraftAmount                            Scalar          `json:"overDraftAmount,omitzero" col:"balance" kind:"money"`
	Latest6MonthsAvgOverDraftAmount            Scalar          `json:"latest6MonthsAvgOverDraftAmount,omitzero" col:"avg_6m_overdraft" kind:"money"`
	MaxOverDraftAmount                         Scalar          `json:"maxOverDraftAmount,omitzero" col:"max_overdraft" kind:"money"`
	BillDate                                   Scalar          `json:"billDate,omitzero" col:"bill_date" kind:"date"`
	SurplusPaymentNum                          Scalar          `json:"surplusPaymentNum,omitzero" col:"remaining_periods" kind:"count"`
	ScheduledPayment                           Scalar          `json:"scheduledPayment,omitzero" col:"scheduled_payment" kind:"money"`
	ScheduledPayAt                             Scalar          `json:"scheduledPayAt,omitzero" col:"scheduled_pay_date" kind:"date"`
	RealPayed                                  Scalar          `json:"realPayed,omitzero" col:"actual_payment" kind:"money"`
	LatestRepayDate                            Scalar          `json:"latestRepayDate,omitzero" col:"latest_repay_date" kind:"date"`
	CurrOverduePeriods                         Scalar          `json:"currOverduePeriods,omitzero" col:"overdue_periods" kind:"count"`
	CurrOverdueAmount                          Scalar          `json:"currOverdueAmount,omitzero" col:"overdue_amount" kind:"money"`
	CurrOverdue                                Scalar          `json:"currOverdue,omitzero" col:"overdue_amount" kind:"money"`
	Overdue31Tp60                              Scalar          `json:"overdue31Tp60,omitzero" col:"overdue_31_60_principal" kind:"money"`
	Overdue61Tp90                              Scalar          `json:"overdue61Tp90,omitzero" col:"overdue_61_90_principal" kind:"money"`
	Overdue91Tp180                             Scalar          `json:"overdue91Tp180,omitzero" col:"overdue_91_180_principal" kind:"money"`
	Overdue180                                 Scalar          `json:"overdue180,omitzero" col:"overdue_180_plus_principal" kind:"money"`
	BeforeDeadlineDate                         AfterCutoff     `json:"beforeDeadlineDate,omitzero"`
	BigAmountSpecialPeriodInfo                 LargeInstalment `json:"bigAmountSpecialPeriodInfo,omitzero"`
	BeforeDueDate                              AfterCutoff     `json:"beforeDueDate,omitzero"`
	SpecialEventInfo                           Scalar          `json:"specialEventInfo,omitzero" col:"special_event"`
	OverDraft180UnpayedAmount                  Scalar          `json:"overDraft180UnpayedAmount,omitzero" col:"overdraft_180_unpaid" kind:"money"`
	Meta                                       `json:"-"`
}

// The state sub-objects of each account type, as the example shows them:
// all one StateDetail now.
type (
	LoanStateAmt = StateDetail // D1 normal
	D1Overdue    = StateDetail // D1 overdue
	LoanStateCur = StateDetail // R4 normal and overdue, R1 overdue
	R2Normal     = StateDetail // R2 normal
	R3Normal     = StateDetail // R3 normal
)

// AfterCutoff is the latest repayment after the report's cut-off date
// (截止某日以后的最新还款记录); it keeps columns of its own.
type AfterCutoff struct {
	Value           Scalar `json:"value,omitzero" col:"after_cutoff_note" label:"截止日期以后的最新还款记录"`
	FiveLevelType   Scalar `json:"fiveLevelType,omitzero" col:"after_cutoff_five_class"`
	SurplusAmount   Scalar `json:"surplusAmount,omitzero" col:"after_cutoff_balance" kind:"money"`
	RefundDate      Scalar `json:"refundDate,omitzero" col:"after_cutoff_repay_date" kind:"date"`
	RefundAmount    Scalar `json:"refundAmount,omitzero" col:"after_cutoff_repay_amount" kind:"money"`
	CurrRefundState Scalar `json:"currRefundState,omitzero" col:"after_cutoff_repay_state"`
	Meta            `json:"-"`
}

// Transfer is the 转出 state: the month the account was transferred out.
type Transfer struct {
	TransferDate Scalar `json:"transferDate,omitzero" col:"transfer_month" kind:"month"`
	Meta         `json:"-"`
}

// LoanAccountR4 is an account under a revolving facility (循环额度下分账户).
type LoanAccountR4 struct {
	Name                Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany       Scalar         `json:"manageCompany,omitzero" col:"institution"`
	AmountID            Scalar         `json:"amountId,omitzero" col:"account_number"`
	StartDate           Scalar         `json:"startDate,omitzero" col:"open_date" kind:"date"`
	DeadlineDate        Scalar         `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	RefundAmount        Scalar         `json:"refundAmount,omitzero" col:"loan_amount" kind:"money"`
	AccountCurrencyType Scalar         `json:"accountCurrencyType,omitzero" col:"currency"`
	Type                Scalar         `json:"type,omitzero" col:"business_type"`
	GuaranteeType       Scalar         `json:"guaranteeType,omitzero" col:"guarantee_type"`
	RefundPeriodNum     Scalar         `json:"refundPeriodNum,omitzero" col:"repay_periods" kind:"count"`
	RefundFrequency     Scalar         `json:"refundFrequency,omitzero" col:"repay_frequency"`
	RefundType          Scalar         `json:"refundType,omitzero" col:"repay_method"`
	JoinRefundFlag      Scalar         `json:"joinRefundFlag,omitzero" col:"joint_loan_flag"`
	DueDate             Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	AccountState        AccountState   `json:"accountState,omitzero"`
	RefundRecord        RefundRecord   `json:"refundRecord,omitzero"`
	SpecialTransTypes   []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo         []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement       []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel      []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	SpecialLabel        []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	Meta                `json:"-"`

	PBOC PBOCAccountR4 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// LoanAccountR1 is a revolving loan account (循环贷账户).
type LoanAccountR1 struct {
	Name                   Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany          Scalar         `json:"manageCompany,omitzero" col:"institution"`
	AmountID               Scalar         `json:"amountId,omitzero" col:"account_number"`
	StartDate              Scalar         `json:"startDate,omitzero" col:"open_date" kind:"date"`
	DeadlineDate           Scalar         `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	AccountExtensionAmount Scalar         `json:"accountExtensionAmount,omitzero" col:"credit_limit" kind:"money"`
	AccountCurrencyType    Scalar         `json:"accountCurrencyType,omitzero" col:"currency"`
	Type                   Scalar         `json:"type,omitzero" col:"business_type"`
	GuaranteeType          Scalar         `json:"guaranteeType,omitzero" col:"guarantee_type"`
	RefundPeriodNum        Scalar         `json:"refundPeriodNum,omitzero" col:"repay_periods" kind:"count"`
	RefundFrequency        Scalar         `json:"refundFrequency,omitzero" col:"repay_frequency"`
	RefundType             Scalar         `json:"refundType,omitzero" col:"repay_method"`
	JoinRefundFlag         Scalar         `json:"joinRefundFlag,omitzero" col:"joint_loan_flag"`
	DueDate                Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	AccountState           AccountState   `json:"accountState,omitzero"`
	RefundRecord           RefundRecord   `json:"refundRecord,omitzero"`
	SpecialTransTypes      []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo            []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement          []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel         []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	SpecialLabel           []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	Meta                   `json:"-"`

	PBOC PBOCAccountR1 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// CardAccountR2 is a credit card account (贷记卡账户).
type CardAccountR2 struct {
	Name                   Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	CardCompany            Scalar         `json:"cardCompany,omitzero" col:"institution"`
	AmountID               Scalar         `json:"amountId,omitzero" col:"account_number"`
	StartDate              Scalar         `json:"startDate,omitzero" col:"open_date" kind:"date"`
	AccountExtensionAmount Scalar         `json:"accountExtensionAmount,omitzero" col:"credit_limit" kind:"money"`
	SharedExtensionAmount  Scalar         `json:"sharedExtensionAmount,omitzero" col:"shared_credit_limit" kind:"money"`
	CurrencyType           Scalar         `json:"currencyType,omitzero" col:"currency"`
	Type                   Scalar         `json:"type,omitzero" col:"business_type"`
	DueDate                Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	GuaranteeType          Scalar         `json:"guaranteeType,omitzero" col:"guarantee_type"`
	RefundRecord           RefundRecord   `json:"refundRecord,omitzero"`
	SpecialTransTypes      []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo            []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement          []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel         []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	AccountState           AccountState   `json:"accountState,omitzero"`
	SpecialLabel           []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	Meta                   `json:"-"`

	PBOC PBOCAccountR2 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// LargeInstalment is 大额专项分期信息 of a credit card.
type LargeInstalment struct {
	PeriodAmount              Scalar `json:"periodAmount,omitzero" col:"large_installment_limit" kind:"money"`
	PeriodAmountEffectiveDate Scalar `json:"periodAmountEffectiveDate,omitzero" col:"large_installment_effective_date" kind:"date"`
	PeriodAmountDueDate       Scalar `json:"periodAmountDueDate,omitzero" col:"large_installment_due_date" kind:"date"`
	UsedPeriodAmount          Scalar `json:"usedPeriodAmount,omitzero" col:"large_installment_used" kind:"money"`
	Meta                      `json:"-"`
}

// Canceled is the 销户 state of a card.
type Canceled struct {
	CanceledDate Scalar `json:"canceledDate,omitzero" col:"closed_date" kind:"date"`
	Meta         `json:"-"`
}

// Inactive is the 未激活 state of a card.
type Inactive struct {
	InactiveDueDate Scalar `json:"inactiveDueDate,omitzero" col:"inactive_as_of" kind:"date" label:"截至日期前未激活"`
	Meta            `json:"-"`
}

// QuasiCardAccountR3 is a quasi-credit card account (准贷记卡账户).
type QuasiCardAccountR3 struct {
	Name                   Scalar         `json:"name,omitzero" col:"account_label" label:"账户编号"`
	CardCompany            Scalar         `json:"cardCompany,omitzero" col:"institution"`
	AmountID               Scalar         `json:"amountId,omitzero" col:"account_number"`
	StartDate              Scalar         `json:"startDate,omitzero" col:"open_date" kind:"date"`
	AccountExtensionAmount Scalar         `json:"accountExtensionAmount,omitzero" col:"credit_limit" kind:"money"`
	SharedExtensionAmount  Scalar         `json:"sharedExtensionAmount,omitzero" col:"shared_credit_limit" kind:"money"`
	CurrencyType           Scalar         `json:"currencyType,omitzero" col:"currency"`
	GuaranteeType          Scalar         `json:"guaranteeType,omitzero" col:"guarantee_type"`
	RefundRecord           RefundRecord   `json:"refundRecord,omitzero"`
	DueDate                Scalar         `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	AccountState           AccountState   `json:"accountState,omitzero"`
	SpecialTransTypes      []SpecialTrans `json:"specialTransTypes,omitzero" table:"account_special_trans"`
	CompanyInfo            []AccountNote  `json:"companyInfo,omitzero" table:"account_notes" const:"kind=company"`
	SelfStatement          []AccountNote  `json:"selfStatement,omitzero" table:"account_notes" const:"kind=self"`
	ObjectionLabel         []AccountNote  `json:"objectionLabel,omitzero" table:"account_notes" const:"kind=objection"`
	SpecialLabel           []AccountNote  `json:"specialLabel,omitzero" table:"account_notes" const:"kind=special"`
	Meta                   `json:"-"`

	PBOC PBOCAccountR3 `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// ConcernedRefundDuty is 相关还款责任信息.
type ConcernedRefundDuty struct {
	ConcernRefundPersonBorrow  []PersonGuarantee  `json:"concernRefundPersonBorrow,omitzero" table:"guarantees" const:"kind=person"`
	ConcernRefundCompanyBorrow []CompanyGuarantee `json:"concernRefundCompanyBorrow,omitzero" table:"guarantees" const:"kind=company"`
	Meta                       `json:"-"`
}

// PersonGuarantee is a repayment duty for an individual's loan.
type PersonGuarantee struct {
	Name                    Scalar `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany           Scalar `json:"manageCompany,omitzero" col:"institution"`
	Type                    Scalar `json:"type,omitzero" col:"business_type"`
	StartDate               Scalar `json:"startDate,omitzero" col:"open_date" kind:"date"`
	DeadlineDate            Scalar `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	PersonDutyType          Scalar `json:"personDutyType,omitzero" col:"duty_type"`
	RefundDutyAmount        Scalar `json:"refundDutyAmount,omitzero" col:"duty_amount" kind:"money"`
	CurrencyType            Scalar `json:"currencyType,omitzero" col:"currency"`
	GuaranteeContractSerial Scalar `json:"guaranteeContractSerial,omitzero" col:"contract_number"`
	DueDate                 Scalar `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	FiveLevelType           Scalar `json:"fiveLevelType,omitzero" col:"five_class"`
	SurplusAmount           Scalar `json:"surplusAmount,omitzero" col:"balance" kind:"money"`
	RefundState             Scalar `json:"refundState,omitzero" col:"repay_state"`
	PrimaryBorrower         Scalar `json:"primaryBorrower,omitzero" col:"primary_borrower"`
	PrimaryBorrowerIDType   Scalar `json:"primaryBorrowerIdType,omitzero" col:"primary_borrower_id_type"`
	PrimaryBorrowerIDNum    Scalar `json:"primaryBorrowerIdNum,omitzero" col:"primary_borrower_id_number"`
	Meta                    `json:"-"`

	PBOC PBOCGuarantee `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// CompanyGuarantee is a repayment duty for a company's loan.
type CompanyGuarantee struct {
	Name                    Scalar `json:"name,omitzero" col:"account_label" label:"账户编号"`
	ManageCompany           Scalar `json:"manageCompany,omitzero" col:"institution"`
	Type                    Scalar `json:"type,omitzero" col:"business_type"`
	StartDate               Scalar `json:"startDate,omitzero" col:"open_date" kind:"date"`
	DeadlineDate            Scalar `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	PersonDutyType          Scalar `json:"personDutyType,omitzero" col:"duty_type"`
	RefundDutyAmount        Scalar `json:"refundDutyAmount,omitzero" col:"duty_amount" kind:"money"`
	CurrencyType            Scalar `json:"currencyType,omitzero" col:"currency"`
	GuaranteeContractSerial Scalar `json:"guaranteeContractSerial,omitzero" col:"contract_number"`
	DueDate                 Scalar `json:"dueDate,omitzero" col:"as_of_date" kind:"date" label:"截至日期"`
	FiveLevelType           Scalar `json:"fiveLevelType,omitzero" col:"five_class"`
	SurplusAmount           Scalar `json:"surplusAmount,omitzero" col:"balance" kind:"money"`
	OverdueMonthNum         Scalar `json:"overdueMonthNum,omitzero" col:"overdue_months" kind:"count"`
	Meta                    `json:"-"`

	PBOC PBOCGuarantee `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// CreditAgreement is a credit facility agreement (授信协议信息).
type CreditAgreement struct {
	Name                 Scalar `json:"name,omitzero" col:"agreement_label" label:"授信协议编号"`
	ManageCompany        Scalar `json:"manageCompany,omitzero" col:"institution"`
	ExtensionProtocolID  Scalar `json:"extensionProtocolId,omitzero" col:"agreement_id" label:"授信协议标识"`
	EffectDate           Scalar `json:"effectDate,omitzero" col:"effective_date" kind:"date"`
	DeadlineDate         Scalar `json:"deadlineDate,omitzero" col:"maturity_date" kind:"date"`
	ExtensionAmountScope Scalar `json:"extensionAmountScope,omitzero" col:"purpose"`
	ExtensionAmount      Scalar `json:"extensionAmount,omitzero" col:"credit_amount" kind:"money"`
	ExtensionLimitAmount Scalar `json:"extensionLimitAmount,omitzero" col:"credit_limit_amount" kind:"money"`
	ExtensionLimitSerial Scalar `json:"extensionLimitSerial,omitzero" col:"credit_limit_id"`
	UsedAmount           Scalar `json:"usedAmount,omitzero" col:"used_amount" kind:"money"`
	CurrencyType         Scalar `json:"currencyType,omitzero" col:"currency"`
	Meta                 `json:"-"`

	PBOC PBOCAgreement `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// PostpaidAccount is a non-credit post-paid account (电信, 水费 …).
type PostpaidAccount struct {
	Name              Scalar               `json:"name,omitzero" col:"account_label" label:"账户编号"`
	CompanyName       Scalar               `json:"companyName,omitzero" col:"institution"`
	Type              Scalar               `json:"type,omitzero" col:"business_type"`
	StartDate         Scalar               `json:"startDate,omitzero" col:"open_date" kind:"date"`
	CurrPayedState    Scalar               `json:"currPayedState,omitzero" col:"pay_status"`
	CurrOverdueAmount Scalar               `json:"currOverdueAmount,omitzero" col:"arrears_amount" kind:"money"`
	AccountDate       Scalar               `json:"accountDate,omitzero" col:"accounting_month" kind:"month"`
	RefundRecord      PostpaidRefundRecord `json:"refundRecord,omitzero"`
	Meta              `json:"-"`

	PBOC PBOCPostpaid `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}

// PostpaidRefundRecord is a post-paid account's payment record.
type PostpaidRefundRecord struct {
	DateRange Scalar             `json:"dateRange,omitzero" col:"repay_record_range" label:"还款记录区间"`
	Detail    []PostpaidGridYear `json:"detail,omitzero" table:"postpaid_repayments" grid:"true"`
	Meta      `json:"-"`
}

// PostpaidGridYear is one year block of a post-paid payment grid.
type PostpaidGridYear struct {
	Year  Scalar              `json:"year,omitzero" col:"year" kind:"year"`
	Month []PostpaidGridMonth `json:"month,omitzero" grid:"cells"`
	Meta  `json:"-"`
}

// PostpaidGridMonth is one month cell of a post-paid payment grid (no amount).
type PostpaidGridMonth struct {
	MonthValue Scalar `json:"monthValue,omitzero" col:"month" kind:"monthofyear" label:"月份"`
	State      Scalar `json:"state,omitzero" col:"state" label:"缴费状态"`
	Meta       `json:"-"`
}

// PublicInfoDetail is part five (公共信息明细).
type PublicInfoDetail struct {
	OwingTaxRecord                         []TaxArrear     `json:"owingTaxRecord,omitzero" table:"tax_arrears"`
	CivilJudgmentRecord                    []CivilJudgment `json:"civilJudgmentRecord,omitzero" table:"civil_judgments"`
	ForceExecuteRecord                     []Enforcement   `json:"forceExecuteRecord,omitzero" table:"enforcements"`
	AdministrativePenaltyRecord            []AdminPenalty  `json:"administrativePenaltyRecord,omitzero" table:"admin_penalties"`
	HousingProvidentFundContributionRecord []HousingFund   `json:"housingProvidentFundContributionRecord,omitzero" table:"housing_fund"`
	LowSecurityRescueRecord                []SocialAid     `json:"lowSecurityRescueRecord,omitzero" table:"social_assistance"`
	ExecutiveQualificationRecord           []Qualification `json:"executiveQualificationRecord,omitzero" table:"qualifications"`
	AdministrativeRewardRecord             []AdminReward   `json:"administrativeRewardRecord,omitzero" table:"admin_rewards"`
	Meta                                   `json:"-"`
}

// TaxArrear is 欠税记录.
type TaxArrear struct {
	ChargedTaxOffice  Scalar `json:"chargedTaxOffice,omitzero" col:"tax_office"`
	OwingTaxAmount    Scalar `json:"owingTaxAmount,omitzero" col:"amount" kind:"money"`
	OwingTaxStatsDate Scalar `json:"owingTaxStatsDate,omitzero" col:"stat_date" kind:"date"`
	Meta              `json:"-"`
}

// CivilJudgment is 民事判决记录.
type CivilJudgment struct {
	No                Scalar `json:"no,omitzero" col:"no"`
	FillingCourt      Scalar `json:"fillingCourt,omitzero" col:"court"`
	Reason            Scalar `json:"reason,omitzero" col:"cause"`
	FillingDate       Scalar `json:"fillingDate,omitzero" col:"filing_date" kind:"date"`
	ClosingType       Scalar `json:"closingType,omitzero" col:"closing_type"`
	ClosingResult     Scalar `json:"closingResult,omitzero" col:"result"`
	ClosingEffectDate Scalar `json:"closingEffectDate,omitzero" col:"effective_date" kind:"date"`
	Litigation        Scalar `json:"litigation,omitzero" col:"subject"`
	LitigationAmount  Scalar `json:"litigationAmount,omitzero" col:"subject_amount" kind:"money"`
	Meta              `json:"-"`
}

// Enforcement is 强制执行记录.
type Enforcement struct {
	No                       Scalar `json:"no,omitzero" col:"no"`
	ExecuteCourt             Scalar `json:"executeCourt,omitzero" col:"court"`
	ExecuteReason            Scalar `json:"executeReason,omitzero" col:"cause"`
	FillingDate              Scalar `json:"fillingDate,omitzero" col:"filing_date" kind:"date"`
	ClosingType              Scalar `json:"closingType,omitzero" col:"closing_type"`
	CaseState                Scalar `json:"caseState,omitzero" col:"case_status"`
	ClosingDate              Scalar `json:"closingDate,omitzero" col:"closing_date" kind:"date"`
	ApplyExecuteSubject      Scalar `json:"applyExecuteSubject,omitzero" col:"applied_subject"`
	ApplyExecuteSubjectValue Scalar `json:"applyExecuteSubjectValue,omitzero" col:"applied_amount" kind:"money"`
	ExecutedSubject          Scalar `json:"executedSubject,omitzero" col:"executed_subject"`
	ExecutedSubjectAmount    Scalar `json:"executedSubjectAmount,omitzero" col:"executed_amount" kind:"money"`
	Meta                     `json:"-"`
}

// AdminPenalty is 行政处罚记录.
type AdminPenalty struct {
	No                         Scalar `json:"no,omitzero" col:"no"`
	PenaltyOrg                 Scalar `json:"penaltyOrg,omitzero" col:"org"`
	PenaltyContent             Scalar `json:"penaltyContent,omitzero" col:"content"`
	PenaltyAmount              Scalar `json:"penaltyAmount,omitzero" col:"amount" kind:"money"`
	EffectDate                 Scalar `json:"effectDate,omitzero" col:"effective_date" kind:"date"`
	DueDate                    Scalar `json:"dueDate,omitzero" col:"end_date" kind:"date"`
	AdministrativeReviewResult Scalar `json:"administrativeReviewResult,omitzero" col:"review_result"`
	Meta                       `json:"-"`
}

// HousingFund is 住房公积金参缴记录.
type HousingFund struct {
	ContributionPlace             Scalar `json:"contributionPlace,omitzero" col:"place"`
	ContributionDate              Scalar `json:"contributionDate,omitzero" col:"join_date" kind:"date"`
	FirstContributionDate         Scalar `json:"firstContributionDate,omitzero" col:"first_month" kind:"month"`
	ContributionDueDate           Scalar `json:"contributionDueDate,omitzero" col:"paid_to_month" kind:"month"`
	ContributionState             Scalar `json:"contributionState,omitzero" col:"status"`
	AmountPerMonth                Scalar `json:"amountPerMonth,omitzero" col:"monthly_amount" kind:"money"`
	SelfContributionProportion    Scalar `json:"selfContributionProportion,omitzero" col:"personal_rate_pct" kind:"percent"`
	CompanyContributionProportion Scalar `json:"companyContributionProportion,omitzero" col:"employer_rate_pct" kind:"percent"`
	ContributionCompany           Scalar `json:"contributionCompany,omitzero" col:"employer"`
	UpdateAt                      Scalar `json:"updateAt,omitzero" col:"updated_at" kind:"date"`
	Meta                          `json:"-"`
}

// SocialAid is 低保救助记录.
type SocialAid struct {
	No                   Scalar `json:"no,omitzero" col:"no"`
	PersonType           Scalar `json:"personType,omitzero" col:"person_type"`
	Place                Scalar `json:"place,omitzero" col:"place"`
	Company              Scalar `json:"company,omitzero" col:"employer"`
	FamilyIncomePerMonth Scalar `json:"familyIncomePerMonth,omitzero" col:"family_monthly_income" kind:"money"`
	ApplyDate            Scalar `json:"applyDate,omitzero" col:"apply_date" kind:"date"`
	AgreeDate            Scalar `json:"agreeDate,omitzero" col:"approve_date" kind:"date"`
	UpdateAt             Scalar `json:"updateAt,omitzero" col:"updated_at" kind:"date"`
	Meta                 `json:"-"`
}

// Qualification is 执业资格记录.
type Qualification struct {
	No                        Scalar `json:"no,omitzero" col:"no"`
	ExecutiveQulificationName Scalar `json:"executiveQulificationName,omitzero" col:"name"`
	Level                     Scalar `json:"level,omitzero" col:"level"`
	GotDate                   Scalar `json:"gotDate,omitzero" col:"obtained_date" kind:"date"`
	DeadlineDate              Scalar `json:"deadlineDate,omitzero" col:"expiry_date" kind:"date"`
	RevocationDate            Scalar `json:"revocationDate,omitzero" col:"revoked_date" kind:"date"`
	Issuer                    Scalar `json:"issuer,omitzero" col:"issuer"`
	IssuerPlace               Scalar `json:"issuerPlace,omitzero" col:"issuer_place"`
	Meta                      `json:"-"`
}

// AdminReward is 行政奖励记录.
type AdminReward struct {
	No            Scalar `json:"no,omitzero" col:"no"`
	RewardCompany Scalar `json:"rewardCompany,omitzero" col:"org"`
	RewardContent Scalar `json:"rewardContent,omitzero" col:"content"`
	EffectDate    Scalar `json:"effectDate,omitzero" col:"effective_date" kind:"date"`
	DueDate       Scalar `json:"dueDate,omitzero" col:"end_date" kind:"date"`
	Meta          `json:"-"`
}

// SelfDeclaration is 本人声明.
type SelfDeclaration struct {
	No             Scalar `json:"no,omitzero" col:"no"`
	DeclareContent Scalar `json:"declareContent,omitzero" col:"content"`
	AddDate        Scalar `json:"addDate,omitzero" col:"added_date" kind:"date"`
	Meta           `json:"-"`
}

// ObjectionLabel is 异议标注.
type ObjectionLabel struct {
	No           Scalar `json:"no,omitzero" col:"no"`
	LabelContent Scalar `json:"labelContent,omitzero" col:"content"`
	AddDate      Scalar `json:"addDate,omitzero" col:"added_date" kind:"date"`
	Meta         `json:"-"`
}

// QueryRecord is part eight (查询记录).
type QueryRecord struct {
	PersonQueryRecord  []Query `json:"personQueryRecord,omitzero" table:"queries" const:"list=person"`
	CompanyQueryRecord []Query `json:"companyQueryRecord,omitzero" table:"queries" const:"list=company"`
	Meta               `json:"-"`
}

// Query is one row of the query record.
type Query struct {
	No           Scalar `json:"no,omitzero" col:"no"`
	Date         Scalar `json:"date,omitzero" col:"query_date" kind:"date"`
	QueryCompany Scalar `json:"queryCompany,omitzero" col:"institution"`
	QueryReason  Scalar `json:"queryReason,omitzero" col:"reason"`
	Meta         `json:"-"`

	PBOC PBOCOrg `json:"-" pboc:"pboc"` // interface-only fields (interface_model.go)
}
