package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unsafe"

	json "github.com/goccy/go-json"
)

// ErrNotReport is matched (errors.Is) by every refusal of Decode.
var ErrNotReport = errors.New("not a credit report")

// NotReportError says why an input is not a credit report. Decode returns it
// for empty input, bad JSON, a JSON value that is not an object, an API error
// envelope and an object without creditHeader.
type NotReportError struct {
	Reason string
	// Envelope is set when the input is an API error answer.
	Envelope *ErrorEnvelope
}

func (e *NotReportError) Error() string { return e.Reason }

// Is makes errors.Is(err, ErrNotReport) true.
func (e *NotReportError) Is(target error) bool { return target == ErrNotReport }

// ErrorEnvelope is the API's error answer: {"status":..,"reason":..,"request_id":..}.
type ErrorEnvelope struct {
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	RequestID string `json:"request_id"`
	Message   string `json:"message"`
}

// Decode reads one OCR answer. It is tolerant of what OCR produces (a scalar
// may be a string, a number, null or missing; unknown keys are kept in Meta;
// values of the wrong shape are kept in Meta.Invalid) and refuses, with a
// *NotReportError, input that is not a report at all.
//
// It reads the JSON in one pass straight into the report's structs (see
// decode_bind.go). What it keeps beyond the known fields:
//   - Meta.Unknown and Meta.Invalid hold a value's text: a string's own text,
//     a number's JSON text, and an object's or a list's JSON text as received
//     (keys in their order, strings as written, duplicate keys and all),
//     without the whitespace between tokens.
//   - Meta.Problems record what the decoder could not take as given: a key
//     that comes again in the same object (the first value is kept, the
//     later one is the problem's raw value), and text that is not valid
//     UTF-8 or holds a lone UTF-16 surrogate escape (the value is kept with
//     U+FFFD in their place, as before; the problem's raw value is the text
//     as received, in hex when it is not UTF-8).
//
// The strings of the report share one copy of data: a caller that keeps a
// string of the report beyond the report itself should strings.Clone it.
func Decode(data []byte) (*Report, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &NotReportError{Reason: "empty file"}
	}
	body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 BOM
	i := 0
	for i < len(body) && isSpace(body[i]) {
		i++
	}
	if i == len(body) || body[i] != '{' {
		return nil, refusal(data, nil) // not an object: the reason says what it is
	}
	d := newDecoder(string(body), i)
	d.root = reportPlan()
	rep, err := d.report()
	switch {
	case err != nil:
		return nil, refusal(data, err)
	case d.i < len(d.s):
		return nil, &NotReportError{Reason: "invalid JSON: data after the top-level value"}
	case d.header == 0:
		return nil, refusal(data, nil) // an API error answer, or no creditHeader
	case d.header != '{':
		return nil, &NotReportError{Reason: "creditHeader is " + jsonTypeOf(d.header) + ", not an object"}
	}
	return rep, nil
}

// report reads the top-level object and the whitespace after it.
func (d *decoder) report() (rep *Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			rep, err = nil, se
		}
	}()
	rep = new(Report)
	d.object(d.root, unsafe.Pointer(rep))
	for d.i < len(d.s) && isSpace(d.s[d.i]) {
		d.i++
	}
	return rep, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// jsonTypeOf names the type of the JSON value that starts with byte c.
func jsonTypeOf(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// refusal says why data is not a report. Refusals are rare, and their
// reasons are those of the generic parse Decode used before it read in one
// pass (goccy/go-json's own syntax messages, the API error envelope's
// fields), so it parses data again that way. found is the syntax error the
// one-pass decoder found, if any.
func refusal(data []byte, found error) error {
	tree, err := parseTree(data)
	if err != nil {
		return err
	}
	root, ok := tree.(map[string]any)
	if !ok {
		return &NotReportError{Reason: "JSON " + jsonTypeName(tree) + ", not a report object"}
	}
	if found != nil {
		// Both parsers accept the same language; this is a bug if it happens.
		return &NotReportError{Reason: "invalid JSON: " + found.Error()}
	}
	if _, has := root["creditHeader"]; !has {
		if env, ok := envelopeOf(root); ok {
			return &NotReportError{Reason: env.describe(), Envelope: env}
		}
		return &NotReportError{Reason: "no creditHeader: not a credit report"}
	}
	if h, ok := root["creditHeader"]; ok && jsonTypeName(h) != "object" {
		return &NotReportError{Reason: "creditHeader is " + jsonTypeName(h) + ", not an object"}
	}
	return &NotReportError{Reason: "no creditHeader: not a credit report"}
}

// ParseEnvelope recognises an API error answer ({"status": ...} or a
// gateway's {"message": ...}) without decoding a report.
func ParseEnvelope(data []byte) (*ErrorEnvelope, bool) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, false
	}
	if _, has := m["creditHeader"]; has {
		return nil, false
	}
	return envelopeOf(m)
}

func envelopeOf(m map[string]any) (*ErrorEnvelope, bool) {
	str := func(k string) string {
		switch v := m[k].(type) {
		case string:
			return v
		case nil:
			return ""
		default:
			return fmt.Sprint(v)
		}
	}
	env := &ErrorEnvelope{Status: str("status"), Reason: str("reason"), RequestID: str("request_id"), Message: str("message")}
	if env.Status == "" && env.Message == "" {
		return nil, false
	}
	return env, true
}

func (e *ErrorEnvelope) describe() string {
	var b strings.Builder
	b.WriteString("API error answer, not a report:")
	if e.Status != "" {
		fmt.Fprintf(&b, " status=%s", e.Status)
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, " reason=%q", e.Reason)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, " message=%q", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " request_id=%s", e.RequestID)
	}
	return b.String()
}

// parseTree parses JSON into map[string]any / []any / string / json.Number /
// bool / nil, keeping numbers as their exact text.
func parseTree(data []byte) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &NotReportError{Reason: "empty file"}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 BOM
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &NotReportError{Reason: "truncated JSON (unexpected end of input)"}
		}
		return nil, &NotReportError{Reason: "invalid JSON: " + err.Error()}
	}
	var extra any
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, &NotReportError{Reason: "invalid JSON: data after the top-level value"}
	}
	return v, nil
}

func jsonTypeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
