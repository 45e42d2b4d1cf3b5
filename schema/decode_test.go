package schema

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
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

// Decode never panics, and whatever it accepts marshals back to JSON.
func FuzzDecode(f *testing.F) {
	f.Add(SeedExample())
	f.Add([]byte(`{"creditHeader":{"serialNo":1},"queryRecord":{"companyQueryRecord":"x"}}`))
	f.Add([]byte(`{"status":"INVALID_ARGUMENT"}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
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
