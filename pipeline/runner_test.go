package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/store"
	"loanbatch/worker"
)

// TestMain lets the test binary double as the runner's worker process.
func TestMain(m *testing.M) {
	if pipelinetest.IsWorker() {
		pipelinetest.RunFaultyWorker(worker.Serve)
		return
	}
	os.Exit(m.Run())
}

func testWorker() *exec.Cmd { return pipelinetest.WorkerCommand() }

// setup opens a store in a temporary data folder and a runner on it that
// records every event.
type setup struct {
	db     *store.DB
	runner *pipeline.Runner
	mu     sync.Mutex
	events []pipeline.Event
}

func newSetup(tb testing.TB, opts pipeline.Options) *setup {
	tb.Helper()
	return newSetupWith(tb, worker.Options{}, opts)
}

// newSetupWith is newSetup with a reader configured by w (its command is
// always the test binary's worker).
func newSetupWith(tb testing.TB, w worker.Options, opts pipeline.Options) *setup {
	tb.Helper()
	db, err := store.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := &setup{db: db}
	w.Command = testWorker
	prev := opts.OnEvent
	opts.OnEvent = func(e pipeline.Event) {
		s.mu.Lock()
		s.events = append(s.events, e)
		s.mu.Unlock()
		if prev != nil {
			prev(e)
		}
	}
	s.runner = pipeline.NewRunner(db, worker.New(w), opts)
	tb.Cleanup(s.runner.Close)
	return s
}

func (s *setup) kinds() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, e := range s.events {
		if e.Kind != pipeline.EventDocStage {
			out = append(out, string(e.Kind))
		}
	}
	return out
}

func scanPNG(tb testing.TB, loan pipelinetest.Loan) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{})); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func textPDF(loan pipelinetest.Loan) []byte {
	return pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
}

func TestRunnerMixedBatch(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	loans := pipelinetest.SampleLoans()
	docs := []pipeline.Document{
		{FileName: "estimate.pdf", Data: textPDF(loans[0])},
		{FileName: "scan-named-like-a.pdf", Data: scanPNG(t, loans[1])},
		{FileName: "old-form.doc", Data: []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00")},
		{FileName: "empty.pdf", Data: nil},
		{FileName: "../../etc/passwd", Data: []byte("root:x:0:0:root:/root:/bin/bash\n")},
	}
	sum, err := s.runner.ProcessBytes(context.Background(), docs)
	if err != nil {
		t.Fatalf("ProcessBytes: %v", err)
	}
	want := []struct {
		name   string
		status pipeline.DocStatus
		kind   pipeline.ErrorKind
		msg    string
	}{
		{"estimate.pdf", pipeline.DocSuccess, "", ""},
		{"scan-named-like-a.pdf", pipeline.DocSuccess, "", ""},
		{"old-form.doc", pipeline.DocFailed, pipeline.KindValidation, "Microsoft Office document (.doc, .xls) is not a supported format: save it as PDF"},
		{"empty.pdf", pipeline.DocFailed, pipeline.KindValidation, "File is empty"},
		{"passwd", pipeline.DocFailed, pipeline.KindValidation, "Plain text file is not a supported format"},
	}
	if len(sum.Results) != len(want) {
		t.Fatalf("%d results; want %d", len(sum.Results), len(want))
	}
	for i, w := range want {
		r := sum.Results[i]
		if r.FileName != w.name || r.Status != w.status || r.ErrorType != w.kind || !strings.HasPrefix(r.ErrorMessage, w.msg) {
			t.Errorf("result %d = %q %s %s %q; want %q %s %s %q…", i, r.FileName, r.Status, r.ErrorType, r.ErrorMessage, w.name, w.status, w.kind, w.msg)
		}
	}
	if r := sum.Results[0]; r.TextSource != pipeline.SourceTextLayer || r.LoanID != loans[0].LoanID || r.DocumentType != pipeline.TypeLoanEstimate {
		t.Errorf("text PDF: source %s, loan %q, type %s", r.TextSource, r.LoanID, r.DocumentType)
	}
	if r := sum.Results[1]; r.TextSource != pipeline.SourceOCR || r.LoanID != loans[1].LoanID {
		t.Errorf("PNG named .pdf: source %s, loan %q; want ocr, %q", r.TextSource, r.LoanID, loans[1].LoanID)
	}
	if sum.Status != pipeline.JobCompletedWithErrors || sum.TotalDocuments != 5 || sum.ProcessedDocuments != 5 ||
		sum.SuccessfulDocuments != 2 || sum.FailedDocuments != 3 || sum.SkippedDocuments != 0 {
		t.Errorf("summary %s total %d processed %d ok %d failed %d skipped %d", sum.Status, sum.TotalDocuments,
			sum.ProcessedDocuments, sum.SuccessfulDocuments, sum.FailedDocuments, sum.SkippedDocuments)
	}
	job, err := s.db.Job(context.Background(), sum.JobID)
	if err != nil || job.Status != pipeline.JobCompletedWithErrors || job.FailedDocuments != 3 || job.CompletedAt == nil {
		t.Errorf("stored job = %+v, %v", job, err)
	}
	// The documents' bytes are stored by hash; the untrusted name never became a path.
	for _, r := range sum.Results[:3] {
		if _, err := os.Stat(s.db.ObjectPath(r.SHA256)); err != nil {
			t.Errorf("object for %s: %v", r.FileName, err)
		}
	}
	if _, err := os.Stat(filepath.Join(s.db.Dir(), "etc")); !os.IsNotExist(err) {
		t.Errorf("a file name became a path in the data folder")
	}
	texts, err := s.db.PageTexts(context.Background(), sum.Results[0].DocumentID)
	if err != nil || len(texts) != 1 || !strings.Contains(texts[0].Text, loans[0].LoanID) {
		t.Errorf("stored page text = %v, %v", texts, err)
	}
	wantKinds := "job_started doc_started doc_done doc_started doc_done doc_started doc_done doc_started doc_done doc_started doc_done job_done"
	if got := strings.Join(s.kinds(), " "); got != wantKinds {
		t.Errorf("events %s;\nwant %s", got, wantKinds)
	}
}

func TestRunnerStopOnFailure(t *testing.T) {
	s := newSetup(t, pipeline.Options{StopOnFailure: true})
	loan := pipelinetest.SampleLoans()[0]
	sum, err := s.runner.ProcessBytes(context.Background(), []pipeline.Document{
		{FileName: "good.pdf", Data: textPDF(loan)},
		{FileName: "bad.gif", Data: []byte("GIF89a")},
		{FileName: "never.pdf", Data: textPDF(loan)},
		{FileName: "never2.pdf", Data: textPDF(loan)},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []pipeline.DocStatus{}
	for _, r := range sum.Results {
		got = append(got, r.Status)
	}
	want := []pipeline.DocStatus{pipeline.DocSuccess, pipeline.DocFailed, pipeline.DocSkipped, pipeline.DocSkipped}
	if strings.Join(statusStrings(got), ",") != strings.Join(statusStrings(want), ",") {
		t.Fatalf("statuses %v; want %v", got, want)
	}
	if sum.ProcessedDocuments != 2 || sum.SkippedDocuments != 2 || sum.Status != pipeline.JobCompletedWithErrors {
		t.Errorf("processed %d skipped %d status %s", sum.ProcessedDocuments, sum.SkippedDocuments, sum.Status)
	}
}

func statusStrings(s []pipeline.DocStatus) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}

func TestRunnerSurvivesWorkerCrashAndHang(t *testing.T) {
	s := newSetupWith(t, worker.Options{DocTimeout: 3 * time.Second, ChildOnly: true}, pipeline.Options{})
	loan := pipelinetest.SampleLoans()[2]
	sum, err := s.runner.ProcessBytes(context.Background(), []pipeline.Document{
		{FileName: "crash.pdf", Data: append(textPDF(loan), "%CRASH-ME\n"...)},
		{FileName: "after-crash.pdf", Data: textPDF(loan)},
		{FileName: "hang.pdf", Data: append(textPDF(loan), "%HANG-ME\n"...)},
		{FileName: "after-hang.pdf", Data: textPDF(loan)},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		status pipeline.DocStatus
		kind   pipeline.ErrorKind
		msg    string
	}{
		{pipeline.DocFailed, pipeline.KindProcessing, "stop unexpectedly"},
		{pipeline.DocSuccess, "", ""},
		{pipeline.DocFailed, pipeline.KindProcessing, "longer than the 3s limit"},
		{pipeline.DocSuccess, "", ""},
	}
	for i, c := range checks {
		r := sum.Results[i]
		if r.Status != c.status || r.ErrorType != c.kind || !strings.Contains(r.ErrorMessage, c.msg) {
			t.Errorf("%s: %s %s %q; want %s %s %q", r.FileName, r.Status, r.ErrorType, r.ErrorMessage, c.status, c.kind, c.msg)
		}
	}
	if sum.Results[3].LoanID != loan.LoanID {
		t.Errorf("document after the hang: loan %q; want %q", sum.Results[3].LoanID, loan.LoanID)
	}
}

func TestRunnerCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := newSetupWith(t, worker.Options{ChildOnly: true}, pipeline.Options{OnEvent: func(e pipeline.Event) {
		if e.Kind == pipeline.EventDocStarted && e.DocIndex == 1 {
			go func() { time.Sleep(300 * time.Millisecond); cancel() }()
		}
	}})
	start := time.Now()
	sum, err := s.runner.ProcessBytes(ctx, hangsSecond(pipelinetest.SampleLoans()[0]))
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("cancel did not stop the document in flight")
	}
	want := []pipeline.DocStatus{pipeline.DocSuccess, pipeline.DocSkipped, pipeline.DocSkipped}
	for i, w := range want {
		if sum.Results[i].Status != w {
			t.Errorf("%s: %s; want %s", sum.Results[i].FileName, sum.Results[i].Status, w)
		}
	}
	if sum.Status != pipeline.JobCancelled {
		t.Errorf("job status %s; want cancelled", sum.Status)
	}
}

func TestRunnerPathsAndMissingFiles(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	dir := t.TempDir()
	good := filepath.Join(dir, "b-estimate.pdf")
	if err := os.WriteFile(good, textPDF(pipelinetest.SampleLoans()[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a-notes.txt"), []byte("Call the borrower on Monday\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("Bud1"), 0o644)
	paths, err := pipeline.ExpandPaths([]string{dir, filepath.Join(dir, "missing.pdf")})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 || filepath.Base(paths[0]) != "a-notes.txt" || filepath.Base(paths[1]) != "b-estimate.pdf" {
		t.Fatalf("ExpandPaths = %v; want the folder's note and PDF then the missing file", paths)
	}
	sum, err := s.runner.ProcessPaths(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Status != pipeline.DocFailed || r.ErrorType != pipeline.KindValidation ||
		!strings.HasPrefix(r.ErrorMessage, "Plain text file is not a supported format: ") {
		t.Errorf("note: %s %s %q", r.Status, r.ErrorType, r.ErrorMessage)
	}
	if r := sum.Results[1]; r.Status != pipeline.DocSuccess {
		t.Errorf("%s: %s %s", r.FileName, r.Status, r.ErrorMessage)
	}
	if r := sum.Results[2]; r.Status != pipeline.DocFailed || r.ErrorType != pipeline.KindValidation || !strings.Contains(r.ErrorMessage, "does not exist") {
		t.Errorf("missing file: %s %s %q", r.Status, r.ErrorType, r.ErrorMessage)
	}
}

// TestExpandFolders: every file of a folder and its subfolders, in name
// order, but the system clutter, which is counted.
func TestExpandFolders(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.pdf", "a.docx", "c/d.png", "c/e/f.txt", "z.eml", "noext",
		".DS_Store", "._b.pdf", "Thumbs.db", "c/desktop.ini", ".hidden/x.pdf", "__MACOSX/c/._d.png",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	exp, err := pipeline.ExpandFolders([]string{dir, "/no/such/file.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range exp.Paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			rel = p
		}
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a.docx", "b.pdf", "c/d.png", "c/e/f.txt", "link", "noext", "z.eml", "../../../no/such/file.pdf"}
	if len(got) != len(want) || strings.Join(got[:len(want)-1], " ") != strings.Join(want[:len(want)-1], " ") ||
		exp.Paths[len(exp.Paths)-1] != "/no/such/file.pdf" {
		t.Errorf("paths = %q; want %q", got, want)
	}
	if exp.Skipped != 6 || exp.SkippedMessage() != "6 system files skipped" {
		t.Errorf("skipped %d, %q; want 6", exp.Skipped, exp.SkippedMessage())
	}
}

// faultyStore injects storage faults into a real store: a full disk when a
// document's bytes are stored, and a failing commit of one result.
type faultyStore struct {
	*store.DB
	fullDiskOn []byte // PutObject of exactly these bytes fails
	failSaveAt int    // SaveResult of this position fails once (-1: never)
}

func (f *faultyStore) PutObject(ctx context.Context, r io.Reader) (string, int64, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", 0, err
	}
	if f.fullDiskOn != nil && bytes.Equal(data, f.fullDiskOn) {
		return "", 0, fmt.Errorf("store object: write: %w: %w", pipeline.ErrDiskFull, syscall.ENOSPC)
	}
	return f.DB.PutObject(ctx, bytes.NewReader(data))
}

func (f *faultyStore) SaveResult(ctx context.Context, jobID string, pos int, res pipeline.Result, pages []pipeline.PageText) error {
	if pos == f.failSaveAt {
		f.failSaveAt = -1
		return fmt.Errorf("save result: %w: database or disk is full", pipeline.ErrDiskFull)
	}
	return f.DB.SaveResult(ctx, jobID, pos, res, pages)
}

func TestRunnerStorageFaults(t *testing.T) {
	db, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loans := pipelinetest.SampleLoans()
	full := textPDF(loans[1])
	fs := &faultyStore{DB: db, fullDiskOn: full, failSaveAt: 2}
	runner := pipeline.NewRunner(fs, worker.New(worker.Options{Command: testWorker}), pipeline.Options{})
	defer runner.Close()
	sum, err := runner.ProcessBytes(context.Background(), []pipeline.Document{
		{FileName: "ok.pdf", Data: textPDF(loans[0])},
		{FileName: "disk-full.pdf", Data: full},
		{FileName: "commit-fails.pdf", Data: textPDF(loans[2])},
		{FileName: "after.pdf", Data: textPDF(loans[0])},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		status pipeline.DocStatus
		kind   pipeline.ErrorKind
		msg    string
	}{
		{pipeline.DocSuccess, "", ""},
		{pipeline.DocFailed, pipeline.KindStorage, "Storing document: disk full"},
		{pipeline.DocFailed, pipeline.KindStorage, "Storing document: disk full"},
		{pipeline.DocSuccess, "", ""},
	}
	for i, w := range want {
		r := sum.Results[i]
		if r.Status != w.status || r.ErrorType != w.kind || r.ErrorMessage != w.msg {
			t.Errorf("%s: %s %s %q; want %s %s %q", r.FileName, r.Status, r.ErrorType, r.ErrorMessage, w.status, w.kind, w.msg)
		}
	}
	if sum.Results[2].Fields.LoanID != "" {
		t.Errorf("a result that could not be stored kept its fields")
	}
	if sum.FailedDocuments != 2 || sum.SuccessfulDocuments != 2 || sum.Status != pipeline.JobCompletedWithErrors {
		t.Errorf("summary: %d ok, %d failed, %s", sum.SuccessfulDocuments, sum.FailedDocuments, sum.Status)
	}
}

func TestSafeName(t *testing.T) {
	long := strings.Repeat("é", 2048)
	tests := []struct{ in, want string }{
		{"../../etc/passwd", "passwd"},
		{"/absolute/path/loan.pdf", "loan.pdf"},
		{`C:\Users\ann\loan.pdf`, "loan.pdf"},
		{"loan\x00.pdf", "loan␀.pdf"},
		{"line\nbreak.pdf", "line␊break.pdf"},
		{"\x1b]52;c;ZWNobyBoaQ==\x07x.pdf", "␛]52;c;ZWNobyBoaQ==␇x.pdf"}, // OSC 52 writes the clipboard
		{"\x1b[2J\rclear.pdf", "␛[2J␍clear.pdf"},
		{"x\n[9∕12] forged.pdf: success", "x␊[9∕12] forged.pdf: success"}, // a division slash: names hold no "/"
		{"invoice\u202efdp.exe", "invoice\ufffdfdp.exe"},                  // shows as "invoiceexe.pdf"
		{"a\u2066b\u2069\u200f.pdf", "a\ufffdb\ufffd\ufffd.pdf"},
		{"\x9b31m.pdf", "\ufffd31m.pdf"}, // C1 CSI
		{"bad\xffbyte.pdf", "bad\ufffdbyte.pdf"},
		{"Prêt 贷款 قرض.pdf", "Prêt 贷款 قرض.pdf"},
		{"..", "unnamed document"},
		{"", "unnamed document"},
		{long, strings.Repeat("é", 255)},
		{"Loan.PDF", "Loan.PDF"}, // names differing by case stay distinct, as shown
	}
	for _, tt := range tests {
		if got := pipeline.SafeName(tt.in); got != tt.want {
			t.Errorf("SafeName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRunnerMemoryLimit(t *testing.T) {
	// Any worker needs more than 1 MB resident: the limit is hit at once.
	s := newSetupWith(t, worker.Options{MemoryLimit: 1 << 20, ChildOnly: true}, pipeline.Options{})
	loan := pipelinetest.SampleLoans()[0]
	sum, err := s.runner.ProcessBytes(context.Background(), []pipeline.Document{
		{FileName: "big.pdf", Data: append(textPDF(loan), "%HANG-ME\n"...)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := sum.Results[0]
	if r.Status != pipeline.DocFailed || r.ErrorType != pipeline.KindProcessing || !strings.Contains(r.ErrorMessage, "more than 1 MB of memory") {
		t.Errorf("%s %s %q", r.Status, r.ErrorType, r.ErrorMessage)
	}
}

// Text-layer PDFs are read in the runner's own process: a job of them
// succeeds even when no worker can start, with the same fields as the
// worker reads, while a scanned PDF in the same job needs the worker and
// fails cleanly without one.
func TestTextPDFsNeedNoWorker(t *testing.T) {
	db, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	noWorker := func() *exec.Cmd { return exec.Command("/nonexistent/loanbatch-worker") }
	runner := pipeline.NewRunner(db, worker.New(worker.Options{Command: noWorker}), pipeline.Options{})
	t.Cleanup(runner.Close)
	loans := pipelinetest.SampleLoans()
	scan := pipelinetest.PDF(pipelinetest.Page{Scan: pipelinetest.Scan(loans[0].EstimateLines(), pipelinetest.ScanOptions{})})
	sum, err := runner.ProcessBytes(context.Background(), []pipeline.Document{
		{FileName: "estimate.pdf", Data: textPDF(loans[0])},
		{FileName: "letter.pdf", Data: pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()})},
		{FileName: "scan.pdf", Data: scan},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []pipelinetest.Loan{loans[0], loans[1]} {
		r := sum.Results[i]
		if r.Status != pipeline.DocSuccess || r.TextSource != pipeline.SourceTextLayer || r.LoanID != want.LoanID {
			t.Errorf("%s: %s, %s, loan %q; want success from the text layer, loan %q", r.FileName, r.Status, r.TextSource, r.LoanID, want.LoanID)
		}
	}
	if r := sum.Results[2]; r.Status != pipeline.DocFailed || r.ErrorType != pipeline.KindUnexpected {
		t.Errorf("scan.pdf without a worker: %s %s %q; want a failed unexpected_error", r.Status, r.ErrorType, r.ErrorMessage)
	}
}

// Cancelling a job of text PDFs while one is being read stops it without
// starting a worker: that document and the rest are skipped, not failed.
func TestCancelTextJobNeedsNoWorker(t *testing.T) {
	db, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runner := pipeline.NewRunner(db, worker.New(worker.Options{Command: func() *exec.Cmd { return exec.Command("/nonexistent/loanbatch-worker") }}), pipeline.Options{
		OnEvent: func(e pipeline.Event) {
			if e.Kind == pipeline.EventDocStage && e.DocIndex == 1 && e.Stage == pipeline.StageValidate {
				cancel()
			}
		},
	})
	t.Cleanup(runner.Close)
	loan := pipelinetest.SampleLoans()[0]
	sum, err := runner.ProcessBytes(ctx, []pipeline.Document{
		{FileName: "a.pdf", Data: textPDF(loan)}, {FileName: "b.pdf", Data: textPDF(loan)}, {FileName: "c.pdf", Data: textPDF(loan)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []pipeline.DocStatus{pipeline.DocSuccess, pipeline.DocSkipped, pipeline.DocSkipped}
	for i, r := range sum.Results {
		if r.Status != want[i] {
			t.Errorf("%s: %s (%s); want %s", r.FileName, r.Status, r.ErrorMessage, want[i])
		}
	}
	if sum.Status != pipeline.JobCancelled {
		t.Errorf("job %s; want cancelled", sum.Status)
	}
}
