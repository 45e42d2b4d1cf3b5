package schema

// personalColumns are the columns that identify a person: names, identity
// and account numbers, phone numbers, addresses, e-mail, employers, and the
// anti-fraud warning (its text carries a phone number). --pii hash replaces
// their values with a keyed pseudonym, --pii drop leaves them NULL. Dates
// (the birth date), amounts, institutions and codes are not personal here:
// they are what a model is built on.
var personalColumns = map[string][]string{
	"reports": {"name", "id_number", "postal_address", "registered_address", "email", "anti_fraud_warning", "anti_fraud_phone",
		"spouse_name", "spouse_id_number", "spouse_employer", "spouse_phone"},
	"other_ids":         {"id_number"},
	"phones":            {"phone"},
	"residences":        {"address", "home_phone"},
	"employments":       {"employer", "employer_address", "employer_phone"},
	"accounts":          {"account_number"},
	"guarantees":        {"contract_number", "primary_borrower", "primary_borrower_id_number"},
	"housing_fund":      {"employer"},
	"social_assistance": {"employer"},
}

// PersonalColumns lists the personal columns of every table, by table.
func PersonalColumns() map[string][]string {
	out := make(map[string][]string, len(personalColumns))
	for t, cols := range personalColumns {
		out[t] = append([]string(nil), cols...)
	}
	return out
}

// narrativeColumns are free text that may name the subject (a judgment's
// result, a statement, a note): under --pii hash or drop, the personal
// values of the same report found in them are replaced too.
var narrativeColumns = map[string][]string{
	"reports":               {"objection_info"},
	"civil_judgments":       {"cause", "result", "subject"},
	"enforcements":          {"cause", "applied_subject", "executed_subject"},
	"admin_penalties":       {"content", "review_result"},
	"admin_rewards":         {"content"},
	"declarations":          {"content"},
	"objections":            {"content"},
	"account_notes":         {"content"},
	"account_special_trans": {"detail"},
}
