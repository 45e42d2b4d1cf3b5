package load

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// outputErr wraps a file system error of an output (Parquet folder, Excel
// workbook, temporary files beside them) and marks with ErrOutput the ones
// that mean the output cannot be written.
func outputErr(op string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%s: %w: %w", op, ErrOutput, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// parquetErr translates the errors of the Parquet writer (arrow-go's
// pqarrow): the file and the reason; file system errors underneath are
// classified by outputErr.
func parquetErr(file string, err error) error {
	return outputErr("parquet "+file, err)
}
