package schema

import (
	"slices"
	"strings"
)

// columnLabels gives each column fed by several source paths under
// different labels one label that is right for every row. When the label
// follows the account type (each type feeds the column under one label),
// the label most types use comes first and the others follow with their
// types: accounts.open_date is 开立日期 for loans and cards and 债权接收日期
// for recovery accounts (C1), so "开立日期（C1：债权接收日期）". Otherwise
// (the label follows the list or state the value came from) the labels are
// joined: "余额/透支余额". Labels that differ only by the seed's 账号 for
// 账户 are one label. The description of such a column, which was the
// first source's, becomes each label's with the types that use it. Leaves
// keep their own labels: the dictionary lists every path with the label of
// its field.
func columnLabels(root *Node, source map[string][]Column) {
	type use struct{ label, accountType, description string }
	uses := map[string][]use{} // table.column → labels in tree order
	var walk func(n *Node, accountType string)
	walk = func(n *Node, accountType string) {
		for _, kv := range n.Consts {
			if kv[0] == "account_type" {
				accountType = kv[1]
			}
		}
		// A sibling path (a part the seed shows on another account type only)
		// says nothing of its own type's label.
		if _, sibling := SiblingOf(n.Path); n.Shape == ShapeScalar && !n.Interface && n.Label != "" && !sibling {
			k := n.Table + "." + n.Column
			uses[k] = append(uses[k], use{n.Label, accountType, n.Description})
		}
		for _, c := range n.Children {
			walk(c, accountType)
		}
	}
	walk(root, "")
	for table, cols := range source {
		for i := range cols {
			u := uses[table+"."+cols[i].Name]
			var labels, types []string
			for _, x := range u {
				labels = append(labels, x.label)
				types = append(types, x.accountType)
			}
			l := mergeLabels(labels, types)
			if l == "" || l == cols[i].Label {
				continue
			}
			cols[i].Label = l
			// One description per label, with the types that use it.
			var parts []string
			seen := map[string]bool{}
			for _, x := range u {
				d := x.description
				if d == "" {
					d = x.label
				}
				if seen[d] {
					continue
				}
				seen[d] = true
				var ts []string
				for _, y := range u {
					yd := y.description
					if yd == "" {
						yd = y.label
					}
					if yd == d && y.accountType != "" && !slices.Contains(ts, y.accountType) {
						ts = append(ts, y.accountType)
					}
				}
				if len(ts) > 0 {
					d = strings.Join(ts, "、") + "：" + d
				}
				parts = append(parts, d)
			}
			cols[i].Comment = strings.Join(parts, "；")
		}
	}
}

// mergeLabels makes one label of the labels of a column's sources (with
// the account type of each source, "" outside accounts); "" when there is
// nothing to merge.
func mergeLabels(labels, types []string) string {
	if len(labels) == 0 {
		return ""
	}
	// 账号关闭日期 and 账户关闭日期 are one label, 账户关闭日期 (账号 is a
	// slip of the seed there); a label alone keeps its own words.
	norm := func(l string) string { return strings.ReplaceAll(l, "账号", "账户") }
	one := func(l string) string {
		for _, o := range labels {
			if o != l && norm(o) == norm(l) {
				return norm(l)
			}
		}
		return l
	}
	var distinct []string
	for _, l := range labels {
		if c := one(l); !slices.Contains(distinct, c) {
			distinct = append(distinct, c)
		}
	}
	if len(distinct) == 1 {
		return distinct[0]
	}
	// By account type: every source has a type, and each type one label.
	byType := map[string]string{}
	typesOf := map[string][]string{}
	byAccount := true
	for i, l := range labels {
		c, t := one(l), types[i]
		if t == "" || byType[t] != "" && byType[t] != c {
			byAccount = false
			break
		}
		if byType[t] == "" {
			byType[t] = c
			typesOf[c] = append(typesOf[c], t)
		}
	}
	if !byAccount {
		return strings.Join(distinct, "/")
	}
	general := distinct[0]
	for _, l := range distinct {
		if len(typesOf[l]) > len(typesOf[general]) {
			general = l
		}
	}
	var others []string
	for _, l := range distinct {
		if l != general {
			others = append(others, strings.Join(typesOf[l], "、")+"："+l)
		}
	}
	return general + "（" + strings.Join(others, "；") + "）"
}
