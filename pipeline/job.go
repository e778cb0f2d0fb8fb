// Package pipeline owns Loan Batch's domain: a batch job of loan documents,
// processed one at a time through validate → read text → extract fields →
// normalize → store, with progress reported as events.
//
// The package never imports a UI toolkit; the store is reached only through
// the Store interface.
package pipeline

import "time"

// JobStatus is the lifecycle state of a batch job, as stored in
// processing_jobs.status.
type JobStatus string

// Job statuses, in the order a job moves through them.
const (
	JobQueued              JobStatus = "queued"
	JobProcessing          JobStatus = "processing"
	JobCompleted           JobStatus = "completed"
	JobCompletedWithErrors JobStatus = "completed_with_errors"
	JobFailed              JobStatus = "failed"
	JobInterrupted         JobStatus = "interrupted"
	JobCancelled           JobStatus = "cancelled"
)

// Finished reports whether the job is in a terminal state.
func (s JobStatus) Finished() bool {
	switch s {
	case JobCompleted, JobCompletedWithErrors, JobFailed, JobCancelled:
		return true
	}
	return false
}

// DocStatus is the outcome of one document in a job.
type DocStatus string

// Document statuses. Queued and Processing exist only while a job runs;
// a summary reports success, failed or skipped.
const (
	DocQueued     DocStatus = "queued"
	DocProcessing DocStatus = "processing"
	DocSuccess    DocStatus = "success"
	DocFailed     DocStatus = "failed"
	DocSkipped    DocStatus = "skipped"
)

// TextSource says where a document's text came from.
type TextSource string

// Text sources: every page from the PDF's text layer, every page from OCR, or both.
const (
	SourceTextLayer TextSource = "text_layer"
	SourceOCR       TextSource = "ocr"
	SourceMixed     TextSource = "mixed"
)

// DocumentType is what kind of loan document the content says it is.
type DocumentType string

// Document types recognised from content: the disclosures and letters of
// a loan offer, and the other forms of a loan file (the URLA/Form 1003
// application, the Form 1008 underwriting summary, the promissory Note, the
// servicer's periodic statement).
const (
	TypeLoanEstimate        DocumentType = "loan_estimate"
	TypeClosingDisclosure   DocumentType = "closing_disclosure"
	TypeCommitmentLetter    DocumentType = "commitment_letter"
	TypeLoanApplication     DocumentType = "loan_application"
	TypeUnderwritingSummary DocumentType = "underwriting_summary"
	TypePromissoryNote      DocumentType = "promissory_note"
	TypeMortgageStatement   DocumentType = "mortgage_statement"
	TypeOther               DocumentType = "other"
)

// Document is one input given as bytes. FileName is untrusted display text
// and is never used as a path.
type Document struct {
	FileName string
	Data     []byte
}

// Result is the outcome of one document, in the contract's JSON shape.
type Result struct {
	FileName       string       `json:"file_name"`
	Status         DocStatus    `json:"status"`
	DocumentID     string       `json:"document_id"`
	SHA256         string       `json:"sha256"`
	Pages          int          `json:"pages"`
	TextSource     TextSource   `json:"text_source,omitempty"`
	DocumentType   DocumentType `json:"document_type,omitempty"`
	LoanID         string       `json:"loan_id"`
	Fields         Fields       `json:"fields"`
	ErrorType      ErrorKind    `json:"error_type"`
	ErrorMessage   string       `json:"error_message"`
	ProcessingTime float64      `json:"processing_time"`
	Timestamp      time.Time    `json:"timestamp"`
	// FieldConfidence (0–1) and FieldPages (1-based) by field name, for the
	// fields found.
	FieldConfidence map[string]float64 `json:"field_confidence,omitempty"`
	FieldPages      map[string]int     `json:"field_pages,omitempty"`
	// NeedsReview says a person should check this result: a key field is
	// missing, a cross-check failed or a field is doubtful (ReviewReasons).
	NeedsReview   bool     `json:"needs_review"`
	ReviewReasons []string `json:"review_reasons,omitempty"`
	// DuplicateOf names an earlier document with the same bytes (SHA-256).
	DuplicateOf *DocRef `json:"duplicate_of,omitempty"`
	// Corrections a person made; Fields already hold the corrected values.
	Corrections []Correction `json:"corrections,omitempty"`
	// Reviewed says who marked the result reviewed (NeedsReview is then false).
	Reviewed *Review `json:"reviewed,omitempty"`
}

// DocRef points at a document of a job.
type DocRef struct {
	JobID      string `json:"job_id"`
	DocumentID string `json:"document_id"`
	FileName   string `json:"file_name,omitempty"`
}

// Summary is a job's report: its counts, times and every document's result in
// processing order. Its JSON is the contract's summary.
type Summary struct {
	JobID               string    `json:"job_id"`
	Status              JobStatus `json:"status"`
	TotalDocuments      int       `json:"total_documents"`
	ProcessedDocuments  int       `json:"processed_documents"`
	SuccessfulDocuments int       `json:"successful_documents"`
	FailedDocuments     int       `json:"failed_documents"`
	SkippedDocuments    int       `json:"skipped_documents"`
	StartTime           time.Time `json:"start_time"`
	EndTime             time.Time `json:"end_time"`
	TotalProcessingTime float64   `json:"total_processing_time"`
	Results             []Result  `json:"results"`
}

// JobInfo is a job's row in processing_jobs: what status and history show.
type JobInfo struct {
	JobID               string     `json:"job_id"`
	Status              JobStatus  `json:"status"`
	TotalDocuments      int        `json:"total_documents"`
	ProcessedDocuments  int        `json:"processed_documents"`
	SuccessfulDocuments int        `json:"successful_documents"`
	FailedDocuments     int        `json:"failed_documents"`
	SkippedDocuments    int        `json:"skipped_documents"`
	CreatedAt           time.Time  `json:"created_at"`
	StartedAt           *time.Time `json:"started_at,omitempty"`
	CompletedAt         *time.Time `json:"completed_at,omitempty"`
	StopOnFailure       bool       `json:"stop_on_failure"`
	RetryOf             string     `json:"retry_of,omitempty"` // the job whose failures this one retries
	// Title names the job by its loans (see JobTitle); NeedsReviewDocuments
	// counts its results a person should check.
	Title                string `json:"title"`
	NeedsReviewDocuments int    `json:"needs_review_documents"`
	// QueuePosition orders the jobs waiting in the window's queue (1 runs
	// first; 0 for a job never reordered, which waits in creation order).
	QueuePosition int    `json:"-"`
	Owner         string `json:"-"` // the running process, see ProcessOwner
}
