package pboc_test

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"creditetl/schema"
)

// leafWalk calls fn for every leaf of a JSON report (null, a scalar, an
// empty list or object), with its path ("[]" marks a list element).
func leafWalk(v any, path string, fn func(path string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			fn(path, x)
		}
		for k, e := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			leafWalk(e, p, fn)
		}
	case []any:
		if len(x) == 0 {
			fn(path+"[]", x)
		}
		for _, e := range x {
			leafWalk(e, path+"[]", fn)
		}
	default:
		fn(path, v)
	}
}

// Every leaf of the 19 real reports is mapped by a rule, deliberately not
// loaded (a count the rows give again, a window bound), or inside a segment
// kept verbatim in unknown_fields; a null or empty segment is a known one.
// And everything lands: the 19 reports load with no rejects (every code is
// in a code list, every value parses) and no unknown fields.
func TestRealReportsEveryFieldFindsAColumn(t *testing.T) {
	rules := map[string]bool{}
	known := map[string]bool{}      // every segment and list on the way to a field
	addPrefixes := func(p string) { // a list is known with and without its "[]" (null)
		for i := range p {
			if p[i] == '.' {
				known[p[:i]], known[strings.TrimSuffix(p[:i], "[]")] = true, true
			}
		}
		known[p], known[strings.TrimSuffix(p, "[]")] = true, true
	}
	for _, r := range schema.InterfaceRules() {
		rules[r.From] = true
		addPrefixes(r.From)
	}
	for _, l := range schema.InterfaceLists() {
		addPrefixes(l.From)
	}
	ignored := map[string]schema.InterfaceIgnore{}
	for _, ig := range schema.InterfaceIgnored() {
		ignored[ig.From] = ig
		addPrefixes(ig.From)
	}
	keptUnder := func(p string) (string, bool) {
		for from, ig := range ignored {
			if ig.Keep && strings.HasPrefix(p, from+".") {
				return from, true
			}
		}
		return "", false
	}

	mapped, skipped, kept, empty := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	var all [][]byte
	for _, fx := range fixtures(t) {
		all = append(all, fx.data)
		dec := json.NewDecoder(bytes.NewReader(fx.data))
		dec.UseNumber()
		var tree any
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("%s: %v", fx.name, err)
		}
		leafWalk(tree, "", func(p string, v any) {
			isEmpty := v == nil
			switch x := v.(type) {
			case []any:
				isEmpty = len(x) == 0
			case map[string]any:
				isEmpty = len(x) == 0
			}
			switch {
			case rules[p]:
				mapped[p]++
			case ignored[p].From != "" && !ignored[p].Keep:
				skipped[p]++
			case ignored[p].Keep:
				kept[p]++
			case isEmpty && known[p]:
				empty[p]++
			default:
				if from, ok := keptUnder(p); ok {
					kept[from]++
					return
				}
				t.Errorf("%s: field %s (%v) is neither mapped nor deliberately not loaded", fx.name, p, v)
			}
		})
	}
	t.Logf("19 reports: %d distinct fields mapped (%d values), %d not loaded by design (%d values), %d segments kept verbatim when present (%d, all null), %d null or empty segments",
		len(mapped), total(mapped), len(skipped), total(skipped), len(kept), total(kept), len(empty))
	t.Logf("not loaded: %s", strings.Join(keys(skipped), ", "))

	fl := flatten(t, all...)
	for _, r := range fl["rejects"] {
		t.Errorf("reject: %v", r)
	}
	for _, r := range fl["unknown_fields"] {
		t.Errorf("unknown field: %v", r)
	}
	if got := len(fl["reports"]); got != 19 {
		t.Errorf("%d reports, want 19", got)
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func keys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The code lists hold every text ../shared/reference/codes.md lists for the
// OCR answers, so the same report gives the same text through both routes.
func TestCodeListsCoverCodesMd(t *testing.T) {
	want := map[string][]string{
		"accountType":        {"非循环贷账户", "循环额度下分账户", "循环贷账户", "贷记卡账户", "准贷记卡账户", "被追偿账户"},
		"accountStatusD1":    {"正常", "逾期", "结清", "呆账", "转出", "担保物不足", "强制平仓", "司法追偿"},
		"accountStatusR2":    {"正常", "冻结", "止付", "销户", "呆账", "未激活", "司法追偿"},
		"accountStatusC1":    {"催收", "结束"},
		"fiveClass":          {"正常", "关注", "次级", "可疑", "损失", "违约", "未分类"},
		"queryReason":        {"贷后管理", "贷款审批", "信用卡审批", "异议核查", "担保资格审查", "司法调查", "公积金提取复核查询", "股指期货开户", "特约商户实名审查", "保前审查", "保后管理", "法人代表、负责人、高管等资信审查", "客户准入资格审查", "融资审批", "资信审查", "额度审批"},
		"specialTrans":       {"展期", "担保人(第三方)代偿", "以资抵债", "提前还款", "提前结清", "强制平仓未结清", "强制平仓已结清", "司法追偿", "其他", "债务减免", "资产剥离", "资产转让", "信用卡个性化分期", "银行主动延期", "强制平仓"},
		"business":           {"个人住房商业贷款", "个人商用房贷款", "个人住房公积金贷款", "个人汽车消费贷款", "助学贷款", "个人经营性贷款", "农户贷款", "其他个人消费贷款", "其他贷款", "贷记卡", "准贷记卡", "大额专项分期卡", "融资租赁", "资产处置", "垫款"},
		"guarantee":          {"质押", "抵押", "保证", "信用/免担保", "组合(含保证)", "组合(不含保证)", "农户联保", "其他"},
		"repayFrequency":     {"日", "周", "月", "季", "半年", "年", "一次性", "不定期", "旬", "双周", "双月", "其他"},
		"institutionType":    {"商业银行", "消费金融公司", "小额贷款公司"},
		"accountStatusR1":    {"正常", "逾期", "结清", "呆账"},
		"accountStatusR4":    {"正常", "逾期", "结清", "呆账"},
		"accountStatusR3":    {"正常", "销户", "呆账", "未激活"},
		"overdueAccountType": {"非循环贷账户", "循环额度下分账户", "循环贷账户", "贷记卡账户", "准贷记卡账户"},
	}
	// 异议核查 is in codes.md's list but has no code in the interface's query
	// reason list the reference material gives: it is the one text only OCR
	// answers can carry.
	missingByDesign := map[string]bool{"queryReason 异议核查": true}
	for name, texts := range want {
		tab := schema.CodeTableByName(name)
		if tab == nil {
			t.Errorf("no code list %s", name)
			continue
		}
		have := map[string]bool{}
		for _, c := range tab.Codes {
			have[schema.Normalize(c.Text)] = true
		}
		for _, s := range texts {
			if !have[schema.Normalize(s)] && !missingByDesign[name+" "+s] {
				t.Errorf("code list %s has no code for %q", name, s)
			}
		}
	}
}
