package featuresql

import (
	"regexp"
	"strings"
	"testing"
)

func TestDictionary(t *testing.T) {
	if len(groups) != len(groupFiles) {
		t.Fatalf("%d groups, want %d", len(groups), len(groupFiles))
	}
	// The features CONTRACT section 5 names, literally.
	contract := strings.Fields(`q_loan_1m q_loan_3m q_loan_6m q_loan_12m q_loan_24m q_card_1m q_card_3m q_card_6m
		q_card_12m q_card_24m q_loan_org_1m q_loan_org_3m q_loan_org_6m q_loan_org_12m q_loan_org_24m
		q_card_org_1m q_card_org_3m q_card_org_6m q_card_org_12m q_card_org_24m q_guarantee_24m q_self_1m
		q_self_12m q_hard_3m q_hard_6m q_hard_12m q_hard_7d q_hard_15d q_hard_30d q_hard_max_7d_12m
		days_since_last_hard_query q_nb_loan_1m q_nb_loan_3m q_nb_loan_6m q_nb_loan_12m q_nb_loan_org_1m
		q_nb_loan_org_3m q_nb_loan_org_6m q_nb_loan_org_12m q_loan_unmatched_org_3m q_loan_unmatched_org_6m
		od_cells_1m od_cells_3m od_cells_6m od_cells_12m od_cells_24m od_cells_60m od_m2p_cells_24m od_m3p_cells_24m
		od_max_1m od_max_3m od_max_6m od_max_12m od_max_24m od_max_60m od_accounts_24m od_orgs_6m od_orgs_12m
		od_worst_account_cells_12m od_worst_account_cells_24m od_max_consec_24m bad_cells_60m dz_cells_60m
		severe_accounts_12m severe_accounts_24m severe_accounts_60m od_nb_cells_12m od_nb_cells_24m
		clean_seasoned_accounts
		cur_overdue_amount cur_overdue_accounts cur_overdue_3p_accounts overdue_principal_31_60
		overdue_principal_61_90 overdue_principal_91_180 overdue_principal_180p open_loans open_loan_balance
		open_nb_loans open_nb_loan_balance open_mortgage_loans open_auto_loans open_business_loans
		open_consumer_loans open_mortgage_balance open_auto_balance open_business_balance open_consumer_balance
		has_mortgage open_unsecured_loan_balance unsecured_share small_loans_open small_loans_new_3m
		small_loans_new_6m nb_loans_new_3m nb_loans_new_6m card_limit_total card_used_total card_utilization
		card_avg6m_utilization open_cards inactive_cards card_util_ge_80_cards card_util_ge_100_cards
		large_installment_used oldest_account_months new_loans_6m new_loans_12m new_cards_6m new_cards_12m
		bad_debt_accounts abnormal_status_accounts five_class_bad_accounts monthly_debt_service
		loans_due_3m_balance recovery_accounts recovery_balance special_compensation_24m special_compensation_60m
		special_asset_repay_24m special_asset_repay_60m special_extension_24m special_extension_60m
		special_early_repay_24m special_early_repay_60m guarantee_balance guarantee_bad_accounts
		negative_public_records enforcements_24m phones_6m phones_12m residences_12m
		recon_q_loan_1m recon_q_card_1m recon_q_loan_org_1m recon_q_card_org_1m recon_card_limit`)
	have := map[string]Feature{}
	for _, f := range Dictionary() {
		have[f.Name] = f
		if f.ZH == "" || f.Definition == "" || len(f.Tables) == 0 || f.Group == "" {
			t.Errorf("%s: incomplete %+v", f.Name, f)
		}
		if strings.ContainsAny(f.Name+f.ZH+f.Definition, "{}") {
			t.Errorf("%s: placeholder left: %q %q", f.Name, f.ZH, f.Definition)
		}
	}
	for _, name := range contract {
		if _, ok := have[name]; !ok {
			t.Errorf("contract feature %s is missing", name)
		}
	}
	// Contract types: counts are 0 when empty, maxima and ratios NULL.
	for name, none := range map[string]string{"q_loan_1m": "0", "od_max_24m": "NULL", "card_utilization": "NULL",
		"cur_overdue_amount": "0", "days_since_last_hard_query": "NULL", "recon_q_loan_1m": "NULL", "od_max_consec_24m": "0",
		"unsecured_share": "NULL", "card_avg6m_utilization": "NULL", "od_worst_account_cells_12m": "NULL",
		"monthly_debt_service": "0", "recon_card_limit": "NULL", "q_hard_max_7d_12m": "0"} {
		if have[name].None != none {
			t.Errorf("%s: none %s, want %s", name, have[name].None, none)
		}
	}
	if !have["q_loan_1m"].PointInTime() || have["open_loans"].PointInTime() {
		t.Error("PointInTime: q_loan_1m reads reports, open_loans does not")
	}
	// Every group's SQL names every one of its features as a column alias.
	for _, g := range groups {
		for _, f := range g.Features {
			if !regexp.MustCompile(`\bAS ` + f.Name + `\b|\bg\.` + f.Name + `\b|\bmm\.` + f.Name + `\b`).MatchString(g.SQL) {
				t.Errorf("%s: %s is not a column of its query", g.File, f.Name)
			}
		}
	}
	if !strings.Contains(Macros(), "CREATE OR REPLACE TEMP MACRO in_window") {
		t.Error("macros.sql does not define in_window")
	}
}

func TestExpand(t *testing.T) {
	g, err := parse("x.sql", []byte(`-- group: x
-- title: X | 某
-- about: first line
--   second line
--
--   new paragraph
--
-- feature: a_{T}_{N}m for T in d1, r2; N in 1, 3
--   zh: 近{N}个月{T_zh}
--   type: BIGINT
--   none: 0
--   tables: accounts, reports
--   def: {T_up} accounts, R3: in W_{N}.
--   More text.

SELECT 1
`))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range g.Features {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "a_d1_1m a_d1_3m a_r2_1m a_r2_3m" {
		t.Errorf("expansion order %v", names)
	}
	f := g.Features[2]
	if f.ZH != "近1个月贷记卡账户" || f.Definition != "R2 accounts, R3: in W_1. More text." || f.Group != "x" {
		t.Errorf("feature %+v", f)
	}
	if g.Title != "X" || g.TitleZH != "某" || g.About != "first line second line\n\nnew paragraph" {
		t.Errorf("group %q %q %q", g.Title, g.TitleZH, g.About)
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "-- group: x\n-- feature: f\n--   zh: 中\n--   type: BIGINT\n--   none: 0\n--   tables: t\n--   def: d\n"
	if _, err := parse("ok.sql", []byte(ok)); err != nil {
		t.Fatalf("valid header: %v", err)
	}
	for name, text := range map[string]string{
		"no group":        strings.Replace(ok, "-- group: x\n", "", 1),
		"no zh":           strings.Replace(ok, "--   zh: 中\n", "", 1),
		"bad type":        strings.Replace(ok, "BIGINT", "HUGEINT", 1),
		"bad none":        strings.Replace(ok, "none: 0", "none: -1", 1),
		"key twice":       strings.Replace(ok, "--   def: d\n", "--   def: d\n--   def: e\n", 1),
		"placeholder":     strings.Replace(ok, "feature: f", "feature: f_{N}", 1),
		"zh unknown":      strings.Replace(strings.Replace(ok, "feature: f", "feature: f_{T} for T in zz", 1), "zh: 中", "zh: {T_zh}", 1),
		"not snake":       strings.Replace(ok, "feature: f", "feature: F-x", 1),
		"text before key": "-- hello\n" + ok,
		"bad for":         strings.Replace(ok, "feature: f", "feature: f_{N} for N = 1", 1),
	} {
		if _, err := parse("bad.sql", []byte(text)); err == nil || !strings.Contains(err.Error(), "bad.sql") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}
