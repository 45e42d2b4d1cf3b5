-- The SQL route of issue 12: what a DuckDB analyst writes instead of
-- creditetl, over the same answers (read_json_objects, UNNEST, TRY_CAST),
-- flattening accounts (all six lists), their repayment grids and the
-- queries, with no rejects, no keys beyond report/list/position, and the
-- common date and money forms only. {{GLOB}} is the answers' glob.
CREATE TEMP TABLE raw AS
SELECT json AS j FROM read_json_objects('{{GLOB}}', format = 'auto', maximum_object_size = 268435456);

CREATE TEMP TABLE acc AS
WITH lists(account_type, key) AS (VALUES ('C1', 'recoveryInfo'), ('D1', 'acyclicCreditAccount'),
    ('R4', 'cyclicalAmountPerAccount'), ('R1', 'cyclicalLoanAccount'), ('R2', 'creditAccount'), ('R3', 'quasiCreditAccount')),
a AS (
    SELECT j ->> '$.creditHeader.serialNo' AS report_id, l.account_type,
           unnest(CAST(json_extract(j, '$.creditTransInfoDetail.' || l.key) AS JSON[])) AS v,
           generate_subscripts(CAST(json_extract(j, '$.creditTransInfoDetail.' || l.key) AS JSON[]), 1) AS seq
    FROM raw, lists AS l)
SELECT report_id, account_type, seq, report_id || ':' || account_type || ':' || seq AS account_id,
    coalesce(v ->> 'manageCompany', v ->> 'cardCompany', v ->> 'organization') AS institution,
    TRY_CAST(replace(replace(replace(v ->> 'startDate', '.', '-'), '/', '-'), '年', '-') AS DATE) AS open_date,
    v ->> '$.accountState.value' AS status,
    TRY_CAST(regexp_replace(coalesce(v ->> '$.accountState.normal.surplusAmount', v ->> '$.accountState.overdue.surplusAmount'), '[,元]', '', 'g') AS DECIMAL(18,2)) AS balance,
    TRY_CAST(regexp_replace(v ->> 'accountExtensionAmount', '[,元]', '', 'g') AS DECIMAL(18,2)) AS credit_limit,
    TRY_CAST(regexp_replace(v ->> 'refundAmount', '[,元]', '', 'g') AS DECIMAL(18,2)) AS loan_amount,
    v -> 'refundRecord' AS grid
FROM a;

CREATE TEMP TABLE rep AS
WITH y AS (
    SELECT report_id, account_id, account_type, unnest(CAST(json_extract(grid, '$.detail') AS JSON[])) AS yv FROM acc),
m AS (
    SELECT report_id, account_id, account_type, TRY_CAST(replace(yv ->> 'year', '年', '') AS INTEGER) AS year,
           unnest(CAST(json_extract(yv, '$.month') AS JSON[])) AS mv FROM y)
SELECT report_id, account_id, account_type, year,
    TRY_CAST(replace(mv ->> 'monthValue', '月', '') AS INTEGER) AS month,
    TRY_CAST(make_date(year, TRY_CAST(replace(mv ->> 'monthValue', '月', '') AS INTEGER), 1) AS DATE) AS period,
    nullif(trim(mv ->> 'state'), '') AS state,
    TRY_CAST(regexp_replace(mv ->> 'amount', '[,元]', '', 'g') AS DECIMAL(18,2)) AS amount
FROM m
WHERE nullif(trim(mv ->> 'state'), '') IS NOT NULL OR nullif(trim(mv ->> 'amount'), '') IS NOT NULL;

CREATE TEMP TABLE qry AS
WITH lists(list, key) AS (VALUES ('company', 'companyQueryRecord'), ('person', 'personQueryRecord')),
q AS (
    SELECT j ->> '$.creditHeader.serialNo' AS report_id, l.list,
           unnest(CAST(json_extract(j, '$.queryRecord.' || l.key) AS JSON[])) AS v,
           generate_subscripts(CAST(json_extract(j, '$.queryRecord.' || l.key) AS JSON[]), 1) AS seq
    FROM raw, lists AS l)
SELECT report_id, list, seq,
    TRY_CAST(replace(replace(v ->> 'date', '.', '-'), '/', '-') AS DATE) AS query_date,
    v ->> 'queryCompany' AS institution, v ->> 'queryReason' AS reason
FROM q;
