package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/worker"
)

// A job registered with Enqueue is in the store, queued, with its
// documents copied, before it runs; RunQueued runs it once.
func TestEnqueueThenRunQueued(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	dir := t.TempDir()
	loans := pipelinetest.SampleLoans()
	var paths []string
	for _, l := range loans[:2] {
		p := filepath.Join(dir, l.LoanID+".pdf")
		if err := os.WriteFile(p, textPDF(l), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ctx := context.Background()
	job, err := s.runner.Enqueue(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		os.Remove(p) // the job keeps its own copies
	}
	stored, err := s.db.Job(ctx, job.JobID)
	if err != nil || stored.Status != pipeline.JobQueued || stored.TotalDocuments != 2 {
		t.Fatalf("enqueued job: %+v, %v", stored, err)
	}
	if len(s.kinds()) != 0 {
		t.Errorf("enqueue sent events %v; the job has not started", s.kinds())
	}
	sum, err := s.runner.RunQueued(ctx, job.JobID)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != pipeline.JobCompleted || sum.Results[1].LoanID != loans[1].LoanID {
		t.Errorf("ran: %s, loan %q", sum.Status, sum.Results[1].LoanID)
	}
	if _, err := s.runner.RunQueued(ctx, job.JobID); !errors.Is(err, pipeline.ErrJobNotQueued) {
		t.Errorf("a second RunQueued: %v; want ErrJobNotQueued", err)
	}
}

// A job stopped because the application shuts down is interrupted, with the
// document in flight and the rest pending, and Resume finishes each once.
func TestShutdownInterruptsAndResumeFinishes(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	s := newSetupWith(t, worker.Options{ChildOnly: true}, pipeline.Options{OnEvent: func(e pipeline.Event) {
		if e.Kind == pipeline.EventDocStarted && e.DocIndex == 1 {
			go func() { time.Sleep(300 * time.Millisecond); cancel(pipeline.ErrShutdown) }()
		}
	}})
	sum, err := s.runner.ProcessBytes(ctx, hangsSecond(pipelinetest.SampleLoans()[0]))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != pipeline.JobInterrupted {
		t.Fatalf("job %s; want interrupted", sum.Status)
	}
	pending, err := s.db.PendingDocuments(context.Background(), sum.JobID)
	if err != nil || len(pending) != 2 {
		t.Fatalf("%d documents pending (%v); want the one in flight and the last", len(pending), err)
	}

	// The hanging marker is the test worker's; a fresh runner reads in process.
	r := pipeline.NewRunner(s.db, worker.New(worker.Options{Command: testWorker}), pipeline.Options{})
	defer r.Close()
	sum, err = r.Resume(context.Background(), sum.JobID)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != pipeline.JobCompleted || sum.SuccessfulDocuments != 3 || len(sum.Results) != 3 {
		t.Errorf("resumed: %s, %d of %d succeeded", sum.Status, sum.SuccessfulDocuments, len(sum.Results))
	}
}

// hangsSecond is three documents whose second hangs the test worker.
func hangsSecond(loan pipelinetest.Loan) []pipeline.Document {
	return []pipeline.Document{
		{FileName: "first.pdf", Data: textPDF(loan)},
		{FileName: "hangs.pdf", Data: append(textPDF(loan), "%HANG-ME\n"...)},
		{FileName: "third.pdf", Data: textPDF(loan)},
	}
}
