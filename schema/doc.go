// Package schema owns the shape of a credit report: the Go types of the OCR
// API's answer (all 517 leaf fields of the seed example), the tolerant decoder
// that turns OCR output into those types, the value kinds, and the data
// dictionary (source path → table, column, type, Chinese label) that every
// other stage reads.
//
// schema is the centre of the project: it imports no other creditetl package.
package schema
