package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"creditetl/internal/fsutil"
	"creditetl/schema"
)

// Row groups: a new one starts when the buffered one holds this many rows
// or this many (compressed) bytes, whichever comes first. A table of fewer
// rows is one row group.
const (
	parquetRowGroupRows  = 1 << 18
	parquetRowGroupBytes = 32 << 20
)

// A spool carries a run to another writer (DuckDB, Excel): small row groups
// and no dictionary encoding keep the writer's memory small and flat;
// snappy keeps it fast.
const (
	spoolRowGroupRows  = 1 << 16
	spoolRowGroupBytes = 4 << 20
	spoolPageBytes     = 64 << 10
)

// Parquet file metadata keys written beside the stored Arrow schema (whose
// own metadata carries the table name and each field's label).
const (
	MetaLoadID     = "creditetl.load_id"
	MetaTableLabel = "creditetl.table_label"
)

// tableFiles writes a folder of Parquet files, DIR/<table>.parquet, one per
// table, each opened on its table's first batch. Every output format builds
// on it: the Parquet folder is one, the DuckDB file and the workbook spool
// through one.
type tableFiles struct {
	dir           string
	loadID        string
	props         *parquet.WriterProperties
	rowGroupBytes int64
	files         map[string]*parquetFile
}

type parquetFile struct {
	path string
	w    *pqarrow.FileWriter
}

func newTableFiles(dir, loadID string, props *parquet.WriterProperties, rowGroupBytes int64) *tableFiles {
	return &tableFiles{dir: dir, loadID: loadID, props: props, rowGroupBytes: rowGroupBytes, files: map[string]*parquetFile{}}
}

// writerProps are the properties of an output's Parquet files.
func writerProps(compression string, rowGroupRows int64, extra ...parquet.WriterProperty) (*parquet.WriterProperties, error) {
	codec, err := ParquetCompression(compression)
	if err != nil {
		return nil, err
	}
	return parquet.NewWriterProperties(append([]parquet.WriterProperty{
		parquet.WithCompression(codec),
		parquet.WithMaxRowGroupLength(rowGroupRows),
		parquet.WithStoreDecimalAsInteger(true),
		parquet.WithStats(true),
		// Small pages and dictionaries: a writer holds one of each per
		// column of each of its 40 tables until the row group ends.
		parquet.WithDataPageSize(128 << 10),
		parquet.WithDictionaryPageSizeLimit(128 << 10),
	}, extra...)...), nil
}

// newSpool is the table files of a spool folder.
func newSpool(dir, loadID string) *tableFiles {
	props, _ := writerProps("snappy", spoolRowGroupRows, parquet.WithDictionaryDefault(false), parquet.WithDataPageSize(spoolPageBytes))
	return newTableFiles(dir, loadID, props, spoolRowGroupBytes)
}

// file opens the table's file on its first batch.
func (w *tableFiles) file(t *schema.Table) (*parquetFile, error) {
	if pf := w.files[t.Name]; pf != nil {
		return pf, nil
	}
	pf := &parquetFile{path: filepath.Join(w.dir, t.Name+".parquet")}
	f, err := os.OpenFile(pf.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, fsutil.FileMode)
	if err != nil {
		return nil, outputErr("parquet "+t.Name, err)
	}
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	fw, err := pqarrow.NewFileWriter(t.ArrowSchema(), syncOnClose{f}, w.props, arrProps)
	if err != nil {
		f.Close()
		return nil, parquetErr(pf.path, err)
	}
	pf.w = fw
	kv := [][2]string{{MetaTableLabel, t.Label}}
	if w.loadID != "" {
		kv = append(kv, [2]string{MetaLoadID, w.loadID})
	}
	for _, kv := range kv {
		if err := fw.AppendKeyValueMetadata(kv[0], kv[1]); err != nil {
			fw.Close()
			return nil, parquetErr(pf.path, err)
		}
	}
	w.files[t.Name] = pf
	return pf, nil
}

// syncOnClose makes the pqarrow writer's Close flush the file to disk before
// closing it, so a folder renamed into place is complete.
type syncOnClose struct{ *os.File }

func (s syncOnClose) Close() error {
	return errors.Join(s.File.Sync(), s.File.Close())
}

// write appends the batch to its table's buffered row group; the row group
// is closed when it reaches the row limit of the properties (pqarrow splits
// there) or rowGroupBytes bytes. It releases the batch.
func (w *tableFiles) write(ctx context.Context, b schema.Batch) error {
	defer b.Record.Release()
	if err := ctx.Err(); err != nil {
		return err
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

// close writes a file (with no rows) for every table of tables that had no
// batch, so readers see every schema, and closes every file.
func (w *tableFiles) close(tables []*schema.Table) error {
	for _, t := range tables {
		if _, err := w.file(t); err != nil {
			return err
		}
	}
	var errs []error
	for name, pf := range w.files {
		if err := pf.w.Close(); err != nil {
			errs = append(errs, parquetErr(pf.path, err))
		}
		delete(w.files, name)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fsutil.SyncDir(w.dir)
	return nil
}

// abort closes the files without caring for their content.
func (w *tableFiles) abort() {
	for name, pf := range w.files {
		pf.w.Close()
		delete(w.files, name)
	}
}
