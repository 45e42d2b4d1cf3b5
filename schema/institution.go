package schema

import (
	"regexp"
	"strconv"
	"strings"
)

// Institution types (CONTRACT section 5.1): the values of the derived column
// institution_type of accounts, queries, guarantees and credit_agreements.
const (
	InstConsumerFinance = "consumer_finance" // 消费金融公司
	InstMicroloan       = "microloan"        // 小额贷款公司
	InstAutoFinance     = "auto_finance"     // 汽车金融公司
	InstLeasing         = "leasing"          // 金融租赁 / 融资租赁公司
	InstTrust           = "trust"            // 信托公司
	InstBank            = "bank"             // 银行, 农村信用社 …
	InstGuarantee       = "guarantee"        // 担保公司
	InstInsurance       = "insurance"        // 保险公司
	InstAssetManagement = "asset_management" // 资产管理公司
	InstFinanceCompany  = "finance_company"  // 财务公司
	InstFactoring       = "factoring"        // 保理公司
	InstHousingFund     = "housing_fund"     // 住房公积金管理中心
	InstOther           = "other"            // a name no rule matches
)

// InstitutionRule is one line of the ordered rule table: an institution
// whose name matches Pattern (a regular expression over the NFKC-normalized,
// trimmed name) has type Type, unless an earlier rule matched.
type InstitutionRule struct {
	Pattern *regexp.Regexp
	Type    string
	// Why says what the rule is for, for the data dictionary.
	Why string
}

// InstitutionRules are the rules of CONTRACT section 5.1, in order: the
// first that matches wins. A name no rule matches is InstOther; a NULL or
// empty name has no type. Order matters: a bank's 汽车消费金融中心 is a bank
// (rule 1 needs 公司 after 消费金融, and 汽车消费金融 does not contain
// 汽车金融), while 中银消费金融有限公司 is a consumer finance company (rule 1
// comes before rule 6, and 中银 is not 银行).
var InstitutionRules = []InstitutionRule{
	{regexp.MustCompile(`消费金融.*公司`), InstConsumerFinance, "regex 消费金融.*公司"},
	{regexp.MustCompile(`小额贷款|小贷`), InstMicroloan, "小额贷款 or 小贷"},
	{regexp.MustCompile(`汽车金融`), InstAutoFinance, "汽车金融"},
	{regexp.MustCompile(`金融租赁|融资租赁`), InstLeasing, "金融租赁 or 融资租赁"},
	{regexp.MustCompile(`信托`), InstTrust, "信托"},
	{regexp.MustCompile(`银行|农村信用|信用合作|信用社|农信`), InstBank, "银行, 农村信用, 信用合作, 信用社 or 农信"},
	{regexp.MustCompile(`担保`), InstGuarantee, "担保"},
	{regexp.MustCompile(`保险`), InstInsurance, "保险"},
	{regexp.MustCompile(`资产管理`), InstAssetManagement, "资产管理"},
	{regexp.MustCompile(`财务`), InstFinanceCompany, "财务"},
	{regexp.MustCompile(`保理`), InstFactoring, "保理"},
	{regexp.MustCompile(`公积金`), InstHousingFund, "公积金"},
}

// InstitutionTypes are every value institution_type takes, in rule order,
// InstOther last.
func InstitutionTypes() []string {
	out := make([]string, 0, len(InstitutionRules)+1)
	for _, r := range InstitutionRules {
		out = append(out, r.Type)
	}
	return append(out, InstOther)
}

// IsInstitutionType reports whether s is one of InstitutionTypes.
func IsInstitutionType(s string) bool {
	if s == InstOther {
		return true
	}
	for _, r := range InstitutionRules {
		if r.Type == s {
			return true
		}
	}
	return false
}

// InstitutionType derives an institution's type from its name by
// InstitutionRules. The name is NFKC-normalized and trimmed first; a name
// that is empty or an empty marker (--, -, —, ——, /) has no type: "".
func InstitutionType(name string) string {
	name = Normalize(name)
	if IsEmptyMarker(name) {
		return ""
	}
	for _, r := range InstitutionRules {
		if r.Pattern.MatchString(name) {
			return r.Type
		}
	}
	return InstOther
}

// InstitutionTypeRules describes the rules in one paragraph: the comment of
// every institution_type column (so creditetl schema documents them).
func InstitutionTypeRules() string {
	var b strings.Builder
	b.WriteString("institution type (CONTRACT 5.1), derived at load from institution (NFKC, trimmed); the first matching rule wins: ")
	for i, r := range InstitutionRules {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(strconv.Itoa(i+1) + ". " + r.Why + " → " + r.Type)
	}
	b.WriteString("; NULL, empty or an empty marker (--) → NULL; anything else → other. " +
		"An input format that carries the official institution type code sets it from the code instead. " +
		"Non-bank (NB) in the features: not NULL and not bank, housing_fund or other.")
	return b.String()
}
