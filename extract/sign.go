package extract

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// DefaultSource is the X-Source header of the seed document's samples.
const DefaultSource = "market"

// Credentials are the API key pair. The key never leaves this type: it is
// redacted when a Credentials value is printed, formatted or logged, and it
// has no exported field that encoding/json could write.
type Credentials struct {
	// ID is the SecretId sent in the Authorization header.
	ID  string
	key string
}

// NewCredentials holds a key pair.
func NewCredentials(id, key string) Credentials { return Credentials{ID: id, key: key} }

// Valid is true when both the id and the key are set.
func (c Credentials) Valid() bool { return c.ID != "" && c.key != "" }

// Key returns the secret key, for code that must compute a signature (the
// sandbox checking one). Never print it.
func (c Credentials) Key() string { return c.key }

// String masks the pair; fmt's %v and %+v go through it.
func (c Credentials) String() string { return "Credentials{ID: " + MaskID(c.ID) + ", key: [redacted]}" }

// GoString masks the pair for %#v.
func (c Credentials) GoString() string { return c.String() }

// LogValue masks the pair in slog output.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalJSON masks the pair: credentials are never written to a file.
func (c Credentials) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// MaskID shows enough of a secret id to tell two apart, not to use one.
func MaskID(id string) string {
	r := []rune(id)
	if len(r) <= 8 {
		return "****"
	}
	return string(r[:4]) + "…" + string(r[len(r)-3:])
}

// SigningString is what the gateway signs for headers="x-date x-source".
func SigningString(xDate, xSource string) string {
	return "x-date: " + xDate + "\nx-source: " + xSource
}

// Sign is base64(HMAC-SHA1(key, s)), the signature of the seed document.
func Sign(key, s string) string {
	mac := hmac.New(sha1.New, []byte(key))
	mac.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Authorization is the header value for one request, exactly as the seed
// document's samples build it.
func Authorization(c Credentials, xDate, xSource string) string {
	return fmt.Sprintf(`hmac id="%s", algorithm="hmac-sha1", headers="x-date x-source", signature="%s"`,
		c.ID, Sign(c.key, SigningString(xDate, xSource)))
}

// XDate formats t as the X-Date header: RFC 1123 in GMT, whatever the zone
// of t (the gateway refuses a date more than 15 minutes off).
func XDate(t time.Time) string { return t.UTC().Format(http.TimeFormat) }

// signingTransport signs every request it sends, so every attempt of a
// retried call carries a fresh X-Date and signature.
type signingTransport struct {
	base   http.RoundTripper
	creds  Credentials
	source string
	now    func() time.Time
}

func (t *signingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	date := XDate(t.now())
	r2 := r.Clone(r.Context()) // a RoundTripper must not change the caller's request
	r2.Header.Set("X-Source", t.source)
	r2.Header.Set("X-Date", date)
	r2.Header.Set("Authorization", Authorization(t.creds, date, t.source))
	return t.base.RoundTrip(r2)
}
