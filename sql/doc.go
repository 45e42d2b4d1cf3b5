// Package featuresql holds the canned feature SQL (one .sql file per feature
// group, embedded) and the feature dictionary parsed from the files' header
// comments. The SQL runs in DuckDB over the tables of CONTRACT section 4,
// whether they are tables of a DuckDB file or views over a Parquet folder;
// the runner is package features.
//
// The directory is sql/ but the package is featuresql, so that it never
// shadows database/sql. It imports no project package and not database/sql.
package featuresql
