package input

import "creditetl/schema"

// OCR is the credit_reportV2 OCR API's answer (CONTRACT sections 3 and 4):
// a JSON object with creditHeader.
const OCR = "ocr"

func init() {
	Register(Format{
		Name:     OCR,
		Usage:    "an answer of the credit_reportV2 OCR API (top-level creditHeader)",
		Key:      "creditHeader",
		Decode:   schema.Decode,
		Fallback: true,
	})
}
