package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

// LockLake takes the lock of a lake (so that no load writes it meanwhile)
// and completes or removes what interrupted runs left; call unlock when done.
func LockLake(dir string) (unlock func(), err error) {
	if !IsLake(dir) {
		return nil, fmt.Errorf("lake %s: not a creditetl lake (no %s)", dir, LakeMarker)
	}
	f, err := fsutil.Lock(filepath.Join(dir, lakeLock))
	if err != nil {
		return nil, fmt.Errorf("lake %s: %w", dir, err)
	}
	if err := RecoverLake(dir); err != nil {
		fsutil.Unlock(f)
		return nil, err
	}
	return func() { fsutil.Unlock(f) }, nil
}

// Compacted is what a compaction did.
type Compacted struct {
	LoadID  string
	Loads   int   // loads whose current rows were gathered
	Reports int64 // current reports
	Parts   int   // part files before
	Rows    map[string]int64
}

// CompactLake rewrites the current rows of every per-report table (and of
// the features) into one partition, load_id=loadID, drops the rows that
// later loads superseded, keeps every loads and load_failures row, and adds
// a loads row for the compaction (its inputs name the loads it gathered).
// The new lake is built beside the old one and exchanged with it in one
// step, so a reader sees either lake whole.
func CompactLake(ctx context.Context, dir, loadID, version string, now func() time.Time) (*Compacted, error) {
	dir = filepath.Clean(dir)
	unlock, err := LockLake(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	started := now().UTC()
	res := &Compacted{LoadID: loadID, Rows: map[string]int64{}}
	parts, _ := filepath.Glob(filepath.Join(dir, "*", "load_id=*", "*.parquet"))
	res.Parts = len(parts)
	work, err := fsutil.WorkDir(dir)
	if err != nil {
		return nil, outputErr("lake "+dir, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(work)
		}
	}()
	if err := copyFile(filepath.Join(dir, LakeMarker), filepath.Join(work, LakeMarker)); err != nil {
		return nil, outputErr("lake "+dir, err)
	}
	db, err := OpenDuckDBSQL("")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, DuckErr("open", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '256MB'; SET temp_directory = "+Quote(filepath.Join(work, ".duckdb.tmp"))); err != nil {
		return nil, DuckErr("settings", err)
	}
	if err := CreateLakeViews(ctx, conn, dir); err != nil {
		return nil, err
	}
	var loads []string
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT load_id FROM lake_current ORDER BY 1")
	if err != nil {
		return nil, DuckErr("lake "+dir, err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		loads = append(loads, id)
	}
	rows.Close()
	res.Loads = len(loads)
	tables := []string{}
	for _, t := range schema.Tables() {
		if t.PerReport {
			tables = append(tables, t.Name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, featuresTable)); err == nil {
		tables = append(tables, featuresTable)
	}
	for _, t := range tables {
		part := filepath.Join(work, t, "load_id="+loadID)
		if err := os.MkdirAll(part, fsutil.DirMode); err != nil {
			return nil, outputErr("lake "+dir, err)
		}
		q := fmt.Sprintf("COPY (SELECT * EXCLUDE (load_id) FROM %s) TO %s (FORMAT parquet, COMPRESSION zstd)", Ident(t), Quote(filepath.Join(part, LakePartFile)))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, DuckErr("lake "+dir+": compact "+t, err)
		}
		var n int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+Ident(t)).Scan(&n); err != nil {
			return nil, DuckErr("lake "+dir, err)
		}
		res.Rows[t] = n
	}
	res.Reports = res.Rows["reports"]
	// The run history stays: every partition of loads and load_failures.
	for _, t := range []string{"loads", "load_failures"} {
		old, _ := filepath.Glob(filepath.Join(dir, t, "load_id=*", "*.parquet"))
		for _, p := range old {
			rel, _ := filepath.Rel(dir, p)
			if err := os.MkdirAll(filepath.Dir(filepath.Join(work, rel)), fsutil.DirMode); err != nil {
				return nil, outputErr("lake "+dir, err)
			}
			if err := linkOrCopy(p, filepath.Join(work, rel)); err != nil {
				return nil, outputErr("lake "+dir, err)
			}
		}
	}
	if err := writeCompactionLoad(ctx, work, loadID, version, started, now().UTC(), loads, res); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	os.RemoveAll(filepath.Join(work, ".duckdb.tmp"))
	if err := fsutil.Replace(work, dir); err != nil {
		return nil, outputErr("lake "+dir, err)
	}
	done = true
	return res, nil
}

// writeCompactionLoad writes the loads row (and an empty load_failures
// part) of the compaction.
func writeCompactionLoad(ctx context.Context, work, loadID, version string, started, finished time.Time, loads []string, res *Compacted) error {
	lt := LakeTable("loads")
	inputs, _ := json.Marshal(append([]string{"creditetl lake compact: the current rows of loads"}, loads...))
	counts, _ := json.Marshal(res.Rows)
	row := make([]schema.Value, len(lt.Columns))
	put := func(c string, v schema.Value) { row[lt.Col(c)] = v }
	put("started_at", schema.IntValue(started.UnixMicro()))
	put("finished_at", schema.IntValue(finished.UnixMicro()))
	put("tool_version", schema.TextValue(version))
	put("inputs", schema.TextValue(string(inputs)))
	put("reports", schema.IntValue(res.Reports))
	put("table_rows", schema.TextValue(string(counts)))
	for _, c := range []string{"rejects", "unknown_fields", "failures", "replaced"} {
		put(c, schema.IntValue(0))
	}
	put("rejects", schema.IntValue(res.Rows["rejects"]))
	put("unknown_fields", schema.IntValue(res.Rows["unknown_fields"]))
	bb := schema.NewBatchBuilder(lt, nil)
	defer bb.Release()
	bb.Append(row)
	stage := filepath.Join(work, lakeStaging, loadID)
	if err := os.MkdirAll(stage, fsutil.DirMode); err != nil {
		return outputErr("lake "+work, err)
	}
	props, err := writerProps("zstd", parquetRowGroupRows)
	if err != nil {
		return err
	}
	files := newTableFiles(stage, loadID, props, parquetRowGroupBytes)
	if err := files.write(ctx, bb.NewBatch()); err != nil {
		files.abort()
		return err
	}
	if err := files.close([]*schema.Table{LakeTable("load_failures")}); err != nil {
		return err
	}
	return publish(work, stage, loadID)
}

// linkOrCopy makes dst a hard link of src, or a copy where links fail.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	return copyFile(src, dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fsutil.FileMode)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
