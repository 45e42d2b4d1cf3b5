package input

import (
	"errors"
	"testing"

	"creditetl/schema"
)

func TestHasTopLevelKey(t *testing.T) {
	cases := []struct {
		js   string
		key  string
		want bool
	}{
		{`{"creditHeader":{}}`, "creditHeader", true},
		{"\xef\xbb\xbf {\n \"a\": 1, \"PRH\": null}", "PRH", true},
		{`{"a":{"PRH":1}}`, "PRH", false},
		{`{"a":["PRH",{"PRH":1}]}`, "PRH", false},
		{`{"a":"PRH"}`, "PRH", false},
		{`{"a":"x\"PRH\"","b":1}`, "PRH", false},
		{`{"a\\":1,"PRH":2}`, "PRH", true},
		{`["PRH"]`, "PRH", false},
		{`{"PRHX":1}`, "PRH", false},
		{``, "PRH", false},
		{`{"a":{"b":[{"c":1}]},"PRH":{}}`, "PRH", true},
		{`{"a":1}{"PRH":1}`, "PRH", false},
	}
	for _, c := range cases {
		if got := HasTopLevelKey([]byte(c.js), c.key); got != c.want {
			t.Errorf("HasTopLevelKey(%q, %q) = %v, want %v", c.js, c.key, got, c.want)
		}
	}
}

func TestDecodeAutoAndNamed(t *testing.T) {
	rep, name, err := Decode([]byte(`{"creditHeader":{"serialNo":"A"}}`), Auto)
	if err != nil || name != OCR || rep.CreditHeader.SerialNo.Raw != "A" {
		t.Fatalf("auto: %v %q %v", rep, name, err)
	}
	// Nothing recognises an error envelope: the OCR reader explains it.
	_, name, err = Decode([]byte(`{"status":"INVALID_ARGUMENT","reason":"bad"}`), "")
	if !errors.Is(err, schema.ErrNotReport) || name != OCR {
		t.Fatalf("envelope: %q %v", name, err)
	}
	if _, _, err := Decode([]byte(`{}`), "nope"); !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("unknown format: %v", err)
	}
	if err := CheckName("ocr"); err != nil {
		t.Fatal(err)
	}
}

func TestRegisterRefusesDuplicates(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on a second ocr format")
		}
	}()
	Register(Format{Name: OCR, Detect: func([]byte) bool { return false }, Decode: schema.Decode})
}

func BenchmarkHasTopLevelKey(b *testing.B) {
	data := schema.SeedExample()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		HasTopLevelKey(data, "PRH")
	}
}
