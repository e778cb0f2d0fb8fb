package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"fyne.io/fyne/v2/dialog"

	"loanbatch/pipeline"
	"loanbatch/worker"
)

// openStore opens the data folder in the background; its history and the
// offer to resume follow.
func (u *UI) openStore() {
	dir := u.settings.snapshot().dataDir
	type opened struct {
		st          pipeline.Store
		closer      io.Closer
		interrupted []pipeline.JobInfo
		last        string // the newest job, to show again
	}
	background(u, func(ctx context.Context) (opened, error) {
		st, closer, err := u.cfg.OpenStore(ctx, dir)
		if err != nil {
			return opened{}, err
		}
		interrupted, err := st.MarkInterrupted(ctx, pipeline.OwnerAlive)
		if err != nil {
			u.log.Error("mark interrupted jobs", "err", err)
		}
		o := opened{st: st, closer: closer, interrupted: interrupted}
		if jobs, err := st.Jobs(ctx); err == nil && len(jobs) > 0 {
			o.last = jobs[0].JobID
		}
		return o, nil
	}, func(o opened, err error) {
		if err != nil {
			u.log.Error("cannot open data folder", "dir", dir, "err", err)
			u.showError(problemf("Loan Batch cannot use the data folder %s: %v.\n\nChoose another folder in Settings.", dir, rootCause(err)))
			return
		}
		u.storeMu.Lock()
		old := u.closer
		u.store, u.closer = o.st, o.closer
		u.storeMu.Unlock()
		if old != nil {
			old.Close()
		}
		u.reloadHistory()
		u.startWatching()
		switch {
		case len(u.cfg.Paths) > 0:
			u.startJob(u.cfg.Paths)
			u.cfg.Paths = nil
		case o.last != "" && u.job.state.jobID == "":
			u.loadJob(o.last, "", false) // where the person left off
		}
		u.offerResume(o.interrupted)
	})
}

// offerResume asks, on start, whether to finish the jobs whose process died
// (the job in flight, and those dropped but not started).
func (u *UI) offerResume(jobs []pipeline.JobInfo) {
	if len(jobs) == 0 {
		return
	}
	// The job that was being read first, then the queue in its order.
	slices.SortStableFunc(jobs, func(a, b pipeline.JobInfo) int {
		rank := func(j pipeline.JobInfo) int {
			switch {
			case j.StartedAt != nil:
				return 0
			case j.QueuePosition > 0:
				return j.QueuePosition
			}
			return 1 << 30
		}
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return a.CreatedAt.Compare(b.CreatedAt)
	})
	notStarted := 0
	for _, j := range jobs {
		if j.StartedAt == nil {
			notStarted++
		}
	}
	msg := fmt.Sprintf("%d jobs stopped before they finished (the app was closed or the computer went off).\nResume them now, oldest first? Documents already read are kept.", len(jobs))
	if notStarted > 0 {
		msg = fmt.Sprintf("%d jobs stopped before they finished (the app was closed or the computer went off); %d of them had not started.\nRun them now, oldest first? Documents already read are kept.", len(jobs), notStarted)
	}
	if len(jobs) == 1 {
		msg = fmt.Sprintf("Job %s stopped before it finished (%d of %d documents done).\nResume it now? Documents already read are kept.",
			pipeline.ShortID(jobs[0].JobID), jobs[0].ProcessedDocuments+jobs[0].SkippedDocuments, jobs[0].TotalDocuments)
	}
	dialog.ShowConfirm("Resume interrupted jobs?", msg, func(ok bool) {
		if ok {
			for _, j := range jobs {
				u.rerun(jobRequest{resume: j.JobID})
			}
		}
	}, u.win)
}

// rerun queues a resume or a retry of an earlier job.
func (u *UI) rerun(req jobRequest) {
	if u.currentStore() == nil {
		return
	}
	u.ctrl.enqueue(u.ctx, req)
	u.showJobArea()
	u.tabs.Select(u.jobTab)
	u.refreshQueue()
}

func (u *UI) currentStore() pipeline.Store {
	u.storeMu.Lock()
	defer u.storeMu.Unlock()
	return u.store
}

func (u *UI) newRunner(opts pipeline.Options) (*pipeline.Runner, error) {
	st := u.currentStore()
	if st == nil {
		return nil, errors.New("no data folder is open: choose one in Settings")
	}
	opts.Logger = u.cfg.Logger
	rd := worker.New(worker.Options{
		DocTimeout: u.settings.snapshot().timeLimit,
		Command:    u.cfg.WorkerCommand,
		ChildOnly:  u.cfg.WorkerOnly,
		Logger:     u.cfg.Logger,
	})
	return pipeline.NewRunner(st, rd, opts), nil
}

func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
