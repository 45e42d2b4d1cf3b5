-- group: queries
-- title: Queries | 查询记录
-- about: Counts over the rows of queries, the institution list (company) and the
--   personal list (person) together, by reason and date window W_N or day window
--   D_n. The reason is compared after NFKC and trim (as loaded, trimmed again).
--   Hard queries (硬查询) are those whose reason is one of 贷款审批, 信用卡审批,
--   担保资格审查, 融资审批, 保前审查, 额度审批. Loan applications are the queries
--   whose reason is 贷款审批 or 融资审批. Distinct institutions count the non-NULL
--   institution texts. NB is the non-bank rule of the conventions, on
--   queries.institution_type. A query without a date is in no window.
--
-- feature: q_loan_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月贷款审批查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is 贷款审批 and whose query_date is in W_{N}.
--
-- feature: q_card_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月信用卡审批查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is 信用卡审批 and whose query_date is in W_{N}.
--
-- feature: q_loan_org_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月贷款审批查询机构数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Distinct institution among the queries counted by q_loan_{N}m.
--
-- feature: q_card_org_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月信用卡审批查询机构数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Distinct institution among the queries counted by q_card_{N}m.
--
-- feature: q_hard_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月硬查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is one of 贷款审批, 信用卡审批, 担保资格审查, 融资审批,
--   保前审查, 额度审批 and whose query_date is in W_{N}.
--
-- feature: q_hard_org_{N}m for N in 1, 3, 6, 12, 24
--   zh: 近{N}个月硬查询机构数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Distinct institution among the queries counted by q_hard_{N}m.
--
-- feature: q_hard_{N}d for N in 7, 15, 30
--   zh: 近{N}天硬查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Hard queries whose query_date is in D_{N} = (R - {N} days, R] (R
--   included, R - {N} days not).
--
-- feature: q_hard_max_7d_12m
--   zh: 近12个月任意7天内最多硬查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: The largest number of hard queries in any 7 consecutive days (e - 7
--   days, e] whose last day e is in W_12 (so the window may start up to 6 days
--   before W_12); 0 when no hard query falls in such a window. Computed over the
--   windows ending on each hard query date in W_12 and on the first day of W_12,
--   which reach every maximum.
--
-- feature: q_guarantee_24m
--   zh: 近24个月担保资格审查查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is 担保资格审查 and whose query_date is in W_24.
--
-- feature: q_self_{N}m for N in 1, 12
--   zh: 近{N}个月本人查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason starts with 本人查询 and whose query_date is in W_{N}.
--
-- feature: q_post_loan_24m
--   zh: 近24个月贷后管理查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is 贷后管理 and whose query_date is in W_24. Real
--   reports often leave 贷后管理 out of the detail lists and show it only in the
--   summary (report_summary.q2y_post_loan).
--
-- feature: days_since_last_hard_query
--   zh: 距最近一次硬查询天数
--   type: BIGINT
--   none: NULL
--   tables: queries, reports
--   def: Days from the latest query_date of a hard query on or before R to R
--   (R - date); NULL if there is none.
--
-- feature: q_nb_loan_{N}m for N in 1, 3, 6, 12
--   zh: 近{N}个月非银机构贷款审批查询次数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Queries whose reason is 贷款审批 or 融资审批, at an NB institution
--   (institution_type not NULL and not bank, housing_fund or other), whose
--   query_date is in W_{N}.
--
-- feature: q_nb_loan_org_{N}m for N in 1, 3, 6, 12
--   zh: 近{N}个月非银机构贷款审批查询机构数
--   type: BIGINT
--   none: 0
--   tables: queries, reports
--   def: Distinct institution among the queries counted by q_nb_loan_{N}m.
--
-- feature: q_loan_unmatched_org_{N}m for N in 3, 6
--   zh: 近{N}个月贷款审批未放款机构数
--   type: BIGINT
--   none: 0
--   tables: queries, accounts, reports
--   def: Applications not granted: distinct institution (not NULL) with a query of
--   reason 贷款审批 or 融资审批 in W_{N} such that no account D1, R4, R1, R2 or R3
--   has the same institution and an open_date on or after that institution's
--   earliest such query in W_{N} (an account without an open_date matches
--   nothing).

WITH q AS (
    SELECT
        q.report_id,
        q.query_date,
        q.institution,
        trim(q.reason) AS reason,
        trim(q.reason) IN ('贷款审批', '信用卡审批', '担保资格审查', '融资审批', '保前审查', '额度审批') AS hard,
        trim(q.reason) IN ('贷款审批', '融资审批') AS loan_app,
        is_nb(q.institution_type) AS nb
    FROM queries AS q
),
hard AS (
    -- Hard queries on or before R.
    SELECT q.report_id, q.query_date AS d
    FROM q
    JOIN reports AS r ON r.report_id = q.report_id
    WHERE q.hard AND q.query_date <= r.report_date
),
burst_ends AS (
    -- The last days of the 7-day windows that reach every maximum: each hard
    -- query date in W_12, and the first day of W_12.
    SELECT h.report_id, h.d AS e
    FROM hard AS h
    JOIN reports AS r ON r.report_id = h.report_id
    WHERE in_window(h.d, r.report_date, 12)
    UNION
    SELECT report_id, CAST(report_date - INTERVAL 12 MONTH AS DATE) + 1
    FROM reports
    WHERE report_date IS NOT NULL
),
burst AS (
    SELECT report_id, max(n) AS q_hard_max_7d_12m
    FROM (
        SELECT e.report_id, e.e, count(h.d) AS n
        FROM burst_ends AS e
        LEFT JOIN hard AS h ON h.report_id = e.report_id AND h.d > e.e - 7 AND h.d <= e.e
        GROUP BY e.report_id, e.e
    )
    GROUP BY report_id
),
apps AS (
    -- Per institution with a loan application: its earliest one in W_3, W_6.
    SELECT
        q.report_id,
        q.institution,
        min(q.query_date) FILTER (WHERE in_window(q.query_date, r.report_date, 3)) AS first_3,
        min(q.query_date) FILTER (WHERE in_window(q.query_date, r.report_date, 6)) AS first_6
    FROM q
    JOIN reports AS r ON r.report_id = q.report_id
    WHERE q.loan_app AND q.institution IS NOT NULL
    GROUP BY q.report_id, q.institution
),
granted AS (
    -- The latest open_date of the credit accounts at each institution.
    SELECT report_id, institution, max(open_date) AS last_open
    FROM accounts
    WHERE account_type IN ('D1', 'R4', 'R1', 'R2', 'R3') AND institution IS NOT NULL
    GROUP BY report_id, institution
),
unmatched AS (
    SELECT
        a.report_id,
        count(*) FILTER (WHERE a.first_3 IS NOT NULL AND NOT coalesce(g.last_open >= a.first_3, false)) AS q_loan_unmatched_org_3m,
        count(*) FILTER (WHERE a.first_6 IS NOT NULL AND NOT coalesce(g.last_open >= a.first_6, false)) AS q_loan_unmatched_org_6m
    FROM apps AS a
    LEFT JOIN granted AS g ON g.report_id = a.report_id AND g.institution = a.institution
    GROUP BY a.report_id
),
qw AS MATERIALIZED (
    -- The queries with the windows each is in, computed once a query.
    SELECT
        q.*,
        in_window(q.query_date, r.report_date, 1) AS w1,
        in_window(q.query_date, r.report_date, 3) AS w3,
        in_window(q.query_date, r.report_date, 6) AS w6,
        in_window(q.query_date, r.report_date, 12) AS w12,
        in_window(q.query_date, r.report_date, 24) AS w24,
        in_days(q.query_date, r.report_date, 7) AS d7,
        in_days(q.query_date, r.report_date, 15) AS d15,
        in_days(q.query_date, r.report_date, 30) AS d30
    FROM q
    JOIN reports AS r ON r.report_id = q.report_id
),
orgs AS (
    -- Distinct institutions, counted in two steps (one row per report and
    -- institution first): the same counts as count(DISTINCT institution).
    SELECT
        report_id,
        count(*) FILTER (WHERE q_loan_org_1m) AS q_loan_org_1m,
        count(*) FILTER (WHERE q_loan_org_3m) AS q_loan_org_3m,
        count(*) FILTER (WHERE q_loan_org_6m) AS q_loan_org_6m,
        count(*) FILTER (WHERE q_loan_org_12m) AS q_loan_org_12m,
        count(*) FILTER (WHERE q_loan_org_24m) AS q_loan_org_24m,
        count(*) FILTER (WHERE q_card_org_1m) AS q_card_org_1m,
        count(*) FILTER (WHERE q_card_org_3m) AS q_card_org_3m,
        count(*) FILTER (WHERE q_card_org_6m) AS q_card_org_6m,
        count(*) FILTER (WHERE q_card_org_12m) AS q_card_org_12m,
        count(*) FILTER (WHERE q_card_org_24m) AS q_card_org_24m,
        count(*) FILTER (WHERE q_hard_org_1m) AS q_hard_org_1m,
        count(*) FILTER (WHERE q_hard_org_3m) AS q_hard_org_3m,
        count(*) FILTER (WHERE q_hard_org_6m) AS q_hard_org_6m,
        count(*) FILTER (WHERE q_hard_org_12m) AS q_hard_org_12m,
        count(*) FILTER (WHERE q_hard_org_24m) AS q_hard_org_24m,
        count(*) FILTER (WHERE q_nb_loan_org_1m) AS q_nb_loan_org_1m,
        count(*) FILTER (WHERE q_nb_loan_org_3m) AS q_nb_loan_org_3m,
        count(*) FILTER (WHERE q_nb_loan_org_6m) AS q_nb_loan_org_6m,
        count(*) FILTER (WHERE q_nb_loan_org_12m) AS q_nb_loan_org_12m
    FROM (
        SELECT
            q.report_id,
            q.institution,
            coalesce(bool_or(q.reason = '贷款审批' AND q.w1), false) AS q_loan_org_1m,
            coalesce(bool_or(q.reason = '贷款审批' AND q.w3), false) AS q_loan_org_3m,
            coalesce(bool_or(q.reason = '贷款审批' AND q.w6), false) AS q_loan_org_6m,
            coalesce(bool_or(q.reason = '贷款审批' AND q.w12), false) AS q_loan_org_12m,
            coalesce(bool_or(q.reason = '贷款审批' AND q.w24), false) AS q_loan_org_24m,
            coalesce(bool_or(q.reason = '信用卡审批' AND q.w1), false) AS q_card_org_1m,
            coalesce(bool_or(q.reason = '信用卡审批' AND q.w3), false) AS q_card_org_3m,
            coalesce(bool_or(q.reason = '信用卡审批' AND q.w6), false) AS q_card_org_6m,
            coalesce(bool_or(q.reason = '信用卡审批' AND q.w12), false) AS q_card_org_12m,
            coalesce(bool_or(q.reason = '信用卡审批' AND q.w24), false) AS q_card_org_24m,
            coalesce(bool_or(q.hard AND q.w1), false) AS q_hard_org_1m,
            coalesce(bool_or(q.hard AND q.w3), false) AS q_hard_org_3m,
            coalesce(bool_or(q.hard AND q.w6), false) AS q_hard_org_6m,
            coalesce(bool_or(q.hard AND q.w12), false) AS q_hard_org_12m,
            coalesce(bool_or(q.hard AND q.w24), false) AS q_hard_org_24m,
            coalesce(bool_or(q.loan_app AND q.nb AND q.w1), false) AS q_nb_loan_org_1m,
            coalesce(bool_or(q.loan_app AND q.nb AND q.w3), false) AS q_nb_loan_org_3m,
            coalesce(bool_or(q.loan_app AND q.nb AND q.w6), false) AS q_nb_loan_org_6m,
            coalesce(bool_or(q.loan_app AND q.nb AND q.w12), false) AS q_nb_loan_org_12m
        FROM qw AS q
        WHERE q.institution IS NOT NULL
        GROUP BY q.report_id, q.institution
    )
    GROUP BY report_id
),
counts AS (
    SELECT
        r.report_id,
        count(*) FILTER (WHERE q.reason = '贷款审批' AND q.w1)  AS q_loan_1m,
        count(*) FILTER (WHERE q.reason = '贷款审批' AND q.w3)  AS q_loan_3m,
        count(*) FILTER (WHERE q.reason = '贷款审批' AND q.w6)  AS q_loan_6m,
        count(*) FILTER (WHERE q.reason = '贷款审批' AND q.w12) AS q_loan_12m,
        count(*) FILTER (WHERE q.reason = '贷款审批' AND q.w24) AS q_loan_24m,

        count(*) FILTER (WHERE q.reason = '信用卡审批' AND q.w1)  AS q_card_1m,
        count(*) FILTER (WHERE q.reason = '信用卡审批' AND q.w3)  AS q_card_3m,
        count(*) FILTER (WHERE q.reason = '信用卡审批' AND q.w6)  AS q_card_6m,
        count(*) FILTER (WHERE q.reason = '信用卡审批' AND q.w12) AS q_card_12m,
        count(*) FILTER (WHERE q.reason = '信用卡审批' AND q.w24) AS q_card_24m,



        count(*) FILTER (WHERE q.hard AND q.w1)  AS q_hard_1m,
        count(*) FILTER (WHERE q.hard AND q.w3)  AS q_hard_3m,
        count(*) FILTER (WHERE q.hard AND q.w6)  AS q_hard_6m,
        count(*) FILTER (WHERE q.hard AND q.w12) AS q_hard_12m,
        count(*) FILTER (WHERE q.hard AND q.w24) AS q_hard_24m,


        count(*) FILTER (WHERE q.hard AND q.d7)  AS q_hard_7d,
        count(*) FILTER (WHERE q.hard AND q.d15) AS q_hard_15d,
        count(*) FILTER (WHERE q.hard AND q.d30) AS q_hard_30d,

        count(*) FILTER (WHERE q.reason = '担保资格审查' AND q.w24) AS q_guarantee_24m,

        count(*) FILTER (WHERE starts_with(q.reason, '本人查询') AND q.w1)  AS q_self_1m,
        count(*) FILTER (WHERE starts_with(q.reason, '本人查询') AND q.w12) AS q_self_12m,

        count(*) FILTER (WHERE q.reason = '贷后管理' AND q.w24) AS q_post_loan_24m,

        datediff('day', max(q.query_date) FILTER (WHERE q.hard AND q.query_date <= r.report_date), r.report_date)
            AS days_since_last_hard_query,

        count(*) FILTER (WHERE q.loan_app AND q.nb AND q.w1)  AS q_nb_loan_1m,
        count(*) FILTER (WHERE q.loan_app AND q.nb AND q.w3)  AS q_nb_loan_3m,
        count(*) FILTER (WHERE q.loan_app AND q.nb AND q.w6)  AS q_nb_loan_6m,
        count(*) FILTER (WHERE q.loan_app AND q.nb AND q.w12) AS q_nb_loan_12m
    FROM reports AS r
    LEFT JOIN qw AS q ON q.report_id = r.report_id
    GROUP BY r.report_id, r.report_date
)
SELECT
    c.report_id,
    c.q_loan_1m, c.q_loan_3m, c.q_loan_6m, c.q_loan_12m, c.q_loan_24m,
    c.q_card_1m, c.q_card_3m, c.q_card_6m, c.q_card_12m, c.q_card_24m,
    coalesce(o.q_loan_org_1m, 0) AS q_loan_org_1m, coalesce(o.q_loan_org_3m, 0) AS q_loan_org_3m, coalesce(o.q_loan_org_6m, 0) AS q_loan_org_6m, coalesce(o.q_loan_org_12m, 0) AS q_loan_org_12m, coalesce(o.q_loan_org_24m, 0) AS q_loan_org_24m,
    coalesce(o.q_card_org_1m, 0) AS q_card_org_1m, coalesce(o.q_card_org_3m, 0) AS q_card_org_3m, coalesce(o.q_card_org_6m, 0) AS q_card_org_6m, coalesce(o.q_card_org_12m, 0) AS q_card_org_12m, coalesce(o.q_card_org_24m, 0) AS q_card_org_24m,
    c.q_hard_1m, c.q_hard_3m, c.q_hard_6m, c.q_hard_12m, c.q_hard_24m,
    coalesce(o.q_hard_org_1m, 0) AS q_hard_org_1m, coalesce(o.q_hard_org_3m, 0) AS q_hard_org_3m, coalesce(o.q_hard_org_6m, 0) AS q_hard_org_6m, coalesce(o.q_hard_org_12m, 0) AS q_hard_org_12m, coalesce(o.q_hard_org_24m, 0) AS q_hard_org_24m,
    c.q_hard_7d, c.q_hard_15d, c.q_hard_30d,
    coalesce(b.q_hard_max_7d_12m, 0) AS q_hard_max_7d_12m,
    c.q_guarantee_24m,
    c.q_self_1m, c.q_self_12m,
    c.q_post_loan_24m,
    c.days_since_last_hard_query,
    c.q_nb_loan_1m, c.q_nb_loan_3m, c.q_nb_loan_6m, c.q_nb_loan_12m,
    coalesce(o.q_nb_loan_org_1m, 0) AS q_nb_loan_org_1m, coalesce(o.q_nb_loan_org_3m, 0) AS q_nb_loan_org_3m, coalesce(o.q_nb_loan_org_6m, 0) AS q_nb_loan_org_6m, coalesce(o.q_nb_loan_org_12m, 0) AS q_nb_loan_org_12m,
    coalesce(u.q_loan_unmatched_org_3m, 0) AS q_loan_unmatched_org_3m,
    coalesce(u.q_loan_unmatched_org_6m, 0) AS q_loan_unmatched_org_6m
FROM counts AS c
LEFT JOIN orgs AS o ON o.report_id = c.report_id
LEFT JOIN burst AS b ON b.report_id = c.report_id
LEFT JOIN unmatched AS u ON u.report_id = c.report_id
