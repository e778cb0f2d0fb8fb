package pipeline

// Stage is where a document is in the pipeline.
type Stage string

// Stages, in order.
const (
	StageQueued   Stage = "queued"
	StageValidate Stage = "validate"
	StageText     Stage = "text"
	StageOCR      Stage = "ocr"
	StageFields   Stage = "fields"
	StageStore    Stage = "store"
	StageDone     Stage = "done"
)

// EventKind says what an Event reports.
type EventKind string

// Event kinds. Progress (EventDocStage) may be coalesced by a consumer;
// the others are never dropped.
const (
	EventJobStarted EventKind = "job_started"
	EventDocStarted EventKind = "doc_started"
	EventDocStage   EventKind = "doc_stage"
	EventDocDone    EventKind = "doc_done"
	EventJobDone    EventKind = "job_done"
)

// Event is one progress report from a running job. DocIndex is the
// document's 0-based position in the job; Page and Pages are set for
// page-level progress (OCR page Page of Pages, 1-based).
type Event struct {
	Kind     EventKind
	JobID    string
	Total    int      // documents in the job (job_started)
	Files    []string // every document's name, in order (job_started)
	DocIndex int      // document position (doc_*)
	FileName string   // document name (doc_started)
	Stage    Stage
	Page     int
	Pages    int
	Result   *Result  // doc_done
	Summary  *Summary // job_done
}
