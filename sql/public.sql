-- group: public
-- title: Public records, guarantees and contacts | 公共信息、相关还款责任与联系信息
-- about: Counts and sums over the repayment duties for others' loans (table
--   guarantees, kind person = 个人借款, company = 企业借款), the public record
--   tables, and the contact lists (phones, residences). A guarantee's class is
--   its five_class in the order 正常 < 关注 < 次级 < 可疑 < 损失 < 违约; its
--   repayment state is repay_state (还款状态, given for person guarantees only). Negative public records are the rows of tax_arrears, civil_judgments,
--   enforcements and admin_penalties; each is dated by tax_arrears.stat_date,
--   civil_judgments.filing_date, enforcements.filing_date and
--   admin_penalties.effective_date respectively.
--
-- feature: guarantee_accounts
--   zh: 相关还款责任账户数
--   type: BIGINT
--   none: 0
--   tables: guarantees
--   def: Rows of guarantees, both kinds.
--
-- feature: guarantee_balance
--   zh: 相关还款责任余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: guarantees
--   def: Sum of guarantees.balance, both kinds.
--
-- feature: guarantee_duty_amount
--   zh: 相关还款责任金额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: guarantees
--   def: Sum of guarantees.duty_amount (还款责任金额), both kinds.
--
-- feature: guarantee_accounts_{K} for K in person, company
--   zh: 相关还款责任账户数({K_zh})
--   type: BIGINT
--   none: 0
--   tables: guarantees
--   def: Rows of guarantees of kind {K}.
--
-- feature: guarantee_balance_{K} for K in person, company
--   zh: 相关还款责任余额({K_zh})
--   type: DECIMAL(18,2)
--   none: 0
--   tables: guarantees
--   def: Sum of balance over the guarantees of kind {K}.
--
-- feature: guarantee_watch_or_worse
--   zh: 五级分类为关注及以下的相关还款责任数
--   type: BIGINT
--   none: 0
--   tables: guarantees
--   def: Rows of guarantees whose five_class is 关注 or worse: 关注, 次级, 可疑, 损失
--   or 违约.
--
-- feature: guarantee_bad_accounts
--   zh: 相关还款责任不良账户数
--   type: BIGINT
--   none: 0
--   tables: guarantees
--   def: Rows of guarantees whose five_class is 次级 or worse (次级, 可疑, 损失,
--   违约), or whose repay_state is neither NULL nor 正常.
--
-- feature: negative_public_records
--   zh: 负面公共记录数
--   type: BIGINT
--   none: 0
--   tables: tax_arrears, civil_judgments, enforcements, admin_penalties
--   def: Rows in tax_arrears, civil_judgments, enforcements and admin_penalties.
--
-- feature: negative_public_records_{N}m for N in 24, 60
--   zh: 近{N}个月负面公共记录数
--   type: BIGINT
--   none: 0
--   tables: tax_arrears, civil_judgments, enforcements, admin_penalties, reports
--   def: Negative public records whose date is in W_{N}.
--
-- feature: enforcements_24m
--   zh: 近24个月强制执行记录数
--   type: BIGINT
--   none: 0
--   tables: enforcements, reports
--   def: Rows of enforcements whose filing_date is in W_24.
--
-- feature: tax_arrears_records
--   zh: 欠税记录数
--   type: BIGINT
--   none: 0
--   tables: tax_arrears
--   def: Rows of tax_arrears.
--
-- feature: tax_arrears_amount
--   zh: 欠税总额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: tax_arrears
--   def: Sum of tax_arrears.amount.
--
-- feature: civil_judgments_records
--   zh: 民事判决记录数
--   type: BIGINT
--   none: 0
--   tables: civil_judgments
--   def: Rows of civil_judgments.
--
-- feature: civil_judgments_amount
--   zh: 民事判决诉讼标的金额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: civil_judgments
--   def: Sum of civil_judgments.subject_amount.
--
-- feature: enforcements_records
--   zh: 强制执行记录数
--   type: BIGINT
--   none: 0
--   tables: enforcements
--   def: Rows of enforcements.
--
-- feature: enforcements_amount
--   zh: 强制执行申请执行标的价值
--   type: DECIMAL(18,2)
--   none: 0
--   tables: enforcements
--   def: Sum of enforcements.applied_amount.
--
-- feature: admin_penalties_records
--   zh: 行政处罚记录数
--   type: BIGINT
--   none: 0
--   tables: admin_penalties
--   def: Rows of admin_penalties.
--
-- feature: admin_penalties_amount
--   zh: 行政处罚金额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: admin_penalties
--   def: Sum of admin_penalties.amount.
--
-- feature: housing_fund_records
--   zh: 住房公积金参缴记录数
--   type: BIGINT
--   none: 0
--   tables: housing_fund
--   def: Rows of housing_fund.
--
-- feature: housing_fund_monthly_amount
--   zh: 住房公积金缴交中月缴存额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: housing_fund
--   def: Sum of monthly_amount over the housing_fund rows whose status contains
--   缴交 (contributing).
--
-- feature: social_assistance_records
--   zh: 低保救助记录数
--   type: BIGINT
--   none: 0
--   tables: social_assistance
--   def: Rows of social_assistance.
--
-- feature: phones_{N}m for N in 6, 12
--   zh: 近{N}个月更新的手机号码数
--   type: BIGINT
--   none: 0
--   tables: phones, reports
--   def: Distinct phone numbers (phones.phone, not NULL) whose updated_at is in
--   W_{N}: contact churn.
--
-- feature: residences_12m
--   zh: 近12个月更新的居住地址数
--   type: BIGINT
--   none: 0
--   tables: residences, reports
--   def: Distinct addresses (residences.address, not NULL) whose updated_at is in
--   W_12.

WITH g AS (
    SELECT
        report_id,
        count(*) AS guarantee_accounts,
        sum(balance) AS guarantee_balance,
        sum(duty_amount) AS guarantee_duty_amount,
        count(*) FILTER (WHERE kind = 'person') AS guarantee_accounts_person,
        count(*) FILTER (WHERE kind = 'company') AS guarantee_accounts_company,
        sum(balance) FILTER (WHERE kind = 'person') AS guarantee_balance_person,
        sum(balance) FILTER (WHERE kind = 'company') AS guarantee_balance_company,
        count(*) FILTER (WHERE class_rank(five_class) >= 2) AS guarantee_watch_or_worse,
        count(*) FILTER (WHERE class_rank(five_class) >= 3 OR (repay_state IS NOT NULL AND repay_state <> '正常')) AS guarantee_bad_accounts
    FROM guarantees
    GROUP BY report_id
),
negative AS (
    SELECT report_id, 'tax' AS kind, stat_date AS d, amount FROM tax_arrears
    UNION ALL
    SELECT report_id, 'judgment', filing_date, subject_amount FROM civil_judgments
    UNION ALL
    SELECT report_id, 'enforcement', filing_date, applied_amount FROM enforcements
    UNION ALL
    SELECT report_id, 'penalty', effective_date, amount FROM admin_penalties
),
neg AS (
    SELECT
        n.report_id,
        count(*) AS negative_public_records,
        count(*) FILTER (WHERE in_window(n.d, r.report_date, 24)) AS negative_public_records_24m,
        count(*) FILTER (WHERE in_window(n.d, r.report_date, 60)) AS negative_public_records_60m,
        count(*) FILTER (WHERE n.kind = 'enforcement' AND in_window(n.d, r.report_date, 24)) AS enforcements_24m,
        count(*) FILTER (WHERE n.kind = 'tax') AS tax_arrears_records,
        sum(n.amount) FILTER (WHERE n.kind = 'tax') AS tax_arrears_amount,
        count(*) FILTER (WHERE n.kind = 'judgment') AS civil_judgments_records,
        sum(n.amount) FILTER (WHERE n.kind = 'judgment') AS civil_judgments_amount,
        count(*) FILTER (WHERE n.kind = 'enforcement') AS enforcements_records,
        sum(n.amount) FILTER (WHERE n.kind = 'enforcement') AS enforcements_amount,
        count(*) FILTER (WHERE n.kind = 'penalty') AS admin_penalties_records,
        sum(n.amount) FILTER (WHERE n.kind = 'penalty') AS admin_penalties_amount
    FROM negative AS n
    JOIN reports AS r ON r.report_id = n.report_id
    GROUP BY n.report_id
),
hf AS (
    SELECT
        report_id,
        count(*) AS housing_fund_records,
        sum(monthly_amount) FILTER (WHERE contains(status, '缴交')) AS housing_fund_monthly_amount
    FROM housing_fund
    GROUP BY report_id
),
sa AS (
    SELECT report_id, count(*) AS social_assistance_records
    FROM social_assistance
    GROUP BY report_id
),
ph AS (
    SELECT
        p.report_id,
        count(DISTINCT p.phone) FILTER (WHERE in_window(p.updated_at, r.report_date, 6)) AS phones_6m,
        count(DISTINCT p.phone) FILTER (WHERE in_window(p.updated_at, r.report_date, 12)) AS phones_12m
    FROM phones AS p
    JOIN reports AS r ON r.report_id = p.report_id
    GROUP BY p.report_id
),
res AS (
    SELECT
        x.report_id,
        count(DISTINCT x.address) FILTER (WHERE in_window(x.updated_at, r.report_date, 12)) AS residences_12m
    FROM residences AS x
    JOIN reports AS r ON r.report_id = x.report_id
    GROUP BY x.report_id
)
SELECT
    r.report_id,
    coalesce(g.guarantee_accounts, 0) AS guarantee_accounts,
    coalesce(g.guarantee_balance, 0) AS guarantee_balance,
    coalesce(g.guarantee_duty_amount, 0) AS guarantee_duty_amount,
    coalesce(g.guarantee_accounts_person, 0) AS guarantee_accounts_person,
    coalesce(g.guarantee_accounts_company, 0) AS guarantee_accounts_company,
    coalesce(g.guarantee_balance_person, 0) AS guarantee_balance_person,
    coalesce(g.guarantee_balance_company, 0) AS guarantee_balance_company,
    coalesce(g.guarantee_watch_or_worse, 0) AS guarantee_watch_or_worse,
    coalesce(g.guarantee_bad_accounts, 0) AS guarantee_bad_accounts,
    coalesce(neg.negative_public_records, 0) AS negative_public_records,
    coalesce(neg.negative_public_records_24m, 0) AS negative_public_records_24m,
    coalesce(neg.negative_public_records_60m, 0) AS negative_public_records_60m,
    coalesce(neg.enforcements_24m, 0) AS enforcements_24m,
    coalesce(neg.tax_arrears_records, 0) AS tax_arrears_records,
    coalesce(neg.tax_arrears_amount, 0) AS tax_arrears_amount,
    coalesce(neg.civil_judgments_records, 0) AS civil_judgments_records,
    coalesce(neg.civil_judgments_amount, 0) AS civil_judgments_amount,
    coalesce(neg.enforcements_records, 0) AS enforcements_records,
    coalesce(neg.enforcements_amount, 0) AS enforcements_amount,
    coalesce(neg.admin_penalties_records, 0) AS admin_penalties_records,
    coalesce(neg.admin_penalties_amount, 0) AS admin_penalties_amount,
    coalesce(hf.housing_fund_records, 0) AS housing_fund_records,
    coalesce(hf.housing_fund_monthly_amount, 0) AS housing_fund_monthly_amount,
    coalesce(sa.social_assistance_records, 0) AS social_assistance_records,
    coalesce(ph.phones_6m, 0) AS phones_6m,
    coalesce(ph.phones_12m, 0) AS phones_12m,
    coalesce(res.residences_12m, 0) AS residences_12m
FROM reports AS r
LEFT JOIN g ON g.report_id = r.report_id
LEFT JOIN neg ON neg.report_id = r.report_id
LEFT JOIN hf ON hf.report_id = r.report_id
LEFT JOIN sa ON sa.report_id = r.report_id
LEFT JOIN ph ON ph.report_id = r.report_id
LEFT JOIN res ON res.report_id = r.report_id
