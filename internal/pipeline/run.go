package pipeline

import (
	"context"
	"errors"
	"fmt"

	"creditetl/extract"
)

// RunOptions configure creditetl run: extract the scans, load this run's
// answers, compute the features.
type RunOptions struct {
	Extract extract.Options
	// Load configures the load of the answers; its Inputs are the store.
	Load LoadOptions
	// Extracted, when set, is called with the extract summary before the
	// load starts (the CLI prints it).
	Extracted func(*extract.Summary)
}

// RunSummary is what a run did; Load is nil when nothing was loaded.
type RunSummary struct {
	Extract *extract.Summary
	Load    *Summary
}

// ErrNothingToLoad is returned when no file of the run has an answer.
var ErrNothingToLoad = errors.New("no file of this run has an answer: nothing to load")

// Run extracts, then loads the answers of this run's files from the store
// into the output (with the features of the output's format). It checks the
// output before the first API call, so a run that cannot write pays for
// nothing. The error wraps ErrPartial when some files failed and the rest
// was loaded; any other error is fatal.
func Run(ctx context.Context, o RunOptions) (*RunSummary, error) {
	rs := &RunSummary{}
	if !o.Extract.DryRun {
		if err := CheckOutput(o.Load); err != nil {
			return rs, fmt.Errorf("output checked before any API call: %w", err)
		}
	}
	xs, xerr := extract.Run(ctx, o.Extract)
	rs.Extract = xs
	if o.Extracted != nil && xs != nil {
		o.Extracted(xs)
	}
	if xerr != nil {
		return rs, fmt.Errorf("extract: %w", xerr)
	}
	if o.Extract.DryRun {
		return rs, nil
	}
	var partial error
	if n := xs.Incomplete(); n > 0 {
		partial = fmt.Errorf("extract: %d of %d files have no answer (reasons above and in %s/%s): %w",
			n, xs.Files, xs.Store, extract.ManifestFile, ErrPartial)
	}
	files := map[string]string{} // sha → this run's path
	for _, oc := range xs.Outcomes {
		if oc.Outcome == extract.OutcomeOK && oc.DuplicateOf == "" {
			files[oc.SHA256] = oc.File
		}
	}
	if len(files) == 0 {
		if partial != nil {
			return rs, fmt.Errorf("%w: %w", ErrNothingToLoad, partial)
		}
		return rs, ErrNothingToLoad
	}
	lo := o.Load
	lo.Inputs = []string{o.Extract.Store}
	lo.Stores = runStoreReader(o.Extract.Store, files)
	ls, lerr := Load(ctx, lo)
	rs.Load = ls
	if lerr != nil && !errors.Is(lerr, ErrPartial) {
		return rs, fmt.Errorf("load: %w", lerr)
	}
	return rs, errors.Join(partial, wrapLoad(lerr))
}

func wrapLoad(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("load: %w", err)
}
