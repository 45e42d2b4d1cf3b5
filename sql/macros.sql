-- group: macros
-- title: Conventions | 通用定义
-- about: Every feature is computed per report, at the report's own point in time
--   R = reports.report_date (the date part of creditHeader.reportTime), never at
--   today's date: no feature reads the current date. These conventions (CONTRACT
--   section 5) are what every definition below relies on; each is a macro of
--   sql/macros.sql, so the SQL says exactly what this text says.
--
--   Date windows W_N (macro in_window). W_N = (R - N calendar months, R], the
--   lower bound excluded: d > R - INTERVAL (N) MONTH AND d <= R. Month arithmetic
--   clamps to the end of the month like DuckDB's: for R = 2020-03-31, R - 1 month
--   = 2020-02-29, so W_1 = 2020-03-01 .. 2020-03-31; a date exactly N months
--   before R is out, the day after it is in. A NULL date is in no window; a date
--   after R is in none either.
--
--   Day windows D_n (macro in_days). D_n = (R - n days, R]: d > R - n days AND d
--   <= R, so D_7 is R and the 6 days before it. "7 consecutive days" are a
--   window (e - 7 days, e] ending on a day e.
--
--   Repayment months G_N (macro in_grid). Grids usually end one month before the
--   report (the lender's last report), so G_N is the N calendar months before the
--   month of R plus the month of R: N + 1 months, period > date_trunc('month', R)
--   - INTERVAL (N + 1) MONTH AND period <= date_trunc('month', R). For R =
--   2021-07-15, G_1 = 2021-06 .. 2021-07 and G_24 = 2019-07 .. 2021-07 (25
--   months). This is the practitioners' convention; a cell after the month of R
--   is in no G_N. A month without a cell is not observed, is never taken as N,
--   and breaks a run of consecutive months.
--
--   Overdue level L of a repayment cell (macro od_level), accounts D1, R4, R1,
--   R2, R3: state 1..7 is the digit, except on R3 (quasi-credit card) where 1 and
--   2 are normal overdraft, level 0; B (呆账) and G (ended abnormally, 结束) are
--   7; D (repaid by the guarantor, 担保人代还) and Z (repaid with assets, 以资抵债)
--   are 3; every other state (N M * # / C A, NULL) is 0. So a written-off account
--   reads 7, not clean.
--
--   Observed cell (macro is_observed): state N, M, 1..7, B, G, D or Z, the states
--   that report a due payment; * # / C A and NULL carry none. Maxima of L are
--   taken over observed cells and are NULL when no cell is observed.
--
--   Institution type and NB (macro is_nb). accounts, queries, guarantees and
--   credit_agreements carry institution_type, derived at load from the
--   institution's name by the ordered rules of CONTRACT 5.1 (see docs/tables.md:
--   consumer_finance, microloan, auto_finance, leasing, trust, bank, guarantee,
--   insurance, asset_management, finance_company, factoring, housing_fund,
--   other; NULL when the name is missing). Non-bank (NB) = institution_type not
--   NULL and not bank, housing_fund or other. A DuckDB file or Parquet folder
--   loaded by a creditetl older than institution_type has no types: every NB
--   feature is 0 there until the reports are loaded again.
--
--   Accounts. Loans are D1, R4 and R1; cards are R2; credit accounts are D1, R4,
--   R1, R2 and R3 (C1 recovery accounts only where a feature names them). Open
--   loan (macro is_open): a loan whose status contains neither 结清 nor 转出. Live
--   card (macro is_unsettled): an R2 whose status does not contain 销户; open
--   card: a live card whose status does not contain 未激活 either. An account
--   whose status is NULL counts as open and live. Unsettled (the basis of the
--   summary's 未结清/未销户 figures): loans as open, cards (R2, R3) not 销户.
--
--   Card limits (CNY, once per institution). A CNY card (macro is_cny) has
--   currency NULL, 人民币, 人民币元 or CNY (人民币元 is how 二代 reports print the
--   renminbi). Each foreign-currency sub-account of a card repeats the card's
--   limit, and cards of one institution often share one limit, so the card limit
--   total counts live CNY cards only, and per institution only its largest
--   credit_limit (PBOC's own 授信总额 is built this way). A card whose institution
--   is NULL counts as an institution of its own (nothing says it shares).
--
--   Five-level class (macro class_rank). An account's class is the worse of
--   five_class and after_cutoff_five_class (the class of the latest repayment
--   after the cut-off date) in the order 正常 < 关注 < 次级 < 可疑 < 损失 < 违约;
--   any other text (未分类, NULL) has no rank and the other value decides.
--
--   Money is exact: DECIMAL(18,2) throughout. An imputed instalment (balance /
--   remaining_periods, 10% of avg_6m_used) is rounded to the cent half away from
--   zero per account (macro div_cents) before it is summed.
--
--   NULL vs 0. Counts are 0 when nothing qualifies; amount sums add the non-NULL
--   values and are 0 when there are none; maxima, ratios, and distances in days
--   or months over nothing are NULL. A reconciliation is NULL where the report's
--   own summary figure is missing. A report whose report_date is NULL (no readable
--   reportTime, see rejects) has NULL in every feature that reads reports (its
--   source tables say so). "Whole months" is DuckDB's datediff('month', a, b):
--   month boundaries crossed.
--
--   Texts are compared as loaded: the loader trims and NFKC-normalises every text
--   value, so 本人查询（临柜） arrives as 本人查询(临柜). "Contains" is a substring
--   test; a NULL text contains nothing.
--
--   Running a group file by hand in DuckDB: run sql/macros.sql first (it defines
--   the temporary macros in_window, in_days, grid_after, in_grid, od_level, is_observed,
--   is_unsettled, is_open, is_nb, is_cny, class_rank, product_class, div_cents,
--   summary_account_type and summary_public_kind on the connection);
--   reconciliation.sql also reads the results of the other groups as temp tables
--   f_queries, f_repayments, f_accounts and f_public.

-- d in W_n, relative to the report date r.
CREATE OR REPLACE TEMP MACRO in_window(d, r, n) AS
    (d > r - INTERVAL (n) MONTH AND d <= r);

-- d in D_n: the n days ending with r. Whole days are subtracted as an
-- integer, not as an INTERVAL: DuckDB holds INTERVAL 30 DAY equal to INTERVAL
-- 1 MONTH and merges two FILTER clauses that differ only there, so
-- q_hard_30d would silently take the value of a W_1 count.
CREATE OR REPLACE TEMP MACRO in_days(d, r, n) AS
    (d > CAST(r AS DATE) - CAST(n AS INTEGER) AND d <= r);

-- The lower bound of G_n (excluded), as a DATE: the first day of the month
-- n + 1 months before the month of r.
CREATE OR REPLACE TEMP MACRO grid_after(r, n) AS
    CAST(date_trunc('month', r) - INTERVAL (n + 1) MONTH AS DATE);

-- period in G_n: the n calendar months before the month of r, plus the month
-- of r (n + 1 months). repayments.sql computes the bounds once per report
-- (grid_after and date_trunc('month', r)) and compares each cell with them.
CREATE OR REPLACE TEMP MACRO in_grid(period, r, n) AS
    (period > grid_after(r, n) AND period <= CAST(date_trunc('month', r) AS DATE));

-- Overdue level L of a repayment cell.
CREATE OR REPLACE TEMP MACRO od_level(account_type, state) AS
    CASE
        WHEN state IN ('1', '2', '3', '4', '5', '6', '7')
        THEN CASE WHEN account_type = 'R3' AND state IN ('1', '2') THEN 0 ELSE CAST(state AS INTEGER) END
        WHEN state IN ('B', 'G') THEN 7
        WHEN state IN ('D', 'Z') THEN 3
        ELSE 0
    END;

-- A cell that reports a due payment.
CREATE OR REPLACE TEMP MACRO is_observed(state) AS
    coalesce(state IN ('N', 'M', '1', '2', '3', '4', '5', '6', '7', 'B', 'G', 'D', 'Z'), false);

-- Unsettled account (未结清/未销户): loans (D1, R4, R1) neither 结清 nor 转出,
-- cards (R2, R3) not 销户; a NULL status counts. C1 is never unsettled. For R2
-- this is a live card.
CREATE OR REPLACE TEMP MACRO is_unsettled(account_type, status) AS
    CASE
        WHEN account_type IN ('D1', 'R4', 'R1')
        THEN NOT contains(coalesce(status, ''), '结清') AND NOT contains(coalesce(status, ''), '转出')
        WHEN account_type IN ('R2', 'R3')
        THEN NOT contains(coalesce(status, ''), '销户')
        ELSE false
    END;

-- Open account: unsettled, and for cards (R2, R3) not 未激活 either.
CREATE OR REPLACE TEMP MACRO is_open(account_type, status) AS
    is_unsettled(account_type, status)
    AND NOT (account_type IN ('R2', 'R3') AND contains(coalesce(status, ''), '未激活'));

-- Non-bank institution (NB).
CREATE OR REPLACE TEMP MACRO is_nb(institution_type) AS
    coalesce(institution_type NOT IN ('bank', 'housing_fund', 'other'), false);

-- A CNY account: currency NULL, 人民币, 人民币元 or CNY.
CREATE OR REPLACE TEMP MACRO is_cny(currency) AS
    coalesce(upper(currency) IN ('人民币', '人民币元', 'CNY'), true);

-- Rank of a five-level class: 正常 1 < 关注 2 < 次级 3 < 可疑 4 < 损失 5 < 违约 6;
-- NULL for any other text.
CREATE OR REPLACE TEMP MACRO class_rank(c) AS
    CASE c
        WHEN '正常' THEN 1
        WHEN '关注' THEN 2
        WHEN '次级' THEN 3
        WHEN '可疑' THEN 4
        WHEN '损失' THEN 5
        WHEN '违约' THEN 6
    END;

-- Product class of a loan from its business type; the first that matches.
CREATE OR REPLACE TEMP MACRO product_class(business_type) AS
    CASE
        WHEN contains(business_type, '住房') OR contains(business_type, '商用房') THEN 'mortgage'
        WHEN contains(business_type, '汽车') THEN 'auto'
        WHEN contains(business_type, '经营') THEN 'business'
        WHEN contains(business_type, '助学') THEN 'student'
        WHEN contains(business_type, '农户') THEN 'farmer'
        ELSE 'consumer'
    END;

-- amount / n rounded to the cent half away from zero, exactly (DuckDB divides
-- decimals as DOUBLE, so this divides whole cents): DECIMAL(18,2). n > 0.
CREATE OR REPLACE TEMP MACRO div_cents(amount, n) AS
    CAST(
        CASE WHEN amount >= 0
             THEN (2 * CAST(CAST(amount AS DECIMAL(38, 2)) * 100 AS HUGEINT) + n) // (2 * n)
             ELSE -((2 * CAST(CAST(-amount AS DECIMAL(38, 2)) * 100 AS HUGEINT) + n) // (2 * n))
        END AS DECIMAL(18, 0)) * CAST(0.01 AS DECIMAL(3, 2));

-- The account type code of a line of the overdue summary (逾期（透支）信息汇总),
-- whose type is a Chinese name: 非循环贷账户 D1, 循环额度下分账户 (循环贷账户一) R4,
-- 循环贷账户 (循环贷账户二) R1, 贷记卡账户 R2, 准贷记卡账户 R3; NULL otherwise.
CREATE OR REPLACE TEMP MACRO summary_account_type(name) AS
    CASE
        WHEN contains(name, '非循环') THEN 'D1'
        WHEN contains(name, '准贷记卡') THEN 'R3'
        WHEN contains(name, '贷记卡') THEN 'R2'
        WHEN contains(name, '循环额度下分') OR contains(name, '循环贷账户一') THEN 'R4'
        WHEN contains(name, '循环贷') THEN 'R1'
    END;

-- The record kind of a line of the public information summary (公共信息概要).
CREATE OR REPLACE TEMP MACRO summary_public_kind(name) AS
    CASE
        WHEN contains(name, '欠税') THEN 'tax'
        WHEN contains(name, '民事判决') THEN 'judgment'
        WHEN contains(name, '强制执行') THEN 'enforcement'
        WHEN contains(name, '行政处罚') THEN 'penalty'
    END;
