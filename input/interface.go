package input

import "creditetl/input/pboc"

// Interface is the PBOC's official interface report (二代征信接口报文) as
// JSON: a tree of segment and field codes with a top-level PRH (报告头)
// segment. Its fields land in the same tables and columns as an OCR
// answer's (schema/interface_map.go; `creditetl schema` shows where).
const Interface = "interface"

func init() {
	Register(Format{
		Name:   Interface,
		Usage:  "a PBOC interface report (二代征信接口报文 as JSON, top-level PRH segment)",
		Key:    "PRH",
		Decode: pboc.Decode,
	})
}
