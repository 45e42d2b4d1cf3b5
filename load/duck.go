package load

import (
	"database/sql"
	"strings"
)

// DSNOptions keep DuckDB from downloading extensions at run time.
const DSNOptions = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// OpenDuckDBSQL opens a DuckDB file ("" for an in-memory database) with the
// project's options.
func OpenDuckDBSQL(path string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", path+"?"+DSNOptions)
	if err != nil {
		return nil, DuckErr("open "+path, err)
	}
	return db, nil
}

// Ident quotes an SQL identifier.
func Ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Quote quotes an SQL string literal.
func Quote(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
