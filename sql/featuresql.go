package featuresql

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

//go:embed *.sql
var files embed.FS

// groupFiles are the feature groups in the order their columns appear in
// table features. reconciliation.sql comes last: it reads the results of the
// groups before it.
var groupFiles = []string{"queries.sql", "repayments.sql", "accounts.sql", "public.sql", "reconciliation.sql"}

// macrosFile defines the DuckDB macros every group uses (windows, overdue
// level, open account); it runs before the groups.
const macrosFile = "macros.sql"

// Types a feature may have: the DuckDB type of its column in table features.
var featureTypes = []string{"BIGINT", "INTEGER", "DOUBLE", "DECIMAL(18,2)"}

// Feature is one column of table features, as its SQL file's header defines it.
type Feature struct {
	Name string `json:"name"`
	// ZH is the Chinese name.
	ZH string `json:"zh"`
	// Type is the DuckDB type of the column.
	Type string `json:"type"`
	// None is the value when nothing qualifies: "0" (counts and sums) or
	// "NULL" (maxima, ratios, day and month distances, reconciliations whose
	// summary is missing).
	None string `json:"none"`
	// Tables are the tables the feature reads; reports means it is relative
	// to the report date R.
	Tables []string `json:"tables"`
	// Definition is the exact definition, in English.
	Definition string `json:"definition"`
	// Group is the name of the SQL file's group.
	Group string `json:"group"`
}

// PointInTime tells whether the feature depends on the report date R (it
// reads reports.report_date). Such a feature is NULL for a report whose
// report_date is NULL.
func (f Feature) PointInTime() bool { return slices.Contains(f.Tables, "reports") }

// Group is one SQL file: a query with one row per report of table reports,
// report_id first, then its features in the order of the dictionary.
type Group struct {
	Name    string // queries, repayments, accounts, public, reconciliation
	File    string // the file under sql/
	Title   string
	TitleZH string
	About   string
	// SQL is the whole file, header included.
	SQL      string
	Features []Feature
}

// TempTable is the temporary table the runner stores the group's result in;
// later groups may read it under this name.
func (g *Group) TempTable() string { return "f_" + g.Name }

var (
	groups     []Group
	dictionary []Feature
	macros     Group
)

func init() {
	var err error
	if macros, err = parseFile(macrosFile); err != nil {
		panic(err)
	}
	if len(macros.Features) > 0 {
		panic("featuresql: " + macrosFile + " declares features")
	}
	seen := map[string]string{"report_id": "key", "report_date": "key"}
	for _, name := range groupFiles {
		g, err := parseFile(name)
		if err != nil {
			panic(err)
		}
		if len(g.Features) == 0 {
			panic("featuresql: " + name + " declares no feature")
		}
		for _, f := range g.Features {
			if other, dup := seen[f.Name]; dup {
				panic(fmt.Sprintf("featuresql: %s: feature %s already declared by %s", name, f.Name, other))
			}
			seen[f.Name] = name
		}
		groups = append(groups, g)
		dictionary = append(dictionary, g.Features...)
	}
}

// Groups are the feature groups, in the order their columns appear in table
// features.
func Groups() []Group { return groups }

// Dictionary is every feature, in column order.
func Dictionary() []Feature { return dictionary }

// Macros returns the SQL that defines the shared macros (CREATE OR REPLACE
// TEMP MACRO …), to run once per connection before the groups.
func Macros() string { return macros.SQL }

// Definitions are the general rules of the features (windows, NULL vs 0), as
// written in the header of macros.sql.
func Definitions() (title, titleZH, about string) {
	return macros.Title, macros.TitleZH, macros.About
}

// KeyColumns are the columns of table features before the features.
var KeyColumns = []Feature{
	{Name: "report_id", ZH: "报告标识", Type: "VARCHAR", None: "", Tables: []string{"reports"}, Group: "key",
		Definition: "reports.report_id: the report the row describes."},
	{Name: "report_date", ZH: "报告日期", Type: "DATE", None: "", Tables: []string{"reports"}, Group: "key",
		Definition: "reports.report_date (the date of report_time): the point in time R of every feature."},
}

var (
	keyLine  = regexp.MustCompile(`^\s*([a-z]+):\s?(.*)$`)
	knownKey = map[string]bool{"group": true, "title": true, "about": true, "feature": true, "zh": true, "type": true, "none": true, "tables": true, "def": true}
	nameRE   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// placeholder is {X}, {X_up} or {X_zh} with X a variable of a for clause.
	placeholder = regexp.MustCompile(`\{[A-Z][A-Za-z0-9]*(_zh|_up)?\}`)
)

// parseFile reads a file's header: the comment lines at its top, up to the
// first blank line. A header line is "-- key: value" (keys group, title,
// about, then per feature: feature, zh, type, none, tables, def), or more text
// for the key before it; a line "--" alone starts a new paragraph.
func parseFile(name string) (Group, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return Group{}, fmt.Errorf("featuresql: %w", err)
	}
	return parse(name, b)
}

func parse(name string, b []byte) (Group, error) {
	g := Group{File: name, SQL: string(b)}
	fail := func(line int, format string, a ...any) (Group, error) {
		return Group{}, fmt.Errorf("featuresql: %s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	type raw struct {
		line int
		kv   map[string]string
	}
	var (
		head  = map[string]string{}
		feats []*raw
		cur   = head
		last  string
		para  bool
	)
	for i, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "--") {
			break // the header ends at the first blank or SQL line
		}
		body := strings.TrimPrefix(t, "--")
		if strings.TrimSpace(body) == "" {
			para = true
			continue
		}
		if m := keyLine.FindStringSubmatch(body); m != nil && knownKey[m[1]] {
			k, v := m[1], strings.TrimSpace(m[2])
			if k == "feature" {
				feats = append(feats, &raw{line: i + 1, kv: map[string]string{}})
				cur = feats[len(feats)-1].kv
			}
			if _, dup := cur[k]; dup {
				return fail(i+1, "key %s given twice", k)
			}
			cur[k], last, para = v, k, false
			continue
		}
		if last == "" {
			return fail(i+1, "text before any key: %q", t)
		}
		sep := " "
		if para {
			sep = "\n\n"
		}
		cur[last] = strings.TrimSpace(cur[last] + sep + strings.TrimSpace(body))
		para = false
	}
	g.Name = head["group"]
	if g.Name == "" {
		return fail(1, "no group: line")
	}
	g.Title, g.TitleZH, _ = strings.Cut(head["title"], "|")
	g.Title, g.TitleZH = strings.TrimSpace(g.Title), strings.TrimSpace(g.TitleZH)
	g.About = head["about"]
	for _, r := range feats {
		fs, err := expand(r.kv, g.Name)
		if err != nil {
			return fail(r.line, "%v", err)
		}
		g.Features = append(g.Features, fs...)
	}
	return g, nil
}

// expand turns one feature block into its features: a block whose name has
// placeholders ("q_loan_{N}m for N in 1, 3") declares one feature per value,
// the product of several variables ("for T in d1, r2; N in 24, 60") in the
// order given, the first variable outermost.
func expand(kv map[string]string, group string) ([]Feature, error) {
	for _, k := range []string{"zh", "type", "none", "tables", "def"} {
		if kv[k] == "" {
			return nil, fmt.Errorf("feature %s: no %s:", kv["feature"], k)
		}
	}
	if !slices.Contains(featureTypes, kv["type"]) {
		return nil, fmt.Errorf("feature %s: type %s is not one of %v", kv["feature"], kv["type"], featureTypes)
	}
	if kv["none"] != "0" && kv["none"] != "NULL" {
		return nil, fmt.Errorf("feature %s: none: must be 0 or NULL", kv["feature"])
	}
	var tables []string
	for _, t := range strings.Split(kv["tables"], ",") {
		tables = append(tables, strings.TrimSpace(t))
	}
	name, loops, _ := strings.Cut(kv["feature"], " for ")
	name = strings.TrimSpace(name)
	type variable struct {
		name   string
		values []string
	}
	var vars []variable
	if loops != "" {
		for _, l := range strings.Split(loops, ";") {
			v, vals, ok := strings.Cut(strings.TrimSpace(l), " in ")
			if !ok {
				return nil, fmt.Errorf("feature %s: want \"for X in a, b\", got %q", name, l)
			}
			va := variable{name: strings.TrimSpace(v)}
			for _, x := range strings.Split(vals, ",") {
				va.values = append(va.values, strings.TrimSpace(x))
			}
			vars = append(vars, va)
		}
	}
	combos := [][][2]string{nil}
	for _, v := range vars {
		var next [][][2]string
		for _, c := range combos {
			for _, x := range v.values {
				next = append(next, append(slices.Clone(c), [2]string{v.name, x}))
			}
		}
		combos = next
	}
	var out []Feature
	for _, c := range combos {
		subst := func(s string) (string, error) {
			for _, b := range c {
				zh, ok := zhNames[b[1]]
				if strings.Contains(s, "{"+b[0]+"_zh}") && !ok {
					return "", fmt.Errorf("no Chinese name for %q", b[1])
				}
				s = strings.NewReplacer("{"+b[0]+"}", b[1], "{"+b[0]+"_up}", strings.ToUpper(b[1]), "{"+b[0]+"_zh}", zh).Replace(s)
			}
			if placeholder.MatchString(s) {
				return "", fmt.Errorf("unresolved placeholder in %q", s)
			}
			return s, nil
		}
		f := Feature{Type: kv["type"], None: kv["none"], Tables: tables, Group: group}
		var err error
		if f.Name, err = subst(name); err != nil {
			return nil, err
		}
		if !nameRE.MatchString(f.Name) {
			return nil, fmt.Errorf("feature name %q is not snake_case", f.Name)
		}
		if f.ZH, err = subst(kv["zh"]); err != nil {
			return nil, err
		}
		if f.Definition, err = subst(kv["def"]); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// zhNames are the Chinese names of the values placeholders take.
var zhNames = map[string]string{
	"c1": "被追偿账户", "d1": "非循环贷账户", "r4": "循环额度下分账户", "r1": "循环贷账户", "r2": "贷记卡账户", "r3": "准贷记卡账户",
	"person": "个人借款", "company": "企业借款",
	"tax": "欠税", "judgment": "民事判决", "enforcement": "强制执行", "penalty": "行政处罚",
	"mortgage": "住房贷款", "auto": "汽车贷款", "business": "经营性贷款", "consumer": "消费贷款",
}
