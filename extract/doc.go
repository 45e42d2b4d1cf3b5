// Package extract is the paid stage: it sends each scanned credit report to
// the signed credit_reportV2 OCR API (CONTRACT section 6) and keeps every
// answer in a response store on disk before anything else happens with it.
//
// The client is one small interface, Client, wrapped in layers that each
// live in their own file and are assembled in newClient:
//
//	store(retry(rate(budget(http over the signing transport))))
//
// sign.go signs every attempt afresh, ratelimit.go paces calls and slows
// down on RATE_LIMIT_EXCEEDED, retry.go retries 5xx, timeouts and rate
// limits with exponential backoff and jitter, budget.go enforces
// --max-calls, store.go writes answers atomically and keeps the manifest.
// Run (extract.go) finds and checks the inputs, skips what the store
// already holds, and drives the calls with bounded concurrency.
//
// Secrets never leave Credentials: they are redacted when formatted or
// logged and never written to the store.
//
// extract imports schema only (to tell a report from an error envelope); it
// must not import transform, load or the pipeline.
package extract
