package pipeline

import (
	"context"
	"errors"
	"fmt"
)

// ErrJobNotResumable is returned by Resume for a job that finished or runs.
var ErrJobNotResumable = errors.New("pipeline: job is not interrupted")

// Resume finishes a job whose process died: the documents without a result
// are processed, from the copies stored when the job was created, so each
// document appears exactly once in the job. A document its process died
// on is read in the worker only (see crash.go). ErrJobNotResumable comes
// back for a finished job, ErrJobClaimed for one another process runs.
func (r *Runner) Resume(ctx context.Context, jobID string) (*Summary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.startWorkerEarly()
	job, err := r.store.Job(ctx, jobID)
	if err != nil {
		return nil, err
	}
	switch {
	case job.Status.Finished():
		return nil, fmt.Errorf("%w: %s is %s", ErrJobNotResumable, jobID, job.Status)
	case job.Status != JobInterrupted && OwnerAlive(job.Owner):
		return nil, fmt.Errorf("%w: %s", ErrJobClaimed, jobID)
	}
	// Of two resumes of one job, one claims it; the other stops here.
	me := ProcessOwner()
	if err := r.store.ClaimJob(ctx, jobID, job.Owner, me, r.opts.Now()); err != nil {
		return nil, err
	}
	job.Owner = me
	sum, err := r.store.Summary(ctx, jobID)
	if err != nil {
		return nil, err
	}
	recs, err := r.store.PendingDocuments(ctx, jobID)
	if err != nil {
		return nil, err
	}
	docs := make([]pending, len(recs))
	for i, rec := range recs {
		rec.FileName = SafeName(rec.FileName) // recorded before names were made safe
		docs[i] = pending{rec: rec}
		if rec.ErrorType != "" {
			docs[i].preErr = &Error{Kind: rec.ErrorType, Stage: StageValidate, Message: rec.ErrorMessage}
		}
	}
	names := make([]string, len(sum.Results))
	var done []doneResult
	for i, res := range sum.Results {
		names[i] = SafeText(res.FileName) // display text already, an archive member with its archive's name
		if res.Status != DocQueued && res.Status != DocProcessing {
			done = append(done, doneResult{position: i, result: res})
		}
	}
	return r.execute(ctx, job, names, docs, done, job.StopOnFailure)
}

// Retry runs a job's failed and skipped documents again, from their stored
// copies, as a new job linked to the first (retry_of): a cancelled job's
// or a stop-on-failure job's skipped documents are run this way.
func (r *Runner) Retry(ctx context.Context, jobID string) (*Summary, error) {
	sum, err := r.store.Summary(ctx, jobID)
	if err != nil {
		return nil, err
	}
	var in []input
	for _, res := range sum.Results {
		if (res.Status == DocFailed || res.Status == DocSkipped) && res.SHA256 != "" {
			in = append(in, input{name: SafeText(res.FileName), path: r.store.ObjectPath(res.SHA256)})
		}
	}
	if len(in) == 0 {
		return nil, fmt.Errorf("retry %s: no failed or skipped document was stored, so none can be retried", jobID)
	}
	return r.run(ctx, in, jobID)
}

// doneResult is a result stored before a job was resumed.
type doneResult struct {
	position int
	result   Result
}
