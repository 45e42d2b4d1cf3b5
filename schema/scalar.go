package schema

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// JSONKind is what a scalar looked like in the JSON answer.
type JSONKind uint8

const (
	Missing JSONKind = iota // the key was absent
	Null                    // JSON null
	String                  // a JSON string
	Number                  // a JSON number, Raw is its JSON text
	Bool                    // true or false, Raw is its JSON text
)

// Scalar is one leaf value exactly as the OCR produced it. OCR output is not
// typed: any leaf may be a string, a number, null or missing, so every leaf of
// the report is a Scalar and typing happens in transform.
type Scalar struct {
	Raw  string
	Kind JSONKind
}

// Str is a JSON string scalar.
func Str(s string) Scalar { return Scalar{Raw: s, Kind: String} }

// Num is a JSON number scalar; s must be valid JSON number text.
func Num(s string) Scalar { return Scalar{Raw: s, Kind: Number} }

// Int is a JSON number scalar holding n.
func Int(n int64) Scalar { return Num(strconv.FormatInt(n, 10)) }

// IsZero reports a missing scalar (so `omitzero` leaves it out when marshalling).
func (s Scalar) IsZero() bool { return s.Kind == Missing }

// Given reports whether the key was present with a non-null value.
func (s Scalar) Given() bool { return s.Kind != Missing && s.Kind != Null }

// RawJSON is the value as received: a string's own text, a number's JSON text.
// It is what a rejects row keeps.
func (s Scalar) RawJSON() string { return s.Raw }

// MarshalJSON writes the scalar back in its original JSON form.
func (s Scalar) MarshalJSON() ([]byte, error) {
	switch s.Kind {
	case String:
		// Without HTML escaping: the text goes back out as it came in.
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s.Raw); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
	case Number, Bool:
		return []byte(s.Raw), nil
	default:
		return []byte("null"), nil
	}
}

// Meta keeps what the decoder found in an object besides the known keys, so
// that nothing the OCR sent is lost. Every object type embeds it.
type Meta struct {
	// Unknown holds keys the contract does not know, with their JSON text.
	Unknown []RawField
	// Invalid holds values of the wrong shape for their key (a scalar where a
	// list or an object belongs, an object where a scalar belongs), as JSON
	// text. Key is the JSON key; for a list element it is "key[i]" (0-based).
	Invalid []RawField
	// Problems are values the decoder or an input adapter kept but could not
	// take as given (a duplicate key, invalid UTF-8, a code no table knows);
	// each becomes one rejects row with the raw value and the problem.
	Problems []Problem
	// InstitutionType, when an input adapter sets it on an object that has an
	// institution (an account, a query, a guarantee, a credit agreement), is
	// the object's institution_type (CONTRACT section 5.1) taken from an
	// official institution type code; empty means "derive it from the
	// institution's name".
	InstitutionType string
	// Pos is the 1-based position of a list element in its source list (null
	// or malformed elements before it still count); 0 when not set.
	Pos int
}

// Problem is one value an input stage flags for the rejects table. Key is
// the JSON key of the object that holds it (or "key[i]" for a list element,
// 0-based); the rejects row names the key's column when the key is known.
type Problem struct {
	Key     string
	Raw     string // the value as received (bytes that are not UTF-8 as hex)
	Problem string
}

// AddProblem records a problem on the object.
func (m *Meta) AddProblem(key, raw, problem string) {
	m.Problems = append(m.Problems, Problem{Key: key, Raw: raw, Problem: problem})
}

// RawField is a key and a value kept as JSON text.
type RawField struct {
	Key  string
	JSON string
}

// Position is the element's 1-based position in its source list, 0 if unknown.
func (m *Meta) Position() int { return m.Pos }

// Kept gives access to the Meta of any report object (it is embedded in all).
func (m *Meta) Kept() *Meta { return m }

// HasMeta is implemented by a pointer to every object type of the report.
type HasMeta interface{ Kept() *Meta }
