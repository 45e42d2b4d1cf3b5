package transform

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"creditetl/schema"
)

// Modes of Privacy.
const (
	PIIKeep = "keep" // personal values as given (the default)
	PIIHash = "hash" // a keyed pseudonym: the same value gives the same pseudonym under one key
	PIIDrop = "drop" // NULL
)

// PIIModes are the values of --pii.
var PIIModes = []string{PIIKeep, PIIHash, PIIDrop}

// MinPIIKey is the shortest key accepted for --pii hash.
const MinPIIKey = 16

// Privacy says what becomes of the personal columns (schema.Column.Personal)
// and of the raw values that could hold personal data: the raw_value of a
// reject of a personal column, and every unknown field's JSON (the contract
// does not know what it holds).
type Privacy struct {
	Mode string
	// Key is the HMAC-SHA256 key of PIIHash; it is never stored.
	Key []byte
}

// Check validates the mode and the key.
func (p Privacy) Check() error {
	switch p.Mode {
	case "", PIIKeep, PIIDrop:
		return nil
	case PIIHash:
		if len(p.Key) < MinPIIKey {
			return fmt.Errorf("--pii hash needs a key of at least %d bytes in CREDITETL_PII_KEY (it is never stored; keep it to join pseudonyms across loads)", MinPIIKey)
		}
		return nil
	}
	return fmt.Errorf("unknown --pii %q (want keep, hash or drop)", p.Mode)
}

// Active tells whether values change.
func (p Privacy) Active() bool { return p.Mode == PIIHash || p.Mode == PIIDrop }

// ErrPIIKey is returned when hash mode has no usable key.
var ErrPIIKey = errors.New("no usable CREDITETL_PII_KEY")

// apply is the value a personal value becomes.
func (p Privacy) apply(v schema.Value) schema.Value {
	if !v.Valid {
		return v
	}
	switch p.Mode {
	case PIIDrop:
		return schema.NullValue
	case PIIHash:
		return schema.TextValue(p.pseudonym(v.S))
	}
	return v
}

// pseudonym is "pii:" and the first 128 bits of HMAC-SHA256(key, value) in
// hex: the same person joins across reports and loads (same key), and
// nobody without the key can tell who it is.
func (p Privacy) pseudonym(s string) string {
	m := hmac.New(sha256.New, p.Key)
	m.Write([]byte(s))
	return "pii:" + hex.EncodeToString(m.Sum(nil)[:16])
}

// scrub replaces, in free text, every personal value of the report seen so
// far (longest first) with its pseudonym, or with "[removed]" under drop.
func (p Privacy) scrub(v schema.Value, personal []string) schema.Value {
	if !v.Valid || len(personal) == 0 {
		return v
	}
	found := false
	for _, s := range personal {
		if strings.Contains(v.S, s) {
			found = true
			break
		}
	}
	if !found {
		return v
	}
	sorted := slices.Clone(personal)
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	text := v.S
	for _, s := range sorted {
		if !strings.Contains(text, s) {
			continue
		}
		repl := "[removed]"
		if p.Mode == PIIHash {
			repl = p.pseudonym(s)
		}
		text = strings.ReplaceAll(text, s, repl)
	}
	return schema.TextValue(text)
}
