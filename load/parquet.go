package load

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"creditetl/schema"
)

// Row groups: a new one starts when the buffered one holds this many rows
// or this many (compressed) bytes, whichever comes first. A table of fewer
// rows is one row group.
const (
	parquetRowGroupRows  = 1 << 18
	parquetRowGroupBytes = 32 << 20
)

// Parquet file metadata keys written beside the stored Arrow schema (whose
// own metadata carries the table name and each field's label).
const (
	MetaLoadID     = "creditetl.load_id"
	MetaTableLabel = "creditetl.table_label"
)

// ErrOutputExists is returned when the target of a Parquet folder or an
// Excel workbook exists and the run was not asked to overwrite it.
var ErrOutputExists = errors.New("output exists (use --overwrite to replace it)")

// Parquet writes a run as a folder of Parquet files, DIR/<table>.parquet, one
// per table of schema.Tables() (empty tables too, so readers see every
// schema). The files are written into a temporary folder beside DIR and the
// folder is renamed to DIR when the run commits, so a reader never sees half
// a dataset. Each file stores its Arrow schema (field metadata: Chinese
// label, description, DuckDB type) and uses buffered row groups.
type Parquet struct {
	dir, work string
	loadID    string
	opts      Options
	props     *parquet.WriterProperties
	files     map[string]*parquetFile
	done      bool
	// rowGroupBytes closes a row group at this many bytes.
	rowGroupBytes int64
}

type parquetFile struct {
	path string
	f    *os.File
	w    *pqarrow.FileWriter
}

var _ Sink = (*Parquet)(nil)

// ParquetCompression maps the --compression flag to a codec: zstd (also the
// default for ""), snappy, or none.
func ParquetCompression(name string) (compress.Compression, error) {
	switch strings.ToLower(name) {
	case "", "zstd":
		return compress.Codecs.Zstd, nil
	case "snappy":
		return compress.Codecs.Snappy, nil
	case "none", "uncompressed":
		return compress.Codecs.Uncompressed, nil
	}
	return 0, fmt.Errorf("unknown --compression %q (want zstd, snappy or none)", name)
}

// OpenParquet starts a run whose output is the folder dir. An existing dir
// is refused unless o.Overwrite, and even then only a folder that is empty
// or holds a creditetl output (a loads.parquet file) is replaced.
func OpenParquet(ctx context.Context, dir, loadID string, o Options) (*Parquet, error) {
	return openParquet(dir, loadID, o, parquetRowGroupRows)
}

func openParquet(dir, loadID string, o Options, rowGroupRows int64, extra ...parquet.WriterProperty) (*Parquet, error) {
	codec, err := ParquetCompression(o.Compression)
	if err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	if err := checkTarget(dir, o.Overwrite, true); err != nil {
		return nil, err
	}
	work, err := workDir(dir)
	if err != nil {
		return nil, err
	}
	props := parquet.NewWriterProperties(append([]parquet.WriterProperty{
		parquet.WithCompression(codec),
		parquet.WithMaxRowGroupLength(rowGroupRows),
		parquet.WithStoreDecimalAsInteger(true),
		parquet.WithStats(true),
	}, extra...)...)
	return &Parquet{dir: dir, work: work, loadID: loadID, opts: o, props: props, files: map[string]*parquetFile{}, rowGroupBytes: parquetRowGroupBytes}, nil
}

// openSpool is a Parquet folder that only carries a run to another writer
// (DuckDB, Excel): small row groups and no dictionary encoding keep the
// writer's memory small and flat; snappy keeps it fast.
func openSpool(dir, loadID string) (*Parquet, error) {
	w, err := openParquet(dir, loadID, Options{Compression: "snappy"}, spoolRowGroupRows,
		parquet.WithDictionaryDefault(false), parquet.WithDataPageSize(spoolPageBytes))
	if err != nil {
		return nil, err
	}
	w.rowGroupBytes = spoolRowGroupBytes
	return w, nil
}

const (
	spoolRowGroupRows  = 1 << 16
	spoolRowGroupBytes = 4 << 20
	spoolPageBytes     = 64 << 10
)

// file opens the table's file on its first batch.
func (w *Parquet) file(t *schema.Table) (*parquetFile, error) {
	if pf := w.files[t.Name]; pf != nil {
		return pf, nil
	}
	pf := &parquetFile{path: filepath.Join(w.work, t.Name+".parquet")}
	f, err := os.Create(pf.path)
	if err != nil {
		return nil, outputErr("parquet "+t.Name, err)
	}
	pf.f = f
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	fw, err := pqarrow.NewFileWriter(t.ArrowSchema(), syncOnClose{f}, w.props, arrProps)
	if err != nil {
		f.Close()
		return nil, parquetErr(pf.path, err)
	}
	pf.w = fw
	for _, kv := range [][2]string{{MetaLoadID, w.loadID}, {MetaTableLabel, t.Label}} {
		if err := fw.AppendKeyValueMetadata(kv[0], kv[1]); err != nil {
			fw.Close()
			return nil, parquetErr(pf.path, err)
		}
	}
	w.files[t.Name] = pf
	return pf, nil
}

// syncOnClose makes the pqarrow writer's Close flush the file to disk before
// closing it, so the folder renamed into place is complete.
type syncOnClose struct{ *os.File }

func (s syncOnClose) Close() error {
	return errors.Join(s.File.Sync(), s.File.Close())
}

// Write appends the batch to its table's buffered row group; the row group is
// closed when it reaches parquetRowGroupRows rows (pqarrow splits there) or
// parquetRowGroupBytes bytes.
func (w *Parquet) Write(ctx context.Context, b schema.Batch) error {
	defer b.Record.Release()
	if err := ctx.Err(); err != nil {
		return err
	}
	if w.done {
		return fmt.Errorf("parquet %s: write after the run ended", w.dir)
	}
	pf, err := w.file(b.Table)
	if err != nil {
		return err
	}
	if b.Record.NumRows() == 0 {
		return nil
	}
	if err := pf.w.WriteBuffered(b.Record); err != nil {
		return parquetErr(pf.path, err)
	}
	if pf.w.RowGroupTotalBytesWritten() >= w.rowGroupBytes {
		if err := pf.w.NewBufferedRowGroupChecked(); err != nil {
			return parquetErr(pf.path, err)
		}
	}
	return nil
}

// Replace returns 0: a Parquet output is always a fresh dataset.
func (w *Parquet) Replace(ctx context.Context) (int64, error) { return 0, ctx.Err() }

// Commit writes the files of the tables that had no rows, closes every file
// and renames the folder into place (replacing the old one when allowed).
func (w *Parquet) Commit(ctx context.Context) error {
	if w.done {
		return fmt.Errorf("parquet %s: commit after the run ended", w.dir)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, t := range schema.Tables() {
		if _, err := w.file(t); err != nil {
			return err
		}
	}
	for name, pf := range w.files {
		err := pf.w.Close()
		delete(w.files, name)
		if err != nil {
			return parquetErr(pf.path, err)
		}
	}
	syncDir(w.work)
	if err := replaceTarget(w.work, w.dir, w.opts.Overwrite, true); err != nil {
		return err
	}
	w.done = true
	return nil
}

// Abort closes the files and removes the temporary folder; the target is
// left as it was.
func (w *Parquet) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	for name, pf := range w.files {
		pf.w.Close()
		delete(w.files, name)
	}
	if err := os.RemoveAll(w.work); err != nil {
		return fmt.Errorf("remove %s: %w", w.work, err)
	}
	return nil
}

// ParquetViews creates in conn one view per table of schema.Tables() over
// the files of a Parquet output folder (CREATE OR REPLACE VIEW t AS SELECT *
// FROM read_parquet('DIR/t.parquet')), so SQL written for a DuckDB output
// runs unchanged: the views have the same column names and types.
func ParquetViews(ctx context.Context, conn *sql.Conn, dir string) error {
	for _, t := range schema.Tables() {
		p := filepath.Join(dir, t.Name+".parquet")
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("parquet output %s: %w", dir, err)
		}
		q := fmt.Sprintf("CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet(%s)", ident(t.Name), quote(p))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return duckErr("view "+t.Name, err)
		}
	}
	return nil
}

// checkTarget refuses an existing target unless overwrite; a folder output
// (dir) only replaces a folder that is empty or holds loads.parquet, a file
// output only replaces a regular file, so a mistyped -o never deletes
// something that is not an earlier output.
func checkTarget(target string, overwrite, dir bool) error {
	fi, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return outputErr("output "+target, err)
	}
	if !overwrite {
		return fmt.Errorf("output %s: %w", target, ErrOutputExists)
	}
	if !dir {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("output %s: not a regular file, --overwrite does not replace it", target)
		}
		return nil
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s: not a folder, --overwrite does not replace it with a Parquet folder", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return outputErr("output "+target, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, "loads.parquet")); err != nil {
		return fmt.Errorf("output %s: not empty and not a creditetl Parquet output (no loads.parquet), --overwrite does not replace it", target)
	}
	return nil
}

// replaceTarget renames the finished work (a folder or a file beside
// target) to target. An existing target is refused unless overwrite; then it
// is renamed aside, work is renamed in and the old one removed, so target is
// always either the old output or the new one.
func replaceTarget(work, target string, overwrite, dir bool) error {
	if err := checkTarget(target, overwrite, dir); err != nil {
		return err
	}
	_, err := os.Lstat(target)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(work, target); err != nil {
			return outputErr("output "+target, err)
		}
		syncDir(filepath.Dir(target))
		return nil
	}
	if !dir {
		// rename(2) replaces a file atomically.
		if err := os.Rename(work, target); err != nil {
			return outputErr("output "+target, err)
		}
		syncDir(filepath.Dir(target))
		return nil
	}
	old := fmt.Sprintf("%s.old-%d-%s", target, os.Getpid(), randHex(4))
	if err := os.Rename(target, old); err != nil {
		return outputErr("output "+target, err)
	}
	if err := os.Rename(work, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return outputErr("output "+target, fmt.Errorf("%w; the previous output is kept at %s", err, old))
		}
		return outputErr("output "+target, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("output %s written; removing the previous output %s: %w", target, old, err)
	}
	syncDir(filepath.Dir(target))
	return nil
}

// workDir makes the temporary folder of an output beside its target (same
// file system, so the final rename is atomic), with the permissions of a
// folder made by mkdir (os.MkdirTemp's are private).
func workDir(target string) (string, error) {
	for range 100 {
		p := fmt.Sprintf("%s.partial-%d-%s", target, os.Getpid(), randHex(4))
		err := os.Mkdir(p, 0o777)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", outputErr("output "+target, err)
		}
	}
	return "", fmt.Errorf("output %s: cannot make a temporary folder beside it", target)
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// syncDir flushes a folder's entries (names created or renamed in it). It
// is best effort: some systems cannot sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
