// Command sqlroute times the SQL route of issue 12 (route.sql: DuckDB's
// read_json_objects, UNNEST and TRY_CAST over the answers, flattening
// accounts, repayment grids and queries) on a folder of answers, through the
// DuckDB engine creditetl links, and prints the seconds and the rows made.
//
//	go run ./scripts/sqlroute DIR
package main

import (
	"database/sql"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

//go:embed route.sql
var route string

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sqlroute DIR")
		os.Exit(1)
	}
	db, err := sql.Open("duckdb", "?autoinstall_known_extensions=false&autoload_known_extensions=false")
	if err != nil {
		fail(err)
	}
	defer db.Close()
	glob := strings.ReplaceAll(filepath.Join(os.Args[1], "*.json"), "'", "''")
	start := time.Now()
	if _, err := db.Exec(strings.ReplaceAll(route, "{{GLOB}}", glob)); err != nil {
		fail(err)
	}
	took := time.Since(start)
	var acc, rep, qry int64
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM acc), (SELECT count(*) FROM rep), (SELECT count(*) FROM qry)`).Scan(&acc, &rep, &qry); err != nil {
		fail(err)
	}
	fmt.Printf("%.2f seconds: %d accounts, %d repayment months, %d queries\n", took.Seconds(), acc, rep, qry)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sqlroute:", err)
	os.Exit(1)
}
