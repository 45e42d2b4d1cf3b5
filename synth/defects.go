package synth

import (
	"bytes"
	"fmt"

	"creditetl/schema"
)

// Defect is one deliberately bad value that WithDefects put in a report.
type Defect struct {
	// Path is the value's place, keys joined by "." (CONTRACT section 2).
	Path string
	// Raw is the value as written (JSON text for a non-string).
	Raw string
	// Problem says what is wrong with it.
	Problem string
}

// Problems of the defects WithDefects injects.
const (
	ProblemBadDate    = "not a valid calendar date"
	ProblemNotAmount  = "not an amount"
	ProblemUnknownKey = "unknown key"
	ProblemNotList    = "scalar where a list belongs"
)

// WithDefects returns r as JSON in Marshal's format, with deliberate
// defects for tests of rejects (the generator never makes them otherwise):
// an impossible date (birthday "YYYY.13.40"), an amount that is not a number
// (badDebtsSummary.surplusAmount "12a3"), a key the contract does not know
// (top-level "ocrConfidence") and a scalar where a list belongs
// (personBasicInfo.livedInfos as a string). r itself is not modified.
func WithDefects(r *schema.Report) ([]byte, []Defect, error) {
	c := *r
	y := 1985
	if v := c.PersonBasicInfo.PersonInfo.Birthday.Value.Raw; len(v) >= 4 {
		fmt.Sscanf(schema.Normalize(v)[:4], "%d", &y)
	}
	badDate := fmt.Sprintf("%04d.13.40", y)
	c.PersonBasicInfo.PersonInfo.Birthday.Value = schema.Str(badDate)
	c.InfoSummary.CreditTransBreachInfoSummary.BadDebtsSummary.SurplusAmount = schema.Str("12a3")
	const notList = "详见附页"
	c.PersonBasicInfo.LivedInfos = []schema.Residence{{Address: schema.Str("placeholder")}}
	b, err := Marshal(&c)
	if err != nil {
		return nil, nil, err
	}
	// Replace the livedInfos list by a string: the list opens on a line of its
	// own at depth 2 and closes at the first line "    ]" after it.
	open := []byte("\n    \"livedInfos\": [\n")
	i := bytes.Index(b, open)
	if i < 0 {
		return nil, nil, fmt.Errorf("synth: livedInfos not found")
	}
	j := bytes.Index(b[i+len(open):], []byte("\n    ]"))
	if j < 0 {
		return nil, nil, fmt.Errorf("synth: end of livedInfos not found")
	}
	end := i + len(open) + j + len("\n    ]")
	b = append(b[:i:i], append([]byte("\n    \"livedInfos\": \""+notList+"\""), b[end:]...)...)
	// An unknown key, first in the top-level object.
	const unknown = `"ocrConfidence": 0.93`
	b = append([]byte("{\n  "+unknown+","), b[1:]...)
	return b, []Defect{
		{Path: "personBasicInfo.personInfo.birthday.value", Raw: badDate, Problem: ProblemBadDate},
		{Path: "infoSummary.creditTransBreachInfoSummary.badDebtsSummary.surplusAmount", Raw: "12a3", Problem: ProblemNotAmount},
		{Path: "ocrConfidence", Raw: "0.93", Problem: ProblemUnknownKey},
		{Path: "personBasicInfo.livedInfos", Raw: notList, Problem: ProblemNotList},
	}, nil
}
