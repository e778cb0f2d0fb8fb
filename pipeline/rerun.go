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
	return r.continueJob(ctx, job)
}

// Retry runs a job's failed and skipped documents again, from their stored
// copies, as a new job linked to the first (retry_of): a cancelled job's
// or a stop-on-failure job's skipped documents are run this way.
func (r *Runner) Retry(ctx context.Context, jobID string) (*Summary, error) {
	in, err := r.retryInputs(ctx, jobID)
	if err != nil {
		return nil, err
	}
	return r.run(ctx, in, jobID)
}

// retryInputs are the stored copies of a job's failed documents.
func (r *Runner) retryInputs(ctx context.Context, jobID string) ([]input, error) {
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
	return in, nil
}

// doneResult is a result stored before a job was resumed.
type doneResult struct {
	position int
	result   Result
}
