package transform

import (
	"strconv"
	"strings"
	"testing"

	"creditetl/schema"
)

// institution_type is derived at load on accounts, queries, guarantees and
// credit_agreements from the institution's name (NFKC, trimmed) by the rules
// of schema.InstitutionRules; an input adapter's type wins when it is a known
// type; an unknown one is a rejects row and the name rules apply.
func TestInstitutionTypeColumn(t *testing.T) {
	rep, err := schema.Decode([]byte(`{"creditHeader":{"serialNo":"I1"},
	  "creditTransInfoDetail":{
	    "acyclicCreditAccount":[
	      {"manageCompany":" 中银消费金融有限公司 "},
	      {"manageCompany":"中国银行股份有限公司汽车消费金融中心"},
	      {"manageCompany":""},
	      {},
	      {"manageCompany":"某某小额贷款有限公司"},
	      {"manageCompany":"某某小额贷款有限公司"}],
	    "creditAccount":[{"cardCompany":"招商银行股份有限公司信用卡中心"}],
	    "concernedRefundDutyInfo":{"concernRefundPersonBorrow":[{"manageCompany":"平安普惠融资担保有限公司"}],
	                               "concernRefundCompanyBorrow":[{"manageCompany":"--"}]},
	    "extensionProtocolInfo":[{"manageCompany":"远东国际融资租赁有限公司"}]},
	  "queryRecord":{"companyQueryRecord":[{"queryCompany":"ＸＸ消费金融有限公司"},{"queryCompany":"本人"}],
	                 "personQueryRecord":[{"queryCompany":"某市住房公积金管理中心"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	// An adapter for official interface reports sets the type from the code.
	d1 := rep.CreditTransInfoDetail.AcyclicCreditAccount
	d1[3].InstitutionType = schema.InstTrust                  // no name, a code
	d1[4].InstitutionType = schema.InstConsumerFinance        // the code wins over the name
	d1[5].InstitutionType = "nonbank"                         // not a type: rejected, the name decides
	rep.QueryRecord.PersonQueryRecord[0].InstitutionType = "" // no code: the name decides
	f := NewFlattener("L1", nil)
	defer f.Release()
	st := f.Add(rep, Source{SHA256: strings.Repeat("0", 64)})
	got := map[string]string{}
	var rejects []string
	for _, b := range f.Flush() {
		for r := 0; r < int(b.Record.NumRows()); r++ {
			v := func(c string) schema.Value { return schema.ValueAt(b.Record.Column(b.Table.Col(c)), r) }
			switch b.Table.Name {
			case "accounts", "guarantees", "credit_agreements", "queries":
				key := b.Table.Name + ":" + strconv.FormatInt(v("seq").I, 10)
				switch b.Table.Name {
				case "accounts":
					key = v("account_id").S
				case "guarantees":
					key += ":" + v("kind").S
				case "queries":
					key += ":" + v("list").S
				}
				it := "NULL"
				if x := v("institution_type"); x.Valid {
					it = x.S
				}
				got[key] = it
			case "rejects":
				rejects = append(rejects, v("table_name").S+"|"+v("column_name").S+"|"+v("row_key").S+"|"+v("raw_value").S)
			}
		}
		b.Record.Release()
	}
	want := map[string]string{
		"I1:D1:1":              schema.InstConsumerFinance,
		"I1:D1:2":              schema.InstBank,
		"I1:D1:3":              "NULL",
		"I1:D1:4":              schema.InstTrust,
		"I1:D1:5":              schema.InstConsumerFinance,
		"I1:D1:6":              schema.InstMicroloan,
		"I1:R2:1":              schema.InstBank,
		"guarantees:1:person":  schema.InstGuarantee,
		"guarantees:1:company": "NULL",
		"credit_agreements:1":  schema.InstLeasing,
		"queries:1:company":    schema.InstConsumerFinance,
		"queries:2:company":    schema.InstOther,
		"queries:1:person":     schema.InstHousingFund,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: institution_type %s, want %s", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rows %v", got)
	}
	if len(rejects) != 1 || rejects[0] != "accounts|institution_type|I1:D1:6|nonbank" || st.Rejects != 1 {
		t.Errorf("rejects %q", rejects)
	}
	for _, name := range []string{"accounts", "queries", "guarantees", "credit_agreements"} {
		tb := schema.TableByName(name)
		if i := tb.Col("institution_type"); i != tb.Col("institution")+1 || !strings.Contains(tb.Columns[i].Comment, "regex 消费金融.*公司 → consumer_finance") {
			t.Errorf("%s: institution_type at %d (institution at %d), comment %q", name, i, tb.Col("institution"), tb.Columns[i].Comment)
		}
	}
}
