package schema

import "reflect"

// For the external tests of package schema_test (which may import synth).
var (
	CompareDecoders = compareDecoders
	DecodeTree      = decodeTree
)

// WalkMeta calls fn on the Meta of every object of rep.
func WalkMeta(rep *Report, fn func(*Meta)) { walkMeta(reflect.ValueOf(rep).Elem(), fn) }
