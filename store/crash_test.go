package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/store"
)

// Of two processes claiming one job, one gets it; a document's unfinished
// reads count until its result is saved.
func TestClaimIsExclusiveAndReadsAreCounted(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	now := time.Now()
	job := pipeline.JobInfo{JobID: "j1", Status: pipeline.JobQueued, CreatedAt: now, Owner: "1:dead"}
	if err := db.CreateJob(ctx, job, []pipeline.DocRecord{{DocumentID: "d1", FileName: "a.pdf"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.ClaimJob(ctx, "j1", "1:dead", "2:first", now); err != nil {
		t.Fatal(err)
	}
	if err := db.ClaimJob(ctx, "j1", "1:dead", "3:second", now); !errors.Is(err, pipeline.ErrJobClaimed) {
		t.Errorf("second claim: %v, want ErrJobClaimed", err)
	}
	if err := db.ClaimJob(ctx, "nope", "1:dead", "3:second", now); !errors.Is(err, pipeline.ErrJobNotFound) {
		t.Errorf("claim of a missing job: %v", err)
	}
	for range 2 {
		if err := db.StartReading(ctx, "j1", 0); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := db.PendingDocuments(ctx, "j1")
	if err != nil || len(recs) != 1 || recs[0].UnfinishedReads != 2 {
		t.Fatalf("pending: %+v %v", recs, err)
	}
	res := pipeline.Result{Status: pipeline.DocSkipped, DocumentID: "d1", Timestamp: now}
	if err := db.SaveResult(ctx, "j1", 0, res, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", filepath.Join(db.Dir(), "loanbatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT unfinished_reads FROM documents WHERE document_id = 'd1'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("unfinished reads after a result: %d %v", n, err)
	}
}

// Opening a data folder removes what a writer that died left half written,
// and nothing a live writer is writing.
func TestOpenRemovesLeftoverIncomingFiles(t *testing.T) {
	dir := t.TempDir()
	objects := filepath.Join(dir, "objects")
	if err := os.MkdirAll(objects, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{ // name: kept
		".incoming-999999999:1-123":                   false, // a dead writer
		".incoming-" + pipeline.ProcessOwner() + "-4": true,  // this process, still writing
		".incoming-old":                               false, // unknown writer, old
		".incoming-new":                               true,  // unknown writer, recent
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(objects, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(filepath.Join(objects, ".incoming-old"), old, old); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(objects, name))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
