package schema

import (
	"encoding/json"
	"testing"
)

// Every leaf path of the seed example is in the dictionary with a table and
// a column, and the dictionary lists nothing else.
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
	}
	for p := range want {
		l, ok := got[p]
		if !ok {
			t.Errorf("seed path %s missing from dictionary", p)
			continue
		}
		if l.Table == "" || l.Column == "" || l.Type == "" || l.Label == "" {
			t.Errorf("path %s incomplete: %+v", p, l)
		}
		if TableByName(l.Table).Col(l.Column) < 0 {
			t.Errorf("path %s: column %s.%s not in table", p, l.Table, l.Column)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("dictionary path %s is not in the seed", p)
		}
	}
}
