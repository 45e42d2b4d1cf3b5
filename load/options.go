package load

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/apache/arrow-go/v18/parquet/compress"
)

// Options are the writer settings of a run. The built-in formats' settings
// have fields; a format added later keeps its own in Extra.
type Options struct {
	// Compression of Parquet files: zstd (default), snappy or none.
	Compression string
	// Overwrite lets a Parquet folder or an Excel workbook replace an
	// existing one; without it an existing target is refused.
	Overwrite bool
	// HeadersZH writes the Chinese labels as Excel column headers.
	HeadersZH bool
	// Layout of a new Parquet folder: flat (default) or lake.
	Layout string
	// Extra holds the values of flags of formats without a field here.
	Extra map[string]string
	// Features computes table features for formats that carry them; nil
	// writes none (and a DuckDB file drops the features of the reports it
	// loads, so none is ever stale).
	Features FeatureEngine
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

func (o *Options) log() *slog.Logger {
	if o.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Log
}

// Flag is a writer setting a format reads, offered on the command line as
// --Name. The same Flag value may serve several formats.
type Flag struct {
	Name  string
	Usage string
	// Default is the value when the flag is not given ("" for none).
	Default string
	// Bool flags take no value.
	Bool bool
	// Apply sets the value in the options, or refuses it; nil keeps it in
	// Options.Extra.
	Apply func(o *Options, value string) error
}

// Set applies a value of the flag.
func (f *Flag) Set(o *Options, value string) error {
	if f.Apply == nil {
		if o.Extra == nil {
			o.Extra = map[string]string{}
		}
		o.Extra[f.Name] = value
		return nil
	}
	return f.Apply(o, value)
}

// The settings of the built-in formats.
var (
	FlagCompression = &Flag{Name: "compression", Default: "zstd", Usage: "Parquet compression: zstd, snappy or none",
		Apply: func(o *Options, v string) error {
			if _, err := ParquetCompression(v); err != nil {
				return err
			}
			o.Compression = v
			return nil
		}}
	FlagOverwrite = &Flag{Name: "overwrite", Bool: true, Usage: "replace an existing Parquet folder or Excel workbook (a DuckDB file is updated in place)",
		Apply: func(o *Options, v string) error {
			switch v {
			case "true":
				o.Overwrite = true
			case "false":
				o.Overwrite = false
			default:
				return fmt.Errorf("--overwrite %q: want true or false", v)
			}
			return nil
		}}
	FlagHeaders = &Flag{Name: "headers", Default: "en", Usage: "Excel column headers: en (column names) or zh (Chinese labels)",
		Apply: func(o *Options, v string) error {
			switch v {
			case "en":
				o.HeadersZH = false
			case "zh":
				o.HeadersZH = true
			default:
				return fmt.Errorf("unknown --headers %q (want en or zh)", v)
			}
			return nil
		}}
)

// ParquetCompression maps the --compression flag to a codec: zstd (also the
// default for ""), snappy, or none. It is the project's one parser of it.
func ParquetCompression(name string) (compress.Compression, error) {
	switch strings.ToLower(name) {
	case "", "zstd":
		return compress.Codecs.Zstd, nil
	case "snappy":
		return compress.Codecs.Snappy, nil
	case "none", "uncompressed":
		return compress.Codecs.Uncompressed, nil
	}
	return 0, fmt.Errorf("unknown --compression %q (want zstd, snappy or none)", name)
}

// DuckDBCompression is the COPY … (COMPRESSION x) name of the codec.
func DuckDBCompression(name string) (string, error) {
	c, err := ParquetCompression(name)
	if err != nil {
		return "", err
	}
	switch c {
	case compress.Codecs.Snappy:
		return "snappy", nil
	case compress.Codecs.Uncompressed:
		return "uncompressed", nil
	}
	return "zstd", nil
}
