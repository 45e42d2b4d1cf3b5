// Package pboc reads the PBOC's official interface report (二代征信接口报文
// as JSON: segment and field codes such as PRH, PDA.PD01[], PD01AD01) into
// the project's model, *schema.Report, so that every later stage (typing,
// keys, grids, rejects, unknown fields, features) works on it unchanged.
//
// The translation is driven by the mapping tables of the schema package
// (schema/interface_map.go: interface field → table.column, code list), which
// `creditetl schema` prints; codes become the Chinese text the printed report
// shows (schema/codes.go). An unknown code is kept as is and recorded as a
// problem (a rejects row); a key the mapping does not know is kept in
// unknown_fields. The official institution type code sets the row's
// institution_type (schema.Meta.InstitutionType).
//
// pboc imports schema only. input registers it (input/interface.go), with
// its detection (a top-level PRH segment, input.HasTopLevelKey), which lives
// there because pboc must not import input.
package pboc
