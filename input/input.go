package input

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"creditetl/schema"
)

// Format reads one kind of report.
type Format struct {
	// Name is what --input-format and reports.input_format call it.
	Name string
	// Usage says in a few words what the format is.
	Usage string
	// Key is the top-level JSON key that marks a report of this format
	// (creditHeader, PRH). Under auto, one scan of the report's top-level
	// keys finds the first key any format claims: an OCR answer, whose
	// first key is creditHeader, is recognised at once.
	Key string
	// Detect, for a format that a key cannot tell, says from the report's
	// bytes whether it is of this format; it runs after the key scan found
	// nothing. It must be cheap and must not accept another format's
	// reports.
	Detect func(data []byte) bool
	// Decode reads one report. Input that is not a report of this format is
	// refused with an error that says why (wrapping schema.ErrNotReport).
	Decode func(data []byte) (*schema.Report, error)
	// Fallback marks the format whose Decode explains a refusal when no
	// format recognises the report (the OCR answer: it names an API error
	// envelope, truncated JSON, ...).
	Fallback bool
}

// Auto selects the format of each report by its content.
const Auto = "auto"

var (
	mu      sync.RWMutex
	formats []Format
)

// Register adds a format; it panics on a duplicate or incomplete one (a
// programming error, found at start-up).
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	if f.Name == "" || f.Name == Auto || (f.Detect == nil && f.Key == "") || f.Decode == nil {
		panic(fmt.Sprintf("input: incomplete format %q", f.Name))
	}
	for _, g := range formats {
		if g.Name == f.Name {
			panic("input: format registered twice: " + f.Name)
		}
	}
	formats = append(formats, f)
	slices.SortFunc(formats, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
}

// Formats are the registered formats, by name.
func Formats() []Format {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(formats)
}

// Names are the values --input-format takes: auto, then every format.
func Names() []string {
	out := []string{Auto}
	for _, f := range Formats() {
		out = append(out, f.Name)
	}
	return out
}

// Lookup finds a format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// ErrUnknownFormat is returned for an --input-format no format has.
var ErrUnknownFormat = errors.New("unknown input format")

// CheckName validates an --input-format value.
func CheckName(name string) error {
	if name == "" || name == Auto {
		return nil
	}
	if _, ok := Lookup(name); ok {
		return nil
	}
	return fmt.Errorf("%w %q (want %s)", ErrUnknownFormat, name, strings.Join(Names(), ", "))
}

// Decode reads one report in the named format, or under "" or auto in the
// first format whose Detect accepts it. It returns the report and the name
// of the format that read it.
func Decode(data []byte, name string) (*schema.Report, string, error) {
	if name != "" && name != Auto {
		f, ok := Lookup(name)
		if !ok {
			return nil, "", CheckName(name)
		}
		rep, err := f.Decode(data)
		return rep, f.Name, err
	}
	all := Formats()
	keys := map[string]int{}
	for i, f := range all {
		if f.Key != "" {
			keys[f.Key] = i
		}
	}
	if k, ok := FirstTopLevelKey(data, keys); ok {
		f := all[keys[k]]
		rep, err := f.Decode(data)
		return rep, f.Name, err
	}
	for _, f := range all {
		if f.Detect != nil && f.Detect(data) {
			rep, err := f.Decode(data)
			return rep, f.Name, err
		}
	}
	for _, f := range all {
		if f.Fallback {
			rep, err := f.Decode(data)
			return rep, f.Name, err
		}
	}
	return nil, "", &schema.NotReportError{Reason: "not a report of any known input format (" + strings.Join(Names()[1:], ", ") + ")"}
}
