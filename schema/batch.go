package schema

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
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

// BatchBuilder accumulates rows of one table into Arrow arrays.
type BatchBuilder struct {
	Table *Table
	rb    *array.RecordBuilder
	app   []func(Value)
	n     int
}

// NewBatchBuilder starts an empty batch of t.
func NewBatchBuilder(t *Table, mem memory.Allocator) *BatchBuilder {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	b := &BatchBuilder{Table: t, rb: array.NewRecordBuilder(mem, t.ArrowSchema())}
	b.app = make([]func(Value), len(t.Columns))
	for i, c := range t.Columns {
		fb := b.rb.Field(i)
		switch c.Storage {
		case StorString:
			sb := fb.(*array.StringBuilder)
			b.app[i] = func(v Value) {
				if v.Valid {
					sb.Append(v.S)
				} else {
					sb.AppendNull()
				}
			}
		case StorCents:
			db := fb.(*array.Decimal128Builder)
			b.app[i] = func(v Value) {
				if v.Valid {
					db.Append(decimal128.FromI64(v.I))
				} else {
					db.AppendNull()
				}
			}
		case StorInt32:
			ib := fb.(*array.Int32Builder)
			b.app[i] = func(v Value) {
				if v.Valid {
					ib.Append(int32(v.I))
				} else {
					ib.AppendNull()
				}
			}
		case StorDays:
			db := fb.(*array.Date32Builder)
			b.app[i] = func(v Value) {
				if v.Valid {
					db.Append(arrow.Date32(v.I))
				} else {
					db.AppendNull()
				}
			}
		case StorMicros:
			tb := fb.(*array.TimestampBuilder)
			b.app[i] = func(v Value) {
				if v.Valid {
					tb.Append(arrow.Timestamp(v.I))
				} else {
					tb.AppendNull()
				}
			}
		case StorInt64:
			ib := fb.(*array.Int64Builder)
			b.app[i] = func(v Value) {
				if v.Valid {
					ib.Append(v.I)
				} else {
					ib.AppendNull()
				}
			}
		case StorFloat64:
			fb := fb.(*array.Float64Builder)
			b.app[i] = func(v Value) {
				if v.Valid {
					fb.Append(v.Float())
				} else {
					fb.AppendNull()
				}
			}
		default:
			panic(fmt.Sprintf("schema: storage %d", c.Storage))
		}
	}
	return b
}

// Append adds one row; len(row) must be the table's column count.
func (b *BatchBuilder) Append(row []Value) {
	for i, v := range row {
		b.app[i](v)
	}
	b.n++
}

// Len is the number of rows appended since the last NewBatch.
func (b *BatchBuilder) Len() int { return b.n }

// NewBatch returns the rows appended so far and starts over.
func (b *BatchBuilder) NewBatch() Batch {
	b.n = 0
	return Batch{Table: b.Table, Record: b.rb.NewRecordBatch()}
}

// Release frees the builder.
func (b *BatchBuilder) Release() { b.rb.Release() }

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
