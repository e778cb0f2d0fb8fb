package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Log attribute keys, shared by every log line about a job.
const (
	LogJobID = "job_id"
	LogDoc   = "doc"
	LogStage = "stage"
)

// Options configure a Runner. The zero value processes with the contract's
// defaults: continue after failures, 50 MB / 50 pages, English OCR and a
// five-minute limit per document.
type Options struct {
	StopOnFailure bool             // mark the documents after the first failure skipped
	Limits        Limits           // validation limits; zero fields take defaults
	Language      string           // Tesseract language; "eng" when empty
	Logger        *slog.Logger     // nil means slog.Default()
	OnEvent       func(Event)      // called on the runner's goroutine; must not block for long
	Now           func() time.Time // nil means time.Now
}

// Runner processes batch jobs one document at a time, in order, and records
// every result in its Store as it finishes. A Runner runs one job at a time;
// Close stops its worker.
type Runner struct {
	store  Store
	opts   Options
	log    *slog.Logger
	reader Reader
	mu     sync.Mutex // one job at a time
}

// NewRunner returns a runner that reads documents with reader and writes
// to store. The runner owns reader from then on: Close closes it.
func NewRunner(store Store, reader Reader, opts Options) *Runner {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		// Milliseconds are precise enough for a record and read better.
		opts.Now = func() time.Time { return time.Now().Truncate(time.Millisecond) }
	}
	if opts.Language == "" {
		opts.Language = "eng"
	}
	opts.Limits = opts.Limits.WithDefaults()
	return &Runner{store: store, reader: reader, opts: opts, log: opts.Logger.With("component", "runner")}
}

// Close closes the runner's reader.
func (r *Runner) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reader.Close()
}

// input is one document of a job before it is registered.
type input struct {
	name string
	path string // read from here when data is nil
	data []byte
}

// ProcessPaths runs one job over the files at paths, in order. Folders must
// be expanded by the caller (see ExpandPaths). The returned error is a
// job-level failure (the store could not be written); document failures
// are results in the summary.
func (r *Runner) ProcessPaths(ctx context.Context, paths []string) (*Summary, error) {
	in := make([]input, len(paths))
	for i, p := range paths {
		in[i] = input{name: SafeName(p), path: p}
	}
	return r.run(ctx, in, "")
}

// ProcessBytes runs one job over documents given as bytes. Their file
// names are display text only.
func (r *Runner) ProcessBytes(ctx context.Context, docs []Document) (*Summary, error) {
	in := make([]input, len(docs))
	for i, d := range docs {
		data := d.Data
		if data == nil {
			data = []byte{}
		}
		in[i] = input{name: SafeName(d.FileName), data: data}
	}
	return r.run(ctx, in, "")
}

// JobStatus returns a job's record.
func (r *Runner) JobStatus(ctx context.Context, jobID string) (JobInfo, error) {
	return r.store.Job(ctx, jobID)
}

// pending is a registered document and what registering it found.
type pending struct {
	rec    DocRecord
	preErr error // a failure known before processing (unreadable, empty, too large)
}

func (r *Runner) run(ctx context.Context, inputs []input, retryOf string) (*Summary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.reader.Expect(sources(inputs))
	job, docs, err := r.create(ctx, inputs, retryOf)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.rec.FileName
	}
	return r.execute(ctx, job, names, docs, nil, r.opts.StopOnFailure)
}

// create registers inputs (their bytes copied into the store) as a queued
// job. It does not need the runner's lock: it touches only the store.
func (r *Runner) create(ctx context.Context, inputs []input, retryOf string) (JobInfo, []pending, error) {
	jobID := uuid.NewString()
	// Registering is mostly waiting for fsync: several files at once.
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	registered := make([][]pending, len(inputs)) // an archive is many documents
	for i, in := range inputs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			registered[i] = r.register(ctx, in)
		}()
	}
	wg.Wait()
	var docs []pending
	for _, ds := range registered {
		docs = append(docs, ds...)
	}
	recs := make([]DocRecord, len(docs))
	for i := range docs {
		docs[i].rec.Position = i
		recs[i] = docs[i].rec
		if docs[i].preErr != nil {
			recs[i].ErrorType, recs[i].ErrorMessage = KindOf(docs[i].preErr), MessageOf(docs[i].preErr)
		}
	}
	job := JobInfo{
		JobID: jobID, Status: JobQueued, TotalDocuments: len(docs), CreatedAt: r.opts.Now(),
		Owner: ProcessOwner(), StopOnFailure: r.opts.StopOnFailure, RetryOf: retryOf,
	}
	if err := r.store.CreateJob(ctx, job, recs); err != nil {
		return JobInfo{}, nil, fmt.Errorf("create job: %w", err)
	}
	return job, docs, nil
}

// execute processes docs (positions in the job) one at a time. done are
// results already stored (a resumed job); names are all the job's files.
func (r *Runner) execute(ctx context.Context, job JobInfo, names []string, docs []pending, done []doneResult, stopOnFailure bool) (*Summary, error) {
	jobID := job.JobID
	log := r.log.With(LogJobID, jobID)
	if len(done) == 0 {
		log.Info(fmt.Sprintf("Starting batch processing job %s with %d documents", jobID, len(names)))
	} else {
		log.Info(fmt.Sprintf("Resuming batch processing job %s: %d of %d documents left", jobID, len(docs), len(names)))
	}
	r.emit(Event{Kind: EventJobStarted, JobID: jobID, Total: len(names), Files: names})
	failed := 0
	for i := range done {
		if done[i].result.Status == DocFailed {
			failed++
		}
		r.emit(Event{Kind: EventDocDone, JobID: jobID, DocIndex: done[i].position, Stage: StageDone, Result: &done[i].result})
	}
	if err := r.store.ClaimJob(ctx, jobID, job.Owner, job.Owner, r.opts.Now()); err != nil {
		return nil, fmt.Errorf("start job: %w", err)
	}

	cancelled := false
	for _, d := range docs {
		i := d.rec.Position
		var res Result
		var pages []PageText
		if shuttingDown(ctx) {
			return r.interrupt(log, job)
		}
		switch {
		case cancelled || ctx.Err() != nil:
			cancelled = true
			res = r.skipped(d.rec, "Skipped: the job was cancelled")
		case stopOnFailure && failed > 0:
			res = r.skipped(d.rec, "Skipped: an earlier document failed and the job stops on the first failure")
		case d.rec.UnfinishedReads >= maxUnfinishedReads:
			res = r.crashedTwice(log, d.rec)
		default:
			r.emit(Event{Kind: EventDocStarted, JobID: jobID, DocIndex: i, FileName: d.rec.FileName})
			log.Info("Processing document: "+d.rec.FileName, LogDoc, d.rec.FileName)
			res, pages = r.processOne(ctx, log, jobID, i, d)
			if res.Status == DocSkipped && shuttingDown(ctx) {
				if err := r.store.StopReading(context.WithoutCancel(ctx), jobID, i); err != nil {
					log.Warn("stop reading", LogDoc, d.rec.FileName, "err", err)
				}
				return r.interrupt(log, job) // the document stays pending for Resume
			}
			if res.Status == DocSkipped {
				cancelled = true
			}
		}
		r.emit(Event{Kind: EventDocStage, JobID: jobID, DocIndex: i, Stage: StageStore})
		// A cancelled job still records what happened to each document.
		saveCtx := context.WithoutCancel(ctx)
		if err := r.store.SaveResult(saveCtx, jobID, i, res, pages); err != nil {
			log.Error("Storing result failed", LogDoc, d.rec.FileName, "err", err)
			res.Status, res.ErrorType = DocFailed, KindStorage
			res.ErrorMessage = "Storing document: " + storageReason(err)
			res.Fields, res.FieldConfidence, res.FieldPages = Fields{}, nil, nil
			if err2 := r.store.SaveResult(saveCtx, jobID, i, res, nil); err2 != nil {
				log.Error("Batch processing job failed: results cannot be stored", "err", err2)
				_ = r.store.SetJobStatus(saveCtx, jobID, JobFailed, r.opts.Now())
				return nil, fmt.Errorf("store result: %w", err2)
			}
		}
		if res.Status == DocFailed {
			failed++
		}
		r.emit(Event{Kind: EventDocDone, JobID: jobID, DocIndex: i, Stage: StageDone, Result: &res})
	}

	endCtx := context.WithoutCancel(ctx)
	counts, err := r.store.Job(endCtx, jobID)
	if err != nil {
		return nil, fmt.Errorf("read job: %w", err)
	}
	status := JobCompleted
	switch {
	case cancelled:
		status = JobCancelled
	case counts.SuccessfulDocuments < counts.TotalDocuments:
		status = JobCompletedWithErrors
	}
	if err := r.store.SetJobStatus(endCtx, jobID, status, r.opts.Now()); err != nil {
		return nil, fmt.Errorf("finish job: %w", err)
	}
	sum, err := r.store.Summary(endCtx, jobID)
	if err != nil {
		return nil, fmt.Errorf("read summary: %w", err)
	}
	log.Info(fmt.Sprintf("Batch processing job %s completed: %d successful, %d failed", jobID, sum.SuccessfulDocuments, sum.FailedDocuments),
		"status", status, "skipped", sum.SkippedDocuments, "seconds", sum.TotalProcessingTime)
	r.emit(Event{Kind: EventJobDone, JobID: jobID, Summary: sum})
	return sum, nil
}

// register stores an input's bytes and returns its record, or for a ZIP
// archive those of its documents (see registerArchive). Inputs that cannot
// be read, are empty or too large are not stored; their failure is
// reported when their turn comes.
func (r *Runner) register(ctx context.Context, in input) []pending {
	p := pending{rec: DocRecord{DocumentID: uuid.NewString(), FileName: in.name}}
	var src interface {
		io.Reader
		io.ReaderAt
	}
	if in.data != nil {
		p.rec.SizeBytes = int64(len(in.data))
		src = bytes.NewReader(in.data)
	} else {
		f, st, err := OpenInput(in.path)
		if err != nil {
			p.preErr = err
			return []pending{p}
		}
		defer f.Close()
		p.rec.SizeBytes = st.Size()
		src = f
	}
	if docs, ok := r.registerPossibleArchive(ctx, in.name, src, p.rec.SizeBytes); ok {
		return docs
	}
	if err := CheckSize(p.rec.SizeBytes, r.opts.Limits); err != nil {
		p.preErr = err
		return []pending{p}
	}
	// Read no more than the limit, whatever the file claims.
	sha, n, err := r.store.PutObject(ctx, io.LimitReader(src, r.opts.Limits.MaxBytes+1))
	if err != nil {
		p.preErr = &Error{Kind: KindStorage, Stage: StageStore, Message: "Storing document: " + storageReason(err), Err: err}
		return []pending{p}
	}
	p.rec.SHA256, p.rec.SizeBytes = sha, n
	if err := CheckSize(n, r.opts.Limits); err != nil {
		p.preErr = err
	}
	return []pending{p}
}

func (r *Runner) skipped(rec DocRecord, msg string) Result {
	return Result{
		FileName: rec.FileName, Status: DocSkipped, DocumentID: rec.DocumentID, SHA256: rec.SHA256,
		ErrorMessage: msg, Timestamp: r.opts.Now().UTC(),
	}
}

// processOne reads one registered document in the worker and turns what
// came back into its result.
func (r *Runner) processOne(ctx context.Context, log *slog.Logger, jobID string, i int, d pending) (Result, []PageText) {
	start := r.opts.Now()
	res := Result{FileName: d.rec.FileName, DocumentID: d.rec.DocumentID, SHA256: d.rec.SHA256}
	finish := func() {
		res.ProcessingTime = roundSeconds(r.opts.Now().Sub(start))
		res.Timestamp = r.opts.Now().UTC()
	}
	err := d.preErr
	var a *Analysis
	if err == nil {
		a, err = r.analyze(ctx, jobID, i, r.store.ObjectPath(d.rec.SHA256), d.rec.UnfinishedReads > 0)
	}
	finish()
	if err != nil {
		if isCancel(err) {
			res.Status, res.ErrorMessage = DocSkipped, "Skipped: the job was cancelled while this document was being read"
			return res, nil
		}
		res.Status, res.ErrorType, res.ErrorMessage = DocFailed, KindOf(err), MessageOf(err)
		r.markDuplicate(ctx, &res)
		attrs := []any{LogDoc, d.rec.FileName, "document_id", d.rec.DocumentID, "error_type", res.ErrorType}
		var e *Error
		if errors.As(err, &e) {
			attrs = append(attrs, LogStage, e.Stage)
			if e.Err != nil {
				attrs = append(attrs, "cause", e.Err.Error())
			}
		}
		if res.ErrorType == KindValidation {
			log.Warn(fmt.Sprintf("Validation error for %s: %s", d.rec.FileName, res.ErrorMessage), attrs...)
		} else {
			log.Error(fmt.Sprintf("Document %s processed: failed: %s", d.rec.FileName, res.ErrorMessage), attrs...)
		}
		return res, nil
	}
	res.Status = DocSuccess
	r.markDuplicate(ctx, &res)
	res.Pages, res.TextSource, res.DocumentType = a.Pages, a.TextSource, a.DocumentType
	res.Fields, res.LoanID = a.Fields, a.Fields.LoanID
	res.FieldConfidence, res.FieldPages = a.FieldConfidence, a.FieldPages
	res.NeedsReview, res.ReviewReasons = a.NeedsReview, a.ReviewReasons
	log.Info(fmt.Sprintf("Document %s processed: success", d.rec.FileName), LogDoc, d.rec.FileName,
		"document_id", d.rec.DocumentID, "pages", a.Pages, "text_source", a.TextSource, "fields", a.Fields.Count(),
		"seconds", res.ProcessingTime)
	return res, a.PageTexts
}

// markDuplicate flags a document whose bytes an earlier document had.
func (r *Runner) markDuplicate(ctx context.Context, res *Result) {
	ref, err := r.store.FindDuplicate(context.WithoutCancel(ctx), res.SHA256, res.DocumentID)
	if err != nil {
		r.log.Warn("duplicate lookup failed", LogDoc, res.FileName, "err", err)
		return
	}
	res.DuplicateOf = ref
}

func roundSeconds(d time.Duration) float64 {
	return float64(d.Round(10*time.Millisecond)) / float64(time.Second)
}

// analyze reads one stored document with the reader. Its start is
// recorded first (crash.go): a document that was being read when the
// process died is suspect, and read only in isolation.
func (r *Runner) analyze(ctx context.Context, jobID string, i int, path string, suspect bool) (*Analysis, error) {
	if err := r.store.StartReading(context.WithoutCancel(ctx), jobID, i); err != nil {
		r.log.Warn("Could not record that reading starts", LogJobID, jobID, "position", i, "err", err)
	}
	crashOnMarker(path)
	req := ReadRequest{Path: path, Limits: r.opts.Limits, Language: r.opts.Language, Isolated: suspect}
	return r.reader.Read(ctx, req, func(s Stage, page, pages int) {
		r.emit(Event{Kind: EventDocStage, JobID: jobID, DocIndex: i, Stage: s, Page: page, Pages: pages})
	})
}

// sources are what a job's inputs are, for Reader.Expect.
func sources(inputs []input) []Source {
	out := make([]Source, len(inputs))
	for i, in := range inputs {
		out[i] = Source{Path: in.path, Data: in.data}
	}
	return out
}

func (r *Runner) emit(e Event) {
	if r.opts.OnEvent != nil {
		r.opts.OnEvent(e)
	}
}

func openReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// storageReason words a storage failure for a person.
func storageReason(err error) string {
	switch {
	case errors.Is(err, ErrDiskFull):
		return ErrDiskFull.Error()
	case errors.Is(err, ErrReadOnly), errors.Is(err, os.ErrPermission):
		return ErrReadOnly.Error()
	}
	return err.Error()
}
