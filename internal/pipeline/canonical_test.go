package pipeline

import "testing"

// Formatting does not change the canonical hash; content does.
func TestCanonicalHash(t *testing.T) {
	base := canonicalHash([]byte(`{"a":"中文","b":[1,2.50,{"c":null}]}`))
	for _, same := range []string{
		"{\n  \"a\": \"中文\",\n  \"b\": [1, 2.50, {\"c\": null}]\n}\n",
		`{"b":[1,2.50,{"c":null}],"a":"中文"}`,
		`{"a": "\u4e2d\u6587", "b": [1, 2.50, {"c": null}]}`,
	} {
		if got := canonicalHash([]byte(same)); got != base {
			t.Errorf("%s: another hash", same)
		}
	}
	for _, other := range []string{
		`{"a":"中文","b":[1,2.5,{"c":null}]}`, // a number written otherwise is kept as written
		`{"a":"中","b":[1,2.50,{"c":null}]}`,
		`{"a":"中文","b":[2.50,1,{"c":null}]}`,
		`{"a":"中文","b":[1,2.50,{"c":""}]}`,
	} {
		if canonicalHash([]byte(other)) == base {
			t.Errorf("%s: same hash", other)
		}
	}
}
