package schema

// The decoder as it was before the one-pass decoder of decode.go, kept as
// test-only reference code: the differential tests and the fuzz target
// compare the two on every input. Do not use it outside tests.

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	json "github.com/goccy/go-json"
)

// decodeTree is schema.Decode as it was before the one-pass decoder: goccy/go-json
// into a generic tree, then bound onto the typed structs by reflection. It is
// kept, test-only, as the reference the one-pass decoder is compared with.
//
// Original comment: Decode reads one OCR answer. It is tolerant of what OCR produces (a scalar
// may be a string, a number, null or missing; unknown keys are kept in Meta;
// values of the wrong shape are kept in Meta.Invalid) and refuses, with a
// *NotReportError, input that is not a report at all.
func decodeTree(data []byte) (*Report, error) {
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
	treeBindStruct(root, reflect.ValueOf(rep).Elem())
	return rep, nil
}

// ---- binding the tree onto the typed structs ----

type treeFieldShape uint8

const (
	treeShapeScalar treeFieldShape = iota
	treeShapeStruct
	treeShapeSlice
)

type treeFieldPlan struct {
	index int
	shape treeFieldShape
	elem  reflect.Type // slice element type
}

type treeStructPlan struct {
	fields    map[string]treeFieldPlan
	metaIndex int
}

var (
	treeScalarType = reflect.TypeFor[Scalar]()
	treeMetaType   = reflect.TypeFor[Meta]()
	treePlans      sync.Map // reflect.Type → *treeStructPlan
)

func treePlanOf(t reflect.Type) *treeStructPlan {
	if p, ok := treePlans.Load(t); ok {
		return p.(*treeStructPlan)
	}
	p := &treeStructPlan{fields: map[string]treeFieldPlan{}, metaIndex: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == treeMetaType {
			p.metaIndex = i
			continue
		}
		name := treeJSONName(f)
		if name == "" {
			continue
		}
		fp := treeFieldPlan{index: i}
		switch {
		case f.Type == treeScalarType:
			fp.shape = treeShapeScalar
		case f.Type.Kind() == reflect.Struct:
			fp.shape = treeShapeStruct
		case f.Type.Kind() == reflect.Slice:
			fp.shape = treeShapeSlice
			fp.elem = f.Type.Elem()
		default:
			panic(fmt.Sprintf("schema: field %s.%s has unsupported type %s", t.Name(), f.Name, f.Type))
		}
		p.fields[name] = fp
	}
	treePlans.Store(t, p)
	return p
}

func treeJSONName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" || tag == "" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	return name
}

func treeBindStruct(obj map[string]any, v reflect.Value) {
	p := treePlanOf(v.Type())
	var m *Meta
	if p.metaIndex >= 0 {
		m = v.Field(p.metaIndex).Addr().Interface().(*Meta)
	}
	for key, val := range obj {
		fp, ok := p.fields[key]
		if !ok {
			if m != nil {
				m.Unknown = append(m.Unknown, RawField{Key: key, JSON: treeRawJSON(val)})
			}
			continue
		}
		f := v.Field(fp.index)
		switch fp.shape {
		case treeShapeScalar:
			s, ok := treeScalarOf(val)
			if !ok {
				m.Invalid = append(m.Invalid, RawField{Key: key, JSON: treeRawJSON(val)})
				continue
			}
			f.Set(reflect.ValueOf(s))
		case treeShapeStruct:
			switch x := val.(type) {
			case map[string]any:
				treeBindStruct(x, f)
			case []any:
				// An object sent as a one-element list is taken as the object.
				if o, ok := treeSingleObject(x); ok {
					treeBindStruct(o, f)
				} else if len(x) > 0 {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: treeRawJSON(val)})
				}
			default:
				if !treeIsEmptyValue(val) {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: treeRawJSON(val)})
				}
			}
		case treeShapeSlice:
			switch x := val.(type) {
			case []any:
				s := reflect.MakeSlice(f.Type(), 0, len(x))
				for i, e := range x {
					o, ok := e.(map[string]any)
					if !ok {
						if !treeIsEmptyValue(e) {
							m.Invalid = append(m.Invalid, RawField{Key: fmt.Sprintf("%s[%d]", key, i), JSON: treeRawJSON(e)})
						}
						continue
					}
					s = reflect.Append(s, reflect.Zero(fp.elem))
					ev := s.Index(s.Len() - 1)
					treeBindStruct(o, ev)
					treeSetPos(ev, i+1)
				}
				f.Set(s)
			case map[string]any:
				// A list sent as a single object is a list of one.
				s := reflect.MakeSlice(f.Type(), 1, 1)
				treeBindStruct(x, s.Index(0))
				treeSetPos(s.Index(0), 1)
				f.Set(s)
			default:
				if !treeIsEmptyValue(val) {
					m.Invalid = append(m.Invalid, RawField{Key: key, JSON: treeRawJSON(val)})
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

func treeSingleObject(x []any) (map[string]any, bool) {
	if len(x) != 1 {
		return nil, false
	}
	o, ok := x[0].(map[string]any)
	return o, ok
}

func treeScalarOf(val any) (Scalar, bool) {
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
func treeIsEmptyValue(val any) bool {
	switch x := val.(type) {
	case nil:
		return true
	case string:
		return IsEmptyMarker(Normalize(x))
	}
	return false
}

func treeRawJSON(v any) string {
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

func treeSetPos(v reflect.Value, pos int) {
	if p := treePlanOf(v.Type()); p.metaIndex >= 0 {
		v.Field(p.metaIndex).Addr().Interface().(*Meta).Pos = pos
	}
}
