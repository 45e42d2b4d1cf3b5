// Package features runs the feature SQL of creditetl/sql (CONTRACT section
// 5) in DuckDB and exports its result. Engine computes table features over
// the tables of a run (a Parquet folder) or of a whole DuckDB file; the
// pipeline hands it to the output formats that carry features, so the
// writers in load never run feature SQL themselves. Run computes the
// features of an existing output (the features command) and Export writes
// them to a .csv, .parquet or .xlsx file.
//
// features imports schema, load (DuckDB helpers, Parquet views, the Excel
// writer) and the embedded SQL; it must not import extract, transform or
// the pipeline.
package features
