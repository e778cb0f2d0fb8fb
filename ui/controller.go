package ui

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"loanbatch/pipeline"
)

// refreshEvery is how often queued events are pushed to the widgets: a
// 5,000-document job must not flood the UI thread.
const refreshEvery = 50 * time.Millisecond

// dispatcher runs fn on the UI goroutine: fyne.Do in the app, a queue the
// test drains in tests (Fyne's test driver runs fyne.Do inline, which would
// race with the pump goroutine).
type dispatcher func(fn func())

// controller takes dropped documents and runs their jobs one after another,
// off the UI goroutine. A drop is registered at once, on an intake
// goroutine (files copied into the store, the job recorded as queued), so
// that nothing dropped is lost if the window dies; a second goroutine runs
// the registered jobs in order. The runner's events reach onEvents in
// batches on the UI goroutine. It never touches widgets itself.
type controller struct {
	newRunner func(pipeline.Options) (*pipeline.Runner, error)
	options   func() pipeline.Options
	dispatch  dispatcher
	onEvents  func([]pipeline.Event) // on the UI goroutine
	onError   func(error)            // on the UI goroutine
	onQueue   func()                 // on the UI goroutine: the queue changed
	onNotice  func(string)           // on the UI goroutine: something to tell, such as clutter skipped
	log       *slog.Logger

	ctx            context.Context // the window's: cancelled when it closes
	mu             sync.Mutex
	intake         []jobRequest // dropped, not yet registered
	waiting        []queuedJob  // registered, waiting to run, in order
	registering    bool
	inRegistration int // requests taken from intake, not yet in waiting
	running        bool
	cancel         context.CancelCauseFunc
	pending        []pipeline.Event
	handing        bool // the pump is handing a batch to the UI goroutine
	wake           chan struct{}
	stopped        chan struct{}
}

// jobRequest is a job to run: new documents, or an earlier job to resume
// or whose failures to retry.
type jobRequest struct {
	paths  []string
	resume string
	retry  string
}

// queuedJob is a job in the store waiting for its turn.
type queuedJob struct {
	jobID  string
	resume bool // interrupted earlier: Resume, not RunQueued
	title  string
	docs   int
}

func (c *controller) start(ctx context.Context) {
	c.ctx = ctx
	c.wake = make(chan struct{}, 1)
	c.stopped = make(chan struct{})
	go c.pump(ctx)
}

// enqueue takes a request; it is registered at once and runs when the jobs
// before it have.
func (c *controller) enqueue(ctx context.Context, req jobRequest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.intake = append(c.intake, req)
	if !c.registering {
		c.registering = true
		go c.registerLoop(ctx)
	}
}

// queued is how many jobs wait behind the running one.
func (c *controller) queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.intake) + c.inRegistration + len(c.waiting)
}

// cancelCurrent stops the running job: its document in flight stops and the
// rest are skipped.
func (c *controller) cancelCurrent() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cancel != nil {
		c.cancel(context.Canceled)
	}
}

// busy reports whether a job runs or a drop is being registered.
func (c *controller) busy() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.running || c.registering
}

// settled reports that nothing runs or is being registered and every
// event has been handed to the UI goroutine.
func (c *controller) settled() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.running && !c.registering && len(c.pending) == 0 && !c.handing
}

// registerLoop records the requests in the store, in the order they came.
func (c *controller) registerLoop(ctx context.Context) {
	for {
		c.mu.Lock()
		if len(c.intake) == 0 {
			c.registering = false
			c.mu.Unlock()
			c.dispatch(c.onQueue)
			return
		}
		req := c.intake[0]
		c.intake = c.intake[1:]
		c.inRegistration++
		c.mu.Unlock()

		job, err := c.register(ctx, req)
		if err != nil {
			c.mu.Lock()
			c.inRegistration--
			c.mu.Unlock()
			c.log.Error("job could not be registered", "err", err)
			c.dispatch(func() { c.onError(err) })
			continue
		}
		c.mu.Lock()
		c.inRegistration--
		c.waiting = append(c.waiting, job)
		if !c.running {
			c.running = true
			go c.work(ctx)
		}
		c.mu.Unlock()
		c.dispatch(c.onQueue)
	}
}

func (c *controller) register(ctx context.Context, req jobRequest) (queuedJob, error) {
	runner, err := c.newRunner(c.options())
	if err != nil {
		return queuedJob{}, err
	}
	defer runner.Close()
	job := pipeline.JobInfo{JobID: req.resume}
	switch {
	case req.resume != "":
	case req.retry != "":
		job, err = runner.EnqueueRetry(ctx, req.retry)
	default:
		var exp pipeline.Expansion
		if exp, err = pipeline.ExpandFolders(req.paths); err == nil {
			if msg := exp.SkippedMessage(); msg != "" && c.onNotice != nil {
				c.log.Info("dropped folders: " + msg)
				c.dispatch(func() { c.onNotice(msg) })
			}
			job, err = runner.Enqueue(ctx, exp.Paths)
		}
	}
	if err != nil {
		return queuedJob{}, err
	}
	if info, err := runner.JobStatus(ctx, job.JobID); err == nil {
		job = info // with its title
	}
	return queuedJob{jobID: job.JobID, resume: req.resume != "", title: job.Title, docs: job.TotalDocuments}, nil
}

// adopt queues a job registered elsewhere (the watched folder's); it may be
// called from any goroutine.
func (c *controller) adopt(job queuedJob) {
	c.mu.Lock()
	c.waiting = append(c.waiting, job)
	if !c.running {
		c.running = true
		go c.work(c.ctx)
	}
	c.mu.Unlock()
	c.dispatch(c.onQueue)
}

// waitingJobs are the registered jobs waiting, in the order they will run.
func (c *controller) waitingJobs() []queuedJob {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]queuedJob(nil), c.waiting...)
}

// move puts a waiting job at index to of the queue (0 runs next) and
// reports whether it was waiting.
func (c *controller) move(jobID string, to int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := slices.IndexFunc(c.waiting, func(q queuedJob) bool { return q.jobID == jobID })
	if i < 0 {
		return false
	}
	job := c.waiting[i]
	c.waiting = slices.Delete(c.waiting, i, i+1)
	to = max(0, min(to, len(c.waiting)))
	c.waiting = slices.Insert(c.waiting, to, job)
	return true
}

// remove takes a waiting job out of the queue and reports whether it was
// waiting (a job that has started is cancelled with Cancel instead).
func (c *controller) remove(jobID string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := slices.IndexFunc(c.waiting, func(q queuedJob) bool { return q.jobID == jobID })
	if i < 0 {
		return false
	}
	c.waiting = slices.Delete(c.waiting, i, i+1)
	return true
}

// work runs the registered jobs one after another.
func (c *controller) work(ctx context.Context) {
	for {
		c.mu.Lock()
		if len(c.waiting) == 0 || ctx.Err() != nil {
			c.running, c.cancel = false, nil
			c.mu.Unlock()
			return
		}
		job := c.waiting[0]
		c.waiting = c.waiting[1:]
		jobCtx, cancel := context.WithCancelCause(ctx)
		c.cancel = cancel
		c.mu.Unlock()

		c.runJob(jobCtx, job)
		cancel(nil)
	}
}

func (c *controller) runJob(ctx context.Context, job queuedJob) {
	opts := c.options()
	opts.OnEvent = c.post
	runner, err := c.newRunner(opts)
	if err != nil {
		c.dispatch(func() { c.onError(err) })
		return
	}
	defer runner.Close()
	if job.resume {
		_, err = runner.Resume(ctx, job.jobID)
	} else {
		_, err = runner.RunQueued(ctx, job.jobID)
	}
	if err != nil && ctx.Err() == nil {
		c.log.Error("job could not run", pipeline.LogJobID, job.jobID, "err", err)
		c.dispatch(func() { c.onError(err) })
	}
}

// post queues an event for the UI; called on the runner's goroutine.
func (c *controller) post(e pipeline.Event) {
	c.mu.Lock()
	c.pending = append(c.pending, e)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// pump hands queued events to the UI goroutine in batches, at most once per
// refreshEvery.
func (c *controller) pump(ctx context.Context) {
	defer close(c.stopped)
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		}
		c.mu.Lock()
		batch := c.pending
		c.pending = nil
		c.handing = len(batch) > 0
		c.mu.Unlock()
		if len(batch) > 0 {
			c.dispatch(func() { c.onEvents(batch) })
		}
		c.mu.Lock()
		c.handing = false
		c.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(refreshEvery):
		}
	}
}
