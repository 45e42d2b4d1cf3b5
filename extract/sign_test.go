package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The test vector of CONTRACT section 6.
func TestSignVector(t *testing.T) {
	got := Sign("s3cr3t+key/=", SigningString("Mon, 19 Mar 2018 12:08:40 GMT", "market"))
	if want := "edU/cFa+8eQUSwA+u9iyAjHOx4Q="; got != want {
		t.Fatalf("signature %q, want %q", got, want)
	}
	auth := Authorization(NewCredentials("AKIDexample", "s3cr3t+key/="), "Mon, 19 Mar 2018 12:08:40 GMT", "market")
	want := `hmac id="AKIDexample", algorithm="hmac-sha1", headers="x-date x-source", signature="edU/cFa+8eQUSwA+u9iyAjHOx4Q="`
	if auth != want {
		t.Fatalf("Authorization\n got %s\nwant %s", auth, want)
	}
}

func TestXDateIsGMT(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	got := XDate(time.Date(2018, 3, 19, 20, 8, 40, 0, loc))
	if want := "Mon, 19 Mar 2018 12:08:40 GMT"; got != want {
		t.Fatalf("X-Date %q, want %q", got, want)
	}
}

// Each request is signed when it is sent: a retry carries a new date.
func TestSigningTransportSignsEachAttempt(t *testing.T) {
	var dates []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dates = append(dates, r.Header.Get("X-Date"))
		want := Authorization(NewCredentials("id", "key"), r.Header.Get("X-Date"), r.Header.Get("X-Source"))
		if r.Header.Get("Authorization") != want || r.Header.Get("X-Source") != "market" {
			t.Errorf("request not signed as the seed does: %q", r.Header.Get("Authorization"))
		}
	}))
	defer srv.Close()
	now := time.Date(2018, 3, 19, 12, 8, 40, 0, time.UTC)
	tr := &signingTransport{base: http.DefaultTransport, creds: NewCredentials("id", "key"), source: "market",
		now: func() time.Time { now = now.Add(time.Minute); return now }}
	hc := &http.Client{Transport: tr}
	for range 2 {
		resp, err := hc.Post(srv.URL, "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if len(dates) != 2 || dates[0] == dates[1] {
		t.Fatalf("dates %q: want two different X-Dates", dates)
	}
}

func TestCredentialsRedacted(t *testing.T) {
	const key = "very-secret-key-9f8e7d"
	c := NewCredentials("AKIDabcdefghijklmnop", key)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "creds", c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "creds", c)
	fmt.Fprintf(&buf, "%v %+v %#v %s", c, c, c, c)
	data, _ := json.Marshal(c)
	buf.Write(data)
	if strings.Contains(buf.String(), key) {
		t.Fatalf("key printed: %s", buf.String())
	}
	if strings.Contains(buf.String(), "AKIDabcdefghijklmnop") {
		t.Fatalf("full id printed: %s", buf.String())
	}
}
