package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
	"loanbatch/watch"
)

// queueView is the list of jobs waiting behind the running one: each can
// be sent to the front, moved up or down, or removed. The order is kept in
// the database, so that it survives a restart.
type queueView struct {
	button *widget.Button // "Queue (2)" in the top bar; hidden when nothing waits
	list   *fyne.Container
	dialog dialog.Dialog
	saved  []string // the order last written to the store
}

func (u *UI) buildQueue() fyne.CanvasObject {
	q := &u.queueView
	q.button = widget.NewButtonWithIcon("", theme.ListIcon(), u.showQueue)
	q.button.Hide()
	q.list = container.NewVBox()
	return q.button
}

// refreshQueue shows the queue as it is now and records its order when it
// changed; on the UI goroutine.
func (u *UI) refreshQueue() {
	q := &u.queueView
	waiting := u.ctrl.waitingJobs()
	n := u.ctrl.queued()
	if n == 0 {
		q.button.Hide()
	} else {
		q.button.SetText(fmt.Sprintf("Queue (%d)", n))
		q.button.Show()
	}
	u.fillQueueList(waiting)
	order := make([]string, len(waiting))
	for i, j := range waiting {
		order[i] = j.jobID
	}
	if !slices.Equal(order, q.saved) {
		q.saved = order
		if st := u.currentStore(); st != nil && len(order) > 0 {
			background(u, func(ctx context.Context) (struct{}, error) {
				return struct{}{}, st.SetQueueOrder(ctx, order)
			}, func(_ struct{}, err error) {
				if err != nil {
					u.log.Error("queue order", "err", err)
				}
			})
		}
	}
}

func (u *UI) fillQueueList(waiting []queuedJob) {
	q := &u.queueView
	q.list.Objects = nil
	if len(waiting) == 0 {
		q.list.Add(widget.NewLabel("No job is waiting: the next drop starts at once."))
	}
	for i, j := range waiting {
		title := j.title
		if title == "" {
			title = "Job " + pipeline.ShortID(j.jobID)
		}
		if j.resume {
			title += " (to resume)"
		}
		label := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, title))
		label.Truncation = fyne.TextTruncateEllipsis
		id := j.jobID
		front := widget.NewButtonWithIcon("Process next", theme.MediaFastForwardIcon(), func() { u.moveQueued(id, 0) })
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { u.moveQueued(id, i-1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { u.moveQueued(id, i+1) })
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { u.removeQueued(id) })
		if i == 0 {
			front.Disable()
			up.Disable()
		}
		if i == len(waiting)-1 {
			down.Disable()
		}
		q.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(front, up, down, remove), label))
	}
	q.list.Refresh()
}

func (u *UI) showQueue() {
	q := &u.queueView
	u.fillQueueList(u.ctrl.waitingJobs())
	head := widget.NewLabel("Jobs waiting behind the one being read, in the order they will run:")
	head.Wrapping = fyne.TextWrapWord
	q.dialog = dialog.NewCustom("Queue", "Close", container.NewBorder(head, nil, nil, nil, container.NewVScroll(q.list)), u.win)
	size := u.win.Canvas().Size()
	q.dialog.Resize(fyne.NewSize(min(720, size.Width-40), min(420, size.Height-40)))
	q.dialog.Show()
}

func (u *UI) moveQueued(jobID string, to int) {
	if u.ctrl.move(jobID, to) {
		u.refreshQueue()
	}
}

// removeQueued takes a waiting job out of the queue; it stays in History,
// its documents skipped.
func (u *UI) removeQueued(jobID string) {
	if !u.ctrl.remove(jobID) {
		return
	}
	u.refreshQueue()
	background(u, func(ctx context.Context) (*pipeline.Summary, error) {
		runner, err := u.newRunner(u.settings.options())
		if err != nil {
			return nil, err
		}
		defer runner.Close()
		return runner.Withdraw(ctx, jobID)
	}, func(_ *pipeline.Summary, err error) {
		if err != nil {
			u.showError(problemf("The job could not be taken out of the queue: %v", rootCause(err)))
		}
		u.reloadHistory()
	})
}

// jobFinished tells the person, in the window and by a desktop
// notification, that a job ended, with a way back to it.
func (u *UI) jobFinished(sum *pipeline.Summary) {
	title := pipeline.SummaryTitle(sum)
	text := fmt.Sprintf("%d of %d read", sum.SuccessfulDocuments, sum.TotalDocuments)
	if sum.FailedDocuments > 0 {
		text += fmt.Sprintf(", %d failed", sum.FailedDocuments)
	}
	if sum.SkippedDocuments > 0 {
		text += fmt.Sprintf(", %d skipped", sum.SkippedDocuments)
	}
	what := "finished"
	switch sum.Status {
	case pipeline.JobCancelled:
		what = "cancelled"
	case pipeline.JobInterrupted:
		return // the app is closing
	}
	u.app.SendNotification(fyne.NewNotification("Loan Batch: job "+what, title+": "+text))
	u.finishedJob = sum.JobID
	line := fmt.Sprintf("Job %s %s: %s · %s", pipeline.ShortID(sum.JobID), what, text, title)
	if u.notice != "" {
		line += " · " + u.notice
		u.notice = ""
	}
	u.finished.SetText(line)
	u.finishedBox.Show()
}

// startWatching (re)starts taking the documents that appear in the watched
// folder of the settings, each file once: they are registered as a job
// off the UI goroutine and join the queue.
func (u *UI) startWatching() {
	if u.stopWatch != nil {
		u.stopWatch()
		u.stopWatch = nil
	}
	dir := u.settings.snapshot().watchDir
	st := u.currentStore()
	log, ok := st.(watch.Log)
	if dir == "" || st == nil || !ok {
		return
	}
	ctx, stop := context.WithCancel(u.ctx)
	u.stopWatch = stop
	w := &watch.Watcher{
		Dir: dir, Log: log,
		Submit: func(ctx context.Context, paths []string) (string, error) {
			runner, err := u.newRunner(u.settings.options())
			if err != nil {
				return "", err
			}
			defer runner.Close()
			job, err := runner.Enqueue(ctx, paths)
			if err != nil {
				return "", err
			}
			if info, err := runner.JobStatus(ctx, job.JobID); err == nil {
				job = info
			}
			u.ctrl.adopt(queuedJob{jobID: job.JobID, title: job.Title, docs: job.TotalDocuments})
			return job.JobID, nil
		},
		OnError: func(err error) { u.log.Warn("watched folder", "dir", dir, "err", err) },
	}
	u.log.Info("watching a folder", "dir", dir)
	go w.Run(ctx)
}

// tell shows a line in the top bar about something that happened out of
// sight, such as system files left out of a dropped folder.
func (u *UI) tell(text string) {
	u.finishedJob = ""
	u.notice = text // said again when the job ends, which replaces the line
	u.finished.SetText(text)
	u.finishedBox.Show()
}
