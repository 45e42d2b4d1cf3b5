// Package progress shows how a long stage goes, on stderr: a live bar on a
// terminal, a log line every few seconds otherwise, or nothing (-q,
// --progress off). extract, the load pipeline and the features share it; a
// context carries the steps of long operations (the features' SQL files,
// a workbook's sheets) to whatever display the caller set up. It imports no
// project package.
package progress
