package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// The differential tests: Decode (one pass) against decodeTree (the decoder
// it replaced, decode_tree_test.go) on the same bytes.
//
// Where they differ on purpose:
//   - An object or a list kept in Meta.Unknown or Meta.Invalid is its JSON
//     text as received (compacted); decodeTree re-marshalled a map (keys
//     sorted, HTML characters escaped). The texts are compared as JSON values.
//   - Meta.Problems are new: duplicate keys, invalid UTF-8, lone surrogates.
//     They must be empty on input that has none of these.
//   - A duplicate key keeps its first value (decodeTree kept the last), so
//     input with a duplicate key is not compared value by value.

// compareDecoders fails t when Decode and decodeTree disagree on data.
func compareDecoders(t testing.TB, name string, data []byte) {
	t.Helper()
	got, gotErr := Decode(data)
	want, wantErr := decodeTree(data)
	if gotErr != nil && !errors.Is(gotErr, ErrNotReport) {
		t.Fatalf("%s: error %v is not ErrNotReport", name, gotErr)
	}
	switch {
	case gotErr != nil && wantErr != nil:
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("%s: refusals differ:\n got %q\nwant %q", name, gotErr, wantErr)
		}
		var g, w *NotReportError
		errors.As(gotErr, &g)
		errors.As(wantErr, &w)
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: refusals differ:\n got %+v\nwant %+v", name, g, w)
		}
		return
	case gotErr != nil || wantErr != nil:
		if hasDuplicateKeys(data) {
			return // the first creditHeader decides, not the last
		}
		t.Fatalf("%s: Decode err = %v, decodeTree err = %v", name, gotErr, wantErr)
	}
	dups := false
	var problems []string
	walkMeta(reflect.ValueOf(got).Elem(), func(m *Meta) {
		for _, p := range m.Problems {
			problems = append(problems, fmt.Sprintf("%+v", p))
			dups = dups || strings.HasPrefix(p.Problem, problemDuplicate)
		}
		m.Problems = nil
		canonicalRaw(m.Unknown)
		canonicalRaw(m.Invalid)
	})
	// A duplicate key inside a value kept as JSON text (an unknown key's
	// value) is kept with it, not reported; a missed duplicate in the report
	// shows as a difference of values below.
	if dups && !hasDuplicateKeys(data) {
		t.Fatalf("%s: duplicate key problem on input without duplicate keys", name)
	}
	clean := utf8.Valid(data) && !surrogateEscape.Match(data) && !dups
	if clean && len(problems) > 0 {
		t.Fatalf("%s: problems on clean input: %v", name, problems)
	}
	if len(problems) == 0 && !utf8.Valid(data) {
		// Invalid UTF-8 outside a string is a syntax error; in a key or a
		// value Decode keeps (every value but an empty one) it is a problem.
		t.Fatalf("%s: input is not UTF-8 but Decode reported no problem", name)
	}
	walkMeta(reflect.ValueOf(want).Elem(), func(m *Meta) {
		canonicalRaw(m.Unknown)
		canonicalRaw(m.Invalid)
	})
	if dups {
		return
	}
	if !reflect.DeepEqual(got, want) {
		if hasDuplicateKeys(data) {
			name += " (has duplicate keys, none reported)"
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("%s: reports differ%s", name, firstDiff(reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem(), "")+
			"\n got "+clip(string(g))+"\nwant "+clip(string(w)))
	}
}

var surrogateEscape = regexp.MustCompile(`\\u[dD][89abAB89a-fA-F]`)

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// canonicalRaw rewrites an object's or a list's JSON text as decodeTree
// wrote it (a marshalled map: keys sorted), so that the two compare.
func canonicalRaw(fields []RawField) {
	for i, f := range fields {
		if !strings.HasPrefix(f.JSON, "{") && !strings.HasPrefix(f.JSON, "[") {
			continue
		}
		dec := gojson.NewDecoder(strings.NewReader(f.JSON))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			continue
		}
		b, err := gojson.Marshal(v)
		if err == nil {
			fields[i].JSON = string(b)
		}
	}
}

// walkMeta calls fn on the Meta of every object of a report.
func walkMeta(v reflect.Value, fn func(*Meta)) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == metaType {
			fn(v.Addr().Interface().(*Meta))
			return
		}
		if v.Type() == scalarType {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			walkMeta(v.Field(i), fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkMeta(v.Index(i), fn)
		}
	}
}

// firstDiff names the first field where two values differ.
func firstDiff(a, b reflect.Value, path string) string {
	if reflect.DeepEqual(a.Interface(), b.Interface()) {
		return ""
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return fmt.Sprintf(" at %s: len %d (nil %v) vs %d (nil %v)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for i := 0; i < a.Len(); i++ {
			if d := firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	}
	return fmt.Sprintf(" at %s:\n got %#v\nwant %#v", path, a.Interface(), b.Interface())
}

// hasDuplicateKeys reports whether any object of data (as far as it is
// valid JSON) has a key twice, after the decoding of escapes.
func hasDuplicateKeys(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	type frame struct {
		obj, expectKey bool
		keys           map[string]bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		switch x := tok.(type) {
		case json.Delim:
			switch x {
			case '{', '[':
				stack = append(stack, &frame{obj: x == '{', expectKey: x == '{', keys: map[string]bool{}})
			default:
				stack = stack[:len(stack)-1]
				if n := len(stack); n > 0 && stack[n-1].obj {
					stack[n-1].expectKey = true
				}
			}
		default:
			if top == nil || !top.obj {
				continue
			}
			if !top.expectKey {
				top.expectKey = true
				continue
			}
			// encoding/json decodes a key as Decode does (U+FFFD for bad bytes).
			k, _ := x.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.expectKey = false
		}
	}
}
