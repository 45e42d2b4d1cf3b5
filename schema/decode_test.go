package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// Decoding the seed and marshalling it back gives the seed: the Go types hold
// the whole answer.
func TestSeedRoundTrip(t *testing.T) {
	rep, err := Decode(SeedExample())
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(SeedExample(), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("round trip differs:\n%s", out)
	}
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty file"},
		{"blank", " \n\t", "empty file"},
		{"truncated", `{"creditHeader": {"serialNo": "1"`, "truncated JSON"},
		{"garbage", `{"creditHeader": }`, "invalid JSON"},
		{"array", `[{"creditHeader": {}}]`, "JSON array, not a report object"},
		{"string", `"hello"`, "JSON string, not a report object"},
		{"envelope", `{"status":"INVALID_ARGUMENT","reason":"invalid image format or size","request_id":"TID8bf"}`, "API error answer, not a report: status=INVALID_ARGUMENT reason=\"invalid image format or size\" request_id=TID8bf"},
		{"gateway", `{"message":"HMAC signature cannot be verified"}`, "API error answer"},
		{"no header", `{"personBasicInfo": {}}`, "no creditHeader"},
		{"header not object", `{"creditHeader": "x"}`, "creditHeader is string"},
		{"two values", `{"creditHeader": {}} {}`, "data after the top-level value"},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && !errors.Is(err, ErrNotReport) {
			t.Errorf("%s: error %v is not ErrNotReport", tt.name, err)
		}
	}
}

func TestDecodeTolerance(t *testing.T) {
	in := `{"creditHeader": {"serialNo": 201506010000332123, "reportTime": null, "idType": true, "futureKey": {"a": [1, 2]}},
	  "personBasicInfo": {"personInfo": {"mobile": ["13800000000", null, {"mobile": "1"}], "gender": "男"}},
	  "creditTransInfoDetail": {"acyclicCreditAccount": {"name": "账户1"}, "creditAccount": "--", "recoveryInfo": 5},
	  "queryRecord": {"companyQueryRecord": [{"date": {"x": 1}}]},
	  "selfDeclare": ""}`
	rep, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	h := rep.CreditHeader
	if h.SerialNo != Num("201506010000332123") {
		t.Errorf("serialNo = %+v: a JSON number keeps its exact text", h.SerialNo)
	}
	if h.ReportTime.Kind != Null || h.IDType.Kind != Bool || h.WhoWasChecked.Kind != Missing {
		t.Errorf("kinds: %+v %+v %+v", h.ReportTime, h.IDType, h.WhoWasChecked)
	}
	if len(h.Unknown) != 1 || h.Unknown[0].Key != "futureKey" || h.Unknown[0].JSON != `{"a":[1,2]}` {
		t.Errorf("unknown = %+v", h.Unknown)
	}
	pi := rep.PersonBasicInfo.PersonInfo
	if len(pi.Mobile) != 1 || pi.Mobile[0].Pos != 3 || pi.Mobile[0].Mobile != Str("1") {
		t.Errorf("mobile = %+v: the object keeps its source position 3", pi.Mobile)
	}
	if len(pi.Invalid) != 2 || pi.Invalid[0].Key != "gender" || pi.Invalid[1].Key != "mobile[0]" {
		t.Errorf("personInfo invalid = %+v", pi.Invalid)
	}
	d := rep.CreditTransInfoDetail
	if len(d.AcyclicCreditAccount) != 1 || d.AcyclicCreditAccount[0].Name != Str("账户1") {
		t.Errorf("single object as list: %+v", d.AcyclicCreditAccount)
	}
	if len(d.CreditAccount) != 0 {
		t.Errorf("-- list is empty")
	}
	if len(d.Invalid) != 1 || d.Invalid[0].Key != "recoveryInfo" || d.Invalid[0].JSON != "5" {
		t.Errorf("detail invalid = %+v", d.Invalid)
	}
	q := rep.QueryRecord.CompanyQueryRecord
	if len(q) != 1 || len(q[0].Invalid) != 1 || q[0].Invalid[0].JSON != `{"x":1}` {
		t.Errorf("query = %+v", q)
	}
	if len(rep.SelfDeclare) != 0 || len(rep.Invalid) != 0 {
		t.Errorf(`"" list: %+v %+v`, rep.SelfDeclare, rep.Invalid)
	}
}

// fuzzSeeds are small inputs that reach every branch of the decoder, so the
// fuzzer mutates structure instead of spending its time minimizing a large
// report. FuzzFlatten (transform) starts from the same ones.
var fuzzSeeds = []string{
	`{"creditHeader":{"serialNo":1}}`,
	`{"creditHeader":{"serialNo":"a","x":{"b":[1,"\u00e9",true,null]}},"queryRecord":{"companyQueryRecord":"x"}}`,
	`{"creditHeader":{"antiHackInfo":[{"warningInfo":"w"}],"otherIdInfo":{"type":"t"}},"selfDeclare":"--"}`,
	`{"creditHeader":{},"personBasicInfo":{"personInfo":{"mobile":["1",null,{"mobile":"2"},[3]],"gender":{"value":"男"}}}}`,
	`{"creditHeader":{},"creditTransInfoDetail":{"acyclicCreditAccount":{"name":"1","accountState":{"normal":{"surplusAmount":"1,000.50"}},` +
		`"refundRecord":{"detail":[{"year":2020,"month":[{"month":"1","state":"N","amount":"0"},null,{"month":"1","state":"1"}]}]}}}}`,
	`{"creditHeader":{"idNum":"\ud800","idNum":"` + "\xff" + `","k\udc00":1,"reportTime":"2020.1.2 3:04"}}`,
	"{\"creditHeader\":{\"whoWasChecked\":\"\xe4\xb8\"}}",
	`{"creditHeader":[{}]}`,
	`{"creditHeader":{}} {}`,
	"\xef\xbb\xbf{\"creditHeader\":{}}",
	`{"status":"INVALID_ARGUMENT","reason":"r","request_id":"1"}`,
	`{"message":"HMAC signature cannot be verified"}`,
	`[1,2]`,
	`"x"`,
	`{"creditHeader":{"serialNo":-1.5e+3}`,
}

// Decode never panics, refuses only with ErrNotReport, agrees with the
// decoder it replaced (see compareDecoders), and whatever it accepts
// marshals back to JSON.
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareDecoders(t, "input", data)
		rep, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrNotReport) {
				t.Fatalf("error %v is not ErrNotReport", err)
			}
			return
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
	})
}

// An unknown key's object or list is kept as the JSON text received: keys in
// their order, strings as written (no HTML escaping), a repeated key inside
// it kept too, only the whitespace between tokens removed.
func TestDecodeKeepsUnknownText(t *testing.T) {
	in := "{\"creditHeader\": {\"serialNo\": \"1\",\n  \"futureKey\": { \"b\": \"<&>\", \"a\": [1, 2.50, \"\\u00e9 x\"],\n \"b\": 2 },\n" +
		` "list": [ ], "s": "x\"y", "n": -1.5e3, "t": true, "z": null}}`
	rep, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []RawField{
		{"futureKey", `{"b":"<&>","a":[1,2.50,"\u00e9 x"],"b":2}`},
		{"list", `[]`},
		{"n", `-1.5e3`},
		{"s", `x"y`},
		{"t", `true`},
		{"z", `null`},
	}
	h := rep.CreditHeader
	if !reflect.DeepEqual(h.Unknown, want) {
		t.Errorf("unknown\n got %q\nwant %q", h.Unknown, want)
	}
	if len(h.Problems) != 0 {
		t.Errorf("problems %+v: nothing was changed", h.Problems)
	}
}

// Invalid UTF-8, lone surrogates and duplicate keys are no longer silent:
// the value is kept (U+FFFD in place of what is not UTF-8, the first of
// repeated keys) and Meta.Problems says what changed, with the raw value.
func TestDecodeProblems(t *testing.T) {
	type want struct {
		field    func(*Report) any
		value    any
		problems []Problem
		meta     func(*Report) *Meta
	}
	header := func(r *Report) *Meta { return &r.CreditHeader.Meta }
	idNum := func(r *Report) any { return r.CreditHeader.IDNum }
	tests := []struct {
		name, in string
		want
	}{
		{"value not UTF-8", `"idNum":"12` + "\xff" + `34"`, want{idNum, Str("12\uFFFD34"),
			[]Problem{{"idNum", "3132ff3334", problemBadUTF8}}, header}},
		{"value cut UTF-8", `"idNum":"` + "\xe4\xb8" + `"`, want{idNum, Str("\uFFFD\uFFFD"),
			[]Problem{{"idNum", "e4b8", problemBadUTF8}}, header}},
		{"lone surrogate", `"idNum":"a\ud800b"`, want{idNum, Str("a\uFFFDb"),
			[]Problem{{"idNum", `a\ud800b`, problemSurrogate}}, header}},
		{"surrogate pair", `"idNum":"\ud83d\ude00"`, want{idNum, Str("😀"), nil, header}},
		{"escaped U+FFFD", `"idNum":"\ufffd` + "\uFFFD" + `"`, want{idNum, Str("\uFFFD\uFFFD"), nil, header}},
		{"both", `"idNum":"` + "\xff" + `\udc00"`, want{idNum, Str("\uFFFD\uFFFD"),
			[]Problem{{"idNum", `ff5c7564633030`, problemBoth}}, header}},
		{"key not UTF-8", `"x` + "\xff" + `y": 1`, want{func(r *Report) any { return r.CreditHeader.Unknown },
			[]RawField{{"x\uFFFDy", "1"}},
			[]Problem{{"x\uFFFDy", "78ff79", "key is not valid UTF-8: the invalid bytes were replaced by U+FFFD (raw key in hex)"}}, header}},
		{"key surrogate", `"k\udc00": "v"`, want{func(r *Report) any { return r.CreditHeader.Unknown },
			[]RawField{{"k\uFFFD", "v"}},
			[]Problem{{"k\uFFFD", `k\udc00`, "key has a lone UTF-16 surrogate escape, replaced by U+FFFD"}}, header}},
		{"duplicate", `"idNum":"A", "idNum":"B"`, want{idNum, Str("A"),
			[]Problem{{"idNum", "B", problemDuplicate}}, header}},
		{"duplicate after null", `"idNum":null, "idNum":7`, want{idNum, Scalar{Kind: Null},
			[]Problem{{"idNum", "7", problemDuplicate}}, header}},
		{"duplicate escaped", `"idNum":"A", "id\u004eum":"B"`, want{idNum, Str("A"),
			[]Problem{{"idNum", "B", problemDuplicate}}, header}},
		{"duplicate object", `"antiHackInfo":{"warningInfo":"w1"}, "antiHackInfo": {"warningInfo": "w2"}`,
			want{func(r *Report) any { return r.CreditHeader.AntiHackInfo.WarningInfo }, Str("w1"),
				[]Problem{{"antiHackInfo", `{"warningInfo":"w2"}`, problemDuplicate}}, header}},
		{"duplicate list", `"otherIdInfo":[{"type":"a"}], "otherIdInfo":{"type":"b"}`,
			want{func(r *Report) any { return len(r.CreditHeader.OtherIDInfo) }, 1,
				[]Problem{{"otherIdInfo", `{"type":"b"}`, problemDuplicate}}, header}},
		{"duplicate unknown", `"zz":1, "zz":[2]`, want{func(r *Report) any { return r.CreditHeader.Unknown },
			[]RawField{{"zz", "1"}}, []Problem{{"zz", "[2]", problemDuplicate}}, header}},
		{"duplicate not UTF-8", `"idNum":"A", "idNum":"` + "\xff" + `"`, want{idNum, Str("A"),
			[]Problem{{"idNum", "ff", problemDuplicate + "; this value is not valid UTF-8 (raw value in hex)"}}, header}},
		{"unknown object not UTF-8", `"zz":{"a": "` + "\xff" + `"}`, want{func(r *Report) any { return r.CreditHeader.Unknown },
			[]RawField{{"zz", "{\"a\":\"\uFFFD\"}"}}, []Problem{{"zz", "7b2261223a2022ff227d", problemBadUTF8}}, header}},
		{"list element not UTF-8", `"otherIdInfo":["` + "\xff" + `"]`, want{func(r *Report) any { return r.CreditHeader.Invalid },
			[]RawField{{"otherIdInfo[0]", "\uFFFD"}}, []Problem{{"otherIdInfo[0]", "ff", problemBadUTF8}}, header}},
		{"object for a value not UTF-8", `"idNum":["` + "\xff" + `"]`, want{func(r *Report) any { return r.CreditHeader.Invalid },
			[]RawField{{"idNum", "[\"\uFFFD\"]"}}, []Problem{{"idNum", "5b22ff225d", problemBadUTF8}}, header}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Decode([]byte(`{"creditHeader": {"serialNo": "S", ` + tt.in + `}}`))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.field(rep); !reflect.DeepEqual(got, tt.value) {
				t.Errorf("value %#v, want %#v", got, tt.value)
			}
			if got := tt.meta(rep).Problems; !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

// The first creditHeader decides; a later one is a duplicate.
func TestDecodeDuplicateHeader(t *testing.T) {
	rep, err := Decode([]byte(`{"creditHeader": {"serialNo": "S"}, "creditHeader": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	if rep.CreditHeader.SerialNo != Str("S") || !reflect.DeepEqual(rep.Problems, []Problem{{"creditHeader", "x", problemDuplicate}}) {
		t.Errorf("header %+v, problems %+v", rep.CreditHeader, rep.Problems)
	}
	_, err = Decode([]byte(`{"creditHeader": 1, "creditHeader": {"serialNo": "S"}}`))
	if err == nil || err.Error() != "creditHeader is number, not an object" {
		t.Errorf("err = %v", err)
	}
}

// Decode is safe for concurrent use (plans are compiled once and shared;
// run with -race).
func TestDecodeConcurrent(t *testing.T) {
	inputs := append([]string{string(SeedExample())}, fuzzSeeds...)
	want := make([]*Report, len(inputs))
	for i, in := range inputs {
		want[i], _ = Decode([]byte(in))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for i, in := range inputs {
					got, _ := Decode([]byte(in))
					if !reflect.DeepEqual(got, want[i]) {
						t.Errorf("input %d decodes differently in parallel", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// The decoder works from the types alone: any struct following the tag
// conventions of report.go (here a recursive one) decodes the same way.
func TestDecodePlansFromTypes(t *testing.T) {
	type node struct {
		Name  Scalar `json:"name"`
		Kids  []node `json:"kids"`
		Skip  Scalar // no json tag: not a key
		Inner struct {
			V    Scalar `json:"v"`
			Meta `json:"-"`
		} `json:"inner"`
		Meta `json:"-"`
	}
	var n node
	d := newDecoder(`{"name":1,"kids":[{"name":"a","kids":{"name":"b"}},null,{"Skip":"x"}],"inner":[{"v":true}],"Skip":2}`, 0)
	d.object(planOf(reflect.TypeFor[node]()), unsafe.Pointer(&n))
	if n.Name != Num("1") || len(n.Kids) != 2 || n.Kids[0].Name != Str("a") || len(n.Kids[0].Kids) != 1 ||
		n.Kids[0].Kids[0].Name != Str("b") || n.Kids[1].Pos != 3 || n.Inner.V.Kind != Bool {
		t.Errorf("decoded %+v", n)
	}
	if len(n.Unknown) != 1 || n.Unknown[0] != (RawField{"Skip", "2"}) || len(n.Kids[1].Unknown) != 1 {
		t.Errorf("unknown %+v %+v", n.Unknown, n.Kids[1].Unknown)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "does not embed Meta") {
			t.Errorf("a type without Meta: %v", r)
		}
	}()
	planOf(reflect.TypeFor[struct {
		A Scalar `json:"a"`
	}]())
}

// Nesting: goccy/go-json's limit (10,000 levels) holds, with its message.
func TestDecodeDepth(t *testing.T) {
	for _, n := range []int{9998, 9999} { // + 2 for the report and creditHeader
		in := `{"creditHeader":{"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}}`
		compareDecoders(t, fmt.Sprint("depth ", n+2), []byte(in))
		_, err := Decode([]byte(in))
		if (err == nil) != (n+2 <= maxDepth) {
			t.Errorf("depth %d: err = %v", n+2, err)
		}
	}
}

// An object with a great many keys, unknown or repeated: repeats are found
// through a map once the unknown keys are many (scanning them would take
// quadratic time).
func TestDecodeManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"creditHeader":{`)
	const n = 200_000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `"k%d":%d,"serialNo":%d,`, i%(n/2), i, i)
	}
	b.WriteString(`"idNum":"x"}}`)
	rep, err := Decode([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	h := rep.CreditHeader
	if len(h.Unknown) != n/2 || len(h.Problems) != n/2+n-1 || h.SerialNo != Num("0") {
		t.Errorf("%d unknown, %d problems, serialNo %v", len(h.Unknown), len(h.Problems), h.SerialNo)
	}
	// k1 first has 1 (i = 1), then 100001 (i = n/2 + 1).
	if h.Unknown[1] != (RawField{"k1", "1"}) {
		t.Errorf("unknown %+v", h.Unknown[1])
	}
	if p := h.Problems[n/2+1]; p != (Problem{"k1", "100001", problemDuplicate}) {
		t.Errorf("problem %+v", p)
	}
}
