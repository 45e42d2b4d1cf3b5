package main

import (
	"github.com/urfave/cli/v2"

	"creditetl/internal/pipeline"
)

// storeReader recognises extract stores among load inputs (issue #3).
var storeReader pipeline.StoreReader

func extractCommand(o Options) *cli.Command {
	return &cli.Command{Name: "extract", Usage: "call the OCR API for every scan file and keep every answer in the store", ArgsUsage: "INPUT...",
		Action: func(*cli.Context) error { return notYet("extract", "issue #3, the API client") }}
}
