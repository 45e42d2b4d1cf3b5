// Package transform turns one decoded report into typed rows of every table
// (CONTRACT sections 3 and 4): it parses values (money as exact cents, dates,
// months, counts …), derives the deterministic keys, sorts repayment grids,
// and records every value it cannot parse as a rejects row and every unknown
// key as an unknown_fields row. Rows accumulate in per-table Arrow batches
// that every writer consumes.
//
// transform imports schema only; it must not import extract or load.
package transform
