package schema

import (
	"fmt"
	"sort"
)

// The code lists of the PBOC interface report (二代征信接口): what each code
// means, written as the Chinese text the printed report shows for it, so
// that an interface report and the OCR answer of the same report give the
// same text (CONTRACT section 4's features compare text: status contains
// 结清, reason = 贷款审批, ...). Where the printed wording varies, the text
// is the one of ../shared/reference/codes.md and of the OCR answers (synth),
// which the features are written against.
//
// Sources: the legend of the PBOC sample report (pboc-sample-report-2015.txt),
// codes.md, the field dictionary pboc_fields.csv, and the code tables of the
// public interface-report parser the 19 real reports come from
// (xyy15926/aki7proj, suitbear/pboc/conftrans.py). A list the reference
// material does not give is declared with no codes: every value of it is
// kept as is and flagged in rejects, never guessed.

// CodeTable is one code list.
type CodeTable struct {
	Name  string // the name mapping rules use
	Label string // the Chinese name of the list
	Codes []Code // in code order
	index map[string]string
}

// Code is one entry of a code list.
type Code struct {
	Code, Text string
}

// Lookup returns the text of a code.
func (t *CodeTable) Lookup(code string) (string, bool) {
	s, ok := t.index[code]
	return s, ok
}

func codes(name, label string, pairs ...string) *CodeTable {
	if len(pairs)%2 != 0 {
		panic("schema: code table " + name + ": odd pairs")
	}
	t := &CodeTable{Name: name, Label: label, index: map[string]string{}}
	for i := 0; i < len(pairs); i += 2 {
		if _, dup := t.index[pairs[i]]; dup {
			panic("schema: code table " + name + ": code " + pairs[i] + " twice")
		}
		t.Codes = append(t.Codes, Code{pairs[i], pairs[i+1]})
		t.index[pairs[i]] = pairs[i+1]
	}
	return t
}

// Account status lists differ by account type (PD01BD01 / PD01CD01).
var (
	statusD1 = []string{"1", "正常", "2", "逾期", "3", "结清", "4", "呆账", "5", "转出", "6", "担保物不足", "7", "强制平仓", "8", "司法追偿"}
	statusR4 = []string{"1", "正常", "2", "逾期", "3", "结清", "4", "呆账", "6", "担保物不足", "8", "司法追偿"}
	statusR1 = []string{"1", "正常", "2", "逾期", "3", "结清", "4", "呆账", "5", "银行止付", "6", "担保物不足", "8", "司法追偿"}
	statusR2 = []string{"1", "正常", "2", "冻结", "3", "止付", "31", "银行止付", "4", "销户", "5", "呆账", "6", "未激活", "8", "司法追偿"}

	// Business types of personal credit (PD01AD03, PD03AD02 for a person's loan).
	business = []string{
		"11", "个人住房商业贷款", "12", "个人商用房贷款", "13", "个人住房公积金贷款",
		"21", "个人汽车消费贷款",
		"31", "助学贷款", "32", "国家助学贷款", "33", "商业助学贷款",
		"41", "个人经营性贷款", "42", "个人创业担保贷款",
		"51", "农户贷款", "52", "经营性农户贷款", "53", "消费性农户贷款",
		"61", "约定购回式证券交易", "62", "股票质押式回购交易", "63", "融资融券业务", "64", "其他证券类融资",
		"71", "准贷记卡", "81", "贷记卡", "82", "大额专项分期卡",
		"91", "其他个人消费贷款", "92", "融资租赁", "99", "其他贷款",
		"A1", "资产处置", "B1", "垫款",
	}
	// Five-level classification (五级分类).
	fiveClass = []string{"1", "正常", "2", "关注", "3", "次级", "4", "可疑", "5", "损失", "6", "违约", "9", "未分类"}
	// Official institution types (机构类型): the Chinese name. Their CONTRACT
	// section 5.1 class is InstitutionClass.
	institutionTypes = []string{
		"11", "商业银行", "12", "村镇银行", "14", "住房储蓄银行", "15", "外资银行", "16", "财务公司",
		"21", "信托公司", "22", "融资租赁公司", "23", "汽车金融公司", "24", "消费金融公司", "25", "贷款公司",
		"26", "金融资产管理公司", "31", "证券公司", "41", "保险公司", "51", "小额贷款公司", "52", "公积金管理中心",
		"53", "融资担保公司", "54", "保理公司", "99", "其他机构",
	}
	// Identity document types (证件类型); 10 prints as 身份证.
	idTypes = []string{
		"1", "户口簿", "2", "护照", "5", "港澳居民来往内地通行证", "6", "台湾同胞来往内地通行证",
		"8", "外国人居留证", "9", "警官证", "10", "身份证", "20", "军人身份证件",
		"A", "香港身份证", "B", "澳门身份证", "C", "台湾身份证", "X", "其他证件",
	}
	// Query reasons (查询原因), for the query list, the last query and the header.
	queryReasons = []string{
		"01", "贷后管理", "02", "贷款审批", "03", "信用卡审批", "08", "担保资格审查", "09", "司法调查",
		"16", "公积金提取复核查询", "18", "股指期货开户", "19", "特约商户实名审查", "20", "保前审查",
		"21", "保后管理", "22", "法人代表、负责人、高管等资信审查", "23", "客户准入资格审查",
		"24", "融资审批", "25", "资信审查", "26", "额度审批",
	}
)

var codeTables = map[string]*CodeTable{}

func init() {
	for _, t := range []*CodeTable{
		codes("accountStatusD1", "账户状态(非循环贷账户)", statusD1...),
		codes("accountStatusR4", "账户状态(循环额度下分账户)", statusR4...),
		codes("accountStatusR1", "账户状态(循环贷账户)", statusR1...),
		codes("accountStatusR2", "账户状态(贷记卡账户)", statusR2...),
		codes("accountStatusR3", "账户状态(准贷记卡账户)", statusR2...),
		codes("accountStatusC1", "账户状态(被追偿账户)", "1", "催收", "2", "结束"),
		codes("business", "业务种类", business...),
		codes("companyBusiness", "业务种类(企业借款)",
			"10", "企业债", "11", "贷款", "12", "贸易融资", "13", "保理融资", "14", "融资租赁", "15", "证券类融资",
			"16", "透支", "21", "票据贴现", "31", "黄金借贷", "41", "垫款", "51", "资产处置"),
		codes("currency", "币种",
			"CNY", "人民币", "USD", "美元", "HKD", "港元", "EUR", "欧元", "JPY", "日元", "GBP", "英镑",
			"AUD", "澳大利亚元", "CAD", "加拿大元", "CHF", "瑞士法郎", "NZD", "新西兰元", "SGD", "新加坡元",
			"MOP", "澳门元", "TWD", "新台币", "KRW", "韩元"),
		codes("repayMethod", "还款方式",
			"11", "分期等额本息", "12", "分期等额本金", "13", "到期还本分期结息", "14", "等比累进分期还款",
			"15", "等额累进分期还款", "19", "其他类型分期还款", "21", "到期一次还本付息", "22", "预先付息到期还本",
			"23", "随时还", "29", "其他", "31", "按期结息、到期还本", "32", "按期结息、自由还本",
			"33", "按期计算还本付息", "39", "循环贷款下其他还款方式", "90", "不区分还款方式"),
		codes("repayFrequency", "还款频率",
			"01", "日", "02", "周", "03", "月", "04", "季", "05", "半年", "06", "年", "07", "一次性", "08", "不定期",
			"12", "旬", "13", "双周", "14", "双月", "99", "其他"),
		codes("guarantee", "担保方式",
			"1", "质押", "2", "抵押", "3", "保证", "4", "信用/免担保", "5", "组合(含保证)", "6", "组合(不含保证)",
			"7", "农户联保", "9", "其他"),
		// 贷款发放形式: no list in the reference material (and no value in the
		// 19 reports): any value is kept and flagged.
		codes("loanForm", "贷款发放形式"),
		codes("jointLoan", "共同借款标志", "0", "无", "1", "主借款人", "2", "从借款人"),
		// The printed report shows the state at transfer as its digit.
		codes("transferState", "债权转移时的还款状态",
			"0", "0", "1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6", "7", "7", "9", "9"),
		codes("fiveClass", "五级分类", fiveClass...),
		codes("specialTrans", "特殊交易类型",
			"1", "展期", "2", "担保人(第三方)代偿", "3", "以资抵债", "4", "提前还款", "5", "提前结清",
			"6", "强制平仓未结清", "7", "强制平仓已结清", "8", "司法追偿", "9", "其他", "11", "债务减免",
			"12", "资产剥离", "13", "资产转让", "14", "信用卡个性化分期", "16", "银行主动延期", "17", "强制平仓"),
		codes("specialEvent", "特殊事件类型",
			"11", "信用卡因调整账单日本月不出单", "12", "已注销信用卡账户重启", "21", "转出"),
		codes("institutionType", "机构类型", institutionTypes...),
		codes("agreementPurpose", "授信额度用途",
			"10", "循环贷款额度", "20", "非循环贷款额度", "30", "信用卡共享额度", "31", "信用卡独立额度"),
		codes("agreementStatus", "授信协议状态", "1", "有效", "2", "到期/失效"),
		codes("dutyType", "责任人类型",
			"1", "共同借款人", "2", "保证人", "3", "票据承兑人", "4", "应收账款债务人", "5", "供应链中核心企业", "9", "其他"),
		codes("accountType", "账户类型",
			"D1", "非循环贷账户", "R4", "循环额度下分账户", "R1", "循环贷账户", "R2", "贷记卡账户", "R3", "准贷记卡账户",
			"C1", "被追偿账户"),
		codes("queryReason", "查询原因", queryReasons...),
		codes("idType", "证件类型", idTypes...),
		codes("gender", "性别", "0", "未知的性别", "1", "男", "2", "女", "9", "未说明的性别"),
		codes("education", "学历",
			"10", "研究生", "20", "本科", "30", "大专", "40", "中专、职高、技校", "60", "高中", "70", "初中",
			"80", "小学", "90", "其他", "91", "初中及以下", "99", "未知"),
		codes("degree", "学位", "0", "其他", "1", "名誉博士", "2", "博士", "3", "硕士", "4", "学士", "5", "无", "9", "未知"),
		codes("employmentStatus", "就业状况",
			"11", "国家公务员", "13", "专业技术人员", "17", "职员", "21", "企业管理人员", "24", "工人", "27", "农民",
			"31", "学生", "37", "现役军人", "51", "自由职业者", "54", "个体经营者", "70", "无业人员",
			"80", "退(离)休人员", "90", "其他", "91", "在职", "99", "未知"),
		codes("nationality", "国籍", "CHN", "中国", "HKG", "中国香港", "MAC", "中国澳门", "TWN", "中国台湾"),
		codes("marital", "婚姻状况", "10", "未婚", "20", "已婚", "30", "丧偶", "40", "离婚", "91", "单身", "99", "未知"),
		codes("residence", "居住状况",
			"1", "自置", "2", "按揭", "3", "亲属楼宇", "4", "集体宿舍", "5", "租房", "6", "共有住宅", "7", "其他",
			"9", "未知", "11", "自有", "12", "借住"),
		codes("employerType", "单位性质",
			"10", "机关、事业单位", "20", "国有企业", "30", "外资企业", "40", "个体、私营企业",
			"50", "其他（包括三资企业、民营企业、民间团体等）", "99", "未知"),
		codes("industry", "行业",
			"A", "农、林、牧、渔业", "B", "采矿业", "C", "制造业", "D", "电力、热力、燃气及水生产和供应业", "E", "建筑业",
			"F", "批发和零售业", "G", "交通运输、仓储和邮政业", "H", "住宿和餐饮业", "I", "信息传输、软件和信息技术服务业",
			"J", "金融业", "K", "房地产业", "L", "租赁和商务服务业", "M", "科学研究和技术服务业",
			"N", "水利、环境和公共设施管理业", "O", "居民服务、修理和其他服务业", "P", "教育", "Q", "卫生和社会工作",
			"R", "文化、体育和娱乐业", "S", "公共管理、社会保障和社会组织", "T", "国际组织", "9", "未知"),
		codes("occupation", "职业",
			"0", "国家机关、党群组织、企业、事业单位负责人", "1", "专业技术人员", "3", "办事人员和有关人员",
			"4", "商业、服务业人员", "5", "农、林、牧、渔、水利业生产人员", "6", "生产、运输设备操作人员及有关人员",
			"X", "军人", "Y", "不便分类的其他从业人员", "Z", "未知"),
		codes("position", "职务", "1", "高级领导", "2", "中级领导", "3", "一般员工", "4", "其他", "9", "未知"),
		codes("title", "职称", "0", "无", "1", "高级", "2", "中级", "3", "初级", "9", "未知"),
		codes("creditHintType", "业务类型(信贷交易信息提示)",
			"11", "个人住房贷款", "12", "个人商用房贷款（包括商住两用房）", "19", "其他类贷款", "21", "贷记卡",
			"22", "准贷记卡", "99", "其他"),
		codes("recoveryType", "业务类型(被追偿信息汇总)", "1", "资产处置业务", "2", "垫款业务"),
		codes("overdueAccountType", "账户类型(逾期(透支)信息汇总)",
			"1", "非循环贷账户", "2", "循环额度下分账户", "3", "循环贷账户", "4", "贷记卡账户", "5", "准贷记卡账户"),
		codes("postpaidSummaryType", "后付费业务类型", "1", "电信业务", "2", "水电气等公用事业"),
		codes("publicSummaryType", "公共信息类型", "1", "欠税信息", "2", "民事判决信息", "3", "强制执行信息", "4", "行政处罚信息"),
		codes("postpaidKind", "后付费账户类型", "TE", "电信缴费账户", "UE", "公用事业缴费账户"),
		// 业务类型 of a post-paid account: no list in the reference material.
		codes("postpaidBusiness", "后付费业务类型(明细)"),
		codes("postpaidStatus", "当前缴费状态", "0", "正常", "1", "欠费"),
		codes("housingFundStatus", "缴费状态", "1", "缴交", "2", "封存", "3", "销户"),
		// 结案方式, 人员类别, 执业资格等级: no lists in the reference material.
		codes("closingType", "结案方式"),
		codes("aidPersonType", "人员类别"),
		codes("qualificationLevel", "执业资格等级"),
	} {
		if codeTables[t.Name] != nil {
			panic("schema: code table " + t.Name + " declared twice")
		}
		codeTables[t.Name] = t
	}
	for code := range institutionClass {
		if _, ok := codeTables["institutionType"].Lookup(code); !ok {
			panic("schema: institution class for unknown code " + code)
		}
	}
	for _, c := range codeTables["institutionType"].Codes {
		if _, ok := institutionClass[c.Code]; !ok {
			panic("schema: institution type " + c.Code + " has no class")
		}
	}
}

// CodeTableByName returns a code list, or nil.
func CodeTableByName(name string) *CodeTable { return codeTables[name] }

// CodeTables are all code lists, by name.
func CodeTables() []*CodeTable {
	out := make([]*CodeTable, 0, len(codeTables))
	for _, t := range codeTables {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// institutionClass maps an official institution type code to its CONTRACT
// section 5.1 class. 贷款公司 and 证券公司 have no class of their own there:
// other (as their names would give).
var institutionClass = map[string]string{
	"11": "bank", "12": "bank", "14": "bank", "15": "bank",
	"16": "finance_company",
	"21": "trust",
	"22": "leasing",
	"23": "auto_finance",
	"24": "consumer_finance",
	"25": "other",
	"26": "asset_management",
	"31": "other",
	"41": "insurance",
	"51": "microloan",
	"52": "housing_fund",
	"53": "guarantee",
	"54": "factoring",
	"99": "other",
}

// InstitutionClass returns the CONTRACT section 5.1 institution_type of an
// official institution type code (PD01AD02, PD02AD01, PD03AD01, PH010D01).
func InstitutionClass(code string) (string, bool) {
	c, ok := institutionClass[code]
	return c, ok
}

// DecodeCode translates a code of the named list. An empty value or an empty
// marker is not a code (ok, text ""); an unknown code gives ok false.
func DecodeCode(table, raw string) (text string, ok bool) {
	t := codeTables[table]
	if t == nil {
		panic(fmt.Sprintf("schema: no code table %q", table))
	}
	s := Normalize(raw)
	if IsEmptyMarker(s) {
		return "", true
	}
	return t.Lookup(s)
}
