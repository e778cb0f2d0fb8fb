package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"loanbatch/pipeline"
	"loanbatch/store"
)

// searchJob stores a job of two documents: a Loan Estimate with fields and
// page text, and a failed upload.
func searchJob(tb testing.TB, db *store.DB, jobID, borrower, loanID string, at time.Time) {
	tb.Helper()
	ctx := context.Background()
	docs := []pipeline.DocRecord{
		{DocumentID: jobID + "-le", Position: 0, FileName: "estimate-" + loanID + ".pdf", SHA256: "ab"},
		{DocumentID: jobID + "-bad", Position: 1, FileName: "Borrower letter.docx"},
	}
	if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: jobID, Status: pipeline.JobQueued, CreatedAt: at}, docs); err != nil {
		tb.Fatal(err)
	}
	le := pipeline.Result{
		FileName: docs[0].FileName, Status: pipeline.DocSuccess, DocumentID: docs[0].DocumentID, LoanID: loanID,
		DocumentType: pipeline.TypeLoanEstimate, Timestamp: at,
		Fields: pipeline.Fields{
			LoanID: loanID, BorrowerName: borrower, LenderName: "Ficus Bank",
			PropertyAddress: "456 Somewhere Avenue, Anytown, ST 12345", LoanAmountCents: 16200000,
		},
	}
	pages := []pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: "LOAN ESTIMATE\nPurpose Purchase\nProduct Fixed Rate"}}
	if err := db.SaveResult(ctx, jobID, 0, le, pages); err != nil {
		tb.Fatal(err)
	}
	bad := pipeline.Result{
		FileName: docs[1].FileName, Status: pipeline.DocFailed, DocumentID: docs[1].DocumentID,
		ErrorType: pipeline.KindValidation, ErrorMessage: "not a document", Timestamp: at,
	}
	if err := db.SaveResult(ctx, jobID, 1, bad, nil); err != nil {
		tb.Fatal(err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	searchJob(t, db, "job-a", "Michael Jones", "123456789", t0)
	searchJob(t, db, "job-b", "Ana Núñez", "LN-2026-77", t0.Add(time.Hour))
	if err := db.CorrectFields(ctx, "job-b-le", map[string]any{"borrower_name": "Ana Núñez-Jones"}, "ann", t0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string // document IDs, any order
	}{
		{"Jones", []string{"job-a-le", "job-b-le"}}, // a borrower, and a corrected one
		{"jon", []string{"job-a-le", "job-b-le"}},   // as typed so far
		{"123456789", []string{"job-a-le"}},         // loan ID
		{"LN-2026-77", []string{"job-b-le"}},        // a loan ID with dashes
		{"Somewhere Avenue", []string{"job-a-le", "job-b-le"}},
		{"nunez", []string{"job-b-le"}},                      // without its accent
		{"letter.docx", []string{"job-a-bad", "job-b-bad"}},  // a file name fragment
		{"purchase fixed", []string{"job-a-le", "job-b-le"}}, // words of the text
		{"ficus zzz", nil},                                   // every word must match
		{`" OR * NEAR( -`, nil},                              // FTS5 syntax is text, not an error
		{"", nil},
	}
	for _, tt := range tests {
		hits, err := db.Search(ctx, tt.query, 50)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.query, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.DocumentID)
		}
		if strings.Join(sorted(got), ",") != strings.Join(sorted(tt.want), ",") {
			t.Errorf("Search(%q) = %v; want %v", tt.query, got, tt.want)
		}
	}
	hits, _ := db.Search(ctx, "Somewhere", 50)
	if len(hits) == 0 || !strings.Contains(hits[0].Snippet, pipeline.SnippetOpen+"Somewhere"+pipeline.SnippetClose) {
		t.Errorf("snippet does not mark the match: %+v", hits)
	}
	if hits[0].JobTitle == "" || hits[0].FileName == "" {
		t.Errorf("hit without its job's title or file: %+v", hits[0])
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// A database made before search existed is indexed when it is opened.
func TestSearchIndexesExistingDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	searchJob(t, db, "old", "Priya Raman", "HL-77341", time.Now())
	db.Close()
	// Take the database back to before migration 007, keeping its rows.
	raw, err := sql.Open("sqlite", filepath.Join(dir, "loanbatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"DROP TRIGGER documents_search_insert", "DROP TRIGGER documents_search_update", "DROP TRIGGER documents_search_delete",
		"DROP TRIGGER pages_search_insert", "DROP TRIGGER pages_search_delete", "DROP TRIGGER corrections_search_insert",
		"DROP VIEW doc_search_source", "DROP TABLE doc_search", "ALTER TABLE processing_jobs DROP COLUMN queue_position",
		"DELETE FROM schema_migrations WHERE version = 7",
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	raw.Close()
	db, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"Raman", "HL-77341", "Somewhere", "purchase"} {
		if hits, err := db.Search(ctx, q, 10); err != nil || len(hits) != 1 {
			t.Errorf("after migrating, Search(%q) = %d hits, %v; want 1", q, len(hits), err)
		}
	}
}

func TestJobTitles(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	searchJob(t, db, "job-a", "Michael Jones", "123456789", time.Now())
	jobs, err := db.Jobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Michael Jones · 123456789 · 2 documents"; len(jobs) != 1 || jobs[0].Title != want {
		t.Errorf("title %q; want %q", jobs[0].Title, want)
	}
	tests := []struct {
		borrowers, loans []string
		first            string
		docs             int
		want             string
	}{
		{[]string{"", "Ana Ruiz", "ana ruiz", "Bo Li", "Cy Ng"}, []string{"L1", "", "L1"}, "a.pdf", 5, "Ana Ruiz, Bo Li +1 · L1 · 5 documents"},
		{nil, nil, "scan.tif", 1, "scan.tif · 1 document"},
	}
	for _, tt := range tests {
		if got := pipeline.JobTitle(tt.borrowers, tt.loans, tt.first, tt.docs); got != tt.want {
			t.Errorf("JobTitle = %q; want %q", got, tt.want)
		}
	}
}

// Typing in the search box stays instant with thousands of jobs.
func BenchmarkSearch(b *testing.B) {
	db := mustOpen(b)
	t0 := time.Now()
	for i := range 2000 {
		searchJob(b, db, fmt.Sprintf("job-%d", i), fmt.Sprintf("Borrower%d Smith", i), fmt.Sprintf("LN-%06d", i), t0)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := []string{"Smi", "Borrower17", "LN-0012", "Somewhere Ave", "purchase"}[i%5]
		if _, err := db.Search(ctx, q, 50); err != nil {
			b.Fatal(err)
		}
	}
}
