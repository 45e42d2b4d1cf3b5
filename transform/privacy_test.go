package transform

import (
	"strings"
	"testing"

	"creditetl/schema"
)

func TestPrivacy(t *testing.T) {
	for _, p := range []Privacy{{Mode: "x"}, {Mode: PIIHash}, {Mode: PIIHash, Key: []byte("short")}} {
		if p.Check() == nil {
			t.Errorf("%+v accepted", p)
		}
	}
	h := Privacy{Mode: PIIHash, Key: []byte("0123456789abcdef")}
	other := Privacy{Mode: PIIHash, Key: []byte("fedcba9876543210")}
	a, b := h.apply(schema.TextValue("13800138000")), h.apply(schema.TextValue("13800138000"))
	if a != b || !strings.HasPrefix(a.S, "pii:") || len(a.S) != 36 || strings.Contains(a.S, "13800138000") {
		t.Errorf("pseudonyms %q %q", a.S, b.S)
	}
	if c := other.apply(schema.TextValue("13800138000")); c == a {
		t.Errorf("another key gives the same pseudonym")
	}
	if d := (Privacy{Mode: PIIDrop}).apply(schema.TextValue("张三")); d.Valid {
		t.Errorf("drop kept %q", d.S)
	}
	got := h.scrub(schema.TextValue("被告张三偿还原告借款本金"), []string{"张三", "张三丰"})
	if strings.Contains(got.S, "张三") || !strings.Contains(got.S, h.pseudonym("张三")) {
		t.Errorf("scrub %q", got.S)
	}
	if got := (Privacy{Mode: PIIDrop}).scrub(schema.TextValue("被告张三偿还"), []string{"张三"}); got.S != "被告[removed]偿还" {
		t.Errorf("scrub drop %q", got.S)
	}
}
