package pipeline

import (
	"context"
	"errors"
	"io"
	"time"
)

// ErrJobNotFound is returned by a Store for a job ID it does not hold.
var ErrJobNotFound = errors.New("pipeline: job not found")

// ErrDocumentNotFound is returned by a Store for a document ID it does not
// hold.
var ErrDocumentNotFound = errors.New("pipeline: document not found")

// ErrJobClaimed is returned by ClaimJob when another process took the job.
var ErrJobClaimed = errors.New("pipeline: job is run by another process")

// DocRecord is a document as registered when its job is created.
type DocRecord struct {
	DocumentID string
	Position   int // 0-based processing order
	FileName   string
	SHA256     string // empty when the bytes were not stored (unreadable, empty or too large)
	SizeBytes  int64
	// A failure known at registration (unreadable, empty, too large), kept
	// so that a resumed job reports it as the first run would have.
	ErrorType    ErrorKind
	ErrorMessage string
	// UnfinishedReads counts the times reading this document started and
	// its process died before a result was saved.
	UnfinishedReads int
}

// Errors a Store's writes wrap when the failure is one a person can act on.
var (
	ErrDiskFull = errors.New("disk full")
	ErrReadOnly = errors.New("the data folder is read-only")
)

// Store keeps jobs, their documents' results and the documents' bytes. The
// runner alone writes to it; every method commits before it returns.
//
// Errors: a write that fails because the disk is full wraps ErrDiskFull,
// because the data folder is read-only ErrReadOnly; a method given a job
// it does not hold wraps ErrJobNotFound, a document ErrDocumentNotFound;
// CorrectFields wraps ErrUnknownField for a key not in FieldTable and
// ClaimJob returns ErrJobClaimed. Anything else is the database's or the
// file system's own error.
type Store interface {
	// PutObject stores a document's bytes once, by their SHA-256.
	PutObject(ctx context.Context, r io.Reader) (sha256 string, size int64, err error)
	// ObjectPath is where a stored document's bytes can be read.
	ObjectPath(sha256 string) string
	CreateJob(ctx context.Context, job JobInfo, docs []DocRecord) error
	// SetJobStatus moves a job to status; processing stamps its start and a
	// finished status its completion.
	SetJobStatus(ctx context.Context, jobID string, status JobStatus, at time.Time) error
	// SaveResult records one document's result and the job's counts in one
	// transaction.
	SaveResult(ctx context.Context, jobID string, position int, res Result, pages []PageText) error
	Job(ctx context.Context, jobID string) (JobInfo, error)
	Jobs(ctx context.Context) ([]JobInfo, error)
	Summary(ctx context.Context, jobID string) (*Summary, error)
	// PageTexts returns the text read from each page of a document.
	PageTexts(ctx context.Context, documentID string) ([]PageText, error)
	// ClaimJob makes owner the job's runner and marks it processing,
	// provided the job's owner is still from: of two processes that claim
	// one job, one gets ErrJobClaimed.
	ClaimJob(ctx context.Context, jobID, from, owner string, at time.Time) error
	// StartReading records, before a document is read, that its reading
	// started; SaveResult clears the record. It needs no fsync: it only
	// has to survive the process, not the machine.
	StartReading(ctx context.Context, jobID string, position int) error
	// StopReading takes back a StartReading when the application itself
	// stopped the reading (it is closing): no crash, nothing suspect.
	StopReading(ctx context.Context, jobID string, position int) error
	// PendingDocuments are a job's documents without a result yet, in order.
	PendingDocuments(ctx context.Context, jobID string) ([]DocRecord, error)
	// FindDuplicate returns the earliest other document with the same
	// SHA-256 that has a result, or nil.
	FindDuplicate(ctx context.Context, sha256, documentID string) (*DocRef, error)
	// MarkInterrupted moves unfinished jobs whose owner is not alive to
	// interrupted and returns them.
	MarkInterrupted(ctx context.Context, alive func(owner string) bool) ([]JobInfo, error)
	// CorrectFields records a person's values for fields of a document,
	// beside the extracted ones, in one transaction; Summary then reports
	// the corrected values.
	CorrectFields(ctx context.Context, documentID string, values map[string]any, by string, at time.Time) error
	// Search finds documents of every job by their names, loan ID,
	// address, file name and text, best first, at most limit.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// SetQueueOrder records the order of waiting jobs: jobIDs[0] runs next.
	SetQueueOrder(ctx context.Context, jobIDs []string) error
	// MarkReviewed records that a person checked a document's result.
	MarkReviewed(ctx context.Context, documentID, by string, at time.Time) error
}
