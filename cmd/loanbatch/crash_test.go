package main_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// crashMarker makes the fault-injecting loanbatch (LOANBATCH_TEST_CRASH_MARKER)
// kill itself when it reads a document containing it.
const crashMarker = "KILLS-THE-READER-14"

func runCrashing(t *testing.T, args ...string) result {
	t.Helper()
	return runCLIEnv(t, []string{"LOANBATCH_TEST_CRASH_MARKER=" + crashMarker}, args...)
}

// A document that kills the process however it is read interrupts its job;
// the first resume reads it in the worker only and dies again; the second
// fails it ("crashed the reader twice") and finishes the job, every other
// document done exactly once.
func TestCrashingDocumentFinishesWithinTwoResumes(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	loans := pipelinetest.SampleLoans()
	var paths []string
	for i, l := range loans {
		pdf := pipelinetest.PDF(pipelinetest.Page{Lines: l.EstimateLines()})
		if i == 1 {
			pdf = append(pdf, "%"+crashMarker+"\n"...)
		}
		paths = append(paths, write(t, in, fmt.Sprintf("loan-%d.pdf", i), pdf))
	}
	if r := runCrashing(t, append([]string{"process", "--data", data}, paths...)...); r.code != -1 {
		t.Fatalf("process did not crash: exit %d\n%s", r.code, r.stderr)
	}
	jobID := waitForJob(t, data, func(j pipeline.JobInfo) bool { return j.Status == pipeline.JobInterrupted })
	if r := runCrashing(t, "resume", "--data", data, jobID); r.code != -1 {
		t.Fatalf("first resume did not crash: exit %d\n%s", r.code, r.stderr)
	}
	r := runCrashing(t, "resume", "--json", "--data", data, jobID)
	if r.code != 1 {
		t.Fatalf("second resume: exit %d\n%s", r.code, r.stderr)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	for i, res := range sum.Results {
		ok := res.Status == pipeline.DocSuccess
		if i == 1 {
			ok = res.Status == pipeline.DocFailed && res.ErrorType == pipeline.KindProcessing &&
				strings.Contains(res.ErrorMessage, "crashed the reader twice")
		}
		if !ok || res.FileName != fmt.Sprintf("loan-%d.pdf", i) {
			t.Errorf("%s: %s %s %q", res.FileName, res.Status, res.ErrorType, res.ErrorMessage)
		}
	}
	if len(sum.Results) != 3 || sum.Status != pipeline.JobCompletedWithErrors || sum.ProcessedDocuments != 3 {
		t.Errorf("job %s, %d results, %d processed", sum.Status, len(sum.Results), sum.ProcessedDocuments)
	}
}

// Two resumes of one interrupted job at once: one finishes it, the other
// stops with exit 2 and says why; no document is read twice.
func TestConcurrentResumesOneRuns(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	var paths []string
	for i := range 6 {
		pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[i%3].EstimateLines()})
		if i == 0 {
			pdf = append(pdf, "%"+crashMarker+"\n"...)
		}
		paths = append(paths, write(t, in, fmt.Sprintf("loan-%d.pdf", i), pdf))
	}
	runCrashing(t, append([]string{"process", "--data", data}, paths...)...)
	jobID := waitForJob(t, data, func(j pipeline.JobInfo) bool { return j.Status == pipeline.JobInterrupted })
	var wg sync.WaitGroup
	results := make([]result, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runCLI(t, "resume", "--json", "--data", data, jobID)
		}()
	}
	wg.Wait()
	ran, refused := 0, 0
	for _, r := range results {
		switch {
		case r.code == 0:
			ran++
			var sum pipeline.Summary
			if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || sum.SuccessfulDocuments != 6 {
				t.Errorf("the resume that ran: %v %+v", err, sum)
			}
		case r.code == 2 && (strings.Contains(r.stderr, "another process") || strings.Contains(r.stderr, "not interrupted")):
			refused++
		default:
			t.Errorf("resume: exit %d\n%s", r.code, r.stderr)
		}
	}
	if ran != 1 || refused != 1 {
		t.Errorf("%d resumes ran, %d refused; want one each", ran, refused)
	}
}
