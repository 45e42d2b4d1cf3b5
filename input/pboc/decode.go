package pboc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"

	json "github.com/goccy/go-json"

	"creditetl/schema"
)

// Decode reads one interface report into the project's model. Input that is
// not one (not JSON, not an object, no PRH segment) is refused with a
// *schema.NotReportError. Everything else loads: a value of the wrong shape
// or an unknown code is kept and recorded as a problem (a rejects row), a
// key the mapping does not know is kept in Meta.Unknown (unknown_fields).
func Decode(data []byte) (*schema.Report, error) {
	root, err := compiled()
	if err != nil {
		return nil, fmt.Errorf("pboc: mapping: %w", err)
	}
	tree, err := parse(data)
	if err != nil {
		return nil, err
	}
	obj, ok := tree.(map[string]any)
	if !ok {
		return nil, &schema.NotReportError{Reason: "JSON " + typeName(tree) + ", not a PBOC interface report object"}
	}
	prh, has := obj["PRH"]
	if !has {
		return nil, &schema.NotReportError{Reason: "no PRH segment: not a PBOC interface report"}
	}
	if _, ok := prh.(map[string]any); !ok {
		return nil, &schema.NotReportError{Reason: "PRH is " + typeName(prh) + ", not an object"}
	}
	rep := new(schema.Report)
	v := reflect.ValueOf(rep).Elem()
	d := &decoder{}
	f := &frame{ctx: root.ctxs[0], elem: v, meta: &rep.Meta, obj: obj}
	d.walk(root.trie, obj, f, "")
	return rep, nil
}

func parse(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &schema.NotReportError{Reason: "empty file"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &schema.NotReportError{Reason: "truncated JSON (unexpected end of input)"}
		}
		return nil, &schema.NotReportError{Reason: "invalid JSON: " + err.Error()}
	}
	var extra any
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, &schema.NotReportError{Reason: "invalid JSON: data after the top-level value"}
	}
	return v, nil
}

type decoder struct{}

// frame is one element being filled: the model element and the interface
// element it comes from.
type frame struct {
	ctx   *pctx
	elem  reflect.Value  // the model struct (addressable)
	meta  *schema.Meta   // its Meta: unknown keys, problems, institution type
	obj   map[string]any // the interface element
	ipath string         // the element's interface path with positions, "PDA.PD01[3]"
	state string         // account state sub-object (InterfaceAccountStates)
	// monthly: the account has a PD01C segment (condition "monthly").
	monthly bool
	grid    *gridAcc // an account's repayment months, from PD01D and PD01E
	// rangeDone: the grid's date range is written (from PD01ER01 and PD01ER02).
	rangeDone bool
}

func (f *frame) where(rel string) string {
	if f.ipath == "" {
		return rel
	}
	return f.ipath + "." + rel
}

func (d *decoder) walk(n *tnode, obj map[string]any, f *frame, rel string) {
	found := 0
	for _, k := range n.kids {
		v, ok := obj[k.key]
		if !ok {
			continue
		}
		found++
		key := rel + k.key
		switch k.kind {
		case kindLeaf:
			d.leaf(k, v, f, key)
		case kindObject:
			switch x := v.(type) {
			case map[string]any:
				d.walk(k, x, f, key+".")
			case []any:
				if len(x) == 1 {
					if o, ok := x[0].(map[string]any); ok {
						d.walk(k, o, f, key+".")
						continue
					}
				}
				if len(x) > 0 {
					d.badShape(f, key, v, "a list where a segment (object) belongs")
				}
			default:
				if !emptyValue(v) {
					d.badShape(f, key, v, "a value where a segment (object) belongs")
				}
			}
		case kindList:
			d.list(k.list, v, f, key)
		case kindKeep:
			if !emptyValue(v) {
				f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: key, JSON: rawJSON(v)})
			}
		}
	}
	if found < len(obj) {
		var unknown []string
		for key := range obj {
			if n.byKy[key] == nil {
				unknown = append(unknown, key)
			}
		}
		sort.Strings(unknown)
		for _, key := range unknown {
			f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: rel + key, JSON: rawJSON(obj[key])})
		}
	}
}

// badShape records a value of the wrong shape: kept in rejects with its JSON.
func (d *decoder) badShape(f *frame, key string, v any, problem string) {
	f.meta.AddProblem(key, rawJSON(v), problem+" ("+f.where(key)+")")
}

func (d *decoder) leaf(n *tnode, v any, f *frame, key string) {
	sc, ok := scalarOf(v)
	if !ok {
		d.badShape(f, key, v, "an object or a list where a value belongs")
		return
	}
	if !given(sc) {
		return
	}
	applied := false
	for _, r := range n.rules[f.ctx.local] {
		if r.when != "" && f.monthly == r.neg { // "monthly" is the only condition
			continue
		}
		applied = true
		switch r.b.Rule.Handler {
		case "":
			d.set(r, sc, f, key)
		case "range":
			d.dateRange(r, f)
		case "postpaidGrid":
			d.postpaidGrid(r, sc, f, key)
		}
	}
	if !applied {
		// A field of another account type or condition: kept, not lost.
		f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: key, JSON: rawJSON(v)})
	}
}

// set writes a value into the rule's leaf, through its code list.
func (d *decoder) set(r *rule, sc schema.Scalar, f *frame, key string) {
	leaf := r.b.Leaf(f.state)
	if r.codes != nil {
		code := schema.Normalize(sc.Raw)
		if schema.IsEmptyMarker(code) {
			return
		}
		text, ok := r.codes.Lookup(code)
		if ok {
			sc = schema.Str(text)
		} else {
			meta(f.elem.FieldByIndex(leaf.Parent)).AddProblem(leaf.Node.Key, sc.Raw,
				fmt.Sprintf("unknown code %q of %s (%s) at %s: kept as is", code, r.codes.Name, r.label, f.where(key)))
		}
		if r.b.Rule.InstitutionType {
			if class, ok := schema.InstitutionClass(code); ok {
				f.meta.InstitutionType = class
			}
		}
	}
	*f.elem.FieldByIndex(leaf.Index).Addr().Interface().(*schema.Scalar) = sc
}

func meta(v reflect.Value) *schema.Meta {
	return v.Addr().Interface().(schema.HasMeta).Kept()
}

// list translates the elements of an interface list into the model: each
// goes to its target (by the route code), in order.
func (d *decoder) list(l *plist, v any, f *frame, key string) {
	var elems []any
	switch x := v.(type) {
	case []any:
		elems = x
	case map[string]any:
		elems = []any{x}
	default:
		if !emptyValue(v) {
			d.badShape(f, key, v, "a value where a list belongs")
		}
		return
	}
	if len(elems) == 0 {
		return
	}
	var targets []*pctx
	if f.ctx.local < len(l.byParent) {
		targets = l.byParent[f.ctx.local]
	}
	if len(targets) == 0 {
		// A segment the enclosing type does not have (大额专项分期 on a loan):
		// kept whole.
		if !emptyValue(v) {
			f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: key, JSON: rawJSON(v)})
		}
		return
	}
	switch l.def.Handler {
	case "grid":
		d.gridCells(l, targets[0], elems, f, key)
		return
	case "events":
		d.events(l, targets[0], elems, f, key)
		return
	}
	pick := make([]int, len(elems))
	count := make([]int, len(targets))
	for i, e := range elems {
		pick[i] = -1
		m, ok := e.(map[string]any)
		if !ok {
			if !emptyValue(e) {
				d.badShape(f, fmt.Sprintf("%s[%d]", key, i), e, "a list element that is not an object")
			}
			continue
		}
		ti := 0
		if l.route != nil {
			code, ok := d.route(l, f, m)
			if ok {
				ti, ok = l.routeIdx[f.ctx.local][code]
			}
			if !ok {
				ek := fmt.Sprintf("%s[%d]", key, i)
				if code == "" || strings.HasSuffix(code, "/") || strings.HasPrefix(code, "/") {
					f.meta.AddProblem(ek, rawJSON(e), fmt.Sprintf("no %s (the code that says where the element goes) at %s: the element is kept whole in unknown_fields", l.def.Route, f.where(ek)))
				} else {
					f.meta.AddProblem(ek, code, fmt.Sprintf("unknown code %q of %s at %s: the element is kept whole in unknown_fields", code, l.def.Route, f.where(ek)))
				}
				f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: ek, JSON: rawJSON(e)})
				continue
			}
		}
		pick[i] = ti
		count[ti]++
	}
	fields := make([]reflect.Value, len(targets))
	base := make([]int, len(targets))
	for ti, t := range targets {
		if count[ti] == 0 {
			continue
		}
		fv := f.elem.FieldByIndex(t.c.Field)
		if t.c.IsList {
			base[ti] = fv.Len()
			fv.Set(reflect.AppendSlice(fv, reflect.MakeSlice(fv.Type(), count[ti], count[ti])))
		}
		fields[ti] = fv
	}
	next := make([]int, len(targets))
	for i, ti := range pick {
		if ti < 0 {
			continue
		}
		t := targets[ti]
		m := elems[i].(map[string]any)
		ev := fields[ti]
		pos := i + 1 // the position in the source list
		if l.route != nil {
			pos = next[ti] + 1 // the position among the elements of its target
		}
		if t.c.IsList {
			ev = ev.Index(base[ti] + next[ti])
		} else if next[ti] > 0 {
			// An object takes one element; the others are kept whole.
			ek := fmt.Sprintf("%s[%d]", key, i)
			f.meta.Unknown = append(f.meta.Unknown, schema.RawField{Key: ek, JSON: rawJSON(m)})
			continue
		}
		next[ti]++
		em := meta(ev)
		if t.c.IsList {
			em.Pos = pos
		}
		nf := &frame{ctx: t, elem: ev, meta: em, obj: m, ipath: fmt.Sprintf("%s[%d]", f.where(key), i)}
		if t.states != nil {
			nf.state = t.states[accountStatus(m)]
			_, nf.monthly = m["PD01C"].(map[string]any)
		}
		d.walk(l.trie, m, nf, "")
		if nf.grid != nil {
			d.buildGrid(nf)
		}
	}
}

// route reads the element's route code ("1/9" for two fields).
func (d *decoder) route(l *plist, f *frame, m map[string]any) (string, bool) {
	var parts []string
	for _, keys := range l.route {
		var cur any = m
		for _, k := range keys {
			o, ok := cur.(map[string]any)
			if !ok {
				return "", false
			}
			cur = o[k]
		}
		sc, ok := scalarOf(cur)
		if !ok || !given(sc) {
			return strings.Join(append(parts, ""), "/"), false
		}
		parts = append(parts, schema.Normalize(sc.Raw))
	}
	return strings.Join(parts, "/"), true
}

// accountStatus is an account's status code: PD01BD01, else PD01CD01.
func accountStatus(m map[string]any) string {
	for _, seg := range [...][2]string{{"PD01B", "PD01BD01"}, {"PD01C", "PD01CD01"}} {
		if o, ok := m[seg[0]].(map[string]any); ok {
			if sc, ok := scalarOf(o[seg[1]]); ok && given(sc) {
				return schema.Normalize(sc.Raw)
			}
		}
	}
	return ""
}

func scalarOf(v any) (schema.Scalar, bool) {
	switch x := v.(type) {
	case string:
		return schema.Str(x), true
	case json.Number:
		return schema.Num(string(x)), true
	case nil:
		return schema.Scalar{Kind: schema.Null}, true
	case bool:
		return schema.Scalar{Raw: strconv.FormatBool(x), Kind: schema.Bool}, true
	}
	return schema.Scalar{}, false
}

// given: a value that says something (not null, not blank).
func given(sc schema.Scalar) bool {
	return sc.Given() && strings.TrimSpace(sc.Raw) != ""
}

// emptyValue: null, blank, an empty marker, or an empty list or object.
func emptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return schema.IsEmptyMarker(schema.Normalize(x))
	case []any:
		for _, e := range x {
			if !emptyValue(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !emptyValue(e) {
				return false
			}
		}
		return true
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

func typeName(v any) string {
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
