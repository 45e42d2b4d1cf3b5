package load

import (
	"context"
	"database/sql"

	"creditetl/schema"
)

// Sink receives the batches of one load run. Calls come from one goroutine:
// Write any number of times (the report tables first, in any order, then
// the run tables loads and load_failures), then Commit; or Abort at any
// point, also after a failed Commit. What an output does with reports it
// already holds (replace them, supersede them) is the sink's own business.
type Sink interface {
	// Write takes the batch; the sink releases its record.
	Write(ctx context.Context, b schema.Batch) error
	// Commit makes the run visible, all of it at once, with the features of
	// its reports when the format carries them and Options.Features is set.
	Commit(ctx context.Context) (Committed, error)
	// Abort undoes the run and leaves no half-written output behind.
	Abort() error
}

// Committed is what a commit did.
type Committed struct {
	// Replaced counts the reports of the run that the output already held
	// from earlier loads (replaced in a DuckDB file, superseded in a lake).
	Replaced int64
	// FeatureRows counts the rows of table features written or rebuilt.
	FeatureRows int64
	// FeaturesRebuilt is set when the whole features table was recomputed
	// (it was missing reports or had the columns of another version).
	FeaturesRebuilt bool
	// Warnings are problems after the commit that did not undo it (a
	// checkpoint that failed: the data is safe in the write-ahead log).
	Warnings []string
}

// FeatureEngine computes table features. The features package implements
// it; the pipeline hands it to the sinks of formats that carry features
// (Options.Features), so load runs no feature SQL of its own.
type FeatureEngine interface {
	// Table is the features table: report_id, report_date, then every
	// feature, with its storage, Chinese name and definition.
	Table() *schema.Table
	// ComputeParquet computes the features of every report in dir (a
	// folder with <table>.parquet for every table of schema.Tables()) and
	// writes them, ordered by report_id, to the Parquet file out. tmpDir is
	// where DuckDB may spill. It returns the number of rows.
	ComputeParquet(ctx context.Context, dir, out, tmpDir string) (int64, error)
	// ComputeInDB (re)builds table features in conn for every report of
	// table reports; inside the caller's transaction it takes part in it.
	ComputeInDB(ctx context.Context, conn *sql.Conn) (int64, error)
}
