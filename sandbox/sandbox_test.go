package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"creditetl/extract"
	"creditetl/schema"
)

var creds = extract.NewCredentials("AKIDsandboxtest0001", "s3cr3t+key/=")

var pdf = []byte("%PDF-1.4\n% sandbox test\n%%EOF\n")

type req struct {
	method, path string
	body         string
	ctype        string
	date         time.Time
	key          string // signing key (default creds)
	id           string
	auth         string // a whole Authorization header instead
	noAuth       bool
}

func form(img []byte) string {
	return url.Values{"image": {base64.StdEncoding.EncodeToString(img)}}.Encode()
}

func (r req) do(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodPost
	}
	if r.path == "" {
		r.path = Path
	}
	hr := httptest.NewRequest(r.method, r.path, strings.NewReader(r.body))
	if r.ctype == "" {
		r.ctype = "application/x-www-form-urlencoded"
	}
	hr.Header.Set("Content-Type", r.ctype)
	if r.date.IsZero() {
		r.date = time.Now()
	}
	date := extract.XDate(r.date)
	hr.Header.Set("X-Date", date)
	hr.Header.Set("X-Source", "market")
	c := creds
	if r.key != "" || r.id != "" {
		id, key := creds.ID, creds.Key()
		if r.id != "" {
			id = r.id
		}
		if r.key != "" {
			key = r.key
		}
		c = extract.NewCredentials(id, key)
	}
	switch {
	case r.auth != "":
		hr.Header.Set("Authorization", r.auth)
	case !r.noAuth:
		hr.Header.Set("Authorization", extract.Authorization(c, date, "market"))
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, hr)
	return w
}

func newServer(t *testing.T, o Options) *Server {
	t.Helper()
	o.Credentials = creds
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSandboxChecks(t *testing.T) {
	s := newServer(t, Options{MaxBytes: 1000})
	big := append(append([]byte{}, pdf...), bytes.Repeat([]byte("x"), 1000)...)
	cases := []struct {
		name    string
		r       req
		status  int
		message string // gateway
		api     string // API status
	}{
		{"ok form", req{body: form(pdf)}, 200, "", ""},
		{"ok json", req{body: `{"image":"` + base64.StdEncoding.EncodeToString(pdf) + `"}`, ctype: "application/json"}, 200, "", ""},
		{"ok base64 with line breaks (Java)", req{body: url.Values{"image": {base64.StdEncoding.EncodeToString(pdf)[:10] + "\n" + base64.StdEncoding.EncodeToString(pdf)[10:]}}.Encode()}, 200, "", ""},
		{"no Authorization", req{body: form(pdf), noAuth: true}, 401, "HMAC", ""},
		{"not hmac", req{body: form(pdf), auth: "Bearer abc"}, 401, "HMAC", ""},
		{"unknown id", req{body: form(pdf), id: "AKIDother"}, 401, "HMAC id invalid", ""},
		{"wrong key", req{body: form(pdf), key: "another key"}, 403, "HMAC signature does not match", ""},
		{"date 16 minutes late", req{body: form(pdf), date: time.Now().Add(-16 * time.Minute)}, 401, "clock skew", ""},
		{"date 16 minutes early", req{body: form(pdf), date: time.Now().Add(16 * time.Minute)}, 401, "clock skew", ""},
		{"date 14 minutes off", req{body: form(pdf), date: time.Now().Add(-14 * time.Minute)}, 200, "", ""},
		{"no date signed", req{body: form(pdf), auth: `hmac id="` + creds.ID + `", algorithm="hmac-sha1", headers="x-source", signature="` + extract.Sign(creds.Key(), "x-source: market") + `"`}, 401, "date", ""},
		{"missing image", req{body: "image="}, 400, "", "INVALID_ARGUMENT"},
		{"no body", req{}, 400, "", "INVALID_ARGUMENT"},
		{"not base64", req{body: "image=%%%%"}, 400, "", "INVALID_ARGUMENT"},
		{"not base64 chars", req{body: url.Values{"image": {"!!!not base64!!!"}}.Encode()}, 400, "", "INVALID_ARGUMENT"},
		{"unknown type", req{body: form([]byte("GIF89a......"))}, 400, "", "INVALID_ARGUMENT"},
		{"too large", req{body: form(big)}, 400, "", "INVALID_ARGUMENT"},
		{"bad JSON", req{body: `{"image":"",}`, ctype: "application/json"}, 400, "", "INVALID_ARGUMENT"},
		{"wrong path", req{path: "/release/v1/other", body: form(pdf)}, 404, "no Route", ""},
		{"GET", req{method: http.MethodGet}, 405, "not allowed", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := c.r.do(t, s)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if w.Header().Get(extract.SandboxHeader) != "synthetic" {
				t.Fatal("answer not marked synthetic")
			}
			var env schema.ErrorEnvelope
			if c.status != 200 {
				if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
					t.Fatalf("error body not JSON: %s", w.Body.String())
				}
			}
			if c.message != "" && !strings.Contains(env.Message, c.message) {
				t.Fatalf("message %q, want %q", env.Message, c.message)
			}
			if c.api != "" && (env.Status != c.api || env.Reason != "invalid image format or size" || !strings.HasPrefix(env.RequestID, "TID")) {
				t.Fatalf("envelope %+v", env)
			}
			if c.status == 200 {
				if _, err := schema.Decode(w.Body.Bytes()); err != nil {
					t.Fatalf("200 body: %v", err)
				}
			}
			// Every answer is one the client classifies as intended.
			err := extract.Classify(w.Code, w.Header(), w.Body.Bytes())
			want := map[int]extract.Class{200: extract.Done, 400: extract.Permanent, 401: extract.Fatal, 403: extract.Fatal, 404: extract.Fatal, 405: extract.Fatal}[c.status]
			if got := extract.ClassOf(err); got != want {
				t.Fatalf("client class %v, want %v", got, want)
			}
		})
	}
}

// Same bytes, same report; other bytes, another report.
func TestSandboxDeterministic(t *testing.T) {
	a := newServer(t, Options{})
	b := newServer(t, Options{})
	w1 := req{body: form(pdf)}.do(t, a)
	w2 := req{body: form(pdf)}.do(t, b)
	w3 := req{body: form(append([]byte("%PDF-1.4 other"), pdf...))}.do(t, a)
	if w1.Code != 200 || w1.Body.String() != w2.Body.String() {
		t.Fatal("same bytes, different answers")
	}
	if w1.Body.String() == w3.Body.String() {
		t.Fatal("different bytes, same answer")
	}
	c := a.Counts()
	if c.Requests != 2 || c.ByStatus[200] != 2 || len(c.Paid) != 2 {
		t.Fatalf("counts %+v", c)
	}
}

func TestSandboxInjections(t *testing.T) {
	fail := newServer(t, Options{FailRate: 1})
	w := req{body: form(pdf)}.do(t, fail)
	if w.Code != 500 || !strings.Contains(w.Body.String(), "INTERNAL_ERROR") {
		t.Fatalf("fail rate 1: %d %s", w.Code, w.Body.String())
	}
	limited := newServer(t, Options{QPS: 1})
	codes := []int{req{body: form(pdf)}.do(t, limited).Code, req{body: form(pdf)}.do(t, limited).Code}
	if codes[0] != 200 || codes[1] != 403 {
		t.Fatalf("qps 1: codes %v", codes)
	}
	w = req{body: form(pdf)}.do(t, limited)
	if w.Code == 403 && extract.ClassOf(extract.Classify(w.Code, w.Header(), w.Body.Bytes())) != extract.RateLimited {
		t.Fatalf("rate limit answer not classified as one: %s", w.Body.String())
	}
	slow := newServer(t, Options{LatencyMin: 30 * time.Millisecond, LatencyMax: 40 * time.Millisecond})
	start := time.Now()
	if w := (req{body: form(pdf)}).do(t, slow); w.Code != 200 || time.Since(start) < 30*time.Millisecond {
		t.Fatalf("latency not applied: %d after %v", w.Code, time.Since(start))
	}
	skewed := newServer(t, Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
	if w := (req{body: form(pdf)}).do(t, skewed); w.Code != 401 {
		t.Fatalf("sandbox clock an hour ahead: %d", w.Code)
	}
	if _, err := New(Options{}); err == nil {
		t.Fatal("a sandbox without credentials")
	}
}

// The seed's curl sample signs the plain Date and Source headers and writes
// the header with spaces and an unquoted signature: the gateway takes it.
func TestSandboxAcceptsCurlStyle(t *testing.T) {
	s := newServer(t, Options{})
	date := extract.XDate(time.Now())
	sig := extract.Sign(creds.Key(), "date: "+date+"\nsource: source")
	hr := httptest.NewRequest(http.MethodPost, Path, strings.NewReader(form(pdf)))
	hr.Header.Set("Date", date)
	hr.Header.Set("Source", "source")
	hr.Header.Set("Authorization", fmt.Sprintf(`hmac id = "%s", algorithm = "hmac-sha1", headers = "date source", signature = %s`, creds.ID, sig))
	w := httptest.NewRecorder()
	s.ServeHTTP(w, hr)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body.String())
	}
}

func TestSandboxLogsNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	s := newServer(t, Options{})
	s.o.Log = slogTo(&buf)
	img := append([]byte("%PDF-1.4 IMAGE-MARKER-XYZ "), pdf...)
	req{body: form(img)}.do(t, s)
	req{body: form(img), key: "wrong-key-MARKER"}.do(t, s)
	out := buf.String()
	for _, secret := range []string{creds.Key(), "wrong-key-MARKER", "IMAGE-MARKER", base64.StdEncoding.EncodeToString(img)[:20], "signature="} {
		if strings.Contains(out, secret) {
			t.Fatalf("log holds %q:\n%s", secret, out)
		}
	}
	if strings.Count(out, "msg=request") != 2 {
		t.Fatalf("not every request logged:\n%s", out)
	}
}

func FuzzParseAuthorization(f *testing.F) {
	f.Add(`hmac id="a", algorithm="hmac-sha1", headers="x-date x-source", signature="c2ln"`)
	f.Add(`hmac id = "a", algorithm = "hmac-sha1", headers = "date source", signature = yMCx=`)
	f.Add(`hmac id="a,b"`)
	f.Fuzz(func(t *testing.T, h string) {
		p, ok := ParseAuthorization(h)
		if ok && (p.ID == "" || p.Signature == "" || p.Algorithm == "") {
			t.Fatalf("ok without parts: %+v", p)
		}
	})
}

func FuzzDecodeImage(f *testing.F) {
	f.Add("JVBERi0xLjQ=")
	f.Add("data:image/png;base64,iVBORw0KGgo=")
	f.Add(" \n")
	f.Fuzz(func(t *testing.T, s string) {
		img, detail := decodeImage(s)
		if detail == "" && len(img) == 0 {
			t.Fatal("no image and no reason")
		}
	})
}

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
