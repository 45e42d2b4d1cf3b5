package schema

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Every leaf path of the seed example is in the dictionary with a table and
// a column; every other path of the dictionary mirrors a path of the seed on
// another account type (CONTRACT section 4's sibling shapes), with the same
// table, column and type.
func TestDictionaryCoversSeed(t *testing.T) {
	var seed any
	if err := json.Unmarshal(SeedExample(), &seed); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	collectSeed(seed, "", want)
	if len(want) != 517 {
		t.Fatalf("seed has %d leaves, want 517", len(want))
	}
	got := map[string]Leaf{}
	for _, l := range Leaves() {
		if _, dup := got[l.Path]; dup {
			t.Errorf("path %s listed twice", l.Path)
		}
		got[l.Path] = l
		if l.Table == "" || l.Column == "" || l.Type == "" || l.Label == "" {
			t.Errorf("path %s incomplete: %+v", l.Path, l)
		}
		if TableByName(l.Table).Col(l.Column) < 0 {
			t.Errorf("path %s: column %s.%s not in table", l.Path, l.Table, l.Column)
		}
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			t.Errorf("seed path %s missing from dictionary", p)
		}
	}
	siblings := 0
	for p, l := range got {
		if _, ok := want[p]; ok {
			continue
		}
		sib, ok := SiblingOf(p)
		if !ok {
			t.Errorf("dictionary path %s is not in the seed and mirrors no seed path", p)
			continue
		}
		siblings++
		s := got[sib]
		if s.Table != l.Table || s.Column != l.Column || s.Type != l.Type {
			t.Errorf("%s lands in %s.%s %s, its sibling %s in %s.%s %s", p, l.Table, l.Column, l.Type, sib, s.Table, s.Column, s.Type)
		}
	}
	if siblings == 0 {
		t.Error("no sibling paths in the dictionary")
	}
	if _, ok := SiblingOf("creditTransInfoDetail.acyclicCreditAccount[].accountState.normal.surplusAmount"); ok {
		t.Error("a seed path has a sibling")
	}
	if s, ok := SiblingOf("creditTransInfoDetail.cyclicalLoanAccount[].accountState.normal.surplusAmount"); !ok ||
		s != "creditTransInfoDetail.acyclicCreditAccount[].accountState.normal.surplusAmount" {
		t.Errorf("SiblingOf R1 normal.surplusAmount = %q, %v", s, ok)
	}
}

// Every state sub-object, field of one and list that the seed shows on one
// account type is read on every account type (CONTRACT section 4), e.g.
// cyclicalLoanAccount[].accountState.normal.surplusAmount,
// cyclicalAmountPerAccount[].accountState.clear, R4 specialTransTypes,
// quasiCreditAccount[].accountState.accountCanceled.
func TestSiblingShapesOnEveryAccountType(t *testing.T) {
	var seed any
	if err := json.Unmarshal(SeedExample(), &seed); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	collectSeed(seed, "", paths)
	have := map[string]bool{}
	for _, l := range Leaves() {
		have[l.Path] = true
	}
	shared := []string{"accountState.", "specialTransTypes[].", "companyInfo[].", "selfStatement[].", "objectionLabel[].", "specialLabel[].", "refundRecord."}
	n := 0
	for p := range paths {
		rest, ok := strings.CutPrefix(p, "creditTransInfoDetail.")
		if !ok {
			continue
		}
		list, tail, ok := strings.Cut(rest, "[].")
		if !ok || !isAccountList(list) || !hasAnyPrefix(tail, shared) {
			continue
		}
		for _, other := range accountLists {
			q := "creditTransInfoDetail." + other + "[]." + tail
			n++
			if !have[q] {
				t.Errorf("%s is in the seed, %s is not read", p, q)
			}
		}
	}
	if n == 0 {
		t.Fatal("no shared shapes found in the seed")
	}
	for _, p := range []string{
		"creditTransInfoDetail.cyclicalLoanAccount[].accountState.normal.surplusAmount",
		"creditTransInfoDetail.cyclicalAmountPerAccount[].accountState.clear.accountClosedDate",
		"creditTransInfoDetail.cyclicalAmountPerAccount[].specialTransTypes[].type",
		"creditTransInfoDetail.quasiCreditAccount[].accountState.accountCanceled.canceledDate",
		"creditTransInfoDetail.recoveryInfo[].accountState.normal.fiveLevelType",
		"creditTransInfoDetail.creditAccount[].accountState.overdue.currOverdueAmount",
	} {
		if !have[p] {
			t.Errorf("%s is not in the dictionary", p)
		}
	}
}

func isAccountList(s string) bool {
	for _, l := range accountLists {
		if l == s {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// Where several paths of one account type feed one column, the first
// non-empty one in the order of the example wins (CONTRACT section 4): the
// dictionary (whose order is the precedence order) keeps the seed's order of
// every such pair within every account type.
func TestPrecedenceFollowsSeedOrder(t *testing.T) {
	order := seedOrder(t)
	pos := map[string]int{}
	col := map[string]string{}
	for i, l := range Leaves() {
		pos[l.Path] = i
		col[l.Path] = l.Table + "." + l.Column
	}
	pairs := 0
	for _, list := range accountLists {
		prefix := "creditTransInfoDetail." + list + "[]."
		var mine []string
		for _, p := range order {
			if strings.HasPrefix(p, prefix) {
				mine = append(mine, p)
			}
		}
		for i, a := range mine {
			for _, b := range mine[i+1:] {
				if col[a] != col[b] {
					continue
				}
				pairs++
				if pos[a] > pos[b] {
					t.Errorf("%s: %s comes before %s in the seed, after it in the dictionary", col[a], a, b)
				}
			}
		}
	}
	if pairs == 0 {
		t.Fatal("no pair of seed paths feeds one column")
	}
}

// seedOrder lists the seed's leaf paths in the order of the file.
func seedOrder(t *testing.T) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(SeedExample()))
	var out []string
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch d := tok.(type) {
		case json.Delim:
			switch d {
			case '{':
				for dec.More() {
					k, err := dec.Token()
					if err != nil {
						return err
					}
					p := k.(string)
					if path != "" {
						p = path + "." + p
					}
					if err := walk(p); err != nil {
						return err
					}
				}
			case '[':
				for dec.More() {
					if err := walk(path + "[]"); err != nil {
						return err
					}
				}
			}
			_, err := dec.Token() // the closing delimiter
			return err
		default:
			out = append(out, path)
		}
		return nil
	}
	if err := walk(""); err != nil {
		t.Fatal(err)
	}
	return out
}
