-- group: queries
-- title: Queries | 查询记录
-- about: Counts over the rows of queries, the institution list (company) and the
--   personal list (person) together, by reason and date window W_N. The reason is
--   compared with trim() of the loaded text. Hard queries (硬查询) are those whose
--   reason is one of 贷款审批, 信用卡审批, 担保资格审查, 融资审批, 保前审查, 额度审批.
--   Distinct institutions count the non-NULL institution texts. A query without
--   a date is in no window.
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

SELECT
    r.report_id,
    count(*) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 1))  AS q_loan_1m,
    count(*) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 3))  AS q_loan_3m,
    count(*) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 6))  AS q_loan_6m,
    count(*) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 12)) AS q_loan_12m,
    count(*) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 24)) AS q_loan_24m,

    count(*) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 1))  AS q_card_1m,
    count(*) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 3))  AS q_card_3m,
    count(*) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 6))  AS q_card_6m,
    count(*) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 12)) AS q_card_12m,
    count(*) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 24)) AS q_card_24m,

    count(DISTINCT q.institution) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 1))  AS q_loan_org_1m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 3))  AS q_loan_org_3m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 6))  AS q_loan_org_6m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 12)) AS q_loan_org_12m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '贷款审批' AND in_window(q.query_date, r.report_date, 24)) AS q_loan_org_24m,

    count(DISTINCT q.institution) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 1))  AS q_card_org_1m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 3))  AS q_card_org_3m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 6))  AS q_card_org_6m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 12)) AS q_card_org_12m,
    count(DISTINCT q.institution) FILTER (WHERE q.reason = '信用卡审批' AND in_window(q.query_date, r.report_date, 24)) AS q_card_org_24m,

    count(*) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 1))  AS q_hard_1m,
    count(*) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 3))  AS q_hard_3m,
    count(*) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 6))  AS q_hard_6m,
    count(*) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 12)) AS q_hard_12m,
    count(*) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 24)) AS q_hard_24m,

    count(DISTINCT q.institution) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 1))  AS q_hard_org_1m,
    count(DISTINCT q.institution) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 3))  AS q_hard_org_3m,
    count(DISTINCT q.institution) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 6))  AS q_hard_org_6m,
    count(DISTINCT q.institution) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 12)) AS q_hard_org_12m,
    count(DISTINCT q.institution) FILTER (WHERE q.hard AND in_window(q.query_date, r.report_date, 24)) AS q_hard_org_24m,

    count(*) FILTER (WHERE q.reason = '担保资格审查' AND in_window(q.query_date, r.report_date, 24)) AS q_guarantee_24m,

    count(*) FILTER (WHERE starts_with(q.reason, '本人查询') AND in_window(q.query_date, r.report_date, 1))  AS q_self_1m,
    count(*) FILTER (WHERE starts_with(q.reason, '本人查询') AND in_window(q.query_date, r.report_date, 12)) AS q_self_12m,

    count(*) FILTER (WHERE q.reason = '贷后管理' AND in_window(q.query_date, r.report_date, 24)) AS q_post_loan_24m,

    datediff('day', max(q.query_date) FILTER (WHERE q.hard AND q.query_date <= r.report_date), r.report_date)
        AS days_since_last_hard_query
FROM reports AS r
LEFT JOIN (
    SELECT
        report_id,
        query_date,
        institution,
        trim(reason) AS reason,
        trim(reason) IN ('贷款审批', '信用卡审批', '担保资格审查', '融资审批', '保前审查', '额度审批') AS hard
    FROM queries
) AS q ON q.report_id = r.report_id
GROUP BY r.report_id, r.report_date
