package reader

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"loanbatch/pdftext"
	"loanbatch/pipeline/pipelinetest"
)

// hostileEnv names the file a child test process reads (see
// TestHostileChild).
const hostileEnv = "LOANBATCH_HOSTILE_PDF"

// hostileReport is what the child process measured.
type hostileReport struct {
	Outcome    string  // "success", or the error's text
	Refused    bool    // the error is pdftext.ErrNeedsPDFium: the worker reads it
	Seconds    float64 // reading time
	PeakRSS    int64   // how far reading raised the process's peak resident memory (VmHWM), in bytes
	Goroutines int     // goroutines left running over the baseline
}

// maxHostileRSS is how far reading one hostile PDF may raise a child's
// peak resident memory: the 300 MB aim for the reader, times the
// race detector's shadow memory when the tests run with -race.
var maxHostileRSS = int64(300<<20) * raceFactor

// Every hostile construction of issue 14, generated fresh, read by the
// in-process reader in a process of its own: it must end in text or a
// refusal, quickly, with the process's peak memory bounded and no goroutine
// left behind.
func TestHostilePDFsStayWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode: the hostile PDFs take a child process each; make test runs them")
	}
	dir := t.TempDir()
	for _, h := range pipelinetest.HostilePDFs() {
		t.Run(h.Name, func(t *testing.T) {
			data := h.Make()
			path := filepath.Join(dir, h.Name+".pdf")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), hostileEnv+"="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			rep := parseHostileReport(t, out)
			t.Logf("%d KB file: %s in %.2f s, peak RSS %d MB, %d goroutines left",
				len(data)>>10, rep.Outcome, rep.Seconds, rep.PeakRSS>>20, rep.Goroutines)
			if rep.Outcome != "success" && !rep.Refused {
				t.Errorf("outcome %q is neither text nor a refusal for the worker", rep.Outcome)
			}
			if rep.PeakRSS > maxHostileRSS {
				t.Errorf("peak RSS %d MB, over %d MB", rep.PeakRSS>>20, maxHostileRSS>>20)
			}
			if rep.Seconds > 10*raceFactor {
				t.Errorf("took %.1f s", rep.Seconds)
			}
			if rep.Goroutines > 0 {
				t.Errorf("%d goroutines still running", rep.Goroutines)
			}
		})
	}
}

// TestHostileChild is the child process of TestHostilePDFsStayWithinBudget;
// run on its own it has no file to read and returns at once.
func TestHostileChild(t *testing.T) {
	path := os.Getenv(hostileEnv)
	if path == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	baseline := peakRSS(t)                                                   // the test binary's own: the runtime, PDFium's module, the race detector
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // the worker's in-process limit
	start := time.Now()
	_, err = New(Options{}).AnalyzeTextLayer(ctx, data, nil)
	rep := hostileReport{Outcome: "success", Seconds: time.Since(start).Seconds(), Refused: errors.Is(err, pdftext.ErrNeedsPDFium)}
	cancel()
	if err != nil {
		rep.Outcome = err.Error()
	}
	rep.Goroutines = settledGoroutines(before) - before
	rep.PeakRSS = peakRSS(t) - baseline
	b, _ := json.Marshal(rep)
	fmt.Printf("HOSTILE %s\n", b)
}

func parseHostileReport(t *testing.T, out []byte) hostileReport {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "HOSTILE "); ok {
			var rep hostileReport
			if err := json.Unmarshal([]byte(rest), &rep); err != nil {
				t.Fatal(err)
			}
			return rep
		}
	}
	t.Fatalf("child reported nothing:\n%s", out)
	return hostileReport{}
}

// settledGoroutines waits up to a second for goroutines to end, and
// returns how many are left.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

// peakRSS is this process's VmHWM from /proc/self/status, in bytes.
func peakRSS(tb testing.TB) int64 {
	tb.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				tb.Fatal(err)
			}
			return kb << 10
		}
	}
	tb.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// A reader told to stop stops within milliseconds, wherever it is: the
// context is looked at inside its loops, not only between pages.
func TestCancelStopsTheReader(t *testing.T) {
	slow := pipelinetest.FormPDF(512<<10, 1900) // a second or more of reading
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := New(Options{}).AnalyzeTextLayer(ctx, slow, nil)
	late := time.Since(start) - 150*time.Millisecond
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the context's", err)
	}
	if late > 300*time.Millisecond {
		t.Errorf("stopped %v after its deadline", late)
	}
	if n := settledGoroutines(before); n > before {
		t.Errorf("%d goroutines left running", n-before)
	}
}
