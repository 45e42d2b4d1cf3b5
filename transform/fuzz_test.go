package transform

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"creditetl/schema"
)

// Small seeds that reach the decoder's tolerances and every kind of row
// (accounts with states, grids, lists, unknown keys, problems), so that the
// fuzzer mutates structure rather than minimizing a large report.
var flattenSeeds = []string{
	`{"creditHeader":{"serialNo":1,"reportTime":"2020.01.02 03:04:05"}}`,
	`{"creditHeader":{"serialNo":"a","x":{"b":[1,"\u00e9"]}},"queryRecord":{"companyQueryRecord":[{"date":"2020.1.2","organization":"某银行","reason":"贷款审批"},"x"]}}`,
	`{"creditHeader":{"antiHackInfo":[{"warningInfo":"w"}],"otherIdInfo":{"type":"t"}},"selfDeclare":"--","infoSummary":{"creditTransInfoHint":{"detail":{"loan":{"accountNum":"3"}}}}}`,
	`{"creditHeader":{},"personBasicInfo":{"personInfo":{"mobile":["1",null,{"mobile":"2","updateAt":"2020.13.40"}],"gender":{"value":"男"}}}}`,
	`{"creditHeader":{"serialNo":"R"},"creditTransInfoDetail":{"acyclicCreditAccount":{"name":"1","startDate":"2015.05","accountState":{"value":"正常","normal":{"surplusAmount":"1,000.50"},"overdue":{"surplusAmount":"2"}},` +
		`"refundRecord":{"detail":[{"year":"2020年","month":[{"month":"1","state":"N","amount":"0"},null,{"month":"1月","state":"1"},{"month":"x"}]},{"month":[{"state":"2"}]}]}}}}`,
	`{"creditHeader":{"serialNo":"G"},"creditTransInfoDetail":{"creditAccount":[{"refundRecord":{"detail":[{"year":"2021","month":[{"month":"2","state":"N"},{"month":"1","state":"1"},{"state":"3"}]},` +
		`{"year":"2020","month":[{"month":"12","state":"N","amount":"1.5"},{"month":"12","state":"2"}]}]}}]}}`,
	`{"creditHeader":{},"noncreditTransInfoDetail":[{"refundRecord":{"detail":{"year":2019,"month":[{"month":12,"state":"N"}]}}}],"publicInfoDetail":{"taxArrears":[{"amount":"12a3"}]}}`,
	`{"creditHeader":{"idNum":"\ud800","idNum":"2","k\udc00":1}}`,
	"{\"creditHeader\":{\"whoWasChecked\":\"\xe4\xb8\",\"\xff\":{\"a\":\"\xfe\"}}}",
	`{"creditHeader":[{}]}`,
	`{"status":"INVALID_ARGUMENT"}`,
}

// Decode → Flatten never panics: every input is a report or refused with
// ErrNotReport; a report's rows match its stats, every unknown key is an
// unknown_fields row, every value of the wrong shape and every decoder
// problem at least one rejects row, and every text loaded is valid UTF-8.
func FuzzFlatten(f *testing.F) {
	for _, s := range flattenSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := schema.Decode(data)
		if err != nil {
			if !errors.Is(err, schema.ErrNotReport) {
				t.Fatalf("error %v is not ErrNotReport", err)
			}
			return
		}
		var unknown, kept int
		eachMeta(reflect.ValueOf(rep).Elem(), func(m *schema.Meta) {
			unknown += len(m.Unknown)
			kept += len(m.Invalid) + len(m.Problems)
		})
		fl := NewFlattener("F", nil)
		defer fl.Release()
		st := fl.Add(rep, Source{SHA256: strings.Repeat("0", 64)})
		if st.Unknown != unknown || st.Rejects < kept {
			t.Fatalf("stats: %d unknown (want %d), %d rejects (want at least %d)", st.Unknown, unknown, st.Rejects, kept)
		}
		rows := map[string]int{}
		for _, b := range fl.Flush() {
			n := int(b.Record.NumRows())
			rows[b.Table.Name] += n
			for c := range b.Table.Columns {
				col := b.Record.Column(c)
				for r := 0; r < n; r++ {
					if v := schema.ValueAt(col, r); !utf8.ValidString(v.S) {
						t.Errorf("%s.%s row %d: text %q is not UTF-8", b.Table.Name, b.Table.Columns[c].Name, r, v.S)
					}
				}
			}
			b.Record.Release()
		}
		for i, tb := range schema.Tables() {
			if rows[tb.Name] != st.Rows[i] {
				t.Fatalf("%s: %d rows, stats say %d", tb.Name, rows[tb.Name], st.Rows[i])
			}
		}
		if rows["reports"] != 1 {
			t.Fatalf("%d reports rows", rows["reports"])
		}
	})
}

// eachMeta calls fn on the Meta of every object of a decoded report.
func eachMeta(v reflect.Value, fn func(*schema.Meta)) {
	switch v.Kind() {
	case reflect.Struct:
		if m, ok := v.Addr().Interface().(*schema.Meta); ok {
			fn(m)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			eachMeta(v.Field(i), fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			eachMeta(v.Index(i), fn)
		}
	}
}
