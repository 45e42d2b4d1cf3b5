-- group: accounts
-- title: Accounts | 信贷账户
-- about: Counts and sums over table accounts, as the report states them at its
--   cut-off. Credit accounts are D1, R4, R1, R2 and R3 (C1 recovery accounts only
--   where a feature names them); loans are D1, R4 and R1, cards R2. Open loan,
--   live card, open card, CNY, NB, the five-level order and the NULL status rule
--   are defined above. Product class of a loan, from business_type, the first
--   that matches (macro product_class): mortgage (contains 住房 or 商用房), auto
--   (汽车), business (经营), student (助学), farmer (农户), else consumer (a NULL
--   business_type too). Utilization of one card is used_amount / credit_limit,
--   defined when credit_limit > 0 and used_amount is not NULL; thresholds are
--   compared exactly on the decimals ("at least 80%" is used_amount * 10 >=
--   credit_limit * 8, "above 70%" is used_amount * 10 > credit_limit * 7).
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
-- feature: cur_overdue_3p_accounts
--   zh: 当前逾期3期及以上账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts with overdue_periods >= 3.
--
-- feature: cur_overdue_periods_max
--   zh: 当前最高逾期期数
--   type: INTEGER
--   none: NULL
--   tables: accounts
--   def: The largest overdue_periods over the credit accounts; NULL if none is
--   given.
--
-- feature: overdue_principal_31_60
--   zh: 未结清贷款逾期31-60天未还本金合计
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of overdue_31_60_principal (逾期31-60天未还本金) over the open loans (0 if
--   none).
--
-- feature: overdue_principal_61_90
--   zh: 未结清贷款逾期61-90天未还本金合计
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of overdue_61_90_principal (逾期61-90天未还本金) over the open loans (0 if
--   none).
--
-- feature: overdue_principal_91_180
--   zh: 未结清贷款逾期91-180天未还本金合计
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of overdue_91_180_principal (逾期91-180天未还本金) over the open loans (0
--   if none).
--
-- feature: overdue_principal_180p
--   zh: 未结清贷款逾期180天以上未还本金合计
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of overdue_180_plus_principal (逾期180天以上未还本金) over the open loans (0
--   if none).
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
-- feature: open_nb_loans
--   zh: 非银机构未结清贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open loans at NB institutions (institution_type not NULL and not bank,
--   housing_fund or other).
--
-- feature: open_nb_loan_balance
--   zh: 非银机构未结清贷款余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the open loans at NB institutions.
--
-- feature: open_{C}_loans for C in mortgage, auto, business, consumer
--   zh: 未结清{C_zh}账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open loans of product class {C} (see above: from business_type, the
--   first of mortgage, auto, business, student, farmer that matches, else
--   consumer).
--
-- feature: open_{C}_balance for C in mortgage, auto, business, consumer
--   zh: 未结清{C_zh}余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the open loans of product class {C}.
--
-- feature: has_mortgage
--   zh: 是否有未结清住房贷款
--   type: INTEGER
--   none: 0
--   tables: accounts
--   def: 1 when there is an open loan of product class mortgage (business_type
--   contains 住房 or 商用房; 住房公积金贷款 included), else 0. A settled mortgage does not
--   count.
--
-- feature: open_unsecured_loan_balance
--   zh: 未结清信用类贷款余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of balance over the open loans whose guarantee_type contains 信用 or
--   免担保.
--
-- feature: unsecured_share
--   zh: 信用类贷款余额占比
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: open_unsecured_loan_balance / open_loan_balance; NULL when
--   open_loan_balance is 0.
--
-- feature: small_loans_open
--   zh: 未结清小额贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open loans whose loan_amount is at most 5,000.00 (a NULL loan_amount is
--   not small).
--
-- feature: small_loans_new_{N}m for N in 3, 6
--   zh: 近{N}个月新开小额贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: Loans (D1, R4, R1, any status) whose open_date is in W_{N} and whose
--   loan_amount is at most 5,000.00.
--
-- feature: nb_loans_new_{N}m for N in 3, 6
--   zh: 近{N}个月非银机构新开贷款账户数
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: Loans (D1, R4, R1, any status) at NB institutions whose open_date is in
--   W_{N}.
--
-- feature: open_cards
--   zh: 未销户已激活贷记卡账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Open cards: live R2 cards (status does not contain 销户) whose status does
--   not contain 未激活, any currency.
--
-- feature: inactive_cards
--   zh: 未激活贷记卡账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Live R2 cards (status does not contain 销户) whose status contains 未激活.
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
--   def: Over the live CNY cards (R2, status not 销户, 未激活 included; currency NULL,
--   人民币, 人民币元 or CNY): the largest credit_limit per institution, summed. A shared
--   limit, or a card repeated per currency, counts once; a card without an
--   institution counts on its own. PBOC's own card credit total
--   (report_summary.r2_credit_total) is built this way.
--
-- feature: card_used_total
--   zh: 贷记卡已用额度
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of used_amount over the live CNY cards.
--
-- feature: card_utilization
--   zh: 贷记卡额度使用率
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: card_used_total / card_limit_total; NULL when card_limit_total is 0.
--
-- feature: card_avg6m_utilization
--   zh: 贷记卡近6个月平均额度使用率
--   type: DOUBLE
--   none: NULL
--   tables: accounts
--   def: Sum of avg_6m_used (最近6个月平均使用额度) over the live CNY cards (a card
--   without one adds 0, like every amount sum) / card_limit_total; NULL when
--   card_limit_total is 0.
--
-- feature: card_util_ge_{N}_cards for N in 80, 100
--   zh: 额度使用率达{N}%的贷记卡数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Live CNY cards with credit_limit > 0 and used_amount / credit_limit >=
--   {N}% (compared exactly: used_amount * 100 >= credit_limit * {N}).
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
-- feature: large_installment_used
--   zh: 大额专项分期已用额度
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Sum of large_installment_used (大额专项分期已用分期额度) over the live cards, any
--   currency.
--
-- feature: monthly_debt_service
--   zh: 每月应还款总额(含推算)
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts
--   def: Summed over the open loans: the larger of scheduled_payment (本月应还款) and
--   balance / remaining_periods (when both are given and remaining_periods > 0);
--   and over the live cards (R2, any currency): the larger of scheduled_payment
--   and 10% of avg_6m_used. Each account's imputed amount is rounded to the cent
--   (half away from zero) first; an account with neither value adds nothing.
--
-- feature: loans_due_3m_balance
--   zh: 未来3个月到期贷款余额
--   type: DECIMAL(18,2)
--   none: 0
--   tables: accounts, reports
--   def: Sum of balance over the open loans whose maturity_date is in (R, R + 3
--   months].
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
-- feature: abnormal_status_accounts
--   zh: 账户状态异常账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose status contains 冻结, 止付, 司法追偿, 担保物不足 or 强制平仓.
--
-- feature: five_class_watch_accounts
--   zh: 五级分类为关注的账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose class, the worse of five_class and
--   after_cutoff_five_class (正常 < 关注 < 次级 < 可疑 < 损失 < 违约), is 关注.
--
-- feature: five_class_bad_accounts
--   zh: 五级分类为次级及以下的账户数
--   type: BIGINT
--   none: 0
--   tables: accounts
--   def: Credit accounts whose class, the worse of five_class and
--   after_cutoff_five_class (正常 < 关注 < 次级 < 可疑 < 损失 < 违约), is 次级 or worse: 次级,
--   可疑, 损失 or 违约.
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
--
-- feature: special_compensation_{N}m for N in 24, 60
--   zh: 近{N}个月代偿特殊交易次数
--   type: BIGINT
--   none: 0
--   tables: account_special_trans, reports
--   def: Special transactions (rows of account_special_trans) of the credit
--   accounts (D1, R4, R1, R2, R3) whose trans_type contains 代偿 and whose
--   occur_date is in W_{N}.
--
-- feature: special_asset_repay_{N}m for N in 24, 60
--   zh: 近{N}个月以资抵债特殊交易次数
--   type: BIGINT
--   none: 0
--   tables: account_special_trans, reports
--   def: Special transactions of the credit accounts whose trans_type contains
--   以资抵债 and whose occur_date is in W_{N}.
--
-- feature: special_extension_{N}m for N in 24, 60
--   zh: 近{N}个月展期或延期特殊交易次数
--   type: BIGINT
--   none: 0
--   tables: account_special_trans, reports
--   def: Special transactions of the credit accounts whose trans_type contains
--   展期 or 延期 and whose occur_date is in W_{N}.
--
-- feature: special_early_repay_{N}m for N in 24, 60
--   zh: 近{N}个月提前还款或提前结清特殊交易次数
--   type: BIGINT
--   none: 0
--   tables: account_special_trans, reports
--   def: Special transactions of the credit accounts whose trans_type contains
--   提前还款 or 提前结清 and whose occur_date is in W_{N}.

WITH a AS (
    -- Every account with its flags (the conventions' macros).
    SELECT
        *,
        account_type IN ('D1', 'R4', 'R1', 'R2', 'R3') AS credit,
        account_type IN ('D1', 'R4', 'R1') AS loan,
        is_open(account_type, status) AS is_open,
        account_type IN ('D1', 'R4', 'R1') AND is_open(account_type, status) AS open_loan,
        account_type = 'R2' AND is_open(account_type, status) AS open_card,
        account_type = 'R2' AND is_unsettled(account_type, status) AS live_card,
        account_type = 'R2' AND is_unsettled(account_type, status) AND is_cny(currency) AS live_cny,
        is_nb(institution_type) AS nb,
        CASE WHEN account_type IN ('D1', 'R4', 'R1') THEN product_class(business_type) END AS cls,
        greatest(class_rank(five_class), class_rank(after_cutoff_five_class)) AS cls_rank,
        coalesce(contains(guarantee_type, '信用') OR contains(guarantee_type, '免担保'), false) AS unsecured,
        CASE WHEN credit_limit > 0 AND used_amount IS NOT NULL
             THEN CAST(used_amount AS DOUBLE) / CAST(credit_limit AS DOUBLE) END AS util,
        -- The account's monthly debt service: open loans and live cards only.
        CASE
            WHEN account_type IN ('D1', 'R4', 'R1') AND is_open(account_type, status)
            THEN greatest(scheduled_payment,
                          CASE WHEN remaining_periods > 0 THEN div_cents(balance, remaining_periods) END)
            WHEN account_type = 'R2' AND is_unsettled(account_type, status)
            THEN greatest(scheduled_payment, round(avg_6m_used * CAST(0.1 AS DECIMAL(2, 1)), 2))
        END AS debt_service
    FROM accounts
),
card_limits AS (
    -- Live CNY cards: the largest credit_limit per institution (a card without
    -- an institution on its own), summed.
    SELECT report_id, sum(max_limit) AS card_limit_total
    FROM (
        SELECT report_id, max(credit_limit) AS max_limit
        FROM accounts
        WHERE account_type = 'R2' AND is_unsettled(account_type, status) AND is_cny(currency)
        GROUP BY report_id, institution, CASE WHEN institution IS NULL THEN account_id END
    )
    GROUP BY report_id
),
special AS (
    SELECT
        s.report_id,
        count(*) FILTER (WHERE contains(s.trans_type, '代偿') AND in_window(s.occur_date, r.report_date, 24)) AS special_compensation_24m,
        count(*) FILTER (WHERE contains(s.trans_type, '代偿') AND in_window(s.occur_date, r.report_date, 60)) AS special_compensation_60m,
        count(*) FILTER (WHERE contains(s.trans_type, '以资抵债') AND in_window(s.occur_date, r.report_date, 24)) AS special_asset_repay_24m,
        count(*) FILTER (WHERE contains(s.trans_type, '以资抵债') AND in_window(s.occur_date, r.report_date, 60)) AS special_asset_repay_60m,
        count(*) FILTER (WHERE (contains(s.trans_type, '展期') OR contains(s.trans_type, '延期'))
                           AND in_window(s.occur_date, r.report_date, 24)) AS special_extension_24m,
        count(*) FILTER (WHERE (contains(s.trans_type, '展期') OR contains(s.trans_type, '延期'))
                           AND in_window(s.occur_date, r.report_date, 60)) AS special_extension_60m,
        count(*) FILTER (WHERE (contains(s.trans_type, '提前还款') OR contains(s.trans_type, '提前结清'))
                           AND in_window(s.occur_date, r.report_date, 24)) AS special_early_repay_24m,
        count(*) FILTER (WHERE (contains(s.trans_type, '提前还款') OR contains(s.trans_type, '提前结清'))
                           AND in_window(s.occur_date, r.report_date, 60)) AS special_early_repay_60m
    FROM account_special_trans AS s
    JOIN reports AS r ON r.report_id = s.report_id
    WHERE s.account_type IN ('D1', 'R4', 'R1', 'R2', 'R3')
    GROUP BY s.report_id
),
aw AS MATERIALIZED (
    -- The accounts with the windows their open_date is in, computed once an
    -- account.
    SELECT
        a.*,
        in_window(a.open_date, r.report_date, 1) AS w1,
        in_window(a.open_date, r.report_date, 3) AS w3,
        in_window(a.open_date, r.report_date, 6) AS w6,
        in_window(a.open_date, r.report_date, 12) AS w12,
        in_window(a.open_date, r.report_date, 24) AS w24,
        in_window(a.open_date, r.report_date, 60) AS w60
    FROM a
    JOIN reports AS r ON r.report_id = a.report_id
),
orgs AS (
    -- Distinct institutions, counted in two steps (one row per report and
    -- institution first): the same counts as count(DISTINCT institution).
    SELECT
        report_id,
        count(*) FILTER (WHERE open_loan) AS open_loan_orgs,
        count(*) FILTER (WHERE open_card) AS open_card_orgs,
        count(*) FILTER (WHERE new_6) AS new_orgs_6m,
        count(*) FILTER (WHERE new_12) AS new_orgs_12m,
        count(*) FILTER (WHERE new_24) AS new_orgs_24m,
        count(*) FILTER (WHERE credit) AS orgs_total
    FROM (
        SELECT
            report_id,
            institution,
            bool_or(open_loan) AS open_loan,
            bool_or(open_card) AS open_card,
            coalesce(bool_or(credit AND w6), false) AS new_6,
            coalesce(bool_or(credit AND w12), false) AS new_12,
            coalesce(bool_or(credit AND w24), false) AS new_24,
            bool_or(credit) AS credit
        FROM aw
        WHERE institution IS NOT NULL
        GROUP BY report_id, institution
    )
    GROUP BY report_id
),
acc AS (
    SELECT
        r.report_id,
        coalesce(sum(a.overdue_amount) FILTER (WHERE a.credit), 0) AS cur_overdue_amount,
        count(*) FILTER (WHERE a.credit AND (a.overdue_amount > 0 OR a.overdue_periods > 0)) AS cur_overdue_accounts,
        count(*) FILTER (WHERE a.credit AND a.overdue_periods >= 3) AS cur_overdue_3p_accounts,
        max(a.overdue_periods) FILTER (WHERE a.credit) AS cur_overdue_periods_max,
        coalesce(sum(a.overdue_31_60_principal) FILTER (WHERE a.open_loan), 0) AS overdue_principal_31_60,
        coalesce(sum(a.overdue_61_90_principal) FILTER (WHERE a.open_loan), 0) AS overdue_principal_61_90,
        coalesce(sum(a.overdue_91_180_principal) FILTER (WHERE a.open_loan), 0) AS overdue_principal_91_180,
        coalesce(sum(a.overdue_180_plus_principal) FILTER (WHERE a.open_loan), 0) AS overdue_principal_180p,
        count(*) FILTER (WHERE a.open_loan) AS open_loans,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan), 0) AS open_loan_balance,
        count(*) FILTER (WHERE a.open_loan AND a.nb) AS open_nb_loans,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.nb), 0) AS open_nb_loan_balance,
        count(*) FILTER (WHERE a.open_loan AND a.cls = 'mortgage') AS open_mortgage_loans,
        count(*) FILTER (WHERE a.open_loan AND a.cls = 'auto') AS open_auto_loans,
        count(*) FILTER (WHERE a.open_loan AND a.cls = 'business') AS open_business_loans,
        count(*) FILTER (WHERE a.open_loan AND a.cls = 'consumer') AS open_consumer_loans,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.cls = 'mortgage'), 0) AS open_mortgage_balance,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.cls = 'auto'), 0) AS open_auto_balance,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.cls = 'business'), 0) AS open_business_balance,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.cls = 'consumer'), 0) AS open_consumer_balance,
        CASE WHEN count(*) FILTER (WHERE a.open_loan AND a.cls = 'mortgage') > 0 THEN 1 ELSE 0 END AS has_mortgage,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.unsecured), 0) AS open_unsecured_loan_balance,
        CAST(coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.unsecured), 0) AS DOUBLE)
            / CAST(nullif(coalesce(sum(a.balance) FILTER (WHERE a.open_loan), 0), 0) AS DOUBLE) AS unsecured_share,
        count(*) FILTER (WHERE a.open_loan AND a.loan_amount <= 5000) AS small_loans_open,
        count(*) FILTER (WHERE a.loan AND a.loan_amount <= 5000 AND a.w3) AS small_loans_new_3m,
        count(*) FILTER (WHERE a.loan AND a.loan_amount <= 5000 AND a.w6) AS small_loans_new_6m,
        count(*) FILTER (WHERE a.loan AND a.nb AND a.w3) AS nb_loans_new_3m,
        count(*) FILTER (WHERE a.loan AND a.nb AND a.w6) AS nb_loans_new_6m,
        count(*) FILTER (WHERE a.open_card) AS open_cards,
        count(*) FILTER (WHERE a.live_card AND contains(a.status, '未激活')) AS inactive_cards,
        coalesce(sum(a.used_amount) FILTER (WHERE a.live_cny), 0) AS card_used_total,
        coalesce(sum(a.avg_6m_used) FILTER (WHERE a.live_cny), 0) AS card_avg6m_used_total,
        count(*) FILTER (WHERE a.live_cny AND a.credit_limit > 0 AND a.used_amount * 100 >= a.credit_limit * 80) AS card_util_ge_80_cards,
        count(*) FILTER (WHERE a.live_cny AND a.credit_limit > 0 AND a.used_amount * 100 >= a.credit_limit * 100) AS card_util_ge_100_cards,
        max(a.util) FILTER (WHERE a.open_card) AS card_util_max,
        CAST(count(*) FILTER (WHERE a.open_card AND a.util IS NOT NULL AND a.used_amount * 10 > a.credit_limit * 7) AS DOUBLE)
            / nullif(count(a.util) FILTER (WHERE a.open_card), 0) AS card_util_over70_share,
        CAST(count(*) FILTER (WHERE a.open_card AND a.util IS NOT NULL AND a.used_amount * 10 > a.credit_limit * 9) AS DOUBLE)
            / nullif(count(a.util) FILTER (WHERE a.open_card), 0) AS card_util_over90_share,
        coalesce(sum(a.large_installment_used) FILTER (WHERE a.live_card), 0) AS large_installment_used,
        coalesce(sum(a.debt_service), 0) AS monthly_debt_service,
        coalesce(sum(a.balance) FILTER (WHERE a.open_loan AND a.maturity_date > r.report_date
                                          AND a.maturity_date <= r.report_date + INTERVAL 3 MONTH), 0) AS loans_due_3m_balance,
        datediff('month', min(a.open_date) FILTER (WHERE a.credit), r.report_date) AS oldest_account_months,
        datediff('month', max(a.open_date) FILTER (WHERE a.credit), r.report_date) AS newest_account_months,
        count(*) FILTER (WHERE a.loan AND a.w1) AS new_loans_1m,
        count(*) FILTER (WHERE a.loan AND a.w3) AS new_loans_3m,
        count(*) FILTER (WHERE a.loan AND a.w6) AS new_loans_6m,
        count(*) FILTER (WHERE a.loan AND a.w12) AS new_loans_12m,
        count(*) FILTER (WHERE a.loan AND a.w24) AS new_loans_24m,
        count(*) FILTER (WHERE a.loan AND a.w60) AS new_loans_60m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w1) AS new_cards_1m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w3) AS new_cards_3m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w6) AS new_cards_6m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w12) AS new_cards_12m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w24) AS new_cards_24m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.w60) AS new_cards_60m,
        count(*) FILTER (WHERE a.credit AND a.w1) AS new_accounts_1m,
        count(*) FILTER (WHERE a.credit AND a.w3) AS new_accounts_3m,
        count(*) FILTER (WHERE a.credit AND a.w6) AS new_accounts_6m,
        count(*) FILTER (WHERE a.credit AND a.w12) AS new_accounts_12m,
        count(*) FILTER (WHERE a.credit AND a.w24) AS new_accounts_24m,
        count(*) FILTER (WHERE a.credit AND a.w60) AS new_accounts_60m,
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
        count(*) FILTER (WHERE a.credit AND (contains(a.status, '冻结') OR contains(a.status, '止付') OR contains(a.status, '司法追偿')
                                          OR contains(a.status, '担保物不足') OR contains(a.status, '强制平仓'))) AS abnormal_status_accounts,
        count(*) FILTER (WHERE a.credit AND a.cls_rank = 2) AS five_class_watch_accounts,
        count(*) FILTER (WHERE a.credit AND a.cls_rank >= 3) AS five_class_bad_accounts,
        count(*) FILTER (WHERE a.account_type = 'C1') AS recovery_accounts,
        coalesce(sum(a.balance) FILTER (WHERE a.account_type = 'C1'), 0) AS recovery_balance
    FROM reports AS r
    LEFT JOIN aw AS a ON a.report_id = r.report_id
    GROUP BY r.report_id, r.report_date
)
SELECT
    x.report_id,
    x.cur_overdue_amount,
    x.cur_overdue_accounts,
    x.cur_overdue_3p_accounts,
    x.cur_overdue_periods_max,
    x.overdue_principal_31_60,
    x.overdue_principal_61_90,
    x.overdue_principal_91_180,
    x.overdue_principal_180p,
    x.open_loans,
    x.open_loan_balance,
    coalesce(o.open_loan_orgs, 0) AS open_loan_orgs,
    x.open_nb_loans,
    x.open_nb_loan_balance,
    x.open_mortgage_loans,
    x.open_auto_loans,
    x.open_business_loans,
    x.open_consumer_loans,
    x.open_mortgage_balance,
    x.open_auto_balance,
    x.open_business_balance,
    x.open_consumer_balance,
    x.has_mortgage,
    x.open_unsecured_loan_balance,
    x.unsecured_share,
    x.small_loans_open,
    x.small_loans_new_3m,
    x.small_loans_new_6m,
    x.nb_loans_new_3m,
    x.nb_loans_new_6m,
    x.open_cards,
    x.inactive_cards,
    coalesce(o.open_card_orgs, 0) AS open_card_orgs,
    coalesce(cl.card_limit_total, 0) AS card_limit_total,
    x.card_used_total,
    CAST(x.card_used_total AS DOUBLE) / CAST(nullif(coalesce(cl.card_limit_total, 0), 0) AS DOUBLE) AS card_utilization,
    CAST(x.card_avg6m_used_total AS DOUBLE) / CAST(nullif(coalesce(cl.card_limit_total, 0), 0) AS DOUBLE) AS card_avg6m_utilization,
    x.card_util_ge_80_cards,
    x.card_util_ge_100_cards,
    x.card_util_max,
    x.card_util_over70_share,
    x.card_util_over90_share,
    x.large_installment_used,
    x.monthly_debt_service,
    x.loans_due_3m_balance,
    x.oldest_account_months,
    x.newest_account_months,
    x.new_loans_1m,
    x.new_loans_3m,
    x.new_loans_6m,
    x.new_loans_12m,
    x.new_loans_24m,
    x.new_loans_60m,
    x.new_cards_1m,
    x.new_cards_3m,
    x.new_cards_6m,
    x.new_cards_12m,
    x.new_cards_24m,
    x.new_cards_60m,
    x.new_accounts_1m,
    x.new_accounts_3m,
    x.new_accounts_6m,
    x.new_accounts_12m,
    x.new_accounts_24m,
    x.new_accounts_60m,
    coalesce(o.new_orgs_6m, 0) AS new_orgs_6m,
    coalesce(o.new_orgs_12m, 0) AS new_orgs_12m,
    coalesce(o.new_orgs_24m, 0) AS new_orgs_24m,
    coalesce(o.orgs_total, 0) AS orgs_total,
    x.accounts_c1,
    x.accounts_d1,
    x.accounts_r4,
    x.accounts_r1,
    x.accounts_r2,
    x.accounts_r3,
    x.open_d1,
    x.open_r4,
    x.open_r1,
    x.open_r2,
    x.open_r3,
    x.open_balance_d1,
    x.open_balance_r4,
    x.open_balance_r1,
    x.open_balance_r2,
    x.open_balance_r3,
    x.bad_debt_accounts,
    x.bad_debt_balance,
    x.abnormal_status_accounts,
    x.five_class_watch_accounts,
    x.five_class_bad_accounts,
    x.recovery_accounts,
    x.recovery_balance,
    coalesce(sp.special_compensation_24m, 0) AS special_compensation_24m,
    coalesce(sp.special_compensation_60m, 0) AS special_compensation_60m,
    coalesce(sp.special_asset_repay_24m, 0) AS special_asset_repay_24m,
    coalesce(sp.special_asset_repay_60m, 0) AS special_asset_repay_60m,
    coalesce(sp.special_extension_24m, 0) AS special_extension_24m,
    coalesce(sp.special_extension_60m, 0) AS special_extension_60m,
    coalesce(sp.special_early_repay_24m, 0) AS special_early_repay_24m,
    coalesce(sp.special_early_repay_60m, 0) AS special_early_repay_60m
FROM acc AS x
LEFT JOIN orgs AS o ON o.report_id = x.report_id
LEFT JOIN card_limits AS cl ON cl.report_id = x.report_id
LEFT JOIN special AS sp ON sp.report_id = x.report_id
