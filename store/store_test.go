package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/store"
)

// mustOpen opens a store in a fresh temporary folder.
func mustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestJobRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	created := time.Date(2026, 11, 29, 10, 30, 0, 0, time.UTC)
	docs := []pipeline.DocRecord{
		{DocumentID: "d1", Position: 0, FileName: "loan1.pdf", SHA256: "ab12", SizeBytes: 10},
		{DocumentID: "d2", Position: 1, FileName: "bad.gif", SizeBytes: 3},
		{DocumentID: "d3", Position: 2, FileName: "later.pdf", SizeBytes: 5},
	}
	if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: "job-1", Status: pipeline.JobQueued, CreatedAt: created}, docs); err != nil {
		t.Fatal(err)
	}
	if err := db.SetJobStatus(ctx, "job-1", pipeline.JobProcessing, created.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	ok := pipeline.Result{
		FileName: "loan1.pdf", Status: pipeline.DocSuccess, DocumentID: "d1", SHA256: "ab12", Pages: 3,
		TextSource: pipeline.SourceTextLayer, DocumentType: pipeline.TypeLoanEstimate, LoanID: "LN-1",
		Fields:         pipeline.Fields{LoanID: "LN-1", LoanAmountCents: 25000000, InterestRatePct: 6.875, IssueDate: "2026-03-14"},
		ProcessingTime: 1.84, Timestamp: created.Add(2 * time.Second),
		FieldConfidence: map[string]float64{"loan_id": 0.97, "loan_amount_cents": 0.95}, FieldPages: map[string]int{"loan_id": 3},
		NeedsReview: true, ReviewReasons: []string{"no borrower found"},
	}
	bad := pipeline.Result{
		FileName: "bad.gif", Status: pipeline.DocFailed, DocumentID: "d2", ErrorType: pipeline.KindValidation,
		ErrorMessage: "GIF image is not a supported format", Timestamp: created.Add(3 * time.Second),
	}
	if err := db.SaveResult(ctx, "job-1", 0, ok, []pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: "Loan ID LN-1"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveResult(ctx, "job-1", 1, bad, nil); err != nil {
		t.Fatal(err)
	}

	// Mid-job: counts are current, the unprocessed document is queued.
	mid, err := db.Summary(ctx, "job-1")
	if err != nil {
		t.Fatal(err)
	}
	if mid.Status != pipeline.JobProcessing || mid.ProcessedDocuments != 2 || mid.SuccessfulDocuments != 1 ||
		mid.FailedDocuments != 1 || mid.Results[2].Status != pipeline.DocQueued {
		t.Errorf("mid-job summary: %+v", mid)
	}

	if err := db.SetJobStatus(ctx, "job-1", pipeline.JobCompletedWithErrors, created.Add(7020*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	sum, err := db.Summary(ctx, "job-1")
	if err != nil {
		t.Fatal(err)
	}
	if !sum.StartTime.Equal(created.Add(time.Second)) || !sum.EndTime.Equal(created.Add(7020*time.Millisecond)) || sum.TotalProcessingTime != 6.02 {
		t.Errorf("times: %v → %v (%v s)", sum.StartTime, sum.EndTime, sum.TotalProcessingTime)
	}
	got := sum.Results[0]
	if got.Fields != ok.Fields || got.Pages != 3 || !got.Timestamp.Equal(ok.Timestamp) || got.ProcessingTime != 1.84 ||
		got.FieldConfidence["loan_id"] != 0.97 || got.FieldPages["loan_id"] != 3 || !got.NeedsReview ||
		len(got.ReviewReasons) != 1 || got.ReviewReasons[0] != "no borrower found" {
		t.Errorf("result round trip: got %+v\nwant %+v", got, ok)
	}
	if sum.Results[1].ErrorType != pipeline.KindValidation || sum.Results[1].ErrorMessage != bad.ErrorMessage {
		t.Errorf("failure round trip: %+v", sum.Results[1])
	}
	job, err := db.Job(ctx, "job-1")
	if err != nil || job.CompletedAt == nil || !job.CreatedAt.Equal(created) || job.TotalDocuments != 3 {
		t.Errorf("job row: %+v %v", job, err)
	}
	texts, err := db.PageTexts(ctx, "d1")
	if err != nil || len(texts) != 1 || texts[0].Text != "Loan ID LN-1" {
		t.Errorf("page texts: %v %v", texts, err)
	}
}

func TestJobsNewestFirstAndNotFound(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, id := range []string{"old", "mid", "new"} {
		if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: id, Status: pipeline.JobQueued, CreatedAt: base.Add(time.Duration(i) * time.Hour)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	jobs, err := db.Jobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range jobs {
		ids = append(ids, j.JobID)
	}
	if strings.Join(ids, ",") != "new,mid,old" {
		t.Errorf("jobs %v; want newest first", ids)
	}
	if _, err := db.Job(ctx, "nope"); !errors.Is(err, pipeline.ErrJobNotFound) {
		t.Errorf("Job(nope) = %v; want ErrJobNotFound", err)
	}
	if _, err := db.Summary(ctx, "nope"); !errors.Is(err, pipeline.ErrJobNotFound) {
		t.Errorf("Summary(nope) = %v; want ErrJobNotFound", err)
	}
}

func TestReopenKeepsDataAndMigratesOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: "kept", Status: pipeline.JobQueued, CreatedAt: time.Now()}, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(ctx, dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if _, err := db.Job(ctx, "kept"); err != nil {
		t.Errorf("job lost on reopen: %v", err)
	}
}

func TestOpenRejectsCorruptDatabase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "loanbatch.db"), bytes.Repeat([]byte("not a database "), 500), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), dir)
	if !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("Open = %v; want ErrCorrupt", err)
	}
}

func TestOpenRejectsUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere: make the data folder a file instead.
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o644)
		if _, err := store.Open(context.Background(), f); err == nil {
			t.Fatal("Open on a file succeeded")
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if _, err := store.Open(context.Background(), filepath.Join(dir, "data")); err == nil {
		t.Fatal("Open in a read-only folder succeeded")
	}
}

func TestPutObject(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	data := []byte("hello loan")
	sha, n, err := db.PutObject(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if n != int64(len(data)) || sha != hex.EncodeToString(sum[:]) {
		t.Fatalf("PutObject = %s, %d", sha, n)
	}
	got, err := os.ReadFile(db.ObjectPath(sha))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("object content %q, %v", got, err)
	}
	if filepath.Base(filepath.Dir(db.ObjectPath(sha))) != sha[:2] {
		t.Errorf("object path %s not fanned out by hash prefix", db.ObjectPath(sha))
	}
	// Storing the same bytes again keeps one object and leaves no temp files.
	if sha2, _, err := db.PutObject(ctx, bytes.NewReader(data)); err != nil || sha2 != sha {
		t.Fatalf("second PutObject = %s, %v", sha2, err)
	}
	entries, _ := os.ReadDir(filepath.Join(db.Dir(), "objects"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".incoming") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestCorrectionsAndReview(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: "j", Status: pipeline.JobQueued, CreatedAt: at},
		[]pipeline.DocRecord{{DocumentID: "d", FileName: "le.pdf"}}); err != nil {
		t.Fatal(err)
	}
	res := pipeline.Result{
		FileName: "le.pdf", Status: pipeline.DocSuccess, DocumentID: "d", LoanID: "123",
		Fields: pipeline.Fields{LoanID: "123", LoanAmountCents: 16200000}, NeedsReview: true, ReviewReasons: []string{"no borrower found"}, Timestamp: at,
	}
	if err := db.SaveResult(ctx, "j", 0, res, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		field string
		value any
	}{{"loan_amount_cents", int64(16000000)}, {"loan_amount_cents", int64(16500000)}, {"borrower_name", "Michael Jones"}} {
		if err := db.CorrectField(ctx, "d", c.field, c.value, "ann", at); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CorrectField(ctx, "d", "no_such_field", "x", "ann", at); err == nil {
		t.Error("a correction of an unknown field was accepted")
	}
	if err := db.MarkReviewed(ctx, "d", "ann", at); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = store.Open(ctx, dir) // corrections survive a restart
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sum, err := db.Summary(ctx, "j")
	if err != nil {
		t.Fatal(err)
	}
	r := sum.Results[0]
	if r.Fields.LoanAmountCents != 16500000 || r.Fields.BorrowerName != "Michael Jones" || r.Fields.LoanID != "123" {
		t.Errorf("corrected fields %+v", r.Fields)
	}
	if len(r.Corrections) != 2 || r.NeedsReview || r.Reviewed == nil || r.Reviewed.By != "ann" {
		t.Fatalf("corrections %+v, needs review %v, reviewed %+v", r.Corrections, r.NeedsReview, r.Reviewed)
	}
	amount := r.Corrections[0]
	if amount.Field != "loan_amount_cents" || amount.Extracted != float64(16200000) || amount.Corrected != float64(16500000) || amount.By != "ann" {
		t.Errorf("amount correction %+v: the extracted value must be kept", amount)
	}
}

// A job's counts follow each document's latest result, also when a result
// replaces an earlier one (the storage-fault path stores a failure over a
// success that could not be kept).
func TestJobCountsFollowReplacedResults(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := []pipeline.DocRecord{{DocumentID: "a", Position: 0, FileName: "a.pdf"}, {DocumentID: "b", Position: 1, FileName: "b.pdf"}}
	if err := db.CreateJob(ctx, pipeline.JobInfo{JobID: "job", Status: pipeline.JobProcessing, CreatedAt: time.Now()}, docs); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		pos                                    int
		status                                 pipeline.DocStatus
		processed, successful, failed, skipped int
	}{
		{0, pipeline.DocSuccess, 1, 1, 0, 0},
		{0, pipeline.DocFailed, 1, 0, 1, 0},
		{1, pipeline.DocSkipped, 1, 0, 1, 1},
		{1, pipeline.DocSuccess, 2, 1, 1, 0},
		{1, pipeline.DocSuccess, 2, 1, 1, 0},
	}
	for i, s := range steps {
		r := pipeline.Result{FileName: docs[s.pos].FileName, DocumentID: docs[s.pos].DocumentID, Status: s.status, Timestamp: time.Now()}
		if err := db.SaveResult(ctx, "job", s.pos, r, nil); err != nil {
			t.Fatal(err)
		}
		sum, err := db.Summary(ctx, "job")
		if err != nil {
			t.Fatal(err)
		}
		got := [4]int{sum.ProcessedDocuments, sum.SuccessfulDocuments, sum.FailedDocuments, sum.SkippedDocuments}
		if want := [4]int{s.processed, s.successful, s.failed, s.skipped}; got != want {
			t.Errorf("step %d (%s at %d): processed/successful/failed/skipped %v; want %v", i, s.status, s.pos, got, want)
		}
	}
}
