package schema

import (
	"strings"
	"testing"
)

// The interface-only fields are no OCR keys: an OCR answer that has one is
// kept as an unknown key, never bound.
func TestOCRDecoderIgnoresInterfaceFields(t *testing.T) {
	rep, err := Decode([]byte(`{"creditHeader": {"serialNo": "1"}, "pboc": {"objectionCount": "3"},
		"creditTransInfoDetail": {"cyclicalLoanAccount": [{"pboc": {"agreementId": "A1"}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if rep.PBOC.ObjectionCount.Given() || rep.CreditTransInfoDetail.CyclicalLoanAccount[0].PBOC.AgreementID.Given() {
		t.Error("the OCR decoder bound an interface-only field")
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0].Key != "pboc" || len(rep.CreditTransInfoDetail.CyclicalLoanAccount[0].Unknown) != 1 {
		t.Errorf("unknown keys: %v, %v", rep.Unknown, rep.CreditTransInfoDetail.CyclicalLoanAccount[0].Unknown)
	}
}

// Interface-only leaves are not among the OCR paths; their new columns come
// after the OCR-fed ones and say which interface fields fill them.
func TestInterfaceOnlyColumns(t *testing.T) {
	ocr := map[string]bool{}
	for _, l := range Leaves() {
		ocr[l.Path] = true
	}
	for _, l := range InterfaceLeaves() {
		if ocr[l.Path] || !strings.Contains(l.Path, ".pboc.") && !strings.HasPrefix(l.Path, "pboc.") {
			t.Errorf("interface-only leaf %s", l.Path)
		}
	}
	acc := TableByName("accounts")
	if acc.Col("agreement_id") < acc.Col("five_class") || acc.Col("institution_kind") < 0 {
		t.Errorf("accounts columns: agreement_id at %d, five_class at %d", acc.Col("agreement_id"), acc.Col("five_class"))
	}
	c := acc.Columns[acc.Col("agreement_id")]
	if c.Label != "授信协议标识" || c.Comment != "interface reports only: PDA.PD01[].PD01A.PD01AI04" || len(c.Sources) != 0 {
		t.Errorf("agreement_id column %+v", c)
	}
	if got := strings.Join(InterfaceSources("accounts", "balance"), ", "); !strings.Contains(got, "PDA.PD01[].PD01C.PD01CJ01") || !strings.Contains(got, "PDA.PD01[].PD01B.PD01BJ01") {
		t.Errorf("balance's interface fields: %s", got)
	}
	for _, l := range Leaves() {
		if l.Path == "creditTransInfoDetail.creditAccount[].accountState.normal.usedAmount" && l.Interface != "PDA.PD01[].PD01C.PD01CJ02" {
			t.Errorf("R2 used amount's interface field %q", l.Interface)
		}
	}
}

// Every code list a rule names exists; institution types all have a class.
func TestCodeLists(t *testing.T) {
	if c, ok := InstitutionClass("24"); !ok || c != "consumer_finance" {
		t.Errorf("24: %q", c)
	}
	if _, ok := InstitutionClass("77"); ok {
		t.Error("77 has a class")
	}
	if s, ok := DecodeCode("currency", " CNY "); !ok || s != "人民币" {
		t.Errorf("CNY: %q %v", s, ok)
	}
	if s, ok := DecodeCode("currency", "--"); !ok || s != "" {
		t.Errorf("--: %q %v", s, ok)
	}
	if _, ok := DecodeCode("currency", "XXX"); ok {
		t.Error("XXX is a currency")
	}
}
