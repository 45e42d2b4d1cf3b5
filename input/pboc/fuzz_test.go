package pboc_test

import (
	"errors"
	"testing"

	"creditetl/input/pboc"
	"creditetl/schema"
	"creditetl/transform"
)

// FuzzDecode: any input either is refused as not a report or decodes into a
// model the flattener takes, without a panic.
//
//	go test ./input/pboc -run '^$' -fuzz FuzzDecode -fuzztime 60s
func FuzzDecode(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte(`{"PRH": {}, "PDA": {"PD01": [{"PD01A": {"PD01AD01": "R2"}, "PD01C": [], "PD01E": {"PD01EH": "x"}}]}}`))
	f.Add([]byte(`{"PRH": {"PA01": []}, "PCO": {"PC02": {"PC02K": {"PC02KH": [{"PC02KD01": "1"}]}}}, "POQ": {"PH01": {"PH010D01": 24}}}`))
	f.Add([]byte(`{"PRH": {}, "PND": {"PE01": [{"PE01A": {"PE01AQ02": "NN12/*", "PE01AR02": "2024-02"}}]}}`))
	fl := transform.NewFlattener("fuzz", nil)
	defer fl.Release()
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := pboc.Decode(data)
		if err != nil {
			if !errors.Is(err, schema.ErrNotReport) {
				t.Fatalf("error that is not a refusal: %v", err)
			}
			return
		}
		fl.Add(rep, transform.Source{Format: "interface", SHA256: "00"})
		for _, b := range fl.Flush() {
			b.Record.Release()
		}
	})
}
