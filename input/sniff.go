package input

import "bytes"

// HasTopLevelKey tells whether data is a JSON object with key among its own
// (top-level) keys. It scans the bytes without decoding them: strings are
// skipped by their quotes and escapes, nesting by brackets, so it costs one
// pass over the bytes and no allocation. Malformed JSON gives false (or a
// guess); the format's Decode gives the real verdict.
func HasTopLevelKey(data []byte, key string) bool {
	_, ok := FirstTopLevelKey(data, map[string]int{key: 0})
	return ok
}

// FirstTopLevelKey returns the first of data's top-level keys, in document
// order, that is in keys; it stops scanning there.
func FirstTopLevelKey(data []byte, keys map[string]int) (string, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return "", false
	}
	depth := 0
	expectKey := false
	for i < len(data) {
		switch c := data[i]; c {
		case '{':
			depth++
			expectKey = depth == 1
			i++
		case '[':
			depth++
			i++
		case '}', ']':
			depth--
			if depth == 0 {
				return "", false
			}
			i++
		case ',':
			expectKey = depth == 1
			i++
		case '"':
			end := skipString(data, i)
			if expectKey {
				if end-1 > i+1 {
					if _, ok := keys[string(data[i+1:end-1])]; ok {
						return string(data[i+1 : end-1]), true
					}
				}
				expectKey = false
			}
			i = end
		default:
			i++
		}
	}
	return "", false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just after the string that starts at data[i]
// (a quote).
func skipString(data []byte, i int) int {
	i++
	for i < len(data) {
		j := bytes.IndexAny(data[i:], `"\`)
		if j < 0 {
			return len(data)
		}
		i += j
		if data[i] == '\\' {
			i += 2
			continue
		}
		return i + 1
	}
	return len(data)
}
