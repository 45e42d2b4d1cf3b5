-- group: repayments
-- title: Repayment grid | 还款记录
-- about: Counts over the repayment grid (table repayments) of the credit accounts
--   D1, R4, R1, R2 and R3, month by month in G_N: the N calendar months before
--   the month of R plus the month of R (N + 1 months; grids usually end one
--   month before the report). A cell's overdue level L is as defined above (1..7
--   the digit, R3 states 1 and 2 are 0, B and G are 7, D and Z are 3); a cell is
--   observed when its state is N, M, 1..7, B, G, D or Z. A month without a cell
--   is not observed and breaks a run of consecutive months. The grid amount of a
--   cell is the amount the report shows for the month (the overdue amount in an
--   overdue month). The institution and institution_type of a cell are its
--   account's (table accounts). Every feature of this file looks at most 61
--   months back (G_60) except clean_seasoned_accounts, which reads the whole
--   grid.
--
-- feature: od_cells_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月逾期月份数(账户月)
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells (rows of repayments) in G_{N} (the month of R and the {N} calendar month(s) before it) with L >= 1.
--
-- feature: od_m2p_cells_{N}m for N in 24, 60
--   zh: 近{N}个月逾期2期及以上月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells in G_{N} (the month of R and the {N} calendar month(s) before it)
--   with L >= 2.
--
-- feature: od_m3p_cells_{N}m for N in 24, 60
--   zh: 近{N}个月逾期3期及以上月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells in G_{N} (the month of R and the {N} calendar month(s) before it)
--   with L >= 3.
--
-- feature: od_max_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月最高逾期期数
--   type: INTEGER
--   none: NULL
--   tables: repayments, reports
--   def: The largest L among observed cells in G_{N} (the month of R and the {N} calendar month(s) before it); NULL if no cell in G_{N} is observed.
--
-- feature: od_accounts_{N}m for N in 1, 3, 6, 12, 24, 60
--   zh: 近{N}个月有逾期的账户数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Accounts with a cell of L >= 1 in G_{N} (the month of R and the {N} calendar month(s) before it).
--
-- feature: od_orgs_{N}m for N in 6, 12
--   zh: 近{N}个月有逾期的机构数
--   type: BIGINT
--   none: 0
--   tables: repayments, accounts, reports
--   def: Distinct institution (not NULL) of the accounts with a cell of L >= 1 in
--   G_{N} (the month of R and the {N} calendar month(s) before it).
--
-- feature: od_worst_account_cells_{N}m for N in 12, 24
--   zh: 近{N}个月单账户最多逾期月份数
--   type: BIGINT
--   none: NULL
--   tables: repayments, reports
--   def: The largest number of cells with L >= 1 of one account in G_{N} (the month of R and the {N} calendar month(s) before it), over the accounts with an
--   observed cell in G_{N}; NULL if no account has one.
--
-- feature: od_max_consec_{N}m for N in 24, 60
--   zh: 近{N}个月最长连续逾期月数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: The longest run of consecutive calendar months with L >= 1 within one
--   account, counting only months in G_{N} (the month of R and the {N} calendar month(s) before it; a month without a cell, or with a cell of L = 0, breaks
--   the run; a month given twice counts once); 0 if none.
--
-- feature: bad_cells_60m
--   zh: 近60个月呆账(B)月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells in G_60 (the month of R and the 60 calendar month(s) before it)
--   whose state is B.
--
-- feature: dz_cells_60m
--   zh: 近60个月担保人代还或以资抵债(D/Z)月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells in G_60 (the month of R and the 60 calendar month(s) before it)
--   whose state is D or Z.
--
-- feature: severe_accounts_{N}m for N in 12, 24, 60
--   zh: 近{N}个月严重逾期账户数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Accounts with a cell in G_{N} (the month of R and the {N} calendar month(s) before it) whose state is B, G, D or Z, or whose L >= 3.
--
-- feature: od_nb_cells_{N}m for N in 12, 24
--   zh: 近{N}个月非银机构账户逾期月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, accounts, reports
--   def: od_cells_{N}m restricted to accounts at NB institutions: cells in G_{N}
--   (the month of R and the {N} calendar month(s) before it) with L >= 1 whose
--   account's institution_type is not NULL and not bank, housing_fund or other.
--
-- feature: clean_seasoned_accounts
--   zh: 开户满12个月且从未逾期的账户数
--   type: BIGINT
--   none: 0
--   tables: repayments, accounts, reports
--   def: Accounts opened at least 12 months before R (open_date <= R - 12
--   months) with at least one observed cell and no cell of L >= 1 in their whole
--   grid (every cell of the account, whatever its month).
--
-- feature: obs_cells_{N}m for N in 24, 60
--   zh: 近{N}个月有还款状态的月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Observed cells (state N, M, 1..7, B, G, D or Z) in G_{N} (the month of R and the {N} calendar month(s) before it): how much grid the counts above
--   rest on.
--
-- feature: od_amount_max_{N}m for N in 24, 60
--   zh: 近{N}个月单账户单月最高逾期金额
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: repayments, reports
--   def: The largest amount among cells with L >= 1 in G_{N} (the month of R and the {N} calendar month(s) before it); NULL if none has an amount.
--
-- feature: months_since_last_od
--   zh: 距最近一次逾期月数
--   type: BIGINT
--   none: NULL
--   tables: repayments, reports
--   def: Whole months from the latest period with a cell of L >= 1 in G_60 (the month of R and the 60 calendar month(s) before it) to R (datediff('month',
--   period, R); 0 when it is the month of R); NULL if there is none.
--
-- feature: od_cells_{T}_{N}m for T in d1, r4, r1, r2, r3; N in 24, 60
--   zh: 近{N}个月{T_zh}逾期月份数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: Cells of {T_up} accounts in G_{N} (the month of R and the {N} calendar month(s) before it) with L >= 1.
--
-- feature: od_max_{T}_{N}m for T in d1, r4, r1, r2, r3; N in 24, 60
--   zh: 近{N}个月{T_zh}最高逾期期数
--   type: INTEGER
--   none: NULL
--   tables: repayments, reports
--   def: The largest L among observed cells of {T_up} accounts in G_{N} (the month of R and the {N} calendar month(s) before it); NULL if none is observed.
--
-- feature: od_accounts_{T}_{N}m for T in d1, r4, r1, r2, r3; N in 24, 60
--   zh: 近{N}个月有逾期的{T_zh}数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: {T_up} accounts with a cell of L >= 1 in G_{N} (the month of R and the {N} calendar month(s) before it).
--
-- feature: od_max_consec_{T}_24m for T in d1, r4, r1, r2, r3
--   zh: 近24个月{T_zh}最长连续逾期月数
--   type: BIGINT
--   none: 0
--   tables: repayments, reports
--   def: od_max_consec_24m over the {T_up} accounts only (months in G_24: the month of R and the 24 calendar month(s) before it).
--
-- feature: od_month_amount_max_{T}_60m for T in d1, r4, r1, r2, r3
--   zh: 近60个月{T_zh}单月最高逾期总额
--   type: DECIMAL(18,2)
--   none: NULL
--   tables: repayments, reports
--   def: The largest, over the months of G_60 (the month of R and the 60 calendar month(s) before it), of the sum of the amounts of the cells of {T_up}
--   accounts with L >= 1 in that month (the summary's 单月最高逾期/透支总额); NULL if
--   no such cell has an amount.


WITH bounds AS (
    -- The bounds of G_N per report, computed once (in_grid, per report).
    SELECT
        report_id,
        CAST(date_trunc('month', report_date) AS DATE) AS g_to,
        grid_after(report_date, 1) AS g1_after,
        grid_after(report_date, 3) AS g3_after,
        grid_after(report_date, 6) AS g6_after,
        grid_after(report_date, 12) AS g12_after,
        grid_after(report_date, 24) AS g24_after,
        grid_after(report_date, 60) AS g60_after
    FROM reports
),
cells AS (
    -- Every cell of the credit accounts, with its overdue level, whether it is
    -- observed and the windows G_N it is in (computed once a cell:
    -- period > grid_after(R, N) AND period <= the month of R). Cells outside
    -- G_60 only count towards clean_seasoned_accounts.
    SELECT
        p.report_id,
        p.account_id,
        p.account_type,
        p.period,
        p.state,
        p.amount,
        od_level(p.account_type, p.state) AS lvl,
        is_observed(p.state) AS obs,
        p.state IN ('B', 'G', 'D', 'Z') AS bgdz,
        coalesce(p.period > b.g1_after AND p.period <= b.g_to, false) AS g1,
        coalesce(p.period > b.g3_after AND p.period <= b.g_to, false) AS g3,
        coalesce(p.period > b.g6_after AND p.period <= b.g_to, false) AS g6,
        coalesce(p.period > b.g12_after AND p.period <= b.g_to, false) AS g12,
        coalesce(p.period > b.g24_after AND p.period <= b.g_to, false) AS g24,
        coalesce(p.period > b.g60_after AND p.period <= b.g_to, false) AS g60
    FROM repayments AS p
    JOIN bounds AS b ON b.report_id = p.report_id
    WHERE p.account_type IN ('D1', 'R4', 'R1', 'R2', 'R3')
),
per_account AS (
    -- One row per account with a cell: its counts and maxima per window.
    SELECT
        report_id,
        account_id,
        account_type,
        count(*) FILTER (WHERE lvl >= 1 AND g1) AS od_1,
        count(*) FILTER (WHERE lvl >= 1 AND g3) AS od_3,
        count(*) FILTER (WHERE lvl >= 1 AND g6) AS od_6,
        count(*) FILTER (WHERE lvl >= 1 AND g12) AS od_12,
        count(*) FILTER (WHERE lvl >= 1 AND g24) AS od_24,
        count(*) FILTER (WHERE lvl >= 1 AND g60) AS od_60,
        count(*) FILTER (WHERE lvl >= 2 AND g24) AS m2p_24,
        count(*) FILTER (WHERE lvl >= 2 AND g60) AS m2p_60,
        count(*) FILTER (WHERE lvl >= 3 AND g24) AS m3p_24,
        count(*) FILTER (WHERE lvl >= 3 AND g60) AS m3p_60,
        max(lvl) FILTER (WHERE obs AND g1) AS max_1,
        max(lvl) FILTER (WHERE obs AND g3) AS max_3,
        max(lvl) FILTER (WHERE obs AND g6) AS max_6,
        max(lvl) FILTER (WHERE obs AND g12) AS max_12,
        max(lvl) FILTER (WHERE obs AND g24) AS max_24,
        max(lvl) FILTER (WHERE obs AND g60) AS max_60,
        count(*) FILTER (WHERE obs AND g12) AS obs_12,
        count(*) FILTER (WHERE obs AND g24) AS obs_24,
        count(*) FILTER (WHERE obs AND g60) AS obs_60,
        count(*) FILTER (WHERE state = 'B' AND g60) AS bad_60,
        count(*) FILTER (WHERE state IN ('D', 'Z') AND g60) AS dz_60,
        count(*) FILTER (WHERE (bgdz OR lvl >= 3) AND g12) AS sev_12,
        count(*) FILTER (WHERE (bgdz OR lvl >= 3) AND g24) AS sev_24,
        count(*) FILTER (WHERE (bgdz OR lvl >= 3) AND g60) AS sev_60,
        max(amount) FILTER (WHERE lvl >= 1 AND g24) AS amount_24,
        max(amount) FILTER (WHERE lvl >= 1 AND g60) AS amount_60,
        max(period) FILTER (WHERE lvl >= 1 AND g60) AS last_od,
        count(*) FILTER (WHERE obs) AS obs_all,
        count(*) FILTER (WHERE lvl >= 1) AS od_all
    FROM cells
    GROUP BY report_id, account_id, account_type
),
accts AS (
    -- per_account with the account's institution, NB flag and opening date.
    SELECT
        pa.*,
        a.institution,
        is_nb(a.institution_type) AS nb,
        a.open_date
    FROM per_account AS pa
    LEFT JOIN accounts AS a ON a.account_id = pa.account_id
),
overdue_months AS (
    -- Months with an overdue cell in G_60, once per account, numbered so that
    -- consecutive calendar months have consecutive m.
    SELECT DISTINCT
        report_id,
        account_id,
        account_type,
        year(period) * 12 + month(period) AS m,
        g24
    FROM cells
    WHERE lvl >= 1 AND g60
),
runs AS (
    -- Runs of consecutive overdue months within one account: the months of a
    -- run share m - row_number(); a missing month starts a new run.
    SELECT report_id, account_type, 60 AS win, count(*) AS len
    FROM (
        SELECT *, m - row_number() OVER (PARTITION BY account_id ORDER BY m) AS run
        FROM overdue_months
    )
    GROUP BY report_id, account_id, account_type, run
    UNION ALL
    SELECT report_id, account_type, 24 AS win, count(*) AS len
    FROM (
        SELECT *, m - row_number() OVER (PARTITION BY account_id ORDER BY m) AS run
        FROM overdue_months
        WHERE g24
    )
    GROUP BY report_id, account_id, account_type, run
),
run_max AS (
    SELECT
        report_id,
        max(len) FILTER (WHERE win = 24) AS od_max_consec_24m,
        max(len) FILTER (WHERE win = 60) AS od_max_consec_60m,
        max(len) FILTER (WHERE win = 24 AND account_type = 'D1') AS od_max_consec_d1_24m,
        max(len) FILTER (WHERE win = 24 AND account_type = 'R4') AS od_max_consec_r4_24m,
        max(len) FILTER (WHERE win = 24 AND account_type = 'R1') AS od_max_consec_r1_24m,
        max(len) FILTER (WHERE win = 24 AND account_type = 'R2') AS od_max_consec_r2_24m,
        max(len) FILTER (WHERE win = 24 AND account_type = 'R3') AS od_max_consec_r3_24m
    FROM runs
    GROUP BY report_id
),
month_amounts AS (
    -- The overdue amount of each account type and month of G_60: the sum over
    -- the type's cells with L >= 1.
    SELECT report_id, account_type, period, sum(amount) AS amount
    FROM cells
    WHERE lvl >= 1 AND g60
    GROUP BY report_id, account_type, period
),
month_max AS (
    SELECT
        report_id,
        max(amount) FILTER (WHERE account_type = 'D1') AS od_month_amount_max_d1_60m,
        max(amount) FILTER (WHERE account_type = 'R4') AS od_month_amount_max_r4_60m,
        max(amount) FILTER (WHERE account_type = 'R1') AS od_month_amount_max_r1_60m,
        max(amount) FILTER (WHERE account_type = 'R2') AS od_month_amount_max_r2_60m,
        max(amount) FILTER (WHERE account_type = 'R3') AS od_month_amount_max_r3_60m
    FROM month_amounts
    GROUP BY report_id
),
grid AS (
    SELECT
        r.report_id,
        coalesce(sum(a.od_1), 0) AS od_cells_1m,
        coalesce(sum(a.od_3), 0) AS od_cells_3m,
        coalesce(sum(a.od_6), 0) AS od_cells_6m,
        coalesce(sum(a.od_12), 0) AS od_cells_12m,
        coalesce(sum(a.od_24), 0) AS od_cells_24m,
        coalesce(sum(a.od_60), 0) AS od_cells_60m,
        coalesce(sum(a.m2p_24), 0) AS od_m2p_cells_24m,
        coalesce(sum(a.m2p_60), 0) AS od_m2p_cells_60m,
        coalesce(sum(a.m3p_24), 0) AS od_m3p_cells_24m,
        coalesce(sum(a.m3p_60), 0) AS od_m3p_cells_60m,
        max(a.max_1) AS od_max_1m,
        max(a.max_3) AS od_max_3m,
        max(a.max_6) AS od_max_6m,
        max(a.max_12) AS od_max_12m,
        max(a.max_24) AS od_max_24m,
        max(a.max_60) AS od_max_60m,
        count(*) FILTER (WHERE a.od_1 > 0) AS od_accounts_1m,
        count(*) FILTER (WHERE a.od_3 > 0) AS od_accounts_3m,
        count(*) FILTER (WHERE a.od_6 > 0) AS od_accounts_6m,
        count(*) FILTER (WHERE a.od_12 > 0) AS od_accounts_12m,
        count(*) FILTER (WHERE a.od_24 > 0) AS od_accounts_24m,
        count(*) FILTER (WHERE a.od_60 > 0) AS od_accounts_60m,
        count(DISTINCT a.institution) FILTER (WHERE a.od_6 > 0) AS od_orgs_6m,
        count(DISTINCT a.institution) FILTER (WHERE a.od_12 > 0) AS od_orgs_12m,
        max(a.od_12) FILTER (WHERE a.obs_12 > 0) AS od_worst_account_cells_12m,
        max(a.od_24) FILTER (WHERE a.obs_24 > 0) AS od_worst_account_cells_24m,
        coalesce(sum(a.bad_60), 0) AS bad_cells_60m,
        coalesce(sum(a.dz_60), 0) AS dz_cells_60m,
        count(*) FILTER (WHERE a.sev_12 > 0) AS severe_accounts_12m,
        count(*) FILTER (WHERE a.sev_24 > 0) AS severe_accounts_24m,
        count(*) FILTER (WHERE a.sev_60 > 0) AS severe_accounts_60m,
        coalesce(sum(a.od_12) FILTER (WHERE a.nb), 0) AS od_nb_cells_12m,
        coalesce(sum(a.od_24) FILTER (WHERE a.nb), 0) AS od_nb_cells_24m,
        count(*) FILTER (WHERE a.open_date <= r.report_date - INTERVAL 12 MONTH AND a.obs_all > 0 AND a.od_all = 0)
            AS clean_seasoned_accounts,
        coalesce(sum(a.obs_24), 0) AS obs_cells_24m,
        coalesce(sum(a.obs_60), 0) AS obs_cells_60m,
        max(a.amount_24) AS od_amount_max_24m,
        max(a.amount_60) AS od_amount_max_60m,
        datediff('month', max(a.last_od), r.report_date) AS months_since_last_od,
        coalesce(sum(a.od_24) FILTER (WHERE a.account_type = 'D1'), 0) AS od_cells_d1_24m,
        coalesce(sum(a.od_60) FILTER (WHERE a.account_type = 'D1'), 0) AS od_cells_d1_60m,
        coalesce(sum(a.od_24) FILTER (WHERE a.account_type = 'R4'), 0) AS od_cells_r4_24m,
        coalesce(sum(a.od_60) FILTER (WHERE a.account_type = 'R4'), 0) AS od_cells_r4_60m,
        coalesce(sum(a.od_24) FILTER (WHERE a.account_type = 'R1'), 0) AS od_cells_r1_24m,
        coalesce(sum(a.od_60) FILTER (WHERE a.account_type = 'R1'), 0) AS od_cells_r1_60m,
        coalesce(sum(a.od_24) FILTER (WHERE a.account_type = 'R2'), 0) AS od_cells_r2_24m,
        coalesce(sum(a.od_60) FILTER (WHERE a.account_type = 'R2'), 0) AS od_cells_r2_60m,
        coalesce(sum(a.od_24) FILTER (WHERE a.account_type = 'R3'), 0) AS od_cells_r3_24m,
        coalesce(sum(a.od_60) FILTER (WHERE a.account_type = 'R3'), 0) AS od_cells_r3_60m,
        max(a.max_24) FILTER (WHERE a.account_type = 'D1') AS od_max_d1_24m,
        max(a.max_60) FILTER (WHERE a.account_type = 'D1') AS od_max_d1_60m,
        max(a.max_24) FILTER (WHERE a.account_type = 'R4') AS od_max_r4_24m,
        max(a.max_60) FILTER (WHERE a.account_type = 'R4') AS od_max_r4_60m,
        max(a.max_24) FILTER (WHERE a.account_type = 'R1') AS od_max_r1_24m,
        max(a.max_60) FILTER (WHERE a.account_type = 'R1') AS od_max_r1_60m,
        max(a.max_24) FILTER (WHERE a.account_type = 'R2') AS od_max_r2_24m,
        max(a.max_60) FILTER (WHERE a.account_type = 'R2') AS od_max_r2_60m,
        max(a.max_24) FILTER (WHERE a.account_type = 'R3') AS od_max_r3_24m,
        max(a.max_60) FILTER (WHERE a.account_type = 'R3') AS od_max_r3_60m,
        count(*) FILTER (WHERE a.account_type = 'D1' AND a.od_24 > 0) AS od_accounts_d1_24m,
        count(*) FILTER (WHERE a.account_type = 'D1' AND a.od_60 > 0) AS od_accounts_d1_60m,
        count(*) FILTER (WHERE a.account_type = 'R4' AND a.od_24 > 0) AS od_accounts_r4_24m,
        count(*) FILTER (WHERE a.account_type = 'R4' AND a.od_60 > 0) AS od_accounts_r4_60m,
        count(*) FILTER (WHERE a.account_type = 'R1' AND a.od_24 > 0) AS od_accounts_r1_24m,
        count(*) FILTER (WHERE a.account_type = 'R1' AND a.od_60 > 0) AS od_accounts_r1_60m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.od_24 > 0) AS od_accounts_r2_24m,
        count(*) FILTER (WHERE a.account_type = 'R2' AND a.od_60 > 0) AS od_accounts_r2_60m,
        count(*) FILTER (WHERE a.account_type = 'R3' AND a.od_24 > 0) AS od_accounts_r3_24m,
        count(*) FILTER (WHERE a.account_type = 'R3' AND a.od_60 > 0) AS od_accounts_r3_60m
    FROM reports AS r
    LEFT JOIN accts AS a ON a.report_id = r.report_id
    GROUP BY r.report_id, r.report_date
)
SELECT
    g.report_id,
    g.od_cells_1m,
    g.od_cells_3m,
    g.od_cells_6m,
    g.od_cells_12m,
    g.od_cells_24m,
    g.od_cells_60m,
    g.od_m2p_cells_24m,
    g.od_m2p_cells_60m,
    g.od_m3p_cells_24m,
    g.od_m3p_cells_60m,
    g.od_max_1m,
    g.od_max_3m,
    g.od_max_6m,
    g.od_max_12m,
    g.od_max_24m,
    g.od_max_60m,
    g.od_accounts_1m,
    g.od_accounts_3m,
    g.od_accounts_6m,
    g.od_accounts_12m,
    g.od_accounts_24m,
    g.od_accounts_60m,
    g.od_orgs_6m,
    g.od_orgs_12m,
    g.od_worst_account_cells_12m,
    g.od_worst_account_cells_24m,
    coalesce(rm.od_max_consec_24m, 0) AS od_max_consec_24m,
    coalesce(rm.od_max_consec_60m, 0) AS od_max_consec_60m,
    g.bad_cells_60m,
    g.dz_cells_60m,
    g.severe_accounts_12m,
    g.severe_accounts_24m,
    g.severe_accounts_60m,
    g.od_nb_cells_12m,
    g.od_nb_cells_24m,
    g.clean_seasoned_accounts,
    g.obs_cells_24m,
    g.obs_cells_60m,
    g.od_amount_max_24m,
    g.od_amount_max_60m,
    g.months_since_last_od,
    g.od_cells_d1_24m,
    g.od_cells_d1_60m,
    g.od_cells_r4_24m,
    g.od_cells_r4_60m,
    g.od_cells_r1_24m,
    g.od_cells_r1_60m,
    g.od_cells_r2_24m,
    g.od_cells_r2_60m,
    g.od_cells_r3_24m,
    g.od_cells_r3_60m,
    g.od_max_d1_24m,
    g.od_max_d1_60m,
    g.od_max_r4_24m,
    g.od_max_r4_60m,
    g.od_max_r1_24m,
    g.od_max_r1_60m,
    g.od_max_r2_24m,
    g.od_max_r2_60m,
    g.od_max_r3_24m,
    g.od_max_r3_60m,
    g.od_accounts_d1_24m,
    g.od_accounts_d1_60m,
    g.od_accounts_r4_24m,
    g.od_accounts_r4_60m,
    g.od_accounts_r1_24m,
    g.od_accounts_r1_60m,
    g.od_accounts_r2_24m,
    g.od_accounts_r2_60m,
    g.od_accounts_r3_24m,
    g.od_accounts_r3_60m,
    coalesce(rm.od_max_consec_d1_24m, 0) AS od_max_consec_d1_24m,
    coalesce(rm.od_max_consec_r4_24m, 0) AS od_max_consec_r4_24m,
    coalesce(rm.od_max_consec_r1_24m, 0) AS od_max_consec_r1_24m,
    coalesce(rm.od_max_consec_r2_24m, 0) AS od_max_consec_r2_24m,
    coalesce(rm.od_max_consec_r3_24m, 0) AS od_max_consec_r3_24m,
    mm.od_month_amount_max_d1_60m,
    mm.od_month_amount_max_r4_60m,
    mm.od_month_amount_max_r1_60m,
    mm.od_month_amount_max_r2_60m,
    mm.od_month_amount_max_r3_60m
FROM grid AS g
LEFT JOIN run_max AS rm ON rm.report_id = g.report_id
LEFT JOIN month_max AS mm ON mm.report_id = g.report_id
