package schema

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// Column is one column of a table.
type Column struct {
	Name    string
	Storage Storage
	// Kind is how source text becomes the value (for columns fed by the report).
	Kind Kind
	// Label is the Chinese label (from the seed document where it has one).
	Label string
	// Comment says in English what the column holds.
	Comment string
	// Sources are the report paths that feed the column, in precedence order.
	Sources []string
	// Personal marks a column that identifies a person (a name, an ID or
	// account number, a phone number, an address, an employer): --pii hash
	// or drop pseudonymises or drops it.
	Personal bool
	// Narrative marks free text that may name the subject: --pii hash or
	// drop replaces the personal values of the same report found in it.
	Narrative bool
}

// SQLType is the DuckDB type of the column.
func (c *Column) SQLType() string { return c.Storage.SQLType() }

// Table is one output table.
type Table struct {
	Name    string
	Label   string // Chinese name
	Comment string // one row per …
	// PerReport tables hold rows of one report each (keyed by report_id) and
	// are replaced when the report is loaded again; the others (loads,
	// load_failures) describe runs and only grow.
	PerReport bool
	Columns   []Column

	index map[string]int
	arrow *arrow.Schema
}

// NewTable makes a table of the given columns, with its column index and
// Arrow schema built once: a Table is read-only afterwards and safe to share
// between goroutines. Tables of the report come from Tables(); others (the
// features table) are made with NewTable.
func NewTable(name, label, comment string, perReport bool, cols []Column) (*Table, error) {
	t := &Table{Name: name, Label: label, Comment: comment, PerReport: perReport, Columns: cols, index: make(map[string]int, len(cols))}
	for j, c := range cols {
		if _, dup := t.index[c.Name]; dup {
			return nil, fmt.Errorf("table %s: column %s declared twice", name, c.Name)
		}
		t.index[c.Name] = j
	}
	for _, c := range personalColumns[name] {
		j, ok := t.index[c]
		if !ok {
			return nil, fmt.Errorf("table %s: personal column %s does not exist", name, c)
		}
		t.Columns[j].Personal = true
	}
	for _, c := range narrativeColumns[name] {
		j, ok := t.index[c]
		if !ok {
			return nil, fmt.Errorf("table %s: narrative column %s does not exist", name, c)
		}
		t.Columns[j].Narrative = true
	}
	t.arrow = t.buildArrowSchema()
	return t, nil
}

// Col returns the position of a column, or -1.
func (t *Table) Col(name string) int {
	if i, ok := t.index[name]; ok {
		return i
	}
	return -1
}

func key(name string, s Storage, label, comment string) Column {
	return Column{Name: name, Storage: s, Label: label, Comment: comment}
}

var (
	colReportID  = key("report_id", StorString, "报告标识", "creditHeader.serialNo when given, else 'f' + the first 16 hex digits of the SHA-256 of the source file")
	colLoadID    = key("load_id", StorString, "加载批次", "the load run that wrote the row (see loads)")
	colSeq       = key("seq", StorInt32, "序号", "1-based position in its source list")
	colAccountID = key("account_id", StorString, "账户标识", "report_id:account_type:seq")
	colAcctType  = key("account_type", StorString, "账户类型", "C1 recovery, D1 non-revolving loan, R4 revolving sub-account, R1 revolving loan, R2 credit card, R3 quasi-credit card")
)

// colInstitutionType is the derived institution_type of the tables whose rows
// have an institution (CONTRACT section 5.1), right after institution.
func colInstitutionType() map[string]Column {
	return map[string]Column{"institution": key("institution_type", StorString, "机构类型", InstitutionTypeRules())}
}

// tableSpec declares a table's own columns; the columns fed by the report
// come from the struct tags of report.go, between head and tail.
type tableSpec struct {
	name, label, comment string
	perReport            bool
	head, tail           []Column
	// derived columns are inserted right after the named source column.
	derived map[string]Column
	// first lists source columns that come before the others, in this order.
	first []string
}

func perReport(name, label, comment string, head ...Column) tableSpec {
	return tableSpec{name: name, label: label, comment: comment, perReport: true, head: head, tail: []Column{colLoadID}}
}

func listTable(name, label, comment string) tableSpec {
	return perReport(name, label, comment, colReportID, colSeq)
}

var tableSpecs = []tableSpec{
	func() tableSpec {
		t := perReport("reports", "报告", "one row per report: header, identity, spouse, anti-fraud and objection info, lineage", colReportID)
		t.derived = map[string]Column{"report_time": key("report_date", StorDays, "报告日期", "the date of report_time: the point in time of every feature")}
		t.tail = []Column{
			key("input_format", StorString, "输入格式", "the input format the report was read from: ocr (an OCR API answer) or interface (a PBOC interface report)"),
			key("source_file", StorString, "来源文件", "the file the report came from (the scan when it came through extract)"),
			key("source_line", StorInt32, "来源行号", "line number within a .jsonl file; NULL otherwise"),
			key("source_sha256", StorString, "来源文件SHA-256", "SHA-256 of the source file (the scan when it came through extract, else the response file or .jsonl line)"),
			key("response_sha256", StorString, "响应SHA-256", "SHA-256 of the JSON answer's bytes as received (an answer saved again with other formatting has another; within a run such copies are found by a canonical form of the JSON and loaded once)"),
			key("extracted_at", StorMicros, "识别时间", "when the API answered (UTC), for reports that came through extract"),
			key("unknown_fields", StorInt32, "未知字段数", "keys of the answer the contract does not know, kept in unknown_fields"),
			colLoadID,
		}
		return t
	}(),
	perReport("report_summary", "信息概要", "one row per report: the scalar figures of infoSummary (counts, balances, query counts)", colReportID),
	listTable("other_ids", "其他证件信息", "one row per other identity document"),
	listTable("phones", "手机号码", "one row per mobile number"),
	listTable("residences", "居住信息", "one row per residence"),
	listTable("employments", "职业信息", "one row per employer"),
	perReport("summary_credit_hints", "信贷交易信息提示", "one row per business type line of the credit transaction hint (category loan, credit_card or other)",
		colReportID, key("category", StorString, "类别", "loan, credit_card or other"), colSeq),
	listTable("summary_recovery", "被追偿信息汇总", "one row per business type of the recovery summary"),
	listTable("summary_overdue", "逾期（透支）信息汇总", "one row per account type of the overdue summary"),
	listTable("summary_postpaid", "后付费业务欠费信息汇总", "one row per business type of the post-paid summary"),
	listTable("summary_public", "公共信息概要", "one row per record type of the public information summary"),
	func() tableSpec {
		t := perReport("accounts", "信贷账户", "one row per account of any type in creditTransInfoDetail",
			colAccountID, colReportID, colAcctType, colSeq)
		t.first = []string{"account_label", "institution", "account_number", "business_type", "open_date", "maturity_date", "currency",
			"status", "as_of_date", "balance", "credit_limit", "shared_credit_limit", "loan_amount", "used_amount",
			"overdue_amount", "overdue_periods", "five_class"}
		t.derived = colInstitutionType()
		return t
	}(),
	func() tableSpec {
		t := perReport("repayments", "还款记录", "one row per month of an account's repayment grid, sorted by period; empty cells are dropped, missing months are not invented",
			colReportID, colAccountID, colAcctType,
			key("period", StorDays, "还款月份", "first day of the month of the cell (year + monthValue)"))
		t.first = []string{"year", "month", "state", "amount"}
		t.tail = []Column{
			key("detail_seq", StorInt32, "年份序号", "1-based position of the year block in refundRecord.detail"),
			key("month_seq", StorInt32, "月份序号", "1-based position of the cell in its year block"),
			colLoadID,
		}
		return t
	}(),
	perReport("account_special_trans", "特殊交易", "one row per special transaction of an account",
		colReportID, colAccountID, colAcctType, colSeq),
	perReport("account_notes", "账户说明与标注", "one row per statement on an account: kind company (机构说明), self (本人声明), objection (异议标注), special (特殊标注)",
		colReportID, colAccountID, colAcctType, key("kind", StorString, "类别", "company, self, objection or special"), colSeq),
	func() tableSpec {
		t := perReport("guarantees", "相关还款责任", "one row per repayment duty for another's loan (kind person or company)",
			colReportID, key("kind", StorString, "类别", "person (个人借款) or company (企业借款)"), colSeq)
		t.derived = colInstitutionType()
		return t
	}(),
	func() tableSpec {
		t := listTable("credit_agreements", "授信协议", "one row per credit agreement")
		t.derived = colInstitutionType()
		return t
	}(),
	perReport("postpaid_accounts", "后付费账户", "one row per non-credit post-paid account (telecom, utilities)",
		key("account_id", StorString, "账户标识", "report_id:P:seq"), colReportID, colSeq),
	func() tableSpec {
		t := perReport("postpaid_repayments", "后付费缴费记录", "one row per month of a post-paid account's payment grid",
			colReportID, key("account_id", StorString, "账户标识", "report_id:P:seq"),
			key("period", StorDays, "缴费月份", "first day of the month of the cell"))
		t.tail = []Column{
			key("detail_seq", StorInt32, "年份序号", "1-based position of the year block"),
			key("month_seq", StorInt32, "月份序号", "1-based position of the cell in its year block"),
			colLoadID,
		}
		return t
	}(),
	listTable("tax_arrears", "欠税记录", "one row per tax arrears record"),
	listTable("civil_judgments", "民事判决记录", "one row per civil judgment"),
	listTable("enforcements", "强制执行记录", "one row per enforcement"),
	listTable("admin_penalties", "行政处罚记录", "one row per administrative penalty"),
	listTable("housing_fund", "住房公积金参缴记录", "one row per housing provident fund record"),
	listTable("social_assistance", "低保救助记录", "one row per subsistence allowance record"),
	listTable("qualifications", "执业资格记录", "one row per professional qualification"),
	listTable("admin_rewards", "行政奖励记录", "one row per administrative reward"),
	listTable("declarations", "本人声明", "one row per personal declaration"),
	listTable("objections", "异议标注", "one row per objection label"),
	func() tableSpec {
		t := perReport("queries", "查询记录", "one row per query (list company = institution queries, person = personal queries)",
			colReportID, key("list", StorString, "查询类别", "company (机构查询记录) or person (个人查询记录)"), colSeq)
		t.derived = colInstitutionType()
		return t
	}(),
	func() tableSpec {
		t := perReport("rejects", "无法解析的值", "one row per value that could not be parsed (its column is NULL) or conflicted with the value kept",
			colReportID,
			key("table_name", StorString, "表名", "table of the value"),
			key("column_name", StorString, "列名", "column of the value"),
			key("row_key", StorString, "行键", "account_id or seq of the row, when the table has several rows per report"),
			key("source_path", StorString, "来源路径", "path of the value in the answer"),
			key("raw_value", StorString, "原始值", "the value exactly as received (a JSON number as its JSON text)"),
			key("problem", StorString, "问题", "why it was rejected"))
		return t
	}(),
	func() tableSpec {
		t := perReport("unknown_fields", "未知字段", "one row per key of the answer the contract does not know, kept as JSON text",
			colReportID,
			key("table_name", StorString, "表名", "table of the object that held the key"),
			key("row_key", StorString, "行键", "account_id or seq of that row"),
			key("source_path", StorString, "来源路径", "path of the key in the answer"),
			key("json_value", StorString, "JSON值", "the value as JSON text"))
		return t
	}(),
	{name: "loads", label: "加载记录", comment: "one row per load run",
		head: []Column{
			colLoadID,
			key("started_at", StorMicros, "开始时间", "UTC"),
			key("finished_at", StorMicros, "结束时间", "UTC, when every row was written (just before the commit)"),
			key("tool_version", StorString, "工具版本", "creditetl version"),
			key("inputs", StorString, "输入", "the inputs as given, JSON array"),
			key("reports", StorInt64, "报告数", "reports loaded"),
			key("table_rows", StorString, "各表行数", "rows written per table, JSON object"),
			key("rejects", StorInt64, "拒绝值数", "rejects rows written"),
			key("unknown_fields", StorInt64, "未知字段数", "unknown keys kept"),
			key("failures", StorInt64, "失败输入数", "inputs that could not be loaded (see load_failures)"),
			key("replaced", StorInt64, "替换报告数", "reports that were already in the output and were replaced"),
			key("pii_mode", StorString, "个人信息处理", "what --pii did to the personal columns: keep, hash (a keyed pseudonym; the key is never stored) or drop"),
		}},
	{name: "load_failures", label: "加载失败", comment: "one row per input that could not be loaded, with the reason",
		head: []Column{
			colLoadID,
			key("source_file", StorString, "来源文件", "the input file"),
			key("source_line", StorInt32, "来源行号", "line within a .jsonl file; NULL otherwise"),
			key("reason", StorString, "原因", "why it failed"),
		}},
}
