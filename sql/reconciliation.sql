-- group: reconciliation
-- title: Reconciliation | 明细与概要核对
-- about: Each recon_ feature is a figure computed from the report's details minus
--   the same figure as the report's own summary (信息概要) states it: 0 when they
--   agree, NULL where the summary figure is missing. A non-zero value flags an OCR
--   misread, a report whose lists were cut, or a definition that differs (for
--   example real reports leave 贷后管理 queries out of the detail lists). The
--   detail figures are the features of the other groups, read from their temp
--   tables f_queries, f_repayments, f_accounts and f_public, and the unsettled
--   accounts (the summary's 未结清/未销户 section: loans neither 结清 nor 转出, cards
--   not 销户, a NULL status counts). The overdue summary (summary_overdue) names
--   its account type in Chinese (mapped as the macro summary_account_type says)
--   and covers the last five years, G_60; its 月份数 is taken as the number of
--   overdue account-months. Several summary lines of one type or kind are added
--   up (maxima: the largest).
--
-- feature: recon_q_loan_1m
--   zh: 近1个月贷款审批查询次数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_loan_1m - report_summary.q1m_loan_approval
--   (queryRecordSummary.last1MonthQueryNum.loanApproval).
--
-- feature: recon_q_card_1m
--   zh: 近1个月信用卡审批查询次数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_card_1m - report_summary.q1m_card_approval
--   (last1MonthQueryNum.creditApproval).
--
-- feature: recon_q_loan_org_1m
--   zh: 近1个月贷款审批查询机构数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_loan_org_1m - report_summary.q1m_orgs_loan_approval
--   (last1MonthQueryCompanyNum.loanApproval).
--
-- feature: recon_q_card_org_1m
--   zh: 近1个月信用卡审批查询机构数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_card_org_1m - report_summary.q1m_orgs_card_approval
--   (last1MonthQueryCompanyNum.creditApproval).
--
-- feature: recon_q_self_1m
--   zh: 近1个月本人查询次数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_self_1m - report_summary.q1m_self (last1MonthQueryNum.selfQuery).
--
-- feature: recon_q_guarantee_24m
--   zh: 近2年担保资格审查查询次数核对差
--   type: BIGINT
--   none: NULL
--   tables: queries, reports, report_summary
--   def: q_guarantee_24m - report_summary.q2y_guarantee_check
--   (last2YearQueryNum.guaranteeInvestigate).
--
-- feature: recon_card_limit
--   zh: 贷记卡授信总额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: card_limit_total (live CNY cards, the largest credit_limit per
--   institution, summed) - report_summary.r2_credit_total
--   (creditAccountInfoSummary.extensionAmount, the summary's 贷记卡授信总额).
--
-- feature: recon_accounts_total
--   zh: 信贷账户总数核对差
--   type: BIGINT
--   none: NULL
--   tables: accounts, report_summary
--   def: Credit accounts of any status (D1, R4, R1, R2, R3; C1 is summarised
--   apart) - report_summary.credit_accounts_total (creditTransInfoHint.totalAccountNum).
--
-- feature: recon_accounts_{T} for T in d1, r4, r1, r2, r3
--   zh: 未结清/未销户{T_zh}数核对差
--   type: BIGINT
--   none: NULL
--   tables: accounts, report_summary
--   def: Unsettled {T_up} accounts - report_summary.{T}_accounts.
--
-- feature: recon_balance_{T} for T in d1, r4, r1
--   zh: 未结清{T_zh}余额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: Sum of balance over the unsettled {T_up} accounts - report_summary.{T}_balance.
--
-- feature: recon_used_r2
--   zh: 未销户贷记卡已用额度核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: Sum over the unsettled R2 accounts of used_amount, or of balance where
--   used_amount is not given (a 呆账 card reports only its balance, and the
--   summary counts it) - report_summary.r2_used.
--
-- feature: recon_balance_r3
--   zh: 未销户准贷记卡透支余额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: Sum of balance (the overdraft) over the unsettled R3 accounts -
--   report_summary.r3_overdraft_balance.
--
-- feature: recon_orgs_{T} for T in d1, r4, r1, r2, r3
--   zh: 未结清/未销户{T_zh}机构数核对差
--   type: BIGINT
--   none: NULL
--   tables: accounts, report_summary
--   def: Distinct institution among the unsettled {T_up} accounts -
--   report_summary.{T}_orgs.
--
-- feature: recon_bad_debt_accounts
--   zh: 呆账账户数核对差
--   type: BIGINT
--   none: NULL
--   tables: accounts, report_summary
--   def: bad_debt_accounts - report_summary.bad_debt_accounts (badDebtsSummary.accountNum).
--
-- feature: recon_bad_debt_balance
--   zh: 呆账余额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: bad_debt_balance - report_summary.bad_debt_balance.
--
-- feature: recon_recovery_accounts
--   zh: 被追偿账户数核对差
--   type: BIGINT
--   none: NULL
--   tables: accounts, report_summary
--   def: recovery_accounts - report_summary.recovery_accounts
--   (recourseInfoSummary.totalAccountNum).
--
-- feature: recon_recovery_balance
--   zh: 被追偿余额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: accounts, report_summary
--   def: recovery_balance - report_summary.recovery_balance.
--
-- feature: recon_od_accounts_{T}_60m for T in d1, r4, r1, r2, r3
--   zh: 近5年{T_zh}逾期账户数核对差
--   type: BIGINT
--   none: NULL
--   tables: repayments, reports, summary_overdue
--   def: od_accounts_{T}_60m - summary_overdue.accounts of the {T_up} line.
--
-- feature: recon_od_cells_{T}_60m for T in d1, r4, r1, r2, r3
--   zh: 近5年{T_zh}逾期月份数核对差
--   type: BIGINT
--   none: NULL
--   tables: repayments, reports, summary_overdue
--   def: od_cells_{T}_60m - summary_overdue.overdue_months (月份数) of the {T_up}
--   line.
--
-- feature: recon_od_max_{T}_60m for T in d1, r4, r1, r2, r3
--   zh: 近5年{T_zh}最长逾期月数核对差
--   type: INTEGER
--   none: NULL
--   tables: repayments, reports, summary_overdue
--   def: od_max_{T}_60m (0 when NULL) - summary_overdue.max_overdue_months
--   (最长逾期/透支月数) of the {T_up} line.
--
-- feature: recon_od_amount_{T}_60m for T in d1, r4, r1, r2, r3
--   zh: 近5年{T_zh}单月最高逾期总额核对差
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: repayments, reports, summary_overdue
--   def: od_month_amount_max_{T}_60m (0 when NULL) -
--   summary_overdue.max_monthly_overdue_amount of the {T_up} line.
--
-- feature: recon_guarantee_accounts_{K} for K in person, company
--   zh: 相关还款责任账户数核对差({K_zh})
--   type: BIGINT
--   none: NULL
--   tables: guarantees, report_summary
--   def: guarantee_accounts_{K} - ({K}_guarantee_accounts + {K}_other_duty_accounts
--   of report_summary, a missing one taken as 0); NULL when both are missing.
--
-- feature: recon_guarantee_balance_{K} for K in person, company
--   zh: 相关还款责任余额核对差({K_zh})
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: guarantees, report_summary
--   def: guarantee_balance_{K} - ({K}_guarantee_balance + {K}_other_duty_balance
--   of report_summary, a missing one taken as 0); NULL when both are missing.
--
-- feature: recon_public_{P} for P in tax, judgment, enforcement, penalty
--   zh: {P_zh}记录数核对差
--   type: BIGINT
--   none: NULL
--   tables: tax_arrears, civil_judgments, enforcements, admin_penalties, summary_public
--   def: The rows of the {P_zh} table (tax_arrears, civil_judgments, enforcements,
--   admin_penalties) - summary_public.records of the {P_zh}信息 lines.

WITH ov AS (
    -- The overdue summary, one column per account type.
    SELECT
        report_id,
        sum(accounts) FILTER (WHERE t = 'D1') AS accounts_d1,
        sum(accounts) FILTER (WHERE t = 'R4') AS accounts_r4,
        sum(accounts) FILTER (WHERE t = 'R1') AS accounts_r1,
        sum(accounts) FILTER (WHERE t = 'R2') AS accounts_r2,
        sum(accounts) FILTER (WHERE t = 'R3') AS accounts_r3,
        sum(overdue_months) FILTER (WHERE t = 'D1') AS months_d1,
        sum(overdue_months) FILTER (WHERE t = 'R4') AS months_r4,
        sum(overdue_months) FILTER (WHERE t = 'R1') AS months_r1,
        sum(overdue_months) FILTER (WHERE t = 'R2') AS months_r2,
        sum(overdue_months) FILTER (WHERE t = 'R3') AS months_r3,
        max(max_overdue_months) FILTER (WHERE t = 'D1') AS max_months_d1,
        max(max_overdue_months) FILTER (WHERE t = 'R4') AS max_months_r4,
        max(max_overdue_months) FILTER (WHERE t = 'R1') AS max_months_r1,
        max(max_overdue_months) FILTER (WHERE t = 'R2') AS max_months_r2,
        max(max_overdue_months) FILTER (WHERE t = 'R3') AS max_months_r3,
        max(max_monthly_overdue_amount) FILTER (WHERE t = 'D1') AS max_amount_d1,
        max(max_monthly_overdue_amount) FILTER (WHERE t = 'R4') AS max_amount_r4,
        max(max_monthly_overdue_amount) FILTER (WHERE t = 'R1') AS max_amount_r1,
        max(max_monthly_overdue_amount) FILTER (WHERE t = 'R2') AS max_amount_r2,
        max(max_monthly_overdue_amount) FILTER (WHERE t = 'R3') AS max_amount_r3
    FROM (SELECT *, summary_account_type(account_type_name) AS t FROM summary_overdue)
    GROUP BY report_id
),
pub AS (
    -- The public information summary, one column per record kind.
    SELECT
        report_id,
        sum(records) FILTER (WHERE k = 'tax') AS records_tax,
        sum(records) FILTER (WHERE k = 'judgment') AS records_judgment,
        sum(records) FILTER (WHERE k = 'enforcement') AS records_enforcement,
        sum(records) FILTER (WHERE k = 'penalty') AS records_penalty
    FROM (SELECT *, summary_public_kind(info_type) AS k FROM summary_public)
    GROUP BY report_id
),
u AS (
    -- The unsettled accounts (未结清/未销户) per type.
    SELECT
        r.report_id,
        count(*) FILTER (WHERE a.account_type = 'D1') AS n_d1,
        count(*) FILTER (WHERE a.account_type = 'R4') AS n_r4,
        count(*) FILTER (WHERE a.account_type = 'R1') AS n_r1,
        count(*) FILTER (WHERE a.account_type = 'R2') AS n_r2,
        count(*) FILTER (WHERE a.account_type = 'R3') AS n_r3,
        coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'D1'), 0) AS balance_d1,
        coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R4'), 0) AS balance_r4,
        coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R1'), 0) AS balance_r1,
        coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R3'), 0) AS balance_r3,
        coalesce(sum(coalesce(a.used_amount, a.balance)) FILTER (WHERE a.account_type = 'R2'), 0) AS used_r2,
        count(DISTINCT a.institution) FILTER (WHERE a.account_type = 'D1') AS orgs_d1,
        count(DISTINCT a.institution) FILTER (WHERE a.account_type = 'R4') AS orgs_r4,
        count(DISTINCT a.institution) FILTER (WHERE a.account_type = 'R1') AS orgs_r1,
        count(DISTINCT a.institution) FILTER (WHERE a.account_type = 'R2') AS orgs_r2,
        count(DISTINCT a.institution) FILTER (WHERE a.account_type = 'R3') AS orgs_r3
    FROM reports AS r
    LEFT JOIN (
        SELECT * FROM accounts WHERE is_unsettled(account_type, status)
    ) AS a ON a.report_id = r.report_id
    GROUP BY r.report_id
)
SELECT
    r.report_id,
    fq.q_loan_1m - s.q1m_loan_approval AS recon_q_loan_1m,
    fq.q_card_1m - s.q1m_card_approval AS recon_q_card_1m,
    fq.q_loan_org_1m - s.q1m_orgs_loan_approval AS recon_q_loan_org_1m,
    fq.q_card_org_1m - s.q1m_orgs_card_approval AS recon_q_card_org_1m,
    fq.q_self_1m - s.q1m_self AS recon_q_self_1m,
    fq.q_guarantee_24m - s.q2y_guarantee_check AS recon_q_guarantee_24m,
    fa.card_limit_total - s.r2_credit_total AS recon_card_limit,
    fa.accounts_d1 + fa.accounts_r4 + fa.accounts_r1 + fa.accounts_r2 + fa.accounts_r3 - s.credit_accounts_total AS recon_accounts_total,
    u.n_d1 - s.d1_accounts AS recon_accounts_d1,
    u.n_r4 - s.r4_accounts AS recon_accounts_r4,
    u.n_r1 - s.r1_accounts AS recon_accounts_r1,
    u.n_r2 - s.r2_accounts AS recon_accounts_r2,
    u.n_r3 - s.r3_accounts AS recon_accounts_r3,
    u.balance_d1 - s.d1_balance AS recon_balance_d1,
    u.balance_r4 - s.r4_balance AS recon_balance_r4,
    u.balance_r1 - s.r1_balance AS recon_balance_r1,
    u.used_r2 - s.r2_used AS recon_used_r2,
    u.balance_r3 - s.r3_overdraft_balance AS recon_balance_r3,
    u.orgs_d1 - s.d1_orgs AS recon_orgs_d1,
    u.orgs_r4 - s.r4_orgs AS recon_orgs_r4,
    u.orgs_r1 - s.r1_orgs AS recon_orgs_r1,
    u.orgs_r2 - s.r2_orgs AS recon_orgs_r2,
    u.orgs_r3 - s.r3_orgs AS recon_orgs_r3,
    fa.bad_debt_accounts - s.bad_debt_accounts AS recon_bad_debt_accounts,
    fa.bad_debt_balance - s.bad_debt_balance AS recon_bad_debt_balance,
    fa.recovery_accounts - s.recovery_accounts AS recon_recovery_accounts,
    fa.recovery_balance - s.recovery_balance AS recon_recovery_balance,
    fr.od_accounts_d1_60m - ov.accounts_d1 AS recon_od_accounts_d1_60m,
    fr.od_accounts_r4_60m - ov.accounts_r4 AS recon_od_accounts_r4_60m,
    fr.od_accounts_r1_60m - ov.accounts_r1 AS recon_od_accounts_r1_60m,
    fr.od_accounts_r2_60m - ov.accounts_r2 AS recon_od_accounts_r2_60m,
    fr.od_accounts_r3_60m - ov.accounts_r3 AS recon_od_accounts_r3_60m,
    fr.od_cells_d1_60m - ov.months_d1 AS recon_od_cells_d1_60m,
    fr.od_cells_r4_60m - ov.months_r4 AS recon_od_cells_r4_60m,
    fr.od_cells_r1_60m - ov.months_r1 AS recon_od_cells_r1_60m,
    fr.od_cells_r2_60m - ov.months_r2 AS recon_od_cells_r2_60m,
    fr.od_cells_r3_60m - ov.months_r3 AS recon_od_cells_r3_60m,
    coalesce(fr.od_max_d1_60m, 0) - ov.max_months_d1 AS recon_od_max_d1_60m,
    coalesce(fr.od_max_r4_60m, 0) - ov.max_months_r4 AS recon_od_max_r4_60m,
    coalesce(fr.od_max_r1_60m, 0) - ov.max_months_r1 AS recon_od_max_r1_60m,
    coalesce(fr.od_max_r2_60m, 0) - ov.max_months_r2 AS recon_od_max_r2_60m,
    coalesce(fr.od_max_r3_60m, 0) - ov.max_months_r3 AS recon_od_max_r3_60m,
    coalesce(fr.od_month_amount_max_d1_60m, 0) - ov.max_amount_d1 AS recon_od_amount_d1_60m,
    coalesce(fr.od_month_amount_max_r4_60m, 0) - ov.max_amount_r4 AS recon_od_amount_r4_60m,
    coalesce(fr.od_month_amount_max_r1_60m, 0) - ov.max_amount_r1 AS recon_od_amount_r1_60m,
    coalesce(fr.od_month_amount_max_r2_60m, 0) - ov.max_amount_r2 AS recon_od_amount_r2_60m,
    coalesce(fr.od_month_amount_max_r3_60m, 0) - ov.max_amount_r3 AS recon_od_amount_r3_60m,
    fp.guarantee_accounts_person - CASE WHEN s.person_guarantee_accounts IS NOT NULL OR s.person_other_duty_accounts IS NOT NULL
        THEN coalesce(s.person_guarantee_accounts, 0) + coalesce(s.person_other_duty_accounts, 0) END AS recon_guarantee_accounts_person,
    fp.guarantee_accounts_company - CASE WHEN s.company_guarantee_accounts IS NOT NULL OR s.company_other_duty_accounts IS NOT NULL
        THEN coalesce(s.company_guarantee_accounts, 0) + coalesce(s.company_other_duty_accounts, 0) END AS recon_guarantee_accounts_company,
    fp.guarantee_balance_person - CASE WHEN s.person_guarantee_balance IS NOT NULL OR s.person_other_duty_balance IS NOT NULL
        THEN coalesce(s.person_guarantee_balance, 0) + coalesce(s.person_other_duty_balance, 0) END AS recon_guarantee_balance_person,
    fp.guarantee_balance_company - CASE WHEN s.company_guarantee_balance IS NOT NULL OR s.company_other_duty_balance IS NOT NULL
        THEN coalesce(s.company_guarantee_balance, 0) + coalesce(s.company_other_duty_balance, 0) END AS recon_guarantee_balance_company,
    fp.tax_arrears_records - pub.records_tax AS recon_public_tax,
    fp.civil_judgments_records - pub.records_judgment AS recon_public_judgment,
    fp.enforcements_records - pub.records_enforcement AS recon_public_enforcement,
    fp.admin_penalties_records - pub.records_penalty AS recon_public_penalty
FROM reports AS r
LEFT JOIN report_summary AS s ON s.report_id = r.report_id
LEFT JOIN f_queries AS fq ON fq.report_id = r.report_id
LEFT JOIN f_repayments AS fr ON fr.report_id = r.report_id
LEFT JOIN f_accounts AS fa ON fa.report_id = r.report_id
LEFT JOIN f_public AS fp ON fp.report_id = r.report_id
LEFT JOIN ov ON ov.report_id = r.report_id
LEFT JOIN pub ON pub.report_id = r.report_id
LEFT JOIN u ON u.report_id = r.report_id
