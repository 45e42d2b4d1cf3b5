package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// canonicalHash is the SHA-256 of an answer in a canonical JSON form:
// members of every object in one order (by key), no insignificant
// whitespace, every string written one way (escapes decoded, then only
// `"`, `\` and control characters escaped), numbers and literals as
// written. Two answers that differ only in formatting (pretty-printed,
// keys reordered, non-ASCII text as \uXXXX escapes, as Python's json.dump
// writes by default) have the same canonical hash; reports keep the hash of
// the bytes as received in response_sha256. Text that is not one JSON value
// is identified by its bytes. It costs one pass over the answer and a copy
// per level of nesting, a small fraction of decoding it.
func canonicalHash(data []byte) string {
	c := canonPool.Get().(*canonicalizer)
	defer canonPool.Put(c)
	out := data
	if b, err := c.canonical(data); err == nil {
		out = b
	}
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:])
}

var canonPool = sync.Pool{New: func() any { return new(canonicalizer) }}

var errNotJSON = errors.New("not one JSON value")

// canonicalizer writes the canonical form of a JSON text; its buffers are
// reused from answer to answer.
type canonicalizer struct {
	in    []byte
	pos   int
	out   []byte
	spans []member // the members of the objects being written, innermost last
	tmp   []byte
}

// member is an object member in out: out[start:end], its key (quoted,
// canonical) out[start:keyEnd].
type member struct{ start, keyEnd, end int }

func (c *canonicalizer) canonical(data []byte) ([]byte, error) {
	c.in, c.pos, c.out, c.spans = data, 0, c.out[:0], c.spans[:0]
	if err := c.value(0); err != nil {
		return nil, err
	}
	c.space()
	if c.pos != len(c.in) {
		return nil, errNotJSON
	}
	return c.out, nil
}

var literals = [][]byte{[]byte("true"), []byte("false"), []byte("null")}

// maxDepth bounds the nesting of a value (the decoders refuse deeper ones
// too).
const maxDepth = 512

func (c *canonicalizer) space() {
	for c.pos < len(c.in) {
		switch c.in[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *canonicalizer) value(depth int) error {
	if depth > maxDepth {
		return errNotJSON
	}
	c.space()
	if c.pos >= len(c.in) {
		return errNotJSON
	}
	switch b := c.in[c.pos]; {
	case b == '{':
		return c.object(depth)
	case b == '[':
		return c.array(depth)
	case b == '"':
		return c.str()
	case b == '-' || b >= '0' && b <= '9':
		start := c.pos
		for c.pos < len(c.in) && isNumberByte(c.in[c.pos]) {
			c.pos++
		}
		c.out = append(c.out, c.in[start:c.pos]...)
		return nil
	default:
		for _, lit := range literals {
			if bytes.HasPrefix(c.in[c.pos:], lit) {
				c.pos += len(lit)
				c.out = append(c.out, lit...)
				return nil
			}
		}
		return errNotJSON
	}
}

func isNumberByte(b byte) bool {
	return b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E'
}

func (c *canonicalizer) array(depth int) error {
	c.pos++ // [
	c.out = append(c.out, '[')
	c.space()
	if c.pos < len(c.in) && c.in[c.pos] == ']' {
		c.pos++
		c.out = append(c.out, ']')
		return nil
	}
	for {
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.space()
		if c.pos >= len(c.in) {
			return errNotJSON
		}
		switch c.in[c.pos] {
		case ',':
			c.pos++
			c.out = append(c.out, ',')
		case ']':
			c.pos++
			c.out = append(c.out, ']')
			return nil
		default:
			return errNotJSON
		}
	}
}

func (c *canonicalizer) object(depth int) error {
	c.pos++ // {
	c.out = append(c.out, '{')
	open := len(c.out)
	base := len(c.spans)
	c.space()
	if c.pos < len(c.in) && c.in[c.pos] == '}' {
		c.pos++
		c.out = append(c.out, '}')
		return nil
	}
	for {
		c.space()
		if c.pos >= len(c.in) || c.in[c.pos] != '"' {
			return errNotJSON
		}
		m := member{start: len(c.out)}
		if err := c.str(); err != nil {
			return err
		}
		m.keyEnd = len(c.out)
		c.space()
		if c.pos >= len(c.in) || c.in[c.pos] != ':' {
			return errNotJSON
		}
		c.pos++
		c.out = append(c.out, ':')
		if err := c.value(depth + 1); err != nil {
			return err
		}
		m.end = len(c.out)
		c.spans = append(c.spans, m)
		c.space()
		if c.pos >= len(c.in) {
			return errNotJSON
		}
		if c.in[c.pos] == ',' {
			c.pos++
			c.out = append(c.out, ',')
			continue
		}
		if c.in[c.pos] != '}' {
			return errNotJSON
		}
		c.pos++
		break
	}
	c.sortMembers(open, c.spans[base:])
	c.spans = c.spans[:base]
	c.out = append(c.out, '}')
	return nil
}

// sortMembers rewrites the members written from out[open:] in the order of
// their keys (stable: members with the same key keep their order).
func (c *canonicalizer) sortMembers(open int, ms []member) {
	key := func(m member) []byte { return c.out[m.start:m.keyEnd] }
	if slices.IsSortedFunc(ms, func(a, b member) int { return bytes.Compare(key(a), key(b)) }) {
		return
	}
	c.tmp = append(c.tmp[:0], c.out[open:]...)
	rel := func(m member) []byte { return c.tmp[m.start-open : m.end-open] }
	slices.SortStableFunc(ms, func(a, b member) int { return bytes.Compare(key(a), key(b)) })
	out := c.out[:open]
	for i, m := range ms {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, rel(m)...)
	}
	c.out = out
}

// str writes the string at c.pos canonically: escapes decoded, then only
// `"`, `\` and control characters escaped (\u00XX), everything else as
// UTF-8; bytes that are not UTF-8 are kept as they are, a lone surrogate
// escape as \uXXXX (lower case).
func (c *canonicalizer) str() error {
	c.pos++ // "
	c.out = append(c.out, '"')
	for {
		// Copy the run without quote, backslash or control character.
		i := c.pos
		for i < len(c.in) && c.in[i] != '"' && c.in[i] != '\\' && c.in[i] >= 0x20 {
			i++
		}
		c.out = append(c.out, c.in[c.pos:i]...)
		c.pos = i
		if c.pos >= len(c.in) {
			return errNotJSON
		}
		switch b := c.in[c.pos]; {
		case b == '"':
			c.pos++
			c.out = append(c.out, '"')
			return nil
		case b < 0x20:
			return errNotJSON // a raw control character: not JSON
		}
		// An escape.
		if c.pos+1 >= len(c.in) {
			return errNotJSON
		}
		e := c.in[c.pos+1]
		c.pos += 2
		var r rune
		switch e {
		case '"', '\\', '/':
			r = rune(e)
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			u, ok := c.hex4()
			if !ok {
				return errNotJSON
			}
			r = u
			if utf16.IsSurrogate(u) {
				if lo, ok := c.lowSurrogate(); ok && utf16.DecodeRune(u, lo) != utf8.RuneError {
					r = utf16.DecodeRune(u, lo)
				} else {
					c.out = append(c.out, `\u`...)
					c.out = append(c.out, []byte(strconv.FormatInt(int64(0x10000+u), 16))[1:]...)
					continue
				}
			}
		default:
			return errNotJSON
		}
		c.writeRune(r)
	}
}

func (c *canonicalizer) hex4() (rune, bool) {
	if c.pos+4 > len(c.in) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(c.in[c.pos:c.pos+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	c.pos += 4
	return rune(n), true
}

// lowSurrogate reads a \uDC00-\uDFFF escape that follows a high surrogate.
func (c *canonicalizer) lowSurrogate() (rune, bool) {
	if c.pos+6 > len(c.in) || c.in[c.pos] != '\\' || c.in[c.pos+1] != 'u' {
		return 0, false
	}
	save := c.pos
	c.pos += 2
	lo, ok := c.hex4()
	if !ok || lo < 0xDC00 || lo > 0xDFFF {
		c.pos = save
		return 0, false
	}
	return lo, true
}

func (c *canonicalizer) writeRune(r rune) {
	switch {
	case r == '"':
		c.out = append(c.out, `\"`...)
	case r == '\\':
		c.out = append(c.out, `\\`...)
	case r < 0x20:
		c.out = append(c.out, `\u00`...)
		c.out = append(c.out, "0123456789abcdef"[r>>4], "0123456789abcdef"[r&0xF])
	default:
		c.out = utf8.AppendRune(c.out, r)
	}
}
