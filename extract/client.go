package extract

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"creditetl/schema"
)

// DefaultEndpoint is the API address of the seed document.
const DefaultEndpoint = "https://service-qv6onzex-1300075552.bj.apigw.tencentcs.com/release/v2/credit_report"

// SandboxHeader marks an answer of the sandbox: its reports are synthetic.
const SandboxHeader = "X-Creditetl-Sandbox"

// Client sends one scan to the API. Do is called from many goroutines at
// once, once per distinct scan of a run (the retry layer calls the layers
// below it once per attempt). It always returns a non-nil *Answer that says
// what happened (attempts, last HTTP status, latency), with a nil error when
// Body holds a report.
type Client interface {
	Do(ctx context.Context, req *Request) (*Answer, error)
}

// Request is one scan to recognise.
type Request struct {
	File   string // path, for messages
	SHA256 string // hex SHA-256 of Image, the store key
	Image  []byte // the scan's bytes (base64-encoded on the wire)
}

// Answer is the outcome of a call.
type Answer struct {
	Body       []byte // the report JSON (on success)
	HTTPStatus int    // of the last attempt; 0 when no answer came
	RequestID  string
	Attempts   int           // HTTP requests sent for this scan
	Latency    time.Duration // from the first attempt to the last answer, waits included
	Cached     bool          // served from the store: nothing was sent
	Synthetic  bool          // the answer came from the sandbox
	ReceivedAt time.Time
	Response   string // store path of the saved answer (relative to the store)
}

// Sentinels for the outcomes that change the course of a run.
var (
	// ErrAuth: the gateway refused the credentials or the signature. Fatal
	// for the run: every other file would be refused too.
	ErrAuth = errors.New("the API gateway refused the credentials or the signature")
	// ErrEndpoint: the endpoint cannot serve this API (bad URL, TLS
	// certificate refused, not found, redirect). Fatal for the run.
	ErrEndpoint = errors.New("the API endpoint cannot be used")
	// ErrBudget: --max-calls paid calls were made; the scan was not sent.
	ErrBudget = errors.New("--max-calls reached")
	// ErrNotReport: a 200 answer whose body is not a credit report.
	ErrNotReport = errors.New("the 200 answer is not a credit report")
)

// Class is what to do about an answer.
type Class int

// The classes of Classify.
const (
	Done        Class = iota // a report: store it
	Retry                    // 5xx, timeout, connection error: back off and retry
	RateLimited              // 403 RATE_LIMIT_EXCEEDED: slow down, back off and retry
	Permanent                // 400 and other refusals of this file: record, do not retry
	Fatal                    // credentials refused, endpoint unusable: stop the run
)

func (c Class) String() string {
	return [...]string{"done", "retry", "rate-limited", "permanent", "fatal"}[c]
}

// APIError is an answer that is not a report.
type APIError struct {
	HTTPStatus int
	Status     string // API status: INVALID_ARGUMENT, RATE_LIMIT_EXCEEDED, INTERNAL_ERROR …
	Reason     string // API reason, or the gateway's message, or what was wrong with a 200
	RequestID  string
	RetryAfter time.Duration // from a Retry-After header
	Class      Class
	// Body is kept for a 200 that is not a report, so the store can keep it.
	Body []byte
	err  error // sentinel: ErrAuth, ErrEndpoint, ErrNotReport
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	if e.Status != "" {
		b.WriteString(" " + e.Status)
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	if e.RequestID != "" {
		b.WriteString(" (request_id " + e.RequestID + ")")
	}
	if e.err != nil {
		b.WriteString(": " + e.err.Error())
	}
	return b.String()
}

func (e *APIError) Unwrap() error { return e.err }

// TransportError is a call that got no answer: connection refused or reset,
// timeout, a body cut short. Retried.
type TransportError struct {
	Err   error
	Class Class
}

func (e *TransportError) Error() string { return e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// FileError is a scan that could not be read again to be sent (it changed
// or went away since it was checked). That file fails; the run goes on.
type FileError struct{ Err error }

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// ClassOf tells what to do after an error of a layer. Context errors (the
// run was stopped) are Fatal: nothing more is sent.
func ClassOf(err error) Class {
	if err == nil {
		return Done
	}
	if errors.Is(err, ErrUnreachable) {
		return Fatal
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Class
	}
	var te *TransportError
	if errors.As(err, &te) {
		return te.Class
	}
	var fe *FileError
	if errors.Is(err, ErrBudget) || errors.As(err, &fe) {
		return Permanent
	}
	return Fatal
}

// maxAnswerBytes bounds what is read of an answer.
const maxAnswerBytes = 64 << 20

// Classify turns one HTTP answer into an error, or nil for a report. It is
// the one place that knows the API's and the gateway's answers (CONTRACT
// section 6; the two 403s are told apart by their body).
func Classify(status int, header http.Header, body []byte) error {
	env, _ := schema.ParseEnvelope(body)
	e := &APIError{HTTPStatus: status, RequestID: header.Get("X-Api-RequestId")}
	if env != nil {
		e.Status, e.Reason = env.Status, env.Reason
		if e.Reason == "" {
			e.Reason = env.Message
		}
		if env.RequestID != "" {
			e.RequestID = env.RequestID
		}
	}
	switch {
	case status == http.StatusOK:
		if _, err := schema.Decode(body); err != nil {
			e.Class, e.err, e.Body = Permanent, ErrNotReport, body
			if e.Reason == "" {
				e.Reason = err.Error()
			}
			return e
		}
		return nil
	case status == http.StatusBadRequest:
		e.Class = Permanent
	case status == http.StatusUnauthorized:
		e.Class, e.err = Fatal, ErrAuth
	case status == http.StatusForbidden:
		if env != nil && env.Status == "RATE_LIMIT_EXCEEDED" || env == nil && bytes.Contains(body, []byte("RATE_LIMIT_EXCEEDED")) {
			e.Class = RateLimited
			e.RetryAfter = retryAfter(header)
		} else {
			// The gateway's {"message": "HMAC ..."}, or a 403 we cannot read:
			// stopping costs one rerun, going on could burn every file.
			e.Class, e.err = Fatal, ErrAuth
		}
	case status == http.StatusTooManyRequests:
		e.Class = RateLimited
		e.RetryAfter = retryAfter(header)
	case status >= 500:
		e.Class = Retry
		e.RetryAfter = retryAfter(header)
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed || status >= 300 && status < 400:
		e.Class, e.err = Fatal, ErrEndpoint
	default:
		e.Class = Permanent
	}
	if e.Reason == "" && e.Status == "" {
		e.Reason = snippet(body)
	}
	return e
}

func retryAfter(h http.Header) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After"))); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 0
}

// snippet is the start of a body that is not JSON, for a reason text.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len([]rune(s)) > 120 {
		s = string([]rune(s)[:120]) + "…"
	}
	return s
}

// httpClient is the innermost layer: one POST, one answer.
type httpClient struct {
	hc       *http.Client
	endpoint string
	jsonBody bool
	timeout  time.Duration
	counts   *counters
}

var _ Client = (*httpClient)(nil)

func (c *httpClient) Do(ctx context.Context, req *Request) (*Answer, error) {
	start := time.Now()
	a := &Answer{Attempts: 1}
	body, ctype := encodeBody(req.Image, c.jsonBody)
	// An answer that is on its way when the run is stopped is still wanted
	// (it is paid for): the request lives on until its own timeout.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(rctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return a, fmt.Errorf("endpoint %s: %w: %w", redactURL(c.endpoint), ErrEndpoint, err)
	}
	hreq.Header.Set("Content-Type", ctype)
	hreq.Header.Set("Accept", "application/json")
	c.counts.calls.Add(1)
	resp, err := c.hc.Do(hreq)
	if err != nil {
		a.Latency = time.Since(start)
		return a, transportError(c.endpoint, err)
	}
	defer resp.Body.Close()
	a.HTTPStatus = resp.StatusCode
	a.RequestID = resp.Header.Get("X-Api-RequestId")
	a.Synthetic = resp.Header.Get(SandboxHeader) != ""
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes+1))
	a.Latency = time.Since(start)
	a.ReceivedAt = time.Now()
	if resp.StatusCode == http.StatusOK {
		c.counts.paid.Add(1)
	}
	if err != nil {
		return a, &TransportError{Err: fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err), Class: Retry}
	}
	if len(data) > maxAnswerBytes {
		return a, &APIError{HTTPStatus: resp.StatusCode, Reason: fmt.Sprintf("answer larger than %d MiB", maxAnswerBytes>>20), Class: Permanent, err: ErrNotReport}
	}
	if err := Classify(resp.StatusCode, resp.Header, data); err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.RequestID != "" {
			a.RequestID = ae.RequestID
		}
		return a, err
	}
	a.Body = data
	return a, nil
}

// encodeBody is image=<base64> as a form (every sample of the seed does
// this) or {"image": "<base64>"}.
func encodeBody(image []byte, asJSON bool) ([]byte, string) {
	b64 := base64.StdEncoding.EncodeToString(image)
	if asJSON {
		data, _ := json.Marshal(map[string]string{"image": b64})
		return data, "application/json; charset=utf-8"
	}
	return []byte(url.Values{"image": {b64}}.Encode()), "application/x-www-form-urlencoded"
}

// transportError classifies a call that got no answer.
func transportError(endpoint string, err error) error {
	var (
		verr *tls.CertificateVerificationError
		uerr x509.UnknownAuthorityError
		herr x509.HostnameError
		cerr x509.CertificateInvalidError
		rerr tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &verr), errors.As(err, &uerr), errors.As(err, &herr), errors.As(err, &cerr):
		return fmt.Errorf("%s: TLS certificate refused: %w: %w", redactURL(endpoint), ErrEndpoint, stripURL(err))
	case errors.As(err, &rerr):
		return fmt.Errorf("%s: not a TLS server (http:// endpoint?): %w: %w", redactURL(endpoint), ErrEndpoint, stripURL(err))
	case strings.Contains(err.Error(), "unsupported protocol scheme"):
		return fmt.Errorf("%s: %w: %w", redactURL(endpoint), ErrEndpoint, stripURL(err))
	}
	return &TransportError{Err: stripURL(err), Class: Retry}
}

// stripURL drops the *url.Error wrapper, whose text repeats the endpoint.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timeout: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// redactURL drops any user info from an endpoint before it is printed.
// redactURL is a URL fit for messages: password, query and fragment hidden.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	if u.RawQuery != "" {
		u.RawQuery = "REDACTED"
	}
	u.Fragment = ""
	return u.Redacted()
}

func apiErrorOf(err error) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// ClientFunc adapts a function to Client (tests, custom layers).
type ClientFunc func(ctx context.Context, req *Request) (*Answer, error)

// Do calls f.
func (f ClientFunc) Do(ctx context.Context, req *Request) (*Answer, error) { return f(ctx, req) }
