package load

import (
	"errors"
	"fmt"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// duckErr translates DuckDB's errors in one place: the operation and
// DuckDB's message (whose prefix names the error class, "IO Error: …"), and
// ErrOutput for errors that mean the output cannot be written.
func duckErr(op string, err error) error {
	var de *duckdb.Error
	if errors.As(err, &de) && (de.Type == duckdb.ErrorTypeIO || strings.Contains(de.Msg, "Permission denied") || strings.Contains(de.Msg, "No space left")) {
		return fmt.Errorf("duckdb %s: %w: %w", op, ErrOutput, err)
	}
	return fmt.Errorf("duckdb %s: %w", op, err)
}

// ErrOutput marks errors that say the output cannot be written.
var ErrOutput = errors.New("output not writable")
