// Package pipeline wires the stages together for the commands: Load finds
// the inputs, reads each report through package input (in parallel),
// flattens them in order and hands the batches to the sink of the output's
// format (package load), with the feature engine (package features) for
// formats that carry features; Run does extract, then Load of the run's
// answers, checking the output before the first paid call. It owns the
// partial-failure sentinel ErrPartial. It is the only package besides
// cmd/creditetl that imports more than one stage; it holds no stage logic of
// its own.
package pipeline
