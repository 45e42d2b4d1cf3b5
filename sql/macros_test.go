package featuresql_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"creditetl/schema"
	featuresql "creditetl/sql"
)

// The NB rule of macros.sql names institution types that schema derives
// (CONTRACT 5.1: NB is institution_type not NULL and not bank, housing_fund
// or other), so a renamed type cannot silently make every institution NB.
func TestNonBankMacroNamesSchemaTypes(t *testing.T) {
	m := regexp.MustCompile(`(?s)MACRO is_nb\(institution_type\) AS\s*coalesce\(institution_type NOT IN \(([^)]*)\)`).FindStringSubmatch(featuresql.Macros())
	if m == nil {
		t.Fatal("macros.sql has no is_nb macro of the expected shape")
	}
	var banks []string
	for _, q := range strings.Split(m[1], ",") {
		banks = append(banks, strings.Trim(strings.TrimSpace(q), "'"))
	}
	if want := []string{schema.InstBank, schema.InstHousingFund, schema.InstOther}; !slices.Equal(banks, want) {
		t.Errorf("is_nb excludes %v, want %v", banks, want)
	}
	for _, b := range banks {
		if !schema.IsInstitutionType(b) {
			t.Errorf("is_nb names %q, not an institution type of schema", b)
		}
	}
}
