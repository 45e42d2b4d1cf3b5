// Package input is the seam between report files and the project's model:
// each input format turns the bytes of one report (a .json file, a line of a
// .jsonl file, an answer in an extract store) into a *schema.Report, and is
// chosen per report by its content or by name.
//
// A format lives in one file of its own and registers itself there with
// Register: its name, how it recognises a report (the top-level Key that
// marks it, or a Detect function) and how it reads one (Decode). ocr.go is the OCR API's answer (schema.Decode); an adapter
// for another report format plugs in the same way, and the pipeline never
// changes.
//
// input imports schema and the adapters it registers; it must not import
// extract, transform, load or the pipeline.
package input
