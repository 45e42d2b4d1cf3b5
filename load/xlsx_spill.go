package load

import (
	"bytes"
	"os"
	"reflect"
	"unsafe"

	"github.com/xuri/excelize/v2"
)

// spillStreamBuffer moves the rows of a flushed StreamWriter still in its
// memory buffer to a temporary file, and frees the buffer. excelize keeps a
// sheet's rows in memory until they reach 16 MiB (StreamChunkSize), and
// keeps that buffer (up to 32 MiB) for every sheet until the workbook is
// saved, so memory would grow with the number of sheets, continuation sheets
// included (measured: see README, Benchmarks). excelize has no API for it:
// this is the project's one reach into a dependency's unexported fields
// (excelize v2.11.1: StreamWriter.rawData.{tmp *os.File, buf bytes.Buffer},
// whose Reader reads tmp from offset 0 after writing what buf still holds,
// and whose Close removes tmp) and does nothing unless the layout is exactly
// that. Sheets under 1 MiB stay in memory. TestSpillStreamBuffer fails if a
// new excelize changes the layout.
func spillStreamBuffer(sw *excelize.StreamWriter, tmpDir string) (bool, error) {
	raw := reflect.ValueOf(sw).Elem().FieldByName("rawData")
	if !raw.IsValid() || raw.Kind() != reflect.Struct {
		return false, nil
	}
	tmpV, bufV := raw.FieldByName("tmp"), raw.FieldByName("buf")
	if !tmpV.IsValid() || tmpV.Type() != reflect.TypeFor[*os.File]() || !tmpV.CanAddr() ||
		!bufV.IsValid() || bufV.Type() != reflect.TypeFor[bytes.Buffer]() || !bufV.CanAddr() {
		return false, nil
	}
	tmp := (**os.File)(unsafe.Pointer(tmpV.UnsafeAddr()))
	buf := (*bytes.Buffer)(unsafe.Pointer(bufV.UnsafeAddr()))
	if *tmp == nil {
		if buf.Len() < 1<<20 {
			return false, nil
		}
		f, err := os.CreateTemp(tmpDir, "excelize-")
		if err != nil {
			return false, err
		}
		*tmp = f
	}
	if _, err := buf.WriteTo(*tmp); err != nil {
		return false, err
	}
	*buf = bytes.Buffer{}
	return true, nil
}
