package schema

import (
	"encoding/hex"
	"unicode/utf8"
)

// The skipping half of the tokenizer (decode_scan.go): values passed over,
// compacted or kept as raw text.

// skipFlags say what skipValue saw in a value.
type skipFlags uint8

const (
	skipSpace skipFlags = 1 << iota // whitespace between tokens
	skipBad                         // a string with bytes that are not UTF-8
)

// wsIn is ws inside a value that skipValue reads: it notes whitespace.
func (d *decoder) wsIn(f *skipFlags) byte {
	at := d.i
	c := d.ws()
	if d.i != at {
		*f |= skipSpace
	}
	return c
}

// skipValue checks the value at d.i and moves past it.
func (d *decoder) skipValue() skipFlags {
	var f skipFlags
	switch c := d.s[d.i]; c {
	case '"':
		return d.skipStr()
	case '{':
		d.enter()
		d.i++
		c = d.wsIn(&f)
		if c != '}' {
			for {
				if c != '"' {
					d.failChar("looking for beginning of object key string")
				}
				f |= d.skipStr()
				if d.wsIn(&f) != ':' {
					d.failChar("after object key")
				}
				d.i++
				d.wsIn(&f)
				f |= d.skipValue()
				c = d.wsIn(&f)
				if c == ',' {
					d.i++
					c = d.wsIn(&f)
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
	case '[':
		d.enter()
		d.i++
		c = d.wsIn(&f)
		if c != ']' {
			for {
				f |= d.skipValue()
				c = d.wsIn(&f)
				if c == ',' {
					d.i++
					d.wsIn(&f)
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
	case 't':
		d.lit("true")
	case 'f':
		d.lit("false")
	case 'n':
		d.lit("null")
	default:
		if c != '-' && !isDigit(c) {
			d.failChar("looking for beginning of value")
		}
		d.num()
	}
	return f
}

// skipStr checks the string at d.i and moves past it.
func (d *decoder) skipStr() skipFlags {
	s := d.s
	start := d.i + 1
	i := start
	var hi byte
	for {
		for i < len(s) && !strStop[s[i]] {
			hi |= s[i]
			i++
		}
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		c := s[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			d.i = i
			d.failChar("in string literal")
		}
		i++ // a backslash
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		switch s[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			d.i = i + 1
			d.hex4()
			i = d.i
		default:
			d.i = i
			d.failChar("in string escape code")
		}
	}
	d.i = i + 1
	if hi >= utf8.RuneSelf && !utf8.ValidString(s[start:i]) {
		return skipBad
	}
	return 0
}

// compact returns the JSON text s[start:end] (a checked object or list)
// without the whitespace between tokens, strings as written except that
// bytes that are not UTF-8 become U+FFFD.
func (d *decoder) compact(start, end int) string {
	s := d.s
	b := d.buf[:0]
	in := false
	for i := start; i < end; {
		c := s[i]
		if !in {
			switch c {
			case ' ', '\t', '\n', '\r':
			default:
				b = append(b, c)
				in = c == '"'
			}
			i++
			continue
		}
		switch {
		case c == '\\':
			b = append(b, c, s[i+1])
			i += 2
		case c == '"':
			b = append(b, c)
			in = false
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:end])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	d.buf = b
	return string(b)
}

// rawText reads any value at d.i. text is what Meta keeps for it: a
// string's text, the JSON text of anything else (an object or a list as
// received, without the whitespace between tokens). raw is the value as
// received, for a rejects row: the same as text unless flags say the decoder
// changed something; then the bytes between the quotes of a string, or the
// whole JSON text, in hex when they are not valid UTF-8.
func (d *decoder) rawText() (text, raw string, fl strFlags) {
	s := d.s
	start := d.i
	switch c := s[start]; c {
	case '"':
		text, fl = d.str()
		raw = text
		if fl != 0 {
			raw = asReceived(s[start+1:d.i-1], fl)
		}
		return text, raw, fl
	case '{', '[':
		sf := d.skipValue()
		if sf == 0 {
			text = s[start:d.i]
		} else {
			text = d.compact(start, d.i)
		}
		if sf&skipBad != 0 {
			return text, hex.EncodeToString([]byte(s[start:d.i])), badUTF8
		}
		return text, text, 0
	case 't':
		d.lit("true")
		return "true", "true", 0
	case 'f':
		d.lit("false")
		return "false", "false", 0
	case 'n':
		d.lit("null")
		return "null", "null", 0
	default:
		if c != '-' && !isDigit(c) {
			d.failChar("looking for beginning of value")
		}
		text = d.num()
		return text, text, 0
	}
}

// asReceived is a string's content as written, in hex when it is not UTF-8.
func asReceived(written string, fl strFlags) string {
	if fl&badUTF8 != 0 {
		return hex.EncodeToString([]byte(written))
	}
	return written
}
