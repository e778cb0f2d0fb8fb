package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"loanbatch/pipeline"
)

// CreateJob records a new job and its documents, all queued.
func (s *DB) CreateJob(ctx context.Context, job pipeline.JobInfo, docs []pipeline.DocRecord) (err error) {
	defer func() { err = classify(err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create job: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO processing_jobs (job_id, status, total_documents, created_at, owner, stop_on_failure, retry_of)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`,
		job.JobID, job.Status, len(docs), job.CreatedAt.UTC(), job.Owner, job.StopOnFailure, job.RetryOf); err != nil {
		return fmt.Errorf("create job: %w", err)
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO documents (document_id, job_id, position, file_name, sha256, size_bytes, error_type, error_message)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			d.DocumentID, job.JobID, d.Position, d.FileName, d.SHA256, d.SizeBytes, d.ErrorType, d.ErrorMessage); err != nil {
			return fmt.Errorf("create job: document %d: %w", d.Position, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create job: %w", err)
	}
	return nil
}

// SetJobStatus moves a job to status, stamping started_at for processing
// and completed_at for a finished status.
func (s *DB) SetJobStatus(ctx context.Context, jobID string, status pipeline.JobStatus, at time.Time) (err error) {
	defer func() { err = classify(err) }()
	q := `UPDATE processing_jobs SET status = ? WHERE job_id = ?`
	args := []any{status, jobID}
	switch {
	case status == pipeline.JobProcessing:
		q = `UPDATE processing_jobs SET status = ?, started_at = COALESCE(started_at, ?) WHERE job_id = ?`
		args = []any{status, at.UTC(), jobID}
	case status.Finished():
		q = `UPDATE processing_jobs SET status = ?, completed_at = ? WHERE job_id = ?`
		args = []any{status, at.UTC(), jobID}
	}
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("set job status: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return pipeline.ErrJobNotFound
	}
	return nil
}

// SaveResult records a document's result, its pages' text and the job's
// counts in one transaction.
func (s *DB) SaveResult(ctx context.Context, jobID string, position int, r pipeline.Result, pages []pipeline.PageText) (err error) {
	defer func() { err = classify(err) }()
	fields, err := json.Marshal(r.Fields)
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	meta, err := json.Marshal(fieldMeta{Confidence: r.FieldConfidence, Pages: r.FieldPages})
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	reasons, err := json.Marshal(r.ReviewReasons)
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	var dup pipeline.DocRef
	if r.DuplicateOf != nil {
		dup = *r.DuplicateOf
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	defer tx.Rollback()
	var old pipeline.DocStatus
	err = tx.QueryRowContext(ctx, `SELECT status FROM documents WHERE job_id = ? AND position = ?`, jobID, position).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("save result: %w: %d in job %s", pipeline.ErrDocumentNotFound, position, jobID)
	}
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	res, err := tx.ExecContext(ctx, `UPDATE documents SET status = ?, pages = ?, text_source = ?, document_type = ?,
		loan_id = ?, fields_json = ?, error_type = ?, error_message = ?, processing_time = ?, processed_at = ?,
		field_meta_json = ?, needs_review = ?, review_reasons_json = ?, duplicate_of_job = ?, duplicate_of_document = ?,
		unfinished_reads = 0
		WHERE job_id = ? AND position = ?`,
		r.Status, r.Pages, r.TextSource, r.DocumentType, r.LoanID, string(fields), r.ErrorType, r.ErrorMessage,
		r.ProcessingTime, r.Timestamp.UTC(), string(meta), r.NeedsReview, string(reasons), dup.JobID, dup.DocumentID,
		jobID, position)
	if err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("save result: %w: %d in job %s", pipeline.ErrDocumentNotFound, position, jobID)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_pages WHERE document_id = ?`, r.DocumentID); err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	for _, p := range pages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_pages (document_id, page, source, text) VALUES (?, ?, ?, ?)`,
			r.DocumentID, p.Page, p.Source, p.Text); err != nil {
			return fmt.Errorf("save result: page %d: %w", p.Page, err)
		}
	}
	// The job's counts move by this document's change of status: counting
	// the job's documents again on every result made a 2,000-document job
	// spend half its time here.
	d := statusCounts(r.Status).minus(statusCounts(old))
	if _, err := tx.ExecContext(ctx, `UPDATE processing_jobs SET
		successful_documents = successful_documents + ?, failed_documents = failed_documents + ?,
		skipped_documents = skipped_documents + ?, processed_documents = processed_documents + ?
		WHERE job_id = ?`, d.successful, d.failed, d.skipped, d.processed, jobID); err != nil {
		return fmt.Errorf("save result: counts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save result: %w", err)
	}
	return nil
}

// docCounts is what one document adds to its job's counts.
type docCounts struct{ successful, failed, skipped, processed int }

func statusCounts(s pipeline.DocStatus) docCounts {
	switch s {
	case pipeline.DocSuccess:
		return docCounts{successful: 1, processed: 1}
	case pipeline.DocFailed:
		return docCounts{failed: 1, processed: 1}
	case pipeline.DocSkipped:
		return docCounts{skipped: 1}
	}
	return docCounts{}
}

func (c docCounts) minus(o docCounts) docCounts {
	return docCounts{c.successful - o.successful, c.failed - o.failed, c.skipped - o.skipped, c.processed - o.processed}
}

// fieldMeta is what documents.field_meta_json holds.
type fieldMeta struct {
	Confidence map[string]float64 `json:"confidence,omitempty"`
	Pages      map[string]int     `json:"pages,omitempty"`
}

const jobColumns = `job_id, status, total_documents, processed_documents, successful_documents, failed_documents,
	skipped_documents, created_at, started_at, completed_at, owner, stop_on_failure, retry_of, queue_position`

func scanJob(row interface{ Scan(...any) error }) (pipeline.JobInfo, error) {
	var j pipeline.JobInfo
	var started, completed sql.NullTime
	err := row.Scan(&j.JobID, &j.Status, &j.TotalDocuments, &j.ProcessedDocuments, &j.SuccessfulDocuments,
		&j.FailedDocuments, &j.SkippedDocuments, &j.CreatedAt, &started, &completed, &j.Owner, &j.StopOnFailure, &j.RetryOf, &j.QueuePosition)
	if started.Valid {
		t := started.Time.UTC()
		j.StartedAt = &t
	}
	if completed.Valid {
		t := completed.Time.UTC()
		j.CompletedAt = &t
	}
	j.CreatedAt = j.CreatedAt.UTC()
	return j, err
}

// Job returns one job's record, or pipeline.ErrJobNotFound.
func (s *DB) Job(ctx context.Context, jobID string) (pipeline.JobInfo, error) {
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM processing_jobs WHERE job_id = ?`, jobID))
	if errors.Is(err, sql.ErrNoRows) {
		return j, fmt.Errorf("%w: %s", pipeline.ErrJobNotFound, jobID)
	}
	if err != nil {
		return j, fmt.Errorf("read job: %w", err)
	}
	titles, err := s.jobTitles(ctx, []string{jobID})
	if err != nil {
		return j, err
	}
	j.Title, j.NeedsReviewDocuments = titles[jobID].title, titles[jobID].needsReview
	return j, nil
}

// Jobs returns every job, newest first.
func (s *DB) Jobs(ctx context.Context) ([]pipeline.JobInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+jobColumns+` FROM processing_jobs ORDER BY created_at DESC, rowid DESC`)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	var out []pipeline.JobInfo
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("list jobs: %w", err)
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	titles, err := s.jobTitles(ctx, nil)
	if err != nil {
		return nil, err
	}
	for i := range out {
		t := titles[out[i].JobID]
		out[i].Title, out[i].NeedsReviewDocuments = t.title, t.needsReview
	}
	return out, nil
}

// Summary returns a job's report with every document's result in
// processing order. Documents not yet processed are reported as queued.
func (s *DB) Summary(ctx context.Context, jobID string) (*pipeline.Summary, error) {
	j, err := s.Job(ctx, jobID)
	if err != nil {
		return nil, err
	}
	sum := &pipeline.Summary{
		JobID: j.JobID, Status: j.Status, TotalDocuments: j.TotalDocuments, ProcessedDocuments: j.ProcessedDocuments,
		SuccessfulDocuments: j.SuccessfulDocuments, FailedDocuments: j.FailedDocuments, SkippedDocuments: j.SkippedDocuments,
		StartTime: j.CreatedAt, Results: []pipeline.Result{},
	}
	if j.StartedAt != nil {
		sum.StartTime = *j.StartedAt
	}
	end := s.Now().UTC()
	if j.CompletedAt != nil {
		end = *j.CompletedAt
	}
	sum.EndTime = end
	sum.TotalProcessingTime = float64(end.Sub(sum.StartTime).Round(10*time.Millisecond)) / float64(time.Second)

	rows, err := s.db.QueryContext(ctx, `SELECT file_name, status, document_id, sha256, pages, text_source, document_type,
		loan_id, fields_json, error_type, error_message, processing_time, processed_at,
		field_meta_json, needs_review, review_reasons_json, duplicate_of_job, duplicate_of_document,
		(SELECT file_name FROM documents d2 WHERE d2.document_id = documents.duplicate_of_document)
		FROM documents WHERE job_id = ? ORDER BY position`, jobID)
	if err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r pipeline.Result
		var fields, meta, reasons, dupJob, dupDoc string
		var dupName sql.NullString
		var at sql.NullTime
		if err := rows.Scan(&r.FileName, &r.Status, &r.DocumentID, &r.SHA256, &r.Pages, &r.TextSource, &r.DocumentType,
			&r.LoanID, &fields, &r.ErrorType, &r.ErrorMessage, &r.ProcessingTime, &at,
			&meta, &r.NeedsReview, &reasons, &dupJob, &dupDoc, &dupName); err != nil {
			return nil, fmt.Errorf("read results: %w", err)
		}
		if dupDoc != "" {
			r.DuplicateOf = &pipeline.DocRef{JobID: dupJob, DocumentID: dupDoc, FileName: dupName.String}
		}
		if r.Status == pipeline.DocQueued {
			r.ErrorType, r.ErrorMessage = "", "" // a failure known at registration is reported when its turn comes
		}
		var m fieldMeta
		for _, part := range []struct {
			raw string
			dst any
		}{{fields, &r.Fields}, {meta, &m}, {reasons, &r.ReviewReasons}} {
			if err := json.Unmarshal([]byte(part.raw), part.dst); err != nil {
				return nil, fmt.Errorf("read results: %s: %w", r.DocumentID, err)
			}
		}
		r.FieldConfidence, r.FieldPages = m.Confidence, m.Pages
		if at.Valid {
			r.Timestamp = at.Time.UTC()
		}
		sum.Results = append(sum.Results, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	rows.Close()
	if err := s.applyCorrections(ctx, jobID, sum.Results); err != nil {
		return nil, err
	}
	return sum, nil
}

// PageTexts returns the text read from each page of a document.
func (s *DB) PageTexts(ctx context.Context, documentID string) ([]pipeline.PageText, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT page, source, text FROM document_pages WHERE document_id = ? ORDER BY page`, documentID)
	if err != nil {
		return nil, fmt.Errorf("read page text: %w", err)
	}
	defer rows.Close()
	var out []pipeline.PageText
	for rows.Next() {
		var p pipeline.PageText
		if err := rows.Scan(&p.Page, &p.Source, &p.Text); err != nil {
			return nil, fmt.Errorf("read page text: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ClaimJob makes owner the job's runner and marks it processing, if from
// still owns it; pipeline.ErrJobClaimed when another process took it.
// The update is one statement, so two claims are serialised by SQLite.
func (s *DB) ClaimJob(ctx context.Context, jobID, from, owner string, at time.Time) (err error) {
	defer func() { err = classify(err) }()
	res, err := s.db.ExecContext(ctx, `UPDATE processing_jobs SET owner = ?, status = 'processing',
		started_at = COALESCE(started_at, ?), completed_at = NULL WHERE job_id = ? AND owner = ?`, owner, at.UTC(), jobID, from)
	if err != nil {
		return fmt.Errorf("claim job: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if _, err := s.Job(ctx, jobID); err != nil {
		return err
	}
	return fmt.Errorf("%w: %s", pipeline.ErrJobClaimed, jobID)
}

// StartReading counts a start of reading a document, without waiting for
// the disk: the count must survive the process (a crash while reading),
// which the operating system's cache does, not a power cut, and text PDFs
// are read in milliseconds, where an fsync per document would show.
func (s *DB) StartReading(ctx context.Context, jobID string, position int) (err error) {
	defer func() { err = classify(err) }()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("start reading: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
		return fmt.Errorf("start reading: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA synchronous = FULL`)
	res, err := conn.ExecContext(ctx, `UPDATE documents SET unfinished_reads = unfinished_reads + 1
		WHERE job_id = ? AND position = ?`, jobID, position)
	if err != nil {
		return fmt.Errorf("start reading: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("start reading: %w: %d in job %s", pipeline.ErrDocumentNotFound, position, jobID)
	}
	return nil
}

// StopReading takes back a StartReading whose reading ended without a
// result but without a crash: the application stopped it (closing), so the
// document is not suspect when the job is resumed.
func (s *DB) StopReading(ctx context.Context, jobID string, position int) (err error) {
	defer func() { err = classify(err) }()
	if _, err := s.db.ExecContext(ctx, `UPDATE documents SET unfinished_reads = max(unfinished_reads - 1, 0)
		WHERE job_id = ? AND position = ?`, jobID, position); err != nil {
		return fmt.Errorf("stop reading: %w", err)
	}
	return nil
}

// PendingDocuments are a job's documents without a result, in order.
func (s *DB) PendingDocuments(ctx context.Context, jobID string) ([]pipeline.DocRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, position, file_name, sha256, size_bytes, error_type, error_message,
		unfinished_reads FROM documents WHERE job_id = ? AND status IN ('queued', 'processing') ORDER BY position`, jobID)
	if err != nil {
		return nil, fmt.Errorf("pending documents: %w", err)
	}
	defer rows.Close()
	var out []pipeline.DocRecord
	for rows.Next() {
		var d pipeline.DocRecord
		if err := rows.Scan(&d.DocumentID, &d.Position, &d.FileName, &d.SHA256, &d.SizeBytes, &d.ErrorType, &d.ErrorMessage, &d.UnfinishedReads); err != nil {
			return nil, fmt.Errorf("pending documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FindDuplicate returns the earliest other document with the same bytes
// that has a result, or nil.
func (s *DB) FindDuplicate(ctx context.Context, sha, documentID string) (*pipeline.DocRef, error) {
	if sha == "" {
		return nil, nil
	}
	var ref pipeline.DocRef
	err := s.db.QueryRowContext(ctx, `SELECT d.job_id, d.document_id, d.file_name FROM documents d
		JOIN processing_jobs j ON j.job_id = d.job_id
		WHERE d.sha256 = ? AND d.processed_at IS NOT NULL AND d.document_id <> ? AND d.status IN ('success', 'failed')
		ORDER BY d.processed_at, j.created_at, d.position LIMIT 1`, sha, documentID).Scan(&ref.JobID, &ref.DocumentID, &ref.FileName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find duplicate: %w", err)
	}
	return &ref, nil
}

// MarkInterrupted moves unfinished jobs whose owner is not alive to
// interrupted, and returns every interrupted job, newest first.
func (s *DB) MarkInterrupted(ctx context.Context, alive func(owner string) bool) ([]pipeline.JobInfo, error) {
	jobs, err := s.Jobs(ctx)
	if err != nil {
		return nil, err
	}
	var out []pipeline.JobInfo
	for _, j := range jobs {
		if (j.Status == pipeline.JobProcessing || j.Status == pipeline.JobQueued) && !alive(j.Owner) {
			if _, err := s.db.ExecContext(ctx, `UPDATE processing_jobs SET status = 'interrupted' WHERE job_id = ? AND owner = ?`,
				j.JobID, j.Owner); err != nil {
				return nil, fmt.Errorf("mark interrupted: %w", err)
			}
			j.Status = pipeline.JobInterrupted
		}
		if j.Status == pipeline.JobInterrupted {
			out = append(out, j)
		}
	}
	return out, nil
}
