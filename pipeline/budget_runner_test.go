package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/worker"
)

// A text PDF that outlasts the in-process reader's time limit is read by
// the worker, and the in-process reader stops: once the runner is closed,
// no goroutine of the job is left.
func TestTextLayerTimeoutStopsTheReader(t *testing.T) {
	s := newSetupWith(t, worker.Options{TextLayerTimeout: 20 * time.Millisecond}, pipeline.Options{})
	before := runtime.NumGoroutine()
	path := filepath.Join(t.TempDir(), "slow.pdf")
	if err := os.WriteFile(path, pipelinetest.FormPDF(128<<10, 1900), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := s.runner.ProcessPaths(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Status != pipeline.DocSuccess {
		t.Errorf("slow text PDF: %s %s %q", r.Status, r.ErrorType, r.ErrorMessage)
	}
	s.runner.Close()
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); n > before && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if n > before {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines left running:\n%s", n-before, buf[:runtime.Stack(buf, true)])
	}
}

// A job cancelled while a text PDF (a second of reading, many under -race)
// is read in-process stops at once, and returns once the reader has
// stopped, not while it reads on.
func TestCancelledJobLeavesNoReader(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	path := filepath.Join(t.TempDir(), "slow.pdf")
	if err := os.WriteFile(path, pipelinetest.FormPDF(512<<10, 1900), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer time.AfterFunc(200*time.Millisecond, cancel).Stop()
	start := time.Now()
	sum, err := s.runner.ProcessPaths(ctx, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 1200*time.Millisecond {
		t.Errorf("the job took %v to stop; it was cancelled after 200 ms", took)
	}
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	if strings.Contains(stacks, "AnalyzeTextLayer") {
		t.Errorf("the in-process reader still runs after its job:\n%s", stacks)
	}
	if r := sum.Results[0]; r.Status != pipeline.DocSkipped {
		t.Errorf("cancelled document: %s %q", r.Status, r.ErrorMessage)
	}
}

// On resume, a document its process died on once is read in the worker
// only, and one it died on twice is failed without being read.
func TestResumeIsolatesSuspectDocuments(t *testing.T) {
	ctx := context.Background()
	s := newSetup(t, pipeline.Options{})
	// A text PDF the in-process reader reads, and the test worker dies on.
	pdf := append(textPDF(pipelinetest.SampleLoans()[0]), "%CRASH-ME\n"...)
	sha, size, err := s.db.PutObject(ctx, bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	job := pipeline.JobInfo{JobID: "job-1", Status: pipeline.JobProcessing, TotalDocuments: 3, CreatedAt: time.Now(), Owner: "1:0"}
	var recs []pipeline.DocRecord
	for i, name := range []string{"suspect.pdf", "crashed-twice.pdf", "fresh.pdf"} {
		recs = append(recs, pipeline.DocRecord{DocumentID: name, Position: i, FileName: name, SHA256: sha, SizeBytes: size})
	}
	if err := s.db.CreateJob(ctx, job, recs); err != nil {
		t.Fatal(err)
	}
	for _, pos := range []int{0, 1, 1} { // what dying while reading them left
		if err := s.db.StartReading(ctx, job.JobID, pos); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.MarkInterrupted(ctx, pipeline.OwnerAlive); err != nil {
		t.Fatal(err)
	}
	sum, err := s.runner.Resume(ctx, job.JobID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		status  pipeline.DocStatus
		message string
	}{
		{pipeline.DocFailed, "stop unexpectedly"}, // the worker read it, and died
		{pipeline.DocFailed, "crashed the reader twice"},
		{pipeline.DocSuccess, ""}, // read in this process
	}
	for i, r := range sum.Results {
		if r.Status != want[i].status || !strings.Contains(r.ErrorMessage, want[i].message) {
			t.Errorf("%s: %s %q, want %s %q", r.FileName, r.Status, r.ErrorMessage, want[i].status, want[i].message)
		}
	}
	if sum.Status != pipeline.JobCompletedWithErrors {
		t.Errorf("job %s", sum.Status)
	}
}

// A cancelled job's skipped documents are run again by retry.
func TestRetryRunsSkippedDocuments(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSetup(t, pipeline.Options{OnEvent: func(e pipeline.Event) {
		if e.Kind == pipeline.EventDocDone && e.DocIndex == 0 {
			cancel() // Cancel pressed once the first document is done
		}
	}})
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"a.pdf", "b.pdf"} {
		paths = append(paths, filepath.Join(dir, name))
		if err := os.WriteFile(paths[len(paths)-1], textPDF(pipelinetest.SampleLoans()[0]), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := s.runner.ProcessPaths(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != pipeline.JobCancelled || sum.Results[1].Status != pipeline.DocSkipped {
		t.Fatalf("cancelled job %s, b.pdf %s", sum.Status, sum.Results[1].Status)
	}
	retry, err := s.runner.Retry(context.Background(), sum.JobID)
	if err != nil {
		t.Fatal(err)
	}
	if len(retry.Results) != 1 || retry.Results[0].FileName != "b.pdf" || retry.Results[0].Status != pipeline.DocSuccess {
		t.Errorf("retry: %+v", retry.Results)
	}
}
