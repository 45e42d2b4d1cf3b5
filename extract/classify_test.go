package extract

import (
	"errors"
	"net/http"
	"os"
	"testing"
)

func TestClassify(t *testing.T) {
	report, err := os.ReadFile("../schema/seed/response-example.json")
	if err != nil {
		t.Fatal(err)
	}
	rl := http.Header{"Retry-After": {"7"}}
	cases := []struct {
		name      string
		status    int
		header    http.Header
		body      string
		class     Class
		sentinel  error
		apiStatus string
		requestID string
	}{
		{"report", 200, nil, string(report), Done, nil, "", ""},
		{"200 bad JSON", 200, nil, `{"creditHeader": {`, Permanent, ErrNotReport, "", ""},
		{"200 error envelope", 200, nil, `{"status":"INTERNAL_ERROR","reason":"boom","request_id":"TID1"}`, Permanent, ErrNotReport, "INTERNAL_ERROR", "TID1"},
		{"200 empty", 200, nil, ``, Permanent, ErrNotReport, "", ""},
		{"400", 400, nil, `{"status":"INVALID_ARGUMENT","reason":"invalid image format or size","request_id":"TID8bf"}`, Permanent, nil, "INVALID_ARGUMENT", "TID8bf"},
		{"403 rate limit", 403, rl, `{"status":"RATE_LIMIT_EXCEEDED","reason":"rate","request_id":"TID2"}`, RateLimited, nil, "RATE_LIMIT_EXCEEDED", "TID2"},
		{"403 HMAC", 403, nil, `{"message":"HMAC signature does not match"}`, Fatal, ErrAuth, "", ""},
		{"403 unreadable", 403, nil, `<html>forbidden</html>`, Fatal, ErrAuth, "", ""},
		{"401", 401, nil, `{"message":"HMAC signature cannot be verified"}`, Fatal, ErrAuth, "", ""},
		{"429", 429, nil, ``, RateLimited, nil, "", ""},
		{"500", 500, nil, `{"status":"INTERNAL_ERROR","reason":"internal error","request_id":"TID3"}`, Retry, nil, "INTERNAL_ERROR", "TID3"},
		{"502 html", 502, nil, `<html>bad gateway</html>`, Retry, nil, "", ""},
		{"404", 404, nil, `{"message":"no Route matched"}`, Fatal, ErrEndpoint, "", ""},
		{"302", 302, nil, ``, Fatal, ErrEndpoint, "", ""},
		{"413", 413, nil, `too large`, Permanent, nil, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.header
			if h == nil {
				h = http.Header{}
			}
			err := Classify(c.status, h, []byte(c.body))
			if got := ClassOf(err); got != c.class {
				t.Fatalf("class %v, want %v (err %v)", got, c.class, err)
			}
			if c.class == Done {
				return
			}
			if c.sentinel != nil && !errors.Is(err, c.sentinel) {
				t.Fatalf("%v is not %v", err, c.sentinel)
			}
			ae := apiErrorOf(err)
			if ae == nil {
				t.Fatalf("%T is not an *APIError", err)
			}
			if ae.Status != c.apiStatus || ae.RequestID != c.requestID || ae.HTTPStatus != c.status {
				t.Fatalf("got %+v", ae)
			}
			if c.name == "403 rate limit" && ae.RetryAfter.Seconds() != 7 {
				t.Fatalf("Retry-After not read: %v", ae.RetryAfter)
			}
		})
	}
}

// FuzzClassify: whatever a server answers, classification neither panics
// nor calls a non-200 answer a report.
func FuzzClassify(f *testing.F) {
	f.Add(200, []byte(`{"creditHeader":{}}`))
	f.Add(403, []byte(`{"status":"RATE_LIMIT_EXCEEDED"}`))
	f.Add(403, []byte(`{"message":"HMAC"}`))
	f.Add(500, []byte(`null`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			return
		}
		err := Classify(status, http.Header{}, body)
		if status != 200 && err == nil {
			t.Fatalf("HTTP %d classified as a report", status)
		}
		if err != nil && ClassOf(err) == Done {
			t.Fatalf("error %v classified Done", err)
		}
	})
}
