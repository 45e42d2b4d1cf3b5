-- group: macros
-- title: Definitions | 通用定义
-- about: Every feature is computed per report, at the report's own point in time
--   R = reports.report_date (the date part of creditHeader.reportTime), never at
--   today's date: no feature reads the current date.
--
--   W_N, the date window of N months: (R - N calendar months, R], the lower bound
--   excluded. In DuckDB: d > R - INTERVAL (N) MONTH AND d <= R. Month arithmetic
--   clamps to the end of the month like DuckDB's: for R = 2020-03-31,
--   R - INTERVAL 1 MONTH = 2020-02-29, so W_1 = 2020-03-01 .. 2020-03-31 and a
--   date exactly N months before R is out while the day after it is in. A NULL
--   date is in no window.
--
--   G_N, the repayment months of N months: the N calendar months ending with the
--   month of R (period > date_trunc('month', R) - INTERVAL (N) MONTH AND period <=
--   date_trunc('month', R)). A repayment cell is observed when its state is not
--   NULL; a month without a cell is not observed, is never taken as N, and breaks
--   a run of consecutive months.
--
--   Overdue level L of a repayment cell (accounts D1, R4, R1, R2, R3): the digit
--   of the state when it is 1..7, except for R3 (quasi-credit card) where 1 and 2
--   are normal overdraft, level 0; every other state (N * # / B C D G M Z A) is
--   level 0.
--
--   Open loan: D1, R4 or R1 whose status contains neither 结清 nor 转出. Open card:
--   R2 (or, where a feature says so, R3) whose status contains neither 销户 nor
--   未激活. Unsettled (the basis of the summary's 未结清/未销户 figures): loans as
--   open; cards whose status does not contain 销户. An account whose status is
--   NULL counts as open and unsettled.
--
--   NULL vs 0: counts are 0 when nothing qualifies; amount sums add the non-NULL
--   values and are 0 when there are none; maxima, ratios, and distances in days
--   or months over nothing are NULL. A reconciliation is NULL where the report's
--   own summary figure is missing. A report whose report_date is NULL (no
--   readable reportTime, see rejects) has NULL in every feature that reads
--   reports (the source tables say so). "Whole months" is DuckDB's
--   datediff('month', a, b): month boundaries crossed.
--
--   Texts are compared as loaded: the loader trims and NFKC-normalises every text
--   value, so 本人查询（临柜） arrives as 本人查询(临柜).
--
--   Running a group file by hand in DuckDB: run sql/macros.sql first (it defines
--   the temporary macros in_window, in_grid, od_level, is_open, is_unsettled,
--   summary_account_type and summary_public_kind on the connection);
--   reconciliation.sql also reads the results of the other groups as temp tables
--   f_queries, f_repayments, f_accounts and f_public.

-- d in W_n, relative to the report date r.
CREATE OR REPLACE TEMP MACRO in_window(d, r, n) AS
    (d > r - INTERVAL (n) MONTH AND d <= r);

-- period in G_n: the n calendar months ending with the month of r.
CREATE OR REPLACE TEMP MACRO in_grid(period, r, n) AS
    (period > date_trunc('month', r) - INTERVAL (n) MONTH AND period <= date_trunc('month', r));

-- Overdue level L of a repayment cell.
CREATE OR REPLACE TEMP MACRO od_level(account_type, state) AS
    CASE
        WHEN state IN ('1', '2', '3', '4', '5', '6', '7')
         AND NOT (account_type = 'R3' AND state IN ('1', '2'))
        THEN CAST(state AS INTEGER)
        ELSE 0
    END;

-- Unsettled account (未结清/未销户): loans (D1, R4, R1) neither 结清 nor 转出,
-- cards (R2, R3) not 销户; a NULL status counts. C1 is never unsettled.
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
