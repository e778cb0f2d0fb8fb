package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// ErrShutdown, given as the cause when a job's context is cancelled
// (context.WithCancelCause), stops the job as interrupted rather than
// cancelled: the document in flight and those after it keep no result, and
// Resume finishes them. The window uses it when it closes or crashes; a
// person's Cancel uses a plain cancel and skips the rest.
var ErrShutdown = errors.New("pipeline: the application is shutting down")

// ErrJobNotQueued is returned by RunQueued for a job that is not waiting.
var ErrJobNotQueued = errors.New("pipeline: job is not queued")

func shuttingDown(ctx context.Context) bool {
	return ctx.Err() != nil && errors.Is(context.Cause(ctx), ErrShutdown)
}

// interrupt ends a job that stops because the application does: it is
// left interrupted, to be resumed.
func (r *Runner) interrupt(log *slog.Logger, job JobInfo) (*Summary, error) {
	ctx := context.Background()
	if err := r.store.SetJobStatus(ctx, job.JobID, JobInterrupted, r.opts.Now()); err != nil {
		return nil, fmt.Errorf("interrupt job: %w", err)
	}
	log.Info(fmt.Sprintf("Batch processing job %s interrupted: the application is closing", job.JobID))
	sum, err := r.store.Summary(ctx, job.JobID)
	if err != nil {
		return nil, fmt.Errorf("read summary: %w", err)
	}
	r.emit(Event{Kind: EventJobDone, JobID: job.JobID, Summary: sum})
	return sum, nil
}

// Enqueue registers a job over the files at paths without running it: the
// files are copied into the store and the job is recorded as queued, so it
// outlives this process. RunQueued (or, once its owner is gone, Resume)
// runs it. Folders must be expanded by the caller (see ExpandPaths). It may
// be called while the runner runs another job.
func (r *Runner) Enqueue(ctx context.Context, paths []string) (JobInfo, error) {
	in := make([]input, len(paths))
	for i, p := range paths {
		in[i] = input{name: SafeName(p), path: p}
	}
	job, _, err := r.create(ctx, in, "")
	return job, err
}

// EnqueueRetry registers a new queued job over the failed documents of
// jobID, from their stored copies, linked to it (retry_of).
func (r *Runner) EnqueueRetry(ctx context.Context, jobID string) (JobInfo, error) {
	in, err := r.retryInputs(ctx, jobID)
	if err != nil {
		return JobInfo{}, err
	}
	job, _, err := r.create(ctx, in, jobID)
	return job, err
}

// RunQueued runs a job that Enqueue or EnqueueRetry registered. It returns
// ErrJobNotQueued for a job that already ran or runs.
func (r *Runner) RunQueued(ctx context.Context, jobID string) (*Summary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	job, err := r.store.Job(ctx, jobID)
	if err != nil {
		return nil, err
	}
	if job.Status != JobQueued {
		return nil, fmt.Errorf("%w: %s is %s", ErrJobNotQueued, jobID, job.Status)
	}
	return r.continueJob(ctx, job)
}

// continueJob processes a registered job's documents that have no result
// yet, reporting those that have one as done. It claims the job first: of
// two processes that continue one job, one gets ErrJobClaimed.
func (r *Runner) continueJob(ctx context.Context, job JobInfo) (*Summary, error) {
	me := ProcessOwner()
	if err := r.store.ClaimJob(ctx, job.JobID, job.Owner, me, r.opts.Now()); err != nil {
		return nil, err
	}
	job.Owner = me
	sum, err := r.store.Summary(ctx, job.JobID)
	if err != nil {
		return nil, err
	}
	recs, err := r.store.PendingDocuments(ctx, job.JobID)
	if err != nil {
		return nil, err
	}
	docs := make([]pending, len(recs))
	stored := make([]input, 0, len(recs))
	for i, rec := range recs {
		rec.FileName = SafeText(rec.FileName) // recorded before names were made safe
		docs[i] = pending{rec: rec}
		if rec.ErrorType != "" {
			docs[i].preErr = &Error{Kind: rec.ErrorType, Stage: StageValidate, Message: rec.ErrorMessage}
		} else if rec.SHA256 != "" {
			stored = append(stored, input{path: r.store.ObjectPath(rec.SHA256)})
		}
	}
	r.reader.Expect(sources(stored))
	names := make([]string, len(sum.Results))
	var done []doneResult
	for i, res := range sum.Results {
		names[i] = SafeText(res.FileName) // display text already: an archive member keeps its archive's name
		if res.Status != DocQueued && res.Status != DocProcessing {
			done = append(done, doneResult{position: i, result: res})
		}
	}
	return r.execute(ctx, job, names, docs, done, job.StopOnFailure)
}

// Withdraw takes a queued job out of the queue without reading it: its
// documents are skipped and the job is cancelled, so that nothing dropped
// disappears from History.
func (r *Runner) Withdraw(ctx context.Context, jobID string) (*Summary, error) {
	job, err := r.store.Job(ctx, jobID)
	if err != nil {
		return nil, err
	}
	if job.Status != JobQueued && job.Status != JobInterrupted {
		return nil, fmt.Errorf("%w: %s is %s", ErrJobNotQueued, jobID, job.Status)
	}
	recs, err := r.store.PendingDocuments(ctx, jobID)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		res := r.skipped(rec, "Skipped: the job was removed from the queue before this document was read")
		if err := r.store.SaveResult(ctx, jobID, rec.Position, res, nil); err != nil {
			return nil, fmt.Errorf("withdraw job: %w", err)
		}
	}
	if err := r.store.SetJobStatus(ctx, jobID, JobCancelled, r.opts.Now()); err != nil {
		return nil, fmt.Errorf("withdraw job: %w", err)
	}
	return r.store.Summary(ctx, jobID)
}

// SummaryTitle names a job from its summary as JobTitle does.
func SummaryTitle(sum *Summary) string {
	var borrowers, loans []string
	first := ""
	for i, res := range sum.Results {
		if i == 0 {
			first = res.FileName
		}
		borrowers = append(borrowers, res.Fields.BorrowerName)
		loans = append(loans, res.Fields.LoanID)
	}
	return JobTitle(borrowers, loans, first, len(sum.Results))
}
