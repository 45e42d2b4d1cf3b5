// Package pipeline wires the stages together for the commands: it finds the
// inputs, decodes reports in parallel, flattens them in order and hands the
// batches to a load.Sink. It is the only package besides cmd/creditetl that
// imports more than one stage; it holds no stage logic of its own.
package pipeline
