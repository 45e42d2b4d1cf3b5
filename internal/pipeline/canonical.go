package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	gojson "github.com/goccy/go-json"
)

// canonicalHash is the SHA-256 of an answer in a canonical JSON form:
// object keys sorted, no insignificant whitespace, strings with the same
// escapes, numbers as written. Two answers that differ only in formatting
// (pretty-printed, keys reordered, non-ASCII text written as \uXXXX escapes,
// as Python's json.dump does by default) have the same canonical hash; the
// reports' response_sha256 stays the hash of the bytes as received. An
// answer that is not valid JSON here (the input formats decoded it, so
// this is rare) is identified by its bytes.
func canonicalHash(data []byte) string {
	var v any
	dec := gojson.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	out := data
	if err := dec.Decode(&v); err == nil {
		if b, err := gojson.Marshal(v); err == nil {
			out = b
		}
	}
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:])
}
