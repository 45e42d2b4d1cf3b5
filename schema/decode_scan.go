package schema

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// The tokenizer of the one-pass decoder: it reads JSON text (RFC 8259, the
// same language goccy/go-json and encoding/json accept, nesting at most
// maxDepth) and reports a syntax error by panicking with a *syntaxError,
// which Decode recovers. Values are read straight from the input; the
// binding to the report's structs is in decode_bind.go.

// maxDepth is the nesting limit of goccy/go-json (and encoding/json): a
// deeper input is invalid JSON for both decoders.
const maxDepth = 10000

type decoder struct {
	// s is the input. Values without escapes are substrings of it, so the
	// decoded report shares this one copy of the input. b is the same bytes,
	// for reading eight at a time.
	s     string
	b     []byte
	i     int // the next byte to read
	depth int
	buf   []byte // scratch for unescaping and compacting

	root *structPlan
	// header is the first byte of the first creditHeader value of the
	// top-level object; 0 when it has none.
	header byte
}

// syntaxError is invalid JSON found by the decoder (Decode asks
// goccy/go-json for its own message, so that refusals read as they always did).
type syntaxError struct {
	pos int
	msg string
}

func (e *syntaxError) Error() string { return e.msg + " at byte " + strconv.Itoa(e.pos) }

func (d *decoder) eof() {
	panic(&syntaxError{pos: len(d.s), msg: "unexpected end of JSON input"})
}

// failChar reports the byte at d.i as unexpected (or the end of the input).
func (d *decoder) failChar(context string) {
	if d.i >= len(d.s) {
		d.eof()
	}
	panic(&syntaxError{pos: d.i, msg: "invalid character " + quoteChar(d.s[d.i]) + " " + context})
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

func (d *decoder) enter() {
	d.depth++
	if d.depth > maxDepth {
		d.failChar("exceeded max depth")
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// newDecoder reads s (which must not change while the report is used).
func newDecoder(s string, at int) *decoder {
	return &decoder{s: s, b: unsafe.Slice(unsafe.StringData(s), len(s)), i: at}
}

const (
	ones   = 0x0101010101010101
	highs  = 0x8080808080808080
	spaces = 0x2020202020202020
)

// ws skips JSON whitespace and returns the next byte; the end of the input
// is a syntax error (every caller expects a token). Indented answers have
// long runs of spaces: they are skipped eight bytes at a time.
func (d *decoder) ws() byte {
	if i := d.i; i < len(d.s) && d.s[i] > ' ' {
		return d.s[i]
	}
	return d.wsRun()
}

func (d *decoder) wsRun() byte {
	s, b, i := d.s, d.b, d.i
	for {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:]) ^ spaces
			if x == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(x) >> 3
		}
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		c := s[i]
		if c > ' ' {
			d.i = i
			return c
		}
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			d.i = i
			return c
		}
		i++
	}
}

// stopIn finds the first byte of the eight at b[i:] that ends a run of
// plain string content (a quote, a backslash, a control character): its
// index, or 8 when there is none.
func stopIn(x uint64) int {
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	m := ((q - ones) &^ q) | ((bs - ones) &^ bs) | ((x - ones*0x20) &^ x)
	m &= highs
	return bits.TrailingZeros64(m) >> 3
}

// strStop marks the bytes that end a run of plain string content.
var strStop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// strFlags say what the decoder changed in a string to keep it valid UTF-8.
type strFlags uint8

const (
	badUTF8   strFlags = 1 << iota // bytes that are not UTF-8 became U+FFFD
	surrogate                      // a lone \uD800-\uDFFF escape became U+FFFD
)

// str reads the string at d.i (at its opening quote) and returns its text.
// As encoding/json and goccy/go-json do, invalid UTF-8 bytes and lone
// surrogate escapes become U+FFFD; flags say so.
func (d *decoder) str() (string, strFlags) {
	s, b := d.s, d.b
	start := d.i + 1
	i := start
	var hi uint64
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		k := stopIn(x)
		if k < 8 {
			hi |= x & (1<<(8*k) - 1)
			i += k
			break
		}
		hi |= x
		i += 8
	}
	for i < len(s) && !strStop[s[i]] {
		hi |= uint64(s[i])
		i++
	}
	if i >= len(s) {
		d.i = i
		d.eof()
	}
	if s[i] == '"' {
		v := s[start:i]
		if hi&highs == 0 || utf8.ValidString(v) {
			d.i = i + 1
			return v, 0
		}
	} else if s[i] < 0x20 {
		d.i = i
		d.failChar("in string literal")
	}
	return d.unquote(start)
}

// unquote is str's slow path: escapes, invalid UTF-8.
func (d *decoder) unquote(start int) (string, strFlags) {
	s := d.s
	b := d.buf[:0]
	var fl strFlags
	i := start
	for {
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		switch c := s[i]; {
		case c == '"':
			d.i = i + 1
			d.buf = b
			return string(b), fl
		case c == '\\':
			i++
			if i >= len(s) {
				d.i = i
				d.eof()
			}
			switch e := s[i]; e {
			case '"', '\\', '/':
				b = append(b, e)
				i++
			case 'b':
				b = append(b, '\b')
				i++
			case 'f':
				b = append(b, '\f')
				i++
			case 'n':
				b = append(b, '\n')
				i++
			case 'r':
				b = append(b, '\r')
				i++
			case 't':
				b = append(b, '\t')
				i++
			case 'u':
				d.i = i + 1
				r := d.hex4()
				i += 5
				if utf16.IsSurrogate(r) {
					// A pair is two escapes; anything else leaves a lone
					// surrogate, U+FFFD (the next escape is read on its own).
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if r2, ok := parseHex4(s[i+2 : i+6]); ok {
							if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
								b = utf8.AppendRune(b, dec)
								i += 6
								continue
							}
						}
					}
					fl |= surrogate
					r = unicode.ReplacementChar
				}
				b = utf8.AppendRune(b, r)
			default:
				d.i = i
				d.failChar("in string escape code")
			}
		case c < 0x20:
			d.i = i
			d.failChar("in string literal")
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				fl |= badUTF8
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
}

// hex4 reads the four hex digits of a \u escape at d.i.
func (d *decoder) hex4() rune {
	var r rune
	for k := 0; k < 4; k++ {
		if d.i >= len(d.s) {
			d.eof()
		}
		c := d.s[d.i]
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			d.failChar(`in \u hexadecimal character escape`)
		}
		r = r<<4 | rune(v)
		d.i++
	}
	return r
}

func parseHex4(s string) (rune, bool) {
	var r rune
	for k := 0; k < 4; k++ {
		c := s[k]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// num reads the number at d.i and returns its exact JSON text.
func (d *decoder) num() string {
	s, i := d.s, d.i
	start := i
	if s[i] == '-' {
		i++
		if i >= len(s) {
			d.i = i
			d.eof()
		}
	}
	switch c := s[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		d.i = i
		d.failChar("in numeric literal")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		if !isDigit(s[i]) {
			d.i = i
			d.failChar("after decimal point in numeric literal")
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) {
			d.i = i
			d.eof()
		}
		if !isDigit(s[i]) {
			d.i = i
			d.failChar("in exponent of numeric literal")
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	d.i = i
	return s[start:i]
}

// lit reads the literal word (true, false, null) at d.i.
func (d *decoder) lit(word string) {
	if strings.HasPrefix(d.s[d.i:], word) {
		d.i += len(word)
		return
	}
	for k := 1; k < len(word); k++ {
		d.i++
		if d.i >= len(d.s) {
			d.eof()
		}
		if d.s[d.i] != word[k] {
			d.failChar("in literal " + word + " (expecting " + quoteChar(word[k]) + ")")
		}
	}
}
