package ui

import (
	"context"
	"log/slog"
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

// controller runs jobs one after another on a background goroutine and
// turns the runner's events into batched calls of onEvents on the UI
// goroutine. It never touches widgets itself.
type controller struct {
	newRunner func(pipeline.Options) (*pipeline.Runner, error)
	options   func() pipeline.Options
	dispatch  dispatcher
	onEvents  func([]pipeline.Event) // on the UI goroutine
	onError   func(error)            // on the UI goroutine
	log       *slog.Logger

	mu      sync.Mutex
	queue   []jobRequest // jobs waiting
	running bool
	cancel  context.CancelFunc
	pending []pipeline.Event
	wake    chan struct{}
	stopped chan struct{}
}

func (c *controller) start(ctx context.Context) {
	c.wake = make(chan struct{}, 1)
	c.stopped = make(chan struct{})
	go c.pump(ctx)
}

// jobRequest is a job to run: new documents, or an earlier job to resume
// or whose failures to retry.
type jobRequest struct {
	paths  []string
	resume string
	retry  string
}

// enqueue adds a job; it starts at once when no job runs.
func (c *controller) enqueue(ctx context.Context, req jobRequest) {
	c.mu.Lock()
	c.queue = append(c.queue, req)
	start := !c.running
	c.running = true
	c.mu.Unlock()
	if start {
		go c.work(ctx)
	}
}

// queued is how many jobs wait behind the running one.
func (c *controller) queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.queue)
}

// cancelCurrent stops the running job: its document in flight stops and the
// rest are skipped.
func (c *controller) cancelCurrent() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cancel != nil {
		c.cancel()
	}
}

func (c *controller) busy() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.running
}

func (c *controller) work(ctx context.Context) {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 || ctx.Err() != nil {
			c.running, c.cancel = false, nil
			c.mu.Unlock()
			return
		}
		req := c.queue[0]
		c.queue = c.queue[1:]
		jobCtx, cancel := context.WithCancel(ctx)
		c.cancel = cancel
		c.mu.Unlock()

		c.runJob(jobCtx, req)
		cancel()
	}
}

func (c *controller) runJob(ctx context.Context, req jobRequest) {
	opts := c.options()
	opts.OnEvent = c.post
	runner, err := c.newRunner(opts)
	if err != nil {
		c.dispatch(func() { c.onError(err) })
		return
	}
	defer runner.Close()
	switch {
	case req.resume != "":
		_, err = runner.Resume(ctx, req.resume)
	case req.retry != "":
		_, err = runner.Retry(ctx, req.retry)
	default:
		var expanded []string
		if expanded, err = pipeline.ExpandPaths(req.paths); err == nil {
			_, err = runner.ProcessPaths(ctx, expanded)
		}
	}
	if err != nil {
		c.log.Error("job could not run", "err", err)
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
		c.mu.Unlock()
		if len(batch) > 0 {
			c.dispatch(func() { c.onEvents(batch) })
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(refreshEvery):
		}
	}
}
