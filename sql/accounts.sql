-- group: accounts
-- title: Accounts | 信贷账户
-- about: Counts and sums over table accounts, as the report states them at its
--   cut-off. Credit accounts are D1, R4, R1, R2 and R3 (C1 recovery accounts only
--   where a feature names them); loans are D1, R4 and R1, cards R2. Open loan,
--   open card and the NULL status rule are defined above. Utilization of one card
--   is used_amount / credit_limit, defined when credit_limit > 0 and used_amount
--   is not NULL; "above 70%" means used_amount * 10 > credit_limit * 7, computed
--   exactly on the decimals.
--
-- feature: cur_overdue_amount
--   zh: 当前逾期总额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of overdue_amount over the credit accounts (0 if none).
--
-- feature: cur_overdue_accounts
--   zh: 当前逾期账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts with overdue_amount > 0 or overdue_periods > 0.
--
-- feature: cur_overdue_periods_max
--   zh: 当前最高逾期期数
--   type: INTEGER
--   none: NULL
--   tables: accounts
--   def: The largest overdue_periods over the credit accounts; NULL if none is
--   given.
--
-- feature: open_loans
--   zh: 未结清贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open loans: D1, R4 or R1 whose status contains neither 结清 nor 转出.
--
-- feature: open_loan_balance
--   zh: 未结清贷款余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the open loans.
--
-- feature: open_loan_orgs
--   zh: 未结清贷款机构数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Distinct institution among the open loans.
--
-- feature: open_cards
--   zh: 未销户贷记卡账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open cards: R2 whose status contains neither 销户 nor 未激活.
--
-- feature: open_card_orgs
--   zh: 未销户贷记卡发卡机构数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Distinct institution among the open cards.
--
-- feature: card_limit_total
--   zh: 贷记卡授信总额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of credit_limit over the open cards.
--
-- feature: card_used_total
--   zh: 贷记卡已用额度
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of used_amount over the open cards.
--
-- feature: card_utilization
--   zh: 贷记卡额度使用率
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: card_used_total / card_limit_total; NULL when card_limit_total is 0.
--
-- feature: card_util_max
--   zh: 单张贷记卡最高使用率
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: The largest utilization of one open card; NULL if no open card has a
--   utilization.
--
-- feature: card_util_over70_share
--   zh: 使用率超过70%的贷记卡占比
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: Open cards whose utilization is above 70%, divided by the open cards
--   that have a utilization; NULL if none has.
--
-- feature: card_util_over90_share
--   zh: 使用率超过90%的贷记卡占比
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: Open cards whose utilization is above 90% (used_amount * 10 >
--   credit_limit * 9), divided by the open cards that have a utilization; NULL if
--   none has.
--
-- feature: monthly_debt_service
--   zh: 每月应还款总额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of scheduled_payment (本月应还款) over the open loans and the open
--   cards.
--
-- feature: oldest_account_months
--   zh: 最早开户距今月数
--   type: BIGINT
--   none: NULL
--   tables: accounts, reports
--   def: Whole months from the earliest open_date of the credit accounts to R
--   (datediff('month', open_date, R)); NULL if none has an open_date.
--
-- feature: newest_account_months
--   zh: 最近开户距今月数
--   type: BIGINT
--   none: NULL
--   tables: accounts, reports
--   def: Whole months from the latest open_date of the credit accounts to R;
--   NULL if none has an open_date.
--
-- feature: new_loans_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月新开贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: Loans (D1, R4, R1, any status) whose open_date is in W_{N}.
--
-- feature: new_cards_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月新开贷记卡账户数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: R2 cards (any status) whose open_date is in W_{N}.
--
-- feature: new_accounts_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月新开信贷账户数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: Credit accounts (any status) whose open_date is in W_{N}.
--
-- feature: new_orgs_{N}m for N in 6, 12, 24
--   zh: 近{N}个月新开账户机构数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: Distinct institution among the accounts counted by new_accounts_{N}m.
--
-- feature: orgs_total
--   zh: 信贷账户机构总数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Distinct institution among all credit accounts, any status.
--
-- feature: accounts_{T} for T in c1, d1, r4, r1, r2, r3
--   zh: {T_zh}数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Accounts of type {T_up}, any status.
--
-- feature: open_{T} for T in d1, r4, r1, r2, r3
--   zh: 未结清/未销户{T_zh}数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open accounts of type {T_up} (the open loan rule for D1, R4, R1; the open
--   card rule for R2 and R3).
--
-- feature: open_balance_{T} for T in d1, r4, r1, r2, r3
--   zh: 未结清/未销户{T_zh}余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the open accounts of type {T_up} (for R3 the balance
--   is the overdraft, 透支余额).
--
-- feature: bad_debt_accounts
--   zh: 呆账账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose status contains 呆账.
--
-- feature: bad_debt_balance
--   zh: 呆账余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the credit accounts whose status contains 呆账.
--
-- feature: five_class_watch_accounts
--   zh: 五级分类为关注的账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose five_class is 关注.
--
-- feature: five_class_bad_accounts
--   zh: 五级分类为次级及以下的账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose five_class is 次级, 可疑 or 损失.
--
-- feature: recovery_accounts
--   zh: 被追偿账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: C1 accounts (被追偿账户).
--
-- feature: recovery_balance
--   zh: 被追偿余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the C1 accounts.

SELECT
    r.report_id,
    coalesce(sum(a.overdue_amount) FILTER (WHERE a.credit), 0) AS cur_overdue_amount,
    count(*) FILTER (WHERE a.credit AND (a.overdue_amount > 0 OR a.overdue_periods > 0)) AS cur_overdue_accounts,
    max(a.overdue_periods) FILTER (WHERE a.credit) AS cur_overdue_periods_max,
    count(*) FILTER (WHERE a.open_loan) AS open_loans,
    coalesce(sum(a.balance) FILTER (WHERE a.open_loan), 0) AS open_loan_balance,
    count(DISTINCT a.institution) FILTER (WHERE a.open_loan) AS open_loan_orgs,
    count(*) FILTER (WHERE a.open_card) AS open_cards,
    count(DISTINCT a.institution) FILTER (WHERE a.open_card) AS open_card_orgs,
    coalesce(sum(a.credit_limit) FILTER (WHERE a.open_card), 0) AS card_limit_total,
    coalesce(sum(a.used_amount) FILTER (WHERE a.open_card), 0) AS card_used_total,
    CAST(coalesce(sum(a.used_amount) FILTER (WHERE a.open_card), 0) AS DOUBLE)
        / CAST(nullif(sum(a.credit_limit) FILTER (WHERE a.open_card), 0) AS DOUBLE) AS card_utilization,
    max(a.util) FILTER (WHERE a.open_card) AS card_util_max,
    CAST(count(*) FILTER (WHERE a.open_card AND a.util IS NOT NULL AND a.used_amount * 10 > a.credit_limit * 7) AS DOUBLE)
        / nullif(count(a.util) FILTER (WHERE a.open_card), 0) AS card_util_over70_share,
    CAST(count(*) FILTER (WHERE a.open_card AND a.util IS NOT NULL AND a.used_amount * 10 > a.credit_limit * 9) AS DOUBLE)
        / nullif(count(a.util) FILTER (WHERE a.open_card), 0) AS card_util_over90_share,
    coalesce(sum(a.scheduled_payment) FILTER (WHERE a.open_loan OR a.open_card), 0) AS monthly_debt_service,
    datediff('month', min(a.open_date) FILTER (WHERE a.credit), r.report_date) AS oldest_account_months,
    datediff('month', max(a.open_date) FILTER (WHERE a.credit), r.report_date) AS newest_account_months,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 1)) AS new_loans_1m,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 3)) AS new_loans_3m,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 6)) AS new_loans_6m,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 12)) AS new_loans_12m,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 24)) AS new_loans_24m,
    count(*) FILTER (WHERE a.account_type IN ('D1', 'R4', 'R1') AND in_window(a.open_date, r.report_date, 60)) AS new_loans_60m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 1)) AS new_cards_1m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 3)) AS new_cards_3m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 6)) AS new_cards_6m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 12)) AS new_cards_12m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 24)) AS new_cards_24m,
    count(*) FILTER (WHERE a.account_type = 'R2' AND in_window(a.open_date, r.report_date, 60)) AS new_cards_60m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 1)) AS new_accounts_1m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 3)) AS new_accounts_3m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 6)) AS new_accounts_6m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 12)) AS new_accounts_12m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 24)) AS new_accounts_24m,
    count(*) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 60)) AS new_accounts_60m,
    count(DISTINCT a.institution) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 6)) AS new_orgs_6m,
    count(DISTINCT a.institution) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 12)) AS new_orgs_12m,
    count(DISTINCT a.institution) FILTER (WHERE a.credit AND in_window(a.open_date, r.report_date, 24)) AS new_orgs_24m,
    count(DISTINCT a.institution) FILTER (WHERE a.credit) AS orgs_total,
    count(*) FILTER (WHERE a.account_type = 'C1') AS accounts_c1,
    count(*) FILTER (WHERE a.account_type = 'D1') AS accounts_d1,
    count(*) FILTER (WHERE a.account_type = 'R4') AS accounts_r4,
    count(*) FILTER (WHERE a.account_type = 'R1') AS accounts_r1,
    count(*) FILTER (WHERE a.account_type = 'R2') AS accounts_r2,
    count(*) FILTER (WHERE a.account_type = 'R3') AS accounts_r3,
    count(*) FILTER (WHERE a.account_type = 'D1' AND a.is_open) AS open_d1,
    count(*) FILTER (WHERE a.account_type = 'R4' AND a.is_open) AS open_r4,
    count(*) FILTER (WHERE a.account_type = 'R1' AND a.is_open) AS open_r1,
    count(*) FILTER (WHERE a.account_type = 'R2' AND a.is_open) AS open_r2,
    count(*) FILTER (WHERE a.account_type = 'R3' AND a.is_open) AS open_r3,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'D1' AND a.is_open), 0) AS open_balance_d1,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R4' AND a.is_open), 0) AS open_balance_r4,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R1' AND a.is_open), 0) AS open_balance_r1,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R2' AND a.is_open), 0) AS open_balance_r2,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'R3' AND a.is_open), 0) AS open_balance_r3,
    count(*) FILTER (WHERE a.credit AND contains(a.status, '呆账')) AS bad_debt_accounts,
    coalesce(sum(a.balance) FILTER (WHERE a.credit AND contains(a.status, '呆账')), 0) AS bad_debt_balance,
    count(*) FILTER (WHERE a.credit AND a.five_class = '关注') AS five_class_watch_accounts,
    count(*) FILTER (WHERE a.credit AND a.five_class IN ('次级', '可疑', '损失')) AS five_class_bad_accounts,
    count(*) FILTER (WHERE a.account_type = 'C1') AS recovery_accounts,
    coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'C1'), 0) AS recovery_balance
FROM reports AS r
LEFT JOIN (
    SELECT
        *,
        account_type IN ('D1', 'R4', 'R1', 'R2', 'R3') AS credit,
        is_open(account_type, status) AS is_open,
        account_type IN ('D1', 'R4', 'R1') AND is_open(account_type, status) AS open_loan,
        account_type = 'R2' AND is_open(account_type, status) AS open_card,
        CASE WHEN credit_limit > 0 AND used_amount IS NOT NULL
             THEN CAST(used_amount AS DOUBLE) / CAST(credit_limit AS DOUBLE) END AS util
    FROM accounts
) AS a ON a.report_id = r.report_id
GROUP BY r.report_id, r.report_date
