package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Formatting does not change the canonical hash; content does.
func TestCanonicalHash(t *testing.T) {
	base := canonicalHash([]byte(`{"a":"中文","b":[1,2.50,{"c":null,"d":true}],"e":"x\"y"}`))
	for _, same := range []string{
		"{\n  \"a\": \"中文\",\n  \"b\": [1, 2.50, {\"c\": null, \"d\": true}],\n  \"e\": \"x\\\"y\"\n}\n",
		`{"e":"x\"y","b":[1,2.50,{"d":true,"c":null}],"a":"中文"}`,
		`{"a": "\u4e2d\u6587", "b": [1, 2.50, {"c": null, "d": true}], "e": "x\u0022y"}`,
		"\r\n{\"a\":\"\\u4E2D文\",\"b\":[1,2.50,{\"c\":null,\"d\":true}],\"e\":\"x\\\"y\"}\r\n",
	} {
		if got := canonicalHash([]byte(same)); got != base {
			t.Errorf("%s: another hash", same)
		}
	}
	for _, other := range []string{
		`{"a":"中文","b":[1,2.5,{"c":null,"d":true}],"e":"x\"y"}`, // a number written otherwise is kept as written
		`{"a":"中","b":[1,2.50,{"c":null,"d":true}],"e":"x\"y"}`,
		`{"a":"中文","b":[2.50,1,{"c":null,"d":true}],"e":"x\"y"}`,
		`{"a":"中文","b":[1,2.50,{"c":"","d":true}],"e":"x\"y"}`,
		`{"a":"中文","b":[1,2.50,{"c":null,"d":true}],"e":"x\"y","f":1}`,
		`{"a":"中文","b":[1,2.50,{"c":null,"d":true}],"e":"xy"}`,
		`{"a":"中文","b":[1,2.50,{"c":null,"d":true}],"e":"x\"y"} trailing`,
	} {
		if canonicalHash([]byte(other)) == base {
			t.Errorf("%s: same hash", other)
		}
	}
	// Emoji as a surrogate pair is the character; a lone surrogate stays.
	if canonicalHash([]byte(`["\ud83d\ude00"]`)) != canonicalHash([]byte(`["😀"]`)) {
		t.Error("surrogate pair")
	}
	if canonicalHash([]byte(`["\ud83d"]`)) != canonicalHash([]byte(`["\uD83D"]`)) || canonicalHash([]byte(`["\ud83d"]`)) == canonicalHash([]byte(`["?"]`)) {
		t.Error("lone surrogate")
	}
}

// On real answers, the canonical form agrees with encoding/json's: a value
// decoded and written again (sorted keys, other escapes) is the same
// answer, and the canonical form is valid JSON of the same value.
func TestCanonicalMatchesDecoding(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "synth", "*.json"))
	if len(files) == 0 {
		t.Fatal("no synth answers")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		re, _ := json.Marshal(v) // sorted keys, escapes <, >, &
		ind, _ := json.MarshalIndent(v, "", "\t")
		if canonicalHash(re) != canonicalHash(data) || canonicalHash(ind) != canonicalHash(data) {
			t.Errorf("%s: reformatted, another hash", f)
		}
		var c canonicalizer
		out, err := c.canonical(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var w any
		if err := json.Unmarshal(out, &w); err != nil || fmt.Sprint(w) != fmt.Sprint(v) {
			t.Errorf("%s: canonical form is not the same value (%v)", f, err)
		}
		if bytes.Contains(out, []byte("\n")) || !strings.HasPrefix(string(out), "{") {
			t.Errorf("%s: canonical form %.80s", f, out)
		}
	}
}

func BenchmarkCanonicalHash(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "synth", "report-00002.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		canonicalHash(data)
	}
}

// The canonical form of any input never panics; of valid JSON it is valid
// JSON whose own canonical form is itself. Run with
// go test ./internal/pipeline -fuzz FuzzCanonical -fuzztime 30s.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{"b":1,"a":[true,null,"\u00e9\ud83d\ude00"]}`, `[]`, `"\ud800"`, `{"a":{"c":1,"b":2},"a":0}`, `1e-3`, `{`, `"\x01"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c canonicalizer
		out, err := c.canonical(data)
		if err != nil || !json.Valid(data) {
			return
		}
		out = bytes.Clone(out)
		if !json.Valid(out) {
			t.Fatalf("canonical form of %q is not JSON: %q", data, out)
		}
		var d canonicalizer
		again, err := d.canonical(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("canonical form of %q is not canonical: %q, then %q (%v)", data, out, again, err)
		}
	})
}
