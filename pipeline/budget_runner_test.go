package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// A text PDF that outlasts the in-process reader's time limit is read by
// the worker, and the in-process reader stops: once the runner is closed,
// no goroutine of the job is left.
func TestTextLayerTimeoutStopsTheReader(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	before := runtime.NumGoroutine()
	pipeline.SetTextLayerTimeout(s.runner, 20*time.Millisecond)
	path := filepath.Join(t.TempDir(), "slow.pdf")
	if err := os.WriteFile(path, pipelinetest.FormPDF(128<<10, 1900), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := s.runner.ProcessPaths(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if r := sum.Results[0]; r.Status != pipeline.DocSuccess {
		t.Errorf("slow text PDF: %s %s %q", r.Status, r.ErrorType, r.ErrorMessage)
	}
	s.runner.Close()
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); n > before && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if n > before {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines left running:\n%s", n-before, buf[:runtime.Stack(buf, true)])
	}
}

// A job cancelled while a text PDF (a second of reading, many under -race)
// is read in-process stops at once, and returns once the reader has
// stopped, not while it reads on.
func TestCancelledJobLeavesNoReader(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	path := filepath.Join(t.TempDir(), "slow.pdf")
	if err := os.WriteFile(path, pipelinetest.FormPDF(512<<10, 1900), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer time.AfterFunc(200*time.Millisecond, cancel).Stop()
	start := time.Now()
	sum, err := s.runner.ProcessPaths(ctx, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 1200*time.Millisecond {
		t.Errorf("the job took %v to stop; it was cancelled after 200 ms", took)
	}
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	if strings.Contains(stacks, "AnalyzeTextLayer") {
		t.Errorf("the in-process reader still runs after its job:\n%s", stacks)
	}
	if r := sum.Results[0]; r.Status != pipeline.DocSkipped {
		t.Errorf("cancelled document: %s %q", r.Status, r.ErrorMessage)
	}
}
