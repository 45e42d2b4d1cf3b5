package schema

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// Kind says how a source text becomes a typed value (CONTRACT section 3).
type Kind uint8

const (
	// Text is kept as given after NFKC and trim; "" becomes NULL.
	Text Kind = iota
	// Money is a DECIMAL(18,2) amount, carried as int64 cents.
	Money
	// Count is a whole number (账户数, 期数, 月数 …), INTEGER.
	Count
	// Date is a calendar day; a year-month gets the first day of the month.
	Date
	// Month is a month field (首笔贷款发放月份, 缴至月份 …): the first day of the month.
	Month
	// Timestamp is a date with an optional time of day (reportTime).
	Timestamp
	// Percent is a percentage written as a number, DECIMAL(18,2): "12%" is 12.00.
	Percent
	// Year is a calendar year (进入本单位年份, repayment grid year), INTEGER.
	Year
	// MonthOfYear is a month number 1..12 (repayment grid monthValue), INTEGER.
	MonthOfYear
)

var kindNames = [...]string{"text", "money", "count", "date", "month", "timestamp", "percent", "year", "monthofyear"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ParseKind reads a kind name as written in struct tags.
func ParseKind(s string) (Kind, error) {
	if s == "" {
		return Text, nil
	}
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown kind %q", s)
}

// SQLType is the DuckDB column type of the kind.
func (k Kind) SQLType() string {
	switch k {
	case Money, Percent:
		return "DECIMAL(18,2)"
	case Count, Year, MonthOfYear:
		return "INTEGER"
	case Date, Month:
		return "DATE"
	case Timestamp:
		return "TIMESTAMP"
	default:
		return "VARCHAR"
	}
}

// Storage is the physical representation shared by every writer.
type Storage uint8

const (
	StorString  Storage = iota // Go string, Arrow utf8
	StorCents                  // int64 hundredths, Arrow decimal128(18,2)
	StorInt32                  // int32, Arrow int32
	StorDays                   // int32 days since 1970-01-01, Arrow date32
	StorMicros                 // int64 microseconds since 1970-01-01 (no zone), Arrow timestamp[us]
	StorInt64                  // int64, Arrow int64 (counters in the loads table)
	StorFloat64                // float64 (its bits in Value.I), Arrow float64: ratios of the features table
)

// StorageOfSQL is the storage of a DuckDB type the project writes.
func StorageOfSQL(typ string) (Storage, error) {
	for _, s := range []Storage{StorString, StorCents, StorInt32, StorDays, StorMicros, StorInt64, StorFloat64} {
		if s.SQLType() == typ {
			return s, nil
		}
	}
	return 0, fmt.Errorf("no storage for SQL type %q", typ)
}

// Storage returns how values of the kind are carried.
func (k Kind) Storage() Storage {
	switch k {
	case Money, Percent:
		return StorCents
	case Count, Year, MonthOfYear:
		return StorInt32
	case Date, Month:
		return StorDays
	case Timestamp:
		return StorMicros
	default:
		return StorString
	}
}

// MoneyType is the Arrow type of every money and percentage column.
var MoneyType = &arrow.Decimal128Type{Precision: 18, Scale: 2}

// ArrowType is the Arrow type of a storage class.
func (s Storage) ArrowType() arrow.DataType {
	switch s {
	case StorCents:
		return MoneyType
	case StorInt32:
		return arrow.PrimitiveTypes.Int32
	case StorDays:
		return arrow.FixedWidthTypes.Date32
	case StorMicros:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case StorInt64:
		return arrow.PrimitiveTypes.Int64
	case StorFloat64:
		return arrow.PrimitiveTypes.Float64
	default:
		return arrow.BinaryTypes.String
	}
}

// SQLType is the DuckDB type of a storage class.
func (s Storage) SQLType() string {
	switch s {
	case StorCents:
		return "DECIMAL(18,2)"
	case StorInt32:
		return "INTEGER"
	case StorDays:
		return "DATE"
	case StorMicros:
		return "TIMESTAMP"
	case StorInt64:
		return "BIGINT"
	case StorFloat64:
		return "DOUBLE"
	default:
		return "VARCHAR"
	}
}
