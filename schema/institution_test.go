package schema

import (
	"slices"
	"testing"
)

// Real-looking institution names of every type, the traps included.
func TestInstitutionType(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		// consumer finance: 消费金融 … 公司
		{"中银消费金融有限公司", InstConsumerFinance}, // 中银 is not 银行
		{"招联消费金融有限公司", InstConsumerFinance},
		{"马上消费金融股份有限公司", InstConsumerFinance},
		{"兴业消费金融股份公司", InstConsumerFinance},
		{"杭银消费金融股份有限公司", InstConsumerFinance},
		{"重庆蚂蚁消费金融有限公司", InstConsumerFinance},
		// a bank's consumer finance centre is a bank: no 公司 after 消费金融,
		// and 汽车消费金融 is not 汽车金融
		{"中国银行股份有限公司汽车消费金融中心", InstBank},
		{"平安银行股份有限公司汽车消费金融中心", InstBank},
		{"招商银行股份有限公司消费金融中心", InstBank},
		// microloan
		{"重庆度小满小额贷款有限公司", InstMicroloan},
		{"重庆市蚂蚁商诚小额贷款有限公司", InstMicroloan},
		{"京东小贷", InstMicroloan},
		{"深圳市中安信业小贷有限公司", InstMicroloan}, // 信业 is not 信用社
		// auto finance
		{"上汽通用汽车金融有限责任公司", InstAutoFinance},
		{"梅赛德斯-奔驰汽车金融有限公司", InstAutoFinance},
		{"上海汽车集团财务有限责任公司", InstFinanceCompany}, // 汽车 without 金融: a finance company
		// leasing
		{"工银金融租赁有限公司", InstLeasing}, // 工银 is not 银行
		{"远东国际融资租赁有限公司", InstLeasing},
		{"平安国际融资租赁有限公司", InstLeasing},
		{"某某租赁有限公司", InstOther}, // neither 金融租赁 nor 融资租赁
		// trust
		{"中航信托股份有限公司", InstTrust},
		{"华能贵诚信托有限公司", InstTrust},
		// banks, rural credit cooperatives
		{"中国工商银行股份有限公司", InstBank},
		{"交通银行股份有限公司太平洋信用卡中心", InstBank},
		{"深圳前海微众银行股份有限公司", InstBank},
		{"北京农村商业银行股份有限公司", InstBank},
		{"某县农村信用合作联社", InstBank},
		{"某市城区信用合作联社", InstBank},
		{"某县信用社", InstBank},
		{"浙江省农村信用社联合社", InstBank},
		{"广东农信", InstBank},
		{"中国人民银行征信中心", InstBank},
		// guarantee, insurance, asset management, finance company, factoring
		{"平安普惠融资担保有限公司", InstGuarantee}, // 融资担保 is not 融资租赁
		{"某某担保有限公司", InstGuarantee},
		{"中国人民财产保险股份有限公司", InstInsurance}, // 财产 is not 财务
		{"阳光财产保险股份有限公司", InstInsurance},
		{"中国华融资产管理股份有限公司", InstAssetManagement},
		{"中化集团财务有限责任公司", InstFinanceCompany},
		{"某某商业保理有限公司", InstFactoring},
		// housing fund
		{"某市住房公积金管理中心", InstHousingFund},
		// other
		{"支付宝(中国)网络技术有限公司", InstOther},
		{"本人", InstOther},
		{"银行A", InstBank},
		{"资产公司X", InstOther},
		// NFKC and trim before the rules; empty names have no type
		{"  招商银行  ", InstBank},
		{"\u3000中国建设银行\u3000", InstBank},    // ideographic spaces trimmed
		{"ＸＸ消费金融有限公司", InstConsumerFinance}, // full-width letters
		{"", ""},
		{"   ", ""},
		{"--", ""},
		{"—", ""},
	} {
		if got := InstitutionType(tt.name); got != tt.want {
			t.Errorf("InstitutionType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Every rule's type is a known type, each type has one rule, and the rule
// order is the contract's.
func TestInstitutionRules(t *testing.T) {
	want := []string{InstConsumerFinance, InstMicroloan, InstAutoFinance, InstLeasing, InstTrust, InstBank,
		InstGuarantee, InstInsurance, InstAssetManagement, InstFinanceCompany, InstFactoring, InstHousingFund, InstOther}
	if got := InstitutionTypes(); !slices.Equal(got, want) {
		t.Errorf("InstitutionTypes() = %v, want %v", got, want)
	}
	for _, s := range want {
		if !IsInstitutionType(s) {
			t.Errorf("IsInstitutionType(%q) = false", s)
		}
	}
	for _, s := range []string{"", "Bank", "nonbank", "消费金融"} {
		if IsInstitutionType(s) {
			t.Errorf("IsInstitutionType(%q) = true", s)
		}
	}
}
