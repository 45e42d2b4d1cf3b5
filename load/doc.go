// Package load writes the batches of a run to an output — a DuckDB file, a
// Parquet folder or an Excel workbook — and runs the feature SQL over an
// output. Every writer is a Sink and consumes the same schema.Batch records;
// none of them transforms anything. The DuckDB and Excel writers spool the
// run through the Parquet writer (bounded memory) before they build their
// output.
//
// load imports schema and the embedded feature SQL (creditetl/sql); it must
// not import extract or transform (its tests may).
package load
