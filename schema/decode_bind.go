package schema

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"
)

// Binding: the decoder reads each object straight into its struct, through
// the struct's plan (decode_plan.go). The tolerances of CONTRACT section 3
// are here: any leaf may be a string, a number (its exact JSON text), null,
// a bool or missing; a list given as null, "" or an empty marker is empty; a
// list given as one object is a list of one; a one-element list where an
// object belongs is the object; a value of the wrong shape goes to
// Meta.Invalid; an unknown key goes to Meta.Unknown.

// Problem texts of the decoder (each becomes a rejects row).
const (
	problemDuplicate = "duplicate key: the first value was kept"
	problemBadUTF8   = "not valid UTF-8: the invalid bytes were replaced by U+FFFD (raw value in hex)"
	problemSurrogate = "a lone UTF-16 surrogate escape was replaced by U+FFFD"
	problemBoth      = "not valid UTF-8 and a lone UTF-16 surrogate escape: both were replaced by U+FFFD (raw value in hex)"
)

func valueProblem(fl strFlags) string {
	switch fl {
	case badUTF8:
		return problemBadUTF8
	case surrogate:
		return problemSurrogate
	}
	return problemBoth
}

func keyProblem(fl strFlags) string {
	switch fl {
	case badUTF8:
		return "key is not valid UTF-8: the invalid bytes were replaced by U+FFFD (raw key in hex)"
	case surrogate:
		return "key has a lone UTF-16 surrogate escape, replaced by U+FFFD"
	}
	return "key is not valid UTF-8 and has a lone UTF-16 surrogate escape: both were replaced by U+FFFD (raw key in hex)"
}

// object reads the object at d.i into the struct of plan p at base.
func (d *decoder) object(p *structPlan, base unsafe.Pointer) {
	d.enter()
	d.i++
	m := p.meta(base)
	var seenWords [4]uint64 // the fields already read: a later same key is a duplicate
	seen := seenWords[:]
	if n := len(p.fields); n > 64*len(seenWords) {
		seen = make([]uint64, (n+63)/64)
	}
	hint := 0
	var unknown keySet
	c := d.ws()
	if c != '}' {
		for {
			if c != '"' {
				d.failChar("looking for beginning of object key string")
			}
			at := d.i
			key, kfl := d.str()
			if kfl != 0 {
				m.AddProblem(key, asReceived(d.s[at+1:d.i-1], kfl), keyProblem(kfl))
			}
			if d.ws() != ':' {
				d.failChar("after object key")
			}
			d.i++
			d.ws()
			if f := p.lookup(key, hint); f < 0 {
				if unknown.has(m.Unknown, key) {
					d.duplicate(m, key)
				} else {
					text := d.kept(m, key)
					m.Unknown = append(m.Unknown, RawField{Key: key, JSON: text})
					unknown.add(m.Unknown, key)
				}
			} else if w, bit := f>>6, uint64(1)<<(f&63); seen[w]&bit != 0 {
				d.duplicate(m, key)
			} else {
				seen[w] |= bit
				hint = f + 1
				fp := &p.fields[f]
				if p == d.root && fp.name == "creditHeader" {
					d.header = d.s[d.i]
				}
				d.field(fp, base, m)
			}
			c = d.ws()
			if c == ',' {
				d.i++
				c = d.ws()
				continue
			}
			if c == '}' {
				break
			}
			d.failChar("after object key:value pair")
		}
	}
	d.i++
	d.depth--
	// Unknown and Invalid are sorted by key, as they always were.
	if len(m.Unknown) > 1 {
		slices.SortStableFunc(m.Unknown, byKey)
	}
	if len(m.Invalid) > 1 {
		slices.SortStableFunc(m.Invalid, byKey)
	}
}

func byKey(a, b RawField) int { return strings.Compare(a.Key, b.Key) }

// keySet finds a key among an object's unknown keys: by scanning them while
// they are few, through a map once they are many (so that an object with a
// great many keys does not take quadratic time).
type keySet map[string]struct{}

const keySetMin = 16

func (ks keySet) has(fields []RawField, key string) bool {
	if ks != nil {
		_, ok := ks[key]
		return ok
	}
	for i := range fields {
		if fields[i].Key == key {
			return true
		}
	}
	return false
}

// add notes the key just appended to fields.
func (ks *keySet) add(fields []RawField, key string) {
	switch {
	case *ks != nil:
		(*ks)[key] = struct{}{}
	case len(fields) > keySetMin:
		*ks = make(keySet, 2*len(fields))
		for _, f := range fields {
			(*ks)[f.Key] = struct{}{}
		}
	}
}

// duplicate reads the value of a key seen before in the object: the first
// value stays, this one becomes a problem with its raw text.
func (d *decoder) duplicate(m *Meta, key string) {
	_, raw, fl := d.rawText()
	problem := problemDuplicate
	if fl&badUTF8 != 0 {
		problem += "; this value is not valid UTF-8 (raw value in hex)"
	}
	m.AddProblem(key, raw, problem)
}

// kept reads any value for Meta: its text, and a problem when the decoder
// had to change it to keep it valid UTF-8.
func (d *decoder) kept(m *Meta, key string) string {
	text, raw, fl := d.rawText()
	if fl != 0 {
		m.AddProblem(key, raw, valueProblem(fl))
	}
	return text
}

// field reads the value at d.i into the field fp of the struct at base,
// whose Meta is m.
func (d *decoder) field(fp *fieldPlan, base unsafe.Pointer, m *Meta) {
	ptr := unsafe.Add(base, fp.off)
	c := d.s[d.i]
	switch fp.shape {
	case shapeScalar:
		sc := (*Scalar)(ptr)
		switch c {
		case '"':
			at := d.i
			v, fl := d.str()
			*sc = Scalar{Raw: v, Kind: String}
			if fl != 0 {
				m.AddProblem(fp.name, asReceived(d.s[at+1:d.i-1], fl), valueProblem(fl))
			}
		case '{', '[':
			m.Invalid = append(m.Invalid, RawField{Key: fp.name, JSON: d.kept(m, fp.name)})
		case 't':
			d.lit("true")
			*sc = Scalar{Raw: "true", Kind: Bool}
		case 'f':
			d.lit("false")
			*sc = Scalar{Raw: "false", Kind: Bool}
		case 'n':
			d.lit("null")
			*sc = Scalar{Kind: Null}
		default:
			if c != '-' && !isDigit(c) {
				d.failChar("looking for beginning of value")
			}
			*sc = Scalar{Raw: d.num(), Kind: Number}
		}
	case shapeStruct:
		switch c {
		case '{':
			d.object(fp.sub, ptr)
		case '[':
			d.objectFromList(fp, ptr, m)
		default:
			d.notContainer(m, fp.name, -1)
		}
	case shapeSlice:
		switch c {
		case '[':
			d.list(fp, ptr, m)
		case '{':
			// A list sent as a single object is a list of one.
			var sl sliceBuf
			e := sl.next(fp, 1)
			d.object(fp.sub, e)
			fp.sub.meta(e).Pos = 1
			sl.store(fp, ptr)
		default:
			d.notContainer(m, fp.name, -1)
		}
	}
}

// objectFromList reads a list where an object belongs: a list of one object
// is that object, an empty list is nothing, any other list is invalid.
func (d *decoder) objectFromList(fp *fieldPlan, ptr unsafe.Pointer, m *Meta) {
	start := d.i
	d.enter()
	d.i++
	switch d.ws() {
	case ']':
		d.i++
		d.depth--
		return
	case '{':
		at := d.i
		d.skipValue()
		if d.ws() == ']' {
			d.i = at
			d.object(fp.sub, ptr)
			d.ws()
			d.i++
			d.depth--
			return
		}
	}
	d.depth--
	d.i = start
	m.Invalid = append(m.Invalid, RawField{Key: fp.name, JSON: d.kept(m, fp.name)})
}

// list reads a list of objects into the slice field fp at ptr.
func (d *decoder) list(fp *fieldPlan, ptr unsafe.Pointer, m *Meta) {
	d.enter()
	d.i++
	var sl sliceBuf
	hint := int(atomic.LoadInt32(&fp.capHint))
	c := d.ws()
	if c != ']' {
		for idx := 0; ; idx++ {
			switch c {
			case '{':
				e := sl.next(fp, hint)
				d.object(fp.sub, e)
				fp.sub.meta(e).Pos = idx + 1
			case '[':
				key := elemKey(fp.name, idx)
				m.Invalid = append(m.Invalid, RawField{Key: key, JSON: d.kept(m, key)})
			default:
				d.notContainer(m, fp.name, idx)
			}
			c = d.ws()
			if c == ',' {
				d.i++
				c = d.ws()
				continue
			}
			if c == ']' {
				break
			}
			d.failChar("after array element")
		}
	}
	d.i++
	d.depth--
	sl.store(fp, ptr)
	if sl.n != hint {
		atomic.StoreInt32(&fp.capHint, int32(min(sl.n, 1<<16)))
	}
}

func elemKey(name string, idx int) string {
	if idx < 0 {
		return name
	}
	return name + "[" + strconv.Itoa(idx) + "]"
}

// notContainer reads a string, number, bool or null where a list or an
// object belongs (idx ≥ 0: as element idx of a list of objects). null, ""
// and the empty markers mean "none"; anything else is invalid.
func (d *decoder) notContainer(m *Meta, name string, idx int) {
	c := d.s[d.i]
	if c == 'n' {
		d.lit("null")
		return
	}
	text, raw, fl := d.rawText()
	if c == '"' && fl == 0 && IsEmptyMarker(Normalize(text)) {
		return
	}
	key := elemKey(name, idx)
	if fl != 0 {
		m.AddProblem(key, raw, valueProblem(fl))
	}
	m.Invalid = append(m.Invalid, RawField{Key: key, JSON: text})
}

// sliceBuf builds a slice of a field's element type in place: elements are
// decoded where they will stay (until the slice grows).
type sliceBuf struct {
	v    reflect.Value
	data unsafe.Pointer
	n    int
	cap  int
}

type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// zeroElems is where an empty non-nil slice points (a list given as []).
var zeroElems [0]uint64

// next returns a pointer to a new zero element at the end.
func (b *sliceBuf) next(fp *fieldPlan, hint int) unsafe.Pointer {
	if b.n == b.cap {
		c := 2 * b.cap
		if c == 0 {
			c = hint
			if c < 1 {
				c = 4
			}
		}
		v := reflect.MakeSlice(fp.sliceType, c, c)
		if b.n > 0 {
			reflect.Copy(v, b.v)
		}
		b.v, b.data, b.cap = v, v.UnsafePointer(), c
	}
	p := unsafe.Add(b.data, uintptr(b.n)*fp.elemSize)
	b.n++
	return p
}

// store sets the field to the slice (non-nil, also when empty).
func (b *sliceBuf) store(fp *fieldPlan, ptr unsafe.Pointer) {
	if b.cap == 0 {
		*(*sliceHeader)(ptr) = sliceHeader{data: unsafe.Pointer(&zeroElems)}
		return
	}
	*(*sliceHeader)(ptr) = sliceHeader{data: b.data, len: b.n, cap: b.cap}
}
