package features

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"creditetl/internal/fsutil"
	"creditetl/load"
)

// Options are the settings of a features run on an existing output.
type Options struct {
	// Export is a file to export table features to (.csv, .parquet or .xlsx
	// by extension); empty for none.
	Export string
	// Compression of the Parquet files written: zstd (default), snappy or none.
	Compression string
	// HeadersZH writes the Chinese names as the header row of an .xlsx export.
	HeadersZH bool
}

// Result is what a features run did.
type Result struct {
	// Target is where table features went: the DuckDB file, or
	// DIR/features.parquet.
	Target string
	// Reports are the rows of table features; Features its feature columns
	// (report_id and report_date not counted).
	Reports  int64
	Features int
	// Export is the exported file, if any.
	Export string
}

// Run computes the features of a creditetl output: a DuckDB file, or a
// Parquet folder (a directory).
func Run(ctx context.Context, path string, o Options) (*Result, error) {
	if load.IsLake(path) {
		return RunLake(ctx, path, o)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return RunParquet(ctx, path, o)
	}
	return RunDuckDB(ctx, path, o)
}

// RunDuckDB (re)builds table features in the DuckDB file at path, in one
// transaction, and exports it when o.Export is set. The file must exist and
// hold table reports.
func RunDuckDB(ctx context.Context, path string, o Options) (_ *Result, err error) {
	if err := checkExport(path, o); err != nil {
		return nil, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("features %s: is a directory, not a DuckDB file", path)
	}
	db, err := load.OpenDuckDBSQL(path)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = load.DuckErr("close "+path, cerr)
		}
	}()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, load.DuckErr("open", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '"+FileMemoryLimit+"'"); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, load.DuckErr("settings", err))
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'reports'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, load.DuckErr("read catalog", err))
	}
	if n == 0 {
		return nil, fmt.Errorf("features %s: no table reports: %w", path, ErrNotCreditETL)
	}
	err = inTransaction(ctx, conn, func() error {
		// A file written by an older creditetl may lack newer tables or
		// columns.
		if err := load.EnsureTables(ctx, conn); err != nil {
			return err
		}
		return Compute(ctx, conn)
	})
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	return countAndExport(ctx, conn, path, path, o)
}

// inTransaction runs fn in a transaction of its own on conn.
func inTransaction(ctx context.Context, conn *sql.Conn, fn func() error) error {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return load.DuckErr("begin", err)
	}
	if err := fn(); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return load.DuckErr("commit", err)
	}
	return nil
}

// countAndExport counts the rows of table features and exports it when
// o.Export is set.
func countAndExport(ctx context.Context, conn *sql.Conn, input, target string, o Options) (*Result, error) {
	res := &Result{Target: target, Features: len(Table().Columns) - 2}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+TableName).Scan(&res.Reports); err != nil {
		return nil, fmt.Errorf("features %s: %w", input, load.DuckErr("count features", err))
	}
	if o.Export != "" {
		if err := Export(ctx, conn, o.Export, o); err != nil {
			return nil, err
		}
		res.Export = o.Export
	}
	return res, nil
}

// RunParquet computes the features of a Parquet output folder
// (DIR/<table>.parquet per table) and writes DIR/features.parquet; it
// exports them when o.Export is set.
func RunParquet(ctx context.Context, dir string, o Options) (*Result, error) {
	if err := checkExport(dir, o); err != nil {
		return nil, err
	}
	comp, err := load.DuckDBCompression(o.Compression)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("features %s: not a directory", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "reports.parquet")); err != nil {
		return nil, fmt.Errorf("features %s: no reports.parquet: %w", dir, ErrNotCreditETL)
	}
	// The features are computed as a load computes them (in slices of
	// reports, memory bounded), into a file beside, then written to the
	// folder with the compression asked.
	work, err := os.MkdirTemp("", "creditetl-features-")
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	defer os.RemoveAll(work)
	computed := filepath.Join(work, load.FeaturesFile)
	if _, err := (Engine{}).ComputeParquet(ctx, dir, computed, filepath.Join(work, "duckdb.tmp")); err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	var res *Result
	// An export orders by report_id and may spill to the work folder.
	err = withMemoryDB(ctx, filepath.Join(work, "export.tmp"), MemoryLimit, func(conn *sql.Conn) error {
		q := fmt.Sprintf("CREATE TEMP VIEW %s AS SELECT * FROM read_parquet(%s)", TableName, load.Quote(computed))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return load.DuckErr("features "+dir, err)
		}
		// The computed file is in report_id order already: it is copied in
		// its order (no sort of 300 columns) with its row groups.
		target := filepath.Join(dir, load.FeaturesFile)
		options := fmt.Sprintf("FORMAT parquet, COMPRESSION %s, ROW_GROUP_SIZE %d", comp, featureRowGroup)
		if err := copyQueryTo(ctx, conn, "SELECT * FROM "+TableName, target, options); err != nil {
			return err
		}
		var err error
		res, err = countAndExport(ctx, conn, dir, target, o)
		return err
	})
	return res, err
}

// copyTo writes table features, ordered by report_id, to path with COPY …
// (options), atomically.
func copyTo(ctx context.Context, conn *sql.Conn, path, options string) error {
	return copyQueryTo(ctx, conn, "SELECT * FROM "+TableName+" ORDER BY report_id", path, options)
}

// copyQueryTo writes the rows of query to path with COPY … (options),
// atomically.
func copyQueryTo(ctx context.Context, conn *sql.Conn, query, path, options string) error {
	err := fsutil.WriteWith(path, func(tmp string) error {
		q := fmt.Sprintf("COPY (%s) TO %s (%s)", query, load.Quote(tmp), options)
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return load.DuckErr("copy", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

// RunLake recomputes the features of the current rows of a Parquet lake and
// replaces its features folder in one step: each report's features go to
// the partition of its current load (features/load_id=<id>/), so they are
// current exactly when the report's rows are. It holds the lake's lock.
func RunLake(ctx context.Context, dir string, o Options) (*Result, error) {
	if err := checkExport(dir, o); err != nil {
		return nil, err
	}
	comp, err := load.DuckDBCompression(o.Compression)
	if err != nil {
		return nil, err
	}
	unlock, err := load.LockLake(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	target := filepath.Join(dir, TableName)
	fsutil.CleanStale(target)
	work, err := fsutil.WorkDir(target)
	if err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	defer os.RemoveAll(work)
	var res *Result
	// Over the lake's views (not sliced): the memory of a file's rebuild.
	err = withMemoryDB(ctx, filepath.Join(work, ".duckdb.tmp"), FileMemoryLimit, func(conn *sql.Conn) error {
		if err := load.CreateLakeViews(ctx, conn, dir); err != nil {
			return fmt.Errorf("features %s: %w", dir, err)
		}
		// The lake's own features view would shadow the table computed here.
		if _, err := conn.ExecContext(ctx, "DROP VIEW IF EXISTS temp."+TableName); err != nil {
			return load.DuckErr("features "+dir, err)
		}
		if err := Compute(ctx, conn); err != nil {
			return fmt.Errorf("features %s: %w", dir, err)
		}
		q := fmt.Sprintf(`COPY (SELECT f.*, c.load_id FROM %s AS f JOIN lake_current AS c USING (report_id) ORDER BY f.report_id) TO %s (FORMAT parquet, COMPRESSION %s, PARTITION_BY (load_id), FILENAME_PATTERN 'part-{i}')`,
			TableName, load.Quote(filepath.Join(work, "parts")), comp)
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("features %s: %w", dir, load.DuckErr("write features", err))
		}
		var err error
		res, err = countAndExport(ctx, conn, dir, target, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	parts := filepath.Join(work, "parts")
	if _, err := os.Stat(parts); err != nil {
		// No report: an empty features folder.
		if err := os.Mkdir(parts, fsutil.DirMode); err != nil {
			return nil, fmt.Errorf("features %s: %w", dir, err)
		}
	}
	if err := fsutil.Replace(parts, target); err != nil {
		return nil, fmt.Errorf("features %s: %w", dir, err)
	}
	return res, nil
}
