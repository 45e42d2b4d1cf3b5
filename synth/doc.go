// Package synth writes realistic synthetic answers of the credit_reportV2
// OCR API, in the exact shape of the seed (response-example.json), and
// small scan files for the API sandbox. It imports only schema and the
// standard library.
//
// # API
//
//   - Report(seed, i) is report i of a corpus: deterministic for (seed, i),
//     with a serial number unique within the seed.
//   - ReportForBytes(b) is the report the sandbox answers for a scan file:
//     deterministic per distinct bytes (SHA-256); ReportForDigest takes the
//     digest. A scan written by Scan carries its (seed, i) and is answered
//     with Report(seed, i), so the sandbox's answer for scans/scan-00001.pdf
//     is report-00001.json of the same corpus.
//   - Marshal writes a report as indented JSON (two spaces, the seed's key
//     order, UTF-8, trailing newline).
//   - WriteCorpus(dir, n, seed, scans) writes dir/report-00001.json … and,
//     with scans, dir/scans/scan-00001.pdf, scan-00002.png, scan-00003.jpg …
//     (Scan, ScanName): real files of a few kilobytes that image/png,
//     image/jpeg and PDF readers accept, every one different.
//   - WithDefects(r) writes a report with deliberate defects (an impossible
//     date, a non-number amount, an unknown key, a scalar where a list
//     belongs) for tests of rejects. Nothing else ever produces a reject.
//
// Randomness comes from math/rand/v2 PCG streams seeded by the caller's seed
// (never the clock), and probabilities are integers, so output is
// byte-identical across runs and architectures. Report dates fall in
// 2019-2025 and every other date derives from the report date.
//
// # What the reports look like
//
// A subject (name, valid 18-digit ID agreeing with birthday, gender and
// region, phones, addresses, employers, spouse when married) and 0 to about 25
// accounts of the six types, drawn per the PBOC sample report and
// reference/codes.md: credit cards (R2) most, then non-revolving loans (D1:
// mortgages, car, consumer, business loans), drawings under revolving
// facilities (R4), revolving loans (R1), quasi-credit cards (R3) and, rarely,
// recovery accounts (C1). Each account has a status and exactly the state
// block for it, and a repayment grid from the open month (or five years
// back) to the month of its 截至日期 (dueDate), so grids are 24-60 months
// except for accounts opened less than two years before that date. Settled
// and closed accounts end in C, bad debts run 1, 2, 3 … into B (and may stop
// reporting years early), current overdue periods are the trailing overdue
// run and the overdue amount is the last month's amount.
//
// Summaries are computed from the details: account counts, open-account
// totals (open as CONTRACT section 5 defines it), overdue months from the
// grids, and the query counts exactly as a reader counts the detail rows with
// the window (R − 1 month, R], month subtraction clamped to the month's end
// as in DuckDB. 贷后管理 and 特约商户实名审查 mostly show only in the summary
// counts, as in real reports.
//
// A share of 8-22 % of the values (drawn per report) take the other forms
// CONTRACT section 3 promises to read: dates as 2015-05-05, 2015/5/5,
// 2015年05月05日, 20150505 or JSON numbers; amounts with thousands
// separators, trailing 元, .00 or as JSON numbers; full-width digits and
// surrounding spaces (undone by NFKC and trim); "--" for unknown values;
// grid years as 2015年, months as 03 or 3月; grids padded with empty cells to
// whole calendar years and year blocks in any order.
//
// Schedule: Report(seed, i) makes every corpus of 12 or more reports cover
// the rare cases: i ≡ 6 (mod 36) is an empty report (no accounts, no
// queries), i ≡ 11 (mod 48) has no serialNo, i ≡ 4 (mod 36) has recovery
// accounts, i ≡ 2 and i ≡ 8 (mod 24) have an R3 and an R1 account.
// ReportForBytes draws the same cases at random at similar rates.
//
// # Fixtures
//
// testdata/synth holds reports 1-12 of seed 1 and testdata/scans scans 1-3
// (a PDF, a PNG, a JPEG); TestFixtures fails when they differ from the
// generator's output. Regenerate them with
//
//	go generate ./synth
//
//go:generate go test -run TestFixtures -update .
package synth
