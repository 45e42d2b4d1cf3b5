// Package rules holds the project's architecture rules as a test: which
// package may import which (see rules_test.go). It has no code of its own.
package rules
