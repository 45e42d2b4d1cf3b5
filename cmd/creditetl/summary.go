package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"creditetl/extract"
	"creditetl/features"
	"creditetl/internal/pipeline"
)

// report is the --json summary of load, extract, run and features: one
// object on stdout, whatever the outcome (README, "The --json summary").
type report struct {
	Command     string          `json:"command"`
	Status      string          `json:"status"` // ok, partial, failed, interrupted
	ExitCode    int             `json:"exit_code"`
	Error       string          `json:"error,omitempty"`
	ToolVersion string          `json:"tool_version"`
	Seconds     float64         `json:"seconds"`
	Extract     *extractReport  `json:"extract,omitempty"`
	Load        *loadReport     `json:"load,omitempty"`
	Features    *featuresReport `json:"features,omitempty"`
}

func (r *report) finish(ctx context.Context, err error, took time.Duration) {
	r.ExitCode = exitStatus(ctx, err)
	switch {
	case r.ExitCode == 0:
		r.Status = "ok"
	case r.ExitCode == 2:
		r.Status = "partial"
	case r.ExitCode >= 128:
		r.Status = "interrupted"
	default:
		r.Status = "failed"
	}
	if err != nil {
		r.Error = err.Error()
	}
	r.Seconds = seconds(took)
}

func seconds(d time.Duration) float64 {
	return float64(d.Round(time.Millisecond)) / float64(time.Second)
}

// failure is an input without a result, and why.
type failure struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason"`
}

type loadReport struct {
	LoadID    string `json:"load_id"`
	Output    string `json:"output"`
	Format    string `json:"format"`
	Committed bool   `json:"committed"`
	// StartedAt and FinishedAt are UTC; FinishedAt is null when nothing
	// was committed.
	StartedAt       time.Time        `json:"started_at"`
	FinishedAt      *time.Time       `json:"finished_at"`
	Seconds         float64          `json:"seconds"`
	Reports         int64            `json:"reports"`
	Replaced        int64            `json:"replaced"`
	Duplicates      int64            `json:"duplicates"`
	Bytes           int64            `json:"bytes"`
	Rows            map[string]int64 `json:"rows"`
	Rejects         int64            `json:"rejects"`
	UnknownFields   int64            `json:"unknown_fields"`
	FeatureRows     int64            `json:"feature_rows"`
	FeaturesRebuilt bool             `json:"features_rebuilt"`
	Failures        []failure        `json:"failures"`
	Warnings        []string         `json:"warnings"`
	// Stores are the input folders read as extract stores.
	Stores []string `json:"stores"`
}

func newLoadReport(s *pipeline.Summary) *loadReport {
	if s == nil {
		return nil
	}
	r := &loadReport{LoadID: s.LoadID, Output: s.Output, Format: s.Format, StartedAt: s.Started.UTC(),
		Reports: s.Reports, Replaced: s.Replaced, Duplicates: s.Duplicates, Bytes: s.Bytes, Rows: s.Rows,
		Rejects: s.Rejects, UnknownFields: s.Unknown, FeatureRows: s.FeatureRows, FeaturesRebuilt: s.FeaturesRebuilt,
		Failures: []failure{}, Warnings: []string{}}
	if r.Rows == nil {
		r.Rows = map[string]int64{}
	}
	if !s.Finished.IsZero() {
		t := s.Finished.UTC()
		r.Committed, r.FinishedAt, r.Seconds = true, &t, seconds(s.Finished.Sub(s.Started))
	}
	for _, f := range s.Failures {
		r.Failures = append(r.Failures, failure{File: f.File, Line: f.Line, Reason: f.Reason})
	}
	r.Warnings = append(r.Warnings, s.Warnings...)
	r.Stores = append([]string{}, s.Stores...)
	return r
}

type extractReport struct {
	Store          string         `json:"store"`
	DryRun         bool           `json:"dry_run"`
	StartedAt      time.Time      `json:"started_at"`
	Seconds        float64        `json:"seconds"`
	Files          int            `json:"files"`
	Distinct       int            `json:"distinct"`
	Sent           int            `json:"sent"`
	Stored         int            `json:"stored"`
	AlreadyStored  int            `json:"already_stored"`
	Failed         int            `json:"failed"`
	Skipped        int            `json:"skipped"`
	Duplicates     int            `json:"duplicates"`
	NotSent        int            `json:"not_sent"`
	Calls          int64          `json:"calls"`
	Paid           int64          `json:"paid"`
	Retries        int64          `json:"retries"`
	Slowdowns      int64          `json:"slowdowns"`
	WouldSend      int            `json:"would_send,omitempty"`
	WouldSendBytes int64          `json:"would_send_bytes,omitempty"`
	FailedBy       map[string]int `json:"failed_by"`
	// Incomplete lists every file without an answer: failed, skipped or
	// not sent, with the reason.
	Incomplete []extractFailure `json:"incomplete"`
}

type extractFailure struct {
	File    string `json:"file"`
	Outcome string `json:"outcome"` // failed, skipped, not_sent
	Reason  string `json:"reason"`
}

func newExtractReport(s *extract.Summary, dryRun bool) *extractReport {
	if s == nil {
		return nil
	}
	r := &extractReport{Store: s.Store, DryRun: dryRun, StartedAt: s.Started.UTC(), Seconds: seconds(s.Elapsed),
		Files: s.Files, Distinct: s.Distinct, Sent: s.Sent, Stored: s.Stored, AlreadyStored: s.Cached, Failed: s.Failed,
		Skipped: s.Skipped, Duplicates: s.Duplicates, NotSent: s.NotSent, Calls: s.Calls, Paid: s.Paid, Retries: s.Retries,
		Slowdowns: s.Slowdowns, WouldSend: s.WouldSend, WouldSendBytes: s.WouldSendBytes, FailedBy: s.FailedBy,
		Incomplete: []extractFailure{}}
	if r.FailedBy == nil {
		r.FailedBy = map[string]int{}
	}
	if dryRun {
		return r
	}
	for _, oc := range s.Outcomes {
		switch oc.Outcome {
		case extract.OutcomeFailed, extract.OutcomeSkipped:
			r.Incomplete = append(r.Incomplete, extractFailure{File: oc.File, Outcome: oc.Outcome, Reason: oc.Reason})
		case "":
			r.Incomplete = append(r.Incomplete, extractFailure{File: oc.File, Outcome: "not_sent", Reason: oc.Reason})
		}
	}
	return r
}

type featuresReport struct {
	Target   string  `json:"target"`
	Reports  int64   `json:"reports"`
	Features int     `json:"features"`
	Export   string  `json:"export,omitempty"`
	Seconds  float64 `json:"seconds"`
}

// printLoadSummary is the human summary of a load.
func printLoadSummary(w io.Writer, s *pipeline.Summary) {
	if s.Finished.IsZero() {
		fmt.Fprintf(w, "load %s: nothing written to %s\n", s.LoadID, s.Output)
	} else {
		el := s.Finished.Sub(s.Started).Seconds()
		fmt.Fprintf(w, "loaded %d reports into %s (%s) in %.1fs", s.Reports, s.Output, s.Format, el)
		if s.Replaced > 0 {
			fmt.Fprintf(w, ", %d replaced earlier loads", s.Replaced)
		}
		if s.Duplicates > 0 {
			fmt.Fprintf(w, ", %d duplicate answers skipped", s.Duplicates)
		}
		fmt.Fprintf(w, "\n  rejects %d, unknown fields %d, failed inputs %d, feature rows %d, load_id %s\n", s.Rejects, s.Unknown, len(s.Failures), s.FeatureRows, s.LoadID)
		if s.FeaturesRebuilt {
			fmt.Fprintf(w, "  table features was rebuilt for every report of %s\n", s.Output)
		}
		names := make([]string, 0, len(s.Rows))
		for n := range s.Rows {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s %d", n, s.Rows[n]))
		}
		fmt.Fprintf(w, "  rows: %s\n", strings.Join(parts, ", "))
	}
	for _, d := range s.Stores {
		fmt.Fprintf(w, "  read as an extract store: %s\n", d)
	}
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
	for _, m := range s.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", m)
	}
}

// maxListed bounds the failed and skipped files listed in a summary.
const maxListed = 20

// printExtractSummary is the human summary of an extract.
func printExtractSummary(w io.Writer, s *extract.Summary) {
	fmt.Fprintf(w, "extract: %d files, %d distinct: %d sent, %d stored, %d already stored, %d failed, %d skipped",
		s.Files, s.Distinct, s.Sent, s.Stored, s.Cached, s.Failed, s.Skipped)
	if s.Duplicates > 0 {
		fmt.Fprintf(w, ", %d duplicates", s.Duplicates)
	}
	if s.NotSent > 0 {
		fmt.Fprintf(w, ", %d not sent", s.NotSent)
	}
	fmt.Fprintf(w, "\n  calls %d (paid %d), retries %d", s.Calls, s.Paid, s.Retries)
	if s.Slowdowns > 0 {
		fmt.Fprintf(w, ", slowed down %d times on RATE_LIMIT_EXCEEDED", s.Slowdowns)
	}
	fmt.Fprintf(w, ", elapsed %s, store %s\n", s.Elapsed.Round(10*time.Millisecond), s.Store)
	if len(s.FailedBy) > 0 {
		kinds := make([]string, 0, len(s.FailedBy))
		for k := range s.FailedBy {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		parts := make([]string, len(kinds))
		for i, k := range kinds {
			parts[i] = fmt.Sprintf("%s %d", k, s.FailedBy[k])
		}
		fmt.Fprintf(w, "  failed by reason: %s\n", strings.Join(parts, ", "))
	}
	listed := 0
	for _, oc := range s.Outcomes {
		var what string
		switch oc.Outcome {
		case extract.OutcomeFailed:
			what = "failed"
		case extract.OutcomeSkipped:
			what = "skipped"
		case "":
			what = "not sent"
		default:
			continue
		}
		if listed == maxListed {
			fmt.Fprintf(w, "  … %d more: see %s/%s\n", s.Incomplete()-listed, s.Store, extract.ManifestFile)
			break
		}
		listed++
		fmt.Fprintf(w, "  %s: %s: %s\n", what, oc.File, oc.Reason)
	}
}

// printFeatures is the human summary of a features run.
func printFeatures(w io.Writer, res *features.Result, took time.Duration) {
	fmt.Fprintf(w, "features: %d features for %d reports written to %s in %.1fs\n", res.Features, res.Reports, res.Target, took.Seconds())
	if res.Export != "" {
		fmt.Fprintf(w, "  exported to %s\n", res.Export)
	}
}
