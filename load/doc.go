// Package load writes the batches of a run to an output: a DuckDB file, a
// Parquet folder or an Excel workbook. Every writer is a Sink and consumes the
// same schema.Batch records; none of them transforms anything.
//
// load imports schema only; it must not import extract or transform.
package load
