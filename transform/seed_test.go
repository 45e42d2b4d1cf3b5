package transform

import (
	"fmt"
	"testing"

	"creditetl/schema"
)

func TestSeedDebug(t *testing.T) {
	rep, err := schema.Decode(schema.SeedExample())
	if err != nil {
		t.Fatal(err)
	}
	f := NewFlattener("L1", nil)
	st := f.Add(rep, Source{File: "seed.json", SHA256: "ABCDEF0123456789abcdef"})
	fmt.Printf("%+v\n", st)
	for _, b := range f.Flush() {
		fmt.Println(b.Table.Name, b.Record.NumRows())
		if b.Table.Name == "rejects" || b.Table.Name == "accounts" {
			for r := 0; r < int(b.Record.NumRows()) && r < 8; r++ {
				var parts []string
				for c := 0; c < int(b.Record.NumCols()); c++ {
					v := schema.ValueAt(b.Record.Column(c), r)
					if v.Valid {
						parts = append(parts, fmt.Sprintf("%s=%v/%d", b.Table.Columns[c].Name, v.S, v.I))
					}
				}
				fmt.Println("  ", parts)
			}
		}
	}
}
