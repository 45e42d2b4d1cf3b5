package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"sync"

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
func Decode(data []byte) (*Report, error) {
	tree, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	root, ok := tree.(map[string]any)
	if !ok {
		return nil, &NotReportError{Reason: "JSON " + jsonTypeName(tree) + ", not a report object"}
	}
	if _, has := root["creditHeader"]; !has {
		if env, ok := envelopeOf(root); ok {
			return nil, &NotReportError{Reason: env.describe(), Envelope: env}
		}
		return nil, &NotReportError{Reason: "no creditHeader: not a credit report"}
	}
	if _, ok := root["creditHeader"].(map[string]any); !ok {
		return nil, &NotReportError{Reason: "creditHeader is " + jsonTypeName(root["creditHeader"]) + ", not an object"}
	}
	rep := new(Report)
	bindStruct(root, reflect.ValueOf(rep).Elem())
	return rep, nil
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

// ---- binding the tree onto the typed structs ----

type fieldShape uint8

const (
	shapeScalar fieldShape = iota
	shapeStruct
	shapeSlice
)

type fieldPlan struct {
	index int
	shape fieldShape
	elem  reflect.Type // slice element type
}

type structPlan struct {
	fields    map[string]fieldPlan
	metaIndex int
}

var (
	scalarType = reflect.TypeFor[Scalar]()
	metaType   = reflect.TypeFor[Meta]()
	plans      sync.Map // reflect.Type → *structPlan
)

func planOf(t reflect.Type) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	p := &structPlan{fields: map[string]fieldPlan{}, metaIndex: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == metaType {
			p.metaIndex = i
			continue
		}
		name := jsonName(f)
		if name == "" {
			continue
		}
		fp := fieldPlan{index: i}
		switch {
		case f.Type == scalarType:
			fp.shape = shapeScalar
		case f.Type.Kind() == reflect.Struct:
			fp.shape = shapeStruct
		case f.Type.Kind() == reflect.Slice:
			fp.shape = shapeSlice
			fp.elem = f.Type.Elem()
		default:
			panic(fmt.Sprintf("schema: field %s.%s has unsupported type %s", t.Name(), f.Name, f.Type))
		}
		p.fields[name] = fp
	}
	plans.Store(t, p)
	return p
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" || tag == "" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	return name
}

func bindStruct(obj map[string]any, v reflect.Value) {
	p := planOf(v.Type())
	var m *Meta
	if p.metaIndex >= 0 {
		m = v.Field(p.metaIndex).Addr().Interface().(*Meta)
	}
	for key, val := range obj {
		fp, ok := p.fields[key]
		if !ok {
			if m != nil {
				m.Unknown = append(m.Unknown, RawField{Key: key, JSON: rawJSON(val)})
			}
			continue
		}
		f := v.Field(fp.index)
		switch fp.shape {
		case shapeScalar:
			s, ok := scalarOf(val)
			if !ok {
				m.Invalid = append(m.Invalid, RawField{Key: key, JSON: rawJSON(val)})
				continue
			}
			f.Set(reflect.ValueOf(s))
		case shapeStruct:
			switch x := val.(type) {
			case map[string]any:
				bindStruct(x, f)
			case []any:
				// An object sent as a one-element list is taken as the object.
				if o, ok := singleObject(x); ok {
					bindStruct(o, f)
				} else if len(x) > 0 {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: rawJSON(val)})
				}
			default:
				if !isEmptyValue(val) {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: rawJSON(val)})
				}
			}
		case shapeSlice:
			switch x := val.(type) {
			case []any:
				s := reflect.MakeSlice(f.Type(), 0, len(x))
				for i, e := range x {
					o, ok := e.(map[string]any)
					if !ok {
						if !isEmptyValue(e) {
							m.Invalid = append(m.Invalid, RawField{Key: fmt.Sprintf("%s[%d]", key, i), JSON: rawJSON(e)})
						}
						continue
					}
					s = reflect.Append(s, reflect.Zero(fp.elem))
					ev := s.Index(s.Len() - 1)
					bindStruct(o, ev)
					setPos(ev, i+1)
				}
				f.Set(s)
			case map[string]any:
				// A list sent as a single object is a list of one.
				s := reflect.MakeSlice(f.Type(), 1, 1)
				bindStruct(x, s.Index(0))
				setPos(s.Index(0), 1)
				f.Set(s)
			default:
				if !isEmptyValue(val) {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: rawJSON(val)})
				}
			}
		}
	}
	if m != nil {
		// Map iteration order is random; keep Meta deterministic.
		sort.Slice(m.Unknown, func(i, j int) bool { return m.Unknown[i].Key < m.Unknown[j].Key })
		sort.Slice(m.Invalid, func(i, j int) bool { return m.Invalid[i].Key < m.Invalid[j].Key })
	}
}

func singleObject(x []any) (map[string]any, bool) {
	if len(x) != 1 {
		return nil, false
	}
	o, ok := x[0].(map[string]any)
	return o, ok
}

func scalarOf(val any) (Scalar, bool) {
	switch x := val.(type) {
	case string:
		return Str(x), true
	case json.Number:
		return Num(string(x)), true
	case bool:
		if x {
			return Scalar{Raw: "true", Kind: Bool}, true
		}
		return Scalar{Raw: "false", Kind: Bool}, true
	case nil:
		return Scalar{Kind: Null}, true
	}
	return Scalar{}, false
}

// isEmptyValue: null, "" or an empty marker where a list or object belongs.
func isEmptyValue(val any) bool {
	switch x := val.(type) {
	case nil:
		return true
	case string:
		return IsEmptyMarker(Normalize(x))
	}
	return false
}

func rawJSON(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func setPos(v reflect.Value, pos int) {
	if p := planOf(v.Type()); p.metaIndex >= 0 {
		v.Field(p.metaIndex).Addr().Interface().(*Meta).Pos = pos
	}
}
