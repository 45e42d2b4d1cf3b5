// Package sandbox is a local stand-in of the credit_reportV2 OCR API for
// tests, demos and users' own integration tests (CONTRACT section 6). Like
// the API gateway it checks the HMAC signature and the X-Date window (401 or
// 403 with a {"message": …} body); like the API it checks the image (400
// INVALID_ARGUMENT); and it answers a deterministic synthetic report per
// distinct file, built by synth: the same bytes always get the same report.
// Its reports are synthetic, and every answer says so in a header.
//
// sandbox imports schema (through synth), synth, and extract for the
// signature and the file type checks; nothing imports sandbox but the
// command line and tests.
package sandbox

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"creditetl/extract"
	"creditetl/synth"
)

// Path is where the API answers, as in the seed document.
const Path = "/release/v2/credit_report"

// DateWindow is how far X-Date may be from the gateway's clock.
const DateWindow = 15 * time.Minute

// Notice is what the sandbox says of its answers.
const Notice = "synthetic credit reports made up by creditetl for testing; not real people, not real data"

// Options configure a sandbox.
type Options struct {
	// Credentials are the key pair the gateway accepts.
	Credentials extract.Credentials
	// Latency of an answer for a valid image: LatencyMin, or uniform in
	// [LatencyMin, LatencyMax] when LatencyMax is larger.
	LatencyMin, LatencyMax time.Duration
	// FailRate is the share of valid calls answered 500 INTERNAL_ERROR.
	FailRate float64
	// QPS above which calls get 403 RATE_LIMIT_EXCEEDED (0: no limit).
	QPS float64
	// MaxBytes is the largest decoded image accepted (default 10 MiB).
	MaxBytes int64
	// Now is the gateway's clock, for the X-Date window.
	Now func() time.Time
	// Seed makes the failure and latency draws repeatable (0: random).
	Seed uint64
	// Log hears of every request (never the image or the Authorization).
	Log *slog.Logger
	// Public lets ListenAndServe bind an address that is not loopback (other
	// machines can then reach the sandbox; it still checks credentials).
	Public bool
	// MaxInFlight caps the requests handled at once (default 8); beyond it a
	// request waits up to a second, then gets 503, so memory stays bounded
	// whatever the clients send.
	MaxInFlight int
	// ReadTimeout bounds the reading of a whole request, body included
	// (default 60s): a client that sends its body slowly is cut off.
	ReadTimeout time.Duration
}

// Defaults of the limits.
const (
	DefaultMaxInFlight = 8
	DefaultReadTimeout = 60 * time.Second
)

// Server is the sandbox; it is an http.Handler.
type Server struct {
	o   Options
	lim *rate.Limiter

	mu       sync.Mutex
	rng      *mrand.Rand
	counts   Counts
	inFlight int
	slots    chan struct{}
}

// Counts are what the sandbox has answered, for tests and the bench.
type Counts struct {
	Requests    int
	ByStatus    map[int]int
	Paid        map[string]int // 200 answers by SHA-256 of the image
	MaxInFlight int
}

// New builds a sandbox.
func New(o Options) (*Server, error) {
	if !o.Credentials.Valid() {
		return nil, errors.New("sandbox: no credentials to accept: set CREDITETL_SECRET_ID and CREDITETL_SECRET_KEY (or --secret-id and --secret-key-file)")
	}
	if o.FailRate < 0 || o.FailRate > 1 {
		return nil, fmt.Errorf("sandbox: fail rate %v: want 0 to 1", o.FailRate)
	}
	if o.LatencyMin < 0 || o.LatencyMax < 0 {
		return nil, errors.New("sandbox: negative latency")
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = extract.DefaultMaxBytes
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = DefaultReadTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	seed := o.Seed
	if seed == 0 {
		seed = mrand.Uint64()
	}
	s := &Server{o: o, rng: mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		counts: Counts{ByStatus: map[int]int{}, Paid: map[string]int{}}, slots: make(chan struct{}, o.MaxInFlight)}
	if o.QPS > 0 {
		burst := int(o.QPS)
		if burst < 1 {
			burst = 1
		}
		s.lim = rate.NewLimiter(rate.Limit(o.QPS), burst)
	}
	return s, nil
}

// Counts returns a copy of the counters.
func (s *Server) Counts() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Counts{Requests: s.counts.Requests, MaxInFlight: s.counts.MaxInFlight, ByStatus: map[int]int{}, Paid: map[string]int{}}
	for k, v := range s.counts.ByStatus {
		c.ByStatus[k] = v
	}
	for k, v := range s.counts.Paid {
		c.Paid[k] = v
	}
	return c
}

// ListenAndServe serves on addr until ctx is done, calling ready with the
// base URL (http://HOST:PORT) once it accepts connections.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(baseURL string)) error {
	if err := checkListen(addr, s.o.Public); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln, ready)
}

// checkListen refuses an address that is not loopback unless public: a
// sandbox is for tests and demos on one machine.
func checkListen(addr string, public bool) error {
	if public {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: --listen %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	shown := host
	if shown == "" {
		shown = "every interface"
	}
	return fmt.Errorf("sandbox: --listen %q binds %s, not a loopback address: other machines could reach the sandbox; use 127.0.0.1:PORT, or --public if that is what you want", addr, shown)
}

// Serve is ListenAndServe on a listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready func(baseURL string)) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: s.o.ReadTimeout,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("sandbox: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return nil
}

// answer is what one request got, for the counters and the log.
type answer struct {
	status    int
	apiStatus string
	detail    string
	imageSize int
	imageSHA  string
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-time.After(time.Second):
		s.mu.Lock()
		s.counts.Requests++
		s.counts.ByStatus[http.StatusServiceUnavailable]++
		s.mu.Unlock()
		w.Header().Set(extract.SandboxHeader, "synthetic")
		gatewayError(w, http.StatusServiceUnavailable, fmt.Sprintf("more than %d requests in flight", s.o.MaxInFlight))
		return
	case <-r.Context().Done():
		return
	}
	s.mu.Lock()
	s.inFlight++
	s.counts.Requests++
	s.counts.MaxInFlight = max(s.counts.MaxInFlight, s.inFlight)
	s.mu.Unlock()

	w.Header().Set(extract.SandboxHeader, "synthetic")
	rid := requestID()
	w.Header().Set("X-Api-RequestId", rid)
	a := s.handle(w, r, rid)

	s.mu.Lock()
	s.inFlight--
	s.counts.ByStatus[a.status]++
	if a.status == http.StatusOK {
		s.counts.Paid[a.imageSHA]++
	}
	s.mu.Unlock()
	attrs := []any{"method", r.Method, "path", r.URL.Path, "status", a.status, "remote", r.RemoteAddr,
		"ms", time.Since(start).Milliseconds(), "request_id", rid}
	if a.apiStatus != "" {
		attrs = append(attrs, "api_status", a.apiStatus)
	}
	if a.imageSHA != "" {
		attrs = append(attrs, "image_bytes", a.imageSize, "image_sha256", a.imageSHA[:12])
	}
	if a.detail != "" {
		attrs = append(attrs, "detail", a.detail)
	}
	s.o.Log.Info("request", attrs...)
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request, rid string) answer {
	if r.URL.Path != Path {
		return gatewayError(w, http.StatusNotFound, "no Route matched with those values")
	}
	if r.Method != http.MethodPost {
		return gatewayError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: POST "+Path)
	}
	if status, msg := s.checkAuth(r); status != 0 {
		return gatewayError(w, status, msg)
	}
	if s.lim != nil && !s.lim.Allow() {
		return apiError(w, http.StatusForbidden, "RATE_LIMIT_EXCEEDED", "rate limit exceeded", rid, "")
	}
	img, detail := s.readImage(r)
	if detail != "" {
		return apiError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "invalid image format or size", rid, detail)
	}
	sum := sha256.Sum256(img)
	a := answer{imageSize: len(img), imageSHA: hex.EncodeToString(sum[:])}

	delay, fail := s.draw()
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-r.Context().Done(): // the client gave up
			t.Stop()
			a.status, a.detail = 499, "client went away"
			return a
		case <-t.C:
		}
	}
	if fail {
		e := apiError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "internal error", rid, "injected failure (--fail-rate)")
		e.imageSize, e.imageSHA = a.imageSize, a.imageSHA
		return e
	}
	body, err := synth.Marshal(synth.ReportForBytes(img))
	if err != nil {
		e := apiError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "internal error", rid, err.Error())
		e.imageSize, e.imageSHA = a.imageSize, a.imageSHA
		return e
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
	a.status = http.StatusOK
	return a
}

// draw picks the latency and whether to fail.
func (s *Server) draw() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.o.LatencyMin
	if s.o.LatencyMax > s.o.LatencyMin {
		d += time.Duration(s.rng.Int64N(int64(s.o.LatencyMax-s.o.LatencyMin) + 1))
	}
	return d, s.o.FailRate > 0 && s.rng.Float64() < s.o.FailRate
}

func gatewayError(w http.ResponseWriter, status int, msg string) answer {
	writeJSON(w, status, map[string]string{"message": msg})
	return answer{status: status, detail: msg}
}

func apiError(w http.ResponseWriter, status int, apiStatus, reason, rid, detail string) answer {
	if detail != "" {
		w.Header().Set("X-Sandbox-Detail", detail)
	}
	writeJSON(w, status, map[string]string{"status": apiStatus, "reason": reason, "request_id": rid})
	return answer{status: status, apiStatus: apiStatus, detail: detail}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(data)
}

func requestID() string {
	var b [16]byte
	rand.Read(b[:])
	return "TID" + hex.EncodeToString(b[:])
}

// checkAuth verifies the request as the gateway does: an hmac
// Authorization for a known id, signing at least a date header that is
// within DateWindow of the clock, with a matching HMAC-SHA1 signature. It
// returns 0 when the request passes.
func (s *Server) checkAuth(r *http.Request) (int, string) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return http.StatusUnauthorized, "HMAC signature cannot be verified: no Authorization header"
	}
	p, ok := ParseAuthorization(h)
	if !ok {
		return http.StatusUnauthorized, "HMAC signature cannot be verified: the Authorization header is not hmac id=…, algorithm=…, headers=…, signature=…"
	}
	if p.ID != s.o.Credentials.ID {
		return http.StatusUnauthorized, "HMAC id invalid: no such secret id"
	}
	if !strings.EqualFold(p.Algorithm, "hmac-sha1") {
		return http.StatusUnauthorized, "HMAC algorithm " + p.Algorithm + " not supported (hmac-sha1)"
	}
	dateHeader := ""
	for _, name := range p.Headers {
		if name == "x-date" || name == "date" {
			dateHeader = name
			break
		}
	}
	if dateHeader == "" {
		return http.StatusUnauthorized, "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication"
	}
	date, err := http.ParseTime(r.Header.Get(dateHeader))
	if err != nil {
		return http.StatusUnauthorized, "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication"
	}
	if skew := s.o.Now().Sub(date); skew > DateWindow || skew < -DateWindow {
		return http.StatusUnauthorized, fmt.Sprintf("HMAC signature cannot be verified, clock skew of %s is more than %d seconds", skew.Round(time.Second), int(DateWindow.Seconds()))
	}
	lines := make([]string, len(p.Headers))
	for i, name := range p.Headers {
		lines[i] = name + ": " + r.Header.Get(name)
	}
	want := extract.Sign(s.o.Credentials.Key(), strings.Join(lines, "\n"))
	if !hmac.Equal([]byte(want), []byte(p.Signature)) {
		return http.StatusForbidden, "HMAC signature does not match"
	}
	return 0, ""
}

// AuthParams are the parts of an hmac Authorization header.
type AuthParams struct {
	ID, Algorithm, Signature string
	Headers                  []string // lower case, in signing order
}

// ParseAuthorization reads `hmac id="…", algorithm="…", headers="…",
// signature="…"`, tolerant of spaces around "=" and of unquoted values (the
// seed's curl sample has both).
func ParseAuthorization(h string) (AuthParams, bool) {
	var p AuthParams
	scheme, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "hmac") {
		return p, false
	}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		key, after, ok := strings.Cut(rest, "=")
		if !ok {
			return p, false
		}
		key = strings.ToLower(strings.TrimSpace(key))
		after = strings.TrimLeft(after, " \t")
		var val string
		if strings.HasPrefix(after, `"`) {
			end := strings.IndexByte(after[1:], '"')
			if end < 0 {
				return p, false
			}
			val, rest = after[1:1+end], after[2+end:]
		} else {
			val, rest, _ = strings.Cut(after, ",")
			rest = "," + rest
			val = strings.TrimSpace(val)
		}
		rest = strings.TrimSpace(rest)
		if rest != "" {
			if rest[0] != ',' {
				return p, false
			}
			rest = rest[1:]
		}
		switch key {
		case "id", "username":
			p.ID = val
		case "algorithm":
			p.Algorithm = val
		case "headers":
			p.Headers = strings.Fields(strings.ToLower(val))
		case "signature":
			p.Signature = val
		}
	}
	return p, p.ID != "" && p.Signature != "" && p.Algorithm != ""
}

// readImage takes the image out of the body (form image=… as every sample
// sends, or JSON {"image": …}) and checks it like the API. It returns a
// detail text when the image is refused.
func (s *Server) readImage(r *http.Request) ([]byte, string) {
	// Form encoding can triple base64 text; base64 adds a third.
	limit := s.o.MaxBytes*4 + 64<<10
	if r.ContentLength > limit {
		return nil, fmt.Sprintf("body of %d bytes announced, more than %d", r.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, "reading the body: " + err.Error()
	}
	if int64(len(body)) > limit {
		return nil, fmt.Sprintf("body larger than %d bytes", limit)
	}
	var text string
	trimmed := strings.TrimSpace(string(body))
	if strings.Contains(r.Header.Get("Content-Type"), "json") || strings.HasPrefix(trimmed, "{") {
		var v struct {
			Image string `json:"image"`
		}
		if err := json.Unmarshal(body, &v); err != nil {
			return nil, "body is not JSON: " + err.Error()
		}
		text = v.Image
	} else {
		q, err := url.ParseQuery(trimmed)
		if err != nil {
			return nil, "body is not a form: " + err.Error()
		}
		text = q.Get("image")
	}
	img, detail := decodeImage(text)
	if detail != "" {
		return nil, detail
	}
	if int64(len(img)) > s.o.MaxBytes {
		return nil, fmt.Sprintf("image of %d bytes, more than %d", len(img), s.o.MaxBytes)
	}
	if extract.SniffType(img) == "" {
		return nil, "image is not PDF, JPEG, PNG, BMP or TIFF"
	}
	return img, ""
}

// decodeImage decodes base64 as clients send it: standard or URL alphabet,
// padded or not, with line breaks (Java's encoder), a data: prefix, or '+'
// turned into ' ' by a form that was not escaped.
func decodeImage(text string) ([]byte, string) {
	if _, after, ok := strings.Cut(text, ";base64,"); ok && strings.HasPrefix(text, "data:") {
		text = after
	}
	text = strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', '\t':
			return -1
		case ' ':
			return '+'
		}
		return r
	}, text)
	if text == "" {
		return nil, "image is missing or empty"
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if img, err := enc.DecodeString(text); err == nil {
			return img, ""
		}
	}
	return nil, "image is not base64"
}
