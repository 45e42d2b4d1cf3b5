package schema

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Value is one typed cell. Strings use S; every other storage uses I (cents,
// days since 1970-01-01, microseconds since 1970-01-01, or the integer).
type Value struct {
	S     string
	I     int64
	Valid bool
}

// TextValue is a valid string cell.
func TextValue(s string) Value { return Value{S: s, Valid: true} }

// IntValue is a valid numeric cell.
func IntValue(i int64) Value { return Value{I: i, Valid: true} }

// FloatValue is a valid float64 cell (StorFloat64): its bits are kept in I.
func FloatValue(f float64) Value { return Value{I: int64(math.Float64bits(f)), Valid: true} }

// Float is the float64 of a StorFloat64 cell.
func (v Value) Float() float64 { return math.Float64frombits(uint64(v.I)) }

// NullValue is the NULL cell.
var NullValue Value

// Batch is a set of rows of one table, as an Arrow record. Every writer
// consumes batches; the record's schema is Table.ArrowSchema().
type Batch struct {
	Table  *Table
	Record arrow.RecordBatch
}

// Metadata keys of the Arrow schema of a table.
const (
	MetaTable   = "creditetl.table"
	MetaLabel   = "label"   // field: Chinese label
	MetaComment = "comment" // field: English description
	MetaSQLType = "sql_type"
	// MetaPersonal is "true" on a personal column's field (--pii).
	MetaPersonal = "personal"
)

// ArrowSchema is the table's Arrow schema: the table name in the schema
// metadata, the Chinese label and the description in each field's metadata.
func (t *Table) ArrowSchema() *arrow.Schema {
	if t.arrow != nil {
		return t.arrow
	}
	// A table not made by NewTable: build it every time rather than cache it
	// (a lazily filled cache on a shared table is a data race).
	return t.buildArrowSchema()
}

func (t *Table) buildArrowSchema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		keys, vals := []string{MetaLabel, MetaComment, MetaSQLType}, []string{c.Label, c.Comment, c.SQLType()}
		if c.Personal {
			keys, vals = append(keys, MetaPersonal), append(vals, "true")
		}
		fields[i] = arrow.Field{
			Name:     c.Name,
			Type:     c.Storage.ArrowType(),
			Nullable: true,
			Metadata: arrow.NewMetadata(keys, vals),
		}
	}
	md := arrow.NewMetadata([]string{MetaTable}, []string{t.Name})
	return arrow.NewSchema(fields, &md)
}

// BatchBuilder accumulates rows of one table. Values go into plain Go
// slices, one per column (strings as one byte buffer and offsets), and
// NewBatch wraps them as Arrow arrays without copying: appending a row costs
// a few slice appends, not a builder call per cell.
type BatchBuilder struct {
	Table *Table
	cols  []colBuf
	n     int
}

// colBuf is one column being built.
type colBuf struct {
	st      Storage
	valid   []byte // validity bitmap, one bit a row
	nulls   int
	ints    []int64 // StorCents (low 64 bits), StorInt64, StorMicros, StorFloat64 (bits)
	int32s  []int32 // StorInt32, StorDays
	offsets []int32 // StorString: len n+1
	data    []byte  // StorString
}

// NewBatchBuilder starts an empty batch of t. mem is not used (the arrays
// are Go memory); it stays for callers that pass an allocator.
func NewBatchBuilder(t *Table, mem memory.Allocator) *BatchBuilder {
	b := &BatchBuilder{Table: t, cols: make([]colBuf, len(t.Columns))}
	for i, c := range t.Columns {
		switch c.Storage {
		case StorString, StorCents, StorInt32, StorDays, StorMicros, StorInt64, StorFloat64:
		default:
			panic(fmt.Sprintf("schema: storage %d", c.Storage))
		}
		b.cols[i].st = c.Storage
		b.cols[i].reset(0)
	}
	return b
}

func (c *colBuf) reset(capacity int) {
	c.valid, c.nulls = make([]byte, 0, (capacity+7)/8), 0
	c.ints, c.int32s, c.offsets, c.data = nil, nil, nil, nil
	switch c.st {
	case StorString:
		c.offsets = make([]int32, 1, capacity+1)
	case StorInt32, StorDays:
		c.int32s = make([]int32, 0, capacity)
	default:
		c.ints = make([]int64, 0, capacity)
	}
}

// Append adds one row; len(row) must be the table's column count.
func (b *BatchBuilder) Append(row []Value) {
	n := b.n
	byteIdx, bit := n>>3, byte(1)<<(n&7)
	for i := range row {
		v := &row[i]
		c := &b.cols[i]
		if bit == 1 {
			c.valid = append(c.valid, 0)
		}
		if v.Valid {
			c.valid[byteIdx] |= bit
		} else {
			c.nulls++
		}
		switch c.st {
		case StorString:
			if v.Valid {
				c.data = append(c.data, v.S...)
			}
			c.offsets = append(c.offsets, int32(len(c.data)))
		case StorInt32, StorDays:
			var x int32
			if v.Valid {
				x = int32(v.I)
			}
			c.int32s = append(c.int32s, x)
		default:
			var x int64
			if v.Valid {
				x = v.I
			}
			c.ints = append(c.ints, x)
		}
	}
	b.n++
}

// Len is the number of rows appended since the last NewBatch.
func (b *BatchBuilder) Len() int { return b.n }

// NewBatch returns the rows appended so far and starts over, with room for
// as many rows as this batch had.
func (b *BatchBuilder) NewBatch() Batch {
	n := b.n
	sc := b.Table.ArrowSchema()
	arrs := make([]arrow.Array, len(b.cols))
	for i := range b.cols {
		c := &b.cols[i]
		arrs[i] = c.array(sc.Field(i).Type, n)
		c.reset(n)
	}
	b.n = 0
	rec := array.NewRecordBatch(sc, arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	return Batch{Table: b.Table, Record: rec}
}

// array wraps the column's slices as an Arrow array of type dt.
func (c *colBuf) array(dt arrow.DataType, n int) arrow.Array {
	var validity *memory.Buffer
	if c.nulls > 0 {
		validity = memory.NewBufferBytes(c.valid)
	}
	var bufs []*memory.Buffer
	switch c.st {
	case StorString:
		bufs = []*memory.Buffer{validity, memory.NewBufferBytes(int32Bytes(c.offsets)), memory.NewBufferBytes(c.data)}
	case StorInt32, StorDays:
		bufs = []*memory.Buffer{validity, memory.NewBufferBytes(int32Bytes(c.int32s))}
	case StorCents:
		// decimal128: 16 bytes a value, the low 64 bits then the sign.
		d := make([]int64, 2*n)
		for j, x := range c.ints {
			d[2*j] = x
			d[2*j+1] = x >> 63
		}
		bufs = []*memory.Buffer{validity, memory.NewBufferBytes(int64Bytes(d))}
	default:
		bufs = []*memory.Buffer{validity, memory.NewBufferBytes(int64Bytes(c.ints))}
	}
	data := array.NewData(dt, n, bufs, nil, c.nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

func int32Bytes(s []int32) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*4)
}

func int64Bytes(s []int64) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*8)
}

// Release frees the builder (its batches own their memory).
func (b *BatchBuilder) Release() {}

// ValueAt reads a cell of a batch back as a Value (for writers and tests).
func ValueAt(col arrow.Array, row int) Value {
	if col.IsNull(row) {
		return NullValue
	}
	switch a := col.(type) {
	case *array.String:
		return TextValue(a.Value(row))
	case *array.Decimal128:
		return IntValue(int64(a.Value(row).LowBits()))
	case *array.Int32:
		return IntValue(int64(a.Value(row)))
	case *array.Int64:
		return IntValue(a.Value(row))
	case *array.Date32:
		return IntValue(int64(a.Value(row)))
	case *array.Timestamp:
		return IntValue(int64(a.Value(row)))
	case *array.Float64:
		return FloatValue(a.Value(row))
	}
	panic(fmt.Sprintf("schema: unexpected array %T", col))
}
