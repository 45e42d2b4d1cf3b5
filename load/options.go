package load

// Options are the writer settings a user can choose.
type Options struct {
	// Compression of Parquet files: zstd (default), snappy or none.
	Compression string
	// Overwrite lets a Parquet folder or an Excel workbook replace an
	// existing one; without it an existing target is refused.
	Overwrite bool
	// HeadersZH writes the Chinese labels as Excel column headers.
	HeadersZH bool
}
