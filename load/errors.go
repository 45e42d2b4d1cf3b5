package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"creditetl/internal/fsutil"
)

// ErrOutput marks errors that say the output cannot be written.
var ErrOutput = errors.New("output not writable")

// DuckErr translates DuckDB's errors in one place: the operation and
// DuckDB's message (whose prefix names the error class, "IO Error: …"), and
// ErrOutput for errors that mean the output cannot be written.
func DuckErr(op string, err error) error {
	var de *duckdb.Error
	if errors.As(err, &de) && (de.Type == duckdb.ErrorTypeIO || strings.Contains(de.Msg, "Permission denied") || strings.Contains(de.Msg, "No space left")) {
		return fmt.Errorf("duckdb %s: %w: %w", op, ErrOutput, err)
	}
	return fmt.Errorf("duckdb %s: %w", op, err)
}

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

// xlsxErr translates excelize's errors: the sheet or file and the reason;
// file system errors underneath are classified by outputErr.
func xlsxErr(where string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return outputErr("xlsx "+where, err)
	}
	return fmt.Errorf("xlsx %s: %w", where, err)
}

// cleanStale removes what killed runs left beside target (see
// fsutil.CleanStale) and says so in the log.
func cleanStale(target string, o Options) {
	done, err := fsutil.CleanStale(target)
	for _, d := range done {
		o.log().Warn("left by a run that did not finish: " + d)
	}
	if err != nil {
		o.log().Warn("cleaning what earlier runs left", "output", target, "err", err)
	}
}
