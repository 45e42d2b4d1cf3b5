// Package load writes the batches of a run to an output. It holds writers
// only: every output format lives in one file and registers itself there
// (Register: name, extensions of -o, opener, the settings it reads, whether
// it carries features): duckdb.go, parquet.go, xlsx.go. Every sink consumes
// the same schema.Batch records through Write / Commit / Abort; none of them
// transforms anything, and none runs feature SQL: a format that carries
// features calls the FeatureEngine the pipeline gives it (package features)
// at Commit. The DuckDB file and the workbook spool the run through the
// Parquet table writer (bounded memory) before they build their output.
//
// One suite (TestConformance) runs every registered format.
//
// load imports schema and internal/fsutil; it must not import extract,
// transform, features or the pipeline (its tests may).
package load
