package main_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// binary is loanbatch built once for these end-to-end tests: they run it
// as a user or a script would, worker process included.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "loanbatch-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "loanbatch")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build loanbatch:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(tb testing.TB, args ...string) result {
	tb.Helper()
	return runCLIEnv(tb, nil, args...)
}

// runCLIEnv runs loanbatch with env added to the environment; code is -1
// when a signal killed it.
func runCLIEnv(tb testing.TB, env []string, args ...string) result {
	tb.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "LOANBATCH_DATA=") // no accidental default data folder
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		tb.Fatalf("run %v: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

func write(tb testing.TB, dir, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestProcessMixedBatchEndToEnd(t *testing.T) {
	data := t.TempDir()
	in := t.TempDir()
	loans := pipelinetest.SampleLoans()
	var scan bytes.Buffer
	png.Encode(&scan, pipelinetest.Scan(loans[1].LetterLines(), pipelinetest.ScanOptions{Noise: 0.01, RotateDeg: -0.5, Seed: 3}))
	paths := []string{
		write(t, in, "estimate.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()})),
		write(t, in, "letter-scan.pdf", scan.Bytes()), // a PNG named .pdf
		write(t, in, "form.docx", []byte("PK\x03\x04\x14\x00\x00\x00\x00\x00[Content_Types].xml word/document.xml")),
		write(t, in, "empty.pdf", nil),
	}
	r := runCLI(t, append([]string{"process", "--data", data, "--json"}, paths...)...)
	if r.code != 1 {
		t.Fatalf("exit %d; want 1 (some documents failed)\nstderr: %s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("stdout is not the summary JSON: %v\n%s", err, r.stdout)
	}
	if sum.TotalDocuments != 4 || sum.SuccessfulDocuments != 2 || sum.FailedDocuments != 2 || sum.Status != pipeline.JobCompletedWithErrors {
		t.Errorf("summary %+v", sum)
	}
	if got := sum.Results[1]; got.Status != pipeline.DocSuccess || got.TextSource != pipeline.SourceOCR || got.LoanID != loans[1].LoanID {
		t.Errorf("scan: %s %s %q %s", got.Status, got.TextSource, got.LoanID, got.ErrorMessage)
	}
	for _, line := range []string{
		"Starting batch processing job " + sum.JobID + " with 4 documents",
		"Processing document: estimate.pdf",
		"Document estimate.pdf processed: success",
		"Validation error for form.docx: Word document (.docx) is not a supported format",
		"Batch processing job " + sum.JobID + " completed: 2 successful, 2 failed",
	} {
		if !strings.Contains(r.stderr, line) {
			t.Errorf("stderr lacks %q", line)
		}
	}
	logFile, err := os.ReadFile(filepath.Join(data, "logs", "loanbatch.log"))
	if err != nil || !strings.Contains(string(logFile), "completed: 2 successful, 2 failed") {
		t.Errorf("log file: %v", err)
	}

	// status, history, export on the stored job.
	st := runCLI(t, "status", "--data", data, sum.JobID)
	var job pipeline.JobInfo
	if st.code != 0 || json.Unmarshal([]byte(st.stdout), &job) != nil || job.Status != pipeline.JobCompletedWithErrors ||
		job.TotalDocuments != 4 || job.ProcessedDocuments != 4 || job.FailedDocuments != 2 {
		t.Errorf("status: exit %d, %s", st.code, st.stdout)
	}
	h := runCLI(t, "history", "--data", data)
	if h.code != 0 || !strings.Contains(h.stdout, sum.JobID) || !strings.Contains(h.stdout, "completed_with_errors") {
		t.Errorf("history: exit %d\n%s", h.code, h.stdout)
	}
	out := t.TempDir()
	for _, ext := range []string{"xlsx", "csv", "json", "pdf"} {
		p := filepath.Join(out, "summary."+ext)
		e := runCLI(t, "export", "--data", data, sum.JobID, p)
		if e.code != 0 {
			t.Errorf("export %s: exit %d: %s", ext, e.code, e.stderr)
			continue
		}
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("export %s wrote nothing", ext)
		}
	}
	// The printable report names the loan, the failed file and why it failed.
	report := pipelinetest.PDFText(t, filepath.Join(out, "summary.pdf"))
	for _, want := range []string{loans[0].LoanID, loans[0].Borrower, "form.docx", "Word document (.docx) is not a supported format", "Page 1 of"} {
		if !strings.Contains(report, want) {
			t.Errorf("the PDF report lacks %q:\n%s", want, report)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(out, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Documents")
	if len(rows) != 5 || rows[1][4] != loans[0].LoanID {
		t.Errorf("xlsx Documents rows: %v", rows)
	}
	x.Close()
	var exported pipeline.Summary
	j, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(j, &exported); err != nil || exported.JobID != sum.JobID || len(exported.Results) != 4 {
		t.Errorf("json export: %v", err)
	}

	// The database is consistent and its rows match the summary.
	db, err := sql.Open("sqlite", filepath.Join(data, "loanbatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	var total, processed, failed int
	var status string
	db.QueryRowContext(context.Background(), "PRAGMA integrity_check").Scan(&check)
	db.QueryRowContext(context.Background(), "SELECT status, total_documents, processed_documents, failed_documents FROM processing_jobs WHERE job_id = ?", sum.JobID).
		Scan(&status, &total, &processed, &failed)
	if check != "ok" || status != "completed_with_errors" || total != 4 || processed != 4 || failed != 2 {
		t.Errorf("database: integrity %q, row %s %d %d %d", check, status, total, processed, failed)
	}
}

// TestProcessFolderEveryFileARow: a folder's every file, its subfolders'
// too, is a row in name order; a note is a failed row saying what it is;
// system clutter is left out and counted once on stderr.
func TestProcessFolderEveryFileARow(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	for i, loan := range pipelinetest.SampleLoans() {
		write(t, in, fmt.Sprintf("%d-loan.pdf", 3-i), pipelinetest.PDF(pipelinetest.Page{Lines: loan.TermSheetLines()}))
	}
	write(t, in, "notes.txt", []byte("Borrower will send the W-2 on Monday.\n"))
	write(t, in, ".DS_Store", []byte("\x00\x00\x00\x01Bud1"))
	write(t, in, "._1-loan.pdf", []byte("\x00\x05\x16\x07"))
	if err := os.Mkdir(filepath.Join(in, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(in, "sub"), "Thumbs.db", []byte("x"))
	write(t, filepath.Join(in, "sub"), "0-loan.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].TermSheetLines()}))
	r := runCLI(t, "process", "--json", "--data", data, in)
	if r.code != 1 {
		t.Fatalf("exit %d; want 1 (the note failed)\n%s", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "3 system files skipped") != 1 {
		t.Errorf("stderr does not say once that 3 system files were skipped:\n%s", r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, res := range sum.Results {
		rows = append(rows, res.FileName+" "+string(res.Status))
	}
	want := "1-loan.pdf success|2-loan.pdf success|3-loan.pdf success|notes.txt failed|0-loan.pdf success"
	if strings.Join(rows, "|") != want {
		t.Errorf("rows %q; want %q", rows, want)
	}
	if len(sum.Results) == 5 {
		note := sum.Results[3]
		if note.ErrorType != pipeline.KindValidation || !strings.HasPrefix(note.ErrorMessage, "Plain text file is not a supported format: ") {
			t.Errorf("note: %s %q", note.ErrorType, note.ErrorMessage)
		}
		if sum.Results[0].LoanID != pipelinetest.SampleLoans()[2].LoanID {
			t.Errorf("1-loan.pdf read loan %q", sum.Results[0].LoanID)
		}
	}
}

func TestStopOnFailure(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	loan := pipelinetest.SampleLoans()[0]
	bad := write(t, in, "a.gif", []byte("GIF89a"))
	good := write(t, in, "b.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()}))
	r := runCLI(t, "process", "--stop-on-failure", "--json", "--data", data, bad, good)
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if r.code != 1 || sum.Results[1].Status != pipeline.DocSkipped || sum.SkippedDocuments != 1 {
		t.Errorf("exit %d, second %s", r.code, sum.Results[1].Status)
	}
}

func TestUsageAndJobLevelErrors(t *testing.T) {
	data := t.TempDir()
	notADir := write(t, t.TempDir(), "file", []byte("x"))
	corrupt := t.TempDir()
	write(t, corrupt, "loanbatch.db", bytes.Repeat([]byte("garbage!"), 1000))
	doc := write(t, t.TempDir(), "a.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()}))
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"no documents", []string{"process", "--data", data}, "no documents given"},
		{"unknown flag", []string{"process", "--bogus", doc}, "flag provided but not defined"},
		{"status without id", []string{"status", "--data", data}, "give one JOB_ID"},
		{"unknown job", []string{"status", "--data", data, "no-such-job"}, "no job no-such-job"},
		{"export bad extension", []string{"export", "--data", data, "x", "out.txt"}, "use a .xlsx, .pdf, .csv or .json file name"},
		{"unusable data folder", []string{"process", "--data", notADir, doc}, "cannot use data folder"},
		{"corrupt database", []string{"process", "--data", corrupt, doc}, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d; want 2", r.code)
			}
			if !strings.Contains(r.stderr, tt.msg) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.msg)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace on stderr: %s", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty: %q", r.stdout)
			}
		})
	}
}

// TestCorpusDoneWhen is issue 2's acceptance run on the real CFPB Loan
// Estimate, one of its page images and the six formats it once rejected.
func TestCorpusDoneWhen(t *testing.T) {
	corpus := pipelinetest.CorpusDir(t)
	data := t.TempDir()
	args := []string{
		"process", "--json", "--data", data,
		filepath.Join(corpus, "loan_docs", "cfpb_H24B_loan_estimate_fixed_rate.pdf"),
		filepath.Join(corpus, "loan_docs", "cfpb_H24B_loan_estimate_p1.png"),
	}
	rejected, _ := filepath.Glob(filepath.Join(corpus, "rejected_formats", "*"))
	if len(rejected) != 6 {
		t.Fatalf("%d rejected formats in the corpus; want 6", len(rejected))
	}
	r := runCLI(t, append(args, rejected...)...)
	if r.code != 1 {
		t.Fatalf("exit %d; want 1\n%s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Results) != 8 || sum.ProcessedDocuments != 8 || sum.FailedDocuments < 1 || sum.Status != pipeline.JobCompletedWithErrors {
		t.Fatalf("summary: %d results, %d processed, %d failed, %s", len(sum.Results), sum.ProcessedDocuments, sum.FailedDocuments, sum.Status)
	}
	for i, source := range []pipeline.TextSource{pipeline.SourceTextLayer, pipeline.SourceOCR} {
		if res := sum.Results[i]; res.Status != pipeline.DocSuccess || res.TextSource != source || res.LoanID != "123456789" {
			t.Errorf("%s: %s %s loan %q", res.FileName, res.Status, res.TextSource, res.LoanID)
		}
	}
	// The GIF, WebP, BMP, JPEG 2000 and AVIF photos are read (they hold no
	// loan); the Word file is refused.
	for _, res := range sum.Results[2:] {
		ext := filepath.Ext(res.FileName)
		refused := res.ErrorType == pipeline.KindValidation && strings.Contains(res.ErrorMessage, "is not a supported format")
		if refused != (ext == ".doc") || res.ErrorType == pipeline.KindUnexpected {
			t.Errorf("%s: %s %q", res.FileName, res.ErrorType, res.ErrorMessage)
		}
		if _, err := os.Stat(filepath.Join(data, "objects", res.SHA256[:2], res.SHA256)); err != nil {
			t.Errorf("%s not stored: %v", res.FileName, err)
		}
	}
	for _, cmd := range [][]string{{"status", "--data", data, sum.JobID}, {"history", "--data", data, "--json"}} {
		if r := runCLI(t, cmd...); r.code != 0 || !strings.Contains(r.stdout, sum.JobID) {
			t.Errorf("%v: exit %d", cmd, r.code)
		}
	}
	out := t.TempDir()
	for _, ext := range []string{"xlsx", "csv", "json", "pdf"} {
		if r := runCLI(t, "export", "--data", data, sum.JobID, filepath.Join(out, "s."+ext)); r.code != 0 {
			t.Errorf("export %s: exit %d %s", ext, r.code, r.stderr)
		}
	}
	// The done-when: the report holds the loan and every failure's reason.
	report := strings.Join(strings.Fields(pipelinetest.PDFText(t, filepath.Join(out, "s.pdf"), "-raw")), " ")
	want := []string{"123456789", "Page 1 of"}
	for _, f := range []string{"borrower_name", "lender_name", "loan_amount_cents"} {
		want = append(want, pipeline.FormatValue(f, sum.Results[0].Fields.Get(f)))
	}
	for _, res := range sum.Results[2:] {
		want = append(want, filepath.Base(res.FileName), strings.Join(strings.Fields(res.ErrorMessage), " "))
	}
	for _, w := range want {
		if !strings.Contains(report, w) {
			t.Errorf("the PDF report lacks %q", w)
		}
	}
}

// TestTrickyCorpusRunsClean runs every malformed and hostile file of the
// shared corpus in one job, given as folders: every file has its row, and
// each ends as a success or a clear validation or processing error, never
// unexpected, never a crash or hang.
func TestTrickyCorpusRunsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("85 hostile files, about two minutes")
	}
	corpus := pipelinetest.CorpusDir(t)
	data := t.TempDir()
	folders := []string{filepath.Join(corpus, "tricky_pdf"), filepath.Join(corpus, "tricky_images"), filepath.Join(corpus, "rejected_formats")}
	files := 0
	for _, dir := range folders {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				files++
			}
		}
	}
	r := runCLI(t, append([]string{"process", "--json", "--data", data}, folders...)...)
	if r.code != 1 && r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Status != pipeline.JobCompletedWithErrors || len(sum.Results) != files || sum.ProcessedDocuments != len(sum.Results) {
		t.Errorf("job %s with %d results, %d processed; want a row for each of the %d files", sum.Status, len(sum.Results), sum.ProcessedDocuments, files)
	}
	for _, res := range sum.Results {
		switch {
		case res.Status == pipeline.DocSuccess:
		case res.Status == pipeline.DocFailed && (res.ErrorType == pipeline.KindValidation || res.ErrorType == pipeline.KindProcessing) && res.ErrorMessage != "":
		default:
			t.Errorf("%s: %s %s %q", res.FileName, res.Status, res.ErrorType, res.ErrorMessage)
		}
	}
	if strings.Contains(r.stderr, "panic:") {
		t.Errorf("a panic reached stderr")
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "loanbatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

func scanPNG(tb testing.TB, loan pipelinetest.Loan, seed uint64) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{Noise: 0.004, Seed: seed})); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// TestKillAndResume kills loanbatch process mid-job (kill -9), checks that
// status reports the job interrupted, resumes it from the stored copies
// (the originals deleted), and finds every document exactly once in an
// intact database.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of a dozen scans")
	}
	data, in := t.TempDir(), t.TempDir()
	loans := pipelinetest.SampleLoans()
	var paths []string
	for i := 0; i < 12; i++ {
		paths = append(paths, write(t, in, fmt.Sprintf("scan-%02d.png", i), scanPNG(t, loans[i%3], uint64(i))))
	}
	cmd := exec.Command(binary, append([]string{"process", "--data", data}, paths...)...)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	jobID := waitForJob(t, data, func(j pipeline.JobInfo) bool { return j.ProcessedDocuments >= 3 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	st := runCLI(t, "status", "--data", data, jobID)
	var job pipeline.JobInfo
	if err := json.Unmarshal([]byte(st.stdout), &job); err != nil || job.Status != pipeline.JobInterrupted {
		t.Fatalf("status after kill -9: %s %v", st.stdout, err)
	}
	if job.ProcessedDocuments >= 12 {
		t.Fatalf("the kill came too late: %d documents done", job.ProcessedDocuments)
	}
	for _, p := range paths {
		os.Remove(p) // resume must not need the originals
	}
	r := runCLI(t, "resume", "--json", "--data", data, jobID)
	if r.code != 0 {
		t.Fatalf("resume: exit %d\n%s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, res := range sum.Results {
		if res.Status != pipeline.DocSuccess || res.FileName != fmt.Sprintf("scan-%02d.png", i) || seen[res.DocumentID] {
			t.Errorf("result %d: %s %s %q", i, res.FileName, res.Status, res.ErrorMessage)
		}
		seen[res.DocumentID] = true
	}
	if len(sum.Results) != 12 || sum.Status != pipeline.JobCompleted || sum.SuccessfulDocuments != 12 {
		t.Errorf("resumed job: %d results, %s, %d ok", len(sum.Results), sum.Status, sum.SuccessfulDocuments)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "loanbatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	var rows int
	db.QueryRow("PRAGMA integrity_check").Scan(&check)
	db.QueryRow("SELECT COUNT(*) FROM documents WHERE job_id = ?", jobID).Scan(&rows)
	if check != "ok" || rows != 12 {
		t.Errorf("integrity_check %q, %d document rows", check, rows)
	}
	if again := runCLI(t, "resume", "--data", data, jobID); again.code != 2 || !strings.Contains(again.stderr, "not interrupted") {
		t.Errorf("resuming a finished job: exit %d %s", again.code, again.stderr)
	}
}

// waitForJob polls history until the newest job satisfies cond.
func waitForJob(tb testing.TB, data string, cond func(pipeline.JobInfo) bool) string {
	tb.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		h := runCLI(tb, "history", "--json", "--data", data)
		var jobs []pipeline.JobInfo
		if json.Unmarshal([]byte(h.stdout), &jobs) == nil && len(jobs) > 0 && cond(jobs[0]) {
			return jobs[0].JobID
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatal("the job never got there")
	return ""
}

func TestRetryAndDuplicates(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	loan := pipelinetest.SampleLoans()[0]
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	a := write(t, in, "a.pdf", pdf)
	b := write(t, in, "b-copy.pdf", pdf)
	bad := write(t, in, "c.gif", []byte("GIF89a"))
	r := runCLI(t, "process", "--json", "--data", data, a, b, bad)
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if d := sum.Results[1].DuplicateOf; d == nil || d.DocumentID != sum.Results[0].DocumentID || d.FileName != "a.pdf" {
		t.Errorf("second copy not flagged as a duplicate of the first: %+v", d)
	}
	if sum.Results[1].Status != pipeline.DocSuccess || sum.Results[0].DuplicateOf != nil {
		t.Errorf("duplicates are processed, the first is not flagged: %s %+v", sum.Results[1].Status, sum.Results[0].DuplicateOf)
	}
	rt := runCLI(t, "retry", "--json", "--data", data, sum.JobID)
	var retry pipeline.Summary
	if err := json.Unmarshal([]byte(rt.stdout), &retry); err != nil {
		t.Fatalf("retry: %v\n%s", err, rt.stderr)
	}
	if rt.code != 1 || retry.JobID == sum.JobID || len(retry.Results) != 1 || retry.Results[0].FileName != "c.gif" ||
		retry.Results[0].DuplicateOf == nil {
		t.Errorf("retry: exit %d, %d results", rt.code, len(retry.Results))
	}
	st := runCLI(t, "status", "--data", data, retry.JobID)
	if !strings.Contains(st.stdout, `"retry_of": "`+sum.JobID+`"`) {
		t.Errorf("retry job not linked to the first: %s", st.stdout)
	}
}

// TestCompareCorpusLoans is issue 7's run: the CFPB Loan Estimate and
// Closing Disclosure with two generated loans, compared in the CLI and in
// the exported workbook.
func TestCompareCorpusLoans(t *testing.T) {
	corpus := pipelinetest.CorpusDir(t)
	data, in := t.TempDir(), t.TempDir()
	loans := pipelinetest.SampleLoans()
	docs := filepath.Join(corpus, "loan_docs")
	r := runCLI(t, "process", "--json", "--data", data,
		filepath.Join(docs, "cfpb_H24B_loan_estimate_fixed_rate.pdf"),
		filepath.Join(docs, "cfpb_H25B_closing_disclosure_p1.png"),
		filepath.Join(docs, "cfpb_H25B_closing_disclosure_p5.png"),
		write(t, in, "harbor.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()})),
		write(t, in, "cedar.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()})))
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("%v\n%s", err, r.stderr)
	}
	c := runCLI(t, "compare", "--json", "--data", data, sum.JobID)
	var cmp pipeline.Comparison
	if err := json.Unmarshal([]byte(c.stdout), &cmp); err != nil {
		t.Fatalf("compare: %v\n%s", err, c.stderr)
	}
	if len(cmp.Loans) != 3 || cmp.Loans[0].Key != "123456789" || len(cmp.Loans[0].Documents) != 3 {
		t.Fatalf("loans: %+v", cmp.Loans)
	}
	if cmp.Best[pipeline.MetricAPR] != "123456789" || cmp.Best[pipeline.MetricClosingCosts] != loans[0].LoanID {
		t.Errorf("best: %v", cmp.Best)
	}
	flagged := false
	for _, ch := range cmp.Changes {
		if ch.Field == "closing_costs_cents" && ch.Flagged && ch.Estimate == float64(805400) && ch.Final == float64(971210) {
			flagged = true
		}
	}
	if !flagged {
		t.Errorf("closing costs $8,054 → $9,712.10 not flagged: %+v", cmp.Changes)
	}
	text := runCLI(t, "compare", "--data", data, sum.JobID)
	if !strings.Contains(text.stdout, "! 123456789 closing_costs_cents: $8,054.00 → $9,712.10") || !strings.Contains(text.stdout, "4.174% *") {
		t.Errorf("compare output:\n%s", text.stdout)
	}
	out := filepath.Join(t.TempDir(), "c.xlsx")
	if e := runCLI(t, "export", "--data", data, sum.JobID, out); e.code != 0 {
		t.Fatal(e.stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, _ := f.GetRows("Changes"); len(rows) < 2 || rows[1][4] != "YES" {
		t.Errorf("Changes sheet: %v", rows)
	}
}
