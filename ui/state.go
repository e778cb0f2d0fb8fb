package ui

import (
	"fmt"
	"time"

	"loanbatch/pipeline"
)

// rowState is one document's row, owned by the UI goroutine.
type rowState struct {
	fileName    string
	status      pipeline.DocStatus
	stage       pipeline.Stage
	page, pages int
	result      *pipeline.Result
}

// jobState is what the job view shows, owned by the UI goroutine: it is
// changed only by apply and load, called there.
type jobState struct {
	jobID     string
	status    pipeline.JobStatus
	rows      []rowState
	current   int       // the row in progress, -1 for none
	since     time.Time // when the row in progress started
	started   time.Time
	done      int // documents with a result, skipped ones included
	failed    int
	skipped   int  // not read: the job was cancelled first
	live      bool // events still arrive
	endedTime time.Duration
}

func newJobState() *jobState { return &jobState{current: -1} }

// apply changes the state by one event and reports the row it touched
// (-1 for none).
func (s *jobState) apply(e pipeline.Event, now time.Time) int {
	switch e.Kind {
	case pipeline.EventJobStarted:
		*s = jobState{
			jobID: e.JobID, status: pipeline.JobProcessing, rows: make([]rowState, e.Total),
			current: -1, started: now, live: true,
		}
		for i := range s.rows {
			s.rows[i].status = pipeline.DocQueued
			if i < len(e.Files) {
				s.rows[i].fileName = e.Files[i]
			}
		}
		return -1
	case pipeline.EventDocStarted:
		if r := s.row(e.DocIndex); r != nil {
			r.fileName, r.status, r.stage = e.FileName, pipeline.DocProcessing, pipeline.StageValidate
			s.current, s.since = e.DocIndex, now
		}
	case pipeline.EventDocStage:
		if r := s.row(e.DocIndex); r != nil && r.result == nil {
			r.stage = e.Stage
			if r.status == pipeline.DocQueued {
				r.status = pipeline.DocProcessing
			}
			if e.Pages > 0 {
				r.page, r.pages = e.Page, e.Pages
			}
		}
	case pipeline.EventDocDone:
		if r := s.row(e.DocIndex); r != nil && e.Result != nil {
			res := *e.Result
			r.result, r.status, r.fileName, r.stage = &res, res.Status, res.FileName, pipeline.StageDone
			r.pages = res.Pages
			s.done++
			s.count(res.Status)
		}
	case pipeline.EventJobDone:
		if e.Summary != nil {
			s.status = e.Summary.Status
			s.endedTime = time.Duration(e.Summary.TotalProcessingTime * float64(time.Second))
		}
		s.live, s.current = false, -1
		return -1
	}
	return e.DocIndex
}

func (s *jobState) row(i int) *rowState {
	if i < 0 || i >= len(s.rows) {
		return nil
	}
	return &s.rows[i]
}

// load replaces the state with a stored job's summary.
func (s *jobState) load(sum *pipeline.Summary) {
	*s = jobState{
		jobID: sum.JobID, status: sum.Status, current: -1, started: sum.StartTime,
		endedTime: time.Duration(sum.TotalProcessingTime * float64(time.Second)),
	}
	s.rows = make([]rowState, len(sum.Results))
	for i := range sum.Results {
		res := sum.Results[i]
		s.rows[i] = rowState{fileName: res.FileName, status: res.Status, stage: pipeline.StageDone, pages: res.Pages}
		if res.Status != pipeline.DocQueued && res.Status != pipeline.DocProcessing {
			s.rows[i].result = &res
			s.done++
		}
		s.count(res.Status)
	}
}

// count adds a finished document's status to the failed and skipped tallies.
func (s *jobState) count(st pipeline.DocStatus) {
	switch st {
	case pipeline.DocFailed:
		s.failed++
	case pipeline.DocSkipped:
		s.skipped++
	}
}

// progress is the share of documents read, 0–1: a cancelled job's bar
// stops where its reading stopped.
func (s *jobState) progress() float64 {
	if len(s.rows) == 0 {
		return 0
	}
	return float64(s.done-s.skipped) / float64(len(s.rows))
}

// statusLine reads as "7 of 12 · 1 failed · about 0:40 left".
func (s *jobState) statusLine(now time.Time) string {
	if s.jobID == "" {
		return ""
	}
	line := fmt.Sprintf("%d of %d", s.done-s.skipped, len(s.rows))
	if s.failed > 0 {
		line += fmt.Sprintf(" · %d failed", s.failed)
	}
	if s.skipped > 0 {
		line += fmt.Sprintf(" · %d not read", s.skipped)
	}
	switch {
	case s.live && s.done > 0 && s.done < len(s.rows):
		per := now.Sub(s.started) / time.Duration(s.done)
		// A document taking longer than the average so far (a scan after
		// text PDFs, which take milliseconds) says more about the rest.
		if s.current >= 0 && now.Sub(s.since) > per {
			per = now.Sub(s.since)
		}
		if left := per * time.Duration(len(s.rows)-s.done); left < 5*time.Second {
			line += " · a few seconds left"
		} else {
			line += " · about " + formatDuration(left) + " left"
		}
	case s.live:
		line += " · starting"
	case s.status == pipeline.JobInterrupted && s.done == 0:
		line += " · not started: Resume reads it"
	case s.status == pipeline.JobInterrupted:
		line += " · stopped before it finished: Resume reads the rest"
	case s.status == pipeline.JobQueued:
		line += " · waiting its turn"
	case s.status == pipeline.JobCancelled:
		line += " · cancelled after " + formatDuration(s.endedTime)
	default:
		line += " · took " + formatDuration(s.endedTime)
	}
	return line
}
