package load

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"creditetl/schema"
)

// The current rows of a lake: for each report, the rows of its latest load
// (the largest load_id: load ids begin with the load's UTC start time, so
// they sort by time) among the loads listed in table loads (a load is listed
// once all its partitions exist). loads and load_failures keep every run.

// Dialects of LakeViews.
const (
	DialectDuckDB = "duckdb"
	DialectSpark  = "spark"
	DialectTrino  = "trino"
)

// LakeScan is the DuckDB expression that reads every part of a lake table,
// with load_id from the partition path.
func LakeScan(dir, table string) string {
	return fmt.Sprintf("read_parquet(%s, hive_partitioning = true, union_by_name = true, hive_types = {'load_id': VARCHAR})",
		Quote(filepath.Join(dir, table, "load_id=*", "*.parquet")))
}

// lakeColumns is the select list of a table's view: its columns in the
// order of the flat table (load_id in its place), a column that no part has
// yet (a lake written by an older version) as a typed NULL.
func lakeColumns(t *schema.Table, have map[string]bool, quote func(string) string, nullOf func(schema.Column) string) string {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		if have == nil || have[c.Name] {
			cols[i] = "t." + quote(c.Name)
		} else {
			cols[i] = nullOf(c) + " AS " + quote(c.Name)
		}
	}
	return strings.Join(cols, ", ")
}

// lakeSchema reads which columns the parts of each table (and of the
// features) have, with their DuckDB types; nil for a table without parts.
func lakeSchema(ctx context.Context, conn *sql.Conn, dir string) (map[string]map[string]bool, map[string][][2]string, error) {
	out := map[string]map[string]bool{}
	types := map[string][][2]string{}
	names := []string{featuresTable}
	for _, t := range lakeViewTables() {
		names = append(names, t.Name)
	}
	for _, name := range names {
		parts, _ := filepath.Glob(filepath.Join(dir, name, "load_id=*", "*.parquet"))
		if len(parts) == 0 {
			continue
		}
		rows, err := conn.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "+LakeScan(dir, name)+")")
		if err != nil {
			return nil, nil, DuckErr("lake "+dir+": read "+name, err)
		}
		have := map[string]bool{}
		for rows.Next() {
			var c, typ string
			if err := rows.Scan(&c, &typ); err != nil {
				rows.Close()
				return nil, nil, DuckErr("lake "+dir+": read "+name, err)
			}
			have[c] = true
			types[name] = append(types[name], [2]string{c, typ})
		}
		rows.Close()
		out[name] = have
	}
	return out, types, nil
}

// lakeViewTables are the tables a lake has views for.
func lakeViewTables() []*schema.Table { return schema.Tables() }

// CreateLakeViews makes, in conn (DuckDB), a temporary view per table of
// schema.Tables() over the lake's current rows, named like the table, and
// lake_current (report_id, load_id of its latest load). SQL written for a
// DuckDB output (the features) runs on them unchanged. A table without
// parts is an empty view of the right columns.
func CreateLakeViews(ctx context.Context, conn *sql.Conn, dir string) error {
	if !IsLake(dir) {
		return fmt.Errorf("lake %s: not a creditetl lake (no %s)", dir, LakeMarker)
	}
	stmts, err := lakeViewStatements(ctx, conn, dir, DialectDuckDB, true)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return DuckErr("lake "+dir+": "+s, err)
		}
	}
	return nil
}

// LakeViews returns the statements that define views of the lake's current
// rows, one per table, for DuckDB (CREATE OR REPLACE VIEW), Spark SQL
// (temporary views over the parquet folders) or Trino (Hive connector
// tables over the folders, then views). They name the lake by its absolute
// path and fit the columns its parts have now: make them again after an
// upgrade of creditetl.
func LakeViews(ctx context.Context, dir, dialect string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if !IsLake(abs) {
		return "", fmt.Errorf("lake %s: not a creditetl lake (no %s)", dir, LakeMarker)
	}
	db, err := OpenDuckDBSQL("")
	if err != nil {
		return "", err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", DuckErr("open", err)
	}
	defer conn.Close()
	stmts, err := lakeViewStatements(ctx, conn, abs, dialect, false)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- Views of the current rows of the creditetl lake %s (%s).\n", abs, dialect)
	b.WriteString("-- Current rows: for each report, the rows of its latest load (the largest load_id among\n")
	b.WriteString("-- the loads listed in loads); loads and load_failures keep every run. Written by creditetl lake views.\n")
	switch dialect {
	case DialectSpark:
		b.WriteString("-- Spark SQL: run in spark-sql or spark.sql(); the load_id column comes from the partition paths.\n")
	case DialectTrino:
		b.WriteString("-- Trino, Hive connector (catalog hive, schema creditetl: rename to yours). After every load run\n")
		b.WriteString("-- CALL hive.system.sync_partition_metadata('creditetl', 'lake_<table>', 'ADD') for each table,\n")
		b.WriteString("-- or only for lake_loads and the tables you read. Timestamps need hive.timestamp-precision=MICROSECONDS.\n")
	}
	for _, s := range stmts {
		b.WriteString(s)
		b.WriteString(";\n")
	}
	return b.String(), nil
}

// lakeViewStatements builds the statements of a dialect.
func lakeViewStatements(ctx context.Context, conn *sql.Conn, dir, dialect string, temp bool) ([]string, error) {
	have, types, err := lakeSchema(ctx, conn, dir)
	if err != nil {
		return nil, err
	}
	var scan func(t string) string
	var quote = Ident
	create := "CREATE OR REPLACE VIEW "
	nullOf := func(c schema.Column) string { return "CAST(NULL AS " + c.SQLType() + ")" }
	var stmts []string
	switch dialect {
	case DialectDuckDB:
		if temp {
			create = "CREATE OR REPLACE TEMP VIEW "
		}
		scan = func(t string) string { return LakeScan(dir, t) }
	case DialectSpark:
		create = "CREATE OR REPLACE TEMPORARY VIEW "
		quote = func(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
		nullOf = func(c schema.Column) string { return "CAST(NULL AS " + sparkType(c.Storage) + ")" }
		scan = func(t string) string { return "lake_" + t }
		for name := range types {
			stmts = append(stmts, fmt.Sprintf("CREATE OR REPLACE TEMPORARY VIEW lake_%s USING parquet OPTIONS (path '%s', mergeSchema 'true')",
				name, strings.ReplaceAll(filepath.Join(dir, name), "'", "\\'")))
		}
		slices.Sort(stmts)
	case DialectTrino:
		nullOf = func(c schema.Column) string { return "CAST(NULL AS " + trinoType(c.Storage) + ")" }
		scan = func(t string) string { return "hive.creditetl.lake_" + t }
		create = "CREATE OR REPLACE VIEW hive.creditetl."
		stmts = append(stmts, "CREATE SCHEMA IF NOT EXISTS hive.creditetl")
		names := make([]string, 0, len(types))
		for name := range types {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			var defs []string
			for _, ct := range types[name] {
				if ct[0] != "load_id" {
					defs = append(defs, Ident(ct[0])+" "+strings.Replace(ct[1], "TIMESTAMP", "TIMESTAMP(6)", 1))
				}
			}
			defs = append(defs, `"load_id" VARCHAR`)
			stmts = append(stmts, fmt.Sprintf("CREATE TABLE IF NOT EXISTS hive.creditetl.lake_%s (%s) WITH (format = 'PARQUET', external_location = %s, partitioned_by = ARRAY['load_id'])",
				name, strings.Join(defs, ", "), Quote("file://"+filepath.Join(dir, name))),
				fmt.Sprintf("CALL hive.system.sync_partition_metadata('creditetl', 'lake_%s', 'ADD')", name))
		}
	default:
		return nil, fmt.Errorf("unknown SQL dialect %q (want duckdb, spark or trino)", dialect)
	}
	empty := func(t *schema.Table) string {
		return "SELECT " + lakeColumns(t, map[string]bool{}, quote, nullOf) + " WHERE false"
	}
	currentName := "lake_current"
	if dialect == DialectTrino {
		currentName = "hive.creditetl.lake_current"
	}
	if have["reports"] != nil && have["loads"] != nil {
		stmts = append(stmts, create+"lake_current AS SELECT report_id, max(load_id) AS load_id FROM "+scan("reports")+
			" WHERE load_id IN (SELECT load_id FROM "+scan("loads")+") GROUP BY report_id")
	} else {
		stmts = append(stmts, create+"lake_current AS SELECT CAST(NULL AS VARCHAR) AS report_id, CAST(NULL AS VARCHAR) AS load_id WHERE false")
	}
	for _, t := range lakeViewTables() {
		var body string
		switch {
		case have[t.Name] == nil:
			body = empty(t)
		case !t.PerReport:
			body = "SELECT " + lakeColumns(t, have[t.Name], quote, nullOf) + " FROM " + scan(t.Name) + " AS t"
		default:
			body = "SELECT " + lakeColumns(t, have[t.Name], quote, nullOf) + " FROM " + scan(t.Name) + " AS t WHERE EXISTS (SELECT 1 FROM " +
				currentName + " AS c WHERE c.report_id = t.report_id AND c.load_id = t.load_id)"
		}
		stmts = append(stmts, create+quote(t.Name)+" AS "+body)
	}
	if have[featuresTable] != nil {
		stmts = append(stmts, create+quote(featuresTable)+" AS SELECT t.* FROM "+scan(featuresTable)+" AS t WHERE EXISTS (SELECT 1 FROM "+
			currentName+" AS c WHERE c.report_id = t.report_id AND c.load_id = t.load_id)")
	}
	return stmts, nil
}

func sparkType(s schema.Storage) string {
	switch s {
	case schema.StorCents:
		return "DECIMAL(18,2)"
	case schema.StorInt32:
		return "INT"
	case schema.StorInt64:
		return "BIGINT"
	case schema.StorDays:
		return "DATE"
	case schema.StorMicros:
		return "TIMESTAMP_NTZ"
	case schema.StorFloat64:
		return "DOUBLE"
	}
	return "STRING"
}

func trinoType(s schema.Storage) string {
	switch s {
	case schema.StorCents:
		return "DECIMAL(18,2)"
	case schema.StorInt32:
		return "INTEGER"
	case schema.StorInt64:
		return "BIGINT"
	case schema.StorDays:
		return "DATE"
	case schema.StorMicros:
		return "TIMESTAMP(6)"
	case schema.StorFloat64:
		return "DOUBLE"
	}
	return "VARCHAR"
}
