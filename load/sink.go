package load

import (
	"context"

	"creditetl/schema"
)

// Sink receives the batches of one load run. Calls come from one goroutine,
// in this order: Write any number of times (report tables), Replace once,
// Write again for the run tables (loads, load_failures), then Commit; or
// Abort at any point after a failure.
type Sink interface {
	// Write takes the batch; the sink releases its record.
	Write(ctx context.Context, b schema.Batch) error
	// Replace removes the earlier rows of every report written in this run
	// and returns how many reports were already there.
	Replace(ctx context.Context) (replaced int64, err error)
	// Commit makes the run visible, all of it at once.
	Commit(ctx context.Context) error
	// Abort undoes the run and leaves no half-written output behind.
	Abort() error
}
